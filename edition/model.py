"""The records of an edition: what a detector proposes and what an editor decides.

- :class:`Kind` — the kinds of OCR artifact (the table in docs/ARCHITECTURE.md).
- :class:`Status` — where a correction stands in review.
- :class:`Proposal` — a detector's output: a span of the source, its suggested readings, the
  evidence (``why``) and a confidence. Pure data; says nothing about review.
- :class:`Correction` — one entry of a corrections file: a proposal (or an editor's addition)
  plus its review state (``status``, final ``reading``, ``by``, ``on``).
- :func:`correction_id` — the stable id of an artifact, derived from its text and context so the
  same artifact gets the same id on every run (offsets change when the source is edited; the
  words around an artifact rarely do).

All positions are code-point offsets into the normalized source text (see :mod:`edition.source`).
Records are frozen and check their invariants when built; a change is a new record
(``dataclasses.replace``).
"""
from __future__ import annotations

import bisect
import dataclasses
import enum
import hashlib
from dataclasses import dataclass, field
from typing import Iterable


class Kind(str, enum.Enum):
    """Kinds of OCR artifact, in the editor's vocabulary (docs/ARCHITECTURE.md, "Kinds of artifact")."""

    GLYPH = "glyph"
    NONWORD = "nonword"
    REALWORD = "realword"
    SPLIT = "split"
    MERGE = "merge"
    PUNCTUATION = "punctuation"
    HYPHEN = "hyphen"
    CASE = "case"
    VARIANT = "variant"  # a regularization (TEI orig/reg), not an error
    UNCLEAR = "unclear"  # flag only: no safe reading
    OTHER = "other"  # added by an editor when no kind above fits

    def __str__(self) -> str:
        return self.value


class Status(str, enum.Enum):
    """Review state of a correction.

    - ``proposed``: pending; changes nothing in the edition.
    - ``accepted``: the chosen ``reading`` (one of the suggestions) replaces the original.
    - ``edited``: the editor typed the ``reading``.
    - ``rejected``: the original stands.
    - ``flagged``: the passage is corrupt with no safe reading; encoded as unclear, text unchanged.
    """

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    EDITED = "edited"
    FLAGGED = "flagged"

    def __str__(self) -> str:
        return self.value

    @property
    def changes_text(self) -> bool:
        """True when a correction in this state replaces its original in the edition."""
        return self is Status.ACCEPTED or self is Status.EDITED

    @property
    def decided(self) -> bool:
        return self is not Status.PROPOSED


#: How many characters of context on each side are kept with a correction.
CONTEXT_CHARS = 30


def _check_span(start: int, end: int, original: str) -> None:
    if not (isinstance(start, int) and isinstance(end, int)):
        raise ValueError(f"span must be integers, got {start!r}..{end!r}")
    if start < 0 or end < start:
        raise ValueError(f"bad span {start}..{end}")
    if end - start != len(original):
        raise ValueError(
            f"span {start}..{end} is {end - start} characters but original {original!r} is {len(original)}"
        )


def _check_confidence(confidence: float) -> None:
    if not (0.0 <= confidence <= 1.0):
        raise ValueError(f"confidence must be between 0 and 1, got {confidence!r}")


@dataclass(frozen=True)
class Proposal:
    """A detector's proposal: replace ``original`` at ``start:end`` by ``readings[0]``.

    ``readings`` are ordered best first; empty means flag-only (kind ``unclear``): the detector
    is sure something is wrong but has no safe reading. ``why`` is one line of checkable evidence.

    >>> p = Proposal(10, 18, "V1adimir", ("Vladimir",), Kind.GLYPH, 0.97, "digit 1 inside a word", "glyph")
    >>> p.reading
    'Vladimir'
    """

    start: int
    end: int
    original: str
    readings: tuple[str, ...]
    kind: Kind
    confidence: float
    why: str
    detector: str = ""

    def __post_init__(self) -> None:
        _check_span(self.start, self.end, self.original)
        _check_confidence(self.confidence)
        object.__setattr__(self, "kind", Kind(self.kind))
        object.__setattr__(self, "readings", tuple(self.readings))
        if any(r == self.original for r in self.readings):
            raise ValueError(f"a reading equal to the original {self.original!r} is no correction")
        if not self.why or "\n" in self.why:
            raise ValueError("why must be one non-empty line")

    @property
    def reading(self) -> str | None:
        """The best suggestion, or None for a flag-only proposal."""
        return self.readings[0] if self.readings else None


