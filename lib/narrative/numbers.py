"""Numbers that disagree: counts, amounts and dates that outlets report differently.

Two outlets can tell the same fact with different numbers: AFP's "a war that
has claimed more than 320,000 lives" and Reuters' "six years of conflict which
... has killed close to half a million people". This module finds the numbers
in passages (:func:`extract_quantities`), compares those that count the same
thing (:func:`compare_quantities`) and lists, for passages that tell the same
fact, where outlets agree and where they differ (:func:`number_comparisons`,
:func:`number_disagreements`).

**Finding numbers.** spaCy's named-entity recogniser (through
:mod:`narrative.nlp`) marks the spans (``CARDINAL``, ``ORDINAL``, ``DATE``,
``MONEY``, ``PERCENT``, ``QUANTITY``); it is what tells "in May" from "may",
"the 2017 talks" (a year) from "2017 people", and "X-101 missiles" (a product)
from 101 missiles. The dependency parse names the counted thing: the noun the
number modifies ("four safe *zones*"), or the object of "of" after a vague
amount ("dozens of *raids*"). Number words the recogniser misses but the
parser attaches to a noun are kept too. spaCy gives no values, and the
libraries that do (quantulum3, number-parser, text2num) read "half a million"
as 1.5 million or not at all, and know no vague amounts or counted nouns, so
values come from the small grammar of :func:`parse_number`.

**Values.** A quantity has a stated ``value`` and the range ``[low, high]``
its words allow: equal to the value for an exact figure, a band for a range
("10-15", "between 300 and 400") or a vague amount: "dozens" is 24 to 100,
"hundreds" 200 to 1,000, "thousands" 2,000 to 10,000, "tens of thousands"
20,000 to 100,000 (a plural of a unit ``u`` is ``2u`` to ``10u``; ``value`` is
the lower end). A qualifier before the number ("more than", "close to", "an
estimated"...) is kept and widens the range by a tolerance on the side it
points to (:data:`QUALIFIERS`), but only toward a figure stated to a finer place that
it rounds ("more than 1,400" and 1,429 agree; "at least 44" and 48, stated to the same
place, differ: :func:`_rounds_to`). Dates carry no value: their ``date`` is a
TIMEX3-style string with ``X`` for what the text leaves open (``XXXX-05-06``
for "May 6", ``2011-03`` for "March 2011", ``XXXX-WXX-3`` for "Wednesday",
``XXXX-08-01/XXXX-08-02`` for "August 1-2").

**What is counted.** ``what`` is the comparison key: the lemma of the counted
noun ("zones" -> ``zone``), except for counts of people in events, which map
onto a small list of classes (:data:`EVENT_CLASSES`): "320,000 lives", "half a
million people" that something "has killed", "10 others were badly wounded".
"Victims" that a verb of harm governs ("shot the three victims") are those hit, dead
or not, so they are counted as victims, not deaths. A count after "first", "last",
"next"... ("the first two games") counts a stretch of a series and is compared only with
a count of the same stretch. Durations are keyed by unit (``year``), money by currency,
percentages by ``percent``, ordinals by their noun ("fifth *round*"), dates by ``date``.

**Same fact, different figure.** Two quantities are compared when they have
the same kind and ``what``; equal figures agree wherever they stand, but a
difference is only reported with evidence that both figures tell one fact
(:func:`compare_quantities`): an event class, or a content word shared near
both figures (``context``), and for dates also the same ``anchor`` word
("agreed in May" / "agreed on June 4", not "the deal in May" / "a June 4
deadline"). Only the classes one incident fixes (dead, wounded, missing:
:data:`INCIDENT_CLASSES`) count as one fact by their class alone; arrests and
displacement are counted over a story's days and need the evidence any count
needs. An event-class figure is the story's only when it agrees with the
first figure of its class in its article (:func:`background_figures`): a later,
different one counts another attack, the war, or an earlier count, and so do the
figures of other classes after it in its passage, unless it is close to the first
and given by a source ("said", "according to") without a word of update: another
source's count of the same toll. Two articles' event-class figures are
compared only when aligned pairs that give no toll link the articles, directly or through
others (:func:`story_links`): one day's news from one place may be several events.

Quantity table (:func:`number_table`), one row per quantity:

==========  ==================================================================
doc_id      the document
passage_id  the passage
outlet      the outlet's display label
kind        ``count``, ``money``, ``percent``, ``measure`` (distance, weight...),
            ``ordinal``, ``duration`` or ``date``
what        what is counted: event class, noun lemma, unit, currency,
            ``percent`` or ``date``; empty when no counted thing was found
noun        the counted word as written ("lives"), empty if none
anchor      lemma of the word the quantity attaches to ("claim", "agree")
value       the stated figure (lower end for a range or vague amount); empty
            for dates
low, high   the range the figure's words allow, before qualifiers
qualifier   "more than", "close to", "an estimated"... as written, lower-cased
date        TIMEX3-style date for dates, empty otherwise
surface     the quantity as written, qualifier included
start, end  character offsets of ``surface`` in the passage text
context     lemmas of the content words near the quantity, space-separated
==========  ==================================================================

Comparison table (:func:`number_comparisons`), one row per pair of quantities
(same kind and ``what``) set against each other by :func:`match_quantities`
in two passages of different outlets:
``doc_a, passage_a, outlet_a, doc_b, passage_b, outlet_b``; ``relation`` (the
pair's alignment relation, or ``unaligned`` for incident-class figures compared
across the whole corpus); ``link`` (``aligned``; for an unaligned pair ``direct`` when
an aligned pair without a toll joins the two articles, ``through others`` when only a
chain through other articles or the all-toll rule of :func:`story_links` does);
``kind, what``; per side ``value, surface,
qualifier, date, start, end`` (suffixes ``_a``/``_b``); ``ratio`` (``value_b /
value_a``, empty for dates); ``status`` (``agree`` or ``differ``); ``text_a,
text_b``. :func:`number_disagreements` keeps the ``differ`` rows.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING

import pandas as pd

from narrative.nlp import parse
from narrative.vocab import SAME_FACT, PassageRef

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

#: ``status`` of a finding of :func:`disagreement_findings`: stated, or a candidate to check.
STATED, CANDIDATE = "differ", "candidate"


def stated_findings(disagreements: pd.DataFrame) -> pd.Series:
    """Which rows belong to stated findings (not :data:`CANDIDATE`); all, without status.

    Returns:
        A boolean mask aligned with ``disagreements``.
    """
    if "status" not in disagreements:
        return pd.Series(True, index=disagreements.index)
    return disagreements["status"] != CANDIDATE


#: Tokens either side of a quantity whose content words make its context.
CONTEXT_WINDOW = 8

KINDS = ("count", "money", "percent", "measure", "ordinal", "duration", "date")

#: Qualifier -> the side it widens a figure on: ``approx`` both, ``over`` up
#: (the figure is a floor), ``under`` down (the figure is a ceiling).
QUALIFIERS = {
    "about": "approx",
    "around": "approx",
    "approximately": "approx",
    "roughly": "approx",
    "some": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "circa": "approx",
    "more than": "over",
    "over": "over",
    "at least": "over",
    "upwards of": "over",
    "in excess of": "over",
    "above": "over",
    "just over": "over",
    "well over": "over",
    "no fewer than": "over",
    "no less than": "over",
    "nearly": "under",
    "almost": "under",
    "close to": "under",
    "just under": "under",
    "less than": "under",
    "fewer than": "under",
    "under": "under",
    "up to": "under",
    "as many as": "under",
    "at most": "under",
    "below": "under",
}
# Outside a recognised entity only qualifiers that cannot be prepositions count
# ("talks over two days", "talk about four zones").
_LOOSE_QUALIFIERS = {"over", "under", "about", "around", "some", "above", "below", "estimated"}

#: Event classes for counts of people: nouns that are the class by themselves,
#: and verb/adjective lemmas that make any counted noun (or a bare number) the
#: class when they govern it ("people killed", "killed 12", "10 others were
#: wounded"). A figure in an event class is one fact for the whole story.
EVENT_CLASSES = {
    "deaths": (
        {"life", "dead", "death", "fatality", "body", "victim"},
        {"kill", "die", "dead", "death", "perish", "slay", "massacre", "execute", "toll"},
    ),
    "injured": ({"injury", "wounded", "injured"}, {"wound", "injure", "hurt", "injury"}),
    "displaced": (
        {"refugee", "evacuee", "displaced"},
        {"displace", "flee", "uproot", "evacuate", "refugee"},
    ),
    "missing": ({"missing"}, {"missing"}),
    "arrested": ({"arrest", "detainee", "prisoner"}, {"arrest", "detain", "jail", "imprison"}),
}

#: The event classes one incident fixes: an attack's or a disaster's dead, wounded and
#: missing. Arrests and displacement are counted over a story's days (each night of
#: protests, each week of flight), so their figures are compared as any count is.
INCIDENT_CLASSES = frozenset({"deaths", "injured", "missing"})

COMPARISON_COLUMNS = [
    "doc_a",
    "passage_a",
    "outlet_a",
    "doc_b",
    "passage_b",
    "outlet_b",
    "relation",
    "link",
    "kind",
    "what",
    "value_a",
    "surface_a",
    "qualifier_a",
    "date_a",
    "value_b",
    "surface_b",
    "qualifier_b",
    "date_b",
    "ratio",
    "status",
    "start_a",
    "end_a",
    "start_b",
    "end_b",
    "text_a",
    "text_b",
]
TABLE_COLUMNS = [
    "doc_id",
    "passage_id",
    "outlet",
    "kind",
    "what",
    "noun",
    "anchor",
    "value",
    "low",
    "high",
    "qualifier",
    "date",
    "surface",
    "start",
    "end",
    "context",
]

_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SUFFIXES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "tn": 1e12}
# A plural amount word: its unit and the range it covers in units.
_VAGUE = {
    "tens": (10, 2, 10),
    "dozens": (12, 2, 100 / 12),
    "scores": (20, 2, 5),
    "hundreds": (100, 2, 10),
    "thousands": (1e3, 2, 10),
    "millions": (1e6, 2, 10),
    "billions": (1e9, 2, 10),
}
_ORDINALS = {
    w: i
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split(),
        1,
    )
}
_ORDINAL_WORD = re.compile(r"\b(?:" + "|".join(_ORDINALS) + r")\b", re.IGNORECASE)
_NUMBER_WORD = re.compile(
    r"\d|\b(?:" + "|".join([*_UNITS, *_TENS, "hundred", *_SCALES, "dozen", "half"]) + r")\b",
    re.IGNORECASE,
)


def has_figure(text: str) -> bool:
    """Whether ``text`` holds a figure: a digit, a number word ("three", "a dozen", "half")
    or an ordinal ("sixth", "7th")."""
    return bool(_NUMBER_WORD.search(text) or _ORDINAL_WORD.search(text))


_SCALE_END = re.compile(
    r"(?:\s+(?:hundred|" + "|".join(_SCALES) + r"))+$|(?<=\d)(?:" + "|".join(_SUFFIXES) + r")$"
)
_NUMBER_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?[a-z]*|[a-z]+")
#: Fractions of a scale word: "a quarter of a million", "three quarters of a billion".
_FRACTIONS = {"quarter": 0.25, "quarters": 0.25, "third": 1 / 3, "thirds": 1 / 3}
#: A fraction written just before a scale word the recogniser took alone ("a quarter of a
#: [million]"): the figure is the fraction of it, not the scale word.
_FRACTION_BEFORE = re.compile(
    r"\b(?:(?:a|an|one|two|three)\s+)?(?:quarters?|thirds?)\s+of\s+(?:a\s+|an\s+)?$",
    re.IGNORECASE,
)
_WORD_VALUES = {*_UNITS, *_TENS, *_SCALES, "hundred", "dozen", "half", "a", "an", "and"}
_NUMBER_WORDS = "|".join(sorted(_WORD_VALUES - {"a", "an", "and"}, key=len, reverse=True))
_DURATION = re.compile(
    rf"(?P<number>\d[\d,.]*|(?:{_NUMBER_WORDS})(?:[- ](?:{_NUMBER_WORDS}|a|and))*)[- ]"
    r"(?P<unit>years?|months?|weeks?|days?|hours?|minutes?|decades?|centur(?:y|ies))"
    r"(?P<old>[- ]old)?\b",
    re.IGNORECASE,
)
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m} | {
    m.lower(): i for i, m in enumerate(calendar.month_abbr) if m
}
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_DAYS = r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?"
_YEAR = r"(?:,?\s+(?P<year>\d{4}))?"
_CALENDAR = [
    re.compile(_MONTH + r"\s+" + _DAYS + r"\b" + _YEAR, re.IGNORECASE),
    re.compile(_DAYS + r"\s+(?:of\s+)?" + _MONTH + _YEAR, re.IGNORECASE),
    re.compile(_MONTH + _YEAR, re.IGNORECASE),
]
_YEAR_ONLY = re.compile(r"\b(?P<year>1\d{3}|20\d{2})(?P<decade>s)?\b")
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name, 1)}
_WEEKDAY = re.compile(r"\b(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_CURRENCIES = {
    "$": "dollar",
    "\u20ac": "euro",
    "\u00a3": "pound",
    "\u00a5": "yen",
    "dollar": "dollar",
    "euro": "euro",
    "pound": "pound",
    "sterling": "pound",
    "yen": "yen",
    "yuan": "yuan",
    "rouble": "rouble",
    "ruble": "rouble",
    "lira": "lira",
    "rupee": "rupee",
}
_NOUN_DEPS = {"nummod", "quantmod", "compound", "amod", "nmod", "det", "advmod"}


@dataclass(frozen=True)
class Quantity:
    """A number found in a text.

    Attributes:
        value: The stated figure (lower end for a range or vague amount;
            ``nan`` for dates).
        low: Lowest value the words allow, before the qualifier.
        high: Highest value the words allow, before the qualifier.
        kind: One of :data:`KINDS`.
        what: The comparison key (see the module docstring); ``""`` if none.
        noun: The counted word as written, ``""`` if none.
        anchor: Lemma of the word the quantity (or its counted noun) attaches
            to, past prepositions: *claim* for "has claimed 320,000 lives",
            *agree* for "agreed in May", *deadline* for "a June 4 deadline".
        qualifier: Lower-cased qualifier from :data:`QUALIFIERS`, ``""`` if none.
        date: TIMEX3-style value for dates, ``""`` otherwise.
        surface: The quantity as written, qualifier included.
        start: Character offset of ``surface`` in the text.
        end: Character offset just past ``surface``.
        context: Lemmas of the content words near the quantity (see
            :func:`compare_quantities`), sorted.
        scope: The span the figure is counted over, when the text gives one ("in 54
            games", "over two days", "in 2016"; :func:`_scope`), ``""`` otherwise.
        described: For a figure that gives the size of a noun ("a seven-year *offer*",
            "the seven-year *offers*", "a $5 million *contract*"), ``"one"`` or
            ``"many"`` by that noun's grammatical number; ``""`` for counts and for
            figures that describe no noun.
    """

    value: float
    low: float
    high: float
    kind: str
    what: str
    noun: str
    anchor: str
    qualifier: str
    date: str
    surface: str
    start: int
    end: int
    context: tuple[str, ...] = ()
    scope: str = ""
    described: str = ""

    def bounds(self, tolerance: float = 0.1) -> tuple[float, float]:
        """The range of values the quantity is consistent with.

        Args:
            tolerance: Relative widening for a qualifier, on the side it points
                to: "about 100" is 90-110, "more than 100" 100-110, "nearly
                100" 90-100 with the default.

        Returns:
            ``(low, high)``; ``(nan, nan)`` for dates.
        """
        direction = QUALIFIERS.get(self.qualifier)
        low, high = self.low, self.high
        if direction in ("approx", "under"):
            low *= 1 - tolerance
        if direction in ("approx", "over"):
            high *= 1 + tolerance
        return low, high


def parse_number(text: str) -> tuple[float, float, float] | None:
    """Read a number written in digits, words, or both.

    Handles separators and decimals ("320,000", "2.5"), scale words and
    abbreviations ("2.5 million", "1.5bn", "3m"), number words ("four",
    "twenty-one", "three hundred and forty", "half a million", "a dozen"),
    ranges ("10-15", "10 to 15", "between 300 and 400", "5-10 million") and
    vague plurals ("dozens", "hundreds", "tens of thousands").

    Args:
        text: The number alone, without qualifier or counted noun.

    Returns:
        ``(value, low, high)``, or ``None`` when the text is not a number.
        ``value`` is the figure as stated (the lower end of a range).
    """
    text = text.lower().replace("\u2013", "-").replace("\u2014", "-").strip()
    between = re.fullmatch(r"between\s+(.+?)\s+and\s+(.+)", text)
    parts = between.groups() if between else re.split(r"\s*(?:-|\bto\b)\s*", text, maxsplit=1)
    if len(parts) == 2:
        low, high = _single_number(parts[0]), _single_number(parts[1])
        scale = _SCALE_END.search(parts[1])
        if scale and not _SCALE_END.search(parts[0]):  # "5-10 million": 5 million
            low = _single_number(parts[0] + scale.group())
        if low is not None and high is not None and low[0] < high[0]:
            return low[0], low[1], high[2]
        if between:
            return None
    return _single_number(text)


def _single_number(text: str) -> tuple[float, float, float] | None:
    words = text.split()
    if words and words[-1] in _VAGUE:
        unit, low, high = _VAGUE[words[-1]]
        if len(words) == 3 and words[1] == "of" and words[0] in _VAGUE:
            outer, low, high = _VAGUE[words[0]]  # "tens of thousands": 20 to 100 thousands
            unit *= outer
        elif len(words) != 1:
            return None
        return unit * low, unit * low, unit * high
    total, current, seen, fraction = 0.0, None, False, False
    tokens = _NUMBER_TOKEN.findall(text.replace("-", " "))
    for i, token in enumerate(tokens):
        previous = tokens[i - 1] if i else ""
        before = tokens[i - 2] if i > 1 else ""
        if token[0].isdigit():
            digits = re.match(r"[\d,]*(?:\.\d+)?", token).group()
            suffix = token[len(digits) :]
            if current is not None or suffix and suffix not in _SUFFIXES:
                return None  # "10 5" is two numbers, "10am" none
            current = float(digits.replace(",", ""))
            if suffix in _SUFFIXES:
                total, current = total + current * _SUFFIXES[suffix], None
            seen = True
        elif token in _UNITS or token in _TENS:
            current = (current or 0.0) + _UNITS.get(token, _TENS.get(token, 0))
            seen = True
        elif token == "half":
            current = (current or 0.0) + 0.5
            seen = True
        elif token in _FRACTIONS:  # "a quarter of a million": a quarter times what follows
            after_and = previous == "and" or previous in ("a", "an") and before == "and"
            share = _FRACTIONS[token]
            current = (current or 0.0) + share if after_and else (current or 1.0) * share
            seen = fraction = True  # of a scale word only: "a quarter" of a town is no count
        elif token == "of" and previous in _FRACTIONS:
            pass
        elif token in ("a", "an"):
            current = 1.0 if current is None else current
        elif token == "and":
            continue
        elif token == "dozen":
            current, seen = (current or 1.0) * 12, True
        elif token == "hundred":
            current, seen = (current or 1.0) * 100, True
        elif token in _SCALES:
            total, current, seen = total + (current or 1.0) * _SCALES[token], None, True
            fraction = False
        else:
            return None
    if not seen or fraction:
        return None
    value = total + (current or 0.0)
    return value, value, value


def extract_quantities(text: str, *, nlp: Language | None = None) -> list[Quantity]:
    """Quantities, counts, amounts and dates in a text.

    Args:
        text: A passage.
        nlp: A loaded spaCy pipeline (the default of :func:`narrative.nlp.load_nlp`
            when ``None``).

    Returns:
        Quantities in text order.
    """
    return quantities_in_doc(parse([text], nlp=nlp)[0])


def quantities_in_doc(doc: Doc) -> list[Quantity]:
    """Quantities in a parsed text (the model-free half of :func:`extract_quantities`).

    Args:
        doc: A spaCy ``Doc`` with entities and a dependency parse.

    Returns:
        Quantities in text order.
    """
    found: list[Quantity] = []
    in_entity = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    for ent in doc.ents:
        handler = _HANDLERS.get(ent.label_)
        if handler is not None:
            found.extend(handler(ent))
    i = 0
    while i < len(doc):
        # Counts the recogniser missed: number words or figures that modify a noun.
        token = doc[i]
        if i in in_entity or not (token.like_num and _NUMBER_WORD.search(token.text)):
            i += 1
            continue
        end = i + 1
        while end < len(doc) and end not in in_entity and doc[end].like_num:
            end += 1
        span = doc[i:end]
        if span.root.dep_ == "nummod":
            found.extend(_count(span))
        i = end
    found.sort(key=lambda q: (q.start, q.end))
    spans = [doc.char_span(q.start, q.end, alignment_mode="expand") for q in found]
    taken = {i for span in spans for i in range(span.start, span.end)}
    return [
        replace(q, context=_context(span, taken, q.what))
        for q, span in zip(found, spans, strict=True)
    ]


def _context(span: Span, taken: set[int], what: str) -> tuple[str, ...]:
    """Content-word lemmas within :data:`CONTEXT_WINDOW` tokens of a quantity.

    The window stays in the sentence and stops at another quantity, so in
    "$2.5 billion from counternarcotics programs and $600 million from a
    Treasury fund" each figure keeps its own source.
    """
    sentence = span.sent
    words = set()
    for step, first in ((-1, span.start - 1), (1, span.end)):
        i = first
        while sentence.start <= i < sentence.end and abs(i - first) < CONTEXT_WINDOW:
            if i in taken:
                break
            token = span.doc[i]
            if token.is_alpha and not token.is_stop:
                words.add(token.lemma_.lower())
            i += step
    words.discard(what)
    return tuple(sorted(words))


def _qualifier(span: Span) -> tuple[str, int, str]:
    """Qualifier at the start of the span or just before it: (qualifier, start, rest)."""
    text = span.text
    for qualifier in sorted(QUALIFIERS, key=len, reverse=True):
        match = re.match(re.escape(qualifier) + r"\s+", text, re.IGNORECASE)
        if match:
            return qualifier, span.start_char, text[match.end() :]
    before = span.doc.text[: span.start_char]
    for qualifier in sorted(QUALIFIERS, key=len, reverse=True):
        if qualifier in _LOOSE_QUALIFIERS:
            continue
        match = re.search(r"\b" + re.escape(qualifier) + r"\s+$", before, re.IGNORECASE)
        if match:
            return qualifier, match.start(), text
    return "", span.start_char, text


def _counted_noun(span: Span, *, vague: bool) -> tuple[Token | None, bool]:
    """The noun a number counts, and whether the count is partitive.

    The noun the number modifies ("four safe *zones*"), or the object of "of"
    ("dozens of *raids*"). "15 of the wounded" and "one of the zones" are
    partitive: they count part of a group, not the group.
    """
    inside = range(span.start, span.end)
    for token in reversed(list(span)):
        head = token.head
        if head.i not in inside and token.dep_ in _NOUN_DEPS and head.pos_ in ("NOUN", "PROPN"):
            return head, False
    for token in span:
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ != "of" or prep.i in inside:
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN", "ADJ"):
                    determined = any(c.dep_ in ("det", "poss") for c in obj.children)
                    return obj, determined and not vague
    return None, False


def _governor(token: Token) -> Token | None:
    """The word a token attaches to, past prepositions; ``None`` at the root."""
    head = token
    while head.head.i != head.i:
        head = head.head
        if head.dep_ != "prep" and head.pos_ != "ADP":
            return head
    return None


def _anchor(token: Token) -> str:
    governor = _governor(token)
    return governor.lemma_.lower() if governor is not None else ""


def _class_of(token: Token) -> str:
    lemma, lower = token.lemma_.lower(), token.lower_
    lemmas = {lemma}
    if token.pos_ == "PROPN" and token.is_title:
        # A title-case headline ("Syrian Army Kills 31 ISIL Terrorists") is parsed as
        # proper nouns, which keep their inflection: "Kills" is "kill", "Deaths" "death".
        lemmas |= {lower[: -len(end)] for end in ("s", "es", "ed", "d") if lower.endswith(end)}
    for name, (nouns, cues) in EVENT_CLASSES.items():
        if lemmas & (cues | nouns) or lower in nouns:
            return name
    return ""


#: Nouns of the deaths class that name those an attack hit, dead or not ("victims"), and
#: the verbs of harm that, governing them, say they were hit, not that they died: "shot
#: the three victims" (two died, one was wounded). Such a count is a count of victims.
_HARMED = frozenset({"victim"})
_NONFATAL_HARM = frozenset(
    {"shoot", "stab", "hit", "strike", "attack", "wound", "injure", "hurt", "treat", "rescue"}
)


def _event_class(span: Span, noun: Token | None) -> str:
    """The event class of a count of people, ``""`` if none (see :data:`EVENT_CLASSES`).

    A counted noun is in a class by itself ("320,000 *lives*") or through the
    verb or adjective that governs it ("*killed* 12 people", "10 others were
    *wounded*", "people *killed*", "the *deaths* of 12 people", "thousands of
    people have *fled*"). A bare
    number is in a class through the word it attaches to or that word's
    subject or object ("*killed* 12", "the *toll* rose to 1,200").
    """
    if noun is not None:
        if noun.lemma_.lower() in _HARMED and noun.head.pos_ == "VERB":
            # "shot the three victims": those the verb hit, dead or alive
            harm = noun.head.lemma_.lower()
            if harm in _NONFATAL_HARM:
                hit = _class_of(noun.head)
                return hit if hit != "deaths" else ""
        if _class_of(noun):
            return _class_of(noun)
        adjacent = _adjacent_class(span, noun)
        if adjacent:
            return adjacent
        while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head
        # a past participle on the noun itself first: in "left 100 people killed and 400
        # wounded" the parser may hang "people" on "wounded"; "killed" says what they are
        told = [t for t in noun.children if t.dep_ == "acl" and t.tag_ == "VBN"]
        linked = [
            *told,
            noun.head,
            *(
                t
                for t in noun.children
                if t.dep_ in ("acl", "relcl", "amod") and t not in told and not _agent_of(t)
            ),
            *(t for t in noun.head.children if t.dep_ == "oprd"),  # "left 50 people dead"
        ]
        if noun.head.dep_ == "prep":
            # "the deaths of 12 people", or "thousands of people have fled"
            of_span = span.start <= noun.head.head.i < span.end
            linked.append(_governor(span.root if of_span else noun))
    elif adjacent := _adjacent_class(span, None):
        return adjacent
    else:
        # a headline's "At least 100 killed": the participle hangs on the number itself
        linked = [t for t in span.root.children if t.dep_ in ("acl", "amod") and t.i >= span.end]
        governor = _governor(span.root)
        if governor is not None:
            roles = ("nsubj", "nsubjpass", "dobj", "attr")
            held = [t for t in governor.children if t.dep_ in roles]
            # "the number of victims is at least 70": what the subject is a number of
            of = [
                o
                for t in held
                if not span.start <= t.i < span.end  # "15 of the wounded" counts a part
                for p in t.children
                if p.lower_ == "of"
                for o in p.children
            ]
            linked += [governor, *held, *(o for o in of if o.dep_ == "pobj")]
    return next((c for c in map(_class_of, filter(None, linked)) if c), "")


def _adjacent_class(span: Span, noun: Token | None) -> str:
    """The class a word next to a count names, by position, ``""`` if none.

    The parse of unpunctuated wire copy may hang the words of a count's phrase elsewhere
    ("wounded more than 60 people said the Observatory" makes the people the sayers), so
    the words around the count are read first: an adjective or participle between the
    number and its noun ("140 *injured* people") or just after the noun, or after the bare
    number ("48 people *dead*", "over 400 *wounded*"), else the verb just before the count,
    whose object it is ("*wounded* more than 60 people", "*killed* 12"), unless a word after
    the count names its own class ("killed dozens *injured*").
    """
    doc = span.doc
    before = doc[span.start - 1] if span.start else None
    end = span.end if noun is None else noun.i + 1
    after = [*(doc[span.end : noun.i] if noun is not None else []), *doc[end : end + 1]]
    own = next((_class_of(w) for w in after if w.tag_ in ("JJ", "VBN") and _class_of(w)), "")
    if own or before is None or before.tag_ not in ("VBD", "VBN", "VBG"):
        return own  # "killed dozens *injured*": the word after the count is its own
    return _class_of(before)


def _agent_of(verb: Token) -> bool:
    """Whether a participle makes the noun it modifies its agent, not its victims.

    "two besieged towns *killing* at least 100 people": a present participle whose
    object is counted itself counts the victims there; the noun is what did it.
    """
    return verb.tag_ == "VBG" and any(
        child.dep_ == "dobj"
        and (child.tag_ == "CD" or any(c.dep_ in ("nummod", "quantmod") for c in child.children))
        for child in verb.children
    )


def _quantity(
    span: Span,
    start: int,
    end: int,
    number: tuple[float, float, float],
    *,
    kind: str,
    what: str,
    noun: Token | None = None,
    qualifier: str = "",
    date: str = "",
) -> Quantity:
    value, low, high = number
    governor = _governor(noun if noun is not None else span.root)
    described = ""
    if kind in _SIZES and governor is not None and governor.pos_ in ("NOUN", "PROPN"):
        described = "many" if governor.tag_ in ("NNS", "NNPS") else "one"
    return Quantity(
        value=value,
        low=low,
        high=high,
        kind=kind,
        what=what,
        noun=noun.text if noun is not None else "",
        anchor=_anchor(noun if noun is not None else span.root),
        qualifier=qualifier,
        date=date,
        surface=span.doc.text[start:end],
        start=start,
        end=end,
        scope="" if kind == "date" else _scope(span, noun),
        described=described,
    )


#: Kinds whose figure can give the size of a noun ("a seven-year offer", "a $5 million
#: contract") rather than count it.
_SIZES = {"duration", "measure", "money", "percent"}
#: Prepositions that put a figure over a part of the whole: "43 RBIs *in* 54 games", "12
#: killed *over* two days". Not "since": "320,000 lives since March 2011" is a running total
#: from the start, what another outlet's figure without a span ("half a million") counts too.
_SCOPE_PREPS = {"in", "over", "during", "within", "across", "through", "throughout"}
#: Nouns that are a span of time when "this", "last", "past"... bound them ("this season").
_SPAN_NOUNS = {
    "season",
    "year",
    "month",
    "week",
    "day",
    "decade",
    "century",
    "period",
    "quarter",
    "half",
    "term",
    "career",
    "campaign",
    "tournament",
}
_SPAN_BOUNDS = {"this", "last", "past", "first", "previous", "current", "entire", "whole"}


def _scope(span: Span, noun: Token | None) -> str:
    """The span a figure is counted over, as written in lower case; ``""`` if none.

    A figure counted over a span is another quantity than the same noun's total: "43 RBIs
    in 54 games" is part of the season's 121, "killed 12 in two days" part of a toll. The
    span is a phrase of :data:`_SCOPE_PREPS` on the counted noun (or the noun it is
    coordinated with, "13 homers and 43 RBIs in 54 games"), on the bare number, or on the
    verb that governs them, whose object is itself counted ("in 54 *games*"), is a
    number ("in *2016*") or a bounded span of time ("during *this season*").
    """
    head = noun if noun is not None else span.root
    chain = [head]
    while head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head
        chain.append(head)
    governor = _governor(head)
    if governor is not None and governor.pos_ in ("VERB", "AUX"):
        chain.append(governor)
    for token in chain:
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in _SCOPE_PREPS:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj" or span.start <= obj.i < span.end:
                    continue
                if obj.left_edge.i <= span.start and span.end <= obj.right_edge.i + 1:
                    continue  # the figure is inside the phrase
                counted = obj.like_num or any(c.dep_ == "nummod" for c in obj.children)
                bounded = obj.lemma_.lower() in _SPAN_NOUNS and any(
                    c.lower_ in _SPAN_BOUNDS for c in obj.children
                )
                if counted or bounded:
                    words = [t.lower_ for t in obj.lefts if not t.is_punct]
                    return " ".join([prep.lower_, *words, obj.lower_])
    return ""


#: Words that make a count an increment: "married two *more* times", "*another* 65 people
#: were injured", "three *additional* cases". Such a figure adds to something told before:
#: the same thing's earlier count (a total it does not give) or another group ("eleven
#: killed ... another 65 injured"), which its words do not say, so it is compared with
#: nothing (see :func:`compare_quantities`).
_INCREMENT_AFTER = frozenset({"more", "additional", "further", "extra"})
_INCREMENT_BEFORE = frozenset({"another", "additional", "further", "extra"})
#: The ``scope`` of an increment.
INCREMENT = "increment"


#: Words before a count that make it a stretch of a series, not the whole: "taking the
#: *first* two games" of a six-game series, "eight losses in their *last* 10 games" of a
#: season. The word is the count's ``scope``: it is compared only with a count of the same
#: stretch (see :func:`compare_quantities`).
_STRETCH = frozenset({"first", "last", "next", "past", "previous", "final", "opening"})


def _increment(span: Span, start: int) -> bool:
    """Whether a count is an increment: "two *more* times", "*another* 20 people"."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in _INCREMENT_AFTER:
        # "two more times", not "two or more" nor "more than" (a qualifier before)
        following = doc[span.end + 1] if span.end + 1 < len(doc) else None
        if following is None or following.lower_ not in ("than", "or"):
            return True
    first = span[0] if span.start_char >= start else None
    before = doc[span.start - 1] if span.start else None
    return any(t is not None and t.lower_ in _INCREMENT_BEFORE for t in (first, before))


def _count(span: Span) -> list[Quantity]:
    doc = span.doc
    before = doc[span.start - 1] if span.start else None
    after = doc[span.end] if span.end < len(doc) else None
    if any(t is not None and t.lower_.rstrip(".") in _MONTHS for t in (before, after)):
        return []  # "Tue 05 Jul 2016": a date the recogniser took for a number
    if after is not None and after.idx == span.end_char and after.lower_ in _SUFFIXES:
        span = doc[span.start : span.end + 1]  # "3.5m" is two tokens
    fraction = _FRACTION_BEFORE.search(doc.text[: span.start_char])
    if fraction and set(span.text.lower().split()) <= {"a", "an", *_SCALES}:
        # "a quarter of a [million]": the recogniser's span was the scale word alone
        span = doc.char_span(fraction.start(), span.end_char, alignment_mode="expand")
    qualifier, start, rest = _qualifier(span)
    number = parse_number(rest)
    if number is None:
        return []
    vague = rest.lower().split()[-1] in _VAGUE
    noun, partitive = _counted_noun(span, vague=vague)
    what = ""
    if not partitive:
        what = _event_class(span, noun) or (noun.lemma_.lower() if noun is not None else "")
    if not what and not any(c.isdigit() for c in rest):
        return []  # "one which", "the two": a number word that counts nothing
    currency = _CURRENCIES.get(what)
    quantity = _quantity(
        span,
        start,
        span.end_char,
        number,
        kind="money" if currency else "count",
        what=currency or what,
        noun=noun,
        qualifier=qualifier,
    )
    if _increment(span, start):
        quantity = replace(quantity, scope=INCREMENT)
    elif before is not None and before.lower_ in _STRETCH:
        quantity = replace(quantity, scope=before.lower_)
    return [quantity]


def _ordinal(span: Span) -> list[Quantity]:
    word = span.text.lower()
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word)
    tens, _, unit = word.rpartition("-")  # "twenty-first"
    value = float(match.group(1)) if match else _ORDINALS.get(unit)
    if value is not None and tens:
        value = value + _TENS[tens] if tens in _TENS else None
    root = span.root
    if value is None or any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children):
        return []  # "a fifth of the population" is a fraction
    noun = root.head if root.head.pos_ in ("NOUN", "PROPN") and root.head.i >= span.end else None
    if noun is None:
        return []
    return [
        _quantity(
            span,
            span.start_char,
            span.end_char,
            (value, value, value),
            kind="ordinal",
            what=noun.lemma_.lower(),
            noun=noun,
        )
    ]


