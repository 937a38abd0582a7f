"""Write a run's tables as CSV files, atomically and reproducibly.

Each file is written to a temporary name in the same folder and then renamed,
so an interrupted run leaves either the old file or the new one, never half of
one. Rows are in a fixed order and floats rounded, so the same corpus and
parameters give byte-identical files.

Files in ``<out>/data/`` (columns are documented in the README):
``documents.csv``, ``passages.csv``, ``alignments.csv``, ``units.csv``,
``shared_content.csv``, ``removed_lines.csv``, ``events.csv``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from narrative.atomic import write_atomic
from narrative.coverage import shared_content_pairs
from narrative.pipeline import Result


def write_csv(frame: pd.DataFrame, path: Path, *, index: bool = False) -> Path:
    """Write a table to CSV atomically (temporary file, then rename).

    Args:
        frame: The table.
        path: Destination.
        index: Whether to write the index.

    Returns:
        ``path``.
    """
    return write_atomic(path, lambda out: frame.to_csv(out, index=index, lineterminator="\n"))


def write_exports(result: Result, out_dir: str | Path) -> dict[str, Path]:
    """Write every export of a run into ``<out_dir>/data/``.

    Args:
        result: The run.
        out_dir: The report folder.

    Returns:
        ``{name: path}`` of the files written.
    """
    data = Path(out_dir) / "data"
    tables = {
        "documents": result.documents,
        "passages": result.passages,
        "alignments": result.alignments,
        "units": result.units,
        "removed_lines": result.removed,
        "events": result.events.table,
    }
    written = {name: write_csv(frame, data / f"{name}.csv") for name, frame in tables.items()}
    # Long format, pairs that share something only: a square table of a corpus's
    # outlets grows with their square (hundreds of outlets, tens of thousands of cells).
    pairs = shared_content_pairs(result.passages, result.alignments)
    shared = pairs[["outlet", "other", "words", "shared_words", "shared"]]
    written["shared_content"] = write_csv(shared, data / "shared_content.csv")
    return written


def export(frame: pd.DataFrame, out_dir: str | Path, name: str, *, index: bool = False) -> Path:
    """Write one analysis table to ``<out_dir>/data/<name>.csv`` (atomically).

    Args:
        frame: The table (its columns are documented in the README).
        out_dir: The report folder.
        name: File name without ``.csv``.
        index: Whether to write the index.

    Returns:
        The path written.
    """
    return write_csv(frame, Path(out_dir) / "data" / f"{name}.csv", index=index)
