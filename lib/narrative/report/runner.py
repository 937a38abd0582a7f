"""Execute notebooks in one shared Jupyter kernel, and reuse unchanged ones.

:class:`NotebookRunner` runs every notebook of a report through papermill in
one kernel (the model loads once, the pipeline runs once) and keeps an
execution cache keyed by :func:`source_fingerprint`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import sys
import time
from importlib import metadata
from pathlib import Path
from queue import Empty

import narrative
from narrative import config
from narrative.atomic import copy_atomic, write_text
from narrative.report import faults
from narrative.report.faults import Failure

KERNEL = "python3"
# papermill and nbclient log a dead kernel as an error on papermill's logger; with no
# handler Python prints it on stderr, beside the report's own line that says the same.
logging.getLogger("papermill").addHandler(logging.NullHandler())
VERSIONED = ("narrative", "sentence-transformers", "torch", "scikit-learn", "pandas", "papermill")
# papermill reads notebooks with nbformat, which imports jsonschema; jsonschema compiles the
# 39 grammars of rfc3987-syntax (installed for JupyterLab) on import, a second of this
# process's start, to check "iri" formats that no notebook schema uses. Without the module
# jsonschema leaves that format unchecked.
sys.modules.setdefault("rfc3987_syntax", None)


def versions() -> dict[str, str]:
    """Versions of Python and of the packages that shape the results."""
    found = {"python": platform.python_version()}
    for name in VERSIONED:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


#: Run between two notebooks in the shared kernel (see :meth:`NotebookRunner._reset`).
_RESET_CODE = """\
def _narrative_reset():
    import matplotlib.pyplot as plt

    plt.close("all")
    shell = get_ipython()
    names, hidden = shell.user_ns, shell.user_ns_hidden
    for name in [n for n in names if n not in hidden]:
        del names[name]
    names["Out"].clear()


