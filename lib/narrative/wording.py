"""Wording: which words each outlet favours, and which words it swaps in shared facts.

Two questions, two measures.

**Distinctive vocabulary** (:func:`distinctive_terms`): the words an outlet uses
more than the other outlets, scored with the weighted log-odds ratio with an
informative Dirichlet prior of Monroe, Colaresi and Quinn (2008), "Fightin'
Words", section 3.5.1. For a word ``w``, outlet ``i`` and all other outlets
pooled as ``j``, with counts ``y``, totals ``n`` and prior ``alpha``::

    delta_w = log((y_wi + a_w) / (n_i + a_0 - y_wi - a_w))
            - log((y_wj + a_w) / (n_j + a_0 - y_wj - a_w))
    var_w   = 1 / (y_wi + a_w) + 1 / (y_wj + a_w)
    z_w     = delta_w / sqrt(var_w)

The prior is the corpus-wide word distribution scaled to ``a_0`` pseudo-counts
(``a_w = a_0 * y_w / n``). ``a_0`` defaults to the mean number of tokens per
outlet, so the prior weighs as much as one typical outlet whatever the size of
the corpus: a word only one of five similar-sized outlets uses reaches z of
about 1.1 with one use, 1.6 with two and 2.5 with five. Rare words are thereby
shrunk towards "not distinctive", which raw frequencies and unsmoothed ratios
do not do.

**Word choice in shared facts** (:func:`word_diff`, :func:`substitutions`):
inside passages aligned as ``reuse`` or ``paraphrase`` (the same fact), the
short word spans one outlet has where the other has different words: "regime"
for "government", "jihadist" for "extremist", "Daraa" for "Deraa". Words are
compared case- and punctuation-insensitively but shown as written.

Distinctive-term table columns: ``outlet``, ``term`` (lower-cased; a bigram is
two words joined by a space), ``ngram`` (1 or 2), ``count`` (uses by the
outlet), ``count_others`` (uses by all other outlets), ``log_odds`` (delta),
``z``. Substitution table columns: see :func:`substitutions`.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from narrative.lexical import name_variants, tokens
from narrative.vocab import SAME_FACT, PassageRef
from narrative.wordlists import words

TERM_COLUMNS = ["outlet", "term", "ngram", "count", "count_others", "log_odds", "z", "spellings"]
SUBSTITUTION_COLUMNS = [
    "outlet_a",
    "words_a",
    "outlet_b",
    "words_b",
    "pairs",
    "variant",
    "overlap",
    "doc_a",
    "passage_a",
    "text_a",
    "doc_b",
    "passage_b",
    "text_b",
    "examples",
]

# A word: letters/digits, possibly joined by apostrophes, hyphens, dots or commas
# ("al-Assad", "Russia's", "320,000"); surrounding punctuation is not part of it.
_WORD = re.compile(r"\w(?:[\w'\u2019.,-]*\w)?")
# Two passages are near-copies when at least this share of their words align; then
# every short replacement between them is an edit, even with no content word nearby.
_NEAR_COPY = 0.5
# Otherwise a replacement counts only between equal words, with a content word among
# the nearest few: "[Syrian] regime / government [and]" is an edit, "[the] start /
# adoption [of]" between loosely related sentences is not.
_ANCHOR_WINDOW = 3


def _key(word: str) -> str:
    return word.lower().replace("\u2019", "'")


def _content(word: str) -> str | None:
    """The word's content token, or ``None`` for stop words and numbers."""
    found = tokens(word)
    if len(found) == 1 and not found[0].isdigit():
        return found[0]
    return None


def _runs(text: str) -> list[list[tuple[str, int, int]]]:
    """Runs of adjacent content words, as ``(token, start, end)``.

    A run is broken by punctuation, a stop word or a number, so two words of a
    run are neighbours in the text: bigrams are taken within runs only.
    """
    runs: list[list[tuple[str, int, int]]] = [[]]
    last_end = 0
    for match in _WORD.finditer(text):
        token = _content(match.group())
        if token is None or text[last_end : match.start()].strip():
            runs.append([])
        if token is not None:
            runs[-1].append((token, match.start(), match.end()))
        last_end = match.end()
    return [run for run in runs if run]


