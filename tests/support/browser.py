"""Open report pages in headless Chromium the way a reader would, and say what is broken.

Playwright drives the system's Chromium (``scripts/ensure-chromium.sh`` finds or
installs it), so nothing is downloaded. Each page is loaded from its file in a
fresh browser context in which every request that leaves the machine is
blocked and recorded: a report must be one folder that works offline. The
check collects console errors, uncaught exceptions, images that did not
render, links that lead nowhere, and saves a full-page screenshot for a
person to look at.

Link checking works on plain strings and files (:func:`broken_links`), so it
is tested without a browser.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Route

#: Chromium flags for a quiet, offline, headless run (Playwright adds ``--headless``
#: and ``--no-sandbox``, needed as root).
CHROMIUM_FLAGS = (
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
#: URL schemes a page may load from without leaving the machine.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
#: Fragments that scroll to the top of a page without naming an element.
TOP_FRAGMENTS = ("", "top")

# Runs in the page once it has loaded: lazy images are made eager and awaited,
# so "did not render" means broken, not "below the fold".
_INSPECT = """async () => {
    const images = Array.from(document.images);
    for (const image of images) image.loading = "eager";
    await Promise.all(images.map((image) => image.decode().catch(() => null)));
    return {
        brokenImages: images
            .filter((image) => !(image.complete && image.naturalWidth > 0))
            .map((image) => (image.getAttribute("src") || "(no src)").slice(0, 120)),
        hrefs: Array.from(document.querySelectorAll("a[href]"), (a) => a.getAttribute("href")),
        ids: Array.from(document.querySelectorAll("[id]"), (element) => element.id).concat(
            Array.from(document.querySelectorAll("a[name]"), (a) => a.name)
        ),
    };
}"""


@dataclass
class PageCheck:
    """What a browser found on one page.

    Attributes:
        page: The HTML file.
        screenshot: The full-page PNG saved for a person to look at.
        console_errors: Console messages of level ``error``, with their source URL.
        page_errors: Uncaught JavaScript exceptions.
        broken_images: ``src`` of each ``<img>`` that did not render.
        broken_links: Relative links that lead nowhere (see :func:`broken_links`).
        outside_requests: URLs the page tried to fetch from off the machine (blocked).
    """

    page: Path
    screenshot: Path
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    broken_images: list[str] = field(default_factory=list)
    broken_links: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        """Every finding as ``"<kind>: <detail>"``; empty when the page is fine."""
        kinds = {
            "console error": self.console_errors,
            "page error": self.page_errors,
            "broken image": self.broken_images,
            "broken link": self.broken_links,
            "outside request": self.outside_requests,
        }
        return [f"{kind}: {item}" for kind, items in kinds.items() for item in items]


class _Anchors(HTMLParser):
    """Collects the ``id`` of every element and the ``name`` of every ``<a>``."""

    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if value and (key == "id" or (tag == "a" and key == "name")):
                self.found.add(value)


def anchors_in(page: Path) -> set[str]:
    """The fragment targets of an HTML file: element ids and ``<a name>``.

    Args:
        page: An HTML file.

    Returns:
        The set of names a ``#fragment`` may point to.
    """
    parser = _Anchors()
    parser.feed(page.read_text(encoding="utf-8", errors="replace"))
    return parser.found


def broken_links(page: Path, hrefs: Iterable[str], ids: Collection[str]) -> list[str]:
    """Relative links of a page that lead nowhere.

    A link with a path must name an existing file (or a folder holding
    ``index.html``) relative to the page; a fragment must name an element of
    the target page (``ids`` for the page itself, read from the file for an
    HTML target). ``file:`` links are broken by definition: they tie the
    report to one machine. Other absolute links (``https:``, ``mailto:``) are
    not checked here; the browser check blocks their loading, not linking.

    Args:
        page: The HTML file the links are on.
        hrefs: The raw ``href`` attributes, in page order.
        ids: Element ids (and ``<a name>``) of the page as rendered.

    Returns:
        One ``"<href>: <reason>"`` per broken link, in page order.
    """
    broken = []
    for href in hrefs:
        parts = urlsplit(href.strip())
        if parts.scheme == "file":
            broken.append(f"{href}: absolute file link, not relative")
            continue
        if parts.scheme or parts.netloc:
            continue
        # As browsers do, a fragment matches an id either as written or percent-decoded.
        fragments = {parts.fragment, unquote(parts.fragment)}
        to_top = parts.fragment.lower() in TOP_FRAGMENTS
        targets: Collection[str] = ids
        if parts.path:
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{href}: no such file")
                continue
            if not to_top:
                targets = anchors_in(target) if target.suffix in (".html", ".htm") else set()
        if not to_top and fragments.isdisjoint(targets):
            broken.append(f"{href}: no element with id {unquote(parts.fragment)!r}")
    return broken


def report_pages(out_dir: Path) -> list[Path]:
    """The HTML pages of a report folder, ``index.html`` first, then by path.

    Args:
        out_dir: The report folder.

    Returns:
        Paths of every ``*.html`` file under it.
    """
    index = out_dir / "index.html"
    pages = sorted(p for p in out_dir.rglob("*.html") if p != index)
    return [index, *pages] if index.is_file() else pages


def check_pages(
    pages: Iterable[Path],
    *,
    executable: str | Path,
    screenshots: Path,
    root: Path | None = None,
    viewport: tuple[int, int] = (1280, 900),
    timeout_s: float = 30.0,
) -> list[PageCheck]:
    """Open each page in headless Chromium, check it and take a screenshot.

    One browser serves every page; each page gets a fresh context (no shared
    cache or storage) in which requests other than ``file:``/``data:``/
    ``blob:`` are blocked and recorded.

    Args:
        pages: HTML files to open.
        executable: The Chromium binary (``scripts/ensure-chromium.sh`` prints it).
        screenshots: Folder for the PNGs (created).
        root: Folder the pages are named relative to in screenshot file names
            (``pairs/a.html`` becomes ``pairs__a.png``); the page's own name when ``None``.
        viewport: Window width and height in CSS pixels.
        timeout_s: Longest wait for the browser to start or a page to load, in seconds.

    Returns:
        One check per page, in the order given.

    Raises:
        playwright.sync_api.Error: The browser did not start or a page did not load.
    """
    from playwright.sync_api import sync_playwright

    screenshots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=str(executable), args=list(CHROMIUM_FLAGS), timeout=timeout_s * 1000
        )
        try:
            checks = []
            for page in pages:
                page = page.resolve()
                name = page.relative_to(root.resolve()) if root else Path(page.name)
                shot = screenshots / ("__".join(name.with_suffix("").parts) + ".png")
                checks.append(_check_page(browser, page, shot, viewport, timeout_s))
            return checks
        finally:
            browser.close()


def _check_page(
    browser: Browser, page: Path, shot: Path, viewport: tuple[int, int], timeout_s: float
) -> PageCheck:
    """Load one page in a fresh context of ``browser``; see :func:`check_pages`."""
    check = PageCheck(page=page, screenshot=shot)
    console: list[tuple[str, str]] = []

    def on_request(route: Route) -> None:
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            check.outside_requests.append(url)
            route.abort("blockedbyclient")

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            console.append((message.text, message.location.get("url", "")))

    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    try:
        context.set_default_timeout(timeout_s * 1000)
        context.route("**/*", on_request)
        tab = context.new_page()
        tab.on("console", on_console)
        tab.on(
            "pageerror", lambda error: check.page_errors.append(f"{error.name}: {error.message}")
        )
        tab.goto(page.as_uri(), wait_until="load")
        found = tab.evaluate(_INSPECT)
        # Late requests (scripts that fetch after load) are caught here too.
        tab.wait_for_load_state("networkidle")
        tab.screenshot(path=str(shot), full_page=True)
    finally:
        context.close()
    blocked = set(check.outside_requests)
    # A blocked request also logs "Failed to load resource"; it is reported once, as outside.
    check.console_errors = [
        f"{text} ({url})" if url else text for text, url in console if url not in blocked
    ]
    check.broken_images = found["brokenImages"]
    check.broken_links = broken_links(page, found["hrefs"], found["ids"])
    return check
