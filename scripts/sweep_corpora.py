"""Build the report for every corpus under some folders, and list what broke or warned.

A nightly guard, not part of ``make test``: a rule that breaks on one passage in a
thousand is found by running the real user path over many corpora, not by unit
tests (session 16's crash was found only by the 462-article ECB+ benchmark). For
each corpus, one at a time, this runs::

    nice -n 10 narrative report --corpus CORPUS --out OUT/reports/NN-NAME --force

(``--force``: every notebook is executed with the code as it is; embeddings come from
the usual cache) with a time limit per corpus (the whole process group is killed
when it runs out), then reads what the run left:

* **status**: ``ok``; ``failed`` (a notebook failed, exit status 1), ``error`` (a
  one-line user error, exit status 2), ``crash`` (a traceback on stderr, any other
  status), ``timeout``; or ``guarded`` when the run succeeded but a rule broke on some
  input and was skipped with a "please report it" warning (a bug all the same);
* **warnings**: the distinct report warnings (the list at the top of the pages, from
  :func:`narrative.views.warnings_view`), over every page;
* **stderr**: the distinct lines the notebooks wrote to stderr (Python warnings a
  library raised, which the report does not show);
* **first error**: the last line of a traceback on the command's stderr (the
  exception), or the command's first ``failed``/``error`` line, or the first guarded
  warning.

A corpus is a folder with ``manifest.csv``, article files or a BASIL ``articles/``
folder, or a ``.jsonl``/``.csv`` file; any other folder given is a root whose entries
are swept in name order. ``--gold-sets`` adds the corpus of every labelled set in
``data/gold/`` (built into ``.cache/dev-corpora`` by ``make_dev_corpora.py`` when
missing). Writes ``OUT/sweep.csv`` (one row per corpus) and ``OUT/warnings.csv``
(corpus, source, line: every distinct warning and stderr line), keeps each command's
stderr in ``OUT/logs/NNN-NAME.stderr``, prints the table as Markdown, and exits with
status 1 when any corpus is not ``ok``.

Usage::

    .venv/bin/python scripts/sweep_corpora.py [ROOT_OR_CORPUS ...] [--gold-sets]
        [--out .cache/sweep] [--timeout 1200] [-p NAME=VALUE ...]
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV_CORPORA = REPO / ".cache" / "dev-corpora"
#: The list :func:`narrative.views.warnings_view` writes at the top of a page.
WARNINGS_LIST = re.compile(r'<ul class="run-warnings"[^>]*>(.*?)</ul>', re.S)
ITEM = re.compile(r"<li>(.*?)</li>", re.S)
#: Words of a warning a guard wrote for a rule that broke (see :func:`narrative.guard.or_warn`).
GUARDED = "please report it"
STATUSES = {0: "ok", 1: "failed", 2: "error"}


@dataclass
class Swept:
    """What one corpus's report run left."""

    corpus: Path
    articles: int | None
    seconds: float
    returncode: int | None
    status: str
    warnings: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    first_error: str = ""


def is_corpus(path: Path) -> bool:
    """Whether ``path`` is a corpus itself rather than a folder of corpora (the file
    kinds the readers take)."""
    from narrative.readers.decode import HTML_SUFFIXES, TEXT_SUFFIXES
    from narrative.readers.rows import JSONL_SUFFIXES

    if path.is_file():
        return path.suffix.lower() in JSONL_SUFFIXES | {".csv"}
    if (path / "manifest.csv").is_file() or (path / "articles").is_dir():
        return True
    articles = TEXT_SUFFIXES | HTML_SUFFIXES
    return any(p.is_file() and p.suffix.lower() in articles for p in path.iterdir())


def find_corpora(paths: list[Path]) -> list[Path]:
    """The corpora among ``paths``: each corpus itself, each root's corpus entries in name order."""
    found: list[Path] = []
    for path in paths:
        if is_corpus(path):
            found.append(path)
            continue
        found += [p for p in sorted(path.iterdir()) if not p.name.startswith(".") and is_corpus(p)]
    return list(dict.fromkeys(found))


def gold_corpora() -> list[Path]:
    """The corpus of every labelled set in ``data/gold``, built when missing."""
    sys.path.insert(0, str(REPO / "scripts"))
    from benchmark_claims import build_args, labelled_sets

    sets = labelled_sets()
    if any(not s.corpus.exists() for s in sets):
        command = [sys.executable, str(REPO / "scripts" / "make_dev_corpora.py")]
        subprocess.run([*command, *build_args(sets)], check=True, stdout=subprocess.DEVNULL)
    return [s.corpus for s in sets]


def count_articles(corpus: Path) -> int | None:
    """Articles the corpus holds, as the report reads them; ``None`` when it cannot be read."""
    from narrative.readers import load_any

    try:
        return len(load_any(corpus).documents)
    except Exception:  # the report run says why
        return None


def report_warnings(report: Path) -> list[str]:
    """The distinct warnings listed at the top of the report's pages, in page order."""
    found: list[str] = []
    for page in sorted(report.glob("*.html")):
        for block in WARNINGS_LIST.findall(page.read_text(encoding="utf-8")):
            found += [html.unescape(item).strip() for item in ITEM.findall(block)]
    return list(dict.fromkeys(found))


