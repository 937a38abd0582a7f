"""Score the naming analysis against NewsWCL50's word-choice-and-labelling gold.

NewsWCL50 (Hamborg, Zhukova and Gipp, JCDL 2019; ``../shared/external/newswcl50``)
codes every mention of 142 concepts (people, countries, groups, objects, events,
actions) in 5 outlets x 10 events. Both the gold and :mod:`narrative.naming`
say which phrases of each outlet name one concept; the unit scored is the pair
"outlet A names concept X with phrase p, outlet B names it with phrase q"
(p != q, phrases compared by :func:`narrative.naming.normalise`), within one event:

* **all**: every pair the suite makes against every gold pair;
* **on annotated phrases**: only phrases both sides have (the suite's pairs whose two
  phrases the annotators coded, against the gold pairs whose two phrases the suite
  found): how well the suite groups, apart from which phrases it extracts.

``PROPERTY`` codes (qualities such as "Aggressor", "Power") are left out: they
describe a concept, they do not name one. Word swaps come from the suite's alignment
of each event (``--no-alignment`` leaves them out, faster).

``--by-type`` also prints, for each kind of gold concept (``ACTOR``, ``COUNTRY``,
...), the share of its coded phrases that the suite extracts as mentions and the
recall of its pairs on annotated phrases.

``--event N`` scores one event as its own report does (the corpus
``newswcl50-event-N``, built by ``scripts/make_dev_corpora.py``; concepts grouped with
the offices of its attributions and the word swaps of its alignment, as notebook 03
does) against that event's gold, and also scores page 03's word swaps: a swap is
right when a coded mention of one gold concept holds each side's words in its outlet,
wrong when both sides' words are coded but never in one concept, and not coded else.

Usage::

    .venv/bin/python scripts/evaluate_naming.py [--no-alignment] [--by-type] [--event N]
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
from pathlib import Path

import pandas as pd
from narrative import pipeline
from narrative.naming import find_mentions, group_concepts, name_pairs, normalise
from narrative.nlp import parse

REPO = Path(__file__).resolve().parent.parent
EXTERNAL = REPO.parent / "shared" / "external" / "newswcl50"
CORPUS = REPO / ".cache" / "dev-corpora" / "newswcl50"
REFERENTS = ("ACTOR", "ACTOR-I", "COUNTRY", "GROUP", "OBJECT", "EVENT", "ACTION", "MISC")

Pair = tuple[str, str, str, str, str]


def gold_mentions(path: Path, types: tuple[str, ...] = REFERENTS) -> pd.DataFrame:
    """The coded mentions: ``event``, ``outlet``, ``concept``, ``type``, ``name`` (normalised)."""
    with path.open(encoding="utf-8-sig") as handle:
        lines = handle.read().splitlines()
    if lines and lines[0].startswith("sep="):
        lines = lines[1:]
    rows = [r for r in csv.DictReader(lines) if r["code_type"] in types]
    return pd.DataFrame(
        {
            "event": [r["event_id"] for r in rows],
            "outlet": [r["publisher_id"] for r in rows],
            "concept": [r["code_name"] for r in rows],
            "type": [r["code_type"] for r in rows],
            "name": [normalise(r["code_mention"]) for r in rows],
        }
    )


def gold_pairs(gold: pd.DataFrame) -> set[Pair]:
    """Gold "A names X with p, B with q" pairs (A < B, p != q)."""
    pairs: set[Pair] = set()
    for (event, _), group in gold.groupby(["event", "concept"]):
        names = group.groupby("outlet")["name"].agg(set).to_dict()
        outlets = sorted(names)
        for i, a in enumerate(outlets):
            for b in outlets[i + 1 :]:
                pairs |= {(event, a, p, b, q) for p in names[a] for q in names[b] if p != q}
    return pairs


def score(predicted: set[Pair], gold: set[Pair]) -> dict[str, float | int]:
    """Precision, recall and F1 of predicted pairs (order of a pair's sides ignored)."""

    def canonical(pair: Pair) -> Pair:
        event, a, p, b, q = pair
        return pair if (a, p) <= (b, q) else (event, b, q, a, p)

    predicted = {canonical(p) for p in predicted}
    gold = {canonical(g) for g in gold}
    right = len(predicted & gold)
    precision = right / len(predicted) if predicted else 0.0
    recall = right / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "predicted": len(predicted),
        "gold": len(gold),
        "right": right,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
    }


