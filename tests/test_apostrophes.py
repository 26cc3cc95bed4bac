"""Apostrophes of the print, not of the OCR: the typographic apostrophe (’) is the straight one
for the lexicon (``can’t``), a possessive is not a plural with a speck in it (``plaintiff's``),
and the elided past tense of 17th- and 18th-century print (``offer’d``) is the author's spelling.
``tests/data/apostrophes.txt`` is a passage written for these tests: a county-court report and a
letter of 1702, with one misread possessive (``wonian's``) that must still be read."""
from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import detect_json
from edition.detection.evidence import lexicon
from edition.detection.evidence.historical import historical_pattern

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def proposed(tmp_path_factory) -> dict[str, list[str]]:
    """The passage's proposals through ``edition detect --json``: original → readings."""
    return {p["original"]: p["readings"]
            for p in detect_json(DATA / "apostrophes.txt", tmp_path_factory.mktemp("apostrophes"))}


def test_a_word_with_the_typographic_apostrophe_is_a_word(proposed) -> None:
    for form in ("can’t", "Soldier’s", "landlord’s"):
        assert form not in proposed, (form, proposed.get(form))


def test_a_possessive_is_not_read_as_a_plural(proposed) -> None:
    for form in ("plaintiff's", "constable's", "colleague's", "defendant's"):
        assert form not in proposed, (form, proposed.get(form))
    # a possessive whose word is misread is still read, its apostrophe kept
    assert proposed["wonian's"][0] == "woman's"


def test_the_elided_past_tense_is_not_modernized(proposed) -> None:
    for form in ("pass’d", "receiv’d", "perform’d", "desir’d", "offer’d", "confirm’d", "form’d",
                 "inform'd", "promis'd"):
        assert form not in proposed, (form, proposed.get(form))


def test_the_lexicon_and_the_older_spellings_read_either_apostrophe_alike() -> None:
    for straight in ("can't", "soldier's", "don't", "o'clock"):
        curly = straight.replace("'", "’")
        assert lexicon.zipf(curly) == lexicon.zipf(straight) > 0
        assert lexicon.frequency(curly) == lexicon.frequency(straight)
    assert historical_pattern("offer’d", {"offered"}) == historical_pattern("offer'd", {"offered"}) == "'d for -ed"
