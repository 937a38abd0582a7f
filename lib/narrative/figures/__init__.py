"""Charts, with one colour per outlet kept across every chart of a run.

Every function returns a matplotlib ``Figure`` with a title and labelled axes;
notebooks display it and put the passages that back it underneath. The shared
style (colours, the busiest outlets, layout) is in :mod:`narrative.figures.style`;
this module draws the alignment charts (shared content, relations per pair).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from narrative.figures.style import (
    MAX_OUTLETS_SHOWN,
    RELATION_COLOURS,
    busiest,
    outlet_colours,
    shown_note,
    tidy,
)

__all__ = [
    "MAX_OUTLETS_SHOWN",
    "RELATION_COLOURS",
    "busiest",
    "outlet_colours",
    "relation_bars",
    "shared_content_heatmap",
    "shown_note",
    "tidy",
]


def shared_content_heatmap(pairs: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Heatmap of "how much of the row outlet's content is also in the column outlet".

    Args:
        pairs: Long table from :func:`narrative.coverage.shared_content_pairs`
            (``outlet``, ``other``, ``shared``); a missing pair shares nothing.
        title: Chart title.

    Returns:
        The figure: the :data:`MAX_OUTLETS_SHOWN` outlets that share most
        (given and taken) when there are more; no square table of all the
        corpus's outlets is built.
    """
    weight = pd.concat(
        [
            pairs.groupby("outlet", sort=False)["shared"].sum(),
            pairs.groupby("other")["shared"].sum(),
        ]
    )
    weight = weight.groupby(level=0, sort=False).sum()
    keep = busiest(weight)
    shown = pairs[pairs["outlet"].isin(keep) & pairs["other"].isin(keep)]
    matrix = shown.pivot(index="outlet", columns="other", values="shared").reindex(
        index=keep, columns=keep
    )
    n = len(matrix)
    figure, axes = plt.subplots(figsize=(1.3 * n + 3, 1.0 * n + 2), dpi=100)
    values = matrix.to_numpy(dtype=float).copy()
    values[np.isnan(values)] = 0.0
    for i in range(n):
        values[i, i] = float("nan")
    image = axes.imshow(values, cmap="Blues", vmin=0, vmax=1)
    axes.set_xticks(range(n), matrix.columns, rotation=30, ha="right")
    axes.set_yticks(range(n), matrix.index)
    for i in range(n):
        for j in range(n):
            if i != j:
                share = values[i, j]
                colour = "white" if share > 0.6 else "black"
                axes.text(j, i, f"{share:.0%}", ha="center", va="center", color=colour)
    axes.set_xlabel("...is in passages aligned with this outlet's (reuse or paraphrase)")
    axes.set_ylabel("Share of this outlet's words...")
    axes.set_title(
        (title or "How much of each outlet's content is aligned with another outlet's")
        + shown_note(n, len(weight))
    )
    figure.colorbar(image, ax=axes, fraction=0.046, pad=0.04, label="share of words")
    tidy(figure)
    return figure


def relation_bars(alignments: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Stacked bars: aligned pairs per outlet pair, by relation.

    Args:
        alignments: Alignment table.
        title: Chart title.

    Returns:
        The figure.
    """
    pair = alignments["outlet_a"] + " / " + alignments["outlet_b"]
    counts = pd.crosstab(pair, alignments["relation"]).reindex(
        columns=list(RELATION_COLOURS), fill_value=0
    )
    total = len(counts)
    counts = counts.loc[busiest(counts.sum(axis=1), 2 * MAX_OUTLETS_SHOWN)]
    counts = counts.loc[counts.sum(axis=1).sort_values().index]
    figure, axes = plt.subplots(figsize=(8, 0.4 * len(counts) + 1.5), dpi=100)
    left = pd.Series(0, index=counts.index)
    for relation, colour in RELATION_COLOURS.items():
        axes.barh(counts.index, counts[relation], left=left, color=colour, label=relation)
        left = left + counts[relation]
    axes.set_xlabel("aligned passage pairs")
    axes.set_ylabel("outlet pair")
    axes.set_title(
        (title or "Aligned passages per outlet pair, by relation")
        + shown_note(len(counts), total, "outlet pairs")
    )
    axes.legend(loc="lower right")
    tidy(figure)
    return figure
