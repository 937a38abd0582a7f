from __future__ import annotations

import pandas as pd
import pytest
from narrative.units import (
    CANDIDATE,
    ONE_FACT,
    build_units,
    distinct_terms,
    passage_keys,
    rare_terms,
    status_summary,
    unit_shares,
    unit_status,
)

# The toy passages share no words: the tests of scores and order switch the rare-terms
# test off (rare_min=0); it has tests of its own below.


def _passages(docs: str = "abc") -> pd.DataFrame:
    rows = []
    for doc in docs:
        for pid in range(4):
            rows.append(
                dict(
                    doc_id=doc,
                    passage_id=pid,
                    outlet=doc.upper(),
                    kind="body",
                    position=pid / 4,
                    text=f"{doc}{pid}",
                )
            )
    return pd.DataFrame(rows)


def _pair(a, pa, b, pb, score, relation="paraphrase"):
    return dict(doc_a=a, passage_a=pa, doc_b=b, passage_b=pb, score=score, relation=relation)


def test_units_group_across_outlets_and_ignore_related():
    alignments = pd.DataFrame(
        [
            _pair("a", 0, "b", 1, 0.9, "reuse"),
            _pair("b", 1, "c", 2, 0.8),
            _pair("a", 0, "c", 2, 0.6),
            _pair("a", 3, "c", 3, 0.6, "related"),
        ]
    )
    units = build_units(_passages(), alignments, rare_min=0)
    assert units["unit_id"].nunique() == 1
    assert set(zip(units["doc_id"], units["passage_id"], strict=True)) == {
        ("a", 0),
        ("b", 1),
        ("c", 2),
    }


def test_a_member_must_match_both_core_passages_so_units_do_not_chain():
    # a0-b0 is the core; c0 matches b0 only (a chain a0 - b0 - c0); c1 matches b0 firmly
    # and a0 only as a loose paraphrase (not firm, as in FA-KES's claim of "previous
    # bombings" against the claim of this attack); d0 matches both firmly
    alignments = pd.DataFrame(
        [
            _pair("a", 0, "b", 0, 0.9),
            _pair("b", 0, "c", 0, 0.8),
            _pair("b", 0, "c", 1, 0.7),
            _pair("a", 0, "c", 1, 0.45),
            _pair("a", 0, "c", 0, 0.35, "related"),
            _pair("a", 0, "d", 0, 0.6),
            _pair("b", 0, "d", 0, 0.65),
        ]
    )
    units = build_units(_passages("abcd"), alignments, rare_min=0)
    assert set(zip(units["doc_id"], units["passage_id"], strict=True)) == {
        ("a", 0),
        ("b", 0),
        ("d", 0),
    }


def test_a_member_needs_the_unit_level_score_with_each_core_passage():
    # c0 is firmly paired with both core passages, but with a0 only at 0.52: below
    # MEMBER_MIN it starts its own unit with b1 instead of joining a0-b0
    alignments = pd.DataFrame(
        [
            _pair("a", 0, "b", 0, 0.9),
            _pair("b", 0, "c", 0, 0.7),
            _pair("a", 0, "c", 0, 0.52),
        ]
    )
    units = build_units(_passages(), alignments, rare_min=0)
    assert set(zip(units["doc_id"], units["passage_id"], strict=True)) == {("a", 0), ("b", 0)}
    looser = build_units(_passages(), alignments, member_min=0.5, rare_min=0)
    assert set(zip(looser["doc_id"], looser["passage_id"], strict=True)) == {
        ("a", 0),
        ("b", 0),
        ("c", 0),
    }


def test_units_hold_one_passage_per_article_by_default():
    alignments = pd.DataFrame(
        [_pair("a", 0, "b", 0, 0.9), _pair("a", 1, "b", 0, 0.8), _pair("a", 1, "a", 0, 0.7)]
    )
    units = build_units(_passages(), alignments, rare_min=0)
    assert set(zip(units["doc_id"], units["passage_id"], strict=True)) == {("a", 0), ("b", 0)}
    wider = build_units(_passages(), alignments, max_per_doc=2, rare_min=0)
    assert set(zip(wider["doc_id"], wider["passage_id"], strict=True)) == {
        ("a", 0),
        ("a", 1),
        ("b", 0),
    }


