"""How English a string of letters looks: a character trigram model of English words.

OCR that has lost its way produces letter sequences no English word has (``retjueat``,
``rttaarkably``, ``Wanheuae``): a word nobody can read, for which the confusion model finds no
reading. Names and rare words, even unknown to every lexicon, are still made of English letter
sequences (``Schiavonetti`` aside). The model estimates P(letter | the two before it) from the
words of the general lexicon (:mod:`.lexicon`, Zipf ≥ :data:`MIN_ZIPF`, each word counted once:
the spelling system, not the frequency of ``the``), with the word's start and end as letters
``^`` and ``$``. :func:`letter_scores` gives the rarest and the mean log10 probability of a
word's trigrams; the unclear detector weighs them (fitted on the development set). Words are
read :func:`plain`: a ligature of print is its letters (``ﬂesh`` is ``flesh``). Accents are kept
(as one symbol for any letter outside a–z): in a text whose OCR sprinkles accents
(``untûtored``, ``prizetakèr`` in the development set's 1886 monograph) they are the garbling.

>>> rarest, mean = letter_scores("remarkably")
>>> rarest > -2.5, mean > -1.2
(True, True)
>>> rarest, mean = letter_scores("rttaarkably")
>>> rarest < -3.0
True
"""
from __future__ import annotations

import math
import unicodedata
from collections import Counter
from functools import lru_cache

from . import lexicon
from .shipped import DerivedTable

#: Words of the lexicon the model learns from: Zipf 3 (one per million words) and above, about
#: 30,000 words; rarer entries of wordfreq's list include OCR debris and foreign words.
MIN_ZIPF = 3.0
#: Add-k smoothing of the trigram counts; an unseen trigram after a seen pair of letters gets
#: about k / (count of the pair): rare, not impossible.
K = 0.01
#: Symbols of the model: 26 letters, the end mark, and one class for anything else.
SYMBOLS = 28
#: Log10 probabilities are clipped here: an unseen letter is as bad as it gets.
FLOOR = -6.0


def plain(word: str) -> str:
    """``word`` with the compatibility characters of print unfolded (NFKC: the ligatures
    ``ﬁ ﬂ ﬀ ﬃ``, the long ``ſ``): the letters a lexicon knows. Accents stay.

    >>> plain("ﬂesh"), plain("beneﬁt"), plain("ſome"), plain("Gjirokastër")
    ('flesh', 'benefit', 'some', 'Gjirokastër')
    """
    return word if word.isascii() else unicodedata.normalize("NFKC", word)


def _normal(word: str) -> str:
    # Any non a–z letter left (another script, digits, marks) is one symbol: its shape, not its
    # identity.
    return "".join(c if "a" <= c <= "z" else "*" for c in plain(word).lower())


def _build() -> tuple[dict[str, int], dict[str, int]]:
    tri: Counter[str] = Counter()
    pair: Counter[str] = Counter()
    least = 10 ** (MIN_ZIPF - 9)
    for word, f in lexicon.frequencies().items():
        if f < least or not word.isalpha():
            continue
        s = "^^" + _normal(word) + "$"
        for i in range(2, len(s)):
            tri[s[i - 2:i + 1]] += 1
            pair[s[i - 2:i]] += 1
    return dict(tri), dict(pair)


#: The trigram and pair counts, derived from the lexicon: shipped in the package (:mod:`.shipped`).
#: The 2 in its inputs: words are read plain().
TRIGRAMS = DerivedTable("letter-trigrams", lambda: (lexicon.wordfreq_english(), MIN_ZIPF, 2),
                        _build)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], dict[str, int]]:
    return TRIGRAMS.load()


def _logs(word: str) -> list[tuple[float, int]]:
    """(log10 P, position in ``word``) of each letter given the two before it."""
    tri, pair = _tables()
    s = "^^" + _normal(word) + "$"
    out = []
    for i in range(2, len(s)):
        p = (tri.get(s[i - 2:i + 1], 0) + K) / (pair.get(s[i - 2:i], 0) + K * SYMBOLS)
        out.append((max(FLOOR, math.log10(p)), i - 2))
    return out


def letter_scores(word: str) -> tuple[float, float]:
    """(rarest, mean) log10 P of the letter trigrams of ``word`` (lower-cased, with its start and
    end), each clipped at :data:`FLOOR`."""
    logs = [lp for lp, _ in _logs(word)]
    return min(logs), sum(logs) / len(logs)


def rarest_sequence(word: str) -> str:
    """The letters of ``word`` (read :func:`plain`) around its least English trigram, for an
    editor to see.

    >>> rarest_sequence("rttaarkably"), rarest_sequence("retjueat")
    ('taa', 'etj')
    """
    word = plain(word)  # the positions of _logs are those of the plain form
    _, i = min(_logs(word))
    if i >= len(word):
        return word[-2:] + " at the end"
    return word[max(0, i - 2):i + 1] + (" at the start" if i < 2 else "")
