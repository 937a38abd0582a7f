"""Charts of who speaks in each outlet: voices, anonymous sourcing, speech verbs.

Each takes a table from :mod:`narrative.quotes` and returns a titled
matplotlib ``Figure``; outlets keep the colours of
:func:`narrative.figures.outlet_colours`.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from narrative.figures.style import busiest, outlet_colours, shown_note, tidy

_TYPE_LABELS = {
    "named person": "named",
    "role/organisation": "role/org.",
    "anonymous": "anonymous",
    "unresolved": "unresolved",
}


def _colours(outlets: list[str], colours: dict[str, str] | None) -> dict[str, str]:
    return colours if colours is not None else outlet_colours(outlets)


def voices_chart(
    table: pd.DataFrame,
    *,
    colours: dict[str, str] | None = None,
    top: int = 15,
    title: str | None = None,
) -> Figure:
    """Stacked bars: the most quoted voices, split by the outlet that quotes them.

    Args:
        table: Table from :func:`narrative.quotes.voice_table`.
        colours: Outlet colours; :func:`narrative.figures.outlet_colours` of the
            table's outlets when ``None``.
        top: Show the ``top`` most quoted voices.
        title: Chart title.

    Returns:
        The figure.
    """
    every = [c for c in table.columns if c != "speaker_type"]
    colours = _colours(every, colours)
    shown = table.head(top).iloc[::-1]
    outlets = busiest(shown[every].sum())
    labels = [
        voice if voice.startswith("(") else f"{voice} ({_TYPE_LABELS[kind]})"
        for voice, kind in shown["speaker_type"].items()
    ]
    figure, axes = plt.subplots(figsize=(9, 0.35 * len(shown) + 1.8), dpi=100)
    left = np.zeros(len(shown))
    for outlet in outlets:
        values = shown[outlet].to_numpy(dtype=float)
        axes.barh(labels, values, left=left, color=colours[outlet], label=outlet)
        left += values
    axes.set_xlabel("attributions (quotes and reported speech)")
    axes.set_ylabel("speaker")
    axes.set_title(
        (title or "Who gets a voice in which outlet") + shown_note(len(outlets), len(every))
    )
    if outlets:
        axes.legend(loc="lower right", fontsize=9)
    tidy(figure)
    return figure


def anonymous_share_chart(
    shares: pd.DataFrame, *, colours: dict[str, str] | None = None, title: str | None = None
) -> Figure:
    """Bars: the share of each outlet's attributions that go to anonymous speakers.

    Args:
        shares: Table from :func:`narrative.quotes.anonymous_share`.
        colours: Outlet colours; :func:`narrative.figures.outlet_colours` of the
            table's outlets when ``None``.
        title: Chart title.

    Returns:
        The figure; each bar is labelled "anonymous of all attributions".
    """
    every = list(shares.index)
    colours = _colours(every, colours)
    shares = shares.loc[busiest(shares["attributions"])]
    outlets = list(shares.index)
    figure, axes = plt.subplots(figsize=(1.3 * len(outlets) + 3, 4.5), dpi=100)
    bars = axes.bar(
        outlets, shares["anonymous_share"], color=[colours[o] for o in outlets], width=0.6
    )
    for bar, (_, row) in zip(bars, shares.iterrows(), strict=True):
        axes.annotate(
            f"{row['anonymous']:.0f} of {row['attributions']:.0f}",
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            fontsize=9,
        )
    axes.set_ylim(0, 1.08)
    axes.yaxis.set_major_formatter(PercentFormatter(1.0))
    axes.set_xticks(range(len(outlets)), outlets, rotation=20, ha="right")
    axes.set_xlabel("outlet")
    axes.set_ylabel("share of attributions to anonymous speakers")
    axes.set_title(
        (title or "How much each outlet relies on anonymous sources")
        + shown_note(len(outlets), len(every))
    )
    tidy(figure)
    return figure


def verb_profile_chart(
    profile: pd.DataFrame,
    *,
    colours: dict[str, str] | None = None,
    top: int = 10,
    title: str | None = None,
) -> Figure:
    """Heatmap: each outlet's speech verbs as shares of its attributions.

    Args:
        profile: Table from :func:`narrative.quotes.verb_profile`.
        colours: Outlet colours (outlet names on the x axis are drawn in them);
            :func:`narrative.figures.outlet_colours` of the table's outlets when ``None``.
        top: Verbs shown one by one (most used overall); the rest are "other".
        title: Chart title.

    Returns:
        The figure; a column sums to 100% of that outlet's attributions, whose
        number its label gives (a share of a few is one or two sentences).
    """
    every = list(profile.index)
    colours = _colours(every, colours)
    profile = profile.loc[busiest(profile.sum(axis=1))]
    outlets = list(profile.index)
    shown = profile[list(profile.columns[:top])].copy()
    if len(profile.columns) > top:
        shown["other"] = profile[profile.columns[top:]].sum(axis=1)
    totals = profile.sum(axis=1).replace(0, np.nan)
    shares = shown.div(totals, axis=0).fillna(0.0).T
    figure, axes = plt.subplots(figsize=(1.3 * len(outlets) + 3, 0.45 * len(shares) + 2), dpi=100)
    image = axes.imshow(shares.to_numpy(dtype=float), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for i, verb in enumerate(shares.index):
        for j, outlet in enumerate(outlets):
            share = shares.at[verb, outlet]
            if share:
                colour = "white" if share > 0.6 else "black"
                axes.text(j, i, f"{share:.0%}", ha="center", va="center", color=colour, fontsize=9)
    bases = [f"{o}\n({int(profile.loc[o].sum())} attributions)" for o in outlets]
    axes.set_xticks(range(len(outlets)), bases, rotation=30, ha="right")
    for label, outlet in zip(axes.get_xticklabels(), outlets, strict=True):
        label.set_color(colours[outlet])
        label.set_fontweight("bold")
    axes.set_yticks(range(len(shares)), shares.index)
    axes.set_xlabel("outlet (the attributions a column's shares are of)")
    axes.set_ylabel("speech verb")
    axes.set_title(
        (title or "How each outlet introduces what people say")
        + shown_note(len(outlets), len(every))
    )
    figure.colorbar(image, ax=axes, fraction=0.046, pad=0.04, label="share of attributions")
    tidy(figure)
    return figure
