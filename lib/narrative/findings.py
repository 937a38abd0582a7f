"""Headline findings for a report's front page, read back from its CSV exports.

Each finding is one sentence built from an export by the method its notebook
states, with a link to the page that shows the passages behind it. Findings
are only stated when the export holds enough to support them; nothing is
filled in when an analysis did not run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from narrative.coverage import prominence_gaps
from narrative.quotes import voice_names


@dataclass(frozen=True)
class Finding:
    """One sentence and the report page that backs it."""

    text: str
    page: str


def _read(data: Path, name: str) -> pd.DataFrame | None:
    path = data / f"{name}.csv"
    return pd.read_csv(path, keep_default_na=False) if path.is_file() else None


def _share(value: float) -> str:
    return f"{value:.0%}"


def alignment_findings(data: Path) -> list[Finding]:
    """Passages, aligned pairs by relation, story units, and the largest shared shares."""
    alignments, passages, units = (_read(data, n) for n in ("alignments", "passages", "units"))
    if alignments is None or passages is None or units is None:
        return []
    page = "01-align-passages.html"
    counts = alignments["relation"].value_counts()
    found = [
        Finding(
            f"{len(passages)} passages; {len(alignments)} aligned pairs "
            f"({counts.get('reuse', 0)} reuse, {counts.get('paraphrase', 0)} paraphrase, "
            f"{counts.get('related', 0)} related); {units['unit_id'].nunique()} story units.",
            page,
        )
    ]
    pairs = _read(data, "shared_content_pairs")
    if pairs is not None and not pairs.empty:
        ranked = pairs.sort_values(["shared", "outlet"], ascending=[False, True])
        for row in ranked.head(2).itertuples():
            wire = f", {_share(row.reuse)} as shared copy" if row.reuse > 0 else ""
            found.append(
                Finding(
                    f"{_share(row.shared)} of {row.outlet}'s words are also reported by "
                    f"{row.other}{wire}.",
                    "02-coverage-and-emphasis.html",
                )
            )
    return found


def coverage_findings(data: Path) -> list[Finding]:
    """Outlet-only facts and the largest prominence gap."""
    facts = _read(data, "facts")
    if facts is None or facts.empty:
        return []
    page = "02-coverage-and-emphasis.html"
    found = []
    alone = facts[facts["n_outlets"] == 1].drop_duplicates("fact_id")
    if facts["outlet"].nunique() > 1 and not alone.empty:
        per_outlet = alone.groupby("outlet").size().sort_values(ascending=False)
        top, count = per_outlet.index[0], int(per_outlet.iloc[0])
        found.append(
            Finding(
                f"{top} reports the most facts no other outlet carries ({count} passages).", page
            )
        )
    placed = _read(data, "prominence")
    if placed is not None and not placed.empty:
        gaps = prominence_gaps(placed)
        if not gaps.empty:
            gap = gaps.iloc[0]
            found.append(
                Finding(
                    f"A fact {gap['outlet_top']} puts in its {gap['band_top']} "
                    f'("{_cut(gap["text_top"])}") comes {_share(gap["position_buried"])} of '
                    f"the way down in {gap['outlet_buried']}.",
                    page,
                )
            )
    return found


def voices_findings(data: Path) -> list[Finding]:
    """The most quoted voice and the outlet with the most anonymous sourcing."""
    said = _read(data, "quotes")
    if said is None or said.empty:
        return []
    page = "03-voices-and-wording.html"
    found = []
    said = said.assign(voice=said["person"] if "person" in said else voice_names(said))
    named = said[said["speaker_type"] == "named person"]
    if not named.empty:
        voice = named["voice"].value_counts()
        outlets = named.loc[named["voice"] == voice.index[0], "outlet"].nunique()
        found.append(
            Finding(
                f"The most quoted named voice is {voice.index[0]} ({int(voice.iloc[0])} "
                f"attributions in {outlets} outlets).",
                page,
            )
        )
    by_outlet = said.groupby("outlet")["speaker_type"].agg(
        attributions="size", anonymous=lambda s: int((s == "anonymous").sum())
    )
    by_outlet = by_outlet[by_outlet["attributions"] >= 3]
    if not by_outlet.empty:
        share = (by_outlet["anonymous"] / by_outlet["attributions"]).sort_values(ascending=False)
        top = share.index[0]
        if share.iloc[0] > 0:
            found.append(
                Finding(
                    f"{top} attributes {_share(share.iloc[0])} of its "
                    f"{int(by_outlet.loc[top, 'attributions'])} attributions to anonymous sources.",
                    page,
                )
            )
    return found


def numbers_findings(data: Path) -> list[Finding]:
    """Figures that differ between outlets."""
    differ = _read(data, "number_disagreements")
    if differ is None or differ.empty:
        return []
    # Counts (tolls, numbers of zones) before dates and ordinals.
    differ = differ.assign(_order=differ["kind"].ne("count")).sort_values("_order", kind="stable")
    row = differ.iloc[0]
    more = f" (and {len(differ) - 1} more)" if len(differ) > 1 else ""
    return [
        Finding(
            f'Figures differ: {row["outlet_a"]} "{row["surface_a"]}" against {row["outlet_b"]} '
            f'"{row["surface_b"]}" ({row["what"] or row["kind"]}){more}.',
            "04-numbers-and-frames.html",
        )
    ]


def review_findings(data: Path) -> list[Finding]:
    """How many claims rest on the researcher's reviewed evidence (see ``narrative.review``).

    A fact (a story unit or an outlet-only passage) rests on reviewed evidence when
    every passage of it has a decision; a figure disagreement when its pair is
    confirmed.
    """
    passages, facts = _read(data, "passages"), _read(data, "facts")
    alignments = _read(data, "alignments")
    if passages is None or "reviewed" not in passages or alignments is None:
        return []
    page = "01-align-passages.html"
    decided = passages[passages["reviewed"] != ""]
    if decided.empty:
        return [
            Finding(
                "No claim rests on reviewed evidence: every pair is the machine's "
                "(notebooks/05-review.ipynb asks first what changes the most claims).",
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


def headline_findings(out_dir: str | Path) -> list[Finding]:
    """Every headline finding the report's exports support, in reading order."""
    data = Path(out_dir) / "data"
    return [
        *alignment_findings(data),
        *coverage_findings(data),
        *voices_findings(data),
        *numbers_findings(data),
        *review_findings(data),
    ]
