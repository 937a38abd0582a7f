"""What the executed notebooks of a built report wrote, read from their ``.ipynb`` files."""

from __future__ import annotations

import json
from pathlib import Path


def stderr_outputs(out_dir: Path) -> dict[str, list[str]]:
    """Collect the standard-error text every executed notebook of a report printed.

    Args:
        out_dir: A report folder (its executed notebooks are in ``notebooks/``).

    Returns:
        For each notebook file name, the text of its stderr outputs (empty when quiet).
    """
    found: dict[str, list[str]] = {}
    for notebook in sorted((out_dir / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        found[notebook.name] = [
            "".join(o.get("text", ""))
            for c in cells
            for o in c.get("outputs", [])
            if o.get("name") == "stderr"
        ]
    return found
