"""Read a corpus: a folder of articles, with or without a manifest.

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
=============  ========  ====================================================

Input files are only ever read.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_NAME = "manifest.csv"
TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
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
)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class CorpusError(Exception):
    """A corpus that cannot be read; the message is one line for the user."""


@dataclass
class Document:
    """One article as read from disk, before cleaning.

    Attributes:
        doc_id: Unique id within the corpus.
        path: File the text came from.
        outlet: Publisher, or ``"unknown"``.
        label: Short display name.
        origin: Wire agency or own reporting; empty when unknown.
        published: Date string (YYYY, YYYY-MM or YYYY-MM-DD) or empty.
        title: Headline from the manifest or the HTML metadata; may be empty.
        url: Source address, for reference only.
        language: ISO 639-1 code or empty.
        standfirst: Standfirst hint from the manifest; may be empty.
        text: The text as read (HTML already reduced to article text).
    """

    doc_id: str
    path: Path
    outlet: str
    label: str
    origin: str
    published: str
    title: str
    url: str
    language: str
    standfirst: str
    text: str


@dataclass
class Corpus:
    """The documents of a corpus and what was noticed while reading them.

    Attributes:
        root: The corpus folder.
        documents: Documents in manifest (or file-name) order.
        warnings: One line per problem that did not stop the run; shown in
            the report's inputs section.
    """

    root: Path
    documents: list[Document]
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The corpus folder's name, used for the report folder."""
        return self.root.name

    @property
    def outlets(self) -> list[str]:
        """Distinct outlet labels in document order."""
        return list(dict.fromkeys(d.label for d in self.documents))


def read_text_file(path: Path) -> str:
    """Decode a text file, trying UTF-8 (with or without BOM), UTF-16, then cp1252.

    Args:
        path: The file.

    Returns:
        The text with line endings normalised to ``\\n``.

    Raises:
        CorpusError: When the file is not text.
    """
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorpusError(f"{path.name}: not a text file (binary content)")
    for encoding in ("utf-8-sig", "utf-16", "cp1252", "latin-1"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_html_file(path: Path) -> tuple[str, str]:
    """Extract the article text and title from an HTML page with trafilatura.

    Scripts, styles, navigation and comments are dropped by the extractor; no
    URL inside the page is fetched.

    Args:
        path: The HTML file.

    Returns:
        ``(text, title)``; the title is empty when the page has none.

    Raises:
        CorpusError: When no article text can be extracted.
    """
    import trafilatura

    html = read_text_file(path)
    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True
    )
    if not text:
        raise CorpusError(f"{path.name}: no article text found in the HTML")
    meta = trafilatura.extract_metadata(html)
    title = (meta.title or "") if meta is not None else ""
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return text, title


def _read_document_text(path: Path) -> tuple[str, str]:
    if path.suffix.lower() in HTML_SUFFIXES:
        return read_html_file(path)
    return read_text_file(path), ""


def _infer_outlet(path: Path) -> str:
    """Guess the outlet from a file name such as ``reuters-2017-06-x.txt``."""
    stem = path.stem.lower()
    head = re.split(r"[-_ .]", stem, maxsplit=1)[0]
    return head if head and not head.isdigit() else "unknown"


def _read_manifest(root: Path, warnings: list[str]) -> list[dict[str, str]]:
    manifest = root / MANIFEST_NAME
    with manifest.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        columns = [c.strip() for c in (reader.fieldnames or [])]
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            raise CorpusError(
                f"{manifest}: missing column(s) {', '.join(missing)}; "
                f"required: {', '.join(REQUIRED_COLUMNS)}"
            )
        rows = [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in reader]
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


def load_corpus(root: str | Path) -> Corpus:
    """Read every document of a corpus folder.

    Args:
        root: The corpus folder.

    Returns:
        The corpus, with a warning for each document or field that could not
        be used as given.

    Raises:
        CorpusError: When the folder is missing or holds no readable article.
    """
    root = Path(root)
    if not root.is_dir():
        raise CorpusError(f"corpus folder not found: {root}")
    warnings: list[str] = []
    documents: list[Document] = []
    if (root / MANIFEST_NAME).is_file():
        rows = _read_manifest(root, warnings)
    else:
        files = sorted(
            p
            for p in root.iterdir()
            if p.is_file()
            and p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES
            and p.stem.upper() not in {"README", "FACTS", "LICENSE"}
        )
        rows = [{"doc_id": p.stem, "file": p.name} for p in files]
        if rows:
            warnings.append(
                f"no {MANIFEST_NAME} in {root.name}: each file is a document and its "
                "outlet is inferred from the file name"
            )
    for row in rows:
        path = root / row["file"]
        if not path.is_file():
            warnings.append(f"{row['doc_id']}: file {row['file']!r} not found; document skipped")
            continue
        try:
            text, html_title = _read_document_text(path)
        except CorpusError as error:
            warnings.append(f"{row['doc_id']}: {error}; document skipped")
            continue
        if not text.strip():
            warnings.append(f"{row['doc_id']}: file {row['file']!r} is empty; document skipped")
            continue
        outlet = row.get("outlet") or _infer_outlet(path)
        published = row.get("published", "")
        if published and not _DATE.match(published):
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
            )
        )
    if not documents:
        raise CorpusError(f"no readable article in {root}")
    return Corpus(root=root, documents=documents, warnings=warnings)
