"""Chart of frame profiles: which frames each outlet's passages carry (indicative)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from narrative.figures.style import busiest, outlet_colours, shown_note, tidy

_VALUE_LABELS = {
    "passage_share": "share of the outlet's passages",
    "word_share": "share of the outlet's words",
}
#: The column that holds each share's base, and what it counts.
_BASES = {"passage_share": ("outlet_passages", "passages"), "word_share": ("outlet_words", "words")}


def frame_profile_chart(
    profile: pd.DataFrame,
    *,
    value: str = "passage_share",
    colours: dict[str, str] | None = None,
    title: str | None = None,
) -> Figure:
    """Heatmap of frame profiles: one row per frame, one column per outlet.

    Args:
        profile: Table from :func:`narrative.frames.frame_profile`.
        value: ``"passage_share"`` or ``"word_share"``.
        colours: Outlet colours; ``None`` for :func:`narrative.figures.outlet_colours`
            over the outlets in table order. Each column carries its outlet's
            colour in a strip above it and in its label.
        title: Chart title; the default says the profile is indicative.

    Returns:
        The figure; each cell is labelled with its share (blank when 0).
    """
    if value not in _VALUE_LABELS:
        raise ValueError(f"value must be one of {sorted(_VALUE_LABELS)}, not {value!r}")
    every = list(dict.fromkeys(profile["outlet"]))
    frames = list(dict.fromkeys(profile["frame"]))
    colours = colours or outlet_colours(every)
    outlets = busiest(profile.groupby("outlet", sort=False)["passages"].sum().reindex(every))
    matrix = profile.pivot(index="frame", columns="outlet", values=value)
    values = matrix.reindex(index=frames, columns=outlets).to_numpy(dtype=float)
    figure, axes = plt.subplots(
        figsize=(1.1 * len(outlets) + 4.5, 0.38 * len(frames) + 2.2), dpi=100
    )
    top = max(float(np.nanmax(values)) if values.size else 0.0, 0.01)
    image = axes.imshow(values, cmap="Purples", vmin=0, vmax=top, aspect="auto")
    for i in range(len(frames)):
        for j in range(len(outlets)):
            share = values[i, j]
            if share > 0:
                colour = "white" if share > 0.6 * top else "black"
                axes.text(j, i, f"{share:.0%}", ha="center", va="center", color=colour, fontsize=9)
    for j, outlet in enumerate(outlets):
        axes.add_patch(Rectangle((j - 0.5, -0.95), 1, 0.4, color=colours[outlet], clip_on=False))
    base, unit = _BASES[value]
    totals = profile.groupby("outlet", sort=False)[base].first() if base in profile else {}
    bases = [f"{o}\n({int(totals[o])} {unit})" if o in totals else o for o in outlets]
    axes.set_xticks(range(len(outlets)), bases, rotation=30, ha="right")
    for label, outlet in zip(axes.get_xticklabels(), outlets, strict=True):
        label.set_color(colours[outlet])
    axes.set_yticks(range(len(frames)), frames)
    axes.set_ylim(len(frames) - 0.5, -1.0)
    axes.set_xlabel("outlet (the passages or words a column's shares are of)")
    axes.set_ylabel("frame (Media Frames Corpus, adapted)")
    axes.set_title(
        (title or f"Frames per outlet, indicative: {_VALUE_LABELS[value]} in each frame")
        + shown_note(len(outlets), len(every)),
        pad=12,
    )
    figure.colorbar(image, ax=axes, fraction=0.046, pad=0.04, label=_VALUE_LABELS[value])
    tidy(figure)
    return figure
