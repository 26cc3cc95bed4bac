"""The review page's view of a project: every change is reload → check → modify → save.

The page never holds the truth; the corrections file does. Each entry the page shows carries a
*revision* (a short hash of the entry's fields). A change names the entries it touches with the
revisions the page saw, and :meth:`ReviewStore.change`

1. re-reads the source and the corrections file (a cached parse is reused only when the file's
   bytes are unchanged),
2. refuses with :class:`Conflict` if any touched entry is no longer what the page showed
   (another tab, a command or a git pull decided it meanwhile): nothing is written,
3. applies the change and saves atomically with :func:`edition.corrections.save_corrections`,
   which refuses if the file changed between the read and the write; the cycle is then retried
   from step 1, so a concurrent writer's update is never lost.

Entries the change does not touch may have changed on disk: they are kept as they are on disk,
and the change reports ``external=True`` so the page reloads and tells the editor.
"""
from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..apply import applicable
from ..corrections import ConflictError, default_corrections_path, file_digest, load_corrections
from ..errors import EditionError
from ..detection.evidence.project import project_lexicon_path
from ..model import Correction, Kind, Status, spans_overlap
from ..source import read_source
from ..workflow import Project

#: How often a change is retried when the file changes between its read and its write. A retry
#: only happens when another writer saved within that ~0.1 s window; three in a row would mean a
#: runaway writer, and the editor is better told than kept waiting.
SAVE_ATTEMPTS = 3

#: The fields of an entry the page sees (``line`` is where it sits in the file, not its value).
FIELDS = ("id", "status", "kind", "start", "end", "original", "reading", "readings", "confidence",
          "why", "context", "by", "on", "note", "detector", "stale")


def revision(c: Correction) -> str:
    """A short fingerprint of every field of ``c``: it changes whenever the entry does.

    >>> c = Correction("gl-1", 3, 11, "V1adimir", Kind.GLYPH, readings=("Vladimir",))
    >>> revision(c) == revision(c.replace(line=7)), revision(c) == revision(c.replace(note="x"))
    (True, False)
    """
    values = [getattr(c, f).value if isinstance(getattr(c, f), (Kind, Status)) else getattr(c, f)
              for f in FIELDS]
    values[FIELDS.index("readings")] = list(c.readings)
    raw = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def correction_json(c: Correction) -> dict[str, Any]:
    """An entry as the page receives it: its fields plus its revision."""
    out: dict[str, Any] = {f: getattr(c, f) for f in FIELDS}
    out["kind"] = c.kind.value
    out["status"] = c.status.value
    out["readings"] = list(c.readings)
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


class ReviewStore:
    """A source and its corrections file, re-read whenever they change on disk."""

    def __init__(self, source_path: str | Path, corrections_path: str | Path | None = None,
                 encoding: str = "utf-8"):
        self.source_path = Path(source_path)
        self.corrections_path = Path(corrections_path) if corrections_path else \
            default_corrections_path(source_path)
        self.encoding = encoding
        # One writer at a time inside this server; other processes are kept out by the file
        # lock and digest check of save_corrections.
        self._lock = threading.Lock()
        self._project: Project | None = None

    @property
    def lexicon_path(self) -> Path:
        return project_lexicon_path(self.corrections_path)

    # ----------------------------------------------------------------- reading

    def _fresh(self) -> Project:
        """The project as it is on disk now (call with the lock held)."""
        source = read_source(self.source_path, self.encoding)
        try:
            data: bytes | None = self.corrections_path.read_bytes()
        except FileNotFoundError:
            data = None
        digest = None if data is None else file_digest(data)
        p = self._project
        if p is None or p.source.sha256 != source.sha256 or p.corrections.disk_digest != digest:
            p = Project(source, load_corrections(self.corrections_path, source, missing_ok=True))
            self._project = p
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

    def version(self) -> dict[str, str]:
        """What the page compares to notice a change on disk."""
        p = self.project()
        return {"version": p.corrections.disk_digest or "", "source_sha": p.source.sha256}

    def state(self, project: Project | None = None) -> dict[str, Any]:
        """Everything the page shows: the source text and every entry."""
        p = project or self.project()
        cf = p.corrections
        warnings = []
        if cf.disk_digest is None and not len(cf):
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
            "version": cf.disk_digest or "",
            "source": {"name": p.source.name, "path": _display_path(p.source.path),
                       "sha256": p.source.sha256, "text": p.source.text},
            "corrections_path": _display_path(cf.path),
            "lexicon_path": _display_path(self.lexicon_path),
            "corrections": [correction_json(c) for c in cf],
            "kinds": [k.value for k in Kind],
            "statuses": [s.value for s in Status],
            "warnings": warnings,
        }

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
                external = client_version is not None and \
                    client_version != (project.corrections.disk_digest or "")
                by_id = {c.id: c for c in project.corrections}
                stale_ids = [cid for cid, rev in expected.items()
                             if cid not in by_id or revision(by_id[cid]) != rev]
                if stale_ids:
                    raise Conflict(_conflict_message(stale_ids, by_id), project, stale_ids)
                try:
                    changed, removed = mutate(project)
                    _check_no_new_overlap(project.corrections, {c.id for c in changed})
                    project.save()
                except ConflictError:
                    self._project = None  # someone wrote between our read and our write: redo
                    if attempt == SAVE_ATTEMPTS - 1:
                        raise
                    continue
                except BaseException:
                    self._project = None  # the cached entries may be half-changed
                    raise
                return ChangeResult(project, changed, removed, external)
        raise AssertionError("unreachable")


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
    chosen = applicable(corrections)
    for a, b in zip(chosen, chosen[1:]):
        if (a.id in changed_ids or b.id in changed_ids) and spans_overlap(a.start, a.end, b.start, b.end):
            raise EditionError(f"{a.id} (“{a.original}”) and {b.id} (“{b.original}”) would overlap; "
                               "reject or reopen one of them first")
