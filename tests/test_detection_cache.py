"""The speed-ups of candidate generation change no output and leak nothing between documents.

:mod:`edition.detection.evidence.confusions` prunes the candidate search with a search index of each word
set (:class:`~edition.detection.evidence.confusions.SearchIndex`): the lexicon's, kept on disk as bits, and
a document's, built in memory and kept for the last few sets used. Here: the pruned search finds
exactly what the full search finds (the full search is what a mutable set gets: it has no index),
the filters never miss a member, and two documents run in one process give the proposals each
gives alone.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edition.detection.document import Document
from edition.detection.runner import detect
from edition.detection.evidence import confusions, lexicon
from edition.detection.evidence.readings import MIN_READING_ZIPF

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "hoxha-memoirs-stalin-introduction.txt"

BIG = lexicon.words_at_least(MIN_READING_ZIPF)
BIG_PLAIN = set(BIG)  # the same words without an index: the unpruned search
BIG.build_search_index()  # (a process builds it only after many searches)

# Letters, the symbols OCR puts into words, a few accented letters and capitals.
FORMS = st.text(alphabet="abcdeilmnorstuhfgUIlO01|!5éèôABC'", min_size=1, max_size=14)


def _indexed(words: frozenset[str]) -> frozenset[str]:
    """``words`` after enough searches that its index is built."""
    for _ in range(int(len(words) * confusions._INDEX_AFTER) + 2):
        if confusions.search_index(words) is not None:
            break
    assert confusions.search_index(words) is not None
    return words


def _same_search(word: str, small: frozenset[str]) -> None:
    for generic in (True, False):
        for max_changes in (1, 2):
            fast = confusions.variants(word, BIG, small, generic=generic, max_changes=max_changes)
            full = confusions.variants(word, BIG_PLAIN, set(small), generic=generic, max_changes=max_changes)
            assert fast == full, (word, generic, max_changes)


@settings(max_examples=300, deadline=None)
@given(FORMS, st.sets(FORMS, max_size=30), st.booleans())
def test_pruned_search_finds_what_the_full_search_finds(word: str, small: set[str], with_word: bool) -> None:
    """Also when the form is itself a word of the document's set (its own places are then taken
    off the counts)."""
    words = {w.lower() for w in small} | ({word.lower()} if with_word else set())
    _same_search(word, _indexed(frozenset(words)))


def test_pruned_search_on_the_forms_of_the_seed() -> None:
    """With the seed's own words, and with all its forms (each form then a word of the set)."""
    doc = Document(SEED.read_text(encoding="utf-8"))
    every = _indexed(frozenset(doc.vocabulary))
    for word in sorted(doc.counts)[1::7]:
        _same_search(word, every)
    small = _indexed(doc.text_words)
    forms = sorted(doc.counts)
    assert len(forms) > 2000
    for word in forms[::3]:
        _same_search(word, small)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=12), max_size=50))
def test_filters_never_miss_a_member(strings: list[str]) -> None:
    for bits in (confusions.HashCounts(strings), lexicon.MaskBits.of(strings)):
        assert all(s in bits for s in strings)
    counts = confusions.HashCounts(strings)
    assert all(counts.count(s) >= min(strings.count(s), 255) for s in strings)


def test_lexicon_index_holds_the_lexicon() -> None:
    """The index read from the evidence cache belongs to the lexicon loaded now (a sample)."""
    index = BIG.search_index()
    words = sorted(BIG)[::97]
    assert words
    for w in words:
        assert w in index.prefixes and w[:2] in index.prefixes and w in index.suffixes and w[-3:] in index.suffixes
        assert all(w[:i] + confusions.HOLE + w[i + 1:] in index.masks for i in range(len(w)))


def _proposals(text: str) -> list[dict]:
    return [json.loads(json.dumps(p.__dict__, default=str)) for p in detect(text)]


def _devset_text() -> str | None:
    from edition.evaluation.icdar import icdar_files, load_icdar

    folder = ROOT.parent / "shared" / "data" / "icdar2017-eng" / "eng_monograph"
    files = icdar_files(folder) if folder.is_dir() else []
    return "\n\n".join(load_icdar(p).ocr for p in files[:20]) if files else None


def test_two_documents_in_one_process_give_what_each_gives_alone() -> None:
    """Document B after document A (whose word set and index the process keeps) gives what B
    gives in a fresh process; A again gives what it gave first."""
    a = SEED.read_text(encoding="utf-8")
    b = _devset_text()
    if b is None:
        pytest.skip("development set not present")
    first_a = _proposals(a)
    after_a = _proposals(b)
    assert _proposals(a) == first_a
    code = ("import json, sys; from edition.detection.runner import detect; text = sys.stdin.read(); "
            "print(json.dumps([p.__dict__ for p in detect(text)], default=str))")
    r = subprocess.run([sys.executable, "-c", code], input=b, capture_output=True, text=True, cwd=ROOT,
                       check=True)
    alone = json.loads(r.stdout)
    assert after_a == alone
    assert after_a  # the text has proposals: the comparison means something
