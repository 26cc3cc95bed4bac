"""Evidence for the spacing and punctuation detectors: is a string a word, or a fragment of one?

The split, merge, hyphen and punctuation detectors all ask the same two questions about short
strings: "is this a word of English or of this document?" and "how likely are these two words
side by side?". wordfreq's Zipf values (:mod:`edition.detection.evidence.lexicon`) rank words well but
are a poor *membership* test for short strings: its web counts make fragments look like words
(``zipf('ang') = 3.5``, ``zipf('ofthe') = 3.3``). symspellpy's 82,765-word dictionary (Google
n-gram counts intersected with a spelling list) is the membership test here, with three
corrections:

- one-letter words are only ``a``, ``I`` (and ``O``, the vocative);
- two-letter words are a closed class (:data:`TWO_LETTER_WORDS`), because the dictionary keeps
  web debris such as ``re``, ``de``, ``al``;
- the document's own vocabulary counts: a form that occurs twice or more in this text is a
  word of this text (names, historical spellings such as ``hee``, ``selfe``).

Public API:

- :func:`dictionary_count` — the dictionary count of a lower-case word (0 when absent).
- :func:`is_dictionary_word` — membership in the general dictionary, with the corrections above.
- :func:`is_word` — a dictionary word or a recurring word of the document.
- :func:`noise_around` — how many of the words around a position are no words: marks and
  spaces in damaged passages are unreliable evidence; :func:`in_context` lowers a proposal's
  confidence there.
- :func:`bigram_count` — how often two words stand side by side in symspellpy's bigram list
  (the shared table of :mod:`edition.detection.evidence.bigrams`).

The dictionary is read once per process (shipped as a pickle, :data:`DICTIONARY`: 0.03 s).
"""
from __future__ import annotations

import bisect
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, KeysView

from .bigrams import symspellpy_list, table
from .lexicon import zipf
from .shipped import DerivedTable

if TYPE_CHECKING:
    from ..document import Document

#: English words of one letter (lower case). ``o`` is the vocative ("O Lord") of older texts.
ONE_LETTER_WORDS = frozenset({"a", "i", "o"})

#: English words of two letters: a closed class, listed rather than read from a frequency list
#: whose two-letter entries are mostly abbreviations and web debris. ``ye`` is early-modern.
TWO_LETTER_WORDS = frozenset(
    "ah am an as at ax be by do eh go ha he hi ho if in is it lo ma me my no of oh on or ox pa "
    "so to up us we ye".split()
)


def _dictionary_path() -> Path:
    return symspellpy_list("frequency_dictionary_en_82_765.txt")


