from __future__ import annotations

from pathlib import Path

import pytest
from narrative import config
from narrative.cleaning import chrome_reason, clean_document, ends_like_sentence
from narrative.corpus import Document
from narrative.readers import load_corpus


@pytest.fixture(scope="module")
def cleaned():
    corpus = load_corpus(config.DEFAULT_CORPUS)
    return {d.doc_id: clean_document(d) for d in corpus.documents}


def _doc(text: str, **fields) -> Document:
    base = dict(
        doc_id="x",
        path=Path("x.txt"),
        outlet="X",
        label="X",
        origin="",
        published="",
        title="",
        url="",
        language="en",
        standfirst="",
    )
    base.update(fields)
    return Document(text=text, **base)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("You are here", "navigation crumb"),
        ("All news", "navigation crumb"),
        ("12 users have voted.", "vote counter"),
        ("Newsletter", "newsletter prompt"),
        ("Get top stories and blog posts emailed to you each day.", "newsletter prompt"),
        ("READ MORE: Syrian army declares temporary truce in southern areas", "cross-link"),
        ("syria.suv@gmail.com", "e-mail address"),
        ("Post a Comment", "comment prompt"),
        ("Previous Post Next Post", "post navigation"),
        ("ADS", "advertisement"),
        ("PDF", "page widget"),
        ("Smoke rises over the city late on Monday (AFP photo)", "photo caption"),
        ("Russia, Turkey and Iran have failed to agree on the zones.", None),
        ("The U.S. said the deal was a step forward.", None),
    ],
)
def test_seed_chrome_lines(line: str, reason: str | None):
    assert chrome_reason(line) == reason


def test_fields_are_taken_out_of_the_body(cleaned):
    jt = cleaned["jordantimes-afp"]
    assert jt.headline == "Fifth round of Kazakh Syria talks focuses on safe zones"
    assert jt.byline == "By AFP - Jul 04,2017 - Last updated at Jul 04,2017"
    assert jt.dateline == "ASTANA, Kazakhstan \u2014"
    assert jt.captions and jt.captions[0].endswith("(AFP photo)")
    assert jt.paragraphs[0].startswith("Powerbrokers Russia, Iran and Turkey on Tuesday")
    tass = cleaned["tass"]
    assert tass.dateline == "ASTANA, May 5. /TASS/."
    assert tass.standfirst.startswith("The memorandum on establishing de-escalation zones")
    assert tass.paragraphs[0].startswith("The fourth round of talks")
    fmt = cleaned["fmt-afp"]
    assert fmt.dateline == "ASTANA:" and fmt.paragraphs[0].startswith("Powerbrokers")
    aj = cleaned["aljazeera"]
    assert aj.standfirst.startswith("Russia, Turkey and Iran fail to reach an agreement")
    assert aj.credit == "Source: Al Jazeera, News Agencies"
    assert cleaned["reuters-blog"].paragraphs[-1].startswith("There are other difficulties.")


def test_chrome_is_recorded_with_reasons_and_kept_out_of_the_body(cleaned):
    reasons = {(r.doc_id, r.text): r.reason for c in cleaned.values() for r in c.removed}
    assert reasons[("jordantimes-afp", "12 users have voted.")] == "vote counter"
    assert reasons[("jordantimes-afp", "You are here")] == "navigation crumb"
    assert reasons[("reuters-blog", "syria.suv@gmail.com")] == "e-mail address"
    tagline = "Ammar Johmani Magazine publisher News about syria and the world."
    assert reasons[("reuters-blog", tagline)].startswith("page footer")
    assert reasons[("fmt-afp", "syria")].startswith("stray text")
    assert (
        reasons[("aljazeera", "READ MORE: Syrian army declares temporary truce in southern areas")]
        == "cross-link"
    )
    for clean in cleaned.values():
        body = clean.text
        for removed in clean.removed:
            if removed.reason.startswith(("headline", "standfirst")):
                continue
            assert removed.text not in body.split("\n\n"), (clean.doc_id, removed.text)
    assert "READ MORE" not in cleaned["aljazeera"].text
    assert "Post a Comment" not in cleaned["reuters-blog"].text


def test_subheads_are_not_body(cleaned):
    assert "More meetings" not in cleaned["fmt-afp"].paragraphs
    assert all(p != "U.S. MISTRUST OF IRAN" for p in cleaned["reuters-blog"].paragraphs)


