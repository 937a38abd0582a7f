"""The development-corpus builder (scripts/make_dev_corpora.py) on small made-up inputs."""

from __future__ import annotations

import pytest
from narrative.readers import load_any


@pytest.fixture(scope="module")
def builder(load_script):
    return load_script("make_dev_corpora")


def test_detokenise(builder):
    tokens = "He said : \" We do n't need nuclear tests , \" in Kim Jong - un 's words ( AP ) ."
    assert builder.detokenise(tokens.split()) == (
        "He said: \"We don't need nuclear tests,\" in Kim Jong-un's words (AP)."
    )


CONLL = """#begin document 0/-/0_L; part 000
0/-/0_L\t0\t0\tWASHINGTON\t-\t
0/-/0_L\t0\t1\t\u2014\t-\t
0/-/0_L\t0\t2\t\\n\t-\t

0/-/0_L\t1\t0\tMr.\t-\t
0/-/0_L\t1\t1\tPompeo\t-\t
0/-/0_L\t1\t2\tmet\t-\t
0/-/0_L\t1\t3\tKim\t-\t
0/-/0_L\t1\t4\t.\t-\t
0/-/0_L\t2\t0\tHe\t-\t
0/-/0_L\t2\t1\tsaid\t-\t
0/-/0_L\t2\t2\tso\t-\t
0/-/0_L\t2\t3\t.\t-\t
#end document
#begin document 0/-/0_RR; part 000
0/-/0_RR\t0\t0\tReport\t-\t
0/-/0_RR\t0\t1\t:\t-\t
0/-/0_RR\t0\t2\tPompeo\t-\t
0/-/0_RR\t0\t3\tmet\t-\t
0/-/0_RR\t0\t4\tKim\t-\t
0/-/0_RR\t0\t5\t\\n\t-\t
0/-/0_RR\t1\t0\tThe\t-\t
0/-/0_RR\t1\t1\tCIA\t-\t
0/-/0_RR\t1\t2\tdirector\t-\t
0/-/0_RR\t1\t3\tmet\t-\t
0/-/0_RR\t1\t4\tKim\t-\t
0/-/0_RR\t1\t5\t.\t-\t
#end document
"""


def test_newswcl50_articles_are_rebuilt_with_their_events(builder, tmp_path):
    conll = tmp_path / "newswcl50" / "cdcr_conll" / "NewsWCL50.conll"
    conll.parent.mkdir(parents=True)
    conll.write_text(CONLL, encoding="utf-8")
    name, articles = builder.load_newswcl50(tmp_path)
    assert name == "newswcl50"
    by_id = {a.doc_id: a for a in articles}
    assert by_id["0_L"].text == "WASHINGTON \u2014\n\nMr. Pompeo met Kim. He said so.\n"
    assert by_id["0_RR"].text == "Report: Pompeo met Kim\n\nThe CIA director met Kim.\n"
    assert (by_id["0_RR"].outlet, by_id["0_RR"].event) == ("Breitbart", "event-0")
    builder.write_corpus(tmp_path / "out", articles)
    corpus = load_any(tmp_path / "out")
    assert [d.event for d in corpus.documents] == ["event-0", "event-0"]


def test_newswcl50_without_its_file_is_a_one_line_error(builder, tmp_path):
    with pytest.raises(builder.DevCorpusError, match="NewsWCL50 CoNLL file not found"):
        builder.load_newswcl50(tmp_path)
