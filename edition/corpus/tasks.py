"""The per-document steps of a corpus run: what a worker does with one document.

Each step is a plain function of a :class:`Job` (and its settings) that returns a small,
picklable record, so any executor can run it — in this process, in a local worker process, on a
Dask worker. Steps catch their document's faults and return them as :class:`Failed` (with the
reason in one line): a bad document is an outcome, never the end of the corpus. Workers read the
source and write the corrections file themselves (atomically), so only paths and summaries travel.

- :func:`survey` — read the source, count its words into the corpus cache unless that version was
  counted before (the map step of the corpus lexicon), note the corrections file's digest.
- :func:`detect_document` — detection with document, corpus and general evidence; merge the new
  proposals into the corrections file and save it.
- :func:`status_document` — the counts per kind and status of the corrections file.
- :func:`build_document` — build the edition (:func:`edition.publish.build.build_edition`), unless the
  source, the corrections file, the code and the outputs are those of its last build.
- :func:`verify_document` — verify the built edition (:func:`edition.publish.verify.verify_edition`).
"""
from __future__ import annotations

import hashlib
import os
import resource
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EditionError
from ..detection.document import WORD_RE
from ..model import Status
from .lexicon import EvidenceRef, LexiconStore, count_words, shared_corpus


@dataclass(frozen=True)
class Job:
    """One document of the corpus: absolute paths, so any worker on a shared file system agrees."""

    source: str
    corrections: str
    encoding: str | None = None
    #: Take a corrections file whose source was replaced by a new version (``--rebase``).
    rebase: bool = False
    #: What the last successful run of this step recorded for the document (a journal entry), so
    #: the step can tell whether its inputs and outputs are still those; None when never run.
    last: dict[str, Any] | None = field(default=None, compare=False, hash=False)


@dataclass(frozen=True)
class Failed:
    """A document that could not be processed, and why (one line)."""

    source: str
    reason: str


@dataclass(frozen=True)
class Surveyed:
    source: str
    sha256: str
    words: int
    counted: bool  # False when this version's counts were already in the cache
    corrections_digest: str | None  # SHA-256 of the corrections file's bytes; None if none yet
    worker: int = 0
    peak_kib: int = 0


@dataclass(frozen=True)
class Detected:
    source: str
    sha256: str
    corrections_digest: str
    words: int
    added: int
    already_present: int
    overlapping: int
    pending: int
    relocated: int
    newly_stale: tuple[str, ...]
    entries: tuple[dict[str, Any], ...] = ()  # the new proposals, when asked for (--json)
    worker: int = 0
    peak_kib: int = 0


@dataclass(frozen=True)
class StatusOf:
    source: str
    corrections: str
    table: dict[str, dict[str, int]] = field(default_factory=dict)
    relocated: int = 0
    newly_stale: tuple[str, ...] = ()


