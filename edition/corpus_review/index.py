"""Every entry of a corpus, in compact columns, re-read only where a file changed.

Grouping 700,000 proposals by pattern needs, of each entry, its form, its suggested reading, its
status and confidence, and (to decide it later without overwriting a change) its revision; not
its context or evidence. :class:`Summary` holds those of one corrections file column by column
(about 100 bytes an entry), and :class:`CorpusIndex` those of every document.

A document is read as every command reads it (:func:`edition.workflow.open_project`: the source,
its corrections file through the store's parse cache, entries relocated when the source
changed), so its entries' revisions are those a decision will compare with. Its summary is kept
in the cache folder (``corpus-review/``, one small file per corrections file) with the size,
times and inode of the source and of the corrections file; a document whose files still have
them is not read again, so a corpus already seen opens in a second or two. (As for the review
page, a write within one tick of the file system's clock that kept the size and the inode would
go unseen here; a decision compares each entry's revision with the file itself, so it can only
be refused, never lost.)

- :func:`summarize` — the summary of a list of corrections;
- :func:`signature` — what tells, without reading them, that a document's files changed;
- :class:`CorpusIndex` — the summaries of a corpus: :meth:`~CorpusIndex.refresh` re-reads the
  documents that changed, :meth:`~CorpusIndex.put` takes a document this process just saved.
"""
from __future__ import annotations

import functools
import hashlib
import marshal
import os
import threading
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from ..cache import cache_dir, keep_file
from ..detection.evidence.decisions import unweighed
from ..errors import EditionError
from ..model import Correction, Kind, Status
from ..review import revision_of_fields
from ..store.cache import code_fingerprint as store_fingerprint
from .documents import Document

#: Status of an entry as one byte: its :class:`~edition.model.Status` by this order, with
#: :data:`STALE` added for an entry the changed source no longer holds.
STATUSES = tuple(Status)
STALE = 0x80
KINDS = tuple(Kind)
_STATUS_CODE = {s: i for i, s in enumerate(STATUSES)}
_KIND_CODE = {k: i for i, k in enumerate(KINDS)}


@dataclass(frozen=True)
class Summary:
    """The entries of one corrections file, column by column, in file order.

    ``proposed`` is the detector's best reading (an entry's *pattern* is its original and
    that), ``readings`` the decided reading of accepted and edited entries; ``states`` one byte
    per entry (status code, plus :data:`STALE`), ``kinds`` one byte, ``revisions`` 8 bytes
    (:func:`edition.review.revision`, raw); ``confidences`` as the entries hold them and
    ``priors`` the detector's own, before detection weighed in the project's decisions
    (:func:`~edition.detection.evidence.decisions.unweighed`), so that the queue, which weighs
    them by the decisions of now, does not count those twice.
    """

    ids: tuple[str, ...]
    originals: tuple[str, ...]
    proposed: tuple[str | None, ...]
    readings: tuple[str | None, ...]
    states: bytes
    kinds: bytes
    confidences: array
    priors: array
    revisions: bytes

    def __len__(self) -> int:
        return len(self.ids)

    def status(self, i: int) -> Status:
        return STATUSES[self.states[i] & ~STALE]

    def stale(self, i: int) -> bool:
        return bool(self.states[i] & STALE)

    def kind(self, i: int) -> Kind:
        return KINDS[self.kinds[i]]

    def revision(self, i: int) -> str:
        return self.revisions[8 * i:8 * i + 8].hex()

    def to_plain(self) -> tuple:
        return (self.ids, self.originals, self.proposed, self.readings, self.states, self.kinds,
                self.confidences.tobytes(), self.priors.tobytes(), self.revisions)

    @classmethod
    def from_plain(cls, t: tuple) -> "Summary":
        conf, priors = array("d"), array("d")
        conf.frombytes(t[6])
        priors.frombytes(t[7])
        return cls(t[0], t[1], t[2], t[3], t[4], t[5], conf, priors, t[8])


