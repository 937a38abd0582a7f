from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd
import pytest
from narrative.numbers import (
    COMPARISON_COLUMNS,
    EVENT_CLASSES,
    TABLE_COLUMNS,
    Quantity,
    background_figures,
    compare_quantities,
    disagreement_findings,
    extract_quantities,
    match_quantities,
    number_comparisons,
    number_disagreements,
    number_table,
    parse_number,
    split_decimals,
    story_links,
)
from narrative.views.numbers import disagreements_view, figures_summary, highlight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("320,000", (320000, 320000, 320000)),
        ("320000", (320000, 320000, 320000)),
        ("2.5 million", (2.5e6, 2.5e6, 2.5e6)),
        ("1.5bn", (1.5e9, 1.5e9, 1.5e9)),
        ("four", (4, 4, 4)),
        ("twenty-one", (21, 21, 21)),
        ("three hundred and forty two", (342, 342, 342)),
        ("half a million", (5e5, 5e5, 5e5)),
        ("one and a half million", (1.5e6, 1.5e6, 1.5e6)),
        ("a dozen", (12, 12, 12)),
        ("half a dozen", (6, 6, 6)),
        ("10-15", (10, 10, 15)),
        ("between 300 and 400", (300, 300, 400)),
        ("5-10 million", (5e6, 5e6, 1e7)),
        ("dozens", (24, 24, 100)),
        ("hundreds", (200, 200, 1000)),
        ("tens of thousands", (2e4, 2e4, 1e5)),
        ("hundreds of thousands", (2e5, 2e5, 1e6)),
        ("several", None),
        ("10 5", None),
        ("10am", None),
        ("a", None),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == (pytest.approx(expected) if expected else None)


def _only(text: str, kind: str) -> Quantity:
    found = [q for q in extract_quantities(text) if q.kind == kind]
    assert len(found) == 1, found
    return found[0]


def test_death_tolls_with_qualifiers():
    afp = _only("It is a war that has claimed more than 320,000 lives.", "count")
    assert (afp.what, afp.noun, afp.value, afp.qualifier) == (
        "deaths",
        "lives",
        320000,
        "more than",
    )
    assert afp.surface == "more than 320,000"
    reuters = _only(
        "The monitor estimates the conflict has killed close to half a million people.", "count"
    )
    assert (reuters.what, reuters.noun, reuters.value) == ("deaths", "people", 5e5)
    assert reuters.qualifier == "close to"
    assert reuters.bounds(0.1) == pytest.approx((4.5e5, 5e5))


def test_counts_dates_and_ordinals():
    text = "Russia and Iran agreed in May to set up four safe zones at a fifth round of talks."
    found = extract_quantities(text)
    assert [(q.kind, q.what, q.surface) for q in found] == [
        ("date", "date", "May"),
        ("count", "zone", "four"),
        ("ordinal", "round", "fifth"),
    ]
    date, zones, rounds = found
    assert (date.date, date.anchor, math.isnan(date.value)) == ("XXXX-05", "agree", True)
    assert (zones.value, zones.noun, rounds.value) == (4, "zones", 5)
    assert all(text[q.start : q.end] == q.surface for q in found)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Experts will meet in Tehran on August 1-2.", "XXXX-08-01/XXXX-08-02"),
        ("The war began in March 2011.", "2011-03"),
        ("The talks failed on Wednesday.", "XXXX-WXX-3"),
        ("The army said on 5 January 2017 that it had won.", "2017-01-05"),
    ],
)
def test_dates(text, date):
    assert _only(text, "date").date == date


def test_vague_amounts_and_event_classes():
    text = "Dozens of raids hit the town and tens of thousands of people have fled."
    raids, people = extract_quantities(text)
    assert (raids.what, raids.low, raids.high) == ("raid", 24, 100)
    assert (people.what, people.value, people.surface) == ("displaced", 2e4, "tens of thousands")
    found = extract_quantities("Two were killed and 10 others were badly wounded in the raid.")
    assert [(q.what, q.value) for q in found] == [("deaths", 2), ("injured", 10)]
    dead = _only("It was a shooting at a club that left 50 people dead.", "count")
    assert (dead.what, dead.noun, dead.anchor) == ("deaths", "people", "leave")


