"""Faults: a kernel or worker that dies, or memory that runs out, ends the run with one line.

The end-to-end tests run ``narrative report`` in a child process on notebooks
written here (``tests/support/run_cli.py``), kill what they must from the
outside, and bound every wait: a run that hangs fails the test instead of
hanging it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from narrative import config
from narrative.report import faults
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

RUN_CLI = Path(__file__).parent / "support" / "run_cli.py"
#: Longest a report of these tiny notebooks may take once its fault happened. Generous: the
#: runner notices a dead kernel within about a second; a hang is what this catches.
AFTER_FAULT = 120
OLD_EXPORT = b"doc_id,passages\nold,1\n"


def _notebook(path: Path, *codes: str) -> Path:
    cells = [
        new_markdown_cell(f"# {path.stem}"),
        new_code_cell('corpus: str = ""\nout_dir: str = ""', metadata={"tags": ["parameters"]}),
        *[new_code_cell(code) for code in codes],
    ]
    metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    nbformat.write(new_notebook(cells=cells, metadata=metadata), path)
    return path


def _wait_for(path: Path, process: subprocess.Popen, seconds: float = 120) -> str:
    """The text of a file a notebook writes, once it is there."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.is_file() and path.read_text().strip():
            return path.read_text().strip()
        if process.poll() is not None:
            raise AssertionError(f"the report ended first: {process.communicate()}")
        time.sleep(0.1)
    process.kill()
    raise AssertionError(f"{path.name} never appeared")


def _folder(tmp_path: Path) -> Path:
    """A folder of notebooks for the report, with a pair notebook that just prints."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook(folder / "10-outlet-pair.ipynb", "print('pair')")
    return folder


def _start(notebooks: Path, out: Path, *pairs: str) -> subprocess.Popen:
    """``narrative report`` on the default corpus with these notebooks (one pair by default)."""
    args = ["report", "--corpus", str(config.DEFAULT_CORPUS), "--out", str(out), "--force"]
    for pair in pairs or ["TASS,Al Jazeera"]:
        args += ["--pairs", pair]
    return subprocess.Popen(
        [sys.executable, str(RUN_CLI), str(notebooks), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(process: subprocess.Popen) -> tuple[int, list[str], float]:
    """Exit status, stderr lines and seconds taken, or fail if the run hangs."""
    start = time.monotonic()
    try:
        _, stderr = process.communicate(timeout=AFTER_FAULT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"the report hung: still running {AFTER_FAULT} s after the fault")
    return process.returncode, stderr.splitlines(), time.monotonic() - start


def _seed(out: Path) -> Path:
    """An earlier run's export, which the failed notebook must leave whole."""
    (out / "data").mkdir(parents=True)
    old = out / "data" / "notes.csv"
    old.write_bytes(OLD_EXPORT)
    return old


def _assert_nothing_half_written(out: Path) -> None:
    assert not [p.name for p in out.rglob(".*") if p.is_file()], "temporary files left"
    for page in out.glob("*.html"):
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), page.name
    for notebook in (out / "notebooks").glob("*.ipynb"):
        nbformat.read(notebook, as_version=4)  # whole JSON


