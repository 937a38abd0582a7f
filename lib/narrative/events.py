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

Clustering (documents that do not name their event):

1. **Evidence.** Each article is compared with every other on two kinds of
   words, weighted by how rare each word is in the language at large
   (``8 - zipf``, the word's Zipf frequency from the ``wordfreq`` package:
   "the" weighs 0.3, "rehab" 4.2, a name ``wordfreq`` does not know 8) and
   by sublinear term frequency: all content words
   (:func:`narrative.lexical.tokens`), and names and numbers only
   (:func:`narrative.lexical.names`, figures). The article's opening
   (headline, standfirst and first paragraphs, :data:`LEAD_SECTIONS`
   sections) counts twice: it names who, where and when. The similarity
   of two articles is the mean of the two cosines. The weights come from
   the language, not from the corpus, so the similarity of two articles
   does not depend on what else the corpus holds: a corpus of one story
   (where the story's own words are in every article and a corpus-made
   IDF would discount them) is measured like a corpus of forty.
2. **Date.** Articles whose dates lie more than ``max_days`` apart are never
   one event. The default, 7 days, is a news week: coverage of one event,
   follow-ups included, falls within it, while a later event on the same
   topic (the next round of talks, the next vote) is kept apart. A date
   given only as a year or a month counts as its whole span; an article
   without a date is not held apart by date.
3. **Clustering.** Average-linkage agglomerative clustering: the two groups
   with the highest mean similarity between their articles merge while
   that mean is at least ``min_similarity`` (0.10), unless the two are two
   events by either of two tests, both taken against the mean similarity
   within the looser of the two groups (counted as at most 0.5: a group of
   near-copies, wire copy run by many outlets, must not refuse the outlets
   that wrote their own story):

   - *clearly apart*: both groups hold two or more articles and their mean
     similarity is below ``min_ratio`` (0.6) times the looser group's own
     (:data:`PAIR_RATIO`, 0.5, when either is a pair: the similarity within
     a pair is a single number, too little evidence of an event of its own
     for a pair of loosely related articles to leave its story);
   - *look-alikes*: both hold :data:`MIN_GROUP` (3) or more articles, their
     mean similarity is below :data:`LOOK_ALIKE_RATIO` (0.7) times the
     looser group's own, and each article's nearest articles keep to its
     own group (of its ``k`` nearest, ``k`` the number of other articles in
     its group, on average at least :data:`MIN_NEIGHBOURS`, 0.85, in each
     group; :func:`neighbour_share`).

   Two look-alike events (two earthquakes, two check-ins to rehab, two
   title defences by one boxer) share the topic's words and its main
   names, so their articles score nearly as high across the two events as
   within each: a ratio alone that separates them also splits one story
   into its angles and follow-ups. What tells them apart is rank, not
   level: every report of one earthquake is nearer to the other reports of
   that earthquake than to any report of the other, while the angles of
   one story (the lawyer, the court, the clinic) are each nearer to some
   articles of the others. The second test asks for both signals, the mean
   (the ratio) and the ranks (the neighbours), and for three articles a
   side, because the nearest neighbour of one of two articles is always
   the other. Finally an article left alone joins the event it is closest
   to when its mean similarity to it is at least ``join_min`` (0.05): one
   article has nothing to be aligned with, and an outlier of a story (a
   follow-up, a piece with a different angle) is more often part of the
   story than an event of its own.

   The thresholds were chosen on development data: ECB+ (20 topics, each
   two look-alike events; no dates), every ECB+ event alone (which must
   stay one event), BASIL without its labels (dated), NewsWCL50 without
   its labels and a made-up story told by 24 outlets with wire copy
   (tests). They were set looking at all of these, so the README gives the
   adjusted Rand index on ECB+'s odd and even topics apart, to show how
   much the figure moves between halves, and says how far each threshold
   may move before a result is lost.

The grouping is returned with a table for the user to check: every article
with its event, outlet, date, title, its mean similarity to the other
articles of its event and to the closest other event, and how sure the
assignment is.

Event table columns (one row per document, by event then outlet):

================  ===========================================================
event             event label: as given, or ``E001``, ``E002``... in date order
doc_id            the document
outlet            its outlet label
published         its date as given (may be empty)
title             its headline
similarity        mean similarity to the other articles of its event, 0 to 1
                  (0 for an article alone in its event)
