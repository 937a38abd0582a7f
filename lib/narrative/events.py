"""Group the articles of a corpus into news events.

A corpus may hold many events, each told by several outlets; passages are
aligned only within an event. The ``mode`` says how events are found:

``auto`` (default)
    When any document names its event (a manifest or row ``event`` field,
    BASIL's triplet), as ``cluster``. When none does and no outlet has more
    than one article, the corpus is one event: an outlet that wrote once
    wrote about the corpus's story, and splitting such a corpus could only
    hide comparisons the user asked for (the default corpus spans two months
    of one diplomatic process). Otherwise, as ``cluster``.
``cluster``
    Documents that name their event keep it; the others are clustered as
    below.
``one``
    The whole corpus is one event, whatever the documents say.

Clustering:

1. **Content.** Each article is a TF-IDF vector of its content words
   (:func:`narrative.lexical.tokens`: stop words dropped, numbers
   normalised; sublinear term frequency), compared by cosine. Two reports
   of one event share its names, places and figures; two events on one
   topic share fewer of them.
2. **Date.** Articles whose dates lie more than ``max_days`` apart are never
   one event. The default, 7 days, is a news week: coverage of one event,
   follow-ups included, falls within it, while a later event on the same
   topic (the next round of talks, the next vote) is kept apart. A date
   given only as a year or a month counts as its whole span; an article
   without a date is not held apart by date.
3. **Clustering.** Average-linkage agglomerative clustering (scikit-learn)
   on cosine distance, merging groups while their mean pairwise similarity
   is above ``min_similarity``. The default, 0.2, lies between the TF-IDF
   cosine of two outlets' reports of one event (median about 0.33; nine
   pairs in ten above 0.2 in BASIL's 100 events) and that of reports of
   different events (99 pairs in 100 below 0.14). A lower value merges
   events on one topic; a higher one splits an event whose reports differ
   in length and angle.

The grouping is returned with a table for the user to check: every article
with its event, outlet, date, title and TF-IDF similarity to the centroid of
its event (a low value marks an article that joined loosely).

Event table columns (one row per document, by event then outlet):

===========  ================================================================
event        event label: as given, or ``E001``, ``E002``... in date order
doc_id       the document
outlet       its outlet label
published    its date as given (may be empty)
title        its headline
similarity   TF-IDF cosine of the article to its event's centroid, 0 to 1
outlets      number of distinct outlets in the event
grouped_by   ``given`` (the document named its event), ``content and date``
             or ``whole corpus`` (one event by mode)
===========  ================================================================
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from narrative.corpus import Corpus
from narrative.lexical import tokens

if TYPE_CHECKING:
    from narrative.cleaning import CleanDocument

EVENT_COLUMNS = [
    "event",
    "doc_id",
    "outlet",
    "published",
    "title",
    "similarity",
    "outlets",
    "grouped_by",
]
GIVEN = "given"
CLUSTERED = "content and date"
WHOLE = "whole corpus"
#: Ways to find events; see the module docstring.
MODES = ("auto", "cluster", "one")
#: Default least mean TF-IDF cosine within an event (see the module docstring).
MIN_SIMILARITY = 0.2
#: Default most days between two articles of one event (see the module docstring).
MAX_DAYS = 7


@dataclass
class EventGrouping:
    """Which event each document reports.

    Attributes:
        labels: One event label per document, in the input order.
        table: The grouping for the user to check; columns
            :data:`EVENT_COLUMNS`.
    """

    labels: list[str]
    table: pd.DataFrame

    @property
    def events(self) -> list[str]:
        """Distinct event labels in table order."""
        return list(dict.fromkeys(self.table["event"]))


def date_span(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a ``YYYY[-MM[-DD]]`` date may stand for.

    Args:
        value: The date; empty or unreadable gives ``None``.

    Returns:
        ``(first, last)``: one day for a full date, the month or the year
        for a partial one.
    """
    parts = value.strip().split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 3:
            day = dt.date(*numbers)
            return day, day
        if len(numbers) == 2:
            year, month = numbers
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        if len(numbers) == 1:
            return dt.date(numbers[0], 1, 1), dt.date(numbers[0], 12, 31)
    except ValueError:
        return None
    return None


def days_apart(dates: Sequence[str]) -> np.ndarray:
    """Least number of days between every two dates (0 when their spans overlap).

    Args:
        dates: ``n`` dates as ``YYYY[-MM[-DD]]``; empty for unknown.

    Returns:
        ``(n, n)`` float array; ``nan`` where either date is unknown.
    """
    spans = [date_span(d) for d in dates]
    first = np.array([s[0].toordinal() if s else np.nan for s in spans], dtype=float)
    last = np.array([s[1].toordinal() if s else np.nan for s in spans], dtype=float)
    gap = np.maximum(first[None, :] - last[:, None], first[:, None] - last[None, :])
    return np.maximum(gap, 0.0)


