from __future__ import annotations

from narrative.clauses import clauses


def test_relative_clause_carries_its_own_fact():
    text = (
        "Moscow and Tehran agreed in May to establish four zones after six years of fighting "
        "that has claimed more than 320,000 lives."
    )
    (chunks,) = clauses([text])
    assert chunks[0] == text
    assert "that has claimed more than 320,000 lives" in chunks


def test_short_sentences_stay_whole_and_other_languages_split_at_punctuation():
    assert clauses(["The talks ended."]) == [["The talks ended."]]
    russian = (
        "Четвертый раунд переговоров завершился в Астане, "
        "стороны подписали меморандум о зонах деэскалации."
    )
    assert clauses([russian], ["ru"]) == [
        [
            "Четвертый раунд переговоров завершился в Астане,",
            "стороны подписали меморандум о зонах деэскалации.",
        ]
    ]
