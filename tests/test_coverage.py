from __future__ import annotations

import pandas as pd
import pytest
from narrative.coverage import shared_content


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
