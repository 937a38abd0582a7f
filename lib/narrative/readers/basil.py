"""Read a corpus in the BASIL layout (Fan et al., 2019): one JSON file per article.

``articles/<year>/<triplet>_<n>.json`` with ``source`` (the outlet code),
``triplet-uuid`` (the event), ``title``, ``date`` and ``body-paragraphs``
(paragraphs of sentences). Annotations are not read.
"""

from __future__ import annotations

import json
from pathlib import Path

from narrative.corpus import Corpus, CorpusError, Document, checked_corpus
from narrative.readers.dates import normalise_date
from narrative.readers.decode import read_text_file
from narrative.readers.folder import outside_folder
from narrative.readers.rows import join_paragraphs, with_title

#: BASIL's outlet codes (``source``, any case) and their display names.
BASIL_OUTLETS = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}


def _basil_articles(folder: Path) -> list[Path]:
    base = folder / "articles" if (folder / "articles").is_dir() else folder
    return sorted(base.rglob("*.json"))


def is_basil(folder: str | Path) -> bool:
    """Whether a folder holds articles in the BASIL layout.

    Args:
        folder: A folder; BASIL keeps ``articles/<year>/<triplet>_<n>.json``.

    Returns:
        True when its first JSON article has ``source`` and ``body-paragraphs``.
    """
    folder = Path(folder)
    files = _basil_articles(folder) if folder.is_dir() else []
    files = [f for f in files if not outside_folder(folder, str(f.relative_to(folder)))]
    if not files:
        return False
    try:
        first = json.loads(read_text_file(files[0]))
    except (json.JSONDecodeError, CorpusError):
        return False
    return isinstance(first, dict) and {"source", "body-paragraphs"} <= first.keys()


def load_basil(folder: str | Path) -> Corpus:
    """Read a corpus in the BASIL layout: one JSON file per article.

    Each file holds ``source`` (outlet code: fox, nyt, hpo, any case),
    ``triplet-uuid`` (the event: the three outlets' articles on it),
    ``uuid``, ``title``, ``date``, ``url`` and ``body-paragraphs`` (a list of
    paragraphs, each a list of sentences). The outlet is the code's display
    name from :data:`BASIL_OUTLETS` (other codes are kept as given), the text
    is the title above the paragraphs, separated by blank lines, and the
    event is the triplet id. Annotations are not read.

    Args:
        folder: The BASIL folder (holding ``articles/``) or its ``articles/``.

    Returns:
        The corpus, documents in date, event and outlet order; ``doc_id`` is
        ``<first 8 characters of the triplet id>-<outlet code>``.

    Raises:
        CorpusError: When the folder holds no readable article.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(f"corpus folder not found: {folder}")
    warnings: list[str] = []
    rows = []
    for path in _basil_articles(folder):
        outside = outside_folder(folder, str(path.relative_to(folder)))
        if outside:
            warnings.append(
                f"{path.name}: {outside}; skipped (only files inside the corpus folder are read)"
            )
            continue
        try:
            article = json.loads(read_text_file(path))
        except (json.JSONDecodeError, CorpusError) as error:
            warnings.append(f"{path.name}: not a JSON article ({error}); skipped")
            continue
        if not isinstance(article, dict) or not article.get("body-paragraphs"):
            warnings.append(f"{path.name}: no body-paragraphs; skipped")
            continue
        rows.append((path, article))
    # Events in order of their first article's date, outlets in code order.
    starts: dict[str, str] = {}
    for _, article in rows:
        event, date = str(article.get("triplet-uuid", "")), str(article.get("date", ""))
        starts[event] = min(starts.get(event, date), date)
    rows.sort(
        key=lambda r: (
            starts[str(r[1].get("triplet-uuid", ""))],
            str(r[1].get("triplet-uuid", "")),
            str(r[1].get("source", "")).lower(),
        )
    )
    documents = []
    seen: set[str] = set()
    for path, article in rows:
        code = str(article.get("source", "")).strip().lower() or "unknown"
        event = str(article.get("triplet-uuid", ""))
        doc_id = f"{event[:8] or path.stem}-{code}"
        if doc_id in seen:
            doc_id = f"{doc_id}-{str(article.get('uuid', path.stem))[:8]}"
        seen.add(doc_id)
        outlet = BASIL_OUTLETS.get(code, code)
        title = str(article.get("title", "")).strip()
        body = join_paragraphs(article["body-paragraphs"])
        published = normalise_date(str(article.get("date", ""))) or ""
        documents.append(
            Document(
                doc_id=doc_id,
                path=path,
                outlet=outlet,
                label=outlet,
                origin="",
                published=published,
                title=title,
                url=str(article.get("url", "")),
                language="en",
                standfirst="",
                text=with_title(body, title),
                event=event,
            )
        )
    return checked_corpus(folder, documents, warnings)
