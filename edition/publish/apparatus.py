"""The critical apparatus: where the witnesses differ from the source, as the edition shows it.

:func:`make_apparatus` collates the source (the base, siglum ``A`` unless named) with the other
witnesses (:mod:`edition.witnesses`) and turns each variant into an :class:`AppEntry`: a span
of the source (empty where a witness has words the source lacks), the witnesses that read as
the source (the lemma) and each other reading with the witnesses that have it. The TEI writer
encodes them in parallel segmentation (``<app><lem wit="#A">…</lem><rdg wit="#B">…</rdg>
</app>``), the reading view shows them on hover.

An entry must fit the edition's markup: it lies inside one block, and a decision (``choice``,
``unclear``) either lies wholly inside it (then it is encoded inside the lemma) or apart from
it: a variant that covers part of a decision grows over the whole decision (and joins the
variants it then reaches). Entries that still do not fit (across a block) are left out and
counted (:attr:`Apparatus.left_out`).

:func:`listed_witnesses` reads the witnesses back from a TEI header (``listWit``), so that
``verify`` rebuilds the same edition.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from lxml import etree

from ..errors import EditionError
from ..model import Correction
from ..source import Source
from ..witnesses.collation import Collation, collate
from ..witnesses.tokens import Witness, witness_from_source
from .tei.structure import Layout
from .tei.xmltext import tei


@dataclass(frozen=True)
class ListedWitness:
    """A witness as the header lists it: siglum, the path it was read from, its text's SHA-256."""

    siglum: str
    path: str
    sha256: str


@dataclass(frozen=True)
class AppEntry:
    """``source[start:end]`` (the lemma, read by ``lemma_wit``) and the other ``readings``:
    ``(sigla, text)``, the text with each run of white space one space."""

    start: int
    end: int
    lemma_wit: tuple[str, ...]
    readings: tuple[tuple[tuple[str, ...], str], ...]

    def __post_init__(self) -> None:
        if self.start > self.end or not self.readings or not self.lemma_wit:
            raise ValueError("an entry spans start <= end, with a lemma and other readings")


@dataclass(frozen=True)
class Apparatus:
    witnesses: tuple[ListedWitness, ...]  # the base (the source) first
    entries: tuple[AppEntry, ...]
    left_out: int  # variants that cross a block or part of a decision

    @property
    def base(self) -> str:
        return self.witnesses[0].siglum


def make_apparatus(source: Source, witnesses: Sequence[Witness], encoded: Iterable[Correction],
                   layout: Layout, base_siglum: str = "A") -> Apparatus:
    base = witness_from_source(base_siglum, source)
    collation = collate([base, *witnesses])
    blocks = [(b.start, b.end) for b in layout.blocks]
    decisions = sorted((c.start, c.end) for c in encoded)
    entries, left_out = [], 0
    for b1, b2, ranges in _places(collation, decisions):
        start, end = _chars(base, b1, b2)
        if not _fits(start, end, blocks, decisions):
            left_out += 1
            continue
        lemma = base.words(b1, b2)
        groups: dict[str, list[str]] = {}
        lemma_wit = [base.siglum]
        for w, (j1, j2) in zip(collation.witnesses[1:], ranges):
            text = w.words(j1, j2)
            if text == lemma:
                lemma_wit.append(w.siglum)
            else:
                groups.setdefault(" ".join(text.split()), []).append(w.siglum)
        entries.append(AppEntry(start, end, tuple(lemma_wit),
                                tuple((tuple(s), text) for text, s in groups.items())))
    listed = tuple(ListedWitness(w.siglum, str(w.source.path), w.source.sha256)
                   for w in collation.witnesses)
    return Apparatus(listed, tuple(entries), left_out)


def _chars(base: Witness, b1: int, b2: int) -> tuple[int, int]:
    """The character span of base tokens ``b1:b2``; an empty one (words the source lacks) is
    before its next word (after its last, at the end)."""
    tokens = base.tokens
    if b1 < b2:
        return tokens[b1].start, tokens[b2 - 1].end
    at = tokens[b1].start if b1 < len(tokens) else tokens[-1].end if tokens else 0
    return at, at


