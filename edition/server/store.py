"""The review page's view of a project: every change is check disk → check entries → modify → save.

The page never holds the truth; the corrections file does. Each entry the page shows carries a
*revision* (a short hash of the entry's fields). A change names the entries it touches with the
revisions the page saw, and :meth:`ReviewStore.change`

1. makes sure the project in memory is the one on disk: the source and the corrections file are
   read again only when they changed (their size, times or inode changed),
2. refuses with :class:`Conflict` if any touched entry is no longer what the page showed
   (another tab, a command or a git pull decided it meanwhile): nothing is written,
3. applies the change and saves it with :func:`edition.store.save_corrections`, which writes
   only the changed entries' lines, atomically, and merges with a writer that changed other
   entries between the read and the write; should that writer have changed one of these very
   entries, the cycle is redone from step 1 (and ends in a Conflict).

Entries the change does not touch may have changed on disk: they are kept as they are on disk,
and the change reports ``external=True`` so the page reloads and tells the editor.

The page knows the file by a *version*: a token that changes whenever the file the server holds
changes (it names this server's run and counts the changes), cheaper than a hash of a book's
corrections file on every decision.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..errors import EditionError
from ..review import revision
from ..detection.evidence.project import project_lexicon_path
from ..model import CORRECTION_FIELDS, Correction, Kind, Status, spans_overlap
from ..source import decode_source, ocr_source
from ..store import (ConflictError, default_corrections_path, load_corrections, save_corrections,
                     source_encoding)
from ..store.file import keep_parse
from ..workflow import Project

#: How often a change is retried when the file changes between its read and its write. A retry
#: only happens when another writer saved within that ~0.1 s window; three in a row would mean a
#: runaway writer, and the editor is better told than kept waiting.
SAVE_ATTEMPTS = 3

#: The fields of an entry the page sees (``line`` is where it sits in the file, not its value).
FIELDS = tuple(f for f in CORRECTION_FIELDS if f != "line")


def correction_json(c: Correction) -> dict[str, Any]:
    """An entry as the page receives it: its fields plus its revision."""
    out: dict[str, Any] = dict(zip(FIELDS, c.fields()))
    out["readings"] = list(c.readings)
    out["history"] = list(c.history)
    out["rev"] = revision(c)
    return out


class Conflict(EditionError):
    """An entry the page wanted to change is no longer what the page showed."""

    def __init__(self, message: str, project: Project, ids: list[str]):
        super().__init__(message)
        self.project = project
        self.ids = ids


@dataclass(frozen=True)
class ChangeResult:
    project: Project
    changed: list[Correction]
    removed: list[str]
    external: bool  # the file had changed on disk since the page's last load


Mutation = Callable[[Project], tuple[list[Correction], list[str]]]


def _display_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _signature(path: Path) -> tuple | None:
    """What tells, without reading it, that a file changed: size, times, inode. For a folder
    (of OCR page files): its own and each file's, so that a page rewritten in place is seen."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    own = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    if not path.is_dir():
        return own
    return (own,) + tuple((p.name, _signature(p)) for p in sorted(path.iterdir()) if p.is_file())