def file_digest(path: str | Path) -> str | None:
    """SHA-256 of a file's bytes, or None when it does not exist."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def _peak_kib() -> int:
    # ru_maxrss is the peak resident set of this process, in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _failure(job: Job, exc: BaseException) -> Failed:
    if isinstance(exc, EditionError):
        return Failed(job.source, str(exc))
    # An unexpected error (a detector's bug, an OS error) stops this document only; its type and
    # message are kept so it can be reproduced with `edition detect` on the one file.
    return Failed(job.source, f"{job.source}: {type(exc).__name__}: {exc}")


def survey(job: Job, store_root: str) -> Surveyed | Failed:
    """Read the source; count its words into the cache unless this version is there already."""
    from ..source import read_source
    from ..store import source_encoding

    try:
        source = read_source(job.source, source_encoding(job.corrections, job.encoding))
        store = LexiconStore(store_root)
        counts = store.get_counts(source.sha256)
        counted = counts is None
        if counts is None:
            counts = count_words(source.text)
            store.put_counts(source.sha256, counts)
        return Surveyed(job.source, source.sha256, sum(counts.values()), counted,
                        file_digest(job.corrections), os.getpid(), _peak_kib())
    except Exception as exc:
        return _failure(job, exc)


def detect_document(job: Job, evidence: EvidenceRef | None = None, entries: bool = False
                    ) -> Detected | Failed:
    """Detect artifacts in one document and merge the new proposals into its corrections file.

    That is :func:`edition.workflow.detect_into` (what `edition detect SOURCE` does) with corpus
    evidence: the counts of the rest of the corpus (see
    :func:`~edition.corpus.lexicon.rest_of_corpus`) go to the detectors beside the document's own
    vocabulary and the project lexicon, as the corpus's counts shared by every document this
    worker detects (:func:`~edition.corpus.lexicon.shared_corpus`: what the detectors derive from
    them is derived once per worker, not once per document).
    """
    from .. import workflow

    try:
        project = workflow.open_project(job.source, job.corrections, encoding=job.encoding,
                                        missing_ok=True, rebase=job.rebase)
        # the document's running words (sum(count_words(text).values()), without a Counter of
        # case-folded forms made only to be summed)
        words = len(WORD_RE.findall(project.source.text))
        corpus = shared_corpus(evidence.path, evidence.digest) if evidence is not None else None
        report = workflow.detect_into(project, corpus=corpus)
        cf = project.corrections
        new = ()
        if entries:
            added = set(report.added)
            new = tuple(_entry(job.source, c) for c in cf if c.id in added)
        pending = sum(1 for c in cf if c.status is Status.PROPOSED and not c.stale)
        return Detected(job.source, project.source.sha256, cf.disk_digest or "",  # as just saved
                        words, len(report.added), report.already_present,
                        report.overlapping, pending, len(cf.relocated), tuple(cf.newly_stale), new,
                        os.getpid(), _peak_kib())
    except Exception as exc:
        return _failure(job, exc)


def _entry(source: str, c) -> dict[str, Any]:
    return {"source": source, "id": c.id, "start": c.start, "end": c.end, "original": c.original,
            "reading": c.best_reading, "readings": list(c.readings), "kind": c.kind.value,
            "confidence": c.confidence, "why": c.why, "status": c.status.value}


def status_document(job: Job) -> StatusOf | Failed:
    """The corrections of one document per kind and status (read only)."""
    from .. import workflow

    try:
        project = workflow.open_project(job.source, job.corrections, encoding=job.encoding)
        table = {kind: dict(row) for kind, row in workflow.status_table(project.corrections).items()}
        cf = project.corrections
        return StatusOf(job.source, str(cf.path), table, len(cf.relocated), tuple(cf.newly_stale))
    except Exception as exc:
        return _failure(job, exc)


@dataclass(frozen=True)
class Built:
    source: str
    unchanged: bool  # True when the last build's outputs were current and kept
    record: dict[str, Any]  # the journal entry: digests of the inputs and the outputs
    changes: int = 0
    flagged: int = 0
    pending: int = 0


@dataclass(frozen=True)
class Verified:
    source: str


def _build_record(job: Job, out_dir: str, settings: str) -> dict[str, Any]:
    from ..publish.build import output_paths

    return {"source_digest": file_digest(job.source),
            "corrections": file_digest(job.corrections), "settings": settings,
            "outputs": {p.name: file_digest(p) for p in output_paths(job.source, out_dir).all()}}


def build_document(job: Job, out_dir: str, validation: str = "edition", settings: str = "",
                   force: bool = False) -> Built | Failed:
    """Build one document's edition into ``out_dir``; keep it when nothing it depends on changed.

    "Nothing changed" is checked on bytes: the source file, the corrections file, the build code
    (``settings``) and each of the five outputs are those recorded after the last build (an
    output edited or deleted since is rebuilt).
    """
    from ..publish.build import build_edition

    try:
        last = {k: v for k, v in (job.last or {}).items() if k != "key"}
        if not force and last and _build_record(job, out_dir, settings) == last:
            return Built(job.source, True, job.last)
        result = build_edition(job.source, out_dir, corrections_path=job.corrections,
                               encoding=job.encoding, validation=validation)  # type: ignore[arg-type]
        f = result.files
        return Built(job.source, False, _build_record(job, out_dir, settings), f.changes,
                     f.flagged, f.pending)
    except Exception as exc:
        return _failure(job, exc)


def verify_document(job: Job, out_dir: str, validation: str = "edition") -> Verified | Failed:
    """Verify one document's built edition; its first discrepancy is its failure."""
    from ..publish.verify import verify_edition

    try:
        found = verify_edition(job.source, out_dir, corrections_path=job.corrections,
                               encoding=job.encoding, validation=validation)
        if found is not None:
            return Failed(job.source, f"{job.source}: verify failed: {found}")
        return Verified(job.source)
    except Exception as exc:
        return _failure(job, exc)
