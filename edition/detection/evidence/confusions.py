"""The OCR confusion model: which strings OCR reads for which, and how often.

The weights are *derived*, not guessed: ``benchmarks/derive/derive_confusions.py`` counts them in the
aligned OCR and gold of the development set and writes ``edition/detection/data/confusions.json`` (see that
script for the method). Each :class:`Confusion` says: the OCR string ``ocr`` stood for ``gold``
``n`` times out of the ``N`` times it occurs in OCR words, so ``p = n / N`` estimates
P(gold | ocr).

- :func:`table` — every confusion, indexed by its OCR side.
- :func:`initial_table` — the confusions that are likelier at the start of a word (a capital's).
- :func:`stay_probability` — the chance an OCR string is right as it stands (``é`` in English:
  8 %; ``o``: 96 %).
- :func:`variants` — the readings a word could stand for, each with the confusions that produce
  it and its log10 channel probability; used to generate and weigh candidates.
- :class:`SearchIndex` / :func:`search_index` — filters of a word set (beginnings, endings and
  one-edit masks of its words) that confine the search of :func:`variants` to the places around
  an OCR error; the lexicon's is kept on disk (:class:`edition.detection.evidence.lexicon.WordSet`), a
  document's is built in memory (:class:`HashCounts`). They only skip work: the readings found
  are the same as without them (``tests/test_detection_cache.py``).

Only confusions whose gold side is made of letters (and apostrophes) are used: the model proposes
readings of words; punctuation, hyphens and spaces have their own detectors.
"""
from __future__ import annotations

import json
import math
import threading
from functools import lru_cache
from pathlib import Path
from typing import AbstractSet, Container, Iterable, Iterator, NamedTuple

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


#: A word-initial rate replaces the overall one only when the data could hardly show that many
#: word-initial cases at the overall rate (one-sided Poisson test): a few sightings are noise
#: (``R`` read for ``B``: 4 of 532 word-initial ``R`` where 1.8 were expected, p = 0.11), many
#: are a pattern (``l`` for ``I``: 18 where 2 were expected).
INITIAL_SIGNIFICANCE = 0.01


@lru_cache(maxsize=1)
def initial_table() -> dict[str, tuple[Confusion, ...]]:
    """OCR side → its confusions at the start of a word (most frequent first), where the data
    shows them more often than :func:`table` does over all positions (``initial`` of the JSON;
    ``N`` counts the OCR words that begin with the OCR side).

    Only confusions whose gold side holds a capital: a capital is a letter of word beginnings,
    so ``l`` read for ``I`` is ten times likelier there (0.9 % of word-initial OCR ``l`` in the
    tune part, 0.1 % of all). Word-initial small letters (``e`` for ``a``, ``u`` for ``a``) were
    tried too: more readings of short real words (``end`` → ``and``, ``us`` → ``as``, ``en`` →
    ``on``), broken words per 1,000 up on both parts of the monographs (3.84 → 3.97 tune,
    3.47 → 3.69 check); with capitals only, recall rose and nothing got worse
    (``benchmarks/detection_dev.py --detectors glyph,words``).

    >>> [(c.ocr, c.gold) for c in initial_table()["l"]]
    [('l', 'I')]
    """
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    general = table()
    out: dict[str, list[Confusion]] = {}
    for ocr, gold, n, N in raw.get("initial", ()):
        if not (_GOLD_OK.match(gold) and _OCR_OK.match(ocr)) or _LIGATURES & set(gold + ocr):
            continue
        if gold.lower() == ocr.lower() and len(gold) == len(ocr):
            continue
        if not any(ch.isupper() for ch in gold):
            continue  # see the docstring
        c = Confusion(ocr, gold, n, N)
        rate = max((g.p for g in general.get(ocr, ()) if g.gold == gold), default=0.0)
        if poisson_tail(n, N * rate) < INITIAL_SIGNIFICANCE:
            out.setdefault(ocr, []).append(c)
    return {k: tuple(sorted(v, key=lambda c: -c.p)) for k, v in out.items()}


