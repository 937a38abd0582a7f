"""Score an alignment against hand-labelled facts.

Gold files do not depend on how text is segmented: a fact is a list of short
verbatim snippets, one or more per article (format and labelling rule in
``data/gold/README.md``). Each snippet is located in the article's cleaned
text and mapped to whichever passage(s) contain it under the run's
segmentation; every two passages of different outlets that share a fact form
a gold pair, except a headline with a body passage: headlines are compared
only with headlines, by the suite and by the labelling rule.

Predicted pairs are the alignments labelled ``reuse`` or ``paraphrase`` (the
suite's "same fact" decisions). Two scores are reported, as sentence aligners
such as vecalign and bertalign do:

* **strict**: a predicted pair is right only if it is a gold pair;
* **lax**: a predicted pair is right if a gold pair of the same two articles
  lies within one passage of it on each side, and a gold pair is found if a
  predicted pair lies that close (tolerates a fact attributed to the
  neighbouring sentence).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from narrative.cleaning import CleanDocument, normalise_line
from narrative.corpus import CorpusError
from narrative.coverage import is_claimed
from narrative.numbers import stated_findings
from narrative.units import stated_units
from narrative.vocab import SAME_FACT

GOLD_COLUMNS = ("fact_id", "doc_id", "snippet")

Pair = tuple[str, int, str, int]


@dataclass
class Scores:
    """Precision, recall and F1 with the counts behind them."""

    precision: float
    recall: float
    f1: float
    correct_predicted: int
    predicted: int
    found_gold: int
    gold: int


@dataclass
class Evaluation:
    """Strict and lax scores of one alignment against one gold file."""

    strict: Scores
    lax: Scores
    false_positives: list[Pair] = field(default_factory=list)
    false_negatives: list[Pair] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    by_fact: pd.DataFrame = field(default_factory=pd.DataFrame)


def read_gold(path: str | Path) -> pd.DataFrame:
    """Read a gold file.

    A researcher's decisions file (:mod:`narrative.review`) is a gold file
    too: each confirmed pair is a fact of two rows, and the rejected pairs,
    the known negatives, ride along in the table's ``attrs["negatives"]``
    (same columns) for :func:`evaluate_alignment`.

    Args:
        path: CSV with columns ``fact_id``, ``doc_id``, ``snippet`` (and
            optionally ``note``), or a decisions file.

    Returns:
        The rows as a table.

    Raises:
        CorpusError: When the file is missing or lacks a column.
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"gold file not found: {path}")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        columns = reader.fieldnames or []
    if "decision" in columns:
        if not rows:
            raise CorpusError(f"{path}: a decisions file with no decision yet")
        from narrative.review import gold_from_decisions, read_decisions

        gold, negatives = gold_from_decisions(read_decisions(path))
        gold.attrs["negatives"] = negatives
        return gold
    missing = [c for c in GOLD_COLUMNS if c not in columns]
    if missing:
        raise CorpusError(f"{path}: needs columns {', '.join(GOLD_COLUMNS)}")
    if not rows:
        raise CorpusError(f"{path}: no gold rows")
    return pd.DataFrame(rows)


def locate(
    gold: pd.DataFrame, cleaned: list[CleanDocument], passages: pd.DataFrame
) -> tuple[pd.DataFrame, list[str]]:
    """Map each gold snippet to the passage(s) that contain it.

    Args:
        gold: Gold rows.
        cleaned: The run's cleaned documents.
        passages: The run's passage table.

    Returns:
        ``(located, warnings)``: one row per (fact, doc, passage), with the
        passage's ``kind``, and a line for each snippet that could not be found.
    """
    texts = {c.doc_id: c.text for c in cleaned}
    spans = {
        doc: list(
            zip(group["passage_id"], group["start"], group["end"], group["kind"], strict=True)
        )
        for doc, group in passages.groupby("doc_id")
    }
    rows, warnings = [], []
    for row in gold.itertuples(index=False):
        text = texts.get(row.doc_id)
        if text is None:
            warnings.append(f"gold {row.fact_id}: no document {row.doc_id!r} in the corpus")
            continue
        snippet = normalise_line(row.snippet)
        at = text.find(snippet)
        if at < 0:
            at = text.lower().find(snippet.lower())
        if at < 0:
            warnings.append(
                f"gold {row.fact_id}: snippet not in the cleaned text of {row.doc_id}: "
                f"{snippet[:60]!r}"
            )
            continue
        end = at + len(snippet)
        for passage_id, start, stop, kind in spans.get(row.doc_id, []):
            if start < end and at < stop:
                rows.append((row.fact_id, row.doc_id, int(passage_id), kind))
    located = pd.DataFrame(
        rows, columns=["fact_id", "doc_id", "passage_id", "kind"]
    ).drop_duplicates()
    return located, warnings


