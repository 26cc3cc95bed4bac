"""Confidence that means something: the sum of named features, turned into a probability.

A detector describes its evidence as named features (:data:`edition.detection.evidence.readings.FEATURES`
and friends). Its *score* is a weighted sum of them, and its confidence is the logistic of the
score, ``1 / (1 + exp(-score))``: a logistic regression whose weights were fitted on the tune part
of the development set by ``benchmarks/derive/calibrate.py`` (label: the reading equals the gold). So
a confidence of 0.9 means: among proposals like this one on the development data, nine in ten
were right. The reliability table (predicted against observed, on the held-out check part) is in
``docs/BENCHMARKS.md``.

- :func:`model` — the fitted weights of one model (``edition/detection/data/calibration.json``).
- :func:`score` — the weighted sum of the features.
- :func:`confidence` — the calibrated probability that the proposal is right.
- :func:`contributions` — each feature's share of the score, largest first (for ``why``).
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Mapping, NamedTuple

DATA = Path(__file__).resolve().parent / "data" / "calibration.json"


class Model(NamedTuple):
    bias: float
    weights: dict[str, float]


@lru_cache(maxsize=None)
def _all() -> dict[str, Model]:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    return {name: Model(m["bias"], dict(m["weights"])) for name, m in raw["models"].items()}


def model(name: str = "word") -> Model:
    return _all()[name]


def score(features: Mapping[str, float], name: str = "word") -> float:
    m = model(name)
    return m.bias + sum(w * features.get(f, 0.0) for f, w in m.weights.items())


def confidence(features: Mapping[str, float], name: str = "word") -> float:
    """P(the proposal is right) under the fitted model, rounded to 3 places."""
    s = score(features, name)
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, s)))), 3)


def contributions(features: Mapping[str, float], name: str = "word") -> list[tuple[str, float]]:
    """(feature, weight × value) for the features that moved the score, largest first."""
    m = model(name)
    out = [(f, w * features.get(f, 0.0)) for f, w in m.weights.items() if features.get(f, 0.0)]
    return sorted(out, key=lambda fc: -abs(fc[1]))
