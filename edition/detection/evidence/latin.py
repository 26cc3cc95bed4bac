"""Latin words: a page or a quotation in Latin inside old print is no garbled English.

wordfreq ships no Latin list (:mod:`.languages` knows six modern languages), so a Latin text's
words (``pugnaturus``, ``unumquemque``, ``sæculo``) have letters unlike English and occur once:
the unclear detector's garbled rule flagged them (ICDAR 2019's file 9, a Latin page of a
military treatise, tune part: three flags at 0.90-0.97, all on words printed so). The shipped
table (``data/latin_forms.bin``, derived by ``benchmarks/derive/derive_latin.py`` from the
Latin dictionary simplemma ships: 1.29 million inflected forms) tells whether a form is Latin;
:func:`latin_neighbours` counts the Latin forms among a word's neighbours, so that a misreading
of English that happens to be a Latin form (simplemma's list is large) stands alone and is
still flagged, while a word of a Latin passage is not.

>>> is_latin("unumquemque"), is_latin("sæculo"), is_latin("rttaarkably")
(True, True, False)
"""
from __future__ import annotations

import zlib
from array import array
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
import sys

#: The sorted CRC-32s of the Latin forms (4-byte little-endian integers).
TABLE = Path(__file__).resolve().parents[1] / "data" / "latin_forms.bin"
#: Forms shorter than this are not kept: two-letter forms (``in``, ``et``, ``ad``) are English
#: or debris as often.
MIN_LETTERS = 3
#: A form this common in English (Zipf; :data:`.languages.ENGLISH_TOO`'s figure) is not kept as
#: Latin: simplemma's list has ``have``, ``time``, ``animal``.
ENGLISH_TOO = 4.0

_LIGATURES = str.maketrans({"æ": "ae", "œ": "oe", "Æ": "ae", "Œ": "oe", "ſ": "s"})


def normal(word: str) -> str:
    """The form as the table keys it: lower case, the print's ligatures ``æ``, ``œ``, ``ſ`` as
    their letters.

    >>> normal("Sæculo"), normal("Cœlum")
    ('saeculo', 'coelum')
    """
    return word.translate(_LIGATURES).lower()


def form_key(form: str) -> int:
    """The CRC-32 of a normal form: stable across processes (``hash`` is salted)."""
    return zlib.crc32(form.encode("utf-8"))


@lru_cache(maxsize=1)
def _keys() -> array:
    keys = array("I")
    try:
        keys.frombytes(TABLE.read_bytes())
    except OSError:  # not shipped (a checkout before derivation): no form is Latin
        return keys
    if sys.byteorder != "little":
        keys.byteswap()
    return keys


@lru_cache(maxsize=1 << 14)
def is_latin(word: str) -> bool:
    """True when ``word`` is a Latin form of the table (see the module docstring)."""
    form = normal(word)
    if len(form) < MIN_LETTERS or not form.isalpha():
        return False
    keys = _keys()
    k = form_key(form)
    i = bisect_left(keys, k)
    return i < len(keys) and keys[i] == k


#: Words on each side of a word that are looked at (:func:`latin_neighbours`): a line of print.
REACH = 4
#: A word with at least this many Latin forms among its :data:`REACH` neighbours on each side
#: stands in Latin. On the tune parts (garbled flags that are Latin forms, 2026-12-05): on ICDAR
#: 2019's Latin page a flagged word's eight neighbours held 3-5 Latin forms; in English a flagged
#: Latin form had at most 2 (BLN600's misreadings ``seie``, ``adno``, ``tiare``: 0-2, none
#: taken away). With 3, the rule takes away 9 flags of the tune parts: 8 on words printed so
#: (ICDAR 2019 file 9: 7, three of them at 0.90-0.97; ICDAR 2017 1) and 1 on a misreading that
#: is itself a Latin form (``aquatum`` for "aquarum", 0.77).
MIN_NEIGHBOURS = 3


def latin_neighbours(words: list[str], i: int) -> int:
    """How many of the :data:`REACH` words on each side of ``words[i]`` are Latin forms."""
    return sum(is_latin(w) for w in words[max(0, i - REACH):i] + words[i + 1:i + 1 + REACH])


def in_latin(words: list[str], i: int) -> bool:
    """``words[i]`` is a Latin form among Latin neighbours (:data:`MIN_NEIGHBOURS`).

    >>> ws = "Hoc saeculo exercitus pugnaturus in tres ordines".split()
    >>> in_latin(ws, 3)
    True
    >>> in_latin("the old exercitus of the town".split(), 2)
    False
    """
    return is_latin(words[i]) and latin_neighbours(words, i) >= MIN_NEIGHBOURS
