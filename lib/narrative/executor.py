"""Run independent pieces of work (one per event) here or on a cluster, through one interface.

Per-event work (embedding, alignment, analyses) is a function applied to a
list of items. :class:`LocalExecutor` runs it in local processes (inline
when one worker is asked for); :class:`DaskExecutor` sends it to a Dask
distributed cluster given by its scheduler address. :func:`make_executor`
chooses between them, so the caller's code is the same on a laptop and on a
cluster.

The function must be importable by the workers (defined at module level,
not in a notebook cell or a lambda), and items and results must pickle.
Results come back in the order of the items; the first error raised by any
item is raised again in the caller. A worker that dies (killed for memory,
say) raises :class:`WorkerDied` with one line saying what to try: at once for
a local process; for Dask once the cluster gives the task up (its nanny
restarts a killed worker and the task is retried, up to the scheduler's
``allowed-failures``), or when the cluster has had no worker for
``no_workers_timeout`` seconds.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any


class WorkerDied(RuntimeError):
    """A worker process ended without a result; the message says what to try."""


def _died_message(detail: str) -> str:
    return (
        f"a worker process ended abruptly ({detail}); it may have run out of memory, or "
        'a script that starts workers lacks `if __name__ == "__main__":` (spawned '
        "workers import it again); run with workers=1 to stay in one process"
    )


def _wait_watching_children(futures: list[Future], others: set[int]) -> None:
    """Wait until every future is done or one failed, or a worker process was killed.

    ``ProcessPoolExecutor`` notices a worker that dies, but not always: on
    Python 3.11 one kill in a few left ``map`` waiting for the other workers
    to finish (ten minutes in the measurement). The child processes started
    since (all but ``others``, the ids of those running before) are checked
    here too, every half second.

    Raises:
        WorkerDied: When a child process ended with a signal or an error status.
    """
    seen: dict[int, multiprocessing.process.BaseProcess] = {}
    while True:
        # Children are recorded before the first wait: one killed in it would otherwise be
        # reaped (dropped from ``active_children``) before it was ever seen, and missed.
        seen.update(
            (child.pid, child)
            for child in multiprocessing.active_children()
            if child.pid not in others
        )
        for child in seen.values():
            if child.exitcode not in (None, 0):
                raise WorkerDied(_died_message(f"exit code {child.exitcode}"))
        _, waiting = wait(futures, timeout=0.5, return_when=FIRST_EXCEPTION)
        if not waiting or any(f.done() and f.exception() is not None for f in futures):
            return


class Executor(ABC):
    """Something that applies a function to every item, possibly in parallel.

    Use it as a context manager, or call :meth:`close` when done.
    """

    @abstractmethod
    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> list[Any]:
        """Apply ``fn`` to each item.

        Args:
            fn: A module-level function of one argument.
            items: The inputs.

        Returns:
            ``[fn(item) for item in items]``, in item order.
        """

    @property
    def parallelism(self) -> int:
        """How many items run at once (1 for inline work)."""
        return 1

    def close(self) -> None:  # noqa: B027 - most executors hold nothing to release
        """Release workers or connections."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def available_cores() -> int:
    """CPU cores this process may use (its affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # platforms without affinity masks
        return os.cpu_count() or 1


class LocalExecutor(Executor):
    """Run work in local processes, or inline.

    Processes are started with ``spawn``: a process forked from one where
    torch has started its thread pool can hang. Each call to :meth:`map`
    starts and stops its own pool, so nothing is left running between calls.

    Args:
        workers: Number of processes; ``None`` uses every available core;
            ``1`` runs the items one after another in this process (no start
            cost, and the model loaded here is reused).
    """

    def __init__(self, workers: int | None = None):
        if workers is not None and workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.workers = workers

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> list[Any]:
        """Apply ``fn`` to each item; see :meth:`Executor.map`."""
        items = list(items)
        workers = min(self.workers or available_cores(), len(items))
        if workers <= 1:
            return [fn(item) for item in items]
        context = multiprocessing.get_context("spawn")
        others = {child.pid for child in multiprocessing.active_children()}
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        finished = False
        try:
            futures = [pool.submit(fn, item) for item in items]
            _wait_watching_children(futures, others)
            # A failed item first: the others may never finish when the pool is stuck.
            for future in futures:
                if future.done() and future.exception() is not None:
                    future.result()
            results = [future.result() for future in futures]
            finished = True
            return results
        except BrokenProcessPool as error:
            raise WorkerDied(_died_message(str(error))) from error
        finally:
            # After a failure the pool may be stuck: stop it without waiting, end its workers.
            pool.shutdown(wait=finished, cancel_futures=True)
            if not finished:
                for child in multiprocessing.active_children():
                    if child.pid not in others:
                        child.kill()

    @property
    def parallelism(self) -> int:
        """The number of processes (1: inline)."""
        return self.workers or available_cores()

    def __repr__(self) -> str:
        return f"LocalExecutor(workers={self.workers})"


class DaskExecutor(Executor):
    """Run work on a Dask distributed cluster.

    Args:
        address: The scheduler's address, e.g. ``"tcp://10.0.0.5:8786"``.
        timeout: Seconds to wait for the scheduler.
        no_workers_timeout: Seconds the cluster may have no worker at all while
            work waits, before :meth:`map` gives up (a worker that dies and is
            restarted by its nanny is back within a few seconds).
    """

    def __init__(self, address: str, *, timeout: float = 30, no_workers_timeout: float = 60):
        from distributed import Client

        self.address = address
        self.no_workers_timeout = no_workers_timeout
        self.client = Client(address, timeout=timeout, set_as_default=False)

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> list[Any]:
        """Apply ``fn`` to each item on the cluster; see :meth:`Executor.map`.

        Raises:
            WorkerDied: When workers kept dying on a task, or the cluster has
                had no worker for ``no_workers_timeout`` seconds.
        """
        from distributed import KilledWorker

        items = list(items)
        if not items:
            return []
        # pure=False: two equal items are still two pieces of work.
        futures = self.client.map(fn, items, pure=False)
        try:
            self._wait_with_workers(futures)
            return self.client.gather(futures)
        except KilledWorker as error:
            raise WorkerDied(
                f"Dask workers died {error.allowed_failures + 1} times running the same piece of "
                f"work ({getattr(fn, '__name__', fn)}, last on {error.last_worker.address}); they "
                "may have run out of memory: give each worker more memory or run fewer "
                "threads per worker"
            ) from error
        finally:
            self.client.cancel(futures)

    def _wait_with_workers(self, futures: list) -> None:
        """Wait until every future is done or one failed, while the cluster has workers."""
        without_workers = None
        pause = 0.01
        while not all(f.done() for f in futures):
            if any(f.status == "error" for f in futures):
                return
            if self.client.nthreads():
                without_workers = None
            elif without_workers is None:
                without_workers = time.monotonic()
            elif time.monotonic() - without_workers > self.no_workers_timeout:
                raise WorkerDied(
                    f"the Dask cluster at {self.address} has had no worker for "
                    f"{self.no_workers_timeout:g} s (they died or were never started); start "
                    "workers, or run without -p scheduler"
                )
            time.sleep(pause)
            pause = min(2 * pause, 0.5)

    @property
    def parallelism(self) -> int:
        """Worker threads in the cluster now (at least 1)."""
        return max(1, sum(self.client.nthreads().values()))

    def close(self) -> None:
        """Disconnect from the scheduler (the cluster keeps running)."""
        self.client.close()

    def __repr__(self) -> str:
        return f"DaskExecutor({self.address!r})"


def make_executor(scheduler: str | None = None, *, workers: int | None = None) -> Executor:
    """The executor for a run: a Dask cluster when a scheduler address is given, else local.

    Args:
        scheduler: Dask scheduler address, or ``None`` (or empty) for local
            processes.
        workers: Local processes (see :class:`LocalExecutor`); ignored for Dask,
            whose workers are the cluster's.

    Returns:
        The executor; call ``close()`` when done.
    """
    if scheduler:
        return DaskExecutor(scheduler)
    return LocalExecutor(workers)
