"""Readings of badly damaged words: a search by edit distance, weighed by the confusion model.

The confusion search (:func:`.confusions.variants`) tries one or two confusions of the table, or
one edit the table does not know: enough for print, too little for newspapers, where one word
may have three or four damaged letters (``rdqoiifed`` → ``required``, ``Satmrdav`` → ``Saturday``,
``hvlich`` → ``which``). This module searches the common words of English and the text's own
words by Levenshtein distance (rapidfuzz, in C) within an *edit budget* set by the form's length
and the text's noise, and weighs each reading by the confusion model, as a noisy channel:

    log10 P(ocr | reading) = Σ over the alignment's edit runs of log10 P(run)

where P(run) is the rate of that confusion in the *channel table* (``edition/detection/data/channel.json``,
derived by ``benchmarks/derive/derive_confusions.py --channel`` from the tune parts of all three
development sets: books, newspapers and playbills; ``rn`` read for ``m``, ``r`` for ``v``) or,
for a run the table does not know, :data:`confusions.UNSEEN_EDIT_P` (times
:data:`UNSEEN_LONGER` for each character beyond the first). The readings kept are the likeliest
by channel and English frequency; the word model (:mod:`.readings`) then adds the text's own
counts and the context.

- :func:`edit_budget` — how many edits a form may have, from its length and the text's noise.
- :func:`channel` — the changes that turn a reading into the OCR form, and their log10 P.
- :func:`deep_variants` — the readings of a form, as :class:`.confusions.Variant`, best first.
- :func:`batch_levels` — the first step of :func:`deep_variants` for many forms at once.
- :func:`channel_rates` — the channel table; :func:`word_index` — words indexed for the search.
- :func:`frequent_variants` — the frequent words of English one or two edits from a short form
  of a noisy text (:func:`frequent_budget`): real and short words misread (``tile`` for ``the``).

Only forms whose two ends are not both damaged are found: a reading must share the form's first
or its last letter (each reading is searched among the words of its length that begin or end
like the form: a tenth of the lexicon, so a search costs about 0.3 ms instead of 2.5 ms).

>>> [v.reading for v in deep_variants("rdqoiifed", budget=4, extra=())][:1]
['required']
"""
from __future__ import annotations

import json
from bisect import bisect_right
import math
from functools import lru_cache
from heapq import nlargest
from itertools import groupby, repeat
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple

from rapidfuzz import process as rf_process
from rapidfuzz.distance import Levenshtein

from . import confusions, formcache, lexicon

if TYPE_CHECKING:
    import numpy as np

CHANNEL = Path(__file__).resolve().parent.parent / "data" / "channel.json"

#: Readings of more than two edits are looked for among words at least this common (Zipf 3: one
#: in a million words; 28,000 words): a rare word three edits away from a damaged form is more
#: often a coincidence than its reading, and the search costs in proportion to the list.
DEEP_MIN_ZIPF = 3.0
#: Readings kept per form, by channel and frequency (the context of each occurrence chooses
#: among them in the word model).
MAX_READINGS = 6
#: A reading is at most this many letters longer or shorter than the form, whatever the budget:
#: of the BLN600 tune part's misread words with an English gold, 97 % were within two letters
#: of its length (see ``docs/BENCHMARKS.md``, "Newspaper correction").
MAX_LENGTH_CHANGE = 2
#: Readings whose channel is weighed, per form: the nearest (fewest edits), the commonest first.
#: On 3,000 unknown forms of BLN600's tune part, weighing only 40 kept the best reading of
#: 99.0 % of them and all six readings of 82 %, at 0.35 ms a form instead of 0.55 ms (20: 97.0 %
#: and 62 %, 0.30 ms).
CHANNEL_WEIGHED = 40
#: A run of edits the table does not know costs :data:`confusions.UNSEEN_EDIT_P`, and this factor
#: for each character beyond the first: as much as one more unseen edit (``klf`` lost is three
#: lost letters; a factor of 0.1 let ``hvl`` → ``r`` outrank two plausible edits, ``hvlich`` →
#: ``rich`` before ``which``).
UNSEEN_LONGER = confusions.UNSEEN_EDIT_P