def test_only_firm_pairs_and_like_headlines_start_units():
    weak = dict(_pair("a", 0, "b", 0, 0.45), margin=1.3)  # below FIRM_SCORE
    low_margin = dict(_pair("a", 1, "b", 1, 0.7), margin=1.0)  # below FIRM_MARGIN
    headlines = dict(_pair("a", 2, "b", 2, 0.55), margin=1.0, kind_a="headline", kind_b="headline")
    firm = dict(_pair("a", 3, "b", 3, 0.55), margin=1.2)
    copied = dict(_pair("b", 2, "c", 2, 0.3, "reuse"), margin=1.0)
    for row in (weak, low_margin, firm, copied):
        row.update(kind_a="body", kind_b="body")
    alignments = pd.DataFrame([weak, low_margin, headlines, firm, copied])
    units = build_units(_passages(), alignments, rare_min=0)
    assert sorted(set(zip(units["doc_id"], units["passage_id"], strict=True))) == [
        ("a", 3),
        ("b", 2),
        ("b", 3),
        ("c", 2),
    ]


def test_units_are_ordered_by_reach():
    alignments = pd.DataFrame(
        [
            _pair("a", 3, "b", 3, 0.9),
            _pair("a", 0, "b", 0, 0.9),
            _pair("b", 0, "c", 0, 0.9),
            _pair("a", 0, "c", 0, 0.9),
        ]
    )
    units = build_units(_passages(), alignments, rare_min=0)
    first = units[units["unit_id"] == "U001"]
    assert set(first["doc_id"]) == {"a", "b", "c"}


def test_a_firm_pair_needs_whole_sentence_evidence_besides_a_close_clause():
    from narrative.units import firm_pairs

    rows = [
        dict(_pair("a", 0, "b", 0, 0.7), margin=1.3, similarity=0.33, lexical=0.07),
        dict(_pair("a", 1, "b", 1, 0.7), margin=1.3, similarity=0.45, lexical=0.07),
        dict(_pair("a", 2, "b", 2, 0.7), margin=1.3, similarity=0.2, lexical=0.2),
        dict(_pair("a", 3, "b", 3, 0.3, "reuse"), margin=1.0, similarity=0.1, lexical=0.1),
    ]
    firm = firm_pairs(pd.DataFrame(rows))
    assert firm["passage_a"].tolist() == [1, 2, 3]


def _story() -> pd.DataFrame:
    # one event of three articles; "zones", "syria" and "talks" run through it, the rest
    # belongs to one fact each
    texts = {
        "a": [
            "Talks on Syria zones: Russia, Turkey and Iran formed a working group on the zones.",
            "The deal of May on the zones in Syria set four areas.",
            "Lavrentiev said documents on zones need finalising in Syria talks.",
            "Talks on Syria resume.",
        ],
        "b": [
            "Iran, Russia and Turkey brokered a deal on zones in Syria in May, at talks.",
            "A working group of Russia, Turkey and Iran will finalise the zones in Syria.",
            "Syria talks: Lavrentiev said documents need finalising.",
            "Zones in Syria.",
        ],
        "c": ["Syria talks.", "Zones.", "Talks on zones.", "Syria."],
    }
    rows = [
        dict(doc_id=d, passage_id=i, outlet=d.upper(), kind="body", position=i / 4, text=t)
        for d, lines in texts.items()
        for i, t in enumerate(lines)
    ]
    return pd.DataFrame(rows)


def test_rare_terms_are_the_words_few_passages_of_the_event_hold():
    alignments = pd.DataFrame([_pair("a", 0, "b", 1, 0.6), _pair("b", 2, "c", 0, 0.2, "related")])
    rare = rare_terms(_story(), alignments)
    # "syria", "zones" and "talks" are in most passages; "working", "group", "lavrentiev"
    # in two of twelve
    assert {"working", "group"} <= rare[("a", 0)]
    assert not {"syria", "zones", "talks"} & rare[("a", 0)]
    assert rare[("b", 2)] >= {"lavrentiev", "documents", "finalising"}