def test_hard_wrapped_lines_join_into_paragraphs():
    text = (
        "A headline here\n\nFirst line of a paragraph that\nwraps onto a second line.\n\nNext one."
    )
    clean = clean_document(_doc(text))
    assert clean.headline == "A headline here"
    assert clean.paragraphs == [
        "First line of a paragraph that wraps onto a second line.",
        "Next one.",
    ]


def test_sentence_endings():
    assert ends_like_sentence("He said.")
    assert ends_like_sentence("\u201cWe agree,\u201d")
    assert not ends_like_sentence("Syrians split over \u2018de-escalation zones\u2019")


LEDE = "President Trump sent the C.I.A. director to North Korea on Tuesday, officials said."


@pytest.mark.parametrize(
    ("text", "headline", "dateline"),
    [
        # a text that opens with a dateline on its own line opens with the lede: no headline
        (f"WASHINGTON \u2014\n\n{LEDE}\n\nHe said so later.\n", "", "WASHINGTON \u2014"),
        (f"WEST PALM BEACH, Fla. \u2014\n\n{LEDE}\n\nMore.\n", "", "WEST PALM BEACH, Fla. \u2014"),
        # under the headline, the same line is the dateline, not a subhead
        (
            f"Pompeo met Kim\n\nSEOUL, South Korea \u2014\n\n{LEDE}\n",
            "Pompeo met Kim",
            "SEOUL, South Korea \u2014",
        ),
        (
            f"Pompeo met Kim\n\nWASHINGTON (Reuters) -\n\n{LEDE}\n",
            "Pompeo met Kim",
            "WASHINGTON (Reuters) -",
        ),
    ],
)
def test_a_dateline_on_its_own_line(text, headline, dateline):
    clean = clean_document(_doc(text))
    assert (clean.headline, clean.dateline) == (headline, dateline)
    assert clean.paragraphs[0] == LEDE
    assert any(r.reason == "dateline (kept as a field)" for r in clean.removed)


def test_a_title_case_place_is_a_dateline_only_with_an_agency():
    # BASIL's AP copy: "Denver (AP) \u2013" was read as the speaker of the lede's verbs
    text = f"Colorado sued over marijuana\n\nDenver (AP) \u2013 {LEDE}\n"
    clean = clean_document(_doc(text))
    assert (clean.dateline, clean.paragraphs[0]) == ("Denver (AP) \u2013", LEDE)
    plain = clean_document(_doc(f"Colorado sued over marijuana\n\nDenver \u2013 {LEDE}\n"))
    assert plain.dateline == "" and plain.paragraphs[0].startswith("Denver")


def test_a_kicker_with_a_colon_is_not_taken_for_a_dateline():
    # Breitbart-style kicker above the headline: an upper-case word and a colon
    clean = clean_document(_doc(f"DESPERATION:\n\nDNC sues Russia over 2016 election.\n\n{LEDE}\n"))
    assert clean.dateline == ""
    assert clean.paragraphs[-1] == LEDE


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Jump to content", "navigation crumb"),
        ("1. Skip to content", "navigation crumb"),
        ("Skip to main navigation", "navigation crumb"),
        ("Middle-east Arab News Opinion | Asharq Al-awsat", "section menu"),
        ("World News | Reuters", "section menu"),
        ("date 2017-07-07 The United States, Russia and ...", "date line"),
        ("May 2, 2013, 1:12 PM", "date line"),
        ("May 2, 2013, 1: 12 PM", "date line"),  # ECB+ tokens rejoined with spaces
        ("8 / 2 / 13 at 1: 30 PM", "date line"),
        ("21 July 2013 Last updated at 11:11 GMT", "date line"),
        ("Posted: Nov 27, 2005 8:20 AM ET Last Updated: Nov 27, 2005 8:10 PM ET", "date line"),
        ("updated 8:41 p.m. EST, Tue March 3, 2009", "date line"),
        ("THURSDAY, JUNE 30, 2005", "date line"),
        ("APR 28", "date line"),
        # Headlines and text with dates, numbers, bars or section words stay text.
        ("Trump meets Putin | Reuters", None),
        ("Esther Williams dies at 91", None),
        ("1 dead, 2 hurt in Mich. office shooting", None),
        ("The 2005 quake killed 10 people in May", None),
        ("At 3 pm on Monday", None),
        ("May is a month of talks", None),
        ("Opinion: the zones will not hold", None),
        ("date 2017-07-07 The United States, Russia and Jordan agreed a ceasefire.", None),
    ],
)
def test_page_furniture_lines(line: str, reason: str | None):
    assert chrome_reason(line) == reason


