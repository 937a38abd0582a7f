from __future__ import annotations

import pandas as pd
import pytest


@pytest.fixture(scope="module")
def naming_eval(load_script):
    return load_script("evaluate_naming")


def test_recall_by_kind_of_concept_by_hand(naming_eval):
    gold = pd.DataFrame(
        {
            "event": ["0"] * 6,
            "outlet": ["L", "R", "L", "R", "L", "R"],
            "concept": ["Trump", "Trump", "USA", "USA", "USA", "USA"],
            "type": ["ACTOR", "ACTOR", "COUNTRY", "COUNTRY", "COUNTRY", "COUNTRY"],
            "name": ["trump", "president", "fbi", "congress", "united states", "america"],
        }
    )
    found = {("0", "L", "trump"), ("0", "R", "president"), ("0", "L", "fbi")}
    found |= {("0", "R", "congress"), ("0", "L", "united states")}
    predicted = {("0", "R", "president", "L", "trump")}  # either order counts
    table = naming_eval.by_type(gold, predicted, found).set_index("type")
    # ACTOR: one pair, found; COUNTRY: fbi/congress and united states/congress (america
    # is not extracted), neither found
    assert table.loc["ACTOR", "pairs"] == 1 and table.loc["ACTOR", "recall"] == 1.0
    assert table.loc["COUNTRY", "pairs"] == 2 and table.loc["COUNTRY", "recall"] == 0.0
    assert table.loc["COUNTRY", "extracted"] == 0.75
