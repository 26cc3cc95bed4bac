"""The corrections file: the one place where an editor's decisions live.

One YAML file per source (``corrections/<source-stem>.yaml`` by default), written for people:
readable, diffable in git, editable by hand. It is read and written with ruamel.yaml's
round-trip mode, so the comments and the order an editor writes survive when the tool rewrites
the file. A worked example::

    # Corrections for the Introduction; the editors' notes are kept.
    source: ../seeds/hoxha.txt          # path relative to this file
    sha256: 6378ebf2...                 # of the normalized source text
    corrections:
    - id: gl-797ca21b                   # stable: derived from the artifact and its context
      status: accepted                  # proposed | accepted | rejected | edited | flagged
      kind: glyph
      start: 2868                       # code-point offsets into the source
      end: 2876
      original: V1adimir
      reading: Vladimir                 # the decided reading (accepted / edited only)
      readings: [Vladimir]              # the detector's suggestions, best first
      confidence: 0.97
      why: digit 1 inside a word; 'Vladimir' occurs 2x in this text
      context: 'resolute co-fighter of V1adimir Ilyich Lenin.'
      by: Ana Editor
      on: '2026-11-27T21:05:00Z'

- :func:`default_corrections_path` — where a source's corrections file lives by default.
- :func:`load_corrections` — read and validate (refusing a malformed file with file, line and
  reason; never half-read); relocate every entry when the source changed (see
  :mod:`edition.relocate`).
- :func:`new_corrections_file` — an empty file for a source.
- :class:`CorrectionsFile` — the entries, the header, the edition metadata; ``put`` changes or
  adds an entry, :func:`save_corrections` writes atomically and refuses to overwrite a file that
  changed on disk since it was read.
- :func:`merge_proposals` — add a detection run's new proposals; never touch an existing entry.
"""
from __future__ import annotations

import bisect
import contextlib
import fcntl
import hashlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .atomic import write_atomic
from .errors import EditionError
from .model import Correction, Kind, Proposal, SpanIndex, Status
from .source import Source

#: Order of an entry's keys when the tool writes one (hand-written order is kept).
ENTRY_KEYS = ("id", "status", "kind", "start", "end", "original", "reading", "readings",
              "confidence", "why", "context", "by", "on", "note", "detector", "stale")
_REQUIRED = ("id", "status", "kind", "start", "end", "original")
_OPTIONAL_DEFAULTS = {"readings": (), "confidence": 1.0, "why": "", "context": "", "reading": None,
                      "by": None, "on": None, "note": None, "detector": "", "stale": None}

HEADER_COMMENT = (
    "Corrections file of `edition`: one entry per proposed or decided correction.\n"
    "Edit by hand or with `edition accept|reject|edit|add|flag`; comments are kept.\n"
    "status: proposed | accepted | rejected | edited | flagged. Offsets are code points."
)


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.width = 4096  # keep long `why` and `context` strings on one line: easier to diff
    y.indent(mapping=2, sequence=2, offset=0)
    y.preserve_quotes = True
    return y


