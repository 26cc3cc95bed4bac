"""Unclear: a clearly corrupt token with no safe reading (``~peo~~``, ``e~oMt``, ``4tMy``):
flagged for the editor, never changed (a flag-only proposal: ``readings=()``, encoded as
``<unclear reason="ocr">``).

A token (whitespace-delimited, its outer punctuation set aside) is flagged when it mixes letters
with marks that do not occur in words (``~ ^ * • « » ¬ ¦ © ® ™ ¤ { } < > \\ = + _``), or
letters and digits in a way no number, ordinal or code takes (``mo9t``; but ``1st``, ``20th``,
``8vo``, ``1850s``, ``A4``, ``£10`` stay), or has a ``#`` after two letters or between letters
(``Material#``, ``saitabl#``: a number sign never follows a word; ``C#`` and ``#12`` stay) —
unless a word detector reads it with confidence ≥ 0.5 (a likely reading is better than a flag;
a weaker one leaves the flag in front of the editor).

The confidence is the share of such flags that fall on real errors in the development set
(:data:`FLAG_CONFIDENCE`, measured by ``benchmarks/detection_dev.py --detectors unclear``).

>>> from edition.detection import Document
>>> [(p.original, p.readings) for p in detect(Document("the ~peo~~ of 1858 and the 20th day"))]
[('~peo~~', ())]
>>> [p.original for p in detect(Document("Material# at low price#, key of C# and No. #12"))]
['Material#', 'price#']
"""
from __future__ import annotations

from typing import Iterable

import regex

from ..detection import Document
from ..model import Kind, Proposal
from ._words import READ_CONFIDENCE, word_proposals

KIND = Kind.UNCLEAR

#: Share of flags on erroneous tokens in the development set: tune 227 of 227, check 187 of 198
#: (0.94) before the abbreviated-unit rule (see docs/BENCHMARKS.md, "Unclear"); rounded down.
FLAG_CONFIDENCE = 0.9

_SUSPECT = regex.compile(
    r"\S*(?:[~^*•«»¬¦©®™¤{}<>\\=+_]|\p{L}\p{N}|\p{N}\p{L}|\p{L}{2}#|\p{L}#\p{L})\S*")
# A "#" OCR read for a letter (the periodicals of the development set: 150 tokens, all errors).
_HASH = regex.compile(r"\p{L}{2}#|\p{L}#\p{L}")
_OUTER = "\"'“”‘’()[].,;:!?-–—"
_JUNK = regex.compile(r"[~^*•«»¬¦©®™¤{}<>\\=+_]")
_LETTER = regex.compile(r"\p{L}")
_DIGIT_LETTER = regex.compile(r"\p{L}\p{N}|\p{N}\p{L}")
# Numbers with letters that are not corrupt: ordinals, sizes, decades, money, codes.
_NUMBER_FORM = regex.compile(
    r"^(?:[£$€]?\p{N}[\p{N},.]*(?:st|nd|rd|th|d|s|l|p|e|to|vo|mo|am|pm|mm|cm|km|kg|lb|lbs|ft|in|oz)?"
    r"|\p{L}{1,3}-?\p{N}+|\p{N}+\p{Lu}{1,2})$")
_ABBREVIATED_UNIT = regex.compile(r"^\p{N}[\p{N},.]*\p{L}{1,2}$")
_PIECES = regex.compile(r"[-–—./,]+")


def detect(doc: Document) -> Iterable[Proposal]:
    read_starts = {p.start for _, p in word_proposals(doc) if p.confidence >= READ_CONFIDENCE}
    # Only tokens with a junk mark or a letter beside a digit can qualify: find those directly.
    for m in _SUSPECT.finditer(doc.text):
        tok = m.group()
        left = len(tok) - len(tok.lstrip(_OUTER))
        core = tok.strip(_OUTER)
        if len(core) < 2 or not _LETTER.search(core):
            continue
        start = m.start() + left
        end = start + len(core)
        junk = _JUNK.search(core) or _HASH.search(core)
        if not junk and not any(_DIGIT_LETTER.search(piece) and not _NUMBER_FORM.match(piece)
                                for piece in _PIECES.split(core)):
            continue
        if any(s in read_starts for s in range(start, end)):
            continue
        if _ABBREVIATED_UNIT.match(core) and doc.text[end:end + 1] == ".":
            continue  # "50c.", "7f.": a number with an abbreviated unit
        if junk:
            what = f"mark '{'#' if junk.re is _HASH else junk.group()}' inside a word"
        else:
            what = "letters and digits mixed"
        yield Proposal(start, end, core, (), KIND, FLAG_CONFIDENCE,
                       f"{what}; no reading fits: flag for the editor")
