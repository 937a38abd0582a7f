"""How many answers a researcher needs before every claim of the report holds up.

A simulated reviewer answers the review notebook's questions from a gold file
(``data/gold/README.md``), each in one step (:func:`answer`): a pair is "same fact"
when the gold pairs its passages, else "not the same"; an absence claim ("only X
reports F", "Y leaves out F") is answered "candidate k reports it" for the first
passage shown that the gold pairs with F, else "show more" (one answer, which decides
nothing) while the gold pairs F with a passage not shown yet and a next page exists,
else "none of these"; a story unit is "all
one fact" when one gold fact is in every passage, else "passage k is another fact".
After every ``--step`` answers the decisions are applied
(:func:`narrative.review.apply_review`) and each claim type the report makes is
checked against the gold (:func:`narrative.evaluate.check_claims`: outlet-only,
leaves out, story unit, prominence, figures differ). Reported: the precision of each
claim type (in :data:`narrative.evaluate.CLAIM_TYPES` order) before any answer and
after 40; the answers until each type first reaches ``--goal`` (a type that makes no
claim makes no wrong one), and until all of them do (``-``: not within the budget).

Two orders are compared on the same questions: the notebook's
(:func:`narrative.review.review_queue`, recomputed on the report as answered so far)
and random orders of the first queue (``--seeds`` of them; the median is shown; a
question whose claim is gone by its turn is passed over). Sets are those of
``scripts/benchmark_alignment.py``; a set whose corpus is not built is skipped.

Usage::

    .venv/bin/python scripts/benchmark_review.py [--budget 200] [--step 5] [--markdown]
        [--save DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from narrative import pipeline, review
from narrative.evaluate import check_claims, figure_gold_for, gold_pairs, locate, read_gold

REPO = Path(__file__).resolve().parents[1]


def _benchmark_alignment():
    """``benchmark_alignment.py``, whose labelled sets and table printer this script shares."""
    spec = importlib.util.spec_from_file_location(
        "benchmark_alignment", REPO / "scripts" / "benchmark_alignment.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["benchmark_alignment"] = module
    spec.loader.exec_module(module)
    return module


def precisions(result: pipeline.Result, gold: pd.DataFrame, figures) -> dict[str, float]:
    """Precision of each claim type (nan when none is made or the gold cannot judge it)."""
    checks, _ = check_claims(result, gold, figures)
    return {c.claim: (c.precision if c.labelled else math.nan) for c in checks}


def holds(scores: dict[str, float], goal: float) -> bool:
    """Whether every claim type that makes claims is at least ``goal`` precise."""
    return all(math.isnan(p) or p >= goal for p in scores.values())


def odd_one(members: list[tuple[str, int]], facts_of: dict) -> int | None:
    """The gold's answer to a story unit: ``None`` when one gold fact is in every passage,
    else the passage to split off (the first whose removal leaves one fact in all the
    others; else the first without the fact most of them carry)."""

    def core(keys):
        sets = [facts_of.get(k, set()) for k in keys]
        return set.intersection(*sets) if sets else set()

    if core(members):
        return None
    for n in range(len(members)):
        if core(members[:n] + members[n + 1 :]):
            return n
    counts: dict[str, int] = {}
    for m in members:
        for f in facts_of.get(m, set()):
            counts[f] = counts.get(f, 0) + 1
    common = max(counts, key=counts.get) if counts else None
    return next((n for n, m in enumerate(members) if common not in facts_of.get(m, set())), 0)


#: The simulated reviewer's answer "show more" to an absence question.
MORE = "more"


def counterpart_elsewhere(machine: pipeline.Result, row, same: set[frozenset]) -> bool:
    """Whether the gold pairs the fact of an absence question with a passage not shown.

    The passage must be of an outlet the question searches (any other outlet for
    "only X reports F", Y for "Y leaves out F") and not on any page shown so far.
    """
    shown = [*row.seen, *row.candidates]
    sources = {(row.doc_a, int(row.passage_a)), *(c.source for c in shown)}
    seen = {c.passage for c in shown}
    outlet_of = dict(zip(machine.passages["doc_id"], machine.passages["outlet"], strict=False))
    own = {outlet_of[s[0]] for s in sources}
    for pair in same:
        if len(pair & sources) != 1:
            continue
        (other,) = pair - sources
        outlet = outlet_of.get(other[0])
        wanted = outlet == row.outlet_b if row.claims == "leaves out" else outlet not in own
        if wanted and other not in seen:
            return True
    return False


def answer(
    machine: pipeline.Result, row, same: set[frozenset], facts_of: dict
) -> list[review.Decision] | str:
    """The gold's answer to one question, in one step.

    A pair is ``same`` when the gold pairs its passages, else ``different``. An
    absence question is answered "candidate k reports it" for the first candidate
    the gold pairs with one of the fact's passages shown; else :data:`MORE` ("show
    more", one answer) when the gold pairs the fact with a passage of a searched
    outlet not shown yet and there is a next page (a reader who knows the outlet
    reports it looks further); else "none of these". A story unit is "all one fact"
    or "passage k is another fact" (:func:`odd_one`).
    """
    if row.question == review.UNIT:
        odd = odd_one([c.passage for c in row.candidates], facts_of)
        return review.unit_decisions(machine, row._asdict(), odd)
    if row.question == review.ABSENCE:
        sources = {(row.doc_a, int(row.passage_a)), *(c.source for c in row.candidates)}
        chosen = next(
            (
                n
                for n, c in enumerate(row.candidates)
                if any(frozenset((s, c.passage)) in same for s in sources)
            ),
            None,
        )
        if chosen is not None:
            c = row.candidates[chosen]
            source = next(s for s in sources if frozenset((s, c.passage)) in same)
            row = row._replace(candidates=[c._replace(source=source)], seen=[])
            chosen = 0
        elif row.more and counterpart_elsewhere(machine, row, same):
            return MORE
        return review.absence_decisions(machine, row._asdict(), chosen)
    key = review.queue_key(row)
    kind = review.SAME if key in same else review.DIFFERENT
    a, b = (row.doc_a, int(row.passage_a)), (row.doc_b, int(row.passage_b))
    return [review.decision_for(machine, kind, a, b)]


def simulate(
    machine: pipeline.Result,
    gold: pd.DataFrame,
    figures,
    same: set[frozenset],
    facts_of: dict,
    *,
    seed: int | None,
    budget: int,
    step: int,
    goal: float,
) -> tuple[
    int | None,
    dict[str, float],
    dict[str, float],
    dict[str, int | None],
    list[review.Decision],
    int,
    tuple[int, int],
]:
    """Answer questions from the gold until every claim holds up or the budget runs out.

    Args:
        machine: The machine's run.
        gold: Gold rows.
        figures: Figure labels, or ``None``.
        same: Gold same-fact pairs, as ``frozenset`` of two ``(doc_id, passage_id)``.
        facts_of: Gold facts of each ``(doc_id, passage_id)``.
        seed: ``None`` for the notebook's order, else the seed of a random order.
        budget: Most answers.
        step: Claims are checked after every ``step`` answers.
        goal: Precision every claim type must reach.

    Returns:
        ``(answers needed or None, precision at the start, precision at 40 answers (or
        when every type held), answers until each claim type first held, the decisions,
        how many answers were "show more", (absence claims that appeared after some
        answer, how many of them were asked): notebook order only)``.
    """
    decisions: list[review.Decision] = []
    current = machine
    start = precisions(machine, gold, figures)
    at_40 = start
    fixed = None
    if seed is not None:
        keys = [review.queue_key(r) for r in review.review_queue(machine).itertuples(index=False)]
        fixed = [keys[i] for i in np.random.default_rng(seed).permutation(len(keys))]
    asked: set[frozenset] = set()
    pages: dict[frozenset, int] = {}
    mores = 0
    # Absence claims the report makes only after some answers (a rejected candidate can
    # leave a fact to one outlet): when each first appears in the queue, and whether asked.
    initial = {
        review.queue_key(r)
        for r in review.review_queue(machine).itertuples(index=False)
        if r.question == review.ABSENCE
    }
    appeared: set[frozenset] = set()
    reached: dict[str, int | None] = dict.fromkeys(start)
    for n in range(budget + 1):
        if n % step == 0 or n == 40:
            scores = start if n == 0 else precisions(current, gold, figures)
            for claim, p in scores.items():
                if reached[claim] is None and (math.isnan(p) or p >= goal):
                    reached[claim] = n
            if n == 40:
                at_40 = scores
            if holds(scores, goal):
                new = (len(appeared), len(appeared & asked))
                return n, start, at_40 if n >= 40 else scores, reached, decisions, mores, new
        located = review.locate_decisions(decisions, machine.cleaned, machine.passages)
        if fixed is not None:
            # The random order's questions, as they stand now (an absence claim may be gone).
            now = {
                review.queue_key(r): r
                for r in review.review_queue(current, located, pages=pages).itertuples(index=False)
            }
            row = next((now[k] for k in fixed if k not in asked and k in now), None)
        else:
            queue = review.review_queue(current, located, pages=pages)
            appeared |= {
                review.queue_key(r)
                for r in queue.itertuples(index=False)
                if r.question == review.ABSENCE
            } - initial
            row = next(
                (r for r in queue.itertuples(index=False) if review.queue_key(r) not in asked),
                None,
            )
        if row is None:
            break
        given = answer(machine, row, same, facts_of)
        if given == MORE:
            # "Show more" decides nothing: the same question, its next page, is asked next.
            pages[review.queue_key(row)] = int(row.page) + 1
            mores += 1
            continue
        asked.add(review.queue_key(row))
        decisions.extend(given)
        current = review.apply_review(machine, decisions)
    return None, start, at_40, reached, decisions, mores, (len(appeared), len(appeared & asked))


def _show(scores: dict[str, float]) -> str:
    return " ".join("-" if math.isnan(p) else f"{p:.2f}" for p in scores.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=int, default=200, help="most answers per run")
    parser.add_argument("--step", type=int, default=5, help="check the claims every N answers")
    parser.add_argument("--goal", type=float, default=0.95, help="precision every claim must reach")
    parser.add_argument("--seeds", type=int, default=3, help="random orders to compare")
    parser.add_argument("--sets", nargs="*", help="set names (default: every built set)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument(
        "--save", type=Path, help="write the notebook order's decisions to DIR/<set>.csv"
    )
    args = parser.parse_args(argv)
    rows = []
    shared = _benchmark_alignment()
    for labelled in shared.SETS:
        if args.sets and labelled.name not in args.sets:
            continue
        if not labelled.corpus.exists():
            print(f"skipped {labelled.name}: {labelled.corpus} is absent", file=sys.stderr)
            continue
        machine = pipeline.run(labelled.corpus)
        gold = read_gold(labelled.gold)
        figures = figure_gold_for(labelled.gold)
        located, _ = locate(gold, machine.cleaned, machine.passages)
        order = list(dict.fromkeys(machine.passages["doc_id"]))
        outlet_of = dict(zip(machine.passages["doc_id"], machine.passages["outlet"], strict=False))
        same = {
            frozenset(((da, pa), (db, pb)))
            for da, pa, db, pb in gold_pairs(located, outlet_of, order)
        }
        kw = {"budget": args.budget, "step": args.step, "goal": args.goal}
        facts_of: dict = {}
        for row in located.itertuples(index=False):
            facts_of.setdefault((row.doc_id, int(row.passage_id)), set()).add(row.fact_id)
        args_ = (machine, gold, figures, same, facts_of)
        needed, start, at_40, reached, made, mores, new = simulate(*args_, seed=None, **kw)
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            review.write_decisions(args.save / f"{labelled.name}.csv", made)
        randoms = [simulate(*args_, seed=s, **kw) for s in range(args.seeds)]
        finite = [r[0] if r[0] is not None else math.inf for r in randoms]
        median = float(np.median(finite)) if finite else math.inf
        rows.append(
            {
                "set": labelled.name,
                "questions": len(review.review_queue(machine)),
                "precision before": _show(start),
                "precision after 40 (notebook order)": _show(at_40),
                "precision after 40 (random, seed 0)": _show(randoms[0][2]) if randoms else "-",
                "answers until each type >= goal (notebook order)": " ".join(
                    "-" if n is None else str(n) for n in reached.values()
                ),
                "answers until all >= goal (notebook order)": needed if needed is not None else "-",
                "of which show more": mores,
                "new absence claims (asked)": f"{new[0]} ({new[1]})",
                "random order (median)": "-" if math.isinf(median) else int(median),
            }
        )
        print(rows[-1], file=sys.stderr)
    shared.print_table(pd.DataFrame(rows), markdown=args.markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
