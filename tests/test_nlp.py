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


def test_parses_are_kept_in_memory_and_on_disk(tmp_path):
    from narrative import nlp as nlp_module
    from narrative.embeddings import EmbeddingCache, text_key

    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    texts = ["Reuters said 12 people died in Daraa.", "The talks ended on Friday."]
    first = nlp_module.parse(texts + texts[:1], cache=cache)
    assert first[0] is first[2]  # one parse per distinct text
    assert nlp_module.parse(texts[:1], cache=cache)[0] is first[0]  # from memory
    nlp_module._PARSED.clear()
    again = nlp_module.parse(texts, cache=cache)  # from disk, not the same objects
    assert again[0] is not first[0]
    for old, new in zip(first, again, strict=False):
        assert [(t.text, t.dep_, t.head.i, t.pos_, t.lemma_) for t in old] == [
            (t.text, t.dep_, t.head.i, t.pos_, t.lemma_) for t in new
        ]
        assert [(e.text, e.label_) for e in old.ents] == [(e.text, e.label_) for e in new.ents]
    # A damaged entry is parsed again and replaced.
    key = nlp_module.pipeline_key(nlp_module.load_nlp())
    cache.put_bytes(key, {text_key(texts[1]): b"not a doc"})
    nlp_module._PARSED.clear()
    assert nlp_module.parse(texts[1:], cache=cache)[0].text == texts[1]
    assert len(cache.get_bytes(key, [text_key(texts[1])])[text_key(texts[1])]) > 100


def test_a_call_keeps_its_own_parses_in_memory(tmp_path, monkeypatch):
    """Oldest unused parses go first, never those of the latest call, however many."""
    from narrative import nlp as nlp_module
    from narrative.embeddings import EmbeddingCache

    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    monkeypatch.setattr(nlp_module, "_PARSED_SIZE", 2)
    nlp_module._PARSED.clear()
    old, used = nlp_module.parse(["Talks ended.", "Talks resumed."], cache=cache)
    assert nlp_module.parse(["Talks resumed."], cache=cache)[0] is used  # now the most recent
    big = ["Rebels left.", "Troops came.", "Aid arrived."]
    docs = nlp_module.parse(big, cache=cache)
    assert len(nlp_module._PARSED) == 3  # more than the bound: the whole call stays
    assert nlp_module.parse(big, cache=cache) == docs  # all from memory, same objects
    nlp_module.parse(["Talks resumed."], cache=cache)  # from disk; the oldest go
    key = nlp_module.pipeline_key(nlp_module.load_nlp())
    assert list(nlp_module._PARSED) == [(key, "Aid arrived."), (key, "Talks resumed.")]
    assert nlp_module.parse(["Talks ended."], cache=cache)[0] is not old
