"""Run the stages: corpus, cleaning, events, passages, embeddings, alignment, units.

:func:`run` is what notebooks and the command line call; it returns one
:class:`Result` holding every stage's output as plain records and tables.

A corpus may hold many news events (:mod:`narrative.events`). Reading,
cleaning, segmenting and grouping happen here, on the driver; the per-event
work goes through an :class:`narrative.executor.Executor` in batches of
events (:func:`run_batch`): one spaCy parse per passage feeds the clauses,
the attributions and the figures, then the batch's passages and clauses are
embedded, each event's articles aligned, and figures compared within the
event (:func:`run_events`). By default a large corpus not yet cached runs in local
processes and anything else inline (:func:`auto_workers`); a Dask cluster
runs it when asked. Passages are aligned only within an event, so the cost
grows with the number of events, not with the square of the corpus. Story
units are then built over all events' alignments (a unit never spans
events, since no pair does).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from narrative.alignment import (
    ALIGNMENT_COLUMNS,
    AlignmentSettings,
    align_passages,
    needs_clauses,
)
from narrative.clauses import clauses as split_into_clauses
from narrative.cleaning import CleanDocument, clean_corpus
from narrative.config import DEFAULT_CORPUS
from narrative.corpus import Corpus, CorpusError
from narrative.embeddings import EmbeddingCache, embed, resolve_model, text_key
from narrative.events import APART, EventGrouping, document_table, group_events, lead_text
from narrative.executor import Executor, LocalExecutor, available_cores, make_executor
from narrative.guard import or_warn
from narrative.language import model_warnings
from narrative.lexical import TermIndex
from narrative.nlp import parse
from narrative.numbers import (
    COMPARISON_COLUMNS,
    TABLE_COLUMNS,
    disagreement_findings,
    number_disagreements,
    number_table,
)
from narrative.params import RunConfig, make_config, notebook_config
from narrative.passages import segment_corpus
from narrative.quotes import QUOTE_COLUMNS, attribution_passages, find_quotes, with_persons
from narrative.readers import load_any
from narrative.review import apply_review, read_decisions
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
        config: Every parameter of the run.
        events: Which event each document reports, with the table to check
            (:mod:`narrative.events`).
        quotes: Every attribution in the body passages
            (:func:`narrative.quotes.find_quotes`, run per event).
        figures: Every figure in the passages
            (:func:`narrative.numbers.number_table`).
        number_disagreements: Figures that differ between aligned passages,
            or between event-class figures of one event's outlets
            (:func:`narrative.numbers.number_disagreements`, per event), grouped into
            findings (:func:`narrative.numbers.disagreement_findings`).
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
    quotes: pd.DataFrame
    figures: pd.DataFrame
    number_disagreements: pd.DataFrame
    config: RunConfig = field(default_factory=RunConfig)
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
                    "cleaning_notes": "; ".join(clean.notes),
                }
            )
        return pd.DataFrame(rows)

    @property
    def removed(self) -> pd.DataFrame:
        """Every input line that is not body text, with its reason."""
        rows = [vars(r) for c in self.cleaned for r in c.removed]
        return pd.DataFrame(rows, columns=["doc_id", "line", "text", "reason"])


#: Recent results by (corpus fingerprint, :meth:`RunConfig.pipeline_key`); see :func:`run`.
_RECENT: OrderedDict[tuple, Result] = OrderedDict()
#: Recent reviewed results by (machine result, decisions file's size and time).
_REVIEWED: OrderedDict[tuple, tuple[Result, Result]] = OrderedDict()
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
    config: RunConfig | None = None,
    *,
    cache: EmbeddingCache | None = None,
    executor: Executor | None = None,
    **changes: object,
) -> Result:
    """Read, clean, group into events, segment, embed, align and group a corpus.

    A process that runs the same corpus folder with the same settings again
    (the notebooks of one report share a kernel) gets the previous
    :class:`Result` back without recomputing; the folder's files are
    re-checked each time. Treat the result as read-only.

    Args:
        corpus: Corpus folder, ``.jsonl`` or ``.csv`` file, BASIL folder
            (:func:`narrative.readers.load_any`), or an already loaded corpus.
        config: The run's parameters (:class:`narrative.params.RunConfig`);
            the defaults when ``None``.
        cache: Embedding cache; the default on-disk cache when ``None``.
        executor: Runs the per-event work; when ``None``, ``config.workers``
            local processes do (1 inline, 0 chooses: :func:`auto_workers`).
            It does not change the result.
        **changes: Parameters that replace those of ``config``, by name
            (``model=...``, ``workers=2``).
        review: (in ``config``) The researcher's decisions file
            (:mod:`narrative.review`), applied after alignment; empty: the
            machine's result, with empty ``reviewed`` columns. A missing file is
            no decision yet.

    Returns:
        The run's :class:`Result`.
    """
    config = make_config((config or RunConfig()).values(), **changes)
    machine = _machine_run(corpus, config, cache=cache, executor=executor)
    path = Path(config.review) if config.review else None
    key = (id(machine), _file_stamp(path))
    if key in _REVIEWED and _REVIEWED[key][0] is machine:
        return _REVIEWED[key][1]
    reviewed = apply_review(machine, read_decisions(path) if path else [])
    _REVIEWED[key] = (machine, reviewed)
    while len(_REVIEWED) > _RECENT_SIZE:
        _REVIEWED.popitem(last=False)
    return reviewed


def _file_stamp(path: Path | None) -> tuple:
    """Path, size and modification time of a file (empty when none or missing)."""
    if path is None or not path.is_file():
        return (str(path or ""),)
    return (str(path.resolve()), *_stat(path))


def _machine_run(
    corpus: str | Path | Corpus,
    config: RunConfig,
    *,
    cache: EmbeddingCache | None,
    executor: Executor | None,
) -> Result:
    """:func:`run` without the review, cached in memory (see :func:`run`)."""
    config = replace(config, review="")
    key = None
    if cache is None and not isinstance(corpus, Corpus):
        key = (corpus_fingerprint(corpus), config.pipeline_key())
        if key in _RECENT:
            _RECENT.move_to_end(key)
            return _RECENT[key]
    result = _run(corpus, config, cache=cache, executor=executor)
    if key is not None:
        _RECENT[key] = result
        while len(_RECENT) > _RECENT_SIZE:
            _RECENT.popitem(last=False)
    return result


@dataclass
class EventTask:
    """One event's share of the work: clauses, embeddings, alignment and per-passage analyses.

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