def terms(text: str, *, ngram: int = 1) -> list[str]:
    """Content words (``ngram=1``) or pairs of adjacent content words (``ngram=2``).

    Args:
        text: A passage.
        ngram: 1 for words, 2 for bigrams.

    Returns:
        Terms in order, lower-cased as :func:`narrative.lexical.tokens` makes
        them; numbers and stop words are left out and break bigrams, as does
        punctuation.
    """
    out = []
    for run in _runs(text):
        words = [token for token, _, _ in run]
        out.extend(" ".join(words[i : i + ngram]) for i in range(len(words) - ngram + 1))
    return out


def term_spans(text: str, term: str, *, spellings: str = "") -> list[tuple[int, int]]:
    """Character spans where a term of :func:`terms` occurs in a text.

    Args:
        text: A passage.
        term: A word or a bigram (two words joined by a space).
        spellings: Other spellings of the term that count too, ``"; "``-joined
            (the ``spellings`` column of :func:`distinctive_terms`).

    Returns:
        ``(start, end)`` offsets into ``text``, in order.
    """
    wanted = {term, *(s.strip() for s in spellings.split(";") if s.strip())}
    spans = []
    for run in _runs(text):
        for form in wanted:
            parts = form.split(" ")
            for i in range(len(run) - len(parts) + 1):
                window = run[i : i + len(parts)]
                if [token for token, _, _ in window] == parts:
                    spans.append((window[0][1], window[-1][2]))
    return sorted(set(spans))


def spelling_folds(texts: list[str]) -> dict[str, str]:
    """Spelling variants of names among the words of some texts, mapped onto one form.

    Only words written capitalised somewhere are names; two are one name when
    :func:`narrative.lexical.name_variants` matches them, they differ in length
    by at most one letter and neither begins with the other (Lavrentiev /
    Lavrentyev, Daraa / Deraa, Asad / Assad; not Syria / Syrian). The form kept
    is the one used most often (then the alphabetically first).

    Args:
        texts: Passages.

    Returns:
        ``{token: kept token}`` for every token with another spelling, tokens
        as :func:`narrative.lexical.tokens` makes them.
    """
    counts: Counter[str] = Counter()
    capitalised: set[str] = set()
    for text in texts:
        for match in _WORD.finditer(text):
            for token in tokens(match.group()):
                counts[token] += 1
                if match.group()[:1].isupper():
                    capitalised.add(token)
    groups: dict[str, list[str]] = {}
    for word, canonical in name_variants(capitalised).items():
        if abs(len(word) - len(canonical)) > 1:
            continue
        if word.startswith(canonical) or canonical.startswith(word):
            continue
        groups.setdefault(canonical, [canonical]).append(word)
    folds = {}
    for group in groups.values():
        kept = min(group, key=lambda w: (-counts[w], w))
        folds.update({w: kept for w in group if w != kept})
    return folds


def excluded_words(names: list[str] | tuple[str, ...], texts: list[str]) -> frozenset[str]:
    """Words that are never distinctive: boilerplate and the outlets' own names.

    A one-word name ("TASS") is excluded; of a longer name ("Al Jazeera",
    "The Jordan Times") the words the texts use only inside the name
    ("jazeera", "times"): "Jordan" stays a word where the texts name the
    country.

    Args:
        names: The outlets' names, labels and wire agencies as written.
        texts: The passages whose terms are counted.

    Returns:
        Lower-case tokens: the ``[terms] boilerplate`` list of
        ``data/words.toml`` and the name words above.
    """
    own: set[str] = set()
    outside: Counter[str] = Counter()
    multi = [_WORD.findall(n) for n in dict.fromkeys(names)]
    pairs = [
        re.compile(rf"\b{re.escape(a)}\W+{re.escape(b)}\b", re.IGNORECASE)
        for written in multi
        for a, b in zip(written, written[1:], strict=False)
    ]
    for text in texts:
        covered = [m.span() for pair in pairs for m in pair.finditer(text)]
        for match in _WORD.finditer(text):
            if not any(a <= match.start() < b for a, b in covered):
                outside.update(tokens(match.group()))
    for written in multi:
        parts = tokens(" ".join(written))
        if len(parts) == 1:
            own.update(parts)
        else:
            own.update(p for p in parts if not outside[p])
    return words()["terms"]["boilerplate"] | own


#: Up to this many outlets, :func:`distinctive_terms` also lists for each outlet the
#: terms it never uses (how strongly it avoids them); with more, only the terms it
#: uses, so the table grows with the text rather than with outlets times vocabulary.
UNUSED_TERMS_MAX_OUTLETS = 20