def _date(span: Span) -> list[Quantity]:
    duration = _DURATION.search(span.text)
    if duration:
        number = parse_number(duration.group("number"))
        if number is None:
            return []
        qualifier, start, _ = _qualifier(span)
        unit = duration.group("unit").lower()
        unit = "century" if unit.startswith("centur") else unit.rstrip("s")
        return [
            _quantity(
                span,
                start if qualifier else span.start_char + duration.start(),
                span.start_char + duration.end(),
                number,
                kind="duration",
                what="age" if duration.group("old") else unit,
                qualifier=qualifier,
            )
        ]
    found = _calendar_date(span.text)
    if found is None:
        return []
    value, match_start, match_end = found
    return [
        _quantity(
            span,
            span.start_char + match_start,
            span.start_char + match_end,
            (math.nan, math.nan, math.nan),
            kind="date",
            what="date",
            date=value,
        )
    ]


def _calendar_date(text: str) -> tuple[str, int, int] | None:
    """TIMEX3-style value of the first date in a text, with its offsets."""
    for pattern in _CALENDAR:
        match = pattern.search(text)
        if match:
            groups = match.groupdict()
            month = f"{_MONTHS[groups['month'].lower().rstrip('.')]:02d}"
            year = groups.get("year") or "XXXX"
            if not groups.get("d1"):
                return f"{year}-{month}", match.start(), match.end()
            first = f"{year}-{month}-{int(groups['d1']):02d}"
            if groups.get("d2"):
                first += f"/{year}-{month}-{int(groups['d2']):02d}"
            return first, match.start(), match.end()
    match = _WEEKDAY.search(text)
    if match:
        return f"XXXX-WXX-{_WEEKDAYS[match.group('weekday').lower()]}", match.start(), match.end()
    match = _YEAR_ONLY.search(text)
    if match:
        year = match.group("year")
        return (year[:3] + "X" if match.group("decade") else year), match.start(), match.end()
    return None


