"""Score the attributions of ``narrative.quotes`` against hand-labelled ones.

Each gold file (``data/gold/voices/<set>.csv``) lists every attribution of a
corpus: the article, a short verbatim ``cue`` around the speech verb, the verb
as written (``verb_text``) and its lemma, ``kind`` (``direct``/``indirect``),
``speaker`` (who speaks: a person's full name, an organisation or role, or
``(anonymous)``; alternatives that the text allows equally are ``|``-separated)
and ``speaker_type``. See ``data/gold/README.md`` for the labelling rules.

A found attribution matches a gold one when it is in the same passage and its
verb span covers the gold verb. Scores:

* **speaker precision**: found attributions whose ``person`` is the gold
  speaker, over all found attributions (a found attribution with no gold one
  counts as wrong);
* **speaker recall**: gold attributions found with the right speaker, over all
  gold attributions;
* **detection** precision and recall (the same, whoever the speaker), and on
  matched attributions the share with the right ``kind`` and ``verb``;
* ``candidates``: found attributions whose speaker is only a candidate
  (``status``), and ``stated_precision`` the speaker precision of the others.

Speakers are compared case-insensitively, with curly and straight apostrophes
alike and without a leading "the".

Usage::

    .venv/bin/python scripts/evaluate_voices.py [--errors]

The NewsWCL50 sets are built from ``../shared/external`` by
``scripts/make_dev_corpora.py`` (run automatically) and skipped when that folder
is absent.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from narrative import config
from narrative.cleaning import clean_corpus, normalise_line
from narrative.passages import segment_corpus
from narrative.quotes import attribution_passages, find_quotes, with_persons
from narrative.readers import load_any

REPO = Path(__file__).resolve().parent.parent
DEV_CORPORA = REPO / ".cache" / "dev-corpora"
EXTERNAL = REPO.parent / "shared" / "external"
GOLD = config.GOLD_DIR / "voices"


@dataclass(frozen=True)
class LabelledSet:
    """A corpus and its gold attributions."""

    name: str
    corpus: Path
    gold: Path


SETS = [
    LabelledSet("astana-2017", config.DEFAULT_CORPUS, GOLD / "astana-2017.csv"),
    LabelledSet(
        "newswcl50-event-5", DEV_CORPORA / "newswcl50-event-5", GOLD / "newswcl50-event-5.csv"
    ),
    LabelledSet(
        "newswcl50-event-9", DEV_CORPORA / "newswcl50-event-9", GOLD / "newswcl50-event-9.csv"
    ),
]


def normalise(name: str) -> str:
    """A speaker name as compared: lower case, straight apostrophes, no leading "the"."""
    name = name.strip().lower().replace("\u2019", "'")
    return name[4:] if name.startswith("the ") else name


def read_gold(path: Path) -> pd.DataFrame:
    """The gold attributions of one set."""
    with path.open(newline="", encoding="utf-8") as handle:
        return pd.DataFrame(list(csv.DictReader(handle)))


def locate(gold: pd.DataFrame, texts: dict[str, str], passages: pd.DataFrame) -> pd.DataFrame:
    """Each gold attribution's passage and verb offset in that passage.

    Args:
        gold: Gold rows.
        texts: Cleaned text of each article, by ``doc_id``.
        passages: Passage table (``doc_id``, ``passage_id``, ``start``, ``end``).

    Returns:
        The gold rows with ``passage_id`` and ``verb_at`` (character offset of
        the verb in the passage).

    Raises:
        ValueError: When a cue is not in its article's cleaned text or its
            verb not in the cue.
    """
    located = []
    for row in gold.itertuples(index=False):
        text = texts[row.doc_id]
        cue = normalise_line(row.cue)
        at = text.find(cue)
        if at < 0 or row.verb_text not in cue:
            raise ValueError(f"gold cue not found in {row.doc_id}: {row.cue!r}")
        verb_at = at + cue.index(row.verb_text)
        own = passages[passages["doc_id"] == row.doc_id]
        hit = own[(own["start"] <= verb_at) & (verb_at < own["end"])].iloc[0]
        located.append(
            row._asdict() | {"passage_id": int(hit.passage_id), "verb_at": verb_at - hit.start}
        )
    return pd.DataFrame(located)


def match(found: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Pair found attributions with gold ones (same passage, verb span over the gold verb).

    Returns:
        One row per found attribution: its ``doc_id``, ``passage_id``,
        ``person``, ``kind``, ``verb``, and ``gold`` (index of the matched gold
        row, -1 when none).
    """
    rows = []
    for row in found.itertuples(index=False):
        same = gold[(gold["doc_id"] == row.doc_id) & (gold["passage_id"] == row.passage_id)]
        hit = same[(row.verb_start <= same["verb_at"]) & (same["verb_at"] < row.verb_end)]
        rows.append(
            {
                "doc_id": row.doc_id,
                "passage_id": row.passage_id,
                "person": row.person,
                "speaker": row.speaker,
                "kind": row.kind,
                "verb": row.verb,
                "text": row.text,
                "status": getattr(row, "status", "asserted"),
                "gold": int(hit.index[0]) if len(hit) else -1,
            }
        )
    return pd.DataFrame(rows)


