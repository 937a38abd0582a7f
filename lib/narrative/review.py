"""The researcher's decisions: store them, ask the questions that matter first, apply them.

The machine proposes pairs of passages; a person settles what it cannot. Each
decision is one row of a plain CSV the researcher owns (:data:`DECISION_COLUMNS`),
kept apart from the corpus and from the reports. Passages are named as the gold
files name them (``data/gold/README.md``): the article's ``doc_id`` and a short
verbatim snippet of the passage, so a decision survives another segmentation,
other parameters and another model.

Decisions (column ``decision``):

==========  =====================================================================
same        the two passages report the same fact (a pair)
different   they do not (a pair)
not_fact    the passage (side ``a`` only) is no fact: an attribution stub, an aside
merge       the two passages' story units are one fact (applied as ``same``)
split       the two passages of one unit are two facts (applied as ``different``)
==========  =====================================================================

A later row about the same pair (or passage) overrides an earlier one, so the
file is also the review's history. :func:`apply_review` turns the decisions
into a run's result: confirmed pairs are in (added as ``paraphrase`` when the
machine missed them), rejected pairs are out, a passage that is not a fact has
no pair; story units and figure disagreements are rebuilt from there, and every
analysis downstream follows because it is computed from the alignments and
units. :func:`review_queue` orders the open questions so that the first
answers change the most claims; an absence claim ("only X reports F", "Y leaves
out F") and a story unit are each one question, settled by one answer
(:func:`absence_decisions`, :func:`unit_decisions`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd

from narrative import config
from narrative.atomic import write_atomic
from narrative.corpus import CorpusError
from narrative.units import ONE_FACT, pair_keys
from narrative.vocab import BODY, HEADLINE, PARAPHRASE, SAME_FACT

if TYPE_CHECKING:
    from narrative.pipeline import Result

#: Columns of a decisions file, in order.
DECISION_COLUMNS = ("decision", "doc_a", "snippet_a", "doc_b", "snippet_b", "note", "decided_at")

SAME = "same"
DIFFERENT = "different"
NOT_FACT = "not_fact"
MERGE = "merge"
SPLIT = "split"
#: Every decision a file may hold.
DECISIONS = (SAME, DIFFERENT, NOT_FACT, MERGE, SPLIT)
#: Pair decisions that put a pair in, and that take it out.
CONFIRMING = (SAME, MERGE)
REJECTING = (DIFFERENT, SPLIT)

#: Values of the ``reviewed`` column of alignments and claim tables.
CONFIRMED = "confirmed"
#: ``reviewed`` of a passage the researcher has decided about, and of one that is no fact.
REVIEWED = "reviewed"
NOT_A_FACT = "not a fact"

#: Words a snippet starts with; more are taken until it occurs once in its article.
SNIPPET_WORDS = 10

Key = tuple[str, int]


class Decision(NamedTuple):
    """One row of a decisions file (``doc_b``/``snippet_b`` empty for ``not_fact``)."""

    decision: str
    doc_a: str
    snippet_a: str
    doc_b: str = ""
    snippet_b: str = ""
    note: str = ""
    decided_at: str = ""


def decisions_path(corpus: str | Path, given: str | Path = "") -> Path:
    """The decisions file of a corpus: ``given``, else ``reviews/<corpus name>.csv``.

    Args:
        corpus: The corpus folder or file (empty: the default corpus).
        given: The ``review`` parameter.

    Returns:
        The path (the file may not exist yet).
    """
    if str(given):
        return Path(given)
    return config.REVIEWS_DIR / f"{Path(str(corpus) or config.DEFAULT_CORPUS).stem}.csv"


def read_decisions(path: str | Path) -> list[Decision]:
    """Read a decisions file; a missing file is no decision yet.

    Args:
        path: The CSV (columns :data:`DECISION_COLUMNS`; ``note`` and
            ``decided_at`` may be absent).

    Returns:
        The decisions in file order.

    Raises:
        CorpusError: When a required column is missing or a row's decision is
            not one of :data:`DECISIONS` (the message names the line).
    """
    path = Path(path)
    if not path.exists():
        return []
    if path.is_dir():
        raise CorpusError(f"review file is a folder, not a CSV: {path}")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in DECISION_COLUMNS[:5] if c not in (reader.fieldnames or [])]
        if reader.fieldnames and missing:
            raise CorpusError(f"{path}: needs columns {', '.join(DECISION_COLUMNS[:5])}")
        out = []
        for line, row in enumerate(reader, start=2):
            kind = (row.get("decision") or "").strip()
            if kind not in DECISIONS:
                raise CorpusError(
                    f"{path} line {line}: decision {kind!r} is not one of {', '.join(DECISIONS)}"
                )
            values = {c: (row.get(c) or "").strip() for c in DECISION_COLUMNS}
            values["decision"] = kind
            if not values["doc_a"] or not values["snippet_a"]:
                raise CorpusError(f"{path} line {line}: doc_a and snippet_a are required")
            if kind != NOT_FACT and (not values["doc_b"] or not values["snippet_b"]):
                raise CorpusError(
                    f"{path} line {line}: a {kind!r} decision needs doc_b and snippet_b"
                )
            out.append(Decision(**values))
    return out


def write_decisions(path: str | Path, decisions: Iterable[Decision]) -> Path:
    """Write the whole decisions file atomically (temporary file, then rename).

    A crash or a closed tab leaves the previous file or the new one, never a
    part of one.

    Args:
        path: The CSV.
        decisions: Every decision, in order.

    Returns:
        ``path``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(DECISION_COLUMNS)
    writer.writerows(decisions)
    text = buffer.getvalue()
    return write_atomic(Path(path), lambda out: out.write(text))