def _number_words(text: str) -> str:
    """The number words and figures of a text, in order ("US$1.5 billion" -> "1.5 billion")."""
    tokens = _NUMBER_TOKEN.findall(re.sub(r"[^\w.,-]", " ", text.lower()))
    keep = [t for t in tokens if t[0].isdigit() or t in _WORD_VALUES]
    return " ".join(keep)


def _money(span: Span) -> list[Quantity]:
    qualifier, start, rest = _qualifier(span)
    lowered = rest.lower()
    currency = next((name for sign, name in _CURRENCIES.items() if sign in lowered), "")
    number = parse_number(_number_words(rest))
    if number is None or not currency:
        return []
    return [
        _quantity(
            span,
            start,
            span.end_char,
            number,
            kind="money",
            what=currency,
            qualifier=qualifier,
        )
    ]


def _percent(span: Span) -> list[Quantity]:
    qualifier, start, rest = _qualifier(span)
    match = re.match(r"(.+?)\s*(%|per\s*cent(?:age points?)?|percent(?:age points?)?)", rest, re.I)
    if not match:
        return []
    number = parse_number(match.group(1))
    if number is None:
        return []
    what = "percentage point" if "point" in match.group(2).lower() else "percent"
    return [
        _quantity(
            span,
            start,
            span.start_char + (len(span.text) - len(rest)) + match.end(),
            number,
            kind="percent",
            what=what,
            qualifier=qualifier,
        )
    ]


