"""Running a command over a corpus: plan, map over documents, reduce, sum up.

:class:`CorpusRun` drives one command (``detect``, ``status``, and whatever per-document step is
registered in :data:`STEPS`) over the documents of a corpus with any
:class:`~edition.corpus.executors.Executor`::

    run = CorpusRun("detect", discover(["scans/"]), executor=ProcessExecutor(2))
    for _ in run.steps():      # one item per document and pass: drive a progress bar with it
        pass
    run.report                 # what happened to every document, and the totals

``detect`` makes two passes. The first surveys every document (reads it, counts its vocabulary
unless this version was counted before) and the counts are reduced into the corpus lexicon
(``lexicon`` runs this pass alone); the second detects with document, corpus and general
evidence. A document whose source, corrections file, detection code and project lexicon are
those of its last successful detection is not detected again (``force`` to redo it); the state
that decides this is a journal appended after every document, so an interrupted run resumes
where it stopped. Every other command is one pass.

Results never depend on the executor or on the order in which documents finish: each document is
processed by the same function with the same evidence, and the report is sorted by path.
"""
from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterator

from ..corpus_review.learning import learn
from ..project_files import CORPUS_STORE_NAME
from ..store.atomic import write_atomic
from ..detection.evidence.project import LEXICON_NAME
from .executors import Executor, SerialExecutor, WorkerLost
from .lexicon import (EvidenceRef, Lexicon, LexiconDelta, LexiconStore, apply_delta, sum_counts)
from .tasks import (Built, Detected, Failed, Job, Surveyed, build_document, detect_document,
                    status_document, survey as survey_document, verify_document)

#: Folder (inside the corrections folder) of the corpus cache and run state.
STORE_NAME = CORPUS_STORE_NAME


@dataclass
class DocumentReport:
    """What a corpus run did with one document."""

    source: str  # as shown to the editor (relative to the project folder when inside it)
    state: str  # "done", "unchanged" (skipped: nothing changed since its last run), "failed"
    words: int = 0
    added: int = 0
    pending: int = 0
    reason: str = ""
    relocated: int = 0  # corrections relocated because the source changed
    stale: int = 0  # corrections not found in the changed source
    # The step's own record when the command reports more than counts (status: its table). Kept
    # small on purpose: the driver holds one report per document, whatever the corpus size.
    result: Any = None


@dataclass
class LexiconReport:
    documents: int
    words: int
    forms: int
    counted: int  # documents whose vocabulary was counted in this run (the others were cached)
    updated: bool  # False when the lexicon was already that of this corpus


@dataclass
class CorpusReport:
    command: str
    executor: str
    documents: list[DocumentReport] = field(default_factory=list)
    lexicon: LexiconReport | None = None
    peak_kib: dict[int, int] = field(default_factory=dict)  # worker pid -> peak resident KiB
    entries: list[dict[str, Any]] = field(default_factory=list)  # new proposals (--json)
    seconds: float = 0.0

    @property
    def failed(self) -> list[DocumentReport]:
        return [d for d in self.documents if d.state == "failed"]

    def count(self, state: str) -> int:
        return sum(1 for d in self.documents if d.state == state)


#: Single-pass commands: name -> step function of a Job (see :mod:`edition.corpus.tasks`); the
#: run's ``options`` are passed to it as keywords.
STEPS: dict[str, Callable[..., Any]] = {"status": status_document, "build": build_document,
                                        "verify": verify_document}


