"""HTML for the frame analysis: the method statement and the example passages of each frame."""

from __future__ import annotations

import pandas as pd

from narrative.frames import FRAMES, OTHER, TEXT_KINDS, Frame, FrameSettings, seed_spans
from narrative.views._html import CELL, NOTE, TABLE, Mark, badge, escape, mark_spans
from narrative.views._layout import scroll_box

_SEED = Mark("background:#e7d4f5;padding:0 1px")


def frame_method_view(
    frames: tuple[Frame, ...] = FRAMES,
    *,
    settings: FrameSettings | None = None,
    kinds: tuple[str, ...] = TEXT_KINDS,
) -> str:
    """The method statement and the frame set, for a report.

    Args:
        frames: The frame set.
        settings: Thresholds used; defaults when ``None``.
        kinds: Passage kinds that were framed.

    Returns:
        HTML: what the frames are, how passages were assigned to them with the
        thresholds used, why the result is indicative, and one table row per
        frame (codebook dimension, description, seeds, prototypes).
    """
    s = settings or FrameSettings()
    one_seed = s.margin - s.seed_weight
    capped = s.margin - s.seed_weight * s.seed_cap
    method = (
        "<p><b>Indicative, not measured.</b> The frames are the 15 dimensions of the Media "
        "Frames Corpus (Card et al., 2015; Boydstun et al., 2014 Policy Frames Codebook), "
        "adapted to news on international conflict and diplomacy: every dimension is kept, "
        "several are renamed for what they cover there (<i>Health and safety</i> becomes "
        "<i>Humanitarian</i>, for instance), and <i>External regulation and reputation</i> "
        "is split into <i>Diplomacy &amp; negotiation</i> and <i>External relations &amp; "
        "reputation</i>. Frames were labelled by hand only on the default corpus and samples "
        'of four other sets (README, "Numbers and frames"); on any other corpus the '
        "assignment below has not been checked against human coding; read the example "
        "passages to judge each frame.</p>"
        f"<p>Each {escape(' and '.join(kinds))} passage is compared with every frame "
        "(headlines are left out):</p><ol>"
        f"<li><b>similarity</b>: mean cosine between the passage and the {s.top_prototypes} "
        "closest of the frame's prototype sentences (sentence embeddings of the run's "
        "model);</li>"
        "<li><b>contrast</b>: similarity minus the passage's median similarity over all "
        "frames, so that a frame counts only where it stands out for that passage;</li>"
        "<li><b>seeds</b>: the frame's seed words and phrases found in the passage;</li>"
        f"<li>the passage is in the frame when similarity &ge; {s.floor:.2f} and "
        f"<b>score</b> = contrast + {s.seed_weight:.2f} &times; seeds (at most "
        f"{s.seed_cap} counted) &ge; {s.margin:.2f}: the embedding alone must stand out "
        f"by {s.margin:.2f}, with one seed by {one_seed:.2f}, with {s.seed_cap} by "
        f"{capped:.2f}.</li></ol>"
        "<p>A passage can have several frames, or none (<i>Other</i>). Shares are of each "
        "outlet's passages (or words), so an outlet's shares add up to 100% or more. A small "
        "embedding model follows topic words, and a seed can mislead (<i>security</i> in "
        "<i>Security Council</i>): single assignments are often debatable, and differences of a "
        "few passages between outlets mean little.</p>"
    )
    rows = "".join(
        f'<tr><td style="{CELL}"><b>{escape(f.name)}</b></td>'
        f'<td style="{CELL}">{escape(f.mfc)}</td>'
        f'<td style="{CELL}">{escape(f.description)}</td>'
        f'<td style="{CELL}"><span style="{NOTE}">{escape("; ".join(f.seeds))}</span></td>'
        f'<td style="{CELL}">{"<br>".join(escape(p) for p in f.prototypes)}</td></tr>'
        for f in frames
    )
    table = (
        f"<details><summary>The frame set: {len(frames)} frames, what each covers, its seeds "
        "and prototype sentences</summary>"
        + scroll_box(
            f'<table style="{TABLE}"><thead><tr>'
            f'<th style="{CELL};width:12%">frame</th>'
            f'<th style="{CELL};width:12%">codebook dimension</th>'
            f'<th style="{CELL};width:24%">covers</th><th style="{CELL};width:20%">seeds</th>'
            f'<th style="{CELL};width:32%">prototype sentences</th></tr>'
            f"</thead><tbody>{rows}</tbody></table>"
        )
        + "</details>"
    )
    return method + table


def frame_examples_view(
    examples: pd.DataFrame,
    colours: dict[str, str],
    *,
    frames: tuple[Frame, ...] = FRAMES,
) -> str:
    """Example passages of each frame, outlet by outlet, with their scores.

    Args:
        examples: Table from :func:`narrative.frames.frame_examples`.
        colours: Outlet colours (:func:`narrative.figures.outlet_colours`).
        frames: The frame set the examples come from.

    Returns:
        HTML: one block per frame that has a passage (its description, then one
        row per example: outlet, passage with the seeds found marked, score,
        similarity, contrast and the closest prototype sentence), and a line
        naming the frames no passage was given.
    """
    by_name = {f.name: f for f in frames}
    blocks = []
    for name in [f.name for f in frames] + [OTHER]:
        rows = examples[examples["frame"] == name]
        if rows.empty:
            continue
        frame = by_name.get(name)
        about = escape(frame.description) if frame else "Passages no frame fits."
        body = []
        for r in rows.itertuples(index=False):
            spans = seed_spans(r.text, frame.seeds) if frame else []
            text = mark_spans(r.text, spans, default=_SEED)
            if frame:
                sure = getattr(r, "confidence", "")
                copies = getattr(r, "copies", 1)
                evidence = (
                    (f"<b>{escape(sure)} confidence</b><br>" if sure else "")
                    + (f"framed with {copies - 1} copies<br>" if copies > 1 else "")
                    + f"score {r.score:.2f}<br>similarity {r.similarity:.2f}<br>"
                    f"contrast {r.contrast:+.2f}<br>seeds: {escape(r.seeds) or '&mdash;'}"
                    f'<br><span style="{NOTE}">closest prototype: '
                    f"{escape(r.prototype)}</span>"
                )
            else:
                evidence = f"best similarity {r.similarity:.2f}"
            body.append(
                f'<tr><td style="{CELL};white-space:nowrap">'
                f"{badge(r.outlet, colours[r.outlet])}<br>"
                f'<span style="{NOTE}">{escape(str(r.doc_id))} #{r.passage_id}</span></td>'
                f'<td style="{CELL}">{text}</td>'
                f'<td style="{CELL}">{evidence}</td></tr>'
            )
        blocks.append(
            f"<h4>{escape(name)}</h4>"
            f'<p style="{NOTE}">{about}</p>'
            + scroll_box(
                f'<table style="{TABLE}"><thead><tr><th style="{CELL};width:14%">outlet</th>'
                f'<th style="{CELL}">passage (seeds marked)</th>'
                f'<th style="{CELL};width:30%">evidence</th>'
                f"</tr></thead><tbody>{''.join(body)}</tbody></table>"
            )
        )
    missing = [f.name for f in frames if f.name not in set(examples["frame"])]
    if missing:
        blocks.append(
            f"<p><em>No passage was given these frames: {escape(', '.join(missing))}.</em></p>"
        )
    return "".join(blocks)
