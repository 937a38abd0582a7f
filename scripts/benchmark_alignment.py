"""Score the suite's alignment and the naive recipes on the same labelled data, in one go.

For each labelled corpus (gold file in ``data/gold/``), every method sees the same
passages (the suite's cleaning and sentence segmentation) and the same
embeddings, and is scored with :mod:`narrative.evaluate` (strict and lax
precision, recall and F1 on pairs of passages):

* ``suite``: ``narrative`` at its default settings (no threshold is tuned);
* ``tfidf-mutual``: TF-IDF cosine, mutual best match per pair of articles,
  above a threshold;
* ``embedding-mutual``: cosine of the same sentence embeddings, mutual best;
* ``paraphrase-mining``: sentence-transformers ``paraphrase_mining_embeddings``,
  every cross-outlet pair above a threshold.

The naive recipes get their best threshold *on the set they are scored on* (an
oracle: 0.01 steps), which flatters them, and, like the suite and the labelling
rule, compare headlines only with headlines.

Each strict F1 comes with a 95% bootstrap interval, and each naive recipe with the
interval of the suite's lead over it (suite F1 minus the recipe's, the same resamples
for both). The unit resampled is the passage: every gold or predicted pair belongs to
the passage of the earlier article in corpus order, and passages are drawn with
replacement (2,000 resamples, fixed seed), so the several pairs of one passage stay
together. One labelled event is a small sample; the intervals say how small.

The suite's defaults were set on the development sets (``astana-2017``,
``fakes-2016-07-05-hasakeh``); ``basil-eb17fa36`` and ``newswcl50-event-5`` were held out
and are the figures to quote.

The three external corpora are built from ``../shared/external`` by
``scripts/make_dev_corpora.py`` (run automatically); they are skipped when that
folder is absent.

Usage::

    .venv/bin/python scripts/benchmark_alignment.py [--model NAME_OR_PATH] [--markdown]
        [--gold-dir data/gold/second]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
from narrative import config, pipeline
from narrative.alignment import document_pairs
from narrative.evaluate import Pair, Scores, gold_pairs, locate, predicted_pairs, read_gold, score
from sklearn.feature_extraction.text import TfidfVectorizer

REPO = Path(__file__).resolve().parents[1]
DEV_CORPORA = REPO / ".cache" / "dev-corpora"
EXTERNAL = REPO.parent / "shared" / "external"


@dataclass(frozen=True)
class LabelledSet:
    """A corpus folder, its gold file, and whether the defaults were tuned on it."""

    name: str
    corpus: Path
    gold: Path
    role: str


SETS = (
    LabelledSet("astana-2017", config.DEFAULT_CORPUS, config.GOLD_DIR / "astana-2017.csv", "dev"),
    LabelledSet(
        "fakes-2016-07-05-hasakeh",
        DEV_CORPORA / "fakes-2016-07-05-hasakeh",
        config.GOLD_DIR / "fakes-2016-07-05-hasakeh.csv",
        "dev",
    ),
    LabelledSet(
        "basil-eb17fa36",
        DEV_CORPORA / "basil-eb17fa36",
        config.GOLD_DIR / "basil-eb17fa36.csv",
        "held-out",
    ),
    LabelledSet(
        "newswcl50-event-5",
        DEV_CORPORA / "newswcl50-event-5",
        config.GOLD_DIR / "newswcl50-event-5.csv",
        "held-out",
    ),
    LabelledSet(
        "ecbplus-1-ecbplus",
        DEV_CORPORA / "ecbplus-1-ecbplus",
        config.GOLD_DIR / "ecbplus-1-ecbplus.csv",
        "many outlets",
    ),
    LabelledSet(
        "ecbplus-21-ecbplus",
        DEV_CORPORA / "ecbplus-21-ecbplus",
        config.GOLD_DIR / "ecbplus-21-ecbplus.csv",
        "many outlets",
    ),
)
THRESHOLDS = np.round(np.arange(0.05, 0.96, 0.01), 2)
RESAMPLES = 2000


def bootstrap_f1(
    predictions: dict[str, set[Pair]], gold: set[Pair], *, resamples: int = RESAMPLES, seed: int = 0
) -> dict[str, np.ndarray]:
    """Strict F1 of each prediction on passage-level bootstrap resamples.

    Every pair, gold or predicted, belongs to its first passage (``pair[:2]``, the
    passage of the earlier article); each resample draws that many passages with
    replacement and counts their pairs as often as they were drawn.

    Args:
        predictions: Predicted pairs by method.
        gold: Gold pairs.
        resamples: Number of resamples.
        seed: Seed of the random generator (the same resamples for every method).

    Returns:
        ``(resamples,)`` F1 values by method (0 where a resample has no pair at all).
    """
    clusters = sorted(
        {p[:2] for pairs in predictions.values() for p in pairs} | {p[:2] for p in gold}
    )
    if not clusters:
        return {name: np.zeros(resamples) for name in predictions}
    index = {c: i for i, c in enumerate(clusters)}
    weights = np.random.default_rng(seed).multinomial(
        len(clusters), np.full(len(clusters), 1 / len(clusters)), size=resamples
    )
    out = {}
    for name, predicted in predictions.items():
        counts = np.zeros((3, len(clusters)))  # hits, false alarms, misses per passage
        for pair in predicted:
            counts[0 if pair in gold else 1, index[pair[:2]]] += 1
        for pair in gold - predicted:
            counts[2, index[pair[:2]]] += 1
        hits, alarms, misses = (weights @ counts.T).T
        denominator = 2 * hits + alarms + misses
        out[name] = np.divide(2 * hits, denominator, out=np.zeros(resamples), where=denominator > 0)
    return out


def interval(values: np.ndarray) -> str:
    """The central 95% of bootstrap values, as ``"<low> to <high>"``."""
    low, high = np.percentile(values, [2.5, 97.5])
    return f"{low:.2f} to {high:.2f}"


def _ordered(passages: pd.DataFrame, a: int, b: int, rank: dict[str, int]) -> Pair:
    da, pa = passages.at[a, "doc_id"], int(passages.at[a, "passage_id"])
    db, pb = passages.at[b, "doc_id"], int(passages.at[b, "passage_id"])
    return (da, pa, db, pb) if rank[da] <= rank[db] else (db, pb, da, pa)


def mutual_best(
    passages: pd.DataFrame, similarity: np.ndarray, rank: dict[str, int]
) -> list[tuple[float, Pair]]:
    """Mutual best matches of every cross-outlet article pair, with their cosine.

    Args:
        passages: Passage table (row ``i`` is row ``i`` of ``similarity``).
        similarity: ``(n, n)`` cosine between all passages.
        rank: Document order.

    Returns:
        ``(cosine, pair)`` for each mutual best match.
    """
    out = []
    for doc_a, doc_b in document_pairs(passages):
        ra = np.flatnonzero(passages["doc_id"].to_numpy() == doc_a)
        rb = np.flatnonzero(passages["doc_id"].to_numpy() == doc_b)
        block = similarity[np.ix_(ra, rb)]
        best_b, best_a = block.argmax(axis=1), block.argmax(axis=0)
        for i, j in enumerate(best_b):
            if best_a[j] == i:
                out.append((float(block[i, j]), _ordered(passages, ra[i], rb[j], rank)))
    return out


def like_with_like(passages: pd.DataFrame, similarity: np.ndarray) -> np.ndarray:
    """``similarity`` with every headline-to-other-passage entry set to -1."""
    headline = passages["kind"].to_numpy() == "headline"
    return np.where(headline[:, None] == headline[None, :], similarity, -1.0)


def mined(
    passages: pd.DataFrame, embeddings: np.ndarray, rank: dict[str, int]
) -> list[tuple[float, Pair]]:
    """Cross-outlet pairs from sentence-transformers' paraphrase mining, with their cosine."""
    import torch
    from sentence_transformers.util import paraphrase_mining_embeddings

    outlets = passages["outlet"].to_numpy()
    headline = passages["kind"].to_numpy() == "headline"
    found = paraphrase_mining_embeddings(
        torch.from_numpy(embeddings), top_k=len(passages), max_pairs=len(passages) ** 2
    )
    return [
        (float(s), _ordered(passages, i, j, rank))
        for s, i, j in found
        if outlets[i] != outlets[j] and headline[i] == headline[j]
    ]


