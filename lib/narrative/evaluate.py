"""Score an alignment against hand-labelled facts.

Gold files do not depend on how text is segmented: a fact is a list of short
verbatim snippets, one or more per article (format and labelling rule in
``data/gold/README.md``). Each snippet is located in the article's cleaned
text and mapped to whichever passage(s) contain it under the run's
segmentation; every two passages of different outlets that share a fact form
a gold pair, except a headline with a body passage: headlines are compared
only with headlines, by the suite and by the labelling rule.

Predicted pairs are the alignments labelled ``reuse`` or ``paraphrase`` (the
suite's "same fact" decisions). Two scores are reported, as sentence aligners
such as vecalign and bertalign do:

* **strict**: a predicted pair is right only if it is a gold pair;
* **lax**: a predicted pair is right if a gold pair of the same two articles
  lies within one passage of it on each side, and a gold pair is found if a
  predicted pair lies that close (tolerates a fact attributed to the
  neighbouring sentence).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from narrative.cleaning import CleanDocument, normalise_line
from narrative.corpus import CorpusError
from narrative.vocab import SAME_FACT

GOLD_COLUMNS = ("fact_id", "doc_id", "snippet")

Pair = tuple[str, int, str, int]


@dataclass
class Scores:
    """Precision, recall and F1 with the counts behind them."""

    precision: float
    recall: float
    f1: float
    correct_predicted: int
    predicted: int
    found_gold: int
    gold: int


@dataclass
class Evaluation:
    """Strict and lax scores of one alignment against one gold file."""

    strict: Scores
    lax: Scores
    false_positives: list[Pair] = field(default_factory=list)
    false_negatives: list[Pair] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    by_fact: pd.DataFrame = field(default_factory=pd.DataFrame)


def read_gold(path: str | Path) -> pd.DataFrame:
    """Read a gold file.

    A researcher's decisions file (:mod:`narrative.review`) is a gold file
    too: each confirmed pair is a fact of two rows, and the rejected pairs,
    the known negatives, ride along in the table's ``attrs["negatives"]``
    (same columns) for :func:`evaluate_alignment`.

    Args:
        path: CSV with columns ``fact_id``, ``doc_id``, ``snippet`` (and
            optionally ``note``), or a decisions file.

    Returns:
        The rows as a table.

    Raises:
        CorpusError: When the file is missing or lacks a column.
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"gold file not found: {path}")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    if rows and "decision" in rows[0]:
        from narrative.review import gold_from_decisions, read_decisions

        gold, negatives = gold_from_decisions(read_decisions(path))
        gold.attrs["negatives"] = negatives
        return gold
    missing = [c for c in GOLD_COLUMNS if rows and c not in rows[0]]
    if not rows or missing:
        raise CorpusError(f"{path}: needs columns {', '.join(GOLD_COLUMNS)}")
    return pd.DataFrame(rows)


def locate(
    gold: pd.DataFrame, cleaned: list[CleanDocument], passages: pd.DataFrame
) -> tuple[pd.DataFrame, list[str]]:
    """Map each gold snippet to the passage(s) that contain it.

    Args:
        gold: Gold rows.
        cleaned: The run's cleaned documents.
        passages: The run's passage table.

    Returns:
        ``(located, warnings)``: one row per (fact, doc, passage), with the
        passage's ``kind``, and a line for each snippet that could not be found.
    """
    texts = {c.doc_id: c.text for c in cleaned}
    spans = {
        doc: list(
            zip(group["passage_id"], group["start"], group["end"], group["kind"], strict=True)
        )
        for doc, group in passages.groupby("doc_id")
    }
    rows, warnings = [], []
    for row in gold.itertuples(index=False):
        text = texts.get(row.doc_id)
        if text is None:
            warnings.append(f"gold {row.fact_id}: no document {row.doc_id!r} in the corpus")
            continue
        snippet = normalise_line(row.snippet)
        at = text.find(snippet)
        if at < 0:
            at = text.lower().find(snippet.lower())
        if at < 0:
            warnings.append(
                f"gold {row.fact_id}: snippet not in the cleaned text of {row.doc_id}: "
                f"{snippet[:60]!r}"
            )
            continue
        end = at + len(snippet)
        for passage_id, start, stop, kind in spans.get(row.doc_id, []):
            if start < end and at < stop:
                rows.append((row.fact_id, row.doc_id, int(passage_id), kind))
    located = pd.DataFrame(
        rows, columns=["fact_id", "doc_id", "passage_id", "kind"]
    ).drop_duplicates()
    return located, warnings


def gold_pairs(located: pd.DataFrame, outlet_of: dict[str, str], order: list[str]) -> set[Pair]:
    """Every pair of passages of different outlets that share a fact.

    A headline pairs only with a headline (a ``kind`` column, as :func:`locate`
    gives, says which passages are headlines; without it every passage is
    taken for a body passage).
    """
    rank = {d: i for i, d in enumerate(order)}
    pairs: set[Pair] = set()
    for _, group in located.groupby("fact_id"):
        kinds = group["kind"] if "kind" in group else pd.Series("body", index=group.index)
        headline = kinds.eq("headline")
        members = list(zip(group["doc_id"], group["passage_id"], headline, strict=True))
        for i, (da, pa, ha) in enumerate(members):
            for db, pb, hb in members[i + 1 :]:
                if outlet_of[da] == outlet_of[db] or ha != hb:
                    continue
                pairs.add(_ordered(da, pa, db, pb, rank))
    return pairs


