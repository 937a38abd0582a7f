from __future__ import annotations

from pathlib import Path

import pandas as pd
from narrative.findings import headline_findings


def _write(data: Path, name: str, rows: list[dict]) -> None:
    data.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(rows).to_csv(data / f"{name}.csv", index=False)


def test_no_exports_no_findings(tmp_path: Path):
    assert headline_findings(tmp_path) == []


def test_findings_are_read_from_the_exports(tmp_path: Path):
    data = tmp_path / "data"
    _write(data, "passages", [{"doc_id": "a", "passage_id": i} for i in range(3)])
    _write(
        data,
        "alignments",
        [{"relation": "reuse"}, {"relation": "paraphrase"}, {"relation": "paraphrase"}],
    )
    _write(data, "units", [{"unit_id": "U001"}, {"unit_id": "U001"}, {"unit_id": "U002"}])
    _write(
        data,
        "quotes",
        [
            {
                "outlet": "A",
                "speaker_type": "anonymous",
                "voice": "diplomat",
                "speaker": "a diplomat",
            },
            {"outlet": "A", "speaker_type": "anonymous", "voice": "source", "speaker": "a source"},
            {"outlet": "A", "speaker_type": "named person", "voice": "Jane Roe", "speaker": "Roe"},
            {"outlet": "B", "speaker_type": "named person", "voice": "Jane Roe", "speaker": "Roe"},
        ],
    )
    _write(
        data,
        "number_disagreements",
        [
            {"outlet_a": "A", "surface_a": "Fifth", "outlet_b": "B", "surface_b": "Fourth",
             "what": "round", "kind": "ordinal"},
            {"outlet_a": "A", "surface_a": "320,000", "outlet_b": "B",
             "surface_b": "half a million", "what": "deaths", "kind": "count"},
        ],
    )  # fmt: skip
    texts = [f.text for f in headline_findings(tmp_path)]
    assert texts[0] == (
        "3 passages; 3 aligned pairs (1 reuse, 2 paraphrase, 0 related); 2 story units."
    )
    assert "The most quoted named voice is Jane Roe (2 attributions in 2 outlets)." in texts
    assert "A attributes 67% of its 3 attributions to anonymous sources." in texts
    assert (
        texts[-1] == 'Figures differ: A "320,000" against B "half a million" (deaths) (and 1 more).'
    )


def test_the_index_counts_claims_on_reviewed_evidence(tmp_path: Path):
    from narrative.findings import review_findings

    data = tmp_path / "data"
    passages = [
        {"doc_id": "a", "passage_id": 0, "reviewed": "reviewed"},
        {"doc_id": "b", "passage_id": 0, "reviewed": "reviewed"},
        {"doc_id": "b", "passage_id": 1, "reviewed": ""},
        {"doc_id": "a", "passage_id": 1, "reviewed": "not a fact"},
    ]
    _write(data, "passages", [{**p, "reviewed": ""} for p in passages])
    _write(data, "alignments", [{"relation": "paraphrase", "reviewed": ""}])
    assert review_findings(data)[0].text.startswith("No claim rests on reviewed evidence")
    _write(data, "passages", passages)
    _write(data, "alignments", [{"relation": "paraphrase", "reviewed": "confirmed"}])
    _write(
        data,
        "facts",
        [
            {"fact_id": "U001", "doc_id": "a", "passage_id": 0},
            {"fact_id": "U001", "doc_id": "b", "passage_id": 0},
            {"fact_id": "S-b-1", "doc_id": "b", "passage_id": 1},
        ],
    )
    _write(data, "number_disagreements", [{"reviewed": "confirmed"}, {"reviewed": ""}])
    assert review_findings(data)[0].text == (
        "Reviewed: 3 passages decided on (1 not a fact), 1 aligned pairs confirmed; "
        "1 of 2 facts and 1 of 2 figure disagreements rest on reviewed evidence, "
        "the rest on the machine alone."
    )
