"""The word engine: every word of the text read through one word model, proposals of four kinds.

Every word form of the text is analysed once
(:func:`~edition.detection.evidence.readings.reading_of`: the readings the OCR confusion model
allows, ranked by the general lexicon, this text's vocabulary and the derived confusion weights);
each occurrence adds its context features (bigram association with its neighbours, this text's
own word pairs), the calibrated confidence decides, and the reading says what is wrong
(:func:`kind_of`):

- ``realword`` — the original is itself a common English word, and a frequent OCR confusion
  turns it into one that fits its context far better (``bis`` → ``his``, ``be`` → ``he``,
  ``Statin`` → ``Stalin``); without context evidence a real word is left alone;
- ``glyph`` — a digit, symbol or accented letter read for a letter, or a shape confusion that
  changes the number of letters (``V1adimir``, ``U``/``ll``, ``rn``/``m``, ``li``/``h``);
- ``punctuation`` — a stray mark inside a word (``Unio'n``);
- ``nonword`` — any other form that is no word, one or two OCR confusions from one that is
  (``capitatist`` → ``capitalist``, ``ohild`` → ``child``).

Names, historical spellings and foreign words that recur in the text are words of the text and
are not proposed; neither are forms the project lexicon holds. The runner selects proposals by
kind (``detect(text, kinds=...)``); the glyph rules that need no word model (a lone ``1`` for
``I``, sums of money, ...) are the :mod:`.glyph` detector.

>>> from edition.detection.document import Document
>>> [(p.original, p.reading) for p in detect(Document("the capitatist class and its capitalist state"))
...  if p.kind is Kind.NONWORD]
[('capitatist', 'capitalist')]
>>> [(p.original, p.reading) for p in detect(Document("and then be said that the man was right"))
...  if p.kind is Kind.REALWORD]
[('be', 'he')]
"""
from __future__ import annotations

import dataclasses
import math
import unicodedata
from functools import lru_cache
from itertools import repeat
from operator import mul
from typing import Iterable, Iterator, NamedTuple

import regex

from .. import calibration
from ..document import Document
from ..evidence import bigrams, candidates, confusions, lexicon, ngrams, spacing
from ..evidence.garbling import garbled_features
from ..evidence.historical import may_be_older_spelling, writes_older_spellings
from ..evidence.readings import MIN_READING_ZIPF, WordReading, capitalized_inside_sentences, reading_of
from ...model import Kind, Proposal

#: Proposals below this confidence are not made. The confidence is calibrated, so a proposal
#: at 0.3 is right about one time in three: still worth an editor's glance (accepting or
#: rejecting one costs a keystroke), while the ≥ 0.9 bucket, the one accepted wholesale, is
#: untouched. Measured with ``benchmarks/detection_dev.py`` (judge of ``edition.evaluation``):
#: word proposals at 0.3–0.4 were right 34 % (tune) / 36 % (check), at 0.2–0.3 only 25 % / 17 %;
#: lowering the threshold from 0.5 to 0.3 raised F1 (every proposal accepted) on all four parts.
MIN_CONFIDENCE = 0.3
#: A form that is no English word (nor looks like an older spelling) gets a proposal from this
#: confidence on: even where the reading is a guess, the form itself is most often an error, and
#: flagging it is worth a glance.
#: Measured with ``benchmarks/detection_dev.py --detectors glyph,words`` (2026-11-28):
#: from 0.3 to 0.25, F1 +0.002/+0.005/+0.002/+0.006 (tune monographs, tune periodicals, check
#: monographs, check periodicals), the added proposals on erroneous words 60–88 % of the time;
#: on the gold texts 0.3–0.5 more proposals per 1,000 words. Lower floors (0.2, 0.15) added
#: about as many correct words as errors in the monographs.
MIN_NONWORD_CONFIDENCE = 0.25
#: A reading of the deep search (three or four edits: :mod:`edition.detection.evidence.candidates`) or
#: of the frequent words is proposed from this confidence on; below it the garbled flag stays in
#: front of the editor.
DEEP_MIN_CONFIDENCE = 0.5
#: In a text this damaged (:func:`edition.detection.evidence.noise.ocr_noise`, log10 of the share
#: of its forms that are unknown one-offs: -1.0 is one in ten) ...
GARBLED_TEXT_NOISE = -1.0
#: ... a reading of the deep search is proposed from this confidence on, the floor of any word
#: reading (:data:`MIN_CONFIDENCE`); at or above it the garbled flag gives way to the reading
#: (:func:`.unclear.garbled_candidates`). Where one word in ten is garbled, the form such a
#: reading is for is garbled itself, 3 or 4 edits from its gold, and a wrong reading is about as
#: far from the gold as the form was: it costs little, where a right one gains its edits. On the
#: tune parts, the deep readings at 0.3-0.5 of texts this noisy, judged by the characters they
#: would change against the gold (2026-12-05, ``docs/BENCHMARKS.md``, "Garbled words read in
#: very noisy texts"): BLN600 412 readings, 193 nearer the gold and 120 farther, +185
#: characters; ICDAR 2017 41, +10; ICDAR 2019 29, -2. In texts of 6-10 % the same readings lost
#: (BLN600 +30, ICDAR 2017 -90), and below 0.3 they lost everywhere (BLN600 -40, ICDAR 2017 -21).
#: A sure garbled flag (0.9 or more) used to stay before such a reading; measured again with the
#: reading in its place (2026-12-05, "Readings from a text's own words, and the sure-flag gate
#: measured again"), the tune parts gained characters with every proposal accepted on every set
#: (BLN600 +0.20 point, ICDAR 2017 periodicals +0.11, ICDAR 2019 +0.03) and kept at least 96 %
#: right at 0.9, so the reading takes the flag's place whatever the flag's confidence.
NOISY_DEEP_MIN_CONFIDENCE = MIN_CONFIDENCE
#: Such a weak reading says so when the word itself is surely garbled: the garbled flag it takes
#: the place of would be this confident (the ``garbled`` model, :func:`.unclear.garbled`; flags
#: at 0.9 or more were on an error about 97 % of the time). The editor keeps the flag's news,
#: "this word is wrong", beside a reading that is only a guess.
SURELY_GARBLED = 0.9
#: A reading of a real word by the confusion search (the ``realword`` model, :func:`model_of`)
#: is proposed from this confidence on: a wrong one breaks a correct word. Its readings at
#: 0.3–0.4 were right 41 % of the time on ICDAR 2017's check part and 30 % on BLN600's
#: (``benchmarks/derive/calibrate.py``); with the floor at 0.4 instead of the word model's 0.3,
#: the CER with every proposal accepted fell on every part of ICDAR 2017 and BLN600 and the
#: seed's false alarms went from 9 to 5 (at 0.5, ICDAR 2017's periodicals lost 0.04 points and
#: the seed one artifact; 2026-12-05, ``docs/BENCHMARKS.md``, "Real-word errors").
REALWORD_MIN_CONFIDENCE = 0.4
#: A form this common in English (Zipf; one in a million words) is a word in its own right, even
#: beside a word it would join; below it, wordfreq's list holds syllables as words ("ber" 2.9,
#: "tion" 2.8) ...
KNOWN_FRAGMENT_ZIPF = 3.0
#: ... and the joined word must be this much more common (Zipf) than the fragment alone.
JOIN_MARGIN = 1.5
#: A reading at least this confident replaces other detectors' flag-only proposals on the same
#: word (``unclear``); a weaker one leaves the flag in front of the editor. 0.5: below it the
#: reading is more often wrong than right.
READ_CONFIDENCE = 0.5

KINDS = (Kind.GLYPH, Kind.NONWORD, Kind.REALWORD, Kind.PUNCTUATION)
#: The detector name a word proposal carries (``Proposal.detector``, kept in corrections files
#: and audits): its kind, and ``glyph`` for a stray mark inside a word. These are the names the
#: word model's proposals had when three modules (glyph, nonword, realword) took them apart by
#: kind, so entries written then and now name their detector alike; overlapping proposals tie
#: on it too (:func:`edition.detection.runner.resolve_overlaps`).
DETECTOR_NAMES = {Kind.GLYPH: "glyph", Kind.NONWORD: "nonword", Kind.REALWORD: "realword",
                  Kind.PUNCTUATION: "glyph"}