@dataclass
class EventOutcome:
    """What one event's work produced (see :func:`run_events`)."""

    embeddings: np.ndarray
    alignments: pd.DataFrame
    quotes: pd.DataFrame
    figures: pd.DataFrame
    disagreements: pd.DataFrame
    warnings: list[str]


@dataclass
class EventBatch:
    """Several events for one worker, which loads the model and spaCy once for all of them.

    Attributes:
        tasks: The events.
        threads: Torch threads for the worker (its share of the cores when
            several local processes run at once); ``None`` leaves the default.
    """

    tasks: list[EventTask]
    threads: int | None = None


def event_tasks(
    corpus: Corpus,
    cleaned: list[CleanDocument],
    passages: pd.DataFrame,
    grouping: EventGrouping,
    *,
    model: str,
    settings: AlignmentSettings,
    cache: EmbeddingCache | None = None,
) -> list[EventTask]:
    """One task per event, in order of first appearance; each keeps its passages' row index."""
    language = {d.doc_id: (d.language or "").lower()[:2] for d in corpus.documents}
    event_of = passages["doc_id"].map(
        dict(zip([c.doc.doc_id for c in cleaned], grouping.labels, strict=True))
    )
    return [
        EventTask(
            passages=block,
            languages=[language.get(d, "") for d in block["doc_id"]],
            model=model,
            settings=settings,
            cache=cache,
        )
        for _, block in passages.groupby(event_of, sort=False)
    ]