class Budget(NamedTuple):
    """The edits a form may have: ``edits`` at most, for forms of ``min_length`` letters or more."""

    min_length: int
    edits: int


#: The edit budget of a noisy text (:data:`NOISY`): two edits from 4 letters, three from 6,
#: four from 9. In BLN600's tune part, of 15,760 misread words whose gold is an English word, 59 %
#: are one edit away (lower case), 25 % two, 9 % three, 4 % four, 3 % more; three edits are 5–8 %
#: of the forms of 3–4 letters and 10–13 % from 5 to 8, four edits 5–9 % from 7 letters on
#: (``benchmarks/devsets.py``'s split). A short form has dozens of words three edits away, and
#: each edit more multiplies the words within reach.
NOISY_BUDGET = (Budget(9, 4), Budget(6, 3), Budget(4, 2))
#: The budget of a cleaner text: none, the confusion search alone. With two edits from 6 letters
#: the seed (0.6 % noise) got 4 more false alarms and no artifact more (2026-12-04).
CLEAN_BUDGET: tuple[Budget, ...] = ()
#: A text is noisy when at least this share of its words (log10) are unknown one-off forms that
#: are no older spelling (:func:`.noise.ocr_noise`): 3 %. Median of the tune parts' texts: ICDAR
#: 2017 2.4 % (three in ten above), BLN600 newspapers 4.9 % (eight in ten above), ICDAR 2019
#: 3.0 %; the seed 0.6 %.
NOISY = math.log10(0.03)


def edit_budget(length: int, noise: float) -> int:
    """The most edits a reading of a form of ``length`` letters may need in a text whose
    noise (log10 share of unknown one-off forms) is ``noise``.

    >>> edit_budget(9, -1.0), edit_budget(7, -1.0), edit_budget(4, -1.0), edit_budget(3, -1.0)
    (4, 3, 2, 0)
    >>> edit_budget(9, -2.0), edit_budget(5, -2.0)
    (0, 0)
    """
    for b in (NOISY_BUDGET if noise >= NOISY else CLEAN_BUDGET):
        if length >= b.min_length:
            return b.edits
    return 0


class WordIndex(NamedTuple):
    """Words by (length, first letter) and by (length, last letter): where a search looks."""

    by_first: dict[tuple[int, str], list[str]]
    by_last: dict[tuple[int, str], list[str]]


def word_index(words: Iterable[str]) -> WordIndex:
    """The :class:`WordIndex` of lower-cased words."""
    by_first: dict[tuple[int, str], list[str]] = {}
    by_last: dict[tuple[int, str], list[str]] = {}
    for w in words:
        by_first.setdefault((len(w), w[0]), []).append(w)
        by_last.setdefault((len(w), w[-1]), []).append(w)
    return WordIndex(by_first, by_last)


@lru_cache(maxsize=1)
def _lexicon_index() -> WordIndex:
    """The common words of English (:data:`DEEP_MIN_ZIPF`, letters only), by length and end."""
    return word_index(sorted(w for w in lexicon.words_at_least(DEEP_MIN_ZIPF) if w.isalpha() and len(w) >= 2))


def _choices(index: WordIndex, low: str, budget: int) -> list[str]:
    """The words of the index a reading of ``low`` may be: of a length within ``budget``, with
    its first or its last letter (a word with both is listed twice: the search skips the
    repeat, which costs less than filtering the lists in Python)."""
    out: list[str] = []
    first, last = low[0], low[-1]
    reach = min(budget, MAX_LENGTH_CHANGE)
    for n in range(max(2, len(low) - reach), len(low) + reach + 1):
        out += index.by_first.get((n, first), ())
        out += index.by_last.get((n, last), ())
    return out