def default_corrections_path(source_path: str | Path) -> Path:
    """``corrections/<stem>.yaml``, relative to the current folder (the project root)."""
    return Path("corrections") / f"{Path(source_path).stem}.yaml"


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class CorrectionsFile:
    """A corrections file in memory: header, metadata and entries, in file order.

    ``put`` replaces an entry by id (or appends a new one); the underlying YAML document keeps
    every comment and hand-written key order. ``relocated`` and ``newly_stale`` say what
    :func:`load_corrections` had to do because the source changed.
    """

    path: Path
    source_ref: str
    sha256: str
    corrections: list[Correction]
    metadata: dict[str, Any] = field(default_factory=dict)
    relocated: list[str] = field(default_factory=list)
    newly_stale: list[str] = field(default_factory=list)
    _doc: Any = field(default=None, repr=False)
    _disk_digest: str | None = field(default=None, repr=False)

    def __iter__(self) -> Iterator[Correction]:
        return iter(self.corrections)

    def __len__(self) -> int:
        return len(self.corrections)

    def get(self, cid: str) -> Correction:
        for c in self.corrections:
            if c.id == cid:
                return c
        raise EditionError(f"{self.path}: no correction with id {cid!r}")

    def ids(self) -> set[str]:
        return {c.id for c in self.corrections}

    def put(self, correction: Correction) -> None:
        """Replace the entry with this id, or insert a new one in position order."""
        entries = self._entries()  # build the YAML document first, from the entries as they are
        for i, c in enumerate(self.corrections):
            if c.id == correction.id:
                self.corrections[i] = correction
                _write_entry(entries[i], correction)
                return
        # New entry: before the first entry that starts later, so the file reads in text order.
        index = next((i for i, c in enumerate(self.corrections) if c.start > correction.start),
                     len(self.corrections))
        self.corrections.insert(index, correction)
        entry = CommentedMap()
        _write_entry(entry, correction)
        entries.insert(index, entry)

    def add_new(self, new: Iterable[Correction]) -> None:
        """Insert entries whose ids are not in the file yet, each where :meth:`put` would.

        When the file is in text order (the tool writes it so), every place is found by
        bisection and the entries are inserted from the last to the first, so the places found
        stay valid: linear in the file, not quadratic. A file an editor reordered by hand takes
        the slower way, one :meth:`put` at a time, with the same result.
        """
        new = sorted(new, key=lambda c: c.start)
        starts = [c.start for c in self.corrections]
        if any(a > b for a, b in zip(starts, starts[1:])):
            for c in new:
                self.put(c)
            return
        entries = self._entries()
        for c in reversed(new):
            index = bisect.bisect_right(starts, c.start)
            self.corrections.insert(index, c)
            entry = CommentedMap()
            _write_entry(entry, c)
            entries.insert(index, entry)

    def remove(self, cid: str) -> Correction:
        """Delete the entry with this id (undoing an editor's addition); returns it."""
        entries = self._entries()  # build the YAML document first, from the entries as they are
        for i, c in enumerate(self.corrections):
            if c.id == cid:
                del self.corrections[i]
                del entries[i]
                return c
        raise EditionError(f"{self.path}: no correction with id {cid!r}")

    @property
    def disk_digest(self) -> str | None:
        """SHA-256 of the file's bytes when last read or saved (None: not on disk yet)."""
        return self._disk_digest

    def set_metadata(self, metadata: dict[str, Any]) -> None:
        """Replace the edition metadata block (``edition:``)."""
        self.metadata = dict(metadata)
        doc = self._document()
        if "edition" in doc:
            existing = doc["edition"]
            for key in list(existing):
                if key not in metadata:
                    del existing[key]
            for key, value in metadata.items():
                existing[key] = value
        else:
            doc.insert(len([k for k in ("source", "sha256") if k in doc]), "edition",
                       CommentedMap(metadata))

    def _document(self) -> CommentedMap:
        if self._doc is None:
            doc = CommentedMap()
            doc["source"] = self.source_ref
            doc["sha256"] = self.sha256
            doc["corrections"] = CommentedSeq()
            doc.yaml_set_start_comment(HEADER_COMMENT)
            for c in self.corrections:
                entry = CommentedMap()
                _write_entry(entry, c)
                doc["corrections"].append(entry)
            self._doc = doc
        return self._doc

    def _entries(self) -> CommentedSeq:
        doc = self._document()
        if doc.get("corrections") is None:
            doc["corrections"] = CommentedSeq()
        return doc["corrections"]

    def dump(self) -> str:
        """The file's text as it would be saved."""
        doc = self._document()
        doc["source"] = self.source_ref
        doc["sha256"] = self.sha256
        buf = io.StringIO()
        _yaml().dump(doc, buf)
        return buf.getvalue()


#: Characters YAML treats as line breaks inside single-quoted or plain scalars (they would be
#: folded away on reading): strings holding them are written double-quoted, with escapes.
_YAML_BREAKS = ("\x85", "\u2028", "\u2029")


def _scalar(value: Any) -> Any:
    """A string in a YAML style that reads back exactly."""
    if isinstance(value, str) and any(b in value for b in _YAML_BREAKS):
        return DoubleQuotedScalarString(value)
    return value


