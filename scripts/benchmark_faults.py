"""Time how long the suite takes to notice a process that died.

Three faults, each repeated ``--repeat`` times:

1. **kernel**: a notebook's kernel is killed (SIGKILL, as the out-of-memory
   killer does) while a cell runs; timed from the kill until
   :meth:`NotebookRunner.run` returns the failure;
2. **local worker**: one of two local worker processes is killed while it
   works; timed from the kill until ``LocalExecutor.map`` raises
   ``WorkerDied``;
3. **Dask worker**: a task kills the worker it runs on, every time (a Dask
   ``LocalCluster`` of one worker and its nanny, default retry settings);
   timed from the call until ``DaskExecutor.map`` raises ``WorkerDied``.

and prints the median and the slowest time of each, with the machine's load.

Usage::

    .venv/bin/python scripts/benchmark_faults.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
from narrative.executor import LocalExecutor, WorkerDied, make_executor
from nbformat.v4 import new_code_cell, new_notebook


def _nap(folder: str) -> int:
    """Note this process's id, then sleep (to be killed meanwhile)."""
    Path(folder, str(os.getpid())).write_text("up")
    time.sleep(600)
    return os.getpid()


def _die(_: object) -> None:
    os._exit(3)


def _kill_when_written(folder: Path, count: int = 1) -> float:
    """Wait until ``count`` processes have noted their id in ``folder``; kill one; the time."""
    while len(list(folder.iterdir())) < count:
        time.sleep(0.02)
    victim = int(next(folder.iterdir()).name)
    killed = time.perf_counter()
    os.kill(victim, signal.SIGKILL)
    return killed


def kernel(work: Path) -> float:
    """Seconds from killing a busy notebook kernel to the runner's failure."""
    from narrative.report.runner import NotebookRunner

    pids = work / "kernel-pids"
    pids.mkdir()
    source = work / "busy.ipynb"
    code = (
        f"import os, time\nopen(os.path.join({str(pids)!r}, str(os.getpid())), 'w').write('up')\n"
    )
    nbformat.write(new_notebook(cells=[new_code_cell(code + "time.sleep(600)")]), source)
    warm = work / "warm.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("print('up')")]), warm)
    with NotebookRunner(cwd=work, store=None) as runner:
        runner.run(warm, work / "warm-run.ipynb", {}, key="", outputs=work / "out")  # kernel up
        killed: list[float] = []
        killer = threading.Thread(target=lambda: killed.append(_kill_when_written(pids)))
        killer.start()
        failure = runner.run(source, work / "busy-run.ipynb", {}, key="", outputs=work / "out")
        noticed = time.perf_counter()
        killer.join()
    assert failure is not None and failure.kernel_died, failure
    return noticed - killed[0]


def local_worker(work: Path) -> float:
    """Seconds from killing one of two local workers to ``WorkerDied``."""
    pids = work / "worker-pids"
    pids.mkdir()
    killed: list[float] = []
    killer = threading.Thread(target=lambda: killed.append(_kill_when_written(pids, 2)))
    killer.start()
    try:
        LocalExecutor(workers=2).map(_nap, [str(pids)] * 2)
    except WorkerDied:
        noticed = time.perf_counter()
    killer.join()
    return noticed - killed[0]


def dask_worker(cluster_address: str) -> float:
    """Seconds from sending a task that kills every worker it runs on to ``WorkerDied``."""
    with make_executor(cluster_address) as executor:
        start = time.perf_counter()
        try:
            executor.map(_die, [0])
        except WorkerDied as error:
            print(f"Dask: {str(error)[:60]}...", file=sys.stderr)
            return time.perf_counter() - start
    raise AssertionError("the task did not kill its worker")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print one line per fault."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    from distributed import LocalCluster

    found: dict[str, list[float]] = {"kernel": [], "local worker": [], "Dask worker": []}
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as folder:
                work = Path(folder)
                found["kernel"].append(kernel(work))
                found["local worker"].append(local_worker(work))
                found["Dask worker"].append(dask_worker(cluster.scheduler_address))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{'fault':<14} {'median s':>9} {'slowest s':>10}   ({args.repeat} runs each; load {load})"
    )
    for name, seconds in found.items():
        print(f"{name:<14} {statistics.median(seconds):9.2f} {max(seconds):10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