@dataclass(frozen=True)
class Correction:
    """One entry of a corrections file: a proposal and its review state.

    For ``accepted`` and ``edited`` entries ``reading`` is the text that replaces ``original``;
    for the other states it is None. ``by`` and ``on`` say who decided and when (ISO 8601, UTC).
    ``stale`` holds the reason when the source changed and the entry could not be relocated:
    a stale entry is reported and never applied.
    """

    id: str
    start: int
    end: int
    original: str
    kind: Kind
    status: Status = Status.PROPOSED
    readings: tuple[str, ...] = ()
    confidence: float = 1.0
    why: str = ""
    context: str = ""
    reading: str | None = None
    by: str | None = None
    on: str | None = None
    note: str | None = None
    history: tuple[str, ...] = ()
    detector: str = ""
    stale: str | None = None
    # Line of the entry in its corrections file (for messages); not part of the record's value.
    line: int | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.id or not isinstance(self.id, str):
            raise ValueError("a correction needs an id")
        _check_span(self.start, self.end, self.original)
        _check_confidence(self.confidence)
        # (each converted only when it is not already: a book's file builds 100,000 of these)
        if type(self.kind) is not Kind:
            object.__setattr__(self, "kind", Kind(self.kind))
        if type(self.status) is not Status:
            object.__setattr__(self, "status", Status(self.status))
        if type(self.readings) is not tuple:
            object.__setattr__(self, "readings", tuple(self.readings))
        if type(self.history) is not tuple:
            object.__setattr__(self, "history", tuple(self.history))
        if self.status.changes_text:
            if self.reading is None:
                raise ValueError(f"{self.status} correction {self.id} needs a reading")
            if self.reading == self.original:
                raise ValueError(f"correction {self.id}: reading equals the original; reject it instead")
        elif self.reading is not None and self.status is not Status.PROPOSED:
            raise ValueError(f"{self.status} correction {self.id} cannot have a reading")

    @property
    def best_reading(self) -> str | None:
        """The reading that would be applied: the decided one, else the best suggestion."""
        if self.status.changes_text:
            return self.reading
        return self.readings[0] if self.readings else None

    @property
    def decided(self) -> bool:
        return self.status.decided

    @classmethod
    def from_proposal(cls, proposal: Proposal, text: str, cid: str | None = None) -> "Correction":
        """A pending correction for ``proposal`` found in ``text`` (``cid``: its id, when it is
        not :func:`correction_id`'s)."""
        return cls(
            id=cid or correction_id(text, proposal.start, proposal.end, proposal.kind),
            start=proposal.start,
            end=proposal.end,
            original=proposal.original,
            kind=proposal.kind,
            readings=proposal.readings,
            confidence=round(float(proposal.confidence), 3),
            why=proposal.why,
            context=context_of(text, proposal.start, proposal.end),
            detector=proposal.detector,
        )

    def replace(self, **changes) -> "Correction":
        return dataclasses.replace(self, **changes)

    def fields(self) -> tuple:
        """The record's values as plain data (kind and status as their names), in
        :data:`CORRECTION_FIELDS` order: what :meth:`restore` takes back."""
        return (self.id, self.start, self.end, self.original, self.kind.value, self.status.value,
                self.readings, self.confidence, self.why, self.context, self.reading, self.by,
                self.on, self.note, self.history, self.detector, self.stale, self.line)

    @classmethod
    def restore(cls, values: tuple) -> "Correction":
        """The correction :meth:`fields` gave ``values`` for, rebuilt without its checks: only
        for values taken from a correction that was checked when it was built (the corrections
        store's cache of parsed files, where 100,000 entries must load in a fraction of a
        second)."""
        v = values
        c = object.__new__(cls)
        object.__setattr__(c, "__dict__", {
            "id": v[0], "start": v[1], "end": v[2], "original": v[3], "kind": _KINDS[v[4]],
            "status": _STATUSES[v[5]], "readings": v[6], "confidence": v[7], "why": v[8],
            "context": v[9], "reading": v[10], "by": v[11], "on": v[12], "note": v[13],
            "history": v[14], "detector": v[15], "stale": v[16], "line": v[17]})
        return c


