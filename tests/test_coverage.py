from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from narrative.coverage import (  # noqa: E402
    FACT_COLUMNS,
    corroborated_facts,
    counterpart_rank,
    exclusives,
    fact_matrix,
    fact_table,
    is_claimed,
    is_statement,
    ledes,
    omissions,
    placement_bands,
    plausible_counterparts,
    prominence,
    prominence_gaps,
    shared_content,
    shared_content_pairs,
    timeline,
    word_overlap,
)
from narrative.figures import outlet_colours  # noqa: E402
from narrative.figures.coverage import (  # noqa: E402
    fact_matrix_chart,
    prominence_chart,
    shared_content_bars,
)
from narrative.views.coverage import (  # noqa: E402
    coverage_summary,
    exclusives_view,
    ledes_view,
    prominence_gaps_view,
    timeline_view,
)


def test_shared_content_is_asymmetric_and_counts_words():
    passages = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b"],
            "passage_id": [0, 1, 2, 0],
            "outlet": ["A", "A", "A", "B"],
            "kind": ["headline", "body", "body", "body"],
            "text": ["head line", "one two three", "four five six seven eight nine", "x y z"],
        }
    )
    alignments = pd.DataFrame(
        [
            dict(
                doc_a="a",
                passage_a=1,
                outlet_a="A",
                doc_b="b",
                passage_b=0,
                outlet_b="B",
                relation="paraphrase",
            )
        ]
    )
    matrix = shared_content(passages, alignments)
    assert matrix.loc["A", "B"] == pytest.approx(3 / 9, abs=1e-4)
    assert matrix.loc["B", "A"] == pytest.approx(1.0)
    assert matrix.loc["A", "A"] == 1.0


def test_related_pairs_do_not_count():
    passages = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "passage_id": [0, 0],
            "outlet": ["A", "B"],
            "kind": ["body", "body"],
            "text": ["one two", "three four"],
        }
    )
    alignments = pd.DataFrame(
        [
            dict(
                doc_a="a",
                passage_a=0,
                outlet_a="A",
                doc_b="b",
                passage_b=0,
                outlet_b="B",
                relation="related",
            )
        ]
    )
    assert shared_content(passages, alignments).loc["A", "B"] == 0.0


# A toy corpus: outlet A has two articles (a1, a2), B and C one each.
# U001 (fact one): a1#1 lede, b#1 standfirst, c#4 near the end; b#4 repeats it
# but was left out of the unit, so it stays a fact of its own (with a counterpart).
# U002 (fact two): a1#2, a2#1 (lede of a2), b#3. Every other standfirst/body
# passage is carried by one outlet.
_PASSAGES = [
    ("a1", 0, "A", "headline", 0, 0.0, "A one headline"),
    ("a1", 1, "A", "body", 1, 0.05, "fact one in a"),
    ("a1", 2, "A", "body", 2, 0.6, "fact two in a1 late"),
    ("a2", 0, "A", "headline", 0, 0.0, "A two headline"),
    ("a2", 1, "A", "body", 1, 0.1, "fact two on top of a2"),
    ("a2", 2, "A", "body", 2, 0.5, "only A says this"),
    ("b", 0, "B", "headline", 0, 0.0, "B <headline>"),
    ("b", 1, "B", "standfirst", 1, 0.02, "fact one as b standfirst"),
    ("b", 2, "B", "body", 2, 0.1, "b lede"),
    ("b", 3, "B", "body", 3, 0.3, "fact two in b"),
    ("b", 4, "B", "body", 4, 0.7, "fact one again"),
    ("c", 0, "C", "headline", 0, 0.0, "C headline"),
    ("c", 1, "C", "body", 1, 0.1, "c lede one"),
    ("c", 2, "C", "body", 1, 0.15, "c lede two"),
    ("c", 3, "C", "body", 2, 0.2, "c first quarter"),
    ("c", 4, "C", "body", 3, 0.8, "fact one buried in c"),
]
_UNITS = [("U001", "a1", 1), ("U001", "b", 1), ("U001", "c", 4)]
_UNITS += [("U002", "a1", 2), ("U002", "a2", 1), ("U002", "b", 3)]
# (doc_a, passage_a, doc_b, passage_b, relation, score)
_LINKS = [
    ("a1", 1, "b", 1, "paraphrase", 0.8),
    ("a1", 1, "c", 4, "reuse", 0.9),
    ("a1", 1, "b", 4, "paraphrase", 0.6),
    ("a2", 1, "b", 3, "paraphrase", 0.7),
    ("a1", 2, "b", 3, "paraphrase", 0.65),
    ("b", 2, "c", 1, "related", 0.4),
]


def toy() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    passages = pd.DataFrame(
        _PASSAGES,
        columns=["doc_id", "passage_id", "outlet", "kind", "paragraph", "position", "text"],
    )
    info = passages.set_index(["doc_id", "passage_id"])
    units = pd.DataFrame(
        [
            {"unit_id": u, "doc_id": d, "passage_id": p, **info.loc[(d, p)].to_dict()}
            for u, d, p in _UNITS
        ]
    )
    alignments = pd.DataFrame(
        [
            {
                "doc_a": da,
                "passage_a": pa,
                "outlet_a": info.at[(da, pa), "outlet"],
                "doc_b": db,
                "passage_b": pb,
                "outlet_b": info.at[(db, pb), "outlet"],
                "relation": relation,
                "score": score,
            }
            for da, pa, db, pb, relation, score in _LINKS
        ]
    )
    return passages, units, alignments


def toy_facts() -> pd.DataFrame:
    passages, units, alignments = toy()
    return fact_table(passages, units, alignments)


def test_fact_table_adds_singletons():
    facts = toy_facts()
    order = list(dict.fromkeys(facts["fact_id"]))
    # Units first (most outlets), then singletons by position, ties in corpus order.
    assert order == ["U001", "U002", "S-b-2", "S-c-1", "S-c-2", "S-c-3", "S-a2-2", "S-b-4"]
    members = facts.groupby("fact_id", sort=False)["passage_id"].apply(list)
    assert facts[facts["fact_id"] == "U001"]["doc_id"].tolist() == ["a1", "b", "c"]
    assert members["U001"] == [1, 1, 4]
    assert "headline" not in set(facts["kind"])
    assert facts.set_index("fact_id")["n_outlets"].groupby(level=0).first()["U001"] == 3
    # The label is the passage with the strongest links inside the fact.
    assert facts.loc[facts["fact_id"] == "U001", "label"].iloc[0] == "fact one in a"
    assert facts.loc[facts["fact_id"] == "S-c-3", "words"].iloc[0] == 3


