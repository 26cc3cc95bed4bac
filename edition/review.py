"""Review: selecting corrections and deciding them.

Decisions are pure functions from a :class:`~edition.model.Correction` to a new one that records
who (``by``) and when (``on``, ISO 8601 UTC). :func:`select` picks entries by id or by a
:class:`Selection` ("every pending Statin → Stalin", "every glyph fix at or above 0.95");
:func:`add_correction` records a correction the detectors missed.

>>> from edition.model import Correction, Kind
>>> c = Correction("gl-1", 3, 11, "V1adimir", Kind.GLYPH, readings=("Vladimir",), confidence=0.97)
>>> accept(c, by="Ana", on="2026-11-27T21:00:00Z").reading
'Vladimir'
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable

from .errors import EditionError
from .model import Correction, Kind, Status, context_of, correction_id, spans_overlap


def now_iso() -> str:
    """The current time as stored in ``on``: ISO 8601, UTC, whole seconds."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Selection:
    """Which corrections a review command applies to.

    With ``ids`` the named entries are taken whatever their status (an editor may change their
    mind), stale ones included (so that they can be rejected or reopened); without ids only
    pending (``proposed``) entries that pass every given filter and are not stale — or, with
    ``decided``, only decided ones (what ``reopen --kind case`` means).
    """

    ids: tuple[str, ...] = ()
    original: str | None = None
    reading: str | None = None
    kind: Kind | None = None
    min_confidence: float | None = None
    decided: bool = False

    @property
    def empty(self) -> bool:
        return not self.ids and self.original is None and self.reading is None and \
            self.kind is None and self.min_confidence is None


def select(corrections: Iterable[Correction], sel: Selection) -> list[Correction]:
    """The corrections ``sel`` names; raises EditionError for an unknown id or an empty selection."""
    corrections = list(corrections)
    if sel.empty:
        raise EditionError("say which corrections: give ids, or --original/--reading/--kind/--min-confidence")
    if sel.ids:
        by_id = {c.id: c for c in corrections}
        missing = [i for i in sel.ids if i not in by_id]
        if missing:
            raise EditionError(f"no correction with id {', '.join(missing)}")
        chosen = [by_id[i] for i in dict.fromkeys(sel.ids)]
    else:
        chosen = [c for c in corrections
                  if (c.status is not Status.PROPOSED) == sel.decided and not c.stale]
    out = []
    for c in chosen:
        if sel.original is not None and c.original != sel.original:
            continue
        if sel.kind is not None and c.kind is not Kind(sel.kind):
            continue
        if sel.min_confidence is not None and c.confidence < sel.min_confidence:
            continue
        if sel.reading is not None and not sel.ids and sel.reading not in c.readings:
            continue
        out.append(c)
    return out


def _decided(c: Correction, status: Status, reading: str | None, by: str, on: str | None,
             note: str | None = None, kind: Kind | str | None = None) -> Correction:
    if c.stale and status is not Status.REJECTED:
        raise EditionError(f"{c.id} is stale ({c.stale}); it cannot be {status.value} until it is "
                           f"found again: reject it, or set its start and end by hand")
    return c.replace(status=status, reading=reading, by=by, on=on or now_iso(),
                     note=note if note is not None else c.note,
                     kind=Kind(kind) if kind is not None else c.kind)


def accept(c: Correction, *, by: str, on: str | None = None, reading: str | None = None,
           kind: Kind | str | None = None) -> Correction:
    """Accept ``reading`` (default: the best suggestion). A reading that is not among the
    suggestions makes it an edit. ``kind`` re-classifies it (e.g. a name spelling the detector
    called a non-word is a ``variant``: a regularization)."""
    reading = reading if reading is not None else (c.readings[0] if c.readings else None)
    if reading is None:
        raise EditionError(f"{c.id} has no suggested reading; use `edition edit {c.id} --reading TEXT` "
                           f"or `edition flag {c.id}`")
    if reading == c.original:
        raise EditionError(f"{c.id}: reading {reading!r} equals the original; reject it instead")
    status = Status.ACCEPTED if reading in c.readings else Status.EDITED
    return _decided(c, status, reading, by, on, kind=kind)


def edit(c: Correction, reading: str, *, by: str, on: str | None = None,
         kind: Kind | str | None = None) -> Correction:
    """The editor's own reading."""
    if reading == c.original:
        raise EditionError(f"{c.id}: reading {reading!r} equals the original; reject it instead")
    return _decided(c, Status.EDITED, reading, by, on, kind=kind)


def reject(c: Correction, *, by: str, on: str | None = None) -> Correction:
    """The original stands (also for a stale correction: rejecting changes no text)."""
    return _decided(c, Status.REJECTED, None, by, on)


