"""The general English lexicon: word frequencies from shipped packages (no download at run time).

- :func:`frequencies` — the whole list: lower-cased word → frequency (share of running words),
  from ``wordfreq``'s large English list (321,000 words, includes names and inflections).
- :func:`zipf` — Zipf frequency of a word (log10 of occurrences per billion words; 0 for unknown).
- :func:`is_common_word` — a word the general lexicon knows well enough to trust.

The list is read once per process (``lru_cache``); a lookup is one dict access, so the detectors
can afford one for every token.
"""
from __future__ import annotations

import importlib.util
import math
from functools import lru_cache
from pathlib import Path

from ._cache import cached, fingerprint

#: Frequency below which the general lexicon is not trusted: wordfreq's large list includes OCR
#: debris and foreign words at Zipf 1–2 ("thé", "krushchev"); Zipf 1.5 is about 30 occurrences
#: per billion words.
DEFAULT_MIN_ZIPF = 1.5


def _wordfreq_data() -> Path:
    """wordfreq's English list, located without importing wordfreq (its import alone costs
    0.2 s of a cold start)."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        raise ImportError("wordfreq is not installed")
    return Path(spec.origin).parent / "data" / "large_en.msgpack.gz"


def _read_wordfreq() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", wordlist="large")


@lru_cache(maxsize=1)
def frequencies() -> dict[str, float]:
    """Lower-cased word → frequency in running English text (0 < f < 1).

    Read from wordfreq once and kept as a pickle in the user's cache (see
    :mod:`edition.evidence._cache`): 0.1 s to load instead of 0.7 s to decode."""
    data = _wordfreq_data()
    key = fingerprint(data, 1) if data.exists() else "unversioned"
    return cached("wordfreq-en-large", key, _read_wordfreq)


@lru_cache(maxsize=8)
def words_at_least(min_zipf: float) -> frozenset[str]:
    """The lower-cased words at or above ``min_zipf``: a set, for fast membership tests.

    >>> "the" in words_at_least(3.0), "capitatist" in words_at_least(0.5)
    (True, False)
    """
    least = 10 ** (min_zipf - 9)
    return frozenset(w for w, f in frequencies().items() if f >= least)


def frequency(word: str) -> float:
    """Frequency of ``word`` (case-insensitive) in English; 0.0 when unknown."""
    return frequencies().get(word.lower(), 0.0)


def zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English (case-insensitive); 0.0 when unknown.

    >>> zipf("the") > 7, zipf("xqzt")
    (True, 0.0)
    """
    f = frequencies().get(word.lower())
    return round(math.log10(f) + 9, 2) if f else 0.0


def is_common_word(word: str, min_zipf: float = DEFAULT_MIN_ZIPF) -> bool:
    """True when the general lexicon knows ``word`` (at or above ``min_zipf``).

    >>> is_common_word("Stalin"), is_common_word("capitatist")
    (True, False)
    """
    return zipf(word) >= min_zipf
