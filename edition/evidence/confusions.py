"""The OCR confusion model: which strings OCR reads for which, and how often.

The weights are *derived*, not guessed: ``benchmarks/derive_confusions.py`` counts them in the
aligned OCR and gold of the development set and writes ``edition/data/confusions.json`` (see that
script for the method). Each :class:`Confusion` says: the OCR string ``ocr`` stood for ``gold``
``n`` times out of the ``N`` times it occurs in OCR words, so ``p = n / N`` estimates
P(gold | ocr).

- :func:`table` — every confusion, indexed by its OCR side.
- :func:`stay_probability` — the chance an OCR string is right as it stands (``é`` in English:
  8 %; ``o``: 96 %).
- :func:`variants` — the readings a word could stand for, each with the confusions that produce
  it and its log10 channel probability; used to generate and weigh candidates.

Only confusions whose gold side is made of letters (and apostrophes) are used: the model proposes
readings of words; punctuation, hyphens and spaces have their own detectors.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import AbstractSet, Iterator, NamedTuple

import regex

DATA = Path(__file__).resolve().parent.parent / "data" / "confusions.json"

#: P(gold | ocr) of an edit the development data never showed (any letter substituted, inserted or
#: deleted). The rarest confusions kept by the derivation (3 sightings of a letter that occurs
#: ~50,000 times) have p ≈ 6e-5; an unseen edit is taken as rarer still.
UNSEEN_EDIT_P = 1e-5

#: Confusions rarer than this are not used to *generate* candidates (they still weigh them):
#: below it a second edit multiplies the candidates for almost no gain (measured on the tune part).
MIN_GENERATE_P = 2e-4

#: Two confusions in one word are tried only when together they are at least this likely: the
#: same as one unseen edit times ten (a pair rarer than that never won on the tune part).
MIN_PAIR_P = 1e-4

#: Glyphs that look alike in print (the design table's list: 1/l/I, 0/o, 5/s, rn/m, li/h, cl/d,
#: vv/w, c/e, f/t, t/l, R/H/B, X/K, and the neighbours they share a shape with). Any two members of
#: one group are a *plausible* confusion, in both directions, even when the development data never
#: shows it: its ~200,000 words are a few books' type read by a few OCR engines; another book's type
#: (a worn ``t`` that reads as ``l``, a ``K`` with a weak arm read as ``X``) makes other pairs.
VISUAL_GROUPS = (
    ("1", "l", "I", "i", "|", "!"),
    ("0", "o", "O"),
    ("5", "s", "S"),
    ("rn", "m"), ("ri", "n"), ("li", "h"), ("cl", "d"), ("vv", "w"), ("ii", "u"), ("in", "m"),
    ("c", "e", "o"),
    ("f", "t", "l"),
    ("h", "b"),
    ("n", "u"),
    ("R", "H", "B"),
    ("X", "K"),
)
#: The prior rate of a plausible (visually similar) confusion, added to the rate the development
#: data shows: as likely as the rarest confusion the derivation keeps (3 sightings of a letter that
#: occurs ~50,000 times, p ≈ 6e-5). An unseen pair gets this small non-zero weight, above an
#: arbitrary unseen edit (:data:`UNSEEN_EDIT_P`); the document's own counts (a form seen once beside
#: a frequent form one such confusion away) then carry the evidence. A seen pair barely moves
#: (``t→l``: 8.0e-4 → 8.6e-4).
VISUAL_PRIOR_P = 6e-5


def visual_pairs() -> frozenset[tuple[str, str]]:
    """Every (ocr, gold) pair of :data:`VISUAL_GROUPS`, both directions.

    >>> ("t", "l") in visual_pairs(), ("X", "K") in visual_pairs(), ("a", "z") in visual_pairs()
    (True, True, False)
    """
    return frozenset((a, b) for g in VISUAL_GROUPS for a in g for b in g if a != b)


_GOLD_OK = regex.compile(r"^[\p{L}'’]+$")
_OCR_OK = regex.compile(r"^[^\s\-.,;:?\"()]+$")
_LIGATURES = set("\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06")


class Confusion(NamedTuple):
    ocr: str
    gold: str
    n: int
    N: int
    prior: float = 0.0  # VISUAL_PRIOR_P for a visually similar pair (see there), else 0

    @property
    def p(self) -> float:
        return self.n / self.N + self.prior


class Change(NamedTuple):
    """One confusion applied at a position of a word."""

    at: int
    ocr: str
    gold: str
    p: float

    def __str__(self) -> str:
        return f"{self.ocr}→{self.gold}"


class Variant(NamedTuple):
    """A reading of a word and how the OCR would have produced the word from it."""

    reading: str
    changes: tuple[Change, ...]
    log_p: float  # log10 of the product of the changes' probabilities


@lru_cache(maxsize=1)
def table() -> dict[str, tuple[Confusion, ...]]:
    """OCR side → its confusions (most frequent first)."""
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    visual = visual_pairs()
    out: dict[str, list[Confusion]] = {}
    for ocr, gold, n, N in raw["confusions"]:
        if not (_GOLD_OK.match(gold) and _OCR_OK.match(ocr)) or _LIGATURES & set(gold + ocr):
            continue
        if gold.lower() == ocr.lower() and len(gold) == len(ocr):
            continue  # case changes are the case detector's
        prior = VISUAL_PRIOR_P if (ocr, gold) in visual else 0.0
        out.setdefault(ocr, []).append(Confusion(ocr, gold, n, N, prior))
    # Visually similar pairs the data never showed (or showed fewer than ``min_seen`` times)
    # enter with the prior alone: seen 0 times in 1.
    for ocr, gold in sorted(visual):
        if _GOLD_OK.match(gold) and not any(c.gold == gold for c in out.get(ocr, ())):
            out.setdefault(ocr, []).append(Confusion(ocr, gold, 0, 1, VISUAL_PRIOR_P))
    return {k: tuple(sorted(v, key=lambda c: -c.p)) for k, v in out.items()}


@lru_cache(maxsize=1)
def _max_side() -> int:
    return max(len(k) for k in table())


def stay_probability(ocr: str) -> float:
    """The chance that ``ocr`` is right as OCR read it (1.0 when no confusion is known).

    >>> stay_probability("é") < 0.2, stay_probability("x") == 1.0
    (True, True)
    """
    conf = table().get(ocr)
    if not conf:
        return 1.0
    return max(0.0, 1.0 - sum(c.p for c in conf))


def suspicious_parts(word: str, below: float = 0.5) -> list[tuple[str, float]]:
    """The substrings of ``word`` that are right less often than ``below``, with that chance.

    >>> [part for part, stay in suspicious_parts("thé")]
    ['é']
    """
    out = []
    t = table()
    for k in range(1, _max_side() + 1):
        for s in range(len(word) - k + 1):
            sub = word[s:s + k]
            if sub in t:
                stay = stay_probability(sub)
                if stay < below:
                    out.append((sub, round(stay, 2)))
    return out


@lru_cache(maxsize=4)
def _generating(min_p: float) -> dict[str, tuple[tuple[str, float], ...]]:
    """OCR side → (gold, p) of the confusions likely enough to generate candidates."""
    out = {}
    for ocr, confs in table().items():
        # A visually similar pair always generates, however rare the data says it is: that is
        # what its prior is for (a few dozen pairs, a few lookups per word).
        kept = tuple((c.gold, c.p) for c in confs if c.p >= min_p or c.prior)
        if kept:
            out[ocr] = kept
    return out


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _generic_changes(word: str, *known: AbstractSet[str]) -> Iterator[Change]:
    """The single-letter deletions, substitutions and insertions (Norvig's edits1) whose result,
    lower-cased, is in one of the ``known`` sets. Built as plain strings first: only known ones
    become :class:`Change` records (this loop runs ~50 times per letter of every unknown word)."""
    low = word.lower()
    n = len(low)
    # The first set is the big lexicon; the others (the text's and project's words) are small
    # and merged, so each edit costs two set lookups, written out inline for speed.
    a = known[0]
    b = known[1] if len(known) == 2 else frozenset().union(*known[1:])
    for i in range(n):
        head, tail = low[:i], low[i + 1:]
        s = head + tail
        if s in a or s in b:
            yield Change(i, word[i], "", UNSEEN_EDIT_P)
        li = low[i]
        for ch in _LETTERS:
            s = head + ch + tail
            if (s in a or s in b) and ch != li:
                yield Change(i, word[i], ch, UNSEEN_EDIT_P)
    for i in range(n + 1):
        head, tail = low[:i], low[i:]
        for ch in _LETTERS:
            s = head + ch + tail
            if s in a or s in b:
                yield Change(i, "", ch, UNSEEN_EDIT_P)


def _apply(word: str, changes: tuple[Change, ...]) -> str:
    if len(changes) == 1:
        c = changes[0]
        return word[:c.at] + c.gold + word[c.at + len(c.ocr):]
    out, pos = [], 0
    for c in sorted(changes, key=lambda c: c.at):
        out.append(word[pos:c.at])
        out.append(c.gold)
        pos = c.at + len(c.ocr)
    out.append(word[pos:])
    return "".join(out)


def variants(word: str, *known: AbstractSet[str], max_changes: int = 2, generic: bool = True
             ) -> list[Variant]:
    """Readings of ``word`` whose lower-cased form is in one of the ``known`` sets (e.g. the
    lexicon's words, the text's recurring forms), best channel first.

    A reading is produced by up to ``max_changes`` non-overlapping confusions of the table, or by
    one unseen edit (``generic``). Each reading is reported once, with its likeliest derivation.

    >>> [v.reading for v in variants("wiU", {"will"})]
    ['will']
    """
    own = word.lower()
    big = known[0] if known else frozenset()
    small = known[1] if len(known) == 2 else frozenset().union(*known[1:])

    def accept(reading: str) -> bool:
        low = reading.lower()
        return (low in big or low in small) and low != own

    best: dict[str, Variant] = {}

    def consider(changes: tuple[Change, ...]) -> None:
        reading = _apply(word, changes)
        if not reading or not accept(reading):
            return
        lp = sum(math.log10(c.p) for c in changes)
        old = best.get(reading)
        if old is None or lp > old.log_p:
            best[reading] = Variant(reading, changes, lp)

    # Single confusions, written out: this loop runs ~35 times per word form of a text, so it
    # builds plain strings and makes a Change only for a reading that is a known word.
    table_ = _generating(MIN_GENERATE_P)
    n = len(word)
    singles: list[tuple[int, str, str, float]] = []
    for k in range(1, _max_side() + 1):
        for at in range(n - k + 1):
            sub = word[at:at + k]
            options = table_.get(sub)
            if not options:
                continue
            head, tail = word[:at], word[at + k:]
            for gold, p in options:
                singles.append((at, sub, gold, p))
                reading = head + gold + tail
                low = reading.lower()
                if (low in big or low in small) and low != own and reading:
                    lp = math.log10(p)
                    old = best.get(reading)
                    if old is None or lp > old.log_p:
                        best[reading] = Variant(reading, (Change(at, sub, gold, p),), lp)
    if max_changes >= 2:
        strong = [Change(*c) for c in singles if c[3] >= 1e-3]
        for i, a in enumerate(strong):
            for b in strong[i + 1:]:
                if a.p * b.p >= MIN_PAIR_P and (a.at + len(a.ocr) <= b.at or b.at + len(b.ocr) <= a.at):
                    consider((a, b))
    if generic:
        for c in _generic_changes(word, big, small):
            consider((c,))
    return sorted(best.values(), key=lambda v: (-v.log_p, v.reading))
