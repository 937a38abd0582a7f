from __future__ import annotations

import os
import time

import pandas as pd
import pytest
from narrative.executor import DaskExecutor, LocalExecutor, make_executor


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


def test_make_executor_chooses_local_without_scheduler():
    executor = make_executor(None, workers=3)
    assert isinstance(executor, LocalExecutor) and executor.workers == 3
    assert isinstance(make_executor(""), LocalExecutor)


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


def test_pipeline_per_event_work_is_the_same_inline_and_on_a_dask_cluster(fixtures, tmp_path):
    """Per-event embedding and alignment give the same tables wherever they run."""
    from distributed import LocalCluster
    from narrative import pipeline
    from narrative.embeddings import EmbeddingCache
    from narrative.loaders import load_basil

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
    for name in ("alignments", "units", "passages"):
        pd.testing.assert_frame_equal(getattr(remote, name), getattr(inline, name))
    assert abs(remote.embeddings - inline.embeddings).max() < 1e-5
