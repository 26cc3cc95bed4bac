"""Context: how well a word fits between its neighbours, from word-pair (bigram) counts.

Two sources: symspellpy's English bigram list (242,000 pairs with counts from a large web corpus,
shipped with the package) and the document's own pairs (see :class:`edition.detection.document.Document`).

:func:`association` is a smoothed pointwise mutual information, log10 of observed over expected:

    association(a, b) = log10((B(a, b) + C) / (E(a, b) + C)),  E(a, b) = L(a) · R(b) / T

where ``B`` is the pair's count, ``L(a)`` and ``R(b)`` the counts of pairs starting with ``a`` and
ending with ``b``, ``T`` the total. ``C`` is the list's cut-off (its rarest pair is counted
6,400,000 times): a pair missing from the list may still occur up to ``C`` times, so absence
counts against a pair only when it would be expected far more often than ``C``. ``a`` and ``b``
are lower-cased.
"""
from __future__ import annotations

import importlib.util
import math
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .shipped import DerivedTable


class BigramTable(NamedTuple):
    pairs: dict[str, int]  # "a b" → count
    left: dict[str, int]  # a → total count of pairs "a *"
    right: dict[str, int]  # b → total count of pairs "* b"
    total: int
    cutoff: int


def symspellpy_list(name: str) -> Path:
    """The file of one of symspellpy's shipped lists, located without importing symspellpy (a
    cold start reads only the tables derived from them, :mod:`.shipped`)."""
    spec = importlib.util.find_spec("symspellpy")
    if spec is None or spec.origin is None:
        raise ImportError("symspellpy is not installed")
    return Path(spec.origin).parent / name


def _path() -> Path:
    return symspellpy_list("frequency_bigramdictionary_en_243_342.txt")


def _build(path: Path) -> BigramTable:
    pairs: dict[str, int] = {}
    left: dict[str, int] = {}
    right: dict[str, int] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 3:
                continue
            a, b, n = parts[0], parts[1], int(parts[2])
            pairs[f"{a} {b}"] = pairs.get(f"{a} {b}", 0) + n
            left[a] = left.get(a, 0) + n
            right[b] = right.get(b, 0) + n
    return BigramTable(pairs, left, right, sum(pairs.values()), min(pairs.values()))


#: The table derived from symspellpy's list: shipped in the package (:mod:`.shipped`), kept as a
#: plain tuple (a pickle of built-in types does not depend on module names).
TABLE = DerivedTable("bigrams", lambda: (_path(), 1), lambda: tuple(_build(_path())))


@lru_cache(maxsize=1)
def table() -> BigramTable:
    """The general bigram table (read once: shipped, or derived once per machine)."""
    return BigramTable(*TABLE.load())


def association(a: str, b: str) -> float:
    """Smoothed log10 observed/expected count of the pair ``a b`` (see the module docstring).

    >>> association("i", "am") > 1, association("lie", "knew") < association("he", "knew")
    (True, True)
    """
    t = table()
    a, b = a.lower(), b.lower()
    observed = t.pairs.get(f"{a} {b}", 0)
    expected = t.left.get(a, 0) * t.right.get(b, 0) / t.total
    return math.log10((observed + t.cutoff) / (expected + t.cutoff))


def associations_after(a: str, words: Iterable[str]) -> list[float]:
    """``[association(a, w) for w in words]``, what the table holds for ``a`` looked up once (the
    readings of one occurrence are weighed against the same neighbour; the same arithmetic).

    >>> associations_after("I", ["am", "Was"]) == [association("I", "am"), association("I", "Was")]
    True
    """
    t = table()
    a = a.lower()
    pairs, right, total, cutoff = t.pairs, t.right, t.total, t.cutoff
    left = t.left.get(a, 0)
    log10 = math.log10
    out = []
    for b in words:
        b = b.lower()
        out.append(log10((pairs.get(f"{a} {b}", 0) + cutoff) / (left * right.get(b, 0) / total + cutoff)))
    return out


def associations_before(words: Iterable[str], b: str) -> list[float]:
    """``[association(w, b) for w in words]``, what the table holds for ``b`` looked up once.

    >>> associations_before(["he", "Lie"], "knew") == [association("he", "knew"), association("Lie", "knew")]
    True
    """
    t = table()
    b = b.lower()
    pairs, left, total, cutoff = t.pairs, t.left, t.total, t.cutoff
    right = t.right.get(b, 0)
    log10 = math.log10
    out = []
    for a in words:
        a = a.lower()
        out.append(log10((pairs.get(f"{a} {b}", 0) + cutoff) / (left.get(a, 0) * right / total + cutoff)))
    return out
