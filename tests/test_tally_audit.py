"""Tests for scripts/tally_audit.py."""

from __future__ import annotations


def test_verdicts_are_counted_by_claim_type_and_status(tmp_path, load_script):
    tally_audit = load_script("tally_audit")
    folder = tmp_path / "round9"
    (folder / "set-a").mkdir(parents=True)
    (folder / "set-b").mkdir()
    (folder / "set-a" / "word-swaps.csv").write_text(
        "claim,status,verdict,reason\nx,asserted,right,\ny,asserted,wrong,\nz,candidate,right,\n"
    )
    (folder / "set-b" / "word-swaps.csv").write_text(
        "claim,status,verdict,reason\nx,Asserted,unclear,\n"
    )
    found = tally_audit.tally(folder)
    total = found["word-swaps"]["set-a"] + found["word-swaps"]["set-b"]
    assert tally_audit.line(total, "asserted") == "3 / 1 / 1 / 1"
    assert tally_audit.line(total, "candidate") == "1 / 1 / 0 / 0"
