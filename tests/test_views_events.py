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


def test_events_view_says_when_the_whole_corpus_is_one_event():
    rows = [_row("E001", d, o, 0.4, "", 0.0, "sure", 2) for d, o in (("a1", "A"), ("b1", "B"))]
    table = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    assert "0 article(s) named their event, 2 were grouped by content and date" in events_view(
        table
    )
    html = events_view(table.assign(grouped_by="whole corpus"))
    assert "the whole corpus is one event" in html and "grouped by content" not in html


def test_units_view_has_columns_for_the_outlets_that_carry_the_units_shown():
    from narrative.figures import MAX_OUTLETS_SHOWN, outlet_colours
    from narrative.views import units_view

    outlets = [f"site{i:02d}" for i in range(40)]
    rows = []
    for u in range(3):  # U001: outlets 0-14; U002: 10-19; U003: 20-29
        for k in range(10 + (5 if u == 0 else 0)):
            outlet = outlets[(u * 10 + k) % 40]
            rows.append(
                dict(
                    unit_id=f"U{u + 1:03d}",
                    doc_id=f"d-{outlet}",
                    passage_id=u,
                    outlet=outlet,
                    kind="body",
                    position=0.1,
                    text=f"fact {u} in {outlet}",
                )
            )
    units = pd.DataFrame(rows)
    alignments = pd.DataFrame(columns=["doc_a", "passage_a", "doc_b", "passage_b", "relation"])
    colours = outlet_colours(outlets)
    one = units_view(units, alignments, outlets, colours, limit=1)
    assert one.count("<th style") == 1 + 15 and "site39" not in one  # U001 only: its 15 outlets
    every = units_view(units, alignments, outlets, colours)
    assert every.count("<th style") == 1 + MAX_OUTLETS_SHOWN
    assert "30 outlets carry these units" in every


def test_units_view_marks_candidate_units():
    from narrative.figures import outlet_colours
    from narrative.views import units_view

    units = pd.DataFrame(
        [
            dict(unit_id=u, doc_id=d, passage_id=0, outlet=d.upper(), kind="body",
                 position=0.1, text=f"{u} {d}", status=s)
            for u, s in (("U001", "one fact"), ("U002", "candidate"))
            for d in "ab"
        ]
    )  # fmt: skip
    alignments = pd.DataFrame(columns=["doc_a", "passage_a", "doc_b", "passage_b", "relation"])
    html = units_view(units, alignments, ["A", "B"], outlet_colours(["A", "B"]))
    first, second = html.split("<b>U002</b>")
    assert "candidate" not in first and "candidate" in second
    assert "check the passages" in second
