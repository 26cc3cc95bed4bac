"""Collating witnesses: where they agree and where they differ, word by word.

- :func:`collate` — every witness aligned to the first (the *base*) with :func:`.align.align`;
  the result is a :class:`Collation`.
- :class:`Variant` — one place where the witnesses differ: a span of the base's tokens (empty
  where another witness has words the base lacks) and each witness's :class:`Reading` there.
- :class:`Collation` — the witnesses, the variants in base order, and :meth:`~Collation.summary`
  (how much each witness agrees with the base); :func:`collation_json` its machine-readable form.

The places are as small as the alignment allows: a word read differently by one witness is a
variant of its own, so two neighbouring misreadings are two variants; where a witness has a
different number of words for the same passage (``in the`` / ``inthe``) the whole passage is
one variant, and places that overlap between witnesses are joined, so every witness has exactly
one reading at each variant (TEI's parallel segmentation needs no more).

>>> from edition.source import source_from_text
>>> from edition.witnesses.tokens import witness_from_source as w
>>> c = collate([w("A", source_from_text("the cat sat")), w("B", source_from_text("the cot sat"))])
>>> [(v.start, v.end, [r.text for r in v.readings]) for v in c.variants]
[(1, 2, ['cat', 'cot'])]
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Sequence

from .align import align
from .tokens import Witness


@dataclass(frozen=True)
class Reading:
    """A witness's words at a variant: tokens ``start:end`` of the witness ``siglum``, and their
    text as the witness has it (empty: the witness has nothing there)."""

    siglum: str
    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"reading of {self.siglum}: bad token span {self.start}-{self.end}")


@dataclass(frozen=True)
class Variant:
    """A place where the witnesses differ: base tokens ``start:end`` (``start == end``: words
    the base lacks, before its token ``start``) and one reading per witness, the base's first."""

    start: int
    end: int
    readings: tuple[Reading, ...]

    def __post_init__(self) -> None:
        if self.start > self.end or len(self.readings) < 2:
            raise ValueError("a variant spans start <= end and has a reading per witness")
        if len({r.text for r in self.readings}) < 2:
            raise ValueError(f"the witnesses agree at tokens {self.start}-{self.end}: no variant")

    @property
    def base(self) -> Reading:
        return self.readings[0]

    def reading(self, siglum: str) -> Reading:
        for r in self.readings:
            if r.siglum == siglum:
                return r
        raise KeyError(siglum)


@dataclass(frozen=True)
class WitnessSummary:
    """How one witness compares with the base: its tokens, the base tokens it agrees on, and
    the variants where its reading differs from the base's."""

    siglum: str
    name: str
    tokens: int
    agreeing: int
    differing: int


@dataclass(frozen=True)
class Collation:
    """The witnesses (the base first) and the variants, in the order of the base."""

    witnesses: tuple[Witness, ...]
    variants: tuple[Variant, ...]

    def __post_init__(self) -> None:
        sigla = [w.siglum for w in self.witnesses]
        if len(set(sigla)) != len(sigla):
            raise ValueError(f"two witnesses have the same siglum: {sigla}")

    @property
    def base(self) -> Witness:
        return self.witnesses[0]

    def summary(self) -> tuple[WitnessSummary, ...]:
        base_tokens = len(self.base.tokens)
        out = []
        for k, w in enumerate(self.witnesses):
            differing = [v for v in self.variants if v.readings[k].text != v.base.text]
            disagreeing_base = sum(v.end - v.start for v in differing)
            out.append(WitnessSummary(w.siglum, str(w.source.path), len(w.tokens),
                                      base_tokens - disagreeing_base, len(differing)))
        return tuple(out)