def test_fact_table_label_is_truncated():
    passages, units, alignments = toy()
    facts = fact_table(passages, units, alignments, label_chars=8)
    assert facts.loc[facts["fact_id"] == "S-c-3", "label"].iloc[0] == "c first\u2026"


def test_fact_matrix_counts_passages_per_outlet():
    matrix = fact_matrix(toy_facts(), ["A", "B", "C"])
    assert list(matrix.columns) == ["n_outlets", "label", "A", "B", "C"]
    assert matrix.loc["U001", ["A", "B", "C"]].tolist() == [1, 1, 1]
    # Outlet A carries U002 through both of its articles.
    assert matrix.loc["U002", ["A", "B", "C"]].tolist() == [2, 1, 0]
    assert matrix.loc["S-a2-2", ["A", "B", "C"]].tolist() == [1, 0, 0]
    assert matrix.index[0] == "U001"


def test_fact_matrix_refuses_clashing_outlet_names():
    with pytest.raises(ValueError):
        fact_matrix(toy_facts(), ["A", "label"])


def test_exclusives_are_the_outlet_only_facts():
    only = exclusives(toy_facts())
    assert list(zip(only["outlet"], only["fact_id"], strict=True)) == [
        ("B", "S-b-2"),
        ("C", "S-c-1"),
        ("C", "S-c-2"),
        ("C", "S-c-3"),
        ("A", "S-a2-2"),
        ("B", "S-b-4"),
    ]
    # the toy passages are too short to state anything
    assert set(only["status"]) == {"not a statement"}


def test_statements_leave_out_attribution_stubs_and_asides():
    assert not is_statement("Alzayat said.")
    assert not is_statement("“It is too early,” the official told Reuters.")
    assert not is_statement("Time may be of the essence.")
    assert is_statement("Fighting resumed in Daraa on Tuesday.")
    assert is_statement("The talks ended without an agreement on the zones.")
    # a speaker given with all his titles is still only a speaker
    assert not is_statement("Director of the Issam Fares Institute Sami Nader said.")
    assert not is_statement("Director of Levant Institute (LISA) Sami Nader said.")
    assert not is_statement(
        "Peter Salama Executive Director of the WHO Health Emergencies Programme said in the "
        "WHO statement."
    )
    assert is_statement("Russian and Turkish forces shelled the town, the monitor said.")
    assert is_statement("The Syrian Observatory for Human Rights said 58 people were killed.")


def _long(passages: pd.DataFrame) -> pd.DataFrame:
    """The toy passages made long enough to be statements."""
    return passages.assign(text=passages["text"] + " as the talks in Astana went on")


def test_exclusives_need_the_absence_of_any_plausible_counterpart():
    passages, units, alignments = toy()
    passages = _long(passages)
    facts = fact_table(passages, units, alignments)
    nearby = plausible_counterparts(passages, alignments, None, terms_min=99, words_min=1.0)
    only = exclusives(facts, nearby).set_index("fact_id")
    # b#2 has a related pair with c#1 (and so c#1 with b#2); b#4 is aligned with a1#1
    assert only.loc["S-b-2", "status"] == "possible counterpart"
    assert only.loc["S-b-2", "counterpart"].startswith("C c#1: c lede one")
    assert only.loc["S-b-2", "evidence"] == "related pair 0.40"
    assert only.loc["S-b-4", "status"] == "possible counterpart"
    assert only.loc["S-c-3", "status"] == "outlet-only"
    assert only.loc["S-a2-2", "status"] == "outlet-only"


def test_counterparts_by_cosine_and_by_shared_rare_names():
    passages = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "b"] + [f"x{i}" for i in range(16)],
            "passage_id": [0, 1, 0, 1] + [0] * 16,
            "outlet": ["A", "A", "B", "B"] + ["X"] * 16,
            "kind": ["body"] * 20,
            "text": [
                "Talks with Lavrentiev in Daraa stalled",
                "Nothing here at all today",
                "Then Lavrentiev visited Daraa again",
                "Something else again here",
            ]
            + [f"filler text number {i}" for i in range(16)],
        }
    )
    vectors = np.zeros((20, 3))
    vectors[:, 0] = 1.0
    vectors[1] = vectors[3] = [0.0, 1.0, 0.0]
    vectors[0], vectors[2] = [0.0, 0.0, 1.0], [0.0, 0.6, 0.8]
    alignments = pd.DataFrame(
        columns=["doc_a", "passage_a", "doc_b", "passage_b", "relation", "score"]
    )
    found = plausible_counterparts(passages, alignments, vectors, cosine_min=0.9, words_min=1.0)
    pairs = found.set_index(["doc_id", "passage_id", "other"])
    # a#1 and b#1 only resemble each other; a#0 and b#0 share two rare names
    assert pairs.loc[("a", 1, "B"), "other_passage"] == 1
    assert pairs.loc[("a", 0, "B"), "evidence"] == "shared: daraa, lavrentiev"
    strict = plausible_counterparts(passages, alignments, None, terms_min=3, words_min=1.0)
    assert strict.empty


def test_word_overlap_weighs_words_by_rarity_one_way():
    overlap = word_overlap(["zones memorandum months", "zones months", "zones", "zones"])
    # "zones" is in every passage: it weighs nothing
    assert overlap[2, 3] == 0.0
    # passage 1 holds "months" (in 2 of 4: log 2) of passage 0's log 2 + log 4
    assert overlap[0, 1] == pytest.approx(np.log(2) / (np.log(2) + np.log(4)))
    # one-way: all of passage 1's weighted words are in passage 0
    assert overlap[1, 0] == pytest.approx(1.0)
    assert word_overlap(["the", "a"]).tolist() == [[0.0, 0.0], [0.0, 0.0]]


def _lone_facts(texts: list[str]) -> pd.DataFrame:
    """One outlet's passages, each a fact no other outlet carries."""
    rows = [
        {"fact_id": f"S-a-{i}", "n_outlets": 1, "label": t, "doc_id": "a", "passage_id": i}
        | {"outlet": "A", "kind": "body", "paragraph": i, "position": i / 10}
        | {"words": len(t.split()), "text": t}
        for i, t in enumerate(texts)
    ]
    return pd.DataFrame(rows, columns=FACT_COLUMNS)


