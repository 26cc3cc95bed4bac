"""Where English sets commas: evidence for telling a stray comma from a writer's comma.

A speck on the page that OCR reads as a comma between two words (``the friends, of your
leadership``) looks, mark for mark, like any other comma. What tells them apart is *where* it
stands: some words are almost never followed by a comma (``the``, ``of``, ``were``), some almost
never preceded by one (``of``, ``be``), and a document that writes a pair of words together
elsewhere rarely splits it. The numbers are *derived*: ``benchmarks/derive/derive_comma_rates.py``
counts them in the gold text of the development set's ``tune`` part and fits the weights of
:func:`stray_probability` on that part's OCR; it writes ``edition/detection/data/comma_rates.json``.

- :func:`after_rate`, :func:`before_rate` — P(comma right after / right before a word), each
  word's own count smoothed towards its word class (:func:`word_class`), so that a word seen
  three times does not get a rate of 0 or 1.
- :func:`stray_features` — the named features of one comma between two words.
- :func:`stray_probability` — the chance that such a comma is a speck, a logistic model of the
  features; it is the rule's confidence (its reliability is measured on the ``check`` part).

>>> after_rate("the") < 0.01 < after_rate("said")
True
>>> before_rate("of") < before_rate("which")
True
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Mapping, NamedTuple

DATA = Path(__file__).resolve().parent.parent / "data" / "comma_rates.json"

#: Word-class suffixes, tried in order (a word is in the first whose ending it has and that
#: leaves at least three letters): adverbs, participles, past tenses, plurals; "-" is the rest.
CLASS_SUFFIXES = ("ly", "ing", "ed", "s")

#: The features of :func:`stray_features`, in the order of the model's weights.
FEATURES = ("after", "before", "association", "doc_after", "doc_pair")


class Counts(NamedTuple):
    """Occurrences of a word (or a class) in the gold text, how many of them a comma follows,
    and how many a comma (and a space) precedes."""

    n: int
    after: int
    before: int


class CommaModel(NamedTuple):
    words: Mapping[str, Counts]  # lower-case word → counts (words seen often enough)
    classes: Mapping[str, Counts]  # word class → counts over all its words
    prior_weight: float  # pseudo-occurrences of the class rate added to a word's own counts
    intercept: float
    weights: Mapping[str, float]  # feature name → weight


def word_class(word: str) -> str:
    """The class a rare word borrows its rates from: its ending.

    >>> [word_class(w) for w in ("warmly", "working", "loved", "friends", "duty", "is")]
    ['-ly', '-ing', '-ed', '-s', '-', '-']
    """
    w = word.lower()
    for suffix in CLASS_SUFFIXES:
        if w.endswith(suffix) and len(w) >= len(suffix) + 3:
            return "-" + suffix
    return "-"


@lru_cache(maxsize=1)
def model() -> CommaModel:
    """The derived rates and weights (read once)."""
    with open(DATA, encoding="utf-8") as f:
        data = json.load(f)
    stray = data["stray_model"]
    return CommaModel({w: Counts(*c) for w, c in data["words"].items()},
                      {k: Counts(*c) for k, c in data["classes"].items()},
                      float(data["prior_weight"]), float(stray["intercept"]), dict(stray["weights"]))


def smoothed_rate(k: int, n: int, prior: float, prior_weight: float) -> float:
    """``(k + w·prior) / (n + w)``: a word's own rate pulled towards its class's rate ``prior``
    by ``w`` pseudo-occurrences (``k`` of ``n`` seen).

    >>> smoothed_rate(0, 0, 0.1, 10), smoothed_rate(0, 990, 0.1, 10)
    (0.1, 0.001)
    """
    return (k + prior_weight * prior) / (n + prior_weight)


def _rate(word: str, field: int, drop: tuple[int, int], m: CommaModel | None) -> float:
    m = m or model()
    cls = m.classes[word_class(word)]
    own = m.words.get(word.lower(), Counts(0, 0, 0))
    n, k = own.n - drop[0], own[field] - drop[1]
    return smoothed_rate(max(k, 0), max(n, 0), cls[field] / cls.n, m.prior_weight)


def after_rate(word: str, drop: tuple[int, int] = (0, 0), m: CommaModel | None = None) -> float:
    """P(a comma right after ``word``). ``drop`` = (occurrences, commas) to leave out of the
    word's counts: the derivation scores each occurrence without itself. ``m``: the derived
    model unless another is given (the derivation passes the one it is building)."""
    return _rate(word, 1, drop, m)


def before_rate(word: str, drop: tuple[int, int] = (0, 0), m: CommaModel | None = None) -> float:
    """P(a comma right before ``word``); ``drop`` and ``m`` as for :func:`after_rate`."""
    return _rate(word, 2, drop, m)


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def stray_features(after: float, before: float, association: float, doc_commas: int, doc_others: int,
                   doc_pair: int) -> dict[str, float]:
    """Features of a comma between ``w1`` and ``w2``.

    ``after``/``before`` — :func:`after_rate` of ``w1`` and :func:`before_rate` of ``w2``;
    ``association`` — of the pair in the general bigram list (:func:`edition.detection.evidence.bigrams.association`);
    ``doc_commas`` of ``doc_others`` — how many of the *other* occurrences of ``w1`` in the
    document a comma follows (Laplace-smoothed, so a word seen once says nothing);
    ``doc_pair`` — how often the document writes ``w1 w2`` with nothing between.

    >>> f = stray_features(0.004, 0.02, 1.0, 0, 20, 3)
    >>> round(f["after"], 2), round(f["doc_after"], 2), round(f["doc_pair"], 2)
    (-5.52, -3.04, 1.39)
    """
    return {
        "after": logit(after),
        "before": logit(before),
        "association": association,
        "doc_after": logit((doc_commas + 1) / (doc_others + 2)),
        "doc_pair": math.log(1 + doc_pair),
    }


def stray_probability(features: Mapping[str, float], weights: Mapping[str, float] | None = None,
                      intercept: float | None = None) -> float:
    """The chance that the comma these features describe is a speck (logistic model; the
    derived weights unless others are given)."""
    if weights is None or intercept is None:
        m = model()
        weights, intercept = m.weights, m.intercept
    z = intercept + sum(weights[name] * features[name] for name in FEATURES)
    return 1 / (1 + math.exp(-z))
