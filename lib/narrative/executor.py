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
item is raised again in the caller, and a local worker that dies (killed for
memory, say) raises :class:`WorkerDied`.
"""

from __future__ import annotations

import multiprocessing
import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any


class WorkerDied(RuntimeError):
    """A local worker process ended without a result; the message says what to try."""


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
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                return list(pool.map(fn, items))
        except BrokenProcessPool as error:
            raise WorkerDied(
                f"a worker process ended abruptly ({error}); it may have run out of memory, or "
                'a script that starts workers lacks `if __name__ == "__main__":` (spawned '
                "workers import it again); run with workers=1 to stay in one process"
            ) from error

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
    """

    def __init__(self, address: str, *, timeout: float = 30):
        from distributed import Client

        self.address = address
        self.client = Client(address, timeout=timeout, set_as_default=False)

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> list[Any]:
        """Apply ``fn`` to each item on the cluster; see :meth:`Executor.map`."""
        items = list(items)
        if not items:
            return []
        # pure=False: two equal items are still two pieces of work.
        futures = self.client.map(fn, items, pure=False)
        return self.client.gather(futures)

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