def _counterpart(passage: int, other: str, doc: str, other_passage: int, text: str, evidence: str):
    """A row of the plausible-counterparts table."""
    cosine = float(evidence.split("cosine ")[1]) if "cosine " in evidence else 0.3
    return {
        "doc_id": "a",
        "passage_id": passage,
        "other": other,
        "other_doc": doc,
        "other_passage": other_passage,
        "other_text": text,
        "evidence": evidence,
        "cosine": cosine,
    }


def test_the_counterpart_shown_is_a_same_fact_pair_then_a_statement_then_the_closest():
    # a paraphrase pair is the alignment's word for one fact; a related pair only one topic
    assert counterpart_rank("paraphrase pair 0.45", "The bank was set on fire.", 0.5) > (
        counterpart_rank("related pair 0.40", "The march drew 20,000 people.", 0.7)
    )
    # an attribution stub shows the reader nothing
    assert counterpart_rank("", "Police said as many as 20,000 people marched in Athens.", 0.5) > (
        counterpart_rank("", "Mr Papandreou said.", 0.7)
    )
    assert counterpart_rank("", "The bank was set on fire by protesters.", 0.7) > (
        counterpart_rank("", "The bank was set on fire by protesters.", 0.5)
    )
    facts = _lone_facts(["Anger mounted after the government announced cuts to pensions."])
    found = pd.DataFrame(
        [
            _counterpart(0, "B", "b", 3, "Mr Papandreou said.", "related pair 0.38; cosine 0.71"),
            _counterpart(0, "C", "c", 5, "The march drew 20,000 people.", "related pair 0.41"),
            _counterpart(0, "D", "d", 9, "Anger grew after the cuts.", "paraphrase pair 0.44"),
        ]
    )
    shown = exclusives(facts, found).iloc[0]
    assert shown["status"] == "possible counterpart"
    assert shown["counterpart"] == "D d#9: Anger grew after the cuts."
    assert shown["evidence"] == "paraphrase pair 0.44"


def test_the_counterpart_shown_is_the_one_that_keeps_the_facts_words():
    texts = {
        ("a", 0, "A"): "Trump called the deal insane and ridiculous.",
        ("b", 1, "B"): "Trump met Macron at the White House on Tuesday.",
        ("b", 2, "B"): "It's insane, it's ridiculous, Trump said of the deal.",
    }
    passages = pd.DataFrame(
        {
            "doc_id": [d for d, _, _ in texts],
            "passage_id": [p for _, p, _ in texts],
            "outlet": [o for _, _, o in texts],
            "kind": ["body"] * 3,
            "paragraph": [1] * 3,
            "position": [0.5] * 3,
            "text": list(texts.values()),
        }
    )
    # b#1 is the closer by cosine (0.70 against 0.62), on the topic only
    vectors = np.array([[1.0, 0.0, 0.0], [0.7, 0.51**0.5, 0.0], [0.62, 0.0, 0.6156**0.5]])
    no_pairs = pd.DataFrame(
        columns=["doc_a", "passage_a", "doc_b", "passage_b", "relation", "score"]
    )
    found = plausible_counterparts(passages, no_pairs, vectors, terms_min=99)
    mine = found[(found["doc_id"] == "a") & (found["other"] == "B")].iloc[0]
    # b#2 keeps "insane", "ridiculous" and "deal": it states the fact
    assert (mine["other_doc"], mine["other_passage"]) == ("b", 2)
    assert mine["states"] > 0.3
    shown = exclusives(
        fact_table(passages, pd.DataFrame(columns=["unit_id", "doc_id", "passage_id"]), no_pairs),
        found,
    )
    assert shown.set_index("fact_id").loc["S-a-0", "counterpart"].startswith("B b#2: It's insane")


def test_a_sentence_printed_twice_gets_one_verdict():
    twice = "Before we start celebrating a victory for the administration, let's pause."
    facts = _lone_facts([twice, "The test site is a series of tunnels under a mountain.", twice])
    found = pd.DataFrame([_counterpart(0, "B", "b", 9, "Trump welcomed it.", "related pair 0.36")])
    only = exclusives(facts, found).set_index("fact_id")
    # the copy without a counterpart of its own shares its twin's
    assert only.loc["S-a-2", "status"] == only.loc["S-a-0", "status"] == "possible counterpart"
    assert only.loc["S-a-2", "counterpart"] == "B b#9: Trump welcomed it."
    assert only.loc["S-a-1", "status"] == "outlet-only"
    # a copy whose twin is in a story unit with another outlet is not outlet-only either
    unit = facts.iloc[[0]].assign(fact_id="U001", n_outlets=2)
    partner = unit.assign(doc_id="b", passage_id=4, outlet="B", text="Let's pause first.")
    shared = pd.concat([unit, partner, facts.iloc[[1, 2]]], ignore_index=True)
    found = pd.DataFrame(
        [_counterpart(0, "B", "b", 4, "Let's pause first.", "paraphrase pair 0.5")]
    )
    copy = exclusives(shared, found).set_index("fact_id").loc["S-a-2"]
    assert copy["status"] == "possible counterpart"
    assert copy["counterpart"] == "B b#4: Let's pause first."


def _memorandum_event() -> pd.DataFrame:
    """A fact one outlet states alone and another states inside a longer sentence."""
    texts = [
        "The memorandum will be in force during six months and can be extended.",
        "The deal in May laid out where rebels and forces should halt hostilities "
        "for six months under the memorandum.",
        "Officials in the capital declined to comment on the fighting in the north.",
    ] + [f"Negotiators met again on day {i} of the talks in the capital." for i in range(12)]
    return pd.DataFrame(
        {
            "doc_id": ["t", "j", "j"] + [f"x{i}" for i in range(12)],
            "passage_id": [3, 5, 6] + [0] * 12,
            "outlet": ["TASS", "JT", "JT"] + ["X"] * 12,
            "kind": ["body"] * 15,
            "paragraph": [1] * 15,
            "position": [0.5] * 15,
            "text": texts,
        }
    )


def test_a_counterpart_that_keeps_the_rare_words_blocks_an_outlet_only_claim():
    passages = _memorandum_event()
    facts = fact_table(passages, pd.DataFrame(columns=["unit_id", "doc_id", "passage_id"]), _NONE)
    found = plausible_counterparts(passages, _NONE, None)
    pair = found.set_index(["doc_id", "passage_id", "other"]).loc[("t", 3, "JT")]
    # no alignment, no embedding and no two rare names: only the words speak for it
    assert pair["other_passage"] == 5
    assert pair["evidence"].startswith("words 0.")
    only = exclusives(facts, found).set_index("fact_id")
    assert only.loc["S-t-3", "status"] == "possible counterpart"
    # without the word test the claim would be made
    loose = plausible_counterparts(passages, _NONE, None, words_min=1.0)
    assert exclusives(facts, loose).set_index("fact_id").loc["S-t-3", "status"] == "outlet-only"
    # a passage sharing only common words is no counterpart
    kept = set(zip(found["doc_id"], found["passage_id"], found["other"], strict=True))
    assert ("j", 6, "TASS") not in kept


