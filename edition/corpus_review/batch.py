"""One decision over many documents.

A batch is a list of :class:`DocumentDecision`: what to decide in one document, either the
entries a :class:`~edition.review.Selection` matches (the command line: ``edition accept DIR
--original tbe --reading the``) or named entries, each with the revision its decider saw (the
corpus page, a spreadsheet). :func:`decide_document` does one document the way every command
does it: the source and its corrections file opened (:func:`edition.workflow.open_project`),
each entry decided by :func:`edition.review.decide` (the one decide path), the file saved by
:func:`edition.store.save_corrections` (atomically, only the changed entries' lines, merging
with a writer that changed other entries meanwhile).

So a batch cut short (Ctrl-C, ``kill -9``, a full disk) leaves every file as it was or as it is
decided, never half-written; and since the decisions are in the files, running the same batch
again does only what is left: a selection matches only the entries still pending, and a named
entry already decided this way counts as done.

Named entries keep the review page's promise: an entry that changed since its decider saw it
(another tab, a command, a colleague's spreadsheet) is not overwritten but refused, alone, with
the reason (:class:`Refusal`); the other entries of the document are decided. So is a decision
that would make two corrections that change the text overlap.

- :func:`decide_document` — one document (a plain function of picklable records, so that worker
  processes can run it);
- :func:`decide_across` — many, one after another or through a ``map`` (an executor's
  ``imap_unordered``), reporting each document as it is done; a :class:`BatchReport`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .. import review
from ..errors import EditionError
from ..model import Correction, Kind, SpanIndex
from ..review import Selection
from ..store import ConflictError, save_corrections
from .documents import Document
from .index import keep_document

#: How often a document is read again when another writer changed the same entries between its
#: read and its save (the store refuses such a save and writes nothing): each time, those
#: entries are compared with what the decider saw again. Three in a row would be a runaway
#: writer; the entries are then reported, not decided.
SAVE_ATTEMPTS = 3


@dataclass(frozen=True)
class Item:
    """One entry to decide: its id, the revision its decider saw (None: as it is now), and what
    to decide when it differs from the batch's action (a spreadsheet's rows differ)."""

    id: str
    revision: str | None = None
    action: str | None = None
    reading: str | None = None
    note: str | None = None
    by: str | None = None


@dataclass(frozen=True)
class DocumentDecision:
    """What to decide in one document: ``items``, or every entry ``selection`` matches."""

    document: Document
    action: str
    by: str
    items: tuple[Item, ...] = ()
    selection: Selection | None = None
    reading: str | None = None
    note: str | None = None
    kind: Kind | None = None

    def __post_init__(self) -> None:
        if (self.selection is None) == (not self.items):
            raise ValueError("give a selection or items, not both")
        if self.action not in review.ACTIONS:
            raise ValueError(f"unknown action {self.action!r}")


@dataclass(frozen=True)
class Refusal:
    """An entry that was not decided, and why."""

    document: str
    id: str
    reason: str


@dataclass(frozen=True)
class DocumentOutcome:
    """What a batch did in one document: the entries it changed (as they are now), how many
    were already so, those it refused, or the reason the document could not be done."""

    document: Document
    changed: tuple[Correction, ...] = ()
    unchanged: int = 0
    refused: tuple[Refusal, ...] = ()
    failed: str | None = None
    merged: bool = False  # another writer's changes to the file were kept


def _conflict_reason(c: Correction) -> str:
    who = f" by {c.by}" if c.by else ""
    reading = f" {c.reading!r}" if c.reading is not None else ""
    return f"changed since it was shown: now {c.status.value}{reading}{who}"


def _targets(task: DocumentDecision, cf, refused: list[Refusal]
             ) -> tuple[list[Correction], int]:
    """The entries of ``cf`` after the task's decisions, those refused aside; and how many
    were already as decided."""
    name = task.document.name
    out: list[Correction] = []
    unchanged = 0
    if task.selection is not None:
        sel = task.selection
        chosen = review.select(cf, sel)
        if task.action == "accept" and task.reading is None and not sel.ids:
            chosen = [c for c in chosen if c.readings]  # as workflow.decide: flag-only stay
        pairs = [(c, Item(c.id)) for c in chosen]
    else:
        pairs = []
        for item in task.items:
            if item.id not in cf:
                refused.append(Refusal(name, item.id, "no longer in the corrections file"))
                continue
            pairs.append((cf.get(item.id), item))
    for c, item in pairs:
        action = item.action or task.action
        try:
            new = review.decide(c, action, by=item.by or task.by,
                                reading=item.reading if item.reading is not None else task.reading,
                                note=item.note if item.note is not None else task.note,
                                kind=task.kind)
        except EditionError as exc:
            refused.append(Refusal(name, c.id, str(exc).removeprefix(f"{c.id}: ")))
            continue
        same = (new.status, new.reading, new.kind) == (c.status, c.reading, c.kind)
        if item.revision is not None and review.revision(c) != item.revision:
            if same:
                unchanged += 1  # changed meanwhile, to what this decides: done
            else:
                refused.append(Refusal(name, c.id, _conflict_reason(c)))
            continue
        if same and task.items:
            unchanged += 1
            continue
        out.append(new)
    return out, unchanged


def _without_overlaps(cf, new: list[Correction], refused: list[Refusal], name: str
                      ) -> list[Correction]:
    """``new`` without the decisions that would make a correction that changes the text overlap
    another (the edition could not apply both)."""
    changing = {c.id for c in new if c.status.changes_text and not c.stale}
    if not changing:
        return new
    taken = SpanIndex((c.start, c.end) for c in cf if c.id not in changing
                      and c.status.changes_text and not c.stale)
    kept = []
    for c in sorted(new, key=lambda c: (c.start, c.end)):
        if c.id in changing:
            if taken.overlaps(c.start, c.end):
                refused.append(Refusal(name, c.id, f"would overlap another correction at "
                                                   f"{c.start}..{c.end}; decide that one first"))
                continue
            taken.add(c.start, c.end)
        kept.append(c)
    return kept


def decide_document(task: DocumentDecision) -> DocumentOutcome:
    """Do ``task`` (see the module); never raises for the document's own faults: they are its
    outcome's ``failed``."""
    from ..workflow import open_project

    doc = task.document
    try:
        for _ in range(SAVE_ATTEMPTS):
            project = open_project(doc.source, doc.corrections)
            cf = project.corrections
            refused: list[Refusal] = []
            new, unchanged = _targets(task, cf, refused)
            if task.items:
                new = _without_overlaps(cf, new, refused, doc.name)
            for c in new:
                cf.put(c)
            merged = False
            if new:
                try:
                    merged = save_corrections(cf)
                except ConflictError:
                    continue  # the same entries changed meanwhile: read and compare again
            keep_document(doc, cf)
            return DocumentOutcome(doc, tuple(new), unchanged, tuple(refused), merged=merged)
        ids = [i.id for i in task.items] or ["(the selection)"]
        return DocumentOutcome(doc, refused=tuple(
            Refusal(doc.name, i, "the file kept changing while it was saved; try again")
            for i in ids))
    except EditionError as exc:
        return DocumentOutcome(doc, failed=str(exc))
    except OSError as exc:
        return DocumentOutcome(doc, failed=f"{exc.filename or doc.corrections}: "
                                          f"{exc.strerror or exc}")


