from __future__ import annotations

import nbformat
import pytest
from narrative import config


@pytest.fixture(scope="module")
def notebooks_with_outputs(load_script):
    return load_script("notebook_check").notebooks_with_outputs


def test_committed_notebooks_have_no_outputs(notebooks_with_outputs):
    assert notebooks_with_outputs(config.NOTEBOOKS_DIR) == []


def test_check_finds_outputs(tmp_path, notebooks_with_outputs):
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1 + 1")
    cell.outputs = [
        nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)
    ]
    notebook.cells = [cell]
    nbformat.write(notebook, tmp_path / "x.ipynb")
    assert notebooks_with_outputs(tmp_path) == [tmp_path / "x.ipynb"]