def project_key(path: Path, root: Path) -> str:
    """A document's name in the corpus state: its path relative to the project folder."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def detection_fingerprint(project_lexicon: Path) -> str:
    """A digest of what detection depends on besides the document: the detection code and data,
    and the project lexicon. A change in any of them makes every document due again."""
    package = Path(__file__).resolve().parents[1]
    files = [package / "corpus" / "lexicon.py"]
    files += sorted(p for p in (package / "detection").rglob("*") if p.is_file()
                    and "__pycache__" not in p.parts)
    h = hashlib.sha256()
    for f in files:
        if f.exists():
            h.update(f.relative_to(package).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    h.update(project_lexicon.read_bytes() if project_lexicon.exists() else b"")
    return h.hexdigest()


class Journal:
    """What the last successful run of a step recorded per document: one JSON line per document,
    appended as it finishes (an interrupted run loses nothing done; a torn last line is ignored),
    compacted to one line per document at the end of a run."""

    def __init__(self, path: Path):
        self.path = path
        self.entries: dict[str, dict[str, Any]] = {}
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            lines = []
        for line in lines:
            try:
                entry = json.loads(line)
                self.entries[entry["key"]] = entry
            except (ValueError, KeyError, TypeError):
                continue  # a line torn by a kill mid-append
        self._fh = None

    def get(self, key: str) -> dict[str, Any] | None:
        return self.entries.get(key)

    def record(self, key: str, entry: dict[str, Any]) -> None:
        entry = {**entry, "key": key}
        self.entries[key] = entry
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "a", encoding="utf-8")
        self._fh.write(json.dumps(entry, sort_keys=True, ensure_ascii=False) + "\n")
        self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
            write_atomic(self.path, "".join(json.dumps(self.entries[k], sort_keys=True,
                                                       ensure_ascii=False) + "\n"
                                            for k in sorted(self.entries)))


#: Parts of the package an edition build does not depend on (detection, review, the CLI): a
#: change there does not make every edition due again. Anything else, new modules included,
#: counts: an unneeded rebuild costs time, a missed one would publish a stale edition.
NOT_BUILD_CODE = frozenset({"detection", "evaluation", "server", "cli", "corpus", "review.py"})


def build_fingerprint() -> str:
    """A digest of the code and data an edition build depends on besides its inputs."""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for f in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                    and p.relative_to(package).parts[0] not in NOT_BUILD_CODE):
        h.update(f.relative_to(package).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


class CorpusRun:
    """One command over a corpus; see the module docstring.

    ``sources`` are the document files (see :func:`~edition.corpus.discover.discover`); each keeps
    its own corrections file, ``<corrections_dir>/<stem>.yaml`` as for a single document (two
    sources with the same stem would share one: both are reported as failed).
    """

    def __init__(self, command: str, sources: list[Path], *, executor: Executor | None = None,
                 encoding: str | None = None, corrections_dir: str | Path = "corrections",
                 rebase: bool = False, force: bool = False, entries: bool = False,
                 root: str | Path | None = None,
                 options: dict[str, Any] | None = None):
        if command not in ("detect", "lexicon") and command not in STEPS:
            raise ValueError(f"no corpus step for {command!r}")
        self.command = command
        self.executor = executor or SerialExecutor()
        self.force = force
        self.entries = entries
        self.options = dict(options or {})
        self.root = Path(root or os.getcwd()).resolve()
        self.corrections_dir = (self.root / corrections_dir).resolve()
        self.store = LexiconStore(self.corrections_dir / STORE_NAME)
        self.report = CorpusReport(command, self.executor.description)
        self._docs: dict[str, DocumentReport] = {}
        self._labels: dict[str, str] = {}
        self.jobs: list[Job] = []
        #: What the run is doing now, for a progress bar (``detect`` reads every document twice:
        #: its words are counted, then it is detected against the corpus of all of them).
        self.stage = ""
        by_corrections: dict[str, list[tuple[Job, str]]] = {}
        seen: set[Path] = set()
        for src in sources:
            absolute = (self.root / src).resolve()
            if absolute in seen:  # one file named twice (a link, a path through "..")
                continue
            seen.add(absolute)
            label = project_key(absolute, self.root)
            job = Job(str(absolute), str(self.corrections_dir / f"{absolute.stem}.yaml"), encoding,
                      rebase)
            by_corrections.setdefault(job.corrections, []).append((job, label))
        for corrections, group in sorted(by_corrections.items()):
            for job, label in group:
                self._labels[job.source] = label
                if len(group) > 1:
                    others = ", ".join(lb for j, lb in group if j is not job)
                    self._fail(job.source, f"{label}: shares its corrections file "
                               f"{project_key(Path(corrections), self.root)} with {others} "
                               "(same file name); rename one or edit them as separate projects")
                else:
                    self.jobs.append(job)
        self.jobs.sort(key=lambda j: self._labels[j.source])

    # ----------------------------------------------------------------- bookkeeping

    @property
    def total_steps(self) -> int:
        """Items :meth:`steps` yields: one per document and pass."""
        return (len(self.jobs) + len(self._docs)) * self._passes

    @property
    def _passes(self) -> int:
        return 2 if self.command == "detect" else 1

    def _fail(self, source: str, reason: str) -> None:
        label = self._labels.get(source, source)
        # Paths in messages as the editor knows them: relative to the project folder.
        reason = reason.replace(source, label).replace(f"{self.root}{os.sep}", "")
        self._docs[source] = DocumentReport(label, "failed", reason=reason)

    @staticmethod
    def _largest_first(jobs: list[Job]) -> list[Job]:
        """The order to hand documents out: largest first. A document is the unit of work, so a
        large one started last would keep one worker busy while the others idle (with the ICDAR
        set, one 115,000-word book among 300-word chunks held a 2-worker run to 1.2x of one
        worker). Outcomes do not depend on the order; the report is sorted by path."""
        def size(job: Job) -> int:
            try:
                return os.stat(job.source).st_size
            except OSError:
                return 0  # reported when its step reads it
        return sorted(jobs, key=lambda j: (-size(j), j.source))

    def _peak(self, worker: int, kib: int) -> None:
        peak = self.report.peak_kib
        peak[worker] = max(peak.get(worker, 0), kib)

    def _outcome(self, job: Job, outcome: Any) -> Any:
        """The step's record, or None after recording a failure."""
        if isinstance(outcome, Failed):
            self._fail(job.source, outcome.reason)
            return None
        if isinstance(outcome, WorkerLost):
            self._fail(job.source, f"{job.source}: {outcome}")
            return None
        if isinstance(outcome, BaseException):
            self._fail(job.source, f"{job.source}: {type(outcome).__name__}: {outcome}")
            return None
        return outcome

    def _finish(self, started: float) -> None:
        self.report.documents = sorted(self._docs.values(), key=lambda d: d.source)
        self.report.entries.sort(key=lambda e: (e["source"], e["start"], e["end"]))
        self.report.seconds = time.perf_counter() - started

    # ----------------------------------------------------------------- the passes

    def steps(self) -> Iterator[str]:
        """Run the command; yield each document's label every time one finishes a pass."""
        started = time.perf_counter()
        for doc in list(self._docs.values()):
            for _ in range(self._passes):
                yield doc.source
        try:
            if self.command in ("detect", "lexicon"):
                yield from self._detect()
            else:
                yield from self._single_pass(STEPS[self.command])
        finally:
            self._finish(started)

    def _single_pass(self, step: Callable[..., Any]) -> Iterator[str]:
        journal = None
        options = dict(self.options)
        jobs = self.jobs
        if self.command == "build":
            # Builds are incremental: each job carries its last record; the step compares.
            journal = Journal(self.store.root / "built.jsonl")
            options.update(settings=build_fingerprint(), force=self.force)
            jobs = [replace(j, last=journal.get(self._labels[j.source])) for j in jobs]
        try:
            for job, outcome in self.executor.imap_unordered(functools.partial(step, **options),
                                                             self._largest_first(jobs)):
                result = self._outcome(job, outcome)
                label = self._labels[job.source]
                if isinstance(result, Built):
                    if journal is not None and not result.unchanged:
                        journal.record(label, result.record)
                    self._docs[job.source] = DocumentReport(
                        label, "unchanged" if result.unchanged else "done", added=result.changes,
                        pending=result.pending)
                elif result is not None:
                    self._docs[job.source] = DocumentReport(label, "done", result=result)
                yield label
        finally:
            if journal is not None:
                journal.close()

    def _detect(self) -> Iterator[str]:
        # Pass 1 (map): read every document, count the vocabulary of new versions.
        self.stage = "counting words" + (" (pass 1 of 2)" if self._passes == 2 else "")
        surveyed: dict[str, Surveyed] = {}
        survey = functools.partial(survey_document, store_root=str(self.store.root))
        for job, outcome in self.executor.imap_unordered(survey, self._largest_first(self.jobs)):
            result = self._outcome(job, outcome)
            if result is not None:
                surveyed[job.source] = result
                self._peak(result.worker, result.peak_kib)
                if self.command == "lexicon":
                    self._docs[job.source] = DocumentReport(self._labels[job.source], "done",
                                                            result.words)
            elif self._passes == 2:
                yield self._labels[job.source]  # a failed document has no detection pass
            yield self._labels[job.source]
        readable = [j for j in self.jobs if j.source in surveyed]

        # Reduce: the corpus lexicon of the readable documents, updated from the last one.
        evidence = self._reduce({self._labels[j.source]: surveyed[j.source].sha256 for j in readable},
                                sum(1 for s in surveyed.values() if s.counted))
        if self.command == "lexicon":
            return

        # The project's decisions, counted from its corrections files, which pass 2 weighs its
        # proposals by (edition.corpus_review.learning; not part of the fingerprint: a
        # re-detection only adds proposals, so documents detected before gain nothing from it).
        learn(self.corrections_dir)

        # Pass 2 (map): detect in every document that changed since its last detection.
        self.stage = "detecting (pass 2 of 2)"
        journal = Journal(self.store.root / "detected.jsonl")
        settings = detection_fingerprint(self.corrections_dir / LEXICON_NAME)
        due = []
        for job in readable:
            s = surveyed[job.source]
            label = self._labels[job.source]
            last = journal.get(label)
            if not self.force and last is not None and s.corrections_digest is not None and \
                    (last["sha256"], last["corrections"], last["settings"]) == \
                    (s.sha256, s.corrections_digest, settings):
                self._docs[job.source] = DocumentReport(label, "unchanged", words=s.words)
                yield label
            else:
                due.append(job)
        step = functools.partial(detect_document, evidence=evidence, entries=self.entries)
        try:
            for job, outcome in self.executor.imap_unordered(step, self._largest_first(due)):
                result: Detected | None = self._outcome(job, outcome)
                label = self._labels[job.source]
                if result is not None:
                    journal.record(label, {"sha256": result.sha256, "settings": settings,
                                           "corrections": result.corrections_digest})
                    self._docs[job.source] = DocumentReport(
                        label, "done", result.words, result.added, result.pending,
                        relocated=result.relocated, stale=len(result.newly_stale))
                    self.report.entries.extend({**e, "source": label} for e in result.entries)
                    self._peak(result.worker, result.peak_kib)
                yield label
        finally:
            journal.close()

    def _reduce(self, current: dict[str, str], counted: int) -> EvidenceRef:
        previous = self.store.load_lexicon() or Lexicon({}, Counter())
        delta = LexiconDelta(previous.documents, current)
        lexicon = previous
        if delta or not self.store.evidence_path.exists():
            try:
                lexicon = apply_delta(previous, current, self._sum(delta.removed),
                                      self._sum(delta.added))
            except (FileNotFoundError, ValueError):
                # The cache lost a version the old lexicon counted: rebuild from this corpus alone
                # (every version of it was just surveyed, so its counts are there).
                lexicon = apply_delta(Lexicon({}, Counter()), current, Counter(),
                                      self._sum(sorted(current.values())))
            evidence = self.store.save(lexicon)
        else:
            evidence = self.store.save_evidence(lexicon)
        self.report.lexicon = LexiconReport(len(current), lexicon.words, len(lexicon.counts),
                                            counted, bool(delta))
        return evidence

    def _sum(self, sha256s: list[str]) -> Counter[str]:
        """Sum cached counts with the executor: one task per group of documents."""
        if not sha256s:
            return Counter()
        # A version listed twice (two copies of a document) is summed twice, as it should be.
        groups = max(1, min(len(sha256s), 2 * self.executor.workers))
        size = math.ceil(len(sha256s) / groups)
        chunks = [tuple(sha256s[i:i + size]) for i in range(0, len(sha256s), size)]
        total: Counter[str] = Counter()
        task = functools.partial(sum_counts, str(self.store.root))
        for _, outcome in self.executor.imap_unordered(task, chunks):
            if isinstance(outcome, BaseException):
                raise FileNotFoundError(str(outcome))
            total.update(outcome)
        return total

