"""HTML evidence for the voices analysis: every attribution in its passage, and notes."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from narrative.findings import listed
from narrative.quotes import (
    ASSERTED,
    CANDIDATE,
    CANDIDATE_REASONS,
    MIN_ANONYMOUS,
    MIN_LEAD,
    most_anonymous,
    most_quoted,
    voice_names,
)
from narrative.views._html import (
    CELL,
    NOTE,
    TABLE,
    Mark,
    badge,
    escape,
    escape_markdown,
    mark_spans,
)
from narrative.views._layout import scroll_box

#: Badge colour per speaker type.
TYPE_COLOURS = {
    "named person": "#1b7837",
    "role/organisation": "#762a83",
    "anonymous": "#b2182b",
    "unresolved": "#777777",
}
_SPEAKER = "background:#fff3b0;border-radius:2px"
_VERB = "font-weight:bold;text-decoration:underline"


def highlight(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """Escape a passage and wrap character ranges in styled ``<span>`` elements.

    Args:
        text: The passage.
        spans: ``(start, end, css)`` character ranges; overlapping ones after
            the first are skipped.

    Returns:
        HTML.
    """
    marks = {style: Mark(style, tag="span") for _, _, style in spans}
    return mark_spans(text, spans, marks=marks)


def quotes_view(
    quotes: pd.DataFrame,
    colours: dict[str, str],
    *,
    outlets: Sequence[str] | None = None,
    limit: int | None = None,
) -> str:
    """Attributions per outlet: the passage with its speaker and speech verb highlighted.

    Args:
        quotes: Table from :func:`narrative.quotes.find_quotes`.
        colours: Outlet colours (:func:`narrative.figures.outlet_colours`).
        outlets: Outlets, in order; those present in ``quotes`` when ``None``.
        limit: Show at most this many attributions per outlet (all when ``None``).

    Returns:
        HTML: one collapsible table per outlet; speakers are named as in
        :func:`narrative.quotes.voice_names` (one spelling per person).
    """
    if quotes.empty:
        return "<p><em>No quote or reported speech found.</em></p>"
    order = list(outlets) if outlets is not None else list(pd.unique(quotes["outlet"]))
    names = voice_names(quotes, group_anonymous=False)
    blocks = []
    for outlet in order:
        group = quotes[quotes["outlet"] == outlet]
        shown = group if limit is None else group.head(limit)
        rows = []
        for name, r in zip(names[shown.index], shown.itertuples(index=False), strict=True):
            passage = highlight(
                r.text,
                [(r.speaker_start, r.speaker_end, _SPEAKER), (r.verb_start, r.verb_end, _VERB)],
            )
            tag = badge(r.speaker_type, TYPE_COLOURS[r.speaker_type])
            who = f"<b>{escape(name)}</b><br>{tag}"
            if r.resolved:
                who += f'<br><span style="{NOTE}">written as \u201c{escape(r.speaker)}\u201d</span>'
            if getattr(r, "status", ASSERTED) == CANDIDATE:
                why = CANDIDATE_REASONS.get(getattr(r, "reason", ""), "")
                who += (
                    f'<br><span style="{NOTE}"><b>candidate speaker, not stated</b>: the '
                    f"text allows another{f' ({escape(why)})' if why else ''}</span>"
                )
            rows.append(
                f'<tr><td style="{CELL}">{passage}<br><span style="{NOTE}">'
                f"{escape(r.doc_id)} #{r.passage_id}</span></td>"
                f'<td style="{CELL}">{who}</td>'
                f'<td style="{CELL};white-space:nowrap">{escape(r.verb)}<br>'
                f"{badge(r.kind, '#2166ac' if r.kind == 'direct' else '#999999')}</td>"
                f'<td style="{CELL}">{escape(r.quote)}</td></tr>'
            )
        more = f", {len(shown)} shown" if len(shown) < len(group) else ""
        body = "".join(rows) or (
            f'<tr><td style="{CELL}" colspan="4"><em>No attribution.</em></td></tr>'
        )
        blocks.append(
            f"<details open><summary>{badge(outlet, colours[outlet])} "
            f"{len(group)} attribution(s){more}</summary>"
            + scroll_box(
                f'<table style="{TABLE}"><thead><tr><th style="{CELL}">passage</th>'
                f'<th style="{CELL}">speaker</th><th style="{CELL}">verb</th>'
                f'<th style="{CELL}">what was said</th></tr></thead><tbody>{body}</tbody></table>'
            )
            + "</details>"
        )
    return "".join(blocks)


def _listed(names: Sequence[str]) -> str:
    return listed([escape_markdown(n) for n in names])


def most_quoted_note(quotes: pd.DataFrame) -> str:
    """Markdown: the most quoted named voice, and whether the front page states it.

    The front page states it when the voice with the most attributions also has the
    most attributions that write its name in the sentence and leads the next voice by
    :data:`narrative.quotes.MIN_LEAD` attributions or more
    (:func:`narrative.quotes.most_quoted`); otherwise it names the leaders and the next
    voices and states none of them.

    Args:
        quotes: Table from :func:`narrative.quotes.find_quotes`.

    Returns:
        One Markdown paragraph, corpus names escaped; ``""`` when no named person speaks.
    """
    top = most_quoted(quotes)
    if top is None:
        return ""
    lead = f"{_listed(top.leaders)} ({top.count}{' each' if len(top.leaders) > 1 else ''})"
    each = " each" if len(top.named_leaders) > 1 else ""
    named = f"{_listed(top.named_leaders)} ({top.named_count}{each})"
    if top.named_lead and top.close:
        return (
            f"**Most quoted named voice: a candidate, not stated.** Most attributions: {lead}; "
            f"the next: {_listed(top.next_voices) if top.next_voices else 'no other named voice'}"
            f" ({top.next_count}). A lead under {MIN_LEAD} attributions is one missed or "
            "misread attribution from another voice's."
        )
    if top.holds:
        return (
            f"**Most quoted named voice, stated on the front page:** {lead}; also the most "
            "attributions that write the name in the sentence, with no pronoun or title "
            f"resolved to it: {named}."
        )
    return (
        f"**Most quoted named voice: a candidate, not stated.** Most attributions: {lead}; "
        f"most that write the name in the sentence: {named}. The lead rests on pronouns "
        "and titles resolved to a voice, the less precise attributions."
    )


def candidate_note(quotes: pd.DataFrame) -> str:
    """Markdown: how many speakers are candidates, grouped by why (``reason``).

    Args:
        quotes: Table from :func:`narrative.quotes.find_quotes`.

    Returns:
        One Markdown paragraph with a count per reason, most frequent first, in the words
        of :data:`narrative.quotes.CANDIDATE_REASONS`; ``""`` when every speaker is stated.
    """
    if "status" not in quotes:
        return ""
    candidates = quotes[quotes["status"] == CANDIDATE]
    if candidates.empty:
        return ""
    reasons = candidates["reason"] if "reason" in candidates else pd.Series("", candidates.index)
    counts = reasons.replace("", "unknown").value_counts()
    parts = [
        f"{n} {escape_markdown(CANDIDATE_REASONS.get(reason, reason))}"
        for reason, n in counts.items()
    ]
    return (
        f"**{len(candidates)} of {len(quotes)} speakers are candidates, not stated** (marked "
        "in the table below, `reason` in `quotes.csv`): " + "; ".join(parts) + "."
    )


def anonymous_note(quotes: pd.DataFrame) -> str:
    """Markdown: the highest anonymous share, and whether the front page states it.

    Stated when :attr:`narrative.quotes.MostAnonymous.holds`: at least
    :data:`narrative.quotes.MIN_ANONYMOUS` anonymous attributions are behind it and one
    misread attribution would not put another outlet's share above it
    (:func:`narrative.quotes.most_anonymous`).

    Args:
        quotes: Table from :func:`narrative.quotes.find_quotes`.

    Returns:
        One Markdown paragraph, the outlet name escaped; ``""`` when no outlet with three
        or more attributions has an anonymous one.
    """
    top = most_anonymous(quotes)
    if top is None:
        return ""
    share = (
        f"{escape_markdown(top.outlet)}: {top.anonymous} of {top.attributions} attributions "
        f"({top.share:.0%})"
    )
    if top.holds:
        return f"**Highest anonymous share, stated on the front page:** {share}."
    if not top.enough:
        return (
            f"**Highest anonymous share: a candidate, not stated.** {share}; fewer than "
            f"{MIN_ANONYMOUS} anonymous attributions, so one missed or misread attribution "
            "changes it by half or more."
        )
    return (
        f"**Highest anonymous share: a candidate, not stated.** {share}; one misread "
        "attribution (one of its anonymous ones read as named, or another outlet's named "
        "one read as anonymous) would put another outlet's share above it."
    )
