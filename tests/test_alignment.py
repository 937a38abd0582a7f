from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from narrative.alignment import (
    AlignmentSettings,
    align_passages,
    article_name_margin,
    clause_similarity,
    corroborate,
    margin_scores,
    relation_of,
    select_pairs,
)
from narrative.lexical import TermIndex


def _unit(vectors: list[list[float]]) -> np.ndarray:
    array = np.asarray(vectors, dtype=np.float32)
    return array / np.linalg.norm(array, axis=1, keepdims=True)


def test_margin_matches_brute_force():
    rng = np.random.default_rng(0)
    score = rng.uniform(0, 1, size=(5, 7)).astype(np.float32)
    k = 3
    fast = margin_scores(score, k=k)
    for i in range(5):
        for j in range(7):
            r_a = np.mean(sorted(score[i, :], reverse=True)[:k])
            r_b = np.mean(sorted(score[:, j], reverse=True)[:k])
            assert fast[i, j] == pytest.approx(score[i, j] / ((r_a + r_b) / 2), rel=1e-5)


def test_select_pairs_known_answer():
    # passage 0 of A is passage 2 of B; A1 is split over B0 and B1; A2 matches nothing
    score = np.array(
        [
            [0.30, 0.28, 0.90, 0.31],
            [0.70, 0.66, 0.32, 0.30],
            [0.31, 0.30, 0.29, 0.33],
        ]
    )
    settings = AlignmentSettings(related_min=0.35, margin_min=1.05, max_links=2, k=2)
    pairs = select_pairs(score, margin_scores(score, k=2), settings=settings)
    assert pairs == [(0, 2), (1, 0), (1, 1)]


def test_select_pairs_without_margin_for_headlines():
    score = np.array([[0.5]])
    assert select_pairs(score, None, settings=AlignmentSettings(related_min=0.35)) == [(0, 0)]
    assert select_pairs(score, None, settings=AlignmentSettings(related_min=0.6)) == []


def test_a_clause_pair_counts_only_when_it_stands_out():
    # Clause a0 is as close to every clause of B (a topic phrase); a1 and b2 match each other.
    cosine = np.array(
        [
            [0.60, 0.62, 0.61, 0.60],
            [0.20, 0.25, 0.80, 0.22],
        ]
    )
    # Clause vectors are any whose products give ``cosine``: a = I, b = cosine's columns.
    clauses_a, clauses_b = np.eye(2), cosine.T
    owners = np.array([0, 1]), np.array([0, 1, 2, 3])
    plain = clause_similarity(clauses_a, owners[0], clauses_b, owners[1], 2, 4)
    assert plain == pytest.approx(cosine)
    kept = clause_similarity(clauses_a, owners[0], clauses_b, owners[1], 2, 4, k=2, margin_min=1.25)
    assert kept[1, 2] == pytest.approx(0.80)  # stands out in its row and its column
    assert (np.delete(kept.ravel(), 6) == -1).all()  # the topic phrase's pairs do not count


def test_relation_labels():
    s = AlignmentSettings(paraphrase_min=0.45, related_min=0.35, reuse_min=0.5)
    assert relation_of(0.9, 0.8, settings=s) == "reuse"
    assert relation_of(0.5, 0.1, settings=s) == "paraphrase"
    assert relation_of(0.4, 0.1, settings=s) == "related"


def test_align_passages_on_toy_embeddings():
    passages = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b", "b", "b"],
            "passage_id": [0, 1, 2, 0, 1, 2],
            "outlet": ["A", "A", "A", "B", "B", "B"],
            "kind": ["headline", "body", "body", "headline", "body", "body"],
            "position": [0, 0.3, 0.6, 0, 0.3, 0.6],
            "text": [
                "Truce agreed",
                "The truce begins at midnight in Idlib.",
                "Aid convoys wait at the border.",
                "Ceasefire deal",
                "Aid convoys wait at the border crossing.",
                "At midnight the truce begins in Idlib.",
            ],
        }
    )
    embeddings = _unit(
        [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0.9, 0.1, 0, 0], [0, 0.1, 1, 0], [0, 1, 0.1, 0]]
    )
    aligned = align_passages(passages, embeddings)
    got = set(zip(aligned["passage_a"], aligned["passage_b"], aligned["relation"], strict=True))
    assert (1, 2, "paraphrase") in got
    assert (2, 1, "reuse") in got
    assert (0, 0, "paraphrase") in got
    # headlines never align with body passages
    assert not ((aligned["kind_a"] == "headline") ^ (aligned["kind_b"] == "headline")).any()