@lru_cache(maxsize=1)
def channel_rates() -> tuple[dict[tuple[str, str], float], dict[tuple[str, str], float]]:
    """(ocr, gold) → P(gold | ocr) of the channel table, over all positions and at the start of
    a word; a pair of look-alike glyphs (:data:`confusions.VISUAL_GROUPS`) gets
    :data:`confusions.VISUAL_PRIOR_P` added, as in the confusion search.

    >>> rates, initial = channel_rates()
    >>> rates["rn", "m"] > 1e-3, ("l", "I") in initial
    (True, True)
    """
    raw = json.loads(CHANNEL.read_text(encoding="utf-8"))
    visual = confusions.visual_pairs()
    rates = {(o, g): n / N + (confusions.VISUAL_PRIOR_P if (o, g) in visual else 0.0)
             for o, g, n, N in raw["confusions"]}
    for pair in visual:
        rates.setdefault(pair, confusions.VISUAL_PRIOR_P)
    initial = {(o, g): n / N for o, g, n, N in raw["initial"]}
    return rates, initial


def _run_p(ocr: str, gold: str, initial: bool) -> float:
    """P that OCR reads ``ocr`` for ``gold``: the channel table's rate (the original case, else
    lower case; at the start of a word the higher of the two rates), else
    :data:`confusions.UNSEEN_EDIT_P` and :data:`UNSEEN_LONGER` per further character of the
    longer side."""
    rates, first = channel_rates()
    for o in (ocr, ocr.lower()) if ocr != ocr.lower() else (ocr,):
        p = rates.get((o, gold))
        if initial:
            p = max(p or 0.0, first.get((o, gold), 0.0)) or None
        if p is not None:
            return p
    return confusions.UNSEEN_EDIT_P * UNSEEN_LONGER ** (max(len(ocr), len(gold), 1) - 1)


def channel(word: str, reading: str) -> tuple[tuple[confusions.Change, ...], float]:
    """The changes that turn ``reading`` (lower case) into ``word`` along an optimal
    alignment, adjacent edits joined into one run, and the log10 of their probability.

    >>> changes, lp = channel("tbe", "the")
    >>> [str(c) for c in changes], lp > -3
    (['b→h'], True)
    >>> [str(c) for c in channel("Satmrdav", "saturday")[0]]
    ['m→u', 'v→y']
    """
    low = word.lower()
    runs: list[list[int]] = []
    # The alignment's edits, one character each (what its opcodes group into blocks), joined
    # into runs where each starts at the end of the one before: the runs of the opcodes'
    # adjacent blocks that are not "equal", without a Python object per block.
    for tag, i, j in Levenshtein.editops(low, reading).as_list():
        if runs and runs[-1][1] == i and runs[-1][3] == j:
            run = runs[-1]
            run[1], run[3] = i + (tag != "insert"), j + (tag != "delete")
        else:
            runs.append([i, i + (tag != "insert"), j, j + (tag != "delete")])
    changes = []
    lp = 0.0
    for a, b, c, d in runs:
        ocr, gold = word[a:b], reading[c:d]
        if (not ocr or not gold) and a > 0:
            # a lost or added letter is counted with the letter before it, as the table stores
            # it ("e" read for "ee", "wv" for "w")
            ocr, gold, a = word[a - 1:b], reading[c - 1:d], a - 1
        p, log_p = _run(ocr, gold, a == 0)
        changes.append(tuple.__new__(confusions.Change, (a, ocr, gold, p)))  # Change(...), in C
        lp += log_p
    return tuple(changes), lp


@lru_cache(maxsize=65536)
def _run(ocr: str, gold: str, initial: bool) -> tuple[float, float]:
    """:func:`_run_p` and its log10, kept per run (a function of the run and the channel table
    alone: the same few thousand runs come back in every form's alignments)."""
    p = _run_p(ocr, gold, initial)
    return p, math.log10(p)


def _spliced(word: str, changes: tuple[confusions.Change, ...]) -> str:
    """The reading spelled with the original's characters where they were read right."""
    out, pos = [], 0
    for c in changes:
        out.append(word[pos:c.at])
        out.append(c.gold)
        pos = c.at + len(c.ocr)
    out.append(word[pos:])
    return "".join(out)


