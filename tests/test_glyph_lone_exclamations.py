"""The glyph detector's rule for exclamation marks read as figures or letters (``sight 1``)."""
from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from _generated_texts import FRAGMENT_TEXTS, FRAGMENTS, fragment_text
from _word_cases import DEV
from edition.detection.document import Document
from edition.detection.runner import detect
from edition.detection.detectors import glyph
from edition.detection.detectors.glyph import lone_exclamations

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


# A lone 1 is read as I only where the text itself speaks in the first person (glyph.MIN_PRONOUN_USES).
FIRST_PERSON = "I was there, and I knew it. "


@pytest.mark.parametrize("text, index", [
    ("Well, sir, 1 don't rightly know his name.", 11),  # a contraction after the pronoun
    ("My good man, 1 can't, I'm not a clergyman.", 13),
    ("Of course 1 shan't tell you clearly, but it was so.", 10),
    ("When at Haverfordwest in 1858 1 saw over the mantel a print.", 30),  # after a year
    ("Then we left the town in haste, as 1 sup-pose you know.", 35),  # a broken word after it
])
def test_a_lone_one_before_a_contraction_or_after_a_year_is_the_pronoun(text, index):
    assert text[index] == "1"
    text, index = FIRST_PERSON + text, index + len(FIRST_PERSON)
    props = [p for p in glyph.lone_i(Document(text)) if p.start == index]
    assert [p.reading for p in props] == ["I"]


def test_a_text_that_never_says_i_reads_no_lone_one_as_the_pronoun():
    # a police-court report in the third person: a lone 1 or l is a column's debris
    text = "The prisoner said 1 think he was there, and the magistrate l said he would remand him."
    assert list(glyph.lone_i(Document(text))) == []
    assert glyph.pronoun_uses(Document(text)) == 0
    # the same passage in a text that speaks in the first person is read
    first_person = Document(FIRST_PERSON + text)
    assert glyph.pronoun_uses(first_person) == 2
    assert [p.original for p in glyph.lone_i(first_person)] == ["1", "l"]
    assert "this text writes 'I' 2x" in next(iter(glyph.lone_i(first_person))).why


def test_after_a_misread_exclamation_the_next_lone_one_is_the_pronoun():
    text = FIRST_PERSON + BOOK + "He was sent to a French prison 1 1 have heard my father tell this."
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


# A text that writes numbers writes its 1s as numbers.

NUMBERS = ("The score was 2 to 1 at half time and 3 to 1 at the end. He had 1 apple and 2 pears. "
           "Exhibit 1 shows the house and Exhibit 2 the garden; see note 1 below and note 4. "
           "She paid 1 pound for 3 eggs. Game 1 was lost, game 2 was won. Only 1 of them came. ")


def test_numbers_written_as_figures_are_not_exclamations():
    # each sentence has a lone 1 after a word (enough of them for the text-level gate), but the
    # text also writes 2, 3 and 4 after words: its 1s are figures
    assert list(lone_exclamations(Document(NUMBERS * 3))) == []


def test_the_habit_of_lone_ones_is_still_read():
    text = ("Alas 1 The storm came. Oh, the waves 1 It roared 1 Lo, the shore 1 "
            "Then land 1 Hurrah 1 The ship was safe in chapter 2. ") * 2
    found = list(lone_exclamations(Document(text)))
    assert len(found) == 12 and {p.reading for p in found} == {"!"}


def test_letters_for_exclamations_are_read_beside_numbers():
    # the figure gate concerns 1 alone: a lone t or l is no number
    text = ("Alas t The storm came. Oh, the waves t It roared t Lo, the shore l "
            "Then land t Hurrah l We had 2 boats and 3 oars and 4 men. ") * 2
    found = list(lone_exclamations(Document(text)))
    assert len(found) == 12 and {p.original.strip() for p in found} == {"t", "l"}


def test_the_generated_texts_hold_lone_exclamations():
    # the properties below say something only if the rule fires on the generated texts
    text = fragment_text(FRAGMENTS * 3)
    assert list(lone_exclamations(Document(text)))


@settings(max_examples=300, deadline=None)
@given(FRAGMENT_TEXTS)
def test_lone_exclamations_change_only_the_glyph(text):
    doc = Document(text)
    for p in lone_exclamations(doc):
        assert text[p.start:p.end] == p.original
        assert p.original.strip() in {"1", "t", "l"} and p.original in {p.original.strip(), " " + p.original.strip()}
        assert set(p.readings) == {"!", "?"}


@settings(max_examples=300, deadline=None)
@given(FRAGMENT_TEXTS)
def test_lone_exclamations_are_silent_without_a_lone_glyph(text):
    plain = regex.sub(r"(?<![\p{L}\p{N}])[1tl](?![\p{L}\p{N}])", "x", text)
    assert list(lone_exclamations(Document(plain))) == []
