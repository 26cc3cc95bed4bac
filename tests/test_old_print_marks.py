"""Marks of old print and of damaged type that the detectors took for misreadings at the sure
tier (0.9), each a class measured on the development sets' tune parts (docs/BENCHMARKS.md,
"Confident and wrong on ICDAR 2019"): a mark glued where a word's last letter was (``th#``), a
footnote's asterisk after a word's punctuation (``fair.*``), one letter broken off at a
line-break hyphen (``o- thers``), and a comma set close to the next word (``buriall,as``). A
passage in the manner of a 17th-century travel book and a periodical, written for these tests
(``tests/data/old_print_marks.txt``), through the real ``edition detect --json``."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, strategies as st

from cli_helpers import detect_json
from edition.detection.detectors.unclear import COMMA_BETWEEN_CONFIDENCE, MARK_BETWEEN_CONFIDENCE
from edition.detection.detectors.words import PRINTED_AFTER_WORD, Unit, mark_for_last_letter

DATA = Path(__file__).resolve().parent / "data"


def _proposals(tmp_path) -> list[dict]:
    return detect_json(DATA / "old_print_marks.txt", tmp_path, "travels.txt")


def test_a_mark_where_the_last_letter_was_is_read_with_the_word(tmp_path):
    # "at th# side", "of th~ great flood": the reading "the" takes the mark with it; read alone,
    # "th" -> "the" left "the#" behind
    proposals = _proposals(tmp_path)
    for original in ("th#", "th~"):
        (p,) = [p for p in proposals if p["original"] == original]
        assert p["readings"] == ["the"]
        assert f"the '{original[-1]}' after it is the letter misread" in p["why"]
    assert not [p for p in proposals if p["original"] == "th"]


def test_a_comma_set_close_between_words_is_flagged_below_the_sure_tier(tmp_path):
    # a period between small letters stays at the sure tier; a comma is below it
    (p,) = [p for p in _proposals(tmp_path) if p["original"] == "buriall,as"]
    assert p["readings"] == []
    assert p["confidence"] == COMMA_BETWEEN_CONFIDENCE < 0.9 <= MARK_BETWEEN_CONFIDENCE


def test_a_footnotes_asterisk_after_a_words_punctuation_is_no_flag(tmp_path):
    originals = {p["original"] for p in _proposals(tmp_path)}
    assert not originals & {"RIVER.*", "fair.*"}


def test_a_word_after_a_one_letter_half_at_a_line_break_is_not_read_alone(tmp_path):
    # "o- thers" is "others" broken at the line's end: "thers" is no misread "there"
    assert not [p for p in _proposals(tmp_path) if p["original"] == "thers"]


def test_which_marks_stand_for_a_last_letter():
    def mark(text: str) -> str | None:
        start = text.index("th")
        return mark_for_last_letter(text, Unit(start, start + 2, "th", None, None, False), "the")

    assert [mark(t) for t in ("at th# side", "at th£ side", "at th~", "at th*. And")] == ["#", "£", "~", "*"]
    # punctuation of print, a mark inside a longer token, a reading that does not add at the end
    assert [mark(t) for t in ("at th, side", "at th. Side", "at th) side", "at th#e side")] == [None] * 4
    assert mark_for_last_letter("at th# side", Unit(3, 5, "th", None, None, False), "to") is None


@given(st.text(alphabet="abcdefghij#~£*.,;:!?() ", max_size=12))
def test_a_mark_taken_for_a_letter_is_never_punctuation_of_print(after):
    text = "at th" + after
    mark = mark_for_last_letter(text, Unit(3, 5, "th", None, None, False), "the")
    if mark is not None:
        assert mark == text[5] and mark not in PRINTED_AFTER_WORD and not mark.isalnum()