@pytest.mark.parametrize(
    ("text", "surface", "what"),
    [
        # a headline's participle hangs on the number itself
        ("At least 100 killed after bomb hits bus convoy in Syria", "At least 100", "deaths"),
        # what the subject is a number of; not a part of a group
        ("The number of victims in the explosion is at least 70.", "at least 70", "deaths"),
        ("He said 15 of the wounded were in critical condition.", "15", ""),
        # a present participle with a counted object of its own: the noun did it
        ("A bomb hit buses from two besieged towns killing at least 100 people.", "two", "town"),
        (
            "A bomb hit buses from two besieged towns killing at least 100 people.",
            "at least 100",
            "deaths",
        ),
        # the participle on the counted noun says what they are, whatever the parser
        # hangs the noun on ("people" on "wounded" in this unpunctuated wire sentence)
        (
            "The attack left at least 100 people killed and over 400 wounded mostly women.",
            "at least 100",
            "deaths",
        ),
        # a title-case headline is parsed as proper nouns: "Kills" is still "kill"
        ("Syrian Army Kills 31 ISIL Terrorists in Raqqa", "31", "deaths"),
    ],
)
def test_event_class_from_the_words_around_a_count(text, surface, what):
    found = {q.surface: q.what for q in extract_quantities(text)}
    assert found[surface] == what


def test_money_percent_measure_duration():
    found = extract_quantities(
        "The plan costs $1.5 billion, about 15% of the budget, for a wall 40 miles long "
        "after more than six years of fighting."
    )
    assert [(q.kind, q.what, q.value, q.qualifier) for q in found] == [
        ("money", "dollar", 1.5e9, ""),
        ("percent", "percent", 15, "about"),
        ("measure", "mile", 40, ""),
        ("duration", "year", 6, "more than"),
    ]


def test_not_quantities():
    # a product name, a year used as an adjective, a partitive, a pronoun
    assert extract_quantities("Moscow fired X-101 cruise missiles.") == []
    year = _only("The 2017 talks failed.", "date")
    assert year.date == "2017"
    assert _only("He said 15 of the wounded were in critical condition.", "count").what == ""
    assert extract_quantities("It was one that nobody wanted.") == []


def _q(value, *, what="zone", kind="count", qualifier="", low=None, high=None, **fields):
    defaults = dict(
        noun="", anchor="set", date="", surface=str(value), start=0, end=1, context=("x",)
    )
    return Quantity(
        value=value,
        low=value if low is None else low,
        high=value if high is None else high,
        kind=kind,
        what=what,
        qualifier=qualifier,
        **(defaults | fields),
    )


def test_compare_values_and_qualifiers():
    assert compare_quantities(_q(320000.0), _q(320000.0)) == "agree"
    assert compare_quantities(_q(4.0), _q(2.0)) == "differ"
    assert compare_quantities(_q(100.0, qualifier="about"), _q(105.0)) == "agree"
    assert compare_quantities(_q(100.0, qualifier="nearly"), _q(105.0)) == "differ"
    assert compare_quantities(_q(100.0, qualifier="more than"), _q(105.0)) == "agree"
    assert compare_quantities(_q(100.0, qualifier="more than"), _q(95.0)) == "differ"
    toll_afp = _q(320000.0, what="deaths", qualifier="more than")
    toll_reuters = _q(5e5, what="deaths", qualifier="close to")
    assert compare_quantities(toll_afp, toll_reuters) == "differ"
    vague = _q(2e4, low=2e4, high=1e5, what="people")
    assert compare_quantities(vague, _q(5e4, what="people")) == "agree"
    assert compare_quantities(vague, _q(2.5e6, what="people")) == "differ"
    assert compare_quantities(_q(4.0), _q(4.0, what="area")) is None
    assert compare_quantities(_q(4.0, what=""), _q(4.0, what="")) is None


def test_a_qualifier_allows_for_rounding_not_for_another_figure_of_the_same_place():
    # FA-KES Qamishli: TRT's 48 dead against Daily Sabah's "at least 44"; Idlib: "at least 72"
    # against "some 80"; BASIL: "up to 1.6 million" women against 1.5 million
    assert compare_quantities(_q(48.0), _q(44.0, qualifier="at least")) == "differ"
    assert (
        compare_quantities(_q(72.0, qualifier="at least"), _q(80.0, qualifier="some")) == "differ"
    )
    assert compare_quantities(_q(1.6e6, qualifier="up to"), _q(1.5e6)) == "differ"
    # a round figure with a qualifier still agrees with a finer one it rounds
    assert compare_quantities(_q(1400.0, qualifier="more than"), _q(1429.0)) == "agree"
    assert compare_quantities(_q(50.0, qualifier="nearly"), _q(48.0)) == "agree"
    assert compare_quantities(_q(80.0, qualifier="some"), _q(78.0)) == "agree"
    assert compare_quantities(_q(320000.0, qualifier="an estimated"), _q(320000.0)) == "agree"


