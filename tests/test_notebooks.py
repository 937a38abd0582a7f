"""The notebooks as papermill users run them: parameters checked first, errors in one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from narrative import config

PAPERMILL = Path(sys.executable).parent / "papermill"


def _papermill(notebook: str, out: Path, *params: str) -> subprocess.Popen:
    """Start ``papermill notebook out -p name value ...`` (as the README shows it)."""
    return subprocess.Popen(
        [str(PAPERMILL), str(config.NOTEBOOKS_DIR / notebook), str(out), *params],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _error_line(output: str) -> str:
    """The line papermill prints after "Exception encountered at ...": the cell's error."""
    lines = output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Exception encountered at"))
    return lines[at + 1]


def test_bad_parameters_stop_the_notebook_with_one_line(tmp_path: Path, fixtures: Path):
    """A wrong type, an unknown name and a wrong outlet: exit status 1, one line, nothing after."""
    corpus = str(fixtures / "plain-corpus")
    runs = {
        "type": _papermill(
            "02-coverage-and-emphasis.ipynb",
            tmp_path / "type.ipynb",
            "-p",
            "max_facts_shown",
            "ten",
        ),
        "unknown": _papermill(
            "02-coverage-and-emphasis.ipynb", tmp_path / "unknown.ipynb", "-p", "outlet", "TASS"
        ),
        "outlet": _papermill(
            "10-outlet-pair.ipynb",
            tmp_path / "outlet.ipynb",
            *("-p", "corpus", corpus, "-p", "outlet_a", "nowhere"),
        ),
    }
    output = {name: run.communicate(timeout=600)[0] for name, run in runs.items()}
    for name, run in runs.items():
        assert run.returncode == 1, output[name]
        assert "without encryption" not in output[name]
    assert _error_line(output["type"]) == (
        "ParameterError: parameter 'max_facts_shown' must be int, not 'ten'"
    )
    assert _error_line(output["unknown"]).startswith(
        "ParameterError: unknown parameter 'outlet'; valid names: corpus, model,"
    )
    assert _error_line(output["outlet"]).startswith(
        "CorpusError: outlet_a 'nowhere' is not in the corpus; name an outlet by label, "
        "outlet or doc_id: "
    )
    # The error is the checked cell's, in one line, and no later cell ran.
    executed = json.loads((tmp_path / "type.ipynb").read_text(encoding="utf-8"))
    code = [c for c in executed["cells"] if c["cell_type"] == "code"]
    failed = next(i for i, c in enumerate(code) if c.get("outputs"))
    error = [o for o in code[failed]["outputs"] if o["output_type"] == "error"]
    assert len(error) == 1 and len(error[0]["traceback"]) == 1
    assert "pipeline.run_with_parameters" in "".join(code[failed]["source"])
    assert all(c["execution_count"] is None for c in code[failed + 1 :])


def test_help_notebook_shows_types_and_help():
    shown = subprocess.run(
        [str(PAPERMILL), "--help-notebook", str(config.NOTEBOOKS_DIR / "10-outlet-pair.ipynb")],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert "max_links: int (default 3)" in shown
    assert "outlet_a: str" in shown and "its label, outlet name or a doc_id" in shown


@pytest.mark.parametrize(
    "path", sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb")), ids=lambda p: p.name
)
def test_notebooks_name_the_project_kernel(path: Path):
    spec = json.loads(path.read_text(encoding="utf-8"))["metadata"]["kernelspec"]
    assert spec["name"] == "narrative"
