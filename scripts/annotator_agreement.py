"""How far do two annotators agree on the labelled sets, and where does the suite stand?

Each labelled set has its gold file (``data/gold/<set>.csv``) and, where one was made, a
second, independent labelling under the same rule (``data/gold/second/<set>.csv``, same
format; how it was made is in ``data/gold/README.md``). For each set this prints the strict
(and lax) F1 of one annotator's pairs scored against the other's, which bounds what an
aligner can be expected to reach on that rule, and the suite's F1 against each annotator,
its recall on the pairs both annotators made, and its precision against the pairs either
made.

Usage::

    .venv/bin/python scripts/annotator_agreement.py [--model NAME_OR_PATH]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmark_alignment import SETS, labelled_run  # noqa: E402
from narrative import config  # noqa: E402
from narrative.evaluate import predicted_pairs, score  # noqa: E402

SECOND = config.GOLD_DIR / "second"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=config.DEFAULT_MODEL, help="embedding model")
    args = parser.parse_args(argv)
    print(
        f"{'set':26} {'pairs 1st/2nd/both':>18}  {'2nd vs 1st F1 (P / R) lax':27}"
        f" {'suite vs 1st':>12} {'suite vs 2nd':>12} {'R on both':>9} {'P on either':>11}"
    )
    for labelled in SETS:
        second = SECOND / labelled.gold.name
        absent = next((p for p in (labelled.corpus, second) if not p.exists()), None)
        if absent is not None:
            print(f"skipped {labelled.name}: {absent} is absent", file=sys.stderr)
            continue
        # The second run on the same corpus and model is the pipeline's result from memory.
        result, _, rank, first = labelled_run(labelled, args.model)
        *_, other = labelled_run(replace(labelled, gold=second), args.model)
        suite = predicted_pairs(result.alignments, list(rank))
        agree, agree_lax = score(other, first), score(other, first, lax=True)
        both, either = first & other, first | other
        print(
            f"{labelled.name:26} {len(first):>6}/{len(other)}/{len(both):<5}"
            f"  {agree.f1:.2f} ({agree.precision:.2f} / {agree.recall:.2f}) {agree_lax.f1:.2f}"
            f"{'':9} {score(suite, first).f1:>12.2f} {score(suite, other).f1:>12.2f}"
            f" {score(suite, both).recall:>9.2f} {score(suite, either).precision:>11.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
