"""Read corpora held one article per row: JSON Lines (``.jsonl``) or CSV.

Row fields (JSONL keys or CSV header names; an alias is used when the field
itself is absent; any other field is ignored):

==========  ===================  ===============================================
field       aliases              meaning and default
==========  ===================  ===============================================
text        body, content        the article text (required); in JSONL also a
                                 list of paragraphs, each a string or a list
                                 of sentences; rows without text are skipped
doc_id      id, uuid             unique id; default ``<file stem>-<row>``
outlet      source, publisher    publisher; ``"unknown"`` (with a warning)
label                            display name; defaults to the outlet
title       headline             headline; put above the text when the text
                                 does not already start with it
published   date                 ``YYYY[-MM[-DD]]`` or an ISO date-time (cut to
                                 the day); other forms need ``date_format``
event       event_id             the news event (see :mod:`narrative.events`)
origin, url, language, standfirst  as in a manifest (:mod:`narrative.readers.folder`)
==========  ===================  ===============================================

A row's document has the row's file as its ``path``. Documents are checked
as a folder's are (:func:`narrative.corpus.check_documents`: overlong texts
cut, language detected when not given, identical texts named). Input files
are only ever read.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from narrative.corpus import Corpus, CorpusError, Document, checked_corpus
from narrative.readers.dates import normalise_date
from narrative.readers.decode import read_text_file
from narrative.readers.folder import MANIFEST_NAME

#: Row fields and the aliases read when the field itself is absent, in order.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("body", "content"),
    "doc_id": ("id", "uuid"),
    "outlet": ("source", "publisher"),
    "label": (),
    "title": ("headline",),
    "published": ("date",),
    "event": ("event_id",),
    "origin": (),
    "url": (),
    "language": (),
    "standfirst": (),
}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def join_paragraphs(body: str | Iterable[str | Iterable[str]]) -> str:
    """Turn a text given as a string or as paragraphs (of sentences) into one text.

    Args:
        body: A string, or a list of paragraphs, each a string or a list of
            sentence strings.

    Returns:
        Paragraphs separated by a blank line, sentences of a paragraph by a
        space; empty paragraphs are dropped.
    """
    if isinstance(body, str):
        return body
    paragraphs = []
    for paragraph in body:
        text = paragraph if isinstance(paragraph, str) else " ".join(s.strip() for s in paragraph)
        if text.strip():
            paragraphs.append(text.strip())
    return "\n\n".join(paragraphs)


def with_title(text: str, title: str) -> str:
    """Put the headline above the text unless the text already starts with it.

    The cleaning stage finds the headline as the text's first line, as on a
    captured page.

    Args:
        text: The article text.
        title: The headline; may be empty.

    Returns:
        ``"<title>\\n\\n<text>"``, or ``text`` unchanged.
    """
    if not title or text.lstrip().startswith(title):
        return text
    return f"{title}\n\n{text}"


def _field(row: Mapping[str, object], name: str, columns: Mapping[str, str]) -> object:
    for key in (columns.get(name, name), *FIELD_ALIASES[name]):
        value = row.get(key)
        if value is not None and value != "":
            return value
    return ""


def parse_columns(text: str) -> dict[str, str]:
    """Read ``field=name,field=name`` (the ``columns`` parameter) into ``{field: name}``.

    Args:
        text: Comma-separated ``field=name`` pairs; empty for none.

    Returns:
        The mapping.

    Raises:
        CorpusError: For a pair without ``=`` or a field that does not exist.
    """
    columns: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        field, sep, name = (x.strip() for x in item.partition("="))
        if not sep or not field or not name:
            raise CorpusError(f"columns: {item!r} is not field=name (e.g. text=article_content)")
        columns[field] = name
    return _checked_columns(columns)


def _checked_columns(columns: Mapping[str, str] | None) -> dict[str, str]:
    columns = dict(columns or {})
    unknown = sorted(set(columns) - set(FIELD_ALIASES))
    if unknown:
        raise CorpusError(
            f"unknown field(s) in columns: {', '.join(unknown)}; known: {', '.join(FIELD_ALIASES)}"
        )
    return columns


def documents_from_rows(
    rows: Iterable[tuple[int, Mapping[str, object]]],
    source: Path,
    *,
    columns: Mapping[str, str] | None = None,
    date_format: str | None = None,
) -> tuple[list[Document], list[str]]:
    """Build documents from article rows (the shared core of the JSONL and CSV readers).

    Args:
        rows: ``(row number, row)`` pairs, numbered as the user sees the file
            (a JSONL line number; a CSV row number, the header being row 1);
            a row maps field names to values.
        source: The file the rows come from.
        columns: ``{field: name in the file}`` for fields stored under another
            name, e.g. ``{"text": "article_content"}``.
        date_format: See :func:`normalise_date`.

    Returns:
        ``(documents, warnings)``: one document per usable row, one warning
        line per row or field that could not be used as given.

    Raises:
        CorpusError: When ``columns`` names a field that does not exist.
    """
    columns = _checked_columns(columns)
    documents: list[Document] = []
    warnings: list[str] = []
    seen: set[str] = set()
    missing_outlet = 0
    for number, row in rows:
        where = f"{source.name} row {number}"
        raw_text = _field(row, "text", columns)
        text = join_paragraphs(raw_text) if isinstance(raw_text, str | list) else ""
        if not text.strip():
            warnings.append(f"{where}: no article text; row skipped")
            continue
        values = {
            name: str(_field(row, name, columns)).strip()
            for name in FIELD_ALIASES
            if name != "text"
        }
        doc_id = values["doc_id"] or f"{source.stem}-{number}"
        if doc_id in seen:
            warnings.append(f"{where}: doc_id {doc_id!r} repeated; row skipped")
            continue
        seen.add(doc_id)
        published = normalise_date(values["published"], date_format=date_format)
        if published is None:
            warnings.append(
                f"{doc_id}: published date {values['published']!r} is not YYYY[-MM[-DD]]"
                + ("" if date_format else " (give date_format to read it)")
                + "; ignored"
            )
            published = ""
        outlet = values["outlet"]
        if not outlet:
            missing_outlet += 1
            outlet = "unknown"
        title = values["title"]
        text = with_title(text.replace("\r\n", "\n").replace("\r", "\n"), title)
        documents.append(
            Document(
                doc_id=doc_id,
                path=source,
                outlet=outlet,
                label=values["label"] or outlet,
                origin=values["origin"],
                published=published,
                title=title,
                url=values["url"],
                language=values["language"],
                standfirst=values["standfirst"],
                text=text,
                event=values["event"],
            )
        )
    if missing_outlet:
        warnings.append(f"{source.name}: {missing_outlet} row(s) name no outlet; set to 'unknown'")
    return documents, warnings


def load_jsonl(
    path: str | Path,
    *,
    columns: Mapping[str, str] | None = None,
    date_format: str | None = None,
) -> Corpus:
    """Read a JSON Lines file holding one article (a JSON object) per line.

    Args:
        path: The ``.jsonl`` file.
        columns: ``{field: key in the file}`` for fields stored under another
            key (fields and aliases: see the module docstring).
        date_format: ``strptime`` format for non-ISO dates.

    Returns:
        The corpus; its ``root`` is the file. Lines that are not JSON objects
        are skipped with a warning.

    Raises:
        CorpusError: When the file is missing or holds no usable article.
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"file not found: {path}")
    rows: list[tuple[int, Mapping[str, object]]] = []
    warnings: list[str] = []
    for line, raw in enumerate(read_text_file(path).split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as error:
            warnings.append(f"{path.name} line {line}: not JSON ({error.msg}); line skipped")
            continue
        if not isinstance(row, dict):
            warnings.append(f"{path.name} line {line}: not a JSON object; line skipped")
            continue
        rows.append((line, row))
    documents, more = documents_from_rows(rows, path, columns=columns, date_format=date_format)
    return checked_corpus(path, documents, warnings + more)


def load_csv_articles(
    path: str | Path,
    *,
    columns: Mapping[str, str] | None = None,
    date_format: str | None = None,
) -> Corpus:
    """Read a CSV file holding one article per row, its text in a column.

    The file is decoded as :func:`narrative.readers.decode.read_text_file` does
    (UTF-8, UTF-16, then cp1252); fields may hold line breaks when quoted.

    Args:
        path: The CSV file, with a header row.
        columns: ``{field: column name}`` for fields under another name,
            e.g. ``{"text": "article_content", "title": "article_title"}``.
        date_format: ``strptime`` format for non-ISO dates, e.g. ``"%m/%d/%Y"``.

    Returns:
        The corpus; its ``root`` is the file.

    Raises:
        CorpusError: When the file is missing, has no text column (a manifest
            of files must be named ``manifest.csv`` in its corpus folder), or
            holds no usable article.
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"file not found: {path}")
    try:
        table = pd.read_csv(
            io.StringIO(read_text_file(path)),
            dtype=str,
            keep_default_na=False,
            skipinitialspace=True,
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise CorpusError(f"{path.name}: not a readable CSV ({error})") from error
    table.columns = [str(c).strip() for c in table.columns]
    text_names = {_checked_columns(columns).get("text", "text"), *FIELD_ALIASES["text"]}
    if not text_names & set(table.columns):
        raise CorpusError(
            f"{path.name}: no text column (text, body or content); a manifest naming files "
            f"must be called {MANIFEST_NAME} inside the corpus folder"
        )
    # Numbered as in a spreadsheet: the header is row 1.
    rows = ((i + 2, row) for i, row in enumerate(table.to_dict("records")))
    documents, warnings = documents_from_rows(rows, path, columns=columns, date_format=date_format)
    return checked_corpus(path, documents, warnings)
