"""Explorer tables: escaped cells, one static script, sorting and filtering in a browser."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from narrative.figures.style import MAX_OUTLETS_SHOWN
from narrative.views._layout import more, scroll_box
from narrative.views.explore import (
    EXPLORE_SCRIPT,
    explore_table,
    fact_anchor,
    facts_explorer,
    outlet_pairs_explorer,
)
from narrative.views.pair import pair_page, pair_pages

ROWS = pd.DataFrame(
    {
        "outlet": ["B <i>", "A", "C"],
        "share": ["9%", "45%", "100%"],
        "link": ['<a href="x.html">x</a>', "", ""],
    }
)


def test_cells_are_escaped_unless_built_as_html():
    html = explore_table(ROWS, html_columns=["link"])
    assert "B &lt;i&gt;" in html and "<i>" not in html.replace(EXPLORE_SCRIPT, "")
    assert '<a href="x.html">x</a>' in html


def test_script_is_the_same_text_whatever_the_data():
    """A page's policy allows the script by its hash: it must not vary with the table."""
    one = explore_table(ROWS)
    other = explore_table(ROWS.iloc[:1].assign(outlet="</script><script>alert(1)"))
    assert one.count("<script>") == other.count("<script>") == 1
    assert (
        f"<script>{EXPLORE_SCRIPT}</script>" in one
        and f"<script>{EXPLORE_SCRIPT}</script>" in other
    )
    assert "alert(1)" in other and "<script>alert" not in other
    assert "onclick" not in EXPLORE_SCRIPT and "innerHTML" not in EXPLORE_SCRIPT


def test_sort_keys_row_ids_and_limit():
    html = explore_table(
        ROWS,
        sort_keys={"share": pd.Series([0.09, 0.45, 1.0])},
        row_ids=pd.Series(["r-1", "r-2", "r-3"]),
        limit=2,
        where="data/x.csv",
    )
    assert 'data-sort="0.09"' in html and 'id="r-2"' in html and 'id="r-3"' not in html
    assert "The first 2 of 3 rows; all in data/x.csv." in html


def test_layout_boxes_and_more():
    assert scroll_box("<table></table>").endswith(
        '<div class="narrative-scroll"><table></table></div>'
    )
    assert more("<ul></ul>", 0) == ""
    assert "\u2026 and 21 more</summary><ul></ul></details>" in more("<ul></ul>", 21)


def test_facts_explorer_has_each_outlets_passages_and_anchors():
    facts = pd.DataFrame(
        {
            "fact_id": ["U001", "U001", "S-a-3"],
            "n_outlets": [2, 2, 1],
            "outlet": ["A", "B", "A"],
            "kind": ["body", "body", "body"],
            "position": [0.1, 0.5, 0.9],
            "text": ["Talks ended.", "The talks ended <then>.", "Only A says so."],
        }
    )
    html = facts_explorer(facts, ["A", "B"])
    assert f'id="{fact_anchor("U001")}"' in html and 'id="fact-S-a-3"' in html
    assert "The talks ended &lt;then&gt;. " in html and "(body, 50%)" in html


def test_facts_explorer_gives_columns_to_the_busiest_outlets_of_many():
    outlets = [f"site{i:02d}" for i in range(30)]
    # fact F0 is in every outlet, F1 in the first ten, F2 in the last one only
    carried = [("F0", o) for o in outlets] + [("F1", o) for o in outlets[:10]]
    carried.append(("F2", "site29"))
    counts = {f: sum(1 for g, _ in carried if g == f) for f, _ in carried}
    facts = pd.DataFrame(
        {
            "fact_id": [f for f, _ in carried],
            "n_outlets": [counts[f] for f, _ in carried],
            "outlet": [o for _, o in carried],
            "kind": "body",
            "position": 0.5,
            "text": [f"{f} in <{o}>" for f, o in carried],
        }
    )
    html = facts_explorer(facts, outlets)
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", html)
    assert len(headers) == 2 + MAX_OUTLETS_SHOWN + 1 and headers[-1] == "other outlets"
    assert "site00" in headers and "site29" in headers  # carries two facts
    # ties keep corpus order: site10-site18 fill the columns, site19-site28 are named
    assert "F0 in &lt;site18&gt;" in html and "F0 in &lt;site19&gt;" not in html
    assert "site19, site20, site21" in html and "30 outlets carry these facts" in html
    few = facts_explorer(facts[facts["outlet"].isin(outlets[:5])], outlets)
    assert "other outlets" not in few


def test_outlet_pairs_link_to_their_page_when_the_report_has_one():
    pairs = pd.DataFrame({"outlet": ["A", "B"], "other": ["B", "A"], "shared": [0.25, 0.5]})
    alignments = pd.DataFrame(
        {"outlet_a": ["A", "B"], "outlet_b": ["B", "A"], "relation": ["reuse", "related"]}
    )
    linked = outlet_pairs_explorer(pairs, alignments, pages=pair_pages(["A", "B"]))
    assert f'href="{pair_page("A", "B")}"' in linked and 'data-sort="0.25"' in linked
    assert "<td" in linked and ">25%<" in linked and ">50%<" in linked
    unlinked = outlet_pairs_explorer(pairs, alignments, pages={})
    assert "href" not in unlinked and "notebook 10 with outlet_a=" in unlinked
    assert pair_pages(["A", "B", "C"], '[["A", "C"]]') == {("A", "C"): pair_page("A", "C")}
    assert pair_page("Al Jazeera", "FMT (AFP)") == "10-outlet-pair-al-jazeera--fmt-afp.html"


def test_sorting_and_filtering_in_a_browser(tmp_path: Path, chromium: str):
    from playwright.sync_api import sync_playwright

    page_file = tmp_path / "t.html"
    table = explore_table(ROWS, sort_keys={"share": pd.Series([0.09, 0.45, 1.0])})
    page_file.write_text(f"<!DOCTYPE html><meta charset='utf-8'><body>{table}</body>")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(page_file.as_uri())
            first = (
                "() => Array.from(document.querySelectorAll('tbody tr'), "
                "(r) => r.cells[0].textContent)"
            )
            page.locator("th button", has_text="share").click()
            ascending = page.evaluate(first)
            page.locator("th button", has_text="share").click()
            descending = page.evaluate(first)
            page.locator(".narrative-explore-bar input").fill("b <i")
            count = page.locator(".narrative-explore-bar span").text_content()
            visible = page.evaluate(
                "() => Array.from(document.querySelectorAll('tbody tr'))"
                ".filter(r => !r.hidden).length"
            )
        finally:
            browser.close()
    assert errors == []
    assert ascending == ["B <i>", "A", "C"] and descending == ["C", "A", "B <i>"]
    assert count.strip() == "1 of 3 rows" and visible == 1
