"""Headline findings for a report's front page, read back from its CSV exports.

Each finding is one sentence built from an export by the method its notebook
states, with a link to the page that shows the passages behind it. Findings
are only stated when the export holds enough to support them; nothing is
filled in when an analysis did not run.

Claims about coverage (outlet-only facts, omissions, prominence) and figures
are stated here only for the kinds of claim that meet the standard on the
held-out labelled corpora (:func:`citable_claims`, read from
``data/claims.csv``, which ``scripts/benchmark_claims.py --write`` measures);
the others stay on their pages, where every one shows its evidence.

What the page does not state is gathered into one line at its end
(:func:`not_stated`): each kind of claim withheld, the page that lists its
candidates, why it is withheld, and whether any claim rests on reviewed
evidence. That line names no voice or outlet of a withheld claim and gives none
of its counts: a sentence that withholds a ranking but names its leaders still
makes claims (round 12).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from narrative import config
from narrative.coverage import is_claimed
from narrative.events import APART
from narrative.numbers import stated_findings
from narrative.quotes import (
    MIN_ANONYMOUS,
    MIN_LEAD,
    MostAnonymous,
    MostQuoted,
    most_anonymous,
    most_quoted,
    voice_names,
)
from narrative.units import stated_units, unit_shares

#: The standard a kind of claim must meet on every held-out labelled corpus where it
#: is made: this share of its claims right, and this share of the true claims made.
PRECISION_STANDARD = 0.9
RECALL_STANDARD = 0.5


@dataclass(frozen=True)
class Withheld:
    """A kind of claim the front page does not state, and where its candidates are.

    Attributes:
        what: The kind, as the line says it ("outlet-only facts", "2 findings of figures
            that differ"); never a voice, outlet or count of the withheld claim itself.
        why: Why it is withheld, in a few words; kinds with the same reason are said
            together.
        page: The report page that lists its candidates with their evidence.
    """

    what: str
    why: str
    page: str


@dataclass(frozen=True)
class Finding:
    """One sentence and the report page that backs it.

    The front page's last line (:func:`not_stated`) is a finding too, with no page of
    its own: ``parts`` cut its ``text`` into pieces, each with the page it links to
    (``""`` for none).
    """

    text: str
    page: str
    parts: tuple[tuple[str, str], ...] = ()


def _read(data: Path, name: str) -> pd.DataFrame | None:
    path = data / f"{name}.csv"
    return pd.read_csv(path, keep_default_na=False) if path.is_file() else None


def _share(value: float) -> str:
    return f"{value:.0%}"


def citable_claims(table: str | Path = config.CLAIMS_TABLE) -> set[str]:
    """The kinds of claim that meet the standard on the held-out labelled corpora.

    A kind meets it when it is made on at least one held-out set, on every
    held-out set where it is made its precision reaches :data:`PRECISION_STANDARD`,
    and on every held-out set where the gold has true claims of that kind its recall
    reaches :data:`RECALL_STANDARD`, whether or not any claim is made there: a kind
    that is right where it speaks but silent where the labels find true claims
    misses them.

    Args:
        table: The claims table of ``scripts/benchmark_claims.py --write``.

    Returns:
        Claim kinds (``outlet-only``, ``leaves out``, ``story unit``, ``prominence``,
        ``figures differ``); empty when the table is missing.
    """
    path = Path(table)
    if not path.is_file():
        return set()
    rows = pd.read_csv(path)
    held = rows[rows["role"] == "held-out"]
    citable = set()
    for claim, group in held.groupby("claim"):
        made = group[group["made"] > 0]
        precise = (made["precision"] >= PRECISION_STANDARD).all()
        found = group["recall"].isna() | (group["recall"] >= RECALL_STANDARD)
        if not made.empty and precise and found.all():
            citable.add(claim)
    return citable


#: Why a kind of claim that misses the standard is withheld, as the front page says it.
UNDER_STANDARD = (
    f"on held-out corpora these kinds are not {PRECISION_STANDARD:.0%} right while making "
    f"{RECALL_STANDARD:.0%} of the true claims"
)

#: The coverage kinds of claim, as the front page names them when they are withheld.
COVERAGE_KINDS = {
    "outlet-only": "outlet-only facts",
    "leaves out": "facts an outlet leaves out",
    "prominence": "prominence gaps",
}

#: Which rows of each exported table the page would state, kind by kind (the kind
#: itself must also meet the standard, :func:`citable_claims`).
_CLAIMED_ROWS = {
    "outlet-only": is_claimed,
    "leaves out": is_claimed,
    "prominence": is_claimed,
    "figures differ": stated_findings,
}


def mark_stated(table: pd.DataFrame, claim: str, citable: set[str] | None = None) -> pd.DataFrame:
    """The table with a ``stated`` column: whether its page states the row as a claim.

    ``status`` in the exports is what the rules found (``outlet-only``, ``leaves out``,
    ``buried``, ``differ``); the page states such a row only while its kind of claim
    meets the standard on the held-out labelled sets, and otherwise lists it as a
    candidate. Readers of the CSVs took the status for the page's claim; ``stated`` is
    the page's own word.

    Args:
        table: :attr:`narrative.coverage.Coverage.exclusives`, ``omissions`` or ``gaps``,
            or :func:`narrative.numbers.number_disagreements` output.
        claim: Its kind of claim: ``outlet-only``, ``leaves out``, ``prominence`` or
            ``figures differ``.
        citable: The kinds that meet the standard; :func:`citable_claims` when ``None``.

    Returns:
        A copy of ``table`` with the boolean column ``stated``.
    """
    citable = citable_claims() if citable is None else citable
    return table.assign(stated=_CLAIMED_ROWS[claim](table) & (claim in citable))


def _unit_count(units: pd.DataFrame) -> str:
    """How many story units, and how many of them are stated as one fact."""
    total = units["unit_id"].nunique()
    if "status" not in units or units.empty:
        return f"{total} story units"
    stated = stated_units(units)["unit_id"].nunique()
    left = total - stated
    return (
        f"{total} story units, {stated} of them stated as one fact and {left} "
        f"candidate{'s' if left != 1 else ''} to check"
    )


def alignment_findings(data: Path) -> list[Finding]:
    """Passages, aligned pairs by relation, story units, and the largest shares in shared units."""
    alignments, passages, units = (_read(data, n) for n in ("alignments", "passages", "units"))
    if alignments is None or passages is None or units is None:
        return []
    page = "01-align-passages.html"
    counts = alignments["relation"].value_counts()
    found = [
        Finding(
            f"{len(passages)} passages; {len(alignments)} aligned pairs "
            f"({counts.get('reuse', 0)} reuse, {counts.get('paraphrase', 0)} paraphrase, "
            f"{counts.get('related', 0)} related; a paraphrase pair is the alignment's guess "
            f"at one fact and often joins two facts on one topic); {_unit_count(units)}.",
            page,
        )
    ]
    needed = {"doc_id", "passage_id", "outlet", "kind", "text"}
    if needed <= set(passages) and needed - {"text", "kind"} <= set(units) and not units.empty:
        shares = unit_shares(units, passages)
        ranked = shares.sort_values(["share", "outlet"], ascending=[False, True])
        left = len(stated_units(units)) < len(units)
        aside = "; candidate units not counted" if left else ""
        # story units, not every reuse or paraphrase pair: a paraphrase pair often
        # joins two facts on one topic (README, "Claims a researcher can cite")
        found += [
            Finding(f"{text} (passages the suite aligns firmly as one fact{aside}).", page)
            for text in share_sentences(list(ranked.head(2).itertuples()))
        ]
    return found


def share_sentences(rows: Sequence) -> list[str]:
    """The largest word shares in shared story units, one sentence per pair of outlets.

    Two shares of one pair of outlets, A's words in units shared with B and B's in units
    shared with A, are one sentence with both figures, and so are two shares of one
    outlet's words: a second sentence would repeat the first's subject and units (round
    10-13 readers: "mirror of the line before; redundant").

    Args:
        rows: Rows of :func:`narrative.units.unit_shares`, largest share first.

    Returns:
        Sentences without their closing parenthesis and full stop, in the rows' order.
    """

    sentences, done = [], set()
    for i, row in enumerate(rows):
        if i in done:
            continue
        text = (
            f"{_share(row.share)} of {row.outlet}'s words (headline aside) are in story units "
            f"it shares with {row.other}"
        )
        for j in range(i + 1, len(rows)):
            other = rows[j]
            if j in done:
                continue
            if (other.outlet, other.other) == (row.other, row.outlet):
                whose = f" of {other.outlet}'s words are"
            elif other.outlet == row.outlet:
                whose = ""
            else:
                continue
            text += f", and {_share(other.share)}{whose} in units it shares with {other.other}"
            done.add(j)
        sentences.append(text)
    return sentences


def events_findings(data: Path) -> list[Finding]:
    """A warning when articles share too little with the rest of their event to be its.

    An event made by mode (the whole corpus, one article per outlet) or as given says
    nothing of content: articles marked ``apart`` in ``events.csv`` may report other
    events, and every claim across them with it.
    """
    events = _read(data, "events")
    if events is None or "certainty" not in events:
        return []
    apart = events[events["certainty"] == APART]
    if apart.empty:
        return []
    outlets = listed(sorted(apart["outlet"].astype(str).unique()))
    return [
        Finding(
            f"The articles may report more than one event: {len(apart)} of the {len(events)} "
            f"({outlets}) share little with the rest of their event, the others need not be "
            "one story either; read which facts each carries or leaves out with that in mind.",
            "01-align-passages.html",
        )
    ]


def coverage_findings(data: Path, citable: set[str] | None = None) -> list[Finding | Withheld]:
    """Outlet-only facts, omissions and the largest prominence gap, where citable.

    A kind that is not citable is returned as :class:`Withheld` (when the report has
    facts), for the front page's last line.

    Args:
        data: The report's export folder.
        citable: Claim kinds that meet the standard (:func:`citable_claims` when ``None``).
    """
    citable = citable_claims() if citable is None else citable
    page = "02-coverage-and-emphasis.html"
    found = []
    alone = _read(data, "outlet_only")
    if "outlet-only" in citable and alone is not None and not alone.empty:
        claimed = alone[is_claimed(alone)].drop_duplicates("fact_id")
        if not claimed.empty and alone["outlet"].nunique() > 1:
            per_outlet = claimed.groupby("outlet").size().sort_values(ascending=False)
            top, count = per_outlet.index[0], int(per_outlet.iloc[0])
            found.append(
                Finding(f"{top} reports the most facts no other outlet carries ({count}).", page)
            )
    left = _read(data, "omissions")
    if "leaves out" in citable and left is not None and not left.empty:
        claimed = left[is_claimed(left)]
        if not claimed.empty:
            per_outlet = claimed.groupby("outlet").size().sort_values(ascending=False)
            top, count = per_outlet.index[0], int(per_outlet.iloc[0])
            found.append(
                Finding(
                    f"{top} leaves out {count} fact{'s' if count != 1 else ''} most other "
                    "outlets report.",
                    page,
                )
            )
    gaps = _read(data, "prominence_gaps")
    gaps = None if gaps is None else gaps[is_claimed(gaps)]
    if "prominence" in citable and gaps is not None and not gaps.empty:
        gap = gaps.iloc[0]
        found.append(
            Finding(
                f"A fact {gap['outlet_top']} puts in its {gap['band_top']} "
                f'("{_cut(gap["text_top"])}") comes {_share(gap["position_buried"])} of '
                f"the way down in {gap['outlet_buried']}.",
                page,
            )
        )
    if _read(data, "facts") is not None:
        found += [
            Withheld(what, UNDER_STANDARD, page)
            for claim, what in COVERAGE_KINDS.items()
            if claim not in citable
        ]
    return found


def listed(names: Sequence[str]) -> str:
    """Names joined as a sentence lists them: "A", "A and B", "A, B and C"; "" for none."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def close_lead(top: MostQuoted) -> str:
    """Why a lead under :data:`narrative.quotes.MIN_LEAD` attributions is not stated.

    Names no voice and gives no count: a sentence that withholds the ranking but names
    its leaders still makes claims, and they were wrong where the ranking was (round 12:
    "Kyriakides, Kyrtsos, Sarantopoulou 4 each", two of them misread). Page 03 gives the
    counts as a candidate.
    """
    if not top.next_voices:
        return "too few named attributions to rank voices"
    return f"a lead under {MIN_LEAD} attributions"


def most_quoted_claim(top: MostQuoted) -> Finding | Withheld:
    """The most quoted named voice as a finding, or withheld when the evidence splits.

    Stated when every voice with the most attributions also has the most attributions
    that write its name in the sentence, and leads the next voice by at least
    :data:`narrative.quotes.MIN_LEAD` attributions; otherwise the lead rests on pronouns
    and titles resolved to a voice (round-3 audit: 88% right, against 96% for a name in
    the sentence) or is small enough for one misread attribution to overturn, and the
    claim is withheld (page 03 gives the counts as a candidate), naming no voice.
    """
    page = "03-voices-and-wording.html"
    what = "which named voice is quoted most"
    count = top.count
    plural = "s" if count != 1 else ""

    def spread(voice: str) -> str:
        n = top.outlets[voice]
        return f"{n} outlet{'s' if n != 1 else ''}"

    if top.named_lead and top.close:
        return Withheld(what, close_lead(top), page)
    if not top.holds:
        return Withheld(what, "a lead resting on pronouns and titles resolved to a voice", page)
    if len(top.leaders) == 1:
        voice = top.leaders[0]
        named = top.in_sentence[voice]
        also = f"; {named} with the name in the sentence, also the most" if named < count else ""
        return Finding(
            f"The most quoted named voice is {voice} ({count} attribution{plural} in "
            f"{spread(voice)}{also}).",
            page,
        )
    # a tie is said as one: which comes first is not in the data
    each = "; ".join(f"{v} in {spread(v)}" for v in top.leaders)
    named = top.named_count
    also = f"; {named} each with the name in the sentence, also the most" if named < count else ""
    return Finding(
        f"The most quoted named voices are {listed(top.leaders)}, {count} attributions each "
        f"({each}{also}).",
        page,
    )


def most_anonymous_claim(top: MostAnonymous) -> Finding | Withheld:
    """The highest anonymous share as a finding, or withheld on too little evidence.

    Stated when :attr:`narrative.quotes.MostAnonymous.holds` (at least
    :data:`narrative.quotes.MIN_ANONYMOUS` anonymous attributions, and a lead that one
    misread attribution does not overturn); otherwise withheld with the reason, naming no
    outlet and giving no share (as :func:`close_lead`): page 03 gives them as a candidate.
    """
    page = "03-voices-and-wording.html"
    if top.holds:
        return Finding(
            f"{top.outlet} attributes {_share(top.share)} of its {top.attributions} "
            f"attributions to anonymous sources, the highest share among the outlets with "
            f"{top.min_attributions} attributions or more.",
            page,
        )
    why = (
        f"under {MIN_ANONYMOUS} anonymous attributions"
        if not top.enough
        else "a lead one misread attribution overturns"
    )
    return Withheld("which outlet relies most on anonymous sources", why, page)


def voices_findings(data: Path) -> list[Finding | Withheld]:
    """The most quoted voice and the outlet with the most anonymous sourcing, or withheld."""
    said = _read(data, "quotes")
    if said is None or said.empty:
        return []
    found = []
    said = said.assign(voice=said["person"] if "person" in said else voice_names(said))
    top = most_quoted(said.assign(person=said["voice"]))
    if top is not None:
        found.append(most_quoted_claim(top))
    anonymous = most_anonymous(said)
    if anonymous is not None:
        found.append(most_anonymous_claim(anonymous))
    return found


def numbers_findings(data: Path, citable: set[str] | None = None) -> list[Finding | Withheld]:
    """The first finding of figures that differ between outlets, with every outlet's figure.

    Args:
        data: The report's export folder.
        citable: Claim kinds that meet the standard (:func:`citable_claims` when ``None``).
    """
    citable = citable_claims() if citable is None else citable
    differ = _read(data, "number_disagreements")
    # candidates (figures of passages not aligned with each other) are never stated here
    differ = None if differ is None else differ[stated_findings(differ)]
    if differ is None or differ.empty:
        return []
    if "figures differ" not in citable:
        findings = differ["finding"].nunique() if "finding" in differ else len(differ)
        what = f"{findings} finding{'s' if findings != 1 else ''} of figures that differ"
        return [Withheld(what, UNDER_STANDARD, "04-numbers-and-frames.html")]
    if "finding" not in differ:
        differ = differ.assign(finding=[f"N{i + 1}" for i in range(len(differ))])
    # Counts (tolls, numbers of zones) before dates.
    order = differ.assign(_order=differ["kind"].ne("count")).sort_values("_order", kind="stable")
    first = order["finding"].iloc[0]
    group = differ[differ["finding"] == first]
    figures = {}
    for side in ("a", "b"):
        for row in group.itertuples(index=False):
            key = (getattr(row, f"doc_{side}"), getattr(row, f"surface_{side}"))
            figures.setdefault(key, getattr(row, f"outlet_{side}"))
    listed = ", ".join(f'{outlet} "{surface}"' for (_, surface), outlet in figures.items())
    others = differ["finding"].nunique() - 1
    more = f" (and {others} more)" if others else ""
    what = group["what"].iloc[0] or group["kind"].iloc[0]
    return [
        Finding(f"Figures differ ({first}, {what}): {listed}{more}.", "04-numbers-and-frames.html")
    ]


def review_findings(data: Path) -> list[Finding | Withheld]:
    """How many claims rest on the researcher's reviewed evidence (see ``narrative.review``).

    A fact (a story unit or an outlet-only passage) rests on reviewed evidence when
    every passage of it has a decision; a figure disagreement when its pair is
    confirmed. Before any decision, a claim on reviewed evidence is :class:`Withheld`.
    """
    passages, facts = _read(data, "passages"), _read(data, "facts")
    alignments = _read(data, "alignments")
    if passages is None or "reviewed" not in passages or alignments is None:
        return []
    page = "01-align-passages.html"
    decided = passages[passages["reviewed"] != ""]
    if decided.empty:
        return [
            Withheld(
                "any claim on reviewed evidence",
                "nothing reviewed yet; notebooks/05-review.ipynb",
                page,
            )
        ]
    parts = []
    if facts is not None and not facts.empty:
        mark = facts.merge(
            passages[["doc_id", "passage_id", "reviewed"]], on=["doc_id", "passage_id"], how="left"
        )
        sure = mark.groupby("fact_id")["reviewed"].agg(lambda s: bool(s.ne("").all()))
        parts.append(f"{int(sure.sum())} of {len(sure)} facts")
    differ = _read(data, "number_disagreements")
    if differ is not None and "reviewed" in differ and not differ.empty:
        parts.append(
            f"{int(differ['reviewed'].eq('confirmed').sum())} of {len(differ)} figure disagreements"
        )
    confirmed = int(alignments["reviewed"].eq("confirmed").sum()) if "reviewed" in alignments else 0
    no_fact = int(passages["reviewed"].eq("not a fact").sum())
    rest = (
        f"; {' and '.join(parts)} rest on reviewed evidence, the rest on the machine alone"
        if parts
        else ""
    )
    return [
        Finding(
            f"Reviewed: {len(decided)} passages decided on ({no_fact} not a fact), "
            f"{confirmed} aligned pairs confirmed{rest}.",
            page,
        )
    ]


def _cut(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def not_stated(withheld: Sequence[Withheld]) -> Finding | None:
    """What the front page does not state, as its one last line; ``None`` when nothing.

    Kinds withheld for one reason are listed together, the reason after them in
    brackets, in the order given; each kind links to the page that lists its candidates.

    Args:
        withheld: What the findings functions withheld, in reading order.

    Returns:
        A finding whose ``parts`` link each kind to its page.
    """
    if not withheld:
        return None
    reasons: dict[str, list[Withheld]] = {}
    for item in withheld:
        reasons.setdefault(item.why, []).append(item)
    parts: list[tuple[str, str]] = [("Not stated here, each listed on its page to check: ", "")]
    for n, (why, items) in enumerate(reasons.items()):
        if n:
            parts.append(("; " if n < len(reasons) - 1 else "; and ", ""))
        for i, item in enumerate(items):
            if i:
                parts.append((", " if i < len(items) - 1 else " and ", ""))
            parts.append((item.what, item.page))
        parts.append((f" ({why})", ""))
    parts.append((".", ""))
    return Finding("".join(text for text, _ in parts), "", tuple(parts))


def headline_findings(out_dir: str | Path, citable: set[str] | None = None) -> list[Finding]:
    """Every headline finding the report's exports support, in reading order.

    What is withheld comes last, in one line (:func:`not_stated`).

    Args:
        out_dir: The report folder (exports in its ``data/``).
        citable: Claim kinds that meet the standard (:func:`citable_claims` when ``None``).
    """
    data = Path(out_dir) / "data"
    citable = citable_claims() if citable is None else citable
    found = [
        *events_findings(data),
        *alignment_findings(data),
        *coverage_findings(data, citable),
        *voices_findings(data),
        *numbers_findings(data, citable),
        *review_findings(data),
    ]
    stated = [f for f in found if isinstance(f, Finding)]
    line = not_stated([f for f in found if isinstance(f, Withheld)])
    return stated if line is None else [*stated, line]
