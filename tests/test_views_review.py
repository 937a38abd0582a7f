"""Tests for the review screen's HTML and the app's answers (no browser)."""

from __future__ import annotations

import pandas as pd
from narrative import review
from narrative.views.review import ReviewApp, question_html


def _first(queue: pd.DataFrame, kind: str) -> pd.Series:
    return queue[queue["question"] == kind].iloc[0].copy()


def test_question_shows_both_passages_marks_differences_and_escapes(default_result):
    question = _first(review.review_queue(default_result), review.PAIR)
    question["text_a"] = "Talks <b>ended</b> on Friday"
    question["text_b"] = "Talks ended on Monday"
    html = question_html(default_result, question, threshold=0.42)
    assert "&gt;ended&lt;" in html and "<b>ended</b>" not in html
    assert "Friday</mark>" in html and "Monday</mark>" in html
    assert "Asked now because" in html and str(question["outlet_a"]) in html


def test_absence_and_unit_questions_number_their_passages(default_result):
    queue = review.review_queue(default_result)
    absences = queue[queue["question"] == review.ABSENCE]
    # The default corpus has both kinds of absence claim; each question says which it asks.
    left_out = absences[absences["claims"] == "leaves out"].iloc[0]
    assert "</b> leaves out this fact" in question_html(default_result, left_out, threshold=0.42)
    absence = absences[absences["claims"] == "outlet-only"].iloc[0].copy()
    html = question_html(default_result, absence, threshold=0.42)
    assert "only <b>" in html and "[1]" in html
    assert f"[{len(absence['candidates'])}]" in html
    first = absence["candidates"][0]
    absence["candidates"] = [first._replace(text="<script>x</script>")]
    html = question_html(default_result, absence, threshold=0.42)
    assert "&lt;script&gt;" in html and "<script>" not in html
    unit = _first(queue, review.UNIT)
    html = question_html(default_result, unit, threshold=0.42)
    assert "one story unit" in html and "[2]" in html


def test_app_answers_skips_and_undoes(default_result, tmp_path):
    app = ReviewApp(default_result, tmp_path / "d.csv")
    first = app.current
    assert first["question"] == review.ABSENCE, "absence claims are asked first"
    assert {"1", "d", "a", "n", "u"} <= set(app.actions())
    app.answer("skip")
    assert app.current is not None and review.queue_key(app.current) != review.queue_key(first)
    second = app.current
    app.keys.value = "d"  # a key typed in the key box answers: none of these reports it
    rows = len(second["candidates"])
    assert [d.decision for d in app.store.decisions] == ["different"] * rows
    assert app.keys.value == ""
    assert review.queue_key(app.current) != review.queue_key(second)
    app.keys.value = "1"  # the first candidate reports it
    assert app.store.decisions[-1].decision == "same"
    assert "2 answered" in app.count.value
    app.answer("undo")
    assert len(review.read_decisions(tmp_path / "d.csv")) == rows
    assert "1 answered" in app.count.value
    located = review.locate_decisions(
        app.store.decisions, default_result.cleaned, default_result.passages
    )
    pairs = app.queue[app.queue["question"] == review.PAIR]
    asked = {
        frozenset(((r.doc_a, r.passage_a), (r.doc_b, r.passage_b)))
        for r in pairs.itertuples(index=False)
    }
    assert not located.decided & asked


def test_app_splits_a_story_unit(default_result, tmp_path):
    app = ReviewApp(default_result, tmp_path / "d.csv")
    app.current = unit = _first(app.queue, review.UNIT)
    assert unit is not None and {"s", "1", "2"} <= set(app.actions())
    app.keys.value = "2"  # the second passage is another fact
    made = app.store.decisions
    assert made and {d.decision for d in made} == {"split"}
    after = review.apply_review(default_result, made)
    odd = unit["candidates"][1].passage
    units = after.units
    keys = zip(units["doc_id"], units["passage_id"], strict=True)
    unit_of = dict(zip(keys, units["unit_id"], strict=True))
    others = [c.passage for c in unit["candidates"] if c.passage != odd]
    assert all(unit_of.get(odd) is None or unit_of.get(odd) != unit_of.get(o) for o in others)


def test_app_shows_more_candidates_and_undo_takes_the_page_back(default_result, tmp_path):
    app = ReviewApp(default_result, tmp_path / "d.csv")
    first = app.current
    assert first["question"] == review.ABSENCE and first["more"] and "m" in app.actions()
    app.keys.value = "m"  # show more: the next candidates, nothing written
    assert app.store.decisions == [] and review.queue_key(app.current) == review.queue_key(first)
    assert app.current["page"] == 2 and "Page 2" in app.question.value
    shown = {c.passage for c in app.current["candidates"]}
    assert not shown & {c.passage for c in first["candidates"]}
    app.keys.value = "d"  # none of these: every passage of both pages is rejected
    assert len(app.store.decisions) == len(first["candidates"]) + len(shown)
    app.answer("undo")
    assert app.store.decisions == [] and app.current["page"] == 2
    app.answer("undo")
    assert app.current["page"] == 1 and app.store.decisions == []


def test_unit_question_says_whether_the_report_states_the_unit(default_result):
    from narrative.units import ONE_FACT

    units = review.unit_questions(default_result)
    status = default_result.units.groupby("unit_id")["status"].agg(lambda s: (s == ONE_FACT).all())
    assert {u["claims"] for u in units} == {"story unit", review.UNIT_CANDIDATE}, (
        "the default corpus has both stated and candidate units"
    )
    for u in units:
        stated = bool(status[u["fact_id"]])
        assert (u["claims"] == "story unit") == stated
        html = question_html(default_result, pd.Series(u), threshold=0.42)
        assert ("shows them as a <b>candidate</b>" in html) == (not stated)
        assert ("it says they report <b>one fact</b>" in html) == stated
