"""Build the HTML report: execute the notebooks with papermill, render them, index them.

``build_report`` runs the numbered notebooks, then the pair notebook once per
pair of outlets (papermill fan-out), all in one shared kernel (see
:class:`~narrative.report.runner.NotebookRunner`): the model loads once and the
pipeline runs once. Each executed notebook is rendered to one self-contained
HTML file (code hidden unless asked, images embedded, no script fetched from
the network), and ``index.html`` links them. A notebook that fails does not
stop the others; its page shows the error and the run ends with a non-zero
status.
"""

from __future__ import annotations

import hashlib
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from narrative import config
from narrative.atomic import check_writable, write_text
from narrative.params import PARAMETERS
from narrative.report.faults import Failure, memory_advice
from narrative.report.index import index_html
from narrative.report.render import error_html, provenance_html, render_html
from narrative.report.runner import NotebookRunner, source_fingerprint

if TYPE_CHECKING:
    from narrative.corpus import Corpus

#: Notebooks run by ``narrative report``, in this order.
NOTEBOOK_PATTERN = "0[0-9]-*.ipynb"
#: Run once for every pair of outlets (papermill fan-out).
PAIR_NOTEBOOK = "10-outlet-pair.ipynb"


@dataclass
class NotebookOutcome:
    """What happened to one notebook."""

    name: str
    html: Path
    error: str = ""
    pair: bool = False
    #: Not run at all, because its kernel would die again (``error`` says why).
    skipped: bool = False


@dataclass
class ReportOutcome:
    """What ``build_report`` produced."""

    out_dir: Path
    index: Path
    notebooks: list[NotebookOutcome] = field(default_factory=list)
    reused: int = 0
    executed: int = 0

    @property
    def ok(self) -> bool:
        """Whether every notebook ran."""
        return not any(n.error for n in self.notebooks)


def _first_heading(notebook_path: Path) -> str:
    import nbformat

    for cell in nbformat.read(notebook_path, as_version=4).cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return notebook_path.stem


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

    documents = (corpus if isinstance(corpus, Corpus) else load_any(corpus)).documents
    labels = list(dict.fromkeys(d.label for d in documents))
    if asked is None:
        return list(combinations(labels, 2))
    names: dict[str, str] = {}
    for d in documents:
        for name in (d.label, d.outlet, d.doc_id):
            names.setdefault(name.casefold(), d.label)
    pairs = []
    for text in asked:
        parts = [part.strip() for part in text.split(",")]
        found = [names.get(part.casefold()) for part in parts]
        if len(parts) != 2 or None in found or found[0] == found[1]:
            raise CorpusError(
                f"--pairs {text!r}: give two different outlets as A,B; outlets: "
                + ", ".join(labels)
            )
        a, b = sorted(found, key=labels.index)
        pairs.append((a, b))
    return list(dict.fromkeys(pairs))


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "outlet"
    if len(slug) > 40:  # file names have a length limit; a long label keeps a digest of itself
        slug = f"{slug[:40].rstrip('-')}-{hashlib.sha256(text.encode()).hexdigest()[:8]}"
    return slug


def _write_page(executed: Path, html: Path, keep_code: bool, header: str, error: str) -> None:
    header = header + error_html(error) if error else header
    write_text(html, render_html(executed, keep_code=keep_code, header=header))


class _DeadKernels:
    """Which notebooks not to run after kernels died.

    After a kernel dies the next notebook runs in a fresh kernel, except the
    other pages of the notebook that killed it (a pair page killed by memory
    would die again for the next pair). When kernels die in two notebooks one
    after the other, the rest are not run either: they load the same corpus
    and would most likely die too.
    """

    def __init__(self) -> None:
        self.killed_by: dict[Path, str] = {}
        self.in_a_row = 0

    def record(self, source: Path, title: str, failure: Failure | None) -> None:
        """Note how a notebook ended."""
        if failure is not None and failure.kernel_died:
            self.killed_by.setdefault(source, title)
            self.in_a_row += 1
        else:
            self.in_a_row = 0

    def reason_to_skip(self, source: Path) -> str:
        """Why not to run ``source``, or an empty string."""
        if source in self.killed_by:
            return f"not run: the same notebook's kernel died on {self.killed_by[source]}"
        if self.in_a_row >= 2:
            return "not run: kernels died in two notebooks one after the other"
        return ""


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
            when ``None``.
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
    # No article text at all (every file page chrome or empty) also stops here.
    clean_corpus(loaded)
    check_writable(out_dir)
    notebooks = notebooks or sorted(config.NOTEBOOKS_DIR.glob(NOTEBOOK_PATTERN))
    jobs: list[tuple[Path, str, dict[str, object]]] = [(nb, nb.stem, {}) for nb in notebooks]
    pair_notebook = config.NOTEBOOKS_DIR / PAIR_NOTEBOOK
    for a, b in chosen_pairs:
        stem = f"{pair_notebook.stem}-{_slug(a)}--{_slug(b)}"
        jobs.append((pair_notebook, stem, {"outlet_a": a, "outlet_b": b}))
    out_dir.mkdir(parents=True, exist_ok=True)
    outcome = ReportOutcome(out_dir=out_dir, index=out_dir / "index.html")
    header = provenance_html(corpus, out_dir, values)
    key = source_fingerprint(corpus)
    store = config.cache_dir() / "executed" if reuse else None
    # Pages are rendered in a thread while the kernel runs the next notebook (this
    # process mostly waits on the kernel meanwhile).
    with (
        NotebookRunner(cwd=config.NOTEBOOKS_DIR, store=store) as runner,
        ThreadPoolExecutor(max_workers=1) as renderer,
    ):
        pages = []
        dead = _DeadKernels()
        for source, stem, extra in tqdm(jobs, desc="notebooks", unit="nb", disable=None):
            executed = out_dir / "notebooks" / f"{stem}.ipynb"
            html = out_dir / f"{stem}.html"
            title = " and ".join(map(str, extra.values())) or _first_heading(source)
            reason = dead.reason_to_skip(source)
            if reason:
                executed.unlink(missing_ok=True)  # an earlier run's notebook is not this run's
                page = renderer.submit(_write_page, source, html, keep_code, header, reason)
                pages.append(page)
                outcome.notebooks.append(
                    NotebookOutcome(title, html, reason, pair=bool(extra), skipped=True)
                )
                continue
            parameters = {"corpus": str(corpus), "out_dir": str(out_dir), **values, **extra}
            failure = runner.run(source, executed, parameters, key=key, outputs=out_dir / "data")
            dead.record(source, title, failure)
            error = str(failure or "")
            if failure is not None and failure.out_of_memory:
                error += "; " + memory_advice(
                    len(loaded.documents), sum(len(d.text) for d in loaded.documents)
                )
            # A notebook that did not start still gets its page: its text and the error.
            page_source = executed if executed.is_file() else source
            pages.append(renderer.submit(_write_page, page_source, html, keep_code, header, error))
            outcome.notebooks.append(NotebookOutcome(title, html, error, pair=bool(extra)))
        for page in pages:
            page.result()
        outcome.reused, outcome.executed = runner.reused, runner.executed
    write_text(outcome.index, index_html(corpus, out_dir, values, outcome))
    return outcome