def test_a_difference_needs_a_shared_context_except_for_event_classes():
    assert compare_quantities(_q(4.0, context=("border",)), _q(2.0, context=("work",))) is None
    assert compare_quantities(_q(4.0, context=("border",)), _q(4.0, context=("work",))) == "agree"
    deaths_a = _q(16.0, what="deaths", context=("bombing",))
    deaths_b = _q(20.0, what="deaths", context=("attack",))
    assert compare_quantities(deaths_a, deaths_b) == "differ"


def test_figures_about_different_things_never_differ():
    pages = _q(48.0, what="page", anchor="indictment", context=("indictment",))
    other = _q(47.0, what="page", anchor="indictment", context=("indictment",))
    assert compare_quantities(pages, other) == "differ"
    # ages of two people, a figure attached to nothing known, two rounds, a vague amount
    victim = _q(59.0, kind="duration", what="age", anchor="chohan", context=("chohan",))
    driver = _q(23.0, kind="duration", what="age", anchor="subryan", context=("chohan",))
    assert compare_quantities(victim, driver) is None
    assert compare_quantities(_q(4.0, anchor=""), _q(2.0, anchor="")) is None
    fourth = _q(4.0, kind="ordinal", what="round")
    assert compare_quantities(fourth, _q(5.0, kind="ordinal", what="round")) is None
    dollars = _q(2e4, what="dollar", low=2e4, high=1e5, surface="tens of thousands")
    assert compare_quantities(dollars, _q(2.5e5, what="dollar")) is None
    # the date of a telling: two statements, not one fact told differently
    said = _date("XXXX-WXX-5", "say", ("prosecutor", "say"))
    assert compare_quantities(said, _date("XXXX-WXX-4", "say", ("prosecutor", "say"))) is None


def _date(value, anchor, context):
    nan = math.nan
    return _q(nan, kind="date", what="date", date=value, anchor=anchor, context=context)


def test_compare_dates():
    may = _date("XXXX-05", "agree", ("agree", "deal"))
    assert compare_quantities(may, _date("XXXX-05-06", "start", ("ceasefire",))) == "agree"
    assert compare_quantities(may, _date("XXXX-06-04", "agree", ("agree", "deal"))) == "differ"
    # another event (a deadline), or the same verb with nothing else in common
    assert compare_quantities(may, _date("XXXX-06-04", "deadline", ("deal",))) is None
    assert compare_quantities(may, _date("XXXX-06", "agree", ("agree", "leave"))) is None
    assert compare_quantities(may, _date("XXXX-WXX-3", "agree", ("agree", "deal"))) is None
    decade = _date("199X", "fall", ("ussr",))
    assert compare_quantities(decade, _date("1991", "fall", ("ussr",))) == "agree"
    assert compare_quantities(decade, _date("2011", "fall", ("ussr",))) == "differ"


def test_match_sets_only_unmatched_figures_against_each_other():
    wednesday = _date("XXXX-WXX-3", "meet", ("talk",))
    tuesday = _date("XXXX-WXX-2", "meet", ("talk",))
    assert [s for _, _, s in match_quantities([wednesday], [tuesday, wednesday])] == ["agree"]
    assert [s for _, _, s in match_quantities([wednesday], [tuesday])] == ["differ"]
    raid, war = _q(16.0, what="deaths"), _q(280000.0, what="deaths")
    assert match_quantities([raid], [war], max_ratio=10) == []
    assert [s for _, _, s in match_quantities([raid], [war])] == ["differ"]


def _passages() -> pd.DataFrame:
    texts = {
        ("a", 0): "The war has claimed an estimated 320,000 lives.",
        ("a", 1): "A 48-page indictment was released on Tuesday.",
        ("b", 0): "The monitor says the war has killed close to half a million people.",
        ("b", 1): "The 47-page indictment was released on Tuesday.",
        ("c", 0): "A bombing killed 16 people in the town.",
        ("d", 0): "The war has claimed 320,000 lives, its monitor says.",
    }
    outlets = {"a": "A", "b": "B", "c": "C", "d": "A"}
    return pd.DataFrame(
        [
            dict(doc_id=d, passage_id=p, outlet=outlets[d], kind="body", text=t)
            for (d, p), t in texts.items()
        ]
    )


def _alignments(passages: pd.DataFrame, pairs) -> pd.DataFrame:
    text = {(r.doc_id, r.passage_id): (r.outlet, r.text) for r in passages.itertuples()}
    rows = []
    for (da, pa), (db, pb), relation in pairs:
        rows.append(
            dict(
                doc_a=da,
                passage_a=pa,
                outlet_a=text[da, pa][0],
                text_a=text[da, pa][1],
                doc_b=db,
                passage_b=pb,
                outlet_b=text[db, pb][0],
                text_b=text[db, pb][1],
                relation=relation,
            )
        )
    return pd.DataFrame(rows)