def snippet_for(article: str, start: int, end: int, *, words: int = SNIPPET_WORDS) -> str:
    """A verbatim snippet of a passage that occurs once in its article.

    Args:
        article: The article's cleaned text.
        start: The passage's first character in it.
        end: One past its last character.
        words: Words to start with.

    Returns:
        The passage's first ``words`` words, more while the snippet occurs
        elsewhere in the article too; the whole passage at most.
    """
    text = article[start:end]
    tokens = text.split()
    for n in range(min(words, len(tokens)), len(tokens) + 1):
        snippet = " ".join(tokens[:n])
        if snippet in text and article.count(snippet) == 1:
            return snippet
    return text.strip()


def passage_snippet(result: Result, key: Key) -> str:
    """The snippet that names passage ``key`` of ``result`` (see :func:`snippet_for`)."""
    row = result.passages.set_index(["doc_id", "passage_id"]).loc[key]
    article = next(c.text for c in result.cleaned if c.doc_id == key[0])
    return snippet_for(article, int(row["start"]), int(row["end"]))


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def decision_for(
    result: Result, kind: str, a: Key, b: Key | None = None, note: str = ""
) -> Decision:
    """A decision about passages of ``result``, named by doc_id and snippet.

    Args:
        result: The run the passages come from.
        kind: One of :data:`DECISIONS`.
        a: ``(doc_id, passage_id)`` of the first passage.
        b: The second passage; ``None`` for ``not_fact``.
        note: Free text kept in the file.

    Returns:
        The decision, stamped with the time (UTC).
    """
    if kind not in DECISIONS:
        raise ValueError(f"decision {kind!r} is not one of {', '.join(DECISIONS)}")
    if (b is None) != (kind == NOT_FACT):
        raise ValueError(f"a {kind!r} decision takes {'one passage' if b is None else 'two'}")
    side_b = (b[0], passage_snippet(result, b)) if b is not None else ("", "")
    return Decision(kind, a[0], passage_snippet(result, a), *side_b, note, _now())


def _last_answer(decisions: list[Decision]) -> int:
    """How many rows, at the end of ``decisions`` (not empty), make up the last answer."""
    last = decisions[-1]
    n = 1
    while (
        last.note
        and n < len(decisions)
        and (decisions[-n - 1].note, decisions[-n - 1].decided_at) == (last.note, last.decided_at)
    ):
        n += 1
    return n


