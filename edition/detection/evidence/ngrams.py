"""A word bigram language model: how probable a word is after the word before it.

:func:`log_p` is log10 P(b | a), interpolated from three estimates (Jelinek–Mercer):

    P(b | a) = λ_period · P_period(b | a) + λ_web · P_web(b | a) + λ_word · P(b)

- ``P_period`` — the word pairs of 18th- and 19th-century print: the gold texts of the
  development sets' tune parts (books, newspapers, playbills; ``data/period_pairs.json.gz``,
  derived by ``benchmarks/derive/derive_ngrams.py``): ``the prisoner``, ``was remanded``;
- ``P_web`` — symspellpy's English bigram list (:mod:`.bigrams`: 243,000 pairs of a large web
  corpus), the pair's count over the counts of pairs that begin with ``a``;
- ``P(b)`` — wordfreq's frequency of ``b`` (:mod:`.lexicon`), with :data:`FLOOR` for a word
  no list knows.

A history ``a`` that a source has never seen drops that source and its weight is shared by the
others (the estimate is renormalized). :func:`fit` is how much likelier a word is between its
neighbours than on its own, log P(w | prev) / P(w) + log P(next | w) / P(next): the context's
evidence alone (how common the word is, the word model weighs apart). The word model's feature
``lm`` is how much better a reading fits than the original
(:func:`edition.detection.detectors.words.context_features`).

>>> fit("the", "prisoner", "was") > fit("the", "prisoncr", "was")
True
>>> fit("said", "he", "was") > fit("said", "lie", "was")
True
"""
from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from . import bigrams, lexicon
from .shipped import DerivedTable

DATA = Path(__file__).resolve().parent.parent / "data" / "period_pairs.json.gz"

#: The weights of the three estimates. Chosen on the tune parts' gold texts (each document left
#: out of the period counts when it is scored; ``benchmarks/studies/language_model.py``):
#: see the figures there and in ``docs/BENCHMARKS.md`` ("Newspaper correction, part 2").
LAMBDA_PERIOD, LAMBDA_WEB, LAMBDA_WORD = 0.5, 0.3, 0.2
#: P of a word no list knows (Zipf 0: one in a billion words).
FLOOR = 1e-9


class PeriodPairs(NamedTuple):
    pairs: dict[str, int]  # "a b" → count
    left: dict[str, int]  # a → count of pairs "a *"


def _read_period_pairs() -> tuple[dict[str, int], dict[str, int]]:
    """The pairs of ``DATA`` and the count of the pairs each word begins (as a plain tuple: a
    pickle of built-in types, :mod:`.shipped`)."""
    raw = json.loads(gzip.decompress(DATA.read_bytes()).decode("utf-8"))
    pairs: dict[str, int] = raw["pairs"]
    left: dict[str, int] = {}
    for k, n in pairs.items():
        a = k[:k.index(" ")]
        left[a] = left.get(a, 0) + n
    return pairs, left


#: The period pairs as read from ``DATA``, shipped as a pickle (:mod:`.shipped`): parsing the
#: JSON and summing the pairs of each word took 0.11–0.16 s CPU of every cold `edition detect`
#: on the seed, the pickle 0.03 s (2026-12-05). ``benchmarks/derive/derive_tables.py`` derives it
#: again after ``derive_ngrams.py`` has written a new ``DATA``.
PERIOD_PAIRS = DerivedTable("period-pairs", lambda: (DATA, 1), _read_period_pairs)


@lru_cache(maxsize=1)
def period_pairs() -> PeriodPairs:
    """The period word pairs (read once per process: shipped, or derived from ``DATA``)."""
    return PeriodPairs(*PERIOD_PAIRS.load())


def log_p(a: str | None, b: str) -> float:
    """log10 P(b | a) (lower-cased words; ``a`` None: no history, P(b) alone)."""
    unigram = lexicon.frequencies().get(b, 0.0) + FLOOR
    if a is None:
        return math.log10(unigram)
    period = period_pairs()
    web = bigrams.table()
    total = LAMBDA_WORD * unigram
    weight = LAMBDA_WORD
    n = period.left.get(a)
    if n:
        total += LAMBDA_PERIOD * period.pairs.get(f"{a} {b}", 0) / n
        weight += LAMBDA_PERIOD
    n = web.left.get(a)
    if n:
        total += LAMBDA_WEB * web.pairs.get(f"{a} {b}", 0) / n
        weight += LAMBDA_WEB
    return math.log10(total / weight)


def fits(prev: str | None, words: Iterable[str], nxt: str | None) -> list[float]:
    """``[fit(prev, w, nxt) for w in words]``: the same sums of the same terms, what the tables
    hold for ``prev`` and ``nxt`` looked up once (the readings of one occurrence share them).

    >>> fits("said", ["he", "lie"], "was") == [fit("said", "he", "was"), fit("said", "lie", "was")]
    True
    """
    freq = lexicon.frequencies().get
    period = period_pairs()
    web = bigrams.table()
    log10 = math.log10
    period_pairs_, web_pairs = period.pairs, web.pairs
    period_left, web_left = period.left.get, web.left.get
    if prev is not None:
        prev_period, prev_web = period_left(prev), web_left(prev)
    if nxt is not None:
        next_p = freq(nxt, 0.0) + FLOOR  # log_p(w, nxt)'s unigram
        next_unigram = log10(next_p)  # _unigram(nxt)
    out = []
    for w in words:
        fit_ = 0.0
        w_p = freq(w, 0.0) + FLOOR
        if prev is not None:  # log_p(prev, w) - _unigram(w)
            total = LAMBDA_WORD * w_p
            weight = LAMBDA_WORD
            if prev_period:
                total += LAMBDA_PERIOD * period_pairs_.get(f"{prev} {w}", 0) / prev_period
                weight += LAMBDA_PERIOD
            if prev_web:
                total += LAMBDA_WEB * web_pairs.get(f"{prev} {w}", 0) / prev_web
                weight += LAMBDA_WEB
            fit_ += log10(total / weight) - log10(w_p)
        if nxt is not None:  # log_p(w, nxt) - _unigram(nxt)
            total = LAMBDA_WORD * next_p
            weight = LAMBDA_WORD
            n = period_left(w)
            if n:
                total += LAMBDA_PERIOD * period_pairs_.get(f"{w} {nxt}", 0) / n
                weight += LAMBDA_PERIOD
            n = web_left(w)
            if n:
                total += LAMBDA_WEB * web_pairs.get(f"{w} {nxt}", 0) / n
                weight += LAMBDA_WEB
            fit_ += log10(total / weight) - next_unigram
        out.append(fit_)
    return out


def _unigram(w: str) -> float:
    return math.log10(lexicon.frequencies().get(w, 0.0) + FLOOR)


def fit(prev: str | None, word: str, nxt: str | None) -> float:
    """log10 P(word | prev) / P(word) + log10 P(next | word) / P(next): how much likelier
    ``word`` is between its neighbours than alone (lower-cased; None where a mark or the text's
    edge breaks the context). A word no source pairs with its neighbour gets about
    log10 :data:`LAMBDA_WORD` per side, whatever its own frequency."""
    out = 0.0
    if prev is not None:
        out += log_p(prev, word) - _unigram(word)
    if nxt is not None:
        out += log_p(word, nxt) - _unigram(nxt)
    return out
