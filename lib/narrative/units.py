"""Group aligned passages across all outlets into story units.

A story unit is one fact and the passages that carry it, at most a few per
article. Units are built from the ``reuse`` and ``paraphrase`` pairs (not
``related`` ones) by single-link merging in order of decreasing score, with
one constraint that stops chains of loosely linked passages from swallowing an
article: a merge is refused when the unit would then hold more than
``max_per_doc`` passages of one document (a fact is seldom spread over more
than two sentences of one article).

Unit table columns: ``unit_id`` (``U001``...; ordered by how many outlets carry
the unit, then by where it first appears), ``doc_id``, ``passage_id``,
``outlet``, ``kind``, ``position`` and ``text``.
"""

from __future__ import annotations

import pandas as pd

from narrative.vocab import SAME_FACT

UNIT_COLUMNS = ["unit_id", "doc_id", "passage_id", "outlet", "kind", "position", "text"]


def build_units(
    passages: pd.DataFrame, alignments: pd.DataFrame, *, max_per_doc: int = 2
) -> pd.DataFrame:
    """Story units from aligned pairs.

    Args:
        passages: Passage table.
        alignments: Alignment table (see :mod:`narrative.alignment`).
        max_per_doc: Most passages of one document in a unit.

    Returns:
        Unit table, one row per (unit, passage); see the module docstring.
    """
    links = alignments[alignments["relation"].isin(SAME_FACT)]
    links = links.sort_values(
        ["score", "doc_a", "passage_a", "doc_b", "passage_b"],
        ascending=[False, True, True, True, True],
    )
    parent: dict[tuple[str, int], tuple[str, int]] = {}
    members: dict[tuple[str, int], list[tuple[str, int]]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        if node not in parent:
            parent[node] = node
            members[node] = [node]
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for row in links.itertuples(index=False):
        a = find((row.doc_a, int(row.passage_a)))
        b = find((row.doc_b, int(row.passage_b)))
        if a == b:
            continue
        merged = members[a] + members[b]
        per_doc = pd.Series([doc for doc, _ in merged]).value_counts()
        if per_doc.max() > max_per_doc:
            continue
        parent[b] = a
        members[a] = merged
        del members[b]

    info = passages.set_index(["doc_id", "passage_id"])
    doc_order = {d: i for i, d in enumerate(passages["doc_id"].drop_duplicates())}
    groups = [sorted(m, key=lambda n: (doc_order[n[0]], n[1])) for m in members.values()]
    groups = [g for g in groups if len({doc for doc, _ in g}) > 1]

    def order(group: list[tuple[str, int]]) -> tuple:
        outlets = {info.at[n, "outlet"] for n in group}
        return (-len(outlets), min(info.at[n, "position"] for n in group), group[0])

    rows = []
    for number, group in enumerate(sorted(groups, key=order), start=1):
        for doc_id, passage_id in group:
            record = info.loc[(doc_id, passage_id)]
            rows.append(
                {
                    "unit_id": f"U{number:03d}",
                    "doc_id": doc_id,
                    "passage_id": passage_id,
                    "outlet": record["outlet"],
                    "kind": record["kind"],
                    "position": record["position"],
                    "text": record["text"],
                }
            )
    return pd.DataFrame(rows, columns=UNIT_COLUMNS)
