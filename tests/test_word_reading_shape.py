"""The shape of a word reading: its case where the OCR's first letters were dropped or the text
writes the word only at the start of sentences, and readings that would drop a glued word
(a noisy police-court report written for these tests, ``tests/data/police_court_report.txt``:
noisy enough that the deep search reads its unknown forms)."""
from __future__ import annotations

from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from cli_helpers import detect_json
from edition.detection.evidence import readings
from edition.detection.evidence.confusions import Change
from edition.detection.evidence.readings import regular_case

DATA = Path(__file__).resolve().parent / "data"


def _proposals(tmp_path) -> list[dict]:
    return detect_json(DATA / "police_court_report.txt", tmp_path, "report.txt")


def _readings(proposals: list[dict], original: str) -> list[tuple[str, ...]]:
    return [tuple(p["readings"]) for p in proposals if p["original"] == original]


def test_a_word_the_text_capitalizes_only_at_the_start_of_its_sentences_is_read_in_small_letters(tmp_path):
    # "Witness" opens two sentences and is never written in small letters: no name for that
    proposals = _proposals(tmp_path)
    assert [r[0] for r in _readings(proposals, "vitness")] == ["witness"]


def test_a_name_the_text_capitalizes_inside_its_sentences_keeps_its_capital(tmp_path):
    proposals = _proposals(tmp_path)
    assert [r[0] for r in _readings(proposals, "rnartin")] == ["Martin"]


def test_letters_dropped_before_a_word_after_a_speck_leave_it_in_small_letters(tmp_path):
    # "death . vwas": the reading's first letter is the OCR's own small w, the period a speck
    proposals = _proposals(tmp_path)
    assert [r[0] for r in _readings(proposals, "vwas")] == ["was"]


def test_a_common_word_glued_to_another_is_divided_not_dropped(tmp_path):
    proposals = _proposals(tmp_path)
    for glued, divided in (("unableto", "unable to"), ("ofarticles", "of articles")):
        found = _readings(proposals, glued)
        assert found and all(r[0] == divided for r in found), (glued, found)


def test_a_misread_name_is_read_as_a_known_name_below_the_sure_tier(tmp_path):
    # "Heury" in mid-sentence: capitalized, no word itself, a known name one letter away
    proposals = _proposals(tmp_path)
    found = [p for p in proposals if p["original"] == "Heury"]
    assert [p["readings"][0] for p in found] == ["Henry"]
    assert found[0]["confidence"] <= 0.85 and "a name misread?" in found[0]["why"]


def test_a_misread_name_rarer_than_common_words_is_read_as_that_name(tmp_path):
    # "Beigravia": the name it misreads, Belgravia, is rarer in English (Zipf 2.3) than the
    # common words (Zipf 3), as most of the places and people a newspaper names are
    proposals = _proposals(tmp_path)
    found = [p for p in proposals if p["original"] == "Beigravia"]
    assert [p["readings"][0] for p in found] == ["Belgravia"]
    assert found[0]["confidence"] <= 0.85 and "a name misread?" in found[0]["why"]


def test_a_capital_the_ocr_read_for_another_letter_inside_a_sentence_is_no_capital(tmp_path):
    # "and Lis master": L read for h; the text writes "his", and never "His" inside a sentence
    proposals = _proposals(tmp_path)
    assert [r[0] for r in _readings(proposals, "Lis")] == ["his"]
    # and its evidence names the reading as proposed
    assert all("'his'" in p["why"] and "'His'" not in p["why"] for p in proposals if p["original"] == "Lis")


def test_a_reading_in_a_mixture_of_capitals_and_small_letters_takes_the_case_of_a_word(tmp_path):
    # "TnE" in a heading of capitals is read "THE", not "ThE"; "cooMmitted" in running text is
    # read "committed", not "coMmitted" (readings.regular_case)
    proposals = _proposals(tmp_path)
    assert [r[0] for r in _readings(proposals, "TnE")] == ["THE"]
    assert [r[0] for r in _readings(proposals, "cooMmitted")] == ["committed"]


@given(st.text(alphabet="abcdeABCDE'", min_size=1, max_size=12))
def test_the_case_of_a_word_keeps_the_letters_and_is_stable(reading: str) -> None:
    cased = regular_case(reading)
    assert cased.lower() == reading.lower()
    assert regular_case(cased) == cased
    letters = [c for c in cased if c.isalpha()]
    inner = [c for c in letters[1:] if c.isupper()]
    # capitals, small letters, Capitalized, or a name with a capital after Mc or an apostrophe
    assert (not inner or all(c.isupper() for c in letters)
            or cased.startswith(("Mc", "Mac")) or "'" in cased), cased


def test_a_first_letter_read_from_several_characters_keeps_the_printed_capital(tmp_path):
    # "N'" read for "n" in a name the text does not write elsewhere: the capital N is the
    # printed letter (readings._cased), so the reading is "Newton", not "newton"
    proposals = _proposals(tmp_path)
    assert [r[0] for r in _readings(proposals, "N'ewt5n")] == ["Newton"]


_LETTERS = "abeiltIEL'’ǅϒİß1."


@given(st.text(_LETTERS, min_size=1, max_size=6), st.text(_LETTERS, min_size=1, max_size=6),
       st.lists(st.tuples(st.integers(0, 5), st.text(_LETTERS, max_size=2), st.text(_LETTERS, max_size=2)),
                max_size=2))
@example("ab", "aϒϒ", [])  # ϒ is a capital with no small letter: "aϒϒ".lower() is itself
@example("ab", "aǅb", [(1, "b", "ǅ")])  # a titlecase letter, made small by the rules
def test_a_reading_without_capitals_is_cased_as_its_rules_case_it(original, reading, changes):
    """The quick answer for a form and a reading without capitals (the most common) is the one
    the rules give, for any form, reading and changes (titlecase and capital letters that have
    no small letter among them: ``ǅ``, ``ϒ``)."""
    changes = tuple(Change(at, ocr, gold, 0.01) for at, ocr, gold in changes)
    assert readings._cased.__wrapped__(original, reading, changes) == readings._cased_by_changes(original, reading, changes)