def _measure(span: Span) -> list[Quantity]:
    qualifier, start, rest = _qualifier(span)
    number = parse_number(_number_words(rest))
    unit = next(
        (t for t in reversed(list(span)) if t.is_alpha and t.lower_ not in _WORD_VALUES), None
    )
    if number is None or unit is None:
        return []
    return [
        _quantity(
            span,
            start,
            span.end_char,
            number,
            kind="measure",
            what=unit.lemma_.lower(),
            qualifier=qualifier,
        )
    ]


_HANDLERS = {
    "CARDINAL": _count,
    "ORDINAL": _ordinal,
    "DATE": _date,
    "MONEY": _money,
    "PERCENT": _percent,
    "QUANTITY": _measure,
}


def _date_parts(value: str) -> dict[str, tuple[int, int]]:
    """Known components of a TIMEX3-style date as ranges: year, month, day, weekday."""
    first, _, last = value.partition("/")
    last = last or first
    parts: dict[str, tuple[int, int]] = {}
    week = re.fullmatch(r"XXXX-WXX-(\d)", first)
    if week:
        return {"weekday": (int(week.group(1)), int(week.group(1)))}
    a, b = first.split("-"), last.split("-")
    if a[0] != "XXXX":
        low, high = (a[0].replace("X", "0"), b[0].replace("X", "9"))
        parts["year"] = (int(low), int(high))
    for index, name in ((1, "month"), (2, "day")):
        if len(a) > index:
            parts[name] = (int(a[index]), int(b[index]))
    return parts


