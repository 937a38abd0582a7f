"""Two articles side by side: aligned passages share a colour, the rest is "only in A/B".

The reading view walks article A in order and puts each passage next to its
counterpart(s) in article B; passages of B with no counterpart are inserted
where they fall in B's order, so both articles read top to bottom. Inside an
aligned pair the words that differ are marked (see
:func:`narrative.views.wording.diff_html`).
"""

from __future__ import annotations

import pandas as pd

from narrative.views._html import CELL, TABLE, badge, escape
from narrative.views.wording import VARIANT_STYLE, VARIANT_TITLE, diff_html
from narrative.vocab import SAME_FACT

#: Light background colours for aligned groups (ColorBrewer Pastel1 + Set3).
PASTELS = (
    "#fbb4ae", "#b3cde3", "#ccebc5", "#decbe4", "#fed9a6", "#ffffcc", "#e5d8bd", "#fddaec",
    "#8dd3c7", "#bebada", "#80b1d3", "#fdb462", "#b3de69", "#fccde5", "#bc80bd", "#ccebc5",
)  # fmt: skip
_ONLY = "background:repeating-linear-gradient(45deg,#f3f3f3,#f3f3f3 6px,#e9e9e9 6px,#e9e9e9 12px)"


def pair_links(alignments: pd.DataFrame, doc_a: str, doc_b: str) -> pd.DataFrame:
    """The same-fact pairs between two documents, oriented a -> b.

    Args:
        alignments: Alignment table.
        doc_a: First document.
        doc_b: Second document.

    Returns:
        Rows with ``passage_a``, ``passage_b``, ``relation``, ``score``,
        ``text_a``, ``text_b``.
    """
    columns = ["passage_a", "passage_b", "relation", "score", "text_a", "text_b"]
    kept = alignments[alignments["relation"].isin(SAME_FACT)]
    forward = kept[(kept["doc_a"] == doc_a) & (kept["doc_b"] == doc_b)][columns]
    backward = kept[(kept["doc_a"] == doc_b) & (kept["doc_b"] == doc_a)].rename(
        columns={
            "passage_a": "passage_b",
            "passage_b": "passage_a",
            "text_a": "text_b",
            "text_b": "text_a",
        }  # fmt: skip
    )[columns]
    return pd.concat([forward, backward], ignore_index=True)