#: The fields of a correction, in order (``line`` last): the order of :meth:`Correction.fields`.
CORRECTION_FIELDS = tuple(f.name for f in dataclasses.fields(Correction))
assert CORRECTION_FIELDS == ("id", "start", "end", "original", "kind", "status", "readings",
                             "confidence", "why", "context", "reading", "by", "on", "note",
                             "history", "detector", "stale", "line"), "update Correction.fields"
_KINDS = {k.value: k for k in Kind}
_STATUSES = {s.value: s for s in Status}

_KIND_PREFIX = {
    Kind.GLYPH: "gl",
    Kind.NONWORD: "nw",
    Kind.REALWORD: "rw",
    Kind.SPLIT: "sp",
    Kind.MERGE: "mg",
    Kind.PUNCTUATION: "pu",
    Kind.HYPHEN: "hy",
    Kind.CASE: "ca",
    Kind.VARIANT: "va",
    Kind.UNCLEAR: "un",
    Kind.OTHER: "ot",
}


def context_of(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """The span with up to ``width`` characters on each side, as stored in ``context``."""
    return text[max(0, start - width) : end + width]


def correction_id(text: str, start: int, end: int, kind: Kind | str) -> str:
    """Stable id of the artifact at ``start:end``: kind prefix + hash of the span and its context.

    The same artifact in the same surroundings gets the same id on every run, even after text
    elsewhere is inserted or deleted. (Two identical artifacts in identical 30-character contexts
    get the same id; the corrections file disambiguates them with a suffix.)

    >>> correction_id("of V1adimir Ilyich", 3, 11, "glyph")
    'gl-797ca21b'
    """
    kind = Kind(kind)
    key = "\x1f".join((kind.value, text[max(0, start - CONTEXT_CHARS) : start], text[start:end],
                       text[end : end + CONTEXT_CHARS]))
    return f"{_KIND_PREFIX[kind]}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"


def spans_overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """True when two spans share a character, or an insertion point lies inside the other span
    (or both insert at the same point: their order would be undefined).

    >>> spans_overlap(0, 3, 3, 5), spans_overlap(0, 3, 2, 5), spans_overlap(4, 4, 4, 4)
    (False, True, True)
    """
    if a_start == a_end and b_start == b_end:
        return a_start == b_start
    if a_start == a_end:
        return b_start < a_start < b_end
    if b_start == b_end:
        return a_start < b_start < a_end
    return a_start < b_end and b_start < a_end


class SpanIndex:
    """Spans sorted by start, for overlap checks (:func:`spans_overlap`) in O(log n + k) instead
    of a scan of them all: a long text has tens of thousands of proposals, and a scan per
    proposal is quadratic. The spans held may overlap each other."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.longest = max((e - s for s, e in self.spans), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        lo = bisect.bisect_left(self.spans, (start - self.longest, -1))
        hi = bisect.bisect_right(self.spans, (end, end + self.longest + 1))
        if start != end:
            # spans_overlap written out: for a span that is no insertion point it is this one
            # test, whether or not the other is one (the merge of a long document's proposals
            # makes a call per span held near each of them)
            return any(s < end and start < e for s, e in self.spans[lo:hi])
        return any(spans_overlap(start, end, s, e) for s, e in self.spans[lo:hi])

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.spans, (start, end))
        self.longest = max(self.longest, end - start)