def test_comparisons_of_aligned_pairs_and_corpus_wide_tolls():
    passages = _passages()
    alignments = _alignments(
        passages, [(("a", 1), ("b", 1), "paraphrase"), (("a", 0), ("c", 0), "related")]
    )
    aligned_only = number_comparisons(alignments)
    assert list(aligned_only.columns) == COMPARISON_COLUMNS
    got = set(zip(aligned_only["what"], aligned_only["status"], strict=True))
    assert got == {("page", "differ"), ("date", "agree")}
    page = aligned_only[aligned_only["what"] == "page"].iloc[0]
    assert (page["value_a"], page["value_b"], page["ratio"]) == (48, 47, pytest.approx(47 / 48))
    assert page["text_a"][page["start_a"] : page["end_a"]] == "48"

    full = number_disagreements(alignments, passages=passages)
    tolls = full[full["what"] == "deaths"]
    # a-b and d-b differ; a-d is one outlet; the bombing (16) is a different event. a and b
    # share the indictment (a pair without a toll); d, all toll, tells their story
    assert set(zip(tolls["doc_a"], tolls["doc_b"], strict=True)) == {("a", "b"), ("b", "d")}
    assert set(tolls["relation"]) == {"unaligned"}
    assert "status" not in full.columns
    # a and b share the indictment's sentence; d is joined to b only as an all-toll article
    assert set(zip(tolls["doc_a"], tolls["doc_b"], tolls["link"], strict=True)) == {
        ("a", "b", "direct"),
        ("b", "d", "through others"),
    }
    assert set(full[full["what"] == "page"]["link"]) == {"aligned"}


def _day_of_news() -> pd.DataFrame:
    # one day's news from one place: a bombing, a rocket attack and an air strike; the
    # aligner pairs their toll sentences for their words
    texts = {
        ("a", 0): "At least 29 people were killed and dozens wounded in a suicide bombing.",
        ("a", 1): "The attack took place at the border crossing during a change of guard.",
        ("b", 0): "Rocket attacks on the city claimed the lives of 8 persons.",
        ("b", 1): "The source said the shells hit a residential neighbourhood.",
        ("c", 0): "Coalition warplanes killed at least 60 civilians in the village.",
        ("c", 1): "Local sources said the jets also destroyed two bridges.",
    }
    return pd.DataFrame(
        [
            dict(doc_id=d, passage_id=p, outlet=d.upper(), kind="body", text=t)
            for (d, p), t in texts.items()
        ]
    )


def test_tolls_of_articles_that_nothing_but_their_tolls_links_are_not_compared():
    passages = _day_of_news()
    tolls = [(("a", 0), ("b", 0), "paraphrase"), (("b", 0), ("c", 0), "paraphrase")]
    alignments = _alignments(passages, [*tolls, (("a", 1), ("c", 1), "related")])
    # aligned or not, no toll is set against another: nothing links the articles but them
    assert number_disagreements(alignments, passages=passages).empty
    found = {t: extract_quantities(t) for t in passages["text"]}
    assert story_links(alignments, found, passages["doc_id"]) == set()

    # a and c share a statement (a pair without a toll): one story; b, all toll, is taken
    # to tell the story most articles tell
    told = pd.concat([alignments, _alignments(passages, [(("a", 1), ("c", 1), "paraphrase")])])
    assert story_links(told, found, passages["doc_id"]) == {
        frozenset(("a", "c")),
        frozenset(("a", "b")),
        frozenset(("b", "c")),
    }
    # two stories as large as each other: the lone article tells neither
    passages.loc[len(passages)] = dict(
        doc_id="d", passage_id=0, outlet="D", kind="body", text="The shells hit homes."
    )
    found["The shells hit homes."] = []
    two = pd.concat([told, _alignments(passages, [(("b", 1), ("d", 0), "paraphrase")])])
    assert story_links(two, found, ["a", "b", "c", "d", "e"]) == {
        frozenset(("a", "c")),
        frozenset(("b", "d")),
    }


def test_a_figure_after_another_events_toll_in_its_passage_is_set_aside_too():
    texts = {
        ("a", 0): "A gas attack killed 58 people in the town on Tuesday.",
        ("a", 1): "The town's hospital was hit.",
        ("a", 2): "Attacks last year killed at least nine civilians and injured 200.",
        ("b", 0): "The attack killed 72 people and wounded 300.",
        ("b", 1): "The town's hospital was hit later.",
    }
    passages = pd.DataFrame(
        [
            dict(doc_id=d, passage_id=p, outlet=d.upper(), kind="body", text=t)
            for (d, p), t in texts.items()
        ]
    )
    found = {t: extract_quantities(t) for t in texts.values()}
    aside = background_figures(passages, found)
    starts = {q.surface: q.start for q in found[texts["a", 2]]}
    # nine differs from a's toll (58); the 200 injured after it are that attack's too,
    # though they are a's first figure of injured
    assert aside == {("a", 2, starts["at least nine"]), ("a", 2, starts["200"])}
    alignments = _alignments(passages, [(("a", 1), ("b", 1), "paraphrase")])
    table = number_disagreements(alignments, passages=passages)
    assert set(zip(table["surface_a"], table["surface_b"], strict=True)) == {("58", "72")}