def event_chunks(
    task: EventTask, embeddings: np.ndarray, *, index: TermIndex | None = None
) -> list[list[str]]:
    """What is embedded besides the passages: for each passage, its text and clauses.

    A passage without a candidate counterpart in another outlet
    (:func:`narrative.alignment.needs_clauses`) keeps its own text only.

    Args:
        task: The event.
        embeddings: Its passages' vectors, in row order.
        index: The passages' term index, if already built.

    Returns:
        One list per passage; the first chunk is the passage's text.
    """
    texts = task.passages["text"].tolist()
    cut = split_into_clauses(texts, task.languages, cache=task.cache)
    wanted = needs_clauses(task.passages, embeddings, settings=task.settings, index=index)
    return [
        [text, *(c for c in chunks if c != text)] if keep else [text]
        for text, chunks, keep in zip(texts, cut, wanted, strict=True)
    ]


#: Most passages parsed and encoded in one stream by :func:`run_events` (bounds its memory).
STREAM_PASSAGES = 5000


def run_events(tasks: list[EventTask]) -> list[EventOutcome]:
    """Do several events' work (module level, so local processes and Dask workers can run it).

    Cuts each event's passages into clauses, embeds passages and clauses,
    aligns the event's cross-outlet document pairs, and runs the per-passage
    analyses that need the parse: attributions
    (:func:`narrative.quotes.find_quotes`), figures
    (:func:`narrative.numbers.number_table`) and where aligned or same-event
    passages disagree on them (:func:`narrative.numbers.number_disagreements`).
    Each passage is parsed once for all three, all the events' passages in
    one spaCy stream. The passages of all the events are encoded in one call,
    then their clauses in another: the model sorts the texts of a call by
    length, so its batches waste less on padding than one call per event (on
    30 BASIL events, 17.2 s instead of 23.6 s for the passages, one thread).
    Events are taken in runs of at most :data:`STREAM_PASSAGES` passages, so
    a large batch never holds all its parses at once. Nothing is compared
    across events.

    Args:
        tasks: The events.

    Returns:
        One outcome per event, in order; tables keep the passages' order.
    """
    outcomes: list[EventOutcome] = []
    stream: list[EventTask] = []
    size = 0
    for task in tasks:
        if stream and size + len(task.passages) > STREAM_PASSAGES:
            outcomes += _run_stream(stream)
            stream, size = [], 0
        stream.append(task)
        size += len(task.passages)
    return outcomes + (_run_stream(stream) if stream else [])


def _run_stream(tasks: list[EventTask]) -> list[EventOutcome]:
    """The work of :func:`run_events` for events parsed and encoded in one stream."""
    # Tasks without a cache share one default cache, so that they are encoded together.
    fallback = EmbeddingCache() if any(t.cache is None for t in tasks) else None
    tasks = [
        replace(
            t,
            passages=t.passages.reset_index(drop=True),
            cache=t.cache if t.cache is not None else fallback,
        )
        for t in tasks
    ]
    texts = [t.passages["text"].tolist() for t in tasks]
    for indices in _sharing(tasks):
        # One long stream in large batches parses faster than one short call per event;
        # the clauses, quotes and figures then find these parses in memory.
        parse(
            [text for i in indices for text in texts[i]],
            cache=tasks[indices[0]].cache,
            batch_size=256,
        )
    embeddings = _embed_together(tasks, texts)
    # One term index per event serves the choice of clauses and the alignment.
    indexes = [TermIndex(t) for t in texts]
    chunks = [
        event_chunks(t, e, index=i) for t, e, i in zip(tasks, embeddings, indexes, strict=True)
    ]
    chunk_embeddings = _embed_together(tasks, [[c for cs in ch for c in cs] for ch in chunks])
    outcomes = []
    for task, vectors, index, clauses, clause_vectors in zip(
        tasks, embeddings, indexes, chunks, chunk_embeddings, strict=True
    ):
        passages = task.passages
        alignments = align_passages(
            passages,
            vectors,
            settings=task.settings,
            clause_embeddings=clause_vectors,
            clause_owner=np.repeat(np.arange(len(clauses)), [len(c) for c in clauses]),
            index=index,
        )
        problems: list[str] = []
        quotes = find_quotes(attribution_passages(passages), problems=problems)
        figures = _or_warn(
            problems,
            "figures",
            partial(number_table, passages),
            pd.DataFrame(columns=TABLE_COLUMNS),
        )
        disagreements = _or_warn(
            problems,
            "figure comparisons",
            partial(number_disagreements, alignments, passages=passages),
            pd.DataFrame(columns=[c for c in COMPARISON_COLUMNS if c != "status"]),
        )
        outcomes.append(
            EventOutcome(
                embeddings=vectors,
                alignments=alignments,
                quotes=quotes,
                figures=figures,
                disagreements=disagreements,
                warnings=[*task.cache.warnings, *problems],
            )
        )
    return outcomes


