"""Refit the parameters that decide same-fact pairs on the researcher's decisions.

After enough answers (:data:`MIN_PAIRS` labelled pairs, both kinds among them), the
decisions (:mod:`narrative.review`), or any gold file (``data/gold/README.md``),
say which settings of the evidence combination (``embedding_weight``: the cosine's
share of a pair's score, the rest lexical overlap) and of the threshold
(``paraphrase_min``) would have aligned the decided pairs best. The suite runs the
alignment at every setting of :data:`GRID` (the same pipeline as a report: nothing
is approximated) and scores each on the labelled pairs as ``narrative evaluate``
does (strict F1; with a decisions file only decided pairs count).

The estimate is cross-validated: the labelled pairs are split into
:data:`FOLDS` folds by passage (every pair belongs to the passage of the earlier
article, as the bootstrap of ``scripts/benchmark_alignment.py`` groups them), the
setting is chosen on the other folds and scored on the held-out one; the mean and
the spread over the folds are reported beside the current parameters' on the same
folds. The result is offered as ``-p name=value`` lines; nothing is applied by itself.

Two layers: :func:`fit_predictions` works on sets of pairs and is tested without a
model; :func:`fit` runs the pipeline.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from narrative.corpus import CorpusError
from narrative.evaluate import Pair, score

#: Values tried for each refitted parameter (every combination is run).
GRID: dict[str, tuple[float, ...]] = {
    "embedding_weight": (0.4, 0.5, 0.6, 0.7, 0.8),
    "paraphrase_min": (0.3, 0.34, 0.38, 0.42, 0.46, 0.5, 0.54, 0.58),
}
#: Fewest labelled pairs (same fact and not, together) a fit needs.
MIN_PAIRS = 20
#: Folds of the cross-validation.
FOLDS = 5

Setting = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Labelled:
    """What one setting predicts on the labelled pairs.

    Attributes:
        predicted: Pairs aligned as the same fact that carry a label (right or wrong).
        gold: Pairs labelled the same fact.
    """

    predicted: frozenset[Pair]
    gold: frozenset[Pair]


@dataclass
class FitResult:
    """A refit and its cross-validated estimate.

    Attributes:
        best: The setting with the highest strict F1 on every labelled pair.
        current: The setting of the run's own parameters.
        f1_best: Strict F1 of ``best`` on every labelled pair (optimistic: chosen there).
        f1_current: Strict F1 of ``current`` on every labelled pair.
        cv_fitted: Strict F1 on each held-out fold of the setting chosen on the others.
        cv_current: Strict F1 of ``current`` on each fold.
        same: Labelled pairs of the same fact.
        different: Labelled pairs of different facts (with a gold file: the pairs some
            setting aligned that the gold does not pair).
        settings: Settings tried.
    """

    best: dict[str, float]
    current: dict[str, float]
    f1_best: float
    f1_current: float
    cv_fitted: np.ndarray
    cv_current: np.ndarray
    same: int
    different: int
    settings: int

    @property
    def changes(self) -> dict[str, float]:
        """The parameters whose fitted value differs from the current one."""
        return {k: v for k, v in self.best.items() if self.current.get(k) != v}

    def assignments(self) -> list[str]:
        """``name=value`` for each changed parameter (for ``-p``)."""
        return [f"{k}={v:g}" for k, v in self.changes.items()]

    def summary(self) -> list[str]:
        """The fit in a few lines, as ``narrative fit`` prints it."""
        folds = len(self.cv_fitted)

        def spread(values: np.ndarray) -> str:
            return f"{values.mean():.2f} (folds {values.min():.2f} to {values.max():.2f})"

        lines = [
            f"{self.same + self.different} labelled pairs ({self.same} same fact, "
            f"{self.different} not), {self.settings} settings of "
            f"{', '.join(self.best)} tried",
            f"strict F1, {folds}-fold cross-validated (folds by passage): refitted "
            f"{spread(self.cv_fitted)}, current {spread(self.cv_current)}",
            f"strict F1 on every labelled pair: refitted {self.f1_best:.2f} (chosen on them), "
            f"current {self.f1_current:.2f}",
        ]
        options = " ".join(f"-p {a}" for a in self.assignments())
        if not self.changes:
            lines.append("the current parameters fit best: nothing to change")
        elif self.cv_fitted.mean() <= self.cv_current.mean():
            lines.append(
                "cross-validated, the refit is no better than the current parameters: keep "
                f"them (to try it anyway, never applied by itself: {options})"
            )
        else:
            lines.append(f"to use them, add to the next run (never applied by itself): {options}")
        return lines


class NotEnoughAnswers(CorpusError):
    """Too few labelled pairs to refit; the message says how many there are."""


def _enough(same: int, different: int, min_pairs: int) -> None:
    if same + different < min_pairs or not same or not different:
        raise NotEnoughAnswers(
            f"{same} pairs of the same fact and {different} of different facts: "
            f"a refit needs at least {min_pairs} labelled pairs, both kinds among them"
        )


def _f1(labelled: Labelled, clusters: set | None) -> float:
    if clusters is None:
        return score(set(labelled.predicted), set(labelled.gold)).f1
    predicted = {p for p in labelled.predicted if p[:2] in clusters}
    gold = {p for p in labelled.gold if p[:2] in clusters}
    return score(predicted, gold).f1


def _distance(setting: Setting, current: Setting) -> float:
    here = dict(current)
    return sum(abs(v - here.get(k, v)) for k, v in setting)


def _choose(
    outcomes: Mapping[Setting, Labelled], current: Setting, clusters: set | None
) -> Setting:
    """The setting with the best F1 on ``clusters``; ties go to the one nearest ``current``."""
    return max(outcomes, key=lambda s: (_f1(outcomes[s], clusters), -_distance(s, current)))


def fit_predictions(
    outcomes: Mapping[Setting, Labelled],
    current: Setting,
    *,
    folds: int = FOLDS,
    seed: int = 0,
    min_pairs: int = MIN_PAIRS,
    different: int | None = None,
) -> FitResult:
    """Choose the setting that aligns the labelled pairs best, cross-validated.

    Args:
        outcomes: What each setting predicts (:class:`Labelled`); ``current`` among them.
        current: The run's own setting.
        folds: Folds of the cross-validation (passages, shuffled with ``seed``).
        seed: Seed of the shuffle.
        min_pairs: Fewest labelled pairs.
        different: Labelled pairs of different facts; when ``None``, the pairs some
            setting predicts that are not gold.

    Returns:
        The fit.

    Raises:
        NotEnoughAnswers: With fewer than ``min_pairs`` labelled pairs or without
            both kinds.
    """
    gold = outcomes[current].gold
    wrong = set().union(*(o.predicted for o in outcomes.values())) - gold
    n_different = len(wrong) if different is None else different
    _enough(len(gold), n_different, min_pairs)
    clusters = sorted({p[:2] for p in gold | wrong})
    order = np.random.default_rng(seed).permutation(len(clusters))
    parts = [set() for _ in range(min(folds, len(clusters)))]
    for n, i in enumerate(order):
        parts[n % len(parts)].add(clusters[i])
    fitted, held = [], []
    for part in parts:
        train = set(clusters) - part
        chosen = _choose(outcomes, current, train)
        fitted.append(_f1(outcomes[chosen], part))
        held.append(_f1(outcomes[current], part))
    best = _choose(outcomes, current, None)
    return FitResult(
        best=dict(best),
        current=dict(current),
        f1_best=_f1(outcomes[best], None),
        f1_current=_f1(outcomes[current], None),
        cv_fitted=np.array(fitted),
        cv_current=np.array(held),
        same=len(gold),
        different=n_different,
        settings=len(outcomes),
    )


def labelled(result, gold: pd.DataFrame) -> Labelled:
    """What one run predicts on the labelled pairs of ``gold`` (as ``narrative evaluate`` counts).

    Args:
        result: A :class:`narrative.pipeline.Result`.
        gold: Gold rows or a decisions file (:func:`narrative.evaluate.read_gold`).
    """
    from narrative.evaluate import evaluate_alignment, gold_pairs, locate

    passages = result.passages
    evaluation = evaluate_alignment(result.alignments, passages, result.cleaned, gold)
    order = list(dict.fromkeys(passages["doc_id"]))
    outlet_of = dict(zip(passages["doc_id"], passages["outlet"], strict=False))
    located, _ = locate(gold, result.cleaned, passages)
    expected = gold_pairs(located, outlet_of, order)
    right = expected - set(evaluation.false_negatives)
    return Labelled(frozenset(right | set(evaluation.false_positives)), frozenset(expected))


def settings_of(grid: Mapping[str, tuple[float, ...]]) -> list[Setting]:
    """Every combination of the grid's values, as settings."""
    names = list(grid)
    combos: list[Setting] = [()]
    for name in names:
        combos = [(*c, (name, float(v))) for c in combos for v in grid[name]]
    return combos


