"""Why a notebook did not finish, said in one line: a cell's error, or a kernel that died.

A cell that raises is reported by papermill with its exception. A kernel
that dies (killed with ``kill -9``, ended by the system's out-of-memory
killer, crashed) leaves no exception behind: :func:`kernel_death` says how
its process ended, and :func:`ran_out_of_memory` looks for what the system
says about memory (the out-of-memory kill counter of this process's control
group, the kernel's own last words in its log).
"""

from __future__ import annotations

import re
import signal
from dataclasses import dataclass
from pathlib import Path

#: Exception names and messages that mean memory ran out (Python, NumPy, torch, C++).
_MEMORY_WORDS = re.compile(
    r"MemoryError|Unable to allocate|not enough memory|out of memory|std::bad_alloc|"
    r"Cannot allocate memory",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Failure:
    """Why a notebook did not finish.

    Attributes:
        cell: The cell that was running, as ``cell 3 (`first line`)``; empty
            when no cell had started.
        error: What happened, on one line: the exception (``ValueError: ...``)
            or how the kernel ended.
        kernel_died: The kernel process ended (killed, crashed) instead of a
            cell raising an error.
        out_of_memory: Memory ran out: a memory error in the cell, or the
            system said so when the kernel ended.
    """

    cell: str
    error: str
    kernel_died: bool = False
    out_of_memory: bool = False

    def __str__(self) -> str:
        return f"{self.cell}: {self.error}" if self.cell else self.error


def cell_label(cells: list, index: int | None) -> str:
    """Name a notebook's cell the way its reader finds it.

    Args:
        cells: The executed notebook's cells (papermill's injected parameters
            cell included).
        index: Position of the cell in ``cells``.

    Returns:
        ``cell N (`first line`)``, N counting code cells from 1 as in the
        notebook the user opens (the injected cell is not counted); empty when
        ``index`` is ``None`` or out of range.
    """
    if index is None or not 0 <= index < len(cells):
        return ""
    number = sum(
        1
        for cell in cells[: index + 1]
        if cell.get("cell_type") == "code"
        and "injected-parameters" not in cell.get("metadata", {}).get("tags", [])
    )
    lines = [line.strip() for line in str(cells[index].get("source", "")).splitlines()]
    first = next((line for line in lines if line and not line.startswith("#")), "")
    if len(first) > 60:
        first = first[:59] + "…"
    return f"cell {max(number, 1)} (`{first}`)" if first else f"cell {max(number, 1)}"


def is_memory_error(text: str) -> bool:
    """Whether an exception name or message says memory ran out."""
    return bool(_MEMORY_WORDS.search(text))


def kernel_death(exit_code: int | None) -> str:
    """How a kernel process ended, in words.

    Args:
        exit_code: ``Popen.returncode``: negative for a signal, ``None`` when
            unknown.

    Returns:
        For example ``the notebook kernel died (killed by SIGKILL)``.
    """
    if exit_code is None:
        return "the notebook kernel died"
    if exit_code < 0:
        try:
            name = signal.Signals(-exit_code).name
        except ValueError:
            name = f"signal {-exit_code}"
        if -exit_code == signal.SIGKILL:
            # What `kill -9` and the system's out-of-memory killer both send.
            name += ", as `kill -9` or the system's out-of-memory killer does"
        return f"the notebook kernel died (killed by {name})"
    return f"the notebook kernel died (exit status {exit_code})"


def _cgroup_files(proc_cgroup: Path, root: Path) -> list[tuple[Path, str]]:
    """The files that count out-of-memory kills for this process's control group."""
    try:
        lines = proc_cgroup.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        number, controllers, path = (line.split(":", 2) + ["", ""])[:3]
        relative = path.strip().lstrip("/")
        if number == "0" and not controllers:  # cgroup v2
            found.append((root / relative / "memory.events", "oom_kill"))
        elif "memory" in controllers.split(","):  # cgroup v1
            found.append((root / "memory" / relative / "memory.oom_control", "oom_kill"))
    return found


def oom_kills(
    proc_cgroup: Path = Path("/proc/self/cgroup"), root: Path = Path("/sys/fs/cgroup")
) -> int | None:
    """How many processes the out-of-memory killer ended in this process's control group.

    A kernel started by this process is in the same group, so a count that
    grew while the kernel ran means the system ended a process for memory.

    Args:
        proc_cgroup: The process's control-group list (Linux).
        root: Where control groups are mounted.

    Returns:
        The count, or ``None`` when the system does not tell (not Linux, no
        memory controller, no permission).
    """
    for path, key in _cgroup_files(proc_cgroup, root):
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        for line in text.splitlines():
            name, _, value = line.partition(" ")
            if name == key and value.strip().isdigit():
                return int(value)
    return None


def ran_out_of_memory(
    exit_code: int | None, kills_before: int | None, kills_after: int | None, last_words: str
) -> bool:
    """Whether the system says a dead kernel ran out of memory.

    Args:
        exit_code: How the kernel process ended (see :func:`kernel_death`).
        kills_before: :func:`oom_kills` when the kernel started.
        kills_after: :func:`oom_kills` after it died.
        last_words: The end of the kernel's own log (its standard error).

    Returns:
        True when the out-of-memory kill count grew and the kernel was killed
        (SIGKILL), or when the kernel's last words name a memory error.
    """
    counted = kills_before is not None and kills_after is not None and kills_after > kills_before
    return (counted and exit_code == -signal.SIGKILL) or is_memory_error(last_words)


def memory_advice(articles: int, characters: int) -> str:
    """What to try when a report runs out of memory, with the corpus size.

    Args:
        articles: Articles in the corpus.
        characters: Characters of article text.

    Returns:
        One sentence.
    """
    return (
        f"the corpus has {articles:,} articles ({characters / 1e6:.1f} million characters); "
        "try -p workers=1 (no worker processes beside the kernel, each holding its own "
        "model), a smaller -p max_units_shown, or a smaller corpus (one news event per run)"
    )