_NONLETTER = regex.compile(r"[^\p{L}]")


def _is_diacritic_swap(ocr: str, gold: str) -> bool:
    strip = "".join(c for c in unicodedata.normalize("NFD", ocr) if not unicodedata.combining(c))
    return strip != ocr and strip.lower() == gold.lower()


_MARKS = regex.compile(r"^[\p{P}\p{S}]+$")


def kind_of(r: WordReading) -> Kind:
    if all(_MARKS.match(c.ocr) and not c.gold for c in r.changes):
        return Kind.PUNCTUATION  # a stray mark inside a word: Unio'n
    if r.features["known_original"]:
        return Kind.REALWORD
    for c in r.changes:
        if _NONLETTER.search(c.ocr) or _is_diacritic_swap(c.ocr, c.gold) or (
                c.p > 1e-5 and len(c.ocr) != len(c.gold) and len(c.ocr) and len(c.gold)):
            return Kind.GLYPH
    return Kind.NONWORD


class Unit(NamedTuple):
    """A word the word model reads: a token, or one part of a hyphenated token (the parts of
    ``bourgeois-capitatist`` are read apart: a compound is rarely in any lexicon whole)."""

    start: int
    end: int
    text: str
    prev: str | None  # the word directly before (None across punctuation)
    next: str | None
    sentence_start: bool


_HYPHEN_PARTS = regex.compile(r"[^-]+")  # the parts of a hyphenated token that are units


def units(doc: Document, only_read: bool = False) -> Iterator[Unit]:
    """The word units of the text; with ``only_read``, only those the word model has options
    for (the forms judged once each, then only their tokens visited)."""
    toks, joined = doc.tokens, doc.joined
    last = len(toks) - 1
    if only_read:
        # judged per distinct token, in the order of first occurrence (the order the walk of
        # every token asked _viable in), and only the tokens of the forms read are visited
        read = {w for w in doc.counts if (_viable(doc, w) if "-" not in w else
                                          any(_viable(doc, p) for p in _HYPHEN_PARTS.findall(w)))}
        indices: Iterable[int] = doc.indices_of(read)
    else:
        indices = range(len(toks))
    for i in indices:
        tok = toks[i]
        w = tok.text
        if "-" not in w:
            # doc.neighbours(i), written out
            prev = toks[i - 1].text if i > 0 and joined[i - 1] else None
            nxt = toks[i + 1].text if i < last and joined[i] else None
            yield Unit(tok.start, tok.end, w, prev, nxt, doc.starts_sentence(i))
            continue
        parts = [(m.start() + tok.start, m.end() + tok.start, m.group())
                 for m in _HYPHEN_PARTS.finditer(w)]
        prev, nxt = doc.neighbours(i)
        first = doc.starts_sentence(i)
        for k, (s, e, p) in enumerate(parts):
            yield Unit(s, e, p, parts[k - 1][2] if k else prev,
                       parts[k + 1][2] if k + 1 < len(parts) else nxt, first and k == 0)


class _Around(NamedTuple):
    """What the context features of one occurrence compare every reading with: its neighbours
    (lower-cased) and how the original itself fits them, computed once per occurrence."""

    prev: str | None
    next: str | None
    assoc_prev: float  # association(prev, original)
    assoc_next: float  # association(original, next)
    pair_prev: int  # the text's count of "prev original" minus this occurrence
    pair_next: int
    triple: int  # the text's count of "prev original next" minus this occurrence
    fit: float  # ngrams.fit(prev, original, next)


def _around(doc: Document, unit: Unit, o: str) -> _Around:
    prev = unit.prev.lower() if unit.prev is not None else None
    nxt = unit.next.lower() if unit.next is not None else None
    assoc_prev = assoc_next = 0.0
    pair_prev = pair_next = triple = 0
    if prev is not None:
        assoc_prev = bigrams.association(prev, o)
        pair_prev = doc.pairs.get(f"{prev} {o}", 0) - 1  # not this occurrence itself
    if nxt is not None:
        assoc_next = bigrams.association(o, nxt)
        pair_next = doc.pairs.get(f"{o} {nxt}", 0) - 1
    if prev is not None and nxt is not None:
        triple = doc.triples.get(f"{prev} {o} {nxt}", 0) - 1
    return _Around(prev, nxt, assoc_prev, assoc_next, pair_prev, pair_next, triple, ngrams.fit(prev, o, nxt))


def _context_features(doc: Document, unit: Unit, c: str, a: _Around) -> dict[str, float]:
    """:func:`context_features` of the reading ``c`` (lower-cased), the original's side ``a``
    already computed (the same numbers, added in the same order)."""
    prev, nxt = a.prev, a.next
    gain = 0.0
    doc_new = doc_old = 0
    if prev is not None:
        gain += bigrams.association(prev, c) - a.assoc_prev
        doc_new += doc.pairs.get(f"{prev} {c}", 0)
        doc_old += a.pair_prev
    if nxt is not None:
        gain += bigrams.association(c, nxt) - a.assoc_next
        doc_new += doc.pairs.get(f"{c} {nxt}", 0)
        doc_old += a.pair_next
    phrase = 0.0
    if prev is not None and nxt is not None:
        new_ = doc.triples.get(f"{prev} {c} {nxt}", 0)
        phrase = math.log10(1 + new_) - math.log10(1 + max(a.triple, 0))
    return {
        "context": round(gain, 3),
        "doc_context": round(math.log10(1 + doc_new) - math.log10(1 + max(doc_old, 0)), 3),
        "sentence_start": float(unit.sentence_start),
        "doc_phrase": round(phrase, 3),
        "lm": round(ngrams.fit(prev, c, nxt) - a.fit, 3),
    }


def _contexts(doc: Document, unit: Unit, o: str, readings: list[str]) -> list[dict[str, float]]:
    """``[_context_features(doc, unit, c, _around(doc, unit, o)) for c in readings]`` (``o``: the
    original, lower-cased): the same numbers, with the original and its readings looked up in the
    bigram table and the language model together, and what those hold for the occurrence's
    neighbours looked up once (:func:`bigrams.associations_after`, :func:`ngrams.fits`): this
    runs for every occurrence of a form that has readings."""
    prev = unit.prev.lower() if unit.prev is not None else None
    nxt = unit.next.lower() if unit.next is not None else None
    words = [o, *readings]
    after = bigrams.associations_after(prev, words) if prev is not None else None
    before = bigrams.associations_before(words, nxt) if nxt is not None else None
    lms = ngrams.fits(prev, words, nxt)
    pair_prev = pair_next = triple = 0
    if prev is not None:
        pair_prev = doc.pairs.get(f"{prev} {o}", 0) - 1  # not this occurrence itself
    if nxt is not None:
        pair_next = doc.pairs.get(f"{o} {nxt}", 0) - 1
    if prev is not None and nxt is not None:
        triple = doc.triples.get(f"{prev} {o} {nxt}", 0) - 1
    a = _Around(prev, nxt, after[0] if after else 0.0, before[0] if before else 0.0,
                pair_prev, pair_next, triple, lms[0])
    pairs, triples = doc.pairs.get, doc.triples.get
    log10 = math.log10
    sentence_start = float(unit.sentence_start)
    out = []
    for k, c in enumerate(readings, 1):
        gain = 0.0
        doc_new = doc_old = 0
        if prev is not None:
            gain += after[k] - a.assoc_prev
            doc_new += pairs(f"{prev} {c}", 0)
            doc_old += a.pair_prev
        if nxt is not None:
            gain += before[k] - a.assoc_next
            doc_new += pairs(f"{c} {nxt}", 0)
            doc_old += a.pair_next
        phrase = 0.0
        if prev is not None and nxt is not None:
            new_ = triples(f"{prev} {c} {nxt}", 0)
            phrase = log10(1 + new_) - log10(1 + max(a.triple, 0))
        out.append({
            "context": round(gain, 3),
            "doc_context": round(log10(1 + doc_new) - log10(1 + max(doc_old, 0)), 3),
            "sentence_start": sentence_start,
            "doc_phrase": round(phrase, 3),
            "lm": round(lms[k] - a.fit, 3),
        })
    return out


