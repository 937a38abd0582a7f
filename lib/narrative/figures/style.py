"""The charts' shared style: colours, how many outlets a chart shows, layout.

Every chart module draws with these, so one outlet keeps one colour across every
chart of a run and a corpus of hundreds of outlets gets charts of its busiest ones.
"""

from __future__ import annotations

import warnings

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

RELATION_COLOURS = {"reuse": "#b2182b", "paraphrase": "#2166ac", "related": "#999999"}
#: Most outlets (or outlet pairs) a chart shows: a corpus of hundreds of outlets
#: gets a chart of its busiest ones, and every outlet stays in the CSV exports.
MAX_OUTLETS_SHOWN = 20


def busiest(weights: pd.Series, limit: int = MAX_OUTLETS_SHOWN) -> list:
    """The ``limit`` index entries with the largest weights, in their given order.

    Args:
        weights: One weight per outlet (or pair), e.g. its passages or shared words.
        limit: How many to keep.

    Returns:
        The kept index entries, in the order of ``weights`` (all when there are
        no more than ``limit``).
    """
    if len(weights) <= limit:
        return list(weights.index)
    kept = set(weights.sort_values(ascending=False, kind="stable").index[:limit])
    return [k for k in weights.index if k in kept]


def busiest_carriers(table: pd.DataFrame, key: str, outlets: list) -> tuple[list, list]:
    """The outlets that carry something in ``table``, and the busiest of them.

    Args:
        table: One row per passage, with ``outlet`` and ``key`` (a fact or unit id).
        key: The column that says what a row carries.
        outlets: Every outlet, in display order.

    Returns:
        ``(shown, every)``: the :func:`busiest` outlets by how many distinct ``key``
        values they carry, and every outlet that carries one, both in display order.
    """
    carriers = table.groupby("outlet")[key].nunique()
    every = [o for o in outlets if o in carriers.index]
    return busiest(carriers.reindex(every)), every


def shown_note(shown: int, total: int, what: str = "outlets") -> str:
    """A title suffix saying that a chart shows only some of the outlets, or nothing."""
    return "" if shown >= total else f" ({shown} of {total} {what}; all in the CSV exports)"


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
