"""Lexical evidence for alignment: shared names, numbers and rare words.

Embeddings from a small model score "who will ensure security in all four
areas" and "which specific forces would police the zones" low, and score two
sentences that both mention "safe zones" high. Words the passages share,
weighted by how rare they are in the corpus, are independent evidence. Names
are matched across transliterations (Daraa / Deraa, Lavrentiev / Lavrentyev,
Assad / Asad) with rapidfuzz, and numbers are compared by value ("320,000" and
"320000").
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np
from rapidfuzz import fuzz

_TOKEN = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_][\w'\u2019-]*[^\W_]|[^\W\d_]")
_CAPITALISED = re.compile(r"\b[A-Z][\w'\u2019-]*[a-z][\w'\u2019-]*")
_LOWER = re.compile(r"\b[a-z][\w'\u2019-]*")


@functools.cache
def _stop_words() -> frozenset[str]:
    """scikit-learn's English stop words and a few reporting words.

    Imported on first use: importing scikit-learn takes about a second, and the
    report's own process (which imports this module through the parameters)
    never tokenises.
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "say", "told", "according", "s"}


def tokens(text: str) -> list[str]:
    """Lower-cased content tokens: stop words dropped, numbers normalised.

    Args:
        text: A passage.

    Returns:
        Tokens in order. ``"320,000"`` becomes ``"320000"``; possessive
        endings are dropped (``"Russia's"`` -> ``"russia"``).
    """
    stop = _stop_words()
    out = []
    for raw in _TOKEN.findall(text):
        token = raw.lower().replace("\u2019", "'")
        if token[0].isdigit():
            token = token.replace(",", "")
            token = token[:-1] if token.endswith(".") else token
        else:
            token = re.sub(r"'s?$", "", token)
        if len(token) > 1 and token not in stop or token.isdigit():
            out.append(token)
    return out


def names(text: str) -> set[str]:
    """Capitalised words that are not sentence-initial (a cheap proxy for names)."""
    found = set()
    for match in _CAPITALISED.finditer(text):
        before = text[: match.start()].rstrip()
        if before and before[-1] not in '.!?"\u201c':
            found.add(re.sub(r"'s?$", "", match.group().lower().replace("\u2019", "'")))
    return found


def name_terms(texts: Iterable[str]) -> set[str]:
    """Words a corpus uses as names: capitalised inside a sentence in as many passages as not.

    "Betty", "Ford" and "Morningside" are names; "Rehab", capitalised in a few
    title-cased lines, is not when most passages write "rehab". Pass body text:
    headlines capitalise every word.

    Args:
        texts: Passages.

    Returns:
        Lower-cased words (possessive ending dropped), spelled as :func:`names` spells them.
    """
    capitalised: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for text in texts:
        capitalised.update(names(text))
        lower.update({re.sub(r"'s?$", "", w.replace("\u2019", "'")) for w in _LOWER.findall(text)})
    return {w for w, n in capitalised.items() if n >= lower[w]}


def name_variants(
    vocabulary: Iterable[str], *, counts: Mapping[str, int] | None = None
) -> dict[str, str]:
    """Map spelling variants of names onto one canonical form.

    Two names are variants when rapidfuzz's ``ratio`` is at least 80 for
    names of five or more letters (88 for shorter ones) and they share their
    first letter: Daraa / Deraa, Lavrentiev / Lavrentyev, Assad / Asad. The
    canonical form is the most frequent spelling by ``counts`` (so a typo such
    as "Sria" is not the form shown for "Syria"), then the alphabetically first.

    Args:
        vocabulary: Lower-cased names.
        counts: How often each name occurs; without it every spelling counts alike.

    Returns:
        ``{variant: canonical}`` for every name that has a variant.
    """
    words = sorted({w for w in vocabulary if len(w) >= 4 and w.isalpha()})
    parent = {w: w for w in words}

    def find(w: str) -> str:
        while parent[w] != w:
            w = parent[w]
        return w

    by_initial: dict[str, list[str]] = {}
    for word in words:
        by_initial.setdefault(word[0], []).append(word)
    for group in by_initial.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if abs(len(a) - len(b)) > 2:
                    continue
                cutoff = 80 if min(len(a), len(b)) >= 5 else 88
                if fuzz.ratio(a, b) >= cutoff:
                    ra, rb = find(a), find(b)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(find(word), []).append(word)
    count = counts or {}
    canonical = {
        root: min(members, key=lambda w: (-count.get(w, 0), w)) for root, members in groups.items()
    }
    return {w: canonical[find(w)] for w in words if canonical[find(w)] != w}


