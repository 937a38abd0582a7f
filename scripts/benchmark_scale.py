"""Measure how the suite scales on a many-event corpus (BASIL: 100 events x 3 outlets).

Prints, for the corpus given (default ``../shared/external/basil``; the script
says so and stops when it is absent):

1. **Reading and grouping**: time to load the corpus, to clean and segment it,
   and to group its articles into events by content and date, with the
   adjusted Rand index of that grouping against the events the corpus names.
2. **Embedding throughput**: the suite's :func:`narrative.embeddings.embed`
   with an empty cache against plain ``SentenceTransformer.encode`` on the
   same passages, same model object, same batch size, in this run (target:
   within 10%). The model is loaded and warmed up first, outside both timings;
   the passages are timed in chunks of ``--chunk``, the two taking turns to
   go first, so that a change of load on a shared machine weighs on both.
3. **Alignment**: the suite's alignment run within each event, against
   brute-force all-pairs cosine over the same passages and against the same
   alignment run over the whole corpus as one event, for the first 10, 25, 50
   and 100 events (target: alignment cost linear in events).
4. **The pipeline through the executor** (warm cache, parses read from the
   disk cache as a new process would): ``pipeline.run`` on the whole corpus
   with its per-event work inline, in local processes, with the default
   ``workers=0``, and on a Dask cluster when ``--scheduler`` is given (``local``: a Dask
   ``LocalCluster`` started here, one single-threaded worker process per
   local worker).
5. **Peak memory** (resident set) of this process, and the load average
   before and after (the machine may be shared).

Usage::

    .venv/bin/python scripts/benchmark_scale.py [--corpus PATH] [--model NAME_OR_PATH]
        [--steps 10,25,50,100] [--whole-max 25] [--chunk 512] [--workers 2]
        [--scheduler ADDRESS|local]

The end-to-end report time is measured by ``scripts/benchmark_report.py
--corpus PATH``.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from narrative import config, pipeline
from narrative.alignment import align_passages
from narrative.clauses import clauses as split_into_clauses
from narrative.cleaning import clean_document
from narrative.embeddings import EmbeddingCache, embed, load_model
from narrative.events import assign_events, corpus_events, split_by_event
from narrative.executor import LocalExecutor, available_cores, make_executor
from narrative.nlp import forget_parses
from narrative.passages import segment_corpus
from narrative.readers import load_any

BASIL = config.PROJECT_ROOT.parent / "shared" / "external" / "basil"


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    """Run ``fn`` once; return its result and the wall-clock seconds it took."""
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def encode_plain(encoder: Any, texts: list[str]) -> np.ndarray:
    """Plain ``SentenceTransformer.encode`` with the suite's batch size and normalisation."""
    return encoder.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)


def peak_memory_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_line() -> str:
    """The 1-minute load average against the cores available."""
    return f"load average {os.getloadavg()[0]:.2f} on {available_cores()} cores"


def event_block(
    passages: pd.DataFrame,
    embeddings: np.ndarray,
    clause_vectors: np.ndarray,
    clause_owner: np.ndarray,
    doc_ids: set[str],
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, np.ndarray]:
    """The passages of some documents with their embeddings and clauses, renumbered from 0."""
    rows = np.flatnonzero(passages["doc_id"].isin(doc_ids).to_numpy())
    local = np.full(len(passages), -1)
    local[rows] = np.arange(len(rows))
    keep = np.isin(clause_owner, rows)
    return (
        passages.iloc[rows].reset_index(drop=True),
        embeddings[rows],
        clause_vectors[keep],
        local[clause_owner[keep]],
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=BASIL, help="corpus (default: BASIL)")
    parser.add_argument("--model", default=config.DEFAULT_MODEL, help="embedding model")
    parser.add_argument("--steps", default="10,25,50,100", help="event counts for the growth")
    parser.add_argument(
        "--whole-max", type=int, default=25, help="largest step aligned as one event (quadratic)"
    )
    parser.add_argument("--chunk", type=int, default=512, help="passages per timed chunk")
    parser.add_argument("--workers", type=int, default=None, help="local processes (all cores)")
    parser.add_argument(
        "--scheduler", default=None, help="Dask scheduler address, or 'local' (optional)"
    )
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} is absent (BASIL lives in ../shared/external/basil)")
        return 0
    print(f"corpus {args.corpus}; model {args.model}; {load_line()}")
    # Every vector goes to a cache of this run's own: the suite's is measured empty.
    with tempfile.TemporaryDirectory() as folder:
        measure(args, EmbeddingCache(Path(folder) / "embeddings.sqlite"))
    print(f"\n5. peak resident memory of this process: {peak_memory_mb():.0f} MB; {load_line()}")
    return 0


