from __future__ import annotations

import math

import matplotlib
import numpy as np
import pandas as pd
import pytest
from narrative.figures.wording import Z_AXIS_LABEL, distinctive_terms_chart
from narrative.views.wording import (
    VARIANT_TITLE,
    diff_html,
    distinctive_terms_view,
    substitutions_view,
)
from narrative.wording import (
    UNUSED_TERMS_MAX_OUTLETS,
    WordOp,
    diff_spans,
    distinctive_terms,
    excluded_words,
    is_variant,
    log_odds_dirichlet,
    outlet_names,
    spelling_folds,
    substitutions,
    swap_steps,
    term_spans,
    terms,
    word_diff,
)

matplotlib.use("Agg")


def _passages(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """Passage table from ``(doc_id, outlet, kind, text)`` rows."""
    return pd.DataFrame(
        [
            dict(doc_id=doc, passage_id=i, outlet=outlet, kind=kind, text=text)
            for i, (doc, outlet, kind, text) in enumerate(rows)
        ]
    )


# Outlet A (two articles): regime x2, talks x1 (n_A = 3); outlet B: government, talks (n_B = 2).
# Corpus: regime 2, talks 2, government 1 (n = 5). The headline is not counted.
TOY = _passages(
    [
        ("a1", "A", "headline", "Government government"),
        ("a1", "A", "body", "Regime talks."),
        ("a2", "A", "standfirst", "The regime."),
        ("b1", "B", "body", "Government talks"),
    ]
)


def _row(table: pd.DataFrame, outlet: str, term: str) -> pd.Series:
    return table[(table["outlet"] == outlet) & (table["term"] == term)].iloc[0]


def test_log_odds_match_monroe_formula_computed_by_hand():
    table = distinctive_terms(TOY, bigrams=False, min_count=1)
    # alpha_0 = mean tokens per outlet = 5 / 2 = 2.5, so alpha_w = 2.5 * y_w / 5:
    # regime 1.0, talks 1.0, government 0.5.
    # A vs B, "regime": y_A = 2, y_B = 0.
    delta = math.log((2 + 1) / (3 + 2.5 - 2 - 1)) - math.log((0 + 1) / (2 + 2.5 - 0 - 1))
    regime = _row(table, "A", "regime")
    assert regime["log_odds"] == pytest.approx(delta, abs=1e-4)
    assert regime["z"] == pytest.approx(delta / math.sqrt(1 / 3 + 1 / 1), abs=1e-4)
    assert (regime["count"], regime["count_others"]) == (2, 0)
    # Same count in both, but A is longer: "talks" is relatively rarer in A.
    delta = math.log((1 + 1) / (3 + 2.5 - 1 - 1)) - math.log((1 + 1) / (2 + 2.5 - 1 - 1))
    assert _row(table, "A", "talks")["log_odds"] == pytest.approx(delta, abs=1e-4)
    assert _row(table, "A", "talks")["z"] < 0
    # With two outlets, B against A is A against B with the sign flipped.
    assert _row(table, "B", "regime")["z"] == pytest.approx(-regime["z"], abs=1e-4)


def test_prior_size_sets_alpha_0():
    table = distinctive_terms(TOY, bigrams=False, min_count=1, prior_size=5.0)
    # alpha_w = 5 * y_w / 5 = y_w: regime 2.
    delta = math.log((2 + 2) / (3 + 5 - 2 - 2)) - math.log((0 + 2) / (2 + 5 - 0 - 2))
    regime = _row(table, "A", "regime")
    assert regime["log_odds"] == pytest.approx(delta, abs=1e-4)
    assert regime["z"] == pytest.approx(delta / math.sqrt(1 / 4 + 1 / 2), abs=1e-4)


def test_distinctive_terms_table_shape_and_order():
    table = distinctive_terms(TOY, bigrams=False, min_count=2)
    assert list(table.columns) == [
        "outlet",
        "term",
        "ngram",
        "count",
        "count_others",
        "log_odds",
        "z",
        "spellings",
    ]
    # "government" is used once outside headlines: dropped by min_count=2.
    assert set(table["term"]) == {"regime", "talks"}
    assert list(table["outlet"]) == ["A", "A", "B", "B"]
    assert list(table["term"]) == ["regime", "talks", "talks", "regime"]


def test_log_odds_of_identical_groups_are_zero():
    counts = np.array([3.0, 1.0, 6.0])
    delta, z = log_odds_dirichlet(counts, counts, np.array([0.5, 0.5, 0.5]))
    assert np.allclose(delta, 0) and np.allclose(z, 0)


def test_bigrams_stay_within_runs_of_content_words():
    text = "Safe zones, safe. Zones are safe zones"
    assert terms(text) == ["safe", "zones", "safe", "zones", "safe", "zones"]
    assert terms(text, ngram=2) == ["safe zones", "safe zones"]
    assert term_spans("Safe zones, safe zones.", "safe zones") == [(0, 10), (12, 22)]
    assert term_spans("Russia\u2019s envoy", "russia") == [(0, 8)]


def test_bigrams_are_scored_in_their_own_model():
    passages = _passages(
        [
            ("a", "A", "body", "Safe zones. Safe zones. Talks."),
            ("b", "B", "body", "Peace talks. Zones."),
        ]
    )
    table = distinctive_terms(passages, min_count=1)
    bigram = _row(table, "A", "safe zones")
    assert (bigram["ngram"], bigram["count"], bigram["count_others"]) == (2, 2, 0)
    # Bigram model only: "safe zones" 2 (A), "peace talks" 1 (B); n_A = 2, n_B = 1, n = 3.
    # alpha_0 = 3 / 2 = 1.5; alpha("safe zones") = 1.5 * 2 / 3 = 1.0.
    delta = math.log((2 + 1) / (2 + 1.5 - 2 - 1)) - math.log((0 + 1) / (1 + 1.5 - 0 - 1))
    assert bigram["log_odds"] == pytest.approx(delta, abs=1e-4)
    assert bigram["z"] == pytest.approx(delta / math.sqrt(1 / 3 + 1 / 1), abs=1e-4)
    assert _row(table, "A", "zones")["ngram"] == 1


def test_spelling_variants_of_names_fold_into_the_most_used_form():
    texts = ["Lavrentiev met Lavrentiev.", "Lavrentyev spoke in Syria.", "Syrian talks; Deraa"]
    folds = spelling_folds([*texts, "Daraa and Daraa"])
    assert folds == {"lavrentyev": "lavrentiev", "deraa": "daraa"}  # Syria / Syrian stay apart
    passages = _passages(
        [
            ("a", "A", "body", "Lavrentiev said. Lavrentiev left."),
            ("b", "B", "body", "Lavrentyev said talks failed."),
        ]
    )
    table = distinctive_terms(passages, bigrams=False, min_count=1)
    row = _row(table, "B", "lavrentiev")
    assert (row["count"], row["count_others"]) == (1, 2)
    assert row["spellings"] == "lavrentiev; lavrentyev"
    assert term_spans("Lavrentyev said", "lavrentiev", spellings=row["spellings"]) == [(0, 10)]


def test_outlet_names_and_boilerplate_are_not_terms():
    texts = ["Al Jazeera's reporter said on Monday.", "Jordan and Al Jazeera.", "AFP said"]
    excluded = excluded_words(["Al Jazeera", "The Jordan Times", "FMT (AFP)"], texts)
    assert {"jazeera", "afp", "fmt", "monday", "times"} <= excluded
    assert "al" in excluded and "jordan" not in excluded  # Jordan is used outside the name
    passages = _passages(
        [
            ("a", "Al Jazeera", "body", "Al Jazeera reports talks on Monday. Talks."),
            ("b", "TASS", "body", "TASS reports peace. Peace."),
        ]
    )
    table = distinctive_terms(passages, min_count=1)
    assert {"jazeera", "tass", "monday", "al jazeera"}.isdisjoint(table["term"])
    assert {"talks", "peace", "reports"} <= set(table["term"])


def test_a_single_term_vocabulary_gives_no_scores():
    passages = _passages([("a", "A", "body", "Talks."), ("b", "B", "body", "Talks, talks.")])
    assert distinctive_terms(passages, min_count=1).empty


def test_word_diff_ignores_case_and_punctuation_and_keeps_surface_words():
    a = "The Syrian regime, and rebels met."
    b = "the Syrian government and rebels met"
    ops = word_diff(a, b)
    assert [op.tag for op in ops] == ["equal", "replace", "equal"]
    assert ops[0].words_b == ("the", "Syrian")
    assert ops[1] == WordOp("replace", ("regime",), ("government",), (11, 17), (11, 21))
    insert = word_diff("rebels met", "rebels met today")[-1]
    assert insert == WordOp("insert", (), ("today",), (10, 10), (11, 16))


def test_diff_html_marks_only_differing_words_and_escapes():
    html_a, html_b = diff_html("A & B regime <now>", "A & B government now")
    assert html_a.startswith("A &amp; B <mark")
    assert ">regime</mark>" in html_a and "&lt;now&gt;" in html_a
    assert ">government</mark> now" in html_b
    assert html_a.count("<mark") == 1 and html_b.count("<mark") == 1


def test_is_variant_tells_spellings_from_word_choices():
    assert is_variant("Daraa", "Deraa")
    assert is_variant("al-Assad", "Assad")
    assert is_variant("Lavrentiev", "Lavrentyev")
    assert not is_variant("regime", "government")
    assert not is_variant("Iran", "Iraq")


def _pair(a, pa, outlet_a, text_a, b, pb, outlet_b, text_b, relation="paraphrase", score=0.8):
    return dict(
        doc_a=a,
        passage_a=pa,
        outlet_a=outlet_a,
        text_a=text_a,
        doc_b=b,
        passage_b=pb,
        outlet_b=outlet_b,
        text_b=text_b,
        relation=relation,
        score=score,
    )


ALIGNED = pd.DataFrame(
    [
        # Given as Zeta -> Alpha: must be oriented Alpha first and merged with the next pair.
        _pair(
            "z1", 0, "Zeta", "Syrian regime forces shelled Daraa on Monday.",
            "a1", 0, "Alpha", "Syrian government forces shelled Deraa on Monday.",
        ),
        _pair(
            "a1", 3, "Alpha", "The government said talks would resume in Geneva.",
            "z1", 4, "Zeta", "The regime said talks would resume in Geneva.",
            relation="reuse",
        ),
        # Not the same fact: ignored.
        _pair(
            "a1", 5, "Alpha", "Rebels attacked an army post.",
            "z1", 6, "Zeta", "Militants attacked an army post.",
            relation="related",
        ),
        # Numbers and stop words only: not word choices.
        _pair(
            "a1", 7, "Alpha", "The war has killed 320,000 people so far.",
            "z1", 8, "Zeta", "The war has killed 300,000 people so far.",
        ),
        _pair(
            "a1", 9, "Alpha", "They met envoys in Astana on Friday.",
            "z1", 10, "Zeta", "We met envoys in Astana on Friday.",
        ),
        # Loose paraphrase, swap between stop words only: a chance match.
        _pair(
            "a1", 11, "Alpha", "The start of the talks was delayed by a week in Astana.",
            "z1", 12, "Zeta", "The adoption of the memorandum marked a turning point for all.",
        ),
    ]
)  # fmt: skip


def test_substitutions_orient_merge_and_filter():
    subs = substitutions(ALIGNED)
    found = subs[["outlet_a", "words_a", "outlet_b", "words_b"]].to_numpy().tolist()
    assert found == [["Alpha", "government", "Zeta", "regime"], ["Alpha", "Deraa", "Zeta", "Daraa"]]
    assert list(subs["pairs"]) == [2, 1]
    assert list(subs["variant"]) == [False, True]
    first = subs.iloc[0]
    # The example is the pair with the most wording in common, oriented Alpha first.
    assert (first["doc_a"], first["passage_a"], first["doc_b"], first["passage_b"]) == (
        "a1",
        3,
        "z1",
        4,
    )
    assert first["examples"] == "a1#3 / z1#4; a1#0 / z1#0"
    assert substitutions(ALIGNED, min_pairs=2)["words_a"].tolist() == ["government"]


def test_loose_paraphrases_keep_only_anchored_swaps():
    # Under half the words align; only the swap between "Syrian" and "and" is kept.
    loose = pd.DataFrame(
        [
            _pair(
                "a", 0, "A",
                "Officials from many nations met on Tuesday to discuss the Syrian regime and Iran.",
                "b", 0, "B", "Delegates of the Syrian government and rebels spoke.",
            ),
        ]
    )  # fmt: skip
    subs = substitutions(loose)
    assert subs[["words_a", "words_b"]].to_numpy().tolist() == [["regime", "government"]]


def test_substitutions_do_not_depend_on_pair_order():
    flipped = ALIGNED.rename(
        columns={
            **{f"{c}_a": f"{c}_b" for c in ("doc", "passage", "outlet", "text")},
            **{f"{c}_b": f"{c}_a" for c in ("doc", "passage", "outlet", "text")},
        }
    )
    pd.testing.assert_frame_equal(substitutions(flipped), substitutions(ALIGNED))


def test_chart_has_one_panel_per_outlet_in_outlet_colours():
    table = distinctive_terms(TOY, bigrams=False, min_count=1)
    colours = {"A": "#123456", "B": "#abcdef"}
    figure = distinctive_terms_chart(table, colours=colours, top=5)
    panels = [axes for axes in figure.axes if axes.get_visible()]
    assert [p.get_title() for p in panels] == ["A", "B"]
    assert figure.get_supxlabel() == Z_AXIS_LABEL
    bars = panels[0].patches
    assert [b.get_width() for b in bars] == [pytest.approx(_row(table, "A", "regime")["z"])]
    assert matplotlib.colors.to_hex(bars[0].get_facecolor()) == "#123456"


def test_views_show_marked_evidence():
    colours = {"A": "#123456", "B": "#abcdef", "Alpha": "#111111", "Zeta": "#222222"}
    table = distinctive_terms(TOY, bigrams=False, min_count=1)
    html = distinctive_terms_view(table, TOY, colours)
    assert ">Regime</mark> talks." in html and ">regime</mark>." in html
    assert "Government government" not in html  # headlines are not searched
    html = substitutions_view(substitutions(ALIGNED), colours)
    assert ">government</mark> said talks" in html and ">regime</mark> said talks" in html
    assert "form of one word" in html and "word choice" in html
    empty = substitutions_view(substitutions(ALIGNED.iloc[2:3]), colours)
    # round 11: an empty table is what the suite found, no finding of the same words
    assert "found no word swap" in empty and "no finding that the outlets use the same" in empty


def test_default_corpus_wording(default_result):
    names = outlet_names(default_result.corpus.documents)
    table = distinctive_terms(default_result.passages, names=names)
    # Lavrentiev (four outlets) and Lavrentyev (TASS) are one term, not TASS's own word
    lavrentiev = _row(table, "TASS", "lavrentiev")
    assert lavrentiev["spellings"] == "lavrentiev; lavrentyev"
    assert not (table["term"] == "lavrentyev").any()
    assert {"daraa", "deraa"} & set(table["term"]) == {"deraa"}  # Reuters' four uses win
    # an outlet's own name, wire agencies and weekdays are not distinctive words
    for word in ("jazeera", "al jazeera", "afp", "tass", "wednesday", "tuesday"):
        assert not (table["term"] == word).any(), word
    assert (table["term"] == "jordan").any()  # the country, not The Jordan Times
    subs = substitutions(default_result.alignments)
    afp = subs[(subs["words_a"] == "al-Assad") & (subs["words_b"] == "Assad")]
    assert afp["variant"].all() and "Jordan Times (AFP)" in set(afp["outlet_b"])


def test_diff_spans_do_not_mark_another_spelling_of_the_same_word():
    a = "Report: Pompeo met with Kim Jong Un in Daraa"
    b = "Report: Pompeo secretly met with Kim Jong-un over Easter in Deraa"
    spans_a, spans_b = diff_spans(a, b)
    marked_b = [(b[s:e], kind) for s, e, kind in spans_b]
    # "Jong Un" / "Jong-un": the same letters, not marked; Daraa / Deraa: a spelling variant
    assert marked_b == [("secretly", "differ"), ("over Easter", "differ"), ("Deraa", "variant")]
    assert [(a[s:e], kind) for s, e, kind in spans_a] == [("Daraa", "variant")]
    html_b = diff_html(a, b)[1]
    assert html_b.count("<mark") == 3 and f'title="{VARIANT_TITLE}">Deraa</mark>' in html_b
    # lower-case words that merely look alike are still different words
    assert diff_spans("the zone was set", "the zones were set")[1] == [(4, 14, "differ")]


def test_terms_an_outlet_never_uses_are_listed_only_for_a_few_outlets():
    def corpus(n_outlets):
        texts = ["ceasefire talks resumed", "shelling resumed overnight"]
        return pd.DataFrame(
            {
                "outlet": [f"site{i:02d}" for i in range(n_outlets)],
                "kind": "body",
                "text": [texts[i % 2] for i in range(n_outlets)],
            }
        )

    few = distinctive_terms(corpus(4), bigrams=False, min_count=1)
    assert set(few[few["outlet"] == "site00"]["term"]) == {
        "ceasefire",
        "talks",
        "resumed",
        "shelling",
        "overnight",
    }
    assert (few["count"] == 0).any()
    many = distinctive_terms(corpus(UNUSED_TERMS_MAX_OUTLETS + 1), bigrams=False, min_count=1)
    assert set(many[many["outlet"] == "site00"]["term"]) == {"ceasefire", "talks", "resumed"}
    assert (many["count"] > 0).all()
    both = many.merge(few, on=["outlet", "term"], suffixes=("", "_few"))
    assert len(both) and (both["count"] == both["count_few"]).all()


def test_a_word_the_other_passage_holds_in_its_possessive_was_moved_not_swapped():
    # "Trump" is in B as "Donald Trump's campaign": "the Trump campaign" is not
    # "the 2016 presidential campaign" in other words.
    pair = pd.DataFrame(
        [
            _pair(
                "a", 0, "A", "In the Trump campaign, Russia found a willing and active partner.",
                "b", 0, "B",
                "During the 2016 presidential campaign, Russia launched an assault and it "
                "found a willing and active partner in Donald Trump's campaign.",
            ),
        ]
    )  # fmt: skip
    assert substitutions(pair).empty
    steps = swap_steps(
        "Officials met to discuss the Syrian regime and Iran.",
        "Delegates of the Syrian government and rebels spoke.",
    )
    assert [(op.words_a, op.words_b) for op in steps] == [(("regime",), ("government",))]
