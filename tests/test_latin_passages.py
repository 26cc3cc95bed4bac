"""Latin in old print: a Latin quotation's words are no garbled English, and a misreading of
English that happens to be a Latin form is still one (``tests/data/latin_quotation.txt``: the
opening of Caesar's *Gallic War* quoted in an 18th-century-style English note with long-s
misreadings, written for this test)."""
from __future__ import annotations

from array import array
from pathlib import Path

import pytest

from cli_helpers import detect_json
from edition.detection.document import Document
from edition.detection.detectors import unclear
from edition.detection.evidence import languages, latin

DATA = Path(__file__).resolve().parent / "data"

_QUOTED = {"fortissimi", "propterea", "humanitate", "provinciae", "longissime", "absunt", "Horum",
           "Sequana", "dividit", "flumen", "atque"}


def test_latin_forms_of_the_table() -> None:
    for w in ("unumquemque", "pugnaturus", "Sæculo", "incolunt", "appellantur"):
        assert latin.is_latin(w), w
    for w in ("rttaarkably", "the", "have", "time", "tbe", "wiil"):
        assert not latin.is_latin(w), w  # garbling, or English too common to count as Latin


def test_a_latin_quotation_is_not_flagged_as_garbled_words(tmp_path: Path) -> None:
    proposals = detect_json(DATA / "latin_quotation.txt", tmp_path)
    flagged = {w for p in proposals if not p["readings"] for w in p["original"].split()}
    assert not _QUOTED & flagged, flagged
    # the English note's misreadings are still read or flagged
    originals = {p["original"] for p in proposals}
    assert {"wiil", "tbe", "thefe", "becaufe"} <= originals


def test_a_latin_quotation_gets_no_proposal_and_the_english_around_it_does(tmp_path: Path) -> None:
    """A Latin passage is a passage in another language: no word of it is read as an English
    misreading (``differunt`` was read ``different`` at 0.895 when only the garbled rule knew
    Latin), and the English sentences on either side keep theirs."""
    text = (DATA / "latin_quotation.txt").read_text(encoding="utf-8")
    start = text.index("Gallia est")
    end = text.index("Of thefe words")
    proposals = detect_json(DATA / "latin_quotation.txt", tmp_path)
    inside = [p for p in proposals if start <= p["start"] < end]
    assert not inside, inside
    assert [s for s in languages.foreign_spans(text) if s[2] == "la"]
    originals = {p["original"] for p in proposals}
    assert {"ftand", "thefe", "wiil"} <= originals  # before and after the quotation


def test_english_with_a_few_latin_forms_is_no_latin_passage() -> None:
    text = "He asked for the duplicate, at the seie time telling her she ought not to have gone."
    assert not languages.foreign_spans(text)


def test_the_quotation_s_words_are_garbled_candidates_without_the_latin_table(monkeypatch) -> None:
    """What the table changes: without it (a checkout before it shipped), the quotation's words
    are weighed as garbled English."""
    doc = Document((DATA / "latin_quotation.txt").read_text(encoding="utf-8"))
    with_table = {w for *_, w, _ in unclear.garbled_candidates(doc)}
    latin._keys.cache_clear()
    latin.is_latin.cache_clear()
    monkeypatch.setattr(latin, "_keys", lambda: array("I"))
    try:
        without = {w for *_, w, _ in unclear.garbled_candidates(Document(doc.text))}
    finally:
        latin.is_latin.cache_clear()
    assert _QUOTED & without and not _QUOTED & with_table


def test_a_latin_form_alone_in_english_is_still_weighed() -> None:
    """A misread English word that is a Latin form (``seie`` for "same": simplemma's list is
    large) has no Latin neighbours, and stays a garbled candidate."""
    doc = Document("He asked for the duplicate, at the seie time telling her she ought not to have gone.")
    assert latin.is_latin("seie")
    assert "seie" in {w for *_, w, _ in unclear.garbled_candidates(doc)}


def test_an_inner_capital_is_ocr_s_even_in_latin() -> None:
    words = "Si quid habent veri vatum proesagia viVAM".split()
    assert latin.in_latin(words, len(words) - 1)  # the letters are Latin ...
    doc = Document("Si quid habent veri vatum proesagia viVAM. Now have I done my work.")
    assert "viVAM" in {w for *_, w, _ in unclear.garbled_candidates(doc)}  # ... the capital is not


def test_the_shipped_table_is_what_the_derivation_gives_now() -> None:
    pytest.importorskip("simplemma")
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "derive_latin", Path(__file__).resolve().parents[1] / "benchmarks" / "derive" / "derive_latin.py")
    derive = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(derive)
    assert latin.TABLE.read_bytes() == derive.derive()