class ReviewStore:
    """A source and its corrections file, held in memory and re-read when they change on disk."""

    def __init__(self, source_path: str | Path, corrections_path: str | Path | None = None,
                 encoding: str | None = None):
        self.source_path = Path(source_path)
        self.corrections_path = Path(corrections_path) if corrections_path else \
            default_corrections_path(source_path)
        self.encoding = encoding
        # An ALTO, hOCR or PAGE file or folder: its text is the one edition.formats derives.
        from ..formats.sniff import is_ocr_source  # noqa: PLC0415 (lxml only when needed)
        self._ocr = is_ocr_source(self.source_path)
        # One writer at a time inside this server; other processes are kept out by the file
        # lock of save_corrections, and merged with.
        self._lock = threading.Lock()
        self._project: Project | None = None
        self._source_bytes = b""
        self._seen: dict[Path, tuple[int, int, int, int] | None] = {}
        self._run = os.urandom(4).hex()
        self._changes = 0

    @property
    def lexicon_path(self) -> Path:
        return project_lexicon_path(self.corrections_path)

    # ----------------------------------------------------------------- reading

    def _unchanged(self, path: Path) -> bool:
        """True when ``path``'s size, times and inode are those it had when last seen. (A write
        within the same tick of the file system's clock that keeps the size and the inode would
        go unseen here; the save, which compares the file's bytes, still sees it and merges.)"""
        now = _signature(path)
        return now is not None and now == self._seen.get(path)

    def _saw(self, path: Path) -> None:
        self._seen[path] = _signature(path)

    def _fresh(self) -> Project:
        """The project as it is on disk now (call with the lock held)."""
        p = self._project
        if p is not None and self._unchanged(self.source_path) and \
                self._unchanged(self.corrections_path):
            return p
        if self._ocr and p is not None and self._unchanged(self.source_path):
            source = p.source  # a book's pages are parsed again only when one changed
        elif self._ocr:
            source = ocr_source(self.source_path)
            # the files' digests: the same files keep the same source (and its parse)
            source_bytes = "".join(f.sha256 for f in source.ocr.files).encode()
            if p is not None and source_bytes == self._source_bytes:
                source = p.source
            self._source_bytes = source_bytes
        else:
            source_bytes = _read(self.source_path)
            if p is None or source_bytes != self._source_bytes:
                encoding = source_encoding(self.corrections_path, self.encoding)
                source = decode_source(source_bytes, self.source_path, encoding)
                self._source_bytes = source_bytes
            else:
                source = p.source
        self._saw(self.source_path)
        try:
            data: bytes | None = self.corrections_path.read_bytes()
        except FileNotFoundError:
            data = None
        cf = None if p is None else p.corrections
        same_file = cf is not None and (cf._data == data if cf._on_disk else data is None)
        if p is None or source is not p.source or not same_file:
            p = Project(source, load_corrections(self.corrections_path, source, missing_ok=True))
            self._project = p
            self._changes += 1
        self._saw(self.corrections_path)
        return p

    def project(self, *, wait: bool = True) -> Project:
        """The project as it is on disk now.

        With ``wait=False`` (for the preview, which only shows text) a save in progress is not
        waited for: the copy in memory is returned, which is at most that one save behind.
        """
        if not self._lock.acquire(blocking=wait):
            if self._project is not None:
                return self._project
            self._lock.acquire()
        try:
            return self._fresh()
        finally:
            self._lock.release()

    def version_of(self, project: Project) -> str:
        """The version token of the corrections file the page sees (see the module)."""
        return f"{self._run}.{self._changes}" if project.corrections._on_disk else ""

    def version(self) -> dict[str, str]:
        """What the page compares to notice a change on disk."""
        p = self.project()
        return {"version": self.version_of(p), "source_sha": p.source.sha256}

    def state(self, project: Project | None = None) -> dict[str, Any]:
        """Everything the page shows: the source text and every entry."""
        p = project or self.project()
        cf = p.corrections
        warnings = []
        if not cf._on_disk and not len(cf):
            warnings.append(f"No corrections file yet ({_display_path(cf.path)}): run `edition detect "
                            f"{_display_path(p.source.path)}` for proposals; corrections you add by "
                            "selecting text are saved there.")
        if cf.relocated:
            warnings.append(f"The source changed since {_display_path(cf.path)} was written: "
                            f"{len(cf.relocated)} correction(s) were found again at new positions.")
        if cf.newly_stale:
            warnings.append(f"{len(cf.newly_stale)} correction(s) could not be found in the changed "
                            "source; they are marked stale and are never applied.")
        return {
            "version": self.version_of(p),
            "source": {"name": p.source.name, "path": _display_path(p.source.path),
                       "sha256": p.source.sha256, "text": p.source.text},
            "corrections_path": _display_path(cf.path),
            "lexicon_path": _display_path(self.lexicon_path),
            "corrections": [correction_json(c) for c in cf],
            "kinds": [k.value for k in Kind],
            "statuses": [s.value for s in Status],
            "warnings": warnings,
            # pages of an OCR source with a page image found (the page then shows crops)
            "page_images": sum(1 for page in p.source.ocr.pages if page.image)
            if p.source.ocr is not None else 0,
        }

    def keep(self) -> None:
        """Keep the parse of the corrections file for the next command (see
        :mod:`edition.store.cache`): the server saves without it, to answer faster."""
        with self._lock:
            if self._project is not None:
                keep_parse(self._project.corrections)

    # ----------------------------------------------------------------- changing

    def change(self, expected: dict[str, str], mutate: Mutation, client_version: str | None
               ) -> ChangeResult:
        """Apply ``mutate`` if every entry in ``expected`` (id → revision) is unchanged on disk.

        ``mutate`` puts its new entries into ``project.corrections`` and returns
        ``(changed, removed_ids)``. Raises :class:`Conflict` (nothing written) when an expected
        entry changed or vanished, EditionError when the change is refused (e.g. an overlap).
        """
        with self._lock:
            for attempt in range(SAVE_ATTEMPTS):
                project = self._fresh()
                external = client_version is not None and client_version != self.version_of(project)
                cf = project.corrections
                stale_ids = [cid for cid, rev in expected.items()
                             if cid not in cf or revision(cf.get(cid)) != rev]
                if stale_ids:
                    by_id = {cid: cf.get(cid) for cid in stale_ids if cid in cf}
                    raise Conflict(_conflict_message(stale_ids, by_id), project, stale_ids)
                try:
                    changed, removed = mutate(project)
                    _check_no_new_overlap(cf, {c.id for c in changed})
                    before = cf._data
                    merged = save_corrections(cf, keep=False)
                    external = external or merged
                    if cf._data is not before:
                        self._changes += 1
                    self._saw(self.corrections_path)
                except ConflictError:
                    self._project = None  # another writer changed these very entries: redo
                    if attempt == SAVE_ATTEMPTS - 1:
                        raise
                    continue
                except BaseException:
                    self._project = None  # the entries in memory may be half-changed
                    raise
                return ChangeResult(project, changed, removed, external)
        raise AssertionError("unreachable")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise EditionError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise EditionError(f"{path}: is a directory, not a text file") from None


