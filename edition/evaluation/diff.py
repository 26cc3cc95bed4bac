"""The changes between an OCR text and a corrected version of it, as proposals.

``edition evaluate OCR GOLD --corrected FILE`` scores a correction made by any tool: the two texts
are aligned (:func:`~edition.evaluation.align.align_texts`) and every stretch where they differ
becomes a :class:`~edition.model.Proposal` of kind ``other`` with confidence 1.0, so a corrected
text is scored exactly as the proposals of our own detectors are.

- :func:`proposals_from_corrected` — the changes from an OCR text to a corrected text.
- :func:`gold_proposals` — the changes from an aligned document's OCR to its gold (the perfect
  corrector; tests and benchmarks use it as the upper bound).

>>> [(p.start, p.original, p.reading) for p in proposals_from_corrected("Tlie cat sat", "The cat sat.")]
[(1, 'li', 'h'), (12, '', '.')]
"""
from __future__ import annotations

from ..model import Kind, Proposal
from .align import GAP, UNKNOWN, AlignedDoc, align_texts


def _changes(doc: AlignedDoc, why: str, detector: str) -> list[Proposal]:
    """One proposal per run of columns where the two rows differ (and the gold is known)."""
    oa, ga = doc.ocr_aligned, doc.gold_aligned
    pos = doc.pos_of_col
    out = []
    c = 0
    n = len(oa)
    while c < n:
        if oa[c] == ga[c] or ga[c] == UNKNOWN:
            c += 1
            continue
        c0 = c
        while c < n and oa[c] != ga[c] and ga[c] != UNKNOWN:
            c += 1
        start, end = pos[c0], pos[c]
        reading = ga[c0:c].replace(GAP, "")
        original = doc.ocr[start:end]
        if reading != original:
            out.append(Proposal(start, end, original, (reading,), Kind.OTHER, 1.0, why, detector))
    return out


def proposals_from_corrected(ocr: str, corrected: str) -> list[Proposal]:
    """One proposal per stretch of consecutive columns where ``corrected`` differs from ``ocr``."""
    return _changes(align_texts(ocr, corrected), "changed in the corrected text", "corrected")


def gold_proposals(doc: AlignedDoc) -> list[Proposal]:
    """The proposals that turn ``doc.ocr`` into its gold wherever the gold is known."""
    return _changes(doc, "the gold standard", "gold")
