"""Passages in another language: quotations, verse, titles in German, French, Spanish, Italian,
Dutch or Portuguese, or Latin, inside an English text. Their words are no English misreadings (``und`` is no
``and``, ``herr`` no ``here``), so the detectors leave such passages alone.

A word *belongs to* a language when wordfreq counts it at least :data:`MIN_ZIPF` there (once in a
million words) and at least :data:`MARGIN` Zipf more than in English (ten times as common), has at
least :data:`MIN_LENGTH` letters, and is no common English word with accents added (``thé``). A
passage runs from one word of a language to another, at most :data:`WINDOW` words (of three letters
or more: ``a``, ``la``, ``où`` say little), with at least
:data:`MIN_WORDS` words of that language making at least half of its words; one foreign word in
English prose (``die``, ``pour``, ``gestalt``) makes no passage. wordfreq has no Latin list: a word
English does not use belongs to Latin when it is a form of :mod:`.latin`'s table (simplemma's
dictionary, :func:`_latin`), and Latin passages are found by the same rule.

>>> spans = foreign_spans("He quoted the old song: Und schwarze Kutten trugen sie dar, "
...                       "sie dienten Gott gar wenig. Then he laughed.")
>>> [s[2] for s in spans]
['de']
>>> foreign_spans("They were ready to die for the cause, and pour out their hearts.")
[]
"""
from __future__ import annotations

import math
import unicodedata
from functools import lru_cache
from pathlib import Path

import regex

from . import latin, lexicon
from .shipped import DerivedTable

#: The languages an English book quotes most; wordfreq ships their lists with the package.
LANGUAGES = ("de", "fr", "es", "it", "nl", "pt")
#: A word must be at least this common in the language (Zipf 3: once in a million words) ...
MIN_ZIPF = 3.0
#: ... and this much more common there than in English (Zipf +1: ten times): ``pain``, ``gift``
#: are English too and count for nothing. Common English words that are far more common still in
#: another language do count (German ``die`` Zipf 7.5 against English 5.1, ``war``, ``hat``,
#: ``den``; French ``son`` 6.5 against 5.3, ``plus``): one of them makes no passage
#: (:data:`MIN_WORDS`), but three in a line of English may.
MARGIN = 1.0
#: Shorter words count for no language: French elisions (``d``, ``l``) and ``à`` are also the
#: letters and marks of OCR debris.
MIN_LENGTH = 3
#: Words looked at together, and how many different words of one language must be among them: a
#: line of verse or a short quotation is about nine words; three foreign words among them and half
#: of the words is a passage (on the development set: the 16th-century German verse quoted in the
#: monographs, a French caption of the 1858 book, Italian song titles in a concert notice). A word
#: repeated ("gilt, cloth gilt, gilt"; "4 per cent. 3 per") counts once.
WINDOW = 9
MIN_WORDS = 3
#: Of the words that make a passage, at least MIN_WORDS must be rare in English (under Zipf 4, ten
#: in a million words): ``die``, ``war``, ``hat``, ``son``, ``plus`` belong to a language by the
#: margin but are as much English. Without this, English made passages: a football report's
#: "M'Laine, Turton, Oliver, ami Wai son" (``laine``, ``ami``, ``son``: French) hid its misread
#: ``and`` and ``Watson`` on the development set; "In the war the den of thieves was a hat shop"
#: was German.
ENGLISH_TOO = 4.0

#: Words of at least MIN_LENGTH letters: the short ones (``a``, ``of``; ``la``, ``je``, ``où``)
#: tell little and would thin out every passage.
_WORD = regex.compile(r"(?<!\p{L})\p{L}{%d,}(?!\p{L})" % MIN_LENGTH)


#: A mark that ends a sentence, between two words (see :func:`foreign_spans`).
_SENTENCE_END = regex.compile(r"[.!?]")


def _unaccented(word: str) -> str:
    """``word`` without its accents: ``thé`` → ``the``."""
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


def _build() -> dict[str, str]:
    from wordfreq import get_frequency_dict

    out: dict[str, tuple[float, str]] = {}
    for lang in LANGUAGES:
        for word, freq in get_frequency_dict(lang, wordlist="small").items():
            z = math.log10(freq) + 9
            bare = _unaccented(word)
            if len(word) < MIN_LENGTH or (bare != word and lexicon.zipf(bare) >= MIN_ZIPF):
                continue  # "d'", "à"; "thé", "thèse": OCR puts accents on English words too
            if z >= MIN_ZIPF and z >= lexicon.zipf(word) + MARGIN and z > out.get(word, (0.0, ""))[0]:
                out[word] = (z, lang)
    return {w: lang for w, (_, lang) in out.items()}