class SharedWords(NamedTuple):
    """Words searched for every document of a corpus (its recurring forms), indexed once, and
    what the deep search found among them and English for each form (:func:`deep_variants`)."""

    index: WordIndex
    memo: formcache.FormMemo


def deep_variants(word: str, budget: int, extra: Iterable[str] = (), *,
                  extra_index: WordIndex | None = None, shared: SharedWords | None = None,
                  levels: "Levels | None" = None) -> list[confusions.Variant]:
    """The readings of ``word`` at most ``budget`` edits away (Levenshtein, lower case) among the
    common words of English and ``extra`` (lower-cased words, e.g. the text's own; pass their
    index as ``extra_index`` when searching many forms), at most :data:`MAX_READINGS`, the
    likeliest by channel and English frequency first. Each is spelled with the original's case
    where its letters were read right (``Satmrdav`` → ``Saturday``).

    ``shared``: more words to search, those of a corpus, none of them in ``extra``; the search
    among English and them is kept per form (:func:`_shared_nearest`), and only ``extra`` is
    searched again. The readings are the same as with all the words in ``extra``.

    ``levels``: what the search finds among the words it looks in first, made beforehand with
    other forms' (:func:`batch_levels` of the lower-cased form and this budget, :func:`merged`):
    among English and ``extra`` (then not searched here), or with ``shared``, among English and
    the shared words (``extra`` is then searched here, as without them). The readings are the
    same."""
    low = word.lower()
    if budget <= 0 or len(low) < 2 or len(low) != len(word):
        return []
    if extra_index is None and extra:
        extra_index = word_index(w for w in extra if w.isalpha() and len(w) >= 2)
    if shared is None and levels is not None:
        weighed: dict[str, confusions.Variant] = {}
    elif shared is None:
        choices = _choices(_lexicon_index(), low, budget)
        if extra_index is not None:
            choices += _choices(extra_index, low, budget)
        levels = _levels(low, choices, budget)
        weighed = {}
    else:
        base = shared.memo.get(_lexicon_index(), (word, budget),
                               lambda: _shared_nearest(word, budget, shared.index, levels))
        levels, weighed = base.levels, base.weighed
        if extra_index is not None:
            # The document's own words join the levels of their distance. Rapidfuzz's order
            # among words of one distance is the order of the choices; it does not matter here:
            # a level is taken whole or by frequency, and the readings are sorted at the end.
            levels = merged(levels, _levels(low, _choices(extra_index, low, budget), budget))
    freq = lexicon.frequencies().get
    found: dict[str, confusions.Variant] = {}
    # The channel is weighed for the nearest and commonest only: a short form has hundreds of
    # words within its budget (``toiv``: 1,570 within two edits), and the channel of each costs
    # an alignment in Python. rapidfuzz gives the words nearest first.
    for cand in _nearest(low, levels):
        v = weighed.get(cand)
        if v is None:
            changes, lp = channel(word, cand)
            v = confusions.Variant(_spliced(word, changes), changes, lp)
        found[cand] = v
    best = sorted(found.values(), key=lambda v: (-v.log_p - math.log10(freq(v.reading.lower(), 0.0) + 1e-9),
                                                 v.reading))
    return best[:MAX_READINGS]


#: The words within a form's budget, by distance: ``((distance, words), ...)``, nearest first.
Levels = tuple[tuple[int, list[str]], ...]


def _levels(low: str, choices: list[str], budget: int) -> Levels:
    """The ``choices`` within ``budget`` edits of ``low``, by distance (nearest first), each
    level in the order of ``choices`` (rapidfuzz keeps it among equals)."""
    return tuple((d, [cand for cand, _, _ in level]) for d, level in groupby(
        rf_process.extract(low, choices, scorer=Levenshtein.distance, score_cutoff=budget, limit=None),
        key=itemgetter(1)))


