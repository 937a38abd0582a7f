from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from narrative import config
from narrative.corpus import CorpusError
from narrative.readers import load_corpus


def test_default_corpus_reads_manifest():
    corpus = load_corpus(config.DEFAULT_CORPUS)
    assert [d.doc_id for d in corpus.documents] == [
        "fmt-afp",
        "jordantimes-afp",
        "aljazeera",
        "tass",
        "reuters-blog",
    ]
    tass = corpus.documents[3]
    assert (tass.outlet, tass.origin, tass.published) == ("TASS", "TASS", "2017-05-05")
    assert corpus.warnings == []
    assert len(corpus.outlets) == 5


def test_default_corpus_is_the_shared_one_unchanged():
    shared = config.PROJECT_ROOT.parent / "shared" / "corpus" / "astana-2017"
    if not shared.is_dir():
        pytest.skip("../shared is not beside this checkout")
    for path in shared.glob("*.txt"):
        ours = config.DEFAULT_CORPUS / path.name
        assert ours.read_bytes() == path.read_bytes(), path.name


def test_folder_without_manifest_infers_outlets(fixtures: Path):
    corpus = load_corpus(fixtures / "plain-corpus")
    assert [d.outlet for d in corpus.documents] == ["alpha", "beta"]
    assert any("no manifest.csv" in w for w in corpus.warnings)


def test_html_goes_through_the_extractor(fixtures: Path):
    corpus = load_corpus(fixtures / "html-corpus")
    text = corpus.documents[0].text
    assert "ceasefire in the northern province" in text
    assert "tracking" not in text and "color: red" not in text
    assert "Subscribe" not in text
    assert corpus.documents[0].title == "Ceasefire agreed in northern province"


def test_manifest_problems_become_warnings(tmp_path: Path, fixtures: Path):
    for path in (fixtures / "plain-corpus").iterdir():
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "manifest.csv").write_text(
        "doc_id,file,outlet,published\n"
        "a,alpha-2020-01-01-truce.txt,Alpha,2020-01-01\n"
        "a,beta-2020-01-02-truce.txt,Beta,2020-01-02\n"
        "c,missing.txt,Gamma,2020-01-03\n"
        "d,beta-2020-01-02-truce.txt,Beta,yesterday\n",
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    assert [d.doc_id for d in corpus.documents] == ["a", "d"]
    assert corpus.documents[1].published == ""
    joined = "\n".join(corpus.warnings)
    assert "repeated" in joined and "not found" in joined and "not YYYY" in joined


def test_manifest_without_required_column_is_an_error(tmp_path: Path):
    (tmp_path / "manifest.csv").write_text("file,outlet\nx.txt,X\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="missing column"):
        load_corpus(tmp_path)


def test_missing_or_empty_folder_is_an_error(tmp_path: Path):
    with pytest.raises(CorpusError, match="not found"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(CorpusError, match="no readable article"):
        load_corpus(tmp_path)


def test_reading_never_modifies_inputs():
    before = {
        p: hashlib.sha256(p.read_bytes()).hexdigest() for p in config.DEFAULT_CORPUS.iterdir()
    }
    load_corpus(config.DEFAULT_CORPUS)
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in config.DEFAULT_CORPUS.iterdir()}
    assert before == after
