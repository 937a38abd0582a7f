from __future__ import annotations

import pytest
from narrative.nlp import NlpUnavailable, load_nlp, parse


def test_pipeline_loads_once_per_process():
    assert load_nlp() is load_nlp()
    assert {"parser", "ner", "lemmatizer"} <= set(load_nlp().pipe_names)


def test_parse_gives_lemmas_dependencies_and_entities():
    first, second = parse(["Alexander Lavrentiev told reporters in Astana.", "Talks failed."])
    assert [t.lemma_ for t in first][:4] == ["Alexander", "Lavrentiev", "tell", "reporter"]
    assert first[2].dep_ == "ROOT" and first[1].dep_ == "nsubj"
    assert ("Alexander Lavrentiev", "PERSON") in [(e.text, e.label_) for e in first.ents]
    assert second.text == "Talks failed."


def test_missing_pipeline_says_what_to_install():
    with pytest.raises(NlpUnavailable, match="pip install no_such_pipeline"):
        load_nlp("no_such_pipeline")
