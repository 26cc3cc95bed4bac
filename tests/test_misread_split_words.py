"""Words that a false space broke and whose letters are misread too (``acc sed`` → ``accused``,
``witr ess`` → ``witness``): in a noisy text the split detector reads the two pieces joined
through the word model. Two words are never joined, nor a common word and a fragment, nor a
piece the reading would drop whole; a clean text's fragments are left alone. Through the real CLI
on a written newspaper passage (tests/data/newspaper_misread_splits.txt), and the detector on
texts built from its pieces."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cli_helpers import detect_json, run
from edition.detection.detectors import split
from edition.detection.document import Document
from edition.detection.evidence.lexicon import zipf
from edition.detection.evidence.spacing import is_word
from tests._detector_tables import check_invariants

DATA = Path(__file__).resolve().parent / "data"
PASSAGE = (DATA / "newspaper_misread_splits.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def proposals(tmp_path_factory) -> dict[str, dict]:
    found = detect_json(DATA / "newspaper_misread_splits.txt", tmp_path_factory.mktemp("misread_splits"), "report.txt")
    return {p["original"]: p for p in found}


@pytest.mark.parametrize("original,reading", [
    ("acc sed", "accused"),  # a rare word and a fragment
    ("witr ess", "witness"),  # two fragments
    ("hose pital", "hospital"),
    ("defen ant", "defendant"),
])
def test_a_misread_word_broken_by_a_space_is_read_whole(proposals, original, reading):
    p = proposals[original]
    assert p["readings"][0] == reading
    assert p["kind"] == "split"
    assert "read as one word" in p["why"] and "read apart," in p["why"]
    assert 0.5 <= p["confidence"] <= split.MISREAD_JOIN_CAP


@pytest.mark.parametrize("original", [
    "a part", "to day",  # two words
    "pieces af",  # a common word beside a fragment: "af" is read alone
    "ab eleven",  # a reading that drops a piece whole
    "M division",
])
def test_no_misread_join_where_no_word_was_broken(proposals, original):
    assert original not in proposals, proposals[original]


def test_the_pieces_are_not_read_alone(proposals):
    for piece in ("sed", "witr", "ess", "pital", "defen"):
        assert piece not in proposals, proposals[piece]


def test_the_cli_writes_the_join_into_the_corrections_file(tmp_path):
    shutil.copy(DATA / "newspaper_misread_splits.txt", tmp_path / "report.txt")
    run("detect", "report.txt", cwd=tmp_path, check=True)
    text = (tmp_path / "corrections" / "report.yaml").read_text(encoding="utf-8")
    assert "original: acc sed" in text and "accused" in text


def test_a_clean_text_is_left_alone():
    # the same broken words in clean print: fragments there are names and abbreviations
    clean = ("The acc sed said that he had been to the hose pital with a witr ess, and the "
             "defen ant agreed. ") + "The court heard the case and the jury gave its verdict. " * 20
    doc = Document(clean)
    assert not [p for p in split.detect(doc) if "read as one word" in p.why]


def test_a_reading_keeps_a_letter_of_each_piece():
    assert split._keeps_both("witr", "ess", "witness")
    assert not split._keeps_both("ab", "eleven", "eleven")
    assert not split._keeps_both("pieces", "af", "pieces")


# Pieces to build texts from: fragments that make a misread word, words (common and rare),
# debris; put after the passage, whose misreadings make the text noisy.
_PIECES = st.sampled_from(["acc", "sed", "witr", "ess", "hose", "pital", "defen", "ant", "a", "part",
                           "to", "day", "the", "pieces", "af", "ab", "eleven", "tbe", "xq", "M",
                           "division", "prisoner", "cus", "tody"])


@settings(max_examples=40, deadline=None)
@given(st.lists(_PIECES, min_size=2, max_size=10))
def test_a_misread_join_joins_two_pieces_and_never_two_words(pieces):
    text = PASSAGE + " " + " ".join(pieces) + "."
    check_invariants(split, text)
    doc = Document(text)
    counts = doc.lower_counts
    for p in split.detect(doc):
        if "read as one word" not in p.why:
            continue
        a, b = p.original.split(" ")
        assert text[p.start:p.end] == p.original and a.isalpha() and b.isalpha()
        assert not (is_word(a, counts) and is_word(b, counts)), p  # two words: never
        assert split.MISREAD_JOIN_MIN_LETTERS <= len(a + b) <= split.MISREAD_JOIN_MAX_LETTERS, p
        for piece, other in ((a, b), (b, a)):
            if is_word(piece, counts):  # a rare word in small letters, beside a fragment of 3+
                assert piece.islower() and zipf(piece) < split.JOINABLE_WORD_ZIPF and len(other) >= 3, p
        assert all(" " not in r and is_word(r, counts) for r in p.readings)
        assert p.confidence <= split.MISREAD_JOIN_CAP
