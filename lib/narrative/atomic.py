"""Safe output: a reader sees the old file or the new one, never half of one.

Every report page and CSV is written through :func:`write_atomic`, and files
are copied with :func:`copy_atomic` (a temporary file in the same folder, then
a rename), so an interrupted run (Ctrl-C, a crash) leaves the previous file in
place. :func:`check_writable` tells before any work starts whether an output
folder can be written at all.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


class OutputError(Exception):
    """An output folder that cannot be written; the message is one line for the user."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_writable(folder: Path) -> Path:
    """Check, before any work starts, that a folder can be created and written.

    Nothing is created: the nearest existing folder on the way is checked.

    Args:
        folder: The output folder (it may not exist yet).

    Returns:
        ``folder``.

    Raises:
        OutputError: When a part of the path is a file, or the folder (or the
            nearest existing parent) cannot be written.
    """
    existing = folder.absolute()
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"output folder {folder} is not writable ({existing} is a file)")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(
            f"output folder {folder} is not writable (no write permission on {existing})"
        )
    return folder


@contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` that replaces it when the block ends without error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, fill: Callable[[IO[str]], None]) -> Path:
    """Write a text file through a temporary file in the same folder and a rename.

    Args:
        path: Destination; its folder is created when missing.
        fill: Called with the open text stream (UTF-8, ``\\n`` line ends).

    Returns:
        ``path``.
    """
    with _replacing(path) as temporary, temporary.open("w", encoding="utf-8", newline="") as stream:
        fill(stream)
    return path


def copy_atomic(source: Path, destination: Path) -> Path:
    """Copy a file so that ``destination`` is the old file or the whole copy, never a part.

    Args:
        source: The file to copy.
        destination: Where it goes; its folder is created when missing.

    Returns:
        ``destination``.
    """
    with _replacing(destination) as temporary:
        shutil.copyfile(source, temporary)
    return destination


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically."""
    return write_atomic(path, lambda stream: stream.write(text))
