"""The ``narrative`` command.

``narrative report --corpus DIR [--out DIR] [-p name=value ...]`` builds the
HTML report and CSV exports; ``narrative evaluate --corpus DIR --gold FILE``
scores the alignment against hand-labelled facts; ``narrative fit --corpus DIR
--gold FILE`` refits the same-fact evidence weight and threshold on a decisions
(or gold) file and prints them as ``-p`` options; ``narrative params`` lists
the parameters. Errors
the user can fix (a missing corpus, an unknown parameter, an unavailable
model) end with one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from narrative import config
from narrative.corpus import CorpusError
from narrative.errors import USER_ERRORS
from narrative.params import PARAMETERS, parse_assignments


def add_param_option(parser: argparse.ArgumentParser) -> None:
    """Give a command the repeatable ``-p NAME=VALUE`` option of the notebooks' parameters."""
    parser.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a parameter (see `narrative params`); repeatable",
    )


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
        help="corpus: a folder of articles (with or without manifest.csv), a BASIL folder, "
        "or a .jsonl/.csv file of one article per row (default: the Astana corpus)",
    )
    report.add_argument(
        "--out", type=Path, default=None, help="report folder (default: reports/<corpus name>)"
    )
    add_param_option(report)
    report.add_argument(
        "--pairs",
        action="append",
        default=None,
        metavar="A,B",
        help="outlet pair for a side-by-side report (label, outlet or doc_id); repeatable; "
        "default: every pair, or with more than 30 pairs the 30 that share the most aligned "
        "passages",
    )
    report.add_argument("--keep-code", action="store_true", help="show code cells in the HTML")
    report.add_argument(
        "--force", action="store_true", help="re-execute every notebook, even unchanged ones"
    )
    commands.add_parser("params", help="list the parameters with types, defaults and help")
    evaluate = commands.add_parser(
        "evaluate", help="score the alignment against a gold file (see data/gold/README.md)"
    )
    evaluate.add_argument(
        "--corpus", type=Path, required=True, help="corpus folder or file (as for report)"
    )
    evaluate.add_argument("--gold", type=Path, required=True, help="gold CSV of facts")
    add_param_option(evaluate)
    evaluate.add_argument(
        "--errors",
        action="store_true",
        help="list each fact's recall, then the missed and the wrong pairs with their text",
    )
    evaluate.add_argument(
        "--claims",
        action="store_true",
        help="also check the report's claims (outlet-only, leaves out, story units, "
        "prominence, figures differ) against the gold",
    )
    evaluate.add_argument(
        "--figures",
        type=Path,
        default=None,
        help="figure labels for --claims (default: figures/<gold file name> beside the gold)",
    )
    fit = commands.add_parser(
        "fit",
        help="refit embedding_weight and paraphrase_min on your review decisions "
        "(cross-validated) and print them as -p options; nothing is applied by itself",
    )
    fit.add_argument("--corpus", type=Path, required=True, help="corpus folder or file")
    fit.add_argument(
        "--gold", type=Path, required=True, help="decisions CSV (or a gold CSV of facts)"
    )
    fit.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="the run's current parameters (see `narrative params`); repeatable",
    )
    return parser


def _fit(args: argparse.Namespace) -> int:
    from narrative.fit import fit

    values = parse_assignments(args.param)
    if not args.corpus.exists():
        raise CorpusError(f"corpus not found: {args.corpus}")
    if not args.gold.is_file():
        raise CorpusError(f"decisions file not found: {args.gold}")

    def progress(done: int, total: int) -> None:
        print(f"\rrunning the alignment at setting {done} of {total}", end="", file=sys.stderr)

    found = fit(args.corpus, args.gold, values, progress=progress)
    print(file=sys.stderr)
    for line in found.summary():
        print(line)
    return 0


