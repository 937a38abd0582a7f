from __future__ import annotations

import nbformat
from narrative import config
from narrative.notebook_check import notebooks_with_outputs


def test_committed_notebooks_have_no_outputs():
    assert notebooks_with_outputs(config.NOTEBOOKS_DIR) == []


def test_check_finds_outputs(tmp_path):
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1 + 1")
    cell.outputs = [
        nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)
    ]
    notebook.cells = [cell]
    nbformat.write(notebook, tmp_path / "x.ipynb")
    assert notebooks_with_outputs(tmp_path) == [tmp_path / "x.ipynb"]