def test_furniture_above_the_headline_is_not_the_headline():
    text = (
        "Jump to content\n\n1. Skip to content\n\n"
        "Middle-east Arab News Opinion | Asharq Al-awsat\n\nMay 2, 2013, 1:12 PM\n\n"
        "Lindsay Lohan checks into rehab facility\n\n"
        "Lindsay Lohan has checked into a rehab facility in California, her lawyer said on "
        "Thursday, hours before a court deadline.\n"
    )
    cleaned = clean_document(_doc(text))
    assert cleaned.headline == "Lindsay Lohan checks into rehab facility"
    assert [r.reason for r in cleaned.removed][:4] == [
        "navigation crumb",
        "navigation crumb",
        "section menu",
        "date line",
    ]
    assert cleaned.paragraphs[0].startswith("Lindsay Lohan has checked")


def test_a_text_of_one_short_sentence_is_its_text_not_a_headline():
    # ECB+ 11_7ecb is one sentence of 7 words: read as a headline, the article had no text
    # and was dropped with "no article text left after cleaning" (the sweep of rounds 3-13).
    sentence = "The parliament election is over in Turkmenistan."
    clean = clean_document(_doc(f"{sentence}\n"))
    assert clean.headline == "" and clean.paragraphs == [sentence]
    assert clean.notes and "only line" in clean.notes[0]
    # a lone line that is no sentence stays a headline, and so does a line the title names
    assert clean_document(_doc("Election over in Turkmenistan\n")).headline
    titled = clean_document(_doc(f"{sentence}\n", title=sentence))
    assert titled.headline == sentence and not titled.paragraphs
    # with more text, a short stopped first line is still the headline (NewsWCL50)
    assert clean_document(_doc(f"{sentence}\n\nIt was held on Sunday.\n")).headline == sentence


def test_the_only_line_under_a_headline_is_the_text_not_a_standfirst():
    # ECB+ 1_6ecbplus: headline, date line and one line cut off at a comma, which was kept
    # as the standfirst and left the article empty ("no article text left after cleaning").
    line = (
        "Early Friday morning, around 1: 30 a. m., the 26-year-old actress checked into "
        "Betty Ford Center in Rancho Mirage, Calif,"
    )
    text = f"Lindsay Lohan Checks Into Rehab at Betty Ford Center\n\nFri., May. 3, 2013\n\n{line}\n"
    clean = clean_document(_doc(text))
    assert clean.standfirst == "" and clean.paragraphs == [line]
    # with text below it, the same line is a standfirst
    followed = clean_document(_doc(f"{text}\nShe was 26.\n"))
    assert followed.standfirst == line and followed.paragraphs == ["She was 26."]


def test_a_first_sentence_without_a_title_is_the_lede_not_a_headline():
    # ECB+ '-ecb' articles have no headline: the first line (the death and the heart
    # attack) was taken for one, so page 02 said outlets 'leave out' what it states.
    lede = (
        "Yesterday in Los Angeles, pin-up icon Bettie Page succumbed to complications "
        "from a heart attack suffered almost three weeks ago."
    )
    rest = "She was 85.\n\nShe was born in Nashville."
    clean = clean_document(_doc(f"{lede}\n\n{rest}\n"))
    assert clean.headline == "" and clean.paragraphs[0] == lede
    assert clean.notes and "no headline" in clean.notes[0]
    # a headline ending in a full stop, at headline length (NewsWCL50), stays one
    short = "Robert Mueller provides list of questions to Trump's lawyers, ' NYT ' reports."
    assert clean_document(_doc(f"{short}\n\n{lede}\n\n{rest}\n")).headline == short
    # without a full stop it is a headline whatever its length; with a title it is matched
    unstopped = lede.rstrip(".")
    assert clean_document(_doc(f"{unstopped}\n\n{rest}\n")).headline == unstopped
    titled = clean_document(_doc(f"{lede}\n\n{rest}\n", title=lede))
    assert titled.headline == lede and not titled.notes
