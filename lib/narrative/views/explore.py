"""Tables to explore without code: sort by any column, filter by words, follow links.

:func:`explore_table` turns a small table of display values into an HTML
table that one short script makes sortable (click a column's header) and
filterable (a search box: rows holding every word typed stay). The script is
the same text in every output and page, holds no data, and adds no inline
event handler, so a page's Content-Security-Policy can allow it by its hash;
the data stay in the table's cells, escaped like any other view's. Without
the script (a notebook JupyterLab does not trust, a reader with scripts off)
the table is still there, whole.

The explorers below build on it: facts with their passages in every outlet,
outlet pairs with a link to their side-by-side page, aligned pairs, quotes and
figures. Every cell shows the full text; long text wraps.

Why not itables: its offline mode imports its 600 KB bundle from a ``blob:``
URL, which a hash-only ``script-src`` blocks, and writes each table's data
into a script of its own, so every table would need its own hash.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import combinations

import pandas as pd

from narrative.figures.style import busiest_carriers
from narrative.views._html import CELL, TABLE, escape
from narrative.views._layout import scroll_box

#: Class of the tables :data:`EXPLORE_SCRIPT` makes sortable and filterable.
EXPLORE_CLASS = "narrative-explore"
#: Most rows an explorer holds; the rest are counted (they are in the CSV exports).
MAX_ROWS = 2000

# Static text: the same in every output, so a page's policy can name it by its hash.
EXPLORE_SCRIPT = """(() => {
  for (const table of document.querySelectorAll("table.narrative-explore:not([data-ready])")) {
    table.dataset.ready = "1";
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    const text = new Map(rows.map((row) => [row, row.textContent.toLowerCase()]));
    const bar = document.createElement("div");
    bar.className = "narrative-explore-bar";
    const input = document.createElement("input");
    input.type = "search";
    input.placeholder = "filter: rows holding all these words";
    input.setAttribute("aria-label", "filter the rows of the table below");
    const count = document.createElement("span");
    bar.append(input, count);
    (table.closest(".narrative-scroll") || table).before(bar);
    const filter = () => {
      const words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
      let shown = 0;
      for (const row of rows) {
        row.hidden = !words.every((word) => text.get(row).includes(word));
        if (!row.hidden) shown += 1;
      }
      count.textContent = ` ${shown} of ${rows.length} rows`;
    };
    input.addEventListener("input", filter);
    const heads = Array.from(table.tHead.rows[0].cells);
    heads.forEach((head, column) => {
      const button = document.createElement("button");
      button.type = "button";
      button.title = "sort by this column";
      button.append(...head.childNodes);
      head.append(button);
      head.setAttribute("aria-sort", "none");
      button.addEventListener("click", () => {
        const up = head.getAttribute("aria-sort") !== "ascending";
        for (const other of heads) other.setAttribute("aria-sort", "none");
        head.setAttribute("aria-sort", up ? "ascending" : "descending");
        const key = (row) => {
          const cell = row.cells[column];
          return cell ? (cell.dataset.sort ?? cell.textContent.trim()) : "";
        };
        const numeric = rows.every((row) => key(row) === "" || !isNaN(Number(key(row))));
        const order = (a, b) =>
          numeric ? Number(key(a) || 0) - Number(key(b) || 0) : key(a).localeCompare(key(b));
        rows.sort((a, b) => (up ? order(a, b) : order(b, a)));
        body.append(...rows);
      });
    });
    filter();
  }
})();"""

_STYLE = (
    "<style>.narrative-explore-bar{margin:4px 0}"
    ".narrative-explore-bar input{width:min(28em,70%);padding:2px 6px;font-size:13px}"
    ".narrative-explore-bar span{color:#666;font-size:12px}"
    ".narrative-explore th button{all:unset;cursor:pointer;font-weight:bold}"
    '.narrative-explore th[aria-sort="ascending"] button::after{content:" \\25B2"}'
    '.narrative-explore th[aria-sort="descending"] button::after{content:" \\25BC"}</style>'
)


def explore_table(
    rows: pd.DataFrame,
    *,
    html_columns: Sequence[str] = (),
    sort_keys: Mapping[str, pd.Series] | None = None,
    row_ids: pd.Series | None = None,
    limit: int = MAX_ROWS,
    where: str = "",
) -> str:
    """A sortable, filterable HTML table of display values.

    Args:
        rows: One row per table row; columns in display order, values shown as text.
        html_columns: Columns whose values are already HTML (built by a view
            from escaped text); every other value is escaped here.
        sort_keys: For a column, the values to sort by when they differ from
            those shown (a share shown as ``45%`` sorts by ``0.45``).
        row_ids: An ``id`` for each row (a link target), escaped here.
        limit: Most rows shown; the rest are counted.
        where: Where the full table is, for the note on rows left out.

    Returns:
        HTML: the style, the table in a scrolling box, the script.
    """
    if rows.empty:
        return "<p><em>Nothing to list.</em></p>"
    shown = rows.head(limit)
    keys = sort_keys or {}
    head = "".join(f'<th style="{CELL}">{escape(str(c))}</th>' for c in shown.columns)
    body = []
    for i, (index, row) in enumerate(shown.iterrows()):
        cells = []
        for column in shown.columns:
            value = row[column]
            content = str(value) if column in html_columns else escape(_text(value))
            sort = ""
            if column in keys:
                sort = f' data-sort="{escape(_text(keys[column].loc[index]))}"'
            cells.append(f'<td style="{CELL}"{sort}>{content}</td>')
        row_id = f' id="{escape(str(row_ids.iloc[i]))}"' if row_ids is not None else ""
        body.append(f"<tr{row_id}>{''.join(cells)}</tr>")
    note = ""
    if len(rows) > len(shown):
        note = (
            f'<p style="color:#888">The first {len(shown)} of {len(rows)} rows'
            f"{escape(f'; all in {where}' if where else '')}.</p>"
        )
    table = (
        f'<table class="{EXPLORE_CLASS}" style="{TABLE}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )
    return f"{_STYLE}{scroll_box(table)}{note}<script>{EXPLORE_SCRIPT}</script>"


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1e6 else f"{value:.0f}"
    return str(value)


def fact_anchor(fact_id: str) -> str:
    """The ``id`` of a fact's row in :func:`facts_explorer` (link to ``#`` + it)."""
    return "fact-" + re.sub(r"[^A-Za-z0-9_-]+", "-", fact_id)


