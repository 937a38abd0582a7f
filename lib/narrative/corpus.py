"""The data model of a corpus: documents, the corpus, and the checks every reader applies.

A :class:`Corpus` holds :class:`Document` records and the warnings noticed
while reading them. The readers of :mod:`narrative.readers` build them from
a folder (with or without manifest), a JSON Lines or CSV file, or the BASIL
layout; whatever the shape, :func:`check_documents` completes and checks the
documents the same way (overlong texts cut at :data:`MAX_DOCUMENT_CHARS`,
language detected when not given, identical texts named). A corpus that
cannot be read stops with a one-line :class:`CorpusError`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from narrative.language import detect_language, normalise_code

#: Longest text analysed per article, in characters: some 30,000 words, beyond
#: the longest long-read; a longer text is cut at a paragraph break, with a
#: warning, so one odd file cannot take the run's time and memory.
MAX_DOCUMENT_CHARS = 200_000


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


def checked_corpus(source: Path, documents: list[Document], warnings: list[str]) -> Corpus:
    """The corpus of a file or folder, its documents completed and checked.

    Args:
        source: The corpus file or folder.
        documents: The documents read from it.
        warnings: What the reader noticed.

    Returns:
        The corpus, with the warnings of :func:`check_documents` added.

    Raises:
        CorpusError: When there is no document; the first warning says why.
    """
    if not documents:
        problem = f": {warnings[0]}" if warnings else ""
        raise CorpusError(f"no readable article in {source}{problem}")
    return Corpus(root=source, documents=documents, warnings=warnings + check_documents(documents))