def _groups(links: pd.DataFrame) -> dict[tuple[str, int], int]:
    """Connected groups of linked passages, numbered in reading order of A."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for row in links.sort_values(["passage_a", "passage_b"]).itertuples(index=False):
        parent[find(("a", int(row.passage_a)))] = find(("b", int(row.passage_b)))
    numbers: dict[tuple[str, int], int] = {}
    group_of: dict[tuple[str, int], int] = {}
    for node in sorted(parent, key=lambda n: (n[0] != "a", n[1])):
        root = find(node)
        numbers.setdefault(root, len(numbers))
        group_of[node] = numbers[root]
    return group_of


def reading_rows(
    passages_a: pd.DataFrame, passages_b: pd.DataFrame, links: pd.DataFrame
) -> list[tuple[list[int], list[int]]]:
    """Rows of the side-by-side view: (passages of A, passages of B) per row.

    Each passage of A gets a row with its counterparts in B (possibly none);
    passages of B without a counterpart get a row of their own, placed before
    the first row that shows a later passage of B.

    Args:
        passages_a: Passages of article A (``passage_id`` in reading order).
        passages_b: Passages of article B.
        links: Output of :func:`pair_links`.

    Returns:
        ``([passage ids of A], [passage ids of B])`` per row.
    """
    partners: dict[int, list[int]] = {}
    for row in links.itertuples(index=False):
        partners.setdefault(int(row.passage_a), []).append(int(row.passage_b))
    linked_b = {int(p) for p in links["passage_b"]}
    pending = [int(p) for p in passages_b["passage_id"] if int(p) not in linked_b]
    rows: list[tuple[list[int], list[int]]] = []
    for pa in (int(p) for p in passages_a["passage_id"]):
        mine = sorted(partners.get(pa, []))
        if mine:
            while pending and pending[0] < mine[0]:
                rows.append(([], [pending.pop(0)]))
        rows.append(([pa], mine))
    rows.extend(([], [pb]) for pb in pending)
    return rows


def pair_view(
    passages: pd.DataFrame,
    alignments: pd.DataFrame,
    doc_a: str,
    doc_b: str,
    colours: dict[str, str],
) -> str:
    """Side-by-side reading view of two articles.

    Args:
        passages: Passage table.
        alignments: Alignment table.
        doc_a: Left article.
        doc_b: Right article.
        colours: Outlet colours.

    Returns:
        HTML: one table, A on the left and B on the right.
    """
    pa = passages[passages["doc_id"] == doc_a].sort_values("passage_id")
    pb = passages[passages["doc_id"] == doc_b].sort_values("passage_id")
    outlet_a, outlet_b = pa["outlet"].iloc[0], pb["outlet"].iloc[0]
    links = pair_links(alignments, doc_a, doc_b)
    group_of = _groups(links)
    text_a = dict(zip(pa["passage_id"], pa["text"], strict=True))
    text_b = dict(zip(pb["passage_id"], pb["text"], strict=True))
    relation = {
        (int(r.passage_a), int(r.passage_b)): r.relation for r in links.itertuples(index=False)
    }

    def cell(side: str, ids: list[int], others: list[int]) -> str:
        if not ids:
            label = f"only in {outlet_b if side == 'a' else outlet_a}"
            return f'<td style="{CELL};{_ONLY}"><em style="color:#888">{escape(label)}</em></td>'
        parts = []
        for pid in ids:
            text = (text_a if side == "a" else text_b)[pid]
            body = escape(text)
            if len(others) == 1 and len(ids) == 1:
                left, right = (
                    (text, text_b[others[0]]) if side == "a" else (text_a[others[0]], text)
                )
                body = diff_html(left, right)[0 if side == "a" else 1]
            kinds = [relation.get((pid, o) if side == "a" else (o, pid)) for o in others]
            tags = "".join(f" {badge(k, '#555')}" for k in dict.fromkeys(kinds) if k)
            if (side, pid) in group_of:
                style = f"background:{PASTELS[group_of[(side, pid)] % len(PASTELS)]};"
                note = ""
            else:
                own = outlet_a if side == "a" else outlet_b
                style = f"{_ONLY};"
                note = f' <em style="color:#888">(only in {escape(own)})</em>'
            parts.append(
                f'<div style="{style}padding:4px;margin:2px 0;border-radius:3px">'
                f'<span style="color:#888;font-size:11px">#{pid}</span> {body}{tags}{note}</div>'
            )
        return f'<td style="{CELL}">{"".join(parts)}</td>'

    header = "".join(
        f'<th style="{CELL};width:50%;border-top:4px solid {colours.get(o, "#999")}">'
        f"{escape(o)} <code>{escape(d)}</code></th>"
        for o, d in ((outlet_a, doc_a), (outlet_b, doc_b))
    )
    body = []
    for ids_a, ids_b in reading_rows(pa, pb, links):
        body.append(f"<tr>{cell('a', ids_a, ids_b)}{cell('b', ids_b, ids_a)}</tr>")
    legend = (
        '<p style="font-size:12px;color:#555">Aligned passages share a background colour; '
        "<mark>marked words</mark> differ between the two passages of a one-to-one pair "
        f'(<mark style="{VARIANT_STYLE}">underlined</mark>: {VARIANT_TITLE}, such as '
        "Daraa / Deraa); hatched cells have no counterpart in the other article.</p>"
    )
    return f'{legend}<table style="{TABLE}"><tr>{header}</tr>{"".join(body)}</table>'