def _damascus_event() -> pd.DataFrame:
    """One outlet's fact is a clause of another outlet's longer sentence."""
    texts = [
        "Damascus backed the initiative, confirming the ceasefire of December.",
        "While Damascus has voiced support for the zones, rebels slammed any role for Tehran.",
        "Moscow sent bombers against targets in the desert on Wednesday.",
        "Then Moscow pushed the talks since the start of the year.",
    ] + [f"Negotiators met again on day {i} of the talks in the capital." for i in range(12)]
    return pd.DataFrame(
        {
            "doc_id": ["t", "j", "f", "j"] + [f"x{i}" for i in range(12)],
            "passage_id": [4, 7, 9, 8] + [0] * 12,
            "outlet": ["TASS", "JT", "FMT", "JT"] + ["X"] * 12,
            "kind": ["body"] * 16,
            "paragraph": [1] * 16,
            "position": [0.5] * 16,
            "text": texts,
        }
    )


def _toy_clauses(texts: list[str]) -> list[list[str]]:
    """Each passage and its part before the first comma, if any."""
    return [[t, t.split(",")[0]] if "," in t else [t] for t in texts]


def _toy_encoder(texts: list[str]) -> np.ndarray:
    """Support for the zones or the initiative on one axis, the rest on their own axes."""
    vectors = np.zeros((len(texts), len(texts) + 1))
    for i, text in enumerate(texts):
        support = ("backed the initiative" in text) or text.startswith("While Damascus has")
        whole = len(text.split(",")) == 1
        vectors[i, 0 if support and whole else i + 1] = 1.0
    return vectors


def test_a_rare_name_and_a_close_clause_make_a_counterpart():
    passages = _damascus_event()
    facts = fact_table(passages, pd.DataFrame(columns=["unit_id", "doc_id", "passage_id"]), _NONE)
    before = exclusives(facts, plausible_counterparts(passages, _NONE, None, words_min=1.0))
    assert before.set_index("fact_id").loc["S-t-4", "status"] == "outlet-only"
    found = plausible_counterparts(
        passages, _NONE, None, words_min=1.0, encode=_toy_encoder, split=_toy_clauses
    )
    pair = found.set_index(["doc_id", "passage_id", "other"]).loc[("t", 4, "JT")]
    # "Damascus" opens TASS's sentence: a name, since JT writes it capitalised inside one
    assert pair["other_passage"] == 7
    assert pair["evidence"] == "shared: damascus; clause 1.00"
    only = exclusives(facts, found).set_index("fact_id")
    assert only.loc["S-t-4", "status"] == "possible counterpart"
    # a shared name with no close clause is no counterpart: Moscow's bombers stay alone
    assert only.loc["S-f-9", "status"] == "outlet-only"
    assert ("f", 9, "JT") not in found.set_index(["doc_id", "passage_id", "other"]).index


_NONE = pd.DataFrame(
    columns=[
        "doc_a",
        "passage_a",
        "outlet_a",
        "doc_b",
        "passage_b",
        "outlet_b",
        "relation",
        "score",
    ]
)


def test_omissions_need_a_majority_of_the_other_outlets():
    facts = toy_facts()
    # Three outlets: a fact is left out when both others carry it. D carries
    # nothing: U001 (3 of 3 others) and U002 (2 of 3) are both over half.
    # D has no article: it cannot leave anything out.
    left = omissions(facts, ["A", "B", "C", "D"])
    assert list(zip(left["outlet"], left["fact_id"], strict=True)) == [("C", "U002")]
    assert left.iloc[0][["carried_by", "others", "carriers"]].tolist() == [2, 2, "A; B"]
    assert left.iloc[0]["status"] == "leaves out"


def test_omissions_give_way_to_a_possible_counterpart_and_to_dates():
    passages, units, alignments = toy()
    facts = fact_table(passages, units, alignments)
    nearby = plausible_counterparts(_long(passages), alignments, None, terms_min=99, words_min=1.0)
    left = omissions(facts, ["A", "B", "C"], counterparts=nearby)
    assert left["status"].tolist() == ["leaves out"]
    # a C passage related to b#3 (fact two): C may carry it in other words
    extra = pd.DataFrame(
        [dict(doc_a="c", passage_a=3, doc_b="b", passage_b=3, relation="related", score=0.33)]
    )
    hinted = plausible_counterparts(
        _long(passages), pd.concat([alignments, extra]), None, terms_min=99, words_min=1.0
    )
    left = omissions(facts, ["A", "B", "C"], counterparts=hinted)
    # a related pair alone does not stop the claim: it is shown as the nearest passage
    assert left.iloc[0][["status", "evidence"]].tolist() == ["leaves out", "related pair 0.33"]
    assert left.iloc[0]["counterpart"].startswith("C c#3: c first quarter")
    # a paraphrase pair does: C may carry it in other words
    extra["relation"] = "paraphrase"
    hinted = plausible_counterparts(
        _long(passages), pd.concat([alignments, extra]), None, terms_min=99, words_min=1.0
    )
    left = omissions(facts, ["A", "B", "C"], counterparts=hinted)
    assert left.iloc[0][["status", "evidence"]].tolist() == [
        "possible counterpart",
        "paraphrase pair 0.33",
    ]
    # so does a cosine of 0.6, or more than a quarter of the weighted words shared
    for column, value in (("best_cosine", 0.6), ("best_words", 0.26)):
        strong = hinted.assign(same_fact=False, best_cosine=0.0, best_words=0.0)
        strong[column] = value
        left = omissions(facts, ["A", "B", "C"], counterparts=strong)
        assert left.iloc[0]["status"] == "possible counterpart"
    weak = hinted.assign(same_fact=False, best_cosine=0.59, best_words=0.25)
    assert omissions(facts, ["A", "B", "C"], counterparts=weak).iloc[0]["status"] == "leaves out"
    # C's article came out before any article carrying fact two
    dates = {"a1": "2017-07-05", "a2": "2017-07", "b": "2017-07-04", "c": "2017-05-05"}
    left = omissions(facts, ["A", "B", "C"], counterparts=nearby, published=dates)
    assert left["status"].tolist() == ["published before"]
    dates["c"] = "2017-07"  # same month: cannot tell
    left = omissions(facts, ["A", "B", "C"], counterparts=nearby, published=dates)
    assert left["status"].tolist() == ["leaves out"]


