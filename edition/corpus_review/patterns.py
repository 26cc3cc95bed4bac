"""The entries of a corpus grouped by pattern, ordered by how much one decision fixes.

A *pattern* is a form and the reading the detector suggests for it (``tbe`` → ``the``; a flag
with no reading has none). Every entry belongs to the pattern it was proposed as, decided or
not, so a group shows its progress: ``tbe → the: 1,234 pending in 310 documents, 200 decided``.

A group is worth deciding first when one decision makes many corrections that are right: its
*value* is the number of its pending instances times their confidence, the mean detector
confidence :func:`~edition.detection.evidence.decisions.weighed` by what the project's editors
decided about the pattern so far (counted by :func:`edition.corpus_review.learning.tallies`,
the same count ``detect`` learns from). A group half accepted rises; one rejected sinks.

- :func:`survey` — one pass over a :class:`~edition.corpus_review.index.CorpusIndex`: every
  group, the progress of every document and of the whole corpus (a :class:`Survey`);
- :func:`ordered` — the groups that pass a :class:`GroupFilter`, in the order asked for;
- :func:`instances` — the entries of one pattern, document by document.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from ..detection.evidence.decisions import Pattern, ProjectDecisions, Tally, weighed
from ..model import Kind, Status
from .index import KINDS, STALE, CorpusIndex
from .learning import tallies

_PROPOSED = 0
_ACCEPTED, _REJECTED, _EDITED, _FLAGGED = (list(Status).index(s) for s in (
    Status.ACCEPTED, Status.REJECTED, Status.EDITED, Status.FLAGGED))


@dataclass(frozen=True)
class Group:
    """One pattern across the corpus (stale entries left out of every count)."""

    original: str
    reading: str | None
    kind: Kind  # the kind of its first instance
    total: int
    pending: int
    accepted: int  # accepted or edited
    rejected: int
    flagged: int
    documents: int  # documents with a pending instance
    in_documents: int  # documents with any instance
    confidence: float  # the detector's own, mean over the pending instances (over all when none is)
    learned: Tally | None  # what the project's editors decided about this pattern
    weighed: float  # ``confidence`` weighed by ``learned``
    value: float  # pending instances x weighed confidence: the corrections one decision makes

    @property
    def pattern(self) -> Pattern:
        return (self.original, self.reading)

    @property
    def decided(self) -> int:
        return self.total - self.pending

    def to_json(self) -> dict:
        return {"original": self.original, "reading": self.reading, "kind": self.kind.value,
                "total": self.total, "pending": self.pending, "decided": self.decided,
                "accepted": self.accepted, "rejected": self.rejected, "flagged": self.flagged,
                "documents": self.documents, "in_documents": self.in_documents,
                "confidence": round(self.confidence, 3), "weighed": round(self.weighed, 3),
                "value": round(self.value, 1),
                "learned": None if self.learned is None else {
                    "accepted": self.learned.accepted, "rejected": self.learned.rejected,
                    "said": self.learned.said()}}


@dataclass(frozen=True)
class DocumentProgress:
    name: str
    total: int  # entries, stale ones aside
    pending: int
    stale: int
    problem: str | None = None  # why the document cannot be read

    @property
    def decided(self) -> int:
        return self.total - self.pending

    def to_json(self) -> dict:
        return {"name": self.name, "total": self.total, "pending": self.pending,
                "decided": self.decided, "stale": self.stale, "problem": self.problem}


@dataclass
class Survey:
    """What :func:`survey` found: the groups by pattern, the documents' progress, the totals,
    and which documents hold each pattern."""

    version: int
    groups: dict[Pattern, Group]
    documents: list[DocumentProgress]
    decisions: ProjectDecisions
    members: dict[Pattern, list[int]] = field(repr=False)

    @property
    def total(self) -> int:
        return sum(d.total for d in self.documents)

    @property
    def pending(self) -> int:
        return sum(d.pending for d in self.documents)


def survey(index: CorpusIndex) -> Survey:
    """Every group of the corpus and every document's progress, in one pass over its entries."""
    with index.lock:
        summaries = list(index.summaries)
        version = index.version
        problems = dict(index.problems)
    decisions = ProjectDecisions(tallies(summaries))
    # per pattern: [total, pending, accepted, rejected, flagged, confidence of pending,
    # confidence of all, kind, documents with any, documents with pending, last document seen,
    # last document seen pending]
    stats: dict[Pattern, list] = {}
    members: dict[Pattern, list[int]] = {}
    progress = []
    for d, s in enumerate(summaries):
        total = pending = stale = 0
        for o, p, state, conf, kind in zip(s.originals, s.proposed, s.states, s.priors, s.kinds):
            if state & STALE:
                stale += 1
                continue
            total += 1
            key = (o, p)
            g = stats.get(key)
            if g is None:
                g = stats[key] = [0, 0, 0, 0, 0, 0.0, 0.0, kind, 0, 0, -1, -1]
                members[key] = []
            g[0] += 1
            g[6] += conf
            if g[10] != d:
                g[10] = d
                g[8] += 1
                members[key].append(d)
            if state == _PROPOSED:
                pending += 1
                g[1] += 1
                g[5] += conf
                if g[11] != d:
                    g[11] = d
                    g[9] += 1
            elif state == _ACCEPTED or state == _EDITED:
                g[2] += 1
            elif state == _REJECTED:
                g[3] += 1
            elif state == _FLAGGED:
                g[4] += 1
        progress.append(DocumentProgress(index.documents[d].name, total, pending, stale,
                                         problems.get(d)))
    groups = {}
    for key, g in stats.items():
        confidence = g[5] / g[1] if g[1] else g[6] / g[0]
        learned = decisions.tally(*key)
        w = weighed(confidence, learned, decisions.prior) if learned is not None else confidence
        groups[key] = Group(key[0], key[1], KINDS[g[7]], g[0], g[1], g[2], g[3], g[4], g[9],
                            g[8], confidence, learned, w, g[1] * w)
    return Survey(version, groups, progress, decisions, members)


