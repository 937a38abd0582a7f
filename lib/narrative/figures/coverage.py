"""Charts of coverage and prominence: who carries which fact, where, and how much of A is in B.

Inputs are the tables of :mod:`narrative.coverage`; outlet colours come from
:func:`narrative.figures.outlet_colours`.
"""

from __future__ import annotations

from collections.abc import Collection

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from narrative.figures.style import MAX_OUTLETS_SHOWN, RELATION_COLOURS, busiest, shown_note, tidy

#: Marker of each placement band (:data:`narrative.coverage.BANDS`) in :func:`prominence_chart`.
BAND_MARKERS = {
    "headline": "^",
    "standfirst": "D",
    "lede": "s",
    "first quarter": "o",
    "second quarter": "o",
    "second half": "o",
}


#: Added to the label of a fact that is a candidate story unit, not stated as one fact.
CANDIDATE_MARK = " [candidate]"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def fact_matrix_chart(
    matrix: pd.DataFrame,
    colours: dict[str, str],
    *,
    limit: int = 40,
    label_chars: int = 50,
    title: str | None = None,
    outlet_only: dict[str, int] | None = None,
    only_label: str = "outlet-only facts (count)",
    candidates: Collection[str] = (),
) -> Figure:
    """Dot matrix of which outlet carries which shared fact, consensus facts on top.

    One row per fact carried by two or more outlets (the first ``limit``, in
    the matrix's order), one column per outlet; a dot where the outlet
    carries the fact, larger when several of its passages do (capped at 3).
    A last row counts each outlet's outlet-only facts: ``outlet_only`` when
    given (the facts claimed outlet-only, as the page lists them), else the
    facts only that outlet carries.

    Args:
        matrix: Table from :func:`narrative.coverage.fact_matrix`.
        colours: Outlet colours.
        limit: Most shared facts shown.
        label_chars: Longest fact label on the axis, in characters.
        title: Chart title.
        outlet_only: Outlet-only facts per outlet, for the last row.
        only_label: The last row's label ("outlet-only candidates (count)" where the
            page does not claim them).
        candidates: Facts shown as candidates, not stated as one fact (story units
            :func:`narrative.units.candidate_ids`): their labels say so.

    Returns:
        The figure.
    """
    every = [c for c in matrix.columns if c not in ("n_outlets", "label")]
    shared = matrix[matrix["n_outlets"] >= 2]
    shown = shared.head(limit)
    outlets = busiest(shown[every].gt(0).sum()) if len(every) > MAX_OUTLETS_SHOWN else every
    only = matrix[matrix["n_outlets"] == 1][outlets].gt(0).sum()
    if outlet_only is not None:
        only = pd.Series({o: outlet_only.get(o, 0) for o in outlets})
    rows = len(shown) + 1
    figure, axes = plt.subplots(figsize=(0.9 * len(outlets) + 5.5, 0.3 * rows + 2.2), dpi=100)
    for j, outlet in enumerate(outlets):
        counts = shown[outlet].to_numpy()
        present = counts > 0
        axes.scatter(
            [j] * int(present.sum()),
            [i for i, p in enumerate(present) if p],
            s=[45 * min(int(c), 3) for c in counts[present]],
            color=colours[outlet],
            zorder=3,
        )
        axes.text(j, rows - 1, str(int(only[outlet])), ha="center", va="center", fontsize=10)
    axes.axhline(rows - 1.5, color="#999999", linewidth=0.8)
    labels = [
        f"{fact_id} ({int(r.n_outlets)}){CANDIDATE_MARK if fact_id in candidates else ''} "
        f"{_short(r.label, label_chars)}"
        for fact_id, r in shown.iterrows()
    ]
    axes.set_yticks(range(rows), [*labels, only_label], fontsize=8)
    axes.set_xticks(range(len(outlets)), outlets, rotation=30, ha="right")
    for tick, outlet in zip(axes.get_xticklabels(), outlets, strict=True):
        tick.set_color(colours[outlet])
    axes.set_xlim(-0.6, len(outlets) - 0.4)
    axes.set_ylim(rows - 0.5, -0.5)
    axes.grid(axis="y", color="#eeeeee", zorder=0)
    axes.set_xlabel("outlet (a larger dot: more of its passages carry the fact)")
    axes.set_ylabel("fact (number of outlets carrying it)")
    heading = title or "Which outlet carries which fact, consensus facts first"
    if len(shared) > len(shown):
        heading += f" (first {len(shown)} of {len(shared)} shared facts)"
    if set(shown.index) & set(candidates):
        heading += f"\n{CANDIDATE_MARK.strip()}: a candidate story unit, not stated as one fact"
    axes.set_title(heading + shown_note(len(outlets), len(every)))
    tidy(figure)
    return figure


