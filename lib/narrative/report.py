"""Build the HTML report: execute the notebooks with papermill, render them, index them.

``build_report`` runs the numbered notebooks, then the pair notebook once per
pair of outlets (papermill fan-out), all in one shared kernel (see
:class:`NotebookRunner`): the model loads once and the pipeline runs once.
Each executed notebook is rendered to one self-contained HTML file (code
hidden unless asked, images embedded, no script fetched from the network),
and ``index.html`` links them. A notebook that fails does not stop the
others; its page shows the error and the run ends with a non-zero status.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import platform
import re
import shlex
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from queue import Empty
from typing import TYPE_CHECKING

import pandas as pd

from narrative import config
from narrative.atomic import check_writable, copy_atomic, write_text
from narrative.findings import headline_findings
from narrative.params import PARAMETERS
from narrative.views._html import escape, with_content_security_policy
from narrative.views.explore import EXPLORE_SCRIPT
from narrative.views.pair import pair_page
from narrative.vocab import SAME_FACT

if TYPE_CHECKING:
    from narrative.corpus import Corpus

KERNEL = "python3"
#: Notebooks run by ``narrative report``, in this order.
NOTEBOOK_PATTERN = "0[0-9]-*.ipynb"
#: The review notebook is interactive (buttons that write the decisions file): it is
#: opened in JupyterLab, never run as a report page.
REVIEW_NOTEBOOK = "05-review.ipynb"
#: Run once for every pair of outlets (papermill fan-out).
PAIR_NOTEBOOK = "10-outlet-pair.ipynb"
#: Most pair pages by default. A corpus with more outlet pairs than this gets pages
#: for the pairs that share the most aligned passages (same fact, within an event);
#: the others are listed in ``outlet_pairs.csv`` and on the front page (390 outlets
#: make 75,855 pairs: one page each would take days).
MAX_PAIR_PAGES = 30
EXPORTS = {
    "documents.csv": "one row per article: metadata, cleaned headline, standfirst, byline, "
    "dateline, passage and word counts",
    "passages.csv": "one row per passage with its kind, position and character offsets",
    "alignments.csv": "one row per aligned pair of passages with scores and relation",
    "units.csv": "story units: one row per (unit, passage)",
    "shared_content.csv": "share of each outlet's words also reported by each other outlet",
    "removed_lines.csv": "every captured line that is not article body, with the reason",
    "events.csv": "which news event each article reports, as given or grouped by content and date",
    "facts.csv": "every fact (story unit or single-outlet passage) with its passages",
    "fact_matrix.csv": "fact by outlet: how many of the outlet's passages carry each fact",
    "prominence.csv": "where each outlet places each fact (headline, lede, ...) and its words",
    "prominence_gaps.csv": "facts one outlet leads with and another buries, both passages",
    "outlet_only.csv": "facts one outlet carries: claimed outlet-only or the counterpart found",
    "omissions.csv": "facts an outlet may leave out: claimed, or the evidence against it",
    "shared_content_pairs.csv": "how much of outlet A is in B, as reuse and as paraphrase",
    "quotes.csv": "every attribution: speaker, person, speaker type, speech verb, quote, passage",
    "distinctive_terms.csv": "each outlet's words against the others: weighted log-odds z-scores",
    "naming.csv": "what each outlet calls each actor, group, place or thing, with counts",
    "naming_contrasts.csv": "concepts two outlets name differently, most different first",
    "substitutions.csv": "word swaps inside aligned passages that keep the referent",
    "numbers.csv": "every figure found in the passages: value, what it counts, qualifier",
    "number_disagreements.csv": "figures that differ for one quantity: findings, pairs, passages",
    "frames.csv": "frame assignments per passage with scores and the seeds found (indicative)",
    "frame_profile.csv": "share of each outlet's passages and words in each frame (indicative)",
    "frame_set.csv": "the frame set: MFC dimension, description, seeds, prototypes",
    "outlet_pairs.csv": "outlet pairs that share aligned passages, and which have a pair page",
}
VERSIONED = ("narrative", "sentence-transformers", "torch", "scikit-learn", "pandas", "papermill")


@dataclass
class NotebookOutcome:
    """What happened to one notebook."""

    name: str
    html: Path
    error: str = ""
    pair: bool = False


@dataclass
class ReportOutcome:
    """What ``build_report`` produced."""

    out_dir: Path
    index: Path
    notebooks: list[NotebookOutcome] = field(default_factory=list)
    reused: int = 0
    executed: int = 0
    pairs_left: int = 0

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
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            info = nb.metadata.get("language_info", {})
            lexer = info.get("pygments_lexer", info.get("name"))
            self.register_filter(
                "highlight_code",
                self.filters.get(
                    "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
                ),
            )
            resources = self._init_resources(resources)
            self.register_filter(
                "filter_data_type",
                WidgetsDataTypeFilter(
                    notebook_metadata=self._nb_metadata, parent=self, resources=resources
                ),
            )
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return ReportExporter


_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\balt=)")


#: Run between two notebooks in the shared kernel (see :meth:`NotebookRunner._reset`).
_RESET_CODE = """\
def _narrative_reset():
    import matplotlib.pyplot as plt

    plt.close("all")
    shell = get_ipython()
    names, hidden = shell.user_ns, shell.user_ns_hidden
    for name in [n for n in names if n not in hidden]:
        del names[name]
    names["Out"].clear()


