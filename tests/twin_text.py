"""A small text that holds one artifact twice, and projects made from it, for the tests of
relocation, the corrections file and the review commands."""
from __future__ import annotations

from edition.store import new_corrections_file, save_corrections
from edition.model import Correction, Kind, Status, context_of
from edition.source import read_source


TWICE = ("The hostility towards the co-fighter of V1adimir Ilyich Lenin grew.\n\n"
         "Stalin earned his place. The enemies struck after the death of V1adimir Ilyich Lenin.\n\n"
         "Before the body was cold, they plotted.\n")
DELETED = " The hostility towards the co-fighter of V1adimir Ilyich Lenin grew."


def decided_at(text: str, word: str, occurrence: int, cid: str, status: Status = Status.ACCEPTED) -> Correction:
    """A glyph correction of the ``occurrence``-th ``word`` in ``text`` (decided unless proposed)."""
    start = -1
    for _ in range(occurrence):
        start = text.index(word, start + 1)
    end = start + len(word)
    decided = status is not Status.PROPOSED
    return Correction(cid, start, end, word, Kind.GLYPH, status, readings=("Vladimir",),
                      reading="Vladimir" if status.changes_text else None,
                      context=context_of(text, start, end), by="Ana" if decided else None,
                      on="2026-11-27T10:00:00Z" if decided else None)


def small_project(tmp_path, text: str, corrections: list[Correction]):
    """``text`` as ``seed.txt`` in ``tmp_path`` with a corrections file of ``corrections``."""
    src = tmp_path / "seed.txt"
    src.write_text(text)
    cf = new_corrections_file(tmp_path / "corrections" / "seed.yaml", read_source(src))
    for c in corrections:
        cf.put(c)
    save_corrections(cf)
    return src, cf.path