def collate(witnesses: Sequence[Witness]) -> Collation:
    """Align every witness to the first and find the places where any of them differs."""
    if len(witnesses) < 2:
        raise ValueError("a collation needs two witnesses or more")
    base = witnesses[0]
    n = len(base.tokens)
    base_forms = [t.text for t in base.tokens]
    # For each witness, the slots of the base: slot 2k is the gap before base token k (words the
    # base lacks), slot 2k+1 the token itself; each holds the witness's tokens there (lo, hi).
    slots: list[list[tuple[int, int]]] = []
    # glued[s]: slots s and s+1 belong to one place (a witness read that passage with a
    # different number of words, so its words cannot be given to the base's one by one).
    glued = bytearray(2 * n + 1)
    # marked[s]: some witness's alignment is not "equal" at slot s (only there can they differ)
    marked = bytearray(2 * n + 1)
    for w in witnesses[1:]:
        forms = [t.text for t in w.tokens]
        mine = [(0, 0)] * (2 * n + 1)
        inserted_at = -1
        for tag, i1, i2, j1, j2 in align(base_forms, forms):
            if tag == "insert":
                mine[2 * i1] = (j1, j2)
                marked[2 * i1] = 1
                inserted_at = i1
                continue
            if inserted_at != i1:
                mine[2 * i1] = (j1, j1)
            if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                for k in range(i2 - i1):
                    mine[2 * (i1 + k) + 1] = (j1 + k, j1 + k + 1)
                    if k:
                        mine[2 * (i1 + k)] = (j1 + k, j1 + k)
                if tag == "replace":
                    marked[2 * i1 + 1:2 * i2:2] = b"\x01" * (i2 - i1)
            else:  # a delete, or a replace of a different number of words: one place
                mine[2 * i1 + 1] = (j1, j2)
                for s in range(2 * i1 + 2, 2 * i2):
                    mine[s] = (j2, j2)
                glued[2 * i1 + 1:2 * i2 - 1] = b"\x01" * (2 * i2 - 2 * i1 - 2)
                marked[2 * i1 + 1:2 * i2] = b"\x01" * (2 * i2 - 2 * i1 - 1)
        if inserted_at != n:
            mine[2 * n] = (len(forms), len(forms))
        slots.append(mine)

    def base_range(s1: int, s2: int) -> tuple[int, int]:
        """The base tokens in slots s1..s2 (inclusive)."""
        return s1 // 2, (s2 + 1) // 2

    variants = []
    last = 2 * n
    at = marked.find(1)
    while at != -1:
        s = at  # the place around a marked slot: the slots glued to it
        while s > 0 and glued[s - 1]:
            s -= 1
        e = at
        while e < last and glued[e]:
            e += 1
        b1, b2 = base_range(s, e)
        base_text = [t.text for t in base.tokens[b1:b2]]
        readings = [Reading(base.siglum, b1, b2, base.words(b1, b2))]
        differs = False
        for w, mine in zip(witnesses[1:], slots):
            j1, j2 = mine[s][0], mine[e][1]
            if [t.text for t in w.tokens[j1:j2]] != base_text:
                differs = True
            readings.append(Reading(w.siglum, j1, j2, w.words(j1, j2)))
        if differs:
            variants.append(Variant(b1, b2, tuple(readings)))
        at = marked.find(1, e + 1)
    return Collation(tuple(witnesses), tuple(variants))


def collation_json(collation: Collation) -> str:
    """The collation as JSON: the witnesses (siglum, file, SHA-256, tokens) and each variant's
    base token span and readings (token span, character span, text)."""
    def reading(w: Witness, r: Reading) -> dict:
        chars = ([w.tokens[r.start].start, w.tokens[r.end - 1].end] if r.end > r.start else
                 [w.tokens[r.start].start] * 2 if r.start < len(w.tokens) else [len(w.text)] * 2)
        return {"wit": r.siglum, "tokens": [r.start, r.end], "chars": chars, "text": r.text}

    doc = {
        "witnesses": [{"siglum": w.siglum, "file": str(w.source.path), "sha256": w.source.sha256,
                       "tokens": len(w.tokens)} for w in collation.witnesses],
        "summary": [s.__dict__ for s in collation.summary()],
        "variants": [{"base_tokens": [v.start, v.end],
                      "readings": [reading(w, r) for w, r in zip(collation.witnesses, v.readings)]}
                     for v in collation.variants],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
