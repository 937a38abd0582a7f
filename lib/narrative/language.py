"""Which language an article is in, and whether the embedding model can read it.

Detection uses py3langid (the langid.py model: 97 languages, deterministic,
offline, about a second to load once per process). It reads a sample of the
article's paragraph-like lines, so a few lines of English page chrome around
an Arabic article do not decide the answer, and it abstains (returns ``""``)
on text too short or too mixed to call.

The default embedding model, all-MiniLM-L6-v2, was trained on English only: on
other languages its vectors say little, so :func:`model_warnings` names every
document it cannot read and says how to pass a multilingual model.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from narrative.config import DEFAULT_MODEL

if TYPE_CHECKING:
    from narrative.corpus import Document

#: Models known to read English only (lower-cased names as given with ``-p model=``).
ENGLISH_ONLY_MODELS = {DEFAULT_MODEL.lower(), f"sentence-transformers/{DEFAULT_MODEL}".lower()}


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _sample(text: str, size: int) -> str:
    """The paragraph-like lines (five words or more) of a text, up to ``size`` characters."""
    lines = [line for line in text.splitlines() if len(line.split()) >= 5]
    return ("\n".join(lines) or text)[:size]


def detect_language(
    text: str, *, sample_chars: int = 10_000, min_probability: float = 0.8, min_letters: int = 30
) -> str:
    """Detect the language of an article.

    Args:
        text: The article (page chrome may be present).
        sample_chars: How much of the text is read, in characters.
        min_probability: Least probability of the best language for an answer.
        min_letters: Least number of letters for an answer.

    Returns:
        An ISO 639-1 code such as ``"en"`` or ``"ar"``; ``""`` when the text is
        too short or the detector is unsure.
    """
    sample = _sample(text, sample_chars)
    if sum(c.isalpha() for c in sample) < min_letters:
        return ""
    language, probability = _identifier().classify(sample)
    return language if probability >= min_probability else ""


def normalise_code(code: str) -> str:
    """Reduce a language tag to its primary subtag: ``"en-US"`` -> ``"en"``; ``""`` if not a tag.

    Args:
        code: A language tag as written in a manifest.

    Returns:
        The lower-case two- or three-letter code, or ``""``.
    """
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isascii() and primary.isalpha() and 2 <= len(primary) <= 3 else ""


def is_english_only(model: str) -> bool:
    """Whether a model (name or folder, as given) is known to read English only."""
    return model.strip().lower() in ENGLISH_ONLY_MODELS


def model_warnings(documents: Iterable[Document], model: str) -> list[str]:
    """One warning per document the embedding model cannot read.

    Args:
        documents: Documents with their ``language`` filled in.
        model: The embedding model name or folder.

    Returns:
        Warnings, e.g. ``"tass-ru: language 'ru' but the model all-MiniLM-L6-v2
        is English-only; pass -p model=<multilingual model folder>"``; empty
        when the model is not known to be English-only.
    """
    if not is_english_only(model):
        return []
    return [
        f"{doc.doc_id}: language {doc.language!r} but the model {model} is English-only; "
        "pass -p model=<multilingual model folder>"
        for doc in documents
        if doc.language and doc.language != "en"
    ]