def tfidf_vectors(texts: Sequence[str]) -> sparse.csr_matrix:
    """L2-normalised TF-IDF vectors of whole articles.

    Args:
        texts: One text per article.

    Returns:
        ``(n, vocabulary)`` sparse matrix with unit rows (zero rows for texts
        without content words).
    """
    vectorizer = TfidfVectorizer(
        tokenizer=tokens, lowercase=False, token_pattern=None, sublinear_tf=True
    )
    return vectorizer.fit_transform(texts)


def cluster_articles(
    similarity: np.ndarray,
    gap_days: np.ndarray,
    *,
    min_similarity: float = MIN_SIMILARITY,
    max_days: float = MAX_DAYS,
) -> np.ndarray:
    """Cluster articles by content similarity, never across a date gap.

    Args:
        similarity: ``(n, n)`` cosine similarities in [0, 1].
        gap_days: ``(n, n)`` days between articles (:func:`days_apart`);
            ``nan`` for unknown.
        min_similarity: Groups merge while their mean pairwise similarity
            is above this.
        max_days: Articles more than this many days apart are never merged.

    Returns:
        ``(n,)`` cluster numbers, 0-based, in order of first member.
    """
    n = similarity.shape[0]
    if n < 2:
        return np.zeros(n, dtype=int)
    distance = 1.0 - np.clip(similarity, 0.0, 1.0)
    # A forbidden pair gets a distance so large that the mean distance between
    # any two groups holding it (at most n * n / 4 pairs) stays above 1.
    forbidden = np.nan_to_num(gap_days, nan=0.0) > max_days
    distance = np.where(forbidden, float(n * n), distance)
    np.fill_diagonal(distance, 0.0)
    model = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=1.0 - min_similarity,
    )
    raw = model.fit_predict(distance)
    order = {label: i for i, label in enumerate(dict.fromkeys(raw))}
    return np.array([order[label] for label in raw], dtype=int)


def group_events(
    documents: pd.DataFrame,
    texts: Sequence[str],
    *,
    dates: Sequence[str] | None = None,
    min_similarity: float = MIN_SIMILARITY,
    max_days: float = MAX_DAYS,
    mode: str = "auto",
) -> EventGrouping:
    """Assign each document to a news event: as given, by content and date, or one for all.

    Args:
        documents: One row per document with ``doc_id`` and ``outlet``;
            optional ``event`` (an empty value means not given), ``title``
            and ``published`` (``YYYY[-MM[-DD]]``).
        texts: The documents' texts, in row order.
        dates: Dates to use instead of the ``published`` column.
        min_similarity: See :func:`cluster_articles`.
        max_days: See :func:`cluster_articles`.
        mode: ``auto``, ``cluster`` or ``one`` (see the module docstring).

    Returns:
        The labels and the table to check. Documents without an event are
        clustered among themselves and named ``E001``, ``E002``... in order of
        their earliest date (names already given are skipped); in one-event
        mode every document is in ``E001``.

    Raises:
        ValueError: For an unknown mode or a text count that does not match.
    """
    n = len(documents)
    if len(texts) != n:
        raise ValueError(f"{len(texts)} texts for {n} documents")
    if mode not in MODES:
        raise ValueError(f"events mode must be one of {', '.join(MODES)}, not {mode!r}")
    documents = documents.reset_index(drop=True)

    def column(name: str) -> list[str]:
        if name not in documents:
            return [""] * n
        return [str(v).strip() for v in documents[name].fillna("")]

    given = column("event")
    published = column("published")
    dates = [str(d or "") for d in dates] if dates is not None else published
    vectors = tfidf_vectors(texts)
    whole = mode == "one" or (
        mode == "auto" and not any(given) and not documents["outlet"].duplicated().any()
    )
    if whole:
        given = ["E001"] * n
    labels = list(given)
    open_rows = [i for i in range(n) if not given[i]]
    if open_rows:
        similarity = (vectors[open_rows] @ vectors[open_rows].T).toarray()
        clusters = cluster_articles(
            similarity,
            days_apart([dates[i] for i in open_rows]),
            min_similarity=min_similarity,
            max_days=max_days,
        )
        earliest = _earliest(list(clusters), [dates[i] for i in open_rows])
        ranked = sorted(earliest, key=lambda c: (earliest[c], c))
        name_of = dict(zip(ranked, _fresh_names(len(ranked), taken=set(given)), strict=True))
        for row, cluster in zip(open_rows, clusters, strict=True):
            labels[row] = name_of[cluster]
    table = pd.DataFrame(
        {
            "event": labels,
            "doc_id": documents["doc_id"].astype(str),
            "outlet": documents["outlet"].astype(str),
            "published": published,
            "title": column("title"),
            "similarity": _centroid_similarity(vectors, labels),
            "grouped_by": [WHOLE if whole else GIVEN if g else CLUSTERED for g in given],
        }
    )
    table["outlets"] = table.groupby("event")["outlet"].transform("nunique").astype(int)
    earliest = _earliest(labels, dates)
    rank = {e: i for i, e in enumerate(sorted(earliest, key=lambda e: earliest[e]))}
    table = table.assign(_order=table["event"].map(rank)).sort_values(
        ["_order", "outlet", "doc_id"], kind="stable"
    )
    table = table.drop(columns="_order").reset_index(drop=True)[EVENT_COLUMNS]
    return EventGrouping(labels=labels, table=table)


