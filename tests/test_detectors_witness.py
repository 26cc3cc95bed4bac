"""The witness detector: another transcription's reading proposed where it differs."""
from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import given, settings, strategies as st

from cli_helpers import detect_json, run
from edition.detection.runner import available_detectors, detect
from edition.source import source_from_text
from edition.witnesses.tokens import witness_from_source

OCR = Path(__file__).resolve().parent / "data" / "ocr" / "bln-3200797034"
GOLD = (OCR / "gold.txt").read_text(encoding="utf-8")


def witness(text: str, name: str = "other.txt"):
    return witness_from_source("B", source_from_text(text, path=name))


WITNESS = [d for d in available_detectors() if d.name == "witness"]


def by_witness(text: str, other: str):
    """The witness detector's proposals alone (with all detectors, a more confident detector's
    proposal for the same word wins)."""
    return detect(text, detectors=WITNESS, witnesses=[witness(other)])


def test_a_nonword_is_read_from_the_witness_and_why_names_it():
    text = "The workers of the capitatist factories went on strike in the spring."
    found = by_witness(text, text.replace("capitatist", "capitalist"))
    assert [(p.original, p.reading, p.kind.value) for p in found] == [("capitatist", "capitalist", "nonword")]
    assert "witness B (other.txt) reads 'capitalist'" in found[0].why


def test_a_real_word_is_replaced_only_when_the_witness_fits_the_context_better():
    text = "He went back to bis house in the evening and sat down."
    found = by_witness(text, text.replace(" bis ", " his "))
    assert [(p.original, p.reading, p.kind.value) for p in found] == [("bis", "his", "realword")]
    # the other way round the text's own word fits better: nothing proposed
    assert by_witness(text.replace(" bis ", " his "), text) == []


def test_the_witness_garbled_where_the_text_is_right_proposes_nothing():
    text = "The workers of the capitalist factories went on strike in the spring."
    assert by_witness(text, text.replace("capitalist", "capita1ist").replace("spring", "spr1ng")) == []


def test_case_and_punctuation_differences_are_left_alone():
    text = "The workers, of the factories went on strike in the spring."
    assert by_witness(text, "The Workers. of the factories went on strike in the Spring,") == []


def test_a_lost_space_is_a_merge_and_keeps_the_line_end():
    text = "the members of theeconomic council\nmet again"
    found = by_witness(text, "the members of the economic council met again")
    assert [(p.original, p.reading, p.kind.value) for p in found] == [("theeconomic", "the economic", "merge")]
    text = "the members of tbe\necononic council"
    found = by_witness(text, "the members of the economic council")
    assert [(p.original, p.reading) for p in found] == [("tbe", "the"), ("econonic", "economic")]


def test_a_garble_no_detector_can_read_is_read_from_the_witness():
    text = "He was sent to the Cormmissnr of Police at once."
    assert not any(p.reading == "Commissioner" for p in detect(text))
    found = detect(text, witnesses=[witness(text.replace("Cormmissnr", "Commissioner"))])
    assert [(p.original, p.reading, p.detector) for p in found if p.reading == "Commissioner"] == [
        ("Cormmissnr", "Commissioner", "witness")]


@settings(max_examples=25)
@given(st.integers(0, len(GOLD) - 2000))
def test_a_witness_equal_to_the_text_changes_nothing(start):
    text = GOLD[start:start + 2000]
    assert detect(text, witnesses=[witness(text)]) == detect(text)


def test_detect_with_a_witness_on_real_tesseract_output(tmp_path):
    """Debian's Tesseract 5.3 (ALTO) as the source, Tesseract 5.5's PAGE of the same pages as
    the witness: the one word 5.5 reads as the gold does and 5.3 does not is proposed."""
    shutil.copytree(OCR / "page", tmp_path / "t55")
    rows = detect_json(OCR / "alto", tmp_path, "t53", flags=("--witness", "t55"))
    witnessed = [r for r in rows if "witness B (t55)" in r["why"]]
    assert witnessed and all(r["reading"] in GOLD for r in witnessed)
    assert ("pin’s", "pins") in {(r["original"], r["reading"]) for r in witnessed}
    plain = detect_json(tmp_path / "t53", tmp_path, flags=("--corrections", "other.yaml"))
    assert not any("witness" in p["why"] for p in plain)


def test_detect_refuses_a_witness_with_a_corpus_and_a_missing_witness(tmp_path):
    shutil.copytree(OCR / "alto", tmp_path / "t53")
    (tmp_path / "a.txt").write_text("one text\n")
    (tmp_path / "b.txt").write_text("another text\n")
    corpus = run("detect", "a.txt", "b.txt", "--witness", "t53", cwd=tmp_path)
    assert corpus.returncode == 1 and "--witness" in corpus.stderr
    missing = run("detect", "a.txt", "--witness", "nothere.txt", cwd=tmp_path)
    assert missing.returncode == 1 and "nothere.txt" in missing.stderr
