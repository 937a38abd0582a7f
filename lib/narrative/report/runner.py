"""Execute notebooks in one shared Jupyter kernel, and reuse unchanged ones.

:class:`NotebookRunner` runs every notebook of a report through papermill in
one kernel (the model loads once, the pipeline runs once) and keeps an
execution cache keyed by :func:`source_fingerprint`.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import time
from importlib import metadata
from pathlib import Path
from queue import Empty

import narrative
from narrative import config
from narrative.atomic import copy_atomic, write_text

KERNEL = "python3"
VERSIONED = ("narrative", "sentence-transformers", "torch", "scikit-learn", "pandas", "papermill")


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


def _error_summary(error: Exception) -> str:
    ename = getattr(error, "ename", type(error).__name__)
    evalue = getattr(error, "evalue", str(error))
    cell = getattr(error, "exec_count", None)
    where = f"cell {cell}: " if cell is not None else ""
    return f"{where}{ename}: {evalue}".strip()


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

    def _kernel(self):
        if self.km is None:
            from jupyter_client.manager import KernelManager

            self.km = KernelManager(kernel_name=KERNEL)
            make_client = self.km.client

            def client(**kwargs: object):
                made = make_client(**kwargs)
                self.clients.append(made)
                return made

            self.km.client = client
            # The kernel's own log (start-up notices) goes to a file, not the user's terminal;
            # cell errors still come back through papermill.
            log = config.cache_dir() / "kernel.log"
            log.parent.mkdir(parents=True, exist_ok=True)
            with log.open("ab") as stream:
                self.km.start_kernel(cwd=str(self.cwd), stdout=stream, stderr=stream)
        else:
            self._reset()
        return self.km

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
        client = self.km.client()
        client.start_channels()
        try:
            deadline = time.monotonic() + 60
            while True:
                client.kernel_info()
                client.get_shell_msg(timeout=60)
                try:
                    # A message on the output channel: it is subscribed, so the
                    # reset's own output cannot be missed.
                    client.get_iopub_msg(timeout=0.05)
                    break
                except Empty:
                    if time.monotonic() > deadline:
                        raise RuntimeError("the notebook kernel does not answer") from None
            client.execute_interactive(_RESET_CODE, store_history=False, timeout=60)
        finally:
            client.stop_channels()

    def run(
        self,
        source: Path,
        executed: Path,
        parameters: dict[str, object],
        *,
        key: str,
        outputs: Path,
    ) -> str:
        """Execute (or reuse) one notebook.

        Args:
            source: The notebook.
            executed: Where the executed notebook goes.
            parameters: Values for its ``parameters`` cell.
            key: What the result depends on besides the notebook and parameters.
            outputs: Folder whose files the notebook may write (checked on reuse).

        Returns:
            An empty string on success, else a one-line description of the
            failing cell and its error (the executed notebook still holds the
            outputs up to the failure).
        """
        import papermill

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
            return ""
        before = _snapshot(outputs)
        # papermill saves the notebook after every cell: it runs into a hidden file that
        # replaces the old notebook only at the end, so Ctrl-C never leaves half of one.
        partial = executed.with_name(f".{executed.stem}.partial.ipynb")
        try:
            papermill.execute_notebook(
                str(source),
                str(partial),
                parameters=parameters,
                kernel_name=KERNEL,
                progress_bar=False,
                km=self._kernel(),
            )
        except Exception as error:  # papermill raises PapermillExecutionError and friends
            self.close()  # a failed notebook may leave the kernel in any state
            if partial.exists():
                os.replace(partial, executed)
            return _error_summary(error)
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
        return ""


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
