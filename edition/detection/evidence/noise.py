"""How noisy a text's OCR is: the share of its words that are one-off forms no lexicon knows.

Clean print has about 1 % such words (names, rare words: the seed 0.6 %); a poor scan 5–20 %
(the development set's periodicals 3–20 %, its 1858 book's chunks 1.5–9.5 %, smoothed as
below). Detectors weigh their evidence by it: an unknown word in a poor scan is more likely
garbled than one in clean print.

>>> from edition.detection.document import Document
>>> round(10 ** text_noise(Document("The cat sat on the mat.")), 3)
0.01
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from . import lexicon
from .historical import historical_pattern, writes_older_spellings
from .letters import plain

if TYPE_CHECKING:
    from ..document import Document

#: Words shorter than this are not counted: short forms are abbreviations, initials, debris.
MIN_LETTERS = 4
#: The share of unknown one-off forms a text is assumed to have before its words are counted,
#: and the weight of that assumption in words: clean print has about 1 % (the seed: 0.6 %; the
#: development set's cleanest chunks about 2 %). Without it a short text with two foreign names
#: would look like a poor scan.
PRIOR, PRIOR_WORDS = 0.01, 200


def text_noise(doc: "Document") -> float:
    """log10 of the share of the text's words (four letters or more) that are one-off forms no
    lexicon knows at all (smoothed toward :data:`PRIOR`, so that a short text is not judged on
    a handful of words). Computed once per document."""
    return doc.memo(_text_noise)


def _text_noise(doc: "Document") -> float:
    n = odd = 0
    for form, count in doc.counts.items():  # distinct forms: one lexicon lookup each
        if len(form) >= MIN_LETTERS and form.isalpha():
            n += count
            # looked up plain: print's ligatures ("ﬂesh") make no unknown form
            odd += count * (lexicon.zipf(plain(form)) == 0 and doc.vocabulary.get(form.lower(), 0) <= 1)
    return round(math.log10((odd + PRIOR * PRIOR_WORDS) / (n + PRIOR_WORDS)), 3)


#: Forms this common (Zipf) are the modern words an older spelling is recognized against.
_MODERN_ZIPF = 3.0


def ocr_noise(doc: "Document") -> float:
    """:func:`text_noise` without the forms that are regular older spellings of a modern word
    (``tolde``, ``himselfe``: :mod:`.historical`): the damage the OCR did, not the age of the
    spelling. The development sets' tune parts, median over their texts: ICDAR 2017 2.4 % (its
    17th-century book alone counts 3.5 % with :func:`text_noise`), BLN600 newspapers 4.9 %,
    ICDAR 2019 3.0 %; the seed 0.6 %. The deep search's edit budget is set by it
    (:func:`edition.detection.evidence.candidates.edit_budget`).

    >>> from edition.detection.document import Document
    >>> t = "The wordes hee tolde us were his owne, and the controversie went on. " * 3
    >>> ocr_noise(Document(t)) <= text_noise(Document(t))
    True
    """
    return doc.memo(_ocr_noise)


def _ocr_noise(doc: "Document") -> float:
    known = lexicon.words_at_least(_MODERN_ZIPF)
    old = writes_older_spellings(doc)  # every letter of the period only where the text writes them
    n = odd = 0
    for form, count in doc.counts.items():
        if len(form) >= MIN_LETTERS and form.isalpha():
            n += count
            odd += count * (lexicon.zipf(plain(form)) == 0 and doc.vocabulary.get(form.lower(), 0) <= 1
                            and historical_pattern(form, known, every_letter=old) is None)
    return round(math.log10((odd + PRIOR * PRIOR_WORDS) / (n + PRIOR_WORDS)), 3)
