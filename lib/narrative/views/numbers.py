"""HTML view of numbers that disagree: both passages, the figures highlighted.

Input is the table of :func:`narrative.numbers.number_disagreements` (or the
full :func:`narrative.numbers.number_comparisons`). The view returns an escaped
HTML string with inline styles.
"""

from __future__ import annotations

import math

import pandas as pd

from narrative.figures import RELATION_COLOURS
from narrative.views._html import CELL, TABLE, Mark, badge, escape, mark_spans

_FIGURE = Mark("background:#ffe08a;font-weight:600;padding:0 1px")
_UNALIGNED = "#777777"


def highlight(text: str, start: int, end: int) -> str:
    """A passage as HTML with one character span marked.

    Args:
        text: The passage.
        start: Offset of the first marked character.
        end: Offset just past the last marked character.

    Returns:
        Escaped HTML.
    """
    return mark_spans(text, [(start, end)], default=_FIGURE)


def _figure(row: pd.Series, side: str) -> str:
    date = row[f"date_{side}"]
    return escape(f"{row[f'surface_{side}']}" + (f" ({date})" if date else ""))


def disagreements_view(
    disagreements: pd.DataFrame, colours: dict[str, str], *, limit: int | None = None
) -> str:
    """Each disagreement as a row: what is counted, then both passages, figures marked.

    Args:
        disagreements: Table from :func:`narrative.numbers.number_disagreements`.
        colours: Outlet colours (:func:`narrative.figures.outlet_colours`).
        limit: Show at most this many rows (all when ``None``).

    Returns:
        HTML: a table with one row per pair of figures, or a note when there is
        none.
    """
    if disagreements.empty:
        return "<p><em>No disagreement: aligned passages give the same figures.</em></p>"
    rows = disagreements if limit is None else disagreements.head(limit)
    body = []
    for _, row in rows.iterrows():
        relation = row["relation"]
        colour = RELATION_COLOURS.get(relation, _UNALIGNED)
        ratio = row["ratio"]
        factor = "" if math.isnan(ratio) else f"<br>B / A = {ratio:.3g}"
        label = (
            f'<b>{escape(row["what"])}</b> <span style="color:#888">({escape(row["kind"])})'
            f"</span><br>{_figure(row, 'a')} vs {_figure(row, 'b')}{factor}<br>"
            f"{badge(relation, colour)}"
        )
        cells = [
            f'<td style="{CELL};border-left:4px solid {colours[row[f"outlet_{side}"]]}">'
            f"{badge(row[f'outlet_{side}'], colours[row[f'outlet_{side}']])} "
            f"{highlight(row[f'text_{side}'], row[f'start_{side}'], row[f'end_{side}'])}</td>"
            for side in ("a", "b")
        ]
        body.append(f'<tr><td style="{CELL};width:18%">{label}</td>{"".join(cells)}</tr>')
    more = len(disagreements) - len(rows)
    note = f'<p style="color:#888">\u2026 and {more} more</p>' if more > 0 else ""
    header = "".join(f'<th style="{CELL}">{h}</th>' for h in ("figures", "A", "B"))
    return (
        f'<table style="{TABLE}"><thead><tr>{header}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>{note}"
    )
