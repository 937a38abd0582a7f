"""The bootstrap behind the alignment benchmark's intervals (scripts/benchmark_alignment.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def bench(load_script):
    return load_script("benchmark_alignment")


def test_bootstrap_resamples_passages_with_all_their_pairs(bench):
    gold = {("a", i, "b", i) for i in range(10)} | {("a", 0, "b", 5)}
    half = {("a", i, "b", i) for i in range(5)} | {("a", 0, "b", 9)}  # 5 hits, 1 false alarm
    f1 = bench.bootstrap_f1({"all": set(gold), "half": half, "none": set()}, gold, resamples=500)
    assert (f1["all"] == 1).all() and (f1["none"] == 0).all()
    # the point estimate, 2 * 5 / (2 * 5 + 1 + 6), lies inside the spread of the resamples
    assert np.percentile(f1["half"], 2.5) < 10 / 17 < np.percentile(f1["half"], 97.5)
    assert f1["half"].std() > 0
    # the same seed gives the same resamples, so differences between methods are paired
    again = bench.bootstrap_f1({"half": half}, gold, resamples=500)
    assert (again["half"] == f1["half"]).all()
    assert bench.interval(np.linspace(0, 1, 401)) == "0.03 to 0.97"  # central 95%


def test_claims_benchmark_finds_every_gold_file_and_bootstraps_shares(load_script, tmp_path):
    claims = load_script("benchmark_claims")
    for name in ("astana-2017", "ecbplus-x"):
        (tmp_path / f"{name}.csv").write_text("fact_id,doc_id,snippet\n", encoding="utf-8")
    sets = claims.labelled_sets(tmp_path, figure_dir=tmp_path / "figures")
    assert [(s.name, s.role) for s in sets] == [("astana-2017", "dev"), ("ecbplus-x", "held-out")]
    assert sets[1].corpus == claims.DEV_CORPORA / "ecbplus-x"
    assert claims.build_args(sets) == ["--ecbplus-event", "x"]
    assert claims.bootstrap([True] * 10) == (1.0, 1.0)
    low, high = claims.bootstrap([True, False] * 20)
    assert low < 0.5 < high
    assert all(v != v for v in claims.bootstrap([]))


def test_claims_benchmark_scores_a_set_with_figure_labels_only(load_script, tmp_path):
    claims = load_script("benchmark_claims")
    (tmp_path / "figures").mkdir()
    (tmp_path / "ecbplus-x.csv").write_text("fact_id,doc_id,snippet\n", encoding="utf-8")
    for name in ("ecbplus-x", "fakes-2017-04-15-deir-hafer"):
        (tmp_path / "figures" / f"{name}.csv").write_text("doc_a\n", encoding="utf-8")
    sets = claims.labelled_sets(tmp_path, figure_dir=tmp_path / "figures")
    assert [(s.name, s.gold) for s in sets] == [
        ("ecbplus-x", tmp_path / "ecbplus-x.csv"),
        ("fakes-2017-04-15-deir-hafer", None),
    ]
    assert sets[1].role == "held-out"
    assert sets[1].corpus == claims.DEV_CORPORA / "fakes-2017-04-15-deir-hafer"
    assert claims.build_args(sets[1:]) == ["--fakes-group", "2017-04-15|deir hafer"]


def test_a_set_a_claim_types_rules_were_changed_on_is_dev_for_that_type_only(load_script):
    claims = load_script("benchmark_claims")
    from narrative.evaluate import ClaimCheck

    labelled = claims.LabelledSet("fakes-2017-04-15-aleppo", claims.DEV_CORPORA, None, "held-out")
    figures = claims.row_of(labelled, ClaimCheck("figures differ", [True], [True, False]))
    units = claims.row_of(labelled, ClaimCheck("story unit", [True], [True]))
    assert (figures["role"], units["role"]) == ("dev", "held-out")
    assert (figures["precision"], figures["recall"]) == (1.0, 0.5)


def test_claims_benchmark_takes_run_parameters_but_writes_only_the_defaults(load_script, capsys):
    claims = load_script("benchmark_claims")
    with pytest.raises(SystemExit):
        claims.main(["-p", "no_such_parameter=1", "--set", "astana-2017"])
    assert "unknown parameter 'no_such_parameter'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        claims.main(["-p", "model=models/all-mpnet-base-v2", "--write"])
    assert "--write stores the defaults' table" in capsys.readouterr().err


def test_absence_separation_measures_a_threshold_from_below(load_script):
    separation = load_script("absence_separation").separation
    right = np.array([True, True, False, True, False, False])
    score = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
    measured = separation(right, score)
    # 8 of the 9 (right, wrong) pairs have the right row lower
    assert measured["auc"] == pytest.approx(8 / 9)
    # recall 2/3 at 0.2 with both right: precision 1.0; recall 1.0 needs 0.4: 3 of 4
    assert measured["precision@recall0.5"] == measured["precision@recall0.1"] == 1.0
    assert measured["recall@p0.9"] == pytest.approx(2 / 3)
    flat = separation(right, np.full(6, 0.5))
    assert flat["auc"] == 0.5 and flat["precision@recall0.5"] == 0.5


def test_absence_separation_matches_audited_outlet_only_rows_by_id(load_script):
    match = load_script("absence_separation")._outlet_only_match
    table = pd.DataFrame(
        {
            "fact_id": ["S-nyt-6", "S-9_13ecbplus-10", "S-9_1ecbplus-10"],
            "doc_id": ["nyt", "9_13ecbplus", "9_1ecbplus"],
            "passage_id": [6, 10, 10],
        }
    )
    assert match("S-nyt-6 (NYT#6)", table) == "S-nyt-6"
    assert match("9_1#10", table) == "S-9_1ecbplus-10"
    assert match("9_13#10", table) == "S-9_13ecbplus-10"
    assert match("S-nyt-7 (NYT#7)", table) is None
