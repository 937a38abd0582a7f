"""Cut cleaned articles into passages: sentences (default) or paragraphs.

Sentences are found by pySBD, a rule-based sentence boundary detector that
handles abbreviations ("U.S.", "Mr."), initials, and quotes that end a
sentence. The headline and the standfirst are one passage each.

Passage table columns (one row per passage):

==========  =================================================================
doc_id      the document
passage_id  0-based index of the passage within its document
outlet      the outlet's display label
kind        ``headline``, ``standfirst`` or ``body``
paragraph   0-based index of the section (headline, standfirst, paragraphs)
position    relative position in the article: start offset / length of the
            cleaned text, 0 (top) to 1 (end)
start, end  character offsets into the document's cleaned text
text        the passage
==========  =================================================================
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from narrative.cleaning import CleanDocument

GRANULARITIES = ("sentence", "paragraph")
PASSAGE_COLUMNS = [
    "doc_id",
    "passage_id",
    "outlet",
    "kind",
    "paragraph",
    "position",
    "start",
    "end",
    "text",
]
_WORD = re.compile(r"[^\W\d_]{2,}")
#: Where a long sentence breaks into clauses: after a comma, semicolon or colon,
#: around a dash, or before a parenthesis.
_CLAUSE_BREAK = re.compile(r"(?<=[,;:])\s+|\s+[\u2014\u2013-]{1,2}\s+|\s+(?=\()")


@lru_cache(maxsize=4)
def _segmenter(language: str):
    import pysbd

    try:
        return pysbd.Segmenter(language=language, clean=False)
    except ValueError:  # a language pySBD has no rules for
        return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str, *, language: str = "en") -> list[tuple[int, int]]:
    """Find sentence spans in a paragraph.

    Args:
        text: One paragraph.
        language: ISO 639-1 code for the segmenter's rules.

    Returns:
        ``(start, end)`` character offsets, in order, whitespace trimmed.
        Fragments without a word (stray punctuation) are merged into the
        sentence before them.
    """
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sentence in _segmenter(language or "en").segment(text):
        stripped = sentence.strip()
        if not stripped:
            continue
        start = text.find(stripped, cursor)
        if start < 0:  # the segmenter altered the text; fall back to the cursor
            start = cursor
        end = start + len(stripped)
        cursor = end
        if spans and not _WORD.search(stripped):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def split_clauses(text: str, *, min_words: int = 5) -> list[str]:
    """Split a sentence into clause-like chunks for fact-level matching.

    One sentence often carries several facts ("Moscow and Tehran ... agreed in
    May to establish four zones ..., a war that has claimed 320,000 lives").
    The sentence is cut at commas, semicolons, colons, dashes and before
    parentheses, and pieces shorter than ``min_words`` words are merged with
    their neighbour, so each chunk is a clause or a phrase that can stand for
    a fact. Reports still show whole sentences.

    Args:
        text: A passage.
        min_words: Shortest chunk kept on its own.

    Returns:
        The chunks, in order; ``[text]`` when the sentence does not split.
    """
    chunks: list[str] = []
    for piece in _CLAUSE_BREAK.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if chunks and (len(piece.split()) < min_words or len(chunks[-1].split()) < min_words):
            chunks[-1] = f"{chunks[-1]} {piece}"
        else:
            chunks.append(piece)
    return chunks or [text]


def segment_document(clean: CleanDocument, *, granularity: str = "sentence") -> pd.DataFrame:
    """Passages of one cleaned document.

    Args:
        clean: The cleaned document.
        granularity: ``"sentence"`` or ``"paragraph"``.

    Returns:
        A passage table (see the module docstring for columns).
    """
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {GRANULARITIES}, not {granularity!r}")
    full = clean.text
    rows = []
    offset = 0
    for section, (kind, text) in enumerate(clean.sections):
        if kind == "body" and granularity == "sentence":
            spans = split_sentences(text, language=clean.doc.language or "en")
        else:
            spans = [(0, len(text))]
        for start, end in spans:
            rows.append(
                {
                    "doc_id": clean.doc_id,
                    "passage_id": len(rows),
                    "outlet": clean.doc.label,
                    "kind": kind,
                    "paragraph": section,
                    "position": round((offset + start) / max(len(full), 1), 4),
                    "start": offset + start,
                    "end": offset + end,
                    "text": text[start:end],
                }
            )
        offset += len(text) + 2  # the blank line between sections
    return pd.DataFrame(rows, columns=PASSAGE_COLUMNS)


def segment_corpus(cleaned: list[CleanDocument], *, granularity: str = "sentence") -> pd.DataFrame:
    """Passages of every document, in corpus order.

    Args:
        cleaned: Cleaned documents.
        granularity: ``"sentence"`` or ``"paragraph"``.

    Returns:
        A passage table with a fresh 0-based index (row number = position in
        the embedding matrix).
    """
    frames = [segment_document(c, granularity=granularity) for c in cleaned]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=PASSAGE_COLUMNS)
    return pd.concat(frames, ignore_index=True)
