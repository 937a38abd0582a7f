"""How much of one outlet's content another outlet also carries.

``shared_content`` answers "how much of A is in B": the share of A's words
(standfirst and body passages; headlines left out) that lie in passages aligned
with some passage of B. The measure is asymmetric: a short article fully
contained in a long one scores 1.0 one way and little the other way.
"""

from __future__ import annotations

import pandas as pd

SHARED_RELATIONS = ("reuse", "paraphrase")


def shared_content(
    passages: pd.DataFrame,
    alignments: pd.DataFrame,
    *,
    relations: tuple[str, ...] = SHARED_RELATIONS,
) -> pd.DataFrame:
    """Share of each outlet's words that another outlet also reports.

    Args:
        passages: Passage table.
        alignments: Alignment table.
        relations: Which relations count as carrying the same content.

    Returns:
        Square table, outlets (labels, in corpus order) on both axes: row A,
        column B holds the share (0 to 1) of A's words in passages aligned
        with B. The diagonal is 1.
    """
    outlets = list(dict.fromkeys(passages["outlet"]))
    text = passages[passages["kind"] != "headline"]
    words = text.set_index(["doc_id", "passage_id"])["text"].str.split().str.len()
    outlet_of = text.set_index(["doc_id", "passage_id"])["outlet"]
    totals = words.groupby(outlet_of).sum()
    kept = alignments[alignments["relation"].isin(relations)]
    both = pd.concat(
        [
            kept.rename(columns={"doc_a": "doc", "passage_a": "pid", "outlet_b": "other"}),
            kept.rename(columns={"doc_b": "doc", "passage_b": "pid", "outlet_a": "other"}),
        ]
    )[["doc", "pid", "other"]].drop_duplicates()
    matrix = pd.DataFrame(0.0, index=outlets, columns=outlets)
    for (doc, pid, other), _ in both.groupby(["doc", "pid", "other"]):
        key = (doc, pid)
        if key in words.index:
            matrix.loc[outlet_of[key], other] += words[key]
    for outlet in outlets:
        total = totals.get(outlet, 0)
        matrix.loc[outlet] = matrix.loc[outlet] / total if total else 0.0
        matrix.loc[outlet, outlet] = 1.0
    matrix.index.name = "outlet"
    return matrix.round(4)
