"""The glyph detector's rules that read no word: letters read for the figures of a sum
(``Is. 6d.``), the interjection O read as a zero, the lone pronoun I read as 1, l or |."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _word_cases import DEV
from edition.detection.document import Document
from edition.detection.detectors import glyph
from edition.detection.detectors.glyph import lone_i, pair_form

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


def _found(rule, text: str) -> list[tuple[str, str | None]]:
    return [(p.original, p.reading) for p in rule(Document(text))]


# Sums of money: a reading must be a sum, and pence after a small "is" are English.

MARKET = "Boots 5s. 6d. per pair; slippers 2s. 6d.; laces 1d. each. "


@pytest.mark.parametrize("text", [
    MARKET + "Sermons on the Love of God. Price 6d.",  # was God -> 60d at 0.9
    MARKET + "Rings of solid gold. 2s. 6d. each; all very good. Price 3d.",  # gold -> 901d, good -> 900d
    MARKET + "Fish: cod, 3d. per lb.; Cod 2d. each.",  # cod -> 60d
    MARKET + "Old 2s. each. Sold 3d. each.",  # Sold -> 501d
    MARKET + "The admission is 6d. to the gallery.",  # is -> 1s
])
def test_common_words_beside_a_price_are_no_misread_sums(text):
    assert _found(glyph.money_amounts, text) == []


def test_misread_sums_are_still_read():
    text = MARKET + "Tea Is 6d. per lb.; coffee Is. 8d. per lb.; sugar Gd. per lb.; salt lid. each."
    assert _found(glyph.money_amounts, text) == [("Is", "1s"), ("Is", "1s"), ("Gd", "6d"), ("lid", "11d")]


# The interjection O: a zero between figures stays a zero.

def test_a_zero_in_a_range_or_a_score_is_no_interjection():
    assert _found(glyph.vocative_o, "Manchester and Leeds, 0 to 8 prem.; Bolton, 0 for 3 wickets.") == []


def test_a_zero_before_a_misread_pronoun_is_still_o():
    # The development set's 1886 novel: "reply, O sir I never burns no papers".
    assert _found(glyph.vocative_o, "instant reply, 0 sir 1 never burns no papers") == [("0", "O")]
    assert _found(glyph.vocative_o, "Hark, 0 for a muse of fire!") == [("0", "O")]


@pytest.mark.parametrize("text", ["Wind: 0 knots today.", "Page: 0 items found."])
def test_a_zero_after_a_colon_is_a_count(text):
    assert list(glyph.vocative_o(Document(text))) == []


# The lone pronoun I: a cut or joined next word must still be a word.

def test_o_clock_is_no_pronoun():
    assert pair_form("o'clock") is None
    assert list(lone_i(Document("It was 1 o'clock when we left."))) == []


def test_version_number_above_a_hyphenated_key_is_no_pronoun():
    # Node's changelogs: "v1.8.1" at a line end, "pr-url:" on the next line
    text = "changes:\n  - version: v1.8.1\n    pr-url: https://github.com/nodejs/node/pull/1\n"
    assert pair_form("pr-url") is None
    assert list(lone_i(Document(text))) == []


def test_contractions_and_glued_words_are_still_read():
    assert [pair_form(w) for w in ("don't", "sup-pose", "had-truly")] == ["do", "suppose", "had"]
    first_person = "I was there, and I knew it. "  # a lone 1 is read in a text that says I
    assert [p.original for p in lone_i(Document(first_person + "and so 1 don't know"))] == ["1"]
    assert [p.original for p in lone_i(Document(first_person + "the battle of life 1 had-truly enough"))] == ["1"]