def merged(levels: Levels, more: Levels) -> Levels:
    """``levels`` with the words of ``more`` (other choices, searched apart) after those of the
    same distance: the levels of the two lists of choices searched as one, in the same order."""
    if not more:
        return levels
    by_distance = {d: list(ws) for d, ws in levels}
    for d, ws in more:
        by_distance.setdefault(d, []).extend(ws)
    return tuple(sorted(by_distance.items()))


#: Forms searched together by :func:`batch_levels` from this many on (fewer are searched one
#: by one). rapidfuzz's ``cdist`` compares a list of forms with a list of words at a fraction of
#: the cost per pair of ``extract``, one form at a time, but each list it is given costs a
#: call: of BLN600's 14,242 deep searches as one text, 10 forms together cost 2.3 ms against
#: 1.5 ms one by one, 100 forms 10 ms against 15 ms, 1,000 forms 35 ms against 144 ms
#: (the English words; 2026-12-05).
BATCH_MIN_FORMS = 100
#: Forms made together at most (:func:`batch_levels`; more are made in groups of this many).
BATCH_FORMS_AT_ONCE = 2000


def index_arrays(index: WordIndex) -> dict[tuple[int, int, str], np.ndarray]:
    """The lists of ``index`` as numpy arrays of words, for :func:`batch_levels`: (0, length,
    first letter) and (1, length, last letter)."""
    import numpy as np  # only for a long text (or a corpus run): a short text's cold start skips it

    return {**{(0, *k): np.array(ws, dtype=object) for k, ws in index.by_first.items()},
            **{(1, *k): np.array(ws, dtype=object) for k, ws in index.by_last.items()}}


@lru_cache(maxsize=1)
def _lexicon_arrays() -> dict[tuple[int, int, str], np.ndarray]:
    return index_arrays(_lexicon_index())


def batch_levels(forms: Iterable[tuple[str, int]],
                 arrays: dict[tuple[int, int, str], np.ndarray] | None = None
                 ) -> dict[tuple[str, int], Levels]:
    """(lower-cased form, budget) → the levels :func:`deep_variants` finds for it among the words
    of an index (:func:`index_arrays`; the common words of English, :func:`_lexicon_index`, by
    default): the words
    :func:`_choices` lists, within the budget, by distance, each level in the order of the
    choices; for many forms at once. Each list the index holds is compared with every form that
    looks in it in one ``cdist`` call (for a newspaper as one text, a few hundred calls instead
    of one per form).

    The levels stop at the first that gives :func:`_nearest` its :data:`CHANNEL_WEIGHED` words:
    it never reads beyond it, with other words :func:`merged` in or not (other indexes hold none
    of these words, so they only fill the levels sooner)."""
    forms = list(dict.fromkeys(forms))
    if len(forms) <= BATCH_FORMS_AT_ONCE:
        return _batch_levels(forms, arrays)
    # in groups of forms of one length and first letter (the lists they share stay in one call),
    # which keeps the arrays of a group's distances and hits small: BLN600's 14,242 forms as one
    # text held 45 MiB at the peak all at once, 16 MiB in groups of 2,000 (0.49 s, 0.52 s)
    forms.sort(key=lambda f: (len(f[0]), f[0][0], f[0]))
    out: dict[tuple[str, int], Levels] = {}
    for i in range(0, len(forms), BATCH_FORMS_AT_ONCE):
        out.update(_batch_levels(forms[i:i + BATCH_FORMS_AT_ONCE], arrays))
    return out


