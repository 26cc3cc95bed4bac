"""A corpus document's forms are also searched among the document's own words (the words the
corpus does not hold: its long once-seen forms, its recurring forms the corpus lacks). A quick
test (``readings._may_read_as``, rapidfuzz over the own words within reach of the form's length)
spares the search where no own word is near; over a long list (more than
``readings._TESTED_GROUPS`` groups: a book's thousands of once-seen forms) the search is made
without it, being cheaper than the test. Either way the readings are the search's: the test only
skips searches that would find nothing. Checked here on documents whose own words are near and
far from the forms, short and long lists alike."""
from __future__ import annotations

import random
from unittest import mock

from hypothesis import given, settings, strategies as st

from edition.detection.document import Document
from edition.detection.evidence import readings
from edition.detection.evidence.vocabulary import CorpusVocabulary

#: OCR confusions of the table (``rn`` read for ``m``, ``c`` for ``e``, ``1`` for ``l``, ``li`` for
#: ``h``) and an unseen edit: a form made from an own word by one of them is read as that word.
_MISREADINGS = (("m", "rn"), ("e", "c"), ("l", "1"), ("h", "li"), ("o", "a"))


def _misread(word: str, rng: random.Random) -> str:
    options = [(g, o) for g, o in _MISREADINGS if g in word]
    if not options:
        return word + "s"
    gold, ocr = rng.choice(options)
    at = word.index(gold)
    return word[:at] + ocr + word[at + len(gold):]


def _readings(doc: Document, form: str, tested_groups: int) -> list[tuple[str, float]]:
    """The readings ``readings._variants`` gives of ``form`` (with and without unseen edits,
    one and two confusions) with the test made over lists of at most ``tested_groups`` groups."""
    doc._memo.pop(readings._own_near_length, None)
    with mock.patch.object(readings, "_TESTED_GROUPS", tested_groups):
        return [(v.reading, v.log_p, v.changes) for generic in (False, True) for changes in (1, 2)
                for v in readings._variants(form, doc, generic, changes)]


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10 ** 6), st.integers(5, 400))
def test_a_forms_readings_among_the_documents_own_words_are_those_of_the_search(seed, n_own):
    """The readings of forms misread from the document's own words, and of forms near none of
    them, are the same whether the test is made over every list, over none, or as it is."""
    rng = random.Random(seed)
    own = sorted({"".join(rng.choice("abcdehilmnorstu") for _ in range(rng.randint(8, 12)))
                  for _ in range(n_own)})
    # the corpus counts two English words; the document's long once-seen forms are its own
    doc = Document(" ".join(own), corpus=CorpusVocabulary({"the": 2, "and": 2}, 4))
    assert doc.memo(readings._own_not_english)
    forms = [_misread(w, rng) for w in rng.sample(own, min(len(own), 12))]
    forms += ["".join(rng.choice("abcdehilmnorstu") for _ in range(rng.randint(4, 12))) for _ in range(6)]
    for form in forms:
        tested_everywhere = _readings(doc, form, 10 ** 9)
        assert _readings(doc, form, 0) == tested_everywhere
        assert _readings(doc, form, readings._TESTED_GROUPS) == tested_everywhere


def test_a_form_misread_from_an_own_word_of_a_long_list_is_read_as_it():
    """In a document with far more own words than the test looks through, a form misread from
    one of them is still read as it (the search is made without the test), and the test is not
    made."""
    rng = random.Random(3)
    own = sorted({"".join(rng.choice("abdeilnorstu") for _ in range(10)) for _ in range(600)})
    word = own[17]
    form = _misread(word, rng)
    doc = Document(" ".join(own), corpus=CorpusVocabulary({"the": 2}, 2))
    groups = len(own) // readings._NEAR_GROUP
    assert groups > readings._TESTED_GROUPS
    with mock.patch.object(readings.rf_process, "extractOne", side_effect=AssertionError("tested")):
        assert word in [v.reading for v in readings._variants(form, doc, False, 1)]