def _params() -> int:
    width = max(len(p.name) for p in PARAMETERS)
    for p in PARAMETERS:
        print(f"{p.name:<{width}}  {p.type.__name__:<5}  default {p.default!r:<20}  {p.help}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from narrative.report import build_report

    values = parse_assignments(args.param)
    if not args.corpus.exists():
        raise CorpusError(f"corpus not found: {args.corpus}")
    out_dir = args.out or config.REPORTS_DIR / args.corpus.resolve().stem
    outcome = build_report(
        args.corpus,
        out_dir,
        values,
        keep_code=args.keep_code,
        pairs=args.pairs,
        reuse=not args.force,
    )
    for notebook in outcome.notebooks:
        if notebook.error and not notebook.skipped:
            print(f"narrative: {notebook.name} failed: {notebook.error}", file=sys.stderr)
    skipped = [n for n in outcome.notebooks if n.skipped]
    if skipped:
        print(f"narrative: {len(skipped)} more notebook(s) {skipped[0].error}", file=sys.stderr)
    print(outcome.index)
    return 0 if outcome.ok else 1


def _evaluate(args: argparse.Namespace) -> int:
    from narrative import pipeline
    from narrative.evaluate import evaluate_alignment, read_gold

    values = parse_assignments(args.param)
    if not args.corpus.exists():
        raise CorpusError(f"corpus not found: {args.corpus}")
    gold = read_gold(args.gold)
    result = pipeline.run_with_parameters({**values, "corpus": str(args.corpus)})
    evaluation = evaluate_alignment(result.alignments, result.passages, result.cleaned, gold)
    for line in evaluation.warnings:
        print(f"warning: {line}", file=sys.stderr)
    print(f"{'':6}  {'precision':>9}  {'recall':>6}  {'F1':>5}  right/predicted  found/gold")
    for name, s in (("strict", evaluation.strict), ("lax", evaluation.lax)):
        print(
            f"{name:6}  {s.precision:9.3f}  {s.recall:6.3f}  {s.f1:5.3f}  "
            f"{s.correct_predicted:>7}/{s.predicted:<7}  {s.found_gold:>5}/{s.gold}"
        )
    if args.errors:
        facts = evaluation.by_fact
        print(
            f"\nby fact: {int((facts['found'] > 0).sum())} of {len(facts)} facts have at least "
            "one pair found (strict recall; a pair that carries two facts counts for both):"
        )
        for f in facts.itertuples(index=False):
            print(f"{f.fact_id:>6} {f.found:>4}/{f.gold:<4} in {f.articles} articles  {f.note}")
        text = {(r.doc_id, r.passage_id): r.text for r in result.passages.itertuples(index=False)}
        for title, pairs in (
            ("missed (in gold, not aligned)", evaluation.false_negatives),
            ("wrong (aligned, not in gold)", evaluation.false_positives),
        ):
            print(f"\n{title}: {len(pairs)}")
            for da, pa, db, pb in pairs:
                print(f"- {da}#{pa}: {text[(da, pa)]}\n  {db}#{pb}: {text[(db, pb)]}")
    if args.claims:
        _print_claims(result, gold, args)
    return 0


def _print_claims(result, gold, args: argparse.Namespace) -> None:
    from narrative.evaluate import check_claims, figure_gold_for, read_figure_gold

    if args.figures is not None and not args.figures.is_file():
        raise CorpusError(f"figure labels not found: {args.figures}")
    figures = read_figure_gold(args.figures) if args.figures else figure_gold_for(args.gold)
    checks, _ = check_claims(result, gold, figures)
    print(
        f"\n{'claim':14}  {'made':>4}  {'right':>5}  {'precision':>9}  {'true':>4}  {'recall':>6}"
    )
    for c in checks:
        if not c.labelled:
            print(f"{c.claim:14}  {c.made:>4}  (no figure labels; see data/gold/README.md)")
            continue
        precision = f"{c.precision:9.2f}" if c.right else f"{'-':>9}"
        recall = f"{c.recall:6.2f}" if c.kept else f"{'-':>6}"
        print(
            f"{c.claim:14}  {c.made:>4}  {sum(c.right):>5}  {precision}  {len(c.kept):>4}  {recall}"
        )
        if args.errors:
            for example in c.examples:
                print(f"  wrong: {example}")
    print(
        "\nright: claims the labels bear out; true: the claims the labels make true (a passage"
        "\nno other outlet carries; a fact more than half of an outlet's others carry; a"
        "\nshared fact; a fact on top in one outlet and in the second half of another; a"
        "\nlabelled figure pair); recall: the share of those the report makes. A right claim"
        '\nneed not be a true one (a fact fewer than half the others carry). README: "Claims'
        '\na researcher can cite".'
    )


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "params":
            return _params()
        if args.command == "evaluate":
            return _evaluate(args)
        if args.command == "fit":
            return _fit(args)
        return _report(args)
    except USER_ERRORS as error:
        print(f"narrative: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("narrative: interrupted; no file was left half-written", file=sys.stderr)
        return 130
