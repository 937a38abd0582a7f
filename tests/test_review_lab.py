"""The review notebook driven in real JupyterLab, in headless Chromium, as a researcher would.

JupyterLab is started by the project's own script (``scripts/lab.sh``) on a loopback
port with a token, on a copy of ``05-review.ipynb`` whose ``review`` parameter points
into the test's folder. Three questions are answered, one with a click and two with
keys (the first questions are "only this outlet reports it" claims: none of the passages
shown reports the fact, the first one does, the fact is no fact); the decisions file must
hold them, and a report page rebuilt with it must follow.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
from narrative import config, review

ENSURE_CHROMIUM = config.PROJECT_ROOT / "scripts" / "ensure-chromium.sh"
LAB = config.PROJECT_ROOT / "scripts" / "lab.sh"
CANNOT_INSTALL = 3
#: Generous: the kernel loads the model and runs the pipeline before the first question.
WAIT_MS = 240_000


@pytest.fixture(scope="module")
def chromium() -> str:
    """The Chromium binary, installed by the project's script when missing."""
    done = subprocess.run([str(ENSURE_CHROMIUM)], capture_output=True, text=True, check=False)
    if done.returncode == CANNOT_INSTALL:
        pytest.skip(f"Chromium cannot be installed here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _notebook_with(folder: Path, decisions: Path) -> Path:
    """A copy of the review notebook whose ``review`` parameter is ``decisions``."""
    source = json.loads((config.NOTEBOOKS_DIR / "05-review.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in source["cells"] if "parameters" in c["metadata"].get("tags", []))
    cell["source"] = [
        f"review: str = {str(decisions)!r}\n" if line.startswith("review:") else line
        for line in cell["source"]
    ]
    path = folder / "05-review.ipynb"
    path.write_text(json.dumps(source), encoding="utf-8")
    return path


@pytest.fixture
def lab(tmp_path: Path):
    """JupyterLab on a copy of the review notebook: ``(url, decisions file)``."""
    decisions = tmp_path / "decisions.csv"
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook_with(folder, decisions)
    port, token = _free_port(), secrets.token_hex(16)
    log = (tmp_path / "lab.log").open("w")
    server = subprocess.Popen(
        [
            str(LAB),
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            f"--IdentityProvider.token={token}",
            "--LabApp.news_url=",
            "--LabApp.collaborative=False",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        env={**os.environ, "NOTEBOOK_DIR": str(folder)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "lab.log").read_text()
                time.sleep(0.5)
        yield f"{base}/lab/tree/05-review.ipynb?token={token}", decisions
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def test_three_answers_in_jupyterlab_reach_the_file_and_the_report(lab, chromium, tmp_path):
    from playwright.sync_api import sync_playwright

    url, decisions = lab
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=["--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            page.locator(".jp-Notebook").wait_for(timeout=WAIT_MS)
            # The status bar says "Idle" once the kernel is up; Run All is disabled before.
            page.locator(".jp-StatusBar-Widget", has_text="Idle").first.wait_for(timeout=WAIT_MS)
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            none = page.locator(".narrative-review-none")
            try:
                none.wait_for(timeout=WAIT_MS)
            except Exception:
                page.screenshot(path=str(tmp_path / "lab.png"))
                outputs = page.locator(".jp-OutputArea").all_inner_texts()
                raise AssertionError(f"no question shown; outputs: {outputs}") from None
            first = page.locator(".widget-html").last.inner_text()
            none.click()  # answer 1, a click: none of these passages reports the fact
            page.wait_for_function(
                "t => !document.body.innerText.includes(t)", arg=first[:300], timeout=60_000
            )
            page.get_by_text("1 answered").wait_for(timeout=60_000)
            keys = page.locator(".narrative-review-keys input")
            keys.click()
            keys.press("1")  # answer 2, a key: the first passage shown reports it
            page.get_by_text("2 answered").wait_for(timeout=60_000)
            keys.press("a")  # answer 3, a key: the fact is no fact
            page.get_by_text("3 answered").wait_for(timeout=60_000)
            keys.press("u")  # undo the third ...
            page.get_by_text("2 answered").wait_for(timeout=60_000)
            keys.press("a")  # ... and give it again
            page.get_by_text("3 answered").wait_for(timeout=60_000)
        finally:
            browser.close()

    made = review.read_decisions(decisions)
    kinds = [d.decision for d in made]
    shown = kinds.index("same")
    assert shown >= 1 and kinds == ["different"] * shown + ["same", "not_fact"]
    assert all(d.decided_at for d in made)

    # A report page rebuilt with the file follows the answers.
    from narrative.report import build_report

    out = tmp_path / "report"
    notebook = [config.NOTEBOOKS_DIR / "01-align-passages.ipynb"]
    build_report(
        config.DEFAULT_CORPUS, out, {"review": str(decisions)}, notebooks=notebook, pairs=[]
    )
    alignments = pd.read_csv(out / "data" / "alignments.csv", keep_default_na=False)
    passages = pd.read_csv(out / "data" / "passages.csv", keep_default_na=False)
    from narrative import pipeline

    machine = pipeline.run(config.DEFAULT_CORPUS)
    located = review.locate_decisions(made, machine.cleaned, machine.passages)
    confirmed, rejected = next(iter(located.confirmed)), next(iter(located.rejected))
    keys = review.pair_keys(alignments)
    assert confirmed in keys
    assert alignments.loc[keys.index(confirmed), "reviewed"] == "confirmed"
    assert rejected not in keys, "a rejected pair is out (aligned by the machine or not)"
    (gone,) = located.not_facts
    assert not any(gone in k for k in keys), "a passage that is no fact has no pair"
    row = passages[(passages["doc_id"] == gone[0]) & (passages["passage_id"] == gone[1])]
    assert row["reviewed"].tolist() == ["not a fact"]
