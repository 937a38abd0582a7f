from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from narrative import config
from narrative.cleaning import clean_document
from narrative.corpus import CorpusError
from narrative.readers import load_any, load_basil, load_csv_articles, load_jsonl
from narrative.readers.dates import normalise_date, valid_date
from narrative.readers.rows import join_paragraphs

BASIL = config.PROJECT_ROOT.parent / "shared" / "external" / "basil"


def test_join_paragraphs_of_sentences():
    assert join_paragraphs([["One.", " Two. "], "Three.", [], ""]) == "One. Two.\n\nThree."
    assert join_paragraphs("As given.\n\nKept.") == "As given.\n\nKept."


@pytest.mark.parametrize(
    ("value", "date_format", "expected"),
    [
        ("2021-05-04", None, "2021-05-04"),
        ("2021-05", None, "2021-05"),
        ("2021-05-04T09:30:00Z", None, "2021-05-04"),
        ("", None, ""),
        ("04/12/2022", None, None),
        ("04/12/2022", "%m/%d/%Y", "2022-04-12"),
        ("31/12/2022", "%m/%d/%Y", None),
        ("2021-02-30", None, None),
    ],
)
def test_normalise_date(value, date_format, expected):
    assert normalise_date(value, date_format=date_format) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2017", True), ("2017-07", True), ("2017-07-04", True), ("2017-02-30", False),
     ("2017-13", False), ("2017-7-4", False), ("2017-07-04T10:00", False), ("", False)],
)  # fmt: skip
def test_manifest_dates_are_checked_as_written(value, expected):
    assert valid_date(value) is expected


def test_jsonl_rows_become_documents(fixtures: Path):
    corpus = load_jsonl(fixtures / "jsonl-corpus" / "articles.jsonl")
    docs = {d.doc_id: d for d in corpus.documents}
    assert list(docs) == ["alpha-1", "beta-1", "gamma-2"]
    alpha, beta, gamma = docs.values()
    # Aliases: id, source, headline, body, date, event_id.
    assert (beta.outlet, beta.label, beta.published, beta.event) == (
        "Beta Times",
        "Beta Times",
        "2021-05-04",
        "kiro-dam",
    )
    assert beta.text == (
        "Kiro dam starts producing power\n\n"
        "The Kiro dam began producing power on Tuesday. Officials said it would serve "
        "200,000 homes.\n\nCritics said the reservoir displaced three villages."
    )
    # A text that already starts with its title is not given it twice.
    assert alpha.text.count("Dam opens after ten years of work") == 1
    assert alpha.path.name == "articles.jsonl" and alpha.url == "https://alpha.example/kiro"
    assert (gamma.label, gamma.published, gamma.event) == ("Gamma Daily", "", "")
    warnings = "\n".join(corpus.warnings)
    assert "row 3: no article text" in warnings
    assert "line 4: not a JSON object" in warnings
    assert "line 6: not JSON" in warnings
    assert "gamma-2: published date 'May 5, 2021'" in warnings


def test_jsonl_document_goes_through_cleaning(fixtures: Path):
    beta = load_jsonl(fixtures / "jsonl-corpus" / "articles.jsonl").documents[1]
    clean = clean_document(beta)
    assert clean.headline == "Kiro dam starts producing power"
    assert clean.paragraphs[-1] == "Critics said the reservoir displaced three villages."


def test_csv_rows_with_renamed_columns(fixtures: Path):
    corpus = load_csv_articles(
        fixtures / "csv-corpus" / "articles.csv",
        columns={"doc_id": "uid", "text": "story"},
        date_format="%m/%d/%Y",
    )
    assert [d.doc_id for d in corpus.documents] == ["c1", "c2", "c3"]
    c1, _, c3 = corpus.documents
    assert c1.published == "2022-04-12" and c1.outlet == "North Post"
    assert c1.text.startswith("Ferry service resumes\n\nThe island ferry")
    assert "strike.\n\nCrews accepted" in c1.text
    assert (c3.outlet, c3.published) == ("unknown", "2022-04-13")
    assert corpus.warnings == [
        "articles.csv row 5: no article text; row skipped",
        "articles.csv: 1 row(s) name no outlet; set to 'unknown'",
    ]