def _four_outlets() -> tuple[pd.DataFrame, pd.DataFrame]:
    """A fact three outlets carry by direct pairs (no story unit), and a fourth outlet."""
    texts = {
        ("a", 1): "The zones will be monitored by Russian military police from Friday.",
        ("b", 1): "Russian military police are to monitor the zones starting Friday.",
        ("c", 1): "From Friday, the zones are to be patrolled by Russian military police.",
        ("a", 2): "Russian military police will monitor the zones, the ministry said.",
        ("d", 1): "The opposition delegation walked out of the meeting in protest.",
    }
    passages = pd.DataFrame(
        {
            "doc_id": [d for d, _ in texts],
            "passage_id": [p for _, p in texts],
            "outlet": ["A", "B", "C", "A", "D"],
            "kind": ["body"] * 5,
            "paragraph": [1] * 5,
            "position": [0.5] * 5,
            "text": list(texts.values()),
        }
    )
    pairs = [("a", 1, "b", 0.7), ("a", 1, "c", 0.6), ("b", 1, "c", 0.5), ("b", 1, "d", 0.2)]
    pairs.append(("a", 2, "b", 0.45))
    alignments = pd.DataFrame(
        [
            dict(
                doc_a=x,
                passage_a=p,
                outlet_a=x.upper(),
                doc_b=y,
                passage_b=1,
                outlet_b=y.upper(),
                relation="paraphrase" if score > 0.3 else "related",
                score=score,
            )
            for x, p, y, score in pairs
        ]
    )
    return passages, alignments


def test_omissions_ask_about_facts_several_outlets_carry_outside_the_units():
    passages, alignments = _four_outlets()
    no_units = pd.DataFrame(columns=["unit_id", "doc_id", "passage_id"])
    facts = fact_table(passages, no_units, alignments)
    several = corroborated_facts(facts, alignments)
    # each passage seeds a fact with its best partner in every other outlet; a#1, b#1
    # and c#1 give the same passages, kept once; D's related pair is no partner
    outlets = several.groupby("fact_id", sort=False)["outlet"].apply("".join)
    assert outlets.to_dict() == {"C-a-1": "ABC", "C-a-2": "AB"}
    nearby = plausible_counterparts(passages, alignments, None)
    left = omissions(facts, ["A", "B", "C", "D"], counterparts=nearby, corroborated=several)
    # D is asked about b#1 once (C-a-2, two of its three others, shares it with C-a-1),
    # and its related pair does not stop the claim
    of_d = left[left["outlet"] == "D"]
    assert of_d[["fact_id", "status", "carried_by", "others"]].values.tolist() == [
        ["C-a-1", "leaves out", 3, 3]
    ]
    assert of_d.iloc[0]["evidence"] == "related pair 0.20"
    # C is asked about a#2 and b#1 and carries b#1's fact in other words (c#1)
    assert left.loc[left["outlet"] == "C", "status"].tolist() == ["possible counterpart"]
    # without the corroborated facts nothing is asked: the singletons are one outlet's each
    assert omissions(facts, ["A", "B", "C", "D"], counterparts=nearby).empty


def test_omissions_of_a_fact_with_no_firm_pair_are_loose_facts():
    passages, alignments = _four_outlets()
    facts = fact_table(
        passages, pd.DataFrame(columns=["unit_id", "doc_id", "passage_id"]), alignments
    )
    several = corroborated_facts(facts, alignments)
    nearby = plausible_counterparts(passages, alignments, None)

    def status(links: pd.DataFrame) -> list[str]:
        left = omissions(
            facts,
            ["A", "B", "C", "D"],
            counterparts=nearby,
            corroborated=several,
            alignments=links,
        )
        return left.loc[left["outlet"] == "D", "status"].tolist()

    # a#1 and b#1 are a firm pair (paraphrase 0.7): the fact is one, D leaves it out
    assert status(alignments) == ["leaves out"]
    # every link of the fact loose (paraphrase under 0.5): only a candidate
    loose = alignments.assign(score=alignments["score"].clip(upper=0.45))
    assert status(loose) == ["loose fact"]


def test_omissions_an_outlet_giving_its_own_figure_for_the_count_does_not_leave_it_out():
    passages, alignments = _four_outlets()
    facts = fact_table(
        passages, pd.DataFrame(columns=["unit_id", "doc_id", "passage_id"]), alignments
    )
    several = corroborated_facts(facts, alignments)
    nearby = plausible_counterparts(passages, alignments, None)

    def figures(rows: list[tuple[str, int, str, str]]) -> pd.DataFrame:
        return pd.DataFrame(
            [dict(doc_id=d, passage_id=p, what=w, surface=s, start=0) for d, p, w, s in rows],
            columns=["doc_id", "passage_id", "what", "surface", "start"],
        )

    def of_d(table: pd.DataFrame) -> pd.Series:
        left = omissions(
            facts, ["A", "B", "C", "D"], counterparts=nearby, corroborated=several, figures=table
        )
        return left[left["outlet"] == "D"].iloc[0]

    tolls = [("a", 1, "deaths", "86"), ("b", 1, "deaths", "at least 58")]
    # two of the fact's three outlets give a death toll, and D gives its own (72)
    row = of_d(figures([*tolls, ("d", 1, "deaths", "72")]))
    assert row["status"] == "possible counterpart"
    assert row["evidence"] == "own figure: 72 (deaths; the fact's: 86, at least 58)"
    assert row["counterpart"].startswith("D d#1: The opposition")
    # a figure of another class is not the same count
    assert of_d(figures([*tolls, ("d", 1, "injured", "30")]))["status"] == "leaves out"
    # one outlet's toll in three does not make the fact a count
    assert of_d(figures([tolls[0], ("d", 1, "deaths", "72")]))["status"] == "leaves out"


def test_corroborated_facts_leave_out_pairs_of_the_wide_test():
    passages, alignments = _four_outlets()
    facts = fact_table(
        passages, pd.DataFrame(columns=["unit_id", "doc_id", "passage_id"]), alignments
    )
    extra = dict(
        doc_a="a",
        passage_a=2,
        outlet_a="A",
        doc_b="d",
        passage_b=1,
        outlet_b="D",
        relation="paraphrase",
        score=0.5,
    )

    def outlets(basis: str) -> dict[str, str]:
        table = pd.concat(
            [alignments.assign(basis="direct"), pd.DataFrame([extra | {"basis": basis}])],
            ignore_index=True,
        )
        several = corroborated_facts(facts, table)
        return several.groupby("fact_id", sort=False)["outlet"].apply("".join).to_dict()

    # a pair corroborated by same-fact links joins a#2's fact and seeds d#1's own
    assert outlets("corroborated") == {"C-a-1": "ABC", "C-a-2": "ABD", "C-d-1": "DA"}
    # one that only the wide test corroborated does neither
    assert outlets("wide") == {"C-a-1": "ABC", "C-a-2": "AB"}