class DecisionStore:
    """The decisions file as the review notebook uses it: add, undo, count.

    Every change rewrites the file at once (:func:`write_decisions`), so
    nothing answered is lost. One answer may be several rows (an absence
    question answered "none of these" rejects each candidate): the rows of one
    answer share their ``note`` and ``decided_at``, and undo takes them back
    together.

    Args:
        path: The CSV; created at the first answer.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.decisions = read_decisions(self.path)

    def add(self, decision: Decision | Iterable[Decision]) -> None:
        """Append one answer (one decision, or the rows of one answer) and save."""
        rows = [decision] if isinstance(decision, Decision) else list(decision)
        self.decisions.extend(rows)
        write_decisions(self.path, self.decisions)

    def undo(self) -> list[Decision]:
        """Remove the last answer (all its rows) and save; empty when there is none."""
        if not self.decisions:
            return []
        n = _last_answer(self.decisions)
        gone = self.decisions[-n:]
        del self.decisions[-n:]
        write_decisions(self.path, self.decisions)
        return gone

    def answers(self) -> int:
        """How many answers the file holds (rows of one answer count once)."""
        count, rest = 0, list(self.decisions)
        while rest:
            n = _last_answer(rest)
            del rest[-n:]
            count += 1
        return count

    def counts(self) -> dict[str, int]:
        """How many decision rows of each kind (every kind, zeros included)."""
        found = pd.Series([d.decision for d in self.decisions], dtype=object).value_counts()
        return {kind: int(found.get(kind, 0)) for kind in DECISIONS}

    def __len__(self) -> int:
        return len(self.decisions)


@dataclass
class LocatedDecisions:
    """Decisions mapped onto one run's passages (later rows override earlier ones).

    Attributes:
        confirmed: Pairs in, as ``frozenset({key_a, key_b})``.
        rejected: Pairs out.
        not_facts: Passages that are no fact.
        warnings: One line per decision that could not be placed.
    """

    confirmed: set[frozenset[Key]]
    rejected: set[frozenset[Key]]
    not_facts: set[Key]
    warnings: list[str]

    @property
    def passages(self) -> set[Key]:
        """Every passage some decision is about."""
        return {k for pair in self.confirmed | self.rejected for k in pair} | self.not_facts

    @property
    def decided(self) -> set[frozenset[Key]]:
        """Every pair decided either way."""
        return self.confirmed | self.rejected


def locate_decisions(
    decisions: list[Decision], cleaned: list, passages: pd.DataFrame
) -> LocatedDecisions:
    """Map each decision's snippets to the run's passages.

    A snippet is found as the gold files' are (:func:`narrative.evaluate.locate`);
    when it spans several passages (decided at paragraph level, run at
    sentence level) the first is taken.

    Args:
        decisions: Decisions in file order.
        cleaned: The run's cleaned documents.
        passages: The run's passage table.

    Returns:
        The decisions as sets of passages and pairs.
    """
    from narrative.evaluate import locate

    rows = []
    for i, d in enumerate(decisions):
        rows.append((f"{i}a", d.doc_a, d.snippet_a))
        if d.decision != NOT_FACT:
            rows.append((f"{i}b", d.doc_b, d.snippet_b))
    gold = pd.DataFrame(rows, columns=["fact_id", "doc_id", "snippet"])
    located, problems = locate(gold, cleaned, passages)
    first = located.sort_values("passage_id").drop_duplicates("fact_id")
    where = {
        f: (d, int(p))
        for f, d, p in zip(first["fact_id"], first["doc_id"], first["passage_id"], strict=True)
    }
    out = LocatedDecisions(set(), set(), set(), [])
    state: dict[object, str] = {}
    for i, d in enumerate(decisions):
        a = where.get(f"{i}a")
        b = where.get(f"{i}b") if d.decision != NOT_FACT else None
        if a is None or (d.decision != NOT_FACT and b is None):
            out.warnings.append(
                f"review row {i + 2} ({d.decision}) names a passage not in this corpus's text; "
                "left out"
            )
            continue
        if d.decision == NOT_FACT:
            state[a] = d.decision
        elif a != b:
            state[frozenset((a, b))] = d.decision
    for key, kind in state.items():
        if isinstance(key, tuple):
            out.not_facts.add(key)
        elif kind in CONFIRMING:
            out.confirmed.add(key)
        else:
            out.rejected.add(key)
    del problems  # each unplaced snippet is reported once per decision above
    return out


def reviewed_alignments(
    alignments: pd.DataFrame,
    passages: pd.DataFrame,
    embeddings: np.ndarray,
    located: LocatedDecisions,
) -> pd.DataFrame:
    """The alignment table with the decisions applied and a ``reviewed`` column.

    Args:
        alignments: The machine's alignment table.
        passages: The run's passages (row order matches ``embeddings``).
        embeddings: Passage vectors, for the cosine of a pair the machine missed.
        located: The decisions (:func:`locate_decisions`).

    Returns:
        Rejected pairs and every pair of a passage that is no fact dropped;
        confirmed pairs ``reuse`` or ``paraphrase`` (``paraphrase`` when the
        machine said less) with ``reviewed`` = ``confirmed``; confirmed pairs
        the machine did not align appended (``basis`` = ``reviewed``), their
        ``score`` and ``similarity`` the passages' cosine, their other scores
        empty. Other rows have ``reviewed`` empty.
    """
    table = alignments.copy()
    table["reviewed"] = ""
    if table.empty and not located.confirmed:
        return table
    keys = pair_keys(table)
    drop = [k in located.rejected or bool(set(k) & located.not_facts) for k in keys]
    confirmed = [k in located.confirmed for k in keys]
    table.loc[confirmed, "reviewed"] = CONFIRMED
    weaker = np.array(confirmed) & ~table["relation"].isin(SAME_FACT).to_numpy()
    table.loc[weaker, "relation"] = PARAPHRASE
    table = table[~np.array(drop, dtype=bool)]
    missing = located.confirmed - set(keys)
    if missing:
        info = passages.reset_index(drop=True)
        row_of = {
            (d, int(p)): i
            for i, (d, p) in enumerate(zip(info["doc_id"], info["passage_id"], strict=True))
        }
        order = {d: i for i, d in enumerate(dict.fromkeys(info["doc_id"]))}
        added = []
        for pair in sorted(missing, key=lambda k: sorted((order[d], p) for d, p in k)):
            a, b = sorted(pair, key=lambda k: (order[k[0]], k[1]))
            ra, rb = row_of[a], row_of[b]
            cosine = round(float(embeddings[ra] @ embeddings[rb]), 4) if len(embeddings) else np.nan
            added.append(
                {
                    "doc_a": a[0],
                    "passage_a": a[1],
                    "outlet_a": info.at[ra, "outlet"],
                    "kind_a": info.at[ra, "kind"],
                    "text_a": info.at[ra, "text"],
                    "doc_b": b[0],
                    "passage_b": b[1],
                    "outlet_b": info.at[rb, "outlet"],
                    "kind_b": info.at[rb, "kind"],
                    "text_b": info.at[rb, "text"],
                    "score": cosine,
                    "similarity": cosine,
                    "relation": PARAPHRASE,
                    "shared_terms": "",
                    "corroboration": 0,
                    "basis": REVIEWED,
                    "reviewed": CONFIRMED,
                }
            )
        table = pd.concat([table, pd.DataFrame(added)], ignore_index=True)
    return table.reset_index(drop=True)


def reviewed_passages(passages: pd.DataFrame, located: LocatedDecisions) -> pd.DataFrame:
    """The passage table with ``reviewed``: :data:`REVIEWED`, :data:`NOT_A_FACT` or empty."""
    table = passages.copy()
    keys = list(zip(table["doc_id"], table["passage_id"].astype(int), strict=True))
    decided = located.passages
    table["reviewed"] = [
        NOT_A_FACT if k in located.not_facts else REVIEWED if k in decided else "" for k in keys
    ]
    return table


def apply_review(result: Result, decisions: list[Decision]) -> Result:
    """A run's result with the researcher's decisions applied.

    Alignments (:func:`reviewed_alignments`), passages (``reviewed`` column),
    story units (rebuilt from the reviewed alignments, with ``reviewed`` =
    ``confirmed`` on a passage joined to its unit by a confirmed pair) and the
    figure disagreements of every event a decision touches (recomputed from
    the reviewed alignments; ``reviewed`` = ``confirmed`` on rows whose pair
    is confirmed) follow the decisions. With no decision the tables only gain
    their empty ``reviewed`` columns.

    Args:
        result: The machine's run (:func:`narrative.pipeline.run`).
        decisions: The decisions (:func:`read_decisions`).

    Returns:
        A new result; ``result`` is not changed. Decisions that name text the
        corpus does not hold are listed in its warnings.
    """
    from narrative.numbers import disagreement_findings, number_disagreements
    from narrative.units import build_units

    located = (
        locate_decisions(decisions, result.cleaned, result.passages)
        if decisions
        else LocatedDecisions(set(), set(), set(), [])
    )
    alignments = reviewed_alignments(result.alignments, result.passages, result.embeddings, located)
    passages = reviewed_passages(result.passages, located)
    changed = bool(located.confirmed or located.rejected or located.not_facts)
    units = build_units(result.passages, alignments) if changed else result.units.copy()
    units = _mark_units(units, alignments)
    disagreements = result.number_disagreements.copy()
    if changed:
        event_of = result.event_of
        touched = {event_of[d] for d, _ in located.passages}
        keep = ~disagreements["doc_a"].map(event_of).isin(touched)
        fresh = []
        for event in sorted(touched):
            docs = {d for d, e in event_of.items() if e == event}
            inside = alignments["doc_a"].isin(docs)
            fresh.append(
                number_disagreements(
                    alignments[inside],
                    passages=result.passages[result.passages["doc_id"].isin(docs)],
                )
            )
        columns = [
            c
            for c in result.number_disagreements.columns
            if c not in ("finding", "status", "reviewed")
        ]
        disagreements = disagreement_findings(
            pd.concat(
                [disagreements[keep][columns], *[f[columns] for f in fresh if len(f)]],
                ignore_index=True,
            )
        )
    disagreements["reviewed"] = [
        CONFIRMED if k in located.confirmed else "" for k in pair_keys(disagreements)
    ]
    return replace(
        result,
        passages=passages,
        alignments=alignments,
        units=units,
        number_disagreements=disagreements,
        warnings=[*result.warnings, *located.warnings],
    )


def _mark_units(units: pd.DataFrame, alignments: pd.DataFrame) -> pd.DataFrame:
    """Add ``reviewed`` to units: ``confirmed`` where a confirmed pair ties a passage in."""
    units = units.copy()
    sure = alignments[alignments["reviewed"] == CONFIRMED]
    unit_of = dict(
        zip(
            zip(units["doc_id"], units["passage_id"].astype(int), strict=True),
            units["unit_id"],
            strict=True,
        )
    )
    tied: set[Key] = set()
    for a, b in (tuple(k) for k in pair_keys(sure)):
        if unit_of.get(a) is not None and unit_of.get(a) == unit_of.get(b):
            tied |= {a, b}
    units["reviewed"] = [
        CONFIRMED if (d, int(p)) in tied else ""
        for d, p in zip(units["doc_id"], units["passage_id"], strict=True)
    ]
    return units


def gold_from_decisions(decisions: list[Decision]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A decisions file read as a gold file.

    Args:
        decisions: The decisions.

    Returns:
        ``(gold, negatives)``: gold rows (``fact_id``, ``doc_id``, ``snippet``,
        ``note``), one fact per confirmed pair, and the rejected pairs in the
        same form, for :func:`narrative.evaluate.evaluate_alignment`.
    """
    final: dict[frozenset, Decision] = {}
    for d in decisions:
        if d.decision != NOT_FACT:
            final[frozenset(((d.doc_a, d.snippet_a), (d.doc_b, d.snippet_b)))] = d
    pos, neg = [], []
    for n, d in enumerate(final.values(), start=1):
        target = pos if d.decision in CONFIRMING else neg
        fact = f"R{n:03d}"
        target.append((fact, d.doc_a, d.snippet_a, d.note))
        target.append((fact, d.doc_b, d.snippet_b, ""))
    columns = ["fact_id", "doc_id", "snippet", "note"]
    return pd.DataFrame(pos, columns=columns), pd.DataFrame(neg, columns=columns)


