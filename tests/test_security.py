"""A hostile corpus can neither run script in a report nor make it read files outside the corpus.

The corpus is written here: markup and script in every manifest field, in the
article text and its quotes, in an HTML page's ``<title>`` and in a file name;
a manifest row that climbs out of the folder, one with an absolute path and a
symbolic link that leads out of it. The whole report is built and every page
opened in headless Chromium, with its Content-Security-Policy and once more
without it (so the escaping is tested on its own): no payload may have run.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from narrative.readers import load_corpus
from support.browser import CHROMIUM_FLAGS, report_pages
from support.notebooks import stderr_outputs

#: What the payloads write into the page when they run.
PWNED = "data-pwned"
SECRET = "TOPSECRET-7d1f3c"


def payload(where: str) -> str:
    """Markup that marks ``document.body`` when it runs, in three forms, and Markdown link."""
    run = f"document.body.setAttribute('{PWNED}','{where}')"
    return (
        f'<img src=x onerror="{run}"><script>{run}</script><svg onload="{run}"></svg>'
        f" *{where}* [{where}](javascript:{run})"
    )


LABEL = payload("label")
PARAGRAPHS = (
    "Negotiators agreed on Tuesday to a ceasefire in the northern province after two days of "
    "talks in the capital, officials said.",
    "The truce is due to begin at midnight and will be monitored by observers from three "
    "neighbouring countries.",
    "Aid agencies hope to reach some 40,000 people who have been cut off since March, when "
    "fighting closed the only road to the provincial capital.",
    "A rebel spokesman said his fighters would respect the deal as long as government forces "
    "stayed in their barracks.",
)


def article(where: str) -> str:
    """An article whose text, quotes and figures carry payloads."""
    return (
        f"Truce agreed in the north {payload(where + '-headline')}\n\n"
        + "\n\n".join(PARAGRAPHS)
        + f'\n\n"We will hold our positions {payload(where + "-quote")}," the defence minister '
        f"said on Wednesday.\n\nThe United Nations said 320 <b>{payload(where + '-body')}</b> "
        "people had been killed in the province this year.\n"
    )


def hostile_corpus(root: Path) -> Path:
    """Write the corpus under ``root``; the secret sits beside it, outside."""
    folder = root / "corpus"
    folder.mkdir()
    (root / "secret.txt").write_text(f"{SECRET} must never be read.\n\n" + "\n\n".join(PARAGRAPHS))
    (folder / "outward.txt").symlink_to(root / "secret.txt")
    odd_name = f"""x<img src=x onerror="document.body.setAttribute('{PWNED}','file')">.txt"""
    (folder / odd_name).write_text(article("file"))
    (folder / "plain.txt").write_text(article("plain"))
    (folder / "page.html").write_text(
        f"<html><head><title>Truce {payload('html-title')}</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "<p>Observers from three countries will monitor the truce, the mediators said.</p>"
        + "</article></body></html>"
    )
    rows = [
        {"doc_id": "alpha", "file": odd_name, "outlet": payload("outlet"), "label": LABEL},
        {"doc_id": payload("doc_id"), "file": "plain.txt", "outlet": "Beta", "label": "*Beta*"},
        {"doc_id": "gamma", "file": "page.html", "outlet": "Gamma", "label": "[G](javascript:x)"},
        {"doc_id": "climb", "file": "../secret.txt", "outlet": "Delta"},
        {"doc_id": "absolute", "file": str(root / "secret.txt"), "outlet": "Delta"},
        {"doc_id": "linked", "file": "outward.txt", "outlet": "Delta"},
    ]
    extra = ("origin", "title", "url", "standfirst", "event", "published")
    for row in rows[:3]:
        for name in extra:
            row[name] = payload(name)
        row["url"] = f"javascript:document.body.setAttribute('{PWNED}','url')"
        row["event"] = f"e1 {payload('event')}"
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=["doc_id", "file", "outlet", "label", *extra])
        writer.writeheader()
        writer.writerows(rows)
    return folder


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory):
    from narrative.report import build_report

    root = tmp_path_factory.mktemp("hostile")
    corpus = hostile_corpus(root)
    outcome = build_report(corpus, root / "report", {})
    return outcome


def test_files_outside_the_corpus_are_named_and_not_read(tmp_path: Path):
    corpus = load_corpus(hostile_corpus(tmp_path))
    assert [d.doc_id for d in corpus.documents] == ["alpha", payload("doc_id"), "gamma"]
    skipped = {w.split(":")[0]: w for w in corpus.warnings if "inside the corpus folder" in w}
    assert set(skipped) == {"climb", "absolute", "linked"}
    assert "'../secret.txt' leads outside the corpus folder" in skipped["climb"]
    assert "is an absolute path" in skipped["absolute"]
    assert "'outward.txt' is a link that leads outside the corpus folder" in skipped["linked"]
    assert not any(SECRET in d.text for d in corpus.documents)


def test_a_folder_without_manifest_skips_links_that_lead_out(tmp_path: Path):
    (tmp_path / "secret.txt").write_text(SECRET)
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "beta-1.txt").write_text("\n\n".join(PARAGRAPHS))
    (folder / "alpha-1.txt").symlink_to(tmp_path / "secret.txt")
    (folder / "gamma-1.txt").symlink_to(folder / "beta-1.txt")  # stays inside: read
    corpus = load_corpus(folder)
    assert [d.doc_id for d in corpus.documents] == ["beta-1", "gamma-1"]
    assert any(w.startswith("alpha-1: file 'alpha-1.txt' is a link") for w in corpus.warnings)


def test_a_manifest_that_leads_out_is_not_read(tmp_path: Path):
    (tmp_path / "elsewhere.csv").write_text("doc_id,file\na,a.txt\n")
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("\n\n".join(PARAGRAPHS))
    (folder / "manifest.csv").symlink_to(tmp_path / "elsewhere.csv")
    with pytest.raises(Exception, match="outside the corpus folder"):
        load_corpus(folder)


def test_the_secret_is_in_no_output_file(hostile_report):
    assert hostile_report.ok, [n.error for n in hostile_report.notebooks]
    written = [p for p in hostile_report.out_dir.rglob("*") if p.is_file()]
    assert len(written) > 20
    leaked = [p.name for p in written if SECRET.encode() in p.read_bytes()]
    assert leaked == []


def test_pages_show_no_library_chatter(hostile_report):
    printed = stderr_outputs(hostile_report.out_dir)
    assert printed, "no executed notebook found"
    assert {name: text for name, text in printed.items() if text} == {}


def test_every_page_carries_a_policy_that_allows_no_script_but_the_explorers(hostile_report):
    from narrative.views._html import escape, script_hash
    from narrative.views.explore import EXPLORE_SCRIPT

    pages = report_pages(hostile_report.out_dir)
    assert len(pages) == 8  # index, four notebooks, three pairs
    explorers = escape(f"script-src {script_hash(EXPLORE_SCRIPT)};")
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        allowed = (
            explorers
            if page.name[:2] in ("01", "02", "03", "04")
            else "script-src &#x27;none&#x27;"
        )
        assert allowed in head, page.name
        assert "<script" not in head, page.name


def test_no_payload_runs_in_a_browser(hostile_report, chromium: str, tmp_path: Path):
    from narrative.views.explore import EXPLORE_SCRIPT
    from playwright.sync_api import sync_playwright

    pages = report_pages(hostile_report.out_dir)
    # The same pages without their policy: escaping alone must keep every payload inert.
    bare = []
    for page in pages:
        copy = tmp_path / page.relative_to(hostile_report.out_dir)
        copy.parent.mkdir(parents=True, exist_ok=True)
        html = page.read_text(encoding="utf-8")
        copy.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html))
        bare.append(copy)
    # The explorer tables' own script (views.explore) is the only one a page may hold.
    inspect = """(own) => ({
        pwned: document.body.getAttribute("data-pwned"),
        scripts: Array.from(document.scripts).filter((s) => s.textContent !== own).length,
        handlers: Array.from(document.querySelectorAll("*")).filter(
            (e) => Array.from(e.attributes).some((a) => a.name.startsWith("on"))).length,
        jsLinks: document.querySelectorAll("a[href^='javascript' i]").length,
        text: document.body.innerText,
    })"""
    found = {}
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=list(CHROMIUM_FLAGS))
        try:
            for page in pages + bare:
                tab = browser.new_page()
                dialogs: list[str] = []
                tab.on(
                    "dialog",
                    lambda dialog, seen=dialogs: (seen.append(dialog.message), dialog.dismiss()),
                )
                tab.goto(page.as_uri(), wait_until="load")
                tab.wait_for_timeout(200)
                found[page] = {**tab.evaluate(inspect, EXPLORE_SCRIPT), "dialogs": dialogs}
                tab.close()
        finally:
            browser.close()
    for page, seen in found.items():
        assert seen["pwned"] is None, (page, seen["pwned"])
        assert (seen["scripts"], seen["handlers"], seen["jsLinks"], seen["dialogs"]) == (
            0,
            0,
            0,
            [],
        ), page
    # The payloads reached the pages as text a reader sees, Markdown labels as written.
    texts = {page.name: seen["text"] for page, seen in found.items() if page in pages}
    assert payload("doc_id") in texts["index.html"]
    pairs = [text for name, text in texts.items() if name.startswith("10-outlet-pair")]
    assert len(pairs) == 3
    for label in (LABEL, "*Beta*", "[G](javascript:x)"):
        assert sum(f"{label} and " in text or f" and {label}" in text for text in pairs) == 2
    assert "plain-quote" in texts["03-voices-and-wording.html"]


def test_only_the_pages_own_scripts_run(chromium: str, tmp_path: Path):
    from narrative.views._html import with_content_security_policy
    from playwright.sync_api import sync_playwright

    own = "document.body.setAttribute('data-own', 'ran');"
    added = f"document.body.setAttribute('{PWNED}', 'ran');"
    page = tmp_path / "page.html"
    page.write_text(
        with_content_security_policy(
            f"<!DOCTYPE html><html><head></head><body><script>{own}</script>"
            f'<script>{added}</script><img src=x onerror="{added}"></body></html>',
            [own],
        )
    )
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=list(CHROMIUM_FLAGS))
        try:
            tab = browser.new_page()
            tab.goto(page.as_uri(), wait_until="load")
            seen = tab.evaluate(
                f"() => [document.body.dataset.own, document.body.getAttribute('{PWNED}')]"
            )
        finally:
            browser.close()
    assert seen == ["ran", None]