def poisson_tail(n: int, lam: float) -> float:
    """P(X ≥ n) for X ~ Poisson(lam).

    >>> round(poisson_tail(4, 1.8), 2), poisson_tail(0, 5.0)
    (0.11, 1.0)
    """
    if n <= 0:
        return 1.0
    term = total = math.exp(-lam)
    for k in range(1, n):
        term *= lam / k
        total += term
    return max(0.0, 1.0 - total)


def confusion_p(ocr: str, gold: str, initial: bool = False) -> float | None:
    """P(gold | ocr) of a known confusion (at the start of a word with ``initial``), or None.

    >>> confusion_p("l", "I", initial=True) > 5 * confusion_p("l", "I"), confusion_p("l", "q")
    (True, None)
    """
    best = None
    for t in (table(), initial_table()) if initial else (table(),):
        for c in t.get(ocr, ()):
            if c.gold == gold and (best is None or c.p > best):
                best = c.p
    return best


@lru_cache(maxsize=1)
def _max_side() -> int:
    return max(len(k) for k in table())


def stay_probability(ocr: str) -> float:
    """The chance that ``ocr`` is right as OCR read it (1.0 when no confusion is known).

    >>> stay_probability("é") < 0.2, stay_probability("x") == 1.0
    (True, True)
    """
    return _stays().get(ocr, 1.0)


@lru_cache(maxsize=1)
def _stays() -> dict[str, float]:
    """OCR side → the chance it is right (:func:`stay_probability`), computed once: every word
    form of a text asks for every substring it holds."""
    return {ocr: max(0.0, 1.0 - sum(c.p for c in conf)) for ocr, conf in table().items()}


def suspicious_parts(word: str, below: float = 0.5) -> list[tuple[str, float]]:
    """The substrings of ``word`` that are right less often than ``below``, with that chance.

    >>> [part for part, stay in suspicious_parts("thé")]
    ['é']
    """
    out = []
    stays = _stays()
    for k in range(1, _max_side() + 1):
        for s in range(len(word) - k + 1):
            stay = stays.get(word[s:s + k])
            if stay is not None and stay < below:
                out.append((word[s:s + k], round(stay, 2)))
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


@lru_cache(maxsize=4)
def _generating_log(min_p: float) -> dict[str, tuple[tuple[str, float, float, str | None], ...]]:
    """:func:`_generating` with each confusion's log10 p (computed once instead of per word) and
    its gold side lower-cased when that is plain ASCII (else None: see :func:`variants`)."""
    return {ocr: tuple((gold, p, math.log10(p), gold.lower() if gold.isascii() else None) for gold, p in kept)
            for ocr, kept in _generating(min_p).items()}


@lru_cache(maxsize=4)
def _initial_generating_log(min_p: float) -> dict[str, tuple[tuple[str, float, float, str | None], ...]]:
    """:func:`_generating_log` for the start of a word: for an OCR side with word-initial rates
    (:func:`initial_table`), its confusions with the higher of the two rates; other sides are
    not listed (the general entry applies)."""
    general = _generating_log(min_p)
    out = {}
    for ocr, confs in initial_table().items():
        best = {gold: p for gold, p, _, _ in general.get(ocr, ())}
        for c in confs:
            if c.p >= min_p and c.p > best.get(c.gold, 0.0):
                best[c.gold] = c.p
        out[ocr] = tuple((gold, p, math.log10(p), gold.lower() if gold.isascii() else None)
                         for gold, p in sorted(best.items(), key=lambda gp: -gp[1]))
    return out


#: One entry of :func:`_split`: all options of an OCR side (gold, p, log10 p, lower-cased ASCII
#: gold or None), those likely enough to enter a pair (p ≥ 1e-3), and those with a gold side
#: that is not plain ASCII (the only ones a search that cannot reach a word still tries).
_Entry = tuple[tuple[tuple[str, float, float, "str | None"], ...], tuple, tuple]


def _split(generating: dict) -> dict[str, _Entry | None]:
    """OCR side → :data:`_Entry` (None for a side without options), each part in the order of
    ``generating``: :func:`variants` then walks only the options a place can use."""
    return {ocr: ((opts, tuple(o for o in opts if o[1] >= 1e-3), tuple(o for o in opts if o[3] is None))
                  if opts else None)
            for ocr, opts in generating.items()}


@lru_cache(maxsize=4)
def _split_generating(min_p: float) -> dict[str, _Entry | None]:
    return _split(_generating_log(min_p))