#: Weight of each claim an answer can change, in :func:`review_queue`: every claim the report
#: makes counts once, so the answers that can change the most claims come first.
CLAIM_WEIGHTS = {
    "outlet-only": 1,
    "leaves out": 1,
    "figures differ": 1,
    "prominence": 1,
    "story unit": 1,
}
#: ``claims`` of a story-unit question whose unit the report shows as a candidate, not
#: stated as one fact (:func:`narrative.units.unit_status`).
UNIT_CANDIDATE = "story unit (candidate)"
#: Claim types asked about as absence questions (one question per claim).
ABSENCE_CLAIMS = ("outlet-only", "leaves out")

#: ``question`` of a queue row: a pair of passages, an absence claim with its candidates,
#: or a story unit with its passages.
PAIR, ABSENCE, UNIT = "pair", "absence", "unit"

#: Columns of :func:`review_queue`. ``doc_a``/``passage_a`` is the pair's first passage, the
#: fact of an absence claim or a unit's first passage; ``doc_b``/``passage_b`` the second, the
#: best candidate or the unit's second passage; ``fact_id`` the claim's fact or unit;
#: ``candidates`` the passages shown (:class:`Candidate`), ``links`` a unit's aligned pairs.
QUEUE_COLUMNS = [
    "question",
    "doc_a",
    "passage_a",
    "doc_b",
    "passage_b",
    "outlet_a",
    "outlet_b",
    "text_a",
    "text_b",
    "relation",
    "score",
    "claims",
    "weight",
    "distance",
    "fact_id",
    "candidates",
    "links",
    "seen",
    "page",
    "more",
]

#: Candidates shown per other outlet for an "only this outlet reports F" claim ...
OUTLET_ONLY_CANDIDATES = 3
#: ... and at most this many in all (the best, whatever their outlet).
MAX_CANDIDATES = 12
#: Candidates shown for a "Y leaves out F" claim (Y's passages).
LEAVES_OUT_CANDIDATES = 5
#: Pages of candidates an absence question shows at most ("show more" brings the next page).
ABSENCE_PAGES = 6


class Candidate(NamedTuple):
    """A passage that may report the fact an absence claim is about.

    Attributes:
        source: The fact's passage it is nearest to (``(doc_id, passage_id)``).
        passage: The candidate (``(doc_id, passage_id)``).
        outlet: The candidate's outlet.
        text: The candidate's text.
        cosine: Embedding cosine with ``source``.
    """

    source: Key
    passage: Key
    outlet: str
    text: str
    cosine: float