_narrative_reset()
"""


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


class NotebookRunner:
    """Execute notebooks with papermill in one shared kernel, skipping unchanged ones.

    Starting a kernel and importing pandas, matplotlib and the model for each
    notebook costs seconds per notebook; a report of a dozen pair pages would
    spend most of its time there. The runner starts one kernel on first use
    and runs every notebook in it through papermill (parameters injected as
    papermill does, errors reported per cell), clearing the user namespace
    between notebooks. Modules stay imported, and :func:`narrative.pipeline.run`
    returns its result from memory for the next notebook on the same corpus.

    An executed notebook is also stored under a key made of the notebook's
    bytes, its parameters, the corpus files, the source of ``narrative`` and
    the package versions (as Jupyter Book's execution cache does). When the
    key is unchanged and the files the notebook wrote last time are still in
    place, unchanged, the stored notebook is reused instead of executed.

    Args:
        cwd: Working directory of the kernel.
        store: Folder for executed notebooks; ``None`` disables reuse.
    """

    def __init__(self, *, cwd: Path, store: Path | None):
        self.cwd = cwd
        self.store = store
        self.km = None
        self.clients: list = []
        self.reused = 0
        self.executed = 0

    def __enter__(self) -> NotebookRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Shut the kernel down."""
        self._stop_clients()
        if self.km is not None:
            self.km.shutdown_kernel(now=True)
            self.km = None

    def _stop_clients(self) -> None:
        """Close the channels of the kernel clients made since the last call.

        papermill (through nbclient) makes a client for every notebook and leaves
        its channels open when it did not start the kernel itself; each holds its
        own ZeroMQ context, five sockets and a heartbeat thread, so a report of
        many pair pages ran out of file descriptors (about 150 per report of 15
        notebooks, and a process usually may open 1,024).
        """
        while self.clients:
            client = self.clients.pop()
            if client.channels_running:
                client.stop_channels()

    def _kernel(self):
        if self.km is None:
            from jupyter_client.manager import KernelManager

            self.km = KernelManager(kernel_name=KERNEL)
            make_client = self.km.client

            def client(**kwargs: object):
                made = make_client(**kwargs)
                self.clients.append(made)
                return made

            self.km.client = client
            # The kernel's own log (start-up notices) goes to a file, not the user's terminal;
            # cell errors still come back through papermill.
            log = config.cache_dir() / "kernel.log"
            log.parent.mkdir(parents=True, exist_ok=True)
            with log.open("ab") as stream:
                self.km.start_kernel(cwd=str(self.cwd), stdout=stream, stderr=stream)
        else:
            self._reset()
        return self.km

    def _reset(self) -> None:
        """Give the next notebook a clean namespace, as a fresh kernel would.

        Every name the notebooks defined is deleted and figures are closed;
        modules stay imported and the pipeline's results stay in memory. Not
        ``%reset``: its garbage collection over a heap holding torch and spaCy
        cost a second per notebook.

        The client's readiness check is a kernel_info round trip that also
        reaches the output channel, not ``wait_for_ready``, which then waits
        0.2 s for that channel to fall quiet.
        """
        client = self.km.client()
        client.start_channels()
        try:
            deadline = time.monotonic() + 60
            while True:
                client.kernel_info()
                client.get_shell_msg(timeout=60)
                try:
                    # A message on the output channel: it is subscribed, so the
                    # reset's own output cannot be missed.
                    client.get_iopub_msg(timeout=0.05)
                    break
                except Empty:
                    if time.monotonic() > deadline:
                        raise RuntimeError("the notebook kernel does not answer") from None
            client.execute_interactive(_RESET_CODE, store_history=False, timeout=60)
        finally:
            client.stop_channels()

    def run(
        self,
        source: Path,
        executed: Path,
        parameters: dict[str, object],
        *,
        key: str,
        outputs: Path,
    ) -> str:
        """Execute (or reuse) one notebook.

        Args:
            source: The notebook.
            executed: Where the executed notebook goes.
            parameters: Values for its ``parameters`` cell.
            key: What the result depends on besides the notebook and parameters.
            outputs: Folder whose files the notebook may write (checked on reuse).

        Returns:
            An empty string on success, else a one-line description of the
            failing cell and its error (the executed notebook still holds the
            outputs up to the failure).
        """
        import papermill

        declared = papermill.inspect_notebook(str(source))
        parameters = {k: v for k, v in parameters.items() if k in declared}
        executed.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(source.read_bytes())
        digest.update(json.dumps(parameters, sort_keys=True, default=str).encode())
        digest.update(key.encode())
        stored = self.store / f"{digest.hexdigest()[:32]}.ipynb" if self.store else None
        if stored is not None and _still_valid(stored, outputs):
            copy_atomic(stored, executed)
            self.reused += 1
            return ""
        before = _snapshot(outputs)
        # papermill saves the notebook after every cell: it runs into a hidden file that
        # replaces the old notebook only at the end, so Ctrl-C never leaves half of one.
        partial = executed.with_name(f".{executed.stem}.partial.ipynb")
        try:
            papermill.execute_notebook(
                str(source),
                str(partial),
                parameters=parameters,
                kernel_name=KERNEL,
                progress_bar=False,
                km=self._kernel(),
            )
        except Exception as error:  # papermill raises PapermillExecutionError and friends
            self.close()  # a failed notebook may leave the kernel in any state
            if partial.exists():
                os.replace(partial, executed)
            return _error_summary(error)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        finally:
            self.executed += 1
            self._stop_clients()
        os.replace(partial, executed)
        if stored is not None:
            written = {
                name: _sha256(outputs / name)
                for name, stamp in _snapshot(outputs).items()
                if before.get(name) != stamp
            }
            stored.parent.mkdir(parents=True, exist_ok=True)
            copy_atomic(executed, stored)
            write_text(stored.with_suffix(".outputs.json"), json.dumps(written, sort_keys=True))
        return ""


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    if not folder.is_dir():
        return {}
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _still_valid(stored: Path, outputs: Path) -> bool:
    manifest = stored.with_suffix(".outputs.json")
    if not (stored.is_file() and manifest.is_file()):
        return False
    written = json.loads(manifest.read_text(encoding="utf-8"))
    return all(
        (outputs / name).is_file() and _sha256(outputs / name) == digest
        for name, digest in written.items()
    )


def source_fingerprint(corpus: Path) -> str:
    """What every notebook's result depends on besides itself and its parameters.

    The corpus files (names, sizes, modification times), the source files of
    ``narrative`` and the versions of the packages that shape results.
    """
    from narrative.pipeline import corpus_fingerprint

    package = Path(__file__).parent
    digest = hashlib.sha256(repr(corpus_fingerprint(corpus)).encode())
    for path in sorted(package.rglob("*.py")):
        digest.update(path.read_bytes())
    digest.update(json.dumps(versions(), sort_keys=True).encode())
    return digest.hexdigest()


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
    found = headline_findings(out_dir)
    if found:
        parts.append("<h2>Headline findings</h2><ul>")
        parts += [
            f'<li>{escape(f.text)} <a href="{escape(f.page)}">evidence</a></li>' for f in found
        ]
        parts.append("</ul>")
    for title, pair in (("Reports", False), ("Outlet pairs, side by side", True)):
        listed = [n for n in outcome.notebooks if n.pair == pair]
        if not listed:
            continue
        parts.append(f"<h2>{title}</h2><ul>")
        for notebook in listed:
            status = f' <span class="bad">failed: {escape(notebook.error)}</span>' * bool(
                notebook.error
            )
            parts.append(
                f'<li><a href="{escape(notebook.html.name)}">{escape(notebook.name)}</a>'
                f"{status}</li>"
            )
        parts.append("</ul>")
        if pair and outcome.pairs_left:
            parts.append(
                f"<p>{outcome.pairs_left} more outlet pairs share aligned passages: they are "
                "listed in <a href='data/outlet_pairs.csv'>data/outlet_pairs.csv</a>; build a "
                "pair's page with <code>narrative report --pairs A,B</code>. With this many "
                f"outlets, pages are made for the {MAX_PAIR_PAGES} pairs that share the most "
                "same-fact passages.</p>"
            )
    parts.append("<h2>Exports</h2><p>CSV files in <code>data/</code>:</p><ul>")
    for name, description in EXPORTS.items():
        if (data / name).is_file():
            parts.append(f'<li><a href="data/{name}">{name}</a>: {escape(description)}</li>')
    parts.append("</ul><p>Column meanings are in the project's README.</p></body></html>")
    return with_content_security_policy("".join(parts))


def outlet_pairs(corpus: Path | Corpus, asked: list[str] | None = None) -> list[tuple[str, str]]:
    """The pairs of outlets that get a pair report.

    Args:
        corpus: Corpus path or loaded corpus.
        asked: ``"A,B"`` strings naming outlets by display label, outlet name
            or a document id (case-insensitive); every pair when ``None``.

    Returns:
        ``(label_a, label_b)`` pairs in corpus order.

    Raises:
        CorpusError: When an asked outlet is not in the corpus (one line,
            listing the outlets).
    """
    from itertools import combinations

    from narrative.corpus import Corpus, CorpusError
    from narrative.readers import load_any

    loaded = corpus if isinstance(corpus, Corpus) else load_any(corpus)
    labels = loaded.outlets
    if asked is None:
        return list(combinations(labels, 2))
    pairs = []
    for text in asked:
        parts = [part.strip() for part in text.split(",")]
        if len(parts) != 2:
            raise CorpusError(
                f"--pairs {text!r}: give two outlets as A,B; outlets: "
                + ", ".join(loaded.outlet_names())
            )
        found = [loaded.outlet_label(part, what=f"--pairs {text!r}: outlet") for part in parts]
        if found[0] == found[1]:
            raise CorpusError(f"--pairs {text!r}: give two different outlets")
        a, b = sorted(found, key=labels.index)
        pairs.append((a, b))
    return list(dict.fromkeys(pairs))


def sharing_pairs(alignments: pd.DataFrame) -> pd.DataFrame:
    """Outlet pairs that share aligned passages, the most same-fact pairs first.

    Args:
        alignments: Alignment table (``outlet_a``, ``outlet_b``, ``relation``).

    Returns:
        ``outlet_a``, ``outlet_b``, ``same_fact`` (reuse and paraphrase pairs),
        ``related`` and ``aligned`` (all pairs); one row per unordered pair of
        outlets with at least one aligned pair.
    """
    if alignments.empty:
        return pd.DataFrame(columns=["outlet_a", "outlet_b", "same_fact", "related", "aligned"])
    same = alignments["relation"].isin(SAME_FACT)
    table = (
        alignments.assign(same_fact=same.astype(int), related=(~same).astype(int))
        .groupby(["outlet_a", "outlet_b"], sort=False)[["same_fact", "related"]]
        .sum()
        .reset_index()
    )
    table["aligned"] = table["same_fact"] + table["related"]
    return table.sort_values(["same_fact", "aligned"], ascending=False, kind="stable").reset_index(
        drop=True
    )


def _pair_jobs(chosen: list[tuple[str, str]]) -> list[tuple[Path, str, dict[str, object]]]:
    pair_notebook = config.NOTEBOOKS_DIR / PAIR_NOTEBOOK
    return [
        (
            pair_notebook,
            pair_page(a, b).removesuffix(".html"),
            {"outlet_a": a, "outlet_b": b},
        )
        for a, b in chosen
    ]


def _jobs(jobs: list, out_dir: Path, outcome: ReportOutcome, choose_later: bool, tqdm):
    """Yield the jobs; when ``choose_later``, then the pair pages chosen from the alignment.

    The analysis notebooks export ``alignments.csv`` first; the pairs that share the
    most same-fact passages get pages (:data:`MAX_PAIR_PAGES`), and every pair that
    shares any aligned passage is listed in ``outlet_pairs.csv``.
    """
    yield from tqdm(jobs, desc="notebooks", unit="nb", disable=None)
    if not choose_later:
        return
    aligned = out_dir / "data" / "alignments.csv"
    if not aligned.is_file():
        return
    columns = ["outlet_a", "outlet_b", "relation"]
    table = sharing_pairs(pd.read_csv(aligned, usecols=columns, keep_default_na=False))
    sharing = table[table["same_fact"] > 0]
    chosen = list(zip(sharing["outlet_a"], sharing["outlet_b"], strict=True))[:MAX_PAIR_PAGES]
    table["page"] = [
        (a, b) in set(chosen) for a, b in zip(table["outlet_a"], table["outlet_b"], strict=True)
    ]
    from narrative.exports import write_csv

    write_csv(table, out_dir / "data" / "outlet_pairs.csv")
    outcome.pairs_left = len(table) - len(chosen)
    yield from tqdm(_pair_jobs(chosen), desc="pair pages", unit="nb", disable=None)


def _write_page(executed: Path, html: Path, keep_code: bool, header: str) -> None:
    write_text(html, render_html(executed, keep_code=keep_code, header=header))


def build_report(
    corpus: str | Path,
    out_dir: str | Path,
    values: dict[str, object],
    *,
    keep_code: bool = False,
    notebooks: list[Path] | None = None,
    pairs: list[str] | None = None,
    reuse: bool = True,
) -> ReportOutcome:
    """Run the suite on a corpus and write its HTML report.

    Args:
        corpus: Corpus folder, ``.jsonl``/``.csv`` file or BASIL folder.
        out_dir: Report folder (created; existing files are replaced).
        values: Parameter values (see :mod:`narrative.params`); missing ones
            take their defaults.
        keep_code: Keep code cells in the HTML.
        notebooks: Notebooks to run; every ``0N-*.ipynb`` in ``notebooks/``
            but the review notebook (:data:`REVIEW_NOTEBOOK`) when ``None``.
        pairs: ``"A,B"`` outlet pairs for the pair report; every pair when
            ``None``, none when empty.
        reuse: Reuse executed notebooks whose inputs have not changed (see
            :class:`NotebookRunner`).

    Returns:
        The outcome; ``ok`` is false when a notebook failed.
    """
    from tqdm.auto import tqdm

    from narrative.cleaning import clean_corpus
    from narrative.embeddings import resolve_model
    from narrative.readers import load_any, parse_columns
    from narrative.review import read_decisions

    corpus = Path(corpus).resolve()
    out_dir = Path(out_dir).resolve()
    values = {p.name: values.get(p.name, p.default) for p in PARAMETERS}
    # Problems the user can fix stop here, with one line, before any kernel starts.
    resolve_model(str(values["model"]))
    loaded = load_any(
        corpus,
        columns=parse_columns(str(values["columns"])),
        date_format=str(values["date_format"]) or None,
    )
    chosen_pairs = outlet_pairs(loaded, pairs)
    # Many outlets: the pair pages are chosen once the alignment is known (below).
    choose_later = pairs is None and len(chosen_pairs) > MAX_PAIR_PAGES
    if choose_later:
        chosen_pairs = []
    # No article text at all (every file page chrome or empty) also stops here.
    clean_corpus(loaded)
    check_writable(out_dir)
    key = source_fingerprint(corpus)
    if values["review"]:
        # A bad decisions file stops here; the notebooks run elsewhere, so the path is
        # made absolute, and its content joins what reused pages depend on.
        review_file = Path(str(values["review"])).resolve()
        read_decisions(review_file)
        values["review"] = str(review_file)
        if review_file.is_file():
            key += hashlib.sha256(review_file.read_bytes()).hexdigest()
    notebooks = notebooks or [
        nb
        for nb in sorted(config.NOTEBOOKS_DIR.glob(NOTEBOOK_PATTERN))
        if nb.name != REVIEW_NOTEBOOK
    ]
    jobs: list[tuple[Path, str, dict[str, object]]] = [(nb, nb.stem, {}) for nb in notebooks]
    jobs += _pair_jobs(chosen_pairs)
    out_dir.mkdir(parents=True, exist_ok=True)
    outcome = ReportOutcome(out_dir=out_dir, index=out_dir / "index.html")
    header = provenance_html(corpus, out_dir, values)
    store = config.cache_dir() / "executed" if reuse else None
    # Pages are rendered in a thread while the kernel runs the next notebook (this
    # process mostly waits on the kernel meanwhile).
    with (
        NotebookRunner(cwd=config.NOTEBOOKS_DIR, store=store) as runner,
        ThreadPoolExecutor(max_workers=1) as renderer,
    ):
        pages = []
        for source, stem, extra in _jobs(jobs, out_dir, outcome, choose_later, tqdm):
            executed = out_dir / "notebooks" / f"{stem}.ipynb"
            parameters = {
                "corpus": str(corpus),
                "out_dir": str(out_dir),
                "pairs": json.dumps(chosen_pairs),
                **values,
                **extra,
            }
            error = runner.run(source, executed, parameters, key=key, outputs=out_dir / "data")
            html = out_dir / f"{stem}.html"
            if executed.is_file():
                pages.append(renderer.submit(_write_page, executed, html, keep_code, header))
            title = " and ".join(map(str, extra.values())) or _first_heading(source)
            outcome.notebooks.append(NotebookOutcome(title, html, error, pair=bool(extra)))
        for page in pages:
            page.result()
        outcome.reused, outcome.executed = runner.reused, runner.executed
    write_text(outcome.index, index_html(corpus, out_dir, values, outcome))
    return outcome