def test_omissions_with_two_outlets_are_the_other_outlets_facts():
    facts = toy_facts()
    two = facts[facts["outlet"].isin(["A", "C"])]
    left = omissions(two, ["A", "C"])
    assert set(left.loc[left["outlet"] == "A", "fact_id"]) == {"S-c-1", "S-c-2", "S-c-3"}
    assert set(left.loc[left["outlet"] == "C", "fact_id"]) == {"U002", "S-a2-2"}
    # one event per article: nothing is left out across events
    apart = omissions(two, ["A", "C"], event_of={"a1": "e1", "a2": "e1", "c": "e2"})
    assert apart.empty
    # Outlets left out of the list neither carry nor omit anything.
    assert omissions(two, ["A"]).empty


def test_placement_bands():
    passages, _, _ = toy()
    keys = zip(passages["doc_id"], passages["passage_id"], strict=True)
    bands = dict(zip(keys, placement_bands(passages), strict=True))
    assert [bands[("b", i)] for i in range(5)] == [
        "headline",
        "standfirst",
        "lede",
        "second quarter",
        "second half",
    ]
    # The whole first body paragraph is the lede; 0.5 is already the second half.
    assert [bands[("c", i)] for i in (1, 2, 3)] == ["lede", "lede", "first quarter"]
    assert bands[("a2", 2)] == "second half"


def test_a_first_paragraph_without_breaks_is_lede_only_at_the_top():
    # FA-KES prints each article as one paragraph: read per paragraph, every sentence was
    # the lede and nothing could be buried (round 6: a fact at 19% in one article and 73%
    # in another was "no gap").
    passages = pd.DataFrame(
        {
            "doc_id": ["d"] * 5 + ["e"],
            "passage_id": [0, 1, 2, 3, 4, 0],
            "kind": ["headline"] + ["body"] * 4 + ["body"],
            "paragraph": [0, 1, 1, 1, 1, 1],
            "position": [0.0, 0.05, 0.2, 0.4, 0.73, 0.3],
        }
    )
    bands = placement_bands(passages).tolist()
    assert bands == ["headline", "lede", "lede", "second quarter", "second half", "lede"]


def test_prominence_keeps_the_best_placement_per_outlet():
    passages, _, _ = toy()
    table = prominence(toy_facts(), passages).set_index(["fact_id", "outlet"])
    # B carries fact one in its standfirst (5 words; its repetition at 70% is a
    # fact of its own); B's article has 16 words.
    assert table.loc[("U001", "B"), ["band", "position", "words", "articles"]].tolist() == [
        "standfirst",
        0.02,
        5,
        1,
    ]
    assert table.loc[("U001", "B"), "word_share"] == pytest.approx(5 / 16, abs=1e-4)
    assert table.loc[("U001", "C"), "band"] == "second half"
    # A carries fact two in both articles; a2 puts it in the lede.
    best = table.loc[("U002", "A")]
    assert [best["doc_id"], best["band"], best["words"], best["articles"]] == ["a2", "lede", 6, 2]
    assert table.loc[("U002", "B"), "band"] == "second quarter"


def test_prominence_gaps_pair_top_and_buried_placements():
    passages, _, _ = toy()
    gaps = prominence_gaps(prominence(toy_facts(), passages))
    rows = list(zip(gaps["fact_id"], gaps["outlet_top"], gaps["outlet_buried"], strict=True))
    assert rows == [("U001", "B", "C"), ("U001", "A", "C")]
    assert gaps["gap"].tolist() == pytest.approx([0.78, 0.75])
    assert gaps.loc[0, "text_buried"] == "fact one buried in c"
    # with the alignments, only gaps between two passages aligned with each other stay
    _, _, alignments = toy()
    direct = prominence_gaps(prominence(toy_facts(), passages), alignments=alignments)
    assert list(zip(direct["outlet_top"], direct["outlet_buried"], strict=True)) == [("A", "C")]


def test_a_lede_that_runs_lower_than_the_buried_passage_is_no_gap():
    # one long first paragraph is the lede down to 62%; the other article's passage at
    # 57% is in its second half, but higher than the lede's
    side = ["outlet", "doc_id", "passage_id", "band", "position", "text"]
    placed = pd.DataFrame(
        [
            ["U001", "fact", "A", "a", 9, "lede", 0.62, "a late lede sentence"],
            ["U001", "fact", "B", "b", 7, "second half", 0.57, "b at 57%"],
            ["U002", "fact two", "A", "a", 1, "lede", 0.05, "a first sentence"],
            ["U002", "fact two", "B", "b", 8, "second half", 0.6, "b at 60%"],
        ],
        columns=["fact_id", "label", *side],
    )
    gaps = prominence_gaps(placed)
    assert list(zip(gaps["fact_id"], gaps["gap"], strict=True)) == [("U002", 0.55)]


def test_a_gap_is_not_claimed_when_the_burying_article_may_state_the_fact_on_top():
    passages, _, alignments = toy()
    placed = prominence(toy_facts(), passages)
    claimed = prominence_gaps(placed, alignments=alignments, passages=passages)
    assert claimed["status"].tolist() == ["buried"]
    assert claimed.loc[0, "higher"] == ""
    # C's lede aligned with A's leading passage, even as related: C may say it on top
    lead = claimed.loc[0, ["doc_id_top", "passage_id_top"]].tolist()
    extra = alignments.iloc[:1].assign(
        doc_a=lead[0], passage_a=lead[1], doc_b="c", passage_b=1, relation="related", score=0.35
    )
    withheld = prominence_gaps(placed, alignments=pd.concat([alignments, extra]), passages=passages)
    assert withheld["status"].tolist() == ["possibly higher"]
    assert withheld.loc[0, "higher"].startswith("c#1 (lede; related pair 0.35): c lede one")
    html = prominence_gaps_view(withheld, {"A": "#000", "B": "#111", "C": "#222"})
    assert "No gap is claimed" in html and "1 more where the burying article" in html
    # the same by cosine alone, with vectors that put C's lede next to A's passage
    vectors = np.eye(len(passages))
    keys = zip(passages["doc_id"], passages["passage_id"], strict=True)
    rows = dict(zip(keys, passages.index, strict=True))
    vectors[rows[("c", 1)]] = vectors[rows[tuple(lead)]]
    close = prominence_gaps(placed, alignments=alignments, passages=passages, embeddings=vectors)
    assert close.loc[0, "higher"].startswith("c#1 (lede; cosine 1.00)")
    # a claim is a candidate while prominence misses the standard
    html = prominence_gaps_view(claimed, {"A": "#000", "B": "#111", "C": "#222"})
    assert "1 candidate, not confirmed" in html
    assert "candidate" not in prominence_gaps_view(
        claimed, {"A": "#000", "B": "#111", "C": "#222"}, confirmed={"prominence"}
    )