def absence_candidates(
    result: Result,
    sources: list[Key],
    outlets: list[str],
    *,
    k: int,
    skip: set[Key] | frozenset[Key] = frozenset(),
) -> list[Candidate]:
    """The passages of other outlets most likely to report the fact of ``sources``.

    Each passage of an outlet in ``outlets`` (same event, headlines only with
    headlines) is scored by its best embedding cosine with any of the fact's
    passages; the ``k`` best of each outlet are kept. The fact's own outlets are
    never searched.

    Args:
        result: The run.
        sources: The fact's passages, ``(doc_id, passage_id)``.
        outlets: The outlets searched.
        k: Candidates kept per outlet.
        skip: Passages never shown (those already decided about with the fact).

    Returns:
        The candidates, outlet by outlet (in ``outlets`` order), best first.
    """
    table = result.passages.reset_index(drop=True)
    if not sources or not len(result.embeddings):
        return []
    event_of = result.event_of
    row_of = {
        (d, int(p)): i
        for i, (d, p) in enumerate(zip(table["doc_id"], table["passage_id"], strict=True))
    }
    rows = [row_of[s] for s in sources if s in row_of]
    if not rows:
        return []
    headline = table["kind"].eq(HEADLINE).to_numpy()
    events = table["doc_id"].map(event_of).to_numpy()
    outlet_of = table["outlet"].to_numpy()
    cosine = result.embeddings @ result.embeddings[rows].T  # (passages, sources)
    like = headline[:, None] == headline[rows][None, :]
    cosine = np.where(like, cosine, -np.inf)
    best = cosine.max(axis=1)
    source_of = np.asarray(rows)[cosine.argmax(axis=1)]
    inside = (events == events[rows[0]]) & ~np.isin(outlet_of, outlet_of[rows])
    if skip:
        keys = zip(table["doc_id"], table["passage_id"].astype(int), strict=True)
        inside &= np.array([k not in skip for k in keys])
    out = []
    for outlet in outlets:
        allowed = np.flatnonzero(inside & (outlet_of == outlet) & np.isfinite(best))
        for i in allowed[np.argsort(-best[allowed], kind="stable")[:k]]:
            s = source_of[i]
            out.append(
                Candidate(
                    (str(table.at[s, "doc_id"]), int(table.at[s, "passage_id"])),
                    (str(table.at[i, "doc_id"]), int(table.at[i, "passage_id"])),
                    str(outlet),
                    str(table.at[i, "text"]),
                    round(float(best[i]), 4),
                )
            )
    return out


@dataclass
class Claims:
    """The claims of the report that a review can overturn, as the report's pages make them.

    Attributes:
        exclusives: Fact-table rows of facts said to be reported by one outlet only.
        omissions: One row per (outlet, fact it is said to leave out): ``outlet``,
            ``fact_id``.
        gaps: Prominence findings (:func:`narrative.coverage.prominence_gaps`).
        facts: The facts omissions are asked about: the fact table and the facts several
            outlets carry by direct pairs (:attr:`narrative.coverage.Coverage.asked`).
    """

    exclusives: pd.DataFrame
    omissions: pd.DataFrame
    gaps: pd.DataFrame
    facts: pd.DataFrame


def report_claims(result: Result) -> Claims:
    """The report's outlet-only, leaves-out and prominence claims, as notebook 02 draws them.

    Only the claims the report makes count: a fact with a possible counterpart, or
    an omission something speaks against, is not claimed (:func:`narrative.coverage.analyse`).
    """
    from narrative.coverage import analyse, is_claimed

    found = analyse(result)
    omissions = found.omissions
    return Claims(
        exclusives=found.exclusives[is_claimed(found.exclusives)],
        omissions=omissions[is_claimed(omissions)],
        gaps=found.gaps,
        facts=found.asked,
    )


def claims_by_pair(result: Result, claims: Claims | None = None) -> dict[frozenset[Key], list[str]]:
    """Which findings each pair of passages bears on.

    * ``figures differ``: an aligned pair whose passages give different figures;
    * ``prominence``: the pair is the evidence of a "one puts it on top, the
      other buries it" finding.

    Absence claims ("only this outlet", "leaves out") and story units are
    questions of their own (:func:`absence_questions`, :func:`unit_questions`).

    Args:
        result: The run.
        claims: The report's claims; :func:`report_claims` when ``None``.

    Returns:
        ``{pair: [claim type, ...]}`` for the pairs that bear on any claim.
    """
    claims = claims or report_claims(result)
    out: dict[frozenset[Key], list[str]] = {}
    differ = result.number_disagreements
    for k in pair_keys(differ[differ["relation"] != "unaligned"]):
        out.setdefault(k, []).append("figures differ")
    for row in claims.gaps.itertuples(index=False):
        top = (row.doc_id_top, int(row.passage_id_top))
        low = (row.doc_id_buried, int(row.passage_id_buried))
        out.setdefault(frozenset((top, low)), []).append("prominence")
    return {k: list(dict.fromkeys(v)) for k, v in out.items() if v}