def context_features(doc: Document, unit: Unit, r: WordReading) -> dict[str, float]:
    """How much better the reading fits the words around this occurrence, and how much better
    another viable reading of the form fits there (``context_rival``, see :func:`rival_fits`)."""
    a = _around(doc, unit, r.original.lower())
    feats = _context_features(doc, unit, r.reading.lower(), a)
    others = [_context_features(doc, unit, o.reading.lower(), a) for o in _viable(doc, unit.text)
              if o.reading != r.reading]
    feats["context_rival"] = rival_fits([_fit(feats)] + [_fit(f) for f in others])[0]
    feats["doc_confusion"] = doc_confusion(doc, r)
    return feats


def _fit(context: dict[str, float]) -> float:
    """How well a reading fits its neighbours: its bigram association and language-model gains
    over the original (both log10)."""
    return context["context"] + context["lm"]


def rival_fits(fits: list[float]) -> list[float]:
    """For each reading of one occurrence (``fits``: :func:`_fit` of each), how much better the
    best other reading fits there, or 0 where none fits better. ``lhe`` in ``at two o'clock lhe
    heard`` reads as ``the`` by the form alone (``l`` for ``t`` is a common misreading), but
    ``he heard`` fits the sentence and ``the heard`` does not: the reading is less sure than its
    form says.

    >>> rival_fits([-1.25 + 0.08, 0.83 + 2.73, 0.69 + 1.41])
    [4.73, 0.0, 1.46]
    """
    if len(fits) < 2:
        return [0.0] * len(fits)
    best = max(fits)
    k = fits.index(best)  # the best fitting reading: no other fits better
    return [round(best - x, 3) if i != k else 0.0 for i, x in enumerate(fits)]


def looks_like_name(word: str, sentence_start: bool) -> bool:
    """A Capitalized form of letters in mid-sentence is taken for a name (a digit or symbol
    inside a name is no spelling of the name: ``V1adimir``)."""
    if _NONLETTER.search(word):
        return False
    return word[:1].isupper() and not word.isupper() and not sentence_start


def is_name_occurrence(unit: Unit) -> bool:
    """A Capitalized form in mid-sentence is taken for a name: it is only read as a word that
    the text itself uses ("Mdes" → "Miles" where the text has Miles; never "Kadar" → "Radar")."""
    return looks_like_name(unit.text, unit.sentence_start)


def capital_misread(r: WordReading) -> bool:
    """True when the reading turns the form's capital into small letters (``Hke`` → ``like``:
    ``li`` read as ``H``): the capital is the OCR's, so the form is no name for that. A capital
    the reading drops (``Acis`` → ``cis``) is no misread letter.

    >>> from edition.detection.evidence.confusions import Change
    >>> capital_misread(WordReading("Hke", "like", (Change(0, "H", "li", 0.01),), {}))
    True
    >>> capital_misread(WordReading("Jazer", "Lazer", (Change(0, "J", "l", 0.01),), {}))
    False
    >>> capital_misread(WordReading("Acis", "cis", (Change(0, "Ac", "c", 0.01),), {}))
    False
    """
    return r.reading[:1].islower() and any(
        c.at == 0 and c.ocr[:1].isupper() and len(c.gold) >= len(c.ocr) for c in r.changes)


def lost_to_neighbour(doc: Document, unit: Unit, r: WordReading) -> bool:
    """True when the letter the reading deletes belongs to the next or previous word, which is a
    fragment without it ("willh ang" is "will hang": a misplaced space, for the split detector)."""
    if len(r.changes) != 1 or r.changes[0].gold or len(r.changes[0].ocr) != 1:
        return False
    c = r.changes[0]

    def is_word(w: str) -> bool:  # the spacing detectors' membership test (symspellpy's list)
        return spacing.is_word(w.lower(), doc.vocabulary)

    if c.at == len(unit.text) - 1 and unit.next and not is_word(unit.next):
        return is_word(c.ocr + unit.next)
    if c.at == 0 and unit.prev and not is_word(unit.prev):
        return is_word(unit.prev + c.ocr)
    return False


#: A fragment joined to its neighbour must make a word at least this common (Zipf) to be taken
#: for a broken word rather than a misread one ("pro ceed" is "proceed", not "pro need").
JOIN_ZIPF = 3.0


def part_of_broken_word(doc: Document, unit: Unit) -> bool:
    """True when the form is no word but makes a common word with the word before or after it
    ("pro ceed", "Mo ney", "fur ther"): a space or lost hyphen inside a word, for the split and
    hyphen detectors, not a misreading to correct on its own."""
    w = unit.text
    z = lexicon.zipf(w)
    if z >= KNOWN_FRAGMENT_ZIPF or doc.vocabulary.get(w.lower(), 0) > 1:
        return False
    if _line_break_half(doc, unit) or _mark_break_half(doc, unit) or _speck_half(doc, unit):
        return True
    for joined in (unit.prev + w if unit.prev else None, w + unit.next if unit.next else None):
        if joined:
            zj = lexicon.zipf(joined.lower())
            if zj >= JOIN_ZIPF and zj >= z + JOIN_MARGIN:
                return True
    return False


_BEFORE_BREAK = regex.compile(r"(\p{L}+)- $")
_AFTER_BREAK = regex.compile(r"- (\p{L}+)")
# the same with the hyphen read as a period or comma (:func:`.hyphen.marks_for_line_breaks`)
_HYPHEN_MARK = "[" + regex.escape("".join(spacing.HYPHEN_READ_AS)) + "]"
_BEFORE_MARK_BREAK = regex.compile(r"(\p{L}+)" + _HYPHEN_MARK + " $")
_AFTER_MARK_BREAK = regex.compile(_HYPHEN_MARK + r" (\p{L}+)")


def _broken_pair(doc: Document, unit: Unit, before_break: "regex.Pattern", after_break: "regex.Pattern"
                 ) -> tuple[str, str] | None:
    """The two halves (left, right) of a word broken at a line-break mark next to the form:
    the letters ``before_break`` finds ending where the form starts and the form, else the form
    and the letters ``after_break`` finds right after it, or None."""
    before = before_break.search(doc.text, max(0, unit.start - 40), unit.start)
    if before is not None:
        return before.group(1), unit.text
    after = after_break.match(doc.text, unit.end)
    return None if after is None else (unit.text, after.group(1))


def _line_break_half(doc: Document, unit: Unit) -> bool:
    """True when the form is one half of a word broken by a line-break hyphen followed by a
    space (``em- ployer``: not ``player``; ``pri- sonller``), which the hyphen detector joins
    and reads whole (:func:`.hyphen.spaced_line_breaks`): the other half has two letters or
    more, and it is no common word or the two make a word; or it is one letter, and the two make
    a word (``o- thers``: not ``there``). A word before a dash (``met with- unpreoedented
    success``) is no half."""
    pair = _broken_pair(doc, unit, _BEFORE_BREAK, _AFTER_BREAK)
    if pair is None:
        return False
    other = pair[0] if pair[1] == unit.text else pair[1]  # the half that is not the form
    if len(other) < 2:  # "o- thers": a one-letter half only where the two make a word
        return spacing.is_word("".join(pair), doc.lower_counts)
    return lexicon.zipf(other) < KNOWN_FRAGMENT_ZIPF or spacing.is_word("".join(pair), doc.lower_counts)


def _mark_break_half(doc: Document, unit: Unit) -> bool:
    """True when the form is one half of a word whose line-break hyphen OCR read as a period or
    comma before a space (``pri. soners``: not ``prisons``, ``ceeds``: not ``Needs``), which the
    hyphen detector joins (:func:`.spacing.joined_at_mark`, the same test)."""
    pair = _broken_pair(doc, unit, _BEFORE_MARK_BREAK, _AFTER_MARK_BREAK)
    return pair is not None and spacing.joined_at_mark(*pair, doc.lower_counts) is not None


