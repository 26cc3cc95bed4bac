"""The entries of a corpus, filtered, as a table, CSV or JSON (``edition list``).

- :class:`EntryFilter` — status, kind, confidence, form, reading and a text search;
- :func:`listed` — the entries of the documents that pass it, document by document (a document
  that can hold none, by the index's summary, is not even opened);
- :func:`record` — one entry as plain data (what JSON and the spreadsheet write);
- :func:`table_lines` — a fixed-width table for the terminal.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Sequence

from ..errors import EditionError
from ..model import Correction, Kind, Status
from ..review import revision
from .documents import Document
from .index import STALE, CorpusIndex, Summary

#: The statuses ``--status`` takes: one of :class:`~edition.model.Status`, or ``pending`` (not
#: decided, not stale), ``decided``, ``stale``, ``all``.
STATUS_CHOICES = ("all", "pending", "decided", "stale") + tuple(s.value for s in Status)


@dataclass(frozen=True)
class EntryFilter:
    """Which entries to list; every criterion given must hold. ``search`` is looked for in the
    form, the readings, the decided reading, the context, the evidence and the note, in any
    case unless it has a capital letter (as on the review page)."""

    status: str = "all"
    kind: Kind | None = None
    min_confidence: float | None = None
    max_confidence: float | None = None
    original: str | None = None
    reading: str | None = None
    search: str | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUS_CHOICES:
            raise EditionError(f"unknown status {self.status!r} (use one of: "
                               f"{', '.join(STATUS_CHOICES)})")

    def _status_ok(self, status: Status, stale: bool) -> bool:
        s = self.status
        if s == "all":
            return True
        if s == "stale":
            return stale
        if s == "pending":
            return status is Status.PROPOSED and not stale
        if s == "decided":
            return status is not Status.PROPOSED
        return status.value == s

    def keeps(self, c: Correction) -> bool:
        if not self._status_ok(c.status, c.stale is not None):
            return False
        if self.kind is not None and c.kind is not self.kind:
            return False
        if self.min_confidence is not None and c.confidence < self.min_confidence:
            return False
        if self.max_confidence is not None and c.confidence > self.max_confidence:
            return False
        if self.original is not None and c.original != self.original:
            return False
        if self.reading is not None and self.reading not in c.readings and \
                c.reading != self.reading:
            return False
        if self.search:
            hay = "\n".join([c.original, *c.readings, c.reading or "", c.context, c.why,
                             c.note or ""])
            needle = self.search
            if needle == needle.lower():
                hay = hay.lower()
            if needle not in hay:
                return False
        return True

    def may_hold(self, s: Summary) -> bool:
        """False when no entry of the summary can pass (a cheap test before opening a file)."""
        kind = None if self.kind is None else list(Kind).index(self.kind)
        for j in range(len(s)):
            state = s.states[j]
            if not self._status_ok(s.status(j), bool(state & STALE)):
                continue
            if kind is not None and s.kinds[j] != kind:
                continue
            if self.original is not None and s.originals[j] != self.original:
                continue
            conf = s.confidences[j]
            if self.min_confidence is not None and conf < self.min_confidence:
                continue
            if self.max_confidence is not None and conf > self.max_confidence:
                continue
            return True
        return False


@dataclass(frozen=True)
class Listed:
    document: Document
    correction: Correction


def listed(docs: Sequence[Document], where: EntryFilter, *, index: CorpusIndex | None = None,
           failed: Callable[[Document, str], None] | None = None,
           progress: Callable[[int], None] | None = None) -> Iterator[Listed]:
    """The entries of ``docs`` that ``where`` keeps, document by document in their order, in
    file order within each. With ``index`` (of these documents, refreshed), a document whose
    summary can hold none is skipped unopened. A document that cannot be read is passed to
    ``failed`` with the reason (else the error is raised)."""
    from ..workflow import open_project

    for i, doc in enumerate(docs):
        if progress is not None:
            progress(i)
        if index is not None and i not in index.problems and \
                not where.may_hold(index.summaries[i]):
            continue
        try:
            project = open_project(doc.source, doc.corrections, missing_ok=True)
        except EditionError as exc:
            if failed is None:
                raise
            failed(doc, str(exc))
            continue
        for c in project.corrections:
            if where.keeps(c):
                yield Listed(doc, c)


def record(item: Listed) -> dict:
    """One entry as plain data: the document, every field, and its revision."""
    c = item.correction
    return {"document": item.document.name, "id": c.id, "kind": c.kind.value,
            "status": c.status.value, "stale": c.stale, "confidence": c.confidence,
            "start": c.start, "end": c.end, "original": c.original, "readings": list(c.readings),
            "reading": c.reading, "context": c.context, "why": c.why, "by": c.by, "on": c.on,
            "note": c.note, "detector": c.detector, "revision": revision(c)}


def _cell(text: str, width: int) -> str:
    text = text.replace("\n", "⏎").replace("\t", " ")
    return text if len(text) <= width else text[:width - 1] + "…"


def table_lines(items: Iterable[Listed], *, documents: bool) -> Iterator[str]:
    """A table for the terminal: (document,) id, status, kind, confidence, form → reading,
    context; long cells cut with an ellipsis."""
    head = ["id", "status", "kind", "conf", "original → reading", "context"]
    widths = [11, 9, 11, 4, 36, 50]
    if documents:
        head.insert(0, "document")
        widths.insert(0, 28)
    yield "  ".join(h.ljust(w) for h, w in zip(head, widths)).rstrip()
    for item in items:
        c = item.correction
        reading = c.best_reading
        change = c.original + (" → " + (reading if reading != "" else "∅")
                               if reading is not None else " (flag)")
        row = [c.id, "stale" if c.stale else c.status.value, c.kind.value, f"{c.confidence:.2f}",
               change, c.context]
        if documents:
            row.insert(0, item.document.name)
        yield "  ".join(_cell(v, w).ljust(w) for v, w in zip(row, widths)).rstrip()