class TermIndex:
    """Term sets and IDF weights for a list of passages.

    Args:
        texts: All passages of the corpus (the IDF is computed over them).

    Attributes:
        terms: One ``set`` of canonical terms per passage.
        idf: Smoothed inverse document frequency per term,
            ``log((N + 1) / (df + 1)) + 1``.
        variants: The name-variant map used.
    """

    def __init__(self, texts: list[str]):
        raw = [tokens(t) for t in texts]
        vocabulary = set().union(*(names(t) for t in texts)) if texts else set()
        self.variants = name_variants(vocabulary, counts=Counter(w for ts in raw for w in ts))
        self.terms = [{self.variants.get(w, w) for w in ts} for ts in raw]
        df = Counter(w for ts in self.terms for w in ts)
        n = len(texts)
        self.idf = {w: math.log((n + 1) / (d + 1)) + 1 for w, d in df.items()}

    def weight(self, terms: set[str]) -> float:
        """Sum of IDF weights of a term set."""
        return sum(self.idf.get(w, 0.0) for w in terms)

    def overlap(self, rows_a: list[int], rows_b: list[int]) -> np.ndarray:
        """IDF-weighted Dice overlap between two groups of passages.

        Args:
            rows_a: Passage indices of the first group.
            rows_b: Passage indices of the second group.

        Returns:
            ``(len(rows_a), len(rows_b))`` array in [0, 1]: twice the weight of
            the shared terms over the summed weights of both term sets.
        """
        out = np.zeros((len(rows_a), len(rows_b)), dtype=np.float32)
        weights_b = [self.weight(self.terms[j]) for j in rows_b]
        for i, a in enumerate(rows_a):
            terms_a = self.terms[a]
            weight_a = self.weight(terms_a)
            for j, b in enumerate(rows_b):
                total = weight_a + weights_b[j]
                if total:
                    out[i, j] = 2 * self.weight(terms_a & self.terms[b]) / total
        return out

    def shared(self, a: int, b: int, *, top: int = 6) -> list[str]:
        """The rarest terms two passages share, most informative first."""
        common = self.terms[a] & self.terms[b]
        return sorted(common, key=lambda w: (-self.idf.get(w, 0.0), w))[:top]


_NAME_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


def acronyms(names: Iterable[str]) -> dict[str, str]:
    """Each name written as an acronym, and the one name it abbreviates.

    A name abbreviates another when its letters (dots aside: "U.S." is "US"), all
    capitals, are the initials of the other's capitalised words ("United States",
    "European Union", "Democratic National Committee"); a name all in capitals
    abbreviates nothing.

    Args:
        names: Names as written.

    Returns:
        ``{acronym as written: the name it abbreviates, lower case}`` for every
        acronym with exactly one such name (in lower case) among ``names``.
    """
    names = set(names)
    initials: dict[str, set[str]] = {}
    for name in names:
        words = [w for w in _NAME_WORD.findall(name) if w[:1].isupper()]
        if len(words) > 1 and not name.replace(".", "").isupper():
            initials.setdefault("".join(w[0] for w in words).lower(), set()).add(name.lower())
    found = {}
    for name in names:
        letters = name.replace(".", "")
        full = initials.get(letters.lower(), set())
        if letters.isupper() and letters.isalpha() and len(full) == 1:
            found[name] = next(iter(full))
    return found


def shingles(text: str, n: int = 3) -> set[tuple[str, ...]]:
    """Word n-grams of a text (lower-cased, punctuation ignored)."""
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def containment(text_a: str, text_b: str, n: int = 3) -> float:
    """Share of the shorter text's word n-grams that also occur in the other.

    This is Broder's containment, the usual measure of text reuse: 1.0 when
    the shorter passage is copied verbatim into the longer.
    """
    a, b = shingles(text_a, n), shingles(text_b, n)
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