def best_threshold(candidates: list[tuple[float, Pair]], gold: set[Pair]) -> tuple[float, Scores]:
    """The threshold with the highest strict F1, and its scores."""
    best = (0.0, score(set(), gold))
    for t in THRESHOLDS:
        scores = score({p for s, p in candidates if s >= t}, gold)
        if scores.f1 > best[1].f1:
            best = (float(t), scores)
    return best


def labelled_run(
    labelled: LabelledSet, model: str
) -> tuple[pipeline.Result, pd.DataFrame, dict[str, int], set[Pair]]:
    """Run the suite on a labelled corpus.

    Returns:
        The result, its passages renumbered from 0, each document's rank in
        corpus order (for :func:`_ordered`) and the gold pairs. Snippets that
        cannot be located are reported on standard error.
    """
    result = pipeline.run(labelled.corpus, model=model)
    passages = result.passages.reset_index(drop=True)
    order = list(dict.fromkeys(passages["doc_id"]))
    outlet_of = dict(zip(passages["doc_id"], passages["outlet"], strict=False))
    located, warnings = locate(read_gold(labelled.gold), result.cleaned, passages)
    for line in warnings:
        print(f"warning: {labelled.name}: {line}", file=sys.stderr)
    rank = {d: i for i, d in enumerate(order)}
    return result, passages, rank, gold_pairs(located, outlet_of, order)


