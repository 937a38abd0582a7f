"""HTML view of numbers that disagree: both passages, the figures highlighted.

Input is the table of :func:`narrative.numbers.number_disagreements` (or the
full :func:`narrative.numbers.number_comparisons`). The view returns an escaped
HTML string with inline styles.
"""

from __future__ import annotations

import pandas as pd

from narrative.figures import RELATION_COLOURS
from narrative.numbers import CANDIDATE, CROWD_NOUNS, stated_findings
from narrative.views._html import CELL, TABLE, Mark, badge, escape, mark_spans
from narrative.views._layout import scroll_box

_FIGURE = Mark("background:#ffe08a;font-weight:600;padding:0 1px")
_UNALIGNED = "#777777"
#: What the page says when it lists no finding: what the suite found, not what the articles
#: hold (it finds about half of the labelled disagreements on the labelled sets).
_NONE_FOUND = (
    "The suite found no two outlets giving different figures for one quantity; it misses "
    "some (README, Claims): check the figures (numbers.csv) before saying they agree."
)


def figures_summary(
    figures: pd.DataFrame, disagreements: pd.DataFrame, *, confirmed: bool = False
) -> str:
    """One paragraph: how many figures were read and how many findings of figures differ.

    Args:
        figures: Table from :func:`narrative.numbers.number_table`.
        disagreements: Table from :func:`narrative.numbers.number_disagreements`, grouped by
            :func:`narrative.numbers.disagreement_findings`.
        confirmed: Whether "figures differ" meets the standard on the held-out labelled
            sets (:func:`narrative.findings.citable_claims`); otherwise the findings are
            called candidates.

    Returns:
        HTML paragraph; its counts are those of the table :func:`disagreements_view` shows.
    """
    sure = stated_findings(disagreements)
    stated, candidates = disagreements[sure], disagreements[~sure]
    findings, held = _count(stated), _count(candidates)
    unaligned = int((stated["relation"] == "unaligned").sum())
    plural = "s" if findings != 1 else ""
    text = (
        f"<b>{len(figures)} figures</b> (counts, amounts, percentages, dates, ordinals) in the "
        f"passages. "
    )
    if not findings and not held:
        return f"<p>{text}{_NONE_FOUND}</p>"
    if findings:
        total = len(stated)
        pairs = f"{total} pair{'s' if total != 1 else ''} of figures"
        # counted in pairs, as the pairs are what is or is not aligned
        if not unaligned:
            which = "its passages are aligned" if total == 1 else "all from aligned passages"
        elif unaligned == total:
            which = "its passages are not aligned" if total == 1 else "none from aligned passages"
        else:
            which = f"{unaligned} of them from passages that are not aligned"
        if "status" in disagreements:
            which += (
                "; each has a pair of passages aligned as the same fact, or articles that "
                "share a statement"
            )
        text += (
            f"Figures differ for what the suite reads as one quantity in <b>{findings}</b> "
            f"finding{plural} ({pairs}; {which})."
        )
    else:
        text += "The suite states no finding of figures that differ."
    if held:
        verb = "is a candidate" if held == 1 else "are candidates"
        who = f"{held} more" if findings else f"{held} finding{'s' if held != 1 else ''}"
        crowds = (
            _count(candidates[candidates["what"].isin(list(CROWD_NOUNS))])
            if "what" in candidates
            else 0
        )
        reasons = []
        if held > crowds:
            reasons.append(
                "casualty figures of passages not aligned with each other, in articles that "
                "only a chain through other articles puts in one story (one day's news may be "
                "several incidents)"
            )
        if crowds:
            which = "counts of nothing but 'people'" if crowds == held else f"{crowds} of them"
            reasons.append(f"{which}, a crowd's or a group's size (one story has many groups)")
        text += f" <b>{who}</b> {verb}, not stated: {'; '.join(reasons)}; check the passages."
    if findings and not confirmed:
        text += (
            " This kind of claim does not meet the standard on the held-out labelled corpora "
            "(README, Claims): read each finding as a candidate to check against its "
            "passages, not as established."
        )
    return f"<p>{text}</p>"


