"""Dividing a run-together token whose letters are misread as well (``bythopolice`` → ``by the
police``, ``withltherobbery`` → ``with the robbery``): the search.

A division is a sequence of two to :data:`MAX_PIECES` pieces that covers the token, at most
:data:`MAX_CHANGES` confusion of the channel in all. The search is built for cost: every
junction must have a sign of a lost space, so a piece is read only where a junction may be.

- **Function words** (Zipf ≥ :data:`FUNCTION_ZIPF`: the, of, by, with, was, from, which, ...),
  right or misread by one confusion of the channel: their misread forms are listed once per
  process (:func:`function_forms`: ``tho``, ``tlie``, ``bv``, ``fromi``), so each place of the
  token costs a look-up.
- **Content words** (:func:`content_words`: of the dictionary, Zipf ≥ :data:`CONTENT_ZIPF`),
  from a junction to the next or to the token's end, read right or one confusion of the channel
  away (:func:`_misread_content`, p ≥ :data:`CONTENT_MIN_P`: ``notobtaiu`` → ``not obtain``,
  ``aakedherif`` → ``asked her if``). Only the spans between junctions are read, so a token
  costs a few look-ups of the confusion search (kept per process), not one per substring (what
  made reading every piece one confusion away most of the cost of the first division search).
- **Junctions**: a function word on one side, or a capital after a small letter (``fromiSir``).

- :func:`divisions` — a token's divisions, each weighed by the channel and the bigram language
  model (:mod:`.ngrams`) with the token's neighbours, best first.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

from . import lexicon, ngrams
from .candidates import channel_rates
from .confusions import IndexedWords, variants
from .readings import match_case
from .spacing import dictionary_words, is_dictionary_word

#: A function word: Zipf 6 or more (the merge detector's ``FUNCTION_ZIPF``: of, the, by, was,
#: with, from, which; 98 words of two to five letters).
FUNCTION_ZIPF = 6.0
FUNCTION_MAX_LETTERS = 5
#: A content piece: a word of the dictionary at least this common (Zipf 3: one in a million
#: words), as the deep search's readings of more than two edits must be, of three letters or more.
CONTENT_ZIPF = 3.0
CONTENT_MIN_LETTERS = 3
#: A confusion of the channel this likely or more may make a function word's misread form
#: (``o`` read for ``e``: 0.8 %; ``li`` for ``h``: 3 %).
FUNCTION_MIN_P = 1e-3
#: Pieces and confusions of one division. Two confusions (in any pieces) were right 11 times of
#: 660 on BLN600's tune part (one: 97 of 439, none: 236 of 303). Two, one per piece, with content
#: words read one confusion away (p ≥ 1e-3): 1,631 divisions weighed instead of 1,077, 424 right
#: instead of 414, cross-validated at ≥ 0.5 375 of 433 against 370 of 424: not kept.
MAX_PIECES = 4
MAX_CHANGES = 1
#: A content piece may be read one confusion of the channel this likely or more away
#: (``obtaiu`` for ``obtain``: u→n, 2 %): the confusion search's own floor
#: (``confusions.MIN_GENERATE_P``). On BLN600's tune part (``noisy_division.py --fit``, the
#: model refitted each time, five-fold cross-validated): content words read right only, 397
#: divisions right, 355 of 418 at ≥ 0.5 (earlier model and text); one confusion at p ≥ 1e-3,
#: 414 right, 370 of 424; at p ≥ 2e-4, 422 right, 379 of 437, at ≥ 0.9 252 of 266.
CONTENT_MIN_P = 2e-4


class Piece(NamedTuple):
    start: int
    end: int
    word: str  # the reading, in the token's case
    log_p: float  # log10 P(piece | word) of the channel (0: read right)
    changes: tuple[str, ...]  # "o→e" ...
    function: bool


class Division(NamedTuple):
    pieces: tuple[Piece, ...]
    channel: float  # Σ log10 P of the pieces' confusions
    lm: float  # Σ log10 P(word | word before), the neighbours included
    changes: int


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    return frozenset(w for w in lexicon.words_at_least(FUNCTION_ZIPF)
                     if 2 <= len(w) <= FUNCTION_MAX_LETTERS and w.isalpha() and w.isascii()
                     and is_dictionary_word(w))


@lru_cache(maxsize=1)
def function_forms() -> dict[str, tuple[str, float, str]]:
    """Lower-cased form → (function word, log10 P, the change): each function word as it stands
    (log P 0) and misread by one confusion of the channel (``tho`` for ``the``, ``bv`` for
    ``by``); a form two words can give keeps the likelier."""
    rates, _ = channel_rates()
    by_gold: dict[str, list[tuple[str, float]]] = {}
    for (ocr, gold), p in rates.items():
        if p >= FUNCTION_MIN_P and ocr.isalpha() and ocr.isascii() and gold.isalpha() and ocr.lower() != gold:
            by_gold.setdefault(gold, []).append((ocr.lower(), math.log10(p)))
    # the words in a set order: a form two words give with equal likelihood keeps the first
    # (a frozenset's order of strings changes with PYTHONHASHSEED, and with it the runners-up)
    words = sorted(function_words())
    out: dict[str, tuple[str, float, str]] = {}
    for w in words:
        out[w] = (w, 0.0, "")
    for w in words:
        for at in range(len(w)):
            for k in range(1, len(w) - at + 1):
                for ocr, lp in by_gold.get(w[at:at + k], ()):
                    form = w[:at] + ocr + w[at + k:]
                    if form in out and out[form][1] >= lp:
                        continue
                    out[form] = (w, lp, f"{ocr}→{w[at:at + k]}")
    return out


@lru_cache(maxsize=1)
def content_words() -> frozenset[str]:
    """The words a content piece may be read as, lower-cased: of the dictionary, and at least
    :data:`CONTENT_ZIPF` common."""
    # an IndexedWords keeps its own index for the confusion search (:func:`_misread_content`): a
    # plain frozenset would take a place among the few sets whose indexes are kept by identity
    # and push a text's own word sets out, their indexes built again and again
    return IndexedWords(w for w in lexicon.words_at_least(CONTENT_ZIPF) & dictionary_words()
                        if len(w) >= CONTENT_MIN_LETTERS)


@lru_cache(maxsize=1)
def _form_starts() -> tuple[frozenset[str], int]:
    """The first two letters of the function words' forms, and the longest form's length: a
    place whose two letters begin no form is passed over with one look-up."""
    forms = function_forms()
    return frozenset(f[:2] for f in forms), max(map(len, forms))


def _function_pieces(token: str, low: str) -> list[Piece]:
    forms = function_forms()
    heads, longest = _form_starts()
    n = len(low)
    out = []
    for j in range(n - 1):
        if low[j:j + 2] not in heads:
            continue
        for i in range(j + 2, min(n, j + longest) + 1):
            hit = forms.get(low[j:i])
            if hit is None:
                continue
            word, lp, change = hit
            if token[j].isupper():
                word = word.capitalize()
            out.append(Piece(j, i, word, lp, (change,) if change else (), True))
    return out


@lru_cache(maxsize=65536)
def _misread_content(low: str) -> tuple[tuple[str, float, str], ...]:
    """The content words one confusion of the channel (p ≥ :data:`CONTENT_MIN_P`) from ``low``
    (lower case): (word, log10 P, the change), best first."""
    floor = math.log10(CONTENT_MIN_P)
    return tuple((v.reading, v.log_p, str(v.changes[0]))
                 for v in variants(low, content_words(), max_changes=1, generic=False)
                 if v.log_p >= floor and v.reading.islower())  # not ``tIe`` for ``tle``: the case is the token's


def _may_begin(low: str, n: int) -> bool:
    """Whether some piece may open a division of ``low``: a function word's form or a content
    word (a necessary test, made before the search: most tokens fail it)."""
    forms, content = function_forms(), content_words()
    _, longest = _form_starts()
    return (any(low[:k] in forms for k in range(2, min(longest, n - 1) + 1))
            or any(low[:k] in content for k in range(CONTENT_MIN_LETTERS, n - 1)))


def _may_end(low: str, n: int) -> bool:
    """:func:`_may_begin` for the piece that ends a division."""
    forms, content = function_forms(), content_words()
    _, longest = _form_starts()
    return (any(low[n - k:] in forms for k in range(2, min(longest, n - 1) + 1))
            or any(low[n - k:] in content for k in range(CONTENT_MIN_LETTERS, n - 1)))


def _case_fits(piece: str) -> bool:
    """Capitals only at the piece's start, or the piece in capitals (``andAPpeared``,
    ``thecirCnmstances``: the case is damaged too, and a division would keep it)."""
    return piece[1:].islower() or piece.isupper()


def divisions(token: str, prev: str | None, nxt: str | None, limit: int = 3) -> list[Division]:
    """The best divisions of ``token`` (letters only) between the words ``prev`` and ``nxt``
    (None across a mark), best first by channel and language model together: every junction has
    a function word on one side or a capital after a small letter.

    >>> [" ".join(p.word for p in d.pieces) for d in divisions("bythopolice", "taken", "to")][:1]
    ['by the police']
    >>> [str(c) for p in divisions("fromiSir", "letter", "John")[0].pieces for c in p.changes]
    ['mi→m']
    """
    n = len(token)
    low = token.lower()
    # with one confusion in all, a misread content word may open or end the division, not both
    if not (_may_begin(low, n) or _may_end(low, n)):
        return []
    func = _function_pieces(token, low)
    capitals = set() if low == token or token[1:] == low[1:] else {
        k for k in range(1, n) if token[k].isupper() and token[k - 1].islower()}
    if not func and not capitals:
        return []
    starting: dict[int, list[Piece]] = {}
    for p in func:
        starting.setdefault(p.start, []).append(p)
    # a content piece starts at the token's start, after a function piece or at a capital, and
    # ends at the token's end, before a function piece or before a capital
    starts = {0} | {p.end for p in func} | capitals
    ends = {n} | {p.start for p in func} | capitals
    content = content_words()
    for j in starts:
        for i in ends:
            if i - j < CONTENT_MIN_LETTERS or (j, i) == (0, n) or not _case_fits(token[j:i]):
                continue
            if low[j:i] in content:
                starting.setdefault(j, []).append(Piece(j, i, token[j:i], 0.0, (), False))
    found: list[Division] = []
    ends_in_order = sorted(ends)
    misread: dict[int, list[Piece]] = {}

    def misread_from(j: int) -> list[Piece]:
        """The content pieces from ``j`` to a junction, one confusion away: read only where the
        walk reaches with no confusion yet and a content word may begin (most places never)."""
        out = misread.get(j)
        if out is None:
            out = misread[j] = []
            for i in ends_in_order:
                piece = token[j:i]
                if (i - j < CONTENT_MIN_LETTERS or (j, i) == (0, n) or low[j:i] in content
                        or not _case_fits(piece)):
                    continue
                for word, lp, change in _misread_content(low[j:i]):
                    out.append(Piece(j, i, match_case(piece, word), lp, (change,), False))
        return out

    def walk(at: int, pieces: tuple[Piece, ...], changes: int) -> None:
        if at == n:
            if len(pieces) >= 2:
                found.append(_weighed(pieces, prev, nxt, changes))
            return
        if len(pieces) >= MAX_PIECES:
            return
        for p in starting.get(at, ()):
            c = changes + len(p.changes)
            if c > MAX_CHANGES:
                continue
            if pieces:
                last = pieces[-1]
                if not (last.function or p.function or at in capitals):
                    continue  # two content words with no sign of a lost space between them
            walk(p.end, pieces + (p,), c)
        if changes < MAX_CHANGES and (not pieces or pieces[-1].function or at in capitals):
            for p in misread_from(at):
                walk(p.end, pieces + (p,), changes + len(p.changes))

    walk(0, (), 0)
    found.sort(key=lambda d: -(d.channel + d.lm))
    return found[:limit]


def _weighed(pieces: tuple[Piece, ...], prev: str | None, nxt: str | None, changes: int) -> Division:
    words = [p.word.lower() for p in pieces]
    lm = ngrams.log_p(prev.lower() if prev else None, words[0])
    for a, b in zip(words, words[1:]):
        lm += ngrams.log_p(a, b)
    if nxt:
        lm += ngrams.log_p(words[-1], nxt.lower())
    return Division(pieces, sum(p.log_p for p in pieces), lm, changes)