def test_a_pair_on_the_story_s_common_words_builds_no_unit():
    # a0 (a working group) and b0 (the May deal) score high on "Russia, Turkey, Iran, zones,
    # Syria, talks"; a0-b1 share the working group, a2-b2 Lavrentiev's documents
    alignments = pd.DataFrame(
        [
            _pair("a", 0, "b", 0, 0.8),
            _pair("a", 0, "b", 1, 0.7),
            _pair("a", 2, "b", 2, 0.7),
            _pair("a", 1, "b", 3, 0.6, "reuse"),
        ]
    )
    units = build_units(_story(), alignments)
    got = {
        frozenset(zip(g["doc_id"], g["passage_id"], strict=True))
        for _, g in units.groupby("unit_id")
    }
    assert got == {
        frozenset({("a", 0), ("b", 1)}),
        frozenset({("a", 2), ("b", 2)}),
        frozenset({("a", 1), ("b", 3)}),  # shared copy needs no rare term
    }
    loose = build_units(_story(), alignments, rare_min=0)
    assert frozenset({("a", 0), ("b", 0)}) in {
        frozenset(zip(g["doc_id"], g["passage_id"], strict=True))
        for _, g in loose.groupby("unit_id")
    }


def test_two_passages_quoting_different_words_are_two_remarks():
    passages = _passages("ab")
    texts = {
        ("a", 0): '"It is all part and parcel of the relationship," said the envoy.',
        ("b", 0): 'The envoy said Trump would raise "the full range of trade issues with Tokyo".',
        ("a", 1): '"We will press for the full range of trade issues," the envoy said.',
        ("b", 1): 'The envoy said they would press "for the full range of trade issues" today.',
    }
    keys = zip(passages["doc_id"], passages["passage_id"], strict=True)
    passages["text"] = [texts.get(k, t) for k, t in zip(keys, passages["text"], strict=True)]
    alignments = pd.DataFrame([_pair("a", 0, "b", 0, 0.9), _pair("a", 1, "b", 1, 0.8)])
    units = build_units(passages, alignments, rare_min=0)
    # one speaker, two remarks: the quotations share no word; the same remark, quoted twice
    assert set(zip(units["doc_id"], units["passage_id"], strict=True)) == {("a", 1), ("b", 1)}
    assert build_units(passages, alignments, rare_min=0, quote_min=0)["unit_id"].nunique() == 2
    # shared copy is never held apart
    copies = alignments.assign(relation="reuse")
    assert build_units(passages, copies, rare_min=0)["unit_id"].nunique() == 2


def test_the_rule_summary_states_the_thresholds_in_force(monkeypatch):
    import narrative.units as units

    text = units.rule_summary()
    assert f"at least {units.MEMBER_MIN:g} (one passage per article" in text
    assert "both core passages" in text
    # page 02 once described an older rule by hand; the text follows the constants
    monkeypatch.setattr(units, "MEMBER_MIN", 0.61)
    monkeypatch.setattr(units, "RARE_MIN", 3)
    changed = units.rule_summary()
    assert "at least 0.61" in changed
    assert "at least 3 rare terms" in changed


