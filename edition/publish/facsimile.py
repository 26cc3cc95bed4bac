"""The facsimile of an edition made from OCR files: its pages, their lines and the corrected
words, where they lie on the page images, and where each page and line begins in the text.

An OCR source (:mod:`edition.formats`) knows, for every offset of its text, the word, line and
page it comes from, and each one's box on the page image. :func:`facsimile_of` turns that into
plain data that the TEI writer (``<facsimile>``, ``<pb/>``, ``<lb/>``, ``@facs``: see
:mod:`edition.publish.tei.facsimile`), the reading view and ``verify`` read:

- a :class:`Surface` per page (its image, its size in the file's units) holding a
  :class:`Zone` per line and per word that a published decision touches;
- a :class:`Milestone` per page (``pb``) and per line (``lb``): the offset of the text where it
  begins and the surface or zone it points to;
- for each published decision, the zones of its words.

The ids are made here, not taken from the OCR file: a folder of page files repeats them (every
Tesseract page has a ``line_0``), and they need not be XML names. A surface is ``fx-pN`` (N the
page number), a line ``fx-pN-lK`` and a word ``fx-pN-wK`` (K its number on the page, from 1);
the OCR file's own id is kept as the zone's label (TEI ``@n``).

A milestone must stand inside a block of the text (:mod:`edition.publish.tei.structure`): the
start of a page with no text lies between blocks, so it moves to the start of the next block (or
the end of the last one). The writer then puts it exactly at its offset, and ``verify`` can
compare offsets.

>>> from pathlib import Path
>>> from edition.formats.model import (BlockContent, Box, LineContent, OcrFile, PageContent,
...                                    WordContent, assemble)
>>> w = lambda i, t, x: WordContent(i, f"w{i}", t, Box(x, 10, x + 40, 30), 0.9)
>>> page = PageContent(0, "p1", "p1.png", 600, 800, "pixel", (BlockContent(1, "b1", (
...     LineContent(2, "l1", Box(10, 10, 300, 30), (w(3, "Lenin", 10), w(4, "and", 60))),
...     LineContent(5, "l2", Box(10, 40, 300, 60), (w(6, "V1adimir", 10),)))),))
>>> doc = assemble("alto", "3", (OcrFile(Path("a.xml"), "alto", "3", "0" * 64),), [(0, page)])
>>> fx = facsimile_of(doc, [("gl-1", 10, 18)])
>>> [(m.offset, m.tag, m.facs) for m in fx.milestones]
[(0, 'pb', 'fx-p1'), (0, 'lb', 'fx-p1-l1'), (10, 'lb', 'fx-p1-l2')]
>>> fx.decisions["gl-1"], [z.id for z in fx.surfaces[0].zones]
(('fx-p1-w3',), ['fx-p1-l1', 'fx-p1-l2', 'fx-p1-w3'])
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from ..formats.model import Box, OcrDocument, Word


@dataclass(frozen=True)
class Zone:
    """A line or a word on a page: its id, its box in the page's units, the OCR file's id."""

    id: str
    type: str      # "line" or "word"
    box: Box
    label: str     # the OCR element's own id ("" when it has none)


@dataclass(frozen=True)
class Surface:
    """A page: its id and number, its image (None when none was found), its size in the file's
    units (None when the file does not say), and the zones on it."""

    id: str
    number: int
    image: Path | None
    width: float | None
    height: float | None
    unit: str
    label: str
    zones: tuple[Zone, ...]


@dataclass(frozen=True)
class Milestone:
    """Where a page (``pb``) or a line (``lb``) begins in the source text."""

    offset: int
    tag: str        # "pb" or "lb"
    facs: str | None  # the id of its surface or zone (None: a line without a box)
    n: str | None = None  # the page number, for a pb


@dataclass(frozen=True)
class Facsimile:
    surfaces: tuple[Surface, ...]
    milestones: tuple[Milestone, ...]
    #: the zones of the words of each published decision, by correction id
    decisions: Mapping[str, tuple[str, ...]]

    @property
    def ids(self) -> set[str]:
        """Every xml:id the facsimile uses."""
        return {s.id for s in self.surfaces} | {z.id for s in self.surfaces for z in s.zones}


def decision_words(doc: OcrDocument, start: int, end: int) -> tuple[Word, ...]:
    """The words a decision on ``start:end`` concerns: those it touches, or for a change between
    words (an inserted space or mark) the words on either side of it on its line."""
    words = doc.words_in(start, end)
    if words:
        return words
    before, after = doc.word_at(start - 1), doc.word_at(end)
    return tuple(w for w in (before, after) if w is not None)


def facsimile_of(doc: OcrDocument, decisions: Iterable[tuple[str, int, int]],
                 block_spans: Iterable[tuple[int, int]] | None = None) -> Facsimile:
    """The facsimile of ``doc``, with zones for the words of ``decisions`` (``(id, start, end)``
    of each published decision). ``block_spans``: the blocks of the text; milestones outside them
    are moved to the next block's start (default: the whole text is one block)."""
    words_of: dict[str, tuple[Word, ...]] = {cid: decision_words(doc, s, e)
                                             for cid, s, e in decisions}
    wanted = {id(w) for ws in words_of.values() for w in ws}
    word_ids: dict[int, str] = {}
    lines_by_page: dict[int, list[int]] = {}
    for k, line in enumerate(doc.lines):
        lines_by_page.setdefault(line.page, []).append(k)
    words_by_page: dict[int, list[Word]] = {}
    for w in doc.words:
        words_by_page.setdefault(w.page, []).append(w)
    line_ids: dict[int, str] = {}
    surfaces = []
    for p, page in enumerate(doc.pages):
        sid = f"fx-p{page.number}"
        zones = []
        for k, li in enumerate(lines_by_page.get(p, []), start=1):
            line = doc.lines[li]
            line_ids[li] = f"{sid}-l{k}"
            if line.box is not None:
                zones.append(Zone(line_ids[li], "line", line.box, line.id))
        for k, w in enumerate(words_by_page.get(p, []), start=1):
            if id(w) in wanted and w.box is not None:
                word_ids[id(w)] = f"{sid}-w{k}"
                zones.append(Zone(word_ids[id(w)], "word", w.box, w.id))
        surfaces.append(Surface(sid, page.number, page.image, page.width, page.height,
                                page.unit, page.id, tuple(zones)))
    boxed = {z.id for s in surfaces for z in s.zones}
    spans = sorted(block_spans) if block_spans is not None else [(0, len(doc.text))]
    milestones = []
    for page in doc.pages:
        milestones.append(Milestone(_inside(page.start, spans), "pb", f"fx-p{page.number}",
                                    str(page.number)))
    for li, line in enumerate(doc.lines):
        zid = line_ids[li]
        milestones.append(Milestone(_inside(line.start, spans), "lb", zid if zid in boxed else None))
    # a page's pb before the lb of its first line; otherwise in text order (stable)
    milestones.sort(key=lambda m: (m.offset, m.tag != "pb"))
    return Facsimile(tuple(surfaces), tuple(milestones),
                     {cid: tuple(word_ids[id(w)] for w in ws if id(w) in word_ids)
                      for cid, ws in words_of.items()})


def _inside(offset: int, spans: list[tuple[int, int]]) -> int:
    """``offset`` if a block holds it (its end included), else the start of the next block, else
    the end of the last one."""
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    if i >= 0 and spans[i][0] <= offset <= spans[i][1]:
        return offset
    if i + 1 < len(spans):
        return spans[i + 1][0]
    return spans[-1][1] if spans else offset
