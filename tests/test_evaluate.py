from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from narrative import config
from narrative.cleaning import clean_corpus
from narrative.corpus import CorpusError
from narrative.evaluate import (
    evaluate_alignment,
    fact_recall,
    gold_pairs,
    locate,
    read_gold,
    score,
)
from narrative.passages import segment_corpus
from narrative.readers import load_any
from narrative.review import DECISION_COLUMNS


def test_strict_scores_count_exact_pairs():
    gold = {("a", 0, "b", 0), ("a", 1, "b", 1), ("a", 2, "b", 5)}
    predicted = {("a", 0, "b", 0), ("a", 1, "b", 2)}
    s = score(predicted, gold)
    assert (s.correct_predicted, s.predicted, s.found_gold, s.gold) == (1, 2, 1, 3)
    assert s.precision == pytest.approx(0.5)
    assert s.recall == pytest.approx(1 / 3)
    assert s.f1 == pytest.approx(0.4)


def test_lax_scores_allow_one_passage_of_slack():
    gold = {("a", 0, "b", 0), ("a", 1, "b", 1), ("a", 2, "b", 5)}
    predicted = {("a", 0, "b", 0), ("a", 1, "b", 2), ("a", 9, "b", 9)}
    s = score(predicted, gold, lax=True)
    assert s.correct_predicted == 2  # (a1, b2) is next to gold (a1, b1)
    assert s.found_gold == 2  # (a2, b5) has no prediction within one passage
    assert score(set(), gold).precision == 0.0


def test_gold_pairs_skip_same_outlet_and_order_by_corpus():
    located = pd.DataFrame(
        [("F1", "b", 3), ("F1", "a", 1), ("F1", "a2", 4), ("F2", "a", 2)],
        columns=["fact_id", "doc_id", "passage_id"],
    )
    outlets = {"a": "AFP", "a2": "AFP", "b": "BBC"}
    pairs = gold_pairs(located, outlets, ["a", "a2", "b"])
    assert pairs == {("a", 1, "b", 3), ("a2", 4, "b", 3)}


def test_gold_pairs_pair_a_headline_only_with_a_headline():
    located = pd.DataFrame(
        [
            ("F1", "a", 0, "headline"),
            ("F1", "a", 2, "body"),
            ("F1", "b", 0, "headline"),
            ("F1", "b", 5, "standfirst"),
        ],
        columns=["fact_id", "doc_id", "passage_id", "kind"],
    )
    pairs = gold_pairs(located, {"a": "AFP", "b": "BBC"}, ["a", "b"])
    assert pairs == {("a", 0, "b", 0), ("a", 2, "b", 5)}


def test_fact_recall_counts_each_facts_pairs():
    located = pd.DataFrame(
        [("F1", "a", 1), ("F1", "b", 3), ("F1", "c", 7), ("F2", "a", 1), ("F2", "b", 4)],
        columns=["fact_id", "doc_id", "passage_id"],
    )
    outlets = {"a": "AFP", "b": "BBC", "c": "CNN"}
    found = {("a", 1, "b", 3), ("a", 1, "b", 9)}
    table = fact_recall(located, found, outlets, ["a", "b", "c"], {"F1": "the toll"})
    assert table[["fact_id", "articles", "gold", "found"]].values.tolist() == [
        ["F1", 3, 3, 1],
        ["F2", 2, 1, 0],
    ]
    assert table["note"].tolist() == ["the toll", ""]