def test_a_later_toll_close_to_the_first_and_given_by_a_source_is_another_count_of_it():
    texts = {
        ("a", 0): "A gas attack killed at least 58 people in Khan Shaykhun.",
        ("a", 1): "The health authority said the attack had killed more than 50 people.",
        ("a", 2): "The monitor said the death toll had risen to 80.",
        ("a", 3): "On Saturday, 80 people were killed by a quake in China.",
        ("a", 4): "The monitor said hundreds were killed.",
    }
    passages = pd.DataFrame(
        [
            dict(doc_id=d, passage_id=p, outlet="A", kind="body", text=t)
            for (d, p), t in texts.items()
        ]
    )
    found = {t: extract_quantities(t) for t in texts.values()}
    aside = {(d, p) for d, p, _ in background_figures(passages, found)}
    # the health authority's count of the same toll is kept (58 / more than 50: within a
    # factor of 1.5, attributed); an update, an unattributed toll of another event and a
    # vague amount are set aside
    assert aside == {("a", 2), ("a", 3), ("a", 4)}


def test_arrests_and_displacement_are_compared_as_any_count():
    # one incident fixes its dead and wounded; arrests and flight are counted over days
    monday = _q(1.0, what="arrested", anchor="arrest", context=("conduct",))
    wednesday = _q(46.0, what="arrested", anchor="be", context=("conduct",))
    assert compare_quantities(monday, wednesday) is None
    same_anchor = _q(46.0, what="arrested", anchor="arrest", context=("conduct",))
    assert compare_quantities(monday, same_anchor) == "differ"
    dead = _q(1.0, what="deaths", anchor="kill", context=("a",))
    assert compare_quantities(dead, _q(46.0, what="deaths", anchor="be")) == "differ"
    texts = {
        ("a", 0): "One person was arrested for disorderly conduct.",
        ("b", 0): "Gray had previously been arrested four times.",
    }
    passages = pd.DataFrame(
        [
            dict(doc_id=d, passage_id=p, outlet=d.upper(), kind="body", text=t)
            for (d, p), t in texts.items()
        ]
    )
    story = pd.DataFrame(
        [
            dict(doc_id=d, passage_id=1, outlet=d.upper(), kind="body", text="Protests went on.")
            for d in "ab"
        ]
    )
    passages = pd.concat([passages, story], ignore_index=True)
    alignments = _alignments(passages, [(("a", 1), ("b", 1), "paraphrase")])
    assert number_disagreements(alignments, passages=passages).empty


def test_a_later_toll_that_differs_from_the_articles_first_is_not_the_storys():
    texts = {
        ("a", 0): "A truck bomb killed 48 people in Qamishli on Wednesday.",
        ("a", 1): "A suicide blast killed six members of the security force in April.",
        ("a", 2): "The bombing killed 48 people, the monitor said.",
        ("b", 0): "A double bomb attack killed 31 people in Qamishli.",
        ("b", 1): "The previous death toll was 20.",
        ("b", 2): "The truck exploded near a police checkpoint.",
        ("a", 3): "The truck blew up at a checkpoint of the Kurdish police.",
    }
    passages = pd.DataFrame(
        [
            dict(doc_id=d, passage_id=p, outlet=d.upper(), kind="body", text=t)
            for (d, p), t in texts.items()
        ]
    )
    alignments = _alignments(
        passages, [(("a", 1), ("b", 0), "paraphrase"), (("a", 3), ("b", 2), "paraphrase")]
    )
    table = number_disagreements(alignments, passages=passages)
    got = set(zip(table["surface_a"], table["surface_b"], strict=True))
    # 48 against 31 (twice: a's lede and its repeat); never the April attack's six, never
    # b's earlier count, aligned or not
    assert got == {("48", "31")} and len(table) == 2
    assert set(table["what"]) <= set(EVENT_CLASSES)


def test_number_table():
    table = number_table(_passages().head(2))
    assert list(table.columns) == TABLE_COLUMNS
    rows = table[["doc_id", "passage_id", "kind", "what", "value"]].values.tolist()
    assert rows[:2] == [["a", 0, "count", "deaths", 320000.0], ["a", 1, "count", "page", 48.0]]
    assert rows[2][:4] == ["a", 1, "date", "date"] and math.isnan(rows[2][4])
    assert len(rows) == 3
    assert table["qualifier"].iloc[0] == "an estimated"