def compare_quantities(a: Quantity, b: Quantity, *, tolerance: float = 0.1) -> str | None:
    """Whether two quantities agree.

    Quantities of different kind or ``what`` are not compared. Equal figures
    agree wherever they stand; a difference needs evidence that the two are
    about one fact. Two different ordinals never differ: "the fourth round"
    and "the fifth round" name two rounds, not two counts of one. A vague
    amount ("tens of thousands of dollars") never differs either: it agrees
    with the figures its range covers and is too loose to set against the
    others (in the labelled sets, both such pairs counted two things). A
    figure of a class one incident fixes (:data:`INCIDENT_CLASSES`: a story's
    dead, wounded or missing) is one fact by itself; arrests and displacement
    are counted over a story's days (one night's 46 arrests, another's one) and
    are compared as any other figure. Any other figure is about what it
    attaches to (``anchor``), so two figures differ
    only when they attach to the same word ("a 48-page indictment" / "the
    47-page indictment", not "59-year-old Raj Chohan" / "23-year-old
    Vishwanand Subryan") and share a content word near both: "$3.5 billion
    from the military construction budget" and "$3.6 billion from military
    construction projects" differ, "$2.5 billion from counternarcotics
    programs" and "$200 million from Homeland Security" are two facts. Dates
    need a shared context word besides the anchor: "agreed in May" and
    "agreed on June 4" differ, "the deal in May" and "a June 4 deadline" are
    two events; a date of a telling ("said Friday", "posted on September 18")
    never differs, two outlets' such dates are two statements.

    Args:
        a: A quantity.
        b: Another.
        tolerance: Relative widening for qualifiers (see :meth:`Quantity.bounds`).

    A qualifier allows for rounding: it widens a figure only toward a figure stated to a
    finer place that it rounds ("some 80" and 78 agree, "some 80" and "at least 72" differ,
    as do "at least 44" and 48: :func:`_rounds_to`).

    Returns:
        ``"agree"`` when the ranges the two allow overlap (dates: every
        component both give overlaps, so "May" agrees with "May 6"),
        ``"differ"`` when they do not and are about one fact, ``None``
        otherwise (also for dates that share no component, such as "2011" and
        "Wednesday", for different ordinals, for vague amounts that do not
        agree, and for figures attached to different words).
    """
    if a.kind != b.kind or not a.what or a.what != b.what:
        return None
    if INCREMENT in (a.scope, b.scope):
        return None  # "married two more times": added to a total it does not give
    if a.kind == "date":
        parts_a, parts_b = _date_parts(a.date), _date_parts(b.date)
        shared = parts_a.keys() & parts_b.keys()
        if not shared:
            return None
        agree = all(
            parts_a[k][0] <= parts_b[k][1] and parts_b[k][0] <= parts_a[k][1] for k in shared
        )
    else:
        agree = _overlap(a.bounds(tolerance), b.bounds(tolerance))
        if agree and not _overlap(a.bounds(0.0), b.bounds(0.0)):
            agree = _rounds_to(a, b)
    if agree:
        return "agree"
    if a.kind == "ordinal" or _vague(a) or _vague(b):
        return None
    if a.scope != b.scope:
        return None  # "43 RBIs in 54 games" is a part of the season's 121
    if "many" in (a.described, b.described) and a.described != b.described:
        return None  # "the seven-year offers" (rivals') are not "the eight-year offer"
    if a.what in INCIDENT_CLASSES:
        return "differ"
    if not a.anchor or a.anchor != b.anchor or a.anchor in _TELLING:
        return None
    context = set(a.context) & set(b.context)
    if a.kind == "date":
        context.discard(a.anchor)
    return "differ" if context else None


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    slack = 1e-9 * max(abs(a[1]), abs(b[1]), 1.0)
    return a[0] <= b[1] + slack and b[0] <= a[1] + slack