def _write_entry(entry: CommentedMap, c: Correction) -> None:
    """Write ``c`` into ``entry`` in place: changed keys updated, emptied keys removed, new keys
    added in :data:`ENTRY_KEYS` order. Comments on untouched keys stay where they are."""
    values: dict[str, Any] = {
        "id": c.id, "status": c.status.value, "kind": c.kind.value, "start": c.start, "end": c.end,
        "original": c.original, "reading": c.reading, "readings": list(c.readings),
        "confidence": c.confidence, "why": c.why, "context": c.context, "by": c.by, "on": c.on,
        "note": c.note, "detector": c.detector, "stale": c.stale,
    }
    for key in ENTRY_KEYS:
        value = values[key]
        # An empty reading is a deletion (a stray mark removed), not a missing value.
        empty = value is None or (value == "" and key != "reading") or (key == "readings" and not value and
                                                  c.status is not Status.PROPOSED)
        if empty and key not in _REQUIRED:
            if key in entry:
                del entry[key]
            continue
        if key == "readings":
            seq = CommentedSeq(_scalar(v) for v in value)
            seq.fa.set_flow_style()
            value = seq
            if key in entry and list(entry[key]) == list(value):
                continue
        value = _scalar(value)
        if key in entry:
            needs_quotes = isinstance(value, DoubleQuotedScalarString) and \
                not isinstance(entry[key], DoubleQuotedScalarString)
            if entry[key] != value or needs_quotes:  # else keep the hand-written style
                entry[key] = value
        else:
            # insert after the last present key that precedes it in ENTRY_KEYS
            pos = 0
            for i, k in enumerate(entry):
                if k in ENTRY_KEYS and ENTRY_KEYS.index(k) < ENTRY_KEYS.index(key):
                    pos = i + 1
            entry.insert(pos, key, value)


# --------------------------------------------------------------------------- reading


def _line(node: Any, key: str | None = None) -> int | None:
    try:
        if key is not None:
            return node.lc.key(key)[0] + 1
        return node.lc.line + 1
    except Exception:  # plain scalars carry no position
        return None


def _fail(path: Path, line: int | None, reason: str) -> EditionError:
    where = f"{path}:{line}" if line else f"{path}"
    return EditionError(f"{where}: {reason}")


def _entry_to_correction(path: Path, entry: Any, index: int) -> Correction:
    line = _line(entry)
    if not isinstance(entry, dict):
        raise _fail(path, line, f"entry {index + 1} is not a mapping of keys (id, status, ...)")
    for key in _REQUIRED:
        if key not in entry or entry[key] is None:
            raise _fail(path, line, f"entry {index + 1} has no {key!r}")
    unknown = [k for k in entry if k not in ENTRY_KEYS]
    if unknown:
        raise _fail(path, _line(entry, unknown[0]),
                    f"unknown key {unknown[0]!r} (known: {', '.join(ENTRY_KEYS)})")
    status = str(entry["status"])
    if status not in {s.value for s in Status}:
        raise _fail(path, _line(entry, "status"),
                    f"unknown status {status!r} (use one of: {', '.join(s.value for s in Status)})")
    kind = str(entry["kind"])
    if kind not in {k.value for k in Kind}:
        raise _fail(path, _line(entry, "kind"),
                    f"unknown kind {kind!r} (use one of: {', '.join(k.value for k in Kind)})")
    for key in ("start", "end"):
        if not isinstance(entry[key], int) or isinstance(entry[key], bool):
            raise _fail(path, _line(entry, key), f"{key} must be a whole number, got {entry[key]!r}")
    readings = entry.get("readings") or ()
    if isinstance(readings, str) or not isinstance(readings, (list, tuple)):
        raise _fail(path, _line(entry, "readings"), "readings must be a list, e.g. [Stalin]")
    confidence = entry.get("confidence", 1.0)
    if not isinstance(confidence, (int, float)) or isinstance(confidence, bool):
        raise _fail(path, _line(entry, "confidence"), f"confidence must be a number, got {confidence!r}")
    try:
        return Correction(
            id=str(entry["id"]), status=Status(status), kind=Kind(kind),
            start=entry["start"], end=entry["end"], original=str(entry["original"]),
            readings=tuple(str(r) for r in readings), confidence=float(confidence),
            why=str(entry.get("why") or ""), context=str(entry.get("context") or ""),
            reading=None if entry.get("reading") is None else str(entry["reading"]),
            by=None if entry.get("by") is None else str(entry["by"]),
            on=None if entry.get("on") is None else str(entry["on"]),
            note=None if entry.get("note") is None else str(entry["note"]),
            detector=str(entry.get("detector") or ""),
            stale=None if entry.get("stale") is None else str(entry["stale"]),
            line=line,
        )
    except ValueError as exc:
        label = str(entry["id"]).strip() or f"{index + 1}"  # an empty id names the entry by number
        raise _fail(path, line, f"entry {label}: {exc}") from None