def test_ledes_lists_headline_standfirst_and_first_paragraph():
    passages, _, _ = toy()
    table = ledes(passages).set_index("doc_id")
    assert table.loc["b"].tolist() == ["B", "B <headline>", "fact one as b standfirst", "b lede"]
    assert table.loc["c", "lede"] == "c lede one c lede two"
    assert table.loc["a1", "standfirst"] == ""


def test_shared_content_pairs_split_reuse_and_paraphrase():
    passages = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "a", "b", "b", "b", "c"],
            "passage_id": [0, 1, 2, 3, 0, 1, 2, 0],
            "outlet": ["A"] * 4 + ["B"] * 3 + ["C"],
            "kind": ["headline", "body", "body", "body", "headline", "body", "body", "body"],
            "text": ["h h", "one two three", "1 2 3 4 5 6", "x", "h h", "p q", "r s t u", "c"],
        }
    )
    links = [
        ("a", 1, "b", 1, "reuse"),
        ("a", 1, "b", 2, "paraphrase"),
        ("a", 2, "b", 2, "paraphrase"),
        ("a", 3, "b", 2, "related"),
        ("a", 0, "b", 0, "paraphrase"),
    ]
    alignments = pd.DataFrame(
        [
            dict(
                doc_a=da,
                passage_a=pa,
                outlet_a="A",
                doc_b=db,
                passage_b=pb,
                outlet_b="B",
                relation=rel,
            )
            for da, pa, db, pb, rel in links
        ]
    )
    pairs = shared_content_pairs(passages, alignments).set_index(["outlet", "other"])
    # Only the pairs that share something (C shares nothing with anyone).
    assert pairs.index.tolist() == [("A", "B"), ("B", "A")]
    # A: 10 words; 3 in reuse with B (reuse wins over paraphrase), 6 paraphrased.
    assert pairs.loc[("A", "B"), ["words", "reuse_words", "paraphrase_words"]].tolist() == [
        10,
        3,
        6,
    ]
    assert pairs.loc[("A", "B"), ["reuse", "paraphrase", "shared"]].tolist() == [0.3, 0.6, 0.9]
    assert pairs.loc[("B", "A"), ["reuse", "paraphrase"]].tolist() == pytest.approx(
        [2 / 6, 4 / 6], abs=1e-4
    )
    matrix = shared_content(passages, alignments)
    for (a, b), share in pairs["shared"].items():
        assert matrix.loc[a, b] == pytest.approx(share)


def test_charts_show_the_facts_and_pairs():
    passages, units, alignments = toy()
    facts = fact_table(passages, units, alignments)
    colours = outlet_colours(["A", "B", "C"])
    figure = fact_matrix_chart(fact_matrix(facts, ["A", "B", "C"]), colours, limit=1)
    axes = figure.axes[0]
    assert len(axes.get_yticks()) == 2  # one shared fact shown, then the outlet-only row
    assert "first 1 of 2 shared facts" in axes.get_title()
    assert [t.get_text() for t in axes.texts] == ["1", "2", "3"]
    figure = fact_matrix_chart(
        fact_matrix(facts, ["A", "B", "C"]), colours, outlet_only={"A": 1, "C": 2}
    )
    assert [t.get_text() for t in figure.axes[0].texts] == ["1", "0", "2"]
    figure = prominence_chart(prominence(facts, passages), colours)
    assert len(figure.axes[0].get_yticks()) == 2
    assert figure.axes[0].get_xlabel()
    assert "[candidate]" not in figure.axes[0].get_title()
    # A candidate story unit is labelled so in both charts, its line dashed.
    first = fact_matrix(facts, ["A", "B", "C"]).index[0]
    figure = fact_matrix_chart(
        fact_matrix(facts, ["A", "B", "C"]),
        colours,
        candidates={first},
        only_label="outlet-only candidates (count)",
    )
    ticks = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert ticks[0].startswith(f"{first} (") and "[candidate]" in ticks[0]
    assert (
        ticks[-1] == "outlet-only candidates (count)"
        and "[candidate]" in figure.axes[0].get_title()
    )
    figure = prominence_chart(prominence(facts, passages), colours, candidates={first})
    axes = figure.axes[0]
    assert "[candidate]" in axes.get_yticklabels()[0].get_text()
    assert "dashed" in axes.get_title() and axes.lines[0].get_linestyle() == "--"
    pairs = shared_content_pairs(passages, alignments)
    figure = shared_content_bars(pairs, colours, limit=4)
    assert len(figure.axes[0].patches) == 8  # reuse and paraphrase segment per pair
    plt.close("all")


def test_views_escape_and_show_passages():
    passages, units, alignments = toy()
    facts = fact_table(passages, units, alignments)
    colours = outlet_colours(["A", "B", "C"])
    html = ledes_view(ledes(passages), colours)
    assert "B &lt;headline&gt;" in html and "<headline>" not in html
    long = _long(passages)
    facts = fact_table(long, units, alignments)
    nearby = plausible_counterparts(long, alignments, None, terms_min=99, words_min=1.0)
    html = exclusives_view(
        exclusives(facts, nearby),
        omissions(facts, ["A", "B", "C"], counterparts=nearby),
        facts,
        ["A", "B", "C"],
        colours,
        limit=1,
    )
    # C: c#2, c#3 (c#1 is related to b#2); neither kind of claim is confirmed
    assert "2 outlet-only candidates, 1 left out candidates" in html
    assert html.count("(candidates, not confirmed)") == 2
    assert "and 1 more" in html and "fact two in b" in html
    assert "1 more with a possible counterpart elsewhere" in html
    assert "related pair 0.40" in html
    sure = exclusives_view(
        exclusives(facts, nearby),
        omissions(facts, ["A", "B", "C"], counterparts=nearby),
        facts,
        ["A", "B", "C"],
        colours,
        confirmed={"outlet-only"},
    )
    assert "2 outlet-only, 1 left out candidates" in sure
    assert sure.count("(candidates, not confirmed)") == 1
    # a fact the page's explorer does not list is named, not linked
    assert 'href="#' in sure
    unlinked = exclusives_view(
        exclusives(facts, nearby),
        omissions(facts, ["A", "B", "C"], counterparts=nearby),
        facts,
        ["A", "B", "C"],
        colours,
        linked=set(),
    )
    assert 'href="#' not in unlinked and "U002" in unlinked
    gaps = prominence_gaps(prominence(facts, passages))
    assert "fact one buried in c" in prominence_gaps_view(gaps, colours)
    assert "No gap is listed" in prominence_gaps_view(gaps.head(0), colours)