def test_highlight_escapes_and_marks():
    html = highlight("<b>killed 320,000</b>", 10, 17)
    assert "&lt;b&gt;killed " in html
    assert html.count("<mark") == 1
    assert ">320,000</mark>" in html


def test_disagreements_view():
    passages = _passages()
    alignments = _alignments(passages, [(("a", 1), ("b", 1), "paraphrase")])
    table = number_disagreements(alignments)
    html = disagreements_view(table, {"A": "#111111", "B": "#222222"})
    assert html.count("<tr>") == 2  # header and one disagreement
    assert ">48</mark>" in html and ">47</mark>" in html
    assert "border-left:4px solid #222222" in html
    assert "not stated" not in html
    # round 10: a finding of a kind the page does not state reads as one unless marked
    unstated = disagreements_view(table.assign(stated=False), {"A": "#111111", "B": "#222222"})
    assert "not stated: check the passages" in unstated
    empty = disagreements_view(table.iloc[0:0], {})
    assert "No finding" in empty


def test_figures_summary_counts_findings_as_the_table_shows_them():
    figures = pd.DataFrame({"value": [1, 2, 3, 4, 5]})
    pairs = pd.DataFrame(
        {
            "finding": ["N01", "N01", "N01", "N02"],
            "relation": ["unaligned", "unaligned", "unaligned", "paraphrase"],
        }
    )
    html = figures_summary(figures, pairs)
    assert "<b>5 figures</b>" in html
    # one quantity with three pairs of figures is one finding, not three; what is or is
    # not aligned is counted in pairs (it used to count findings holding any unaligned
    # pair, and called them pairs)
    assert "in <b>2</b> findings (4 pairs of figures; 3 of them from passages that are not " in html
    assert "a candidate to check" in html
    one = figures_summary(figures, pairs[pairs["finding"] == "N01"], confirmed=True)
    assert "in <b>1</b> finding (3 pairs of figures; none from aligned passages)." in one
    assert "candidate" not in one
    mixed = pairs.assign(finding="N01")
    assert "(4 pairs of figures; 3 of them from passages that are not aligned)" in (
        figures_summary(figures, mixed)
    )
    aligned = figures_summary(figures, pairs[pairs["finding"] == "N02"])
    assert "(1 pair of figures; its passages are aligned)" in aligned
    # what the suite found, not a claim that the outlets agree
    none = figures_summary(figures, pairs.iloc[0:0])
    assert "found no two outlets" in none and "it misses some" in none


def test_default_corpus_death_tolls(default_result):
    found = number_disagreements(default_result.alignments, passages=default_result.passages)
    tolls = found[found["what"] == "deaths"]
    assert set(zip(tolls["doc_a"], tolls["passage_a"], strict=True)) == {
        ("fmt-afp", 2),
        ("jordantimes-afp", 2),
        ("aljazeera", 7),
    }
    assert set(tolls["doc_b"]) == {"reuters-blog"}
    assert set(tolls["value_a"]) == {320000} and set(tolls["value_b"]) == {500000}


def test_the_decimals_of_a_number_cut_by_a_sentence_split_are_no_figure():
    texts = {
        ("a", 0): "A magnitude-6.",
        ("a", 1): "0 quake can cause severe damage.",
        ("a", 2): "The quake killed 10 people.",
        ("b", 0): "A magnitude 6 quake can cause severe damage.",
        ("b", 1): "The quake killed 10 people on the island.",
    }
    passages = pd.DataFrame(
        [
            dict(doc_id=d, passage_id=p, outlet=d.upper(), kind="body", text=t)
            for (d, p), t in texts.items()
        ]
    )
    found = {t: extract_quantities(t) for t in texts.values()}
    assert split_decimals(passages, found) == {("a", 1, 0)}
    alignments = _alignments(passages, [(("a", 1), ("b", 0), "reuse")])
    table = number_disagreements(alignments, passages=passages)
    # "0" against "6" was a finding: the same sentence in two outlets
    assert table.empty


def _pair_table(texts: dict, relation: str = "paraphrase") -> pd.DataFrame:
    passages = pd.DataFrame(
        [
            dict(doc_id=d, passage_id=p, outlet=d.upper(), kind="body", text=t)
            for (d, p), t in texts.items()
        ]
    )
    keys = list(texts)
    return number_disagreements(_alignments(passages, [(keys[0], keys[1], relation)]))