def by_type(
    gold_table: pd.DataFrame, predicted: set[Pair], found: set[tuple[str, str, str]]
) -> pd.DataFrame:
    """Per kind of gold concept: coded phrases the suite extracts, recall on annotated phrases.

    Returns:
        One row per ``type``: ``mentions``, ``extracted`` (share of the coded
        mentions whose phrase is one of the suite's mentions), ``pairs`` (gold
        pairs of phrases both have) and ``recall`` (of those pairs).
    """
    extracted = [
        (e, o, n) in found
        for e, o, n in zip(
            gold_table["event"], gold_table["outlet"], gold_table["name"], strict=True
        )
    ]
    table = gold_table.assign(extracted=extracted)
    kinds = dict(zip(table["concept"], table["type"], strict=True))

    def canonical(pair: Pair) -> Pair:
        event, a, p, b, q = pair
        return pair if (a, p) <= (b, q) else (event, b, q, a, p)

    predicted = {canonical(p) for p in predicted}
    pairs: dict[str, set[Pair]] = {}
    for (event, concept), group in table.groupby(["event", "concept"]):
        names = group.groupby("outlet")["name"].agg(set).to_dict()
        outlets = sorted(names)
        for i, a in enumerate(outlets):
            for b in outlets[i + 1 :]:
                pairs.setdefault(kinds[concept], set()).update(
                    canonical((event, a, p, b, q))
                    for p in names[a]
                    for q in names[b]
                    if p != q and (event, a, p) in found and (event, b, q) in found
                )
    rows = []
    for kind, group in table.groupby("type"):
        own = pairs.get(kind, set())
        rows.append(
            {
                "type": kind,
                "mentions": len(group),
                "extracted": round(float(group["extracted"].mean()), 3),
                "pairs": len(own),
                "recall": round(len(own & predicted) / len(own), 3) if own else 0.0,
            }
        )
    return pd.DataFrame(rows)


def evaluate(*, alignment: bool = True, types: bool = False) -> pd.DataFrame:
    """Run the naming analysis on NewsWCL50 and score it; one row per measure.

    With ``types``, the rows of :func:`by_type` follow, one per kind of concept.
    """
    if alignment:
        result = pipeline.run(CORPUS)
        passages, alignments, cleaned = result.passages, result.alignments, None
        docs = result.corpus.documents
    else:
        from narrative.cleaning import clean_corpus
        from narrative.passages import segment_corpus
        from narrative.readers import load_any

        corpus = load_any(CORPUS)
        cleaned, _ = clean_corpus(corpus)
        passages, alignments, docs = segment_corpus(cleaned), None, corpus.documents
    events = {d.doc_id: d.doc_id.split("_")[0] for d in docs}
    parsed = parse(passages["text"].tolist())
    mentions = find_mentions(passages, parsed, events=events)
    mentions["outlet"] = mentions["doc_id"].str.split("_").str[1]
    concepts = group_concepts(mentions, alignments=alignments)
    predicted = name_pairs(mentions, concepts)
    gold_table = gold_mentions(EXTERNAL / "original" / "Annotations.csv")
    gold = gold_pairs(gold_table)
    coded = set(zip(gold_table["event"], gold_table["outlet"], gold_table["name"], strict=True))
    found = set(zip(mentions["event"], mentions["outlet"], mentions["name"], strict=True))

    def within(pairs: set[Pair], known: set[tuple[str, str, str]]) -> set[Pair]:
        return {p for p in pairs if (p[0], p[1], p[2]) in known and (p[0], p[3], p[4]) in known}

    rows = [
        {"measure": "all pairs"} | score(predicted, gold),
        {"measure": "on annotated phrases"} | score(within(predicted, coded), within(gold, found)),
    ]
    if types:
        print(by_type(gold_table, predicted, found).to_string(index=False))
    return pd.DataFrame(rows)


