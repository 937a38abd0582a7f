"""Build the HTML report: execute the notebooks with papermill, render them, index them.

``build_report`` first runs the pipeline once in this process, so the model
loads once and every passage's embedding lands in the cache; the notebooks,
each in its own kernel, then find every vector cached and never load the
model. Each executed notebook is rendered to one self-contained HTML file
(code hidden unless asked, images embedded), and ``index.html`` links them.
A notebook that fails does not stop the others; its page shows the error and
the run ends with a non-zero status.
"""

from __future__ import annotations

import datetime as _dt
import platform
import shlex
from dataclasses import dataclass, field
from html import escape
from importlib import metadata
from pathlib import Path

import pandas as pd

from narrative import config
from narrative.atomic import write_text
from narrative.params import PARAMETERS

KERNEL = "python3"
#: Notebooks run by ``narrative report``, in this order.
NOTEBOOK_PATTERN = "0[0-9]-*.ipynb"
EXPORTS = {
    "documents.csv": "one row per article: metadata, cleaned headline, standfirst, byline, "
    "dateline, passage and word counts",
    "passages.csv": "one row per passage with its kind, position and character offsets",
    "alignments.csv": "one row per aligned pair of passages with scores and relation",
    "units.csv": "story units: one row per (unit, passage)",
    "shared_content.csv": "share of each outlet's words also reported by each other outlet",
    "removed_lines.csv": "every captured line that is not article body, with the reason",
}
VERSIONED = ("narrative", "sentence-transformers", "torch", "scikit-learn", "pandas", "papermill")


@dataclass
class NotebookOutcome:
    """What happened to one notebook."""

    name: str
    html: Path
    error: str = ""


