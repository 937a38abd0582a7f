"""HTML views of passages for notebooks and reports: the evidence under each chart.

Functions return HTML strings; notebooks show them with
``IPython.display.HTML``. Every piece of corpus text goes through
:mod:`narrative.views._html` (escaping, marks, badges, table styles), and
notebooks put corpus text into Markdown only through :func:`escape_markdown`.
Styles are inline so a report stays one file.
"""

from __future__ import annotations

import pandas as pd

from narrative.figures.style import RELATION_COLOURS, busiest_carriers
from narrative.units import CANDIDATE
from narrative.views._html import CELL, TABLE, badge, escape, escape_markdown
from narrative.views._layout import scroll_box
from narrative.views.events import events_view

__all__ = [
    "escape_markdown",
    "events_view",
    "pairs_view",
    "removed_view",
    "units_view",
    "warnings_view",
]


def units_view(
    units: pd.DataFrame,
    alignments: pd.DataFrame,
    outlets: list[str],
    colours: dict[str, str],
    *,
    limit: int | None = None,
) -> str:
    """Story units side by side: one row per unit, one column per outlet.

    A unit not stated as one fact (``status`` ``candidate``,
    :func:`narrative.units.unit_status`) is labelled a candidate to check.

    Args:
        units: Unit table.
        alignments: Alignment table (to name each unit's strongest relation).
        outlets: Outlet labels, in column order.
        colours: Outlet colours.
        limit: Show at most this many units (all when ``None``).

    Returns:
        HTML.
    """
    if units.empty:
        return "<p><em>No story unit: no passage is reported by two outlets.</em></p>"
    pair_relation = {}
    for row in alignments.itertuples(index=False):
        pair_relation[(row.doc_a, row.passage_a, row.doc_b, row.passage_b)] = row.relation
    shown_ids = list(dict.fromkeys(sorted(units["unit_id"])))[
        : limit if limit is not None else None
    ]
    shown = units[units["unit_id"].isin(shown_ids)]
    # Columns only for the outlets that carry a unit shown (a corpus of many events and
    # outlets would otherwise get a column per outlet, nearly all empty); the busiest
    # MAX_OUTLETS_SHOWN of them when there are more.
    outlets, every = busiest_carriers(shown, "unit_id", outlets)
    note = ""
    if len(outlets) < len(every):
        note = (
            f"<p>{len(every)} outlets carry these units; the {len(outlets)} that carry the most "
            "are shown. Every unit and passage is in <code>data/units.csv</code>.</p>"
        )
    header = "".join(
        f'<th style="{CELL};border-top:4px solid {colours[o]}">{escape(o)}</th>' for o in outlets
    )
    body = []
    for unit_id, group in shown.groupby("unit_id", sort=True):
        keys = list(zip(group["doc_id"], group["passage_id"], strict=True))
        relations = {
            pair_relation.get((a[0], a[1], b[0], b[1])) or pair_relation.get((*b, *a))
            for a in keys
            for b in keys
        }
        relation = "reuse" if "reuse" in relations else "paraphrase"
        candidate = "status" in group and (group["status"] == CANDIDATE).any()
        cells = []
        for outlet in outlets:
            rows = group[group["outlet"] == outlet]
            parts = [
                f'<div title="{escape(r.doc_id)} #{r.passage_id}, {r.kind}, position '
                f'{r.position:.0%}">{escape(r.text)} <span style="color:#888;font-size:11px">'
                f"({r.kind}, {r.position:.0%})</span></div>"
                for r in rows.itertuples(index=False)
            ]
            cells.append(f'<td style="{CELL}">{"".join(parts) or "&nbsp;"}</td>')
        label = f"<b>{escape(unit_id)}</b><br>{badge(relation, RELATION_COLOURS[relation])}"
        if candidate:
            label += (
                f"<br>{badge('candidate', '#777')}<br><span style='font-size:11px'>"
                "check the passages:<br>not stated as one fact</span>"
            )
        body.append(f'<tr><td style="{CELL};white-space:nowrap">{label}</td>{"".join(cells)}</tr>')
    return note + scroll_box(
        f'<table style="{TABLE}"><thead><tr><th style="{CELL}">unit</th>{header}</tr>'
        f"</thead><tbody>{''.join(body)}</tbody></table>"
    )


def pairs_view(alignments: pd.DataFrame, *, limit: int | None = 20) -> str:
    """Aligned pairs, strongest first, with their scores and relation.

    Args:
        alignments: Alignment rows to show.
        limit: Show at most this many (all when ``None``).

    Returns:
        HTML.
    """
    if alignments.empty:
        return "<p><em>No aligned pair.</em></p>"
    shown = alignments.sort_values("score", ascending=False)
    if limit is not None:
        shown = shown.head(limit)
    body = []
    for r in shown.itertuples(index=False):
        tag = badge(r.relation, RELATION_COLOURS[r.relation])
        body.append(
            f'<tr><td style="{CELL}"><b>{escape(r.outlet_a)}</b> #{r.passage_a}<br>'
            f"{escape(r.text_a)}</td>"
            f'<td style="{CELL}"><b>{escape(r.outlet_b)}</b> #{r.passage_b}<br>'
            f"{escape(r.text_b)}</td>"
            f'<td style="{CELL};width:9em">{tag}<br>score {r.score:.2f}<br>'
            f"cosine {r.similarity:.2f}<br>lexical {r.lexical:.2f}<br>"
            f"shared: {escape(r.shared_terms)}</td></tr>"
        )
    return scroll_box(
        f'<table style="{TABLE}"><thead><tr><th style="{CELL}">passage</th>'
        f'<th style="{CELL}">counterpart</th><th style="{CELL}">evidence</th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def removed_view(removed: pd.DataFrame) -> str:
    """What cleaning set aside, per document, with the reason for each line.

    Args:
        removed: Table from ``Result.removed``.

    Returns:
        HTML with one collapsible block per document.
    """
    blocks = []
    for doc_id, group in removed.groupby("doc_id", sort=False):
        rows = "".join(
            f'<tr><td style="{CELL}">{r.line}</td><td style="{CELL}">{escape(r.reason)}</td>'
            f'<td style="{CELL}">{escape(r.text)}</td></tr>'
            for r in group.itertuples(index=False)
        )
        blocks.append(
            f"<details><summary>{escape(str(doc_id))}: {len(group)} line(s) set aside</summary>"
            + scroll_box(
                f'<table style="{TABLE}"><thead><tr><th style="{CELL}">line</th>'
                f'<th style="{CELL}">reason</th><th style="{CELL}">text</th></tr></thead>'
                f"<tbody>{rows}</tbody></table>"
            )
            + "</details>"
        )
    return "".join(blocks) or "<p><em>Nothing was removed.</em></p>"


def warnings_view(warnings: list[str]) -> str:
    """The run's warnings as a list, or a line saying there were none."""
    if not warnings:
        return "<p>No warnings: every input was read as given.</p>"
    items = "".join(f"<li>{escape(w)}</li>" for w in warnings)
    return f'<ul class="run-warnings" style="color:#8a4b00">{items}</ul>'
