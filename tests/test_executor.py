from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
from narrative.executor import DaskExecutor, LocalExecutor, WorkerDied, make_executor


def _pid_after_nap(seconds: float) -> int:
    """Module-level, so that spawned workers can import it."""
    time.sleep(seconds)
    return os.getpid()


def test_inline_runs_in_this_process_in_order():
    executor = LocalExecutor(workers=1)
    assert executor.map(len, ["a", "bbb", "cc"]) == [1, 3, 2]
    assert executor.map(_pid_after_nap, [0, 0]) == [os.getpid()] * 2
    assert executor.map(len, []) == []


def test_processes_run_elsewhere_and_keep_order():
    with LocalExecutor(workers=2) as executor:
        assert executor.map(abs, [-3, 1, -2, 5]) == [3, 1, 2, 5]
        pids = executor.map(_pid_after_nap, [0.3, 0.3])
    assert os.getpid() not in pids and len(set(pids)) == 2


def test_errors_reach_the_caller():
    with pytest.raises(ValueError):
        LocalExecutor(workers=2).map(int, ["1", "x"])
    with pytest.raises(ValueError):
        LocalExecutor(workers=0)


def _die(code: int) -> int:
    """Module-level: a worker that ends without a result, as one killed for memory does."""
    os._exit(code)


def test_a_dead_worker_is_a_clear_error():
    with pytest.raises(WorkerDied, match="workers=1"):
        LocalExecutor(workers=2).map(_die, [3, 3])


def _nap_then_report(args: tuple[str, float]) -> int:
    """Module-level: note this worker's process id, then nap (to be killed meanwhile)."""
    folder, seconds = args
    (Path(folder) / str(os.getpid())).write_text("up")
    time.sleep(seconds)
    return os.getpid()


