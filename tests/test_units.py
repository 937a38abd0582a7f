from __future__ import annotations

import pandas as pd
from narrative.units import build_units


def _passages() -> pd.DataFrame:
    rows = []
    for doc in ("a", "b", "c"):
        for pid in range(4):
            rows.append(
                dict(
                    doc_id=doc,
                    passage_id=pid,
                    outlet=doc.upper(),
                    kind="body",
                    position=pid / 4,
                    text=f"{doc}{pid}",
                )
            )
    return pd.DataFrame(rows)


def _pair(a, pa, b, pb, score, relation="paraphrase"):
    return dict(doc_a=a, passage_a=pa, doc_b=b, passage_b=pb, score=score, relation=relation)


def test_units_group_across_outlets_and_ignore_related():
    alignments = pd.DataFrame(
        [
            _pair("a", 0, "b", 1, 0.9, "reuse"),
            _pair("b", 1, "c", 2, 0.8),
            _pair("a", 3, "c", 3, 0.6, "related"),
        ]
    )
    units = build_units(_passages(), alignments)
    assert units["unit_id"].nunique() == 1
    assert set(zip(units["doc_id"], units["passage_id"], strict=True)) == {
        ("a", 0),
        ("b", 1),
        ("c", 2),
    }


def test_units_refuse_to_chain_through_one_article():
    # a0-b0, a1-b0, a2-b0: b0 links three passages of a; only two may join
    alignments = pd.DataFrame(
        [_pair("a", 0, "b", 0, 0.9), _pair("a", 1, "b", 0, 0.8), _pair("a", 2, "b", 0, 0.7)]
    )
    units = build_units(_passages(), alignments, max_per_doc=2)
    members = set(zip(units["doc_id"], units["passage_id"], strict=True))
    assert members == {("a", 0), ("a", 1), ("b", 0)}


def test_units_are_ordered_by_reach():
    alignments = pd.DataFrame(
        [_pair("a", 3, "b", 3, 0.9), _pair("a", 0, "b", 0, 0.9), _pair("b", 0, "c", 0, 0.9)]
    )
    units = build_units(_passages(), alignments)
    first = units[units["unit_id"] == "U001"]
    assert set(first["doc_id"]) == {"a", "b", "c"}
