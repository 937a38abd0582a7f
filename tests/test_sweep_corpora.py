"""Tests for scripts/sweep_corpora.py (what it reads of a run; the sweep itself is nightly)."""

from __future__ import annotations

import json

from narrative.views import warnings_view


def test_roots_are_opened_and_corpora_kept(tmp_path, load_script):
    sweep = load_script("sweep_corpora")
    root = tmp_path / "corpora"
    (root / "b-folder").mkdir(parents=True)
    (root / "b-folder" / "x-1.txt").write_text("text")
    (root / "a-manifest").mkdir()
    (root / "a-manifest" / "manifest.csv").write_text("doc_id,file\n")
    (root / "c-basil" / "articles").mkdir(parents=True)
    (root / "notes").mkdir()  # no articles: not a corpus
    (root / "rows.jsonl").write_text("{}\n")
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "y-1.md").write_text("text")
    found = sweep.find_corpora([root, alone])
    names = [p.name for p in found]
    assert names == ["a-manifest", "b-folder", "c-basil", "rows.jsonl", "alone"]


def test_report_warnings_are_read_from_the_pages_once_each(tmp_path, load_script):
    sweep = load_script("sweep_corpora")
    first = warnings_view(["no date in a <b>", "only one outlet"])
    (tmp_path / "01-a.html").write_text(f"<html>{first}</html>")
    (tmp_path / "02-b.html").write_text(warnings_view(["only one outlet"]))
    (tmp_path / "03-c.html").write_text(warnings_view([]))
    assert sweep.report_warnings(tmp_path) == ["no date in a <b>", "only one outlet"]


def test_notebook_stderr_lines_are_gathered(tmp_path, load_script):
    sweep = load_script("sweep_corpora")
    (tmp_path / "notebooks").mkdir()
    cell = {
        "cell_type": "code",
        "outputs": [
            {"output_type": "stream", "name": "stderr", "text": ["a.py:3: FutureWarning: x\n"]},
            {"output_type": "stream", "name": "stdout", "text": ["fine\n"]},
        ],
    }
    (tmp_path / "notebooks" / "01.ipynb").write_text(json.dumps({"cells": [cell]}))
    assert sweep.notebook_stderr(tmp_path) == ["a.py:3: FutureWarning: x"]


def test_the_exception_line_of_a_traceback_is_the_error(load_script):
    sweep = load_script("sweep_corpora")
    stderr = (
        "100%|###| 4/4\rTraceback (most recent call last):\n  File 'x.py', line 1\n"
        "    boom()\nKeyError: 'speaker'\n"
    )
    assert sweep.first_error(stderr) == "KeyError: 'speaker'"
    assert sweep.status_of(3, stderr, []) == "crash"
    failed = "narrative: 03-voices failed: cell 5 (quotes = ...): ValueError: x\n"
    assert sweep.first_error(failed) == failed.strip()
    assert sweep.status_of(1, failed, []) == "failed"


def test_a_guarded_rule_failure_is_not_ok(load_script):
    sweep = load_script("sweep_corpora")
    guarded = ["figures of this event were not computed (KeyError ...; please report it)"]
    assert sweep.status_of(0, "", guarded) == "guarded"
    assert sweep.status_of(0, "", ["only one outlet"]) == "ok"
    assert sweep.status_of(None, "", []) == "timeout"
