"""How far could a better *combination* of the suite's evidence go on the labelled sets?

For every pair of body passages of two articles from different outlets, this script
computes the evidence the suite's alignment uses (sentence cosine, best clause cosine,
lexical overlap, the margins of each against both sides' neighbours, ranks in row and
column, trigram containment) and labels the pair from the gold file. For each labelled set
it then fits a logistic regression on the *other* sets and reports the strict F1 on this
one, twice: at the threshold best on the training sets (a fair figure) and at the threshold
best on the set itself (an oracle, an upper bound for any threshold on this model).

A third figure is more generous still: gradient-boosted trees trained *on the set itself*
(five-fold cross-validation, so every pair is scored by a model that saw the other four
fifths of that set's labels) at the threshold best on the set. It allows any non-linear
combination and learns the set's own labelling habits; it is an upper bound on what this
evidence can give, not a figure any aligner could reach without the labels.

``--also-model`` adds another model's sentence cosine to the evidence and ``--tokens`` a
token-level match (BERTScore-style: each token's best cosine in the other passage, averaged
both ways, from the first model's contextual token vectors).

If even these bounds stay far below a target, no re-weighting or threshold of these
features reaches it: better evidence is needed (a stronger model, a cross-encoder), not
tuning. Headline pairs are left out (the suite compares them separately), so the gold
counts here can be lower than in ``scripts/benchmark_alignment.py``.

Usage::

    .venv/bin/python scripts/alignment_ceiling.py [--model NAME_OR_PATH]
        [--also-model NAME_OR_PATH] [--tokens] [--gold-dir data/gold/second]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmark_alignment import SETS, LabelledSet, _ordered, labelled_run  # noqa: E402
from narrative import config  # noqa: E402
from narrative.alignment import (  # noqa: E402
    blend,
    clause_block,
    document_pairs,
    margin_scores,
    passage_rows,
)
from narrative.clauses import clauses as split_into_clauses  # noqa: E402
from narrative.embeddings import embed, load_model  # noqa: E402
from narrative.lexical import TermIndex, containment  # noqa: E402

FEATURES = ["sim", "clause", "lexical", "m_sim", "m_meaning", "m_score", "rank_row", "rank_col"]
THRESHOLDS = np.arange(0.02, 0.98, 0.01)


def token_vectors(texts: list[str], model: str) -> list[np.ndarray]:
    """Each text's contextual token vectors, normalised, without the special first and last."""
    encoded = load_model(model).encode(
        texts, output_value="token_embeddings", batch_size=32, show_progress_bar=False
    )
    vectors = []
    for tokens in encoded:
        tokens = tokens.float().numpy()
        tokens = tokens[1:-1] if len(tokens) > 2 else tokens
        vectors.append(tokens / np.linalg.norm(tokens, axis=1, keepdims=True).clip(1e-9))
    return vectors


def token_match(a: np.ndarray, b: np.ndarray) -> float:
    """BERTScore-style F1 of two passages' token vectors (greedy best match, unweighted)."""
    cosine = a @ b.T
    precision, recall = cosine.max(axis=1).mean(), cosine.max(axis=0).mean()
    total = precision + recall
    return float(2 * precision * recall / total) if total > 0 else 0.0


