"""Passages in another language get no proposal; English around them is still read."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from edition.detection.runner import detect
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
