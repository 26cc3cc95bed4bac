"""Shared helpers for the detector table tests: run one detector on a text and read its
proposals as (original, first reading) pairs."""
from __future__ import annotations

from edition.detection.document import Document


def readings(module, text: str) -> list[tuple[str, str | None]]:
    """(original, best reading) of every proposal ``module`` makes on ``text``."""
    out = []
    for p in module.detect(Document(text)):
        assert text[p.start:p.end] == p.original, "span must cover exactly the original"
        out.append((p.original, p.reading))
    return out


def check_invariants(module, text: str) -> None:
    """Every proposal: span matches, a one-line why, confidence in range, a real change."""
    for p in module.detect(Document(text)):
        assert text[p.start:p.end] == p.original
        assert p.why and "\n" not in p.why
        assert 0.0 <= p.confidence <= 1.0
        assert all(r != p.original for r in p.readings)
