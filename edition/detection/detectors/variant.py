"""Variant: one name spelled two ways in one text (``Krushchev`` beside ``Khrushchev``),
proposed as a *regularization* (TEI ``orig``/``reg``) toward the text's dominant spelling.

A variant is not an error the OCR made; it may be the author's or the translator's
inconsistency, so the decision is the editor's. A pair is proposed when:

- both forms are capitalized names of the text (capitalized wherever they occur);
- the rare form occurs at most :data:`MAX_RARE` times and the dominant one at least
  :data:`MIN_DOMINANT` times and :data:`DOMINANCE` times as often (counting inflected forms that
  share the stem: ``Khrushchevites`` supports ``Khrushchevite``);
- one letter inserted, deleted or replaced turns the rare form into the dominant one, not at
  its end (``Bolsheviks`` beside ``Bolshevik``, Russian ``Stalina`` beside ``Stalin`` are
  inflections);
- no common OCR confusion explains the difference (``Statin`` beside ``Stalin`` is a misread
  ``l``, proposed by the word detectors);
- the rare form is no common English word (Zipf < 3): ``Labor`` beside ``Labour`` is spelling,
  not a name.

The confidence grows with the dominance (see :func:`confidence`) and stays below 0.9: a
regularization is never accepted in a batch of sure corrections.

>>> from edition.detection.document import Document
>>> text = "Khrushchev spoke. Khrushchev left. Then Khrushchev came, and Krushchev lied."
>>> [(p.original, p.reading, p.kind.value) for p in detect(Document(text))]
[('Krushchev', 'Khrushchev', 'variant')]
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Iterable

import regex
from rapidfuzz import process as rf_process
from rapidfuzz.distance import Levenshtein

from ..document import Document
from ..evidence import lexicon
from ..evidence.candidates import BATCH_MIN_FORMS, near_pairs
from ..evidence.confusions import EDIT_LETTERS, VISUAL_PRIOR_P, variants
from ...model import Kind, Proposal

KIND = Kind.VARIANT
KINDS = (KIND,)

#: The rare spelling occurs at most this often (a recurring spelling is a choice).
MAX_RARE = 2
#: The dominant spelling occurs at least this often ...
MIN_DOMINANT = 3
#: ... and this many times as often as the rare one (with the forms sharing its stem).
DOMINANCE = 3
#: Rare forms at or above this Zipf are English words, not name variants.
MAX_RARE_ZIPF = 3.0

_NAME = regex.compile(r"^\p{Lu}\p{Ll}{3,}$")


def _one_edit(word: str, other: str) -> bool:
    """True when ``other`` (lower case) is one letter deleted from ``word`` (lower-cased), one
    replaced by a letter of :data:`EDIT_LETTERS`, or one such letter inserted: the strings
    between which the first difference is that edit. (An insertion within a run of one letter
    is the same string at every place of the run: the first difference finds it.)

    >>> _one_edit("Stalin", "stalia"), _one_edit("Stalin", "stain"), _one_edit("Stalin", "sta1in")
    (True, True, False)
    """
    w = word.lower()
    i = 0
    n = min(len(w), len(other))
    while i < n and w[i] == other[i]:
        i += 1
    if len(other) == len(w) - 1:
        return other[i:] == w[i + 1:]
    if len(other) == len(w):
        return i < n and other[i] in EDIT_LETTERS and other[i + 1:] == w[i + 1:]
    if len(other) == len(w) + 1:
        return other[i] in EDIT_LETTERS and other[i + 1:] == w[i:]
    return False


def _ocr_explains(form: str, other: str) -> bool:
    """True when one confusion the development data showed turns ``form`` into ``other`` (a pair
    that only has the prior of look-alike glyphs, ``X``/``K``, is no evidence of OCR: the word
    detectors may still read it, and the more confident proposal wins)."""
    return any(v.reading.lower() == other.lower() and all(c.p > VISUAL_PRIOR_P for c in v.changes)
               for v in variants(form, {other.lower()}, max_changes=1, generic=False))


def confidence(rare: int, dominant: int) -> float:
    """0.5 at three times as frequent, +0.1 per doubling, at most 0.85."""
    return round(min(0.85, 0.5 + 0.1 * math.log2(dominant / (DOMINANCE * rare))), 3)


def detect(doc: Document) -> Iterable[Proposal]:
    names: Counter[str] = Counter()
    for form, n in doc.counts.items():
        if _NAME.match(form) and doc.counts.get(form.lower(), 0) == 0:
            names[form] += n
    if not names:
        return
    # Support of a spelling: its own count plus its inflections (-s, -ite, -ites, -ism, 's).
    stem_support: Counter[str] = Counter()
    for form, n in names.items():
        for suffix in ("", "s", "ite", "ites", "ism", "ist", "ists", "'s", "’s"):
            if form.endswith(suffix) and len(form) - len(suffix) >= 4:
                stem_support[form[: len(form) - len(suffix)].lower()] += n
    by_lower = {form.lower(): form for form in names}
    # the names by length: a name one edit away is at most one letter longer or shorter (a long
    # newspaper has thousands of names, and the search below runs for each rare one)
    by_length: dict[int, list[str]] = {}
    for low in by_lower:
        by_length.setdefault(len(low), []).append(low)
    within_one = {k: by_length.get(k - 1, []) + ws + by_length.get(k + 1, []) for k, ws in by_length.items()}
    # what a form is read as depends on the form alone: found once per form (a rare name
    # occurs up to MAX_RARE times)
    # (doc.counts holds the forms in the order of their first token)
    rare = [form for form in doc.counts
            if 0 < names.get(form, 0) <= MAX_RARE and lexicon.zipf(form) < MAX_RARE_ZIPF]
    near = _within_one_edit([form.lower() for form in rare], within_one)
    found = {form: _regular_form(form, names[form], names, stem_support, by_lower, near[form.lower()])
             for form in rare}
    tokens = doc.tokens
    for i in doc.indices_of({form for form, best in found.items() if best is not None}):
        tok = tokens[i]
        form = tok.text
        best = found[form]
        n = names[form]
        other, support = best
        why = f"'{other}' (with its forms) occurs {support}x in this text, '{form}' {n}x: regularize the name"
        yield Proposal(tok.start, tok.end, form, (other,), KIND, confidence(n, support), why)


#: Rare names searched together (rapidfuzz's ``cdist``, one call per length) from this many on;
#: fewer are searched one by one (``extract``), without numpy. BLN600 as one text has 3,609
#: rare names among 5,108: 0.33 s one by one, 0.08 s together (2026-12-05, the same names
#: found); the threshold is the deep search's.
BATCH_MIN_NAMES = BATCH_MIN_FORMS
#: Rare names compared in one ``cdist`` call at most (a call's distances take names × names of
#: the lengths within one: 500 × 5,000 bytes, 2.5 MB, for a long newspaper).
BATCH_NAMES_AT_ONCE = 500


def _within_one_edit(lows: list[str], within_one: dict[int, list[str]]) -> dict[str, list[str]]:
    """Lower-cased name → the names (lower-cased) of ``within_one[len(name)]`` within
    Levenshtein distance 1 of it, itself included, in no set order (rapidfuzz, in C): for many
    names together (:data:`BATCH_MIN_NAMES`) one ``cdist`` call per length and group, else one
    ``extract`` call per name."""
    if len(lows) < BATCH_MIN_NAMES:
        return {low: [c for c, _, _ in rf_process.extract(low, within_one[len(low)], scorer=Levenshtein.distance,
                                                           score_cutoff=1, limit=None)]
                for low in lows}
    out: dict[str, list[str]] = {low: [] for low in lows}
    by_length: dict[int, list[str]] = {}
    for low in out:
        by_length.setdefault(len(low), []).append(low)
    for n, group in by_length.items():
        choices = within_one[n]
        for row, col, _ in near_pairs(group, choices, 1, BATCH_NAMES_AT_ONCE):
            out[group[row]].append(choices[col])
    return out


def _regular_form(form: str, n: int, names: Counter[str], stem_support: Counter[str],
                  by_lower: dict[str, str], near: list[str]) -> tuple[str, int] | None:
    """The dominant spelling (and its support) the rare name ``form`` (``n`` occurrences) is a
    variant of, or None; ``near``: the names within Levenshtein distance 1 of it
    (:func:`_within_one_edit`)."""
    # the names one edit away: those within Levenshtein distance 1 (found in C) that are one
    # of the edits :func:`_one_edit` allows (an inserted or replaced letter is one of EDIT_LETTERS)
    if not near:
        return None
    best = None
    for cand in sorted(c for c in near if _one_edit(form, c)):  # sorted: a tie in support goes the same way every run
        other = by_lower[cand]
        if other[:-1] == form[:len(other) - 1] and abs(len(other) - len(form)) == 1:
            continue  # an ending added or dropped (Bolshevik/Bolsheviks, Stalin/Stalina): grammar
        if _ocr_explains(form, other):
            continue  # a common OCR confusion (Statin/Stalin): an error, for the word detectors
        support = max(names[other], stem_support.get(cand, 0))
        if support >= MIN_DOMINANT and support >= DOMINANCE * n and (best is None or support > best[1]):
            best = (other, support)
    return best