def _places(collation: Collation, decisions: list[tuple[int, int]]
            ) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """``(b1, b2, [(j1, j2) per other witness])``: the variants, each grown over any decision
    it covers only in part (a decision on ``willh ang`` spans the two variants ``willh`` /
    ``will`` and ``ang`` / ``hang``: they become one place holding it), joined with the
    variants it then reaches."""
    base = collation.base
    variants = collation.variants
    tokens = base.tokens
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    deltas = [[(v.readings[k].end - v.readings[k].start) - (v.end - v.start) for v in variants]
              for k in range(1, len(collation.witnesses))]
    spans: list[list[int]] = []  # [b1, b2, first variant, last variant + 1]
    i = 0
    while i < len(variants):
        first = i
        b1, b2 = variants[i].start, variants[i].end
        i += 1
        while True:
            c1, c2 = _chars(base, b1, b2)
            grown = False
            for d0, d1 in decisions[max(0, bisect_left(decisions, (c1, -1)) - 1):]:
                if d0 > c2:
                    break
                if d1 <= d0 or d1 < c1 or _fits(c1, c2, [(c1, c2)], [(d0, d1)]):
                    continue
                n1 = min(b1, bisect_right(ends, d0))  # the first token ending after d0
                n2 = max(b2, bisect_left(starts, d1))  # past the last token starting before d1
                if (n1, n2) != (b1, b2):
                    b1, b2, grown = n1, n2, True
            # the variants the place now reaches; words the source lacks right after it too
            # when a decision ends there (alone, they would touch the decision's edge)
            touching = any(d0 < c2 <= d1 for d0, d1 in decisions)
            while i < len(variants) and (variants[i].start < b2 or (
                    variants[i].start == b2 and (touching or b1 == b2) and
                    (variants[i].end > b2 or touching))):
                b2 = max(b2, variants[i].end)
                i += 1
                grown = True
            if not grown:
                break
        if spans and (b1 < spans[-1][1] or (b1 == spans[-1][1] and b1 == b2)):
            # grown back over the place before it: one place
            spans[-1][1] = max(spans[-1][1], b2)
            spans[-1][3] = i
            spans[-1][0] = min(spans[-1][0], b1)
        else:
            spans.append([b1, b2, first, i])
    out = []
    ahead = [0] * len(deltas)  # each witness's token offset before the place
    for b1, b2, first, last in spans:
        if last - first == 1 and (b1, b2) == (variants[first].start, variants[first].end):
            ranges = [(r.start, r.end) for r in variants[first].readings[1:]]
        else:
            ranges = []
            for k, d in enumerate(deltas):
                j1 = b1 + ahead[k]
                ranges.append((j1, j1 + (b2 - b1) + sum(d[first:last])))
        for k, d in enumerate(deltas):
            ahead[k] += sum(d[first:last])
        out.append((b1, b2, ranges))
    return out


def _fits(start: int, end: int, blocks: list[tuple[int, int]], decisions: list[tuple[int, int]]) -> bool:
    if not any(b0 <= start and end <= b1 for b0, b1 in blocks):
        return False
    for d0, d1 in decisions:
        if d1 < start or end < d0:
            continue
        inside = start < end and start <= d0 and d1 <= end and not (d0 == d1 and d0 in (start, end))
        apart = (d1 <= start or end <= d0) and not (d0 == d1 or start == end)
        if not (inside or apart):
            return False
    return True


def listed_witnesses(root: etree._Element) -> list[ListedWitness]:
    """The witnesses of a TEI edition's ``listWit`` (the base first); none without one."""
    out = []
    for w in root.iter(tei("witness")):
        ident = w.get("{http://www.w3.org/XML/1998/namespace}id", "")
        path = w.find(f"{tei('idno')}[@type='filename']")
        sha = w.find(f"{tei('idno')}[@type='sha256']")
        if path is None or sha is None or not path.text or not sha.text:
            raise EditionError(f"TEI line {w.sourceline}: witness {ident} has no file name or SHA-256")
        out.append(ListedWitness(ident, path.text.strip(), sha.text.strip()))
    return out


def reread_witnesses(listed: Sequence[ListedWitness]) -> list[Witness]:
    """The witnesses (all but the base) read again from their files, checked by SHA-256."""
    from ..witnesses.tokens import read_witness
    out = []
    for lw in listed[1:]:
        if not Path(lw.path).exists():
            raise EditionError(f"witness {lw.siglum}: {lw.path}: no such file (the edition was "
                               f"built with it)")
        w = read_witness(lw.path, lw.siglum)
        if w.source.sha256 != lw.sha256:
            raise EditionError(f"witness {lw.siglum}: {lw.path} changed since the build (its "
                               f"SHA-256 is {w.source.sha256}, the edition lists {lw.sha256})")
        out.append(w)
    return out
