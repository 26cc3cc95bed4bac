"""The glyph detector's money rule: letters read for the figures of a sum (``Is. 6d.``)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _word_cases import DEV
from edition.detection.document import Document
from edition.detection.detectors import glyph

# Market prices as a periodical prints them, with the OCR's misreadings.
PRICES = ("Fowls, 2s. 6d. to 3s. each; rabbits, Is. 6d. to 2s. Gd. a couple. Eggs, eight for 1s. "
          "Butter Is 3d per lb. Tea, price Is. each packet.")


def found(text: str) -> list[tuple[str, str]]:
    return [(p.original, p.reading) for p in glyph.money_amounts(Document(text))]


def test_misread_sums_are_read_as_figures():
    assert found(PRICES) == [("Is", "1s"), ("Gd", "6d"), ("Is", "1s"), ("Is", "1s")]
    assert all(p.confidence == glyph.MONEY_CONFIDENCE for p in glyph.money_amounts(Document(PRICES)))


@pytest.mark.parametrize("sentence", [
    "The tax of 2s. 6d., which is called the Spry tax, falls on all.",  # a verb beside a sum
    "Boxes at 24s. 6d. Sold by Thomas Butler.",  # a word set like a word
    "Wheat, old, 17s. 6d. to 18s. per quarter.",
    "This day is published, price 5s.",
])
def test_words_beside_sums_are_left_alone(sentence):
    assert found(PRICES + " " + sentence)[4:] == []


def test_a_text_without_money_is_left_alone():
    # Two sums are no habit of writing money: "Is" and "lid" stay words.
    assert found("He paid 2s. 6d. for it. Is it worth that? The lid is 1s to mend, per the smith.") == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="Isl1dG6. ,abc", max_size=60))
def test_every_proposal_turns_letters_into_figures(noise):
    text = PRICES + " " + noise
    for p in glyph.money_amounts(Document(text)):
        assert text[p.start:p.end] == p.original
        assert p.reading[:-1].isdigit() and p.reading[-1] in "sd" and p.reading != p.original


@pytest.mark.skipif(not DEV.exists(), reason="needs the development set in ../shared")
def test_on_a_periodical_of_the_development_set_most_readings_are_the_gold():
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import _devset
    right = total = 0
    for pair in _devset.files("all", "periodical"):
        words = [w for w in _devset.word_pairs(pair) if w.scored]
        for p in glyph.money_amounts(Document(pair.ocr)):
            w = next((w for w in words if w.start <= p.start < w.end), None)
            if w is not None:
                total += 1
                right += w.gold.startswith(p.reading)
    assert total >= 40 and right / total >= 0.85


@pytest.mark.parametrize("text, expected", [
    ("Rejoice, 0 happy land!", [("0", "O")]),
    ("And I cried, 0 mighty sea, be still.", [("0", "O")]),
    ("Wind: 0 knots at noon.", []),  # after a colon: a count
    ("Lot 0 sold for nothing.", []),  # after a word: a figure
    ("The score was 1, 0 in the end.", []),  # after a number and a comma... still a figure
    ("Rejoice, 0 Nations, and sing.", []),  # before a capital: left (a list of figures looks alike)
])
def test_a_lone_zero_after_a_mark_is_the_interjection(text, expected):
    assert [(p.original, p.reading) for p in glyph.vocative_o(Document(text))] == expected
