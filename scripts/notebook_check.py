"""Fail when a notebook is committed with outputs: ``python scripts/notebook_check.py DIR``.

Reports are built by commands, never saved by hand, so notebooks in the
repository carry no outputs or execution counts.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat


def notebooks_with_outputs(folder: Path) -> list[Path]:
    """Notebooks under ``folder`` that hold outputs or execution counts."""
    dirty = []
    for path in sorted(folder.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code" and (cell.outputs or cell.execution_count):
                dirty.append(path)
                break
    return dirty


def main(argv: list[str]) -> int:
    """Check the folders given (default ``notebooks``); exit 1 if any is dirty."""
    dirty = [p for folder in (argv or ["notebooks"]) for p in notebooks_with_outputs(Path(folder))]
    for path in dirty:
        print(f"{path}: committed with outputs; clear them (Kernel > Restart and Clear Outputs)")
    return 1 if dirty else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
