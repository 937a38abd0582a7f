from __future__ import annotations

import pandas as pd
from narrative.views.pair import outlet_names_view, pair_links, pair_view, reading_rows


def _passages(doc: str, outlet: str, texts: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {"doc_id": doc, "outlet": outlet, "passage_id": range(len(texts)), "text": texts}
    )


def _alignments(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["doc_a", "passage_a", "doc_b", "passage_b", "relation", "score"]
    ).assign(text_a="", text_b="")


def test_reading_rows_keep_both_orders():
    a = _passages("a", "A", ["a0", "a1", "a2"])
    b = _passages("b", "B", ["b0", "b1", "b2", "b3"])
    links = pair_links(
        _alignments([("a", 0, "b", 1, "reuse", 0.9), ("b", 3, "a", 2, "paraphrase", 0.5)]),
        "a",
        "b",
    )
    # b0 has no counterpart and comes before b1 (a0's partner); b2 before b3 (a2's).
    assert reading_rows(a, b, links) == [([], [0]), ([0], [1]), ([1], []), ([], [2]), ([2], [3])]


def test_related_pairs_are_not_drawn_as_the_same_fact():
    links = pair_links(_alignments([("a", 0, "b", 0, "related", 0.3)]), "a", "b")
    assert links.empty


def test_pair_view_marks_differing_words_and_unmatched_passages():
    a = _passages("a", "A", ["Rebels shelled the town on Monday.", "Talks resume in May."])
    b = _passages("b", "B", ["Opposition fighters shelled the town on Monday."])
    alignments = _alignments([("a", 0, "b", 0, "paraphrase", 0.7)])
    alignments["text_a"], alignments["text_b"] = a.text[0], b.text[0]
    html = pair_view(pd.concat([a, b]), alignments, "a", "b", {"A": "#111", "B": "#222"})
    assert "<mark" in html and "Rebels" in html
    assert "only in A" in html and html.count("paraphrase") == 2


def test_outlet_names_view_lists_every_name_escaped():
    from narrative import config
    from narrative.readers import load_corpus

    documents = load_corpus(config.DEFAULT_CORPUS).documents
    html = outlet_names_view(documents)
    assert "<li><b>Al Jazeera</b> (Al Jazeera English, aljazeera)</li>" in html
    assert "<li><b>TASS</b> (tass)</li>" in html
    bad = [documents[0].__class__(**{**vars(documents[0]), "label": "<b>x"})]
    assert "&lt;b&gt;x" in outlet_names_view(bad)
