from __future__ import annotations

import math

import matplotlib
import numpy as np
import pandas as pd
import pytest
from narrative.figures import outlet_colours
from narrative.figures.frames import frame_profile_chart
from narrative.frames import (
    FRAMES,
    OTHER,
    Frame,
    FrameSettings,
    assign_frames,
    find_seeds,
    frame_assignments,
    frame_examples,
    frame_profile,
    frame_table,
    score_frames,
    seed_spans,
)
from narrative.views.frames import frame_examples_view, frame_method_view

matplotlib.use("Agg")

# Three toy frames in a 4-d space: A along e0, B along e1, C along e2 (two
# prototypes each); e3 is "about nothing".
TOY = (
    Frame("A", "1 Economic", "about a", ("alpha", "air strike", "strike"), ("a one", "a two")),
    Frame("B", "2 Capacity and resources", "about b", ("beta",), ("b one", "b two")),
    Frame("C", "3 Morality", "about c", ("gamma",), ("c one", "c two")),
)
PROTOTYPES = np.array(
    [[1, 0, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 1, 0]],
    dtype=float,
)
OWNER = np.array([0, 0, 1, 1, 2, 2])


def unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=float)
    return v / np.linalg.norm(v)


def passage_with(a: float, b: float, c: float) -> np.ndarray:
    """A unit vector with the given cosines to the A, B and C prototypes."""
    return np.array([a, b, c, math.sqrt(1 - a * a - b * b - c * c)])


def test_passage_close_to_one_frame_gets_that_frame_only():
    vectors = np.vstack([unit(0.6, 0, 0, 0.8), unit(0, 0, 0, 1)])
    result = score_frames(vectors, PROTOTYPES, OWNER, np.zeros((2, 3), dtype=int))
    assert result["similarity"][0] == pytest.approx([0.6, 0.0, 0.0])
    assert result["contrast"][0] == pytest.approx([0.6, 0.0, 0.0])
    assert result["assigned"].tolist() == [[True, False, False], [False, False, False]]
    assert result["prototype"][0].tolist() == [0, 2, 4]


def test_a_seed_tips_a_moderate_contrast_and_seeds_alone_never_do():
    # Passage 0: A stands out by 0.1 over the median (0.2): below the 0.16 margin alone.
    # Passage 1: B and C tie, so both contrasts are 0; seeds cannot carry either.
    vectors = np.vstack([passage_with(0.3, 0.2, 0.2), unit(0, 1, 1, 0)])
    no_seeds = np.zeros((2, 3), dtype=int)
    assert not score_frames(vectors, PROTOTYPES, OWNER, no_seeds)["assigned"].any()
    seeds = np.array([[1, 0, 0], [0, 5, 0]])
    result = score_frames(vectors, PROTOTYPES, OWNER, seeds)
    assert result["score"][0, 0] == pytest.approx(0.1 + 0.07)
    assert result["score"][1, 1] == pytest.approx(0.0 + 0.07 * 2)  # capped at two seeds
    assert result["assigned"].tolist() == [[True, False, False], [False, False, False]]


def test_floor_keeps_a_passage_about_nothing_out():
    vectors = np.vstack([passage_with(0.19, 0.0, 0.0)])
    result = score_frames(vectors, PROTOTYPES, OWNER, np.array([[2, 0, 0]]))
    assert result["contrast"][0, 0] == pytest.approx(0.19)
    assert not result["assigned"].any()


def test_similarity_is_the_mean_of_the_closest_prototypes():
    prototypes = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], dtype=float)
    owner = np.array([0, 0, 1, 1])
    vectors = np.vstack([unit(1, 0, 0, 0)])
    counts = np.zeros((1, 2), dtype=int)
    two = score_frames(vectors, prototypes, owner, counts)
    one = score_frames(vectors, prototypes, owner, counts, settings=FrameSettings(top_prototypes=1))
    assert two["similarity"][0] == pytest.approx([0.5, 0.0])
    assert one["similarity"][0] == pytest.approx([1.0, 0.0])


