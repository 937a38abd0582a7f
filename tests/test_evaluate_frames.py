from __future__ import annotations

import pandas as pd
import pytest


@pytest.fixture(scope="module")
def frames_eval(load_script):
    return load_script("evaluate_frames")


def test_frame_agreement_by_hand(frames_eval):
    assigned = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b"],
            "passage_id": [0, 0, 1, 0],
            "frame": ["Diplomacy", "Security", "Other", "Political"],
            "confidence": ["high", "low", "", "medium"],
        }
    )
    gold = {("a", 0): {"Diplomacy"}, ("a", 1): {"Other"}, ("b", 0): {"Security", "Political"}}
    got = frames_eval.scores(assigned, gold)
    # labels: predicted 4, gold 4, right 3 (Diplomacy, Other, Political)
    assert got["label_precision"] == 0.75 and got["label_recall"] == 0.75
    assert got["exact"] == pytest.approx(0.333) and got["overlap"] == 1.0
    assert got["precision_high"] == "1.00 of 1" and got["precision_low"] == "0.00 of 1"


def test_gold_frames_cover_a_sample_across_the_sets(frames_eval):
    import csv

    from narrative.frames import FRAMES

    names = {frame.name for frame in FRAMES} | {"Other"}
    labelled = {}
    for name, _, path in frames_eval.SETS:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert {r["frame_1"] for r in rows} | {r["frame_2"] for r in rows} <= names | {""}
        assert all(r["frame_1"] for r in rows) and all(
            len(r["snippet"].split()) <= 16 for r in rows
        )
        labelled[name] = len(rows)
    others = {k: v for k, v in labelled.items() if k != "astana-2017"}
    assert len(others) == 4 and sum(others.values()) >= 100