def _batch_levels(forms: list[tuple[str, int]], arrays: dict[tuple[int, int, str], np.ndarray] | None
                  ) -> dict[tuple[str, int], Levels]:
    import numpy as np

    need: dict[tuple[int, int, str], list[int]] = {}
    for k, (low, budget) in enumerate(forms):
        reach = min(budget, MAX_LENGTH_CHANGE)
        for n in range(max(2, len(low) - reach), len(low) + reach + 1):
            need.setdefault((0, n, low[0]), []).append(k)
            need.setdefault((1, n, low[-1]), []).append(k)
    if arrays is None:
        arrays = _lexicon_arrays()
    budgets = np.array([b for _, b in forms], dtype=np.uint8)
    found_form, found_distance, found_word = [], [], []
    # The lists in the order of a form's choices (length, then first letter before last): each
    # form's hits come in that order, and keep it through the stable sort by distance below.
    for key in sorted(need, key=lambda k: (k[1], k[0], k[2])):
        words = arrays.get(key)
        if words is None:
            continue
        rows = np.array(need[key])
        cutoffs = budgets[rows]
        distances = rf_process.cdist([forms[k][0] for k in need[key]], words.tolist(),
                                     scorer=Levenshtein.distance, score_cutoff=int(cutoffs.max()),
                                     dtype=np.uint8)
        form_at, word_at = np.nonzero(distances <= cutoffs[:, None])
        found_form.append(rows[form_at])
        found_distance.append(distances[form_at, word_at])
        found_word.append(words[word_at])
    out: dict[tuple[str, int], Levels] = dict.fromkeys(forms, ())
    if not found_form:
        return out
    form_of, distance, word = (np.concatenate(a) for a in (found_form, found_distance, found_word))
    if not len(form_of):
        return out
    order = np.lexsort((distance, form_of))  # stable: by form, then distance, then choice order
    form_of, distance, word = form_of[order], distance[order], word[order].tolist()
    cuts = np.flatnonzero((np.diff(form_of) != 0) | (np.diff(distance) != 0)) + 1
    starts, ends = [0, *cuts.tolist()], [*cuts.tolist(), len(word)]
    levels: dict[int, list[tuple[int, list[str]]]] = {}
    for start, end, k, d in zip(starts, ends, form_of[starts].tolist(), distance[starts].tolist()):
        levels.setdefault(k, []).append((d, word[start:end]))
    for k, form_levels in levels.items():
        low, kept, room = forms[k][0], [], CHANNEL_WEIGHED
        for d, ws in form_levels:
            kept.append((d, ws))
            room -= len(set(ws) - {low})
            if room <= 0:
                break
        out[forms[k]] = tuple(kept)
    return out


def _nearest(low: str, levels) -> list[str]:
    """The words whose channel is weighed (:data:`CHANNEL_WEIGHED`): the nearest levels whole,
    the commonest of the level that does not fit."""
    freq = lexicon.frequencies().get
    nearest: list[str] = []
    for _, level in levels:
        words = dict.fromkeys(level)
        words.pop(low, None)
        room = CHANNEL_WEIGHED - len(nearest)
        if len(words) <= room:
            nearest += words
        else:  # (frequency, word) pairs compared in C: no key function called per word
            nearest += [c for _, c in nlargest(room, zip(map(freq, words, repeat(0.0)), words))]
        if len(nearest) >= CHANNEL_WEIGHED:
            break
    return nearest


class _Nearest(NamedTuple):
    """What the deep search of a form finds among the common words of English and a corpus's
    words, whatever the document: the levels of words that may be weighed, and the weighed
    readings of those that are."""

    levels: tuple[tuple[int, list[str]], ...]
    weighed: dict[str, confusions.Variant]


def _shared_nearest(word: str, budget: int, index: WordIndex, levels: Levels | None = None) -> _Nearest:
    """The part of :func:`deep_variants` for ``word`` among English and the words of ``index``
    (their ``levels``, when made beforehand). Only the words weighed here (:func:`_nearest`) are
    kept in the levels: a document's own words only take room, so with them the words weighed
    are among these or theirs."""
    low = word.lower()
    if levels is None:
        levels = _levels(low, _choices(_lexicon_index(), low, budget) + _choices(index, low, budget), budget)
    nearest = _nearest(low, levels)
    keep = set(nearest)
    weighed = {}
    for cand in nearest:
        changes, lp = channel(word, cand)
        weighed[cand] = confusions.Variant(_spliced(word, changes), changes, lp)
    return _Nearest(tuple((d, [c for c in level if c in keep]) for d, level in levels), weighed)


