"""The report's front page: the corpus, headline findings, links to the pages, exports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from narrative.findings import headline_findings
from narrative.report.render import provenance_html
from narrative.views._html import escape, with_content_security_policy

if TYPE_CHECKING:
    from narrative.report.build import ReportOutcome

EXPORTS = {
    "documents.csv": "one row per article: metadata, cleaned headline, standfirst, byline, "
    "dateline, passage and word counts, cleaning notes (no headline: the first line is the lede)",
    "passages.csv": "one row per passage with its kind, position and character offsets",
    "alignments.csv": "one row per aligned pair of passages with scores and relation",
    "units.csv": "story units: one row per (unit, passage)",
    "shared_content.csv": "share of each outlet's words in passages aligned with another's",
    "removed_lines.csv": "every captured line that is not article body, with the reason",
    "events.csv": "which news event each article reports, as given or grouped by content and date",
    "facts.csv": "every fact (story unit or single-outlet passage) with its passages",
    "fact_matrix.csv": "fact by outlet: how many of the outlet's passages carry each fact",
    "prominence.csv": "where each outlet places each fact (headline, lede, ...) and its words",
    "prominence_gaps.csv": "facts one outlet leads with and another buries, both passages",
    "outlet_only.csv": "facts one outlet carries: claimed outlet-only or the counterpart found",
    "omissions.csv": "facts an outlet may leave out: claimed, or the evidence against it",
    "shared_content_pairs.csv": "how much of outlet A is in B, as reuse and as paraphrase",
    "quotes.csv": "every attribution: speaker, person, speaker type, speech verb, quote, passage",
    "distinctive_terms.csv": "each outlet's words against the others: weighted log-odds z-scores",
    "naming.csv": "what each outlet calls each actor, group, place or thing, with counts",
    "naming_contrasts.csv": "concepts two outlets name differently, surest of one referent first",
    "substitutions.csv": "word swaps inside aligned passages that keep the referent",
    "numbers.csv": "every figure found in the passages: value, what it counts, qualifier",
    "number_disagreements.csv": "figures that differ for one quantity: findings, pairs, passages",
    "frames.csv": "frame assignments per passage with scores and the seeds found (indicative)",
    "frame_profile.csv": "share of each outlet's passages and words in each frame (indicative)",
    "frame_set.csv": "the frame set: MFC dimension, description, seeds, prototypes",
    "outlet_pairs.csv": "outlet pairs that share aligned passages, and which have a pair page",
}


def index_html(
    corpus: Path, out_dir: Path, values: dict[str, object], outcome: ReportOutcome
) -> str:
    """The report's front page: the corpus, headline findings, links, exports."""
    data = out_dir / "data"
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>narrative: {escape(corpus.name)}</title>",
        "<style>body{font:15px/1.45 sans-serif;max-width:1100px;margin:24px auto;padding:0 16px}"
        "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px 8px;"
        "text-align:left;vertical-align:top}.bad{color:#b2182b}</style></head><body>",
        f"<h1>How outlets tell the story: {escape(corpus.name)}</h1>",
        provenance_html(corpus, out_dir, values).replace(
            '&middot; <a href="index.html">all reports</a>', ""
        ),
    ]
    if (data / "documents.csv").is_file():
        documents = pd.read_csv(data / "documents.csv", keep_default_na=False)
        parts.append(f"<h2>The corpus: {len(documents)} articles</h2>")
        parts.append(
            documents[["doc_id", "label", "origin", "published", "headline", "passages"]].to_html(
                index=False, escape=True, border=0
            )
        )
    found = headline_findings(out_dir)
    if found:
        parts.append("<h2>Headline findings</h2><ul>")
        parts += [
            f'<li>{escape(f.text)} <a href="{escape(f.page)}">evidence</a></li>'
            for f in found
            if not f.parts
        ]
        parts.append("</ul>")
        # what the page does not state: one line, each kind linked to its candidates
        parts += [
            "<p class='not-stated'>"
            + "".join(
                f'<a href="{escape(page)}">{escape(text)}</a>' if page else escape(text)
                for text, page in f.parts
            )
            + "</p>"
            for f in found
            if f.parts
        ]
    for title, pair in (("Reports", False), ("Outlet pairs, side by side", True)):
        listed = [n for n in outcome.notebooks if n.pair == pair]
        if not listed:
            continue
        parts.append(f"<h2>{title}</h2><ul>")
        for notebook in listed:
            said = notebook.error if notebook.skipped else f"failed: {notebook.error}"
            status = f' <span class="bad">{escape(said)}</span>' * bool(notebook.error)
            parts.append(
                f'<li><a href="{escape(notebook.html.name)}">{escape(notebook.name)}</a>'
                f"{status}</li>"
            )
        parts.append("</ul>")
        if pair and outcome.pairs_left:
            parts.append(
                f"<p>{outcome.pairs_left} more outlet pairs share aligned passages: they are "
                "listed in <a href='data/outlet_pairs.csv'>data/outlet_pairs.csv</a>; build a "
                "pair's page with <code>narrative report --pairs A,B</code>. With this many "
                f"outlets, pages are made for the {len(listed)} pairs that share the most "
                "same-fact passages.</p>"
            )
    parts.append("<h2>Exports</h2><p>CSV files in <code>data/</code>:</p><ul>")
    for name, description in EXPORTS.items():
        if (data / name).is_file():
            parts.append(f'<li><a href="data/{name}">{name}</a>: {escape(description)}</li>')
    parts.append("</ul><p>Column meanings are in the project's README.</p></body></html>")
    return with_content_security_policy("".join(parts))