EMPTY = Summary((), (), (), (), b"", b"", array("d"), array("d"), b"")


def summarize(corrections: Iterable[Correction]) -> Summary:
    """The summary of ``corrections`` (in their order). Repeated forms and readings share one
    string, which a corpus of replicated misreadings has many of."""
    same: dict[str, str] = {}
    ids, originals, proposed, readings = [], [], [], []
    states, kinds, revisions = bytearray(), bytearray(), bytearray()
    confidences, priors = array("d"), array("d")
    for c in corrections:
        ids.append(c.id)
        originals.append(same.setdefault(c.original, c.original))
        best = c.readings[0] if c.readings else None
        proposed.append(same.setdefault(best, best) if best is not None else None)
        readings.append(c.reading)
        states.append(_STATUS_CODE[c.status] | (STALE if c.stale else 0))
        kinds.append(_KIND_CODE[c.kind])
        confidences.append(c.confidence)
        priors.append(unweighed(c.confidence, c.why))
        revisions += bytes.fromhex(revision_of_fields(c.fields()))
    return Summary(tuple(ids), tuple(originals), tuple(proposed), tuple(readings),
                   bytes(states), bytes(kinds), confidences, priors, bytes(revisions))


# --------------------------------------------------------------------------- signatures

Signature = tuple