def test_units_of_one_wire_copy_merge_when_every_cross_pair_is_firm():
    # two outlets pairs run one wire sentence word for word (a0 = b0, c0 = d0: the cores,
    # read first); every cross pair is firm, so the fact is one unit, not two. e1-f1 is a
    # second fact whose cross pairs with a0 are not all firm: it stays apart
    pairs = [_pair("a", 0, "b", 0, 1.0, "reuse"), _pair("c", 0, "d", 0, 0.99, "reuse")]
    pairs += [_pair(x, 0, y, 0, 0.8) for x in "ab" for y in "cd"]
    pairs += [_pair("e", 1, "f", 1, 0.95, "reuse"), _pair("a", 0, "e", 1, 0.7)]
    alignments = pd.DataFrame(pairs)
    units = build_units(_passages("abcdef"), alignments, rare_min=0)
    got = {
        frozenset(zip(g["doc_id"], g["passage_id"], strict=True))
        for _, g in units.groupby("unit_id")
    }
    assert got == {
        frozenset({("a", 0), ("b", 0), ("c", 0), ("d", 0)}),
        frozenset({("e", 1), ("f", 1)}),
    }
    apart = build_units(_passages("abcdef"), alignments, rare_min=0, merge=False)
    assert apart["unit_id"].nunique() == 3


def test_units_do_not_merge_past_one_passage_per_article_or_a_missing_pair():
    # c0-d0 pairs with a0-b0 except d0-b0 (no pair): no merge; b1-e0 pairs with a0-b0
    # completely, but would put two passages of b in one unit
    pairs = [_pair("a", 0, "b", 0, 1.0, "reuse"), _pair("c", 0, "d", 0, 0.99, "reuse")]
    pairs += [_pair("a", 0, "c", 0, 0.8), _pair("a", 0, "d", 0, 0.8), _pair("b", 0, "c", 0, 0.8)]
    pairs += [_pair("b", 1, "e", 0, 0.98, "reuse")]
    pairs += [_pair(x, p, y, 0, 0.8) for x, p in (("a", 0), ("b", 0)) for y in "e"]
    pairs += [_pair("a", 0, "b", 1, 0.8), _pair("b", 0, "b", 1, 0.8)]
    units = build_units(_passages("abcde"), pd.DataFrame(pairs), rare_min=0)
    assert units["unit_id"].nunique() == 3


def _wide_story() -> pd.DataFrame:
    # twelve short articles on one operation: each says the ship and the navy twice or
    # more, and that this was the fifth operation since September once
    rows = []
    for n in range(12):
        doc = f"d{n}"
        lines = [
            "The navy ship Sukanya foiled an attack.",
            f"Sukanya of the navy escorted vessel {n}.",
            "It was the fifth operation of Sukanya since September.",
            "The navy said so.",
        ]
        rows += [
            dict(doc_id=doc, passage_id=i, outlet=doc, kind="body", position=i / 4, text=t)
            for i, t in enumerate(lines)
        ]
    return pd.DataFrame(rows)


def test_a_fact_many_short_articles_report_keeps_its_rare_terms():
    # "fifth" and "september" are in 12 of 48 passages (25%, above RARE_SHARE), but once
    # per article that uses them; "navy" and "sukanya" are in two or three of each
    passages = _wide_story()
    pairs = [_pair(f"d{i}", 2, f"d{j}", 2, 0.8) for i in range(12) for j in range(i + 1, 12)]
    alignments = pd.DataFrame(pairs)
    rare = rare_terms(passages, alignments)
    assert {"fifth", "september"} <= rare[("d0", 2)]
    assert not {"navy", "sukanya"} & rare[("d0", 0)]
    assert not {"fifth", "september"} & rare_terms(passages, alignments, rare_spread=0)[("d0", 2)]
    units = build_units(passages, alignments)
    assert units["unit_id"].nunique() == 1 and len(units) == 12


def test_unit_shares_count_the_words_of_passages_in_shared_units():
    passages = _passages("abc")
    passages["text"] = ["one two three four"] * 12
    passages.loc[passages["passage_id"] == 0, "kind"] = "headline"
    units = build_units(
        passages,
        pd.DataFrame([_pair("a", 1, "b", 1, 0.9, "reuse"), _pair("a", 0, "c", 0, 0.9, "reuse")]),
        rare_min=0,
    )
    shares = unit_shares(units, passages).set_index(["outlet", "other"])
    # a1 (4 of A's 12 body words) is in a unit with b1; the headline unit a0-c0 counts nothing
    assert shares.loc[("A", "B"), "unit_words"] == 4
    assert shares.loc[("A", "B"), "share"] == pytest.approx(1 / 3, abs=1e-4)
    assert ("A", "C") not in shares.index


