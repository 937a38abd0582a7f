"""Run the stages: corpus, cleaning, events, passages, embeddings, alignment, units.

:func:`run` is what notebooks and the command line call; it returns one
:class:`Result` holding every stage's output as plain records and tables.

A corpus may hold many news events (:mod:`narrative.events`). Reading,
cleaning, segmenting and grouping happen here, on the driver; the per-event
work (cutting the event's passages into clauses, embedding both, aligning
them) goes through an :class:`narrative.executor.Executor`: inline by default, local
processes or a Dask cluster when asked. Passages are aligned only within an
event, so the cost grows with the number of events, not with the square of
the corpus. Story units are then built over all events' alignments (a unit
never spans events, since no pair does).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from narrative.alignment import ALIGNMENT_COLUMNS, AlignmentSettings, align_passages
from narrative.clauses import clauses as split_into_clauses
from narrative.cleaning import CleanDocument, clean_corpus
from narrative.config import DEFAULT_CORPUS, DEFAULT_MODEL
from narrative.corpus import Corpus
from narrative.embeddings import EmbeddingCache, embed
from narrative.events import (
    MAX_DAYS,
    MIN_SIMILARITY,
    EventGrouping,
    document_table,
    group_events,
)
from narrative.executor import Executor, LocalExecutor, make_executor
from narrative.language import model_warnings
from narrative.loaders import load_any, parse_columns
from narrative.params import alignment_settings
from narrative.passages import segment_corpus
from narrative.units import build_units


@dataclass
class Result:
    """Everything one run produced.

    Attributes:
        corpus: The corpus as read.
        cleaned: One cleaned document per corpus document.
        passages: Passage table (:mod:`narrative.passages`).
        embeddings: ``(len(passages), d)`` normalised vectors.
        alignments: Alignment table (:mod:`narrative.alignment`).
        units: Story-unit table (:mod:`narrative.units`).
        model: Model name or path used.
        granularity: ``"sentence"`` or ``"paragraph"``.
        settings: Alignment settings used.
        events: Which event each document reports, with the table to check
            (:mod:`narrative.events`).
        warnings: Problems met along the way, one line each.
    """

    corpus: Corpus
    cleaned: list[CleanDocument]
    passages: pd.DataFrame
    embeddings: np.ndarray
    alignments: pd.DataFrame
    units: pd.DataFrame
    model: str
    granularity: str
    settings: AlignmentSettings
    events: EventGrouping
    warnings: list[str] = field(default_factory=list)

    @property
    def event_of(self) -> dict[str, str]:
        """``{doc_id: event}``."""
        return dict(zip(self.events.table["doc_id"], self.events.table["event"], strict=True))

    @property
    def documents(self) -> pd.DataFrame:
        """One row per document: metadata, cleaned fields and passage count."""
        counts = self.passages.groupby("doc_id").size()
        rows = []
        for clean in self.cleaned:
            doc = clean.doc
            rows.append(
                {
                    "doc_id": doc.doc_id,
                    "outlet": doc.outlet,
                    "label": doc.label,
                    "origin": doc.origin,
                    "published": doc.published,
                    "language": doc.language,
                    "file": doc.path.name,
                    "headline": clean.headline,
                    "standfirst": clean.standfirst,
                    "byline": clean.byline,
                    "dateline": clean.dateline,
                    "credit": clean.credit,
                    "passages": int(counts.get(doc.doc_id, 0)),
                    "words": len(clean.text.split()),
                    "removed_lines": len(clean.removed),
                }
            )
        return pd.DataFrame(rows)

    @property
    def removed(self) -> pd.DataFrame:
        """Every input line that is not body text, with its reason."""
        rows = [vars(r) for c in self.cleaned for r in c.removed]
        return pd.DataFrame(rows, columns=["doc_id", "line", "text", "reason"])


#: Recent results by (corpus fingerprint, model, granularity, settings); see :func:`run`.
_RECENT: OrderedDict[tuple, Result] = OrderedDict()
_RECENT_SIZE = 4


def corpus_fingerprint(folder: str | Path) -> tuple:
    """Name, size and modification time of every file in a corpus folder (or of a corpus file).

    Cheap to compute; changes whenever a file is added, removed or edited.
    """
    folder = Path(folder).resolve()
    if folder.is_file():
        return (str(folder), (folder.name, *_stat(folder)))
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return (str(folder), *((str(p.relative_to(folder)), *_stat(p)) for p in files))


def _stat(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_size, info.st_mtime_ns


def run(
    corpus: str | Path | Corpus = DEFAULT_CORPUS,
    *,
    model: str = DEFAULT_MODEL,
    granularity: str = "sentence",
    settings: AlignmentSettings | None = None,
    cache: EmbeddingCache | None = None,
    event_min_similarity: float = MIN_SIMILARITY,
    event_max_days: float = MAX_DAYS,
    events: str = "auto",
    columns: Mapping[str, str] | None = None,
    date_format: str | None = None,
    executor: Executor | None = None,
) -> Result:
    """Read, clean, group into events, segment, embed, align and group a corpus.

    A process that runs the same corpus folder with the same settings again
    (the notebooks of one report share a kernel) gets the previous
    :class:`Result` back without recomputing; the folder's files are
    re-checked each time. Treat the result as read-only.

    Args:
        corpus: Corpus folder, ``.jsonl`` or ``.csv`` file, BASIL folder
            (:func:`narrative.loaders.load_any`), or an already loaded corpus.
        model: Embedding model name or folder.
        granularity: ``"sentence"`` or ``"paragraph"``.
        settings: Alignment settings; defaults when ``None``.
        cache: Embedding cache; the default on-disk cache when ``None``.
        event_min_similarity: Least mean TF-IDF cosine within an event, for
            documents that do not name their event (:mod:`narrative.events`).
        event_max_days: Most days between two articles of one event.
        events: How events are found: ``auto``, ``cluster`` or ``one``
            (:mod:`narrative.events`).
        columns: For JSONL/CSV corpora, ``{field: name in the file}``.
        date_format: For JSONL/CSV corpora, ``strptime`` format of non-ISO dates.
        executor: Runs the per-event work; inline in this process when
            ``None``. It does not change the result.

    Returns:
        The run's :class:`Result`.
    """
    settings = settings or AlignmentSettings()
    key = None
    if cache is None and not isinstance(corpus, Corpus):
        key = (
            corpus_fingerprint(corpus),
            model,
            granularity,
            settings,
            event_min_similarity,
            event_max_days,
            events,
            tuple(sorted((columns or {}).items())),
            date_format,
        )
        if key in _RECENT:
            _RECENT.move_to_end(key)
            return _RECENT[key]
    result = _run(
        corpus,
        model=model,
        granularity=granularity,
        settings=settings,
        cache=cache,
        event_min_similarity=event_min_similarity,
        event_max_days=event_max_days,
        events=events,
        columns=columns,
        date_format=date_format,
        executor=executor,
    )
    if key is not None:
        _RECENT[key] = result
        while len(_RECENT) > _RECENT_SIZE:
            _RECENT.popitem(last=False)
    return result


@dataclass
class EventTask:
    """One event's share of the work: cut its passages into clauses, embed both, align them.

    Attributes:
        passages: The event's passage table.
        languages: ISO 639-1 code of each passage (empty for unknown), in
            passage order; English passages are cut by spaCy's parse.
        model: Embedding model name or folder.
        settings: Alignment settings.
        cache: Embedding cache; ``None`` uses the worker's default cache
            (on a cluster, each machine's own).
    """

    passages: pd.DataFrame
    languages: list[str]
    model: str
    settings: AlignmentSettings
    cache: EmbeddingCache | None = None


def run_event(task: EventTask) -> tuple[np.ndarray, pd.DataFrame, list[str]]:
    """Embed and align one event (module level, so local processes and Dask workers can run it).

    Args:
        task: The event's work.

    Returns:
        ``(embeddings, alignments, warnings)``: the passages' normalised
        vectors in row order, the alignment table of the event's cross-outlet
        document pairs, and the embedding cache's warnings.
    """
    passages = task.passages.reset_index(drop=True)
    cache = task.cache if task.cache is not None else EmbeddingCache()
    clauses = split_into_clauses(passages["text"].tolist(), task.languages, cache=cache)
    owner = np.repeat(np.arange(len(clauses)), [len(c) for c in clauses])
    texts = passages["text"].tolist() + [c for chunks in clauses for c in chunks]
    vectors = embed(texts, model=task.model, cache=cache)
    embeddings, clause_embeddings = vectors[: len(passages)], vectors[len(passages) :]
    alignments = align_passages(
        passages,
        embeddings,
        settings=task.settings,
        clause_embeddings=clause_embeddings,
        clause_owner=owner,
    )
    return embeddings, alignments, list(cache.warnings)


def _run(
    corpus: str | Path | Corpus,
    *,
    model: str,
    granularity: str,
    settings: AlignmentSettings,
    cache: EmbeddingCache | None,
    event_min_similarity: float,
    event_max_days: float,
    events: str,
    columns: Mapping[str, str] | None,
    date_format: str | None,
    executor: Executor | None,
) -> Result:
    loaded = (
        corpus
        if isinstance(corpus, Corpus)
        else load_any(corpus, columns=columns, date_format=date_format)
    )
    warnings = list(loaded.warnings)
    warnings.extend(model_warnings(loaded.documents, model))
    cleaned, cleaning_warnings = clean_corpus(loaded)
    warnings.extend(cleaning_warnings)
    passages = segment_corpus(cleaned, granularity=granularity)
    if loaded.outlets and len(loaded.outlets) < 2:
        warnings.append("only one outlet in the corpus: there is nothing to compare")
    grouping = group_events(
        document_table(cleaned),
        [c.text for c in cleaned],
        min_similarity=event_min_similarity,
        max_days=event_max_days,
        mode=events,
    )
    warnings.extend(_event_warnings(grouping))
    language = {d.doc_id: (d.language or "").lower()[:2] for d in loaded.documents}
    event_of = passages["doc_id"].map(
        dict(zip([c.doc.doc_id for c in cleaned], grouping.labels, strict=True))
    )
    tasks, rows = [], []
    for _, block in passages.groupby(event_of, sort=False):
        index = block.index.to_numpy()
        rows.append(index)
        tasks.append(
            EventTask(
                passages=block,
                languages=[language.get(d, "") for d in block["doc_id"]],
                model=model,
                settings=settings,
                cache=cache,
            )
        )
    outcomes = (executor or LocalExecutor(workers=1)).map(run_event, tasks)
    dimension = next((len(e[0]) for e, _, _ in outcomes if len(e)), 0)
    embeddings = np.zeros((len(passages), dimension), dtype=np.float32)
    for index, (vectors, _, more) in zip(rows, outcomes, strict=True):
        embeddings[index] = vectors
        warnings.extend(w for w in more if w not in warnings)
    found = [a for _, a, _ in outcomes if len(a)]
    alignments = (
        pd.concat(found, ignore_index=True) if found else pd.DataFrame(columns=ALIGNMENT_COLUMNS)
    )
    units = build_units(passages, alignments)
    return Result(
        corpus=loaded,
        cleaned=cleaned,
        passages=passages,
        embeddings=embeddings,
        alignments=alignments,
        units=units,
        model=model,
        granularity=granularity,
        settings=settings,
        events=grouping,
        warnings=warnings,
    )


def _event_warnings(events: EventGrouping) -> list[str]:
    """Warn about events that cannot be compared (one outlet) when the corpus holds several."""
    table = events.table
    if table["event"].nunique() < 2:
        return []
    lone = table.loc[table["outlets"] < 2, "event"].drop_duplicates().tolist()
    if not lone:
        return []
    shown = ", ".join(lone[:10]) + (" ..." if len(lone) > 10 else "")
    return [
        f"{len(lone)} of {table['event'].nunique()} events are reported by one outlet only and "
        f"have nothing to align: {shown} (see the events table)"
    ]


def run_with_parameters(values: Mapping[str, object]) -> Result:
    """Run the pipeline from a notebook's parameter values.

    Args:
        values: A mapping holding the names of :data:`narrative.params.PARAMETERS`
            and ``corpus`` (a notebook passes ``globals()``); other names are
            ignored, missing ones take their defaults, an empty ``corpus`` is the
            default corpus.

    Returns:
        The run's :class:`Result`.
    """
    settings = alignment_settings(dict(values))
    scheduler = str(values.get("scheduler") or "")
    workers = int(values.get("workers") or 1)
    executor = make_executor(scheduler, workers=workers) if scheduler or workers > 1 else None
    try:
        return run(
            Path(str(values.get("corpus") or DEFAULT_CORPUS)),
            model=str(values.get("model", DEFAULT_MODEL)),
            granularity=str(values.get("granularity", "sentence")),
            settings=settings,
            event_min_similarity=float(values.get("event_min_similarity", MIN_SIMILARITY)),
            event_max_days=float(values.get("event_max_days", MAX_DAYS)),
            events=str(values.get("events") or "auto"),
            columns=parse_columns(str(values.get("columns") or "")),
            date_format=str(values.get("date_format") or "") or None,
            executor=executor,
        )
    finally:
        if executor is not None:
            executor.close()
