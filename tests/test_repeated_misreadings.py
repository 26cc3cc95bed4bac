"""A text's OCR repeats its habits: in a noisy text, a reading whose misreading the text shows in
other forms too is surer than one whose misreading it shows nowhere else (``words.doc_confusion``,
weighed by the word model of noisy texts, ``word_noisy``; ``words.weighing_model``). Two texts
written for these tests: police-court reports whose OCR read ``b`` for ``h`` in many words and
``rn`` as ``m`` once (``tests/data/police_court_misreadings.txt``, noisy), and a committee's
minutes with ``U`` read for ``ll`` in ``wiU``, ``stiU`` and ``caUed`` (``tests/data/repeated_misreadings.txt``,
clean: there a misreading is rarely repeated, and its count is not weighed)."""
from __future__ import annotations

import math
from pathlib import Path

from cli_helpers import detect_json
from edition.detection.detectors import words
from edition.detection.document import Document
from edition.detection.evidence import candidates
from edition.detection.evidence.noise import ocr_noise
from edition.detection.evidence.readings import reading_of

DATA = Path(__file__).resolve().parent / "data"
CLEAN = DATA / "repeated_misreadings.txt"
NOISY = DATA / "police_court_misreadings.txt"


def _reading(doc: Document, form: str, reading: str):
    (r,) = [r for r in reading_of(doc, form) or () if r.reading == reading]
    return r


def _found(proposals: list[dict], original: str) -> dict:
    (p,) = [p for p in proposals if p["original"] == original]
    return p


def test_the_count_is_of_the_texts_other_forms_with_the_same_misreading():
    doc = Document(CLEAN.read_text(encoding="utf-8"))
    # U for ll: in stiU and caUed besides wiU (a form counts once, however often it occurs)
    assert words.doc_confusion(doc, _reading(doc, "wiU", "will")) == round(math.log10(3), 3)
    # b for h: in no other form of the text
    assert words.doc_confusion(doc, _reading(doc, "togetber", "together")) == 0.0


def test_the_why_gives_the_count_itself_not_one_read_back_from_the_feature():
    """The feature is rounded to three places: read back, 463 other forms would say 462."""
    doc = Document(CLEAN.read_text(encoding="utf-8"))
    r = _reading(doc, "wiU", "will")
    feats = {**r.features, "noise": candidates.NOISY, "doc_confusion": round(math.log10(1 + 463), 3)}
    assert words.weighing_model(feats) == "word_noisy"
    assert "the same misreading in 463 other words" in words.explain(r, feats, 0, 463)
    assert "the same misreading" not in words.explain(r, feats, 0, 0)


def test_only_a_noisy_texts_readings_are_weighed_with_the_count():
    clean, noisy = (Document(p.read_text(encoding="utf-8")) for p in (CLEAN, NOISY))
    assert ocr_noise(clean) < candidates.NOISY <= ocr_noise(noisy)
    assert words.weighing_model(_reading(clean, "stiU", "still").features) == "word"
    assert words.weighing_model(_reading(noisy, "fetcb", "fetch").features) == "word_noisy"


def test_the_why_of_a_reading_names_the_misreading_the_noisy_text_repeats(tmp_path):
    proposals = detect_json(NOISY, tmp_path, "police.txt")
    p = _found(proposals, "fetcb")
    assert p["readings"][0] == "fetch"
    doc = Document(NOISY.read_text(encoding="utf-8"))
    n = words.repeated_misreadings(doc, _reading(doc, "fetcb", "fetch"))
    assert n >= 1 and f"the text shows the same misreading in {n} other word" in p["why"], p["why"]
    q = _found(proposals, "moming")
    assert q["readings"][0] == "morning"
    assert "the same misreading" not in q["why"], q["why"]
    # the clean text's readings do not speak of a count they are not weighed by
    p = _found(detect_json(CLEAN, tmp_path, "minutes.txt"), "stiU")
    assert p["readings"][0] == "still" and "the same misreading" not in p["why"], p["why"]