def pair_features(
    labelled: LabelledSet, model: str, *, also_model: str | None = None, tokens: bool = False
) -> pd.DataFrame:
    """One row per cross-outlet pair of body passages: evidence and gold label."""
    result, passages, rank, gold = labelled_run(labelled, model)
    texts = passages["text"].tolist()
    other = embed(texts, model=also_model) if also_model else None
    token_sets = token_vectors(texts, model) if tokens else None
    chunks = split_into_clauses(texts)
    owner = np.repeat(np.arange(len(chunks)), [len(c) for c in chunks])
    clause_vectors = embed([c for cs in chunks for c in cs], model=model)
    vectors = result.embeddings
    index = TermIndex(passages["text"].tolist())
    settings = result.settings
    rows = []
    for doc_a, doc_b in document_pairs(passages):
        ra, rb = passage_rows(passages, doc_a)["text"], passage_rows(passages, doc_b)["text"]
        if len(ra) == 0 or len(rb) == 0:
            continue
        sim = vectors[ra] @ vectors[rb].T
        clause = clause_block(clause_vectors, owner, ra, rb, settings=settings)
        lexical = index.overlap(list(ra), list(rb))
        meaning = np.maximum(sim, clause)
        score = blend(meaning, lexical, settings=settings)
        evidence = {
            "sim": sim,
            "clause": clause,
            "lexical": lexical,
            "m_sim": margin_scores(sim, k=settings.k),
            "m_meaning": margin_scores(meaning, k=settings.k),
            "m_score": margin_scores(score, k=settings.k),
            "rank_row": np.minimum(np.argsort(np.argsort(-score, axis=1), axis=1), 5),
            "rank_col": np.minimum(np.argsort(np.argsort(-score, axis=0), axis=0), 5),
        }
        for i, a in enumerate(ra):
            for j, b in enumerate(rb):
                key = _ordered(passages, a, b, rank)
                row = {name: float(values[i, j]) for name, values in evidence.items()}
                row["containment"] = containment(passages.at[a, "text"], passages.at[b, "text"])
                if other is not None:
                    row["also_sim"] = float(other[a] @ other[b])
                if token_sets is not None:
                    row["tokens"] = token_match(token_sets[a], token_sets[b])
                row["gold"] = key in gold
                rows.append(row)
    return pd.DataFrame(rows)


def f1_at(
    gold: np.ndarray, probability: np.ndarray, threshold: float
) -> tuple[float, float, float]:
    """Strict precision, recall and F1 of the pairs at or above a threshold."""
    chosen = probability >= threshold
    hits = int((chosen & gold).sum())
    if hits == 0:
        return 0.0, 0.0, 0.0
    precision, recall = hits / chosen.sum(), hits / gold.sum()
    return precision, recall, 2 * precision * recall / (precision + recall)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=config.DEFAULT_MODEL, help="embedding model")
    parser.add_argument("--also-model", help="a second model whose cosine joins the evidence")
    parser.add_argument("--tokens", action="store_true", help="add a token-level match")
    parser.add_argument(
        "--gold-dir",
        type=Path,
        default=config.GOLD_DIR,
        help="folder of the gold files (default: data/gold; data/gold/second: second labelling)",
    )
    args = parser.parse_args(argv)
    sets = [replace(s, gold=args.gold_dir / s.gold.name) for s in SETS]
    tables = {
        s.name: pair_features(s, args.model, also_model=args.also_model, tokens=args.tokens)
        for s in sets
        if s.corpus.is_dir() and s.gold.is_file()
    }
    columns = [c for c in next(iter(tables.values())).columns if c != "gold"]
    print(f"model {args.model}; features: {', '.join(columns)}")
    print(
        f"{'set':28} {'pairs':>6} {'gold':>5}  fair F1 (P / R)      oracle F1 (P / R)     "
        "within-set F1 (P / R)"
    )
    for name, table in tables.items():
        train = pd.concat([t for n, t in tables.items() if n != name])
        if train.empty or not train["gold"].any():
            continue
        fitted = LogisticRegression(max_iter=3000).fit(train[columns], train["gold"])
        on_train = fitted.predict_proba(train[columns])[:, 1]
        chosen = max(THRESHOLDS, key=lambda t: f1_at(train["gold"].to_numpy(), on_train, t)[2])
        probability = fitted.predict_proba(table[columns])[:, 1]
        gold = table["gold"].to_numpy()
        fair = f1_at(gold, probability, chosen)
        oracle = max((f1_at(gold, probability, t) for t in THRESHOLDS), key=lambda s: s[2])
        within = cross_val_predict(
            HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, random_state=0),
            table[columns],
            gold,
            cv=StratifiedKFold(5, shuffle=True, random_state=0),
            method="predict_proba",
        )[:, 1]
        bound = max((f1_at(gold, within, t) for t in THRESHOLDS), key=lambda s: s[2])
        print(
            f"{name:28} {len(table):6d} {int(gold.sum()):5d}  "
            f"{fair[2]:.2f} ({fair[0]:.2f} / {fair[1]:.2f})     "
            f"{oracle[2]:.2f} ({oracle[0]:.2f} / {oracle[1]:.2f})     "
            f"{bound[2]:.2f} ({bound[0]:.2f} / {bound[1]:.2f})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
