"""Measure the event grouping on corpora whose true events are known.

With no event given to any article (``events=cluster``, so that the grouping
itself is measured, not the ``auto`` shortcut), prints the adjusted Rand index
(ARI) of the grouping against the true events, and the events found, for:

1. **ECB+** topics 1-22 (``.cache/dev-corpora/ecbplus``, built by
   ``make_dev_corpora.py --ecbplus``; true events in ``events-truth.csv``): all
   462 articles, then the odd and the even topics apart (the thresholds were set
   looking at all of them; the two halves show how much the figure moves);
2. **every ECB+ event alone**: how many of the 40 stay one event;
3. **BASIL** (``../shared/external/basil``) without its events;
4. **NewsWCL50** (``.cache/dev-corpora/newswcl50``, ``--newswcl50``).

A corpus that is absent is said so and skipped.

Usage::

    .venv/bin/python scripts/benchmark_events.py [--dev DIR] [--basil DIR]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

from narrative import config
from narrative.cleaning import CleanDocument, clean_document
from narrative.events import document_table, group_events, lead_text
from narrative.readers import load_any
from sklearn.metrics import adjusted_rand_score

DEV = config.PROJECT_ROOT / ".cache" / "dev-corpora"
BASIL = config.PROJECT_ROOT.parent / "shared" / "external" / "basil"


def grouped(cleaned: list[CleanDocument]) -> list[str]:
    """The events found for cleaned articles, none of their own events used."""
    table = document_table(cleaned).assign(event="")
    texts = [c.text for c in cleaned]
    leads = [lead_text(c) for c in cleaned]
    return group_events(table, texts, leads=leads, mode="cluster").labels


def score(name: str, cleaned: list[CleanDocument], truth: list[str]) -> None:
    """Print the ARI and the number of events found against the true ones."""
    start = time.perf_counter()
    found = grouped(cleaned)
    seconds = time.perf_counter() - start
    print(
        f"{name:34} ARI {adjusted_rand_score(truth, found):.3f}  "
        f"{len(set(found)):3d} events found for {len(set(truth)):3d}  "
        f"({len(cleaned)} articles, {seconds:.1f} s)"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=DEV, help="dev corpora folder")
    parser.add_argument("--basil", type=Path, default=BASIL, help="BASIL folder")
    args = parser.parse_args(argv)
    ecb = args.dev / "ecbplus"
    if (ecb / "events-truth.csv").is_file():
        truth_of = dict(csv.reader((ecb / "events-truth.csv").open(encoding="utf-8")))
        cleaned = [clean_document(d) for d in load_any(ecb).documents]
        truth = [truth_of[c.doc.doc_id] for c in cleaned]
        score("ECB+ topics 1-22", cleaned, truth)
        for half, parity in (("odd", 1), ("even", 0)):
            rows = [i for i, t in enumerate(truth) if int(t.split("-")[0]) % 2 == parity]
            score(
                f"ECB+ {half} topics",
                [cleaned[i] for i in rows],
                [truth[i] for i in rows],
            )
        split = []
        for event in dict.fromkeys(truth):
            rows = [i for i, t in enumerate(truth) if t == event]
            parts = len(set(grouped([cleaned[i] for i in rows])))
            if parts > 1:
                split.append(f"{event} ({parts} parts of {len(rows)} articles)")
        events = len(set(truth))
        print(
            f"{'ECB+ each event alone':34} {events - len(split)} of {events} stay one event"
            + (f"; split: {', '.join(split)}" if split else "")
        )
    else:
        print(f"skipped ECB+: {ecb} is absent (make_dev_corpora.py --ecbplus)")
    if args.basil.is_dir():
        documents = load_any(args.basil).documents
        score(
            "BASIL, events removed",
            [clean_document(d) for d in documents],
            [d.event for d in documents],
        )
    else:
        print(f"skipped BASIL: {args.basil} is absent")
    wcl = args.dev / "newswcl50"
    if wcl.is_dir():
        documents = load_any(wcl).documents
        score(
            "NewsWCL50, events removed",
            [clean_document(d) for d in documents],
            [d.event for d in documents],
        )
    else:
        print(f"skipped NewsWCL50: {wcl} is absent (make_dev_corpora.py --newswcl50)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
