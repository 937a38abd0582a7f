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