def _count(disagreements: pd.DataFrame) -> int:
    """Findings of a disagreement table (rows without a ``finding`` column are one each)."""
    if "finding" in disagreements:
        return int(disagreements["finding"].nunique())
    return len(disagreements)


def highlight(text: str, start: int, end: int) -> str:
    """A passage as HTML with one character span marked.

    Args:
        text: The passage.
        start: Offset of the first marked character.
        end: Offset just past the last marked character.

    Returns:
        Escaped HTML.
    """
    return mark_spans(text, [(start, end)], default=_FIGURE)


def _figure(row: pd.Series, side: str) -> str:
    date = row[f"date_{side}"]
    return escape(f"{row[f'surface_{side}']}" + (f" ({date})" if date else ""))


def disagreements_view(
    disagreements: pd.DataFrame, colours: dict[str, str], *, limit: int | None = None
) -> str:
    """Each finding as a row: what is counted, then every outlet's figure in its passage.

    Args:
        disagreements: Table from :func:`narrative.numbers.number_disagreements`, grouped by
            :func:`narrative.numbers.disagreement_findings` (a table without a ``finding``
            column shows one finding per row).
        colours: Outlet colours (:func:`narrative.figures.outlet_colours`).
        limit: Show at most this many findings (all when ``None``).

    Returns:
        HTML: a table with one row per finding, or a note when there is none.
    """
    if disagreements.empty:
        return "<p><em>No finding of figures that differ (see the summary above).</em></p>"
    if "finding" not in disagreements:
        disagreements = disagreements.assign(
            finding=[f"N{i + 1}" for i in range(len(disagreements))]
        )
    findings = list(dict.fromkeys(disagreements["finding"]))
    shown = findings if limit is None else findings[:limit]
    body = []
    for finding in shown:
        group = disagreements[disagreements["finding"] == finding]
        first = group.iloc[0]
        relations = sorted(set(group["relation"]))
        badges = " ".join(badge(r, RELATION_COLOURS.get(r, _UNALIGNED)) for r in relations)
        if first.get("status", "") == CANDIDATE:
            badges = f"{badge('candidate: check the passages', _UNALIGNED)} {badges}"
        elif "stated" in group and not group["stated"].astype(str).str.lower().eq("true").any():
            # the rules found the figures differ, but the kind of claim is not stated
            # (round 10: a row that read as a finding; only the page's note said otherwise)
            badges = f"{badge('not stated: check the passages', _UNALIGNED)} {badges}"
        label = (
            f"<b>{escape(finding)}</b> · <b>{escape(first['what'])}</b> "
            f'<span style="color:#888">({escape(first["kind"])})</span><br>{badges}'
        )
        figures = {}
        for _, row in group.iterrows():
            for side in ("a", "b"):
                key = (row[f"doc_{side}"], row[f"passage_{side}"], row[f"start_{side}"])
                figures.setdefault(key, (row, side))
        cells = "".join(
            f'<div style="border-left:4px solid {colours[row[f"outlet_{side}"]]};padding-left:6px;'
            f'margin-bottom:4px">{badge(row[f"outlet_{side}"], colours[row[f"outlet_{side}"]])} '
            f"<b>{_figure(row, side)}</b>: "
            f"{highlight(row[f'text_{side}'], row[f'start_{side}'], row[f'end_{side}'])}</div>"
            for row, side in figures.values()
        )
        body.append(
            f'<tr><td style="{CELL};width:18%">{label}</td><td style="{CELL}">{cells}</td></tr>'
        )
    more = len(findings) - len(shown)
    note = (
        f'<p style="color:#888">\u2026 and {more} more in data/number_disagreements.csv</p>'
        if more > 0
        else ""
    )
    header = "".join(f'<th style="{CELL}">{h}</th>' for h in ("what differs", "every figure given"))
    return (
        scroll_box(
            f'<table style="{TABLE}"><thead><tr>{header}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>"
        )
        + note
    )