_BEFORE_SPECK = regex.compile(r"(\p{L}{2,})[" + regex.escape(spacing.SPECKS) + r"]$")
_AFTER_SPECK = regex.compile(r"[" + regex.escape(spacing.SPECKS) + r"](\p{L}{2,})")


def _speck_half(doc: Document, unit: Unit) -> bool:
    """True when the form is one side of a word a speck divides (``afte~rnoon``: not ``moon``;
    :data:`.spacing.SPECKS`) and the two sides make a word: the punctuation detector reads the
    word whole (:func:`.punctuation.marks_inside_words`)."""
    text, s, e = doc.text, unit.start, unit.end
    joined = []  # the word with the side before the speck, and with the side after it
    if s > 2 and text[s - 1] in spacing.SPECKS and (m := _BEFORE_SPECK.search(text, max(0, s - 40), s)):
        joined.append(m.group(1) + unit.text)
    if e < len(text) and text[e] in spacing.SPECKS and (m := _AFTER_SPECK.match(text, e)):
        joined.append(unit.text + m.group(1))
    return any(spacing.is_word(w, doc.lower_counts) for w in joined)


#: Words that never end a sentence: a period after them is a speck of the page ("by. bthers",
#: "of. oach"), not the end of a sentence that would give the next word a capital.
NEVER_LAST_WORDS = frozenset("a an the of by to in on at for from with and or nor".split())


def period_is_a_speck(doc: Document, unit: Unit) -> bool:
    """True when the period before a word that seems to open a sentence is a speck: glued to the
    word and apart from the one before (``by .ueans``), or after a word that never ends a
    sentence (``of. oach``, :data:`NEVER_LAST_WORDS`). On the tune parts of BLN600 and ICDAR
    2017, the misread first letter of 4 readings after such a period was given a capital at
    ≥ 0.9 (and of 7 below), and the gold had a small letter each time (2026-12-05).

    >>> doc = Document("He came by .ueans of it. Then the end of. oach")
    >>> [period_is_a_speck(doc, u) for u in units(doc) if u.text in ("ueans", "Then", "oach")]
    [True, False, True]
    """
    text = doc.text
    i = unit.start - 1
    if i >= 1 and text[i] == "." and text[i - 1].isspace():
        return True
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 1 or text[i] != ".":
        return False
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    return text[j:i].lower() in NEVER_LAST_WORDS


def sentence_case(doc: Document, unit: Unit, r: WordReading) -> str:
    """A reading whose first letter was misread starts a sentence with a capital ("principle.
    lie knew" → "He knew"). Not where characters before the word were only dropped: the
    reading's first letter is then the OCR's own small letter, and the period before it a
    speck ("the cause of death . vwas shock" → "was"; on BLN600's tune part such readings were
    capitalized 3 times at ≥ 0.9 against a small letter in the gold, 2026-12-05).

    Inside a sentence, a capital the OCR read for another letter is no capital of the word
    ("the prisoner said Lis wife" → "his", "the Droperty" → "property") where the text writes the
    reading in small letters and never with a capital inside a sentence (a title keeps it: "the
    Ohief Constable" → "Chief" where the text writes "Chief Constable"). On BLN600's tune part,
    such readings (L read for h, D for p) were right 0 of 10 times at ≥ 0.9, each for its capital
    (2026-12-05, `benchmarks/studies/confident_wrong.py`). A capital read for another capital
    (B for R, O for C: the confusion's letter is a capital) stays one: "Herald's Oollege" is
    "College"; lowered, such readings were right 2 of 12 times at ≥ 0.9 on the tune parts of
    BLN600 and ICDAR 2017 (2026-12-05).

    An I or J read for an l is no capital even where the text does not write the word (see
    :func:`stroke_read_for_l`)."""
    reading = r.reading
    if unit.sentence_start and not period_is_a_speck(doc, unit):
        if any(c.at == 0 and c.gold for c in r.changes) and reading[:1].islower():
            return reading[:1].upper() + reading[1:]
        return reading
    if (reading[:1].isupper() and reading[1:].islower()
            and any(c.at == 0 and c.ocr[:1].isupper() and c.gold[:1].islower()
                    and c.gold[:1] != c.ocr[:1].lower() for c in r.changes)
            and (doc.counts.get(reading.lower(), 0) or stroke_read_for_l(unit, r))
            and reading not in doc.memo(capitalized_inside_sentences)):
        return reading.lower()
    return reading


def stroke_read_for_l(unit: Unit, r: WordReading) -> bool:
    """True when the OCR read a capital I or J for the small l a word starts with, inside a
    sentence and not before another capitalized word (``the power of Iocking a man``,
    ``unseen Jovers``; not ``Iord Cardross``). I, J and l are one upright stroke in most
    typefaces, so the OCR's capital says nothing of the print's case. On the tune parts of the
    three sets such readings kept the capital 16 times at ≥ 0.5 and were right 0 times (4 of
    them ICDAR 2017's ``Jovers`` → ``Lovers``, ``Jikeness`` → ``Likeness``); in small letters,
    8 right and none lost (2026-12-05, docs/BENCHMARKS.md "What an editor sees").

    >>> from edition.detection.evidence.confusions import Change
    >>> r = WordReading("Iocking", "Locking", (Change(0, "I", "l", 0.01),), {})
    >>> stroke_read_for_l(Unit(0, 7, "Iocking", "of", "a", False), r)
    True
    >>> stroke_read_for_l(Unit(0, 4, "Iord", None, "Cardross", False), r)
    False
    """
    return (not unit.sentence_start and not (unit.next or "")[:1].isupper()
            and any(c.at == 0 and c.ocr[:1] in "IJ" and c.gold[:1] == "l" for c in r.changes))


#: An option whose type-level logit (the calibrated score without its context features) is
#: below this is never proposed: on the tune part, no proposal (confidence ≥ 0.5) had a type
#: logit under -4.8, context lifting it by at most 9.3; -6 leaves a margin and skips 68 % of
#: the per-occurrence work. Re-measured when MIN_CONFIDENCE went down to 0.3 and the weights
#: were refitted: lowest type logit of an option at ≥ 0.3 -4.67 (5,623 options), largest context
#: lift 8.9.
MIN_TYPE_LOGIT = -6.0
_CONTEXT = ("context", "doc_context", "sentence_start", "doc_phrase", "lm", "context_rival")


def _confusion_forms(doc: Document) -> dict[tuple[str, str], set[str]]:
    """(OCR string, read string) of a confusion → the text's forms (lower-cased) whose best
    reading by the confusion search (:func:`model_of`: ``word``) makes it; once per document
    (``doc.memo``). Every form of the text is read anyway (:func:`_viable`), so this only reads
    them in another order."""
    out: dict[tuple[str, str], set[str]] = {}
    for w in _unit_forms(doc):
        for r in reading_of(doc, w) or ():
            if model_of(r.features) == "word":
                low = w.lower()
                for c in r.changes:
                    out.setdefault((c.ocr, c.gold), set()).add(low)
                break
    return out


def _unit_forms(doc: Document) -> list[str]:
    """The distinct texts of the word units (:func:`units`), in the order the units first give
    them: each distinct token in the order of its first occurrence (``doc.counts``), a
    hyphenated one as its parts. A part first met inside a token is met there in every later
    token too, so walking the distinct tokens gives the same forms in the same order as walking
    every unit of the text, without making a unit (its neighbours, its sentence start) per token.
    """
    seen: dict[str, None] = {}
    for token in doc.counts:
        if "-" not in token:
            seen[token] = None
        else:
            for part in _HYPHEN_PARTS.findall(token):
                seen.setdefault(part)
    return list(seen)


def doc_confusion(doc: Document, r: WordReading) -> float:
    """How many other forms of the text the reading's misreading explains too: log10(1 + n),
    n the fewest over its changes of the text's other forms whose best reading makes the same
    change (:func:`_confusion_forms`). A text's OCR repeats its habits (``U`` read for ``ll`` in
    ``wiU``, ``stiU``, ``caUed``); a reading that needs a confusion the text shows nowhere else is
    less sure. On the tune parts, the word model's best readings at >= 0.9 (its weights before
    this feature) whose misreading the text shows in no other form were right 90.1 % of the time
    on BLN600 (983) and 92.7 % on ICDAR 2017 (55); with one other form or more 94.4 % (621) and
    97.5 % (2,881) (2026-12-05, leave-one-document-out pairs as ``calibrate.py`` fits them).
    Weighed in noisy texts only (:func:`weighing_model`)."""
    return round(math.log10(1 + repeated_misreadings(doc, r)), 3)