def _conflict_message(ids: list[str], by_id: dict[str, Correction]) -> str:
    first = ids[0]
    if first not in by_id:
        what = f"{first} is no longer in the corrections file"
    else:
        c = by_id[first]
        who = f" by {c.by}" if c.by else ""
        reading = f" “{c.reading}”" if c.reading is not None else ""
        what = f"“{c.original}” ({first}) was changed meanwhile: now {c.status.value}{reading}{who}"
    more = f" (and {len(ids) - 1} more)" if len(ids) > 1 else ""
    return f"Not saved: {what}{more}. The page now shows the file as it is; decide again if needed."


def _check_no_new_overlap(corrections, changed_ids: set[str]) -> None:
    """Refuse a change that would make two applied corrections overlap (the build would stop).

    Only pairs involving a changed entry count: an overlap already in the file is reported by
    ``edition apply``, and must not block unrelated decisions here.
    """
    if not any(c.status.changes_text and not c.stale
               for c in map(corrections.get, (i for i in changed_ids if i in corrections))):
        return  # a rejection, a flag, a reopening: nothing new is applied
    chosen = sorted((c.start, c.end, c.id) for c in corrections
                    if c.status.changes_text and not c.stale)
    for (s1, e1, a), (s2, e2, b) in zip(chosen, chosen[1:]):
        if (a in changed_ids or b in changed_ids) and spans_overlap(s1, e1, s2, e2):
            first, second = corrections.get(a), corrections.get(b)
            raise EditionError(f"{a} (“{first.original}”) and {b} (“{second.original}”) would "
                               "overlap; reject or reopen one of them first")