def _sentence_pair(a, pa, b, pb, score, similarity, relation="paraphrase", **more):
    return dict(_pair(a, pa, b, pb, score, relation), similarity=similarity, lexical=0.3, **more)


def test_a_unit_is_stated_as_one_fact_only_when_whole_sentences_are_close():
    # a0-b0: whole sentences close (cosine 0.8); a1-b1: firm on a close clause but the
    # sentences as wholes only at 0.5 (two remarks of one scene); a2-b2: shared copy at a
    # low cosine; a3-b3 close, but c3 joins it on pairs at 0.6 only
    alignments = pd.DataFrame(
        [
            _sentence_pair("a", 0, "b", 0, 0.9, 0.8),
            _sentence_pair("a", 1, "b", 1, 0.8, 0.5),
            _sentence_pair("a", 2, "b", 2, 0.7, 0.45, "reuse"),
            _sentence_pair("a", 3, "b", 3, 0.95, 0.9),
            _sentence_pair("a", 3, "c", 3, 0.7, 0.6),
            _sentence_pair("b", 3, "c", 3, 0.7, 0.6),
        ]
    )
    units = build_units(_passages("abc"), alignments, rare_min=0)
    status = {
        frozenset(zip(g["doc_id"], g["passage_id"], strict=True)): set(g["status"])
        for _, g in units.groupby("unit_id")
    }
    assert status[frozenset({("a", 0), ("b", 0)})] == {ONE_FACT}
    assert status[frozenset({("a", 1), ("b", 1)})] == {CANDIDATE}
    assert status[frozenset({("a", 2), ("b", 2)})] == {ONE_FACT}
    assert status[frozenset({("a", 3), ("b", 3), ("c", 3)})] == {CANDIDATE}
    # a cosine just under the bar does not state one fact on a lexical overlap alone
    # (two sentences of one speaker share the speaker's name); a clause near-verbatim in
    # the other passage does
    words = alignments.assign(similarity=[0.8, 0.75, 0.45, 0.9, 0.6, 0.6], lexical=0.35)
    assert set(unit_status(units, words)[units["passage_id"] == 1]) == {CANDIDATE}
    verbatim = words.assign(clause_similarity=[0.8, 0.95, 0.5, 0.9, 0.6, 0.6])
    assert set(unit_status(units, verbatim)[units["passage_id"] == 1]) == {ONE_FACT}
    assert set(unit_status(units, verbatim.assign(lexical=0.2))[units["passage_id"] == 1]) == {
        CANDIDATE
    }
    # a pair the researcher confirmed states the fact whatever its cosine
    confirmed = alignments.assign(reviewed=["", "confirmed", "", "", "", ""])
    assert set(unit_status(units, confirmed)[units["passage_id"] == 1]) == {ONE_FACT}


def test_unit_shares_count_only_units_stated_as_one_fact():
    passages = _passages("ab")
    passages["text"] = ["one two three four"] * 8
    alignments = pd.DataFrame(
        [_sentence_pair("a", 1, "b", 1, 0.9, 0.9), _sentence_pair("a", 2, "b", 2, 0.8, 0.5)]
    )
    units = build_units(passages, alignments, rare_min=0)
    assert sorted(units["status"]) == [CANDIDATE, CANDIDATE, ONE_FACT, ONE_FACT]
    shares = unit_shares(units, passages).set_index(["outlet", "other"])
    # a1 (4 of A's 16 words) counts; a2, in a candidate unit, does not
    assert shares.loc[("A", "B"), "unit_words"] == 4


def test_the_status_summary_counts_stated_and_candidate_units():
    units = pd.DataFrame(
        {"unit_id": ["U001", "U001", "U002", "U002", "U003", "U003"],
         "status": [ONE_FACT, ONE_FACT, CANDIDATE, CANDIDATE, ONE_FACT, ONE_FACT]}
    )  # fmt: skip
    said = status_summary(units)
    assert said.startswith("Of the 3 story units, 2 are stated as one fact")
    assert "The other 1 is a candidate" in said
    assert status_summary(units.iloc[0:0]) == ""