def repeated_misreadings(doc: Document, r: WordReading) -> int:
    """The n of :func:`doc_confusion`: the fewest, over the reading's changes, of the text's other
    forms whose best reading makes the same change (the count the ``why`` gives)."""
    if not r.changes:
        return 0
    forms = doc.memo(_confusion_forms)
    low = r.original.lower()
    return min(len(forms.get((c.ocr, c.gold), ())) - (low in forms.get((c.ocr, c.gold), ())) for c in r.changes)


def _viable_cache(doc: Document) -> dict[str, tuple[WordReading, ...]]:
    """Form → its viable options (:func:`_viable`), filled as the forms are met; one per document
    (``doc.memo(_viable_cache)``)."""
    return {}


def _viable(doc: Document, word: str) -> tuple[WordReading, ...]:
    """The options of ``word`` whose type-level evidence can reach a proposal (cached)."""
    cache = doc.memo(_viable_cache)
    if word not in cache:
        kept = []
        for r in reading_of(doc, word) or ():
            bias, names, weights = _type_level(weighing_model(r.features))
            # the terms of calibration.score without the context features, summed in its order
            # (the text's count of the misreading is the same at every occurrence: it counts)
            feats = {**r.features, "doc_confusion": doc_confusion(doc, r)} if "doc_confusion" in names \
                else r.features
            if bias + sum(map(mul, weights, map(feats.get, names, repeat(0.0)))) >= MIN_TYPE_LOGIT:
                kept.append(r)
        cache[word] = tuple(kept)
    return cache[word]


def model_of(features: dict[str, float]) -> str:
    """The calibration model that weighs a reading: ``deep`` for a reading of the deep search
    (:mod:`edition.detection.evidence.candidates`: three or four edits, the newspapers' channel), fitted
    on those readings of every development set; ``word`` for the confusion search's, fitted on
    the books. (A ``word`` model for noisy texts fitted on the noisy texts of all three sets
    lifted BLN600's tune part at ≥ 0.9 from +4.4 % to +4.7 % and cut the ICDAR 2017
    monographs' from +33.1 % to +29.3 %: not kept; 2026-12-04.) ``realword`` for a reading of
    the confusion search whose original is itself a common word (``bad`` → ``had``, ``greet`` →
    ``great``), fitted on those readings of every development set with the text's noise as a
    feature: a real word misread is far likelier in a newspaper than in a clean book, and the
    books' ``word`` model, fitted where it is rare, kept such readings low everywhere (on
    BLN600's check part, the best reading per occurrence reached 0.9 86 times with it, 84 right,
    and 119 times with their own model, 114 right; 2026-12-05,
    ``benchmarks/studies/real_word_evidence.py``, ``docs/BENCHMARKS.md``, "Real-word errors"). ``frequent`` for a frequent word
    read for a short form of a noisy text (:func:`edition.detection.evidence.candidates.frequent_variants`),
    fitted on those readings of every development set: weighed by the deep model refitted with
    them, the deep readings of older spellings rose above 0.9 (the model's ``historical`` weight
    went from -1.2 to -0.2: ``tile`` looks like ``til`` with a final e), and ICDAR 2019's check
    part broke 1.32 correct words per 1,000 at ≥ 0.9 instead of 0.94 (2026-12-04)."""
    if features.get("frequent"):
        return "frequent"
    if features.get("deep"):
        return "deep"
    return "realword" if features.get("known_original") else "word"


def weighing_model(features: dict[str, float]) -> str:
    """The calibration model whose weights give a reading its confidence: :func:`model_of`'s,
    except that the confusion search's readings in a noisy text (:data:`.candidates.NOISY`, 3 %
    of unknown one-off forms) are weighed by ``word_noisy``, the ``word`` model with the text's
    count of the misreading (:func:`doc_confusion`). In a clean text a misreading is rarely
    repeated, whatever its reading: fitted on every text, the count cut the seed's ``V1adimir``
    → ``Vladimir`` (``Vladimir`` three times in the text) from 0.935 to 0.77, and the readings of
    ICDAR 2017 tune's clean texts at >= 0.9 from 88 to 72, all right (2026-12-05)."""
    m = model_of(features)
    return "word_noisy" if m == "word" and features.get("noise", -9.0) >= candidates.NOISY else m


@lru_cache(maxsize=8)
def _type_level(name: str = "word") -> tuple[float, tuple[str, ...], tuple[float, ...]]:
    """A word model's bias, and its type-level features and their weights, in its order."""
    m = calibration.model(name)
    type_level = [(f, w) for f, w in m.weights.items() if f not in _CONTEXT]
    return m.bias, tuple(f for f, _ in type_level), tuple(w for _, w in type_level)


def _confidence(feats: dict[str, float]) -> float:
    """:func:`edition.detection.calibration.confidence` of the reading's model (:func:`weighing_model`): the
    same terms added in the same order (``map`` in C instead of a generator: it runs for every
    option of every occurrence)."""
    m = calibration.model(weighing_model(feats))
    s = m.bias + sum(map(mul, m.weights.values(), map(feats.get, m.weights, repeat(0.0))))
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, s)))), 3)


def scored_options(doc: Document, unit: Unit) -> list[tuple[float, WordReading, dict[str, float]]]:
    """The readings of one occurrence with their features and confidence, best first (only
    options that can reach a proposal)."""
    options = _viable(doc, unit.text)
    if not options:
        return []
    out = []
    # every option reads the same original (unit.text): its side of the context is computed once
    contexts = _contexts(doc, unit, options[0].original.lower(), [r.reading.lower() for r in options])
    rivals = rival_fits([_fit(c) for c in contexts])
    for r, context, rival in zip(options, contexts, rivals):
        context["context_rival"] = rival
        context["doc_confusion"] = doc_confusion(doc, r)
        feats = {**r.features, **context}
        out.append((_confidence(feats), r, feats))
    out.sort(key=lambda t: -t[0])
    return out


def _describe(c) -> str:
    """A confusion in the editor's words: "digit 1 read for l", "U read for ll"."""
    gold = c.gold or "nothing"
    if any(ch.isdigit() for ch in c.ocr):
        what = f"digit {c.ocr}"
    elif _NONLETTER.search(c.ocr):
        what = f"mark {c.ocr}"
    elif c.gold and _is_diacritic_swap(c.ocr, c.gold):
        what = f"accented {c.ocr}"
    else:
        what = c.ocr or "nothing"
    where = "word-initial " if c.at == 0 and c.p == confusions.confusion_p(c.ocr, c.gold, initial=True) and \
        c.p != confusions.confusion_p(c.ocr, c.gold) else ""
    share = f" ({c.p:.0%} of {where}OCR '{c.ocr}' in the development data)" if c.p >= 0.005 else ""
    seen = "" if c.p > 1e-5 else ", an edit OCR rarely makes"
    return f"{what} read for {gold}{share}{seen}"


def explain(r: WordReading, feats: dict[str, float], count: int, repeats: int = 0) -> str:
    """One line of checkable evidence: the confusion, the lexicon, the text, the context.
    ``count``: the reading's count in the text; ``repeats``: the text's other forms that make the
    same misreading (:func:`repeated_misreadings`), said where the model weighs them."""
    parts = ["; ".join(_describe(c) for c in r.changes)]
    zo, zr = lexicon.zipf(r.original), lexicon.zipf(r.reading)
    if zo:
        parts.append(f"'{r.reading}' Zipf {zr:.1f} in English vs '{r.original}' {zo:.1f}")
    else:
        parts.append(f"'{r.original}' is no English word ('{r.reading}' Zipf {zr:.1f})")
    if count:
        parts.append(f"'{r.reading}' occurs {count}x in this text")
    if feats.get("doc_pair"):
        parts.append("two OCR errors from a form the text uses often")
    if repeats and weighing_model(feats) == "word_noisy":
        # the count itself: 10 ** doc_confusion, rounded to three places, is off by one from 463
        parts.append(f"the text shows the same misreading in {repeats} other word{'s' if repeats != 1 else ''}")
    if feats.get("historical"):
        parts.append("(the original looks like an older spelling)")
    if feats.get("context", 0) >= 0.5:
        parts.append(f"fits its neighbours better (+{feats['context']:.1f})")
    elif feats.get("context", 0) <= -0.5:
        parts.append(f"fits its neighbours worse ({feats['context']:.1f})")
    return "; ".join(parts)