@dataclass(frozen=True)
class GroupFilter:
    """Which groups to show. ``status``: ``pending`` (with a pending instance), ``decided``
    (with a decided one) or ``all``; ``text`` is looked for in the form and the reading, in any
    case unless it has a capital (as on the one-document page); ``document``: only patterns
    with an instance in the document at this index."""

    status: str = "pending"
    kind: Kind | None = None
    text: str = ""
    min_confidence: float = 0.0
    document: int | None = None

    def __post_init__(self) -> None:
        if self.status not in ("pending", "decided", "all"):
            raise ValueError(f"unknown group status {self.status!r}")

    def keeps(self, g: Group) -> bool:
        if self.status == "pending" and not g.pending:
            return False
        if self.status == "decided" and not g.decided:
            return False
        if self.kind is not None and g.kind is not self.kind:
            return False
        if g.weighed < self.min_confidence:
            return False
        if self.text:
            hay = g.original + "\n" + (g.reading or "")
            if self.text == self.text.lower():
                hay = hay.lower()
            if self.text not in hay:
                return False
        return True


#: The orders of the queue, by name: most corrections per decision first (the default), most
#: pending instances, most documents, most confident, alphabetical.
SORTS = {
    "value": lambda g: (-g.value, -g.pending, g.original, g.reading or ""),
    "instances": lambda g: (-g.pending, -g.total, g.original, g.reading or ""),
    "documents": lambda g: (-g.documents, -g.pending, g.original, g.reading or ""),
    "confidence": lambda g: (-g.weighed, -g.pending, g.original, g.reading or ""),
    "original": lambda g: (g.original.lower(), g.original, g.reading or ""),
}


def ordered(s: Survey, where: GroupFilter = GroupFilter(), sort: str = "value") -> list[Group]:
    """The groups of ``s`` that ``where`` keeps, in the order ``sort`` names (:data:`SORTS`)."""
    if sort not in SORTS:
        raise ValueError(f"unknown order {sort!r} (use one of: {', '.join(SORTS)})")
    if where.document is not None:
        candidates = (s.groups[k] for k, docs in s.members.items() if where.document in docs)
    else:
        candidates = iter(s.groups.values())
    return sorted((g for g in candidates if where.keeps(g)), key=SORTS[sort])


@dataclass(frozen=True)
class Instance:
    """One entry of a pattern: the document (its index), the entry's place in its summary."""

    document: int
    place: int
    id: str
    status: Status
    stale: bool
    confidence: float
    reading: str | None
    revision: str

    def to_json(self) -> dict:
        return {"doc": self.document, "id": self.id, "status": self.status.value,
                "stale": self.stale, "confidence": self.confidence, "reading": self.reading,
                "rev": self.revision}


def instances(index: CorpusIndex, s: Survey, pattern: Pattern) -> Iterator[Instance]:
    """Every entry of ``pattern`` (stale ones included, marked), document by document in the
    corpus's order, in file order within each."""
    original, reading = pattern
    for d in s.members.get(pattern, ()):
        summary = index.summaries[d]
        for j, (o, p) in enumerate(zip(summary.originals, summary.proposed)):
            if o == original and p == reading:
                yield Instance(d, j, summary.ids[j], summary.status(j), summary.stale(j),
                               summary.confidences[j], summary.readings[j], summary.revision(j))