def test_a_figure_counted_over_a_span_is_not_the_whole():
    # ECB+ 10 (audit round 2): a player's RBIs in 54 games with one team against the season's
    whole = "Overall, he finished the season with a .308 average, 33 homers and 121 RBIs."
    part = "Teixeira hit .358 with 13 homers and 43 RBIs in 54 games with the Angels."
    rbis = [q for q in extract_quantities(part) if q.what == "rbi"]
    assert [q.scope for q in rbis] == ["in 54 games"]
    assert _pair_table({("a", 0): part, ("b", 0): whole}).empty
    # the same span on both sides is one quantity again
    other = "Teixeira hit .330 with 13 homers and 40 RBIs in 54 games with the Angels."
    assert set(_pair_table({("a", 0): part, ("b", 0): other})["what"]) == {"rbi"}
    # a running total "since" a start is no part: the war's toll since March 2011
    war = _only("A war that has claimed an estimated 320,000 lives since March 2011.", "count")
    assert war.scope == ""


def test_a_figure_that_sizes_several_things_is_not_one_things_figure():
    # ECB+ 10 (audit round 2): rivals' "seven-year offers" against the Angels' offer
    several = "The seven-year offers for Teixeira were in the range of the new offer."
    one = "The Angels made an eight-year offer to Teixeira."
    assert _only(several, "duration").described == "many"
    assert _only(one, "duration").described == "one"
    assert _pair_table({("a", 0): several, ("b", 0): one}).empty
    single = "The Red Sox made a seven-year offer to Teixeira."
    assert set(_pair_table({("a", 0): single, ("b", 0): one})["what"]) == {"year"}


def test_a_finding_of_unaligned_passages_only_is_a_candidate():
    # FA-KES 5 Oct 2016 Aleppo (audit round 2): three incidents' tolls, no passage of one
    # aligned with another's
    rows = pd.DataFrame(
        [
            dict(kind="count", what="deaths", doc_a="a", passage_a=0, start_a=0)
            | dict(doc_b="b", passage_b=0, start_b=0, relation="unaligned"),
            dict(kind="count", what="deaths", doc_a="c", passage_a=0, start_a=0)
            | dict(doc_b="d", passage_b=0, start_b=0, relation="unaligned"),
            dict(kind="count", what="deaths", doc_a="c", passage_a=0, start_a=0)
            | dict(doc_b="e", passage_b=1, start_b=5, relation="paraphrase"),
        ]
    )
    found = disagreement_findings(rows)
    assert list(found.columns[:2]) == ["finding", "status"]
    # the stated finding is numbered first, its unaligned pair stays in it
    assert list(zip(found["finding"], found["status"], strict=True)) == [
        ("N01", "differ"),
        ("N01", "differ"),
        ("N02", "candidate"),
    ]
    assert list(found["doc_a"]) == ["c", "c", "a"]
    assert disagreement_findings(rows.iloc[0:0])["status"].empty
    # unaligned figures of articles that share a statement directly are stated; joined
    # only through other articles (or as an all-toll article) they stay a candidate
    linked = rows.assign(link=["direct", "through others", "aligned"])
    assert list(disagreement_findings(linked)["status"]) == ["differ", "differ", "differ"]
    loose = rows.assign(link=["through others", "direct", "aligned"])
    assert list(disagreement_findings(loose)["status"]) == ["differ", "differ", "candidate"]


def test_a_count_of_nothing_but_people_is_a_candidate_aligned_or_not():
    # ECB+ 19 (audit round 3): "a group of about 130 people were marching" against "a group
    # of at least three dozen people rampaged": two groups of one night
    rows = pd.DataFrame(
        [
            dict(kind="count", what=what, doc_a="a", passage_a=i, start_a=0)
            | dict(doc_b="b", passage_b=i, start_b=0, relation="paraphrase", link="aligned")
            for i, what in enumerate(["people", "caliber", "deaths"])
        ]
    )
    found = disagreement_findings(rows)
    assert dict(zip(found["what"], found["status"], strict=True)) == {
        "caliber": "differ",
        "deaths": "differ",
        "people": "candidate",
    }
    html = figures_summary(pd.DataFrame({"value": [1]}), found.assign(relation="paraphrase"))
    assert "<b>1 more</b> is a candidate, not stated: counts of nothing but 'people'" in html
    assert "chain through other articles" not in html