def benchmark(labelled: LabelledSet, model: str) -> list[dict[str, object]]:
    """Score every method on one labelled corpus."""
    result, passages, rank, gold = labelled_run(labelled, model)
    order = list(rank)
    tfidf = TfidfVectorizer(sublinear_tf=True).fit_transform(passages["text"])
    methods: dict[str, tuple[float | None, set[Pair] | None, list[tuple[float, Pair]]]] = {
        "suite (defaults)": (None, predicted_pairs(result.alignments, order), []),
        "tfidf-mutual": (
            0,
            None,
            mutual_best(passages, like_with_like(passages, (tfidf @ tfidf.T).toarray()), rank),
        ),
        "embedding-mutual": (
            0,
            None,
            mutual_best(
                passages, like_with_like(passages, result.embeddings @ result.embeddings.T), rank
            ),
        ),
        "paraphrase-mining": (0, None, mined(passages, result.embeddings, rank)),
    }
    rows, chosen = [], {}
    for method, (threshold, fixed, candidates) in methods.items():
        if fixed is not None:
            chosen[method] = fixed
            strict, lax = score(fixed, gold), score(fixed, gold, lax=True)
        else:
            threshold, strict = best_threshold(candidates, gold)
            chosen[method] = {p for s, p in candidates if s >= threshold}
            lax = score(chosen[method], gold, lax=True)
        rows.append(
            {
                "set": labelled.name,
                "role": labelled.role,
                "method": method,
                "threshold": "-" if threshold is None else f"{threshold:.2f}",
                "P": round(strict.precision, 2),
                "R": round(strict.recall, 2),
                "F1": round(strict.f1, 2),
                "lax P": round(lax.precision, 2),
                "lax R": round(lax.recall, 2),
                "lax F1": round(lax.f1, 2),
                "gold pairs": strict.gold,
            }
        )
    resampled = bootstrap_f1(chosen, gold)
    suite = resampled["suite (defaults)"]
    for row in rows:
        f1 = resampled[row["method"]]
        row["F1 95% CI"] = interval(f1)
        row["suite lead 95% CI"] = "-" if f1 is suite else interval(suite - f1)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=config.DEFAULT_MODEL, help="embedding model")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument(
        "--gold-dir",
        type=Path,
        default=config.GOLD_DIR,
        help="folder of the gold files, one per set as <set>.csv (default: data/gold;"
        " data/gold/second holds the second labelling)",
    )
    args = parser.parse_args(argv)
    if EXTERNAL.is_dir():
        subprocess.run(
            [
                sys.executable,
                str(REPO / "scripts" / "make_dev_corpora.py"),
                "--newswcl50-event",
                "5",
                "--ecbplus-event",
                "1-ecbplus",
                "--ecbplus-event",
                "21-ecbplus",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    rows = []
    for labelled in SETS:
        labelled = replace(labelled, gold=args.gold_dir / labelled.gold.name)
        absent = next((p for p in (labelled.corpus, labelled.gold) if not p.exists()), None)
        if absent is not None:
            print(f"skipped {labelled.name}: {absent} is absent", file=sys.stderr)
            continue
        rows.extend(benchmark(labelled, args.model))
    print_table(pd.DataFrame(rows), markdown=args.markdown)
    return 0


def print_table(table: pd.DataFrame, *, markdown: bool = False) -> None:
    """Print a results table as plain text, or as a Markdown table for the README."""
    if not markdown:
        print(table.to_string(index=False))
        return
    print("| " + " | ".join(table.columns) + " |")
    print("|" + "---|" * len(table.columns))
    for row in table.itertuples(index=False):
        print("| " + " | ".join(str(v) for v in row) + " |")


if __name__ == "__main__":
    sys.exit(main())
