"""Words run together whose letters are misread as well (``bythopolice`` → ``by the police``):
divided by the division detector in a noisy text. Through the real CLI on a written police-court
report (tests/data/newspaper_run_together_misread.txt), the search on single tokens, and a
hypothesis property: a division covers the token, and changes no letter outside the confusion
it names."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cli_helpers import detect_json
from edition.detection.detectors import division
from edition.detection.evidence import division as search
from tests._detector_tables import check_invariants, readings

DATA = Path(__file__).resolve().parent / "data"
PASSAGE = DATA / "newspaper_run_together_misread.txt"


@pytest.fixture(scope="module")
def proposals(tmp_path_factory) -> dict[str, dict]:
    found = detect_json(PASSAGE, tmp_path_factory.mktemp("division"), "court.txt")
    return {p["original"]: p for p in found}


@pytest.mark.parametrize("original,reading,change", [
    ("withltherobbery", "with the robbery", "hl→h"),
    ("bythopolice", "by the police", "o→e"),
    ("ofjewellery", "of jewellery", None),
    ("wasremanded", "was remanded", None),
])
def test_run_together_words_with_misread_letters_are_divided(proposals, original, reading, change):
    p = proposals[original]
    assert p["readings"][0] == reading
    assert p["kind"] == "merge"
    assert "words run together" in p["why"]
    if change:
        assert change in p["why"]


def test_the_passage_s_invariants():
    check_invariants(division, PASSAGE.read_text(encoding="utf-8"))


def test_a_capital_after_a_small_letter_is_a_junction():
    best = search.divisions("fromiSir", "letter", "John")[0]
    assert [p.word for p in best.pieces] == ["from", "Sir"]
    assert best.changes == 1


@pytest.mark.parametrize("token,prev,nxt,reading,change", [
    ("notobtaiu", "could", "the", "not obtain", "u→n"),
    ("aakedherif", "he", "she", "asked her if", "a→s"),
])
def test_a_content_word_misread_beside_a_function_word_is_read(token, prev, nxt, reading, change):
    best = search.divisions(token, prev, nxt)[0]
    assert " ".join(p.word for p in best.pieces) == reading
    assert [str(c) for p in best.pieces for c in p.changes] == [change]
    assert not next(p for p in best.pieces if p.changes).function


def test_a_division_names_a_misread_content_word_in_its_why():
    found = search.divisions("notobtaiu", "could", "the")
    why = division._why("notobtaiu", found[0], None)
    assert "'obtaiu' read 'obtain' (u→n)" in why


def test_a_clean_text_is_not_divided():
    # below the noise threshold: a clean text's run-together forms are the merge detector's
    text = ("The prisoner was charged with the robbery of a watch, and the constable found a "
            "quantity ofjewellery at his lodgings. ") * 5
    assert readings(division, text) == []


WORDS = ("the", "of", "by", "with", "was", "from", "police", "robbery", "prisoner", "remanded",
         "jewellery", "street", "watch", "Sir", "court")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=2, max_size=4),
       st.integers(min_value=0, max_value=40), st.sampled_from(LETTERS))
def test_a_division_covers_the_token_and_changes_only_its_confusion(words, at, letter):
    token = "".join(words)
    at %= len(token)
    token = token[:at] + letter + token[at + 1:]  # one letter misread (or read right)
    for d in search.divisions(token, None, None):
        pieces = d.pieces
        assert pieces[0].start == 0 and pieces[-1].end == len(token)
        assert all(a.end == b.start for a, b in zip(pieces, pieces[1:]))
        assert d.changes == sum(len(p.changes) for p in pieces) <= search.MAX_CHANGES
        for p in pieces:
            piece = token[p.start:p.end].lower()
            if not p.changes:  # a piece read right is the token's own letters
                assert p.word.lower() == piece
                continue
            # a misread piece (a function word or a content word) is its word but for the one
            # confusion it names
            ocr, gold = str(p.changes[0]).split("→")
            assert len(p.changes) == 1
            assert any(piece[k:k + len(ocr)] == ocr and piece[:k] + gold + piece[k + len(ocr):] == p.word.lower()
                       for k in range(len(piece) - len(ocr) + 1))
        assert " ".join(p.word for p in pieces).count(" ") == len(pieces) - 1


def test_the_search_does_not_depend_on_the_hash_seed():
    """The function words' misread forms, and so each division and its runner-up, are the same
    in every process (a form two words give equally likely keeps the same one: ``sit`` is a
    misread ``at`` or ``it``)."""
    code = ("import json; from edition.detection.evidence import division as d\n"
            "print(json.dumps([sorted(d.function_forms().items()), "
            "[[p.word for p in x.pieces] for x in d.divisions('sittingwith', 'was', 'him')]]))\n")
    runs = []
    for seed in ("1", "2", "3"):
        out = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed},
                             capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout))
    assert runs[0] == runs[1] == runs[2] and runs[0][1]