def _stat(path: Path) -> tuple[int, int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def signature(doc: Document) -> Signature:
    """The size, times and inode of the document's source (of every file of an OCR folder) and
    of its corrections file: when these did not change, neither did the document."""
    src = doc.source
    if src.is_dir():
        try:
            names = sorted(os.listdir(src))
        except OSError:
            names = []
        source = (_stat(src),) + tuple((n, _stat(src / n)) for n in names)
    else:
        source = _stat(src)
    return (source, _stat(doc.corrections))


# --------------------------------------------------------------------------- the cache

_MODULES = ("index.py",)


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """What the summaries depend on: this module, the records, the revisions, the parser."""
    h = hashlib.sha1(store_fingerprint().encode())
    here = Path(__file__).parent
    for path in [here / name for name in _MODULES] + [here.parent / "review.py",
                                                      here.parent / "model.py"]:
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _cache_path(doc: Document) -> Path:
    key = hashlib.sha1(str(doc.corrections.resolve()).encode("utf-8", "surrogatepass"))
    return cache_dir() / "corpus-review" / f"{key.hexdigest()[:20]}.marshal"


def _kept(doc: Document, sig: Signature) -> Summary | None:
    try:
        kept = marshal.loads(_cache_path(doc).read_bytes())
    except Exception:  # missing, cut short, another Python: absent
        return None
    if not isinstance(kept, tuple) or len(kept) != 4 or kept[0] != code_fingerprint() \
            or kept[1] != str(doc.source.resolve()) or kept[2] != sig:
        return None
    return Summary.from_plain(kept[3])


def _keep(doc: Document, sig: Signature, summary: Summary) -> None:
    try:
        data = marshal.dumps((code_fingerprint(), str(doc.source.resolve()), sig,
                              summary.to_plain()))
    except (OSError, ValueError):  # a path that cannot be resolved, a value marshal cannot hold
        return
    keep_file(_cache_path(doc), data)


def read_document(doc: Document) -> tuple[Summary, Signature]:
    """The summary of ``doc`` as it is on disk now (from the cache when its files did not
    change), and its signature. Raises EditionError when it cannot be read."""
    from ..workflow import open_project

    for _ in range(3):
        before = signature(doc)
        kept = _kept(doc, before)
        if kept is not None:
            return kept, before
        project = open_project(doc.source, doc.corrections, missing_ok=True)
        summary = summarize(project.corrections)
        if signature(doc) == before:  # not written to while it was read
            _keep(doc, before, summary)
            return summary, before
    return summary, signature(doc)


def keep_document(doc: Document, corrections: Iterable[Correction]) -> tuple[Summary, Signature]:
    """The summary of a document this process has just saved (its entries in memory), kept in
    the cache for the next command; returns it and the files' signature."""
    sig = signature(doc)
    summary = summarize(corrections)
    _keep(doc, sig, summary)
    return summary, sig


# --------------------------------------------------------------------------- the index


class CorpusIndex:
    """The summaries of a corpus's documents, kept up to date with the files.

    ``problems`` names the documents that cannot be read (a missing source, a malformed
    corrections file) and why; their summaries are empty. ``version`` counts the changes seen,
    so that a view knows when to recompute.
    """

    def __init__(self, documents: Sequence[Document]):
        if not documents:
            raise EditionError("no documents to review")
        self.documents = list(documents)
        self.summaries: list[Summary] = [EMPTY] * len(self.documents)
        self.problems: dict[int, str] = {}
        self.version = 0
        self._signatures: list[Signature | None] = [None] * len(self.documents)
        self._by_name = {d.name: i for i, d in enumerate(self.documents)}
        self.lock = threading.RLock()

    def __len__(self) -> int:
        return len(self.documents)

    def position(self, name: str) -> int | None:
        """The index of the document named ``name``."""
        return self._by_name.get(name)

    def refresh(self, progress: Callable[[int], None] | None = None,
                map: Callable[..., Iterator] | None = None) -> list[int]:
        """Re-read the documents whose files changed since they were last read; returns their
        indexes. ``progress`` is called with the number of documents checked so far;
        ``map`` (like ``Executor.imap_unordered``: ``(fn, items)`` → ``(item, outcome)``) reads
        the changed documents elsewhere, e.g. in worker processes."""
        with self.lock:
            due = []
            for i, doc in enumerate(self.documents):
                if self._signatures[i] is None or signature(doc) != self._signatures[i]:
                    due.append(i)
            if progress is not None:
                progress(len(self.documents) - len(due))
            done = 0
            outcomes = map(_read_or_fail, [self.documents[i] for i in due]) if map is not None \
                else ((self.documents[i], _read_or_fail(self.documents[i])) for i in due)
            position = {self.documents[i]: i for i in due}
            for doc, outcome in outcomes:
                i = position[doc]
                if isinstance(outcome, BaseException):
                    outcome = f"{type(outcome).__name__}: {outcome}"
                if isinstance(outcome, str):
                    self.summaries[i] = EMPTY
                    self.problems[i] = outcome
                    self._signatures[i] = signature(doc)
                else:
                    self.summaries[i], self._signatures[i] = outcome
                    self.problems.pop(i, None)
                done += 1
                if progress is not None:
                    progress(len(self.documents) - len(due) + done)
            if due:
                self.version += 1
            return due

    def reread(self, i: int) -> None:
        """Read document ``i`` again now, whatever its signature says (after a save elsewhere
        in this process)."""
        with self.lock:
            outcome = _read_or_fail(self.documents[i])
            if isinstance(outcome, str):
                self.summaries[i] = EMPTY
                self.problems[i] = outcome
                self._signatures[i] = signature(self.documents[i])
            else:
                self.summaries[i], self._signatures[i] = outcome
                self.problems.pop(i, None)
            self.version += 1

    def put(self, i: int, corrections: Iterable[Correction]) -> None:
        """Take document ``i`` as this process just saved it (its entries in memory)."""
        with self.lock:
            self.summaries[i], self._signatures[i] = keep_document(self.documents[i], corrections)
            self.problems.pop(i, None)
            self.version += 1

    def entries(self) -> int:
        return sum(len(s) for s in self.summaries)


def _read_or_fail(doc: Document) -> tuple[Summary, Signature] | str:
    """:func:`read_document`, or the reason it cannot be read (a picklable outcome)."""
    try:
        return read_document(doc)
    except EditionError as exc:
        return str(exc)
