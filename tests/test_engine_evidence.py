"""The OCR engine's confidences as evidence: proposals weighed by them, doubted words flagged."""
from __future__ import annotations

from pathlib import Path

from edition.detection.runner import detect
from edition.detection.evidence import engine
from edition.formats import read_ocr
from edition.model import Kind, Proposal

FIXTURE = Path(__file__).parent / "data" / "ocr" / "bln-3200797034" / "alto"


def _proposal_on(doc, word, confidence=0.8):
    return Proposal(word.start, word.end, word.text, (word.text + "s",), Kind.NONWORD, confidence,
                    "a test proposal")


def test_a_doubted_word_raises_a_proposal_and_a_trusted_one_lowers_it():
    doc = read_ocr(FIXTURE)
    sure = max(doc.words, key=lambda w: w.confidence)
    unsure = min(doc.words, key=lambda w: w.confidence)
    [on_sure, on_unsure] = engine.weigh([_proposal_on(doc, sure), _proposal_on(doc, unsure)], doc)
    assert on_unsure.confidence > on_sure.confidence
    assert f"{unsure.confidence:.0%} sure" in on_unsure.why


def test_the_engines_doubted_words_no_detector_touched_are_flagged_once():
    doc = read_ocr(FIXTURE)
    m = engine.model()
    proposals = engine.with_engine_evidence(detect(doc.text), doc)
    flags = [p for p in proposals if p.detector == "engine"]
    assert flags, "the fixture has words Tesseract doubted"
    for f in flags:
        assert f.kind == Kind.UNCLEAR and not f.readings
        assert doc.word_at(f.start).confidence < m.flag_below
        assert f.original == doc.text[f.start:f.end]
    spans = [(p.start, p.end) for p in proposals]
    assert len(spans) == len(set(spans))
    for a, b in zip(proposals, proposals[1:]):
        assert a.end <= b.start or a.detector != "engine" and b.detector != "engine"
