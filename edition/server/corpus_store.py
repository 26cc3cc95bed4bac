"""The corpus review page's view of many documents: groups by pattern, and batches that decide them.

The truth is in the corrections files, as for the one-document page. :class:`CorpusReviewStore`
holds a :class:`~edition.corpus_review.index.CorpusIndex` (every entry's form, reading, status,
confidence and revision) and notices a change on disk by the files' size, times and inode,
re-reading only the documents that changed. The page shows the groups of a survey of the index
(:func:`~edition.corpus_review.patterns.survey`, remade when the index changed) and the
instances of a group with the revisions it saw.

A decision names the instances it decides with those revisions and runs as a :class:`BatchJob`
in a thread of its own (a group can span a thousand files): each document is decided and saved
on its own by :func:`edition.corpus_review.batch.decide_document`, atomically, an instance
changed since the page showed it refused alone; the page follows the job's progress and shows
what was refused. One batch runs at a time.
"""
from __future__ import annotations

import itertools
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from ..corpus_review.batch import DocumentDecision, DocumentOutcome, Item, Refusal, decide_across
from ..corpus_review.documents import Document
from ..corpus_review.index import CorpusIndex, signature
from ..corpus_review.patterns import GroupFilter, Survey, instances, ordered, survey
from ..errors import EditionError
from ..model import Kind
from ..review import revision

#: Projects kept open for the instances' contexts (the source and its entries): the instances
#: the page shows at once come from at most this many documents, as a rule.
OPEN_PROJECTS = 64
#: Refusals a job reports one by one (the rest are counted): the page lists them.
REFUSALS_SHOWN = 200


@dataclass
class BatchJob:
    """A batch decision running (or run) for the page; its counters move as documents finish."""

    id: str
    action: str
    documents: int
    items: int
    done: int = 0
    decided: int = 0
    unchanged: int = 0
    refused: list[Refusal] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    finished: bool = False
    error: str | None = None

    def to_json(self, with_changed: bool) -> dict[str, Any]:
        out = {"id": self.id, "action": self.action, "documents": self.documents,
               "items": self.items, "done": self.done, "decided": self.decided,
               "unchanged": self.unchanged, "refused_count": len(self.refused),
               "refused": [{"document": r.document, "id": r.id, "reason": r.reason}
                           for r in self.refused[:REFUSALS_SHOWN]],
               "failed": [{"document": d, "reason": why} for d, why in self.failed],
               "finished": self.finished, "error": self.error}
        if with_changed and self.finished:
            out["changed"] = self.changed
        return out


