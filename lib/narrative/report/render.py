"""Render an executed notebook to one self-contained HTML page, with how it was made."""

from __future__ import annotations

import datetime as _dt
import re
import shlex
from pathlib import Path

from narrative.params import PARAMETERS
from narrative.report.runner import versions
from narrative.views._html import escape, with_content_security_policy
from narrative.views.explore import EXPLORE_SCRIPT


def rerun_command(corpus: Path, out_dir: Path, values: dict[str, object]) -> str:
    """The command line that rebuilds this report."""
    defaults = {p.name: p.default for p in PARAMETERS}
    changed = [f"-p {k}={v}" for k, v in values.items() if defaults.get(k) != v]
    parts = ["narrative", "report", "--corpus", str(corpus), "--out", str(out_dir), *changed]
    return " ".join(shlex.quote(p) if not p.startswith("-p ") else p for p in parts)


def provenance_html(corpus: Path, out_dir: Path, values: dict[str, object]) -> str:
    """A block stating how a report was made and how to re-run it."""
    params = ", ".join(f"{k}={v}" for k, v in values.items())
    packages = ", ".join(f"{k} {v}" for k, v in versions().items())
    return (
        '<div style="font:12px sans-serif;color:#555;background:#f6f6f6;padding:8px 12px;'
        'margin:0 0 12px 0;border-left:3px solid #999">'
        f"<b>Made</b> {escape(_dt.datetime.now().strftime('%Y-%m-%d %H:%M'))} from corpus "
        f"<code>{escape(str(corpus))}</code> with model <code>{escape(str(values['model']))}"
        f"</code>.<br><b>Parameters</b>: {escape(params)}<br><b>Versions</b>: "
        f"{escape(packages)}<br><b>Re-run</b>: <code>"
        f"{escape(rerun_command(corpus, out_dir, values))}</code> "
        f'&middot; <a href="index.html">all reports</a></div>'
    )


def error_html(error: str) -> str:
    """A banner that says the page is incomplete, and why."""
    return (
        '<div role="alert" style="font:14px sans-serif;color:#67000d;background:#fde0dd;'
        'padding:8px 12px;margin:0 0 12px 0;border-left:3px solid #b2182b">'
        f"<b>This page is incomplete.</b> {escape(error)}</div>"
    )


# The lab template fetches require.js and MathJax from a CDN: a report must be one
# file that opens offline, and "$" in news text must not turn into maths.
_OFFLINE_TEMPLATE = (
    "{%- extends 'lab/index.html.j2' -%}"
    "{%- block html_head_js_requirejs -%}{%- endblock -%}"
    "{%- block html_head_js_mathjax -%}{%- endblock -%}"
    "{%- block html_head_js_mermaidjs -%}{%- endblock -%}"
)


def _exporter_class():
    """nbconvert's HTML exporter without its BeautifulSoup pass.

    ``HTMLExporter.from_notebook_node`` re-parses the finished page with
    BeautifulSoup's pure-Python parser only to add ``alt`` text to images and
    ``tabindex`` to cells; on a report of a few hundred articles that pass
    took 13 s of a 15 s render. The template's output is used as it is, and
    :func:`render_html` gives images their ``alt`` text.
    """
    from nbconvert import HTMLExporter, TemplateExporter
    from nbconvert.filters import Highlight2HTML

    class ReportExporter(HTMLExporter):
        # Only public nbconvert API: the filters HTMLExporter would register (the
        # notebook's own lexer for code; the template's default data-type filter,
        # which differs from the widget one only for widget outputs, and reports
        # have none), then the template alone.
        def from_notebook_node(self, nb, resources=None, **kw):
            info = nb.metadata.get("language_info", {})
            lexer = info.get("pygments_lexer", info.get("name"))
            self.register_filter(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
            )
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return ReportExporter


_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\balt=)")


def render_html(notebook_path: Path, *, keep_code: bool = False, header: str = "") -> str:
    """Render an executed notebook to one self-contained HTML page.

    Args:
        notebook_path: The executed notebook.
        keep_code: Show code cells (hidden by default).
        header: HTML inserted at the top of the page body.

    Returns:
        The page, with a Content-Security-Policy that lets no script run but
        the explorer tables' (:data:`narrative.views.explore.EXPLORE_SCRIPT`,
        by its hash; :func:`narrative.views._html.content_security_policy`).
    """
    import jinja2
    import nbformat

    exporter = _exporter_class()(
        template_name="lab",
        extra_loaders=[jinja2.DictLoader({"offline.html.j2": _OFFLINE_TEMPLATE})],
        template_file="offline.html.j2",
        exclude_input=not keep_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(nbformat.read(notebook_path, as_version=4))
    # Every image is a chart; its title and the sentence above it say what it shows.
    body = _IMG_WITHOUT_ALT.sub('<img alt="chart: see its title and the text above it"', body)
    if header:
        marker = body.find(">", body.find("<main"))
        if marker < 0:
            marker = body.find(">", body.find("<body"))
        body = body[: marker + 1] + header + body[marker + 1 :]
    # The template (scripts removed above) needs none; the only script that may run is the
    # explorer tables' own, the same text on every page (views.explore).
    return with_content_security_policy(body, [EXPLORE_SCRIPT] if EXPLORE_SCRIPT in body else [])
