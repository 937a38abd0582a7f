"""Charts, with one colour per outlet kept across every chart of a run.

Every function returns a matplotlib ``Figure`` with a title and labelled axes;
notebooks display it and put the passages that back it underneath.
"""

from __future__ import annotations

import warnings

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

RELATION_COLOURS = {"reuse": "#b2182b", "paraphrase": "#2166ac", "related": "#999999"}


def tidy(figure: Figure) -> Figure:
    """Fit a figure's labels, titles and legends inside it (``tight_layout``).

    When they cannot all fit (very long labels, or many rows), matplotlib
    leaves the layout as it is and warns "Tight layout not applied", with its
    own file path, into the page. That warning is dropped: the notebook's
    inline backend saves every chart with ``bbox_inches="tight"``, which
    widens the image to whatever sticks out, so nothing is lost.

    Args:
        figure: The figure, fully drawn.

    Returns:
        The same figure.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Tight layout not applied", category=UserWarning)
        figure.tight_layout()
    return figure


def outlet_colours(outlets: list[str]) -> dict[str, str]:
    """A fixed colour per outlet, by order of appearance (tab10, then tab20)."""
    palette = list(plt.get_cmap("tab10").colors) + list(plt.get_cmap("tab20b").colors)
    return {o: matplotlib.colors.to_hex(palette[i % len(palette)]) for i, o in enumerate(outlets)}


def shared_content_heatmap(matrix: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Heatmap of "how much of the row outlet's content is also in the column outlet".

    Args:
        matrix: Square share table from :func:`narrative.coverage.shared_content`.
        title: Chart title.

    Returns:
        The figure.
    """
    n = len(matrix)
    figure, axes = plt.subplots(figsize=(1.3 * n + 3, 1.0 * n + 2), dpi=100)
    values = matrix.to_numpy(dtype=float).copy()
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
    axes.set_xlabel("...is also reported by this outlet")
    axes.set_ylabel("Share of this outlet's words...")
    axes.set_title(title or "How much of each outlet's content another outlet also reports")
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
    counts = counts.loc[counts.sum(axis=1).sort_values().index]
    figure, axes = plt.subplots(figsize=(8, 0.4 * len(counts) + 1.5), dpi=100)
    left = pd.Series(0, index=counts.index)
    for relation, colour in RELATION_COLOURS.items():
        axes.barh(counts.index, counts[relation], left=left, color=colour, label=relation)
        left = left + counts[relation]
    axes.set_xlabel("aligned passage pairs")
    axes.set_ylabel("outlet pair")
    axes.set_title(title or "Aligned passages per outlet pair, by relation")
    axes.legend(loc="lower right")
    tidy(figure)
    return figure
