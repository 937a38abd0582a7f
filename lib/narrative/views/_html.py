"""Where corpus text meets HTML or Markdown: escaping, marks, badges, links, the page policy.

Every view, notebook output and page that shows corpus text (article text,
manifest and row fields, file names, titles, URLs) writes it through this
module, so corpus text is escaped in one place and can never add markup or
script:

* :func:`escape` for HTML text and attribute values;
* :func:`escape_markdown` for text put into Markdown (notebook outputs render
  Markdown to HTML without sanitising it);
* :func:`mark_spans`, :func:`truncate`, :func:`badge` and :func:`link` build
  the small pieces views are made of, escaping what they are given;
* :func:`content_security_policy` is the policy every page carries: no script
  runs but the page's own, named by hash.

Styles are inline (:data:`TABLE`, :data:`CELL`, :data:`NOTE`) so a report
stays one file.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

#: Inline style of a view's table.
TABLE = "border-collapse:collapse;width:100%;font-size:13px;line-height:1.35"
#: Inline style of a table cell.
CELL = "border:1px solid #ddd;padding:6px;vertical-align:top;text-align:left"
#: Inline style of a small grey note (ids, offsets, counts).
NOTE = "color:#888;font-size:11px"
#: Inline style of a marked span when no other is given.
MARK = "background:#fde68a;padding:0 1px;border-radius:2px"
#: URL schemes that become links; any other URL (``javascript:``, ``data:``,
#: ``file:``, relative) is shown as text.
LINK_SCHEMES = ("http", "https")

# Characters Markdown (CommonMark, the GFM extensions and the "$" maths Jupyter renders)
# gives a meaning: emphasis, code, links and images, headings, lists, tables, escapes.
# "&", "<", ">" and quotes become HTML entities instead, which Markdown shows as written.
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$=:])")
_MARKDOWN_ENTITIES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
)
_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)


def escape(value: object) -> str:
    """Any value as HTML text, safe in element content and in quoted attribute values.

    Args:
        value: Text (or anything ``str()`` turns into text: a number, a path).

    Returns:
        The text with ``&``, ``<``, ``>``, ``"`` and ``'`` escaped.
    """
    return html.escape(str(value), quote=True)


def escape_markdown(value: object) -> str:
    """Any value as Markdown that renders as the literal text.

    Every character Markdown gives a meaning is backslash-escaped, so ``*x*``
    stays ``*x*`` and ``[a](javascript:...)`` is no link; then ``&``, ``<``,
    ``>`` and quotes become HTML entities (Markdown passes raw HTML through).
    Line breaks become spaces: a value is one line of a heading or a sentence.

    Args:
        value: Text to put into Markdown.

    Returns:
        Markdown source.
    """
    text = " ".join(str(value).splitlines())
    return _MARKDOWN_ACTIVE.sub(r"\\\1", text).translate(_MARKDOWN_ENTITIES)


@dataclass(frozen=True)
class Mark:
    """How :func:`mark_spans` wraps one kind of span.

    Attributes:
        style: Inline CSS of the element.
        title: Tooltip; none when empty.
        tag: The element, ``mark`` or ``span``.
    """

    style: str = MARK
    title: str = ""
    tag: str = "mark"

    def wrap(self, inner_html: str) -> str:
        """The element around already escaped HTML."""
        title = f' title="{escape(self.title)}"' if self.title else ""
        return f'<{self.tag} style="{escape(self.style)}"{title}>{inner_html}</{self.tag}>'


def mark_spans(
    text: str,
    spans: Iterable[tuple[int, int] | tuple[int, int, str]],
    *,
    marks: Mapping[str, Mark] | None = None,
    default: Mark = Mark(),
) -> str:
    """Escaped HTML of a text with character spans marked.

    Args:
        text: The text.
        spans: ``(start, end)`` offsets, or ``(start, end, kind)`` to mark a
            span as ``marks[kind]``; taken in order of ``start``. Empty spans
            and spans overlapping an earlier one are skipped.
        marks: How each kind of span is marked.
        default: How spans without a kind (or of a kind not in ``marks``) are marked.

    Returns:
        HTML.
    """
    marks = marks or {}
    parts, at = [], 0
    for start, end, *kind in sorted(spans):
        if start < at or end <= start:
            continue
        mark = marks.get(kind[0], default) if kind else default
        parts.append(escape(text[at:start]))
        parts.append(mark.wrap(escape(text[start:end])))
        at = end
    parts.append(escape(text[at:]))
    return "".join(parts)


def truncate(text: str, limit: int) -> str:
    """A text cut to at most ``limit`` characters (with an ellipsis), as HTML.

    Args:
        text: The text.
        limit: Most characters shown, the ellipsis included.

    Returns:
        The escaped text when it fits; else a ``<span>`` holding its start and
        an ellipsis, with the whole text as its ``title`` (tooltip).
    """
    if len(text) <= limit:
        return escape(text)
    shown = text[: max(limit - 1, 0)].rstrip() + "\u2026"
    return f'<span title="{escape(text)}">{escape(shown)}</span>'


def badge(text: str, colour: str) -> str:
    """A small coloured label with white text (an outlet, a relation, a kind).

    Args:
        text: The label.
        colour: CSS background colour (from the report's own palettes).

    Returns:
        HTML.
    """
    return (
        f'<span style="background:{escape(colour)};color:white;border-radius:3px;padding:0 4px;'
        f'font-size:11px">{escape(text)}</span>'
    )


def safe_url(url: str) -> str:
    """The URL when it is an absolute ``http``/``https`` address, else ``""``.

    Args:
        url: A URL as given by the corpus.

    Returns:
        The stripped URL, or ``""`` for any other scheme (``javascript:``,
        ``data:``, ``file:``), a relative or malformed address.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return ""
    if any(c.isspace() or ord(c) < 32 for c in url):
        return ""
    return url


def link(url: str, text: str | None = None) -> str:
    """A link to a corpus URL when its scheme is ``http`` or ``https``, else the URL as text.

    Args:
        url: The URL as given.
        text: Link text; the URL itself when ``None``.

    Returns:
        HTML: ``<a href>`` (opened without handing the report to the target)
        or escaped text.
    """
    shown = escape(url if text is None else text)
    target = safe_url(url)
    if not target:
        return shown
    return f'<a href="{escape(target)}" rel="noopener noreferrer nofollow">{shown}</a>'


def script_hash(source: str) -> str:
    """The CSP source expression that allows one inline script: ``'sha256-<base64>'``."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts(page: str) -> list[str]:
    """The bodies of a page's inline ``<script>`` elements, in order.

    Use it on the page as the report's own code made it, before any corpus
    text is put in (a template, a widget's output), to name its scripts for
    :func:`content_security_policy`.
    """
    return [body for body in _SCRIPT.findall(page) if body.strip()]


def content_security_policy(scripts: Iterable[str] = ()) -> str:
    """The Content-Security-Policy of a report page.

    Nothing is loaded from anywhere (``default-src 'none'``); images may be
    ``data:`` URIs (the embedded charts); inline styles are allowed (views
    style their tables inline, the notebook template ships its CSS inline);
    scripts run only when they are one of ``scripts``, named by their SHA-256
    hash (no script at all when none is given). Corpus text is escaped
    wherever it appears, so it cannot add a script, and one added by mistake
    would not match a hash.

    Args:
        scripts: The bodies of the page's own inline scripts (see
            :func:`inline_scripts`), exactly as they appear in the page.

    Returns:
        The policy, for a ``<meta http-equiv="Content-Security-Policy">``.
    """
    hashes = sorted({script_hash(s) for s in scripts})
    script_src = " ".join(hashes) if hashes else "'none'"
    return (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src {script_src}; base-uri 'none'; form-action 'none'"
    )


def with_content_security_policy(page: str, scripts: Iterable[str] = ()) -> str:
    """A page with its Content-Security-Policy as the first element of ``<head>``.

    Args:
        page: A whole HTML page.
        scripts: The page's own inline scripts (see :func:`content_security_policy`).

    Returns:
        The page with a ``<meta http-equiv="Content-Security-Policy">``.

    Raises:
        ValueError: When the page has no ``<head>``.
    """
    head = _HEAD.search(page)
    if head is None:
        raise ValueError("the page has no <head> for its Content-Security-Policy")
    meta = (
        '<meta http-equiv="Content-Security-Policy" '
        f'content="{escape(content_security_policy(scripts))}">'
    )
    return page[: head.end()] + meta + page[head.end() :]