@lru_cache(maxsize=4)
def _split_initial_generating(min_p: float) -> dict[str, _Entry | None]:
    return _split(_initial_generating_log(min_p))


#: The letters an edit outside the confusion table may write (an unseen substitution or
#: insertion, :func:`_generic_changes`; a name's one-letter neighbours,
#: :mod:`edition.detection.detectors.variant`): the 26 of English, lower case.
EDIT_LETTERS = "abcdefghijklmnopqrstuvwxyz"

#: The character that stands for "any letter" in a one-edit mask (no word holds it).
HOLE = "\0"


def one_edit_masks(words: Iterable[str]) -> set[str]:
    """Every word with one of its characters replaced by :data:`HOLE`.

    A substitution at ``i`` turns ``low`` into a word of the set only if ``low[:i] + HOLE +
    low[i + 1:]`` is a mask of the set, and an insertion at ``i`` only if ``low[:i] + HOLE +
    low[i:]`` is: one lookup rules out the 26 letters of a position (the masks *filter*, the
    letters found are still tested against the set itself).

    >>> sorted(one_edit_masks(["he"])) == [HOLE + "e", "h" + HOLE]
    True
    """
    return {w[:i] + HOLE + w[i + 1:] for w in words for i in range(len(w))}


def prefixes(words: Iterable[str]) -> set[str]:
    """Every beginning of every word, the empty one and the whole word included.

    >>> sorted(prefixes(["he"]))
    ['', 'h', 'he']
    """
    return {w[:i] for w in words for i in range(len(w) + 1)}


def suffixes(words: Iterable[str]) -> set[str]:
    """Every ending of every word, the empty one and the whole word included.

    >>> sorted(suffixes(["he"]))
    ['', 'e', 'he']
    """
    return {w[i:] for w in words for i in range(len(w) + 1)}


class HashCounts:
    """A multiset of strings kept as counters of their hashes (a counting Bloom filter with one
    hash), for the search index of a document's word set: :meth:`count` is never below the true
    count (strings that share a hash add up; a counter stops at 255), at 4 bytes per string where
    the strings themselves would take ~100 bytes each. The counts let the search leave out the
    form's own contribution when the form is itself a word of the set (a once-seen form the
    reading may be), which a plain filter could not. ``hash()`` differs between processes, so
    the counters are never stored (the lexicon's filters, kept on disk: lexicon.MaskBits).

    >>> c = HashCounts(["he", "he", "h"])
    >>> c.count("he") >= 2, c.count("h") >= 1, "he" in c
    (True, True, True)
    """

    def __init__(self, strings: Iterable[str], n: int | None = None) -> None:
        """``n``: how many strings there are, when ``strings`` is an iterator (not listed)."""
        if n is None:
            strings = list(strings)
            n = len(strings)
        size = 1 << max(10, (4 * n).bit_length())
        self.top = top = size - 1
        counts = bytearray(size)
        for x in strings:
            h = hash(x) & top
            if counts[h] < 255:
                counts[h] += 1
        self.counts = bytes(counts)

    def count(self, x: str) -> int:
        return self.counts[hash(x) & self.top]

    def __contains__(self, x: object) -> bool:
        return self.counts[hash(x) & self.top] > 0

    @classmethod
    def index(cls, words: Iterable[str]) -> SearchIndex:
        """The :class:`SearchIndex` of a document's words, each word counted once at each of its
        places (so a form's own places count 1 each)."""
        words = list(words)
        n = sum(map(len, words))
        return SearchIndex(cls((w[:i] + HOLE + w[i + 1:] for w in words for i in range(len(w))), n),
                           cls((w[:i] for w in words for i in range(1, len(w) + 1)), n),
                           cls((w[i:] for w in words for i in range(len(w))), n))


class SearchIndex(NamedTuple):
    """What a word set offers the candidate search, as three filters (``in`` tests that may say
    yes by mistake, never no by mistake): a reading spliced from the lower-cased form can be a
    word of the set only if the part before the change is a :func:`prefixes` member, the part
    after it a :func:`suffixes` member and, for a one-letter edit, its mask a member of
    :func:`one_edit_masks`. An OCR error prunes the search to the places around it: past the
    error no beginning of the form begins a word, before it no ending ends one."""

    masks: Container[str]
    prefixes: Container[str]
    suffixes: Container[str]


