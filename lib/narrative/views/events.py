"""The grouping of articles into news events, for the reader to check."""

from __future__ import annotations

import pandas as pd

from narrative.views._html import CELL, TABLE, escape


def events_view(table: pd.DataFrame, *, limit: int | None = 200) -> str:
    """One row per event: how it was grouped, its dates, and each article's outlet and headline.

    Args:
        table: Event table (:data:`narrative.events.EVENT_COLUMNS`).
        limit: Most events shown (the rest are counted); ``None`` for all.

    Returns:
        HTML: a sentence with the counts, then the table. An article's
        similarity to its event's centroid follows its headline; events
        reported by one outlet only (nothing to align) are marked.
    """
    if table.empty:
        return "<p>No articles.</p>"
    events = list(dict.fromkeys(table["event"]))
    lone = table.groupby("event")["outlets"].first().lt(2).sum()
    given = (table["grouped_by"] == "given").sum()
    summary = (
        f"<p><b>{len(table)} articles in {len(events)} event(s)</b>; "
        f"{given} article(s) named their event, {len(table) - given} were grouped by content "
        f"and date; {lone} event(s) are reported by one outlet only and have nothing to align.</p>"
    )
    shown = events if limit is None else events[:limit]
    rows = []
    for event in shown:
        block = table[table["event"] == event]
        dates = sorted(d for d in block["published"] if d)
        span = f"{dates[0]} to {dates[-1]}" if dates else ""
        if dates and dates[0] == dates[-1]:
            span = dates[0]
        articles = "<br>".join(
            f"<b>{escape(str(r.outlet))}</b> <code>{escape(str(r.doc_id))}</code>: "
            f"{escape(str(r.title))} <span style='color:#777'>({r.similarity:.2f})</span>"
            for r in block.itertuples(index=False)
        )
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
    return f"{summary}<table style='{TABLE}'><tr>{head}</tr>{''.join(rows)}</table>{more}"