def fact_recall(
    located: pd.DataFrame,
    predicted: set[Pair],
    outlet_of: dict[str, str],
    order: list[str],
    notes: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Strict recall fact by fact: which facts the alignment finds, and which it misses.

    A pair that carries two facts counts for both.

    Args:
        located: Located gold rows (see :func:`locate`).
        predicted: Predicted pairs.
        outlet_of: Outlet of each document.
        order: Documents in corpus order.
        notes: A note per fact, shown beside it.

    Returns:
        One row per fact with a gold pair, in gold order: ``fact_id``,
        ``note``, ``articles`` (that carry it), ``gold`` (pairs), ``found``
        and ``recall``.
    """
    notes = notes or {}
    rows = []
    for fact_id, group in located.groupby("fact_id", sort=False):
        expected = gold_pairs(group, outlet_of, order)
        if not expected:
            continue
        found = len(expected & predicted)
        rows.append(
            {
                "fact_id": fact_id,
                "note": notes.get(fact_id, ""),
                "articles": group["doc_id"].nunique(),
                "gold": len(expected),
                "found": found,
                "recall": round(found / len(expected), 3),
            }
        )
    return pd.DataFrame(rows, columns=["fact_id", "note", "articles", "gold", "found", "recall"])


def _ordered(da: str, pa: int, db: str, pb: int, rank: dict[str, int]) -> Pair:
    return (da, int(pa), db, int(pb)) if rank[da] <= rank[db] else (db, int(pb), da, int(pa))


def predicted_pairs(alignments: pd.DataFrame, order: list[str]) -> set[Pair]:
    """The alignments labelled as the same fact, as ordered pairs."""
    rank = {d: i for i, d in enumerate(order)}
    kept = alignments[alignments["relation"].isin(SAME_FACT)]
    return {
        _ordered(r.doc_a, r.passage_a, r.doc_b, r.passage_b, rank)
        for r in kept.itertuples(index=False)
    }


def _near(pair: Pair, others: set[Pair], by_docs: dict[tuple[str, str], list[Pair]]) -> bool:
    if pair in others:
        return True
    return any(
        abs(pair[1] - o[1]) <= 1 and abs(pair[3] - o[3]) <= 1
        for o in by_docs.get((pair[0], pair[2]), [])
    )


def score(predicted: set[Pair], gold: set[Pair], *, lax: bool = False) -> Scores:
    """Precision, recall and F1 of predicted pairs against gold pairs.

    Args:
        predicted: Predicted pairs.
        gold: Gold pairs.
        lax: Allow one passage of slack on each side (see module docstring).

    Returns:
        The scores; precision is 0 when nothing is predicted.
    """
    if lax:

        def index(pairs: set[Pair]) -> dict[tuple[str, str], list[Pair]]:
            out: dict[tuple[str, str], list[Pair]] = {}
            for p in pairs:
                out.setdefault((p[0], p[2]), []).append(p)
            return out

        gold_index, predicted_index = index(gold), index(predicted)
        right = sum(_near(p, gold, gold_index) for p in predicted)
        found = sum(_near(g, predicted, predicted_index) for g in gold)
    else:
        right = found = len(predicted & gold)
    precision = right / len(predicted) if predicted else 0.0
    recall = found / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, right, len(predicted), found, len(gold))


def evaluate_alignment(
    alignments: pd.DataFrame,
    passages: pd.DataFrame,
    cleaned: list[CleanDocument],
    gold: pd.DataFrame,
) -> Evaluation:
    """Score an alignment table against gold facts.

    Args:
        alignments: Alignment table.
        passages: Passage table of the same run.
        cleaned: Cleaned documents of the same run.
        gold: Gold rows (see :func:`read_gold`).

    Returns:
        Strict and lax scores, the strict errors, snippet warnings, and the
        strict recall of each fact (:func:`fact_recall`). When ``gold`` is a
        decisions file (its ``attrs["negatives"]``, see :func:`read_gold`),
        only decided pairs count: a predicted pair is right when confirmed,
        wrong when rejected, and not scored when nobody decided it.
    """
    order = list(dict.fromkeys(passages["doc_id"]))
    outlet_of = dict(zip(passages["doc_id"], passages["outlet"], strict=False))
    located, warnings = locate(gold, cleaned, passages)
    expected = gold_pairs(located, outlet_of, order)
    gold_docs = set(located["doc_id"])
    found = {
        p for p in predicted_pairs(alignments, order) if p[0] in gold_docs and p[2] in gold_docs
    }
    negatives = gold.attrs.get("negatives")
    if negatives is not None:
        wrong, more = locate(negatives, cleaned, passages)
        warnings = warnings + more
        rank = {d: i for i, d in enumerate(order)}
        rejected = set()
        for _, group in wrong.groupby("fact_id"):
            sides = group.drop_duplicates("doc_id")
            if len(sides) == 2:
                (da, pa), (db, pb) = zip(sides["doc_id"], sides["passage_id"], strict=True)
                rejected.add(_ordered(da, pa, db, pb, rank))
        found = {p for p in found if p in expected or p in rejected}
    notes = {}
    if "note" in gold:
        for fact_id, note in zip(gold["fact_id"], gold["note"].fillna(""), strict=True):
            if note and fact_id not in notes:
                notes[fact_id] = note
    return Evaluation(
        strict=score(found, expected),
        lax=score(found, expected, lax=True),
        false_positives=sorted(found - expected),
        false_negatives=sorted(expected - found),
        warnings=warnings,
        by_fact=fact_recall(located, found, outlet_of, order, notes),
    )
