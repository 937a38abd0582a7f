"""Score the frame assignments against hand-labelled passages.

The gold file (``data/gold/frames/<set>.csv``: ``doc_id``, ``snippet``, ``frame_1``,
``frame_2``) gives every standfirst and body passage of a corpus one frame, or two
where two apply (``Other`` when none does), from the packaged codebook. Scores:

* **label precision / recall / F1** over (passage, frame) labels, ``Other``
  included as a label;
* **exact**: passages whose frame set is the gold set; **overlap**: passages
  that share at least one frame with it;
* **precision by confidence**: the share of assigned frames in the gold set,
  for each ``confidence`` level of :func:`narrative.frames.confidence`.

The default corpus's gold covers all its passages; the other sets' cover a
sample (FA-KES and BASIL every passage, NewsWCL50 event 9 two of its five
articles, ECB+ 21-ecbplus five of its fourteen): only labelled passages are
scored. Their corpora are built from ``../shared/external`` by
``scripts/make_dev_corpora.py`` (run automatically) and skipped when that
folder is absent.

Usage::

    .venv/bin/python scripts/evaluate_frames.py [--sets NAME ...]
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
from pathlib import Path

import pandas as pd
from narrative import config, pipeline
from narrative.cleaning import normalise_line
from narrative.frames import frame_assignments

REPO = Path(__file__).resolve().parent.parent
DEV_CORPORA = REPO / ".cache" / "dev-corpora"
EXTERNAL = REPO.parent / "shared" / "external"
GOLD = config.GOLD_DIR / "frames"
SETS = [("astana-2017", config.DEFAULT_CORPUS, GOLD / "astana-2017.csv")] + [
    (name, DEV_CORPORA / name, GOLD / f"{name}.csv")
    for name in (
        "fakes-2016-07-05-hasakeh",
        "basil-eb17fa36",
        "newswcl50-event-9",
        "ecbplus-21-ecbplus",
    )
]


def read_gold(path: Path, passages: pd.DataFrame, texts: dict[str, str]) -> dict:
    """``{(doc_id, passage_id): set of gold frames}``, each snippet mapped to its passage."""
    gold = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            at = texts[row["doc_id"]].find(normalise_line(row["snippet"]))
            own = passages[passages["doc_id"] == row["doc_id"]]
            hit = own[(own["start"] <= at) & (at < own["end"])]
            if at < 0 or hit.empty:
                raise ValueError(f"snippet not found in {row['doc_id']}: {row['snippet']!r}")
            labels = {row["frame_1"], row["frame_2"]} - {""}
            gold[(row["doc_id"], int(hit.iloc[0]["passage_id"]))] = labels
    return gold


def scores(assigned: pd.DataFrame, gold: dict) -> dict[str, object]:
    """Label P/R/F1, exact and overlap agreement, precision per confidence level."""
    predicted = assigned.groupby(["doc_id", "passage_id"])["frame"].agg(set).to_dict()
    keys = [k for k in gold if k in predicted]
    right = sum(len(predicted[k] & gold[k]) for k in keys)
    n_pred = sum(len(predicted[k]) for k in keys)
    n_gold = sum(len(gold[k]) for k in keys)
    precision, recall = right / n_pred, right / n_gold
    result: dict[str, object] = {
        "passages": len(keys),
        "label_precision": round(precision, 3),
        "label_recall": round(recall, 3),
        "label_f1": round(2 * precision * recall / (precision + recall), 3),
        "exact": round(sum(predicted[k] == gold[k] for k in keys) / len(keys), 3),
        "overlap": round(sum(bool(predicted[k] & gold[k]) for k in keys) / len(keys), 3),
    }
    framed = assigned[assigned["confidence"] != ""]
    for level in ("high", "medium", "low"):
        rows = framed[framed["confidence"] == level]
        hits = [
            r.frame in gold.get((r.doc_id, r.passage_id), set())
            for r in rows.itertuples(index=False)
        ]
        result[f"precision_{level}"] = (
            f"{sum(hits) / len(hits):.2f} of {len(hits)}" if hits else "-"
        )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", help="score only these sets (default: all)")
    args = parser.parse_args(argv)
    if EXTERNAL.is_dir():
        subprocess.run(
            [
                sys.executable,
                str(REPO / "scripts" / "make_dev_corpora.py"),
                "--newswcl50-event",
                "9",
                "--ecbplus-event",
                "21-ecbplus",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    rows = []
    for name, corpus, path in SETS:
        if args.sets and name not in args.sets:
            continue
        if not corpus.exists():
            print(f"skipped {name}: {corpus} is absent", file=sys.stderr)
            continue
        result = pipeline.run(corpus)
        assigned = frame_assignments(
            result.passages, result.embeddings, model=result.model, alignments=result.alignments
        )
        texts = {c.doc_id: c.text for c in result.cleaned}
        rows.append({"set": name} | scores(assigned, read_gold(path, result.passages, texts)))
    print(pd.DataFrame(rows).T.to_string(header=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
