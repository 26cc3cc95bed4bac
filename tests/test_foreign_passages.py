"""Passages in another language get no proposal; English around them is still read."""
from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from _generated_texts import PIECE_TEXTS
from edition.detection.runner import detect
from edition.detection.evidence import languages, lexicon
from edition.detection.evidence.languages import foreign_spans

GOETHE = "Über allen Gipfeln ist Ruh, in allen Wipfeln spürest du kaum einen Hauch"
HUGO = "Demain, dès l'aube, à l'heure où blanchit la campagne, je partirai."
# The development set's 1858 book quotes a 16th-century German poem (OCR as printed there).
FRIER_RUSH = ("Ein Kloster vor cin walde lag Dar in man vil der wunder flag Do waren munch ein michel "
              "theil, Sie warcn iung und dar zuo geil")


def test_quoted_verse_gets_no_proposal_and_the_english_around_it_is_read():
    text = (f"The traveller wrote in his diary the lines of Goethe, \"{GOETHE}\", and then he "
            f"copied from Hugo: \"{HUGO}\" He said tbat the evening was calm.")
    quoted = [(text.index(GOETHE), text.index(GOETHE) + len(GOETHE)), (text.index(HUGO), text.index(HUGO) + len(HUGO))]
    found = detect(text)
    assert not [p for p in found if any(p.start < e and s < p.end for s, e in quoted)]
    assert [p.reading for p in found if p.original == "tbat"] == ["that"]


def test_a_german_poem_in_an_english_book_is_left_alone():
    text = f"The old legend runs thus in the German: {FRIER_RUSH}. So the monks were idle."
    span = (text.index(FRIER_RUSH), text.index(FRIER_RUSH) + len(FRIER_RUSH))
    assert [s[2] for s in foreign_spans(text)] == ["de"]
    assert not [(p.original, p.reading) for p in detect(text) if p.start < span[1] and span[0] < p.end]


def test_ocr_accents_on_english_words_make_no_french_passage():
    # The 1858 book's OCR: accents on English words are misreadings, to be read.
    text = "until thé spécimen volume was printed, thé présent élections and thé métal trade"
    assert foreign_spans(text) == []
    assert "the" in [p.reading for p in detect(text)]


def test_single_foreign_words_in_english_prose_make_no_passage():
    text = ("They were ready to die for the cause; the gestalt of the régime was plain, "
            "and the Kindergarten of the Bund had its pour-boire.")
    assert foreign_spans(text) == []


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["und", "der", "the", "and", "Kloster", "walde", "la", "campagne",
                                 "je", "partirai", "house", "1858", ",", "."]), max_size=60))
def test_spans_are_inside_the_text_in_order_and_apart(words):
    text = " ".join(words)
    spans = foreign_spans(text)
    assert spans == sorted(spans)
    for s, e, lang in spans:
        assert 0 <= s < e <= len(text) and lang in ("de", "fr", "es", "it", "nl", "pt")
        assert text[s].isalpha() and text[e - 1].isalpha()
    for (s1, e1, l1), (s2, e2, l2) in zip(spans, spans[1:]):
        assert l1 != l2 or e1 < s2


def test_a_foreign_passage_does_not_take_the_misread_english_after_it():
    text = ("He quoted: Und schwarze Kutten trugen sie dar, sie dienten Gott gar wenig. "
            "Tbe monks wcre idle.")
    spans = languages.foreign_spans(text)
    assert [s[2] for s in spans] == ["de"]
    assert all(e <= text.index("Tbe") for _, e, _ in spans)


def test_the_foreign_word_table_is_rebuilt_when_its_rules_or_the_english_list_change(tmp_path, monkeypatch):
    key = languages.FOREIGN_WORDS.key()
    changed = tmp_path / "languages.py"
    changed.write_bytes(languages._SOURCE.read_bytes() + b"\n# a changed rule\n")
    monkeypatch.setattr(languages, "_SOURCE", changed)
    assert languages.FOREIGN_WORDS.key() != key
    monkeypatch.undo()
    english = tmp_path / "large_en.msgpack.gz"
    english.write_bytes(b"another list")
    monkeypatch.setattr(lexicon, "wordfreq_english", lambda: english)
    assert languages.FOREIGN_WORDS.key() != key


def test_foreign_passages_stay_linear_in_a_long_foreign_text():
    languages.foreign_words()
    text = "und sie ist nicht " * 10_000  # 180,000 characters: 78 s for 160,000 before
    t = time.process_time()
    assert len(languages.foreign_spans(text)) == 1
    assert time.process_time() - t < 10.0


def test_common_english_words_make_no_foreign_passage():
    # The development set's football report (eng_periodical/6): laine, ami, son are French by the
    # margin; the passage hid "ami" (and) and "Wai son" (Watson).
    assert languages.foreign_spans("Brown, M'Laine, Turton, Oliver, ami Wai son. Middlesbrough played.") == []
    assert languages.foreign_spans("In the war the den of thieves was a hat shop.") == []


@settings(max_examples=200, deadline=None)
@given(PIECE_TEXTS)
def test_foreign_spans_are_ordered_spans_of_the_text(text):
    spans = languages.foreign_spans(text)
    assert spans == languages.foreign_spans(text)
    for s, e, lang in spans:
        assert 0 <= s < e <= len(text) and lang in languages.LANGUAGES
    assert [s for s, _, _ in spans] == sorted(s for s, _, _ in spans)
