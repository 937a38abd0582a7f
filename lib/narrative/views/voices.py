"""HTML evidence for the voices analysis: every attribution in its passage."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from narrative.quotes import voice_names
from narrative.views._html import CELL, NOTE, TABLE, Mark, badge, escape, mark_spans

#: Badge colour per speaker type.
TYPE_COLOURS = {
    "named person": "#1b7837",
    "role/organisation": "#762a83",
    "anonymous": "#b2182b",
    "unresolved": "#777777",
}
_SPEAKER = "background:#fff3b0;border-radius:2px"
_VERB = "font-weight:bold;text-decoration:underline"


def highlight(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """Escape a passage and wrap character ranges in styled ``<span>`` elements.

    Args:
        text: The passage.
        spans: ``(start, end, css)`` character ranges; overlapping ones after
            the first are skipped.

    Returns:
        HTML.
    """
    marks = {style: Mark(style, tag="span") for _, _, style in spans}
    return mark_spans(text, spans, marks=marks)


def quotes_view(
    quotes: pd.DataFrame,
    colours: dict[str, str],
    *,
    outlets: Sequence[str] | None = None,
    limit: int | None = None,
) -> str:
    """Attributions per outlet: the passage with its speaker and speech verb highlighted.

    Args:
        quotes: Table from :func:`narrative.quotes.find_quotes`.
        colours: Outlet colours (:func:`narrative.figures.outlet_colours`).
        outlets: Outlets, in order; those present in ``quotes`` when ``None``.
        limit: Show at most this many attributions per outlet (all when ``None``).

    Returns:
        HTML: one collapsible table per outlet; speakers are named as in
        :func:`narrative.quotes.voice_names` (one spelling per person).
    """
    if quotes.empty:
        return "<p><em>No quote or reported speech found.</em></p>"
    order = list(outlets) if outlets is not None else list(pd.unique(quotes["outlet"]))
    names = voice_names(quotes, group_anonymous=False)
    blocks = []
    for outlet in order:
        group = quotes[quotes["outlet"] == outlet]
        shown = group if limit is None else group.head(limit)
        rows = []
        for name, r in zip(names[shown.index], shown.itertuples(index=False), strict=True):
            passage = highlight(
                r.text,
                [(r.speaker_start, r.speaker_end, _SPEAKER), (r.verb_start, r.verb_end, _VERB)],
            )
            tag = badge(r.speaker_type, TYPE_COLOURS[r.speaker_type])
            who = f"<b>{escape(name)}</b><br>{tag}"
            if r.resolved:
                who += f'<br><span style="{NOTE}">written as \u201c{escape(r.speaker)}\u201d</span>'
            rows.append(
                f'<tr><td style="{CELL}">{passage}<br><span style="{NOTE}">'
                f"{escape(r.doc_id)} #{r.passage_id}</span></td>"
                f'<td style="{CELL}">{who}</td>'
                f'<td style="{CELL};white-space:nowrap">{escape(r.verb)}<br>'
                f"{badge(r.kind, '#2166ac' if r.kind == 'direct' else '#999999')}</td>"
                f'<td style="{CELL}">{escape(r.quote)}</td></tr>'
            )
        more = f", {len(shown)} shown" if len(shown) < len(group) else ""
        body = "".join(rows) or (
            f'<tr><td style="{CELL}" colspan="4"><em>No attribution.</em></td></tr>'
        )
        blocks.append(
            f"<details open><summary>{badge(outlet, colours[outlet])} "
            f"{len(group)} attribution(s){more}</summary>"
            f'<table style="{TABLE}"><thead><tr><th style="{CELL}">passage</th>'
            f'<th style="{CELL}">speaker</th><th style="{CELL}">verb</th>'
            f'<th style="{CELL}">what was said</th></tr></thead><tbody>{body}</tbody></table>'
            "</details>"
        )
    return "".join(blocks)
