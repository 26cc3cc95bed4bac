"""Derive the OCR confusion weights from the development set's aligned OCR and gold.

Usage::

    python benchmarks/derive/derive_confusions.py            # writes edition/detection/data/confusions.json
    python benchmarks/derive/derive_confusions.py --channel  # writes edition/detection/data/channel.json

Only ``tune`` parts are used (``benchmarks/devsets.py``), so the ``check`` parts stay a fair
test. Two tables are derived the same way:

- ``confusions.json``, from the ICDAR 2017 tune part: the table the confusion search *generates*
  readings from (one or two confusions). It stays the books' table: pooled with the newspapers
  (1,737 confusions instead of 381), it generated so many more readings of real words that the
  ICDAR 2017 monographs lost a fifth of their correction (check part, every proposal accepted:
  CER cut +50.1 % → +38.9 %, broken words per 1,000 4.6 → 13.2; 2026-12-04).
- ``channel.json``, from the tune parts of all three sets (ICDAR 2017, BLN600 newspapers, ICDAR
  2019 print): the channel that *weighs* the readings of the deep search
  (:mod:`edition.detection.evidence.candidates`), which only reads forms the confusion search cannot: the
  confusions of three kinds of type and OCR engine (the newspapers' ``r``/``v``, ``e``/``s``,
  ``b``/``h`` as well as the books' ``U``/``ll``). For every aligned word pair (OCR word, gold word) with no space
on either side, the maximal runs of differing aligned characters are the *confusions*: ``U`` read
for ``ll`` in ``wiU``/``will``, ``o`` for ``c`` in ``ohild``/``child``. A confusion is stored as
``[ocr, gold, n, N]``: it was seen ``n`` times, and the OCR string ``ocr`` occurs ``N`` times inside
OCR words of the same data, so ``n / N`` estimates P(gold | ocr), the chance that this OCR string
stands for that gold string. ``1 - sum(n / N)`` over the golds of one ``ocr`` is the chance it is
right as it stands. Only OCR words of two or more characters with a letter count (see :func:`in_word`).
Deletions and insertions are stored with one character of context on the left
(``ee`` → ``e``) so that they too are substrings that can be counted.

A confusion seen fewer than :data:`MIN_SEEN` times is dropped: with fewer observations its rate is
noise (a one-off misalignment).

The confusions at the start of a word are also counted apart (``initial`` in the JSON, the same
``[ocr, gold, n, N]`` with ``N`` the OCR words that begin with ``ocr``): a capital is a letter of
word beginnings, so a confusion whose gold side is one is far more likely there than its rate
over all positions says (``l`` read for ``I``: 0.1 % of all OCR ``l``, 1.2 % of word-initial ones
in the tune part: ``lt``, ``ln``, ``lago``).
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/: _devset
import _devset  # noqa: E402
import devsets  # noqa: E402

OUT = Path(__file__).resolve().parents[2] / "edition" / "detection" / "data" / "confusions.json"
CHANNEL_OUT = OUT.with_name("channel.json")

#: Longest OCR or gold side of a confusion; longer runs are garbage, not a confusion.
MAX_SIDE = 3
#: Seen at least this often (see module docstring).
MIN_SEEN = 3

WORDISH = regex.compile(r"^[\p{L}\p{N}'’\-|!$@.,;:]+$")


def in_word(word: str) -> bool:
    """Confusions are counted inside words: two or more characters, at least one a letter.
    (A lone ``1`` in prose is usually ``I``, a ``1`` inside a word ``l``: they differ, and
    lone characters are judged by their context, not by this table.)"""
    return len(word) >= 2 and regex.search(r"\p{L}", word) is not None


def chunks(o: str, g: str) -> list[tuple[str, str]]:
    """Confusions in one aligned word pair (``@`` = gap).

    >>> chunks("wi@U", "will")
    [('U', 'll')]
    >>> chunks("th@e", "thee")
    [('h', 'he')]
    """
    return [(os_, gs) for _, os_, gs in chunks_at(o, g)]


_ALNUM = regex.compile(r"[\p{L}\p{N}]")


def chunks_at(o: str, g: str) -> list[tuple[bool, str, str]]:
    """:func:`chunks` with, for each, whether it begins the word (no letter or digit of the OCR
    before it: a word of the text begins with one, see ``edition.detection.document.WORD_RE``).

    >>> chunks_at("'lt", "'It"), chunks_at("ahe@", "ahed")
    ([(True, 'l', 'I')], [(False, 'e', 'ed')])
    """
    out = []
    i, n = 0, len(o)
    while i < n:
        if o[i] == g[i]:
            i += 1
            continue
        j = i
        while j < n and o[j] != g[j]:
            j += 1
        a, b = i, j
        if o[a:b].replace("@", "") == "" or g[a:b].replace("@", "") == "":
            # a pure insertion or deletion: anchor it on the character to the left (or right)
            if a > 0:
                a -= 1
            elif b < n:
                b += 1
        os_, gs = o[a:b].replace("@", ""), g[a:b].replace("@", "")
        if os_ != gs and 0 < len(os_) <= MAX_SIDE and len(gs) <= MAX_SIDE and len(gs) > 0:
            out.append((not _ALNUM.search(o[:a]), os_, gs))
        i = j
    return out


def aligned_words(pair: _devset.Pair):
    """(ocr_aligned_word, gold_aligned_word) for segments with no space or '#' on either side."""
    oa, ga = pair.ocr_aligned, pair.gold_aligned
    start = 0
    for i in range(len(oa) + 1):
        if i == len(oa) or oa[i] in " \n" or ga[i] in " \n":
            o, g = oa[start:i], ga[start:i]
            if o and "#" not in g and o != g:
                yield o, g
            start = i + 1


def derive(pairs: list[_devset.Pair], sets: list[str]) -> dict:
    seen: Counter[tuple[str, str]] = Counter()
    initial: Counter[tuple[str, str]] = Counter()
    for pair in pairs:
        for o, g in aligned_words(pair):
            if not (WORDISH.match(o.replace("@", "") or "x") and WORDISH.match(g.replace("@", "") or "x")):
                continue
            if not in_word(o.replace("@", "")):
                continue
            for first, os_, gs in chunks_at(o, g):
                seen[os_, gs] += 1
                if first:
                    initial[os_, gs] += 1
    kept = {c: n for c, n in seen.items() if n >= MIN_SEEN}
    ocr_sides = {o for o, _ in kept}
    # (an OCR side that begins with a mark never begins a word of the text)
    kept_initial = {c: n for c, n in initial.items() if n >= MIN_SEEN and _ALNUM.match(c[0])}
    initial_sides = {o for o, _ in kept_initial}
    # The denominators of P(gold | ocr), in one pass over the OCR words: how often each OCR side
    # occurs inside them, and how often it begins one (after any opening marks).
    occurs: Counter[str] = Counter()
    begins: Counter[str] = Counter()
    for pair in pairs:
        for word in regex.findall(r"\S+", pair.ocr):
            if not in_word(word):
                continue
            for k in range(1, MAX_SIDE + 1):
                for s in range(len(word) - k + 1):
                    sub = word[s:s + k]
                    if sub in ocr_sides:
                        occurs[sub] += 1
            m = _ALNUM.search(word)
            if m is None:
                continue
            for k in range(1, MAX_SIDE + 1):
                if word[m.start():m.start() + k] in initial_sides:
                    begins[word[m.start():m.start() + k]] += 1
    rows = sorted(([o, g, n, max(occurs[o], n)] for (o, g), n in kept.items()),
                  key=lambda r: (-r[2], r[0], r[1]))
    initial_rows = sorted(([o, g, n, max(begins[o], n)] for (o, g), n in kept_initial.items()),
                          key=lambda r: (-r[2], r[0], r[1]))
    return {
        "about": f"OCR confusions derived from the development sets ({', '.join(sets)}; "
                 "benchmarks/derive/derive_confusions.py): [ocr, gold, n, N], P(gold|ocr) = n/N",
        "data": "tune parts: " + "; ".join(f"{name}: {devsets.SPLIT_RULES[name]}" for name in sets),
        "derived": date.today().isoformat(),
        "min_seen": MIN_SEEN,
        "confusions": rows,
        "initial": initial_rows,
    }


def main() -> None:
    channel = "--channel" in sys.argv[1:]
    sets = devsets.available() if channel else ["icdar2017"]
    pairs = [p for name in sets for p in devsets.pairs(name, "tune")]
    table = derive(pairs, sets)
    out = CHANNEL_OUT if channel else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(table, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(table['confusions'])} confusions written to {out}")


if __name__ == "__main__":
    main()