def log_odds_dirichlet(
    counts_i: np.ndarray,
    counts_j: np.ndarray,
    prior: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted log-odds ratio of group i against group j (Monroe et al. 2008, sec. 3.5.1).

    Args:
        counts_i: Word counts of group i, shape ``(V,)``.
        counts_j: Word counts of group j, shape ``(V,)``.
        prior: Dirichlet pseudo-counts ``alpha_w``, shape ``(V,)``, all positive.

    Returns:
        ``(delta, z)``, each shape ``(V,)``: the log-odds ratio (positive when
        group i uses the word more) and its z-score ``delta / sqrt(variance)``.
    """
    alpha_0 = prior.sum()
    n_i, n_j = counts_i.sum(), counts_j.sum()
    odds_i = (counts_i + prior) / (n_i + alpha_0 - counts_i - prior)
    odds_j = (counts_j + prior) / (n_j + alpha_0 - counts_j - prior)
    delta = np.log(odds_i) - np.log(odds_j)
    variance = 1.0 / (counts_i + prior) + 1.0 / (counts_j + prior)
    return delta, delta / np.sqrt(variance)


def _term_table(
    counters: dict[str, Counter[str]],
    prior_size: float | None,
    ngram: int,
    *,
    min_count: int,
    unused: bool,
) -> pd.DataFrame:
    """Log-odds of every outlet against the others, from each outlet's term counts.

    Args:
        counters: Term counts of each outlet, in outlet order.
        prior_size: Weight of the prior (one average outlet's words when ``None``).
        ngram: 1 or 2, for the table's ``ngram`` column.
        min_count: Least uses in the corpus for a term to be listed; rarer terms
            still count in the totals and the prior.
        unused: Also list, for each outlet, the terms it never uses. The counts
            are kept one outlet at a time, never as an outlet-by-term matrix.
    """
    vocabulary = list(dict.fromkeys(t for counter in counters.values() for t in counter))
    column = {t: i for i, t in enumerate(vocabulary)}
    terms = np.array(vocabulary, dtype=object)
    total = np.zeros(len(vocabulary))
    for counter in counters.values():
        total[[column[t] for t in counter]] += list(counter.values())
    alpha_0 = prior_size if prior_size is not None else total.sum() / len(counters)
    prior = alpha_0 * total / total.sum()
    common = total >= min_count
    frames = []
    for outlet, counter in counters.items():
        own = np.zeros(len(vocabulary))
        own[[column[t] for t in counter]] = list(counter.values())
        delta, z = log_odds_dirichlet(own, total - own, prior)
        keep = common if unused else common & (own > 0)
        frames.append(
            pd.DataFrame(
                {
                    "outlet": outlet,
                    "term": terms[keep],
                    "ngram": ngram,
                    "count": own[keep].astype(int),
                    "count_others": (total - own)[keep].astype(int),
                    "log_odds": delta[keep],
                    "z": z[keep],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def distinctive_terms(
    passages: pd.DataFrame,
    *,
    kinds: tuple[str, ...] = ("standfirst", "body"),
    bigrams: bool = True,
    min_count: int = 2,
    prior_size: float | None = None,
    names: list[str] | tuple[str, ...] = (),
) -> pd.DataFrame:
    """Each outlet's distinctive vocabulary against all the other outlets.

    Words and bigrams are scored in two separate models (each is its own
    multinomial, with its own totals and prior), then listed together. An
    outlet with several articles is counted as one group. To compare wire
    agencies instead of outlets, pass a passage table whose ``outlet`` column
    holds the agency.

    Spellings of one name are one term (:func:`spelling_folds`: Lavrentiev /
    Lavrentyev), shown in its most used spelling. Words that say who published
    the text rather than what it says are not terms, nor is any bigram that
    holds one (:func:`excluded_words`): the outlets' names (the ``outlet``
    column and ``names``), wire agencies, weekdays and months.

    Args:
        passages: Passage table (``outlet``, ``kind``, ``text``).
        kinds: Passage kinds counted; headlines are left out by default, as
            their wording is compressed and would dominate short articles.
        bigrams: Also score pairs of adjacent content words.
        min_count: Drop terms used fewer times than this in the whole corpus
            (under the default prior a term used once scores z of about 1 at
            most, so it can never stand out).
        prior_size: ``alpha_0``, the prior's total pseudo-count; ``None`` for
            the mean number of terms (words, or bigrams in the bigram model)
            per outlet (see the module docstring).
        names: More names whose words are not terms: the outlets' labels and
            wire agencies (:func:`outlet_names`).

    Returns:
        Distinctive-term table (see the module docstring), outlets in order of
        appearance, then ``z`` from highest to lowest; ``log_odds`` and ``z``
        rounded to 4 decimals; ``spellings`` lists every form counted as the
        term (``"; "``-joined, most used first). Empty when fewer than two
        outlets have text (or fewer than two distinct terms).
    """
    text = passages[passages["kind"].isin(kinds)]
    outlets = list(dict.fromkeys(text["outlet"]))
    if len(outlets) < 2:
        return pd.DataFrame(columns=TERM_COLUMNS)
    folds = spelling_folds(text["text"].tolist())
    excluded = excluded_words((*outlets, *names), text["text"].tolist())
    frames = []
    forms: dict[str, Counter[str]] = {}
    for ngram in (1, 2) if bigrams else (1,):
        counters: dict[str, Counter[str]] = {}
        for outlet, group in text.groupby("outlet", sort=False):
            counter = counters.setdefault(outlet, Counter())
            for passage in group["text"]:
                for raw in terms(passage, ngram=ngram):
                    parts = raw.split(" ")
                    if excluded.intersection(parts):
                        continue
                    term = " ".join(folds.get(p, p) for p in parts)
                    counter[term] += 1
                    forms.setdefault(term, Counter())[raw] += 1
        vocabulary = set().union(*counters.values())
        if len(vocabulary) >= 2:  # with one term, its odds against "all other terms" are 0/0
            ordered = {o: counters.get(o, Counter()) for o in outlets}
            # Rare terms are dropped after scoring, so the totals and the prior cover every term.
            frames.append(
                _term_table(
                    ordered,
                    prior_size,
                    ngram,
                    min_count=min_count,
                    unused=len(outlets) <= UNUSED_TERMS_MAX_OUTLETS,
                )
            )
    if not frames:
        return pd.DataFrame(columns=TERM_COLUMNS)
    table = pd.concat(frames, ignore_index=True)
    table["spellings"] = table["term"].map(
        lambda t: "; ".join(f for f, _ in sorted(forms[t].items(), key=lambda i: (-i[1], i[0])))
    )
    table["outlet"] = pd.Categorical(table["outlet"], categories=outlets, ordered=True)
    table = table.sort_values(["outlet", "z", "term"], ascending=[True, False, True])
    table["outlet"] = table["outlet"].astype(str)
    table[["log_odds", "z"]] = table[["log_odds", "z"]].round(4)
    return table.reset_index(drop=True)[TERM_COLUMNS]


def outlet_names(documents: list) -> list[str]:
    """The names a corpus gives its outlets: outlet, label and wire agency of each article.

    Args:
        documents: The corpus's documents (``outlet``, ``label``, ``origin``).

    Returns:
        The distinct names, in order; "unknown" and empty names left out.
    """
    found = [n for d in documents for n in (d.outlet, d.label, d.origin)]
    return [n for n in dict.fromkeys(found) if n and n.lower() != "unknown"]


@dataclass(frozen=True)
class WordOp:
    """One step of a word-level diff.

    Attributes:
        tag: ``equal``, ``replace``, ``delete`` (words only in ``a``) or
            ``insert`` (words only in ``b``).
        words_a: The words of ``a`` as written (empty for ``insert``).
        words_b: The words of ``b`` as written (empty for ``delete``).
        span_a: Character offsets ``(start, end)`` of the words in ``a``; an
            empty span at the insertion point for ``insert``.
        span_b: The same in ``b``.
    """

    tag: str
    words_a: tuple[str, ...]
    words_b: tuple[str, ...]
    span_a: tuple[int, int]
    span_b: tuple[int, int]


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def _span(words: list[tuple[str, int, int]], i1: int, i2: int) -> tuple[int, int]:
    if i1 < i2:
        return words[i1][1], words[i2 - 1][2]
    at = words[i1 - 1][2] if i1 > 0 else 0
    return at, at


def _matcher(
    words_a: list[tuple[str, int, int]], words_b: list[tuple[str, int, int]]
) -> difflib.SequenceMatcher:
    return difflib.SequenceMatcher(
        None, [_key(w) for w, _, _ in words_a], [_key(w) for w, _, _ in words_b], autojunk=False
    )


def word_diff(text_a: str, text_b: str) -> list[WordOp]:
    """Word-level diff of two passages (difflib on words).

    Words are compared lower-cased, with curly and straight apostrophes alike
    and surrounding punctuation ignored ("Syria," equals "syria"); they are
    returned as written.

    Args:
        text_a: First passage.
        text_b: Second passage.

    Returns:
        The operations turning ``a`` into ``b``, in order; consecutive
        operations cover all the words of both texts.
    """
    words_a, words_b = _words(text_a), _words(text_b)
    return [
        WordOp(
            tag,
            tuple(w for w, _, _ in words_a[i1:i2]),
            tuple(w for w, _, _ in words_b[j1:j2]),
            _span(words_a, i1, i2),
            _span(words_b, j1, j2),
        )
        for tag, i1, i2, j1, j2 in _matcher(words_a, words_b).get_opcodes()
    ]


def _letters(words: list[tuple[str, int, int]]) -> str:
    return re.sub(r"[\W_]", "", "".join(w for w, _, _ in words).lower())


def _same_spelling(
    words_a: list[tuple[str, int, int]], words_b: list[tuple[str, int, int]], *, tail: bool
) -> tuple[int, int, str] | None:
    """How many words at the start (or end) of two replaced runs are one word.

    Returns ``(n_a, n_b, kind)``: ``kind`` is ``"same"`` when the words have the
    same letters (``Jong Un`` / ``Jong-un``) and ``"variant"`` for a spelling
    variant of one word (:func:`is_variant`: ``Daraa`` / ``Deraa``); ``None``
    when the runs start (or end) with different words.
    """
    for n_a in range(1, min(3, len(words_a)) + 1):
        for n_b in range(1, min(3, len(words_b)) + 1):
            part_a = words_a[-n_a:] if tail else words_a[:n_a]
            part_b = words_b[-n_b:] if tail else words_b[:n_b]
            if _letters(part_a) == _letters(part_b):
                return n_a, n_b, "same"
    edge_a, edge_b = (words_a[-1], words_b[-1]) if tail else (words_a[0], words_b[0])
    if edge_a[0][:1].isupper() and edge_b[0][:1].isupper() and is_variant(edge_a[0], edge_b[0]):
        return 1, 1, "variant"
    return None


def diff_spans(
    text_a: str, text_b: str
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """The character spans of two passages that differ, for a view to mark.

    Words are compared as in :func:`word_diff`. Inside a replaced run, words
    at either end that are the same word in another form are not marked as
    different: the same letters written apart or hyphenated (``Jong Un`` /
    ``Jong-un``) are not marked at all, and a spelling variant of a name
    (``Daraa`` / ``Deraa``, ``Lavrentiev`` / ``Lavrentyev``; :func:`is_variant`
    on capitalised words) is marked ``"variant"``.

    Args:
        text_a: First passage.
        text_b: Second passage.

    Returns:
        ``(spans_a, spans_b)``: ``(start, end, kind)`` with ``kind`` ``"differ"``
        or ``"variant"``, in order.
    """
    words_a, words_b = _words(text_a), _words(text_b)
    spans_a: list[tuple[int, int, str]] = []
    spans_b: list[tuple[int, int, str]] = []
    for tag, i1, i2, j1, j2 in _matcher(words_a, words_b).get_opcodes():
        if tag == "equal":
            continue
        run_a, run_b = words_a[i1:i2], words_b[j1:j2]
        head: list[tuple[list, list, str]] = []
        tail: list[tuple[list, list, str]] = []
        for at_end, found in ((False, head), (True, tail)):
            while tag == "replace" and run_a and run_b:
                peeled = _same_spelling(run_a, run_b, tail=at_end)
                if peeled is None:
                    break
                n_a, n_b, kind = peeled
                if at_end:
                    found.insert(0, (run_a[-n_a:], run_b[-n_b:], kind))
                    run_a, run_b = run_a[:-n_a], run_b[:-n_b]
                else:
                    found.append((run_a[:n_a], run_b[:n_b], kind))
                    run_a, run_b = run_a[n_a:], run_b[n_b:]
        middle = [(run_a, run_b, "differ")] if run_a or run_b else []
        for part_a, part_b, kind in [*head, *middle, *tail]:
            if kind == "same":
                continue
            for part, spans in ((part_a, spans_a), (part_b, spans_b)):
                if part:
                    spans.append((part[0][1], part[-1][2], kind))
    return spans_a, spans_b


def is_variant(words_a: str, words_b: str) -> bool:
    """Whether two spans are forms of the same word rather than different words.

    True for spellings, transliterations and inflections: the letters alone
    have a rapidfuzz ratio of at least 80 (Daraa / Deraa, zone / zones), or one
    ends with the other (al-Assad / Assad).

    Args:
        words_a: A span of words.
        words_b: Another span.

    Returns:
        The verdict.
    """
    a = re.sub(r"[\W\d_]", "", words_a.lower())
    b = re.sub(r"[\W\d_]", "", words_b.lower())
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 4 and longer.endswith(shorter):
        return True
    return fuzz.ratio(a, b) >= 80


def _anchored(
    ops: list[tuple[str, int, int, int, int]], k: int, words_a: list[tuple[str, int, int]]
) -> bool:
    """Whether replacement ``k`` lies between equal words, a content word among them.

    Its neighbouring steps are equal runs (difflib alternates equal and other
    steps); the nearest ``_ANCHOR_WINDOW`` words of each run are looked at.
    """
    if k == 0 or k == len(ops) - 1:
        return False
    _, left_start, left_end, _, _ = ops[k - 1]
    _, right_start, right_end, _, _ = ops[k + 1]
    near = words_a[max(left_start, left_end - _ANCHOR_WINDOW) : left_end]
    near += words_a[right_start : min(right_end, right_start + _ANCHOR_WINDOW)]
    return any(_content(w) for w, _, _ in near)


def _moved_key(word: str) -> str:
    """A word's key without a possessive ending: "Trump's" was moved if "Trump" is there."""
    key = _key(word)
    return key[:-2] if key.endswith("'s") else key


def swap_steps(text_a: str, text_b: str, *, max_words: int = 3) -> list[WordOp]:
    """The word swaps of two passages that :func:`substitutions` lists, with their spans.

    difflib's greedy matching depends on argument order, so both orders are
    diffed and pooled: the result does not depend on which passage is first.
    The rules are those of :func:`substitutions` (content words on both sides,
    words the other passage does not hold elsewhere, a near copy or an
    anchored replacement of balanced length).

    Args:
        text_a: First passage.
        text_b: Second passage.
        max_words: Longest span on either side, in words.

    Returns:
        ``replace`` steps as :class:`WordOp` (``words_a`` and ``span_a`` in
        ``text_a``), each swap once.
    """
    found = {}
    for first, second, flip in ((text_a, text_b, False), (text_b, text_a, True)):
        for op in _one_way_replacements(first, second, max_words)[1]:
            if flip:
                op = WordOp(op.tag, op.words_b, op.words_a, op.span_b, op.span_a)
            found.setdefault((op.span_a, op.span_b), op)
    return list(found.values())


def swap_frame(text_a: str, text_b: str, span_a: tuple[int, int], span_b: tuple[int, int]) -> int:
    """How many identical words touch a swap: the equal runs just before and after it.

    The word diff of the two passages (both orders, the larger count) has the
    swap as a ``replace`` step; its frame is the length of the ``equal`` step
    before it plus that of the one after (a passage's edge adds nothing). "at
    least a dozen *people* / *workers* were at the party" has a frame of 8;
    "The *report* / *decisions* came just hours before" 5; "in *an effort* /
    *recent weeks* to lay" 1 + 7; "federal *district court* / *lawsuit* in
    Manhattan" 3. :func:`swap_frame_sides` gives the two runs apart.

    Args:
        text_a: First passage.
        text_b: Second passage.
        span_a: Character span of the swapped words in ``text_a``.
        span_b: The same in ``text_b``.

    Returns:
        The frame in words; 0 when no step of the diff is that swap.
    """
    return max(
        (before + after for before, after in swap_frame_sides(text_a, text_b, span_a, span_b)),
        default=0,
    )


def swap_frame_sides(
    text_a: str, text_b: str, span_a: tuple[int, int], span_b: tuple[int, int]
) -> list[tuple[int, int]]:
    """The identical words just before and just after a swap, in each order of the diff.

    As :func:`swap_frame`, but the two runs apart, once per order of the word
    diff (``text_a`` against ``text_b`` and back) whose ``replace`` step is the
    swap: "The *report* / *decisions* came just hours before" is ``[(1, 4),
    (1, 4)]``; "coach for the *remainder* / *rest* of the season" ``[(3, 3),
    (3, 3)]``.

    Args:
        text_a: First passage.
        text_b: Second passage.
        span_a: Character span of the swapped words in ``text_a``.
        span_b: The same in ``text_b``.

    Returns:
        ``(before, after)`` in words for each order that has the swap as a
        step; empty when none has.
    """
    return [
        (len(before), len(after))
        for before, after in swap_frame_runs(text_a, text_b, span_a, span_b)
    ]


def swap_frame_runs(
    text_a: str, text_b: str, span_a: tuple[int, int], span_b: tuple[int, int]
) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The identical words just before and just after a swap, as one passage writes them.

    As :func:`swap_frame_sides`, but the words themselves: "coach for the
    *remainder* / *rest* of the season" is ``[(("coach", "for", "the"), ("of",
    "the", "season"))] * 2``.

    Args:
        text_a: First passage.
        text_b: Second passage.
        span_a: Character span of the swapped words in ``text_a``.
        span_b: The same in ``text_b``.

    Returns:
        ``(before, after)`` word tuples for each order of the word diff that has
        the swap as a step; empty when none has.
    """
    found = []
    words = (_words(text_a), _words(text_b))
    for first, second, flip in ((0, 1, False), (1, 0, True)):
        one, other = words[first], words[second]
        ops = _matcher(one, other).get_opcodes()
        for k, (tag, i1, i2, j1, j2) in enumerate(ops):
            if tag != "replace":
                continue
            spans = (_span(one, i1, i2), _span(other, j1, j2))
            if (spans[::-1] if flip else spans) != (span_a, span_b):
                continue
            left = ops[k - 1] if k > 0 and ops[k - 1][0] == "equal" else None
            right = ops[k + 1] if k + 1 < len(ops) and ops[k + 1][0] == "equal" else None
            found.append(
                (
                    tuple(w for w, _, _ in one[left[1] : left[2]]) if left else (),
                    tuple(w for w, _, _ in one[right[1] : right[2]]) if right else (),
                )
            )
    return found


def _replacements(text_a: str, text_b: str, max_words: int) -> tuple[float, list[tuple[str, str]]]:
    """Short word swaps between two passages, and how much of their wording they share.

    Returns:
        ``(overlap, swaps)``: the larger difflib ratio of the two orders (share
        of words in matching runs, 0 to 1) and the swaps as ``(words_a,
        words_b)``, as written (:func:`swap_steps`).
    """
    ratio_ab, one_way = _one_way_replacements(text_a, text_b, max_words)
    ratio_ba, other_way = _one_way_replacements(text_b, text_a, max_words)
    swaps = [(" ".join(op.words_a), " ".join(op.words_b)) for op in one_way]
    swaps += [(" ".join(op.words_b), " ".join(op.words_a)) for op in other_way]
    return max(ratio_ab, ratio_ba), list(dict.fromkeys(swaps))


def _one_way_replacements(text_a: str, text_b: str, max_words: int) -> tuple[float, list[WordOp]]:
    words_a, words_b = _words(text_a), _words(text_b)
    matcher = _matcher(words_a, words_b)
    ops = matcher.get_opcodes()
    ratio = matcher.ratio()
    keys_a = {_moved_key(w) for w, _, _ in words_a}
    keys_b = {_moved_key(w) for w, _, _ in words_b}
    found = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "replace" or i2 - i1 > max_words or j2 - j1 > max_words:
            continue
        side_a = [w for w, _, _ in words_a[i1:i2]]
        side_b = [w for w, _, _ in words_b[j1:j2]]
        content_a = {_moved_key(w) for w in side_a if _content(w)}
        content_b = {_moved_key(w) for w in side_b if _content(w)}
        if not content_a or not content_b:
            continue  # stop words or numbers only: not a choice of words
        if content_a <= keys_b or content_b <= keys_a:
            continue  # the words were moved, not swapped ("Trump's" / "Trump" alike)
        balanced = abs(len(side_a) - len(side_b)) <= 1
        if ratio >= _NEAR_COPY or (balanced and _anchored(ops, k, words_a)):
            found.append(
                WordOp(
                    tag,
                    tuple(side_a),
                    tuple(side_b),
                    _span(words_a, i1, i2),
                    _span(words_b, j1, j2),
                )
            )
    return ratio, found


def substitutions(
    alignments: pd.DataFrame,
    *,
    relations: tuple[str, ...] = SAME_FACT,
    max_words: int = 3,
    min_pairs: int = 1,
) -> pd.DataFrame:
    """Word swaps between outlets in passages that carry the same fact.

    A swap is a ``replace`` step of a word diff with 1 to ``max_words`` words
    on each side and:

    - a content word on each side (not numbers or stop words only);
    - words the other passage does not use elsewhere (else they were moved,
      not swapped);
    - either near-copied passages (at least half their words in matching
      runs: every difference is then an edit), or, so that loosely
      paraphrased sentences do not yield chance swaps, sides differing by at
      most one word and equal words on both sides of the swap with a content
      word among the three nearest ("[Syrian] regime / government [and]").

    Both diff orders are pooled (difflib is greedy and order-dependent). Each
    swap is oriented with the alphabetically first outlet as ``a``, so
    "regime" (A) / "government" (B) and "government" (B) / "regime" (A) are
    one row.

    Args:
        alignments: Alignment table.
        relations: Relations whose pairs are compared.
        max_words: Longest span on either side, in words.
        min_pairs: Keep swaps seen in at least this many aligned pairs.

    Returns:
        Substitution table, one row per swap: ``outlet_a``, ``words_a`` (as
        outlet a most often writes them), ``outlet_b``, ``words_b``, ``pairs``
        (aligned pairs that show the swap), ``variant`` (True when both sides
        are forms of one word: spelling, transliteration, inflection; see
        :func:`is_variant`), ``overlap`` (share of the example pair's words in
        matching runs, 0 to 1: near 1 for an edited copy), the example pair
        with the highest overlap (``doc_a``, ``passage_a``, ``text_a``,
        ``doc_b``, ``passage_b``, ``text_b``) and ``examples`` (every pair, as
        ``doc#passage / doc#passage``, semicolon-separated). Sorted by
        ``pairs`` (most first), then ``overlap`` (highest first).
    """
    kept = alignments[alignments["relation"].isin(relations)]
    found: dict[tuple[str, str, str, str], dict[tuple, dict]] = {}
    for row in kept.itertuples(index=False):
        a = PassageRef(row.doc_a, int(row.passage_a), row.outlet_a, row.text_a)
        b = PassageRef(row.doc_b, int(row.passage_b), row.outlet_b, row.text_b)
        if (a.outlet, a.doc_id, a.passage_id) > (b.outlet, b.doc_id, b.passage_id):
            a, b = b, a
        overlap, swaps = _replacements(a.text, b.text, max_words)
        for words_a, words_b in swaps:
            key = (a.outlet, _key(words_a), b.outlet, _key(words_b))
            example = {"a": a, "b": b, "words": (words_a, words_b), "overlap": overlap}
            found.setdefault(key, {})[(a.doc_id, a.passage_id, b.doc_id, b.passage_id)] = example
    rows = []
    for (outlet_a, _, outlet_b, _), by_pair in found.items():
        if len(by_pair) < min_pairs:
            continue
        examples = sorted(by_pair.items(), key=lambda item: (-item[1]["overlap"], item[0]))
        words_a, words_b = Counter(e["words"] for _, e in examples).most_common(1)[0][0]
        best = examples[0][1]
        rows.append(
            {
                "outlet_a": outlet_a,
                "words_a": words_a,
                "outlet_b": outlet_b,
                "words_b": words_b,
                "pairs": len(examples),
                "variant": is_variant(words_a, words_b),
                "overlap": round(best["overlap"], 4),
                "doc_a": best["a"].doc_id,
                "passage_a": best["a"].passage_id,
                "text_a": best["a"].text,
                "doc_b": best["b"].doc_id,
                "passage_b": best["b"].passage_id,
                "text_b": best["b"].text,
                "examples": "; ".join(f"{k[0]}#{k[1]} / {k[2]}#{k[3]}" for k, _ in examples),
            }
        )
    table = pd.DataFrame(rows, columns=SUBSTITUTION_COLUMNS)
    table = table.sort_values(
        ["pairs", "overlap", "outlet_a", "outlet_b", "words_a", "words_b"],
        ascending=[False, False, True, True, True, True],
    )
    return table.reset_index(drop=True)
