"""Applying decided corrections to a source text.

- :func:`applicable` — the corrections that change the text: accepted and edited (and, for a
  preview of "accept everything", the pending proposals' best readings).
- :func:`check_overlaps` — two applicable corrections that touch the same characters stop
  everything, with both ids named.
- :func:`edits` — the changes as ``(tag, i1, i2, j1, j2)`` opcodes (difflib's vocabulary), each with
  its correction, mapping source offsets to edition offsets.
- :func:`apply_edits` — the text with those edits made; :func:`apply_corrections` — both steps.

>>> from edition.model import Correction, Kind, Status
>>> c = Correction("gl-1", 3, 11, "V1adimir", Kind.GLYPH, Status.ACCEPTED, reading="Vladimir")
>>> apply_corrections("of V1adimir Ilyich", [c])
'of Vladimir Ilyich'
"""
from __future__ import annotations

from typing import Iterable, NamedTuple

from .errors import EditionError
from .model import Correction, SpanIndex, Status, spans_overlap


class Edit(NamedTuple):
    """One change: source ``i1:i2`` becomes edition ``j1:j2`` (tag replace, delete or insert)."""

    tag: str
    i1: int
    i2: int
    j1: int
    j2: int
    correction: Correction


def applicable(corrections: Iterable[Correction], include_proposals: bool = False) -> list[Correction]:
    """Corrections that change the text, sorted by position; stale ones never.

    With ``include_proposals`` pending proposals with a reading are included unless they overlap
    a decided entry (the decision wins) or a more confident proposal.
    """
    corrections = [c for c in corrections if not c.stale]
    chosen = [c for c in corrections if c.status.changes_text]
    if include_proposals:
        taken = SpanIndex((c.start, c.end) for c in corrections if c.decided)
        pending = sorted((c for c in corrections if c.status is Status.PROPOSED and c.readings),
                         key=lambda c: -c.confidence)
        for p in pending:
            if taken.overlaps(p.start, p.end):
                continue
            taken.add(p.start, p.end)
            chosen.append(p.replace(status=Status.ACCEPTED, reading=p.readings[0]))
    return sorted(chosen, key=lambda c: (c.start, c.end))


def check_overlaps(corrections: list[Correction]) -> None:
    """Raise EditionError naming the first two overlapping corrections (input sorted by start)."""
    for a, b in zip(corrections, corrections[1:]):
        if spans_overlap(a.start, a.end, b.start, b.end):
            raise EditionError(f"corrections {a.id} ({a.start}..{a.end} {a.original!r}) and "
                               f"{b.id} ({b.start}..{b.end} {b.original!r}) overlap; "
                               f"reject or narrow one of them")


def _check_holds(text: str, c: Correction) -> None:
    if text[c.start:c.end] != c.original:
        raise EditionError(f"correction {c.id}: the source holds {text[c.start:c.end]!r} at "
                           f"{c.start}..{c.end}, not {c.original!r}")


def edits(text: str, corrections: Iterable[Correction], include_proposals: bool = False) -> list[Edit]:
    """The edits the applicable corrections make, in order, with edition offsets."""
    chosen = applicable(corrections, include_proposals)
    check_overlaps(chosen)
    out: list[Edit] = []
    delta = 0
    for c in chosen:
        _check_holds(text, c)
        reading = c.reading or ""
        tag = "replace" if c.original and reading else ("delete" if c.original else "insert")
        out.append(Edit(tag, c.start, c.end, c.start + delta, c.start + delta + len(reading), c))
        delta += len(reading) - len(c.original)
    return out


def apply_edits(text: str, changes: Iterable[Edit]) -> str:
    """``text`` with the edits (from :func:`edits`, in order) made."""
    parts: list[str] = []
    pos = 0
    for e in changes:
        parts.append(text[pos:e.i1])
        parts.append(e.correction.reading or "")
        pos = e.i2
    parts.append(text[pos:])
    return "".join(parts)


def apply_corrections(text: str, corrections: Iterable[Correction], include_proposals: bool = False) -> str:
    """``text`` with every applicable correction applied."""
    return apply_edits(text, edits(text, corrections, include_proposals))
