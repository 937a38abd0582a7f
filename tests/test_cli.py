from __future__ import annotations

import subprocess
import sys


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
    assert out.stderr.startswith("narrative: error: corpus folder not found")
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
