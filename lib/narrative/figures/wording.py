"""Charts of wording: each outlet's distinctive terms."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from narrative.figures.style import busiest, outlet_colours, shown_note, tidy

Z_AXIS_LABEL = "z-score of log-odds ratio (Monroe et al. 2008)"
# Two-sided 5% level of a standard normal: the paper's usual bar for "distinctive".
Z_REFERENCE = 1.96


def distinctive_terms_chart(
    terms: pd.DataFrame,
    *,
    top: int = 10,
    colours: dict[str, str] | None = None,
    columns: int = 3,
    title: str | None = None,
) -> Figure:
    """Small multiples: each outlet's most distinctive terms, as horizontal bars.

    Args:
        terms: Table from :func:`narrative.wording.distinctive_terms`.
        top: Terms per outlet (those with the highest positive z-scores).
        colours: Outlet colours; ``None`` for :func:`narrative.figures.outlet_colours`
            over the outlets in table order.
        columns: Panels per row.
        title: Chart title.

    Returns:
        The figure: one panel per outlet, a shared z-score axis and a dashed
        line at z = 1.96.
    """
    every = list(dict.fromkeys(terms["outlet"]))
    colours = colours or outlet_colours(every)
    outlets = busiest(terms.groupby("outlet", sort=False)["z"].size().reindex(every))
    columns = max(1, min(columns, len(outlets)))
    rows = max(1, math.ceil(len(outlets) / columns))
    figure, axes = plt.subplots(
        rows,
        columns,
        figsize=(4.2 * columns, 0.28 * top * rows + 1.6),
        dpi=100,
        sharex=True,
        squeeze=False,
    )
    for panel, outlet in zip(axes.flat, outlets, strict=False):
        shown = terms[(terms["outlet"] == outlet) & (terms["z"] > 0)].head(top).iloc[::-1]
        panel.barh(shown["term"], shown["z"], color=colours[outlet])
        panel.axvline(Z_REFERENCE, color="#555", linestyle="--", linewidth=0.8)
        panel.set_title(outlet, fontsize=11)
        panel.tick_params(axis="y", labelsize=9)
    for panel in axes[:, 0]:
        panel.set_ylabel("term")
    for panel in axes.flat[len(outlets) :]:
        panel.set_visible(False)
    if len(outlets) % columns and rows > 1:
        # The bottom row is short: the panels above its gaps show their own x ticks.
        for panel in axes[-2][len(outlets) % columns :]:
            panel.tick_params(axis="x", labelbottom=True)
    figure.supxlabel(Z_AXIS_LABEL)
    figure.suptitle(
        (title or f"Words each outlet uses more than the others (top {top}; dashed: z = 1.96)")
        + shown_note(len(outlets), len(every))
    )
    tidy(figure)
    return figure
