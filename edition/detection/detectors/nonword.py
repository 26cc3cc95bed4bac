"""Nonword: a form that is no word anywhere, one or two OCR confusions from one that is
(``capitatist`` → ``capitalist``, ``ohild`` → ``child``, ``commumism`` → ``communism``).

The shared word model (:mod:`edition.detection.detectors._words`) ranks the readings (general lexicon,
this text's vocabulary, the derived confusion weights) and calibrates the confidence; this module
takes the proposals whose original is not a common word and whose confusion is between letters.
Names, historical spellings and foreign words that recur in the text are words of the text and
are not proposed; neither are forms the project lexicon holds.

>>> from edition.detection.document import Document
>>> [(p.original, p.reading) for p in detect(Document("the capitatist class and its capitalist state"))]
[('capitatist', 'capitalist')]
"""
from __future__ import annotations

from typing import Iterable

from ..document import Document
from ...model import Kind, Proposal
from ._words import proposals_of_kind

KIND = Kind.NONWORD


def detect(doc: Document) -> Iterable[Proposal]:
    return proposals_of_kind(doc, KIND)
