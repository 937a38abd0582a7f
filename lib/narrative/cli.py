"""The ``narrative`` command.

``narrative report --corpus DIR [--out DIR] [-p name=value ...]`` builds the
HTML report and CSV exports; ``narrative params`` lists the parameters. Errors
the user can fix (a missing corpus, an unknown parameter, an unavailable
model) end with one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from narrative import config
from narrative.corpus import CorpusError
from narrative.embeddings import ModelUnavailable
from narrative.params import PARAMETERS, ParameterError, parse_assignments


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="narrative", description="Show how different news outlets tell the same story."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="run the notebooks and render the HTML report")
    report.add_argument(
        "--corpus",
        type=Path,
        default=config.DEFAULT_CORPUS,
        help="corpus folder (default: the Astana corpus shipped with the project)",
    )
    report.add_argument(
        "--out", type=Path, default=None, help="report folder (default: reports/<corpus name>)"
    )
    report.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a parameter (see `narrative params`); repeatable",
    )
    report.add_argument("--keep-code", action="store_true", help="show code cells in the HTML")
    commands.add_parser("params", help="list the parameters with types, defaults and help")
    return parser


def _params() -> int:
    width = max(len(p.name) for p in PARAMETERS)
    for p in PARAMETERS:
        print(f"{p.name:<{width}}  {p.type.__name__:<5}  default {p.default!r:<20}  {p.help}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from narrative.report import build_report

    values = parse_assignments(args.param)
    if not args.corpus.is_dir():
        raise CorpusError(f"corpus folder not found: {args.corpus}")
    out_dir = args.out or config.REPORTS_DIR / args.corpus.resolve().name
    outcome = build_report(args.corpus, out_dir, values, keep_code=args.keep_code)
    for notebook in outcome.notebooks:
        if notebook.error:
            print(f"narrative: {notebook.name} failed at {notebook.error}", file=sys.stderr)
    print(outcome.index)
    return 0 if outcome.ok else 1


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "params":
            return _params()
        return _report(args)
    except (CorpusError, ModelUnavailable, ParameterError) as error:
        print(f"narrative: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("narrative: interrupted; no file was left half-written", file=sys.stderr)
        return 130
