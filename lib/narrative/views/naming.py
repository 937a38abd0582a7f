"""HTML evidence for the naming analysis: who calls what, how, with the passages."""

from __future__ import annotations

import pandas as pd

from narrative.naming import CANDIDATE, SURER
from narrative.views._html import CELL, NOTE, TABLE, badge, escape, mark_spans

#: Rows :func:`contrasts_view` shows at most, and the least mentions on each side.
SHOWN_LIMIT, SHOWN_MIN_MENTIONS = 25, 2


def _eligible(contrasts: pd.DataFrame, min_mentions: int) -> pd.DataFrame:
    return contrasts[
        (contrasts["mentions_a"] >= min_mentions)
        & (contrasts["mentions_b"] >= min_mentions)
        & (contrasts["difference"] > 0)
    ]


def shown_contrasts(
    contrasts: pd.DataFrame,
    *,
    limit: int = SHOWN_LIMIT,
    min_mentions: int = SHOWN_MIN_MENTIONS,
) -> pd.DataFrame:
    """The rows :func:`contrasts_view` shows: those that differ, each side named
    at least ``min_mentions`` times, the first ``limit`` in the table's order."""
    return _eligible(contrasts, min_mentions).head(limit)


def contrasts_summary(
    contrasts: pd.DataFrame,
    *,
    limit: int = SHOWN_LIMIT,
    min_mentions: int = SHOWN_MIN_MENTIONS,
) -> str:
    """Markdown: which rows of ``naming_contrasts.csv`` the page shows, and how they were chosen.

    Says how many rows the table has, how many differ with each side named at least
    ``min_mentions`` times, how many of those are shown (the first ``limit`` in the
    table's order: the surer evidence first, then the largest difference), how many of
    the shown are of the surer kind (``status`` ``surer``) and of the weaker kind
    (``candidate``), and how many of the surer kind are stated as findings (``stated``).
    The kinds are named by their evidence, never "asserted": the rounds 10 to 13 of the
    audits read "asserted" beside "none is stated" as a claim the page makes.
    """
    eligible = _eligible(contrasts, min_mentions)
    shown = eligible.head(limit)
    surer = _surer(shown)
    stated = int(shown["stated"].astype(bool).sum()) if "stated" in shown else surer
    style = int(shown["style"].astype(bool).sum()) if "style" in shown else 0
    return (
        f"`naming_contrasts.csv` has {len(contrasts)} rows ({_surer(contrasts)} of the surer "
        f"kind), one per concept and pair of outlets that both name it; {len(eligible)} differ "
        f"(difference above 0) with each outlet naming the concept at least {min_mentions} "
        f"times. The page shows the first {len(shown)} of them in the table's order (a choice "
        "of words before house style, named entity and aligned swap before one head noun, "
        f"then the largest difference): **{surer} of the surer kind** (`status` `surer`: one "
        f"named entity or a swap of the surer kind) and **{len(shown) - surer} of the weaker "
        "kind** (`candidate`: one head noun, or a country one side names by its capital, "
        "the government perhaps against the place; check the passages before citing them). "
        f"{_stated_note(stated, surer)} "
        f"**{style} of the shown are house style** (column `style`): every name "
        "on both sides holds the person's or entity's name and they differ only in the words "
        'around it (a title, an age, a given name, a role: "Chairman Steele" / "Steele"); '
        "the outlets' style guides decide those, not a choice of words about who it is."
    )


def _surer(contrasts: pd.DataFrame) -> int:
    """Rows of the surer kind (``status`` ``surer``; every row of a table without it)."""
    if "status" not in contrasts:
        return len(contrasts)
    return int((contrasts["status"] == SURER).sum())


def _stated_note(stated: int, surer: int) -> str:
    """How many of the shown contrasts of the surer kind are stated as findings."""
    if not surer:
        return ""
    if not stated:
        return (
            "**None of them is stated as a finding** (column `stated`): held out, the contrasts "
            "of the surer kind have not met the standard (see below and the README), so read "
            "each in its passages before citing it."
        )
    if stated == surer:
        return f"**All {surer} of the surer kind are stated as findings** (column `stated`)."
    return (
        f"**{stated} of the {surer} of the surer kind are stated as findings** (column `stated`)."
    )


