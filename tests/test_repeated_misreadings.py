"""A text's OCR repeats its habits: a reading whose misreading the text shows in other forms
too is surer than one whose misreading it shows nowhere else (``words.doc_confusion``, a feature
of the word model). A committee's minutes written for this test
(``tests/data/repeated_misreadings.txt``): ``U`` read for ``ll`` in ``wiU`` (three times),
``stiU`` and ``caUed``; ``b`` read for ``h`` once, in ``togetber``."""
from __future__ import annotations

import math
from pathlib import Path

from cli_helpers import detect_json
from edition.detection.detectors import words
from edition.detection.document import Document
from edition.detection.evidence.readings import reading_of

DATA = Path(__file__).resolve().parent / "data"
TEXT = DATA / "repeated_misreadings.txt"


def _reading(doc: Document, form: str, reading: str):
    (r,) = [r for r in reading_of(doc, form) or () if r.reading == reading]
    return r


def test_the_count_is_of_the_texts_other_forms_with_the_same_misreading():
    doc = Document(TEXT.read_text(encoding="utf-8"))
    # U for ll: in stiU and caUed besides wiU (a form counts once, however often it occurs)
    assert words.doc_confusion(doc, _reading(doc, "wiU", "will")) == round(math.log10(3), 3)
    # b for h: in no other form of the text
    assert words.doc_confusion(doc, _reading(doc, "togetber", "together")) == 0.0


def test_the_why_of_a_reading_names_the_misreading_the_text_repeats(tmp_path):
    proposals = detect_json(TEXT, tmp_path, "minutes.txt")
    (p,) = [p for p in proposals if p["original"] == "stiU"]
    assert p["readings"][0] == "still"
    assert "the text shows the same misreading in 2 other words" in p["why"], p["why"]
    (q,) = [p for p in proposals if p["original"] == "togetber"]
    assert q["readings"][0] == "together"
    assert "the same misreading" not in q["why"], q["why"]