def _read_unigrams(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            word, _, count = line.partition(" ")
            counts[word] = int(count)
    return counts


#: symspellpy's dictionary as a dict, shipped as a pickle (:mod:`.shipped`): reading its 82,765
#: lines took 0.05–0.07 s CPU of every cold `edition detect` on the seed, the pickle 0.026 s
#: (2026-12-05).
DICTIONARY = DerivedTable("dictionary-words", lambda: (_dictionary_path(), 1),
                          lambda: _read_unigrams(_dictionary_path()))


@lru_cache(maxsize=1)
def _unigrams() -> dict[str, int]:
    """symspellpy's English dictionary: word → count (shipped, or read from its list)."""
    return DICTIONARY.load()


def dictionary_words() -> "KeysView[str]":
    """The general dictionary's words, lower-cased (without the corrections of
    :func:`is_dictionary_word`, which apply to words of one or two letters)."""
    return _unigrams().keys()


def dictionary_count(word: str) -> int:
    """Count of ``word`` (lower-cased) in symspellpy's English dictionary; 0 when absent.

    >>> dictionary_count("hang") > 0, dictionary_count("willh")
    (True, 0)
    """
    return _unigrams().get(word.lower(), 0)


@lru_cache(maxsize=1 << 18)
def is_dictionary_word(word: str) -> bool:
    """True when ``word`` (any case) is an English word of the general dictionary.

    >>> [is_dictionary_word(w) for w in ("will", "hang", "ang", "of", "re", "a", "n")]
    [True, True, False, True, False, True, False]
    """
    w = word.lower()
    if len(w) == 1:
        return w in ONE_LETTER_WORDS
    if len(w) == 2:
        return w in TWO_LETTER_WORDS
    return w in _unigrams()


def is_word(word: str, lower_counts: Counter[str] | dict[str, int], min_doc_count: int = 2) -> bool:
    """A word of English or of this document.

    ``lower_counts`` are the document's case-folded word counts; a form seen ``min_doc_count``
    times or more is a word of the document even if no dictionary has it. Two, because the
    fragment under test is itself one occurrence: a second one elsewhere is the evidence.

    >>> is_word("selfe", {"selfe": 3}), is_word("ang", {"ang": 1})
    (True, False)
    """
    if is_dictionary_word(word):
        return True
    if len(word) < 2:
        return False
    return lower_counts.get(word.lower(), 0) >= min_doc_count


def bigram_count(first: str, second: str) -> int:
    """How often ``first second`` occurs in symspellpy's English bigram list (0 when absent).

    >>> bigram_count("of", "the") > bigram_count("oft", "he")
    True
    """
    return table().pairs.get(f"{first.lower()} {second.lower()}", 0)


#: Tokens on each side of a position that :func:`noise_around` inspects.
NOISE_WINDOW = 4


def _token_starts(doc: "Document") -> list[int]:
    """Where each token starts, in order (once per document: ``doc.memo(_token_starts)``)."""
    return [t.start for t in doc.tokens]


def noise_around(doc: "Document", start: int, end: int) -> int:
    """How many of the :data:`NOISE_WINDOW` tokens on each side of ``start:end`` are no words
    (letters that are no word of English or of the text, or letters mixed with digits).

    On the development set, proposals of these detectors with two or more such neighbours were
    right far less often (damaged lines of small print in the periodicals).

    >>> from edition.detection.document import Document
    >>> noise_around(Document("the cat sat on the mat, and the dog barked loudly"), 20, 23)
    0
    >>> noise_around(Document("Ihe c#t s4t oa tbe mat, aud tbe d0g barkcd lou"), 20, 23)
    4
    """
    tokens = doc.tokens
    starts = doc.memo(_token_starts)
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_left(starts, end)
    counts = doc.lower_counts
    bad = 0
    for tok in tokens[max(0, lo - NOISE_WINDOW):lo] + tokens[hi:hi + NOISE_WINDOW]:
        t = tok.text
        if t.isdigit():
            continue
        if not t.isalpha():
            bad += any(c.isdigit() for c in t) or not all(c.isalpha() or c in "'’-" for c in t)
        elif not is_word(t, counts):
            bad += 1
    return bad


#: Neighbours that are no words from which a passage counts as damaged (see :func:`noise_around`).
NOISY = 2
#: Confidence kept in a damaged passage. On the development set proposals in such passages were
#: right about two thirds as often as elsewhere (the periodicals' small print far less often).
NOISY_FACTOR = 0.7


def in_context(doc: "Document", start: int, end: int, confidence: float, why: str) -> tuple[float, str]:
    """``confidence`` and ``why`` adjusted for a damaged passage around ``start:end``."""
    n = noise_around(doc, start, end)
    if n < NOISY:
        return confidence, why
    return round(confidence * NOISY_FACTOR, 2), f"{why}; damaged passage ({n} of the {2 * NOISE_WINDOW} words around are no words)"


#: The marks OCR reads a line-break hyphen as, when the export turned the break into a space
#: (``pri. soners``, ``hand. cuffed``, ``at, tention``: a short hyphen at the line's end is read
#: as the period or comma it resembles).
HYPHEN_READ_AS = (".", ",")
#: Marks that stand for no letter and no word boundary: a speck of a newspaper scan inside a
#: word (``afte~rnoon``, ``sh^all``, ``ch~arge``). Not ``!``, ``|`` or a bracket, which OCR
#: reads for ``l``, ``i`` or ``c`` (``p!acing`` is ``placing``, not ``pacing``). On the tune
#: parts, the letters around such a mark (each side two letters or more) made a word English
#: uses (Zipf ≥ 3, or twice in the text) and not two words 47 times in 52 on BLN600, and that
#: word was the gold; the others were a letter misread beside the mark (``w~ade`` for
#: ``made``); ICDAR 2017 and 2019 had 1 each (2026-12-05).
SPECKS = "~^*\"\\_"

#: A line-break hyphen OCR read as a period or comma (``pri. soners``) is far rarer than the mark
#: itself: the second half has three letters or more (``ing. le``, ``er, in`` were no broken
#: words), and the joined word is common (``Ib. ex``: no ibex; ``Wednesday``, ``Islington`` are)
#: or the text uses it twice (docs/BENCHMARKS.md, "A line-break hyphen read as a period").
MIN_MARK_TAIL = 3
MIN_MARK_JOIN_ZIPF = 2.5


def joined_at_mark(a: str, b: str, lower_counts: Counter[str] | dict[str, int]) -> str | None:
    """The word ``a`` and ``b`` make joined, where a period or comma and a space between them
    stand for a line-break hyphen (``pri. soners`` → ``prisoners``), or None: the joined word is
    common or the text's, one half at least is no word (two words may be a sentence's end and the
    next word), the second half is in small letters and the first not in capitals (``VI. to``: a
    numeral).

    >>> joined_at_mark("pri", "soners", {}), joined_at_mark("whole", "sale", {}), joined_at_mark("VI", "to", {})
    ('prisoners', None, None)
    """
    if (len(a) < 2 or len(b) < MIN_MARK_TAIL or not (a.isalpha() and b.isalpha() and b.islower())
            or a.isupper()):
        return None
    joined = a + b
    low = joined.lower()
    if is_word(a, lower_counts) and is_word(b, lower_counts):
        return None
    if not (zipf(low) >= MIN_MARK_JOIN_ZIPF or lower_counts.get(low, 0) >= 2):
        return None
    return joined
