"""Reading a damaged newspaper passage through the real CLI: a held-out check of the word model
and its calibration on test data no development set holds (tests/data/newspaper_passage.*)."""
from __future__ import annotations

from pathlib import Path

from cli_helpers import detect_json

DATA = Path(__file__).resolve().parent / "data"


def _table() -> dict[str, str]:
    rows = [line.split("\t") for line in (DATA / "newspaper_passage.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    return dict(rows[1:])


def _proposals(tmp_path: Path) -> list[dict]:
    return detect_json(DATA / "newspaper_passage.txt", tmp_path, "passage.txt")


def test_the_damaged_words_of_a_newspaper_passage_are_read(tmp_path):
    table = _table()
    found = {p["original"]: p for p in _proposals(tmp_path)}
    right = [d for d, word in table.items() if d in found and found[d]["readings"][:1] == [word]]
    # 32 damaged words, one to four letters each: most are read, the deep search's too
    assert len(right) >= 26, sorted(set(table) - set(right))
    assert found["Satmrdav"]["readings"][0] == "Saturday"
    assert found["caipentbr"]["readings"][0] == "carpenter"


def test_confident_proposals_are_right_and_leave_the_clean_words_alone(tmp_path):
    table = _table()
    proposals = _proposals(tmp_path)
    sure = [p for p in proposals if p["confidence"] >= 0.9]
    assert len(sure) >= 12
    for p in sure:
        assert p["original"] in table, p  # nothing at >= 0.9 on a word that was not damaged
        if p["readings"]:
            assert p["readings"][0] == table[p["original"]], p
    # a reading offered for an undamaged word is at most a weak guess for the editor
    assert all(p["confidence"] < 0.5 for p in proposals if p["original"] not in table and p["readings"])