def measure(args: argparse.Namespace, cache: EmbeddingCache) -> None:
    """Print sections 1 to 4 (see the module docstring), with every vector in ``cache``."""
    # 1. Reading and grouping.
    corpus, seconds = timed(lambda: load_any(args.corpus))
    print(f"\n1. read {len(corpus.documents)} articles in {seconds:.2f} s")
    given = [d.event for d in corpus.documents]
    if not all(given):
        corpus = assign_events(corpus, corpus_events(corpus).labels)
    unlabelled = assign_events(corpus, [""] * len(corpus.documents))
    grouping, seconds = timed(lambda: corpus_events(unlabelled))
    found = len(set(grouping.labels))
    print(f"   grouped by content and date in {seconds:.2f} s: {found} events", end="")
    if all(given):
        from sklearn.metrics import adjusted_rand_score

        ari = adjusted_rand_score(given, grouping.labels)
        print(f" for {len(set(given))} given; adjusted Rand index {ari:.3f}")
    else:
        print()
    cleaned, seconds = timed(lambda: [clean_document(d) for d in corpus.documents])
    passages, more = timed(lambda: segment_corpus(cleaned))
    print(f"   cleaned in {seconds:.2f} s, segmented into {len(passages)} passages in {more:.2f} s")

    # 2. Embedding throughput.
    texts = passages["text"].tolist()
    encoder, seconds = timed(lambda: load_model(args.model))
    encoder.encode(texts[:64], batch_size=32)
    print(f"\n2. embedding {len(texts)} passages (model loaded in {seconds:.1f} s, warmed up)")
    # Interleaved in chunks, alternating which goes first: on a shared machine a
    # change of load then weighs on both alike.
    plain_parts, suite_parts = [], []
    plain_s = suite_s = 0.0
    fresh = EmbeddingCache(cache.path.with_name("throughput.sqlite"))
    for number, start in enumerate(range(0, len(texts), args.chunk)):
        chunk = texts[start : start + args.chunk]
        for name in ("plain", "suite") if number % 2 == 0 else ("suite", "plain"):
            if name == "plain":
                vectors, seconds = timed(lambda chunk=chunk: encode_plain(encoder, chunk))
                plain_parts.append(vectors)
                plain_s += seconds
            else:
                vectors, seconds = timed(
                    lambda chunk=chunk: embed(chunk, model=args.model, cache=fresh, progress=False)
                )
                suite_parts.append(vectors)
                suite_s += seconds
    plain, suite = np.vstack(plain_parts), np.vstack(suite_parts)
    embed(texts, model=args.model, cache=cache)
    _, warm_s = timed(lambda: embed(texts, model=args.model, cache=cache))
    plain_rate, suite_rate = len(texts) / plain_s, len(texts) / suite_s
    print(f"   interleaved in chunks of {args.chunk}; {len(set(texts))} distinct passages")
    print(f"   plain SentenceTransformer.encode: {plain_s:6.1f} s = {plain_rate:6.1f} passages/s")
    print(f"   suite embed, empty cache:         {suite_s:6.1f} s = {suite_rate:6.1f} passages/s")
    print(
        f"   suite / plain throughput: {suite_rate / plain_rate:.3f} (target >= 0.90); "
        f"largest vector difference {np.abs(plain - suite).max():.1e}; "
        f"warm cache {warm_s:.2f} s"
    )
    print(f"   {load_line()}")

    # 3. Alignment: within events, brute-force cosine, whole corpus.
    language = {d.doc_id: (d.language or "").lower()[:2] for d in corpus.documents}
    clauses, clause_s = timed(
        lambda: split_into_clauses(
            texts, [language.get(d, "") for d in passages["doc_id"]], cache=cache
        )
    )
    clause_owner = np.repeat(np.arange(len(clauses)), [len(c) for c in clauses])
    clause_vectors = embed([c for chunk in clauses for c in chunk], model=args.model, cache=cache)
    parts = split_by_event(corpus)
    events = list(parts)
    steps = [int(s) for s in args.steps.split(",") if int(s) <= len(events)]
    print(
        f"\n3. alignment ({len(clause_vectors)} clauses of every passage, cut in "
        f"{clause_s:.1f} s and embedded untimed; the pipeline embeds only those of passages "
        "with a candidate counterpart, so this is an upper bound)"
    )
    print(
        "   events  passages  within events (s/event)  all-pairs cosine (matrix)"
        "  whole corpus as one event"
    )
    for step in steps:
        chosen = [{d.doc_id for d in parts[e].documents} for e in events[:step]]
        blocks = [event_block(passages, suite, clause_vectors, clause_owner, ids) for ids in chosen]
        start = time.perf_counter()
        for block, vectors, owned, owner in blocks:
            align_passages(block, vectors, clause_embeddings=owned, clause_owner=owner)
        within = time.perf_counter() - start
        union = set().union(*chosen)
        whole = event_block(passages, suite, clause_vectors, clause_owner, union)
        cosine, brute = timed(lambda whole=whole: whole[1] @ whole[1].T)
        line = (
            f"   {step:6d}  {len(whole[0]):8d}  {within:7.2f} s ({within / step:.3f})"
            f"      {brute:7.3f} s ({cosine.nbytes / 2**20:5.0f} MB)"
        )
        del cosine
        if step <= args.whole_max:
            _, one = timed(
                lambda whole=whole: align_passages(
                    whole[0], whole[1], clause_embeddings=whole[2], clause_owner=whole[3]
                )
            )
            line += f"        {one:7.1f} s"
        print(line)
    print(f"   {load_line()}")

    # 4. The whole pipeline, its per-event work through each executor (warm cache).
    # Every run starts like a new process: parses come from the disk cache, not from memory.
    def run(**kwargs: Any) -> pipeline.Result:
        forget_parses()
        return pipeline.run(corpus, model=args.model, cache=cache, **kwargs)

    print(f"\n4. pipeline.run on all {len(events)} events, warm cache")
    result, inline_s = timed(run)
    print(f"   inline:            {inline_s:6.1f} s; {len(result.alignments)} aligned pairs")
    workers = args.workers or available_cores()
    with LocalExecutor(workers=workers) as local:
        _, local_s = timed(lambda: run(executor=local))
    print(f"   {workers} local processes: {local_s:6.1f} s (includes starting them)")
    _, auto_s = timed(lambda: run(workers=0))
    print(f"   workers=0 (the default; inline when the cache is warm): {auto_s:6.1f} s")
    if args.scheduler == "local":
        from distributed import LocalCluster

        with LocalCluster(
            n_workers=workers, threads_per_worker=1, dashboard_address=None
        ) as cluster:
            with make_executor(cluster.scheduler_address) as executor:
                _, dask_s = timed(lambda: run(executor=executor))
        print(f"   Dask LocalCluster, {workers} workers: {dask_s:6.1f} s (cluster already up)")
    elif args.scheduler:
        with make_executor(args.scheduler) as executor:
            _, dask_s = timed(lambda: run(executor=executor))
        print(f"   Dask {args.scheduler}: {dask_s:6.1f} s")


if __name__ == "__main__":
    raise SystemExit(main())
