"""The word analysis's shortcuts give exactly what the plain computation gives: each distinct unit
form walked once (not each unit), a known word refused by the gate before its features are made,
a reading's log prior kept per document, and the shape tests of ``protected`` kept per
form."""
from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import regex
from hypothesis import given
from hypothesis import strategies as st

from edition.detection.detectors import words
from edition.detection.document import Document
from edition.detection.evidence import candidates, lexicon, readings
from edition.detection.evidence.noise import ocr_noise
from edition.detection.evidence.vocabulary import CorpusVocabulary

DATA = Path(__file__).parent / "data"
PASSAGES = ("newspaper_passage.txt", "police_court_report.txt", "older_spellings.txt",
            "latin_quotation.txt")

TOKEN = st.one_of(st.sampled_from(["the", "tbe", "bis", "he", "co-operation", "Police-court", "a--b",
                                   "well-", "X", "1858", "Stalin", "capitatist", "thé", "ﬁrst"]),
                  st.text("abcé-T1'", min_size=1, max_size=7))


def _plain_unit_forms(doc: Document) -> list[str]:
    """The distinct unit texts in the order the units give them: what ``_confusion_forms`` walked."""
    return list(dict.fromkeys(u.text for u in words.units(doc)))


@given(st.lists(TOKEN, max_size=30), st.lists(st.sampled_from([" ", ". ", ", ", "\n", " - "]), max_size=30))
def test_the_unit_forms_are_the_distinct_texts_of_the_units_in_order(tokens, gaps) -> None:
    text = "".join(t + (gaps[i] if i < len(gaps) else " ") for i, t in enumerate(tokens))
    doc = Document(text)
    assert words._unit_forms(doc) == _plain_unit_forms(doc)


def test_the_unit_forms_of_real_texts() -> None:
    for name in PASSAGES:
        doc = Document((DATA / name).read_text(encoding="utf-8"))
        assert words._unit_forms(doc) == _plain_unit_forms(doc)


def _analyses(doc: Document, forms: list[str]) -> dict[str, tuple | None]:
    return {w: readings.analyse(w, doc) for w in forms}


def test_a_forms_analysis_does_not_depend_on_the_forms_weighed_before_it() -> None:
    """Every form of four passages analysed in text order and in reverse order, each in a fresh
    document: the same readings and features (the log priors kept per document are the same
    numbers whoever asked first), alone and as a document of a corpus."""
    texts = [(DATA / name).read_text(encoding="utf-8") for name in PASSAGES]
    counts = Counter(w.lower() for t in texts for w in regex.findall(r"\w+", t))
    for text in texts:
        for corpus in (None, CorpusVocabulary(dict(counts), sum(counts.values()))):
            forms = words._unit_forms(Document(text, corpus=corpus))
            ahead = _analyses(Document(text, corpus=corpus), forms)
            back = _analyses(Document(text, corpus=corpus), forms[::-1])
            assert ahead == back
            assert sum(1 for v in ahead.values() if v) > 10


def test_the_kept_log_priors_are_the_priors() -> None:
    doc = Document((DATA / "newspaper_passage.txt").read_text(encoding="utf-8"))
    for w in words._unit_forms(doc):
        readings.reading_of(doc, w)
    kept = doc.memo(readings._reading_log_priors)
    assert len(kept) > 100
    for reading, lp in kept.items():
        assert lp == math.log10(readings._prior(reading, doc))


def test_a_known_word_the_gate_refuses_has_no_reading_that_passes_it() -> None:
    """A known word (no frequent-word search: its budget is 0) none of whose admitted readings
    passes the gate of ``add_options`` has no reading: ``analyse`` returns before making features."""
    doc = Document((DATA / "police_court_report.txt").read_text(encoding="utf-8"))
    refused = 0
    for w in words._unit_forms(doc):
        if (lexicon.zipf(w) < readings.KNOWN_ZIPF or readings.protected(w, doc) or len(w.lower()) != len(w)
                or candidates.frequent_budget(len(w), ocr_noise(doc))):
            continue
        found = readings._admissible(w, readings._variants(w, doc, False, 1), lexicon.words_at_least(
            readings.MIN_READING_ZIPF), doc)
        best = max((math.log10(readings._prior(v.reading, doc)) + v.log_p for v in found), default=None)
        gate_refuses = best is None or best - readings._original_score(w, doc) < readings.KNOWN_GATE
        if gate_refuses and not any(c.isupper() for c in w):
            refused += 1
            assert readings.analyse(w, doc) is None
    assert refused > 30


@given(st.text(min_size=0, max_size=8))
def test_the_shape_tests_of_protected_are_those_written_out(word: str) -> None:
    f = readings._protected_form.__wrapped__
    assert readings._protected_form(word) == f(word)
    plain = ("single character" if len(word) < 2 else "number" if readings._NUMBERISH.match(word)
             else "no letter" if not readings._HAS_LETTER.search(word)
             else "roman numeral" if word.isupper() and readings._ROMAN.match(word) else None)
    assert f(word) == plain
