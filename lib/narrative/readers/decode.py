"""Bytes to text: encodings, files that are not text, HTML pages reduced to their article.

Text is decoded from UTF-8 (with or without BOM), UTF-16 or UTF-32 (BOM, or
the zero bytes that betray UTF-16 without one), else cp1252, and line endings
are normalised (:func:`decode_text`). Files that are not text (PDF, images,
archives; told by their content, not their name) are refused
(:func:`sniff_binary`). HTML, recognised by its suffix or its content, goes
through trafilatura's article extractor, which fetches nothing
(:func:`read_article_file`).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from narrative.corpus import CorpusError

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
#: Larger article files are not read at all: no article comes near this size.
MAX_FILE_BYTES = 64 * 1024 * 1024
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


def decode_file(path: Path) -> tuple[str, str]:
    """Decode a text file (see :func:`decode_text`), refusing files that are not text.

    Args:
        path: The file.

    Returns:
        ``(text, note)``: the text with line endings normalised to ``\\n``,
        and how it was decoded when it was not well-formed Unicode (``""``
        otherwise).

    Raises:
        CorpusError: When the file is not text (told by its content).
    """
    return _checked(path, decode_text(_read_bytes(path)))


def read_text_file(path: Path) -> str:
    """The text of a text file, decoded as :func:`decode_file` does."""
    return decode_file(path)[0]


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