def test_a_frame_without_prototypes_is_an_error():
    with pytest.raises(ValueError, match="frame 1"):
        score_frames(np.eye(1, 4), PROTOTYPES[:2], OWNER[:2], np.zeros((1, 2), dtype=int))


def test_find_seeds_whole_words_endings_hyphens_and_no_double_count():
    seeds = ("kill", "killed", "sect", "strike", "air strike", "human rights")
    text = "Air-strikes killed 3 in a section of town; Human Rights groups said the strike..."
    assert find_seeds(text, seeds) == ["kill", "strike", "air strike", "human rights"]
    assert find_seeds("Sectarian sects", ("sect",)) == ["sect"]
    assert find_seeds("insecurity", ("security",)) == []
    assert find_seeds("Russia\u2019s allies", ("ally", "allies")) == ["allies"]
    assert seed_spans("an air strike, a strike", ("strike", "air strike")) == [(3, 13), (17, 23)]


def toy_passages() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["x", "x", "x", "y"],
            "passage_id": [0, 1, 2, 0],
            "outlet": ["X", "X", "X", "Y"],
            "kind": ["headline", "body", "body", "standfirst"],
            "text": ["alpha headline", "an alpha <b>passage</b>", "nothing here", "beta news"],
        }
    )


def test_assign_frames_rows_other_and_headlines():
    vectors = np.vstack(
        [unit(1, 0, 0, 0), unit(0.6, 0, 0, 0.8), unit(0, 0, 0, 1), passage_with(0.2, 0.3, 0.2)]
    )
    table = assign_frames(toy_passages(), vectors, PROTOTYPES, frames=TOY)
    assert table[["doc_id", "passage_id", "frame"]].values.tolist() == [
        ["x", 1, "A"],
        ["x", 2, OTHER],
        ["y", 0, "B"],
    ]
    first = table.iloc[0]
    assert first["seeds"] == "alpha"
    assert first["prototype"] == "a one"
    assert first["score"] == pytest.approx(0.6 + 0.07, abs=1e-4)
    assert first["words"] == 3
    assert table.iloc[2]["seeds"] == "beta"
    assert math.isnan(table.iloc[1]["score"])


def profile_inputs() -> tuple[pd.DataFrame, pd.DataFrame]:
    passages = pd.DataFrame(
        {
            "doc_id": ["x"] * 5 + ["y"],
            "passage_id": [0, 1, 2, 3, 4, 0],
            "outlet": ["X"] * 5 + ["Y"],
            "kind": ["headline", "body", "body", "body", "body", "body"],
            "text": ["h h h", "a b", "a b c", "a b c d e", " ".join("w" * 10), "y y y y"],
        }
    )
    rows = [
        ("x", 1, "X", "A", 2),
        ("x", 2, "X", "A", 3),
        ("x", 2, "X", "B", 3),
        ("x", 3, "X", OTHER, 5),
        ("x", 4, "X", "B", 10),
        ("y", 0, "Y", OTHER, 4),
    ]
    assignments = pd.DataFrame(rows, columns=["doc_id", "passage_id", "outlet", "frame", "words"])
    assignments["score"] = [0.3, 0.2, 0.5, float("nan"), 0.4, float("nan")]
    assignments["text"] = "t"
    return passages, assignments


def test_frame_profile_shares_of_passages_and_words():
    passages, assignments = profile_inputs()
    profile = frame_profile(assignments, passages, frames=TOY).set_index(["outlet", "frame"])
    assert list(profile.loc["X"].index) == ["A", "B", "C", OTHER]
    assert profile.loc[("X", "A"), "passages"] == 2
    assert profile.loc[("X", "A"), "passage_share"] == pytest.approx(2 / 4)
    assert profile.loc[("X", "A"), "word_share"] == pytest.approx((2 + 3) / 20)
    assert profile.loc[("X", "B"), "word_share"] == pytest.approx((3 + 10) / 20)
    assert profile.loc[("X", OTHER), "passage_share"] == pytest.approx(1 / 4)
    assert profile.loc[("X", "C"), "passages"] == 0
    assert profile.loc[("Y", OTHER), "passage_share"] == 1.0
    assert profile.loc[("Y", "A"), "word_share"] == 0.0