def fact_link(fact_id: str) -> str:
    """A fact id as a link to its row in the facts explorer on the same page."""
    return f'<a href="#{escape(fact_anchor(fact_id))}">{escape(fact_id)}</a>'


def facts_explorer(facts: pd.DataFrame, outlets: list[str], *, limit: int = MAX_ROWS) -> str:
    """Every fact with its passages in every outlet: one row per fact, one column per outlet.

    With more than :data:`~narrative.figures.style.MAX_OUTLETS_SHOWN` outlets, only
    the outlets that carry the most of the listed facts get a column; an ``other
    outlets`` column names the rest that carry each fact (their passages are in
    ``data/facts.csv``). A column per outlet of a corpus of hundreds of sites made
    a page of tens of megabytes, nearly all empty cells.

    Args:
        facts: Fact table (:func:`narrative.coverage.fact_table`).
        outlets: Outlet labels, in column order.
        limit: Most facts listed (consensus facts first).

    Returns:
        HTML (:func:`explore_table`); each row's ``id`` is :func:`fact_anchor`.
    """
    if facts.empty:
        return "<p><em>No fact.</em></p>"
    listed = set(list(dict.fromkeys(facts["fact_id"]))[:limit])
    columns, every = busiest_carriers(facts[facts["fact_id"].isin(listed)], "fact_id", outlets)
    others = len(columns) < len(every)
    # One pass over the passages (a sub-table per fact and outlet cost half a second
    # on the five default articles).
    rows: dict[str, dict[str, object]] = {}
    shown = set(columns)
    for fact_id, n_outlets, outlet, text, kind, position in zip(
        facts["fact_id"],
        facts["n_outlets"],
        facts["outlet"],
        facts["text"],
        facts["kind"],
        facts["position"],
        strict=True,
    ):
        row = rows.setdefault(
            fact_id,
            {
                "fact": fact_id,
                "outlets": int(n_outlets),
                **dict.fromkeys(columns, ""),
                **({"other outlets": []} if others else {}),
            },
        )
        if outlet in shown:
            row[outlet] += (
                f'<div>{escape(text)} <span style="color:#888;font-size:11px">'
                f"({escape(kind)}, {position:.0%})</span></div>"
            )
        elif others and outlet not in row["other outlets"]:
            row["other outlets"].append(outlet)
    table = pd.DataFrame(list(rows.values()))
    note = ""
    if others:
        table["other outlets"] = table["other outlets"].map(", ".join)
        note = (
            f"<p>{len(every)} outlets carry these facts; the {len(columns)} that carry the "
            "most have a column, the others are named in <em>other outlets</em>. Every "
            "passage is in <code>data/facts.csv</code>.</p>"
        )
    return note + explore_table(
        table,
        html_columns=columns,
        row_ids=table["fact"].map(fact_anchor),
        limit=limit,
        where="data/facts.csv",
    )


