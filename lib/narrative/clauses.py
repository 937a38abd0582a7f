"""Cut sentences into clauses, so a passage can match through any fact it carries.

One news sentence often carries several facts: "Moscow and Tehran ... agreed in
May to establish four zones ... after six years of fighting that has claimed
more than 320,000 lives" states the May deal and the war's toll. A whole-
sentence vector blurs them, so alignment also compares clauses (see
:func:`narrative.alignment.clause_similarity`); reports still show whole
sentences.

For English text the clauses come from spaCy's dependency parse: the subtree
of every clausal dependent (relative, adverbial and complement clauses,
coordinated and paratactic verbs, clausal modifiers of nouns) that has at
least ``min_words`` words is a chunk of its own, next to the whole sentence.
For other languages sentences are cut at punctuation instead
(:func:`narrative.passages.split_clauses`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from narrative.passages import split_clauses

if TYPE_CHECKING:
    from narrative.embeddings import EmbeddingCache

#: Dependency labels whose subtree is a clause (Universal Dependencies / ClearNLP names).
CLAUSAL = frozenset({"relcl", "advcl", "ccomp", "acl", "conj", "parataxis", "xcomp"})


def parse_clauses(doc, *, min_words: int = 4, max_share: float = 0.8) -> list[str]:
    """The clauses of one parsed sentence or passage.

    Args:
        doc: A spaCy ``Doc`` (or ``Span``) of the passage.
        min_words: Fewest words (punctuation not counted) a clause needs.
        max_share: Largest share of the passage's tokens a clause may cover;
            a longer one says nearly what the whole passage says, and
            embedding it costs time without adding evidence.

    Returns:
        The passage's text first, then each clausal subtree headed by a verb,
        in order, without repeats. A subtree that is the whole passage but for
        a word or two, or more than ``max_share`` of it, is left out.
    """
    chunks = [doc.text]
    for token in doc:
        if token.dep_ not in CLAUSAL or token.pos_ not in ("VERB", "AUX"):
            continue
        span = doc[token.left_edge.i - doc[0].i : token.right_edge.i - doc[0].i + 1]
        words = sum(not t.is_punct for t in span)
        if words >= min_words and len(span) < len(doc) - 2 and len(span) <= max_share * len(doc):
            chunks.append(span.text)
    return list(dict.fromkeys(chunks))


def clauses(
    texts: Sequence[str],
    languages: Sequence[str] | None = None,
    *,
    cache: EmbeddingCache | None = None,
) -> list[list[str]]:
    """Clauses of every passage.

    Args:
        texts: Passages.
        languages: ISO 639-1 code per passage (empty means English); passages
            in other languages are cut at punctuation.
        cache: Where parses are kept (see :func:`narrative.nlp.parse`).

    Returns:
        One list of chunks per passage (each list starts with the passage's
        own text or its first punctuation chunk).
    """
    languages = list(languages) if languages is not None else ["en"] * len(texts)
    english = [i for i, lang in enumerate(languages) if lang in ("", "en")]
    out = [split_clauses(t) for t in texts]
    if not english:
        return out
    from narrative.nlp import parse

    for i, doc in zip(english, parse([texts[i] for i in english], cache=cache), strict=True):
        out[i] = parse_clauses(doc)
    return out