@dataclass
class ReportOutcome:
    """What ``build_report`` produced."""

    out_dir: Path
    index: Path
    notebooks: list[NotebookOutcome] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every notebook ran."""
        return not any(n.error for n in self.notebooks)


def versions() -> dict[str, str]:
    """Versions of Python and of the packages that shape the results."""
    found = {"python": platform.python_version()}
    for name in VERSIONED:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


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


def render_html(notebook_path: Path, *, keep_code: bool = False, header: str = "") -> str:
    """Render an executed notebook to one self-contained HTML page.

    Args:
        notebook_path: The executed notebook.
        keep_code: Show code cells (hidden by default).
        header: HTML inserted at the top of the page body.

    Returns:
        The page.
    """
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        exclude_input=not keep_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(nbformat.read(notebook_path, as_version=4))
    if header:
        marker = body.find(">", body.find("<main"))
        if marker < 0:
            marker = body.find(">", body.find("<body"))
        body = body[: marker + 1] + header + body[marker + 1 :]
    return body


def _first_heading(notebook_path: Path) -> str:
    import nbformat

    for cell in nbformat.read(notebook_path, as_version=4).cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return notebook_path.stem


def _error_summary(error: Exception) -> str:
    ename = getattr(error, "ename", type(error).__name__)
    evalue = getattr(error, "evalue", str(error))
    cell = getattr(error, "exec_count", None)
    where = f"cell {cell}: " if cell is not None else ""
    return f"{where}{ename}: {evalue}".strip()


def run_notebook(source: Path, executed: Path, parameters: dict[str, object], *, cwd: Path) -> str:
    """Execute one notebook with papermill.

    Returns:
        An empty string on success, else a one-line description of the
        failing cell and its error (the executed notebook still holds the
        outputs up to the failure).
    """
    import papermill

    executed.parent.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(source),
            str(executed),
            parameters=parameters,
            kernel_name=KERNEL,
            progress_bar=False,
            cwd=str(cwd),
        )
    except Exception as error:  # papermill raises PapermillExecutionError and friends
        return _error_summary(error)
    return ""


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
    if (data / "alignments.csv").is_file():
        alignments = pd.read_csv(data / "alignments.csv", keep_default_na=False)
        passages = pd.read_csv(data / "passages.csv", keep_default_na=False)
        units = pd.read_csv(data / "units.csv", keep_default_na=False)
        counts = alignments["relation"].value_counts()
        shared = pd.read_csv(data / "shared_content.csv", index_col=0)
        for outlet in shared.index:
            shared.loc[outlet, outlet] = float("nan")
        top = shared.stack().sort_values(ascending=False).head(3)
        findings = [
            f"{len(passages)} passages; {len(alignments)} aligned pairs "
            f"({counts.get('reuse', 0)} reuse, {counts.get('paraphrase', 0)} paraphrase, "
            f"{counts.get('related', 0)} related); {units['unit_id'].nunique()} story units.",
        ]
        if not units.empty:
            widest = units.groupby("unit_id")["outlet"].nunique().max()
            findings.append(f"The most widely carried fact is reported by {widest} outlets.")
        findings += [
            f"{share:.0%} of {escape(a)}'s words are also reported by {escape(b)}."
            for (a, b), share in top.items()
            if share == share
        ]
        parts.append("<h2>Headline findings</h2><ul>")
        parts += [f"<li>{f}</li>" for f in findings]
        parts.append("</ul>")
    parts.append("<h2>Reports</h2><ul>")
    for notebook in outcome.notebooks:
        status = f' <span class="bad">failed: {escape(notebook.error)}</span>' * bool(
            notebook.error
        )
        parts.append(
            f'<li><a href="{escape(notebook.html.name)}">{escape(notebook.name)}</a>{status}</li>'
        )
    parts.append("</ul><h2>Exports</h2><p>CSV files in <code>data/</code>:</p><ul>")
    for name, description in EXPORTS.items():
        if (data / name).is_file():
            parts.append(f'<li><a href="data/{name}">{name}</a>: {escape(description)}</li>')
    parts.append("</ul><p>Column meanings are in the project's README.</p></body></html>")
    return "".join(parts)


def build_report(
    corpus: str | Path,
    out_dir: str | Path,
    values: dict[str, object],
    *,
    keep_code: bool = False,
    notebooks: list[Path] | None = None,
) -> ReportOutcome:
    """Run the suite on a corpus and write its HTML report.

    Args:
        corpus: Corpus folder.
        out_dir: Report folder (created; existing files are replaced).
        values: Parameter values (see :mod:`narrative.params`); missing ones
            take their defaults.
        keep_code: Keep code cells in the HTML.
        notebooks: Notebooks to run; every ``NN-*.ipynb`` in ``notebooks/``
            when ``None``.

    Returns:
        The outcome; ``ok`` is false when a notebook failed.
    """
    from tqdm.auto import tqdm

    from narrative import pipeline
    from narrative.params import alignment_settings

    corpus = Path(corpus).resolve()
    out_dir = Path(out_dir).resolve()
    values = {p.name: values.get(p.name, p.default) for p in PARAMETERS}
    out_dir.mkdir(parents=True, exist_ok=True)
    # One process loads the model and fills the embedding cache for every notebook.
    pipeline.run(
        corpus,
        model=str(values["model"]),
        granularity=str(values["granularity"]),
        settings=alignment_settings(values),
    )
    notebooks = notebooks or sorted(config.NOTEBOOKS_DIR.glob(NOTEBOOK_PATTERN))
    outcome = ReportOutcome(out_dir=out_dir, index=out_dir / "index.html")
    header = provenance_html(corpus, out_dir, values)
    for source in tqdm(notebooks, desc="notebooks", unit="nb", disable=None):
        executed = out_dir / "notebooks" / source.name
        parameters = {"corpus": str(corpus), "out_dir": str(out_dir), **values}
        error = run_notebook(source, executed, parameters, cwd=source.parent)
        html = out_dir / f"{source.stem}.html"
        if executed.is_file():
            write_text(html, render_html(executed, keep_code=keep_code, header=header))
        outcome.notebooks.append(NotebookOutcome(_first_heading(source), html, error))
    write_text(outcome.index, index_html(corpus, out_dir, values, outcome))
    return outcome