def _floor(r: WordReading) -> float:
    """The confidence a proposal needs, by the model that weighs it (:func:`model_of`):
    :data:`REALWORD_MIN_CONFIDENCE` for a real word misread, :data:`DEEP_MIN_CONFIDENCE` for the
    deep and frequent searches' readings (the deep search's from :data:`NOISY_DEEP_MIN_CONFIDENCE`
    in a text of :data:`GARBLED_TEXT_NOISE` or more); for the ``word`` model :data:`MIN_NONWORD_CONFIDENCE`
    for a form that is no word and does not look like an older spelling (``keepe`` may be the
    author's), else :data:`MIN_CONFIDENCE`. A word of the general dictionary too rare to count as known
    (``aborts``, ``forgo``, ``culling``, ``modulo``: Zipf 1.3-3) is a word: at 0.25 these were
    26 of the lower floor's 72 proposals on 225k words of clean English (``/usr/share/doc``,
    mostly git's release notes); on the development set the floor then keeps F1 within 0.001 and
    proposes 0.04-0.15 fewer correct words per 1,000."""
    model = model_of(r.features)
    if model == "realword":
        return REALWORD_MIN_CONFIDENCE
    if model == "deep" and r.features.get("noise", -9.0) >= GARBLED_TEXT_NOISE:
        return NOISY_DEEP_MIN_CONFIDENCE
    if model != "word":
        return DEEP_MIN_CONFIDENCE
    # (a known original is weighed by the realword model: see above)
    if r.features["historical"] or spacing.is_dictionary_word(r.original):
        return MIN_CONFIDENCE
    return MIN_NONWORD_CONFIDENCE


def below_floor(r: WordReading, conf: float) -> bool:
    """True when the reading ``r`` of an occurrence, weighed at ``conf``, is too weak to be
    proposed: below its model's floor (:func:`_floor`)."""
    return conf < _floor(r)


def never_proposed(doc: Document, unit: Unit, r: WordReading) -> bool:
    """True when the reading ``r`` of this occurrence is proposed at no confidence: a name read
    as a word the text does not use, a letter that belongs to the next word, a piece of a broken
    word, a number's digit dropped or a common word glued to the form dropped where a space was
    lost (:func:`proposal_parts`; the calibration fits only readings that may be proposed)."""
    return ((reads_a_name(doc, unit, r) and not garbled_name(doc, unit, r))
            or lost_to_neighbour(doc, unit, r) or part_of_broken_word(doc, unit)
            or drops_number(unit, r) or drops_glued_word(unit.text, r.reading)
            or reads_two_words_as_one(unit.text, r.reading))


def drops_number(unit: Unit, r: WordReading) -> bool:
    """True when the reading drops a digit at an end of the form: "5per" is a number that lost
    its space ("5 per"), not a stray digit to delete."""
    return any(c.ocr.isdigit() and not c.gold and (c.at == 0 or c.at + len(c.ocr) == len(unit.text))
               for c in r.changes)


def reads_a_name(doc: Document, unit: Unit, r: WordReading) -> bool:
    """True when the reading turns a capitalized form in mid-sentence, taken for a name, into a
    word the text does not use (the capital not the OCR's own misreading)."""
    return (is_name_occurrence(unit) and not capital_misread(r)
            and not doc.vocabulary.get(r.reading.lower(), 0))


#: A capitalized reading at least this common (Zipf) may be read for a capitalized form that is
#: no word: a known name or word misread (``Catlherine`` → ``Catherine``, ``Evaus`` → ``Evans``).
#: Such readings, held back before, were right on the tune parts 51 of 59 times at ≥ 0.9 on
#: ICDAR 2017 and 131 of 168 on BLN600, 24 of 42 and 125 of 196 below (2026-12-05): a CER gain
#: on every set, but not the 95 % that 0.9 promises, so their confidence stays under it
#: (:data:`NAME_READING_CAP`). The floor is that of any reading
#: (:data:`~edition.detection.evidence.readings.MIN_READING_ZIPF`, Zipf 2): the names of places
#: and people a newspaper prints are mostly rarer than Zipf 3 (``Beigravia`` → ``Belgravia``
#: 2.3, ``Clerkeuwell`` → ``Clerkenwell`` 2.4, ``Marylabone`` → ``Marylebone`` 2.7). With the
#: floor at 3 such names were held back (``benchmarks/studies/untouched_words.py``: "never
#: proposed, a name"); readings of Zipf 2–3 proposed with it lowered
#: were right on the tune parts 36 of 52 times on ICDAR 2017, 62 of 95 on BLN600 and 2 of 4 on
#: ICDAR 2019 (at the cap, 0.8–0.85: 26 of 28, 33 of 38, 2 of 2), and the CER cut with every
#: proposal rose on all four tune parts (2026-12-05).
NAME_READING_ZIPF = MIN_READING_ZIPF
NAME_READING_CAP = 0.85

#: In a text that writes older spellings
#: (:func:`edition.detection.evidence.historical.writes_older_spellings`), a reading that
#: modernizes an older spelling (``deuout`` → ``devout``), or that reads a damaged form as the
#: modern word where the text's spelling may be the older one (``strcyght`` → ``straight`` where
#: the print has ``streyght``), is proposed below 0.9: the spelling is the author's, and the gold
#: of an old text keeps it.
OLDER_SPELLING_CAP = 0.85


def garbled_name(doc: Document, unit: Unit, r: WordReading) -> bool:
    """True when a capitalized form in mid-sentence is no word anywhere (English does not know
    it, the text writes it once) and the reading is a known capitalized word: a name or word
    misread, not a name of the text's own.

    >>> from edition.detection.document import Document
    >>> doc = Document("They met Catlherine at the station and spoke to Qwzrt there.")
    >>> unit = next(u for u in units(doc) if u.text == "Catlherine")
    >>> garbled_name(doc, unit, WordReading("Catlherine", "Catherine", (), {}))
    True
    >>> garbled_name(doc, unit, WordReading("Catlherine", "catherine", (), {}))
    False

    A name rarer than the common words is a name all the same (``Belgravia``: Zipf 2.3); a
    capitalized reading no commoner than the debris of the lexicon is none (Zipf under 2):

    >>> doc = Document("He had lodged in Beigravia and in Qwzrt before.")
    >>> unit = next(u for u in units(doc) if u.text == "Beigravia")
    >>> garbled_name(doc, unit, WordReading("Beigravia", "Belgravia", (), {}))
    True
    >>> garbled_name(doc, unit, WordReading("Beigravia", "Beigravie", (), {}))
    False
    """
    return (r.reading[:1].isupper() and lexicon.zipf(unit.text) == 0
            and doc.vocabulary.get(unit.text.lower(), 0) <= 1
            and lexicon.zipf(r.reading) >= NAME_READING_ZIPF)


#: A piece of at least two letters this common (Zipf) glued before or after a word is a word of
#: its own that lost its space (``ofarticles``, ``unableto``), not debris: a reading that drops
#: it drops a word. On the three sets' tune parts such readings were right 2 times in 38
#: (`benchmarks/studies/glued_words.py`, 2026-12-05; check parts 0 of 12);
#: the merge detector proposes the two words.
GLUED_WORD_ZIPF = 5.5


