"""Readers: every shape a corpus comes in, read into a :class:`narrative.corpus.Corpus`.

==========  ==============================================================
module      reads
==========  ==============================================================
``folder``  a folder of article files, with or without ``manifest.csv``
``rows``    one article per row: JSON Lines or CSV
``basil``   the BASIL layout (JSON articles, paragraphs of sentences)
``decode``  bytes to text: encodings, files that are not text, HTML pages
``dates``   publication dates, one check for every reader
==========  ==============================================================

:func:`load_any` picks the reader from what the path is. Input files are
only ever read, and only inside the corpus (see
:func:`narrative.readers.folder.outside_folder`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from narrative.corpus import Corpus, CorpusError
from narrative.readers.basil import is_basil, load_basil
from narrative.readers.folder import MANIFEST_NAME, load_corpus
from narrative.readers.rows import JSONL_SUFFIXES, load_csv_articles, load_jsonl, parse_columns

__all__ = [
    "is_basil",
    "load_any",
    "load_basil",
    "load_corpus",
    "load_csv_articles",
    "load_jsonl",
    "parse_columns",
]


def load_any(
    path: str | Path,
    *,
    columns: Mapping[str, str] | None = None,
    date_format: str | None = None,
) -> Corpus:
    """Read a corpus in whichever supported shape ``path`` has.

    * a folder with ``manifest.csv``, or a folder of article files:
      :func:`load_corpus`;
    * a folder in the BASIL layout (:func:`is_basil`): :func:`load_basil`;
    * a ``.jsonl`` / ``.ndjson`` file: :func:`load_jsonl`;
    * a ``manifest.csv`` file: its folder, as above;
    * any other ``.csv`` file: :func:`load_csv_articles`.

    Args:
        path: Folder or file.
        columns: Passed to the row readers.
        date_format: Passed to the row readers.

    Returns:
        The corpus.

    Raises:
        CorpusError: When the path is missing or of no supported shape.
    """
    path = Path(path)
    if path.is_dir():
        if not (path / MANIFEST_NAME).is_file() and is_basil(path):
            return load_basil(path)
        return load_corpus(path)
    if not path.is_file():
        raise CorpusError(f"corpus not found: {path}")
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return load_jsonl(path, columns=columns, date_format=date_format)
    if path.name == MANIFEST_NAME:
        return load_corpus(path.parent)
    if suffix == ".csv":
        return load_csv_articles(path, columns=columns, date_format=date_format)
    raise CorpusError(
        f"{path.name}: not a corpus; give a folder, a .jsonl file or a .csv file of articles"
    )