def prominence_chart(
    prominence: pd.DataFrame,
    colours: dict[str, str],
    *,
    limit: int = 12,
    label_chars: int = 45,
    title: str | None = None,
    candidates: Collection[str] = (),
) -> Figure:
    """Where each shared fact sits in each outlet's article.

    One row per fact carried by two or more outlets (the first ``limit``, in
    the table's order: consensus facts first); one dot per outlet at the
    relative position of its best-placed passage, 0 (top) to 1 (end), in the
    outlet's colour, shaped by placement band (headline, standfirst, lede,
    later). A grey line spans the earliest to the latest placement, so a fact
    that leads one article and is buried in another shows a long line. Dots of
    one fact are nudged vertically so outlets at the same position stay
    visible.

    Args:
        prominence: Table from :func:`narrative.coverage.prominence`.
        colours: Outlet colours (also fixes the outlets' order).
        limit: Most facts shown.
        label_chars: Longest fact label on the axis, in characters.
        title: Chart title.
        candidates: Facts shown as candidates (see :func:`fact_matrix_chart`):
            labelled so, their line dashed.

    Returns:
        The figure.
    """
    shared = prominence[prominence["n_outlets"] >= 2]
    facts = list(dict.fromkeys(shared["fact_id"]))[:limit]
    counts = shared[shared["fact_id"].isin(facts)]["outlet"].value_counts()
    every = [o for o in colours if o in counts.index]
    outlets = busiest(counts.reindex(every))
    step = 0.6 / max(len(outlets), 1)
    figure, axes = plt.subplots(figsize=(12, 0.45 * len(facts) + 2.5), dpi=100)
    labels = []
    for i, fact_id in enumerate(facts):
        rows = shared[shared["fact_id"] == fact_id]
        mark = CANDIDATE_MARK if fact_id in candidates else ""
        labels.append(f"{fact_id}{mark} {_short(rows['label'].iloc[0], label_chars)}")
        axes.plot(
            [rows["position"].min(), rows["position"].max()],
            [i, i],
            color="#bbbbbb",
            linestyle="--" if mark else "-",
            zorder=1,
        )
        for r in rows[rows["outlet"].isin(outlets)].itertuples(index=False):
            offset = (outlets.index(r.outlet) - (len(outlets) - 1) / 2) * step
            axes.scatter(
                r.position,
                i + offset,
                marker=BAND_MARKERS[r.band],
                s=55,
                color=colours[r.outlet],
                edgecolor="black" if r.band in ("headline", "standfirst", "lede") else "none",
                linewidth=0.6,
                zorder=3,
            )
    axes.set_yticks(range(len(facts)), labels, fontsize=8)
    if not facts:
        # An empty axis range made matplotlib warn on the page (FA-KES Aleppo 2016-10-06).
        axes.text(0.5, 0, "no fact is reported by two or more outlets", ha="center", va="center")
    axes.set_ylim(max(len(facts), 1) - 0.5, -0.5)
    axes.set_xlim(-0.03, 1.03)
    axes.set_xlabel("position in the article (0 = top, 1 = end)")
    axes.set_ylabel("fact")
    heading = title or "Where each shared fact sits in each outlet's article"
    if set(facts) & set(candidates):
        heading += (
            f"\n{CANDIDATE_MARK.strip()}, dashed: a candidate story unit, not stated as one fact"
        )
    axes.set_title(heading + shown_note(len(outlets), len(every)))
    outlet_handles = [
        Line2D([], [], marker="o", linestyle="", color=colours[o], label=o) for o in outlets
    ]
    band_handles = [
        Line2D([], [], marker=BAND_MARKERS[b], linestyle="", color="#555555", label=b)
        for b in ("headline", "standfirst", "lede")
    ]
    band_handles.append(
        Line2D([], [], marker="o", linestyle="", color="#555555", label="later in the article")
    )
    legend = axes.legend(
        handles=outlet_handles, title="outlet", loc="upper left", bbox_to_anchor=(1.01, 1.0)
    )
    axes.add_artist(legend)
    axes.legend(handles=band_handles, title="placement", loc="lower left", bbox_to_anchor=(1.01, 0))
    tidy(figure)
    return figure


def shared_content_bars(
    pairs: pd.DataFrame,
    colours: dict[str, str],
    *,
    limit: int = 30,
    title: str | None = None,
) -> Figure:
    """Stacked bars: how much of outlet A is in outlet B, as shared wire copy or paraphrase.

    One bar per ordered pair (the ``limit`` pairs sharing most, largest on
    top), split into ``reuse`` (near-verbatim shared copy) and ``paraphrase``.
    Pair labels are in the colour of outlet A.

    Args:
        pairs: Table from :func:`narrative.coverage.shared_content_pairs`.
        colours: Outlet colours.
        limit: Most pairs shown.
        title: Chart title.

    Returns:
        The figure.
    """
    shown = pairs.sort_values(["shared", "reuse"], ascending=False, kind="stable").head(limit)
    shown = shown.iloc[::-1]
    labels = [f"{a} in {b}" for a, b in zip(shown["outlet"], shown["other"], strict=True)]
    figure, axes = plt.subplots(figsize=(9, 0.32 * len(shown) + 1.8), dpi=100)
    positions = range(len(shown))
    axes.barh(
        positions,
        shown["reuse"],
        color=RELATION_COLOURS["reuse"],
        label="reuse (shared wire copy)",
    )
    axes.barh(
        positions,
        shown["paraphrase"],
        left=shown["reuse"],
        color=RELATION_COLOURS["paraphrase"],
        label="paraphrase",
    )
    for y, share in zip(positions, shown["shared"], strict=True):
        axes.text(share + 0.01, y, f"{share:.0%}", va="center", fontsize=8)
    axes.set_yticks(list(positions), labels, fontsize=9)
    for tick, outlet in zip(axes.get_yticklabels(), shown["outlet"], strict=True):
        tick.set_color(colours[outlet])
    axes.set_xlim(0, 1.08)
    axes.set_xlabel("share of outlet A's words (standfirst and body) also in outlet B")
    axes.set_ylabel("outlet A in outlet B")
    axes.set_title(title or "How much of each outlet is in another: wire copy and paraphrase")
    axes.legend(loc="lower right")
    tidy(figure)
    return figure