def test_read_gold_needs_its_columns(tmp_path):
    bad = tmp_path / "gold.csv"
    bad.write_text("fact,doc\nF1,a\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="needs columns fact_id, doc_id, snippet"):
        read_gold(bad)
    with pytest.raises(CorpusError, match="not found"):
        read_gold(tmp_path / "missing.csv")


def test_read_gold_says_when_a_file_has_its_header_only(tmp_path):
    gold = tmp_path / "gold.csv"
    gold.write_text("fact_id,doc_id,snippet\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no gold rows"):
        read_gold(gold)
    decisions = tmp_path / "decisions.csv"
    decisions.write_text(",".join(DECISION_COLUMNS) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no decision yet"):
        read_gold(decisions)


def test_default_gold_maps_every_snippet(default_result):
    gold = read_gold(config.GOLD_DIR / "astana-2017.csv")
    evaluation = evaluate_alignment(
        default_result.alignments, default_result.passages, default_result.cleaned, gold
    )
    assert evaluation.warnings == []
    assert evaluation.strict.gold == 155
    strict = evaluation.strict
    assert strict.correct_predicted + len(evaluation.false_positives) == strict.predicted
    assert strict.found_gold + len(evaluation.false_negatives) == strict.gold
    assert 0 < evaluation.strict.f1 <= evaluation.lax.f1


def test_second_labelling_maps_every_snippet(default_result):
    second = read_gold(config.GOLD_DIR / "second" / "astana-2017.csv")
    evaluation = evaluate_alignment(
        default_result.alignments, default_result.passages, default_result.cleaned, second
    )
    assert evaluation.warnings == []
    assert evaluation.strict.gold > 0


def test_labels_by_passage_number_become_snippets_of_the_same_passages(tmp_path, default_result):
    script = config.PROJECT_ROOT / "scripts" / "label_by_number.py"
    dumped = subprocess.run(
        [sys.executable, str(script), "dump", "--corpus", str(config.DEFAULT_CORPUS)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    passages = default_result.passages
    assert dumped.count("\n[") == len(passages)
    chosen = passages.groupby("doc_id").head(3)  # headlines and short first sentences
    labels = tmp_path / "ids.csv"
    labels.write_text(
        "fact_id,doc_id,passage_id,note\n"
        + "".join(f"F{i},{r.doc_id},{r.passage_id},\n" for i, r in enumerate(chosen.itertuples())),
        encoding="utf-8",
    )
    converted = subprocess.run(
        [
            sys.executable,
            str(script),
            "snippets",
            "--corpus",
            str(config.DEFAULT_CORPUS),
            "--labels",
            str(labels),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    gold = tmp_path / "gold.csv"
    gold.write_text(converted, encoding="utf-8")
    located, warnings = locate(read_gold(gold), default_result.cleaned, passages)
    assert warnings == []
    found = sorted(zip(located["doc_id"], located["passage_id"], strict=True))
    assert found == sorted(zip(chosen["doc_id"], chosen["passage_id"], strict=True))


DEV_CORPORA = config.PROJECT_ROOT / ".cache" / "dev-corpora"


@pytest.mark.parametrize(
    "gold_file",
    sorted(p for d in (config.GOLD_DIR, config.GOLD_DIR / "second") for p in d.glob("*.csv")),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_every_gold_file_maps_every_snippet(gold_file):
    name = gold_file.stem
    corpus = config.DEFAULT_CORPUS if name == "astana-2017" else DEV_CORPORA / name
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is built by scripts/make_dev_corpora.py from ../shared/external")
    cleaned, _ = clean_corpus(load_any(corpus))
    located, warnings = locate(read_gold(gold_file), cleaned, segment_corpus(cleaned))
    assert warnings == []
    assert located["fact_id"].nunique() == read_gold(gold_file)["fact_id"].nunique()


def _claims_gold():
    """Three outlets; F1 in a0, b0, c0; F2 in a1, b1; a2, b2, c1 carry no shared fact."""
    from narrative.evaluate import GoldFacts

    located = pd.DataFrame(
        [("F1", "a", 0), ("F1", "b", 0), ("F1", "c", 0), ("F2", "a", 1), ("F2", "b", 1)],
        columns=["fact_id", "doc_id", "passage_id"],
    )
    rows = [
        dict(
            doc_id=d,
            passage_id=p,
            outlet=d.upper(),
            kind="body",
            paragraph=int(pos * 10),
            position=pos,
        )
        for d, p, pos in [
            ("a", 0, 0.0),
            ("a", 1, 0.5),
            ("a", 2, 0.9),
            ("b", 0, 0.8),
            ("b", 1, 0.1),
            ("b", 2, 0.6),
            ("c", 0, 0.0),
            ("c", 1, 0.7),
        ]
    ]
    passages = pd.DataFrame(rows)
    return GoldFacts(located, passages), passages


def test_outlet_only_claims_are_wrong_when_another_outlet_carries_the_fact():
    from narrative.evaluate import check_outlet_only

    gold, passages = _claims_gold()
    exclusive = pd.DataFrame(
        [("S-a-2", "a", 2), ("S-b-1", "b", 1)], columns=["fact_id", "doc_id", "passage_id"]
    )
    check = check_outlet_only(exclusive, gold, passages)
    assert check.right == [True, False]  # b1 carries F2, which a1 carries too
    assert check.made == 2 and check.precision == 0.5
    assert len(check.kept) == 3 and sum(check.kept) == 1  # a2, b2, c1 are truly outlet-only


def test_omission_claims_are_wrong_when_the_outlet_carries_the_fact():
    from narrative.evaluate import check_omissions

    gold, _ = _claims_gold()
    facts = pd.DataFrame(
        [("U1", "a", 1), ("U1", "b", 1), ("U2", "a", 0), ("U2", "b", 0)],
        columns=["fact_id", "doc_id", "passage_id"],
    )
    omitted = pd.DataFrame([("C", "U1"), ("C", "U2")], columns=["outlet", "fact_id"])
    check = check_omissions(omitted, facts, gold, {"a": "e", "b": "e", "c": "e"})
    assert check.right == [True, False]  # c0 carries F1
    assert check.kept == [True]  # the one true omission: C leaves out F2


def test_units_are_right_only_when_one_fact_runs_through_every_passage():
    from narrative.evaluate import check_units

    gold, _ = _claims_gold()
    units = pd.DataFrame(
        [("U1", "a", 0), ("U1", "c", 0), ("U2", "a", 1), ("U2", "b", 0)],
        columns=["unit_id", "doc_id", "passage_id"],
    )
    check = check_units(units, gold)
    assert check.right == [True, False]
    assert sorted(check.kept) == [False, True]
    # a candidate unit claims nothing: only the units stated as one fact are scored
    marked = units.assign(status=["one fact", "one fact", "candidate", "candidate"])
    assert check_units(marked, gold).right == [True]


def test_prominence_claims_need_one_fact_and_no_higher_placement():
    from narrative.evaluate import check_prominence

    gold, passages = _claims_gold()
    side = ["outlet", "doc_id", "passage_id"]
    gaps = pd.DataFrame(
        [
            ["U1", "A", "a", 0, "B", "b", 0],  # F1: top in A, b0 at 0.8 and nothing higher
            ["U2", "B", "b", 1, "A", "a", 2],  # b1 and a2 share no fact
        ],
        columns=["fact_id", *[f"{c}_top" for c in side], *[f"{c}_buried" for c in side]],
    )
    check = check_prominence(gaps, gold, passages)
    assert check.right == [True, False]
    # true gaps: F1 on top in A and C, buried in B; F2 on top in B, buried in A (0.5);
    # only the first is claimed
    assert sorted(check.kept) == [False, False, True]


def test_figure_findings_are_right_when_every_pair_is_labelled_the_same_quantity():
    from narrative.evaluate import check_figures

    labels = pd.DataFrame(
        [
            ("a", "320,000", "claimed 320,000", "b", "half a million", "half a million", "yes"),
            ("a", "fifth", "fifth round", "b", "fourth", "fourth round", "no"),
        ],
        columns=["doc_a", "surface_a", "snippet_a", "doc_b", "surface_b", "snippet_b", "same"],
    )
    side = ["doc", "surface", "text", "outlet"]
    rows = pd.DataFrame(
        [
            ["N1", "b", "half a million", "killed half a million", "B"]
            + ["a", "320,000", "claimed 320,000 lives", "A"],
            ["N2", "a", "fifth", "a fifth round", "A", "b", "fourth", "the fourth round", "B"],
        ],
        columns=["finding", *[f"{c}_a" for c in side], *[f"{c}_b" for c in side]],
    )
    check = check_figures(rows, labels)
    assert check.right == [True, False]  # labels match either way round
    assert check.kept == [True]
    assert not check_figures(rows, None).labelled
    # a candidate finding (its passages not aligned) is no claim: neither scored nor kept
    gated = rows.assign(status=["candidate", "differ"])
    assert check_figures(gated, labels).right == [False]
    assert check_figures(gated, labels).kept == [False]


def test_a_figure_label_names_the_figure_with_or_without_its_qualifier():
    from narrative.evaluate import bare_figure, figure_label

    labels = pd.DataFrame(
        [("a", "over 100", "dead over 100 injured", "b", "140", "injured 140 others", "yes")],
        columns=["doc_a", "surface_a", "snippet_a", "doc_b", "surface_b", "snippet_b", "same"],
    )
    row = pd.DataFrame(
        [["b", "140", "and injured 140 others", "a", "100", "48 dead over 100 injured"]],
        columns=["doc_a", "surface_a", "text_a", "doc_b", "surface_b", "text_b"],
    )
    assert bare_figure("At least  100") == "100" and bare_figure("Fifth") == "fifth"
    assert figure_label(next(row.itertuples(index=False)), labels) == "yes"
    other = row.assign(surface_b="10")  # another figure of the same snippet
    assert figure_label(next(other.itertuples(index=False)), labels) is None


@pytest.mark.parametrize(
    "labels", sorted((config.GOLD_DIR / "figures").glob("*.csv")), ids=lambda p: p.name
)
def test_every_figure_label_names_a_figure_of_its_corpus(labels):
    from narrative.evaluate import read_figure_gold

    name = labels.stem
    corpus = config.DEFAULT_CORPUS if name == "astana-2017" else DEV_CORPORA / name
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is built by scripts/make_dev_corpora.py from ../shared/external")
    cleaned, _ = clean_corpus(load_any(corpus))
    texts = {c.doc_id: c.text for c in cleaned}
    table = read_figure_gold(labels)
    assert set(table["same"]) <= {"yes", "no"}
    for side in ("a", "b"):
        for doc, surface, snippet in zip(
            table[f"doc_{side}"], table[f"surface_{side}"], table[f"snippet_{side}"], strict=True
        ):
            assert surface in snippet and snippet in texts[doc]


def _unit_gold():
    from narrative.evaluate import GoldFacts

    # F1 runs through the first passage of five outlets; a0 and b0 also carry F2; F3 is
    # in a1 and b1
    located = pd.DataFrame(
        [("F1", d, 0) for d in "abcde"]
        + [("F2", "a", 0), ("F2", "b", 0)]
        + [("F3", "a", 1), ("F3", "b", 1)],
        columns=["fact_id", "doc_id", "passage_id"],
    )
    passages = pd.DataFrame(
        [(d, p, d.upper()) for d in "abcde" for p in (0, 1)],
        columns=["doc_id", "passage_id", "outlet"],
    )
    return GoldFacts(located, passages)


def test_unit_detail_shows_split_facts_held_outlets_and_facts_outside_the_core():
    from narrative.evaluate import check_units, unit_detail

    gold = _unit_gold()
    units = pd.DataFrame(
        [("U1", "a", 0), ("U1", "b", 0), ("U1", "c", 0), ("U2", "d", 0), ("U2", "e", 0)],
        columns=["unit_id", "doc_id", "passage_id"],
    )
    detail = unit_detail(units, gold)
    assert detail == {
        "units": 2,
        "pure": 2,
        "shared": 3,
        "found": 1,  # F1; F2 is in a0 and b0 of U1 but not in c0
        "within": 2,
        "split": 1,  # F1 is the core of U1 and of U2
        "outlet_recall": 0.2,  # F1: 3 of its 5 outlets in U1; F2 and F3 in no core
    }
    # dropping c0, which carries U1's fact, raises check_units' recall: the core grows
    assert sum(check_units(units, gold).kept) == 1
    smaller = units[units["doc_id"] != "c"]
    assert sum(check_units(smaller, gold).kept) == 2
    assert unit_detail(smaller, gold)["within"] == 2
