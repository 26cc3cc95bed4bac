"""A misreading the OCR repeats: a form with a digit among its letters is no word however often it
recurs, so its recurrence does not speak for it (tests/data/recurring_misreading.txt, a passage
written for this test: ``Wilhelm`` three times, ``Wi1helm`` twice)."""
from __future__ import annotations

from pathlib import Path

from cli_helpers import detect_json

DATA = Path(__file__).resolve().parent / "data"


def test_a_repeated_digit_misreading_of_a_word_the_text_uses_is_read_with_confidence(tmp_path):
    proposals = detect_json(DATA / "recurring_misreading.txt", tmp_path, "letters.txt")
    misread = [p for p in proposals if p["original"] == "Wi1helm"]
    assert len(misread) == 2
    for p in misread:
        assert p["readings"][0] == "Wilhelm"
        assert p["confidence"] >= 0.9, p  # was 0.84 while the form's second occurrence spoke for it
    # nothing else in the clean passage is proposed with confidence
    assert all(p["confidence"] < 0.9 for p in proposals if p["original"] != "Wi1helm"), proposals
