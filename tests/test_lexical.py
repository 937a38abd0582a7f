from __future__ import annotations

import numpy as np
from narrative.lexical import TermIndex, containment, name_variants, names, tokens


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
