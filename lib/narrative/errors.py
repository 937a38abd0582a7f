"""The errors a user can fix, and how they are shown: one line, never a traceback.

The command line prints them as ``narrative: error: ...`` with exit status 2;
in a notebook (JupyterLab or papermill) :func:`short_errors` makes IPython
show them as the cell's error in one line instead of a traceback through the
library, while papermill still stops there and exits non-zero.
"""

from __future__ import annotations

from narrative.atomic import OutputError
from narrative.corpus import CorpusError
from narrative.embeddings import ModelUnavailable
from narrative.executor import WorkerDied
from narrative.nlp import NlpUnavailable
from narrative.params import ParameterError

#: Errors whose message says what to change; shown without a traceback.
USER_ERRORS: tuple[type[Exception], ...] = (
    CorpusError,
    ModelUnavailable,
    OutputError,
    NlpUnavailable,
    ParameterError,
    WorkerDied,
)


def one_line(error: BaseException) -> str:
    """``"ParameterError: parameter 'x' must be int, not 'ten'"``."""
    return f"{type(error).__name__}: {error}"


def short_errors() -> None:
    """Show :data:`USER_ERRORS` raised in the running IPython kernel as one line.

    The line is the cell's error (``ename``/``evalue`` as usual, a one-line
    traceback), so JupyterLab's "run all" and papermill stop there. Does
    nothing outside IPython; calling it again changes nothing.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return

    def show(shell, kind, error, traceback, tb_offset=None):
        lines = [one_line(error)]
        shell._showtraceback(kind, error, lines)
        return lines

    shell.set_custom_exc(USER_ERRORS, show)