def _place(value: float) -> float:
    """The place of a figure's last significant digit: 10 for 320, 1 for 48, 0.1 for 1.5."""
    digits = f"{abs(value):.6f}".rstrip("0").rstrip(".")
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1])
    return 10.0 ** (len(digits) - len(digits.rstrip("0")))


def _rounds_to(a: Quantity, b: Quantity) -> bool:
    """Whether the rounder of two exact figures is the other, rounded the way its qualifier reads.

    A qualifier allows for rounding, so it widens a figure only toward a figure stated to a
    finer place that it rounds: "more than 1,400" is 1,429 rounded down, "nearly 50" is 48
    rounded up, "some 80" is 78 rounded, but "some 80" is not 72 (which rounds to 70), and two
    figures stated to the same place ("at least 44" and 48, "up to 1.6 million" and 1.5
    million) are two counts, however their qualifiers could be read to meet. Ranges and vague
    amounts keep the whole range their words and qualifiers allow.
    """
    if a.low != a.high or b.low != b.high or _vague(a) or _vague(b):
        return True
    coarse, fine = sorted((a, b), key=lambda q: _place(q.value), reverse=True)
    place = _place(coarse.value)
    if place == _place(fine.value):
        return False
    steps = fine.value / place
    direction = QUALIFIERS.get(coarse.qualifier)
    if direction == "over":
        rounded = math.floor(steps + 1e-9)
    elif direction == "under":
        rounded = math.ceil(steps - 1e-9)
    else:
        rounded = math.floor(steps + 0.5)
    return math.isclose(rounded * place, coarse.value)


#: Words that date the telling, not the fact: "a prosecutor said Friday", "posted on
#: September 18" (two outlets' dates for these are two statements, not one fact).
_TELLING = {"say", "tell", "announce", "add", "report", "state", "post", "publish", "update"}


def _vague(q: Quantity) -> bool:
    """Whether a quantity is a vague amount ("dozens", "tens of thousands")."""
    return any(word in _VAGUE for word in q.surface.lower().split())


def match_quantities(
    quantities_a: list[Quantity],
    quantities_b: list[Quantity],
    *,
    tolerance: float = 0.1,
    max_ratio: float | None = None,
) -> list[tuple[Quantity, Quantity, str]]:
    """Pair the quantities of two passages that count the same thing.

    A quantity that agrees with one on the other side is an agreement; only
    quantities with no agreeing counterpart are set against each other, so a
    passage that gives "Tuesday" and "Wednesday" does not disagree with one
    that gives "Wednesday".

    Args:
        quantities_a: Quantities of one passage.
        quantities_b: Quantities of the other.
        tolerance: See :func:`compare_quantities`.
        max_ratio: When given, figures further apart than this factor are
            taken to count different things and are not compared.

    Returns:
        ``(a, b, status)`` triples, ``status`` ``"agree"`` or ``"differ"``, in
        the order of ``quantities_a``.
    """
    verdicts = {
        (i, j): compare_quantities(a, b, tolerance=tolerance)
        if max_ratio is None or _within(a.value, b.value, max_ratio)
        else None
        for i, a in enumerate(quantities_a)
        for j, b in enumerate(quantities_b)
    }
    agreed_a = {i for (i, _), v in verdicts.items() if v == "agree"}
    agreed_b = {j for (_, j), v in verdicts.items() if v == "agree"}
    out = []
    for (i, j), verdict in verdicts.items():
        if verdict == "agree" or (verdict == "differ" and i not in agreed_a and j not in agreed_b):
            out.append((quantities_a[i], quantities_b[j], verdict))
    return out


def _within(a: float, b: float, factor: float) -> bool:
    return a > 0 and b > 0 and max(a, b) <= factor * min(a, b)


def _quantities_by_text(texts: Iterable[str], nlp: Language | None) -> dict[str, list[Quantity]]:
    unique = list(dict.fromkeys(texts))
    return {t: quantities_in_doc(d) for t, d in zip(unique, parse(unique, nlp=nlp), strict=True)}


def number_table(passages: pd.DataFrame, *, nlp: Language | None = None) -> pd.DataFrame:
    """Every quantity of every passage, for export.

    Args:
        passages: Passage table (``doc_id``, ``passage_id``, ``outlet``, ``text``).
        nlp: A loaded spaCy pipeline (the default one when ``None``).

    Returns:
        The quantity table described in the module docstring, in passage order.
    """
    found = _quantities_by_text(passages["text"], nlp)
    rows = []
    for row in passages.itertuples(index=False):
        for q in found[row.text]:
            fields = asdict(q)
            rows.append(
                {"doc_id": row.doc_id, "passage_id": row.passage_id, "outlet": row.outlet}
                | {c: fields[c] for c in TABLE_COLUMNS[3:-1]}
                | {"context": " ".join(q.context)}
            )
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    for column in ("value", "low", "high"):
        table[column] = table[column].astype(float)
    return table