def test_renamed_columns_reach_the_pipeline_as_parameters(fixtures: Path):
    from narrative import pipeline

    result = pipeline.run_with_parameters(
        {
            "corpus": str(fixtures / "csv-corpus" / "articles.csv"),
            "columns": "doc_id=uid,text=story",
            "date_format": "%m/%d/%Y",
        }
    )
    assert result.documents["doc_id"].tolist() == ["c1", "c2", "c3"]
    assert result.documents.loc[0, "published"] == "2022-04-12"
    assert len(result.passages) > 3


def test_csv_without_text_column_is_refused(tmp_path: Path, fixtures: Path):
    path = tmp_path / "list.csv"
    path.write_text("doc_id,file\na,a.txt\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no text column"):
        load_csv_articles(path)
    with pytest.raises(CorpusError, match="unknown field"):
        load_csv_articles(fixtures / "csv-corpus" / "articles.csv", columns={"body_text": "story"})


def test_basil_fixture(fixtures: Path):
    corpus = load_basil(fixtures / "basil-mini")
    assert [d.doc_id for d in corpus.documents] == [
        "aaaa1111-fox",
        "aaaa1111-hpo",
        "aaaa1111-nyt",
        "bbbb2222-fox",
        "bbbb2222-hpo",
        "bbbb2222-nyt",
    ]
    assert corpus.outlets == ["Fox News", "HuffPost", "New York Times"]
    fox = corpus.documents[0]
    assert fox.event == "aaaa1111-0000-4000-8000-000000000001"
    assert fox.published == "2018-11-04"
    assert fox.text == (
        "Storm brings down Port Alba bridge; mayor blames repair delays\n\n"
        "A storm brought down the harbor bridge in Port Alba late Friday.\n\n"
        "Mayor Elena Ruiz blamed years of delayed repairs. The bridge had been closed to "
        "trucks since March."
    )
    assert corpus.warnings == []


def test_load_any_dispatches(fixtures: Path):
    assert load_any(fixtures / "basil-mini").documents[0].doc_id == "aaaa1111-fox"
    assert load_any(fixtures / "jsonl-corpus" / "articles.jsonl").documents[0].doc_id == "alpha-1"
    assert load_any(fixtures / "plain-corpus").outlets == ["alpha", "beta"]
    manifest = load_any(config.DEFAULT_CORPUS / "manifest.csv")
    assert [d.doc_id for d in manifest.documents][:2] == ["fmt-afp", "jordantimes-afp"]
    rows = load_any(fixtures / "csv-corpus" / "articles.csv", columns={"text": "story"})
    assert len(rows.documents) == 3
    with pytest.raises(CorpusError, match="not a corpus"):
        load_any(fixtures / "basil-mini" / "README.md")
    with pytest.raises(CorpusError, match="not found"):
        load_any(fixtures / "no-such-thing.jsonl")


def test_loaded_rows_run_through_the_pipeline(fixtures: Path):
    from narrative import pipeline

    result = pipeline.run(load_basil(fixtures / "basil-mini"))
    assert set(result.passages["outlet"]) == {"Fox News", "HuffPost", "New York Times"}
    assert result.documents.loc[0, "headline"].startswith("Storm brings down")
    assert len(result.alignments) > 0


def test_basil_corpus_when_present():
    if not BASIL.is_dir():
        pytest.skip("../shared/external/basil is not beside this checkout")
    corpus = load_any(BASIL)
    assert len(corpus.documents) == 300
    assert Counter(d.label for d in corpus.documents) == {
        "Fox News": 100,
        "HuffPost": 100,
        "New York Times": 100,
    }
    events = Counter(d.event for d in corpus.documents)
    assert len(events) == 100 and set(events.values()) == {3}
    assert corpus.warnings == []
