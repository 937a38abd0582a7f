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