#: Index a document's word set once this many searches per word of the set have used it:
#: building costs about 25 set insertions per word of the set, an unpruned search of an unknown
#: form some 500 lookups, so the index pays after roughly |set| / 20 searches; 1/40 builds it a
#: little early. A small document with a large corpus vocabulary (the corpus feature) never
#: builds it.
_INDEX_AFTER = 1 / 40
#: Document word sets whose index is kept (the last few used; a set is recognized by identity).
_INDEX_KEPT = 2
_set_indexes: list[list] = []  # [word set, searches so far, its index or None], most recent first
_set_indexes_lock = threading.Lock()
_EMPTY_INDEX = HashCounts.index(())


class IndexedWords(frozenset):
    """A word set searched for many documents (a corpus's words, shared by its documents) that
    keeps its own :class:`SearchIndex` once it pays (:data:`_INDEX_AFTER`). The recent sets'
    indexes (:func:`search_index`) keep only the last :data:`_INDEX_KEPT` sets, and two documents'
    own sets in a row drop the corpus's, whose index, built in time proportional to the corpus's
    vocabulary (3.4 s for 368,799 forms), would be built again and again."""

    def search_index(self) -> SearchIndex | None:
        try:
            return self._index  # type: ignore[has-type]
        except AttributeError:
            pass
        with _set_indexes_lock:  # documents may be analysed in threads (a Dask worker)
            if not hasattr(self, "_index"):
                self._searches = getattr(self, "_searches", 0) + 1
                if self._searches < _INDEX_AFTER * len(self):
                    return None
                self._index = HashCounts.index(self)
            return self._index


def search_index(words: AbstractSet[str]) -> SearchIndex | None:
    """The :class:`SearchIndex` of ``words`` when worth having (see :data:`_INDEX_AFTER`), else
    None (the search then tries every place).

    A set that knows its own index (:class:`edition.detection.evidence.lexicon.WordSet`: the lexicon's
    sets, kept on disk; :class:`IndexedWords`: a corpus's words) gives it; other frozensets are tracked by identity, so a set is never
    confused with another one (the entry holds the set itself, which therefore cannot be freed
    and have its id reused while it is kept). Mutable sets get none: they may change.

    >>> search_index(frozenset()) is _EMPTY_INDEX, search_index({"he"}) is None
    (True, True)
    """
    own = getattr(words, "search_index", None)
    if own is not None:
        return own()
    if not isinstance(words, frozenset):
        return None
    if not words:
        return _EMPTY_INDEX
    with _set_indexes_lock:  # documents may be analysed in threads (a Dask worker)
        for k, entry in enumerate(_set_indexes):
            if entry[0] is words:
                break
        else:
            entry = [words, 0, None]
            _set_indexes.insert(0, entry)
            del _set_indexes[_INDEX_KEPT:]
            k = 0
        if k:
            _set_indexes.insert(0, _set_indexes.pop(k))
        if entry[2] is None:
            entry[1] += 1
            if entry[1] >= _INDEX_AFTER * len(words):
                entry[2] = HashCounts.index(words)
        return entry[2]


def _indexes(a: AbstractSet[str], b: AbstractSet[str]) -> tuple[SearchIndex, SearchIndex] | None:
    """The search indexes of the lexicon's set ``a`` and a document's set ``b`` (whose filters
    are tested inline, so must be :class:`HashCounts`), or None: then nothing is pruned."""
    ia, ib = search_index(a), search_index(b)
    if ia is None or ib is None or not isinstance(ib.masks, HashCounts):
        return None
    return ia, ib


def _reach(low: str, a: SearchIndex, b: SearchIndex, own: int) -> tuple[int, int]:
    """(last, first): ``low[:i]`` begins a word of either set other than ``low`` only for
    i ≤ last, ``low[j:]`` ends one only for j ≥ first (a prefix of a non-prefix is none: the
    scans stop at the first miss, and a miss of a filter is certain). ``own`` is 1 when ``low``
    is itself a word of ``b`` (its own places are then taken off the counts), else 0. ``b`` is a
    document's index, tested inline: a method call per test would cost more than the test."""
    n = len(low)
    counts, top = b.prefixes.counts, b.prefixes.top
    last = 0
    while last < n:
        x = low[:last + 1]
        if not (counts[hash(x) & top] > own or x in a.prefixes):
            break
        last += 1
    counts, top = b.suffixes.counts, b.suffixes.top
    first = n
    while first > 0:
        x = low[first - 1:]
        if not (counts[hash(x) & top] > own or x in a.suffixes):
            break
        first -= 1
    return last, first


