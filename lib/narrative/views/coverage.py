"""HTML views of coverage: outlet-only and left-out facts, ledes side by side, prominence gaps.

Inputs are the tables of :mod:`narrative.coverage`. Every view returns an
escaped HTML string with inline styles.
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from narrative.coverage import is_claimed
from narrative.views._html import CELL, TABLE, badge, escape
from narrative.views._layout import more, scroll_box
from narrative.views.explore import fact_link


def coverage_summary(
    facts: pd.DataFrame,
    exclusives: pd.DataFrame,
    omissions: pd.DataFrame,
    outlets: list[str],
    confirmed: Collection[str] = (),
) -> str:
    """One paragraph: how many facts, and how many outlet-only and left-out candidates.

    Says what the tables hold and no more: a passage in no story unit is not a fact
    only one outlet carries (another outlet may carry it in other words), so the
    passages in no unit are split by what :func:`narrative.coverage.exclusives` found.

    Args:
        facts: Fact table (:func:`narrative.coverage.fact_table`).
        exclusives: Table from :func:`narrative.coverage.exclusives`.
        omissions: Table from :func:`narrative.coverage.omissions`.
        outlets: The outlets.
        confirmed: Kinds of claim that meet the standard
            (:func:`narrative.findings.citable_claims`); the others are called candidates.

    Returns:
        HTML paragraph.
    """
    ids = facts.drop_duplicates("fact_id")
    units = int((ids["n_outlets"] > 1).sum())
    alone = exclusives.drop_duplicates("fact_id")["status"].value_counts()
    only, maybe = int(alone.get("outlet-only", 0)), int(alone.get("possible counterpart", 0))
    stubs = int(alone.get("not a statement", 0))
    status = omissions["status"].value_counts() if not omissions.empty else pd.Series(dtype=int)
    left = int(status.get("leaves out", 0))
    held = {
        "a possible counterpart in the outlet (a strong pair, or its own figure for the "
        "count)": int(status.get("possible counterpart", 0)),
        "a fact whose passages in other outlets are linked only loosely (no firm pair: "
        "they may state different facts)": int(status.get("loose fact", 0)),
        "published before the fact was first reported": int(status.get("published before", 0)),
    }
    withheld = "; ".join(f"{n} {why}" for why, n in held.items() if n)
    sure = {"outlet-only", "leaves out"} & set(confirmed)
    only_name = "outlet-only" + ("" if "outlet-only" in sure else " candidates")
    left_name = "left-out" + ("" if "leaves out" in sure else " candidates")
    if sure == {"outlet-only", "leaves out"}:
        verdict = "Both kinds of claim meet the standard on every held-out labelled set."
    elif sure:
        verdict = (
            f"Meets the standard on every held-out labelled set: {', '.join(sorted(sure))}; "
            "read the other kind as candidates to check, not findings."
        )
    else:
        verdict = (
            "Neither kind of claim meets the standard (precision 0.90 or more, and half of the "
            "true claims found, on every held-out labelled set; README, Claims): read them as "
            "candidates to check, not findings."
        )
    return (
        f"<p><b>{len(ids)} facts</b> at most, in {len(outlets)} outlets: <b>{units}</b> story "
        f"units (passages of two or more outlets aligned firmly) and {len(ids) - units} passages "
        f"in no unit. Of these, <b>{only}</b> have no plausible counterpart in another outlet "
        f"({only_name}), {maybe} have one (not claimed: another outlet may carry the fact in "
        f"other words) and {stubs} state nothing on their own. A fact counts more than once "
        "where two units or a unit and a passage with a possible counterpart hold it, as wire "
        f"copy run by many outlets often is. <b>{left}</b> times an outlet "
        "has no strong counterpart of a fact that most other outlets carry, one at least two "
        f"of them state by a firm pair ({left_name})"
        + (f"; not claimed: {withheld}" if withheld else "")
        + f". {escape(verdict)}</p>"
    )


def _passage(text: str, kind: str, position: float) -> str:
    return (
        f'{escape(text)} <span style="color:#888;font-size:11px">({escape(kind)}, '
        f"{position:.0%})</span>"
    )


def _capped_list(items: list[str], limit: int) -> str:
    """``<li>`` items as a list of the first ``limit``, the rest behind "more"; "none" if empty."""
    if not items:
        return "none"
    rest = f"<ul>{''.join(items[limit:])}</ul>"
    return f"<ul>{''.join(items[:limit])}</ul>{more(rest, len(items) - limit)}"


def _hints(rows: pd.DataFrame, what: str, *, text: str = "text") -> str:
    """A collapsed list of candidate claims withheld, each with the evidence against it."""
    if rows.empty:
        return ""
    items = "".join(
        f"<li>{escape(getattr(r, text))}"
        + (
            f'<br><span style="color:#555">possible counterpart ({escape(r.evidence)}): '
            f"{escape(r.counterpart)}</span>"
            if r.counterpart
            else ""
        )
        + "</li>"
        for r in rows.itertuples(index=False)
    )
    return (
        f'<details><summary style="color:#555">{len(rows)} {escape(what)}</summary>'
        f"<ul>{items}</ul></details>"
    )


def exclusives_view(
    exclusive: pd.DataFrame,
    omitted: pd.DataFrame,
    facts: pd.DataFrame,
    outlets: list[str],
    colours: dict[str, str],
    *,
    limit: int = 10,
    confirmed: Collection[str] = (),
    linked: Collection[str] | None = None,
) -> str:
    """Per outlet: the facts only it reports, and the facts most others report that it leaves out.

    A column whose kind of claim is not in ``confirmed`` (it does not meet the standard
    on the held-out labelled sets) is headed as candidates, not confirmed. Only claims
    the evidence supports are listed; the candidates withheld
    (a possible counterpart in another outlet, an article published before the fact
    was first reported, a passage that states nothing) follow, collapsed, with the
    evidence against each.

    Args:
        exclusive: Table from :func:`narrative.coverage.exclusives` (with ``status``).
        omitted: Table from :func:`narrative.coverage.omissions` (with ``status``).
        facts: Facts the omissions are about (for their passages): the fact table, with
            the corroborated facts (:attr:`narrative.coverage.Coverage.asked`).
        outlets: Outlet labels, in row order.
        colours: Outlet colours.
        limit: Most claims listed per outlet and column.
        confirmed: Kinds of claim (``outlet-only``, ``leaves out``) that meet the standard
            (:func:`narrative.findings.citable_claims`); the others are called candidates.
        linked: Fact ids the page's facts explorer lists, shown as links (all when ``None``).

    Returns:
        HTML: a table with one row per outlet.
    """
    only_sure, left_sure = "outlet-only" in confirmed, "leaves out" in confirmed
    unsure = " (candidates, not confirmed)"

    def link(fact_id: str) -> str:
        return fact_link(fact_id) if linked is None or fact_id in linked else escape(fact_id)

    body = []
    for outlet in outlets:
        mine = exclusive[exclusive["outlet"] == outlet]
        own = mine[mine["status"] == "outlet-only"]
        own_ids = list(dict.fromkeys(own["fact_id"]))
        items = []
        for fact_id in own_ids:
            parts = "<br>".join(
                _passage(r.text, r.kind, r.position)
                for r in own[own["fact_id"] == fact_id].itertuples(index=False)
            )
            items.append(f'<li title="{escape(fact_id)}">{parts}</li>')
        only = _capped_list(items, limit)
        only += _hints(
            mine[mine["status"] == "possible counterpart"],
            "more with a possible counterpart elsewhere (not claimed)",
        )
        stubs = int((mine["status"] == "not a statement").sum())
        if stubs:
            only += f'<div style="color:#888">{stubs} attribution stubs or asides not counted</div>'

        mine_left = omitted[omitted["outlet"] == outlet]
        left = mine_left[mine_left["status"] == "leaves out"]
        items = []
        for r in left.itertuples(index=False):
            carriers = facts[facts["fact_id"] == r.fact_id].drop_duplicates("outlet")
            evidence = "".join(
                f"<div>{badge(c.outlet, colours[c.outlet])} {_passage(c.text, c.kind, c.position)}"
                "</div>"
                for c in carriers.itertuples(index=False)
            )
            items.append(
                f"<li><b>{link(r.fact_id)}</b> in {r.carried_by} of {r.others} other "
                "outlets, by aligned passages"
                f"<details><summary>{escape(r.label)}</summary>{evidence}</details></li>"
            )
        missing = _capped_list(items, limit)
        missing += _hints(
            mine_left[mine_left["status"] == "possible counterpart"],
            "more that it may carry in other words (not claimed)",
            text="label",
        )
        missing += _hints(
            mine_left[mine_left["status"] == "loose fact"],
            "more whose carriers are linked only loosely, by no firm pair (not claimed: "
            "their passages may state different facts)",
            text="label",
        )
        missing += _hints(
            mine_left[mine_left["status"] == "published before"],
            "more carried only by articles published after its own (not claimed)",
            text="label",
        )
        body.append(
            f'<tr><td style="{CELL};border-left:6px solid {colours[outlet]}">'
            f"<b>{escape(outlet)}</b><br>{len(own_ids)} outlet-only"
            f"{'' if only_sure else ' candidates'}, {len(left)} left out"
            f"{'' if left_sure else ' candidates'}</td>"
            f'<td style="{CELL}">{only}</td><td style="{CELL}">{missing}</td></tr>'
        )
    return scroll_box(
        f'<table style="{TABLE}"><thead><tr><th style="{CELL}">outlet</th>'
        f'<th style="{CELL}">only this outlet reports{"" if only_sure else unsure}</th>'
        f'<th style="{CELL}">most other outlets report, this one leaves out'
        f"{'' if left_sure else unsure}</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def ledes_view(ledes: pd.DataFrame, colours: dict[str, str]) -> str:
    """Headlines, standfirsts and ledes of all articles side by side.

    Args:
        ledes: Table from :func:`narrative.coverage.ledes`.
        colours: Outlet colours.

    Returns:
        HTML: a table with one row per article.
    """
    body = "".join(
        f'<tr><td style="{CELL};border-left:6px solid {colours[r.outlet]}">'
        f'<b>{escape(r.outlet)}</b><br><span style="color:#888">{escape(r.doc_id)}</span></td>'
        f'<td style="{CELL};font-weight:bold">{escape(r.headline)}</td>'
        f'<td style="{CELL};font-style:italic">{escape(r.standfirst)}</td>'
        f'<td style="{CELL}">{escape(r.lede)}</td></tr>'
        for r in ledes.itertuples(index=False)
    )
    return scroll_box(
        f'<table style="{TABLE}"><thead><tr><th style="{CELL}">outlet</th>'
        f'<th style="{CELL}">headline</th><th style="{CELL}">standfirst</th>'
        f'<th style="{CELL}">lede</th></tr></thead><tbody>{body}</tbody></table>'
    )


def prominence_gaps_view(
    gaps: pd.DataFrame,
    colours: dict[str, str],
    *,
    limit: int = 20,
    confirmed: Collection[str] = (),
) -> str:
    """Facts one outlet puts on top and another buries, with both passages.

    Gaps whose burying article may state the fact higher up (``status`` ``possibly
    higher``) are not claimed: they follow, collapsed, with that passage. While
    ``prominence`` is not in ``confirmed`` (it does not meet the standard on the
    held-out labelled sets) the claims are headed as candidates, not confirmed.

    Args:
        gaps: Table from :func:`narrative.coverage.prominence_gaps`.
        colours: Outlet colours.
        limit: Most rows shown in each list (largest gaps first).
        confirmed: Kinds of claim that meet the standard
            (:func:`narrative.findings.citable_claims`).

    Returns:
        HTML; when there is no gap, a note that says what the empty table does not show.
    """
    mask = is_claimed(gaps)
    claims, higher = gaps[mask], gaps[~mask]
    if claims.empty and higher.empty:
        # an empty table is no finding that the outlets place every fact alike: the
        # firm pairs a gap needs reach few of the true gaps (README, "Claims ...")
        return (
            "<p><em>No gap is listed: no two passages aligned firmly as one fact sit one on "
            "top and the other in the second half. This is not a finding that the outlets "
            "place the facts alike; the firm pairs a gap needs reach few of the true gaps "
            '(README, "Claims a researcher can cite").</em></p>'
        )

    def side(r: tuple, suffix: str) -> str:
        outlet = getattr(r, f"outlet_{suffix}")
        band = getattr(r, f"band_{suffix}")
        position = getattr(r, f"position_{suffix}")
        return (
            f'<td style="{CELL}">{badge(outlet, colours[outlet])} <b>{escape(band)}</b> '
            f"({position:.0%})<br>{escape(getattr(r, f'text_{suffix}'))}</td>"
        )

    def table(rows: pd.DataFrame, extra: bool) -> str:
        body = "".join(
            f'<tr><td style="{CELL};white-space:nowrap"><b>{fact_link(r.fact_id)}</b></td>'
            f"{side(r, 'top')}{side(r, 'buried')}"
            f'<td style="{CELL}">{r.gap:.0%}</td>'
            + (f'<td style="{CELL}">{escape(r.higher)}</td>' if extra else "")
            + "</tr>"
            for r in rows.head(limit).itertuples(index=False)
        )
        head = "".join(
            f'<th style="{CELL}">{h}</th>'
            for h in ["fact", "on top", "buried", "gap in position"]
            + (["may state it higher up"] if extra else [])
        )
        return scroll_box(
            f'<table style="{TABLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        )

    parts = []
    if claims.empty:
        parts.append(
            "<p><em>No gap is claimed: in every gap found, the burying article has a passage "
            "on top that may state the fact (listed below).</em></p>"
        )
    else:
        if "prominence" not in confirmed:
            parts.append(
                f"<p><b>{len(claims)} candidate{'s' if len(claims) != 1 else ''}, not "
                "confirmed</b>: prominence claims do not meet the standard on the held-out "
                'labelled corpora (README, "Claims a researcher can cite").</p>'
            )
        parts.append(table(claims, extra=False))
    if not higher.empty:
        parts.append(
            f"<details><summary>{len(higher)} more where the burying article may state the "
            "fact higher up (not claimed)</summary>" + table(higher, extra=True) + "</details>"
        )
    return "".join(parts)


def timeline_view(timeline: pd.DataFrame, colours: dict[str, str]) -> str:
    """A note on events whose articles are weeks apart, with what each could have known.

    Args:
        timeline: Table from :func:`narrative.coverage.timeline`.
        colours: Outlet colours.

    Returns:
        HTML: nothing when no event's articles are far apart, else a note and a table
        with one row per article.
    """
    if timeline.empty:
        return ""
    parts = []
    for event, group in timeline.groupby("event", sort=False):
        rows = "".join(
            f'<tr><td style="{CELL};border-left:6px solid {colours[r.outlet]}">'
            f'<b>{escape(r.outlet)}</b></td><td style="{CELL}">{escape(r.published)}</td>'
            f'<td style="{CELL}">{r.later_facts}'
            + (f'<br><span style="color:#555">{escape(r.examples)}</span>' if r.examples else "")
            + "</td></tr>"
            for r in group.sort_values("published", kind="stable").itertuples(index=False)
        )
        parts.append(
            f"<p><b>Articles weeks apart.</b> The articles of event {escape(str(event))} were "
            f"published over {int(group['span_days'].iloc[0])} days. An article is never said "
            "to leave out a fact that only articles published after it carry.</p>"
            + scroll_box(
                f'<table style="{TABLE}"><thead><tr><th style="{CELL}">outlet</th>'
                f'<th style="{CELL}">published</th><th style="{CELL}">shared facts that only '
                "later articles carry (it is not asked about them; it may report the same "
                "events in other words)</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>"
            )
        )
    return "".join(parts)
