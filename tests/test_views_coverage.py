from __future__ import annotations

import pandas as pd
from narrative.coverage import prominence_gaps
from narrative.views.coverage import prominence_gaps_view


def test_no_gap_listed_is_not_said_to_be_no_gap():
    empty = prominence_gaps(
        pd.DataFrame(
            columns=["fact_id", "label", "outlet", "doc_id", "passage_id", "band", "position",
                     "text"]
        )
    )  # fmt: skip
    html = prominence_gaps_view(empty, {})
    # the firm pairs a gap needs find few true gaps: an empty table is no finding
    assert "No fact is on top" not in html
    assert "No gap is listed" in html
    assert "not a finding that the outlets place the facts alike" in html


def test_the_fact_count_is_an_upper_bound():
    from narrative.views.coverage import coverage_summary

    facts = pd.DataFrame(
        {"fact_id": ["U001", "U002", "S-a-1"], "n_outlets": [2, 2, 1], "outlet": ["A", "A", "A"]}
    )
    exclusives = pd.DataFrame({"fact_id": ["S-a-1"], "status": ["possible counterpart"]})
    omissions = pd.DataFrame(columns=["outlet", "fact_id", "status"])
    html = coverage_summary(facts, exclusives, omissions, ["A", "B"])
    # one wire sentence in two units, or a unit and a passage in none, is one fact twice
    assert "<b>3 facts</b> at most" in html
    assert "counts more than once" in html


def test_summary_and_table_say_why_left_out_candidates_are_not_claimed():
    from narrative.views.coverage import coverage_summary, exclusives_view

    facts = pd.DataFrame(
        {
            "fact_id": ["U001", "C-a-1"],
            "n_outlets": [2, 2],
            "outlet": ["A", "A"],
            "text": ["fact one", "fact two"],
            "kind": ["body", "body"],
            "position": [0.1, 0.2],
        }
    )
    exclusives = pd.DataFrame(columns=["fact_id", "outlet", "status", "text", "kind", "position"])
    omissions = pd.DataFrame(
        {
            "outlet": ["B", "B"],
            "fact_id": ["U001", "C-a-1"],
            "carried_by": [1, 1],
            "others": [1, 1],
            "label": ["fact one", "fact two <i>"],
            "status": ["leaves out", "loose fact"],
            "counterpart": ["", ""],
            "evidence": ["", ""],
        }
    )
    html = coverage_summary(facts, exclusives, omissions, ["A", "B"])
    assert "<b>1</b> times an outlet" in html
    assert "not claimed: 1 a fact whose passages in other outlets are linked only loosely" in html
    table = exclusives_view(exclusives, omissions, facts, ["A", "B"], {"A": "#000", "B": "#111"})
    # the loose fact is listed, collapsed and escaped, as not claimed
    assert "1 more whose carriers are linked only loosely" in table
    assert "fact two &lt;i&gt;" in table