nearest_event     the closest other event (empty when there is none)
nearest_similarity  mean similarity to that event's articles
certainty         ``sure`` (``nearest_similarity`` below ``MIN_RATIO`` times
                  ``similarity``, or below ``LOOK_ALIKE_RATIO`` times it with
                  at least ``MIN_NEIGHBOURS`` of the article's nearest
                  articles in its event: the criteria that keep two groups
                  apart), ``unsure`` (not: the article is nearly as close to
                  the other event), ``alone`` (the only article of its event),
                  ``apart`` (its ``similarity`` is below ``min_similarity``, the
                  least for two groups to merge, in an event of one language: put
                  there by mode or given, it may report another event)
outlets           number of distinct outlets in the event
grouped_by        ``given`` (the document named its event), ``content and date``
                  or ``whole corpus`` (one event by mode)
================  ===========================================================
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from narrative.corpus import Corpus
from narrative.lexical import names, tokens

if TYPE_CHECKING:
    from narrative.cleaning import CleanDocument

EVENT_COLUMNS = [
    "event",
    "doc_id",
    "outlet",
    "published",
    "title",
    "similarity",
    "nearest_event",
    "nearest_similarity",
    "certainty",
    "outlets",
    "grouped_by",
]
GIVEN = "given"
CLUSTERED = "content and date"
WHOLE = "whole corpus"
#: ``certainty`` of an article that shares less with the rest of its event than two
#: groups need to merge (``min_similarity``): put there by mode or given, it may report
#: another event.
APART = "apart"
#: Ways to find events; see the module docstring.
MODES = ("auto", "cluster", "one")
#: Default least mean similarity between two groups that merge (see the module docstring).
MIN_SIMILARITY = 0.1
#: Two groups of three or more articles whose mean similarity is below this times the
#: mean similarity within the looser of them are two events (see the module docstring).
MIN_RATIO = 0.6
#: The same ratio when either group is a pair (fewer than :data:`MIN_GROUP` articles).
PAIR_RATIO = 0.5
#: ... and so are two groups of :data:`MIN_GROUP` or more articles below this ratio
#: whose articles' nearest neighbours lie in their own group (:data:`MIN_NEIGHBOURS`).
LOOK_ALIKE_RATIO = 0.7
#: Least share of an article's nearest articles (as many as its group has others) that
#: lie in its own group, on average over each of the two groups, for the look-alike test.
MIN_NEIGHBOURS = 0.85
#: Least number of articles in each of two groups for the look-alike test: the
#: nearest neighbours of a pair say nothing (each article's nearest is the other).
MIN_GROUP = 3
#: The within-group similarity the ratio is taken of is at most this.
WITHIN_CAP = 0.5
#: Default least mean similarity for an article left alone to join its closest event.
JOIN_MIN = 0.05
#: Default most days between two articles of one event (see the module docstring).
MAX_DAYS = 7
#: Sections of an article's opening (headline, standfirst, paragraphs) counted twice.
LEAD_SECTIONS = 5
#: A word's weight is this minus its Zipf frequency (``wordfreq``; "the" is 7.7).
ZIPF_CEILING = 8.0
#: Pairs of articles less similar than this are not stored (a sparse matrix).
_STORED_MIN = 0.01


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


@functools.lru_cache(maxsize=200_000)
def word_weight(word: str, language: str = "en") -> float:
    """How much a word says about an event: ``8 - zipf`` (0 for the commonest words).

    Args:
        word: A lower-cased token (:func:`narrative.lexical.tokens`).
        language: ISO 639-1 code; a language ``wordfreq`` lacks is read as English.

    Returns:
        The weight, 0 to 8: 8 for a word ``wordfreq`` does not know (most names).
    """
    from wordfreq import zipf_frequency

    if language not in _wordfreq_languages():
        language = "en"
    return max(0.0, ZIPF_CEILING - zipf_frequency(word, language))


@functools.cache
def _wordfreq_languages() -> frozenset[str]:
    """The languages ``wordfreq`` has lists for (it looks on disk at every call)."""
    from wordfreq import available_languages

    return frozenset(available_languages())