def number_comparisons(
    alignments: pd.DataFrame,
    *,
    passages: pd.DataFrame | None = None,
    relations: Iterable[str] = SAME_FACT,
    tolerance: float = 0.1,
    max_ratio: float = 10.0,
    nlp: Language | None = None,
) -> pd.DataFrame:
    """Compare the numbers of passages that tell the same fact.

    Quantities are compared within every aligned pair whose relation is in
    ``relations`` (:func:`match_quantities`). With ``passages``, figures of an
    incident class (deaths, injured, missing; :data:`INCIDENT_CLASSES`) are also
    compared between any two passages of different outlets, aligned or not: a story's
    death toll is one fact wherever an outlet mentions it, and a toll given in
    passing in a paragraph about something else is seldom aligned with the
    paragraph that gives the other outlet's toll. Such figures are compared
    only when they are within ``max_ratio`` of each other: two outlets'
    tolls for one event seldom differ tenfold, while a story's tolls for
    different events (one attack, the whole war) usually do. An event-class
    figure that differs from its article's first figure of the class
    (:func:`background_figures`) is not compared at all, aligned or not, nor is any
    event-class figure of two articles that nothing but their tolls links
    (:func:`story_links`).

    Args:
        alignments: Alignment table (``doc_a``, ``passage_a``, ``outlet_a``,
            ``text_a``, the same for ``b``, and ``relation``).
        passages: Passage table, to compare incident-class figures across the
            corpus; ``None`` compares aligned pairs only.
        relations: Alignment relations whose pairs are compared.
        tolerance: Relative widening for qualifiers (see :meth:`Quantity.bounds`).
        max_ratio: Largest factor between two unaligned incident-class figures
            that are still compared.
        nlp: A loaded spaCy pipeline (the default one when ``None``).

    Returns:
        The comparison table described in the module docstring: aligned pairs
        in alignment order, then unaligned event-class pairs in passage order.
    """
    aligned = alignments[alignments["relation"].isin(list(relations))]
    texts = [*aligned["text_a"], *aligned["text_b"]]
    if passages is not None:
        texts += list(passages["text"])
    found = _quantities_by_text(texts, nlp)
    aside = set()
    if passages is not None:
        aside = background_figures(passages, found, tolerance=tolerance)
        aside |= split_decimals(passages, found)
    linked = story_links(
        aligned, found, () if passages is None else passages["doc_id"], relations=relations
    )
    direct = _direct_links(aligned, found)

    def story(doc_id: str, passage_id: int, text: str) -> list[Quantity]:
        return [q for q in found[text] if (doc_id, int(passage_id), q.start) not in aside]

    def one_story(doc_a: str, doc_b: str, quantity: Quantity) -> bool:
        return quantity.what not in EVENT_CLASSES or frozenset((doc_a, doc_b)) in linked

    rows = []
    seen = set()
    for pair in aligned.itertuples(index=False):
        key_a, key_b = (pair.doc_a, pair.passage_a), (pair.doc_b, pair.passage_b)
        seen |= {(key_a, key_b), (key_b, key_a)}
        side_a = PassageRef(*key_a, pair.outlet_a, pair.text_a)
        side_b = PassageRef(*key_b, pair.outlet_b, pair.text_b)
        for a, b, status in match_quantities(
            story(*key_a, pair.text_a), story(*key_b, pair.text_b), tolerance=tolerance
        ):
            if one_story(pair.doc_a, pair.doc_b, a):
                rows.append(_comparison_row(side_a, side_b, pair.relation, "aligned", a, b, status))
    if passages is not None:
        events = []
        for row in passages.itertuples(index=False):
            quantities = [
                q for q in story(row.doc_id, row.passage_id, row.text) if q.what in INCIDENT_CLASSES
            ]
            if quantities:
                events.append(
                    (PassageRef(row.doc_id, row.passage_id, row.outlet, row.text), quantities)
                )
        for i, (side_a, quantities_a) in enumerate(events):
            for side_b, quantities_b in events[i + 1 :]:
                key_a, key_b = (
                    (side_a.doc_id, side_a.passage_id),
                    (side_b.doc_id, side_b.passage_id),
                )
                if side_a.outlet == side_b.outlet or (key_a, key_b) in seen:
                    continue
                if frozenset((side_a.doc_id, side_b.doc_id)) not in linked:
                    continue
                docs = frozenset((side_a.doc_id, side_b.doc_id))
                link = "direct" if docs in direct else "through others"
                for a, b, status in match_quantities(
                    quantities_a, quantities_b, tolerance=tolerance, max_ratio=max_ratio
                ):
                    rows.append(_comparison_row(side_a, side_b, "unaligned", link, a, b, status))
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


def story_links(
    alignments: pd.DataFrame,
    found: dict[str, list[Quantity]],
    docs: Iterable[str] = (),
    *,
    relations: Iterable[str] = SAME_FACT,
) -> set[frozenset]:
    """The pairs of articles whose event-class figures may count one quantity.

    Two articles' tolls (deaths, injured...) are one quantity only when the articles report
    the same event, and a corpus of one day's news may hold several (a bombing, a rocket
    attack, an air strike). Passages that give a toll are aligned with each other for the
    toll's words alone ("At least 29 people were killed" with "8 persons killed 58 others
    injured"), so they are no evidence. Two articles tell one story when an aligned pair
    without an event-class figure on either side (a shared statement, place, actor or
    background) links them, directly or through other articles. An article with no such
    pair at all (a breaking-news item that is all toll) is taken to tell the story most
    articles tell, when one group of linked articles is larger than every other; when no
    two articles are linked, or two groups are equally large, it tells none.

    Args:
        alignments: Alignment table (``doc_a``, ``doc_b``, ``text_a``, ``text_b``,
            ``relation``).
        found: The quantities of each passage text.
        docs: Every article of the corpus (those in no aligned pair are alone).
        relations: Alignment relations that link two articles.

    Returns:
        Unordered pairs of ``doc_id`` (frozensets) of different articles.
    """

    aligned = alignments[alignments["relation"].isin(list(relations))]
    docs = [*docs, *aligned["doc_a"], *aligned["doc_b"]]
    docs = sorted(set(docs))
    group = {d: d for d in docs}

    def root(d: str) -> str:
        while group[d] != d:
            group[d] = group[group[d]]
            d = group[d]
        return d

    for pair in _direct_links(aligned, found):
        doc_a, doc_b = sorted(pair)
        group[root(doc_a)] = root(doc_b)
    members: dict[str, list[str]] = {}
    for d in docs:
        members.setdefault(root(d), []).append(d)
    sizes = sorted((len(m) for m in members.values()), reverse=True)
    if sizes and sizes[0] > 1 and (len(sizes) == 1 or sizes[0] > sizes[1]):
        main = next(r for r, m in members.items() if len(m) == sizes[0])
        for r, m in list(members.items()):
            if len(m) == 1 and r != main:
                members[main] += members.pop(r)
    return {
        frozenset((a, b)) for m in members.values() for i, a in enumerate(m) for b in m[i + 1 :]
    }


def split_decimals(
    passages: pd.DataFrame, found: dict[str, list[Quantity]]
) -> set[tuple[str, int, int]]:
    """Figures that are the decimals of a number a sentence split cut in two.

    Text tokenised before it was published ("A magnitude-6. 0 quake", "5. 9") is cut into
    sentences at the point: the next passage starts with the decimals, which read as a
    count of their own ("0 quake can cause severe damage" against another outlet's "A
    magnitude 6 quake can cause severe damage"). A passage's first figure is taken for
    such decimals when it is bare digits at the very start of the passage and the
    article's previous passage ends in a digit and a point.

    Args:
        passages: Passage table (``doc_id``, ``passage_id``, ``text``).
        found: The quantities of each passage text.

    Returns:
        ``(doc_id, passage_id, start)`` of each such figure.
    """
    split = set()
    ordered = passages.sort_values(["doc_id", "passage_id"], kind="stable")
    previous: dict[str, str] = {}
    for row in ordered.itertuples(index=False):
        before = previous.get(row.doc_id, "").rstrip()
        previous[row.doc_id] = row.text
        if not re.search(r"\d\.$", before):
            continue
        for q in found[row.text]:
            if q.start == 0 and q.surface.isdigit():
                split.add((row.doc_id, int(row.passage_id), q.start))
    return split


def background_figures(
    passages: pd.DataFrame, found: dict[str, list[Quantity]], *, tolerance: float = 0.1
) -> set[tuple[str, int, int]]:
    """The event-class figures that are not their article's figure for the story.

    An article on one event gives its toll first (headline or lede) and may repeat it; a
    later figure of the same class (:data:`EVENT_CLASSES`) that does not agree with the
    first (:func:`compare_quantities`) counts something else: another attack ("a suicide
    blast killed six ... in April"), the whole war, an earlier count the article itself
    updates ("the previous death toll was 20"), or a stray number of the page. A figure of
    another class that follows such a figure in its passage is set aside with it, even as
    the first of its class: "killed at least nine civilians and injured 200" counts the
    injured of the other event. A later figure within :data:`SOURCE_RATIO` of the first,
    given by a source ("the health authority said ... more than 50" after the monitor's
    58) and not told as an update ("rose to", "previous"), is kept: another source's count
    of the same toll (:func:`_another_count`).

    Args:
        passages: Passage table (``doc_id``, ``passage_id``, ``text``).
        found: The quantities of each passage text.
        tolerance: See :func:`compare_quantities`.

    Returns:
        ``(doc_id, passage_id, start)`` of each such later figure.
    """
    first: dict[tuple[str, str], Quantity] = {}
    aside = set()
    ordered = passages.sort_values(["doc_id", "passage_id"], kind="stable")
    for row in ordered.itertuples(index=False):
        other_event: set[str] = set()  # classes of the figures set aside so far
        for q in sorted(found[row.text], key=lambda q: q.start):
            if q.what not in EVENT_CLASSES:
                continue
            if other_event - {q.what}:
                # "killed at least nine civilians [another attack's] and injured 200": a
                # figure of another class after one set aside tells the same other event
                # (one of the same class is judged by itself: "2 medics among 31 dead")
                aside.add((row.doc_id, int(row.passage_id), q.start))
                continue
            lead = first.setdefault((row.doc_id, q.what), q)
            if lead is not q and compare_quantities(lead, q, tolerance=tolerance) != "agree":
                if _another_count(lead, q, row.text):
                    continue
                aside.add((row.doc_id, int(row.passage_id), q.start))
                other_event.add(q.what)
    return aside