def glued_piece(word: str, reading: str) -> str:
    """What ``word`` has beyond ``reading`` when the reading is the word less a piece at its
    start or end (lower case), else "".

    >>> glued_piece("ofarticles", "articles"), glued_piece("unableTo", "unable"), glued_piece("thee", "they")
    ('of', 'to', '')
    """
    w, r = word.lower(), reading.lower()
    if len(w) <= len(r):
        return ""
    return w[:len(w) - len(r)] if w.endswith(r) else w[len(r):] if w.startswith(r) else ""


def drops_glued_word(word: str, reading: str) -> bool:
    """True when ``reading`` is ``word`` less a common word glued to its start or end.

    >>> drops_glued_word("ofarticles", "articles"), drops_glued_word("unableto", "unable")
    (True, True)
    >>> drops_glued_word("ithe", "the"), drops_glued_word("Lenin", "Lenin"), drops_glued_word("thee", "the")
    (False, False, False)
    """
    piece = glued_piece(word, reading)
    return len(piece) >= 2 and piece.isalpha() and lexicon.zipf(piece) >= GLUED_WORD_ZIPF


#: Two words glued together, each of at least this many letters and this common (Zipf), are a
#: lost space (``prisonerwas``, ``founddead``): a reading that makes a third word of them by
#: dropping letters (``prisoners``, ``founded``) was right 0 of 3 times at ≥ 0.9 on BLN600's tune
#: part, none on ICDAR 2017's (2026-12-05); the merge detector divides such a form.
GLUED_PAIR_LETTERS = 3
GLUED_PAIR_ZIPF = 4.0


def glued_pair(word: str) -> tuple[str, str] | None:
    """The two common words ``word`` is made of (see :data:`GLUED_PAIR_ZIPF`), or None.

    >>> glued_pair("prisonerwas"), glued_pair("founddead"), glued_pair("tlie")
    (('prisoner', 'was'), ('found', 'dead'), None)
    """
    if not word.isalpha():
        return None
    low = word.lower()
    for i in range(GLUED_PAIR_LETTERS, len(low) - GLUED_PAIR_LETTERS + 1):
        a, b = low[:i], low[i:]
        if lexicon.zipf(a) >= GLUED_PAIR_ZIPF and lexicon.zipf(b) >= GLUED_PAIR_ZIPF:
            return a, b
    return None


def reads_two_words_as_one(word: str, reading: str) -> bool:
    """True when ``word`` is two common words glued and ``reading`` a third word that drops two
    or more of their letters (``prisonerwas`` → ``prisoners``).

    >>> reads_two_words_as_one("prisonerwas", "prisoners"), reads_two_words_as_one("thatis", "that")
    (True, False)
    """
    return len(reading) <= len(word) - 2 and " " not in reading and glued_pair(word) is not None


#: A reading whose first letter's case is in doubt (:func:`case_in_doubt`) is at most this
#: confident: on the tune parts of BLN600 and ICDAR 2017, such readings at ≥ 0.9 were right
#: 8 of 15 times (a capital only the text gives) and 2 of 12 (a capital read for a capital,
#: before :func:`sentence_case` kept it), each wrong for its first letter's case
#: (2026-12-05, docs/BENCHMARKS.md "Confident and wrong: a gold in another order, the case of a
#: misread first letter").
CASE_DOUBT_CAP = 0.85


def case_in_doubt(doc: Document, unit: Unit, r: WordReading, reading: str) -> str:
    """Why the case of the proposed reading's first letter is in doubt inside a sentence, or "".

    - The OCR's first letter is a small one, the others too, and the reading's capital comes
      from the text's usual form of the word (``ueans`` → ``Means`` where the text writes
      "Ways and Means"): the text's names are read so (``iiggins`` → ``Higgins``), but so are
      its titles' common words (``tounsel`` → ``Counsel`` for "counsel").
    - The OCR read a capital for another capital (the confusion's letter is a capital: B for H,
      O for C), and the text writes the word in small letters, never with a capital inside a
      sentence (``Botel`` → ``Hotel`` for "Hotel", but ``Fart`` → ``Part`` for "part").

    >>> from edition.detection.evidence.confusions import Change
    >>> doc = Document("They went by Ways and Means to the house.")
    >>> u = Unit(0, 5, "ueans", "by", "of", False)
    >>> bool(case_in_doubt(doc, u, WordReading("ueans", "means", (Change(0, "u", "m", 0.01),), {}), "Means"))
    True
    >>> bool(case_in_doubt(doc, u, WordReading("ueans", "means", (Change(0, "u", "m", 0.01),), {}), "means"))
    False
    """
    if unit.sentence_start or not reading[:1].isupper() or not reading[1:].islower() \
            or reading[:2] in ("I'", "I’"):
        return ""
    if unit.text[:1].islower() and not any(ch.isupper() for ch in unit.text):
        return "its capital is the text's usual form, the OCR's letters are small"
    if (any(c.at == 0 and c.ocr[:1].isupper() and c.gold[:1].isupper() and c.gold[:1] != c.ocr[:1]
            for c in r.changes)
            and doc.counts.get(reading.lower(), 0)
            and reading not in doc.memo(capitalized_inside_sentences)):
        return f"a capital read for the capital {reading[:1]}, or for its small letter?"
    return ""


#: A form of two or three characters of letters and a 0 or 1 (``1t``, ``s0``, ``t0o``, ``M1r``)
#: is at most this confident: 0 and 1 are the figures shaped like letters (o, l, I), and so
#: short a form is as often a misread number or abbreviation (``t0o`` was "10l.", ``l0s``
#: "10s", ``1ii`` "10l.") or debris the transcription drops (``1t``, gold nothing, 3 times) as
#: a misread word. On the tune parts such readings at ≥ 0.9 were right 1 of 15 times (BLN600)
#: and 1 of 3 (ICDAR 2017); with other figures (``8t`` → ``St``, ``hi3`` → ``his``) 3 of 5
#: and 10 of 15, left as they are (2026-12-05).
SHORT_DIGIT_FORM_CAP = 0.85


def short_digit_form(word: str) -> bool:
    """A form of two or three characters of letters and a 0 or 1 (see
    :data:`SHORT_DIGIT_FORM_CAP`).

    >>> short_digit_form("1t"), short_digit_form("t0o"), short_digit_form("8t"), short_digit_form("10")
    (True, True, False, False)
    """
    return (2 <= len(word) <= 3 and any(c in "01" for c in word)
            and any(c.isalpha() for c in word) and all(c.isalnum() for c in word)
            and not any(c.isdigit() and c not in "01" for c in word))


#: A reading that no dictionary has is divided into two words where its word list has them run
#: together (``withthe`` Zipf 2.0, ``ofthe`` 3.3: text of the web with a space lost) and the
#: second follows the first this often at least (log10 P(b | a) of the language model: ``of the``
#: −0.6, ``it was`` −0.8, ``to be`` −1.3; not ``of my`` −2.0, ``be on`` −2.4, ``not her`` −2.9:
#: ``beon`` is more often ``been`` misread than two words). Each word has two letters or more.
SPACED_PAIR_LOG_P = -1.5


@lru_cache(maxsize=1 << 16)  # asked for every reading of every occurrence; a pure function of it
def spaced(reading: str) -> str:
    """``reading`` with the space its word list lost put back, where it is no word of the
    dictionary but two words run together that often stand together (:data:`SPACED_PAIR_LOG_P`):
    ``witlithe`` reads as ``with the``, not ``withthe``. The likeliest division.

    >>> spaced("withthe"), spaced("Ofthe"), spaced("within"), spaced("beon"), spaced("Newcastle")
    ('with the', 'Of the', 'within', 'beon', 'Newcastle')
    """
    if not reading.isalpha() or not reading[1:].islower() or spacing.is_dictionary_word(reading):
        return reading  # (a name, a compound the dictionary lacks: Newcastle is no "New castle")
    low = reading.lower()
    best, best_lp = None, SPACED_PAIR_LOG_P
    for i in range(2, len(low) - 1):
        a, b = low[:i], low[i:]
        if spacing.is_dictionary_word(a) and spacing.is_dictionary_word(b):
            lp = ngrams.log_p(a, b)
            if lp >= best_lp:
                best, best_lp = i, lp
    return reading if best is None else f"{reading[:best]} {reading[best:]}"


