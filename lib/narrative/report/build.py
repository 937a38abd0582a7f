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
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from narrative import config
from narrative.atomic import check_writable, write_text
from narrative.params import PARAMETERS
from narrative.report.faults import Failure, memory_advice
from narrative.report.index import index_html
from narrative.report.render import error_html, provenance_html, render_html
from narrative.report.runner import NotebookRunner, source_fingerprint
from narrative.views.pair import pair_page
from narrative.vocab import SAME_FACT

if TYPE_CHECKING:
    from narrative.corpus import Corpus

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
    pairs_left: int = 0

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
        (pair_notebook, pair_page(a, b).removesuffix(".html"), {"outlet_a": a, "outlet_b": b})
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
    # Many outlets: the pair pages are chosen once the alignment is known (_jobs).
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
        if store is None or not store.is_dir():
            # Nothing can be reused, so every notebook runs: the kernel boots while
            # this process reads the first notebook and imports papermill.
            runner.start()
        pages = []
        dead = _DeadKernels()
        for source, stem, extra in _jobs(jobs, out_dir, outcome, choose_later, tqdm):
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
            parameters = {
                "corpus": str(corpus),
                "out_dir": str(out_dir),
                "pairs": json.dumps(chosen_pairs),
                **values,
                **extra,
            }
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
