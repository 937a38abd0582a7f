"""Does a refit on one labelled set help on another? (``narrative fit``, measured.)

For each labelled set of ``scripts/benchmark_alignment.py`` whose corpus is built, the
same-fact parameters (:data:`narrative.fit.GRID`: ``embedding_weight`` and
``paraphrase_min``) are refitted on the set's gold file as ``narrative fit`` does,
with its cross-validated estimate (strict F1, folds by passage). The refitted
parameters are then applied to every other set and scored against that set's gold
(:func:`narrative.evaluate.evaluate_alignment`, strict F1) beside the defaults.

Usage::

    .venv/bin/python scripts/benchmark_fit.py [--sets NAME ...] [--markdown]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
from narrative import fit, pipeline
from narrative.evaluate import evaluate_alignment, read_gold

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))


def strict_f1(corpus: Path, gold: Path, params: dict[str, float]) -> float:
    """Strict F1 of the alignment at ``params`` (defaults for the rest) against ``gold``."""
    result = pipeline.run(corpus, **params)
    return evaluate_alignment(
        result.alignments, result.passages, result.cleaned, read_gold(gold)
    ).strict.f1


def _spread(values) -> str:
    return f"{values.mean():.2f} ({values.min():.2f}-{values.max():.2f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="*", help="set names (default: every built set)")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    args = parser.parse_args(argv)
    import benchmark_alignment as shared  # its labelled sets and table printer

    sets = [
        s
        for s in shared.SETS
        if (not args.sets or s.name in args.sets) and s.corpus.exists() and s.gold.exists()
    ]
    fits, rows = {}, []
    for labelled in sets:
        found = fit.fit(labelled.corpus, labelled.gold)
        fits[labelled.name] = found
        print(labelled.name, found.summary(), file=sys.stderr)
        rows.append(
            {
                "fitted on": labelled.name,
                "labelled pairs (same / not)": f"{found.same} / {found.different}",
                "refitted": " ".join(f"{k}={v:g}" for k, v in found.best.items()),
                "CV strict F1, refitted (fold range)": _spread(found.cv_fitted),
                "CV strict F1, defaults (fold range)": _spread(found.cv_current),
            }
        )
    shared.print_table(pd.DataFrame(rows), markdown=args.markdown)
    print()
    cross = []
    for source in sets:
        params = fits[source.name].best
        for target in sets:
            if target.name == source.name:
                continue
            before = strict_f1(target.corpus, target.gold, {})
            after = (
                strict_f1(target.corpus, target.gold, params)
                if fits[source.name].changes
                else before
            )
            cross.append(
                {
                    "fitted on": source.name,
                    "applied to": target.name,
                    "strict F1, defaults": f"{before:.2f}",
                    "strict F1, refitted": f"{after:.2f}",
                }
            )
            print(cross[-1], file=sys.stderr)
    shared.print_table(pd.DataFrame(cross), markdown=args.markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
