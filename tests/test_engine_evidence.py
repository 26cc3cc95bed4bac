"""The OCR engine's confidences as evidence: readings recalibrated, flags weighed by the engine's
doubt, doubted words flagged; in `edition detect` on an OCR file."""
from __future__ import annotations

import shutil
from pathlib import Path

from cli_helpers import run
from edition.detection.evidence import engine
from edition.detection.runner import detect
from edition.formats import read_ocr
from edition.model import Kind, Proposal

FIXTURE = Path(__file__).parent / "data" / "ocr" / "bln-3200797034" / "alto"


def _on(word, confidence, readings=("x",)):
    kind = Kind.NONWORD if readings else Kind.UNCLEAR
    return Proposal(word.start, word.end, word.text, tuple(readings), kind, confidence,
                    "a test proposal")


def test_a_readings_confidence_follows_the_detectors_and_names_the_engines():
    doc = read_ocr(FIXTURE)
    sure = max(doc.words, key=lambda w: w.confidence)
    unsure = min(doc.words, key=lambda w: w.confidence)
    low, high, other = engine.weigh([_on(sure, 0.8), _on(unsure, 0.99), _on(unsure, 0.8)], doc)
    assert high.confidence > low.confidence
    # the engine's doubt does not make a reading more likely right: only the detector's does
    assert low.confidence == other.confidence
    assert f"the OCR engine was {unsure.confidence:.0%} sure of the word" in other.why


def test_a_flag_on_a_word_the_engine_doubted_is_surer_than_on_one_it_trusted():
    doc = read_ocr(FIXTURE)
    sure = max(doc.words, key=lambda w: w.confidence)
    unsure = min(doc.words, key=lambda w: w.confidence)
    on_sure, on_unsure = engine.weigh([_on(sure, 0.8, ()), _on(unsure, 0.8, ())], doc)
    assert on_unsure.confidence > on_sure.confidence


def test_the_engines_doubted_words_no_detector_touched_are_flagged_once():
    doc = read_ocr(FIXTURE)
    m = engine.model()
    proposals = detect(doc.text, ocr=doc)
    flags = [p for p in proposals if p.detector == "engine"]
    assert flags, "the fixture has words Tesseract doubted"
    for f in flags:
        assert f.kind == Kind.UNCLEAR and not f.readings
        assert doc.word_at(f.start).confidence < m.flag_below
        assert f.original == doc.text[f.start:f.end]
        # the doubt model's confidence: the share of such words that were wrong, above a half
        assert f.confidence >= 0.5
    spans = [(p.start, p.end) for p in proposals]
    assert len(spans) == len(set(spans))
    for a, b in zip(proposals, proposals[1:]):
        assert a.end <= b.start or a.detector != "engine" and b.detector != "engine"
    # a word some detector proposed for is not flagged again
    others = [p for p in proposals if p.detector != "engine"]
    assert not any(o.start < f.end and f.start < o.end for f in flags for o in others)


def test_the_engines_other_readings_are_named(tmp_path):
    ns = "http://www.loc.gov/standards/alto/ns-v3#"
    (tmp_path / "a.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<alto xmlns="{ns}"><Layout><Page ID="p" '
        'WIDTH="400" HEIGHT="100" PHYSICAL_IMG_NR="1"><PrintSpace><TextBlock ID="b"><TextLine '
        'ID="l"><String ID="s1" CONTENT="the" WC="0.98" HPOS="0" VPOS="0" WIDTH="30" HEIGHT="10"/>'
        '<SP/><String ID="s2" CONTENT="capitatist" WC="0.31" HPOS="40" VPOS="0" WIDTH="90" '
        'HEIGHT="10"><ALTERNATIVE>capitalist</ALTERNATIVE></String></TextLine></TextBlock>'
        '</PrintSpace></Page></Layout></alto>', encoding="utf-8")
    doc = read_ocr(tmp_path / "a.xml")
    [p] = [p for p in detect(doc.text, ocr=doc) if p.original == "capitatist"]
    assert "the OCR engine was 31% sure of the word (its other readings: 'capitalist')" in p.why


def test_edition_detect_on_an_ocr_file_weighs_by_the_engine(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "book")
    proc = run("detect", "book", "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    entries = (tmp_path / "corrections" / "book.yaml").read_text(encoding="utf-8")
    assert "the OCR engine was" in entries
    assert "no detector found this word wrong, but the OCR engine was" in entries
    # the same text as a plain file: no engine, no engine flags
    (tmp_path / "plain.txt").write_text(read_ocr(tmp_path / "book").text, encoding="utf-8")
    assert run("detect", "plain.txt", cwd=tmp_path).returncode == 0
    assert "OCR engine" not in (tmp_path / "corrections" / "plain.yaml").read_text(encoding="utf-8")