#: Short forms of a noisy text are also read as the commonest words of English: at most
#: :data:`FREQUENT_MAX_LENGTH` letters, the readings at least :data:`FREQUENT_ZIPF` (Zipf 4.5,
#: 30 in a million words; 2,973 words) and one edit away (two letters) or two (three or four).
#: Newspapers misread their short words as other real or short words: ``tile`` for ``the``,
#: ``bat`` for ``but``, ``lad`` for ``had``, ``ad`` for ``and``, ``Mir`` for ``Mr`` (BLN600's
#: tune part: 16 % of the character errors left are in real and short words nothing touched).
#: Only forms rarer than the readings are asked (a frequent word misread as another, ``he`` for
#: ``be``, is left to the confusion search): the context of each occurrence chooses.
FREQUENT_ZIPF = 4.5
#: Forms of five and six letters asked too gave the same figures on BLN600's tune part (CER cut
#: +13.5 % against +13.4 %, ≥ 0.9 +6.8 % both) for 76 % more searches; three letters at most
#: lost 0.2 points (2026-12-04).
FREQUENT_MAX_LENGTH = 4
#: The frequent words whose channel is weighed, per form: the nearest, the commonest first (as
#: the deep search's :data:`CHANNEL_WEIGHED`). A form of three or four letters has about 33 frequent words
#: within two edits; weighing all of them gave the same figures on BLN600's tune part for four
#: times the alignments (2026-12-04).
FREQUENT_WEIGHED = 12


@lru_cache(maxsize=32)
def _frequent_by_zipf(length: int, budget: int) -> tuple[tuple[str, ...], list[float]]:
    """The frequent words (:data:`FREQUENT_ZIPF`, letters only, two letters or more) within
    ``budget`` letters of ``length``, commonest first, and their negated Zipf values (ascending,
    for :func:`bisect`); built once per length: a list per form cost a third of the search."""
    words = sorted((w for w in lexicon.words_at_least(FREQUENT_ZIPF)
                    if w.isalpha() and max(2, length - budget) <= len(w) <= length + budget),
                   key=lambda w: (-lexicon.zipf(w), w))
    return tuple(words), [-lexicon.zipf(w) for w in words]


def _frequent_choices(length: int, budget: int, min_zipf: float) -> tuple[str, ...]:
    """The words of :func:`_frequent_by_zipf` at least ``min_zipf`` common."""
    words, negated = _frequent_by_zipf(length, budget)
    return words[:bisect_right(negated, -min_zipf)]


def frequent_budget(length: int, noise: float) -> int:
    """The edits a frequent-word reading of a form of ``length`` letters may need in a text of
    this noise: none in a clean text or beyond :data:`FREQUENT_MAX_LENGTH` letters.

    >>> frequent_budget(2, -1.0), frequent_budget(4, -1.0), frequent_budget(7, -1.0), frequent_budget(4, -2.0)
    (1, 2, 0, 0)
    """
    if noise < NOISY or not 2 <= length <= FREQUENT_MAX_LENGTH:
        return 0
    return 1 if length <= 2 else 2


def frequent_variants(word: str, budget: int, min_zipf: float = FREQUENT_ZIPF,
                      near: list[tuple[int, int, str]] | None = None) -> list[confusions.Variant]:
    """The frequent words of English (:data:`FREQUENT_ZIPF`) at most ``budget`` edits from
    ``word`` (lower case), the :data:`FREQUENT_WEIGHED` nearest weighed by the channel, at most
    :data:`MAX_READINGS`, likeliest by channel and English frequency first. ``near``: what
    :func:`batch_frequent_near` found for the lower-cased word and budget, when made for many
    forms together (then the form is not searched again, nor kept).

    >>> [v.reading for v in frequent_variants("tile", 2)][:1]
    ['the']
    """
    if near is None:
        return list(_frequent_variants(word, budget, min_zipf))
    low = word.lower()
    if budget <= 0 or len(low) != len(word) or not low.isalpha():
        return []
    # the words common enough: those of the list's first ``limit`` (see _frequent_choices)
    limit = bisect_right(_frequent_by_zipf(len(low), budget)[1], -min_zipf)
    return list(_weighed_frequent(word, [(d, k, cand) for d, k, cand in near if k < limit and cand != low]))


