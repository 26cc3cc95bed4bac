"""The OCR engine's own doubt as evidence, for a text read from an OCR file.

An OCR file gives each word the engine's confidence (ALTO ``WC``, hOCR ``x_wconf``, PAGE
``TextEquiv/@conf``) and sometimes its other readings (ALTO ``ALTERNATIVE``, further PAGE
``TextEquiv``s). Measured on real Tesseract output with a known gold
(``benchmarks/ocr_confidence.py``; ``docs/BENCHMARKS.md``, "The engine's confidences in
detection"), the engine's confidence says whether a word is *wrong*, not whether a detector's
*reading* of it is right: a proposal's confidence therefore combines the two by what it claims.

- A **reading** (the text should read X): its confidence is the detector's, recalibrated for an
  engine's output (``logistic(bias + a·logit(p))``). The detectors were calibrated on the OCR of
  the ICDAR development set; on Tesseract's output their 0.9 was right 84–89 % of the time, and
  the engine's confidence in the word did not separate right readings from wrong ones (a word
  the engine doubted most is often too garbled for any reading to be right), so it only goes
  into the ``why``, with the engine's other readings when it gave some.
- A **flag** (the text is corrupt here, no reading): ``logistic(bias + a·logit(p) + b·logit(e))``:
  the engine's doubt is most of what tells a real error (at ``e`` < 0.3 nearly every flag was on
  one).
- A **doubted word** that no detector touched gets a flag of its own where the engine's doubt
  makes it more likely wrong than right: its confidence is ``logistic(bias + b·logit(e))``, the
  share of such words that were wrong.

The weights are fitted by logistic regression on the *tune* half of the Tesseract pages
(``benchmarks/ocr_confidence.py --fit``) and stored in ``edition/detection/data/engine_doubt.json``.

- :func:`engine_confidence` — the engine's confidence in the words a span touches (the least).
- :func:`weigh` — each proposal's confidence as above, the engine named in its ``why``.
- :func:`doubtful_words` — the flags on doubted words no proposal touches.
- :func:`with_engine_evidence` — both, as detection uses them (:func:`edition.detection.detect`).

>>> round(logit(0.5), 3), round(logistic(0.0), 3)
(0.0, 0.5)
"""
from __future__ import annotations

import bisect
import dataclasses
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple

from ...model import Kind, Proposal

DATA = Path(__file__).resolve().parents[1] / "data" / "engine_doubt.json"
#: The engine's confidences are clamped to this range before the logit: Tesseract writes 0 and 1
#: (and two places at most).
CLAMP = (0.01, 0.99)
#: The detectors' confidences, rounded to 3 places, are clamped to this range: of 0.01, 0.005,
#: 0.002 and 0.001 the readings' model fits the tune half best with 0.005 (0.01 merged the
#: top: no reading could reach 0.95, where 97 % were right).
PROPOSAL_CLAMP = (0.005, 0.995)


class Weights(NamedTuple):
    """One logistic model: ``logistic(bias + proposal·logit(p) + engine·logit(e))``."""

    bias: float
    proposal: float = 0.0
    engine: float = 0.0

    def __call__(self, p: float, e: float) -> float:
        return round(logistic(self.bias + self.proposal * logit(p, PROPOSAL_CLAMP)
                              + self.engine * logit(e)), 3)


class DoubtModel(NamedTuple):
    reading: Weights   # a proposal with readings
    flag: Weights      # a detector's flag (no reading)
    doubt: Weights     # a word no detector touched (``proposal`` unused)

    @property
    def flag_below(self) -> float:
        """The engine confidence under which a word untouched by the detectors is more likely
        wrong than right (the doubt model at 0.5): such words are flagged."""
        if self.doubt.engine >= 0:
            return 0.0
        return logistic(-self.doubt.bias / self.doubt.engine)


def logit(p: float, clamp: tuple[float, float] = CLAMP) -> float:
    p = min(max(p, clamp[0]), clamp[1])
    return math.log(p / (1 - p))


def logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


@lru_cache(maxsize=None)
def model(path: Path = DATA) -> DoubtModel:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return DoubtModel(*(Weights(**{k: v for k, v in raw[part].items() if k in Weights._fields})
                        for part in DoubtModel._fields))


def _words(doc, start: int, end: int):
    """The words ``start:end`` touches; for a span between words, those on either side."""
    return doc.words_in(start, end) or tuple(
        w for w in (doc.word_at(start - 1), doc.word_at(end)) if w is not None)


def engine_confidence(doc, start: int, end: int) -> float | None:
    """The least engine confidence of the words ``start:end`` touches (a span between words:
    the words on either side); None where the file gives none."""
    confs = [w.confidence for w in _words(doc, start, end) if w.confidence is not None]
    return min(confs) if confs else None


def _alternatives(doc, start: int, end: int) -> list[str]:
    return [a for w in _words(doc, start, end) for a in w.alternatives]


def _engine_why(e: float, alternatives: list[str]) -> str:
    why = f"the OCR engine was {e:.0%} sure of the word"
    if alternatives:
        why += f" (its other readings: {', '.join(repr(a) for a in alternatives[:3])})"
    return why


def weigh(proposals: Iterable[Proposal], doc, m: DoubtModel | None = None) -> list[Proposal]:
    """``proposals`` with their confidence as the module docstring says, the engine's
    confidence (and other readings) in their ``why``; unchanged where the file gives none."""
    m = m or model()
    out = []
    for p in proposals:
        e = engine_confidence(doc, p.start, p.end)
        if e is None:
            out.append(p)
            continue
        weights = m.reading if p.readings else m.flag
        out.append(dataclasses.replace(
            p, confidence=weights(p.confidence, e),
            why=f"{p.why}; {_engine_why(e, _alternatives(doc, p.start, p.end))}"))
    return out


def doubtful_words(doc, proposals: Iterable[Proposal], m: DoubtModel | None = None) -> list[Proposal]:
    """Flags on the words the engine doubted (below :attr:`DoubtModel.flag_below`) that no
    proposal touches."""
    m = m or model()
    below = m.flag_below
    # the proposals do not overlap (detection resolved that), so sorted by start their ends
    # rise too: only the last few that start before a word can touch it
    taken = sorted((p.start, p.end) for p in proposals)
    starts = [s for s, _ in taken]
    out = []
    for w in doc.words:
        if w.confidence is None or w.confidence >= below:
            continue
        j = bisect.bisect_left(starts, w.end) - 1
        touched = False
        while j >= 0 and taken[j][1] >= w.start:
            s, e = taken[j]
            if s < w.end and w.start < e or s == e and w.start <= s < w.end:
                touched = True
                break
            j -= 1
        if touched:
            continue
        out.append(Proposal(w.start, w.end, w.text, (), Kind.UNCLEAR,
                            m.doubt(0.5, w.confidence),
                            f"no detector found this word wrong, but {_engine_why(w.confidence, list(w.alternatives))}",
                            "engine"))
    return out


def with_engine_evidence(proposals: list[Proposal], doc, m: DoubtModel | None = None
                         ) -> list[Proposal]:
    """Detection's proposals weighed by the engine's confidence, and its doubted words flagged."""
    m = m or model()
    weighed = weigh(proposals, doc, m)
    return sorted(weighed + doubtful_words(doc, weighed, m), key=lambda p: (p.start, p.end))