def test_frame_examples_keep_the_strongest_per_frame_and_outlet():
    _, assignments = profile_inputs()
    examples = frame_examples(assignments, per_outlet=1, frames=TOY)
    assert examples[["frame", "passage_id", "rank"]].values.tolist() == [["A", 1, 1], ["B", 2, 1]]
    with_other = frame_examples(assignments, per_outlet=2, frames=TOY, include_other=True)
    assert with_other["frame"].tolist() == ["A", "A", "B", "B", OTHER, OTHER]
    assert with_other["rank"].tolist() == [1, 2, 1, 2, 1, 1]


def test_frame_set_follows_the_codebook():
    assert len(FRAMES) == 15 and len({f.name for f in FRAMES}) == 15
    dimensions = {int(f.mfc.split()[0]) for f in FRAMES}
    assert dimensions == set(range(1, 15))  # 15, "Other", is the residual
    for frame in FRAMES:
        assert len(frame.prototypes) >= 3
        assert all(s == s.lower().strip() and s for s in frame.seeds)
    defaults = FrameSettings()
    assert defaults.margin - defaults.seed_weight * defaults.seed_cap > 0
    assert list(frame_table().columns) == ["frame", "mfc", "description", "seeds", "prototypes"]


def test_chart_is_titled_indicative_and_uses_outlet_colours():
    passages, assignments = profile_inputs()
    profile = frame_profile(assignments, passages, frames=TOY)
    colours = outlet_colours(["X", "Y"])
    figure = frame_profile_chart(profile, colours=colours)
    axes = figure.axes[0]
    assert "indicative" in axes.get_title()
    labels = {t.get_text().split("\n")[0]: t.get_color() for t in axes.get_xticklabels()}
    assert labels == colours
    # Each column says the base of its shares.
    totals = passages[passages["kind"] != "headline"].groupby("outlet").size()
    for tick in axes.get_xticklabels():
        outlet = tick.get_text().split("\n")[0]
        assert tick.get_text().endswith(f"({totals[outlet]} passages)")
    assert profile.groupby("outlet")["outlet_passages"].first().to_dict() == totals.to_dict()
    assert [t.get_text() for t in axes.get_yticklabels()] == ["A", "B", "C", OTHER]
    with pytest.raises(ValueError):
        frame_profile_chart(profile, value="share")


def test_views_state_the_method_and_mark_seeds():
    method = frame_method_view(TOY, settings=FrameSettings(margin=0.2, seed_weight=0.05))
    assert "Indicative" in method and "&ge; 0.20" in method and "0.05 &times; seeds" in method
    assert "by 0.15, with 2 by 0.10" in method
    vectors = np.vstack(
        [unit(1, 0, 0, 0), unit(0.6, 0, 0, 0.8), unit(0, 0, 0, 1), unit(0, 0, 0, 1)]
    )
    table = assign_frames(toy_passages(), vectors, PROTOTYPES, frames=TOY)
    html = frame_examples_view(
        frame_examples(table, frames=TOY), {"X": "#111", "Y": "#222"}, frames=TOY
    )
    assert '<mark style="background:#e7d4f5;padding:0 1px">alpha</mark>' in html
    assert "&lt;b&gt;passage&lt;/b&gt;" in html
    assert "No passage was given these frames: B, C." in html


