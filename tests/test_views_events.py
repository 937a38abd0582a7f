from __future__ import annotations

import pandas as pd
from narrative.events import EVENT_COLUMNS
from narrative.views.events import events_view


def _row(event, doc, outlet, similarity, nearest, near, certainty, outlets):
    return dict(
        event=event,
        doc_id=doc,
        outlet=outlet,
        published="",
        title=f"<b>{doc}</b>",
        similarity=similarity,
        nearest_event=nearest,
        nearest_similarity=near,
        certainty=certainty,
        outlets=outlets,
        grouped_by="content and date",
    )


def test_events_view_marks_unsure_places_and_says_what_to_do_with_lone_outlets():
    table = pd.DataFrame(
        [
            _row("E001", "a1", "A", 0.41, "E002", 0.35, "unsure", 2),
            _row("E001", "b1", "B", 0.44, "E002", 0.10, "sure", 2),
            _row("E002", "a2", "A", 0.0, "E001", 0.30, "alone", 1),
        ],
        columns=EVENT_COLUMNS,
    )
    html = events_view(table)
    assert "1 article(s) are nearly as close to another event" in html
    assert "unsure: 0.35 to <code>E002</code>" in html
    assert html.count("unsure:") == 1
    assert "-p events=one" in html and "(one outlet)" in html
    assert "<b>a1</b>" not in html and "&lt;b&gt;a1&lt;/b&gt;" in html
    # One event: no advice about lone outlets.
    assert "events=one" not in events_view(table[table["event"] == "E001"])