class CorpusReviewStore:
    """The documents of a corpus under review; see the module."""

    def __init__(self, documents: Sequence[Document], index: CorpusIndex | None = None):
        self.index = index or CorpusIndex(documents)
        if index is None:
            self.index.refresh()
        self._survey: Survey | None = None
        self._survey_lock = threading.Lock()
        self._projects: OrderedDict[int, tuple[Any, Any]] = OrderedDict()
        self._projects_lock = threading.Lock()
        self._jobs: dict[str, BatchJob] = {}
        self._job_lock = threading.Lock()
        self._running: BatchJob | None = None
        self._ids = itertools.count(1)
        self._run = os.urandom(4).hex()

    @property
    def documents(self) -> list[Document]:
        return self.index.documents

    # ----------------------------------------------------------------- reading

    def version(self, *, check: bool = True) -> str:
        """A token that changes whenever an entry the page may show changed. ``check``: look at
        the files first (their size, times, inode), re-reading those that changed — not while
        a batch writes them: its own changes are taken as it goes."""
        if check and not self.busy:
            self.index.refresh()
        return f"{self._run}.{self.index.version}"

    @property
    def busy(self) -> bool:
        job = self._running
        return job is not None and not job.finished

    def survey(self) -> Survey:
        with self._survey_lock:
            if self._survey is None or self._survey.version != self.index.version:
                self._survey = survey(self.index)
            return self._survey

    def state(self) -> dict[str, Any]:
        s = self.survey()
        folders = sorted({str(Path(os.path.relpath(d.corrections.parent))) for d in self.documents})
        return {
            "version": f"{self._run}.{s.version}",
            "documents": [d.to_json() for d in s.documents],
            "total": s.total, "pending": s.pending, "groups": len(s.groups),
            "kinds": [k.value for k in Kind],
            "corrections": folders,
            "busy": self.busy,
        }

    def groups(self, where: GroupFilter, sort: str, offset: int, limit: int) -> dict[str, Any]:
        s = self.survey()
        found = ordered(s, where, sort)
        return {"version": f"{self._run}.{s.version}", "matching": len(found),
                "offset": offset, "groups": [g.to_json() for g in found[offset:offset + limit]]}

    def group(self, original: str, reading: str | None) -> dict[str, Any]:
        """A group and all its instances (document, id, revision, status): what the page
        decides with."""
        s = self.survey()
        g = s.groups.get((original, reading))
        if g is None:
            raise EditionError(f"no proposal {original!r} → {reading!r} in this corpus (any "
                               "more): reload the page")
        return {"version": f"{self._run}.{s.version}", "group": g.to_json(),
                "instances": [i.to_json() for i in instances(self.index, s, g.pattern)]}

    def _project(self, doc: int):
        """The project of document ``doc`` as it is on disk (kept open while its files do not
        change), and the OCR document of an OCR source (None for plain text)."""
        from ..workflow import open_project

        d = self.documents[doc]
        sig = signature(d)
        with self._projects_lock:
            kept = self._projects.get(doc)
            if kept is not None and kept[0] == sig:
                self._projects.move_to_end(doc)
                return kept[1]
        project = open_project(d.source, d.corrections, missing_ok=True)
        ocr = None
        if d.source.is_dir() or d.source.suffix.lower() in (".xml", ".hocr", ".html", ".htm"):
            from ..formats.reader import read_ocr
            from ..formats.sniff import is_ocr_source
            if is_ocr_source(d.source):
                ocr = read_ocr(d.source)
        with self._projects_lock:
            self._projects[doc] = (sig, (project, ocr))
            while len(self._projects) > OPEN_PROJECTS:
                self._projects.popitem(last=False)
        return project, ocr

    def details(self, items: list[tuple[int, str]]) -> list[dict[str, Any]]:
        """The instances' contexts (and, for an OCR source, where the form is on the page
        image): what the page shows of the instances in view."""
        out = []
        for doc, cid in items:
            project, ocr = self._project(doc)
            cf = project.corrections
            if cid not in cf:
                out.append({"doc": doc, "id": cid, "missing": True})
                continue
            c = cf.get(cid)
            text = project.source.text
            ok = c.end <= len(text) and text[c.start:c.end] == c.original
            before = text[max(0, c.start - 80):c.start] if ok else ""
            after = text[c.end:c.end + 80] if ok else ""
            out.append({"doc": doc, "id": cid, "rev": revision(c), "status": c.status.value,
                        "reading": c.reading, "readings": list(c.readings), "why": c.why,
                        "confidence": c.confidence, "by": c.by, "stale": c.stale,
                        "before": before if ok else c.context, "original": c.original,
                        "after": after, "cut_left": ok and c.start > 80,
                        "cut_right": ok and c.end + 80 < len(text),
                        "crop": _crop(ocr, c.start, c.end) if ok and ocr is not None else None})
        return out

    def image(self, doc: int, page: int) -> Path:
        """The page image of page ``page`` of document ``doc`` (an OCR source's, as its file
        names it or as found beside it); nothing else is ever served."""
        if not 0 <= doc < len(self.documents):
            raise EditionError(f"no document {doc}")
        _, ocr = self._project(doc)
        if ocr is None or not 0 <= page < len(ocr.pages) or ocr.pages[page].image is None:
            raise EditionError("no page image there")
        # absolute: the OCR file names its image relative to the project folder, and Flask
        # would take a relative path as relative to its own package
        return Path(ocr.pages[page].image).resolve()

    # ----------------------------------------------------------------- deciding

    def start(self, action: str, by: str, items: list[tuple[int, Item]], note: str | None
              ) -> BatchJob:
        """Start deciding ``items`` (document index, item) in a thread; returns the job."""
        by_doc: dict[int, list[Item]] = {}
        for doc, item in items:
            if not 0 <= doc < len(self.documents):
                raise EditionError(f"no document {doc} in this corpus")
            by_doc.setdefault(doc, []).append(item)
        tasks = [DocumentDecision(self.documents[d], action, by, items=tuple(its), note=note)
                 for d, its in sorted(by_doc.items())]
        position = {self.documents[d]: d for d in by_doc}
        with self._job_lock:
            if self.busy:
                raise EditionError("a batch is still being decided; wait until it is done")
            job = BatchJob(f"{self._run}-{next(self._ids)}", action, len(tasks), len(items))
            self._jobs = {job.id: job}  # the page follows the last one only
            self._running = job

        def progress(outcome: DocumentOutcome) -> None:
            d = position[outcome.document]
            job.done += 1
            job.decided += len(outcome.changed)
            job.unchanged += outcome.unchanged
            job.refused.extend(outcome.refused)
            if outcome.failed is not None:
                job.failed.append((outcome.document.name, outcome.failed))
            job.changed.extend({"doc": d, "id": c.id, "rev": revision(c)} for c in outcome.changed)
            if outcome.changed:
                self._reread(d)

        def run() -> None:
            try:
                decide_across(tasks, progress=progress)
            except Exception as exc:  # a fault of this server, not of a document: say it
                job.error = f"{type(exc).__name__}: {exc}"
            finally:
                job.finished = True

        threading.Thread(target=run, name=f"edition-batch-{job.id}", daemon=True).start()
        return job

    def _reread(self, doc: int) -> None:
        """Take document ``doc`` as the batch just saved it (its summary was kept in the cache
        by the batch, so this reads one small file)."""
        self.index.reread(doc)

    def job(self, job_id: str) -> BatchJob:
        job = self._jobs.get(job_id)
        if job is None:
            raise EditionError(f"no batch {job_id!r} (the server was restarted?): reload the page")
        return job

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the running batch (for a clean stop, and for tests)."""
        import time

        deadline = None if timeout is None else time.monotonic() + timeout
        while self.busy and (deadline is None or time.monotonic() < deadline):
            time.sleep(0.02)


def _crop(ocr, start: int, end: int) -> dict[str, Any] | None:
    """Where ``start:end`` is on its page image: the page, the line's box and the words' box
    (in the file's units, with the page's size to scale them by), or None."""
    words = ocr.words_in(start, end)
    boxed = [w for w in words if w.box is not None]
    if not boxed:
        return None
    page = ocr.pages[boxed[0].page]
    if page.image is None:
        return None
    line = ocr.lines[boxed[0].line]
    box = type(boxed[0].box).union([w.box for w in boxed if w.page == boxed[0].page])
    return {"page": boxed[0].page, "word": list(box),
            "line": list(line.box) if line.box is not None else list(box),
            "width": page.width, "height": page.height, "unit": page.unit}