def test_default_corpus_frames(default_result):
    passages = default_result.passages
    table = frame_assignments(passages, default_result.embeddings, model=default_result.model)
    framed = passages[passages["kind"] != "headline"]
    assert set(zip(table["doc_id"], table["passage_id"], strict=True)) == set(
        zip(framed["doc_id"], framed["passage_id"], strict=True)
    )

    def frames_of(doc_id: str, start: str) -> set[str]:
        rows = table[(table["doc_id"] == doc_id) & table["text"].str.startswith(start)]
        return set(rows["frame"])

    assert "Policy & evaluation" in frames_of("tass", "The memorandum will be in force")
    assert "Humanitarian (health & safety)" in frames_of("jordantimes-afp", "A medical source")
    assert "Security & military" in frames_of("fmt-afp", "Moscow on Wednesday flexed")
    assert "Diplomacy & negotiation" in frames_of("tass", "Negotiators will again meet")
    assert frames_of("aljazeera", "Alzayat said.") == {OTHER}
    profile = frame_profile(table, passages)
    assert profile["passage_share"].between(0, 1).all()


def test_the_codebook_is_data_and_can_be_replaced(tmp_path):
    from narrative.frames import CodebookError, load_frames
    from narrative.params import ParameterError, parse_assignments

    packaged = load_frames()
    assert len(packaged) == 15 and packaged[0].name == "Economic"
    assert all(f.prototypes for f in packaged)
    own = tmp_path / "codebook.toml"
    own.write_text(
        '[[frame]]\nname = "War"\nmfc = "own"\ndescription = "Fighting."\n'
        'seeds = ["Battle"]\nprototypes = ["Troops fought."]\n',
        encoding="utf-8",
    )
    (war,) = load_frames(own)
    assert (war.name, war.seeds, war.prototypes) == ("War", ("battle",), ("Troops fought.",))
    assert parse_assignments([f"frame_codebook={own}"]) == {"frame_codebook": str(own)}
    bad = tmp_path / "bad.toml"
    bad.write_text('[[frame]]\nname = "War"\n', encoding="utf-8")
    with pytest.raises(CodebookError, match="lacks mfc, description, prototypes"):
        load_frames(bad)
    with pytest.raises(ParameterError, match="lacks"):
        parse_assignments([f"frame_codebook={bad}"])
    with pytest.raises(CodebookError, match="cannot be read"):
        load_frames(tmp_path / "missing.toml")


def test_copies_get_the_same_frames_from_their_mean_scores():
    from narrative.frames import confidence, copy_groups

    passages = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "passage_id": [0, 0, 0],
            "outlet": ["A", "B", "C"],
            "kind": ["body"] * 3,
            "text": ["Talks failed in Astana.", "Talks failed, in Astana!", "Talks failed there."],
        }
    )
    aligned = pd.DataFrame([dict(doc_a="b", passage_a=0, doc_b="c", passage_b=0, relation="reuse")])
    assert copy_groups(passages).tolist() == [0, 0, 2]  # the same words
    assert copy_groups(passages, aligned).tolist() == [0, 0, 0]  # and a reuse pair
    # Alone, passage 0 is in A (contrast 0.3), passage 1 in no frame (0.1): together,
    # their mean contrast 0.2 puts all three copies in A.
    vectors = np.vstack(
        [passage_with(0.3, 0.0, 0.0), passage_with(0.1, 0.0, 0.0), passage_with(0.2, 0.0, 0.0)]
    )
    alone = assign_frames(passages, vectors, PROTOTYPES, frames=TOY)
    assert list(alone["frame"]) == ["A", OTHER, "A"]
    together = assign_frames(
        passages, vectors, PROTOTYPES, frames=TOY, groups=copy_groups(passages, aligned)
    )
    assert list(together["frame"]) == ["A", "A", "A"]
    assert set(together["copies"]) == {3} and len(set(together["score"])) == 1
    settings = FrameSettings()
    assert confidence(0.17, 0.5, settings) == "low"
    assert confidence(0.20, 0.5, settings) == "medium"
    assert confidence(0.30, 0.5, settings) == "high"
    assert confidence(0.30, 0.22, settings) == "low"  # barely about the frame's subject
