"""The edition plan: what an edition is made of, worked out once from a source and its decisions.

:func:`plan_edition` checks the corrections against the source and works out, once, what every
published file is built from (the TEI writer, the audit, the diff and the reading view all read
the same :class:`EditionPlan`):

- ``encoded`` — the decisions the edition encodes (accepted, edited, flagged), in text order:
  none stale, each holding its original in the source, none overlapping another, each with an
  ``xml:id`` of its own (:func:`xml_id`, the name every published file gives it);
- ``edits`` — the changes the accepted and edited ones make, ``(tag, i1, i2, j1, j2)`` with
  source and edition offsets (:class:`edition.apply.Edit`);
- ``reading`` — the reading text: the source with those edits;
- ``layout`` — the blocks of the source (title page, contents, headings, paragraphs, colophon;
  :mod:`edition.publish.tei.structure`), none cutting through an encoded decision;
- ``apparatus`` — with other witnesses of the text, where they differ from it
  (:mod:`edition.publish.apparatus`), else None;
- ``facsimile`` — for a source made from OCR files, its pages, lines and the decisions' words on
  the page images, and where each page and line begins (:mod:`edition.publish.facsimile`).

>>> from pathlib import Path
>>> from edition.model import Correction, Kind, Status
>>> from edition.source import source_from_text
>>> source = source_from_text("Lenin and V1adimir Ilyich.", Path("t.txt"))
>>> plan = plan_edition(source, [Correction("gl-1", 10, 18, "V1adimir", Kind.GLYPH, Status.ACCEPTED,
...                                         reading="Vladimir")])
>>> plan.reading, [(e.tag, e.i1, e.i2, e.j1, e.j2) for e in plan.edits]
('Lenin and Vladimir Ilyich.', [('replace', 10, 18, 10, 18)])
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..apply import Edit, apply_edits, edits
from ..errors import EditionError
from ..model import Correction, Status, spans_overlap
from ..source import Source
from ..witnesses.tokens import Witness
from .apparatus import Apparatus, make_apparatus
from .facsimile import Facsimile, facsimile_of
from .tei.structure import Layout, layout

_NCNAME = re.compile(r"\A[A-Za-z_][A-Za-z0-9._-]*\Z")


def xml_id(correction_id: str) -> str:
    """The ``xml:id`` of a correction: its id when that is an XML name, else a prefixed form.

    >>> xml_id("gl-797ca21b"), xml_id("42"), xml_id("a b").startswith("c-a_b-")
    ('gl-797ca21b', 'c-42', True)
    """
    if _NCNAME.match(correction_id):
        return correction_id
    if _NCNAME.match("c-" + correction_id):
        return "c-" + correction_id
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", correction_id)
    digest = hashlib.sha1(correction_id.encode("utf-8")).hexdigest()[:8]
    return f"c-{safe}-{digest}"


def encoded_corrections(corrections: Iterable[Correction], text: str) -> list[Correction]:
    """The decisions the edition encodes (accepted, edited, flagged), in text order; checked
    to hold in ``text`` and not to overlap."""
    chosen = []
    for c in corrections:
        if c.status not in (Status.ACCEPTED, Status.EDITED, Status.FLAGGED):
            continue
        if c.stale:
            raise EditionError(f"correction {c.id} ({c.status}) could not be found in the changed "
                               f"source ({c.stale}); reject it (`edition reject SOURCE {c.id}`) "
                               "or set its start and end by hand before building")
        if c.end > len(text) or text[c.start:c.end] != c.original:
            raise EditionError(f"correction {c.id}: the source holds {text[c.start:c.end]!r} at "
                               f"{c.start}..{c.end}, not {c.original!r}")
        chosen.append(c)
    chosen.sort(key=lambda c: (c.start, c.end))
    for a, b in zip(chosen, chosen[1:]):
        if spans_overlap(a.start, a.end, b.start, b.end):
            raise EditionError(f"corrections {a.id} ({a.start}..{a.end} {a.original!r}, {a.status}) "
                               f"and {b.id} ({b.start}..{b.end} {b.original!r}, {b.status}) overlap; "
                               f"reject or narrow one of them")
    seen: dict[str, str] = {}
    for c in chosen:
        x = xml_id(c.id)
        if x in seen:
            raise EditionError(f"corrections {seen[x]} and {c.id} would get the same xml:id {x}; "
                               f"rename one of them")
        seen[x] = c.id
    return chosen


@dataclass(frozen=True)
class EditionPlan:
    """What the edition of ``source`` is made of (see the module docstring)."""

    source: Source
    corrections: tuple[Correction, ...]  # every entry of the corrections file, as given
    encoded: tuple[Correction, ...]
    edits: tuple[Edit, ...]
    reading: str
    layout: Layout
    apparatus: Apparatus | None = None
    facsimile: Facsimile | None = None


def plan_edition(source: Source, corrections: Iterable[Correction],
                 witnesses: Sequence[Witness] = ()) -> EditionPlan:
    """The plan of the edition of ``source`` with ``corrections`` (and the apparatus of
    ``witnesses``); raises EditionError naming the first decision that cannot be published
    (stale, not holding its original, overlapping, sharing an ``xml:id``)."""
    text = source.text
    corrections = tuple(corrections)
    encoded = encoded_corrections(corrections, text)
    if "\r" in text:
        raise EditionError("the source text must have LF line ends (read it with read_source)")
    changes = edits(text, corrections)
    lay = layout(text, [(c.start, c.end) for c in encoded])
    app = make_apparatus(source, witnesses, encoded, lay) if witnesses else None
    facsimile = None
    if source.ocr is not None:
        facsimile = facsimile_of(source.ocr, [(c.id, c.start, c.end) for c in encoded],
                                 [(b.start, b.end) for b in lay.blocks])
    return EditionPlan(source, corrections, tuple(encoded), tuple(changes), apply_edits(text, changes),
                       lay, app, facsimile)
