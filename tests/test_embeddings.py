from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from narrative import embeddings
from narrative.embeddings import EmbeddingCache, ModelUnavailable, embed, resolve_model


def test_default_model_resolves_to_the_packaged_folder():
    key, location = resolve_model("all-MiniLM-L6-v2")
    assert key == "all-MiniLM-L6-v2"
    assert (Path(location) / "modules.json").is_file()


def test_unknown_model_says_how_to_use_a_local_one():
    with pytest.raises(ModelUnavailable, match="local folder"):
        resolve_model("no-such-org/no-such-model")
    with pytest.raises(ModelUnavailable, match="not found"):
        resolve_model("./models/missing")


def test_cached_vectors_are_reused_without_loading_the_model(tmp_path, monkeypatch):
    cache = EmbeddingCache(tmp_path / "e.sqlite")
    vector = np.array([0.6, 0.8], dtype=np.float32)
    cache.put("all-MiniLM-L6-v2", {embeddings.text_key("hello"): vector})

    def refuse(*args, **kwargs):
        raise AssertionError("the model was loaded although every vector was cached")

    monkeypatch.setattr(embeddings, "load_model", refuse)
    out = embed(["hello", "hello"], cache=cache)
    assert out.shape == (2, 2) and np.allclose(out[1], vector)


def test_real_model_gives_normalised_vectors(default_result):
    norms = np.linalg.norm(default_result.embeddings, axis=1)
    assert np.allclose(norms, 1.0, atol=1e-4)
    assert default_result.embeddings.shape == (len(default_result.passages), 384)


def test_loading_and_encoding_print_nothing_where_no_one_watches(tmp_path, capfd):
    """A notebook keeps standard error in its outputs, and the report would show it."""
    embeddings.load_model.__wrapped__("all-MiniLM-L6-v2")  # not the cached copy
    embed(
        [f"Sentence number {i} of a long batch." for i in range(120)],
        cache=EmbeddingCache(tmp_path / "e.sqlite"),
    )
    assert capfd.readouterr().err == ""


def test_corrupted_cache_is_rebuilt_with_a_warning(tmp_path):
    path = tmp_path / "e.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    cache = EmbeddingCache(path)
    cache.put("m", {"k": np.ones(2, dtype=np.float32)})
    assert cache.get("m", ["k"])["k"].tolist() == [1.0, 1.0]
    assert cache.warnings and "rebuilt" in cache.warnings[0]


def test_an_empty_cache_variable_means_the_default_folder(monkeypatch):
    from narrative import config

    monkeypatch.setenv("NARRATIVE_CACHE", "")
    assert config.cache_dir() == config.PROJECT_ROOT / ".cache"