def test_figures_summary_states_findings_and_names_candidates():
    figures = pd.DataFrame({"value": [1, 2, 3]})
    pairs = pd.DataFrame(
        {
            "finding": ["N01", "N01", "N02"],
            "status": ["differ", "differ", "candidate"],
            "relation": ["paraphrase", "unaligned", "unaligned"],
        }
    )
    html = figures_summary(figures, pairs)
    assert "in <b>1</b> finding (2 pairs of figures; 1 of them from passages that are not " in html
    assert "<b>1 more</b> is a candidate, not stated" in html
    only = figures_summary(figures, pairs[pairs["status"] == "candidate"])
    assert "states no finding" in only and "<b>1 finding</b> is a candidate" in only
    assert "found no two outlets" not in only
    view = disagreements_view(
        pairs.assign(
            what="deaths",
            kind="count",
            **{
                f"{c}_{s}": v
                for s in "ab"
                for c, v in (("doc", s), ("passage", 0), ("start", 0), ("end", 1))
            },
            outlet_a="A",
            outlet_b="B",
            surface_a="1",
            surface_b="2",
            date_a="",
            date_b="",
            text_a="1 dead",
            text_b="2 dead",
        ),
        {"A": "#111111", "B": "#222222"},
    )
    assert view.count("candidate: check the passages") == 1


def test_an_increment_is_never_compared_with_a_total():
    # round 4: "married two more times" was set against "married three times"
    (more,) = extract_quantities("Page married two more times, but had no children.")
    (total,) = extract_quantities("Page was married three times but had no children.")
    assert more.scope == "increment" and total.scope == ""
    assert compare_quantities(more, total) is None
    assert compare_quantities(more, replace(total, value=2.0, low=2.0, high=2.0)) is None
    another = extract_quantities("Another 20 people were killed on Sunday.")[0]
    assert another.scope == "increment"
    # "two or more", "more than two" are not increments
    assert extract_quantities("Two or more people died.")[0].scope == ""


def test_a_count_of_a_stretch_of_a_series_is_not_the_whole():
    # ECB+ 5 (round 5): "the first two games" of a six-game series, "their last 10 games"
    first = _only("Philly surprised the Pistons by taking the first two games in Detroit.", "count")
    series = _only("The team took Detroit to six games in the quarterfinal round.", "count")
    assert first.scope == "first" and series.scope == ""
    assert compare_quantities(first, series) is None
    last = [q for q in extract_quantities("They have lost eight of their last 10 games.")]
    assert [q.scope for q in last if q.value == 10] == ["last"]
    # the same stretch is still compared
    other = _only("Philly won the first three games in Detroit.", "count")
    assert compare_quantities(replace(first, anchor="win"), replace(other, anchor="win")) == (
        "differ"
    )


def test_victims_a_non_fatal_verb_hit_are_not_a_death_toll():
    # ECB+ 22 (round 4): "shot the three victims" (two died, one was wounded)
    shot = _only("Hiller then shot the three victims, according to police.", "count")
    assert shot.what == "victim"
    assert _only("Gunmen wounded four victims.", "count").what == "injured"
    assert _only("The blast killed 12 victims.", "count").what == "deaths"
    assert _only("The number of victims is at least 70.", "count").what == "deaths"


def test_the_words_next_to_a_count_name_its_class():
    # FA-KES Qamishli: unpunctuated wire copy whose parse hangs "dead" and "injured" elsewhere
    dead = extract_quantities(
        "27 Jul 2016 At least 48 people dead over 100 injured after truck bomb exploded."
    )
    assert [q.what for q in dead if q.value == 48] == ["deaths"]
    hurt = extract_quantities(
        "Hospitals received the bodies of 44 victims as well as 140 injured people."
    )
    assert [q.what for q in hurt if q.value == 140] == ["injured"]
    # FA-KES Idlib: the verb just before the count, unless a word after it names its own class
    said = extract_quantities(
        "The air strikes on the town also wounded more than 60 people said the Observatory."
    )
    assert [q.what for q in said if q.value == 60] == ["injured"]
    left = extract_quantities(
        "The attack left at least 100 people killed and over 400 wounded mostly women."
    )
    assert [q.what for q in left if q.value == 400] == ["injured"]
    both = extract_quantities("At least 44 killed dozens injured as twin bombing targets Qamishli")
    assert [q.what for q in both] == ["deaths", "injured"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a quarter of a million", 250_000),
        ("three quarters of a million", 750_000),
        ("two and a quarter million", 2_250_000),
        ("a third of a billion", 1e9 / 3),
        ("a quarter", None),  # a quarter of a town is no count
    ],
)
def test_a_fraction_of_a_scale_word_is_that_fraction(text, expected):
    parsed = parse_number(text)
    assert (parsed and parsed[0]) == (pytest.approx(expected) if expected else None)


def test_a_quarter_of_a_million_dead_is_not_a_million():
    # round 6 (FA-KES Idlib): "a quarter of a million" was read as 1,000,000, the
    # recogniser's span being "million" alone
    (war,) = extract_quantities("The war has killed more than a quarter of a million people.")
    assert (war.value, war.qualifier, war.what) == (250_000, "more than", "deaths")
    assert extract_quantities("A quarter of the residents fled.") == []