def flag(c: Correction, *, by: str, on: str | None = None, note: str | None = None) -> Correction:
    """Corrupt, no safe reading: encoded as unclear, the text unchanged."""
    return _decided(c, Status.FLAGGED, None, by, on, note)


def reopen(c: Correction) -> Correction:
    """Back to pending (undo a decision). The decision undone goes into the entry's
    ``history`` (see :func:`history_record`), so nothing the editor typed is lost and
    :func:`redo` can restore it.

    >>> c = Correction("gl-1", 3, 11, "V1adimir", Kind.GLYPH, readings=("Vladimir",))
    >>> undone = reopen(edit(c, "Wladimir", by="Ana", on="2026-11-27T21:00:00Z"))
    >>> undone.status.value, undone.history
    ('proposed', ('edited "Wladimir" by Ana on 2026-11-27T21:00:00Z',))
    >>> redo(undone).reading, redo(undone).history
    ('Wladimir', ())
    """
    if not c.decided:
        return c
    return c.replace(status=Status.PROPOSED, reading=None, by=None, on=None, note=None,
                     history=c.history + (history_record(c),))


def history_record(c: Correction) -> str:
    """One line for a decision that was undone: ``STATUS ["READING"] by NAME on TIME`` (with
    ``note "NOTE"`` after it when there was a note); the reading and the note are written as
    JSON strings, so any text reads back exactly."""
    reading = f" {json.dumps(c.reading, ensure_ascii=False)}" if c.reading is not None else ""
    note = f" note {json.dumps(c.note, ensure_ascii=False)}" if c.note else ""
    return f"{c.status.value}{reading} by {c.by or '?'} on {c.on or '?'}{note}"


_RECORD = re.compile(r'(?P<status>accepted|edited|rejected|flagged)(?: (?P<reading>"(?:[^"\\]|\\.)*"))?'
                     r' by (?P<by>.*?) on (?P<on>\S+)(?: note (?P<note>"(?:[^"\\]|\\.)*"))?')


def redo(c: Correction) -> Correction:
    """Restore the decision that :func:`reopen` undid last (from the entry's history)."""
    if c.decided or not c.history:
        raise EditionError(f"{c.id}: no undone decision to restore"
                           + (f" (it is {c.status.value})" if c.decided else ""))
    m = _RECORD.fullmatch(c.history[-1])
    if m is None:
        raise EditionError(f"{c.id}: its last history line is not a decision: {c.history[-1]!r}")
    reading = json.loads(m["reading"]) if m["reading"] else None
    note = json.loads(m["note"]) if m["note"] else None
    try:
        return c.replace(status=Status(m["status"]), reading=reading, by=m["by"], on=m["on"],
                         note=note, history=c.history[:-1])
    except ValueError as exc:
        raise EditionError(f"{c.id}: {exc}") from None


def restore(c: Correction, *, status: Status | str, reading: str | None, by: str | None,
            on: str | None, note: str | None) -> Correction:
    """``c`` with its review state set back to a state it had (the review page's undo and
    redo). A decision undone this way goes into the history, as with :func:`reopen`; redone, it
    leaves it again."""
    new = c.replace(status=Status(status), reading=reading, by=by, on=on, note=note)
    if c.decided and not new.decided:
        return new.replace(history=c.history + (history_record(c),))
    if new.decided and c.history and c.history[-1] == history_record(new):
        return new.replace(history=c.history[:-1])
    return new


#: What each review action does to one correction: the one place both the command line
#: (`edition accept|reject|edit|flag|reopen|redo`) and the review page decide.
ACTIONS = ("accept", "reject", "edit", "flag", "reopen", "redo")


def decide(c: Correction, action: str, *, by: str, reading: str | None = None,
           note: str | None = None, kind: Kind | str | None = None) -> Correction:
    """``c`` after ``action`` (one of :data:`ACTIONS`) by ``by``: ``reading`` for accept (default
    the best suggestion) and edit, ``note`` for flag, ``kind`` re-classifies an accepted or
    edited correction."""
    if action == "accept":
        return accept(c, by=by, reading=reading, kind=kind)
    if action == "edit":
        if reading is None:
            raise EditionError("edit needs a reading (--reading TEXT)")
        return edit(c, reading, by=by, kind=kind)
    if action == "reject":
        return reject(c, by=by)
    if action == "flag":
        return flag(c, by=by, note=note)
    if action == "reopen":
        return reopen(c)
    if action == "redo":
        return redo(c)
    raise EditionError(f"unknown action {action!r} (use one of: {', '.join(ACTIONS)})")


def revision(c: Correction) -> str:
    """A short fingerprint of every field of ``c`` but ``line``: it changes whenever the entry
    does. A change names the entries it touches with the revisions its author saw (the review
    pages, a spreadsheet's rows), so that an entry changed meanwhile is never overwritten.

    >>> c = Correction("gl-1", 3, 11, "V1adimir", Kind.GLYPH, readings=("Vladimir",))
    >>> revision(c) == revision(c.replace(line=7)), revision(c) == revision(c.replace(note="x"))
    (True, False)
    """
    return revision_of_fields(c.fields())