def proposal_parts(doc: Document, unit: Unit) -> tuple[Kind, tuple[str, ...], float, str] | None:
    """(kind, readings, confidence, why) of the proposal on one occurrence, or None. Depends only
    on the word, its neighbours and whether it starts a sentence. Other detectors read a form of
    their own making through it (:func:`.hyphen.misread_join`: two halves joined at a line
    break)."""
    options = scored_options(doc, unit)
    if not options or below_floor(options[0][1], options[0][0]):
        return None
    conf, r, feats = options[0]
    if never_proposed(doc, unit, r):
        return None
    cased = tuple(dict.fromkeys(sentence_case(doc, unit, o[1]) for o in options))
    readings = tuple(dict.fromkeys(spaced(c) for c in cased))
    if unit.text in readings:
        return None
    # the evidence names the reading as proposed (its case set by the sentence: "Lis" → "his")
    why = explain(dataclasses.replace(r, reading=cased[0]), feats, doc.vocabulary.get(r.reading.lower(), 0),
                  repeated_misreadings(doc, r))
    if readings[0] != cased[0]:
        why += f"; '{cased[0]}' is two words run together: a space lost"
    if conf > SHORT_DIGIT_FORM_CAP and short_digit_form(unit.text):
        conf = SHORT_DIGIT_FORM_CAP
        why += "; a short form of letters and figures: a misread word, number or abbreviation?"
    doubt = case_in_doubt(doc, unit, r, readings[0])
    if doubt and conf > CASE_DOUBT_CAP:
        conf = CASE_DOUBT_CAP
        why += f"; {doubt}"
    if reads_a_name(doc, unit, r):  # proposed only as a garbled name (never_proposed)
        conf = min(conf, NAME_READING_CAP)
        why += "; a capitalized form in mid-sentence, no word itself: a name misread?"
    if conf > OLDER_SPELLING_CAP and writes_older_spellings(doc):
        old = may_be_older_spelling(unit.text, r.reading, doc.vocabulary.get)
        if old is not None:
            conf = OLDER_SPELLING_CAP
            why += (f"; the text writes older spellings, and '{unit.text}' may be "
                    + ("one" if old == unit.text.lower() else f"'{old}'"))
    if conf < DEEP_MIN_CONFIDENCE and model_of(r.features) == "deep":
        flag = calibration.confidence(garbled_features(doc, unit.text, unit.sentence_start), "garbled")
        if flag >= SURELY_GARBLED:
            why += f"; the word is surely garbled (its flag would be {flag:.2f}), the reading a guess"
    return kind_of(r), readings, conf, why


#: Marks that never stand inside a printed word nor join two: glued between letters, they are
#: a speck of the page on a word the OCR cut (``the preni~ses``, ``afte~rnoon``) or, in some
#: prints, in place of a space (``two or threo~exoited``).
SPECKS = "~^`{}#=|"

#: A piece of at most this many letters on either side of the speck makes the two one word
#: cut (``preni~ses``, ``monthiv~ien``, ``ye~ars``); with four letters or more on both sides the
#: speck stood as often for a space (``having~beon``: right 5 of 21 times, 4 of 6 at ≥ 0.9 on
#: ICDAR 2017's tune part), and the pieces are read as words (2026-12-05).
CUT_PIECE_LETTERS = 3

_LETTERS_AFTER = regex.compile(r"\p{L}+")
_LETTERS_BEFORE = regex.compile(r"\p{L}+$")


def glued_by_a_speck(text: str, start: int, end: int) -> bool:
    """True when the form at ``start:end`` is glued by a speck (:data:`SPECKS`) to letters on
    either side, and it or the letters across the speck are a short piece
    (:data:`CUT_PIECE_LETTERS`): a piece of a cut word, whose reading alone is no reading of
    the word (``preni~ses`` → ``prem``, ``monthiv~ien`` → ``in``). On the tune parts of the
    three sets, such readings at ≥ 0.5 were right 7 of 76 times (BLN600 5 of 65, ICDAR 2017 2
    of 11), so the word model reads none; the unclear detector flags the cut word whole
    (2026-12-05, docs/BENCHMARKS.md "What an editor sees").

    >>> glued_by_a_speck("he examined the preni~ses, and", 16, 21)
    True
    >>> glued_by_a_speck("he examined the preni~ ses, and", 16, 21), glued_by_a_speck("a ~b", 3, 4)
    (False, False)
    >>> glued_by_a_speck("two or threo~exoited supers", 7, 12)
    False
    """
    other = None
    if end + 1 < len(text) and text[end] in SPECKS and text[end + 1].isalpha():
        other = _LETTERS_AFTER.match(text, end + 1).group()
    elif start >= 2 and text[start - 1] in SPECKS and text[start - 2].isalpha():
        other = _LETTERS_BEFORE.search(text, max(0, start - 41), start - 1).group()
    if other is None:
        return False
    piece = sum(ch.isalpha() for ch in text[start:end])
    return min(len(other), piece) <= CUT_PIECE_LETTERS


def detect(doc: Document) -> Iterable[Proposal]:
    return word_proposals(doc)


def word_proposals(doc: Document) -> list[Proposal]:
    """All word proposals of the text, in text order (computed once per document: the unclear
    detector asks which words have a reading)."""
    return doc.memo(_word_proposals)


def _word_proposals(doc: Document) -> list[Proposal]:
    """:func:`word_proposals`, computed. The same word in the same context is judged once; the
    judgements are kept only while the text is read (on a 1M-word text of new words, keeping
    every scored option cost ~200 MB)."""
    out: list[Proposal] = []
    judged: dict[tuple, tuple[Kind, tuple[str, ...], float, str] | None] = {}
    for unit in units(doc, only_read=True):
        if glued_by_a_speck(doc.text, unit.start, unit.end):
            continue
        key = (unit.text, unit.prev, unit.next, unit.sentence_start)
        if key in judged:
            parts = judged[key]
        else:
            parts = judged[key] = proposal_parts(doc, unit)
        if parts is not None:
            kind, readings, conf, why = parts
            mark = mark_for_last_letter(doc.text, unit, readings[0])
            if mark:
                out.append(Proposal(unit.start, unit.end + 1, unit.text + mark,
                                    tuple(r for r in readings if _extends(unit.text, r)), kind, conf,
                                    f"{why}; the '{mark}' after it is the letter misread",
                                    DETECTOR_NAMES[kind]))
                continue
            out.append(Proposal(unit.start, unit.end, unit.text, readings, kind, conf, why,
                                DETECTOR_NAMES[kind]))
    return out


#: Marks that end a printed word in their own right (closing punctuation, quotes, brackets,
#: dashes, signs of money and measure): never taken for a misread letter.
PRINTED_AFTER_WORD = "\"'“”‘’()[].,;:!?-‐‑–—/&%$@"


def _extends(form: str, reading: str) -> bool:
    return len(reading) > len(form) and reading.lower().startswith(form.lower())


def mark_for_last_letter(text: str, unit: Unit, reading: str) -> str | None:
    """The mark glued after the form when the reading adds letters at the form's end and the
    mark closes the token (``th#`` → ``the``, ``th£ Water``, ``th~ time``): the mark is the
    letter the OCR misread, and a reading of the letters alone would leave it behind (``the#``).
    Such readings at ≥ 0.9 were wrong 14 times in 14 on the tune parts (ICDAR 2017 13, ICDAR
    2019 1), and read with the mark, 35 of the 37 at any confidence would be right (2026-12-05).
    Marks a word ends with in print (:data:`PRINTED_AFTER_WORD`) are no misread letter.

    >>> mark_for_last_letter("at th# time", Unit(3, 5, "th", "at", None, False), "the")
    '#'
    >>> mark_for_last_letter("at th, time", Unit(3, 5, "th", "at", None, False), "the") is None
    True
    """
    if not _extends(unit.text, reading) or unit.end >= len(text):
        return None
    mark = text[unit.end]
    if mark.isalnum() or mark.isspace() or mark in PRINTED_AFTER_WORD:
        return None
    after = text[unit.end + 1:unit.end + 2]
    if after and not after.isspace() and after not in PRINTED_AFTER_WORD:
        return None
    return mark