def test_two_passages_that_share_particulars_besides_names_state_one_fact():
    # both pairs at cosine 0.65 with a lexical overlap of 0.4: a0-b0 share only who and
    # where (one speaker, two remarks: Cronk travelled to Tijuana / Cronk on 80 sponsor
    # families), a1-b1 share what happened too
    texts = {
        ("a", 0): "Heather Cronk of Showing Up traveled to Tijuana to support them.",
        ("b", 0): "About 80 families offered sponsorship, said Heather Cronk of Showing Up.",
        ("a", 1): "The gunman entered the office party around 4 p.m. with a rifle.",
        ("b", 1): "A gunman with a rifle walked into the office party about 4 p.m.",
    }
    passages = _passages("ab")
    passages["text"] = [texts.get((d, p), f"filler {d}{p}") for d, p in passage_keys(passages)]
    alignments = pd.DataFrame(
        [
            _sentence_pair("a", 0, "b", 0, 0.7, 0.65),
            _sentence_pair("a", 1, "b", 1, 0.7, 0.65),
            _pair("a", 3, "b", 3, 0.2, "related"),
        ]
    ).assign(lexical=0.4)
    units = pd.DataFrame(
        {"unit_id": ["U001", "U001", "U002", "U002"],
         "doc_id": ["a", "b", "a", "b"], "passage_id": [0, 0, 1, 1]}
    )  # fmt: skip
    # the names are rare too (in two passages of eight), but they are names
    assert {"heather", "cronk", "showing"} <= rare_terms(passages, alignments)[("a", 0)]
    terms = distinct_terms(passages, alignments)
    assert {"heather", "cronk", "showing"}.isdisjoint(terms[("a", 0)])
    assert {"gunman", "office", "party", "rifle"} <= terms[("a", 1)] & terms[("b", 1)]
    status = unit_status(units, alignments, passages)
    assert list(status) == [CANDIDATE, CANDIDATE, ONE_FACT, ONE_FACT]
    # without the passages the particulars are not read: neither pair is close enough
    assert set(unit_status(units, alignments)) == {CANDIDATE}


def test_two_stages_of_one_story_are_a_candidate_not_one_fact():
    # every pair at cosine 0.9 (close enough to state one fact), but the passages of
    # U001 and U002 report two stages: a charge and the conviction two years later, a
    # plan and the act; U003 is one announcement before and after it takes effect
    texts = [
        "Orozco is charged with one count of attempted murder in the June 20 shooting.",
        "Orozco was convicted of one count of attempted murder in the June 20 shooting.",
        "The guarantor states will establish a joint working group on the zones.",
        "The three sides have formed a working group on the zones, a statement said.",
        "Cheeks will be replaced on an interim basis by Tony DiLeo.",
        "Cheeks was replaced on an interim basis by Tony DiLeo.",
    ]
    units = pd.DataFrame(
        {"unit_id": ["U001", "U001", "U002", "U002", "U003", "U003"],
         "doc_id": ["a", "b"] * 3, "passage_id": [0, 0, 1, 1, 2, 2], "text": texts}
    )  # fmt: skip
    alignments = pd.DataFrame([_sentence_pair("a", p, "b", p, 0.9, 0.9) for p in range(3)])
    assert list(unit_status(units, alignments)) == [CANDIDATE] * 4 + [ONE_FACT] * 2
    assert set(unit_status(units, alignments, stage_gate=False)) == {ONE_FACT}


def test_a_predicate_s_stage_is_read_past_a_verb_that_reports_speech():
    from narrative.nlp import parse
    from narrative.units import predicate_stage, stage_conflict

    found, said, planned = (
        predicate_stage(d)
        for d in parse(
            [
                "A jury found him guilty of murder on Tuesday.",
                "Police said Smith was arrested near the scene.",
                "Officials said the road will reopen on Monday.",
            ]
        )
    )
    assert found[1] == {"verdict"} and said[:2] == ("arrest", frozenset({"arrest"}))
    assert planned == ("reopen", frozenset(), "future")
    assert stage_conflict(found, said)
    assert not stage_conflict(said, said)