def _generic_changes(word: str, *known: AbstractSet[str],
                     reach: tuple[tuple[SearchIndex, SearchIndex] | None, int, int] | None = None
                     ) -> Iterator[Change]:
    """The single-letter deletions, substitutions and insertions (Norvig's edits1) whose result,
    lower-cased, is in one of the ``known`` sets. Built as plain strings first: only known ones
    become :class:`Change` records (this loop runs ~50 times per letter of every unknown word).
    ``reach``: ``(_indexes(a, b), *_reach(...))`` of the lower-cased word and the two sets, when
    the caller has found them already (:func:`variants`: the same sets, the same scans)."""
    low = word.lower()
    n = len(low)
    # The first set is the big lexicon; the others (the text's and project's words) are small
    # and merged, so each edit costs two set lookups, written out inline for speed.
    a = known[0]
    b = known[1] if len(known) == 2 else frozenset().union(*known[1:])
    if reach is not None:
        both, last, first = reach
    else:
        both = _indexes(a, b)
        last, first = (n, 0) if both is None else _reach(low, *both, int(low in b))
    if both is None:
        last, first, ma = n, 0, None
    else:
        ia, ib = both
        # Only places around the error can give a word (see SearchIndex); the edits tried are
        # made and yielded in the same order as without the index. The document's masks
        # (HashCounts) are tested first and inline, the lexicon's only when those say no.
        own = int(low in b)
        ma, counts, top = ia.masks, ib.masks.counts, ib.masks.top
    hole = HOLE
    # A deletion or substitution at i keeps low[:i] and low[i + 1:]: i ≤ last and i + 1 ≥ first.
    for i in range(max(first - 1, 0), min(last, n - 1) + 1):
        head, tail = low[:i], low[i + 1:]
        s = head + tail
        if s in a or s in b:
            yield Change(i, word[i], "", UNSEEN_EDIT_P)
        if ma is not None:
            m = head + hole + tail  # one of the form's own masks: its own count is taken off
            if not (counts[hash(m) & top] > own or m in ma):
                continue
        li = low[i]
        for ch in EDIT_LETTERS:
            s = head + ch + tail
            if (s in a or s in b) and ch != li:
                yield Change(i, word[i], ch, UNSEEN_EDIT_P)
    # An insertion at i keeps low[:i] and low[i:]: first ≤ i ≤ last.
    for i in range(first, last + 1):
        head, tail = low[:i], low[i:]
        if ma is not None:
            m = head + hole + tail  # one letter longer than the form: none of its own masks
            if not (counts[hash(m) & top] or m in ma):
                continue
        for ch in EDIT_LETTERS:
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
    table_ = _split_generating(MIN_GENERATE_P)
    first_ = _split_initial_generating(MIN_GENERATE_P)
    n = len(word)
    # An ASCII word lower-cases letter by letter, so the lower-cased reading is spliced from the
    # lower-cased word and an ASCII gold side; the reading itself is made only for a known word.
    ascii_ = word.isascii()
    # ... and the search is pruned to the places around the error (see SearchIndex): a change of
    # word[at:end] can give a known word only if at ≤ last and end ≥ first. A form of the
    # lexicon prunes nothing (its own places are in the lexicon's filters) and skips the scans.
    last, first = n, 0
    reach = None  # (indexes, last, first) for the unseen edits below, when found here
    if ascii_ and own not in big:
        both = _indexes(big, small)
        if both is not None:
            last, first = _reach(own, *both, int(own in small))
        # the same sets and lower-cased form as _generic_changes scans (own: word.lower())
        reach = (both, last, first)
    pairs = max_changes >= 2
    # The confusions likely enough to enter a pair (p ≥ 1e-3), in the order they are met:
    # (at, ocr, gold, p, log10 p, end of the OCR side, lower-cased gold or None).
    strong: list[tuple[int, str, str, float, float, int, str | None]] = []
    for k in range(1, _max_side() + 1):
        for at in range(n - k + 1):
            sub = word[at:at + k]
            entry = table_.get(sub) if at else (first_[sub] if sub in first_ else table_.get(sub))
            if entry is None:
                continue
            options, strong_options, odd_options = entry
            if pairs:
                for gold, p, lp, glow in strong_options:
                    strong.append((at, sub, gold, p, lp, at + k, glow))
            head, tail = word[:at], word[at + k:]
            spliced = ascii_ and at <= last and at + k >= first
            if ascii_ and not spliced:
                options = odd_options  # only a non-ASCII gold side escapes the pruning
            lhead, ltail = (own[:at], own[at + k:]) if spliced else ("", "")
            for gold, p, lp, glow in options:
                # an ASCII gold side in an ASCII word: the lower-cased reading is spliced, and
                # the reading itself made only for a known word
                low = lhead + glow + ltail if spliced and glow is not None else (head + gold + tail).lower()
                if not ((low in big or low in small) and low != own and low):
                    continue
                reading = head + gold + tail
                old = best.get(reading)
                if old is None or lp > old.log_p:
                    best[reading] = Variant(reading, (Change(at, sub, gold, p),), lp)
    # Two confusions that do not overlap, each pair once in the order of ``strong``; the reading
    # is spliced directly (the earlier change first) and a Change is made only for a known word.
    # A confusion that cannot reach MIN_PAIR_P even with the likeliest one of the word takes part
    # in no pair (x·p ≤ x·p_max in floating point too, so the filter drops no pair that passes).
    if strong:
        p_max = max(c[3] for c in strong)
        strong = [c for c in strong if c[3] * p_max >= MIN_PAIR_P]
    for i, (a_at, a_ocr, a_gold, a_p, a_lp, a_end, a_glow) in enumerate(strong):
        for b_at, b_ocr, b_gold, b_p, b_lp, b_end, b_glow in strong[i + 1:]:
            if a_p * b_p < MIN_PAIR_P:
                continue
            if a_end <= b_at:
                x_at, x_end, x_gold, x_glow, y_at, y_end, y_gold, y_glow = (
                    a_at, a_end, a_gold, a_glow, b_at, b_end, b_gold, b_glow)
            elif b_end <= a_at:
                x_at, x_end, x_gold, x_glow, y_at, y_end, y_gold, y_glow = (
                    b_at, b_end, b_gold, b_glow, a_at, a_end, a_gold, a_glow)
            else:
                continue
            if ascii_ and x_glow is not None and y_glow is not None:
                if x_at > last or y_end < first:
                    continue
                low = own[:x_at] + x_glow + own[x_end:y_at] + y_glow + own[y_end:]
                if not (low and (low in big or low in small) and low != own):
                    continue
                reading = word[:x_at] + x_gold + word[x_end:y_at] + y_gold + word[y_end:]
            else:
                reading = word[:x_at] + x_gold + word[x_end:y_at] + y_gold + word[y_end:]
                low = reading.lower()
                if not (reading and (low in big or low in small) and low != own):
                    continue
            lp = a_lp + b_lp
            old = best.get(reading)
            if old is None or lp > old.log_p:
                best[reading] = Variant(reading, (Change(a_at, a_ocr, a_gold, a_p),
                                                  Change(b_at, b_ocr, b_gold, b_p)), lp)
    if generic:
        # What consider((c,)) does, written out: an ASCII word's reading lower-cases to the
        # string _generic_changes found in a known set, and differs from the form (another
        # letter, one less, one more), so only a non-ASCII word is tested again; the log10 p of
        # one unseen edit is one number (a sum of one term).
        lp = math.log10(UNSEEN_EDIT_P)
        for c in _generic_changes(word, big, small, reach=reach):
            if not ascii_:
                consider((c,))
                continue
            reading = word[:c.at] + c.gold + word[c.at + len(c.ocr):]
            if not reading:
                continue
            old = best.get(reading)
            if old is None or lp > old.log_p:
                best[reading] = Variant(reading, (c,), lp)
    return sorted(best.values(), key=lambda v: (-v.log_p, v.reading))