_narrative_reset()
"""


#: The tag of the cells papermill adds to mark a cell's error.
_PAPERMILL_MARK = "papermill-error-cell-tag"


class _KernelGone(RuntimeError):
    """The kernel process ended while the runner talked to it between notebooks."""


class NotebookRunner:
    """Execute notebooks with papermill in one shared kernel, skipping unchanged ones.

    Starting a kernel and importing pandas, matplotlib and the model for each
    notebook costs seconds per notebook; a report of a dozen pair pages would
    spend most of its time there. The runner starts one kernel on first use
    and runs every notebook in it through papermill (parameters injected as
    papermill does, errors reported per cell), clearing the user namespace
    between notebooks. Modules stay imported, and :func:`narrative.pipeline.run`
    returns its result from memory for the next notebook on the same corpus.

    An executed notebook is also stored under a key made of the notebook's
    bytes, its parameters, the corpus files, the source of ``narrative`` and
    the package versions (as Jupyter Book's execution cache does). When the
    key is unchanged and the files the notebook wrote last time are still in
    place, unchanged, the stored notebook is reused instead of executed.

    Args:
        cwd: Working directory of the kernel.
        store: Folder for executed notebooks; ``None`` disables reuse.
    """

    def __init__(self, *, cwd: Path, store: Path | None):
        self.cwd = cwd
        self.store = store
        self.km = None
        self.clients: list = []
        self.reused = 0
        self.executed = 0
        self._log_start = 0
        self._oom_kills: int | None = None
        #: The kernel was started by :meth:`start` and has run no notebook yet.
        self._unused = False

    def __enter__(self) -> NotebookRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Shut the kernel down."""
        self._stop_clients()
        if self.km is not None:
            self.km.shutdown_kernel(now=True)
            self.km = None

    def _stop_clients(self) -> None:
        """Close the channels of the kernel clients made since the last call.

        papermill (through nbclient) makes a client for every notebook and leaves
        its channels open when it did not start the kernel itself; each holds its
        own ZeroMQ context, five sockets and a heartbeat thread, so a report of
        many pair pages ran out of file descriptors (about 150 per report of 15
        notebooks, and a process usually may open 1,024).
        """
        while self.clients:
            client = self.clients.pop()
            if client.channels_running:
                client.stop_channels()

    def start(self) -> None:
        """Start the kernel now, without waiting for it to be ready.

        It then boots while this process prepares the first notebook (reading
        it and importing papermill take a second or two) instead of after.
        """
        if self.km is None:
            self._kernel()
            self._unused = True

    def _kernel(self):
        if self.km is not None:
            unused, self._unused = self._unused, False
            if unused and self.km.is_alive():
                return self.km  # nothing to reset
            try:
                self._reset()
                return self.km
            except _KernelGone:  # it died after the last notebook finished: start afresh
                self.close()
        from jupyter_client.manager import KernelManager

        # nbclient waits for output with the client's get_msg(timeout=None); a blocking
        # client blocks its event loop there, so the check that the kernel still lives
        # never ran and a killed kernel hung the report. An asynchronous client waits
        # without blocking, and nbclient notices a dead kernel within a second; this one
        # is also ready without a 0.2 s wait per notebook (narrative.report.client).
        self.km = KernelManager(
            kernel_name=KERNEL, client_class="narrative.report.client.ReadyClient"
        )
        make_client = self.km.client

        def client(**kwargs: object):
            made = make_client(**kwargs)
            self.clients.append(made)
            return made

        self.km.client = client
        # The kernel's own log (start-up notices) goes to a file, not the user's terminal;
        # cell errors still come back through papermill.
        log = self._log()
        log.parent.mkdir(parents=True, exist_ok=True)
        self._log_start = log.stat().st_size if log.is_file() else 0
        self._oom_kills = faults.oom_kills()
        with log.open("ab") as stream:
            self.km.start_kernel(cwd=str(self.cwd), stdout=stream, stderr=stream)
        return self.km

    @staticmethod
    def _log() -> Path:
        return config.cache_dir() / "kernel.log"

    def _wait(self, get, *, parent: str | None = None, timeout: float = 60) -> dict:
        """The next message from ``get`` (for ``parent`` when given), checking each second
        that the kernel still lives."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                message = get(timeout=1)
            except Empty:
                if not self.km.is_alive():
                    raise _KernelGone from None
                if time.monotonic() > deadline:
                    raise RuntimeError("the notebook kernel does not answer") from None
                continue
            if parent is None or message["parent_header"].get("msg_id") == parent:
                return message

    def _reset(self) -> None:
        """Give the next notebook a clean namespace, as a fresh kernel would.

        Every name the notebooks defined is deleted and figures are closed;
        modules stay imported and the pipeline's results stay in memory. Not
        ``%reset``: its garbage collection over a heap holding torch and spaCy
        cost a second per notebook.

        The client's readiness check is a kernel_info round trip that also
        reaches the output channel, not ``wait_for_ready``, which then waits
        0.2 s for that channel to fall quiet.
        """
        from jupyter_client.blocking import BlockingKernelClient

        client = BlockingKernelClient(
            **self.km.get_connection_info(session=True), connection_file=self.km.connection_file
        )
        client.start_channels(hb=False)  # no heartbeat: see ReadyClient.start_channels
        try:
            deadline = time.monotonic() + 60
            while True:
                self._wait(client.get_shell_msg, parent=client.kernel_info())
                try:
                    # A message on the output channel: it is subscribed, so the
                    # reset's own output cannot be missed.
                    client.get_iopub_msg(timeout=0.05)
                    break
                except Empty:
                    if time.monotonic() > deadline:
                        raise RuntimeError("the notebook kernel does not answer") from None
            request = client.execute(_RESET_CODE, store_history=False)
            reply = self._wait(client.get_shell_msg, parent=request)
            while True:  # the reset's output ends with the kernel going idle
                message = self._wait(client.get_iopub_msg, parent=request)
                if (
                    message["msg_type"] == "status"
                    and message["content"]["execution_state"] == "idle"
                ):
                    break
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"the notebook kernel could not be reset: {reply['content']}")
        finally:
            client.stop_channels()

    def _death(self) -> tuple[int | None, bool] | None:
        """How the kernel ended and whether the system says memory ran out; ``None`` if alive."""
        if self.km is None or self.km.is_alive():
            return None
        process = getattr(self.km.provisioner, "process", None)
        code = process.poll() if process is not None else None
        try:
            with self._log().open("rb") as stream:
                stream.seek(max(self._log_start, stream.seek(0, os.SEEK_END) - 4096))
                last_words = stream.read().decode("utf-8", "replace")
        except OSError:
            last_words = ""
        memory = faults.ran_out_of_memory(code, self._oom_kills, faults.oom_kills(), last_words)
        return code, memory

    def run(
        self,
        source: Path,
        executed: Path,
        parameters: dict[str, object],
        *,
        key: str,
        outputs: Path,
    ) -> Failure | None:
        """Execute (or reuse) one notebook.

        Args:
            source: The notebook.
            executed: Where the executed notebook goes.
            parameters: Values for its ``parameters`` cell.
            key: What the result depends on besides the notebook and parameters.
            outputs: Folder whose files the notebook may write (checked on reuse).

        Returns:
            ``None`` on success, else why it failed: the cell and its error, or
            how the kernel died. The executed notebook then holds the outputs
            up to the failure, or is removed when no cell ran (never left from
            an earlier run); files the notebook was writing when its kernel
            died are the old ones (their temporary files are removed).
        """
        import papermill

        from narrative.report.engine import ENGINE

        declared = papermill.inspect_notebook(str(source))
        parameters = {k: v for k, v in parameters.items() if k in declared}
        executed.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(source.read_bytes())
        digest.update(json.dumps(parameters, sort_keys=True, default=str).encode())
        digest.update(key.encode())
        stored = self.store / f"{digest.hexdigest()[:32]}.ipynb" if self.store else None
        if stored is not None and _still_valid(stored, outputs):
            copy_atomic(stored, executed)
            self.reused += 1
            return None
        before = _snapshot(outputs)
        # papermill saves the notebook as it runs (see engine.py) into a hidden file that
        # replaces the old notebook only at the end, so Ctrl-C never leaves half of one.
        partial = executed.with_name(f".{executed.stem}.partial.ipynb")
        running: dict[str, int] = {}  # the index of the cell started last

        def started(cell: object, cell_index: int) -> None:
            running["index"] = cell_index

        try:
            papermill.execute_notebook(
                str(source),
                str(partial),
                parameters=parameters,
                kernel_name=KERNEL,
                engine_name=ENGINE,
                progress_bar=False,
                km=self._kernel(),
                on_cell_execute=started,
            )
        except Exception as error:  # papermill raises PapermillExecutionError and friends
            death = self._death()
            self.close()  # a failed notebook may leave the kernel in any state
            return _failure(error, death, partial, executed, outputs, running.get("index"))
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        finally:
            self.executed += 1
            self._stop_clients()
        os.replace(partial, executed)
        if stored is not None:
            written = {
                name: _sha256(outputs / name)
                for name, stamp in _snapshot(outputs).items()
                if before.get(name) != stamp
            }
            stored.parent.mkdir(parents=True, exist_ok=True)
            copy_atomic(executed, stored)
            write_text(stored.with_suffix(".outputs.json"), json.dumps(written, sort_keys=True))
        return None


def _failure(
    error: Exception,
    death: tuple[int | None, bool] | None,
    partial: Path,
    executed: Path,
    outputs: Path,
    running: int | None,
) -> Failure:
    """Put the partial notebook in place and say what went wrong."""
    import nbformat

    cells = []
    if partial.exists():
        os.replace(partial, executed)
        # papermill marks the failing cell with cells of its own: leave them out to count.
        cells = [
            cell
            for cell in nbformat.read(executed, as_version=4).cells
            if _PAPERMILL_MARK not in cell.get("metadata", {}).get("tags", [])
        ]
    else:
        executed.unlink(missing_ok=True)  # an earlier run's notebook is not this run's
    if death is not None:
        code, memory = death
        # Files the kernel was writing are still temporary files: the old ones stand.
        for temporary in outputs.rglob(".*.tmp") if outputs.is_dir() else ():
            temporary.unlink(missing_ok=True)
        text = faults.kernel_death(code)
        if memory:
            text += ": it ran out of memory"
        return Failure(faults.cell_label(cells, running), text, True, memory)
    ename = getattr(error, "ename", type(error).__name__)
    evalue = getattr(error, "evalue", str(error))
    index = getattr(error, "cell_index", running)  # papermill's index, before its marks
    lines = f"{ename}: {evalue}".strip().splitlines()
    text = lines[0] if lines else ename
    return Failure(
        faults.cell_label(cells, index),
        text,
        out_of_memory=faults.is_memory_error(f"{ename}: {evalue}"),
    )


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    if not folder.is_dir():
        return {}
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _still_valid(stored: Path, outputs: Path) -> bool:
    manifest = stored.with_suffix(".outputs.json")
    if not (stored.is_file() and manifest.is_file()):
        return False
    written = json.loads(manifest.read_text(encoding="utf-8"))
    return all(
        (outputs / name).is_file() and _sha256(outputs / name) == digest
        for name, digest in written.items()
    )


def source_fingerprint(corpus: Path) -> str:
    """What every notebook's result depends on besides itself and its parameters.

    The corpus files (names, sizes, modification times), the source files of
    ``narrative`` and the versions of the packages that shape results.
    """
    from narrative.pipeline import corpus_fingerprint

    package = Path(narrative.__file__).parent
    digest = hashlib.sha256(repr(corpus_fingerprint(corpus)).encode())
    for path in sorted(package.rglob("*.py")):
        digest.update(path.read_bytes())
    digest.update(json.dumps(versions(), sort_keys=True).encode())
    return digest.hexdigest()
