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
