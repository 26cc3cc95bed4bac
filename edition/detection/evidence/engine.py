"""The OCR engine's own doubt as evidence.

An OCR file gives each word the engine's confidence (ALTO ``WC``, hOCR ``x_wconf``, PAGE
``TextEquiv/@conf``). A detector's proposal on a word the engine doubted is more often right,
one on a word it was sure of more often a false alarm; and a word the engine barely believed,
which no detector touched, is often wrong all the same.

- :func:`engine_confidence` — the engine's confidence in the words a span touches (the least).
- :func:`weigh` — each proposal's confidence combined with the engine's:
  ``logistic(bias + a·logit(p) + b·logit(engine))``, the weights fitted by logistic regression
  on the tune half of the Tesseract pages (``benchmarks/ocr_confidence.py --fit``, stored in
  ``edition/detection/data/engine_doubt.json``); the ``why`` says what the engine thought.
- :func:`doubtful_words` — a flag (kind ``unclear``, no reading) on each word below the
  engine-confidence threshold that no proposal touches, with the share of such words that were
  wrong on the tune pages as its confidence.
- :func:`with_engine_evidence` — both, as detection uses them.

>>> round(logit(0.5), 3), round(logistic(0.0), 3)
(0.0, 0.5)
"""
from __future__ import annotations

import dataclasses
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple

from ...model import Kind, Proposal

DATA = Path(__file__).resolve().parents[1] / "data" / "engine_doubt.json"
#: Engine confidences are clamped to this range before the logit: Tesseract writes 0 and 1.
CLAMP = (0.01, 0.99)


class DoubtModel(NamedTuple):
    bias: float
    proposal: float      # weight of logit(the detector's confidence)
    engine: float        # weight of logit(the engine's confidence)
    flag_below: float    # flag words the engine was less sure of than this
    flag_confidence: float


def logit(p: float) -> float:
    p = min(max(p, CLAMP[0]), CLAMP[1])
    return math.log(p / (1 - p))


def logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


@lru_cache(maxsize=None)
def model(path: Path = DATA) -> DoubtModel:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return DoubtModel(raw["bias"], raw["proposal"], raw["engine"], raw["flag_below"],
                      raw["flag_confidence"])


def engine_confidence(doc, start: int, end: int) -> float | None:
    """The least engine confidence of the words ``start:end`` touches (a span between words:
    the words on either side); None where the file gives none."""
    words = doc.words_in(start, end) or tuple(
        w for w in (doc.word_at(start - 1), doc.word_at(end)) if w is not None)
    confs = [w.confidence for w in words if w.confidence is not None]
    return min(confs) if confs else None


def weigh(proposals: Iterable[Proposal], doc, m: DoubtModel | None = None) -> list[Proposal]:
    """``proposals`` with the engine's confidence in their words folded into theirs."""
    m = m or model()
    out = []
    for p in proposals:
        e = engine_confidence(doc, p.start, p.end)
        if e is None:
            out.append(p)
            continue
        c = round(logistic(m.bias + m.proposal * logit(p.confidence) + m.engine * logit(e)), 3)
        out.append(dataclasses.replace(
            p, confidence=c, why=f"{p.why}; the OCR engine was {e:.0%} sure of the word"))
    return out


def doubtful_words(doc, proposals: Iterable[Proposal], m: DoubtModel | None = None) -> list[Proposal]:
    """Flags on the words the engine doubted most that no proposal touches."""
    m = m or model()
    taken = [(p.start, p.end) for p in proposals]
    out = []
    for w in doc.words:
        if w.confidence is None or w.confidence >= m.flag_below:
            continue
        if any(s < w.end and w.start < e or s == e and w.start <= s < w.end for s, e in taken):
            continue
        out.append(Proposal(w.start, w.end, w.text, (), Kind.UNCLEAR, m.flag_confidence,
                            f"the OCR engine was only {w.confidence:.0%} sure of this word",
                            "engine"))
    return out


def with_engine_evidence(proposals: list[Proposal], doc, m: DoubtModel | None = None
                         ) -> list[Proposal]:
    """Detection's proposals weighed by the engine's confidence, and its doubtful words flagged."""
    m = m or model()
    weighed = weigh(proposals, doc, m)
    return sorted(weighed + doubtful_words(doc, weighed, m), key=lambda p: (p.start, p.end))