def batch_frequent_near(forms: Iterable[tuple[str, int]]) -> dict[tuple[str, int], list[tuple[int, int, str]]]:
    """(lower-cased form, budget) → (distance, index, word) of every word of
    :func:`_frequent_by_zipf` (its length, the budget) within the budget of the form: what
    :func:`_frequent_variants` asks rapidfuzz's ``extract`` for, one form at a time, found by
    ``cdist`` for many forms at once (one call per length and budget, in groups of
    :data:`BATCH_FORMS_AT_ONCE`). BLN600 as one text: 3,835 short forms, each against the whole
    list of its length and budget, 0.50 s one by one, 0.19 s together (2026-12-05, the same
    hits; a form's own search stops at the words common enough for it, a prefix of the list)."""
    groups: dict[tuple[int, int], list[str]] = {}
    for low, budget in dict.fromkeys(forms):
        groups.setdefault((len(low), budget), []).append(low)
    out: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    for (length, budget), lows in groups.items():
        words = _frequent_by_zipf(length, budget)[0]
        for low in lows:
            out[(low, budget)] = []
        for row, col, d in near_pairs(lows, words, budget, BATCH_FORMS_AT_ONCE):
            out[(lows[row], budget)].append((d, col, words[col]))
    return out


def near_pairs(queries: list[str], choices: list[str], max_distance: int, at_once: int
               ) -> Iterator[tuple[int, int, int]]:
    """(index in ``queries``, index in ``choices``, distance) of every pair within Levenshtein
    distance ``max_distance``, query by query and each query's choices in order: rapidfuzz's
    ``cdist``, one call per ``at_once`` queries (a call's distances take ``at_once`` × choices
    bytes)."""
    if not choices:
        return
    import numpy as np

    for i in range(0, len(queries), at_once):
        distances = rf_process.cdist(queries[i:i + at_once], choices, scorer=Levenshtein.distance,
                                     score_cutoff=max_distance, dtype=np.uint8)
        rows, cols = np.nonzero(distances <= max_distance)
        yield from zip((rows + i).tolist(), cols.tolist(), distances[rows, cols].tolist())


@lru_cache(maxsize=65536)
def _frequent_variants(word: str, budget: int, min_zipf: float) -> tuple[confusions.Variant, ...]:
    """:func:`frequent_variants`, kept per form (it depends on the form alone: a corpus, or a
    newspaper read article by article, meets the same short forms again and again)."""
    low = word.lower()
    if budget <= 0 or len(low) != len(word) or not low.isalpha():
        return ()
    # only words common enough are searched (the list is sorted by frequency, and rapidfuzz
    # gives each hit's index in it): the nearest, the commonest first, are weighed
    return _weighed_frequent(word, [(d, k, cand) for cand, d, k in rf_process.extract(
        low, _frequent_choices(len(low), budget, min_zipf), scorer=Levenshtein.distance,
        score_cutoff=budget, limit=None) if cand != low])


def _weighed_frequent(word: str, hits: list[tuple[int, int, str]]) -> tuple[confusions.Variant, ...]:
    """The readings of :func:`frequent_variants` from its ``hits`` (distance, index in the list
    by frequency, word): the nearest, the commonest first, weighed by the channel."""
    hits = sorted(hits)
    found = []
    for _, _, cand in hits[:FREQUENT_WEIGHED]:
        changes, lp = channel(word, cand)
        found.append(confusions.Variant(_spliced(word, changes), changes, lp))
    freq = lexicon.frequencies().get
    found.sort(key=lambda v: (-v.log_p - math.log10(freq(v.reading.lower(), 0.0) + 1e-9), v.reading))
    return tuple(found[:MAX_READINGS])