def test_a_state_or_a_sentence_that_holds_the_plan_is_no_act_against_a_plan():
    from narrative.nlp import parse
    from narrative.units import predicate_stage, stage_conflict

    plan, state, both, act = (
        predicate_stage(d)
        for d in parse(
            [
                "The new rules will take effect in about 30 days.",
                # round 10 (ECB+ 9): a copula is a state, not a past act
                "Andrew Wetzler, director of the council's program, was blunt.",
                # round 10: the plan is in the past sentence too
                "The changes, which will go into effect in about 30 days, were completed "
                "in just four months.",
                "The changes were completed in just four months.",
            ]
        )
    )
    assert state[2] == "" and both[2] == "" and act[2] == "past"
    assert not stage_conflict(plan, state) and not stage_conflict(plan, both)
    assert stage_conflict(plan, act)


def test_shared_copy_states_one_fact_only_when_it_holds_the_shorter_passage_s_predicate():
    # each pair is shared copy (half of the shorter passage's trigrams in the other) at a
    # cosine under the bar: U001 and U002 share a subject or a stock opening and state
    # different things (round 13, ECB+ 13); U003 holds the shorter passage's verb
    texts = [
        "Matanuska Maid Dairy Building Burns Down",
        "Matanuska Maid Dairy Building Was Uninsured",
        "There were no bids.",
        "There were no reports of injuries.",
        "Page was married three times but had no children.",
        "Page had no children.",
    ]
    units = pd.DataFrame(
        {"unit_id": ["U001", "U001", "U002", "U002", "U003", "U003"],
         "doc_id": ["a", "b"] * 3, "passage_id": [0, 0, 1, 1, 2, 2], "text": texts}
    )  # fmt: skip
    alignments = pd.DataFrame([_sentence_pair("a", p, "b", p, 0.7, 0.7, "reuse") for p in range(3)])
    assert list(unit_status(units, alignments)) == [CANDIDATE] * 4 + [ONE_FACT] * 2
    assert set(unit_status(units, alignments, copy_predicate=False)) == {ONE_FACT}


def test_a_pair_a_little_under_the_bar_ties_when_the_other_holds_the_shorter_statement():
    # cosine 0.76, under the bar of 0.8: the shorter passage's verb and most of its words
    # are in the other, which says more (U001, U002); U003's shorter passage has another
    # verb, U004's the verb but few of its words
    texts = [
        "Hutchinson has faced pressure from the state's top employers, including retail "
        "giant Wal-Mart, which complained that the measure was discriminatory.",
        "Hutchinson also faced pressure from Walmart, which is headquartered in the state.",
        "Director Owen says no injuries have been reported in the blaze.",
        "No injuries were reported.",
        "Hutchinson has faced pressure from the state's top employers, including retail "
        "giant Wal-Mart, which complained that the measure was discriminatory.",
        "Hutchinson also met Walmart, which is headquartered in the state.",
        "Director Owen says no injuries have been reported in the blaze.",
        "Three firefighters were reported hurt near the dairy on Tuesday.",
    ]
    units = pd.DataFrame(
        {"unit_id": [f"U00{u}" for u in (1, 1, 2, 2, 3, 3, 4, 4)],
         "doc_id": ["a", "b"] * 4, "passage_id": [0, 0, 1, 1, 2, 2, 3, 3], "text": texts}
    )  # fmt: skip
    alignments = pd.DataFrame([_sentence_pair("a", p, "b", p, 0.7, 0.76) for p in range(4)])
    assert list(unit_status(units, alignments)) == [ONE_FACT] * 4 + [CANDIDATE] * 4
    assert set(unit_status(units, alignments, assert_held_similarity=None)) == {CANDIDATE}
    assert set(unit_status(units, alignments.assign(similarity=0.7))) == {CANDIDATE}
