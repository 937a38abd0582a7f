from __future__ import annotations

from narrative.passages import segment_corpus, split_sentences


def test_sentence_splitter_copes_with_abbreviations_and_quotes():
    text = (
        "The U.S. envoy met Mr. Ratney on Jan. 5 in Amman. "
        "\u201cWe have not yet managed it,\u201d Lavrentiev said. He left."
    )
    sentences = [text[a:b] for a, b in split_sentences(text)]
    assert sentences == [
        "The U.S. envoy met Mr. Ratney on Jan. 5 in Amman.",
        "\u201cWe have not yet managed it,\u201d Lavrentiev said.",
        "He left.",
    ]


def test_a_sentence_cut_after_an_abbreviation_is_joined_again():
    text = "Rep. Duncan Hunter, R-Calif., and his wife were indicted. He denied it (Reuters)."
    sentences = [text[a:b] for a, b in split_sentences(text)]
    assert sentences == [
        "Rep. Duncan Hunter, R-Calif., and his wife were indicted.",
        "He denied it (Reuters).",
    ]


def test_a_sentence_cut_after_a_title_before_a_name_is_joined_again():
    text = (
        "The man shot another man, Vancouver police Const. Jana McGuinness said. "
        '"It was made for him," said Dist. Atty. Steve Cooley. The fire began at 9 p.m. '
        "Steele said no one was hurt."
    )
    sentences = [text[a:b] for a, b in split_sentences(text)]
    assert sentences == [
        "The man shot another man, Vancouver police Const. Jana McGuinness said.",
        '"It was made for him," said Dist. Atty. Steve Cooley.',
        "The fire began at 9 p.m.",
        "Steele said no one was hurt.",
    ]


def test_a_decimal_point_set_apart_by_tokenised_text_is_no_sentence_end():
    # ECB+ texts were tokenised: ".357" became "a. 357", ".09 percent" "of. 09 percent"
    text = (
        "Cops say he turned on them and aimed a. 357 caliber revolver at them. "
        "He turned toward them with a loaded. 38-caliber revolver in hand. "
        "The fire began at 9 p.m. Steele said no one was hurt. "
        "It rained all day. 2013 was a hard year."
    )
    sentences = [text[a:b] for a, b in split_sentences(text)]
    assert sentences == [
        "Cops say he turned on them and aimed a. 357 caliber revolver at them.",
        "He turned toward them with a loaded. 38-caliber revolver in hand.",
        "The fire began at 9 p.m.",
        "Steele said no one was hurt.",
        "It rained all day.",
        "2013 was a hard year.",
    ]


def test_passages_have_offsets_kinds_and_positions(default_result):
    passages = default_result.passages
    by_doc = {c.doc_id: c.text for c in default_result.cleaned}
    for row in passages.itertuples():
        assert by_doc[row.doc_id][row.start : row.end] == row.text
    assert passages.groupby("doc_id")["kind"].first().eq("headline").all()
    assert passages["position"].between(0, 1).all()
    tass = passages[passages["doc_id"] == "tass"]
    assert list(tass["kind"][:3]) == ["headline", "standfirst", "body"]
    assert not passages["text"].str.contains("/TASS/").any()


def test_paragraph_granularity(default_result):
    paragraphs = segment_corpus(default_result.cleaned, granularity="paragraph")
    sentences = default_result.passages
    assert len(paragraphs) < len(sentences)
    for clean in default_result.cleaned:
        ours = paragraphs[paragraphs["doc_id"] == clean.doc_id]
        assert len(ours) == len(clean.sections)