@pytest.mark.slow
def test_a_killed_kernel_stops_its_notebook_with_one_line(tmp_path: Path):
    folder = _folder(tmp_path)
    pid = tmp_path / "kernel.pid"
    out = tmp_path / "out"
    old = _seed(out)
    # The kernel is killed while it writes an export: that export must stay the old one.
    _notebook(
        folder / "01-killed.ipynb",
        "import os, time\nfrom pathlib import Path\nfrom narrative.atomic import write_atomic",
        "def fill(stream):\n"
        "    stream.write('doc_id,passages\\n' + 'new,2\\n' * 1000)\n"
        "    stream.flush()\n"
        f"    Path({str(pid)!r}).write_text(str(os.getpid()))\n"
        "    time.sleep(600)\n"
        "\n"
        "write_atomic(Path(out_dir) / 'data' / 'notes.csv', fill)",
    )
    _notebook(folder / "02-after.ipynb", "print('ran in a fresh kernel')")
    # The pair notebook kills its own kernel: the second pair would only die again.
    _notebook(folder / "10-outlet-pair.ipynb", "import os, signal\nos.kill(os.getpid(), 9)")
    process = _start(folder, out, "TASS,Al Jazeera", "TASS,FMT (AFP)")
    os.kill(int(_wait_for(pid, process)), signal.SIGKILL)
    status, lines, _ = _finish(process)
    assert status == 1
    assert lines == [
        "narrative: 01-killed failed: cell 3 (`def fill(stream):`): the notebook kernel died "
        "(killed by SIGKILL, as `kill -9` or the system's out-of-memory killer does)",
        "narrative: Al Jazeera and TASS failed: cell 2 (`import os, signal`): the notebook "
        "kernel died (killed by SIGKILL, as `kill -9` or the system's out-of-memory killer does)",
        "narrative: 1 more notebook(s) not run: the same notebook's kernel died on Al Jazeera "
        "and TASS",
    ]
    assert old.read_bytes() == OLD_EXPORT
    _assert_nothing_half_written(out)
    assert "ran in a fresh kernel" in (out / "02-after.html").read_text(encoding="utf-8")
    page = (out / "01-killed.html").read_text(encoding="utf-8")
    assert "This page is incomplete" in page and "killed by SIGKILL" in page
    skipped = (out / "10-outlet-pair-fmt-afp--tass.html").read_text(encoding="utf-8")
    assert "not run: the same notebook" in skipped
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("failed: cell") == 2 and "not run: the same" in index