@dataclass
class BatchReport:
    """What a batch did: per document and in sum."""

    outcomes: list[DocumentOutcome] = field(default_factory=list)

    @property
    def decided(self) -> int:
        return sum(len(o.changed) for o in self.outcomes)

    @property
    def unchanged(self) -> int:
        return sum(o.unchanged for o in self.outcomes)

    @property
    def documents_changed(self) -> int:
        return sum(1 for o in self.outcomes if o.changed)

    @property
    def refused(self) -> list[Refusal]:
        return [r for o in self.outcomes for r in o.refused]

    @property
    def failed(self) -> list[DocumentOutcome]:
        return [o for o in self.outcomes if o.failed is not None]

    def summary(self, verb: str) -> str:
        """One line: ``1,000 documents changed, 10,000 entries accepted (...)``."""
        parts = [f"{self.documents_changed:,} document(s) changed, {self.decided:,} "
                 f"entr{'y' if self.decided == 1 else 'ies'} {verb}"]
        if self.unchanged:
            parts.append(f"{self.unchanged:,} already so")
        if self.refused:
            parts.append(f"{len(self.refused):,} refused")
        if self.failed:
            parts.append(f"{len(self.failed):,} document(s) could not be read")
        return "; ".join(parts)


def decide_across(tasks: Iterable[DocumentDecision], *,
                  map: Callable[..., Iterator] | None = None,
                  progress: Callable[[DocumentOutcome], None] | None = None) -> BatchReport:
    """Do every task (see the module), through ``map`` (``(fn, items)`` → ``(item,
    outcome)`` pairs as they finish, like ``Executor.imap_unordered``) or one after another;
    ``progress`` is called with each document's outcome as it is done. The report lists the
    documents in the tasks' order."""
    tasks = list(tasks)
    report = BatchReport()
    pairs = map(decide_document, tasks) if map is not None else \
        ((t, decide_document(t)) for t in tasks)
    done: dict[Document, DocumentOutcome] = {}
    for task, outcome in pairs:
        if isinstance(outcome, BaseException):  # a worker lost with its document
            outcome = DocumentOutcome(task.document, failed=f"{type(outcome).__name__}: {outcome}")
        done[task.document] = outcome
        if progress is not None:
            progress(outcome)
    report.outcomes = [done[t.document] for t in tasks if t.document in done]
    return report