def contrasts_view(
    contrasts: pd.DataFrame,
    colours: dict[str, str],
    *,
    limit: int = SHOWN_LIMIT,
    min_mentions: int = SHOWN_MIN_MENTIONS,
) -> str:
    """The concepts two outlets name most differently, one row per (concept, pair of outlets).

    Args:
        contrasts: Table from :func:`narrative.naming.naming_contrasts`.
        colours: Outlet colours (:func:`narrative.figures.outlet_colours`).
        limit: Rows shown.
        min_mentions: Least mentions on each side for a row to be shown
            (one mention each is weak evidence of a choice of words).

    Returns:
        HTML table: concept, each outlet's names with counts, the difference
        and why both sides name one referent (``evidence``); a row whose
        ``status`` is ``candidate`` is labelled so, and one whose ``style`` is true
        "house style".
    """
    shown = shown_contrasts(contrasts, limit=limit, min_mentions=min_mentions)
    if shown.empty:
        return (
            f"<p><em>No concept that two outlets each name at least {min_mentions} times "
            "and name differently.</em></p>"
        )
    rows = []
    for r in shown.itertuples(index=False):
        event = f'<br><span style="{NOTE}">{escape(r.event)}</span>' if r.event else ""
        why = getattr(r, "evidence", "")
        evidence = f'<br><span style="{NOTE}">{escape(why)}</span>' if why else ""
        if getattr(r, "status", SURER) == CANDIDATE:
            evidence += f'<br><span style="{NOTE}"><b>candidate</b>: check the passages</span>'
        if bool(getattr(r, "style", False)):
            evidence += (
                f'<br><span style="{NOTE}"><b>house style</b>: the same name, '
                "titles or ages aside</span>"
            )

        rows.append(
            f'<tr><td style="{CELL}"><b>{escape(r.concept)}</b>{event}</td>'
            f'<td style="{CELL}">{badge(r.outlet_a, colours[r.outlet_a])} '
            f"{escape(r.names_a)}</td>"
            f'<td style="{CELL}">{badge(r.outlet_b, colours[r.outlet_b])} '
            f"{escape(r.names_b)}</td>"
            f'<td style="{CELL};white-space:nowrap">{r.difference:.2f}{evidence}</td></tr>'
        )
    return (
        f'<table style="{TABLE}"><thead><tr><th style="{CELL}">concept</th>'
        f'<th style="{CELL}">outlet a calls it</th><th style="{CELL}">outlet b calls it</th>'
        f'<th style="{CELL}">difference</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def names_view(
    names: pd.DataFrame,
    colours: dict[str, str],
    *,
    concepts: int = 15,
    min_outlets: int = 3,
) -> str:
    """Each concept's names, outlet by outlet, with the first passage that uses each.

    Args:
        names: Table from :func:`narrative.naming.naming_table`.
        colours: Outlet colours.
        concepts: Concepts shown (most mentioned first).
        min_outlets: Least outlets naming a concept for it to be shown.

    Returns:
        HTML: one collapsible table per concept, one row per (outlet, name).
    """
    reach = names.groupby(["event", "concept"], sort=False)["outlet"].nunique()
    chosen = [k for k, n in reach.items() if n >= min_outlets][:concepts]
    if not chosen:
        return "<p><em>No concept that several outlets name.</em></p>"
    blocks = []
    for event, concept in chosen:
        group = names[(names["event"] == event) & (names["concept"] == concept)]
        rows = []
        for r in group.itertuples(index=False):
            at = r.text.find(r.name)
            passage = mark_spans(r.text, [(at, at + len(r.name))]) if at >= 0 else escape(r.text)
            rows.append(
                f'<tr><td style="{CELL};white-space:nowrap">'
                f"{badge(r.outlet, colours[r.outlet])}</td>"
                f'<td style="{CELL}"><b>{escape(r.name)}</b> &times;{r.count}</td>'
                f'<td style="{CELL}">{passage}<br><span style="{NOTE}">'
                f"{escape(r.doc_id)} #{r.passage_id}</span></td></tr>"
            )
        blocks.append(
            f"<details><summary><b>{escape(concept)}</b> "
            f"({int(group['count'].sum())} mentions, {group['outlet'].nunique()} outlets)"
            f'</summary><table style="{TABLE}"><tbody>{"".join(rows)}</tbody></table></details>'
        )
    return "".join(blocks)
