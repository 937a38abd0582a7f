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
event          no        the news event the article reports, when the corpus
                         holds several (see :mod:`narrative.events`)
=============  ========  ====================================================

Whatever the folder holds, reading it either stops with a one-line
:class:`CorpusError` (no folder, no readable article, a manifest without its
required columns) or goes on with a warning per problem: files that are not
text (binary, PDF, images; told by their content, not their name), empty
files, texts in a legacy encoding, manifest rows naming missing files or
repeating a doc_id, unparseable dates, texts far longer than any news article
(cut at :data:`MAX_DOCUMENT_CHARS`), and articles with identical text. Text is
decoded from UTF-8 (with or without BOM), UTF-16 or UTF-32 (BOM, or the zero
bytes that betray UTF-16 without one), else cp1252, and line endings are
normalised. When the manifest gives no language, it is detected
(:mod:`narrative.language`).

Input files are only ever read; nothing named inside an article (a URL, a
script) is fetched or run.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from narrative.language import detect_language, normalise_code

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
    "event",
)
#: Longest text analysed per article, in characters: some 30,000 words, beyond
#: the longest long-read; a longer text is cut at a paragraph break, with a
#: warning, so one odd file cannot take the run's time and memory.
MAX_DOCUMENT_CHARS = 200_000
#: Larger article files are not read at all: no article comes near this size.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: File stems in a folder without manifest that are notes, not articles.
NOT_ARTICLES = {"README", "FACTS", "LICENSE", "NOTES"}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
#: Leading bytes of file formats that are not text. A short list of unambiguous
#: signatures on purpose: generic sniffers also match two-letter ones (BMP's
#: "BM", DOS executables' "MZ") that ordinary text starts with.
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"RIFF", "a RIFF media file (WebP, WAV, AVI)"),
    (b"PK\x03\x04", "a ZIP archive, or a Word, OpenDocument or EPUB file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office file"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "a program"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Control characters that text never holds (tab, line and page breaks excepted),
#: C1 controls (what binary bytes become under latin-1) and U+FFFD.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_NEWLINES = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\u2028": "\n"})
_HTML_START = re.compile(r"\s*(<!doctype\s+html|<html[\s>]|<head[\s>])", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


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
        language: ISO 639-1 code, from the manifest or detected; empty when unknown.
        standfirst: Standfirst hint from the manifest; may be empty.
        text: The text as read (HTML already reduced to article text).
        event: The news event the article reports; empty when not given.
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
    event: str = ""


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

    def outlet_label(self, name: str, *, what: str = "outlet") -> str:
        """The display label of an outlet named by its label, outlet or a ``doc_id``.

        Args:
            name: The name, case-insensitive; surrounding spaces are ignored.
            what: How the error message calls the name (e.g. ``"outlet_a"``).

        Returns:
            The outlet's label, as :attr:`outlets` lists it.

        Raises:
            CorpusError: When nothing in the corpus has that name (one line
                listing the outlets by label and outlet name).
        """
        names: dict[str, str] = {}
        for d in self.documents:
            for key in (d.label, d.outlet, d.doc_id):
                names.setdefault(key.casefold(), d.label)
        found = names.get(name.strip().casefold())
        if found is None:
            raise CorpusError(
                f"{what} {name!r} is not in the corpus; name an outlet by label, outlet or "
                f"doc_id: {', '.join(self.outlet_names())}"
            )
        return found

    def outlet_names(self) -> list[str]:
        """Each outlet as ``label`` or ``label (outlet)`` when the two differ."""
        shown: dict[str, str] = {}
        for d in self.documents:
            other = f" ({d.outlet})" if d.outlet and d.outlet != d.label else ""
            shown.setdefault(d.label, f"{d.label}{other}")
        return list(shown.values())


def sniff_binary(data: bytes) -> str:
    """Say what a file is when its bytes are not text.

    Args:
        data: The file's bytes (the first few kilobytes are enough).

    Returns:
        ``""`` for text (any encoding :func:`decode_text` reads), else what it
        is, e.g. ``"a PDF document"`` or ``"binary content"``.
    """
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if data[4:8] == b"ftyp":
        return "an MP4, QuickTime or HEIC media file"
    head = data[:4096]
    if b"\x00" in head and not head.startswith(tuple(b for b, _ in _BOMS)):
        if not _utf16_without_bom(head):
            return "binary content"
    return ""


def _utf16_without_bom(head: bytes) -> str:
    """``"utf-16-le"``/``"utf-16-be"`` when zero bytes sit where UTF-16 puts them."""
    if len(head) < 4:
        return ""
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.6 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return ""


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text file whatever its encoding.

    A byte-order mark decides (UTF-8, UTF-16, UTF-32); so do the zero bytes of
    UTF-16 without one. Otherwise UTF-8 is tried; when it fails and most
    non-ASCII characters are still valid UTF-8, the few bad bytes are replaced
    (U+FFFD); else the text is cp1252 (Windows Western European, a superset of
    latin-1 for text), and latin-1 for the five bytes cp1252 leaves undefined.

    Args:
        data: The file's bytes.

    Returns:
        ``(text, note)``: the text with line endings normalised to ``\\n``, and
        ``""`` when it was well-formed Unicode, else a few words saying how it
        was read (for a warning).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _newlines(data[len(bom) :].decode(encoding, errors="replace")), ""
    guessed = _utf16_without_bom(data[:4096])
    if guessed:
        return _newlines(data.decode(guessed, errors="replace")), f"read as {guessed} (no BOM)"
    try:
        return _newlines(data.decode("utf-8")), ""
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    good = sum(1 for c in lenient if c > "\x7f") - bad
    if good > bad:
        return _newlines(lenient), f"{bad} byte(s) that are not UTF-8 replaced by U+FFFD"
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    note = f"not UTF-8; read as {encoding} (save it as UTF-8 if accents look wrong)"
    return _newlines(text), note


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\u2029", "\n\n").translate(_NEWLINES)


def _read_bytes(path: Path, *, max_bytes: int | None = None) -> bytes:
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise CorpusError(f"{path.name}: {size / 2**20:.0f} MB, too large for an article file")
    data = path.read_bytes()
    kind = sniff_binary(data)
    if kind:
        raise CorpusError(f"{path.name}: not a text file ({kind})")
    return data


def _checked(path: Path, decoded: tuple[str, str]) -> tuple[str, str]:
    text, note = decoded
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise CorpusError(f"{path.name}: not a text file (binary content)")
    return text, note


def read_text_file(path: Path) -> str:
    """Decode a text file (see :func:`decode_text`), refusing files that are not text.

    Args:
        path: The file.

    Returns:
        The text with line endings normalised to ``\\n``.

    Raises:
        CorpusError: When the file is not text (told by its content).
    """
    return _checked(path, decode_text(_read_bytes(path)))[0]


def _decode_html(data: bytes) -> tuple[str, str]:
    """Decode an HTML page, honouring its ``<meta charset>`` when it names a legacy encoding."""
    match = _META_CHARSET.search(data[:4096])
    if match and not data.startswith(tuple(b for b, _ in _BOMS)):
        try:
            declared = codecs.lookup(match.group(1).decode("ascii")).name
            # As browsers do (WHATWG), latin-1 and ASCII labels mean cp1252.
            declared = "cp1252" if declared in {"latin-1", "iso8859-1", "ascii"} else declared
            if not declared.startswith("utf"):
                return _newlines(data.decode(declared)), ""
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data)


def _extract_html(path: Path, html: str) -> tuple[str, str]:
    import trafilatura

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


def read_article_file(path: Path) -> tuple[str, str, str]:
    """Read one article file: text, or an HTML page reduced to its article text.

    HTML is recognised by its suffix or by its content (a page saved as
    ``.txt``); trafilatura extracts the article, dropping scripts, styles,
    navigation and comments, and fetches nothing named in the page.

    Args:
        path: The file.

    Returns:
        ``(text, title, note)``: the text, the HTML page's title (``""`` for
        plain text or a page without one) and how the file was decoded when
        it was not well-formed Unicode (``""`` otherwise; see :func:`decode_text`).

    Raises:
        CorpusError: When the file is not text, larger than
            :data:`MAX_FILE_BYTES`, or an HTML page without article text.
    """
    data = _read_bytes(path, max_bytes=MAX_FILE_BYTES)
    if path.suffix.lower() in HTML_SUFFIXES:
        html, note = _checked(path, _decode_html(data))
        return (*_extract_html(path, html), note)
    text, note = _checked(path, decode_text(data))
    if _HTML_START.match(text):
        return (*_extract_html(path, text), note)
    return text, "", note


def _infer_outlet(path: Path) -> str:
    """Guess the outlet from a file name such as ``reuters-2017-06-x.txt``."""
    stem = path.stem.lower()
    head = re.split(r"[-_ .]", stem, maxsplit=1)[0]
    return head if head and not head.isdigit() else "unknown"


def _valid_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    year, month, day = (value.split("-") + ["01", "01"])[:3]
    try:
        dt.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


def _read_manifest(root: Path, warnings: list[str]) -> list[dict[str, str]]:
    manifest = root / MANIFEST_NAME
    text, note = _checked(manifest, decode_text(_read_bytes(manifest)))
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


def _cut(text: str, max_chars: int) -> str:
    """The text up to the last paragraph (else line, else word) break before ``max_chars``."""
    head = text[:max_chars]
    for separator in ("\n\n", "\n", " "):
        end = head.rfind(separator)
        if end > max_chars // 2:
            return head[:end]
    return head


def check_documents(documents: list[Document], *, max_chars: int = MAX_DOCUMENT_CHARS) -> list[str]:
    """Complete and check documents however they were read; warn about what looks wrong.

    Texts longer than ``max_chars`` are cut at a paragraph break; a missing
    language is detected and a manifest's tag reduced to its primary code
    (``en-GB`` -> ``en``); articles with identical text are named (both kept).
    The documents are changed in place.

    Args:
        documents: The documents of one corpus.
        max_chars: Longest text kept per document, in characters.

    Returns:
        One warning per problem.
    """
    warnings = []
    for doc in documents:
        if len(doc.text) > max_chars:
            size = len(doc.text)
            doc.text = _cut(doc.text, max_chars)
            warnings.append(
                f"{doc.doc_id}: {size:,} characters, far longer than a news article; only the "
                f"first {len(doc.text):,} (up to a paragraph break) are analysed"
            )
        given = doc.language
        doc.language = normalise_code(given) or detect_language(doc.text)
        if given and not normalise_code(given):
            warnings.append(
                f"{doc.doc_id}: language {given!r} is not an ISO 639 code; "
                f"detected {doc.language or 'nothing certain'} instead"
            )
    by_text: dict[str, list[str]] = {}
    for doc in documents:
        digest = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
        by_text.setdefault(digest, []).append(doc.doc_id)
    for doc_ids in by_text.values():
        if len(doc_ids) > 1:
            warnings.append(
                f"{', '.join(doc_ids)}: identical text (duplicate files?); all are kept and "
                "compared as different articles"
            )
    return warnings


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
        if not path.is_file():
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
        if published and not _valid_date(published):
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