def outlet_pairs_explorer(
    pairs: pd.DataFrame, alignments: pd.DataFrame, *, pages: Mapping[tuple[str, str], str]
) -> str:
    """Every pair of outlets: how much each carries of the other, with a link to their page.

    Args:
        pairs: Table from :func:`narrative.coverage.shared_content_pairs`.
        alignments: Alignment table (aligned pairs counted by relation).
        pages: ``{(outlet_a, outlet_b): page}`` for the pairs that have a
            side-by-side page (:func:`narrative.views.pair.pair_page`); a pair
            without one says how to see it.

    Returns:
        HTML (:func:`explore_table`), one row per pair in corpus order.
    """
    if pairs.empty:
        return "<p><em>No pair of outlets.</em></p>"
    share = {(r.outlet, r.other): r.shared for r in pairs.itertuples(index=False)}
    counts = alignments.groupby(["outlet_a", "outlet_b", "relation"]).size()
    outlets = list(dict.fromkeys(pairs["outlet"]))
    rows = []
    for a, b in combinations(outlets, 2):
        page = pages.get((a, b)) or pages.get((b, a))
        row: dict[str, object] = {
            "A": a,
            "B": b,
            "A in B": share.get((a, b), 0.0),
            "B in A": share.get((b, a), 0.0),
        }
        for relation in ("reuse", "paraphrase", "related"):
            row[relation] = int(counts.get((a, b, relation), 0) + counts.get((b, a, relation), 0))
        row["side by side"] = (
            f'<a href="{escape(page)}">{escape(a)} | {escape(b)}</a>'
            if page
            else escape(f"notebook 10 with outlet_a={a!r}, outlet_b={b!r}")
        )
        rows.append(row)
    table = pd.DataFrame(rows)
    keys = {c: table[c] for c in ("A in B", "B in A")}
    for column in keys:
        table[column] = table[column].map(lambda x: f"{x:.0%}")
    return explore_table(table, html_columns=["side by side"], sort_keys=keys)


def alignments_explorer(alignments: pd.DataFrame, *, limit: int = MAX_ROWS) -> str:
    """Every aligned pair of passages, strongest first.

    Args:
        alignments: Alignment table.
        limit: Most pairs listed.

    Returns:
        HTML (:func:`explore_table`).
    """
    shown = alignments.sort_values("score", ascending=False)
    table = pd.DataFrame(
        {
            "outlet A": shown["outlet_a"],
            "passage A": shown["text_a"],
            "outlet B": shown["outlet_b"],
            "passage B": shown["text_b"],
            "relation": shown["relation"],
            "score": shown["score"].round(3),
            "cosine": shown["similarity"].round(3),
            "lexical": shown["lexical"].round(3),
        }
    )
    return explore_table(table, limit=limit, where="data/alignments.csv")


def quotes_explorer(quotes: pd.DataFrame, *, limit: int = MAX_ROWS) -> str:
    """Every attribution: outlet, who, how, what was said.

    Args:
        quotes: Table from :func:`narrative.quotes.find_quotes`.
        limit: Most attributions listed.

    Returns:
        HTML (:func:`explore_table`).
    """
    if quotes.empty:
        return "<p><em>No attribution.</em></p>"
    table = pd.DataFrame(
        {
            "outlet": quotes["outlet"],
            "voice": quotes["voice"],
            "speaker type": quotes["speaker_type"],
            "verb": quotes["verb"],
            "kind": quotes["kind"],
            "what was said": quotes["quote"],
            "passage": quotes["doc_id"] + " #" + quotes["passage_id"].astype(str),
        }
    )
    return explore_table(table, limit=limit, where="data/quotes.csv")


def figures_explorer(
    figures: pd.DataFrame, passages: pd.DataFrame, *, limit: int = MAX_ROWS
) -> str:
    """Every figure found: outlet, what it counts, the value, and its passage.

    Args:
        figures: Table from :func:`narrative.numbers.number_table`.
        passages: Passage table (for the passage's text).
        limit: Most figures listed.

    Returns:
        HTML (:func:`explore_table`).
    """
    if figures.empty:
        return "<p><em>No figure.</em></p>"
    text = dict(
        zip(
            zip(passages["doc_id"], passages["passage_id"].astype(int), strict=True),
            passages["text"],
            strict=True,
        )
    )
    table = pd.DataFrame(
        {
            "outlet": figures["outlet"],
            "kind": figures["kind"],
            "what": figures["what"],
            "value": figures["value"],
            "as written": figures["surface"],
            "qualifier": figures["qualifier"],
            "date": figures["date"],
            "passage": [
                text.get((d, int(p)), "")
                for d, p in zip(figures["doc_id"], figures["passage_id"], strict=True)
            ],
        }
    )
    return explore_table(table, limit=limit, where="data/numbers.csv")