def test_the_summary_does_not_call_a_passage_in_no_unit_outlet_only():
    passages, units, alignments = toy()
    long = _long(passages)
    facts = fact_table(long, units, alignments)
    nearby = plausible_counterparts(long, alignments, None, terms_min=99, words_min=1.0)
    found = exclusives(facts, nearby)
    left = omissions(facts, ["A", "B", "C"], counterparts=nearby)
    html = coverage_summary(facts, found, left, ["A", "B", "C"])
    statuses = found.drop_duplicates("fact_id")["status"].value_counts()
    alone = found["fact_id"].nunique()
    assert f"and {alone} passages in no unit" in html
    assert f"<b>{statuses['outlet-only']}</b> have no plausible counterpart" in html
    assert f"{statuses['possible counterpart']} have one (not claimed" in html
    # the passages in no unit are not said to be carried by one outlet each
    assert "by one outlet each" not in html
    assert "(outlet-only candidates)" in html and "(left-out candidates)" in html
    assert "Neither kind of claim meets the standard" in html
    sure = coverage_summary(facts, found, left, ["A", "B", "C"], {"outlet-only"})
    assert "(outlet-only)" in sure and "(left-out candidates)" in sure


def test_timeline_lists_what_only_later_articles_carry():
    passages, units, alignments = toy()
    facts = fact_table(passages, units, alignments)
    published = {"a1": "2017-07-04", "a2": "2017-07-04", "b": "2017-07-05", "c": "2017-05-05"}
    table = timeline(facts, published).set_index("doc_id")
    # U002 (a1, a2, b) is carried only by articles published after c's; U001 has c in it
    assert table.loc["c", "later_facts"] == 1
    assert table.loc["c", "examples"] == facts.loc[facts["fact_id"] == "U002", "label"].iloc[0]
    assert table.loc["a1", "later_facts"] == 0
    html = timeline_view(table.reset_index(), outlet_colours(["A", "B", "C"]))
    assert "published over 61 days" in html
    # a fact of later articles only is not one the early article "could not have known":
    # it may report the same events in other words
    assert "could not have known" not in html
    assert "only later articles carry" in html
    assert timeline(facts, {"a1": "2017-07-01", "b": "2017-07-04"}).empty


def test_default_corpus_facts_cover_every_passage_once(default_result):
    passages, units = default_result.passages, default_result.units
    facts = fact_table(passages, units, default_result.alignments)
    text = passages[passages["kind"] != "headline"]
    keys = list(zip(facts["doc_id"], facts["passage_id"], strict=True))
    assert len(keys) == len(set(keys))
    assert set(zip(text["doc_id"], text["passage_id"], strict=True)) <= set(keys)
    counts = facts.drop_duplicates("fact_id")["n_outlets"].tolist()
    assert counts == sorted(counts, reverse=True)
    assert set(units["unit_id"]) <= set(facts["fact_id"])


def test_charts_of_many_outlets_show_the_busiest():
    from narrative.figures import MAX_OUTLETS_SHOWN, busiest, shared_content_heatmap

    outlets = [f"site{i:03d}" for i in range(60)]
    pairs = pd.DataFrame(
        [
            {"outlet": a, "other": b, "shared": (i + j) / 200}
            for i, a in enumerate(outlets)
            for j, b in enumerate(outlets)
            if a != b and (i + j) % 7 == 0
        ]
    )
    figure = shared_content_heatmap(pairs)
    axes = figure.axes[0]
    shown = [t.get_text() for t in axes.get_yticklabels()]
    assert len(shown) == MAX_OUTLETS_SHOWN
    assert shown == sorted(shown) and "site059" in shown and "site000" not in shown
    assert f"{MAX_OUTLETS_SHOWN} of 60 outlets" in axes.get_title()
    weights = pd.Series([3, 1, 2], index=["a", "b", "c"])
    assert busiest(weights, 2) == ["a", "c"]
    assert busiest(weights, 5) == ["a", "b", "c"]
    plt.close("all")


def test_prominence_chart_of_many_outlets_shows_the_busiest():
    from narrative.figures import MAX_OUTLETS_SHOWN

    outlets = [f"o{k}" for k in range(30)]
    placed = pd.DataFrame(
        [
            dict(fact_id=f"F{f}", n_outlets=30, label="x", outlet=o, position=k / 30, band="lede")
            for f in range(3)
            for k, o in enumerate(outlets)
        ]
    )
    figure = prominence_chart(placed, outlet_colours(outlets))
    assert f"{MAX_OUTLETS_SHOWN} of 30 outlets" in figure.axes[0].get_title()
    assert len(figure.axes[0].collections) == 3 * MAX_OUTLETS_SHOWN
    plt.close("all")


def test_prominence_chart_without_a_shared_fact_says_so_without_a_warning():
    # Page 02 of a corpus whose facts are each in one outlet drew an empty axis range, and
    # matplotlib's "identical low and high ylims" warning showed on the page.
    placed = pd.DataFrame(
        [dict(fact_id="F1", n_outlets=1, label="x", outlet="a", position=0.1, band="lede")]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure = prominence_chart(placed, outlet_colours(["a", "b"]))
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert texts == ["no fact is reported by two or more outlets"]
    plt.close("all")


def test_page_02_claims_only_outlet_only_leaves_out_and_buried_rows():
    table = pd.DataFrame(
        {
            "status": [
                "outlet-only",
                "possible counterpart",
                "not a statement",
                "leaves out",
                "loose fact",
                "published before",
                "buried",
                "possibly higher",
            ]
        }
    )
    assert table[is_claimed(table)]["status"].tolist() == ["outlet-only", "leaves out", "buried"]
    assert is_claimed(pd.DataFrame({"fact_id": ["F1"]})).tolist() == [True]