def revision_of_fields(values: tuple) -> str:
    """:func:`revision` of the correction whose :meth:`~edition.model.Correction.fields` are
    ``values`` (without building it: a corpus has hundreds of thousands)."""
    raw = repr(values[:-1]).encode("utf-8", "surrogatepass")  # every field but `line`
    return hashlib.blake2b(raw, digest_size=8).hexdigest()


def find_span(text: str, find: str | None = None, occurrence: int = 1, at: int | None = None,
              length: int | None = None) -> tuple[int, int]:
    """The span named by ``--find TEXT [--occurrence N]`` or ``--at OFFSET [--length N]``."""
    if (find is None) == (at is None):
        raise EditionError("give exactly one of --find TEXT or --at OFFSET")
    if find is not None:
        if not find:
            raise EditionError("--find needs some text")
        if occurrence < 1:
            raise EditionError("--occurrence counts from 1")
        found = _occurrences(text, find)
        if len(found) < occurrence:
            if found:
                raise EditionError(f"{find!r} occurs {len(found)} time(s); there is no occurrence "
                                   f"{occurrence}")
            inside = text.find(find)
            if inside == -1:
                raise EditionError(f"{find!r} does not occur in the source")
            word = _word_around(text, inside, inside + len(find))
            raise EditionError(f"{find!r} occurs only inside longer words (first in {word!r}, at "
                               f"{inside}); give --at OFFSET --length N to correct part of a word")
        pos = found[occurrence - 1]
        return pos, pos + len(find)
    assert at is not None
    if not 0 <= at <= len(text):
        raise EditionError(f"--at {at} is outside the source (0..{len(text)})")
    length = 0 if length is None else length
    if length < 0:
        raise EditionError(f"--length {length} is negative: give the number of characters from "
                           f"--at {at} (0 or more)")
    if at + length > len(text):
        raise EditionError(f"--length {length} at {at} runs past the end of the source "
                           f"({len(text)} characters)")
    return at, at + length


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _occurrences(text: str, find: str) -> list[int]:
    """Where ``find`` occurs in ``text`` not as part of a longer word: a match that begins with a
    letter or digit may not follow one, and one that ends with a letter or digit may not be
    followed by one (``--find whet`` is not the ``whet`` of ``whether``)."""
    found, pos = [], text.find(find)
    while pos != -1:
        end = pos + len(find)
        glued_before = _is_word_char(find[0]) and pos > 0 and _is_word_char(text[pos - 1])
        glued_after = _is_word_char(find[-1]) and end < len(text) and _is_word_char(text[end])
        if not (glued_before or glued_after):
            found.append(pos)
        pos = text.find(find, pos + 1)
    return found


def _word_around(text: str, start: int, end: int) -> str:
    """The whole word that holds ``text[start:end]``."""
    while start > 0 and _is_word_char(text[start - 1]):
        start -= 1
    while end < len(text) and _is_word_char(text[end]):
        end += 1
    return text[start:end]


def add_correction(text: str, existing: Iterable[Correction], start: int, end: int, *,
                   reading: str | None, kind: Kind | str, by: str, why: str | None = None,
                   on: str | None = None, status: Status | None = None) -> Correction:
    """A new decided correction at ``start:end`` (one the detectors missed).

    Without a reading it is flagged (unclear); with one it is an edit. It may not overlap a
    live entry: decide that entry instead.
    """
    original = text[start:end]
    kind = Kind(kind)
    if reading is not None and reading == original:
        raise EditionError(f"the reading {reading!r} is what the source already says at "
                           f"{start}..{end}; nothing to correct")
    if reading is None and start == end:
        raise EditionError(f"nothing to flag at {start}: an unclear passage needs some text "
                           "(--length N, or --find TEXT)")
    for c in existing:
        if not c.stale and spans_overlap(start, end, c.start, c.end) and c.status is not Status.REJECTED:
            raise EditionError(f"{start}..{end} ({original!r}) overlaps {c.id} ({c.original!r}, "
                               f"{c.status}); decide that one instead")
    status = status or (Status.FLAGGED if reading is None else Status.EDITED)
    base = correction_id(text, start, end, kind)
    ids = {c.id for c in existing}
    cid, n = base, 2
    while cid in ids:
        cid, n = f"{base}-{n}", n + 1
    return Correction(id=cid, start=start, end=end, original=original, kind=kind, status=status,
                      reading=reading if status.changes_text else None,
                      readings=(reading,) if reading is not None else (),
                      confidence=1.0, why=why or "added by an editor", detector="editor",
                      context=context_of(text, start, end), by=by, on=on or now_iso())
