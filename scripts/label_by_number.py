"""Label a corpus by passage number, then turn the labels into a gold file.

Labelling with verbatim snippets (the gold format, ``data/gold/README.md``) is exact but
slow; labelling by passage number is quick but depends on the segmenter. This script
does the second and converts it to the first, so the gold file stays independent of how
the text is cut.

``dump`` prints the corpus as the suite segments it: each article under its ``doc_id``,
one numbered passage per line. Label on that print-out, in a CSV with the columns
``fact_id,doc_id,passage_id,note`` (one row per fact, article and passage; the rules are
those of the gold format). ``snippets`` then writes the gold file: each labelled passage
becomes a snippet, the passage's first window of ten words (fewer for a short passage)
that occurs exactly once in the article (see :func:`snippet` for a passage repeated word
for word).

Usage::

    .venv/bin/python scripts/label_by_number.py dump --corpus DIR > passages.txt
    .venv/bin/python scripts/label_by_number.py snippets --corpus DIR --labels ids.csv > gold.csv
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import pandas as pd
from narrative.cleaning import CleanDocument, clean_corpus
from narrative.corpus import CorpusError
from narrative.passages import segment_corpus
from narrative.readers import load_any

WINDOW = 10
LABEL_COLUMNS = ("fact_id", "doc_id", "passage_id", "note")


def segmented(corpus: Path) -> tuple[list[CleanDocument], pd.DataFrame]:
    """The corpus's cleaned documents and sentence passages, as the suite makes them."""
    cleaned, _ = clean_corpus(load_any(corpus))
    return cleaned, segment_corpus(cleaned)


def snippet(passage: str, start: int, article: str, *, window: int = WINDOW) -> str | None:
    """The passage's first run of ``window`` words that occurs exactly once in the article.

    A passage repeated word for word elsewhere (a headline repeated as the first
    sentence) has no such run; it gets its first ``window`` words when its own text
    comes first in the article, since the evaluator maps a snippet to its first
    occurrence, and ``None`` otherwise.

    Args:
        passage: The passage's text.
        start: Where the passage starts in the article.
        article: The cleaned text of the article.
    """
    words = passage.split()
    for size in range(min(window, len(words)), len(words) + 1):
        for first in range(len(words) - size + 1):
            candidate = " ".join(words[first : first + size])
            if candidate in passage and article.count(candidate) == 1:
                return candidate
    candidate = " ".join(words[:window])
    if article.find(candidate) == start:
        return candidate
    return None


def dump(corpus: Path) -> int:
    _, passages = segmented(corpus)
    for doc_id, group in passages.groupby("doc_id", sort=False):
        print(f"== {doc_id} ({group['outlet'].iloc[0]}) ==")
        for row in group.itertuples(index=False):
            label = " (headline)" if row.kind == "headline" else ""
            print(f"[{row.passage_id}]{label} {row.text}")
        print()
    return 0


def snippets(corpus: Path, labels: Path) -> int:
    cleaned, passages = segmented(corpus)
    texts = {c.doc_id: c.text for c in cleaned}
    by_id = passages.set_index(["doc_id", "passage_id"])[["text", "start"]]
    with labels.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    missing = [c for c in LABEL_COLUMNS if rows and c not in rows[0]]
    if missing:
        print(f"error: {labels} lacks the column(s) {', '.join(missing)}", file=sys.stderr)
        return 2
    written = [["fact_id", "doc_id", "snippet", "note"]]
    for line, row in enumerate(rows, start=2):
        if not (row["passage_id"] or "").strip().isdigit():
            print(f"error: {labels}, line {line}: passage_id is not a number", file=sys.stderr)
            return 2
        key = (row["doc_id"], int(row["passage_id"]))
        if key not in by_id.index:
            print(f"error: no passage {key[1]} in {key[0]!r}", file=sys.stderr)
            return 2
        text, start = by_id.loc[key]
        found = snippet(text, int(start), texts[key[0]])
        if found is None:
            print(f"error: passage {key[1]} of {key[0]!r} has no unique snippet", file=sys.stderr)
            return 2
        written.append([row["fact_id"], row["doc_id"], found, row.get("note", "")])
    csv.writer(sys.stdout, lineterminator="\n").writerows(written)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump", help="print the numbered passages of a corpus")
    dumping.add_argument("--corpus", type=Path, required=True)
    converting = commands.add_parser("snippets", help="turn passage labels into a gold file")
    converting.add_argument("--corpus", type=Path, required=True)
    converting.add_argument("--labels", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        if args.command == "dump":
            return dump(args.corpus)
        return snippets(args.corpus, args.labels)
    except (CorpusError, OSError, UnicodeDecodeError, csv.Error) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
