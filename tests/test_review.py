"""Tests for the researcher's decisions: the file, locating, applying, the queue."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from narrative import review
from narrative.cleaning import CleanDocument
from narrative.corpus import CorpusError
from narrative.review import Decision, DecisionStore, LocatedDecisions

ARTICLE_A = "Talks ended on Friday. The zones were agreed in May. Rebels walked out."
ARTICLE_B = "The zones were agreed in May, officials said. Talks ended. Nobody won."


def _passages() -> pd.DataFrame:
    rows = []
    for doc, outlet, text in (("a", "Alpha", ARTICLE_A), ("b", "Beta", ARTICLE_B)):
        start = 0
        for i, sentence in enumerate(s + "." for s in text.rstrip(".").split(". ")):
            at = text.index(sentence, start)
            rows.append(
                {
                    "doc_id": doc,
                    "passage_id": i,
                    "outlet": outlet,
                    "kind": "body",
                    "position": at / len(text),
                    "start": at,
                    "end": at + len(sentence),
                    "text": sentence,
                }
            )
            start = at + len(sentence)
    return pd.DataFrame(rows)


def _cleaned() -> list[CleanDocument]:
    """One paragraph per article, so that the cleaned text is the article."""
    return [
        CleanDocument(doc=SimpleNamespace(doc_id=doc), paragraphs=[text])
        for doc, text in (("a", ARTICLE_A), ("b", ARTICLE_B))
    ]


def _alignment(pa: int, pb: int, relation: str, score: float) -> dict:
    p = _passages().set_index(["doc_id", "passage_id"])
    return {
        "doc_a": "a",
        "passage_a": pa,
        "outlet_a": "Alpha",
        "kind_a": "body",
        "text_a": p.at[("a", pa), "text"],
        "doc_b": "b",
        "passage_b": pb,
        "outlet_b": "Beta",
        "kind_b": "body",
        "text_b": p.at[("b", pb), "text"],
        "score": score,
        "similarity": score,
        "relation": relation,
        "shared_terms": "",
    }


def test_decisions_round_trip_and_later_rows_override(tmp_path):
    path = tmp_path / "decisions.csv"
    store = DecisionStore(path)
    assert len(store) == 0 and not path.exists()
    store.add(Decision("same", "a", "The zones were agreed", "b", "The zones were agreed"))
    store.add(Decision("not_fact", "b", "Nobody won."))
    assert [d.decision for d in review.read_decisions(path)] == ["same", "not_fact"]
    assert store.counts()["same"] == 1 and store.counts()["different"] == 0
    assert [d.decision for d in store.undo()] == ["not_fact"]
    assert [d.decision for d in DecisionStore(path).decisions] == ["same"]
    assert not list(tmp_path.glob(".*")), "no temporary file is left behind"


def test_read_decisions_names_the_bad_line(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text(
        "decision,doc_a,snippet_a,doc_b,snippet_b\nsame,a,x,b,y\nmaybe,a,x,b,y\n", "utf-8"
    )
    with pytest.raises(CorpusError, match="line 3: decision 'maybe'"):
        review.read_decisions(path)
    path.write_text("decision,doc_a,snippet_a,doc_b,snippet_b\nsame,a,x,,\n", "utf-8")
    with pytest.raises(CorpusError, match="needs doc_b and snippet_b"):
        review.read_decisions(path)
    path.write_text("decision,doc_a\nsame,a\n", "utf-8")
    with pytest.raises(CorpusError, match="needs columns"):
        review.read_decisions(path)


def test_snippet_is_unique_in_its_article():
    article = "The talks ended on Friday in Astana. The talks ended on Friday in Geneva."
    second = article.index("The talks", 5)
    snippet = review.snippet_for(article, second, len(article), words=3)
    assert snippet == "The talks ended on Friday in Geneva."
    assert article.count(snippet) == 1
    assert (
        review.snippet_for(article, 0, second - 1, words=3)
        == "The talks ended on Friday in Astana."
    )


def test_locate_decisions_maps_snippets_and_keeps_the_last_word():
    passages = _passages()
    cleaned = _cleaned()
    decisions = [
        Decision("same", "a", "The zones were agreed", "b", "Talks ended."),
        Decision("different", "b", "Talks ended.", "a", "The zones were agreed"),
        Decision("same", "a", "The zones were agreed in May", "b", "The zones were agreed in"),
        Decision("not_fact", "b", "Nobody won."),
        Decision("same", "a", "words nowhere", "b", "Talks ended."),
    ]
    located = review.locate_decisions(decisions, cleaned, passages)
    assert located.confirmed == {frozenset({("a", 1), ("b", 0)})}
    assert located.rejected == {frozenset({("a", 1), ("b", 1)})}
    assert located.not_facts == {("b", 2)}
    assert len(located.warnings) == 1 and "row 6" in located.warnings[0]


def test_reviewed_alignments_confirm_add_reject_and_drop_no_facts():
    passages = _passages()
    machine = pd.DataFrame(
        [
            _alignment(0, 1, "paraphrase", 0.8),  # rejected below
            _alignment(1, 0, "related", 0.3),  # confirmed: becomes paraphrase
            _alignment(2, 2, "paraphrase", 0.5),  # b2 is no fact: dropped
            _alignment(2, 1, "related", 0.2),  # untouched
        ]
    )
    vectors = np.eye(len(passages), dtype=np.float32)
    vectors[2] = vectors[3] = np.array([0, 0, 1, 1, 0, 0]) / np.sqrt(2)
    located = LocatedDecisions(
        confirmed={frozenset({("a", 1), ("b", 0)}), frozenset({("a", 2), ("b", 0)})},
        rejected={frozenset({("a", 0), ("b", 1)})},
        not_facts={("b", 2)},
        warnings=[],
    )
    table = review.reviewed_alignments(machine, passages, vectors, located)
    got = {
        (r.passage_a, r.passage_b): (r.relation, r.reviewed) for r in table.itertuples(index=False)
    }
    assert got == {
        (1, 0): ("paraphrase", "confirmed"),
        (2, 1): ("related", ""),
        (2, 0): ("paraphrase", "confirmed"),
    }
    added = table[(table["passage_a"] == 2) & (table["passage_b"] == 0)].iloc[0]
    assert added["score"] == pytest.approx(1.0, abs=1e-4)


def test_no_decision_only_adds_empty_columns():
    machine = pd.DataFrame([_alignment(0, 1, "paraphrase", 0.8)])
    empty = LocatedDecisions(set(), set(), set(), [])
    table = review.reviewed_alignments(machine, _passages(), np.eye(6), empty)
    assert table.drop(columns="reviewed").equals(machine)
    assert table["reviewed"].eq("").all()


def test_gold_from_decisions_keeps_the_final_answer_per_pair():
    decisions = [
        Decision("same", "a", "x", "b", "y", "first"),
        Decision("different", "b", "y", "a", "x"),
        Decision("merge", "a", "p", "b", "q"),
        Decision("not_fact", "a", "z"),
    ]
    gold, negatives = review.gold_from_decisions(decisions)
    assert list(gold["snippet"]) == ["p", "q"]
    assert list(negatives["snippet"]) == ["y", "x"]
    assert gold["fact_id"].nunique() == 1


def test_apply_review_on_the_default_corpus(default_result, tmp_path):
    result = default_result
    queue = review.review_queue(result)
    assert len(queue) > 0
    assert (queue["weight"].diff().dropna() <= 0).all(), "most claims first"
    assert queue.iloc[0]["claims"], "the first question bears on some claim"
    pairs = queue[queue["question"] == review.PAIR]
    first = pairs[pairs["relation"] != "unaligned"].iloc[0]
    a, b = (first.doc_a, int(first.passage_a)), (first.doc_b, int(first.passage_b))
    # Reject the first proposal and confirm a pair the machine never proposed.
    known = {frozenset(k) for k in review.pair_keys(result.alignments)}
    body = result.passages[result.passages["kind"] == "body"]
    new = next(
        (x, y)
        for x in zip(body["doc_id"], body["passage_id"], strict=True)
        for y in zip(body["doc_id"], body["passage_id"], strict=True)
        if x[0] != y[0] and frozenset((x, y)) not in known
    )
    store = DecisionStore(tmp_path / "d.csv")
    store.add(review.decision_for(result, "different", a, b))
    store.add(review.decision_for(result, "same", *new))
    after = review.apply_review(result, store.decisions)
    keys = review.pair_keys(after.alignments)
    assert frozenset((a, b)) not in keys
    assert frozenset(new) in keys
    assert after.alignments.loc[keys.index(frozenset(new)), "reviewed"] == "confirmed"
    assert after.passages["reviewed"].eq("reviewed").sum() == len({a, b, *new})
    assert "reviewed" in after.units and "reviewed" in after.number_disagreements
    assert result.alignments["reviewed"].eq("").all(), "the machine's result is not changed"
    assert frozenset((a, b)) in review.pair_keys(result.alignments)
    # The answered questions leave the queue.
    located = review.locate_decisions(store.decisions, result.cleaned, result.passages)
    decided = located.decided
    again = review.review_queue(after, located)
    again = again[again["question"] == review.PAIR]
    assert not any(
        frozenset(((r.doc_a, r.passage_a), (r.doc_b, r.passage_b))) in decided
        for r in again.itertuples()
    )


def test_one_answer_removes_or_confirms_an_outlet_only_claim(default_result):
    result = default_result
    queue = review.review_queue(result)
    absence = queue[queue["question"] == review.ABSENCE]
    assert len(absence) and absence.index[0] == 0, "absence claims are asked first"
    only = absence[absence["claims"] == "outlet-only"]
    first, second = only.iloc[0], only.iloc[1]
    claimed = set(review.report_claims(result).exclusives["fact_id"])
    assert {first["fact_id"], second["fact_id"]} <= claimed
    decisions = review.absence_decisions(result, first, 0)  # candidate 1 reports it
    decisions += review.absence_decisions(result, second, None)  # none of these
    after = review.apply_review(result, decisions)
    still = set(review.report_claims(after).exclusives["fact_id"])
    assert first["fact_id"] not in still, "a same pair removes the claim"
    assert second["fact_id"] in still, "none of these confirms it"
    located = review.locate_decisions(decisions, result.cleaned, result.passages)
    left = review.review_queue(after, located)
    assert not set(left["fact_id"]) & {first["fact_id"], second["fact_id"]}, "settled"


def test_context_shows_the_neighbours(default_result):
    body = default_result.passages[default_result.passages["kind"] == "body"]
    doc, passage = body.iloc[3]["doc_id"], int(body.iloc[3]["passage_id"])
    shown = review.context(default_result, (doc, passage))
    assert [s[2] for s in shown] == [False, True, False]
    assert shown[1][0] == passage


def test_a_decisions_file_is_a_gold_file(default_result, tmp_path):
    from narrative.evaluate import evaluate_alignment, read_gold

    result = default_result
    same = result.alignments[result.alignments["relation"] == "paraphrase"].head(2)
    (a1, b1), (a2, b2) = (
        ((r.doc_a, int(r.passage_a)), (r.doc_b, int(r.passage_b)))
        for r in same.itertuples(index=False)
    )
    path = tmp_path / "d.csv"
    store = DecisionStore(path)
    store.add(review.decision_for(result, "same", a1, b1))
    store.add(review.decision_for(result, "different", a2, b2))
    gold = read_gold(path)
    assert len(gold) == 2 and len(gold.attrs["negatives"]) == 2
    scores = evaluate_alignment(result.alignments, result.passages, result.cleaned, gold)
    # Only decided pairs count: one right, one wrong, the undecided ones are not scored.
    assert (scores.strict.correct_predicted, scores.strict.predicted) == (1, 2)
    assert (scores.strict.found_gold, scores.strict.gold) == (1, 1)


def _toy_run(event_of=None) -> SimpleNamespace:
    """Passages a0-a2 (Alpha) and b0-b2 (Beta) with toy vectors: a0~b1, a1~b0, a2~b2 then b0."""
    vectors = np.zeros((6, 3), dtype=np.float32)
    vectors[[0, 4]] = [1, 0, 0]
    vectors[[1, 3]] = [0, 1, 0]
    vectors[[2, 5]] = [0, 0.6, 0.8]
    return SimpleNamespace(
        passages=_passages(),
        cleaned=_cleaned(),
        embeddings=vectors,
        event_of=event_of or {"a": "E", "b": "E"},
        settings=SimpleNamespace(paraphrase_min=0.42),
    )


def test_absence_candidates_known_answer():
    run = _toy_run()
    near = review.absence_candidates(run, [("a", 2)], ["Beta"], k=2)
    assert [c.passage for c in near] == [("b", 2), ("b", 0)]
    assert near[0].cosine == pytest.approx(1.0) and near[1].cosine == pytest.approx(0.6)
    # With two passages of the fact, each candidate is scored by its nearest one.
    both = review.absence_candidates(run, [("a", 0), ("a", 2)], ["Beta"], k=3)
    assert [(c.source, c.passage) for c in both[:2]] == [
        (("a", 0), ("b", 1)),
        (("a", 2), ("b", 2)),
    ]
    assert review.absence_candidates(run, [("a", 0)], ["Alpha"], k=2) == [], "never its own outlet"
    apart = _toy_run({"a": "E", "b": "F"})
    assert review.absence_candidates(apart, [("a", 0)], ["Beta"], k=2) == [], "never another event"


def _claims(only: list[tuple[str, int]], leaves: list[tuple[str, str]] = ()) -> review.Claims:
    facts = _passages().assign(
        fact_id=lambda t: "S-" + t["doc_id"] + "-" + t["passage_id"].astype(str)
    )
    exclusives = facts[facts.apply(lambda r: (r.doc_id, r.passage_id) in only, axis=1)]
    omissions = pd.DataFrame(list(leaves), columns=["outlet", "fact_id"])
    return review.Claims(
        exclusives=exclusives, omissions=omissions, gaps=pd.DataFrame(), facts=facts
    )


def test_an_absence_claim_is_one_question_with_its_candidates():
    run = _toy_run()
    claims = _claims([("a", 2)], leaves=[("Alpha", "S-b-1")])
    rows = review.absence_questions(run, claims)
    only, leaves = rows
    assert (only["claims"], only["fact_id"], only["question"]) == (
        "outlet-only",
        "S-a-2",
        "absence",
    )
    assert [c.passage for c in only["candidates"]] == [("b", 2), ("b", 0), ("b", 1)]
    assert only["score"] == pytest.approx(1.0) and only["distance"] == pytest.approx(-0.58)
    assert leaves["outlet_b"] == "Alpha" and leaves["candidates"][0].passage == ("a", 0)
    # A passage decided about with the fact is not shown again; the next one is.
    decided = LocatedDecisions(set(), {frozenset({("a", 2), ("b", 0)})}, {("b", 1)}, [])
    (again,) = review.absence_questions(run, claims, decided)
    assert [c.passage for c in again["candidates"]] == [("b", 2), ("b", 1)]
    # Settled when as many passages as it shows are decided about; no question on a non-fact.
    rejected = {frozenset({("a", 2), ("b", p)}) for p in range(3)}
    assert (
        review.absence_questions(run, claims, LocatedDecisions(set(), rejected, {("b", 1)}, []))
        == []
    )


def test_one_answer_settles_an_absence_claim(tmp_path):
    run = _toy_run()
    (question,) = review.absence_questions(run, _claims([("a", 2)]))
    found = review.absence_decisions(run, question, 1)
    assert [(d.decision, d.doc_a, d.snippet_a, d.doc_b, d.snippet_b) for d in found] == [
        ("same", "a", "Rebels walked out.", "b", "The zones were agreed in May, officials said.")
    ]
    none = review.absence_decisions(run, question, None)
    assert [d.decision for d in none] == ["different"] * 3
    assert len({(d.note, d.decided_at) for d in none}) == 1 and "none of these" in none[0].note
    store = DecisionStore(tmp_path / "d.csv")
    store.add(found)
    store.add(none)
    assert (len(store), store.answers()) == (4, 2)
    assert len(store.undo()) == 3, "undo takes back every row of the last answer"
    assert [d.decision for d in review.read_decisions(tmp_path / "d.csv")] == ["same"]
    # Applied, "candidate 2 reports it" is a confirmed pair the machine never aligned.
    located = review.locate_decisions(found, run.cleaned, run.passages)
    assert located.confirmed == {frozenset({("a", 2), ("b", 0)})}


def test_show_more_brings_the_next_candidates_and_decides_nothing(monkeypatch):
    monkeypatch.setattr(review, "OUTLET_ONLY_CANDIDATES", 1)  # one candidate a page
    run = _toy_run()
    claims = _claims([("a", 2)])
    (first,) = review.absence_questions(run, claims)
    key = review.queue_key(pd.Series(first))
    assert [c.passage for c in first["candidates"]] == [("b", 2)]
    assert (first["page"], first["more"], first["seen"]) == (1, True, [])
    # Page 2: the next passage by the same ranking, with page 1's behind it.
    (second,) = review.absence_questions(run, claims, pages={key: 2})
    assert review.queue_key(pd.Series(second)) == key, "a question keeps its key across pages"
    assert [c.passage for c in second["candidates"]] == [("b", 0)]
    assert [c.passage for c in second["seen"]] == [("b", 2)]
    assert second["more"] and second["score"] == first["score"], "ranked as on page 1"
    # The last page has no "more"; a page past it shows the last one.
    (third,) = review.absence_questions(run, claims, pages={key: 3})
    assert [c.passage for c in third["candidates"]] == [("b", 1)] and not third["more"]
    (past,) = review.absence_questions(run, claims, pages={key: 9})
    assert past["page"] == 3 and [c.passage for c in past["candidates"]] == [("b", 1)]
    # "Candidate 1 reports it" on page 2 is page 2's candidate; "none of these" rejects
    # every passage shown so far, and that settles the claim.
    (found,) = review.absence_decisions(run, second, 0)
    assert (found.decision, found.doc_b) == ("same", "b") and "page 2" in found.note
    assert found.snippet_b.startswith("The zones were agreed in May")
    none = review.absence_decisions(run, second, None)
    assert [d.decision for d in none] == ["different", "different"]
    located = review.locate_decisions(none, run.cleaned, run.passages)
    assert located.rejected == {frozenset({("a", 2), ("b", 2)}), frozenset({("a", 2), ("b", 0)})}
    assert review.absence_questions(run, claims, located, pages={key: 2}) == []


def test_leaves_out_pages_stay_within_the_outlet(monkeypatch):
    monkeypatch.setattr(review, "LEAVES_OUT_CANDIDATES", 2)
    run = _toy_run()
    claims = _claims([], leaves=[("Alpha", "S-b-1")])
    (first,) = review.absence_questions(run, claims)
    key = review.queue_key(pd.Series(first))
    (second,) = review.absence_questions(run, claims, pages={key: 2})
    shown = [c.passage for c in first["candidates"] + second["candidates"]]
    assert sorted(shown) == [("a", 0), ("a", 1), ("a", 2)] and not second["more"]


def test_a_bad_decisions_file_stops_the_report_in_one_line(tmp_path, capsys):
    from narrative import cli, config

    bad = tmp_path / "d.csv"
    bad.write_text("decision,doc_a,snippet_a,doc_b,snippet_b\nperhaps,a,x,b,y\n", "utf-8")
    out = tmp_path / "report"
    status = cli.main(
        ["report", "--corpus", str(config.DEFAULT_CORPUS), "--out", str(out), "-p", f"review={bad}"]
    )
    error = capsys.readouterr().err.strip()
    assert status == 2
    assert error.count("\n") == 0 and "line 2: decision 'perhaps'" in error
    assert not (out / "index.html").exists()
