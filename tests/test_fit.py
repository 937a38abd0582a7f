"""Tests for refitting the same-fact parameters on decisions: known answers on toy pairs."""

from __future__ import annotations

import numpy as np
import pytest
from narrative import cli, config, fit
from narrative.fit import Labelled, NotEnoughAnswers

CURRENT = (("embedding_weight", 0.6), ("paraphrase_min", 0.42))
STRICTER = (("embedding_weight", 0.6), ("paraphrase_min", 0.5))
LOOSER = (("embedding_weight", 0.6), ("paraphrase_min", 0.3))


def _pairs(n: int, offset: int = 0) -> set[tuple[str, int, str, int]]:
    return {("a", i + offset, "b", i + offset) for i in range(n)}


def _outcomes() -> dict:
    """20 gold pairs; the current setting also aligns 10 wrong ones, the stricter one none,
    the looser one 20 wrong ones."""
    gold = frozenset(_pairs(20))
    return {
        CURRENT: Labelled(frozenset(gold | _pairs(10, 100)), gold),
        STRICTER: Labelled(gold, gold),
        LOOSER: Labelled(frozenset(gold | _pairs(20, 100)), gold),
    }


def test_fit_chooses_the_setting_that_aligns_the_decisions_best():
    found = fit.fit_predictions(_outcomes(), CURRENT, folds=5)
    assert found.best == dict(STRICTER)
    assert found.changes == {"paraphrase_min": 0.5}
    assert found.assignments() == ["paraphrase_min=0.5"]
    assert found.f1_best == pytest.approx(1.0)
    assert found.f1_current == pytest.approx(40 / 50)
    assert len(found.cv_fitted) == 5 and np.all(found.cv_fitted == 1.0)
    assert found.cv_current.mean() < 1.0
    assert (found.same, found.different, found.settings) == (20, 20, 3)
    text = "\n".join(found.summary())
    assert "-p paraphrase_min=0.5" in text and "5-fold cross-validated" in text


def test_a_tie_keeps_the_current_setting():
    gold = frozenset(_pairs(20))
    same = {s: Labelled(frozenset(gold | _pairs(5, 100)), gold) for s in (CURRENT, STRICTER)}
    found = fit.fit_predictions(same, CURRENT)
    assert found.best == dict(CURRENT) and found.assignments() == []
    assert "nothing to change" in found.summary()[-1]


def test_a_refit_the_cross_validation_does_not_favour_is_not_recommended():
    found = fit.fit_predictions(_outcomes(), CURRENT)
    found.cv_fitted = found.cv_current.copy()
    assert "no better than the current parameters: keep them" in found.summary()[-1]
    assert "-p paraphrase_min=0.5" in found.summary()[-1]


def test_too_few_answers_is_refused():
    gold = frozenset(_pairs(5))
    few = {CURRENT: Labelled(frozenset(gold | _pairs(3, 100)), gold)}
    with pytest.raises(NotEnoughAnswers, match="at least 20 labelled pairs"):
        fit.fit_predictions(few, CURRENT)
    only_same = {CURRENT: Labelled(frozenset(_pairs(30)), frozenset(_pairs(30)))}
    with pytest.raises(NotEnoughAnswers, match="both kinds"):
        fit.fit_predictions(only_same, CURRENT)


def test_settings_of_the_grid():
    grid = {"embedding_weight": (0.5, 0.6), "paraphrase_min": (0.4, 0.5, 0.6)}
    settings = fit.settings_of(grid)
    assert len(settings) == 6 and (("embedding_weight", 0.6), ("paraphrase_min", 0.4)) in settings


@pytest.mark.slow
def test_narrative_fit_on_the_default_corpus_prints_parameters(default_result, monkeypatch, capsys):
    # Two thresholds only, to keep the test short; the gold file stands for the decisions.
    monkeypatch.setattr(fit, "GRID", {"paraphrase_min": (0.42, 0.9)})
    gold = config.GOLD_DIR / "astana-2017.csv"
    status = cli.main(["fit", "--corpus", str(config.DEFAULT_CORPUS), "--gold", str(gold)])
    out = capsys.readouterr().out
    assert status == 0
    # A threshold of 0.9 aligns almost nothing: the current one fits better.
    assert "refitted" in out and "nothing to change" in out
    from narrative.evaluate import evaluate_alignment, read_gold

    strict = evaluate_alignment(
        default_result.alignments, default_result.passages, default_result.cleaned, read_gold(gold)
    ).strict
    assert f"current {strict.f1:.2f}" in out, "scored as narrative evaluate scores it"


def test_narrative_fit_refuses_a_short_decisions_file(tmp_path, capsys):
    path = tmp_path / "d.csv"
    path.write_text(
        "decision,doc_a,snippet_a,doc_b,snippet_b\nsame,tass,x,aljazeera,y\n"
        "different,tass,x,aljazeera,z\n",
        "utf-8",
    )
    status = cli.main(["fit", "--corpus", str(config.DEFAULT_CORPUS), "--gold", str(path)])
    assert status == 2
    error = capsys.readouterr().err
    assert "1 pairs of the same fact and 1 of different facts" in error
    assert "at least 20 labelled pairs" in error and error.count("\n") == 1
