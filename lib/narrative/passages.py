"""Cut cleaned articles into passages: sentences (default) or paragraphs.

Sentences are found by pySBD, a rule-based sentence boundary detector that
handles abbreviations ("U.S.", "Mr."), initials, and quotes that end a
sentence, with the rules of the document's language when pySBD has them
(English otherwise). The headline and the standfirst are one passage each.

Passages have a bounded length whatever the input: pySBD reads a paragraph in
chunks of at most :data:`SEGMENT_CHUNK_CHARS` (its time grows with the square
of a sentence's length on text without punctuation), and a passage longer than
:data:`MAX_PASSAGE_WORDS` (a run-on sentence, a list, text stripped of its
punctuation) or a paragraph longer than :data:`MAX_PARAGRAPH_WORDS` is cut
into balanced pieces, at clause breaks where there are some, so that no
passage is silently truncated by the embedding model (all-MiniLM-L6-v2 reads
256 word pieces, some 190 English words).

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

import itertools
import math
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
#: Longest sentence passage, in words (news sentences run to 20-30 words).
MAX_PASSAGE_WORDS = 80
#: Longest paragraph passage, in words.
MAX_PARAGRAPH_WORDS = 180
#: Longest piece of a paragraph handed to pySBD at once, in characters.
SEGMENT_CHUNK_CHARS = 5_000
_WORD = re.compile(r"[^\W\d_]{2,}")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")
#: A piece that starts like this continues the sentence before it: the segmenter took an
#: abbreviation's full stop for a sentence end ("Rep. Duncan Hunter, R-Calif., and his wife").
_CONTINUES = re.compile(r"[,;:)\]}%]")
#: A piece after one that ends with a title written before a name ("Vancouver police
#: Const. Jana McGuinness said"; "Lt. Col."): the segmenter took the title's full stop
#: for a sentence end.
_TITLE_END = re.compile(
    r"(?:^|[\s(])(?:Const|Sgt|Lt|Col|Capt|Cpl|Det|Insp|Supt|Cmdr|Adm|Gov|Sen|Rep|Atty|Prof|"
    r"Rev|Hon|Amb|Maj|Brig|Gen|Dist|Dr|Mr|Mrs|Ms|Messrs)\.$"
)
#: A piece that opens with a number and a lower-case word ("357 caliber revolver at them",
#: "38-caliber revolver in hand") after one that ends in a lower-case word and a full stop
#: ("he pointed a.", "with a loaded."): the full stop was a decimal point (".357") that a
#: tokenised text set apart. News style spells out a number that opens a sentence.
_NUMBER_OPENS = re.compile(r"\d{1,3}(?:\s|-)[a-z]")
_LOWER_END = re.compile(r"(?:^|\s)[a-z]+\.$")
_DASHES = {"-", "--", "\u2013", "\u2014"}
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


def _chunks(text: str, size: int) -> list[tuple[int, int]]:
    """Cut a text into pieces of at most ``size`` characters, after a sentence end if possible."""
    bounds = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        ends = [m.end() for m in _SENTENCE_END.finditer(window) if m.end() > size // 2]
        cut = ends[-1] if ends else window.rfind(" ")
        if cut <= size // 2:
            cut = size
        bounds.append((start, start + cut))
        start += cut
    bounds.append((start, len(text)))
    return bounds


def split_long(text: str, span: tuple[int, int], *, max_words: int) -> list[tuple[int, int]]:
    """Cut a span of more than ``max_words`` words into balanced pieces.

    The pieces are as even as possible; each cut moves to a clause break (after
    a comma, semicolon or colon, or before a dash) within a quarter of
    ``max_words`` words of the even cut when there is one.

    Args:
        text: The text the span points into.
        span: ``(start, end)`` character offsets.
        max_words: Most words per piece.

    Returns:
        ``(start, end)`` offsets of the pieces, in order; ``[span]`` when it is
        short enough.
    """
    start, end = span
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]
    n = len(words)
    if n <= max_words:
        return [span]
    pieces = math.ceil(n / max_words)
    breaks = {i + 1 for i, (_, e) in enumerate(words) if text[e - 1] in ",;:"}
    breaks |= {i for i, (s, e) in enumerate(words) if text[s:e] in _DASHES}
    cuts = [0]
    for k in range(1, pieces):
        # Keep every piece, this one and those still to come, within max_words.
        low = max(cuts[-1] + 1, n - (pieces - k) * max_words)
        high = min(cuts[-1] + max_words, n - 1)
        target = min(max(round(k * n / pieces), low), high)
        near = [b for b in breaks if low <= b <= high and abs(b - target) <= max_words // 4]
        cuts.append(min(near, key=lambda b: (abs(b - target), b)) if near else target)
    cuts.append(n)
    return [(words[a][0], words[b - 1][1]) for a, b in itertools.pairwise(cuts)]


def split_sentences(
    text: str, *, language: str = "en", max_words: int = MAX_PASSAGE_WORDS
) -> list[tuple[int, int]]:
    """Find sentence spans in a paragraph.

    Args:
        text: One paragraph.
        language: ISO 639-1 code for the segmenter's rules.
        max_words: Longest span, in words; a longer sentence is cut by
            :func:`split_long`.

    Returns:
        ``(start, end)`` character offsets, in order, whitespace trimmed.
        Fragments without a word (stray punctuation) and pieces that start
        with a comma, semicolon, colon or closing bracket (the rest of a
        sentence cut after an abbreviation such as "R-Calif.") are merged
        into the sentence before them.
    """
    spans: list[tuple[int, int]] = []
    segmenter = _segmenter(language or "en")
    for offset, chunk_end in _chunks(text, SEGMENT_CHUNK_CHARS):
        chunk = text[offset:chunk_end]
        cursor = 0
        for sentence in segmenter.segment(chunk):
            stripped = sentence.strip()
            if not stripped:
                continue
            start = chunk.find(stripped, cursor)
            if start < 0:  # the segmenter altered the text; fall back to the cursor
                start = cursor
            end = start + len(stripped)
            cursor = end
            before = text[spans[-1][0] : spans[-1][1]] if spans else ""
            after_title = _TITLE_END.search(before)
            decimal = _NUMBER_OPENS.match(stripped) and _LOWER_END.search(before)
            if spans and (
                not _WORD.search(stripped) or _CONTINUES.match(stripped) or after_title or decimal
            ):
                spans[-1] = (spans[-1][0], offset + end)
            else:
                spans.append((offset + start, offset + end))
    return [piece for span in spans for piece in split_long(text, span, max_words=max_words)]


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


def segment_document(
    clean: CleanDocument, *, granularity: str = "sentence", max_words: int | None = None
) -> pd.DataFrame:
    """Passages of one cleaned document.

    Args:
        clean: The cleaned document.
        granularity: ``"sentence"`` or ``"paragraph"``.
        max_words: Longest passage in words; :data:`MAX_PASSAGE_WORDS` for
            sentences and :data:`MAX_PARAGRAPH_WORDS` for paragraphs when ``None``.

    Returns:
        A passage table (see the module docstring for columns).
    """
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {GRANULARITIES}, not {granularity!r}")
    if max_words is None:
        max_words = MAX_PASSAGE_WORDS if granularity == "sentence" else MAX_PARAGRAPH_WORDS
    full = clean.text
    rows = []
    offset = 0
    for section, (kind, text) in enumerate(clean.sections):
        if kind == "body" and granularity == "sentence":
            spans = split_sentences(text, language=clean.doc.language, max_words=max_words)
        else:
            spans = split_long(text, (0, len(text)), max_words=max_words)
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