def test_a_worker_killed_at_once_is_noticed_every_time(tmp_path):
    """A worker killed within the executor's first wait was reaped before it was watched,
    and ``map`` waited for ever on about one kill in two (Python 3.11)."""

    def run(folder: Path, outcome: list) -> None:
        try:
            LocalExecutor(workers=2).map(_nap_then_report, [(str(folder), 60)] * 2)
        except WorkerDied as error:
            outcome.append(error)

    for attempt in range(10):
        folder = tmp_path / str(attempt)
        folder.mkdir()
        outcome: list = []
        # A daemon thread: a hung map must not keep the test process alive.
        thread = threading.Thread(target=run, args=(folder, outcome), daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while len(list(folder.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(int(next(folder.iterdir()).name), signal.SIGKILL)
        thread.join(timeout=30)
        assert outcome, f"kill {attempt + 1}: map still waiting 30 s after its worker died"


@pytest.mark.slow
def test_a_dead_dask_worker_is_replaced_or_a_clear_error(tmp_path):
    """Dask's nanny restarts a killed worker and the task runs again; a task that kills
    every worker it runs on, or a cluster left without workers, is a WorkerDied."""
    import dask
    from distributed import LocalCluster

    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        # A restart can take tens of seconds on a busy machine: only the retry limit counts here.
        DaskExecutor(cluster.scheduler_address, no_workers_timeout=600) as executor,
        ThreadPoolExecutor(max_workers=1) as waiting,
    ):
        pids = tmp_path / "pids"
        pids.mkdir()
        result = waiting.submit(executor.map, _nap_then_report, [(str(pids), 5)])
        deadline = time.monotonic() + 60
        while not any(pids.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.1)
        first = int(next(pids.iterdir()).name)
        os.kill(first, signal.SIGKILL)
        # Bounded: the task is retried on the restarted worker and its result comes back.
        (pid,) = result.result(timeout=300)
        assert pid != first
        with pytest.raises(WorkerDied, match="Dask workers died 2 times running the same"):
            waiting.submit(executor.map, _die, [3]).result(timeout=300)
        assert executor.map(abs, [-1]) == [1]  # the cluster still works afterwards
    with (
        LocalCluster(n_workers=0, dashboard_address=None) as empty,
        DaskExecutor(empty.scheduler_address, no_workers_timeout=1) as executor,
        ThreadPoolExecutor(max_workers=1) as waiting,
    ):
        with pytest.raises(WorkerDied, match="has had no worker for 1 s"):
            waiting.submit(executor.map, abs, [-1]).result(timeout=60)


def test_make_executor_chooses_local_without_scheduler():
    executor = make_executor(None, workers=3)
    assert isinstance(executor, LocalExecutor) and executor.workers == 3
    assert isinstance(make_executor(""), LocalExecutor)


@pytest.mark.slow
def test_dask_local_cluster():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None
    ) as cluster:
        with make_executor(cluster.scheduler_address) as executor:
            assert isinstance(executor, DaskExecutor)
            assert executor.map(len, ["a", "bbb", "cc", "a"]) == [1, 3, 2, 1]
            assert executor.map(len, []) == []
            assert executor.map(_pid_after_nap, [0]) != [os.getpid()]
            with pytest.raises(ValueError):
                executor.map(int, ["1", "x"])


@pytest.mark.slow
def test_pipeline_per_event_work_is_the_same_inline_and_on_a_dask_cluster(fixtures, tmp_path):
    """Per-event embedding and alignment give the same tables wherever they run."""
    from distributed import LocalCluster
    from narrative import pipeline
    from narrative.embeddings import EmbeddingCache
    from narrative.readers import load_basil

    corpus = load_basil(fixtures / "basil-mini")
    inline = pipeline.run(corpus, cache=EmbeddingCache(tmp_path / "a.sqlite"))
    event_of = inline.event_of
    assert set(event_of.values()) == {d.event for d in corpus.documents}
    assert len(inline.alignments) > 0
    # Passages are aligned only within an event, and story units never span events.
    assert (
        inline.alignments["doc_a"].map(event_of) == inline.alignments["doc_b"].map(event_of)
    ).all()
    assert (
        inline.units.groupby("unit_id")["doc_id"].agg(lambda d: d.map(event_of).nunique()) == 1
    ).all()
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        with make_executor(cluster.scheduler_address) as executor:
            remote = pipeline.run(
                corpus, cache=EmbeddingCache(tmp_path / "b.sqlite"), executor=executor
            )
    # Two local processes, several events per batch, one torch thread each.
    local = pipeline.run(corpus, cache=EmbeddingCache(tmp_path / "c.sqlite"), workers=2)
    tables = ("alignments", "units", "passages", "quotes", "figures", "number_disagreements")
    for other in (remote, local):
        for name in tables:
            pd.testing.assert_frame_equal(getattr(other, name), getattr(inline, name))
        assert abs(other.embeddings - inline.embeddings).max() < 1e-5
    # Figures are compared only within an event.
    found = inline.number_disagreements
    assert (found["doc_a"].map(event_of) == found["doc_b"].map(event_of)).all()


@pytest.mark.slow
def test_streams_of_any_size_give_the_same_tables(fixtures, tmp_path, monkeypatch):
    """Events parsed and encoded together or one stream each: the same result."""
    from narrative import pipeline
    from narrative.embeddings import EmbeddingCache
    from narrative.readers import load_basil

    corpus = load_basil(fixtures / "basil-mini")
    together = pipeline.run(corpus, cache=EmbeddingCache(tmp_path / "a.sqlite"))
    assert together.events.table["event"].nunique() > 1
    monkeypatch.setattr(pipeline, "STREAM_PASSAGES", 1)
    apart = pipeline.run(corpus, cache=EmbeddingCache(tmp_path / "b.sqlite"))
    for name in ("alignments", "units", "quotes", "figures", "number_disagreements"):
        pd.testing.assert_frame_equal(getattr(apart, name), getattr(together, name))
    assert abs(apart.embeddings - together.embeddings).max() < 1e-5


def test_batches_balance_passages_and_keep_event_order():
    from narrative.pipeline import EventTask, batches

    sizes = [50, 10, 10, 30, 5, 40]
    tasks = [
        EventTask(pd.DataFrame({"text": ["x"] * n}), [], "m", None)  # type: ignore[arg-type]
        for n in sizes
    ]
    chosen = batches(tasks, 3)
    assert sorted(i for c in chosen for i in c) == list(range(6))
    assert all(c == sorted(c) for c in chosen)
    loads = sorted(sum(sizes[i] for i in c) for c in chosen)
    assert loads == [45, 50, 50]
    assert batches(tasks, 1) == [list(range(6))]
    assert len(batches(tasks[:2], 8)) == 2


def test_auto_workers_only_for_large_uncached_work(tmp_path, monkeypatch):
    from narrative import pipeline
    from narrative.config import DEFAULT_MODEL
    from narrative.embeddings import EmbeddingCache, resolve_model, text_key

    monkeypatch.setattr(pipeline, "available_cores", lambda: 4)
    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    big = pd.DataFrame({"text": [f"sentence number {i}" for i in range(pipeline.AUTO_MIN_TEXTS)]})
    assert pipeline.auto_workers(big, 3, model=DEFAULT_MODEL, cache=cache) == 3
    assert pipeline.auto_workers(big, 8, model=DEFAULT_MODEL, cache=cache) == 4
    assert pipeline.auto_workers(big, 1, model=DEFAULT_MODEL, cache=cache) == 1
    assert pipeline.auto_workers(big.head(50), 3, model=DEFAULT_MODEL, cache=cache) == 1
    # With fewer than AUTO_MIN_TEXTS vectors missing, the work is done inline.
    key, _ = resolve_model(DEFAULT_MODEL)
    vector = pd.Series([0.0] * 4).to_numpy(dtype="float32")
    cache.put(key, {text_key(t): vector for t in big["text"][:100]})
    assert pipeline.auto_workers(big, 3, model=DEFAULT_MODEL, cache=cache) == 1
    monkeypatch.setattr(pipeline, "available_cores", lambda: 1)
    empty = EmbeddingCache(tmp_path / "empty.sqlite")
    assert pipeline.auto_workers(big, 3, model=DEFAULT_MODEL, cache=empty) == 1