@pytest.mark.slow
def test_a_killed_local_worker_stops_its_notebook_with_one_line(tmp_path: Path):
    folder = _folder(tmp_path)
    pids = tmp_path / "pids"
    pids.mkdir()
    out = tmp_path / "out"
    old = _seed(out)
    # Spawned workers import the function: it lives in a module beside the notebooks.
    (folder / "napping.py").write_text(
        "import os, time\nfrom pathlib import Path\n\n\n"
        "def nap(folder):\n"
        "    Path(folder, str(os.getpid())).write_text('up')\n"
        "    time.sleep(600)\n"
    )
    _notebook(
        folder / "01-workers.ipynb",
        "import napping\nfrom narrative.executor import LocalExecutor",
        f"LocalExecutor(workers=2).map(napping.nap, [{str(pids)!r}] * 2)",
    )
    _notebook(folder / "02-after.ipynb", "print('ran')")
    process = _start(folder, out)
    deadline = time.monotonic() + 120
    while len(list(pids.iterdir())) < 2 and time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        time.sleep(0.1)
    os.kill(int(next(pids.iterdir()).name), signal.SIGKILL)
    status, lines, _ = _finish(process)
    assert status == 1
    assert len(lines) == 1, lines
    assert lines[0].startswith("narrative: 01-workers failed: cell 3 (`LocalExecutor(workers=2)")
    assert "WorkerDied: a worker process ended abruptly" in lines[0]
    assert "run with workers=1" in lines[0]
    assert old.read_bytes() == OLD_EXPORT
    _assert_nothing_half_written(out)
    assert "ran" in (out / "02-after.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_notebook_that_exhausts_its_memory_limit_says_what_to_try(tmp_path: Path):
    folder = _folder(tmp_path)
    out = tmp_path / "out"
    old = _seed(out)
    # The kernel may grow 1 GiB beyond its size now; the cell asks for 8 GiB at once.
    _notebook(
        folder / "01-greedy.ipynb",
        "import resource\n"
        "size = next(int(line.split()[1]) for line in open('/proc/self/status')\n"
        "            if line.startswith('VmSize:')) * 1024\n"
        "resource.setrlimit(resource.RLIMIT_AS, (size + 2**30, resource.RLIM_INFINITY))",
        "block = bytearray(8 * 2**30)",
    )
    _notebook(folder / "02-after.ipynb", "print('ran')")
    process = _start(folder, out)
    status, lines, _ = _finish(process)
    assert status == 1
    assert len(lines) == 1, lines
    assert lines[0].startswith(
        "narrative: 01-greedy failed: cell 3 (`block = bytearray(8 * 2**30)`): MemoryError"
    )
    assert "the corpus has 5 articles" in lines[0] and "-p workers=1" in lines[0]
    assert "-p max_units_shown" in lines[0]
    assert old.read_bytes() == OLD_EXPORT
    _assert_nothing_half_written(out)
    assert "ran" in (out / "02-after.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_kernel_the_system_killed_for_memory_is_said_to_have_run_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The out-of-memory kill count grew while the kernel ran: the line says memory ran out."""
    from narrative.report import build_report

    counts = iter([0, 1])
    monkeypatch.setattr(faults, "oom_kills", lambda *a: next(counts))
    killed = _notebook(
        tmp_path / "01-killed.ipynb", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"
    )
    outcome = build_report(
        config.DEFAULT_CORPUS, tmp_path / "out", {}, notebooks=[killed], pairs=[], reuse=False
    )
    (failed,) = outcome.notebooks
    assert "the notebook kernel died (killed by SIGKILL" in failed.error
    assert "it ran out of memory; the corpus has 5 articles" in failed.error


def test_cells_are_named_as_the_reader_counts_them():
    long = "result = pipeline.run(corpus, " + "x" * 80 + ")"
    cells = [
        new_markdown_cell("# title"),
        new_code_cell("x: int = 1", metadata={"tags": ["parameters"]}),
        new_code_cell("x = 2", metadata={"tags": ["injected-parameters"]}),
        new_code_cell(f"# load\n\n{long}"),
    ]
    assert faults.cell_label(cells, 3) == f"cell 2 (`{long[:59]}…`)"
    assert faults.cell_label(cells, 1) == "cell 1 (`x: int = 1`)"
    assert faults.cell_label(cells, None) == "" and faults.cell_label(cells, 9) == ""


def test_how_a_kernel_ended_in_words():
    assert faults.kernel_death(-9).startswith("the notebook kernel died (killed by SIGKILL,")
    assert faults.kernel_death(-11) == "the notebook kernel died (killed by SIGSEGV)"
    assert faults.kernel_death(1) == "the notebook kernel died (exit status 1)"
    assert faults.kernel_death(None) == "the notebook kernel died"


def test_out_of_memory_kills_are_read_from_cgroup_v1_and_v2(tmp_path: Path):
    v2 = tmp_path / "v2"
    (v2 / "user.slice").mkdir(parents=True)
    (v2 / "user.slice" / "memory.events").write_text("low 0\nhigh 0\noom 3\noom_kill 2\n")
    (tmp_path / "cgroup2").write_text("0::/user.slice\n")
    assert faults.oom_kills(tmp_path / "cgroup2", v2) == 2
    v1 = tmp_path / "v1"
    (v1 / "memory" / "job").mkdir(parents=True)
    (v1 / "memory" / "job" / "memory.oom_control").write_text("under_oom 0\noom_kill 7\n")
    (tmp_path / "cgroup1").write_text("8:pids:/\n4:memory:/job\n0::/\n")
    assert faults.oom_kills(tmp_path / "cgroup1", v1) == 7
    assert faults.oom_kills(tmp_path / "missing", v1) is None


def test_the_system_must_say_memory_ran_out():
    sigkill = -signal.SIGKILL
    assert faults.ran_out_of_memory(sigkill, 0, 1, "")
    assert not faults.ran_out_of_memory(sigkill, 1, 1, "")  # killed by someone else
    assert not faults.ran_out_of_memory(sigkill, None, None, "")  # the system does not tell
    assert not faults.ran_out_of_memory(1, 0, 1, "")  # another process was the one killed
    assert faults.ran_out_of_memory(-6, None, None, "terminate: std::bad_alloc")
    assert faults.is_memory_error("_ArrayMemoryError: Unable to allocate 8.00 GiB")
    assert not faults.is_memory_error("ValueError: no such outlet")