def absence_questions(
    result: Result,
    claims: Claims,
    located: LocatedDecisions | None = None,
    pages: Mapping[frozenset, int] | None = None,
) -> list[dict]:
    """One question per absence claim: the fact, and the passages that may report it.

    * "only outlet X reports F": F's passages, and the
      :data:`OUTLET_ONLY_CANDIDATES` best candidates of every other outlet of
      the event (:func:`absence_candidates`), :data:`MAX_CANDIDATES` at most;
    * "outlet Y leaves out F": F's passages, and the
      :data:`LEAVES_OUT_CANDIDATES` best candidates of Y.

    One answer settles the claim: "passage k reports it" (a ``same`` pair that
    removes the claim) or "none of these" (a ``different`` pair per candidate,
    which confirms it). Passages already decided about with F (another
    question's answer may have rejected one) are not shown: the next ones are;
    the claim is settled once as many passages are decided about with F as its
    question shows, or when its passage is no fact.

    A reviewer who does not find F among the candidates but knows (or suspects)
    the other outlets report it may ask for the next ones ("show more", up to
    :data:`ABSENCE_PAGES` pages): page ``n`` is chosen as the first is, among the
    passages not shown on pages 1 to ``n - 1``. Showing more decides nothing;
    "none of these" on page ``n`` rejects every passage shown on pages 1 to ``n``
    (column ``seen`` holds the earlier pages' candidates).

    Args:
        result: The run.
        claims: The report's claims.
        located: Decisions made so far.
        pages: ``{absence_key: page}``, the page each question is at (1 when absent;
            past the last page or :data:`ABSENCE_PAGES`, the last).

    Returns:
        Queue rows (:data:`QUEUE_COLUMNS`) with ``question`` = :data:`ABSENCE`;
        ``page`` is the page shown and ``more`` whether a next one exists.
    """
    decided = located.decided if located else set()
    not_facts = located.not_facts if located else set()
    members: dict[str, list[Key]] = {}
    for d, p, fact in zip(
        claims.facts["doc_id"], claims.facts["passage_id"], claims.facts["fact_id"], strict=True
    ):
        members.setdefault(fact, []).append((d, int(p)))
    event_of = result.event_of
    outlets_in: dict[str, list[str]] = {}
    for d, o in zip(result.passages["doc_id"], result.passages["outlet"], strict=True):
        if o not in outlets_in.setdefault(event_of.get(d, ""), []):
            outlets_in[event_of.get(d, "")].append(o)
    outlet_of = dict(zip(result.passages["doc_id"], result.passages["outlet"], strict=False))
    asked: list[tuple[str, str, list[Key], list[str], int]] = []
    for fact, group in claims.exclusives.groupby("fact_id", sort=False):
        sources = list(zip(group["doc_id"], group["passage_id"].astype(int), strict=True))
        own = str(group["outlet"].iloc[0])
        others = [o for o in outlets_in.get(event_of.get(sources[0][0], ""), []) if o != own]
        asked.append(("outlet-only", str(fact), sources, others, OUTLET_ONLY_CANDIDATES))
    for row in claims.omissions.itertuples(index=False):
        sources = members.get(row.fact_id, [])
        if sources:
            asked.append(
                ("leaves out", str(row.fact_id), sources, [row.outlet], LEAVES_OUT_CANDIDATES)
            )
    threshold = result.settings.paraphrase_min
    texts = dict(
        zip(
            zip(result.passages["doc_id"], result.passages["passage_id"].astype(int), strict=True),
            result.passages["text"],
            strict=True,
        )
    )
    rows = []
    for claim, fact, sources, outlets, k in asked:
        if set(sources) & not_facts:
            continue
        # Passages already decided about with the fact (in this question or in another one's
        # answer) are not shown again; the claim is settled once as many are as it shows.
        done = {p for pair in decided if len(pair & set(sources)) == 1 for p in pair - set(sources)}
        limit = min(MAX_CANDIDATES, k * len(outlets))
        if sum(outlet_of.get(d) in outlets for d, _ in done) >= limit:
            continue
        key = absence_key(claim, str(fact), outlet_of[sources[0][0]], outlets[0])
        wanted = max(1, min(int((pages or {}).get(key, 1)), ABSENCE_PAGES))
        found_pages: list[list[Candidate]] = []
        shown = set(done)
        # One page more than asked for, to know whether "show more" has anything to show.
        while len(found_pages) <= wanted:
            found = absence_candidates(result, sources, outlets, k=k, skip=shown)
            best = set(sorted(found, key=lambda c: -c.cosine)[:limit])
            batch = [c for c in found if c in best]
            if not batch:
                break
            found_pages.append(batch)
            shown |= {c.passage for c in batch}
        if not found_pages:
            continue
        page = min(wanted, len(found_pages))
        candidates = found_pages[page - 1]
        seen = [c for batch in found_pages[: page - 1] for c in batch]
        # The first page's strongest candidate ranks the question, whatever page it is at.
        top = max(found_pages[0], key=lambda c: c.cosine)
        a = top.source
        rows.append(
            {
                "question": ABSENCE,
                "doc_a": a[0],
                "passage_a": a[1],
                "doc_b": top.passage[0],
                "passage_b": top.passage[1],
                "outlet_a": outlet_of[a[0]],
                "outlet_b": outlets[0] if claim == "leaves out" else top.outlet,
                "text_a": texts[a],
                "text_b": top.text,
                "relation": "unaligned",
                "score": top.cosine,
                "claims": claim,
                "weight": CLAIM_WEIGHTS[claim],
                # The strongest candidate first: the claim most likely to be wrong.
                "distance": round(threshold - top.cosine, 4),
                "fact_id": fact,
                "candidates": candidates,
                "links": [],
                "seen": seen,
                "page": page,
                "more": len(found_pages) > page and page < ABSENCE_PAGES,
            }
        )
    return rows


