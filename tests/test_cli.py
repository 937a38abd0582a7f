from __future__ import annotations

import subprocess
import sys

import pytest


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "narrative", *args], capture_output=True, text=True, timeout=120
    )


def test_params_lists_every_parameter():
    out = _run("params")
    assert out.returncode == 0
    assert "paraphrase_min" in out.stdout and "granularity" in out.stdout


def test_bad_parameter_stops_before_running(tmp_path):
    out = _run("report", "--out", str(tmp_path / "r"), "-p", "treshold=0.5")
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0
    assert "unknown parameter 'treshold'" in out.stderr and "paraphrase_min" in out.stderr
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "r").exists()


def test_missing_corpus_is_one_line(tmp_path):
    out = _run("report", "--corpus", str(tmp_path / "nowhere"))
    assert out.returncode == 2
    assert out.stderr.startswith("narrative: error: corpus not found")
    assert "Traceback" not in out.stderr


def test_unavailable_model_is_one_line(tmp_path, fixtures):
    out = _run(
        "report",
        "--corpus",
        str(fixtures / "plain-corpus"),
        "--out",
        str(tmp_path / "r"),
        "-p",
        "model=someone/unknown-model",
    )
    assert out.returncode == 2
    assert "not available offline" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.slow
def test_evaluate_prints_strict_and_lax_scores_and_claims(default_result):
    from narrative import config
    from narrative.evaluate import check_claims, evaluate_alignment, figure_gold_for, read_gold

    gold = config.GOLD_DIR / "astana-2017.csv"
    out = _run("evaluate", "--corpus", str(config.DEFAULT_CORPUS), "--gold", str(gold), "--claims")
    assert out.returncode == 0, out.stderr
    expected = evaluate_alignment(
        default_result.alignments, default_result.passages, default_result.cleaned, read_gold(gold)
    )
    strict = next(line for line in out.stdout.splitlines() if line.startswith("strict"))
    assert f"{expected.strict.f1:5.3f}" in strict
    assert f"{expected.strict.correct_predicted}/{expected.strict.predicted}" in strict.replace(
        " ", ""
    )
    checks, _ = check_claims(default_result, read_gold(gold), figure_gold_for(gold))
    lines = {line[:14].strip(): line.split() for line in out.stdout.splitlines()}
    for check in checks:
        words = lines[check.claim]
        assert words[len(check.claim.split())] == str(check.made)
    # the columns are explained: "3 right, recall 0.00" is no contradiction
    assert "A right claim\nneed not be a true one" in out.stdout


def test_evaluate_missing_gold_is_one_line(tmp_path):
    from narrative import config

    out = _run(
        "evaluate", "--corpus", str(config.DEFAULT_CORPUS), "--gold", str(tmp_path / "g.csv")
    )
    assert out.returncode == 2
    assert out.stderr.startswith("narrative: error: gold file not found")
