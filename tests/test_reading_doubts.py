"""Readings held below the sure tier (0.9) because a class of them was measured right less than
95 % of the time on the development sets' tune parts: a first letter whose case is in doubt, and
a short form of letters and a 0 or 1. A police-court report written for these tests
(``tests/data/college_fraud_report.txt``): the text writes "college" and "hotel" in small
letters and "Ways and Means" with capitals; the OCR misread "means", "Hotel", "It",
"College" and "each" (after a speck: "to. oach"); the data of the rules are in
``edition/detection/detectors/words.py``."""
from __future__ import annotations

from pathlib import Path

from cli_helpers import detect_json
from edition.detection.detectors.words import CASE_DOUBT_CAP, SHORT_DIGIT_FORM_CAP, short_digit_form

DATA = Path(__file__).resolve().parent / "data"


def _found(proposals: list[dict], original: str) -> dict:
    (found,) = [p for p in proposals if p["original"] == original]
    return found


def _proposals(tmp_path) -> list[dict]:
    return detect_json(DATA / "college_fraud_report.txt", tmp_path, "report.txt")


def test_a_capital_only_the_texts_usual_form_gives_is_in_doubt(tmp_path):
    # "by ueans of": the OCR's letters are small; "Means" is the text's form of "Ways and Means"
    p = _found(_proposals(tmp_path), "ueans")
    assert p["readings"][0] == "Means"
    assert p["confidence"] <= CASE_DOUBT_CAP < 0.9
    assert "its capital is the text's usual form" in p["why"]


def test_a_capital_read_for_another_capital_stays_a_capital_and_is_in_doubt(tmp_path):
    # "the Oollege": O read for C; the text writes "college" in small letters, but the printed
    # letter was a capital, as the confusion says: the reading keeps it, below the sure tier
    proposals = _proposals(tmp_path)
    p = _found(proposals, "Oollege")
    assert p["readings"][0] == "College"
    assert p["confidence"] <= CASE_DOUBT_CAP
    assert "a capital read for the capital C" in p["why"]
    p = _found(proposals, "Botel")
    assert p["readings"][0] == "Hotel" and p["confidence"] <= CASE_DOUBT_CAP


def test_a_short_form_of_letters_and_a_figure_one_is_below_the_sure_tier(tmp_path):
    p = _found(_proposals(tmp_path), "1t")
    assert p["readings"][0] == "It"
    assert p["confidence"] <= SHORT_DIGIT_FORM_CAP < 0.9
    assert "a short form of letters and figures" in p["why"]


def test_which_forms_are_short_forms_of_letters_and_a_zero_or_one():
    assert [w for w in ("1t", "s0", "t0o", "M1r", "0f", "8t", "hi3", "10", "1", "wa1ks", "1,")
            if short_digit_form(w)] == ["1t", "s0", "t0o", "M1r", "0f"]


def test_a_period_after_a_word_that_never_ends_a_sentence_gives_no_capital(tmp_path):
    # "given money to. oach of the students": the period is a speck, "each" keeps its small letter
    p = _found(_proposals(tmp_path), "oach")
    assert p["readings"][0] == "each"


def test_two_common_words_glued_are_not_read_as_a_third_word():
    # BLN600's "prisonerwas" was read "prisoners" and "founddead" "founded" at 0.96: the merge
    # detector divides them instead; a form with no such division is read as before
    from edition.detection.detectors.words import glued_pair, reads_two_words_as_one
    assert reads_two_words_as_one("prisonerwas", "prisoners")
    assert reads_two_words_as_one("founddead", "founded")
    assert not reads_two_words_as_one("tliat", "that")  # no two words in it
    assert not reads_two_words_as_one("prisonerwas", "prisoner was")  # the division itself
    assert not reads_two_words_as_one("waterloo", "Waterloo")  # nothing dropped
    assert glued_pair("founddead") == ("found", "dead")