def test_same_outlet_is_not_compared():
    passages = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "passage_id": [0, 0],
            "outlet": ["A", "A"],
            "kind": ["body", "body"],
            "position": [0, 0],
            "text": ["Same text.", "Same text."],
        }
    )
    assert align_passages(passages, _unit([[1, 0], [1, 0]])).empty


def test_default_corpus_alignments(default_result):
    aligned = default_result.alignments
    assert set(aligned["relation"]) <= {"reuse", "paraphrase", "related"}
    key = lambda a, b: aligned[(aligned["doc_a"] == a) & (aligned["doc_b"] == b)]  # noqa: E731
    afp_pair = key("fmt-afp", "jordantimes-afp")
    assert (afp_pair["relation"] == "reuse").sum() >= 3
    # the AFP background paragraph, verbatim in Al Jazeera: shared wire copy
    copy = key("jordantimes-afp", "aljazeera")
    assert copy["text_a"].str.startswith("Syria\u2019s conflict evolved").any()
    assert (
        copy[copy["text_a"].str.startswith("Syria\u2019s conflict")]["relation"] == "reuse"
    ).all()


def _row(doc_a: str, doc_b: str, relation: str = "paraphrase") -> dict:
    return {
        "doc_a": doc_a,
        "passage_a": 0,
        "outlet_a": doc_a,
        "kind_a": "body",
        "doc_b": doc_b,
        "passage_b": 0,
        "outlet_b": doc_b,
        "kind_b": "body",
        "relation": relation,
        "basis": "direct",
    }


def _four_outlets() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "passage_id": [0, 0, 0, 0],
            "outlet": ["a", "b", "c", "d"],
            "kind": ["body"] * 4,
            "text": ["w1 w2 w3", "w2 w3 w4", "w1 w3 w5", "w1 w2 w5"],
        }
    )


def test_corroboration_needs_two_other_articles_linked_to_both_passages():
    passages = _four_outlets()
    index = TermIndex(passages["text"].tolist())
    settings = AlignmentSettings(corroboration_min=2)
    evidence = (0.35, 0.3, 0.35, 0.1, 0.9)
    rows = [_row("a", "c"), _row("a", "d"), _row("b", "c"), _row("b", "d")]
    out = corroborate(rows, [(0, 1, evidence)], passages, settings=settings, index=index)
    added = [r for r in out if r["basis"] == "corroborated"]
    assert [(r["doc_a"], r["doc_b"], r["relation"], r["corroboration"]) for r in added] == [
        ("a", "b", "paraphrase", 2)
    ]
    assert all(r["corroboration"] == 0 for r in out if r["basis"] == "direct")

    # One bridge (d no longer pairs with b) is not enough, and a related pair stays related.
    rows = [_row("a", "c"), _row("a", "d"), _row("b", "c"), _row("b", "d", "related")]
    out = corroborate(rows, [(0, 1, evidence)], passages, settings=settings, index=index)
    assert [r for r in out if r["basis"] == "corroborated"] == []
    assert out[3]["relation"] == "related"

    # Switched off.
    rows = [_row("a", "c"), _row("a", "d"), _row("b", "c"), _row("b", "d")]
    off = AlignmentSettings(corroboration_min=0)
    out = corroborate(rows, [(0, 1, evidence)], passages, settings=off, index=index)
    assert len(out) == 4


def _outlets(n: int) -> pd.DataFrame:
    docs = [f"o{i}" for i in range(n)]
    return pd.DataFrame(
        {
            "doc_id": docs,
            "passage_id": [0] * n,
            "outlet": docs,
            "kind": ["body"] * n,
            "text": [f"w{i} w{i + 1} shared" for i in range(n)],
        }
    )