def _fresh_names(count: int, *, taken: set[str]) -> list[str]:
    names: list[str] = []
    number = 1
    while len(names) < count:
        name = f"E{number:03d}"
        if name not in taken:
            names.append(name)
        number += 1
    return names


def _earliest(labels: Sequence, dates: Sequence[str]) -> dict:
    """Each label's earliest date (ISO), ``"9999"`` when none is known; first-seen order."""
    earliest: dict = {}
    for label, value in zip(labels, dates, strict=True):
        span = date_span(value)
        day = span[0].isoformat() if span else "9999"
        earliest[label] = min(earliest.get(label, day), day)
    return earliest


def _centroid_similarity(vectors: sparse.csr_matrix, labels: list[str]) -> list[float]:
    result = np.zeros(len(labels))
    for label in dict.fromkeys(labels):
        rows = [i for i, value in enumerate(labels) if value == label]
        block = vectors[rows]
        centroid = np.asarray(block.mean(axis=0)).ravel()
        norm = np.linalg.norm(centroid)
        if norm > 0:
            result[rows] = block @ (centroid / norm)
    return [round(float(v), 4) for v in result]


def document_table(cleaned: Sequence[CleanDocument]) -> pd.DataFrame:
    """The columns :func:`group_events` reads, for cleaned documents.

    Args:
        cleaned: Cleaned documents (:mod:`narrative.cleaning`), in corpus order.

    Returns:
        ``doc_id``, ``outlet`` (display label), ``event`` (as given, may be
        empty), ``title`` (the cleaned headline, else the given title) and
        ``published``.
    """
    return pd.DataFrame(
        {
            "doc_id": [c.doc.doc_id for c in cleaned],
            "outlet": [c.doc.label for c in cleaned],
            "event": [c.doc.event for c in cleaned],
            "title": [c.headline or c.doc.title for c in cleaned],
            "published": [c.doc.published for c in cleaned],
        }
    )


def corpus_events(
    corpus: Corpus,
    *,
    min_similarity: float = MIN_SIMILARITY,
    max_days: float = MAX_DAYS,
    mode: str = "auto",
) -> EventGrouping:
    """Group a corpus's documents into events, on their cleaned text.

    Args:
        corpus: The corpus; a document's ``event`` is used when given.
        min_similarity: See :func:`cluster_articles`.
        max_days: See :func:`cluster_articles`.
        mode: See :func:`group_events`.

    Returns:
        The grouping.
    """
    from narrative.cleaning import clean_document

    cleaned = [clean_document(d) for d in corpus.documents]
    # Cleaned text: page chrome repeated across an outlet's pages would pull
    # its articles together.
    texts = [c.text or c.doc.text for c in cleaned]
    return group_events(
        document_table(cleaned), texts, min_similarity=min_similarity, max_days=max_days, mode=mode
    )


def assign_events(corpus: Corpus, labels: Sequence[str]) -> Corpus:
    """A copy of the corpus whose documents carry the given events.

    Args:
        corpus: The corpus.
        labels: One event per document, e.g. :attr:`EventGrouping.labels`.

    Returns:
        A new corpus; the input is left unchanged.
    """
    if len(labels) != len(corpus.documents):
        raise ValueError(f"{len(labels)} labels for {len(corpus.documents)} documents")
    documents = [
        dataclasses.replace(doc, event=label)
        for doc, label in zip(corpus.documents, labels, strict=True)
    ]
    return dataclasses.replace(corpus, documents=documents, warnings=list(corpus.warnings))


def event_pairs(passages: pd.DataFrame, events: Mapping[str, str]) -> list[tuple[str, str]]:
    """Pairs of documents from different outlets within one event, for alignment.

    Args:
        passages: Passage table (``doc_id``, ``outlet``), documents in corpus order.
        events: ``{doc_id: event}``.

    Returns:
        ``(doc_a, doc_b)`` pairs as :func:`narrative.alignment.document_pairs`
        gives them, restricted to documents of the same event: their number
        grows with the events, not with the square of the corpus.
    """
    from narrative.alignment import document_pairs

    event_of = passages["doc_id"].map(events)
    if event_of.isna().any():
        missing = sorted(set(passages.loc[event_of.isna(), "doc_id"]))
        raise ValueError(f"no event for document(s) {', '.join(missing)}")
    pairs = []
    for _, block in passages.groupby(event_of, sort=False):
        pairs.extend(document_pairs(block))
    return pairs


def split_by_event(corpus: Corpus) -> dict[str, Corpus]:
    """One sub-corpus per event, in order of each event's first document.

    Args:
        corpus: A corpus whose documents carry events (see :func:`assign_events`).

    Returns:
        ``{event: corpus}``; each sub-corpus keeps the root and the document
        order and has no warnings (the whole corpus's warnings stay with it).
    """
    groups: dict[str, list] = {}
    for doc in corpus.documents:
        groups.setdefault(doc.event, []).append(doc)
    return {
        event: Corpus(root=corpus.root, documents=docs, warnings=[])
        for event, docs in groups.items()
    }