def unit_questions(result: Result, located: LocatedDecisions | None = None) -> list[dict]:
    """One question per story unit: do all its passages report one fact, or which does not?

    A unit is a claim that its passages report one fact. One answer settles it:
    "all one fact" (a ``same`` decision for every aligned pair inside the unit)
    or "passage k is another fact" (a ``split`` for each aligned pair joining k
    to the others, so k leaves the unit). A unit whose aligned pairs are all
    decided is not asked again.

    Args:
        result: The run, decisions applied or not.
        located: Decisions made so far.

    Returns:
        Queue rows (:data:`QUEUE_COLUMNS`) with ``question`` = :data:`UNIT`:
        ``candidates`` are the unit's passages (``source`` the unit's first
        passage, ``cosine`` the passage's best score with another member),
        ``links`` the aligned pairs inside it, ``score`` the weakest same-fact
        link and ``distance`` its margin over ``paraphrase_min`` (the unit most
        likely wrong first); ``claims`` is ``story unit`` for a unit the report
        states as one fact and :data:`UNIT_CANDIDATE` for one it shows as a
        candidate (:func:`narrative.units.unit_status`): "all one fact" states it.
    """
    decided = located.decided if located else set()
    threshold = result.settings.paraphrase_min
    alignments = result.alignments
    keys = pair_keys(alignments)
    scores = alignments["score"].astype(float).tolist()
    same = alignments["relation"].isin(SAME_FACT).tolist()
    texts = result.passages.set_index(["doc_id", "passage_id"])
    rows = []
    for unit, group in result.units.groupby("unit_id", sort=False):
        members = list(zip(group["doc_id"], group["passage_id"].astype(int), strict=True))
        if len(members) < 2:
            continue
        inside = set(members)
        links = [(k, sc, sf) for k, sc, sf in zip(keys, scores, same, strict=True) if k <= inside]
        if not links or all(k in decided for k, _, _ in links):
            continue
        best = {m: max((sc for k, sc, _ in links if m in k), default=float("nan")) for m in members}
        weakest = min((sc for _, sc, sf in links if sf), default=min(sc for _, sc, _ in links))
        stated = "status" not in group or (group["status"] == ONE_FACT).all()
        candidates = [
            Candidate(members[0], m, str(texts.at[m, "outlet"]), str(texts.at[m, "text"]), best[m])
            for m in members
        ]
        rows.append(
            {
                "question": UNIT,
                "doc_a": members[0][0],
                "passage_a": members[0][1],
                "doc_b": members[1][0],
                "passage_b": members[1][1],
                "outlet_a": candidates[0].outlet,
                "outlet_b": candidates[1].outlet,
                "text_a": candidates[0].text,
                "text_b": candidates[1].text,
                "relation": "unit",
                "score": round(weakest, 4),
                "claims": "story unit" if stated else UNIT_CANDIDATE,
                "weight": CLAIM_WEIGHTS["story unit"],
                "distance": round(weakest - threshold, 4),
                "fact_id": str(unit),
                "candidates": candidates,
                "links": [tuple(sorted(k)) for k, _, _ in links],
                "seen": [],
                "page": 1,
                "more": False,
            }
        )
    return rows


def unit_decisions(
    result: Result, question: pd.Series | dict, odd: int | None, *, note: str = ""
) -> list[Decision]:
    """The decisions one answer to a story-unit question records.

    Args:
        result: The run the question was asked on.
        question: A queue row with ``question`` = :data:`UNIT`.
        odd: Index (from 0) of the passage that reports another fact, or ``None``
            for "all one fact".
        note: Kept in every row (see :func:`absence_decisions`).

    Returns:
        One ``same`` per aligned pair inside the unit, or one ``split`` per
        aligned pair joining the odd passage to the others.
    """
    members = [c.passage for c in question["candidates"]]
    note = note or f"story unit {question['fact_id']}: " + (
        "all one fact" if odd is None else f"passage {odd + 1} is another fact"
    )
    stamp = _now()
    if odd is None:
        pairs, kind = list(question["links"]), SAME
    else:
        pairs = [p for p in question["links"] if members[odd] in p]
        pairs = pairs or [(members[odd], m) for m in members if m != members[odd]]
        kind = SPLIT
    return [decision_for(result, kind, a, b, note)._replace(decided_at=stamp) for a, b in pairs]


def absence_decisions(
    result: Result, question: pd.Series | dict, chosen: int | None, *, note: str = ""
) -> list[Decision]:
    """The decisions one answer to an absence question records.

    Args:
        result: The run the question was asked on.
        question: A queue row with ``question`` = :data:`ABSENCE`.
        chosen: Index (from 0) of the candidate that reports the fact, or
            ``None`` for "none of these".
        note: Kept in every row (the rows of one answer share it and their time,
            so :meth:`DecisionStore.undo` takes them back together).

    Returns:
        ``[same(source, candidate)]`` (``chosen`` indexes the page shown), or one
        ``different`` per passage shown, on this page and the earlier ones (``seen``).
    """
    candidates = list(question["candidates"])
    page = int(question.get("page", 1) or 1)
    where = f" (page {page})" if page > 1 else ""
    note = note or f"{question['claims']} {question['fact_id']}: " + (
        f"none of these{where}" if chosen is None else f"candidate {chosen + 1}{where} reports it"
    )
    stamp = _now()
    if chosen is not None:
        c = candidates[chosen]
        return [decision_for(result, SAME, c.source, c.passage, note)._replace(decided_at=stamp)]
    seen = question.get("seen")
    shown = [*(seen if isinstance(seen, list) else []), *candidates]
    return [
        decision_for(result, DIFFERENT, c.source, c.passage, note)._replace(decided_at=stamp)
        for c in shown
    ]