def gold_pairs(located: pd.DataFrame, outlet_of: dict[str, str], order: list[str]) -> set[Pair]:
    """Every pair of passages of different outlets that share a fact.

    A headline pairs only with a headline (a ``kind`` column, as :func:`locate`
    gives, says which passages are headlines; without it every passage is
    taken for a body passage).
    """
    rank = {d: i for i, d in enumerate(order)}
    pairs: set[Pair] = set()
    for _, group in located.groupby("fact_id"):
        kinds = group["kind"] if "kind" in group else pd.Series("body", index=group.index)
        headline = kinds.eq("headline")
        members = list(zip(group["doc_id"], group["passage_id"], headline, strict=True))
        for i, (da, pa, ha) in enumerate(members):
            for db, pb, hb in members[i + 1 :]:
                if outlet_of[da] == outlet_of[db] or ha != hb:
                    continue
                pairs.add(_ordered(da, pa, db, pb, rank))
    return pairs


def fact_recall(
    located: pd.DataFrame,
    predicted: set[Pair],
    outlet_of: dict[str, str],
    order: list[str],
    notes: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Strict recall fact by fact: which facts the alignment finds, and which it misses.

    A pair that carries two facts counts for both.

    Args:
        located: Located gold rows (see :func:`locate`).
        predicted: Predicted pairs.
        outlet_of: Outlet of each document.
        order: Documents in corpus order.
        notes: A note per fact, shown beside it.

    Returns:
        One row per fact with a gold pair, in gold order: ``fact_id``,
        ``note``, ``articles`` (that carry it), ``gold`` (pairs), ``found``
        and ``recall``.
    """
    notes = notes or {}
    rows = []
    for fact_id, group in located.groupby("fact_id", sort=False):
        expected = gold_pairs(group, outlet_of, order)
        if not expected:
            continue
        found = len(expected & predicted)
        rows.append(
            {
                "fact_id": fact_id,
                "note": notes.get(fact_id, ""),
                "articles": group["doc_id"].nunique(),
                "gold": len(expected),
                "found": found,
                "recall": round(found / len(expected), 3),
            }
        )
    return pd.DataFrame(rows, columns=["fact_id", "note", "articles", "gold", "found", "recall"])


def _ordered(da: str, pa: int, db: str, pb: int, rank: dict[str, int]) -> Pair:
    return (da, int(pa), db, int(pb)) if rank[da] <= rank[db] else (db, int(pb), da, int(pa))


def predicted_pairs(alignments: pd.DataFrame, order: list[str]) -> set[Pair]:
    """The alignments labelled as the same fact, as ordered pairs."""
    rank = {d: i for i, d in enumerate(order)}
    kept = alignments[alignments["relation"].isin(SAME_FACT)]
    return {
        _ordered(r.doc_a, r.passage_a, r.doc_b, r.passage_b, rank)
        for r in kept.itertuples(index=False)
    }


def _near(pair: Pair, others: set[Pair], by_docs: dict[tuple[str, str], list[Pair]]) -> bool:
    if pair in others:
        return True
    return any(
        abs(pair[1] - o[1]) <= 1 and abs(pair[3] - o[3]) <= 1
        for o in by_docs.get((pair[0], pair[2]), [])
    )


def score(predicted: set[Pair], gold: set[Pair], *, lax: bool = False) -> Scores:
    """Precision, recall and F1 of predicted pairs against gold pairs.

    Args:
        predicted: Predicted pairs.
        gold: Gold pairs.
        lax: Allow one passage of slack on each side (see module docstring).

    Returns:
        The scores; precision is 0 when nothing is predicted.
    """
    if lax:

        def index(pairs: set[Pair]) -> dict[tuple[str, str], list[Pair]]:
            out: dict[tuple[str, str], list[Pair]] = {}
            for p in pairs:
                out.setdefault((p[0], p[2]), []).append(p)
            return out

        gold_index, predicted_index = index(gold), index(predicted)
        right = sum(_near(p, gold, gold_index) for p in predicted)
        found = sum(_near(g, predicted, predicted_index) for g in gold)
    else:
        right = found = len(predicted & gold)
    precision = right / len(predicted) if predicted else 0.0
    recall = found / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, right, len(predicted), found, len(gold))


def evaluate_alignment(
    alignments: pd.DataFrame,
    passages: pd.DataFrame,
    cleaned: list[CleanDocument],
    gold: pd.DataFrame,
) -> Evaluation:
    """Score an alignment table against gold facts.

    Args:
        alignments: Alignment table.
        passages: Passage table of the same run.
        cleaned: Cleaned documents of the same run.
        gold: Gold rows (see :func:`read_gold`).

    Returns:
        Strict and lax scores, the strict errors, snippet warnings, and the
        strict recall of each fact (:func:`fact_recall`). When ``gold`` is a
        decisions file (its ``attrs["negatives"]``, see :func:`read_gold`),
        only decided pairs count: a predicted pair is right when confirmed,
        wrong when rejected, and not scored when nobody decided it.
    """
    order = list(dict.fromkeys(passages["doc_id"]))
    outlet_of = dict(zip(passages["doc_id"], passages["outlet"], strict=False))
    located, warnings = locate(gold, cleaned, passages)
    expected = gold_pairs(located, outlet_of, order)
    gold_docs = set(located["doc_id"])
    found = {
        p for p in predicted_pairs(alignments, order) if p[0] in gold_docs and p[2] in gold_docs
    }
    negatives = gold.attrs.get("negatives")
    if negatives is not None:
        wrong, more = locate(negatives, cleaned, passages)
        warnings = warnings + more
        rank = {d: i for i, d in enumerate(order)}
        rejected = set()
        for _, group in wrong.groupby("fact_id"):
            sides = group.drop_duplicates("doc_id")
            if len(sides) == 2:
                (da, pa), (db, pb) = zip(sides["doc_id"], sides["passage_id"], strict=True)
                rejected.add(_ordered(da, pa, db, pb, rank))
        found = {p for p in found if p in expected or p in rejected}
    notes = {}
    if "note" in gold:
        for fact_id, note in zip(gold["fact_id"], gold["note"].fillna(""), strict=True):
            if note and fact_id not in notes:
                notes[fact_id] = note
    return Evaluation(
        strict=score(found, expected),
        lax=score(found, expected, lax=True),
        false_positives=sorted(found - expected),
        false_negatives=sorted(expected - found),
        warnings=warnings,
        by_fact=fact_recall(located, found, outlet_of, order, notes),
    )


# --- Claims -------------------------------------------------------------------------------

#: The claim types a report makes, in the order the claims table lists them.
CLAIM_TYPES = ("outlet-only", "leaves out", "story unit", "prominence", "figures differ")

#: Columns of a figure gold file (see ``data/gold/README.md``).
FIGURE_GOLD_COLUMNS = ("doc_a", "surface_a", "snippet_a", "doc_b", "surface_b", "snippet_b", "same")

Passage = tuple[str, int]


@dataclass
class ClaimCheck:
    """One claim type checked against gold: each claim right or wrong, each true claim kept or not.

    Attributes:
        claim: The claim type (one of :data:`CLAIM_TYPES`).
        right: One entry per claim the report makes: whether the gold bears it out.
        kept: One entry per claim the gold makes true: whether the report makes it.
        examples: A short description of every wrong claim, for reading.
        labelled: False when the gold cannot judge this claim type (no figure labels).
    """

    claim: str
    right: list[bool]
    kept: list[bool]
    examples: list[str] = field(default_factory=list)
    labelled: bool = True

    @property
    def made(self) -> int:
        """Claims made."""
        return len(self.right)

    @property
    def precision(self) -> float:
        """Share of the claims made that the gold bears out (nan when none is made)."""
        return sum(self.right) / len(self.right) if self.right else float("nan")

    @property
    def recall(self) -> float:
        """Share of the true claims that are made (nan when the gold has none)."""
        return sum(self.kept) / len(self.kept) if self.kept else float("nan")


class GoldFacts:
    """The located gold facts of one corpus, indexed for checking claims.

    Args:
        located: Located gold rows (:func:`locate`).
        passages: The run's passage table (outlet, kind, placement of each passage).
    """

    def __init__(self, located: pd.DataFrame, passages: pd.DataFrame) -> None:
        self.outlet_of = dict(zip(passages["doc_id"], passages["outlet"], strict=False))
        self.docs = set(located["doc_id"])
        self.of: dict[Passage, set[str]] = {}
        self.passages_of: dict[str, set[Passage]] = {}
        for row in located.itertuples(index=False):
            key = (row.doc_id, int(row.passage_id))
            self.of.setdefault(key, set()).add(row.fact_id)
            self.passages_of.setdefault(row.fact_id, set()).add(key)
        self.outlets_of = {
            fact: {self.outlet_of[d] for d, _ in members}
            for fact, members in self.passages_of.items()
        }

    def facts(self, passage: Passage) -> set[str]:
        """The gold facts a passage carries."""
        return self.of.get((passage[0], int(passage[1])), set())

    def shared(self, passage: Passage) -> set[str]:
        """The passage's gold facts that another outlet also carries."""
        outlet = self.outlet_of[passage[0]]
        return {f for f in self.facts(passage) if self.outlets_of[f] - {outlet}}

    def core(self, members: list[Passage]) -> set[str]:
        """Gold facts every one of the passages carries."""
        sets = [self.facts(m) for m in members]
        return set.intersection(*sets) if sets else set()

    def majority(self, members: list[Passage]) -> set[str]:
        """Gold facts carried by at least half of the passages."""
        counts: dict[str, int] = {}
        for m in members:
            for f in self.facts(m):
                counts[f] = counts.get(f, 0) + 1
        return {f for f, n in counts.items() if 2 * n >= len(members)}


def _members(table: pd.DataFrame, key: str) -> dict[str, list[Passage]]:
    out: dict[str, list[Passage]] = {}
    for row in table.itertuples(index=False):
        out.setdefault(getattr(row, key), []).append((row.doc_id, int(row.passage_id)))
    return out


def check_outlet_only(
    exclusive: pd.DataFrame, gold: GoldFacts, passages: pd.DataFrame
) -> ClaimCheck:
    """Check "only this outlet reports": wrong when the gold puts the fact in another outlet.

    Args:
        exclusive: Outlet-only facts (:func:`narrative.coverage.exclusives`), one row per passage.
        gold: The gold facts.
        passages: Passage table; its standfirst and body passages in gold documents are the
            candidates for true outlet-only facts (a passage that carries no fact another
            outlet carries).
    """
    claims = {
        fact: members
        for fact, members in _members(exclusive, "fact_id").items()
        if all(d in gold.docs for d, _ in members)
    }
    right, examples = [], []
    claimed: set[Passage] = set()
    for fact, members in claims.items():
        ok = not any(gold.shared(m) for m in members)
        right.append(ok)
        claimed.update(members)
        if not ok:
            facts = sorted(set().union(*(gold.shared(m) for m in members)))
            examples.append(f"{fact} is gold {', '.join(facts)}, also in another outlet")
    candidates = passages[passages["kind"] != "headline"]
    kept = [
        (row.doc_id, int(row.passage_id)) in claimed
        for row in candidates.itertuples(index=False)
        if row.doc_id in gold.docs and not gold.shared((row.doc_id, int(row.passage_id)))
    ]
    return ClaimCheck("outlet-only", right, kept, examples)


def check_omissions(
    omitted: pd.DataFrame,
    facts: pd.DataFrame,
    gold: GoldFacts,
    event_of: dict[str, str],
    *,
    majority: float = 0.5,
    published: dict[str, str] | None = None,
) -> ClaimCheck:
    """Check "most outlets report F, this one leaves it out": wrong when the outlet carries F.

    F is read as the gold facts at least half of its passages carry; the claim is right when
    that set is not empty and the outlet's articles carry none of them. True omissions are
    (outlet, gold fact) where the outlet has an article in the fact's event, carries no
    passage of it, and more than ``majority`` of the event's other outlets do, unless (with
    ``published``) all its articles came out before the first article carrying the fact.
    """
    from narrative.coverage import published_before

    published = published or {}
    members = _members(facts, "fact_id")
    right, examples, found = [], [], set()
    for row in omitted.itertuples(index=False):
        passages_of_fact = members.get(row.fact_id, [])
        if not all(d in gold.docs for d, _ in passages_of_fact):
            continue
        meaning = gold.majority(passages_of_fact)
        carried = {f for f in meaning if row.outlet in gold.outlets_of[f]}
        ok = bool(meaning) and not carried
        right.append(ok)
        if ok:
            found |= {(row.outlet, f) for f in meaning}
        else:
            why = f"it carries {', '.join(sorted(carried))}" if carried else "no gold fact"
            examples.append(f"{row.outlet} leaves out {row.fact_id}: {why}")
    outlets_in: dict[str, set[str]] = {}
    for doc in gold.docs:
        outlets_in.setdefault(event_of.get(doc, ""), set()).add(gold.outlet_of[doc])
    kept = []
    for fact, members_of in gold.passages_of.items():
        event = event_of.get(next(iter(members_of))[0], "")
        carriers = gold.outlets_of[fact]
        first = min((published.get(d, "") for d, _ in members_of), default="")
        for outlet in outlets_in.get(event, set()) - carriers:
            others = len(outlets_in[event]) - 1
            own = [
                published.get(d, "")
                for d in gold.docs
                if gold.outlet_of[d] == outlet and event_of.get(d, "") == event
            ]
            if own and all(published_before(date, first) for date in own):
                continue
            if len(carriers) > majority * others:
                kept.append((outlet, fact) in found)
    return ClaimCheck("leaves out", right, kept, examples)


def check_units(units: pd.DataFrame, gold: GoldFacts) -> ClaimCheck:
    """A story unit is right when one gold fact is carried by every one of its passages.

    The claims are the units the page states as one fact (``status`` ``one fact``,
    :func:`narrative.units.unit_status`); candidates are shown as such and claim nothing.
    """
    right, examples, found = [], [], set()
    for unit, members in _members(stated_units(units), "unit_id").items():
        if not all(d in gold.docs for d, _ in members):
            continue
        core = gold.core(members)
        right.append(bool(core))
        found |= core
        if not core:
            examples.append(f"{unit} mixes facts: {[sorted(gold.facts(m)) for m in members]}")
    kept = [f in found for f, outlets in gold.outlets_of.items() if len(outlets) > 1]
    return ClaimCheck("story unit", right, kept, examples)


def unit_detail(units: pd.DataFrame, gold: GoldFacts) -> dict[str, float]:
    """What the story-unit recall of :func:`check_units` does not show.

    :func:`check_units` counts a shared fact found when it is in the *core* of a pure
    unit, the facts every passage of the unit carries. That neither asks how many of
    the fact's outlets the unit holds nor whether the fact is split over several
    units, and it rises when a member that carries the unit's fact but not a second
    fact of the other passages is dropped (the core grows). These counts show it.

    Args:
        units: Unit table.
        gold: Located gold facts.

    Returns:
        ``units`` (wholly inside the gold's documents), ``pure`` (one gold fact in every
        passage), ``shared`` (gold facts of two or more outlets), ``found`` (shared facts in
        the core of a pure unit: the recall of :func:`check_units` is ``found / shared``),
        ``within`` (shared facts that passages of two or more outlets of one pure unit
        carry, in its core or not), ``split`` (shared facts in the core of two or more
        pure units) and ``outlet_recall`` (over the shared facts, the mean share of a
        fact's outlets that the pure unit holding the most of them has; 0 for a fact
        no pure unit holds; nan when there is no shared fact).
    """
    members = {
        unit: passages
        for unit, passages in _members(units, "unit_id").items()
        if all(d in gold.docs for d, _ in passages)
    }
    pure = [(passages, gold.core(passages)) for passages in members.values()]
    pure = [(passages, core) for passages, core in pure if core]
    shared = [f for f, outlets in gold.outlets_of.items() if len(outlets) > 1]
    within, shares, split = set(), [], 0
    for passages, _ in pure:
        outlets: dict[str, set[str]] = {}
        for m in passages:
            for f in gold.facts(m):
                outlets.setdefault(f, set()).add(gold.outlet_of[m[0]])
        within |= {f for f, o in outlets.items() if len(o) > 1}
    for fact in shared:
        holding = [passages for passages, core in pure if fact in core]
        split += len(holding) > 1
        best = max((len({gold.outlet_of[d] for d, _ in p}) for p in holding), default=0)
        shares.append(best / len(gold.outlets_of[fact]))
    return {
        "units": len(members),
        "pure": len(pure),
        "shared": len(shared),
        "found": sum(any(f in core for _, core in pure) for f in shared),
        "within": len(within & set(shared)),
        "split": split,
        "outlet_recall": round(float(np.mean(shares)), 2) if shares else float("nan"),
    }


def check_prominence(
    gaps: pd.DataFrame,
    gold: GoldFacts,
    passages: pd.DataFrame,
    *,
    top: tuple[str, ...] = ("headline", "standfirst", "lede"),
    buried: tuple[str, ...] = ("second half",),
) -> ClaimCheck:
    """Check "X puts F on top, Y buries it": right when both passages carry one gold fact and
    Y carries that fact nowhere higher up than the buried band."""
    from narrative.coverage import BANDS, placement_bands

    band = dict(
        zip(
            zip(passages["doc_id"], passages["passage_id"].astype(int), strict=True),
            placement_bands(passages),
            strict=True,
        )
    )
    best: dict[tuple[str, str], str] = {}
    for fact, members in gold.passages_of.items():
        for m in members:
            key = (fact, gold.outlet_of[m[0]])
            if key not in best or BANDS.index(band[m]) < BANDS.index(best[key]):
                best[key] = band[m]
    right, examples, found = [], [], set()
    for row in gaps[is_claimed(gaps)].itertuples(index=False):
        high = (row.doc_id_top, int(row.passage_id_top))
        low = (row.doc_id_buried, int(row.passage_id_buried))
        if high[0] not in gold.docs or low[0] not in gold.docs:
            continue
        shared = {
            f
            for f in gold.facts(high) & gold.facts(low)
            if best.get((f, row.outlet_buried)) in buried
        }
        right.append(bool(shared))
        found |= {(f, row.outlet_top, row.outlet_buried) for f in shared}
        if not shared:
            examples.append(f"{row.fact_id}: {row.outlet_top} {high} / {row.outlet_buried} {low}")
    kept = []
    for fact, outlets in gold.outlets_of.items():
        for high in outlets:
            for low in outlets - {high}:
                if best[(fact, high)] in top and best[(fact, low)] in buried:
                    kept.append((fact, high, low) in found)
    return ClaimCheck("prominence", right, kept, examples)


def read_figure_gold(path: str | Path) -> pd.DataFrame:
    """Read a figure gold file: pairs of figures labelled as the same quantity or not.

    Args:
        path: CSV with the columns of :data:`FIGURE_GOLD_COLUMNS` (``same`` is ``yes`` when
            both figures count the same quantity of the same thing, else ``no``).

    Raises:
        CorpusError: When the file lacks a column.
    """
    with Path(path).open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    missing = [c for c in FIGURE_GOLD_COLUMNS if rows and c not in rows[0]]
    if missing:
        raise CorpusError(f"{path}: needs columns {', '.join(FIGURE_GOLD_COLUMNS)}")
    return pd.DataFrame(rows, columns=[*FIGURE_GOLD_COLUMNS, "note"])


def bare_figure(surface: str) -> str:
    """A figure as written, lower-cased and without a leading qualifier ("Over 20" -> "20").

    Labels are written by reading the text, the suite's surfaces by its parser, which does
    not always take a qualifier in ("dead over 100 injured"): the figure is the same.
    """
    from narrative.numbers import QUALIFIERS

    text = " ".join(surface.lower().split())
    for qualifier in sorted(QUALIFIERS, key=len, reverse=True):
        if text.startswith(qualifier + " "):
            return text[len(qualifier) + 1 :]
    return text


def figure_label(row: tuple, labels: pd.DataFrame) -> str | None:
    """The label (``yes``/``no``) of a disagreement row, either way round; None if unlabelled.

    A label names a row's figure when the article, the figure (:func:`bare_figure`) and the
    snippet (inside the row's passage) all match.
    """
    for label in labels.itertuples(index=False):
        for s, o in (("a", "b"), ("b", "a")):
            if (
                label.doc_a == getattr(row, f"doc_{s}")
                and bare_figure(label.surface_a) == bare_figure(getattr(row, f"surface_{s}"))
                and label.snippet_a in getattr(row, f"text_{s}")
                and label.doc_b == getattr(row, f"doc_{o}")
                and bare_figure(label.surface_b) == bare_figure(getattr(row, f"surface_{o}"))
                and label.snippet_b in getattr(row, f"text_{o}")
            ):
                return label.same.strip().lower()
    return None


def check_figures(disagreements: pd.DataFrame, labels: pd.DataFrame | None) -> ClaimCheck:
    """Check "figures differ": one finding per ``finding`` (or per row without that column),
    right when every pair of figures in it is labelled the same quantity of the same thing.

    Recall is pooled, as in TREC: the true disagreements are the pairs labelled ``yes``
    (every pair any version of the suite listed was labelled), kept when a finding lists them.
    Only stated findings are claims: rows whose ``status`` is ``candidate``
    (:func:`narrative.numbers.disagreement_findings`) are left out.
    """
    disagreements = disagreements[stated_findings(disagreements)]
    if labels is None:
        findings = (
            disagreements["finding"].nunique() if "finding" in disagreements else len(disagreements)
        )
        return ClaimCheck("figures differ", [False] * findings, [], labelled=False)
    if "finding" not in disagreements:
        disagreements = disagreements.assign(finding=range(len(disagreements)))
    right, examples, listed = [], [], []
    for finding, group in disagreements.groupby("finding", sort=False):
        verdicts = [figure_label(r, labels) for r in group.itertuples(index=False)]
        right.append(all(v == "yes" for v in verdicts))
        for r, v in zip(group.itertuples(index=False), verdicts, strict=True):
            listed.append((r.doc_a, r.surface_a, r.text_a, r.doc_b, r.surface_b, r.text_b))
            if v != "yes":
                examples.append(
                    f"{finding}: {r.outlet_a} {r.surface_a!r} / {r.outlet_b} {r.surface_b!r}"
                    f" ({v or 'unlabelled'})"
                )
    listed_frame = pd.DataFrame(
        listed, columns=["doc_a", "surface_a", "text_a", "doc_b", "surface_b", "text_b"]
    )
    kept = []
    for label in labels[labels["same"].str.strip().str.lower() == "yes"].itertuples(index=False):
        one = pd.DataFrame(
            [
                [
                    label.doc_a,
                    label.surface_a,
                    label.snippet_a,
                    label.doc_b,
                    label.surface_b,
                    label.snippet_b,
                    "yes",
                    "",
                ]
            ],
            columns=[*FIGURE_GOLD_COLUMNS, "note"],
        )
        kept.append(any(figure_label(r, one) for r in listed_frame.itertuples(index=False)))
    return ClaimCheck("figures differ", right, kept, examples)


def figure_gold_for(gold: str | Path) -> pd.DataFrame | None:
    """The figure labels that go with a gold file: ``figures/<name>.csv`` beside it, if any."""
    path = Path(gold).parent / "figures" / Path(gold).name
    return read_figure_gold(path) if path.is_file() else None


def check_claims(
    result, gold: pd.DataFrame, figures: pd.DataFrame | None = None
) -> tuple[list[ClaimCheck], list[str]]:
    """Check every claim type the report makes against gold facts (and figure labels).

    Args:
        result: A :class:`narrative.pipeline.Result`.
        gold: Gold rows (:func:`read_gold`).
        figures: Figure labels (:func:`read_figure_gold`), or ``None``.

    Returns:
        ``(checks, warnings)``: one :class:`ClaimCheck` per claim type (:data:`CLAIM_TYPES`
        order) and a line for each snippet that could not be located. Only claims wholly
        inside the gold's documents are checked.
    """
    from narrative.coverage import analyse

    passages = result.passages
    located, warnings = locate(gold, result.cleaned, passages)
    facts = GoldFacts(located, passages)
    found = analyse(result)
    checks = [
        check_outlet_only(found.exclusives[is_claimed(found.exclusives)], facts, passages),
        check_omissions(
            found.omissions[is_claimed(found.omissions)],
            found.asked,
            facts,
            result.event_of,
            published={d.doc_id: d.published for d in result.corpus.documents},
        ),
        check_units(result.units, facts),
        check_prominence(found.gaps, facts, passages),
        check_figures(result.number_disagreements, figures),
    ]
    return checks, warnings
