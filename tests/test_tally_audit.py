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


def test_the_surer_kind_of_the_naming_exports_counts_with_the_asserted(tmp_path, load_script):
    # since session 17 naming_contrasts.csv and substitutions.csv write `surer`, not
    # `asserted`: a round that copies it must still land in the same column
    tally_audit = load_script("tally_audit")
    folder = tmp_path / "round15"
    (folder / "set-a").mkdir(parents=True)
    (folder / "set-a" / "naming-contrasts.csv").write_text(
        "claim,status,verdict\nx,surer,right\ny,asserted,wrong\nz,candidate,right\n"
    )
    counts = tally_audit.tally(folder)["naming-contrasts"]["set-a"]
    assert tally_audit.line(counts, "asserted") == "2 / 1 / 1 / 0"
