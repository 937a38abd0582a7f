"""The grouping of articles into news events, for the reader to check."""

from __future__ import annotations

import pandas as pd

from narrative.events import APART, GIVEN, WHOLE
from narrative.views._html import CELL, TABLE, escape
from narrative.views._layout import scroll_box


def events_view(table: pd.DataFrame, *, limit: int | None = 200) -> str:
    """One row per event: how it was grouped, its dates, and each article's outlet and headline.

    Args:
        table: Event table (:data:`narrative.events.EVENT_COLUMNS`).
        limit: Most events shown (the rest are counted); ``None`` for all.

    Returns:
        HTML: a sentence with the counts, then the table. An article's
        mean similarity to the rest of its event follows its headline, with
        the closest other event when the article is nearly as close to it
        (``unsure``) or that shares too little with its event to be sure of it
        (``apart``; the page's warnings say more); events reported by one outlet only
        (nothing to align) are marked, and a note says what to do when they are one story.
    """
    if table.empty:
        return "<p>No articles.</p>"
    events = list(dict.fromkeys(table["event"]))
    lone = table.groupby("event")["outlets"].first().lt(2).sum()
    how = table["grouped_by"].value_counts()
    unsure = (table["certainty"] == "unsure").sum() if "certainty" in table else 0
    if how.get(WHOLE, 0):
        grouping = (
            "the whole corpus is one event (no article names one and no outlet has more than "
            "one, or <code>events=one</code>), so dates and content were not used to split it"
        )
    else:
        given = int(how.get(GIVEN, 0))
        grouping = (
            f"{given} article(s) named their event, {len(table) - given} were grouped by "
            "content and date"
        )
    summary = (
        f"<p><b>{len(table)} articles in {len(events)} event(s)</b>; {grouping}; "
        f"{unsure} article(s) are nearly as close to another event (<i>unsure</i>); "
        f"{lone} event(s) are reported by one outlet only and have nothing to align.</p>"
    )
    if lone and len(events) > 1:
        summary += (
            "<p style='color:#8a4b00'><b>Events with one outlet are not compared with any other "
            "outlet.</b> If their articles report the same story as the rest of the corpus, "
            "run the report again with <code>-p events=one</code> (the whole corpus is one "
            "event), or name each article's event in an <code>event</code> column of the "
            "manifest.</p>"
        )
    shown = events if limit is None else events[:limit]
    rows = []
    for event in shown:
        block = table[table["event"] == event]
        dates = sorted(d for d in block["published"] if d)
        span = f"{dates[0]} to {dates[-1]}" if dates else ""
        if dates and dates[0] == dates[-1]:
            span = dates[0]
        articles = "<br>".join(_article(r) for r in block.itertuples(index=False))
        outlets = int(block["outlets"].iloc[0])
        mark = "" if outlets > 1 else " <span style='color:#8a4b00'>(one outlet)</span>"
        rows.append(
            f"<tr><td style='{CELL}'><code>{escape(str(event))}</code>{mark}</td>"
            f"<td style='{CELL}'>{escape(str(block['grouped_by'].iloc[0]))}</td>"
            f"<td style='{CELL}'>{escape(span)}</td>"
            f"<td style='{CELL}'>{outlets}</td><td style='{CELL}'>{articles}</td></tr>"
        )
    more = ""
    if len(shown) < len(events):
        more = f"<p>... and {len(events) - len(shown)} more events in data/events.csv.</p>"
    head = "".join(
        f"<th style='{CELL}'>{h}</th>"
        for h in ("event", "grouped by", "dates", "outlets", "articles (similarity to the event)")
    )
    table_html = (
        f"<table style='{TABLE}'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return f"{summary}{scroll_box(table_html)}{more}"


def _article(row) -> str:
    """One article's line: outlet, id, headline, and how sure its place is."""
    line = (
        f"<b>{escape(str(row.outlet))}</b> <code>{escape(str(row.doc_id))}</code>: "
        f"{escape(str(row.title))} <span style='color:#777'>({row.similarity:.2f})</span>"
    )
    certainty = str(getattr(row, "certainty", ""))
    if certainty == APART:
        line += " <span style='color:#8a4b00'>apart: may report another event</span>"
    if certainty == "unsure" and str(row.nearest_event):
        line += (
            f" <span style='color:#8a4b00'>unsure: {row.nearest_similarity:.2f} to "
            f"<code>{escape(str(row.nearest_event))}</code></span>"
        )
    return line
