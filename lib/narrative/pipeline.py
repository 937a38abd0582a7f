"""Run the stages in order: corpus -> cleaning -> passages -> embeddings -> alignment -> units.

:func:`run` is what notebooks and the command line call; it returns one
:class:`Result` holding every stage's output as plain records and tables.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from narrative.alignment import AlignmentSettings, align_passages
from narrative.clauses import clauses as split_into_clauses
from narrative.cleaning import CleanDocument, clean_corpus
from narrative.config import DEFAULT_CORPUS, DEFAULT_MODEL
from narrative.corpus import Corpus, load_corpus
from narrative.embeddings import EmbeddingCache, embed
from narrative.language import model_warnings
from narrative.passages import segment_corpus
from narrative.units import build_units


@dataclass
class Result:
    """Everything one run produced.

    Attributes:
        corpus: The corpus as read.
        cleaned: One cleaned document per corpus document.
        passages: Passage table (:mod:`narrative.passages`).
        embeddings: ``(len(passages), d)`` normalised vectors.
        alignments: Alignment table (:mod:`narrative.alignment`).
        units: Story-unit table (:mod:`narrative.units`).
        model: Model name or path used.
        granularity: ``"sentence"`` or ``"paragraph"``.
        settings: Alignment settings used.
        warnings: Problems met along the way, one line each.
    """

    corpus: Corpus
    cleaned: list[CleanDocument]
    passages: pd.DataFrame
    embeddings: np.ndarray
    alignments: pd.DataFrame
    units: pd.DataFrame
    model: str
    granularity: str
    settings: AlignmentSettings
    warnings: list[str] = field(default_factory=list)

    @property
    def documents(self) -> pd.DataFrame:
        """One row per document: metadata, cleaned fields and passage count."""
        counts = self.passages.groupby("doc_id").size()
        rows = []
        for clean in self.cleaned:
            doc = clean.doc
            rows.append(
                {
                    "doc_id": doc.doc_id,
                    "outlet": doc.outlet,
                    "label": doc.label,
                    "origin": doc.origin,
                    "published": doc.published,
                    "language": doc.language,
                    "file": doc.path.name,
                    "headline": clean.headline,
                    "standfirst": clean.standfirst,
                    "byline": clean.byline,
                    "dateline": clean.dateline,
                    "credit": clean.credit,
                    "passages": int(counts.get(doc.doc_id, 0)),
                    "words": len(clean.text.split()),
                    "removed_lines": len(clean.removed),
                }
            )
        return pd.DataFrame(rows)

    @property
    def removed(self) -> pd.DataFrame:
        """Every input line that is not body text, with its reason."""
        rows = [vars(r) for c in self.cleaned for r in c.removed]
        return pd.DataFrame(rows, columns=["doc_id", "line", "text", "reason"])


#: Recent results by (corpus fingerprint, model, granularity, settings); see :func:`run`.
_RECENT: OrderedDict[tuple, Result] = OrderedDict()
_RECENT_SIZE = 4


def corpus_fingerprint(folder: str | Path) -> tuple:
    """Name, size and modification time of every file in a corpus folder.

    Cheap to compute; changes whenever a file is added, removed or edited.
    """
    folder = Path(folder).resolve()
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return (str(folder), *((str(p.relative_to(folder)), *_stat(p)) for p in files))


def _stat(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_size, info.st_mtime_ns


def run(
    corpus: str | Path | Corpus = DEFAULT_CORPUS,
    *,
    model: str = DEFAULT_MODEL,
    granularity: str = "sentence",
    settings: AlignmentSettings | None = None,
    cache: EmbeddingCache | None = None,
) -> Result:
    """Read, clean, segment, embed, align and group a corpus.

    A process that runs the same corpus folder with the same settings again
    (the notebooks of one report share a kernel) gets the previous
    :class:`Result` back without recomputing; the folder's files are
    re-checked each time. Treat the result as read-only.

    Args:
        corpus: Corpus folder (or an already loaded corpus).
        model: Embedding model name or folder.
        granularity: ``"sentence"`` or ``"paragraph"``.
        settings: Alignment settings; defaults when ``None``.
        cache: Embedding cache; the default on-disk cache when ``None``.

    Returns:
        The run's :class:`Result`.
    """
    settings = settings or AlignmentSettings()
    key = None
    if cache is None and not isinstance(corpus, Corpus):
        key = (corpus_fingerprint(corpus), model, granularity, settings)
        if key in _RECENT:
            _RECENT.move_to_end(key)
            return _RECENT[key]
    result = _run(corpus, model=model, granularity=granularity, settings=settings, cache=cache)
    if key is not None:
        _RECENT[key] = result
        while len(_RECENT) > _RECENT_SIZE:
            _RECENT.popitem(last=False)
    return result


def _run(
    corpus: str | Path | Corpus,
    *,
    model: str,
    granularity: str,
    settings: AlignmentSettings,
    cache: EmbeddingCache | None,
) -> Result:
    loaded = corpus if isinstance(corpus, Corpus) else load_corpus(corpus)
    warnings = list(loaded.warnings)
    warnings.extend(model_warnings(loaded.documents, model))
    cleaned, cleaning_warnings = clean_corpus(loaded)
    warnings.extend(cleaning_warnings)
    passages = segment_corpus(cleaned, granularity=granularity)
    if loaded.outlets and len(loaded.outlets) < 2:
        warnings.append("only one outlet in the corpus: there is nothing to compare")
    cache = cache or EmbeddingCache()
    language = {d.doc_id: (d.language or "").lower()[:2] for d in loaded.documents}
    clauses = split_into_clauses(
        passages["text"].tolist(), [language.get(d, "") for d in passages["doc_id"]]
    )
    clause_owner = np.repeat(np.arange(len(clauses)), [len(c) for c in clauses])
    texts = passages["text"].tolist() + [c for chunks in clauses for c in chunks]
    vectors = embed(texts, model=model, cache=cache)
    embeddings, clause_embeddings = vectors[: len(passages)], vectors[len(passages) :]
    warnings.extend(cache.warnings)
    alignments = align_passages(
        passages,
        embeddings,
        settings=settings,
        clause_embeddings=clause_embeddings,
        clause_owner=clause_owner,
    )
    units = build_units(passages, alignments)
    return Result(
        corpus=loaded,
        cleaned=cleaned,
        passages=passages,
        embeddings=embeddings,
        alignments=alignments,
        units=units,
        model=model,
        granularity=granularity,
        settings=settings,
        warnings=warnings,
    )


def run_with_parameters(values: Mapping[str, object]) -> Result:
    """Run the pipeline from a notebook's parameter values.

    Args:
        values: A mapping holding the names of :data:`narrative.params.PARAMETERS`
            and ``corpus`` (a notebook passes ``globals()``); other names are
            ignored, missing ones take their defaults, an empty ``corpus`` is the
            default corpus.

    Returns:
        The run's :class:`Result`.
    """
    fields = AlignmentSettings.__dataclass_fields__
    settings = AlignmentSettings(**{k: values[k] for k in fields if k in values})
    return run(
        Path(str(values.get("corpus") or DEFAULT_CORPUS)),
        model=str(values.get("model", DEFAULT_MODEL)),
        granularity=str(values.get("granularity", "sentence")),
        settings=settings,
    )
