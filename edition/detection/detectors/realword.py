"""Realword: a real word in the wrong place (``bis`` for ``his``, ``be`` for ``he``, ``Statin``
for ``Stalin``).

A common word is only questioned when a frequent OCR confusion turns it into another word that
fits its context far better: the bigram association with its neighbours (symspellpy's English
bigram list and this text's own word pairs) and the text's vocabulary weigh in, through the
calibrated word model of :mod:`edition.detection.detectors._words`. Without context evidence a real word is
left alone.

>>> from edition.detection.document import Document
>>> [(p.original, p.reading) for p in detect(Document("and then be said that the man was right"))]
[('be', 'he')]
"""
from __future__ import annotations

from typing import Iterable

from ..document import Document
from ...model import Kind, Proposal
from ._words import proposals_of_kind

KIND = Kind.REALWORD


def detect(doc: Document) -> Iterable[Proposal]:
    return proposals_of_kind(doc, KIND)
