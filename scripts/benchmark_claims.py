"""Score the claims the report makes against every labelled set: is each claim right?

A researcher cites findings, not aligned pairs. For every gold file in ``data/gold/``
(``<set>.csv``; its corpus is ``data/corpora/<set>`` or ``.cache/dev-corpora/<set>``)
this runs the suite once at its defaults, draws the claims the report's pages make
(:func:`narrative.coverage.analyse`, as notebook 02 does, and the figure findings of
notebook 04) and checks each against the gold (:mod:`narrative.evaluate`):

* ``outlet-only``: "only this outlet reports": wrong when the gold has the fact in
  another outlet's article;
* ``leaves out``: "most outlets report F, X leaves it out": wrong when X carries F;
* ``story unit``: right when one gold fact is carried by every passage of the unit;
* ``prominence``: "X puts F on top, Y buries it": right when both passages carry one
  gold fact and Y carries it nowhere higher;
* ``figures differ``: right when every pair of figures in the finding is labelled the
  same quantity of the same thing in ``data/gold/figures/<set>.csv``.

The absence claims (``outlet-only``, ``leaves out``) are made only where no plausible
counterpart exists; the candidates withheld for a possible counterpart are shown on the
page as "not claimed". They are scored in a second table (``withheld``): how many, and
the share the gold would have borne out, which is what asserting them would cost.

For each: how many claims are made, precision, and recall (the share of the claims the
gold makes true that the report makes), each with a 95% bootstrap interval (the claims,
and the true claims, resampled 2,000 times with a fixed seed). ``--dump-figures`` prints,
for labelling, every figure pair the suite lists that a figure gold file does not yet
label. ``--prominence-ceiling`` prints how far aligned pairs could carry prominence
claims at all, by tier of evidence (:func:`prominence_ceiling`). ``--unit-detail`` prints
what the story-unit recall does not show (:func:`narrative.evaluate.unit_detail`) and, for
each shared fact no pure unit has in its core, the strongest evidence between two of its
outlets' passages (:func:`unit_misses`). The defaults were tuned
on ``astana-2017`` and ``fakes-2016-07-05-hasakeh``; every other set is held out, except
for the claim types whose rules were changed after scoring it (:data:`TUNED_ON`). A set
with figure labels only (``figures/<set>.csv``, no ``<set>.csv``) gets the
``figures differ`` row alone.

Usage::

    .venv/bin/python scripts/benchmark_claims.py [--markdown] [--errors] [--dump-figures]
        [--prominence-ceiling] [--unit-detail] [--gold-dir DIR] [--set NAME ...] [--write]
        [-p NAME=VALUE ...]

``-p`` sets a run parameter as the report's command does (``-p model=models/all-mpnet-base-v2``
scores the claims the suite makes with that model; the claims table in ``data/claims.csv``,
which the front page reads, is of the defaults, so ``--write`` refuses a changed parameter).
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from narrative import config, coverage, pipeline
from narrative.cli import add_param_option
from narrative.evaluate import (
    CLAIM_TYPES,
    FIGURE_GOLD_COLUMNS,
    ClaimCheck,
    GoldFacts,
    check_claims,
    check_figures,
    check_omissions,
    check_outlet_only,
    figure_gold_for,
    locate,
    read_gold,
    unit_detail,
)
from narrative.params import ParameterError, parse_assignments

REPO = Path(__file__).resolve().parents[1]
DEV_CORPORA = REPO / ".cache" / "dev-corpora"
EXTERNAL = REPO.parent / "shared" / "external"
DEV_SETS = ("astana-2017", "fakes-2016-07-05-hasakeh")
#: Sets a claim type's rules were changed on after scoring them: no longer held out for it.
TUNED_ON = {
    "figures differ": (
        "ecbplus-1-ecbplus",
        "ecbplus-21-ecbplus",
        "fakes-2016-07-27-hasakeh",
        "fakes-2017-04-15-aleppo",
        # session 12's audit: rules changed after their held-out score (Idlib 1 of 3 findings
        # right, recall 0.31; Damascus 1 of 1, recall 0.50)
        "fakes-2016-07-02-damascus",
        "fakes-2017-04-04-idlib",
    )
}
RESAMPLES = 2000


@dataclass(frozen=True)
class LabelledSet:
    """A labelled set: its corpus folder, its gold file, and whether the defaults were tuned on it.

    ``gold`` is ``None`` for a set with figure labels only (``figures/<set>.csv`` and no
    ``<set>.csv``): only its "figures differ" claims can be scored.
    """

    name: str
    corpus: Path
    gold: Path | None
    role: str


def labelled_sets(
    gold_dir: Path = config.GOLD_DIR, *, figure_dir: Path = config.GOLD_DIR / "figures"
) -> list[LabelledSet]:
    """Every gold file of ``gold_dir``, and every figure gold file of ``figure_dir`` without one.

    Args:
        gold_dir: Folder of ``<set>.csv`` gold files.
        figure_dir: Folder of ``<set>.csv`` figure gold files; a set labelled there only
            joins with ``gold=None``.

    Returns:
        One set per name, in name order (development sets first); the corpus is
        ``data/corpora/<set>`` when that exists, else ``.cache/dev-corpora/<set>``.
    """
    golds = {p.stem: p for p in gold_dir.glob("*.csv")}
    names = golds.keys() | {p.stem for p in figure_dir.glob("*.csv")}
    sets = []
    for name in names:
        shipped = config.CORPORA_DIR / name
        corpus = shipped if shipped.exists() else DEV_CORPORA / name
        role = "dev" if name in DEV_SETS else "held-out"
        sets.append(LabelledSet(name, corpus, golds.get(name), role))
    return sorted(sets, key=lambda s: (s.role != "dev", s.name))


def build_args(sets: list[LabelledSet]) -> list[str]:
    """Arguments of ``make_dev_corpora.py`` that build the one-event corpora of these sets.

    ``newswcl50-event-N`` is built with ``--newswcl50-event N``, ``ecbplus-T-ecb[plus]``
    with ``--ecbplus-event T-ecb[plus]`` and ``fakes-YYYY-MM-DD-PLACE`` with ``--fakes-group
    "YYYY-MM-DD|PLACE"`` (a hyphen in the place read as a space); the BASIL set and the
    default FA-KES group are built anyway.
    """
    args = []
    for labelled in sets:
        if labelled.name.startswith("newswcl50-event-"):
            args += ["--newswcl50-event", labelled.name.removeprefix("newswcl50-event-")]
        elif labelled.name.startswith("ecbplus-"):
            args += ["--ecbplus-event", labelled.name.removeprefix("ecbplus-")]
        elif re.fullmatch(r"fakes-\d{4}-\d{2}-\d{2}-.+", labelled.name):
            date, place = labelled.name[6:16], labelled.name[17:]
            args += ["--fakes-group", f"{date}|{place.replace('-', ' ')}"]
    return args


def bootstrap(
    values: list[bool], *, resamples: int = RESAMPLES, seed: int = 0
) -> tuple[float, float]:
    """95% interval of a share by resampling its items with replacement (nan when empty)."""
    if not values:
        return (float("nan"), float("nan"))
    draws = np.random.default_rng(seed).integers(0, len(values), size=(resamples, len(values)))
    shares = np.asarray(values, dtype=float)[draws].mean(axis=1)
    low, high = np.percentile(shares, [2.5, 97.5])
    return (round(float(low), 2), round(float(high), 2))


def row_of(labelled: LabelledSet, check: ClaimCheck) -> dict[str, object]:
    """One line of the claims table (shares rounded to 0.01; nan where nothing to share).

    The role is ``dev`` for a set the claim type's rules were changed on (:data:`TUNED_ON`).
    """
    nan = float("nan")
    p_low, p_high = bootstrap(check.right) if check.labelled else (nan, nan)
    r_low, r_high = bootstrap(check.kept) if check.labelled else (nan, nan)
    return {
        "set": labelled.name,
        "role": "dev" if labelled.name in TUNED_ON.get(check.claim, ()) else labelled.role,
        "claim": check.claim,
        "made": check.made,
        "right": sum(check.right) if check.labelled else nan,
        "precision": round(check.precision, 2) if check.labelled else nan,
        "precision_low": p_low,
        "precision_high": p_high,
        "true": len(check.kept) if check.labelled else nan,
        "kept": sum(check.kept) if check.labelled else nan,
        "recall": round(check.recall, 2) if check.labelled else nan,
        "recall_low": r_low,
        "recall_high": r_high,
    }


def _cell(value: float) -> str:
    return "-" if value != value else f"{value:.2f}"


def shown(table: pd.DataFrame) -> pd.DataFrame:
    """The claims table as printed: precision and recall with their intervals."""
    out = table[["set", "role", "claim", "made"]].copy()
    out["precision (95% CI)"] = [
        f"{_cell(r.precision)} ({_cell(r.precision_low)} to {_cell(r.precision_high)})"
        if r.precision == r.precision
        else "-"
        for r in table.itertuples(index=False)
    ]
    out["true"] = [
        "-" if r.true != r.true else str(int(r.true)) for r in table.itertuples(index=False)
    ]
    out["recall (95% CI)"] = [
        f"{_cell(r.recall)} ({_cell(r.recall_low)} to {_cell(r.recall_high)})"
        if r.recall == r.recall
        else "-"
        for r in table.itertuples(index=False)
    ]
    return out


def withheld_checks(result: pipeline.Result, gold: pd.DataFrame) -> list[ClaimCheck]:
    """The absence claims withheld for a possible counterpart, checked as if they were made.

    Returns:
        Two checks, ``outlet-only`` and ``leaves out``, of the rows whose status is
        ``possible counterpart``.
    """
    located, _ = locate(gold, result.cleaned, result.passages)
    facts = GoldFacts(located, result.passages)
    found = coverage.analyse(result)
    exclusive, omitted = found.exclusives, found.omissions
    return [
        check_outlet_only(
            exclusive[exclusive["status"] == "possible counterpart"], facts, result.passages
        ),
        check_omissions(
            omitted[omitted["status"] == "possible counterpart"],
            found.asked,
            facts,
            result.event_of,
            published={d.doc_id: d.published for d in result.corpus.documents},
        ),
    ]


def print_table(printed: pd.DataFrame, *, markdown: bool) -> None:
    """Print a shown table, as Markdown or as plain text."""
    if markdown:
        print("| " + " | ".join(printed.columns) + " |")
        print("|" + "---|" * len(printed.columns))
        for row in printed.itertuples(index=False):
            print("| " + " | ".join(str(v) for v in row) + " |")
    else:
        print(printed.to_string(index=False))


def unlabelled_figures(result: pipeline.Result, labels: pd.DataFrame | None) -> list[dict]:
    """Figure pairs the suite lists that ``labels`` does not label, as figure gold rows."""
    from narrative.evaluate import figure_label

    rows = []
    for r in result.number_disagreements.itertuples(index=False):
        if labels is not None and figure_label(r, labels) is not None:
            continue
        rows.append(
            {
                "doc_a": r.doc_a,
                "surface_a": r.surface_a,
                "snippet_a": _snippet(r.text_a, r.start_a, r.end_a),
                "doc_b": r.doc_b,
                "surface_b": r.surface_b,
                "snippet_b": _snippet(r.text_b, r.start_b, r.end_b),
                "same": "",
                "note": "",
            }
        )
    return rows


def prominence_ceiling(result: pipeline.Result, gold: pd.DataFrame) -> list[dict[str, object]]:
    """How far aligned pairs could carry a prominence claim, by tier of evidence.

    Every ``reuse`` or ``paraphrase`` pair of two outlets' passages, one on top (headline,
    standfirst or lede) and one in the second half, is a candidate claim "X puts it on top,
    Y buries it"; it is right when both passages carry one labelled fact that Y carries
    nowhere higher (as :func:`narrative.evaluate.check_prominence` judges a claim).

    Returns:
        One row per tier (``reuse``, firm ``paraphrase``, other ``paraphrase``, and all
        together): ``candidates``, ``right``, and ``reachable``, how many of the ``true``
        prominence claims of the labels the tier's right candidates make.
    """
    from narrative.coverage import BANDS, placement_bands
    from narrative.evaluate import GoldFacts, locate
    from narrative.units import firm_pairs
    from narrative.vocab import REUSE, SAME_FACT

    top, buried = ("headline", "standfirst", "lede"), ("second half",)
    passages = result.passages
    keys = list(zip(passages["doc_id"], passages["passage_id"].astype(int), strict=True))
    band = dict(zip(keys, placement_bands(passages), strict=True))
    facts = GoldFacts(locate(gold, result.cleaned, passages)[0], passages)
    best: dict[tuple[str, str], str] = {}
    for fact, members in facts.passages_of.items():
        for m in members:
            key = (fact, facts.outlet_of[m[0]])
            if key not in best or BANDS.index(band[m]) < BANDS.index(best[key]):
                best[key] = band[m]
    true = {
        (fact, high, low)
        for fact, outlets in facts.outlets_of.items()
        for high in outlets
        for low in outlets - {high}
        if best[(fact, high)] in top and best[(fact, low)] in buried
    }
    firm = {
        frozenset({(r.doc_a, int(r.passage_a)), (r.doc_b, int(r.passage_b))})
        for r in firm_pairs(result.alignments).itertuples(index=False)
    }
    tiers: dict[str, list[set]] = {"reuse": [], "firm paraphrase": [], "other paraphrase": []}
    for r in result.alignments[result.alignments["relation"].isin(SAME_FACT)].itertuples(
        index=False
    ):
        a, b = (r.doc_a, int(r.passage_a)), (r.doc_b, int(r.passage_b))
        if a[0] not in facts.docs or b[0] not in facts.docs or r.outlet_a == r.outlet_b:
            continue
        if r.relation == REUSE:
            tier = "reuse"
        else:
            tier = "firm paraphrase" if frozenset({a, b}) in firm else "other paraphrase"
        for (high, outlet_high), (low, outlet_low) in (
            ((a, r.outlet_a), (b, r.outlet_b)),
            ((b, r.outlet_b), (a, r.outlet_a)),
        ):
            if band[high] in top and band[low] in buried:
                shared = facts.facts(high) & facts.facts(low)
                tiers[tier].append({(f, outlet_high, outlet_low) for f in shared} & true)
    tiers["all"] = [c for found in list(tiers.values()) for c in found]
    return [
        {
            "tier": tier,
            "candidates": len(found),
            "right": sum(bool(c) for c in found),
            "true": len(true),
            "reachable": len(set().union(*found)) if found else 0,
        }
        for tier, found in tiers.items()
    ]


#: The steps a shared fact's passages must pass to make a story unit, weakest first.
UNIT_STEPS = (
    "no aligned pair",
    "related only",
    "same fact, not firm",
    "firm, too few rare terms",
    "would build (its passages are in other units)",
)


def unit_misses(result: pipeline.Result, facts: GoldFacts) -> dict[str, int]:
    """Why the shared facts no pure unit has in its core are missed.

    For each such fact (carried by two or more outlets), the furthest step of
    :data:`UNIT_STEPS` that a pair of its passages in two outlets reaches: aligned at
    all, as the same fact, firmly (:func:`narrative.units.firm_pairs`), with enough
    rare terms in common (:func:`narrative.units.rare_terms`) to build a unit.

    Returns:
        ``{step: facts}`` for every step of :data:`UNIT_STEPS`.
    """
    from narrative.units import RARE_MIN, firm_pairs, rare_terms
    from narrative.vocab import REUSE, SAME_FACT

    alignments = result.alignments
    rare = rare_terms(result.passages, alignments)
    firm = {
        frozenset({(r.doc_a, int(r.passage_a)), (r.doc_b, int(r.passage_b))})
        for r in firm_pairs(alignments).itertuples(index=False)
    }
    step_of: dict[frozenset, int] = {}
    for r in alignments.itertuples(index=False):
        a, b = (r.doc_a, int(r.passage_a)), (r.doc_b, int(r.passage_b))
        key = frozenset({a, b})
        if r.relation not in SAME_FACT:
            step = 1
        elif key not in firm:
            step = 2
        elif r.relation != REUSE and len(rare.get(a, set()) & rare.get(b, set())) < RARE_MIN:
            step = 3
        else:
            step = 4
        step_of[key] = max(step, step_of.get(key, 0))
    found = set()
    for passages in {
        u: [(d, int(p)) for d, p in zip(g["doc_id"], g["passage_id"], strict=True)]
        for u, g in result.units.groupby("unit_id")
    }.values():
        found |= facts.core(passages)
    counts = dict.fromkeys(UNIT_STEPS, 0)
    for fact, outlets in facts.outlets_of.items():
        if len(outlets) < 2 or fact in found:
            continue
        passages = sorted(facts.passages_of[fact])
        reached = max(
            (
                step_of.get(frozenset({a, b}), 0)
                for i, a in enumerate(passages)
                for b in passages[i + 1 :]
                if facts.outlet_of[a[0]] != facts.outlet_of[b[0]]
            ),
            default=0,
        )
        counts[UNIT_STEPS[reached]] += 1
    return counts


def _snippet(text: str, start: int, end: int, *, reach: int = 30) -> str:
    """The figure with up to ``reach`` characters either side, cut at word breaks."""
    left = text.rfind(" ", 0, max(start - reach, 0)) + 1 if start > reach else 0
    right = text.find(" ", min(end + reach, len(text)))
    return text[left : right if right >= 0 else len(text)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--errors", action="store_true", help="list every wrong claim")
    parser.add_argument(
        "--dump-figures",
        action="store_true",
        help="print the figure pairs no figure gold file labels yet (CSV, to label)",
    )
    parser.add_argument(
        "--prominence-ceiling",
        action="store_true",
        help="print, per set and tier of evidence, how many aligned pairs could make a"
        " prominence claim, how many would be right, and how many true claims they reach",
    )
    parser.add_argument(
        "--unit-detail",
        action="store_true",
        help="print, per set, the story units' purity, split facts and share of each fact's"
        " outlets held, and why the missed shared facts are missed",
    )
    parser.add_argument(
        "--gold-dir",
        type=Path,
        default=config.GOLD_DIR,
        help="folder of <set>.csv gold files (data/gold/second: the second labelling)",
    )
    parser.add_argument(
        "--write",
        action="store_true",
        help=f"also write the table to {config.CLAIMS_TABLE.relative_to(REPO)}, where the"
        " report's front page reads which claims meet the standard",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME",
        help="score only this set (repeatable; default every labelled set)",
    )
    add_param_option(parser)
    args = parser.parse_args(argv)
    try:
        params = parse_assignments(args.param)
    except ParameterError as error:
        parser.error(str(error))
    if params and args.write:
        parser.error("--write stores the defaults' table; it cannot be used with -p")
    sets = labelled_sets(args.gold_dir)
    if args.set:
        unknown = sorted(set(args.set) - {s.name for s in sets})
        if unknown:
            parser.error(f"no labelled set {', '.join(unknown)}")
        sets = [s for s in sets if s.name in args.set]
    if EXTERNAL.is_dir():
        subprocess.run(
            [sys.executable, str(REPO / "scripts" / "make_dev_corpora.py"), *build_args(sets)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    rows, withheld, dumped, ceiling, detail = [], [], [], [], []
    for labelled in sets:
        if not labelled.corpus.exists():
            print(f"skipped {labelled.name}: {labelled.corpus} is absent", file=sys.stderr)
            continue
        result = pipeline.run(labelled.corpus, **params)
        # figure labels do not depend on the fact labelling: always those of data/gold/figures
        figures = figure_gold_for(config.GOLD_DIR / f"{labelled.name}.csv")
        if labelled.gold is None:
            checks, warnings = [check_figures(result.number_disagreements, figures)], []
        else:
            checks, warnings = check_claims(result, read_gold(labelled.gold), figures)
            withheld += [
                row_of(labelled, c) for c in withheld_checks(result, read_gold(labelled.gold))
            ]
        for line in warnings:
            print(f"warning: {labelled.name}: {line}", file=sys.stderr)
        for check in checks:
            rows.append(row_of(labelled, check))
            if args.errors:
                for example in check.examples:
                    print(f"{labelled.name} {check.claim}: {example}", file=sys.stderr)
        if args.dump_figures:
            dumped += [{"set": labelled.name} | r for r in unlabelled_figures(result, figures)]
        if labelled.gold is None:
            continue
        if args.prominence_ceiling:
            gold = read_gold(labelled.gold)
            ceiling += [{"set": labelled.name} | r for r in prominence_ceiling(result, gold)]
        if args.unit_detail:
            located, _ = locate(read_gold(labelled.gold), result.cleaned, result.passages)
            facts = GoldFacts(located, result.passages)
            detail.append(
                {"set": labelled.name}
                | unit_detail(result.units, facts)
                | unit_misses(result, facts)
            )
    if args.dump_figures:
        writer = csv.DictWriter(sys.stdout, fieldnames=["set", *FIGURE_GOLD_COLUMNS, "note"])
        writer.writeheader()
        writer.writerows(dumped)
        return 0
    if args.prominence_ceiling:
        print(pd.DataFrame(ceiling).to_string(index=False))
        return 0
    if args.unit_detail:
        print(pd.DataFrame(detail).T.to_string(header=False))
        return 0
    table = pd.DataFrame(rows)
    table["_order"] = table["claim"].map(CLAIM_TYPES.index)
    table = table.sort_values(["_order"], kind="stable").drop(columns="_order")
    if args.write:
        table.to_csv(config.CLAIMS_TABLE, index=False)
    print_table(shown(table), markdown=args.markdown)
    if not withheld:
        return 0
    held = pd.DataFrame(withheld)
    held = held.assign(_order=held["claim"].map(CLAIM_TYPES.index)).sort_values(
        "_order", kind="stable"
    )
    print("\nwithheld (a possible counterpart; listed on the page as not claimed):")
    print_table(shown(held.drop(columns="_order")), markdown=args.markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