def test_wide_corroboration_counts_related_links_when_many_outlets_hold_them():
    # o0 and o1 are each aligned with o2 ... o7: one bridge by same-fact pairs, five
    # more by related pairs. Six articles hold links with both: wide enough.
    passages = _outlets(8)
    index = TermIndex(passages["text"].tolist())
    evidence = (0.35, 0.3, 0.35, 0.1, 0.9)

    def rows() -> list[dict]:
        out = [_row("o0", "o2"), _row("o1", "o2")]
        for other in ("o3", "o4", "o5", "o6", "o7"):
            out += [_row("o0", other, "related"), _row("o1", other, "related")]
        return out

    settings = AlignmentSettings(corroboration_min=2, corroboration_wide_min=6)
    out = corroborate(rows(), [(0, 1, evidence)], passages, settings=settings, index=index)
    added = [r for r in out if r["basis"] != "direct"]
    assert [
        (r["doc_a"], r["doc_b"], r["relation"], r["corroboration"], r["basis"]) for r in added
    ] == [("o0", "o1", "paraphrase", 6, "wide")]
    # The direct pairs count their own bridges as before: o2 is linked to o0 and o1 only.
    assert {r["corroboration"] for r in out if r["basis"] == "direct"} == {0}

    # Six such articles are too few for a wide test of 7, and none counts when it is off.
    for wide in (7, 0):
        narrow = AlignmentSettings(corroboration_min=2, corroboration_wide_min=wide)
        out = corroborate(rows(), [(0, 1, evidence)], passages, settings=narrow, index=index)
        assert [r for r in out if r["basis"] != "direct"] == []

    # Related links never corroborate anything by themselves in a corpus of few outlets.
    few = _four_outlets()
    related = [_row("a", "c", "related"), _row("a", "d"), _row("b", "c", "related"), _row("b", "d")]
    out = corroborate(
        related, [(0, 1, evidence)], few, settings=settings, index=TermIndex(few["text"].tolist())
    )
    assert [r for r in out if r["basis"] != "direct"] == []


def _look_alikes(stories: list[str]) -> pd.DataFrame:
    """One headline and one body passage per article; the article's story decides its names."""
    bodies = {
        "ford": "The actress entered the Betty Ford Center in Rancho Mirage, her publicist said.",
        "morning": "The actress entered Morningside Recovery in Newport Beach, Heller said.",
    }
    rows = []
    for n, story in enumerate(stories):
        doc = f"d{n}"
        rows.append((doc, 0, f"outlet{n}", "headline", "Actress checks into rehab"))
        rows.append((doc, 1, f"outlet{n}", "body", bodies[story]))
    return pd.DataFrame(rows, columns=["doc_id", "passage_id", "outlet", "kind", "text"])


def test_articles_that_name_different_places_do_not_agree():
    passages = _look_alikes(["ford", "ford", "ford", "morning", "morning", "morning"])
    order, margin = article_name_margin(passages, TermIndex(passages["text"].tolist()), k=2)
    ford, morning = [order[d] for d in ("d0", "d1", "d2")], [order[d] for d in ("d3", "d4", "d5")]
    for group in (ford, morning):
        assert all(margin[i, j] == pytest.approx(1.0) for i in group for j in group if i != j)
    assert (margin[np.ix_(ford, morning)] < 0.5).all()
    assert margin == pytest.approx(margin.T)


def test_an_article_without_names_is_no_evidence():
    passages = _look_alikes(["ford", "morning"])
    passages.loc[3, "text"] = "the actress entered a clinic, her lawyer said."
    order, margin = article_name_margin(passages, TermIndex(passages["text"].tolist()), k=6)
    assert margin[order["d0"], order["d1"]] == 1.0


def test_look_alike_headlines_are_related_unless_their_articles_agree_on_names():
    passages = _look_alikes(["ford", "ford", "ford", "morning", "morning", "morning"])
    headline, body = [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]
    embeddings = _unit([headline, body] * 6)
    aligned = align_passages(passages, embeddings)
    headlines = aligned[aligned["kind_a"] == "headline"]
    same_story = (
        headlines["doc_a"].str[1].astype(int) // 3 == headlines["doc_b"].str[1].astype(int) // 3
    )
    assert len(headlines) == 15
    assert set(headlines.loc[same_story, "relation"]) == {"reuse"}
    assert set(headlines.loc[~same_story, "relation"]) == {"related"}

    off = align_passages(passages, embeddings, settings=AlignmentSettings(headline_margin_min=0))
    assert set(off.loc[off["kind_a"] == "headline", "relation"]) == {"reuse"}