def notebook_stderr(report: Path) -> list[str]:
    """The distinct non-blank lines the executed notebooks wrote to stderr."""
    found: list[str] = []
    for notebook in sorted((report / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
        for cell in cells:
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream" and output.get("name") == "stderr":
                    text = "".join(output.get("text", ""))
                    found += [line.strip() for line in text.splitlines() if line.strip()]
    return list(dict.fromkeys(found))


def first_error(stderr: str) -> str:
    """The exception line of the first traceback in ``stderr``, else its first error line."""
    lines = [line.rstrip() for line in stderr.replace("\r", "\n").splitlines()]
    for i, line in enumerate(lines):
        if line.startswith("Traceback (most recent call last)"):
            for rest in lines[i + 1 :]:
                if rest and not rest.startswith(" "):
                    return rest
    for line in lines:
        if line.startswith("narrative: ") and ("failed" in line or "error" in line):
            return line
    return ""


def status_of(returncode: int | None, stderr: str, warnings: list[str]) -> str:
    """The status word of a run (see the module docstring)."""
    if returncode is None:
        return "timeout"
    if "Traceback (most recent call last)" in stderr and returncode != 1:
        return "crash"
    if returncode == 0 and any(GUARDED in w for w in warnings):
        return "guarded"
    return STATUSES.get(returncode, "crash")


def sweep_one(
    corpus: Path, report: Path, *, timeout: float, params: list[str], log: Path | None = None
) -> Swept:
    """Build one corpus's report under ``nice`` within ``timeout`` seconds; what it left.

    The command's stderr is kept in ``log`` when given.
    """
    command = ["nice", "-n", "10", str(Path(sys.executable).with_name("narrative")), "report"]
    command += ["--corpus", str(corpus), "--out", str(report), "--force"]
    for value in params:
        command += ["-p", value]
    articles = count_articles(corpus)
    start = time.perf_counter()
    # A session of its own, so that a timeout ends the kernels and workers too.
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        _, stderr = process.communicate(timeout=timeout)
        returncode: int | None = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        _, stderr = process.communicate()
        returncode = None
    seconds = time.perf_counter() - start
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(stderr, encoding="utf-8")
    warnings = report_warnings(report) if report.is_dir() else []
    error = first_error(stderr) or next((w for w in warnings if GUARDED in w), "")
    return Swept(
        corpus=corpus,
        articles=articles,
        seconds=seconds,
        returncode=returncode,
        status=status_of(returncode, stderr, warnings),
        warnings=warnings,
        stderr=notebook_stderr(report) if report.is_dir() else [],
        first_error=error or ("" if returncode is not None else f"no report after {timeout:.0f} s"),
    )


def markdown(rows: list[Swept]) -> str:
    """The sweep as a Markdown table, with a total line."""
    lines = [
        "| corpus | articles | seconds | status | warnings | stderr | first error |",
        "|---|---:|---:|---|---:|---:|---|",
    ]
    for r in rows:
        error = r.first_error.replace("|", "\\|")[:160]
        articles = "?" if r.articles is None else r.articles
        lines.append(
            f"| {r.corpus} | {articles} | {r.seconds:.0f} | {r.status} | {len(r.warnings)} "
            f"| {len(r.stderr)} | {error} |"
        )
    failed = sum(r.status != "ok" for r in rows)
    total = sum(r.seconds for r in rows)
    lines.append(f"\n{len(rows)} corpora, {failed} not ok, {total / 60:.1f} min")
    return "\n".join(lines)


def write_tables(rows: list[Swept], out: Path) -> None:
    """``sweep.csv`` (one row per corpus) and ``warnings.csv`` (every warning line) in ``out``."""
    with (out / "sweep.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(
            ["corpus", "articles", "seconds", "exit", "status", "warnings", "stderr", "error"]
        )
        for r in rows:
            writer.writerow(
                [
                    r.corpus,
                    r.articles,
                    f"{r.seconds:.1f}",
                    r.returncode,
                    r.status,
                    len(r.warnings),
                    len(r.stderr),
                    r.first_error,
                ]
            )
    with (out / "warnings.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["corpus", "source", "line"])
        for r in rows:
            writer.writerows([r.corpus, "report", w] for w in r.warnings)
            writer.writerows([r.corpus, "stderr", w] for w in r.stderr)


def main(argv: list[str] | None = None) -> int:
    """Sweep the corpora; the exit status is 1 when any is not ``ok``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="corpora, or folders of corpora")
    parser.add_argument(
        "--gold-sets", action="store_true", help="add the corpus of every set in data/gold"
    )
    parser.add_argument("--out", type=Path, default=REPO / ".cache" / "sweep")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds per corpus")
    parser.add_argument(
        "-p", "--param", action="append", default=[], help="passed on to narrative report"
    )
    args = parser.parse_args(argv)
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"sweep_corpora: not found: {missing[0]}", file=sys.stderr)
        return 2
    corpora = find_corpora([p.resolve() for p in args.paths])
    if args.gold_sets:
        corpora = list(dict.fromkeys([*corpora, *gold_corpora()]))
    if not corpora:
        print("sweep_corpora: no corpus given (see --help)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    rows: list[Swept] = []
    for i, corpus in enumerate(corpora, 1):
        name = f"{i:03d}-{corpus.stem}"
        row = sweep_one(
            corpus,
            args.out / "reports" / name,
            timeout=args.timeout,
            params=args.param,
            log=args.out / "logs" / f"{name}.stderr",
        )
        rows.append(row)
        print(
            f"[{i}/{len(corpora)}] {corpus}: {row.status} in {row.seconds:.0f} s, "
            f"{len(row.warnings)} warnings {row.first_error[:120]}",
            file=sys.stderr,
            flush=True,
        )
        write_tables(rows, args.out)  # a sweep cut short keeps what it found
    print(markdown(rows))
    return 0 if all(r.status == "ok" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