def _or_warn(
    problems: list[str], what: str, compute: Callable[[], pd.DataFrame], empty: pd.DataFrame
) -> pd.DataFrame:
    """``compute()``, or ``empty`` and a one-line warning in ``problems`` if it fails.

    The figure rules read every passage's parse; one the rules do not foresee (a bug)
    costs the event its figures and says so on every page, not the whole report
    (:func:`narrative.guard.or_warn`; :func:`find_quotes` skips such a passage alone).
    """
    return or_warn(
        problems,
        compute,
        empty,
        f"{what} of this event were not computed",
        "page 04 shows none for it",
        rules="figure rules",
    )


def _sharing(tasks: list[EventTask]) -> list[list[int]]:
    """Indices of the tasks, grouped by the model and cache they share."""
    together: dict[tuple[str, int], list[int]] = {}
    for i, task in enumerate(tasks):
        together.setdefault((task.model, id(task.cache)), []).append(i)
    return list(together.values())


def _embed_together(tasks: list[EventTask], texts: list[list[str]]) -> list[np.ndarray]:
    """Embed each task's texts, in one call for all tasks that share a model and cache."""
    out: list[np.ndarray] = [np.zeros((0, 0), dtype=np.float32)] * len(tasks)
    for indices in _sharing(tasks):
        first = tasks[indices[0]]
        flat = [text for i in indices for text in texts[i]]
        vectors = embed(flat, model=first.model, cache=first.cache)
        ends = np.cumsum([len(texts[i]) for i in indices])
        for i, part in zip(indices, np.split(vectors, ends[:-1]), strict=True):
            out[i] = part
    return out


def run_batch(batch: EventBatch) -> list[EventOutcome]:
    """Run a batch of events (module level, for workers): :func:`run_events`."""
    if batch.threads:
        import torch

        torch.set_num_threads(batch.threads)
    return run_events(batch.tasks)


#: Passages without a cached embedding from which ``workers=0`` starts local processes.
AUTO_MIN_TEXTS = 2000


def auto_workers(passages: pd.DataFrame, events: int, *, model: str, cache: EmbeddingCache) -> int:
    """How many local processes ``workers=0`` uses: all cores for large uncached work, else one.

    Starting a process costs several seconds (each loads torch, the model and
    spaCy), and two processes on two cores parse and encode only about
    1.1 to 2 times as fast as one, so processes pay off only when there is a
    lot to compute: at least :data:`AUTO_MIN_TEXTS` passages whose
    embedding is not cached yet, in at least two events.

    Args:
        passages: The corpus's passage table.
        events: Number of events.
        model: Embedding model name or folder.
        cache: The embedding cache.

    Returns:
        The number of processes; 1 means inline.
    """
    cores = available_cores()
    if cores < 2 or events < 2 or len(passages) < AUTO_MIN_TEXTS:
        return 1
    model_key, _ = resolve_model(model)
    keys = list(dict.fromkeys(text_key(t) for t in passages["text"]))
    missing = len(keys) - len(cache.get(model_key, keys))
    return min(cores, events) if missing >= AUTO_MIN_TEXTS else 1


