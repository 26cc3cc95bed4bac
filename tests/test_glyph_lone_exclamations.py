"""The glyph detector's rule for exclamation marks read as figures or letters (``sight 1``)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _word_cases import DEV
from edition.detection.document import Document
from edition.detection.runner import detect
from edition.detection.detectors import glyph

# Prose of a typeface whose "!" the OCR reads as 1, t or l, with figures, contractions and broken
# words that must stay.
BOOK = ("What a sight 1 The storm came over the hills. Alas t It roared all night 1 Lo, the "
        "shore l Then land 1 See chapter 1 and chapter 2, page 1 of the log. I don t know, "
        "she said, a smal l boat. And 1 went home. Hurrah 1 ")


def found(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(p.original, p.reading, p.readings) for p in glyph.lone_exclamations(Document(text))]


def test_misread_exclamations_are_read_back_and_the_space_closed():
    got = found(BOOK)
    assert [o for o, _, _ in got] == [" 1", " t", " 1", " l", " 1", " 1"]
    assert all(rs == ("!", "?") for _, _, rs in got)
    fixed = BOOK
    for p in sorted(glyph.lone_exclamations(Document(BOOK)), key=lambda p: -p.start):
        fixed = fixed[:p.start] + p.reading + fixed[p.end:]
    assert "What a sight! The storm" in fixed and "Alas! It" in fixed and "Hurrah!" in fixed
    for kept in ("chapter 1 and", "page 1 of", "don t know", "smal l boat", "And 1 went"):
        assert kept in fixed


def test_the_space_is_kept_where_the_text_spaces_its_own_marks():
    text = BOOK + "Oh ! Ah ! Come here ! Go ! "
    got = found(text)
    assert got and all(o in ("1", "t", "l") for o, _, _ in got)


def test_a_few_lone_figures_are_no_habit_of_the_typeface():
    # The same six, in a text twenty times as long: 0.3 per 1,000 words, below the minimum.
    filler = "The ship sailed on through the quiet waters of the bay. " * 180
    assert found(BOOK + filler) == []
    assert found("What a sight 1 The end.") == []


def test_the_pronoun_and_numbers_stay():
    text = BOOK + "Then 1 think of it. Room 12 and room 1 are shut. Psalm 1 Blessed is the man."
    originals = {(p.start, p.original) for p in glyph.lone_exclamations(Document(text))}
    for needle in (" 1 think", " 1 are", " 1 Blessed"):
        assert (text.index(needle), " 1") not in originals


def test_through_detect_the_reading_wins_over_other_detectors():
    props = [p for p in detect(BOOK) if p.original in (" 1", " t", " l")]
    assert len(props) == 6 and {p.kind.value for p in props} == {"glyph"}
    assert all(p.confidence == glyph.LONE_MARK_CONFIDENCE for p in props)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["sight 1", "sea t", "shore l", "the", "Then", "1", "chapter 1",
                                 "don t", "and", ".", "!", "\n", "Alas 1", "boat"]),
                min_size=1, max_size=80))
def test_every_proposal_replaces_one_lone_glyph_by_a_mark(words):
    text = " ".join(words)
    for p in glyph.lone_exclamations(Document(text)):
        assert text[p.start:p.end] == p.original
        assert p.original.strip() in ("1", "t", "l") and p.original in ("1", "t", "l", " 1", " t", " l")
        assert p.readings == ("!", "?")
        assert text[p.start - 1].isalpha() or text[p.start - 1] == " "  # right after its word


@pytest.mark.skipif(not DEV.exists(), reason="needs the development set in ../shared")
def test_on_the_development_set_only_the_book_with_the_habit_gets_readings():
    def ocr(kind: str, n: int) -> str:
        return (DEV / f"eng_{kind}" / f"{n}.txt").read_text(encoding="utf-8").split("\n")[0][len("[OCR_toInput] "):]

    assert len(list(glyph.lone_exclamations(Document(ocr("monograph", 81))))) > 300
    for n in (1, 3, 4, 6):  # broken words (smal 1, an l), not marks
        assert list(glyph.lone_exclamations(Document(ocr("periodical", n)))) == []


@pytest.mark.parametrize("text, index", [
    ("Well, sir, 1 don't rightly know his name.", 11),  # a contraction after the pronoun
    ("My good man, 1 can't, I'm not a clergyman.", 13),
    ("Of course 1 shan't tell you clearly, but it was so.", 10),
    ("When at Haverfordwest in 1858 1 saw over the mantel a print.", 30),  # after a year
    ("Then we left the town in haste, as 1 sup-pose you know.", 35),  # a broken word after it
])
def test_a_lone_one_before_a_contraction_or_after_a_year_is_the_pronoun(text, index):
    assert text[index] == "1"
    props = [p for p in glyph.lone_i(Document(text)) if p.start == index]
    assert [p.reading for p in props] == ["I"]


def test_after_a_misread_exclamation_the_next_lone_one_is_the_pronoun():
    text = BOOK + "He was sent to a French prison 1 1 have heard my father tell this."
    marks = {p.start for p in glyph.lone_exclamations(Document(text))}
    first = text.index("prison 1") + len("prison ")
    assert first - 1 in marks  # " 1" → "!"
    assert [p.start for p in glyph.lone_i(Document(text)) if p.start > first] == [first + 2]


@pytest.mark.parametrize("text", [
    "See page 12 1 think not.",  # a two-figure number before it stays a number
    "Items 1 2 and 3 were sold.",
    "He wrote 1's and 2's on the slate.",
])
def test_numbers_stay_numbers(text):
    assert list(glyph.lone_i(Document(text))) == []
