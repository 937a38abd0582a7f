"""Build the HTML report: execute the notebooks with papermill, render them, index them.

- :mod:`~narrative.report.runner`: one shared Jupyter kernel and the execution cache;
- :mod:`~narrative.report.faults`: a failed cell or a dead kernel said in one line;
- :mod:`~narrative.report.render`: an executed notebook to one self-contained page;
- :mod:`~narrative.report.index`: the front page (corpus, findings, pages, exports);
- :mod:`~narrative.report.build`: :func:`build_report`, which runs the three in order.
"""

from __future__ import annotations

from narrative.report.build import (
    NOTEBOOK_PATTERN,
    PAIR_NOTEBOOK,
    NotebookOutcome,
    ReportOutcome,
    build_report,
    outlet_pairs,
)
from narrative.report.index import EXPORTS, index_html
from narrative.report.render import provenance_html, render_html, rerun_command
from narrative.report.runner import KERNEL, NotebookRunner, source_fingerprint, versions

__all__ = [
    "EXPORTS",
    "KERNEL",
    "NOTEBOOK_PATTERN",
    "PAIR_NOTEBOOK",
    "NotebookOutcome",
    "NotebookRunner",
    "ReportOutcome",
    "build_report",
    "index_html",
    "outlet_pairs",
    "provenance_html",
    "render_html",
    "rerun_command",
    "source_fingerprint",
    "versions",
]