def _weighted(bags: list[Counter], languages: Sequence[str]) -> sparse.csr_matrix:
    """Unit rows of ``(1 + log tf) * word_weight`` for bags of words."""
    vocabulary: dict[str, int] = {}
    rows, cols, values = [], [], []
    for i, (bag, language) in enumerate(zip(bags, languages, strict=True)):
        for word, count in bag.items():
            rows.append(i)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
            values.append((1.0 + np.log(count)) * word_weight(word.lstrip("#"), language))
    matrix = sparse.csr_matrix(
        (np.array(values, dtype=float), (rows, cols)), shape=(len(bags), max(len(vocabulary), 1))
    )
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def article_vectors(
    texts: Sequence[str], *, leads: Sequence[str] | None = None, languages: Sequence[str] = ()
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """The two word vectors of each article the grouping compares (see the module docstring).

    Args:
        texts: One text per article, paragraphs separated by blank lines.
        leads: Each article's opening, counted a second time; none when ``None``.
        languages: ISO 639-1 code per article (English when missing).

    Returns:
        ``(content, names)``: ``(n, vocabulary)`` sparse matrices with unit rows
        (zero rows for texts without such words); names and numbers only in the second.
    """
    langs = [(languages[i] if i < len(languages) else "") or "en" for i in range(len(texts))]
    content, named = [], []
    for i, text in enumerate(texts):
        both = text if leads is None else f"{text}\n\n{leads[i]}"
        words = tokens(both)
        content.append(Counter(words))
        bag: Counter = Counter(f"#{t}" for t in words if t.isdigit())
        for paragraph in both.split("\n\n"):
            bag.update(names(paragraph))
        named.append(bag)
    return _weighted(content, langs), _weighted(named, langs)


def article_similarity(
    texts: Sequence[str], *, leads: Sequence[str] | None = None, languages: Sequence[str] = ()
) -> sparse.csr_matrix:
    """Similarity of every two articles: the mean of their content and name cosines.

    Args:
        texts: One text per article.
        leads: Each article's opening (see :func:`article_vectors`).
        languages: ISO 639-1 code per article.

    Returns:
        ``(n, n)`` sparse matrix in [0, 1]; values below 0.01 are not stored,
        so memory grows with the pairs that share rare words, not with ``n``
        squared. Computed a block of rows at a time.
    """
    content, named = article_vectors(texts, leads=leads, languages=languages)
    blocks = []
    for start in range(0, content.shape[0], 500):
        rows = slice(start, start + 500)
        block = 0.5 * (content[rows] @ content.T) + 0.5 * (named[rows] @ named.T)
        block = sparse.csr_matrix(block)
        block.data[block.data < _STORED_MIN] = 0.0
        block.eliminate_zeros()
        blocks.append(block)
    if not blocks:
        return sparse.csr_matrix((0, 0))
    return sparse.csr_matrix(sparse.vstack(blocks))


def neighbour_share(similarity: np.ndarray, first: np.ndarray, second: np.ndarray) -> float:
    """How well the nearest neighbours of two groups' articles keep to their own group.

    Each article of the two groups ranks the other articles of both by
    similarity; of its ``k`` nearest, where ``k`` is the number of other
    articles in its own group, a share lies in its own group (1 when every
    article of its group is nearer than any article of the other group).

    Args:
        similarity: ``(n, n)`` similarities.
        first: Row numbers of the first group (two or more).
        second: Row numbers of the second group (two or more).

    Returns:
        The mean share over the articles of each group, the lower of the two.
    """
    rows = np.concatenate([first, second])
    group = np.repeat([0, 1], [len(first), len(second)])
    block = np.array(similarity[np.ix_(rows, rows)], dtype=float)
    np.fill_diagonal(block, -np.inf)
    shares = []
    for g, size in ((0, len(first)), (1, len(second))):
        members = np.flatnonzero(group == g)
        nearest = np.argsort(-block[members], axis=1, kind="stable")[:, : size - 1]
        shares.append(float((group[nearest] == g).mean()))
    return min(shares)


def cluster_articles(
    similarity: np.ndarray,
    gap_days: np.ndarray,
    *,
    min_similarity: float = MIN_SIMILARITY,
    min_ratio: float = MIN_RATIO,
    look_alike_ratio: float = LOOK_ALIKE_RATIO,
    min_neighbours: float = MIN_NEIGHBOURS,
    join_min: float = JOIN_MIN,
    max_days: float = MAX_DAYS,
) -> np.ndarray:
    """Cluster articles by similarity, never across a date gap (see the module docstring).

    Args:
        similarity: ``(n, n)`` similarities in [0, 1].
        gap_days: ``(n, n)`` days between articles (:func:`days_apart`);
            ``nan`` for unknown.
        min_similarity: Two groups merge only when their mean similarity is
            at least this.
        min_ratio: ... and, when both hold :data:`MIN_GROUP` or more
            articles, at least this times the lower of their mean
            similarities within (at most :data:`WITHIN_CAP`);
            :data:`PAIR_RATIO` when either is a pair.
        look_alike_ratio: Two groups of :data:`MIN_GROUP` or more articles
            below this ratio do not merge either when their articles' nearest
            neighbours keep to their own group (:func:`neighbour_share` at
            least ``min_neighbours``).
        min_neighbours: See ``look_alike_ratio``.
        join_min: An article left alone joins its closest group when their
            mean similarity is at least this.
        max_days: Articles more than this many days apart are never merged.

    Returns:
        ``(n,)`` cluster numbers, 0-based, in order of first member.
    """
    n = similarity.shape[0]
    if n < 2:
        return np.zeros(n, dtype=int)
    forbidden = np.nan_to_num(gap_days, nan=0.0) > max_days
    plain = np.clip(similarity, 0.0, 1.0)
    # A forbidden pair weighs so much that the mean of any two groups holding it
    # (at most n * n / 4 pairs) stays below zero.
    between = np.where(forbidden, -float(n * n), plain)
    np.fill_diagonal(between, 0.0)
    size = np.ones(n)
    within = np.zeros(n)  # sum of the similarities of the pairs inside each group
    alive = np.ones(n, dtype=bool)
    owner = np.arange(n)
    # Pairs of groups found to be look-alike events; forgotten when either grows.
    refused = np.zeros((n, n), dtype=bool)
    while True:
        mean = between / np.outer(size, size)
        inner = np.where(size > 1, within / np.maximum(size * (size - 1) / 2, 1.0), np.nan)
        # nan unless both are groups; a group of near-copies (wire copy run by many outlets)
        # is held to the looser group's standard, and to at most WITHIN_CAP.
        reference = np.minimum(np.minimum(inner[:, None], inner[None, :]), WITHIN_CAP)
        # A pair's own similarity is one number: a group of two stands apart only when
        # clearly so (PAIR_RATIO).
        big = size >= MIN_GROUP
        ratio = np.where(np.outer(big, big), min_ratio, PAIR_RATIO)
        allowed = (mean >= min_similarity) & ~(mean < ratio * reference) & ~refused
        allowed &= np.outer(alive, alive)
        np.fill_diagonal(allowed, False)
        if not allowed.any():
            break
        i, j = np.unravel_index(np.argmax(np.where(allowed, mean, -np.inf)), mean.shape)
        if (
            min(size[i], size[j]) >= MIN_GROUP
            and mean[i, j] < look_alike_ratio * reference[i, j]
            and neighbour_share(plain, np.flatnonzero(owner == i), np.flatnonzero(owner == j))
            >= min_neighbours
        ):
            refused[i, j] = refused[j, i] = True
            continue
        within[i] += within[j] + between[i, j]
        size[i] += size[j]
        between[i, :] += between[j, :]
        between[:, i] += between[:, j]
        between[i, i] = 0.0
        between[j, :] = 0.0
        between[:, j] = 0.0
        refused[i, :] = refused[:, i] = False
        alive[j] = False
        owner[owner == j] = i
    # An article left alone joins its closest group, if close enough.
    for i in np.flatnonzero(alive & (size == 1)):
        groups = [g for g in np.flatnonzero(alive & (size > 1))]
        if not groups:
            break
        means = [between[i, g] / size[g] for g in groups]
        best = int(np.argmax(means))
        if means[best] >= join_min:
            g = groups[best]
            between[g, :] += between[i, :]
            between[:, g] += between[:, i]
            size[g] += 1
            alive[i] = False
            owner[owner == i] = g
    order = {label: k for k, label in enumerate(dict.fromkeys(owner))}
    return np.array([order[label] for label in owner], dtype=int)


def group_events(
    documents: pd.DataFrame,
    texts: Sequence[str],
    *,
    leads: Sequence[str] | None = None,
    dates: Sequence[str] | None = None,
    min_similarity: float = MIN_SIMILARITY,
    max_days: float = MAX_DAYS,
    mode: str = "auto",
) -> EventGrouping:
    """Assign each document to a news event: as given, by content and date, or one for all.

    Args:
        documents: One row per document with ``doc_id`` and ``outlet``;
            optional ``event`` (an empty value means not given), ``title``,
            ``published`` (``YYYY[-MM[-DD]]``) and ``language``.
        texts: The documents' texts, in row order.
        leads: Each document's opening (headline, standfirst, first
            paragraphs), counted a second time; see :func:`lead_text`.
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
    similarity = article_similarity(texts, leads=leads, languages=column("language"))
    whole = mode == "one" or (
        mode == "auto" and not any(given) and not documents["outlet"].duplicated().any()
    )
    if whole:
        given = ["E001"] * n
    labels = list(given)
    open_rows = np.array([i for i in range(n) if not given[i]], dtype=int)
    if len(open_rows):
        clusters = _cluster_components(
            similarity[open_rows][:, open_rows],
            [dates[i] for i in open_rows],
            min_similarity=min_similarity,
            max_days=max_days,
        )
        earliest = _earliest(list(clusters), [dates[i] for i in open_rows])
        ranked = sorted(earliest, key=lambda c: (earliest[c], c))
        name_of = dict(zip(ranked, _fresh_names(len(ranked), taken=set(given)), strict=True))
        for row, cluster in zip(open_rows, clusters, strict=True):
            labels[row] = name_of[cluster]
    own, nearest, nearest_similarity, neighbours = _fit(similarity, labels)
    table = pd.DataFrame(
        {
            "event": labels,
            "doc_id": documents["doc_id"].astype(str),
            "outlet": documents["outlet"].astype(str),
            "published": published,
            "title": column("title"),
            "similarity": own,
            "nearest_event": nearest,
            "nearest_similarity": nearest_similarity,
            "grouped_by": [WHOLE if whole else GIVEN if g else CLUSTERED for g in given],
        }
    )
    size = table.groupby("event")["doc_id"].transform("size")
    # The criteria that keep two groups apart also say how sure a place is.
    ratio = np.array(nearest_similarity) < MIN_RATIO * own
    look_alike = (np.array(nearest_similarity) < LOOK_ALIKE_RATIO * own) & (
        neighbours >= MIN_NEIGHBOURS
    )
    table["certainty"] = np.where(size < 2, "alone", np.where(ratio | look_alike, "sure", "unsure"))
    # One event by mode (or as given) says nothing of content: four articles of one day on
    # four attacks (FA-KES, 6 Oct 2016, similarities 0.07 to 0.11) were "sure" of their event.
    # Not in an event of several languages, whose articles share no words to compare.
    several = pd.Series(column("language")).groupby(table["event"]).transform("nunique") > 1
    weak = (size >= 2) & (table["similarity"] < min_similarity) & ~several
    table.loc[weak, "certainty"] = APART
    table["outlets"] = table.groupby("event")["outlet"].transform("nunique").astype(int)
    earliest = _earliest(labels, dates)
    rank = {e: i for i, e in enumerate(sorted(earliest, key=lambda e: earliest[e]))}
    table = table.assign(_order=table["event"].map(rank)).sort_values(
        ["_order", "outlet", "doc_id"], kind="stable"
    )
    table = table.drop(columns="_order").reset_index(drop=True)[EVENT_COLUMNS]
    return EventGrouping(labels=labels, table=table)


def _cluster_components(
    similarity: sparse.csr_matrix, dates: list[str], *, min_similarity: float, max_days: float
) -> np.ndarray:
    """:func:`cluster_articles` on each set of articles linked by a pair above ``min_similarity``.

    No two groups in different components can merge (no pair between them
    reaches ``min_similarity``), so each is clustered alone, on a dense matrix
    the size of the component, not of the corpus.
    """
    n = similarity.shape[0]
    linked = similarity.multiply(similarity >= min_similarity)
    count, component = connected_components(linked, directed=False)
    clusters = np.zeros(n, dtype=int)
    lone: list[int] = []
    next_label = 0
    for c in range(count):
        rows = np.flatnonzero(component == c)
        if len(rows) == 1:
            lone.append(int(rows[0]))
            continue
        block = similarity[rows][:, rows].toarray()
        local = cluster_articles(
            block,
            days_apart([dates[i] for i in rows]),
            min_similarity=min_similarity,
            max_days=max_days,
        )
        clusters[rows] = local + next_label
        next_label += int(local.max()) + 1
    # An article linked to no other may still join its closest event (JOIN_MIN).
    for i in lone:
        row = similarity[i].toarray().ravel()
        gaps = np.nan_to_num(days_apart([dates[i], *dates])[0, 1:], nan=0.0) > max_days
        row[gaps] = -1.0
        row[i] = 0.0
        best, choice = 0.0, None
        for label in range(next_label):
            members = np.flatnonzero(clusters == label)
            members = members[~np.isin(members, lone)]
            if len(members) > 1:
                value = float(row[members].mean())
                if value > best:
                    best, choice = value, label
        if choice is not None and best >= JOIN_MIN:
            clusters[i] = choice
        else:
            clusters[i] = next_label
            next_label += 1
    order = {label: k for k, label in enumerate(dict.fromkeys(clusters))}
    return np.array([order[label] for label in clusters], dtype=int)


def _fit(
    similarity: sparse.csr_matrix, labels: list[str]
) -> tuple[np.ndarray, list[str], list[float], np.ndarray]:
    """How each article sits in its event.

    Returns:
        Each article's mean similarity to the rest of its event, the closest
        other event and the mean similarity to it, and the share of its
        nearest articles (as many as its event has others) that are in its
        event (1 for an article alone).
    """
    names_ = list(dict.fromkeys(labels))
    index = {name: k for k, name in enumerate(names_)}
    code = np.array([index[label] for label in labels], dtype=int)
    sizes = np.bincount(code, minlength=len(names_)).astype(float)
    own = np.zeros(len(labels))
    neighbours = np.ones(len(labels))
    nearest: list[str] = []
    nearest_value: list[float] = []
    for i in range(len(labels)):
        start, end = similarity.indptr[i], similarity.indptr[i + 1]
        cols, values = similarity.indices[start:end], similarity.data[start:end]
        keep = cols != i
        sums = np.bincount(code[cols[keep]], weights=values[keep], minlength=len(names_))
        sums = sums.astype(float)
        others = sizes.copy()
        others[code[i]] -= 1
        means = np.divide(sums, others, out=np.zeros_like(sums), where=others > 0)
        own[i] = means[code[i]]
        others_in_event = int(others[code[i]])
        if others_in_event:
            ranked = np.argsort(-values[keep], kind="stable")[:others_in_event]
            neighbours[i] = float((code[cols[keep][ranked]] == code[i]).sum() / others_in_event)
        means[code[i]] = -1.0
        best = int(np.argmax(means)) if len(means) > 1 else -1
        if best >= 0 and means[best] > 0:
            nearest.append(names_[best])
            nearest_value.append(round(float(means[best]), 4))
        else:
            nearest.append("")
            nearest_value.append(0.0)
    return np.round(own, 4), nearest, nearest_value, neighbours


def _fresh_names(count: int, *, taken: set[str]) -> list[str]:
    names_: list[str] = []
    number = 1
    while len(names_) < count:
        name = f"E{number:03d}"
        if name not in taken:
            names_.append(name)
        number += 1
    return names_


def _earliest(labels: Sequence, dates: Sequence[str]) -> dict:
    """Each label's earliest date (ISO), ``"9999"`` when none is known; first-seen order."""
    earliest: dict = {}
    for label, value in zip(labels, dates, strict=True):
        span = date_span(value)
        day = span[0].isoformat() if span else "9999"
        earliest[label] = min(earliest.get(label, day), day)
    return earliest


def lead_text(cleaned: CleanDocument, *, sections: int = LEAD_SECTIONS) -> str:
    """An article's opening: its first sections (headline, standfirst, paragraphs).

    Args:
        cleaned: The cleaned document.
        sections: How many sections.

    Returns:
        The sections joined by blank lines.
    """
    return "\n\n".join(text for _, text in cleaned.sections[:sections])


def document_table(cleaned: Sequence[CleanDocument]) -> pd.DataFrame:
    """The columns :func:`group_events` reads, for cleaned documents.

    Args:
        cleaned: Cleaned documents (:mod:`narrative.cleaning`), in corpus order.

    Returns:
        ``doc_id``, ``outlet`` (display label), ``event`` (as given, may be
        empty), ``title`` (the cleaned headline, else the given title),
        ``published`` and ``language``.
    """
    return pd.DataFrame(
        {
            "doc_id": [c.doc.doc_id for c in cleaned],
            "outlet": [c.doc.label for c in cleaned],
            "event": [c.doc.event for c in cleaned],
            "title": [c.headline or c.doc.title for c in cleaned],
            "published": [c.doc.published for c in cleaned],
            "language": [(c.doc.language or "").lower()[:2] for c in cleaned],
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
        document_table(cleaned),
        texts,
        leads=[lead_text(c) for c in cleaned],
        min_similarity=min_similarity,
        max_days=max_days,
        mode=mode,
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