def review_queue(
    result: Result,
    located: LocatedDecisions | None = None,
    claims: Claims | None = None,
    pages: Mapping[frozenset, int] | None = None,
) -> pd.DataFrame:
    """The open questions, those whose answer changes the most claims first.

    Three kinds of question (column ``question``), each settled by one answer:

    * :data:`ABSENCE`: an "only this outlet reports" or "leaves out" claim with
      the passages that may report its fact (:func:`absence_questions`);
    * :data:`UNIT`: a story unit with its passages (:func:`unit_questions`);
    * :data:`PAIR`: the machine's aligned pairs (every relation) and the
      unaligned pairs a finding rests on, less those decided.

    They are ordered by the summed :data:`CLAIM_WEIGHTS` of the claims they bear
    on (absence claims first, then the pairs of figure disagreements and
    prominence findings, then story units, then the other pairs), then by
    ``distance``: how near the score is to ``paraphrase_min``, where the machine
    is least sure (for an absence question, how far its strongest candidate's
    cosine falls short of it, negative above it, so the claim most likely wrong
    comes first; for a unit, its weakest link's margin over it).

    Args:
        result: The run, decisions applied or not.
        located: Decisions made so far (:func:`locate_decisions`): their pairs,
            and the pairs of a passage that is no fact, are not asked again.
        claims: The report's claims; :func:`report_claims` when ``None``.
        pages: The page of candidates each absence question is at, by
            :func:`queue_key` ("show more": :func:`absence_questions`).

    Returns:
        One row per question (:data:`QUEUE_COLUMNS`), most useful first;
        ``relation`` is ``unaligned`` for a pair the machine did not align;
        ``claims`` lists the claim types as text; ``candidates`` is a list of
        :class:`Candidate` for an absence question, empty for a pair.
    """
    decided = located.decided if located else set()
    not_facts = located.not_facts if located else set()
    claims = claims or report_claims(result)
    alignments = result.alignments
    if "reviewed" in alignments:
        alignments = alignments[alignments["reviewed"] != CONFIRMED]
    bearing = claims_by_pair(result, claims)
    threshold = result.settings.paraphrase_min
    info = result.passages.set_index(["doc_id", "passage_id"])
    order = {d: i for i, d in enumerate(dict.fromkeys(result.passages["doc_id"]))}
    sure = (
        set()
        if "reviewed" not in result.alignments
        else set(pair_keys(result.alignments[result.alignments["reviewed"] == CONFIRMED]))
    )
    candidates = {
        key: {c: getattr(row, c) for c in QUEUE_COLUMNS[1:11]}
        for key, row in zip(pair_keys(alignments), alignments.itertuples(index=False), strict=True)
    }
    if len(result.embeddings):
        rows_of = {
            (d, int(p)): i
            for i, (d, p) in enumerate(
                zip(result.passages["doc_id"], result.passages["passage_id"], strict=True)
            )
        }
        for key in bearing.keys() - candidates.keys() - sure:
            a, b = sorted(key, key=lambda k: (order[k[0]], k[1]))
            if a not in rows_of or b not in rows_of:
                continue
            cosine = float(result.embeddings[rows_of[a]] @ result.embeddings[rows_of[b]])
            candidates[key] = {
                "doc_a": a[0],
                "passage_a": a[1],
                "doc_b": b[0],
                "passage_b": b[1],
                "outlet_a": info.at[a, "outlet"],
                "outlet_b": info.at[b, "outlet"],
                "text_a": info.at[a, "text"],
                "text_b": info.at[b, "text"],
                "relation": "unaligned",
                "score": round(cosine, 4),
            }
    rows = absence_questions(result, claims, located, pages) + unit_questions(result, located)
    for key, row in candidates.items():
        heads = [info.at[k, "kind"] == HEADLINE for k in key]
        if key in decided or key & not_facts or heads[0] != heads[-1]:
            continue
        bears = bearing.get(key, [])
        score = float(row["score"])
        gap = (
            max(0.0, threshold - score)
            if row["relation"] == "unaligned"
            else abs(score - threshold)
        )
        rows.append(
            {
                "question": PAIR,
                **row,
                "score": score,
                "claims": ", ".join(bears),
                "weight": sum(CLAIM_WEIGHTS[c] for c in bears),
                "distance": round(gap, 4),
                "fact_id": "",
                "candidates": [],
                "links": [],
                "seen": [],
                "page": 1,
                "more": False,
            }
        )
    table = pd.DataFrame(rows, columns=QUEUE_COLUMNS)
    return table.sort_values(
        ["weight", "distance", "doc_a", "passage_a", "doc_b", "passage_b"],
        ascending=[False, True, True, True, True, True],
        kind="stable",
    ).reset_index(drop=True)


def absence_key(claim: str, fact: str, fact_outlet: str, outlet: str) -> frozenset:
    """What identifies an absence question: its claim, its fact and the outlet it is about.

    The fact's outlet for "only X reports F", the outlet said to leave F out for
    "Y leaves out F" (not the best candidate's outlet, which changes from page to
    page).
    """
    return frozenset(((claim, fact), (outlet if claim == "leaves out" else fact_outlet, -1)))


def queue_key(row) -> frozenset:
    """What identifies a question across recomputed queues: its pair, or its claim and fact."""
    if getattr(row, "question", PAIR) == ABSENCE:
        return absence_key(str(row.claims), str(row.fact_id), str(row.outlet_a), str(row.outlet_b))
    if getattr(row, "question", PAIR) != PAIR:
        return frozenset(((str(row.claims), str(row.fact_id)), (str(row.outlet_b), -1)))
    return frozenset(((row.doc_a, int(row.passage_a)), (row.doc_b, int(row.passage_b))))


def context(result: Result, key: Key, *, around: int = 1) -> list[tuple[int, str, bool]]:
    """A passage with its neighbours in the article.

    Args:
        result: The run.
        key: ``(doc_id, passage_id)``.
        around: Passages shown before and after.

    Returns:
        ``[(passage_id, text, is_the_passage), ...]`` in article order
        (headline and standfirst are not neighbours of body text).
    """
    doc, passage = key
    own = result.passages[result.passages["doc_id"] == doc]
    kind = own.loc[own["passage_id"] == passage, "kind"].iloc[0]
    same = own[(own["kind"] == BODY) == (kind == BODY)]
    ids = list(same["passage_id"].astype(int))
    at = ids.index(passage)
    chosen = same.iloc[max(0, at - around) : at + around + 1]
    return [
        (int(p), t, int(p) == passage)
        for p, t in zip(chosen["passage_id"], chosen["text"], strict=True)
    ]
