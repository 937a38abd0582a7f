from __future__ import annotations

import pandas as pd
import pytest
from narrative import config


@pytest.fixture(scope="module")
def voices(load_script):
    return load_script("evaluate_voices")


def test_speaker_precision_and_recall_by_hand(voices):
    gold = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a"],
            "passage_id": [0, 1, 2],
            "verb_at": [10, 5, 0],
            "speaker": ["Ann Berg", "(anonymous)", "the ministry|defence ministry"],
            "kind": ["direct", "indirect", "indirect"],
            "verb": ["say", "say", "tell"],
        }
    )
    found = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "a"],
            "passage_id": [0, 1, 2, 3],
            "verb_start": [8, 5, 0, 0],
            "verb_end": [12, 9, 4, 4],
            "person": ["ann berg", "Ann Berg", "Ministry", "x"],
            "speaker": ["", "", "", ""],
            "kind": ["direct", "indirect", "direct", "direct"],
            "verb": ["say", "say", "tell", "say"],
            "text": ["", "", "", ""],
            "status": ["asserted", "asserted", "asserted", "candidate"],
        }
    )
    matched = voices.match(found, gold)
    assert list(matched["gold"]) == [0, 1, 2, -1]
    got = voices.scores(matched, gold)
    # right speakers: rows 0 (case aside) and 2 ("the" aside); row 1 wrong, row 3 not in gold
    assert got["speaker_precision"] == 0.5 and got["speaker_recall"] == pytest.approx(0.667)
    assert got["detection_precision"] == 0.75 and got["detection_recall"] == 1.0
    assert got["kind_agreement"] == pytest.approx(0.667)
    # the candidate (row 3) is left out of the stated precision
    assert got["candidates"] == 1 and got["stated_precision"] == pytest.approx(0.667)


def test_default_corpus_meets_the_goal(voices):
    row = voices.evaluate(voices.SETS[0])
    assert row["set"] == "astana-2017" and row["gold"] == 72
    assert row["speaker_precision"] >= 0.95 and row["speaker_recall"] >= 0.88
    assert config.DEFAULT_CORPUS == voices.SETS[0].corpus


EXTERNAL = config.PROJECT_ROOT.parent / "shared" / "external"


@pytest.mark.slow
@pytest.mark.skipif(not EXTERNAL.is_dir(), reason="../shared/external is absent")
def test_newswcl50_events_meet_the_goal(voices):
    import subprocess
    import sys

    script = voices.REPO / "scripts" / "make_dev_corpora.py"
    build = [sys.executable, str(script), "--newswcl50-event", "5", "--newswcl50-event", "9"]
    subprocess.run(build, check=True, stdout=subprocess.DEVNULL)
    # event 5 is where the rules were made (the goal: 0.95 / 0.90); event 9 was labelled
    # after them (0.839 / 0.753 when first measured)
    goals = {"newswcl50-event-5": (0.95, 0.90), "newswcl50-event-9": (0.95, 0.85)}
    for labelled in voices.SETS[1:]:
        row = voices.evaluate(labelled)
        precision, recall = goals[labelled.name]
        assert row["speaker_precision"] >= precision and row["speaker_recall"] >= recall, row
