"""The one module where corpus text meets HTML or Markdown."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from narrative.views._html import (
    Mark,
    badge,
    content_security_policy,
    escape,
    escape_markdown,
    inline_scripts,
    link,
    mark_spans,
    safe_url,
    script_hash,
    truncate,
    with_content_security_policy,
)

HOSTILE = (
    "*x* _y_ `z` [a](javascript:alert(1)) ![i](x.png) <img src=x onerror=\"alert('1')\"> "
    "&amp; a\\b $x$ ~~s~~ | c | <https://example.org> www.example.org"
)


class _Tags(HTMLParser):
    """The tags and the text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


def parsed(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def test_escape_covers_text_and_both_quotes():
    assert escape("<a href=\"x\" title='y'>&</a>") == (
        "&lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt;&amp;&lt;/a&gt;"
    )
    assert escape(3.5) == "3.5"


@pytest.mark.parametrize(
    "text",
    [HOSTILE, "# heading", "1. item", "- item", "+ item", "> quote", "a\nb", "x" * 3],
)
def test_markdown_renders_as_the_literal_text(text: str):
    from nbconvert.filters.markdown import markdown2html_mistune

    html = markdown2html_mistune(f"## Pair: {escape_markdown(text)}")
    found = parsed(html)
    assert found.tags == ["h2", "a"]  # the heading and nbconvert's own anchor link
    assert found.text == "Pair: " + " ".join(text.splitlines()) + "\u00b6"


def test_markdown_escape_known_answer():
    assert escape_markdown("*x* <b>") == r"\*x\* &lt;b&gt;"
    assert escape_markdown("[a](javascript:y)") == r"\[a\]\(javascript\:y\)"


def test_mark_spans_escapes_marks_and_skips_overlaps():
    marks = {"variant": Mark("u", title="same <word>"), "speaker": Mark("s", tag="span")}
    html = mark_spans(
        "a <b> c & d",
        [(10, 11, "speaker"), (0, 1, "variant"), (0, 3), (2, 5), (6, 6), (6, 7, "other")],
        marks=marks,
        default=Mark("m"),
    )
    assert html == (
        '<mark style="u" title="same &lt;word&gt;">a</mark> <mark style="m">&lt;b&gt;</mark> '
        '<mark style="m">c</mark> &amp; <span style="s">d</span>'
    )
    assert mark_spans("<x>", []) == "&lt;x&gt;"


def test_truncate_keeps_the_whole_text_in_the_title():
    assert truncate("<short>", 10) == "&lt;short&gt;"
    cut = truncate('a "long" <text> here', 12)
    title = "a &quot;long&quot; &lt;text&gt; here"
    assert cut == f'<span title="{title}">a &quot;long&quot; &lt;t\u2026</span>'
    assert len(parsed(cut).text) == 12


def test_badge_escapes_its_text():
    assert ">&lt;script&gt;</span>" in badge("<script>", "#123456")
    assert "background:#123456;" in badge("x", "#123456")


@pytest.mark.parametrize(
    "url",
    ["http://example.org/a?b=c&d=e", "https://example.org", "HTTPS://EXAMPLE.ORG/x"],
)
def test_http_and_https_urls_become_links(url: str):
    assert safe_url(url) == url
    assert link(url, "source") == (
        f'<a href="{escape(url)}" rel="noopener noreferrer nofollow">source</a>'
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "vbscript:x",
        "//example.org/x",
        "/relative/path",
        "http:/no-host",
        "https://exa mple.org",
        "http://[::1",
        "",
    ],
)
def test_other_urls_stay_text(url: str):
    assert safe_url(url) == ""
    assert "<a" not in link(url)
    assert link(url) == escape(url)


def test_policy_allows_no_script_unless_named_by_hash():
    policy = content_security_policy()
    assert "script-src 'none'" in policy and "default-src 'none'" in policy
    assert "img-src data:" in policy and "style-src 'unsafe-inline'" in policy
    # The example of the CSP Level 3 specification.
    own = "alert('Hello, world.');"
    assert script_hash(own) == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    assert f"script-src {script_hash(own)};" in content_security_policy([own, own])


def test_policy_goes_first_in_the_head():
    page = "<!DOCTYPE html><html><head lang='en'><meta charset='utf-8'></head><body></body></html>"
    done = with_content_security_policy(page)
    assert done.startswith(
        "<!DOCTYPE html><html><head lang='en'><meta http-equiv=\"Content-Security-Policy\" "
        'content="default-src &#x27;none&#x27;;'
    )
    assert done.endswith("<meta charset='utf-8'></head><body></body></html>")
    with pytest.raises(ValueError, match="no <head>"):
        with_content_security_policy("<p>fragment</p>")


def test_inline_scripts_lists_bodies_not_sources():
    page = "<script src='x.js'></script><SCRIPT type='module'>go()</SCRIPT><script>\n</script>"
    assert inline_scripts(page) == ["go()"]