def fit(
    corpus: str | Path,
    gold_path: str | Path,
    values: Mapping[str, object] | None = None,
    *,
    grid: Mapping[str, tuple[float, ...]] | None = None,
    folds: int = FOLDS,
    progress: Callable[[int, int], None] | None = None,
) -> FitResult:
    """Refit :data:`GRID`'s parameters on a decisions or gold file, cross-validated.

    Args:
        corpus: The corpus the decisions are about.
        gold_path: A decisions file (``narrative report -p review=FILE``) or a gold file.
        values: The run's other parameters (``-p``); the current setting is read from them.
        grid: Values tried per parameter; :data:`GRID` when ``None``.
        folds: Folds of the cross-validation.
        progress: Called with (settings done, settings in all) after each run.

    Returns:
        The fit (see :class:`FitResult`).

    Raises:
        NotEnoughAnswers: When the file labels too few pairs.
    """
    from narrative import pipeline
    from narrative.evaluate import read_gold
    from narrative.params import make_config

    grid = dict(grid or GRID)
    gold = read_gold(gold_path)
    negatives = gold.attrs.get("negatives")
    different = None if negatives is None else negatives["fact_id"].nunique()
    if different is not None:
        _enough(gold["fact_id"].nunique(), different, MIN_PAIRS)
    config = make_config({**(values or {}), "review": ""})
    current: Setting = tuple((name, float(getattr(config, name))) for name in grid)
    todo = list(dict.fromkeys([current, *settings_of(grid)]))
    outcomes: dict[Setting, Labelled] = {}
    for n, setting in enumerate(todo, start=1):
        result = pipeline.run(corpus, config, **dict(setting))
        outcomes[setting] = labelled(result, gold)
        if progress is not None:
            progress(n, len(todo))
    return fit_predictions(outcomes, current, folds=folds, different=different)
