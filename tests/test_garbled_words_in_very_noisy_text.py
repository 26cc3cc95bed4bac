"""Garbled words of a very noisy text read, not flagged: where one form in ten is an unknown
one-off (``noise.ocr_noise`` at least ``words.GARBLED_TEXT_NOISE``), a reading of the deep search
is proposed from ``words.NOISY_DEEP_MIN_CONFIDENCE`` (0.3) instead of 0.5, in the garbled flag's
place however sure the flag would be; in a text less damaged the usual floor holds. Through the real CLI on a police-court report written for this
test (tests/data/newspaper_garbled_report.txt)."""
from __future__ import annotations

from pathlib import Path

from cli_helpers import detect_json

from edition.detection.detectors import words
from edition.detection.evidence.confusions import Change
from edition.detection.evidence.readings import WordReading

DATA = Path(__file__).resolve().parent / "data"
REPORT = DATA / "newspaper_garbled_report.txt"

#: Half of the report's other damage repaired: the same report at about 8 % noise, not 12 %.
REPAIRED = {"chsrged": "charged", "magistrnte": "magistrate", "diwellifi": "dwelling", "lcft": "left",
            "retnrning": "returning", "valne": "value", "prisoncr": "prisoner", "fouud": "found",
            "eqplouatiou": "explanation", "weck": "week", "coustable": "constable", "grcat": "great",
            "strcet": "street", "soverll": "several", "sentcnced": "sentenced"}


def _detect(tmp_path: Path, text: str) -> dict[str, dict]:
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    return {p["original"]: p for p in detect_json(tmp_path / "report.txt", tmp_path)}


def test_a_garbled_word_of_a_very_noisy_report_is_read_below_the_usual_floor(tmp_path):
    found = _detect(tmp_path, REPORT.read_text(encoding="utf-8"))
    p = found["rerranded"]  # "Mr. Barker remanded him for a week": the deep search's reading
    assert p["readings"][:1] == ["remanded"], p
    assert "surely garbled" not in p["why"], p  # its flag would be 0.58
    assert words.NOISY_DEEP_MIN_CONFIDENCE <= p["confidence"] < words.DEEP_MIN_CONFIDENCE, p


def test_a_weak_reading_takes_the_place_of_a_sure_garbled_flag(tmp_path):
    """``caipeiitbr`` would be flagged at 0.96 and ``eqplouatiou`` at 0.95 (the ``garbled`` model):
    the deep search's readings are proposed instead, at their own low confidence."""
    found = _detect(tmp_path, REPORT.read_text(encoding="utf-8"))
    assert found["caipeiitbr"]["readings"][:1] == ["carpenter"], found["caipeiitbr"]
    for form in ("caipeiitbr", "eqplouatiou"):
        p = found[form]
        assert p["readings"] and p["kind"] != "unclear", p
        assert words.NOISY_DEEP_MIN_CONFIDENCE <= p["confidence"] < words.DEEP_MIN_CONFIDENCE, p
        assert "the word is surely garbled (its flag would be 0.9" in p["why"], p  # the flag's news kept


def test_in_a_less_damaged_report_the_usual_floor_holds(tmp_path):
    text = REPORT.read_text(encoding="utf-8")
    for damaged, word in REPAIRED.items():
        assert damaged in text
        text = text.replace(damaged, word)
    p = _detect(tmp_path, text).get("rerranded")
    assert p is None or not p["readings"], p


def _deep(noise: float) -> WordReading:
    return WordReading("rerranded", "remanded", (Change(2, "rr", "m", 0.01),), {"deep": 1.0, "noise": noise})


def test_the_floor_of_a_deep_reading_falls_only_in_a_text_of_one_garbled_form_in_ten():
    assert words._floor(_deep(-0.9)) == words.NOISY_DEEP_MIN_CONFIDENCE == 0.3
    assert words._floor(_deep(words.GARBLED_TEXT_NOISE)) == 0.3
    assert words._floor(_deep(-1.2)) == words.DEEP_MIN_CONFIDENCE == 0.5
