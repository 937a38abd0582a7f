from __future__ import annotations

import numpy as np
from narrative.lexical import (
    TermIndex,
    acronyms,
    containment,
    name_terms,
    name_variants,
    names,
    tokens,
)


def test_tokens_normalise_numbers_and_possessives():
    assert tokens("Russia\u2019s war has claimed 320,000 lives.") == [
        "russia",
        "war",
        "claimed",
        "320000",
        "lives",
    ]


def test_names_skip_sentence_initial_words():
    assert names("Moscow backs Assad. The envoy Lavrentiev spoke.") == {"assad", "lavrentiev"}


def test_name_terms_are_words_capitalised_inside_sentences_more_often_than_not():
    texts = [
        "She checked into the Betty Ford Center on Thursday.",
        "Her lawyer said the Betty Ford clinic was approved.",
        "The rehab was chosen by her lawyer. Rehab is not new to her.",
        "A stay in Rehab, the tabloid wrote, and then rehab again.",
    ]
    found = name_terms(texts)
    assert {"betty", "ford", "center", "thursday"} <= found
    # "Rehab" is capitalised inside a sentence once but written "rehab" in three passages;
    # "The" and "A" open sentences.
    assert not found & {"rehab", "the", "a", "she", "her"}


def test_transliterated_names_are_matched():
    variants = name_variants(
        ["daraa", "deraa", "lavrentiev", "lavrentyev", "assad", "asad", "iran", "iraq"]
    )
    assert variants["deraa"] == "daraa"
    assert variants["lavrentyev"] == "lavrentiev"
    assert variants["assad"] == "asad"
    assert "iraq" not in variants and "iran" not in variants


def test_overlap_uses_name_variants_and_rare_words():
    index = TermIndex(
        [
            "Fighting in Daraa province worsened.",
            "Fighting in Deraa province worsened.",
            "Talks continued in Geneva.",
        ]
    )
    overlap = index.overlap([0], [1, 2])
    assert overlap[0, 0] == np.float32(1.0)
    assert overlap[0, 1] == 0.0
    assert index.shared(0, 1)[0] in {"daraa", "worsened", "fighting", "province"}


def test_containment_detects_copy():
    wire = "While fighting dropped off in the weeks after the deal, it has since returned"
    assert containment(wire, "But " + wire.lower() + " in some areas.") == 1.0
    assert containment(wire, "Talks resumed in Geneva on Monday.") == 0.0


def test_acronyms_are_the_initials_of_one_other_name():
    names = ["U.S.", "United States", "EU", "European Union", "UN", "ISIS", "regime"]
    assert acronyms(names) == {"U.S.": "united states", "EU": "european union"}
    # two names of the same initials: the acronym abbreviates neither
    assert acronyms(["EU", "European Union", "Eastern Ukraine"]) == {}


def test_a_shared_name_is_shown_in_its_most_frequent_spelling():
    index = TermIndex(
        [
            "Syria and Assad agreed.",
            "Syria and Assad met in Astana.",
            "Talks on Syria with Assad.",
            "Then Sria and Asad disagreed in Astana.",
        ]
    )
    assert set(index.shared(1, 3)) == {"syria", "assad", "astana"}
    assert name_variants({"sria", "syria"}) == {"syria": "sria"}, "no counts: first spelling"
