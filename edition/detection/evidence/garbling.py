"""The evidence that a word's letters are garbled: the features of the ``garbled`` model.

The unclear detector flags a one-off form no lexicon knows with the confidence the ``garbled``
model gives these features (:func:`edition.detection.detectors.unclear.garbled`); the word
engine asks how sure that flag would be to say so in the ``why`` of a weak reading that takes its
place (:data:`edition.detection.detectors.words.SURELY_GARBLED`). Kept here, apart from both
detectors, because each of them reads the other's results.

>>> from edition.detection.document import Document
>>> f = garbled_features(Document("the rttaarkably cold winter"), "rttaarkably", False)
>>> f["rarest_trigram"] < -3.0, f["inner_capital"]
(True, 0.0)
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

import regex

from . import lexicon
from .historical import writes_y_for_i, y_read_as_i
from .letters import letter_scores, plain
from .noise import text_noise

if TYPE_CHECKING:
    from ..document import Document

#: A small letter before a capital inside a word (``DoraMumwell``, ``tHe``).
INNER_CAPITAL = regex.compile(r"\p{Ll}\p{Lu}")


def garbled_letters(doc: "Document", word: str) -> str:
    """The letters of ``word`` the garbled model weighs: in a text that writes ``y`` for ``i``
    (:func:`~edition.detection.evidence.historical.writes_y_for_i`), each y after the first
    letter read as i where that looks more English (``thynkynge``, ``vylayne`` are the text's
    spelling, not garbling: Caxton's prose of ICDAR 2019's check part had them flagged at
    0.93-0.99); the word as it stands elsewhere."""
    if "y" in word[1:].lower() and writes_y_for_i(doc):
        read = y_read_as_i(word)
        if letter_scores(read)[0] > letter_scores(word)[0]:
            return read
    return word


def garbled_features(doc: "Document", word: str, sentence_start: bool) -> dict[str, float]:
    """The features of the ``garbled`` model for one occurrence of ``word``."""
    rarest, mean = letter_scores(garbled_letters(doc, word))  # read plain (letters.plain)
    return {
        "rarest_trigram": round(rarest, 3),
        "mean_trigram": round(mean, 3),
        "all_caps": float(word.isupper()),
        "inner_capital": float(bool(INNER_CAPITAL.search(word))),
        "sentence_start": float(sentence_start),
        "rare_word": float(lexicon.zipf(plain(word)) > 0),
        "log_length": round(math.log10(len(word)), 3),
        "noise": text_noise(doc),
        "capitalized": float(word[:1].isupper() and not word.isupper() and not sentence_start),
    }
