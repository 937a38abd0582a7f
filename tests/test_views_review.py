"""Tests for the review screen's HTML and the app's answers (no browser)."""

from __future__ import annotations

import pandas as pd
from narrative import review
from narrative.views.review import ReviewApp, question_html


def test_question_shows_both_passages_marks_differences_and_escapes(default_result):
    question = review.review_queue(default_result).iloc[0].copy()
    question["text_a"] = "Talks <b>ended</b> on Friday"
    question["text_b"] = "Talks ended on Monday"
    html = question_html(default_result, question, threshold=0.42)
    assert "&gt;ended&lt;" in html and "<b>ended</b>" not in html
    assert "Friday</mark>" in html and "Monday</mark>" in html
    assert "Asked now because" in html and str(question["outlet_a"]) in html


def test_app_answers_skips_and_undoes(default_result, tmp_path):
    app = ReviewApp(default_result, tmp_path / "d.csv")
    first = app.current
    app.answer("skip")
    assert app.current is not None and not app.current.equals(first)
    second = app.current
    app.keys.value = "s"  # a key typed in the key box answers
    assert [d.decision for d in app.store.decisions] == ["same"]
    assert app.keys.value == ""
    assert not app.current.equals(second)
    app.answer("not_fact_b")
    assert [d.decision for d in review.read_decisions(tmp_path / "d.csv")] == ["same", "not_fact"]
    app.answer("undo")
    assert len(review.read_decisions(tmp_path / "d.csv")) == 1
    assert "1 answered" in app.count.value
    located = review.locate_decisions(
        app.store.decisions, default_result.cleaned, default_result.passages
    )
    asked = {
        frozenset(((r.doc_a, r.passage_a), (r.doc_b, r.passage_b)))
        for r in app.queue.itertuples(index=False)
    }
    assert not located.decided & asked
    assert isinstance(app.queue, pd.DataFrame)