def parse_corrections(path: Path, data: bytes) -> CorrectionsFile:
    """Parse and validate the bytes of a corrections file (without checking the source)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _fail(path, None, f"not UTF-8 (byte offset {exc.start})") from None
    try:
        doc = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise _fail(path, line, f"not valid YAML: {exc.problem or exc.context}") from None
    except YAMLError as exc:
        raise _fail(path, None, f"not valid YAML: {exc}") from None
    if doc is None:
        doc = CommentedMap()
    if not isinstance(doc, dict):
        raise _fail(path, 1, "expected a mapping with keys source, sha256, corrections")
    for key in doc:
        if key not in ("source", "sha256", "edition", "corrections"):
            raise _fail(path, _line(doc, key),
                        f"unknown top-level key {key!r} (known: source, sha256, edition, corrections)")
    entries = doc.get("corrections") or []
    if not isinstance(entries, list):
        raise _fail(path, _line(doc, "corrections"), "corrections must be a list of entries")
    corrections = [_entry_to_correction(path, e, i) for i, e in enumerate(entries)]
    seen: dict[str, Correction] = {}
    for c in corrections:
        if c.id in seen:
            raise _fail(path, c.line, f"duplicate id {c.id!r} (also at line {seen[c.id].line})")
        seen[c.id] = c
    metadata = doc.get("edition") or {}
    if not isinstance(metadata, dict):
        raise _fail(path, _line(doc, "edition"), "edition must be a mapping of metadata fields")
    return CorrectionsFile(path=path, source_ref=str(doc.get("source") or ""),
                           sha256=str(doc.get("sha256") or ""), corrections=corrections,
                           metadata=_to_plain(metadata), _doc=doc, _disk_digest=file_digest(data))


def _to_plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_to_plain(v) for v in value]
    return value


def _source_ref(corrections_path: Path, source: Source) -> str:
    try:
        return os.path.relpath(source.path.resolve(), corrections_path.resolve().parent)
    except ValueError:  # different drives on Windows
        return str(source.path.resolve())


def new_corrections_file(path: str | Path, source: Source) -> CorrectionsFile:
    """An empty corrections file for ``source`` (not yet saved)."""
    path = Path(path)
    return CorrectionsFile(path=path, source_ref=_source_ref(path, source), sha256=source.sha256,
                           corrections=[], _disk_digest=None)


def _check_same_source(cf: CorrectionsFile, source: Source) -> None:
    """Refuse a corrections file whose header names another existing file as its source.

    Relocating its entries into this source would mark them all stale and rewrite the header:
    the decisions would be lost to the source they belong to. A header naming a file that no
    longer exists (the source was renamed or moved) is accepted: its entries are relocated.
    """
    if not cf.source_ref:
        return
    named = cf.path.parent / cf.source_ref
    try:
        other = named.is_file() and named.resolve() != source.path.resolve()
    except OSError:
        return
    if other:
        raise EditionError(f"{cf.path}: is the corrections file of {cf.source_ref} (relative to the "
                           f"file), not of {source.path}; pass this source's --corrections FILE "
                           "(or edit the file's `source:` line if it is this source's)")


def load_corrections(path: str | Path, source: Source, *, missing_ok: bool = False
                     ) -> CorrectionsFile:
    """Read the corrections file for ``source``, validated against it.

    When the source's SHA-256 differs from the header, every entry is relocated by its original
    text and context; entries that cannot be found are marked stale (listed in ``newly_stale``),
    never applied and never dropped. Otherwise every entry's span must hold its ``original``.
    """
    from .relocate import relocate_all

    path = Path(path)
    if not path.exists():
        if missing_ok:
            return new_corrections_file(path, source)
        raise EditionError(f"{path}: no corrections file yet; run `edition detect {source.path}` first")
    if path.is_dir():
        raise EditionError(f"{path}: is a directory, not a corrections file")
    cf = parse_corrections(path, path.read_bytes())
    if cf.sha256 != source.sha256:
        _check_same_source(cf, source)
        relocated, stale = relocate_all(cf.corrections, source.text)
        for c in relocated:
            cf.put(c)
        cf.relocated = [c.id for c in relocated if not c.stale]
        cf.newly_stale = stale
        cf.sha256 = source.sha256
        cf.source_ref = cf.source_ref or _source_ref(path, source)
    else:
        for c in cf.corrections:
            if c.stale:
                continue
            if c.end > len(source.text) or source.text[c.start:c.end] != c.original:
                found = source.text[c.start:c.end]
                raise _fail(path, c.line, f"entry {c.id}: span {c.start}..{c.end} holds {found!r}, "
                            f"not its original {c.original!r}")
    return cf


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive advisory lock beside ``path`` for a read-check-write cycle."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.parent / f".{path.name}.lock"
    with open(lock, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


class ConflictError(EditionError):
    """The corrections file changed on disk since it was read: nothing was overwritten."""


def save_corrections(cf: CorrectionsFile) -> None:
    """Write ``cf`` atomically; refuse (ConflictError) if the file changed since it was read."""
    text = cf.dump()
    with _locked(cf.path):
        on_disk = cf.path.read_bytes() if cf.path.exists() else None
        disk_digest = file_digest(on_disk) if on_disk is not None else None
        if disk_digest != cf._disk_digest:
            raise ConflictError(f"{cf.path}: changed on disk since it was read; "
                                "nothing was overwritten, run the command again")
        write_atomic(cf.path, text)
        cf._disk_digest = file_digest(text.encode("utf-8"))


# --------------------------------------------------------------------------- merging


@dataclass(frozen=True)
class MergeReport:
    added: tuple[str, ...]
    already_present: int
    overlapping: int


def merge_proposals(cf: CorrectionsFile, source: Source, proposals: Iterable[Proposal]) -> MergeReport:
    """Add new proposals to ``cf``; never change or remove an existing entry.

    A proposal whose id is already in the file is left alone (the entry may hold a decision or
    a hand edit); one that overlaps an existing entry is skipped, so decided spans are never
    proposed twice; two artifacts with identical context get ``-2``, ``-3`` suffixes.
    """
    ids = cf.ids()
    live = [c for c in cf.corrections if not c.stale]
    keys = {(e.start, e.end, e.original, e.kind) for e in live}
    spans = SpanIndex((e.start, e.end) for e in live)
    new: list[Correction] = []
    next_suffix: dict[str, int] = {}
    present = overlapping = 0
    for p in proposals:
        c = Correction.from_proposal(p, source.text)
        key = (c.start, c.end, c.original, c.kind)
        if key in keys:
            present += 1
            continue
        if spans.overlaps(c.start, c.end):
            overlapping += 1
            continue
        if c.id in ids:
            n = next_suffix.get(c.id, 2)
            while f"{c.id}-{n}" in ids:
                n += 1
            next_suffix[c.id] = n + 1  # identical contexts repeat: never count up from 2 again
            c = c.replace(id=f"{c.id}-{n}")
        new.append(c)
        ids.add(c.id)
        keys.add(key)
        spans.add(c.start, c.end)
    cf.add_new(new)
    added = [c.id for c in new]
    return MergeReport(tuple(added), present, overlapping)