def _holds(mention: str, words: str) -> bool:
    return f" {words} " in f" {mention} "


def swap_verdicts(swaps: pd.DataFrame, gold: pd.DataFrame) -> list[str]:
    """``right`` / ``wrong`` / ``not coded`` for each word swap, by the gold concepts.

    Args:
        swaps: Page 03's word swaps (``outlet_a``, ``words_a``, ``doc_a``, ``outlet_b``...,
            doc ids ``<event>_<outlet code>``).
        gold: :func:`gold_mentions` of the swaps' event.
    """
    verdicts = []
    for row in swaps.itertuples(index=False):
        sides = []
        for doc, words in ((row.doc_a, row.words_a), (row.doc_b, row.words_b)):
            coded = gold[gold["outlet"] == doc.split("_")[1]]
            key = normalise(words)
            sides.append(
                {c for c, n in zip(coded["concept"], coded["name"], strict=True) if _holds(n, key)}
            )
        if not sides[0] or not sides[1]:
            verdicts.append("not coded")
        else:
            verdicts.append("right" if sides[0] & sides[1] else "wrong")
    return verdicts


def evaluate_event(event: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score one NewsWCL50 event as its own report names it: pair scores and swap verdicts."""
    from narrative import naming

    corpus = REPO / ".cache" / "dev-corpora" / f"newswcl50-event-{event}"
    result = pipeline.run(corpus)
    events = dict(zip(result.events.table["doc_id"], result.events.table["event"], strict=True))
    mentions = find_mentions(result.passages, None, events=events)
    links = naming.office_links(result.quotes)
    concepts = group_concepts(mentions, alignments=result.alignments, offices=links)
    mentions = mentions.assign(event=str(event), outlet=mentions["doc_id"].str.split("_").str[1])
    predicted = name_pairs(mentions, concepts)
    gold_table = gold_mentions(EXTERNAL / "original" / "Annotations.csv")
    gold_table = gold_table[gold_table["event"] == str(event)]
    gold = gold_pairs(gold_table)
    coded = set(zip(gold_table["event"], gold_table["outlet"], gold_table["name"], strict=True))
    found = set(zip(mentions["event"], mentions["outlet"], mentions["name"], strict=True))

    def within(pairs: set[Pair], known: set[tuple[str, str, str]]) -> set[Pair]:
        return {p for p in pairs if (p[0], p[1], p[2]) in known and (p[0], p[3], p[4]) in known}

    rows = pd.DataFrame(
        [
            {"measure": "all pairs"} | score(predicted, gold),
            {"measure": "on annotated phrases"}
            | score(within(predicted, coded), within(gold, found)),
        ]
    )
    _, _, swaps = naming.analyse_naming(
        result.passages, result.alignments, quotes=result.quotes, events=events
    )
    swaps = swaps.assign(gold=swap_verdicts(swaps, gold_table))
    return rows, swaps[["outlet_a", "words_a", "outlet_b", "words_b", "gold"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-alignment", action="store_true", help="leave word swaps out")
    parser.add_argument("--by-type", action="store_true", help="recall per kind of gold concept")
    parser.add_argument("--event", type=int, help="score one event as its own report")
    args = parser.parse_args(argv)
    if not EXTERNAL.is_dir():
        print(f"skipped: {EXTERNAL} is absent", file=sys.stderr)
        return 0
    if args.event is not None:
        subprocess.run(
            [
                sys.executable,
                str(REPO / "scripts" / "make_dev_corpora.py"),
                "--newswcl50-event",
                str(args.event),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        rows, swaps = evaluate_event(args.event)
        print(rows.to_string(index=False))
        print(swaps.to_string(index=False))
        print(swaps["gold"].value_counts().to_string())
        return 0
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_dev_corpora.py"), "--newswcl50"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(evaluate(alignment=not args.no_alignment, types=args.by_type).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
