"""Read a corpus folder: a manifest naming the article files, or the files found in it.

A corpus is a folder. When it holds ``manifest.csv``, that file names the
documents and their metadata; otherwise every ``.txt``, ``.md``, ``.html`` and
``.htm`` file is a document and its outlet is inferred (with a warning).

Manifest columns (CSV, UTF-8, header row):

=============  ========  ====================================================
column         required  meaning
=============  ========  ====================================================
doc_id         yes       unique short id of the article
file           yes       file name, relative to the corpus folder
outlet         no        publisher whose page the text was captured from
label          no        short display name in charts (defaults to outlet)
origin         no        wire agency or "own reporting" behind the text
published      no        publication date: YYYY, YYYY-MM or YYYY-MM-DD
title          no        headline; helps find it among captured page chrome
url            no        where the text was captured (never fetched)
language       no        ISO 639-1 code, e.g. ``en``
standfirst     no        the standfirst, or its first words, when the page
                         has one that cannot be told apart from the lede
event          no        the news event the article reports, when the corpus
                         holds several (see :mod:`narrative.events`)
=============  ========  ====================================================

Whatever the folder holds, reading it either stops with a one-line
:class:`CorpusError` (no folder, no readable article, a manifest without its
required columns) or goes on with a warning per problem: files that are not
text (binary, PDF, images; told by their content, not their name), empty
files, texts in a legacy encoding, manifest rows naming missing files or
repeating a doc_id, unparseable dates, texts far longer than any news article
(cut at :data:`MAX_DOCUMENT_CHARS`), and articles with identical text. Files are
decoded by :mod:`narrative.readers.decode`; the documents are completed and
checked by :func:`narrative.corpus.check_documents` (the language is
detected when the manifest gives none).

Only files inside the corpus folder are read: a manifest ``file`` that is an
absolute path, climbs out with ``..`` or leads out through a symbolic link,
and such a link found in a folder without manifest, are skipped with a
warning (:func:`outside_folder`). Input files are only ever read; nothing
named inside an article (a URL, a script) is fetched or run.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from narrative.corpus import Corpus, CorpusError, Document, check_documents
from narrative.readers.dates import valid_date
from narrative.readers.decode import HTML_SUFFIXES, TEXT_SUFFIXES, decode_file, read_article_file

MANIFEST_NAME = "manifest.csv"
REQUIRED_COLUMNS = ("doc_id", "file")
OPTIONAL_COLUMNS = (
    "outlet",
    "label",
    "origin",
    "published",
    "title",
    "url",
    "language",
    "standfirst",
    "event",
)
#: File stems in a folder without manifest that are notes, not articles.
NOT_ARTICLES = {"README", "FACTS", "LICENSE", "NOTES"}


def _infer_outlet(path: Path) -> str:
    """Guess the outlet from a file name such as ``reuters-2017-06-x.txt``."""
    stem = path.stem.lower()
    head = re.split(r"[-_ .]", stem, maxsplit=1)[0]
    return head if head and not head.isdigit() else "unknown"


def outside_folder(root: Path, name: str) -> str:
    """Why a file named in a corpus folder must not be read, or ``""`` when it may be.

    Only files inside the corpus folder are read: not an absolute path, not a
    path whose ``..`` climbs above the folder, not a symbolic link (or a path
    through one) that leads out of it. Nothing is opened to decide.

    Args:
        root: The corpus folder.
        name: The file as named (a manifest's ``file``, or a file found in the folder).

    Returns:
        A few words for a warning, or ``""``.
    """
    if Path(name).is_absolute():
        return "is an absolute path"
    base = root.resolve()
    target = (root / name).resolve()
    if not target.is_relative_to(base):
        how = "leads" if ".." in Path(name).parts else "is a link that leads"
        return f"{how} outside the corpus folder"
    return ""


def _read_manifest(root: Path, warnings: list[str]) -> list[dict[str, str]]:
    manifest = root / MANIFEST_NAME
    if outside_folder(root, MANIFEST_NAME):
        raise CorpusError(
            f"{manifest} is a link to a file outside the corpus folder; it is not read"
        )
    text, note = decode_file(manifest)
    if note:
        warnings.append(f"{MANIFEST_NAME}: {note}")
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        columns = [c.strip() for c in (reader.fieldnames or [])]
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            raise CorpusError(
                f"{manifest}: missing column(s) {', '.join(missing)}; "
                f"required: {', '.join(REQUIRED_COLUMNS)}"
            )
        rows = [
            {k.strip(): (v or "").strip() for k, v in row.items() if isinstance(k, str)}
            for row in reader
        ]
    except csv.Error as error:
        raise CorpusError(f"{manifest}: not a readable CSV ({error})") from None
    absent = [c for c in OPTIONAL_COLUMNS if c not in columns]
    if "outlet" in absent:
        warnings.append(f"{MANIFEST_NAME}: no 'outlet' column; outlets inferred from file names")
    seen: set[str] = set()
    kept = []
    for line, row in enumerate(rows, start=2):
        doc_id = row.get("doc_id", "")
        if not doc_id:
            warnings.append(f"{MANIFEST_NAME} line {line}: empty doc_id; row skipped")
            continue
        if doc_id in seen:
            warnings.append(f"{MANIFEST_NAME} line {line}: doc_id {doc_id!r} repeated; row skipped")
            continue
        seen.add(doc_id)
        kept.append(row)
    return kept


def _folder_rows(root: Path, warnings: list[str]) -> list[dict[str, str]]:
    """One row per article file of a folder without manifest; other files are named."""
    rows = []
    for path in sorted(p for p in root.iterdir() if p.is_file() and not p.name.startswith(".")):
        if path.stem.upper() in NOT_ARTICLES:
            continue
        if path.suffix.lower() not in TEXT_SUFFIXES | HTML_SUFFIXES:
            warnings.append(f"{path.name}: not a .txt, .md, .html or .htm file; skipped")
            continue
        rows.append({"doc_id": path.stem, "file": path.name})
    if rows:
        warnings.insert(
            0,
            f"no {MANIFEST_NAME} in {root.name}: each file is a document and its "
            "outlet is inferred from the file name",
        )
    return rows


def load_corpus(root: str | Path) -> Corpus:
    """Read every document of a corpus folder.

    Args:
        root: The corpus folder.

    Returns:
        The corpus, with a warning for each file, row or field that could not
        be used as given (see the module docstring).

    Raises:
        CorpusError: When the folder is missing, its manifest unusable, or it
            holds no readable article; the message is one line.
    """
    root = Path(root)
    if not root.is_dir():
        raise CorpusError(f"corpus folder not found: {root}")
    warnings: list[str] = []
    skipped: list[str] = []
    documents: list[Document] = []
    has_manifest = (root / MANIFEST_NAME).is_file()
    rows = _read_manifest(root, warnings) if has_manifest else _folder_rows(root, warnings)
    for row in rows:
        path = root / row["file"]
        problem = ""
        outside = outside_folder(root, row["file"])
        if outside:
            problem = (
                f"{row['doc_id']}: file {row['file']!r} {outside}; document skipped (only "
                "files inside the corpus folder are read)"
            )
        elif not path.is_file():
            problem = f"{row['doc_id']}: file {row['file']!r} not found; document skipped"
        else:
            try:
                text, html_title, note = read_article_file(path)
            except CorpusError as error:
                problem = f"{row['doc_id']}: {error}; document skipped"
            else:
                if not text.strip():
                    what = "empty" if not text else "only whitespace"
                    problem = f"{row['doc_id']}: file {row['file']!r} is {what}; document skipped"
        if problem:
            warnings.append(problem)
            skipped.append(problem)
            continue
        if note:
            warnings.append(f"{row['doc_id']}: {note}")
        outlet = row.get("outlet") or _infer_outlet(path)
        published = row.get("published", "")
        if published and not valid_date(published):
            warnings.append(
                f"{row['doc_id']}: published date {published!r} is not YYYY[-MM[-DD]]; ignored"
            )
            published = ""
        documents.append(
            Document(
                doc_id=row["doc_id"],
                path=path,
                outlet=outlet,
                label=row.get("label") or outlet,
                origin=row.get("origin", ""),
                published=published,
                title=row.get("title") or html_title,
                url=row.get("url", ""),
                language=row.get("language", ""),
                standfirst=row.get("standfirst", ""),
                text=text,
                event=row.get("event", ""),
            )
        )
    if not documents:
        if skipped:
            more = f" (and {len(skipped) - 1} more)" if len(skipped) > 1 else ""
            raise CorpusError(f"no readable article in {root}: {skipped[0]}{more}")
        if has_manifest:
            raise CorpusError(f"no readable article in {root}: {MANIFEST_NAME} lists none")
        raise CorpusError(
            f"no readable article in {root}: no {MANIFEST_NAME} and no .txt, .md, .html "
            "or .htm file"
        )
    warnings.extend(check_documents(documents))
    return Corpus(root=root, documents=documents, warnings=warnings)