def scores(matched: pd.DataFrame, gold: pd.DataFrame) -> dict[str, float | int]:
    """Speaker and detection precision and recall, kind and verb agreement."""
    right = [
        g >= 0 and normalise(p) in {normalise(s) for s in gold.loc[g, "speaker"].split("|")}
        for g, p in zip(matched["gold"], matched["person"], strict=True)
    ]
    matched = matched.assign(right=right)
    hits = matched[matched["gold"] >= 0]
    found_gold = set(hits["gold"])
    right_gold = set(matched.loc[matched["right"], "gold"])
    n = len(matched)
    kinds = [k == gold.loc[g, "kind"] for g, k in zip(hits["gold"], hits["kind"], strict=True)]
    verbs = [v == gold.loc[g, "verb"] for g, v in zip(hits["gold"], hits["verb"], strict=True)]
    stated = matched[matched["status"] != "candidate"] if n else matched
    return {
        "gold": len(gold),
        "found": n,
        "candidates": n - len(stated),
        "stated_precision": round(stated["right"].mean(), 3) if len(stated) else 0.0,
        "speaker_precision": round(sum(right) / n, 3) if n else 0.0,
        "speaker_recall": round(len(right_gold) / len(gold), 3),
        "detection_precision": round(len(hits) / n, 3) if n else 0.0,
        "detection_recall": round(len(found_gold) / len(gold), 3),
        "kind_agreement": round(sum(kinds) / len(kinds), 3) if kinds else 0.0,
        "verb_agreement": round(sum(verbs) / len(verbs), 3) if verbs else 0.0,
    }


def evaluate(labelled: LabelledSet, *, errors: bool = False) -> dict[str, object]:
    """Run the quote finder on one corpus and score it against its gold file."""
    corpus = load_any(labelled.corpus)
    cleaned, _ = clean_corpus(corpus)
    passages = segment_corpus(cleaned)
    said = with_persons(find_quotes(attribution_passages(passages)))
    gold = locate(read_gold(labelled.gold), {c.doc_id: c.text for c in cleaned}, passages)
    matched = match(said, gold)
    result = {"set": labelled.name} | scores(matched, gold)
    if errors:
        for row in matched.itertuples(index=False):
            if row.gold < 0:
                print(f"  not in gold: {row.doc_id}#{row.passage_id} {row.verb} {row.person!r}")
            else:
                expected = gold.loc[row.gold, "speaker"]
                if normalise(row.person) not in {normalise(s) for s in expected.split("|")}:
                    print(
                        f"  wrong speaker: {row.doc_id}#{row.passage_id} {row.verb} "
                        f"{row.person!r} (speaker {row.speaker!r}), gold {expected!r}"
                    )
        for g in sorted(set(gold.index) - set(matched["gold"])):
            print(f"  missed: {gold.loc[g, 'doc_id']} {gold.loc[g, 'cue']!r}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every error")
    args = parser.parse_args(argv)
    if EXTERNAL.is_dir():
        subprocess.run(
            [
                sys.executable,
                str(REPO / "scripts" / "make_dev_corpora.py"),
                "--newswcl50-event",
                "5",
                "--newswcl50-event",
                "9",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    rows = []
    for labelled in SETS:
        absent = next((p for p in (labelled.corpus, labelled.gold) if not p.exists()), None)
        if absent is not None:
            print(f"skipped {labelled.name}: {absent} is absent", file=sys.stderr)
            continue
        if args.errors:
            print(labelled.name)
        rows.append(evaluate(labelled, errors=args.errors))
    print(pd.DataFrame(rows).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