def batches(tasks: list[EventTask], parts: int) -> list[list[int]]:
    """Split events into at most ``parts`` batches of about equal size in passages.

    Largest events first, each to the batch with the fewest passages so far
    (longest-processing-time scheduling); events keep their order within a
    batch.

    Args:
        tasks: The events.
        parts: Number of batches wanted.

    Returns:
        Lists of task indices; no list is empty.
    """
    parts = max(1, min(parts, len(tasks)))
    loads = [0] * parts
    chosen: list[list[int]] = [[] for _ in range(parts)]
    for i in sorted(range(len(tasks)), key=lambda i: -len(tasks[i].passages)):
        slot = loads.index(min(loads))
        chosen[slot].append(i)
        loads[slot] += len(tasks[i].passages)
    return [sorted(c) for c in chosen if c]


def _map_events(
    tasks: list[EventTask],
    passages: pd.DataFrame,
    *,
    executor: Executor | None,
    workers: int,
    model: str,
    cache: EmbeddingCache | None,
) -> list[EventOutcome]:
    """Run every event's work in batches through the executor; outcomes in task order."""
    if not tasks:
        return []
    own = None
    if executor is None:
        if workers < 1:
            store = cache or EmbeddingCache()
            workers = auto_workers(passages, len(tasks), model=model, cache=store)
        executor = own = LocalExecutor(workers)
    try:
        parallel = executor.parallelism
        # A few batches per worker even out events of unequal size.
        chosen = batches(tasks, 1 if parallel <= 1 else parallel * 3)
        threads = None
        if isinstance(executor, LocalExecutor) and parallel > 1 and len(chosen) > 1:
            threads = max(1, available_cores() // parallel)
        done = executor.map(
            run_batch, [EventBatch([tasks[i] for i in c], threads=threads) for c in chosen]
        )
    finally:
        if own is not None:
            own.close()
    outcomes: list[EventOutcome | None] = [None] * len(tasks)
    for indices, results in zip(chosen, done, strict=True):
        for i, outcome in zip(indices, results, strict=True):
            outcomes[i] = outcome
    return [o for o in outcomes if o is not None]


def _concat(tables: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """Per-event tables one after another; an empty table with ``columns`` if all are empty."""
    found = [t for t in tables if len(t)]
    return pd.concat(found, ignore_index=True) if found else pd.DataFrame(columns=columns)


def _in_passage_order(
    tables: list[pd.DataFrame], passages: pd.DataFrame, columns: list[str]
) -> pd.DataFrame:
    """Concatenate per-event tables and order their rows as the passages are ordered."""
    table = _concat(tables, columns)
    if table.empty:
        return table
    keys = zip(passages["doc_id"], passages["passage_id"], strict=True)
    row = {(d, int(p)): i for i, (d, p) in enumerate(keys)}
    order = [
        row.get((d, int(p)), len(row))
        for d, p in zip(table["doc_id"], table["passage_id"], strict=True)
    ]
    return table.iloc[np.argsort(order, kind="stable")].reset_index(drop=True)


def _run(
    corpus: str | Path | Corpus,
    config: RunConfig,
    *,
    cache: EmbeddingCache | None,
    executor: Executor | None,
) -> Result:
    model, settings = config.model, config.alignment
    loaded = (
        corpus
        if isinstance(corpus, Corpus)
        else load_any(corpus, columns=config.column_map, date_format=config.date_format or None)
    )
    warnings = list(loaded.warnings)
    warnings.extend(model_warnings(loaded.documents, model))
    cleaned, cleaning_warnings = clean_corpus(loaded)
    warnings.extend(cleaning_warnings)
    passages = segment_corpus(cleaned, granularity=config.granularity)
    if loaded.outlets and len(loaded.outlets) < 2:
        warnings.append("only one outlet in the corpus: there is nothing to compare")
    documents = document_table(cleaned)
    grouping = group_events(
        documents,
        [c.text for c in cleaned],
        leads=[lead_text(c) for c in cleaned],
        min_similarity=config.event_min_similarity,
        max_days=config.event_max_days,
        mode=config.events,
    )
    warnings.extend(_event_warnings(grouping, min_similarity=config.event_min_similarity))
    tasks = event_tasks(
        loaded, cleaned, passages, grouping, model=model, settings=settings, cache=cache
    )
    rows = [t.passages.index.to_numpy() for t in tasks]
    outcomes = _map_events(
        tasks, passages, executor=executor, workers=config.workers, model=model, cache=cache
    )
    dimension = next((o.embeddings.shape[1] for o in outcomes if len(o.embeddings)), 0)
    embeddings = np.zeros((len(passages), dimension), dtype=np.float32)
    for index, outcome in zip(rows, outcomes, strict=True):
        embeddings[index] = outcome.embeddings
        warnings.extend(w for w in outcome.warnings if w not in warnings)
    alignments = _concat([o.alignments for o in outcomes], ALIGNMENT_COLUMNS)
    # One name per person across events, not only within each.
    quotes = with_persons(_in_passage_order([o.quotes for o in outcomes], passages, QUOTE_COLUMNS))
    figures = _in_passage_order([o.figures for o in outcomes], passages, TABLE_COLUMNS)
    disagreements = disagreement_findings(
        _concat(
            [o.disagreements for o in outcomes],
            [c for c in COMPARISON_COLUMNS if c != "status"],
        )
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
        granularity=config.granularity,
        settings=settings,
        config=config,
        events=grouping,
        quotes=quotes,
        figures=figures,
        number_disagreements=disagreements,
        warnings=warnings,
    )


def _event_warnings(events: EventGrouping, *, min_similarity: float = 0.1) -> list[str]:
    """Warn about events that cannot be compared (one outlet) when the corpus holds several,
    and about articles that share little with the rest of their event.

    An article put in its event by its manifest or by mode (a corpus of one article per
    outlet is one event) is not checked against the others; one day's news from one
    place (FA-KES's groups) may hold an air raid, a shelling and a gas attack. Such an
    article's mean similarity to its event's other articles is below the threshold two
    groups of articles need to merge (``min_similarity``), and every comparison the
    pages make with it (units, omissions, figures) may be between two stories: its
    ``certainty`` is ``apart`` (:data:`narrative.events.APART`; not in an event of several
    languages, whose articles share no words to compare).
    """
    table = events.table
    warnings = []
    weak = table[table["certainty"] == APART]
    if len(weak):
        shown = ", ".join(
            f"{r.doc_id} ({r.similarity:.2f})" for r in weak.head(10).itertuples(index=False)
        ) + (" ..." if len(weak) > 10 else "")
        warnings.append(
            f"{len(weak)} article(s) share little with the other articles of their event (mean "
            f"similarity below {min_similarity:g}, the least for two groups to be one event): "
            f"{shown}. They may report another incident, and what the pages compare with them "
            "may be two stories; check the events table, name each article's event in the "
            "manifest, or run again with -p events=cluster"
        )
    if table["event"].nunique() < 2:
        return warnings
    lone = table.loc[table["outlets"] < 2, "event"].drop_duplicates().tolist()
    if not lone:
        return warnings
    shown = ", ".join(lone[:10]) + (" ..." if len(lone) > 10 else "")
    return warnings + [
        f"{len(lone)} of {table['event'].nunique()} events are reported by one outlet only and "
        f"have nothing to align: {shown} (see the events table). If they are the same story as "
        "the rest, run again with -p events=one, or name each article's event in the manifest"
    ]


def run_with_parameters(values: Mapping[str, object]) -> Result:
    """Run the pipeline from a notebook's parameters, checked first.

    Args:
        values: A mapping holding parameters of :class:`narrative.params.RunConfig`
            and ``corpus`` (a notebook passes ``globals()``); other names are
            ignored, missing ones take their defaults, an empty ``corpus`` is the
            default corpus.

    Returns:
        The run's :class:`Result`.

    Raises:
        ParameterError: Before any work, for a parameter of the wrong type or
            value, or a name papermill injected that nothing declares
            (:func:`narrative.params.notebook_config`).
    """
    config = notebook_config(values)
    corpus = Path(str(values.get("corpus") or DEFAULT_CORPUS))
    if not corpus.exists():
        raise CorpusError(f"corpus not found: {corpus}")
    executor = make_executor(config.scheduler) if config.scheduler else None
    try:
        return run(corpus, config, executor=executor)
    finally:
        if executor is not None:
            executor.close()
