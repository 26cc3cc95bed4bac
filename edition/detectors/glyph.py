"""Glyph: digits, symbols and shapes read for letters (``V1adimir`` → ``Vladimir``, ``wiU`` →
``will``, ``thé`` → ``the``, a lone ``1`` for the pronoun ``I``).

Inside words, the shared word model (:mod:`edition.detectors._words`) finds the reading; this
module takes the proposals whose confusion involves a digit or symbol, an accented letter read
for a plain one, or a shape confusion that changes the number of letters (``U``/``ll``,
``rn``/``m``, ``li``/``h``).

A lone ``1``, ``l`` or ``|`` standing between words is the pronoun ``I`` when the next word
continues it as a pronoun (``1 think``, ``l am``): its context decides (bigram association of
``I`` with its neighbours), never the character alone — ``page 1 of`` and ``chapter 1`` stay.

>>> from edition.detection import Document
>>> [(p.original, p.reading) for p in detect(Document("Then 1 said that my father V1adimir had gone."))]
[('1', 'I'), ('V1adimir', 'Vladimir')]
"""
from __future__ import annotations

from typing import Iterable

from .. import calibration
from ..detection import Document
from ..evidence import bigrams
from ..model import Kind, Proposal
from ._words import READ_CONFIDENCE, proposals_of_kind

KIND = Kind.GLYPH

#: Characters OCR reads for a lone capital I.
LONE_I = {"1", "l", "|"}


def lone_features(doc: Document, index: int) -> dict[str, float] | None:
    """Features of a lone 1/l/| at token ``index`` read as ``I`` (None when it cannot be)."""
    prev, nxt = doc.neighbours(index)
    if nxt is None or not nxt[:1].islower() or not nxt.isalpha():
        return None  # "1." "1," "1 2": a number or a list item
    if prev is not None and (prev[:1].isdigit() or prev.lower() in _NUMBER_WORDS):
        return None
    next_fits = round(bigrams.association("i", nxt), 3)
    return {
        "next_fits": next_fits,
        # "1 the", "1 and", "alas 1 no": a pair English avoids marks a lost "!", not the
        # pronoun; its own weight lets a bad fit count more than a good one.
        "next_misfit": min(0.0, next_fits),
        "prev_fits": round(bigrams.association(prev, "i"), 3) if prev else 0.0,
        "sentence_start": float(doc.starts_sentence(index)),
    }


# Words after which a lone digit is a number ("page 1", "No 1"), never the pronoun.
_NUMBER_WORDS = {"page", "p", "pp", "no", "chapter", "vol", "volume", "part", "book", "section",
                 "art", "article", "fig", "figure", "table", "verse", "line", "number", "item",
                 "act", "scene", "col", "plate", "psalm"}


def lone_i(doc: Document) -> Iterable[Proposal]:
    for i, tok in enumerate(doc.tokens):
        if tok.text not in LONE_I:
            continue
        feats = lone_features(doc, i)
        if feats is None:
            continue
        conf = calibration.confidence(feats, "lone_i")
        if conf < READ_CONFIDENCE:  # the lone-I model's own calibration: below 0.5 mostly wrong
            continue
        nxt = doc.neighbours(i)[1]
        why = (f"lone '{tok.text}' between words; 'I {nxt}' is common English "
               f"(association {feats['next_fits']:+.1f})")
        yield Proposal(tok.start, tok.end, tok.text, ("I",), KIND, conf, why)


def detect(doc: Document) -> Iterable[Proposal]:
    yield from lone_i(doc)
    yield from proposals_of_kind(doc, KIND)
    # A stray mark inside a word (Unio'n) is read by the same word model; its kind is
    # punctuation, but no other detector takes the word model's proposals, so it is made here.
    yield from proposals_of_kind(doc, Kind.PUNCTUATION)