#: This module, whose text is one of the foreign-word table's inputs (:func:`_inputs`).
_SOURCE = Path(__file__)


def _inputs() -> tuple:
    """What the table of :func:`foreign_words` is derived from: the languages' lists, the English
    list the margin is taken against, and this module's own text (its rules and constants). The
    rules of :func:`_build` (the accent test, the margin) live in code; with only the constants in
    the key, a change of those rules kept serving the table built by the old ones until someone
    bumped a version number by hand."""
    lists = [lexicon.wordfreq_list(f"small_{lang}") for lang in LANGUAGES] + [lexicon.wordfreq_english()]
    return (*[f for f in lists if f.exists()], _SOURCE)


#: The table of :func:`foreign_words`: shipped in the package (:mod:`.shipped`).
FOREIGN_WORDS = DerivedTable("foreign-words", _inputs, _build)


@lru_cache(maxsize=1)
def foreign_words() -> dict[str, str]:
    """Lower-cased word → the language it belongs to (see the module docstring); shipped, or
    derived from wordfreq once per machine."""
    return FOREIGN_WORDS.load()


def _latin(word: str) -> str | None:
    """``"la"`` for a Latin form (:func:`.latin.is_latin`) that English does not use either
    (below the lexicon's trust, :data:`.lexicon.DEFAULT_MIN_ZIPF`): simplemma's list holds
    ``stimulant``, ``defendant``, ``coroner``, ``juvenile``, and with forms up to Zipf 4 (as
    :data:`.latin.ENGLISH_TOO` keeps them) 18 of 23 passages found on the tune parts were
    English prose (``consequent upon delirium tremens. The coroner``); below Zipf 1.5 each of
    the 11 passages found on both parts of the three sets is Latin (2026-12-05).

    Once the unclear detector's garbled rule left a Latin passage's words unflagged
    (:func:`.latin.in_latin`), the word engine still read them as English misreadings: in
    ``tests/data/latin_quotation.txt``, ``differunt`` → ``different`` at 0.895 and ``absunt``
    → ``about`` (2026-12-05)."""
    return "la" if lexicon.zipf(word) < lexicon.DEFAULT_MIN_ZIPF and latin.is_latin(word) else None


def foreign_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, language) of the passages of ``text`` in another language, in order: runs of
    at most :data:`WINDOW` words from one word of the language to another, with at least
    :data:`MIN_WORDS` of its words and at least half of the words between, widened over the
    neighbouring words of the same sentence that are no common English (a misread or old-spelled
    word of the passage: ``warcn``, ``zuo``); overlapping runs of one language are joined."""
    table = foreign_words()
    matches = list(_WORD.finditer(text))
    langs = [table.get(m.group().lower()) or _latin(m.group()) for m in matches]
    at: dict[str, list[int]] = {}
    for i, lang in enumerate(langs):
        if lang is not None:
            at.setdefault(lang, []).append(i)
    runs = []
    for lang, idx in at.items():
        b = 0
        for a in range(len(idx)):
            b = max(b, a)
            while b + 1 < len(idx) and idx[b + 1] - idx[a] < WINDOW:
                b += 1
            n = b - a + 1
            if (n >= MIN_WORDS and 2 * n >= idx[b] - idx[a] + 1
                    and len({w for j in idx[a:b + 1] if lexicon.zipf(w := matches[j].group().lower())
                             < ENGLISH_TOO}) >= MIN_WORDS):
                runs.append((idx[a], idx[b], lang))

    def passage_word(i: int) -> bool:
        return langs[i] is not None or lexicon.zipf(matches[i].group()) < MIN_ZIPF

    # A run widens over no sentence end: the English sentence after a quotation is English again,
    # and its misread words ("...gar wenig. Tbe monks") are what the detectors are for.
    # How far a run widens from a word, remembered for every word walked over: the runs of one
    # long passage overlap, and widening each one anew walked the whole passage once per word
    # (quadratic: 78 s for 160,000 characters of German).
    reach: dict[tuple[int, int], int] = {}

    def widen(i: int, step: int) -> int:
        walked = []
        while ((i, step) not in reach and 0 <= i + step < len(matches) and passage_word(i + step)
               and not _SENTENCE_END.search(text, matches[min(i, i + step)].end(), matches[max(i, i + step)].start())):
            walked.append(i)
            i += step
        end = reach.get((i, step), i)
        for j in walked:
            reach[(j, step)] = end
        return end

    out: list[tuple[int, int, str]] = []
    for first, last, lang in sorted(runs):
        first, last = widen(first, -1), widen(last, 1)
        start, end = matches[first].start(), matches[last].end()
        if out and out[-1][2] == lang and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end), lang)
        else:
            out.append((start, end, lang))
    return out