#: Largest factor between an article's first toll and a later one of the same class that is
#: still read as another source's count of the same toll ("the Observatory said 58 ... the
#: health authority said more than 50"), not another event, the war's toll or an update.
SOURCE_RATIO = 1.5

#: Lemmas near a figure that give it a source ("said", "adding", "according to").
_SOURCED = _TELLING | {"accord", "estimate", "confirm"}

#: Words that date a toll as an update or an earlier count of it ("the previous death toll
#: was 20", "rose to 70", "up from 50"): the article's own two counts at two times.
_UPDATE_WORDS = re.compile(
    r"\b(?:previous(?:ly)?|earlier|initial(?:ly)?|first|rose|risen|rises|rising|climbed|"
    r"jumped|increased|up from|so far|updated?)\b",
    re.IGNORECASE,
)


def _another_count(lead: Quantity, later: Quantity, text: str) -> bool:
    """Whether a later toll that differs from its article's first is another source's count.

    Two sources' counts of one event's dead differ by tens of percent ("the Observatory
    said 58", "the health authority said more than 50"); another attack's toll, the war's
    or a count the article itself updates differ more, are told as an update ("the previous
    death toll was 20", "rose to 70"), or are not attributed at all ("more than a dozen
    people were killed by a quake in eastern China" in a story on Iran's). A vague amount
    ("dozens") gives no factor to judge by.
    """
    if _vague(lead) or _vague(later) or not _SOURCED & set(later.context):
        return False
    low, high = sorted((lead.value, later.value))
    if not low > 0 or high > SOURCE_RATIO * low:
        return False
    return not _UPDATE_WORDS.search(text)


def _direct_links(aligned: pd.DataFrame, found: dict[str, list[Quantity]]) -> set[frozenset]:
    """Pairs of articles that an aligned pair without an event-class figure joins directly.

    What :func:`story_links` joins into stories, and the ``link`` ``direct`` of a comparison.
    """

    def tolls(text: str) -> bool:
        return any(q.what in EVENT_CLASSES for q in found.get(text, ()))

    return {
        frozenset((pair.doc_a, pair.doc_b))
        for pair in aligned.itertuples(index=False)
        if pair.doc_a != pair.doc_b and not tolls(pair.text_a) and not tolls(pair.text_b)
    }


def _comparison_row(
    side_a: PassageRef,
    side_b: PassageRef,
    relation: str,
    link: str,
    a: Quantity,
    b: Quantity,
    status: str,
) -> dict:
    ratio = b.value / a.value if a.value and not math.isnan(a.value) else math.nan
    row = {
        "doc_a": side_a.doc_id,
        "passage_a": side_a.passage_id,
        "outlet_a": side_a.outlet,
        "doc_b": side_b.doc_id,
        "passage_b": side_b.passage_id,
        "outlet_b": side_b.outlet,
        "relation": relation,
        "link": link,
        "kind": a.kind,
        "what": a.what,
        "ratio": ratio,
        "status": status,
        "text_a": side_a.text,
        "text_b": side_b.text,
    }
    for suffix, q in (("a", a), ("b", b)):
        for field in ("value", "surface", "qualifier", "date", "start", "end"):
            row[f"{field}_{suffix}"] = getattr(q, field)
    return row


def number_disagreements(
    alignments: pd.DataFrame,
    *,
    passages: pd.DataFrame | None = None,
    relations: Iterable[str] = SAME_FACT,
    tolerance: float = 0.1,
    max_ratio: float = 10.0,
    nlp: Language | None = None,
) -> pd.DataFrame:
    """Where outlets give different numbers for the same fact.

    The ``differ`` rows of :func:`number_comparisons` (same arguments), without
    the ``status`` column.

    Returns:
        Comparison rows whose quantities disagree.
    """
    comparisons = number_comparisons(
        alignments,
        passages=passages,
        relations=relations,
        tolerance=tolerance,
        max_ratio=max_ratio,
        nlp=nlp,
    )
    differ = comparisons[comparisons["status"] == "differ"]
    return differ.drop(columns="status").reset_index(drop=True)


#: Counted nouns that say only that people are counted: outside an incident class
#: (:data:`INCIDENT_CLASSES`) such a count is the size of a crowd or group, and a story has
#: many (the marchers, the mob that split off from them, the vigil), which "a group of ...
#: people" does not tell apart.
CROWD_NOUNS = frozenset({"people", "person"})


def disagreement_findings(disagreements: pd.DataFrame) -> pd.DataFrame:
    """Group pairwise disagreements into findings: one per quantity, with every outlet's figure.

    Two rows belong to one finding when they share a figure (the same passage and offset)
    and count the same thing (``kind`` and ``what``): the death toll that three outlets
    give as 320,000 and one as close to half a million is three rows and one finding.

    A finding is stated (``status`` ``differ``) when at least one of its pairs is between
    passages aligned as the same fact, or when every pair of its articles shares a
    statement without a toll (``link`` ``direct``); otherwise it is a ``candidate``.
    Unaligned tolls are compared because the articles are taken to report one event
    (:func:`story_links`), and that link may run through other articles, or be assumed for
    an article that is all toll: a corpus of one day's news from one place may hold
    several incidents that such a chain joins (an air raid's 19 dead, a report's 69 mine
    victims and a rocket attack's three, audit round 2). When no passage that gives one
    outlet's figure reads as the same fact as another's, and two of the articles share
    nothing directly, nothing but the class of the figure says they count one quantity. A
    finding that counts people by no other noun than "people" outside an incident class (a
    crowd's or a group's size) is a candidate too, aligned or not: "a group of about 130
    people were marching" and "a group of at least three dozen people rampaged" were two
    groups of one night.

    Args:
        disagreements: Table from :func:`number_disagreements` (any number of events).

    Returns:
        The same rows with first columns ``finding`` (``N01``, ``N02``... stated findings
        first, then candidates, each in order of first row; counts before dates, as the
        rows come) and ``status``, rows of one finding together.
    """
    columns = [
        "finding",
        "status",
        *[c for c in disagreements.columns if c not in ("finding", "status")],
    ]
    if disagreements.empty:
        return disagreements.assign(finding=pd.Series(dtype=str), status=pd.Series(dtype=str))[
            columns
        ]
    parent: dict[tuple, tuple] = {}

    def find(node: tuple) -> tuple:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    sides = []
    for row in disagreements.itertuples(index=False):
        key = (row.kind, row.what)
        a = (*key, row.doc_a, int(row.passage_a), int(row.start_a))
        b = (*key, row.doc_b, int(row.passage_b), int(row.start_b))
        parent[find(b)] = find(a)
        sides.append(a)
    roots = [find(a) for a in sides]
    links = disagreements["link"] if "link" in disagreements else ["through others"] * len(roots)
    aligned = {
        r for r, rel in zip(roots, disagreements["relation"], strict=True) if rel in SAME_FACT
    }
    loose = {r for r, link in zip(roots, links, strict=True) if link == "through others"}
    crowds = {r for r in roots if r[1] in CROWD_NOUNS}
    stated = (aligned | (set(roots) - loose)) - crowds
    first = list(dict.fromkeys(roots))
    ordered = [r for r in first if r in stated] + [r for r in first if r not in stated]
    number = {root: i for i, root in enumerate(ordered, start=1)}
    width = max(2, len(str(len(number))))
    found = disagreements.assign(
        finding=[f"N{number[r]:0{width}d}" for r in roots],
        status=[STATED if r in stated else CANDIDATE for r in roots],
        _order=[number[r] for r in roots],
    )
    return found.sort_values("_order", kind="stable")[columns].reset_index(drop=True)
