"""Adding a detection run's proposals to a corrections file, never touching what is there.

- :func:`merge_proposals` — the new proposals become pending entries; a proposal already in
  the file (same span, original and kind) or overlapping an entry is left out, so a decided span
  is never proposed twice; two artifacts with identical context get ``-2``, ``-3`` id suffixes.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..model import Correction, Proposal, SpanIndex, correction_id
from ..source import Source
from .file import CorrectionsFile


@dataclass(frozen=True)
class MergeReport:
    added: tuple[str, ...]
    already_present: int
    overlapping: int


def merge_proposals(cf: CorrectionsFile, source: Source, proposals: Iterable[Proposal]) -> MergeReport:
    """Add new proposals to ``cf``; never change or remove an existing entry.

    A proposal whose id is already in the file is left alone (the entry may hold a decision or
    a hand edit); one that overlaps an existing entry is skipped, so decided spans are never
    proposed twice; two artifacts with identical context get ``-2``, ``-3`` suffixes.
    """
    ids = cf.ids()
    live = [c for c in cf.corrections if not c.stale]
    keys = {(e.start, e.end, e.original, e.kind) for e in live}
    spans = SpanIndex((e.start, e.end) for e in live)
    new: list[Correction] = []
    next_suffix: dict[str, int] = {}
    present = overlapping = 0
    for p in proposals:
        key = (p.start, p.end, p.original, p.kind)
        if key in keys:
            present += 1
            continue
        if spans.overlaps(p.start, p.end):
            overlapping += 1
            continue
        cid = correction_id(source.text, p.start, p.end, p.kind)
        if cid in ids:
            n = next_suffix.get(cid, 2)
            while f"{cid}-{n}" in ids:
                n += 1
            next_suffix[cid] = n + 1  # identical contexts repeat: never count up from 2 again
            cid = f"{cid}-{n}"
        new.append(Correction.from_proposal(p, source.text, cid))
        ids.add(cid)
        keys.add(key)
        spans.add(p.start, p.end)
    cf.add_new(new)
    added = [c.id for c in new]
    return MergeReport(tuple(added), present, overlapping)
