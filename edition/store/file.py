"""The corrections file: the one place where an editor's decisions live.

One YAML file per source (``corrections/<source-stem>.yaml`` by default), written for people:
readable, diffable in git, editable by hand. A worked example::

    # Corrections for the Introduction; the editors' notes are kept.
    source: ../seeds/hoxha.txt          # path relative to this file
    sha256: 6378ebf2...                 # of the normalized source text
    encoding: cp1252                    # only when the source is not UTF-8
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

Reading and writing are built for books of 100,000 entries (see :mod:`edition.store.layout`):
an entry in the tool's own layout is read line by line, anything else (comments, hand-written
YAML) by ruamel.yaml, one entry at a time; a change rewrites only the changed entries' changed
lines, and every other byte of the file is written back as it was read.

- :func:`parse_corrections` — read and validate the bytes of a file (refusing a malformed one
  with file, line and reason; never half-read).
- :class:`CorrectionsFile` — the entries (``get``/``put``/``remove`` by id in constant time),
  the header, the edition metadata.
- :func:`save_corrections` — write atomically; when the file changed on disk since it was read,
  merge: the other writer's changes are kept, and only a change to the same entry is refused.
"""
from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

from ..errors import EditionError
from ..model import Correction, Status
from . import cache, layout
from .atomic import locked, write_atomic
from .entries import (ENTRY_KEYS, REQUIRED, correction_from_fields, entry_text, fail,
                      fast_correction, updated_lines)

HEADER_COMMENT = (
    "Corrections file of `edition`: one entry per proposed or decided correction.\n"
    "Edit by hand or with `edition accept|reject|edit|add|flag`; comments are kept.\n"
    "status: proposed | accepted | rejected | edited | flagged. Offsets are code points."
)
#: The keys a corrections file may have at its top level.
TOP_KEYS = ("source", "sha256", "encoding", "edition", "corrections")
_HEADER_FIELDS = ("source", "sha256", "encoding", "edition")


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


#: Blank and comment lines (what may stand above an entry's first line, in bytes).
_QUIET_LINES = re.compile(rb"(?:[ \t]*(?:#[^\n]*)?\n)*")


class _Rendered(NamedTuple):
    data: bytes
    bounds: list[int]  # where each entry's block starts, and where the last one ends
    head: str
    list_line: str
    tail: str


class ConflictError(EditionError):
    """The corrections file changed on disk in a way that clashes with this change: the same
    entry was changed by another writer. Nothing was overwritten."""


@dataclass
class CorrectionsFile:
    """A corrections file in memory: header, metadata and entries, in file order.

    ``put`` replaces an entry by id (or inserts a new one in text order), ``remove`` deletes
    one; the text of every entry that was not changed is kept as read, comments included.
    ``relocated`` and ``newly_stale`` say what :func:`load_corrections` had to do because the
    source changed.
    """

    path: Path
    source_ref: str
    sha256: str
    corrections: list[Correction]
    metadata: dict[str, Any] = field(default_factory=dict)
    encoding: str = "utf-8"
    relocated: list[str] = field(default_factory=list)
    newly_stale: list[str] = field(default_factory=list)
    _disk_digest: str | None = field(default=None, repr=False)  # of _data, once computed
    _on_disk: bool = field(default=False, repr=False)  # _data is the file on disk (else: new)
    # The file as read or last saved: its bytes; where each entry's block of lines lies in them
    # (the block of the entry at place i of _order is _data[_bounds[i]:_bounds[i + 1]]); the
    # head (with the list's key line apart) and the tail as text. _reordered: an entry was
    # added or removed since (the places in _order are no longer those of `corrections`).
    _data: bytes = field(default=b"", repr=False)
    _bounds: list[int] = field(default_factory=list, repr=False)
    _order: dict[str, int] = field(default_factory=dict, repr=False)
    _reordered: bool = field(default=False, repr=False)
    # The entries' values as plain data, in the order of _order (what the parse cache holds),
    # kept so that a save re-makes only the changed entries' (None: not made yet).
    _fields: list[tuple] | None = field(default=None, repr=False)
    # The parse cache's whole entry this file's parse derives from (its SHA-256), and the places
    # of the entries changed since (kept apart in the cache's change file).
    _cache_base: str | None = field(default=None, repr=False)
    _cache_changed: frozenset[int] = field(default=frozenset(), repr=False)
    _lines: list[int] | None = field(default=None, repr=False)  # see line_of
    _head: str | None = field(default=None, repr=False)
    _list_line: str | None = field(default=None, repr=False)
    _tail: str = field(default="", repr=False)
    _indent: int = field(default=0, repr=False)
    # What changed since the file was read: the entries as they were (None: added since), and
    # the header's values as they were.
    _base: dict[str, Correction | None] = field(default_factory=dict, repr=False)
    _base_header: tuple[Any, ...] | None = field(default=None, repr=False)
    _index: dict[str, int] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self._base_header is None:
            self._base_header = self._header()

    def __iter__(self) -> Iterator[Correction]:
        return iter(self.corrections)

    def __len__(self) -> int:
        return len(self.corrections)

    # ----------------------------------------------------------------- entries by id

    def _positions(self) -> dict[str, int]:
        if self._index is None:
            self._index = {c.id: i for i, c in enumerate(self.corrections)}
        return self._index

    def get(self, cid: str) -> Correction:
        i = self._positions().get(cid)
        if i is None:
            raise EditionError(f"{self.path}: no correction with id {cid!r}")
        return self.corrections[i]

    def __contains__(self, cid: object) -> bool:
        return cid in self._positions()

    def ids(self) -> set[str]:
        return set(self._positions())

    def _remember(self, cid: str) -> None:
        """Keep the entry as it was read, the first time it changes (for merging on save)."""
        if cid not in self._base:
            i = self._positions().get(cid)
            self._base[cid] = None if i is None else self.corrections[i]

    def put(self, correction: Correction) -> None:
        """Replace the entry with this id, or insert a new one in position order."""
        self._remember(correction.id)
        i = self._positions().get(correction.id)
        if i is not None:
            self.corrections[i] = correction
            return
        # New entry: before the first entry that starts later, so the file reads in text order.
        index = next((i for i, c in enumerate(self.corrections) if c.start > correction.start),
                     len(self.corrections))
        self.corrections.insert(index, correction)
        self._index = None
        self._reordered = True

    def add_new(self, new: Iterable[Correction]) -> None:
        """Insert entries whose ids are not in the file yet, each where :meth:`put` would.

        When the file is in text order (the tool writes it so), every place is found by
        bisection and the list is rebuilt once: linear in the file, not quadratic. A file an
        editor reordered by hand takes the slower way, one :meth:`put` at a time, with the same
        result.
        """
        new = sorted(new, key=lambda c: c.start)
        starts = [c.start for c in self.corrections]
        if any(a > b for a, b in zip(starts, starts[1:])):
            for c in new:
                self.put(c)
            return
        for c in new:
            self._remember(c.id)
        merged: list[Correction] = []
        last = 0
        for c in new:
            index = bisect.bisect_right(starts, c.start, lo=last)
            merged.extend(self.corrections[last:index])
            merged.append(c)
            last = index
        merged.extend(self.corrections[last:])
        self.corrections[:] = merged
        self._index = None
        self._reordered = self._reordered or bool(new)

    def remove(self, cid: str) -> Correction:
        """Delete the entry with this id (undoing an editor's addition); returns it."""
        i = self._positions().get(cid)
        if i is None:
            raise EditionError(f"{self.path}: no correction with id {cid!r}")
        self._remember(cid)
        c = self.corrections.pop(i)
        self._index = None
        self._reordered = True
        return c

    def line_of(self, cid: str) -> int | None:
        """The line of entry ``cid`` (its ``- `` line) in the file as last read or saved (None:
        not in it). Counted when asked, for messages: ``Correction.line`` is where an entry
        stood when the file was parsed, before any rewriting."""
        i = self._order.get(cid)
        if i is None or not self._on_disk or i + 1 >= len(self._bounds):
            return None
        if self._lines is None:  # every entry's line, in one pass over the file
            data, bounds, lines, line, at = self._data, self._bounds, [], 1, 0
            for start, end in zip(bounds, bounds[1:]):
                quiet = _QUIET_LINES.match(data, start, end)
                first = quiet.end() if quiet else start
                line += data.count(b"\n", at, first)
                lines.append(line)
                at = first
            self._lines = lines
        return self._lines[i]

    @property
    def disk_digest(self) -> str | None:
        """SHA-256 of the file's bytes when last read or saved (None: not on disk yet)."""
        if self._on_disk and self._disk_digest is None:
            self._disk_digest = file_digest(self._data)
        return self._disk_digest if self._on_disk else None

    @property
    def changed_ids(self) -> set[str]:
        """The ids of the entries changed, added or removed since the file was read or saved."""
        return {cid for cid, was in self._base.items()
                if was != (self.get(cid) if cid in self else None)}

    def set_metadata(self, metadata: dict[str, Any]) -> None:
        """Replace the edition metadata block (``edition:``)."""
        self.metadata = dict(metadata)

    def _header(self) -> tuple[Any, ...]:
        return (self.source_ref, self.sha256, self.encoding, self.metadata)

    # ----------------------------------------------------------------- writing

    def dump(self) -> str:
        """The file's text as it would be saved."""
        return self._render().data.decode("utf-8")

    def _render(self) -> "_Rendered":
        """The file's bytes, and where each entry's block lies in them.

        An entry that did not change is copied from the bytes as read (the runs between changed
        entries as single slices); a changed one is rewritten from its block
        (:func:`_rewrite_block`); a new one is written in the tool's layout. When no entry was
        added or removed, only the changed blocks are visited.
        """
        head, tail = self._outer_texts()
        list_line = self._list_key_line()
        top = (head + list_line).encode("utf-8")
        bounds = self._bounds
        if self._on_disk and not self._reordered and bounds:
            return self._render_in_place(top, head, list_line, tail)
        data, order, pad = self._data, self._order, " " * self._indent
        out = [top]
        new_bounds = [len(top)]
        for c in self.corrections:
            i = order.get(c.id)
            if i is None:
                text = entry_text(c)
                block = (_indent(text, pad) if pad else text).encode("utf-8")
            elif c.id in self._base and self._base[c.id] != c:
                block = self._rewritten(c, i)
            else:
                block = data[bounds[i]:bounds[i + 1]]
            out.append(block)
            new_bounds.append(new_bounds[-1] + len(block))
        out.append(tail.encode("utf-8"))
        return _Rendered(b"".join(out), new_bounds, head, list_line, tail)

    def _render_in_place(self, top: bytes, head: str, list_line: str, tail: str) -> "_Rendered":
        """:meth:`_render` when the entries are those read, in the order read: the bytes between
        changed entries are copied as they are, and only the changed blocks are written."""
        data, bounds, order = self._data, self._bounds, self._order
        dirty = sorted(order[cid] for cid in self.changed_ids)
        out = [top]
        new_bounds = [len(top)]
        shift = len(top) - bounds[0]
        last = 0  # the first entry not yet copied
        for i in dirty:
            out.append(data[bounds[last]:bounds[i]])
            new_bounds.extend([x + shift for x in bounds[last + 1:i + 1]])
            block = self._rewritten(self.corrections[i], i)
            out.append(block)
            shift += len(block) - (bounds[i + 1] - bounds[i])
            new_bounds.append(bounds[i + 1] + shift)
            last = i + 1
        out.append(data[bounds[last]:bounds[-1]])
        new_bounds.extend([x + shift for x in bounds[last + 1:]])
        out.append(tail.encode("utf-8"))
        return _Rendered(b"".join(out), new_bounds, head, list_line, tail)

    def _rewritten(self, c: Correction, i: int) -> bytes:
        """The block of ``c`` (at ``i`` in the order read) rewritten for its new values."""
        raw = self._data[self._bounds[i]:self._bounds[i + 1]].decode("utf-8")
        return _rewrite_block(self.path, raw, c, self._indent).encode("utf-8")

    def _outer_texts(self) -> tuple[str, str]:
        """The head and the tail, with the header's values written where they stand."""
        if self._head is not None and self._header() == self._base_header:
            return self._head, self._tail
        values = {"source": self.source_ref, "sha256": self.sha256,
                  "encoding": None if self.encoding == "utf-8" else self.encoding,
                  "edition": self.metadata or None}
        if self._head is None:  # a new file
            from ruamel.yaml.comments import CommentedMap

            head = CommentedMap()
            head.yaml_set_start_comment(HEADER_COMMENT)
            tail = None
        else:
            head = layout.yaml_load(self.path, self._head, 1) or _empty_map()
            tail = layout.yaml_load(self.path, self._tail, 1) if self._tail.strip() else None
        tail_keys = set(tail) if isinstance(tail, dict) else set()
        for key, value in values.items():
            _set_key(tail if key in tail_keys else head, key, value)
        return (layout.yaml_dump(head) if head else ""), \
            (layout.yaml_dump(tail) if tail_keys else self._tail)

    def _list_key_line(self) -> str:
        line = self._list_line
        if line is None:
            return "corrections:\n" if self.corrections else "corrections: []\n"
        flow = "[]" in line.split("#")[0]
        if self.corrections and flow:
            return line.replace("[]", "", 1).replace("corrections: ", "corrections:", 1)
        return line

    def _fields_after(self) -> list[tuple] | None:
        """The entries' plain values once saved, made anew only for the changed entries (None
        when entries were added or removed: then made anew for all when needed)."""
        if self._reordered or self._fields is None:
            return None
        fields = list(self._fields)
        for cid in self.changed_ids:
            i = self._order[cid]
            fields[i] = self.corrections[i].fields()
        return fields

    def _saved(self, r: "_Rendered", fields: list[tuple] | None, digest: str | None) -> None:
        """After a save of ``r``: it is now the file as read."""
        self._data, self._bounds, self._fields = r.data, r.bounds, fields
        self._lines = None
        if self._reordered or fields is None:
            self._order = {c.id: i for i, c in enumerate(self.corrections)}
            self._reordered = False
        self._head, self._list_line, self._tail = r.head, r.list_line, r.tail
        self._base = {}
        self._base_header = self._header()
        self._disk_digest = digest
        self._on_disk = True

    # ----------------------------------------------------------------- merging on save

    def rebase_onto(self, theirs: "CorrectionsFile") -> None:
        """Take ``theirs`` (the file as another writer left it) and redo this file's changes on
        it. Raises ConflictError, changing nothing, when an entry or a header value this file
        changed was also changed there, differently."""
        conflicts: list[str] = []
        mine = {cid: (self.get(cid) if cid in self else None) for cid in self._base}
        plan: list[tuple[str, Correction | None]] = []
        their_spans = None
        for cid, was in self._base.items():
            now = mine[cid]
            if now == was:
                continue
            there = theirs.get(cid) if cid in theirs else None
            if there == now:
                continue  # they made the same change
            if there != was:
                conflicts.append(cid)
                continue
            if was is None and now is not None and now.status is Status.PROPOSED and now.detector:
                # A detector's new proposal yields to an entry the other writer added meanwhile
                # on the same span (as merge_proposals would have kept it out).
                from ..model import SpanIndex

                if their_spans is None:
                    their_spans = SpanIndex((c.start, c.end) for c in theirs if not c.stale)
                if their_spans.overlaps(now.start, now.end):
                    continue
            plan.append((cid, now))
        header = self._header()
        assert self._base_header is not None
        for name, ours, was, there in zip(_HEADER_FIELDS, header, self._base_header,
                                          theirs._header()):
            if ours != was and there != was and there != ours:
                conflicts.append(f"the header's {name}")
        if conflicts:
            more = f" (and {len(conflicts) - 3} more)" if len(conflicts) > 3 else ""
            raise ConflictError(
                f"{self.path}: changed on disk since it was read, and the same entries were "
                f"changed there: {', '.join(conflicts[:3])}{more}; nothing was overwritten, "
                "look at the file and run the command again")
        for cid, now in plan:
            if now is None:
                if cid in theirs:
                    theirs.remove(cid)
            else:
                theirs.put(now)
        for name, ours, was in zip(_HEADER_FIELDS, header, self._base_header):
            if ours != was:
                setattr(theirs, {"source": "source_ref", "edition": "metadata"}.get(name, name), ours)
        # this file now is theirs plus these changes
        for name in ("corrections", "_data", "_bounds", "_order", "_reordered", "_head",
                     "_list_line", "_tail", "_indent", "_fields", "_cache_base", "_cache_changed", "_lines",
                     "_base", "_base_header", "_disk_digest", "_on_disk", "source_ref", "sha256",
                     "encoding", "metadata"):
            setattr(self, name, getattr(theirs, name))
        self._index = None


def _empty_map() -> Any:
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap()


def _set_key(doc: Any, key: str, value: Any) -> None:
    """Set (or remove, for None) a top-level key, keeping the file's order: a new key goes
    before ``edition`` / after the keys that precede it in :data:`TOP_KEYS`."""
    if value is None:
        if key in doc:
            del doc[key]
        return
    if key == "edition" and key in doc and isinstance(doc[key], dict):
        existing = doc[key]
        for k in list(existing):
            if k not in value:
                del existing[k]
        for k, v in value.items():
            if existing.get(k) != v:
                existing[k] = v
        return
    if key in doc:
        if doc[key] != value:
            doc[key] = value
        return
    rank = TOP_KEYS.index(key)
    pos = sum(1 for k in doc if k in TOP_KEYS and TOP_KEYS.index(k) < rank)
    doc.insert(pos, key, value)


def _indent(text: str, pad: str) -> str:
    return "".join(pad + line if line.strip() else line for line in text.splitlines(True))


def _dedent(text: str, pad: str) -> str:
    n = len(pad)
    return "".join(line[n:] if line.startswith(pad) else line for line in text.splitlines(True))


def _rewrite_block(path: Path, raw: str, c: Correction, indent: int) -> str:
    """The block of entry ``c`` rewritten from its text as read: in the tool's layout, line by
    line; otherwise through ruamel.yaml, which keeps the comments and the hand-written style."""
    found = layout.fast_values(raw, 0, len(raw)) if not indent else None
    values = layout.decode_values(found) if found is not None else None
    if values is not None:
        lines = raw.split("\n")
        if lines[-1] == "":
            lines.pop()
        return "\n".join(updated_lines(lines, values, dict(zip(ENTRY_KEYS, found)), c)) + "\n"
    pad = " " * indent
    seq = layout.yaml_load(path, _dedent(raw, pad), 1)
    _write_entry(seq[0], c)
    text = layout.yaml_dump(seq)
    return _indent(text, pad) if pad else text


def _write_entry(entry: Any, c: Correction) -> None:
    """Write ``c`` into ruamel.yaml's ``entry`` in place: changed keys updated, emptied keys
    removed, new keys added in :data:`ENTRY_KEYS` order; comments on untouched keys stay."""
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    from .entries import field_values
    from .yamltext import encode

    values = field_values(c)
    for key in ENTRY_KEYS:
        if key not in values:
            if key in entry and key not in REQUIRED:
                del entry[key]
            continue
        value = values[key]

        def styled(v: Any, flow: bool = False) -> Any:
            """A string in the style our writer would choose: ruamel.yaml's own choice does not
            always read back (a line break folded away; ``[? x]`` read as a mapping)."""
            if not isinstance(v, str):
                return v
            quote = encode(v, flow)[:1]
            return DoubleQuotedScalarString(v) if quote == '"' else \
                SingleQuotedScalarString(v) if quote == "'" else v

        if isinstance(value, list):
            if key in entry and list(entry[key]) == value:
                continue
            seq = CommentedSeq(styled(v, flow=True) for v in value)
            seq.fa.set_flow_style()
            value = seq
        else:
            value = styled(value)
        if key in entry:
            if entry[key] != value:
                entry[key] = value
        else:
            pos = 0
            for i, k in enumerate(entry):
                if k in ENTRY_KEYS and ENTRY_KEYS.index(k) < ENTRY_KEYS.index(key):
                    pos = i + 1
            entry.insert(pos, key, value)


# --------------------------------------------------------------------------- reading


def _line_of(node: Any, key: str | None = None) -> int | None:
    try:
        if key is not None:
            return node.lc.key(key)[0] + 1
        return node.lc.line + 1
    except Exception:  # plain scalars carry no position
        return None


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def parse_corrections(path: Path, data: bytes) -> CorrectionsFile:
    """Parse and validate the bytes of a corrections file (without checking the source).

    The parse of the same bytes by the same code is taken from :mod:`edition.store.cache`
    when it is there; otherwise the file is read and the parse kept there.
    """
    path = Path(path)
    digest = file_digest(data)
    kept = cache.load(path, digest)
    if kept is not None:
        return _from_payload(path, data, digest, *kept)
    cf = _parse(path, data, digest)
    keep_parse(cf)
    return cf


def _parse(path: Path, data: bytes, digest: str) -> CorrectionsFile:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail(path, None, f"not UTF-8 (byte offset {exc.start})") from None
    cut = layout.cut(text)
    head = text[:cut.list_at]
    header: dict[str, Any] = {}
    for part, first_line in ((head, 1), (text[cut.tail_at:], text.count("\n", 0, cut.tail_at) + 1)):
        if not part.strip():
            continue
        doc = layout.yaml_load(path, part, first_line)
        if doc is None:
            continue
        if not isinstance(doc, dict):
            raise _structure_error(path, text, first_line,
                                   "expected a mapping with keys source, sha256, corrections")
        for key in doc:
            if key not in TOP_KEYS or key == "corrections" or key in header:
                what = "repeated" if key in header else "unknown"
                raise fail(path, first_line - 1 + (_line_of(doc, key) or 1),
                           f"{what} top-level key {key!r} (known: {', '.join(TOP_KEYS)})")
            header[key] = doc[key]
    corrections, bounds = _entries(path, text, cut, data.isascii())
    metadata = header.get("edition") or {}
    if not isinstance(metadata, dict):
        raise fail(path, None, "edition must be a mapping of metadata fields")
    encoding = header.get("encoding") or "utf-8"
    if not isinstance(encoding, str):
        raise fail(path, None, f"encoding must be the name of an encoding, got {encoding!r}")
    return CorrectionsFile(
        path=path, source_ref=str(header.get("source") or ""), sha256=str(header.get("sha256") or ""),
        corrections=corrections, metadata=_plain(metadata), encoding=encoding,
        _disk_digest=digest, _on_disk=True, _data=data, _bounds=bounds,
        _order={c.id: i for i, c in enumerate(corrections)}, _head=head,
        _list_line=text[cut.list_at:cut.entries_at] if cut.list_at < len(text) else None,
        _tail=text[cut.tail_at:], _indent=cut.indent)


def keep_parse(cf: CorrectionsFile) -> None:
    """Keep the parse of ``cf`` as it is on disk in the cache (see :mod:`edition.store.cache`),
    for the next command that reads the file."""
    digest = cf.disk_digest
    if digest is None:
        return
    if cf._fields is None:
        cf._fields = [c.fields() for c in cf.corrections]
    cache.store(cf.path, digest, (_outline(cf, cf._head or "", cf._list_line or "", cf._tail),
                                  cf._bounds, cf._fields))
    cf._cache_base, cf._cache_changed = digest, frozenset()


#: Entries changed since the cache's whole entry was written, beyond which it is written anew
#: (the change file holds each changed entry: 2,000 of them are about 0.6 MB).
MAX_KEPT_CHANGES = 2000


def _keep_after_save(cf: CorrectionsFile, r: "_Rendered", fields: list[tuple] | None,
                     digest: str) -> tuple[list[tuple], str | None, frozenset[int]]:
    """Keep the parse of the file just rendered (``r``, SHA-256 ``digest``): as a change to the
    cache's whole entry when only a few entries changed since it, else whole. Returns the
    entries' values and the cache's base and changed places after it."""
    outline = _outline(cf, r.head, r.list_line, r.tail)
    if fields is not None and cf._cache_base is not None:
        changed = cf._cache_changed | {cf._order[cid] for cid in cf.changed_ids}
        if len(changed) <= MAX_KEPT_CHANGES:
            cache.store_change(cf.path, cf._cache_base, digest,
                               (outline, r.bounds, {i: fields[i] for i in changed}))
            return fields, cf._cache_base, frozenset(changed)
    if fields is None:
        fields = [c.fields() for c in cf.corrections]
    cache.store(cf.path, digest, (outline, r.bounds, fields))
    return fields, digest, frozenset()


def _outline(cf: CorrectionsFile, head: str, list_line: str, tail: str) -> tuple:
    """The parts of a parse besides the entries: the header's values and the file's parts."""
    return (cf.source_ref, cf.sha256, cf.encoding, cf.metadata, head, list_line, tail,
            cf._indent)


def _from_payload(path: Path, data: bytes, digest: str, base: str, payload: Any,
                  change: Any) -> CorrectionsFile:
    """The file whose parse the cache kept: ``payload`` (the whole parse of the bytes with
    SHA-256 ``base``), with ``change`` made to it (see :func:`_keep_after_save`)."""
    outline, bounds, entries = payload
    changed: frozenset[int] = frozenset()
    if change is not None:
        outline, bounds, patch = change
        entries = list(entries)
        for i, values in patch.items():
            entries[i] = values
        changed = frozenset(patch)
    source_ref, sha256, encoding, metadata, head, list_line, tail, indent = outline
    restore = Correction.restore
    corrections = [restore(e) for e in entries]
    return CorrectionsFile(
        path=path, source_ref=source_ref, sha256=sha256, corrections=corrections,
        metadata=metadata, encoding=encoding, _disk_digest=digest, _on_disk=True, _data=data,
        _bounds=bounds, _order={c.id: i for i, c in enumerate(corrections)}, _head=head,
        _list_line=list_line, _tail=tail, _indent=indent, _fields=entries, _cache_base=base,
        _cache_changed=changed)


def _structure_error(path: Path, text: str, line: int, reason: str) -> EditionError:
    """The error for a file whose parts do not fit together: YAML's own error where the whole
    file is not valid YAML (it names the first line that is wrong), else ``reason``."""
    layout.yaml_load(path, text, 1)  # raises when the file is not valid YAML
    return fail(path, line, reason)


def _entries(path: Path, text: str, cut: layout.Cut, ascii: bool
             ) -> tuple[list[Correction], list[int]]:
    """The entries of the list, and where each one's block starts in the file's bytes (and
    where the last one ends; ``ascii``: the text is ASCII, its offsets are the bytes'), read fast
    where the layout allows (:func:`layout.fast_values`), else by ruamel.yaml."""
    corrections: list[Correction] = []
    seen: dict[str, Correction] = {}
    ends = cut.blocks + (cut.tail_at,)
    line = text.count("\n", 0, cut.blocks[0]) + 1 if cut.blocks else 0
    pad = " " * cut.indent
    printable = layout.all_printable(text, cut.entries_at, cut.tail_at)
    at = len(text[:cut.blocks[0]].encode("utf-8")) if cut.blocks else 0  # in bytes
    bounds = [at] if cut.blocks else []
    for index in range(len(cut.blocks)):
        a, b = ends[index], ends[index + 1]
        raw = layout.fast_values(text, a, b) if not cut.indent else None
        values = layout.decode_values(raw, printable) if raw is not None else None
        if values is not None:
            c = fast_correction(path, values, index, line)
        else:
            seq = layout.yaml_load(path, _dedent(text[a:b], pad), line)
            if not isinstance(seq, list) or len(seq) != 1:
                raise _structure_error(path, text, line,
                                       "corrections must be a list with one entry per `- ` item")
            entry = seq[0]
            first = line - 1 + (_line_of(entry) or 1)
            c = correction_from_fields(path, entry, index, first,
                                       lambda k, e=entry: line - 1 + (_line_of(e, k) or 1))
        if c.id in seen:
            raise fail(path, c.line, f"duplicate id {c.id!r} (also at line {seen[c.id].line})")
        seen[c.id] = c
        corrections.append(c)
        at += b - a if ascii else len(text[a:b].encode("utf-8"))
        bounds.append(at)
        line += text.count("\n", a, b)
    return corrections, bounds


def save_corrections(cf: CorrectionsFile, *, keep: bool = True) -> bool:
    """Write ``cf`` atomically.

    If the file changed on disk since it was read (another command, the review page, a ``git
    pull``), the other writer's version is read and this file's changes are made on it
    (:meth:`CorrectionsFile.rebase_onto`): nothing of either is lost, and only a change to an
    entry that was changed there too is refused (ConflictError, nothing written).
    ``keep``: also keep the parse in the cache (:mod:`edition.store.cache`), so that the
    next command starts fast; a server that keeps the file in memory leaves it for its last save.
    Returns True when another writer's changes were merged in.
    """
    with locked(cf.path):
        try:
            on_disk: bytes | None = cf.path.read_bytes()
        except FileNotFoundError:
            on_disk = None
        merged = on_disk != cf._data if cf._on_disk else on_disk is not None
        if merged:
            if on_disk is None:
                raise ConflictError(f"{cf.path}: was deleted since it was read; nothing was "
                                    "written, run the command again")
            cf.rebase_onto(parse_corrections(cf.path, on_disk))
        rendered = cf._render()
        fields = cf._fields_after()
        digest = None
        base, kept = None, frozenset()  # (not kept: the cache's entry no longer leads here)
        if keep:  # before the file: whoever reads the new file finds its parse
            digest = file_digest(rendered.data)
            fields, base, kept = _keep_after_save(cf, rendered, fields, digest)
        write_atomic(cf.path, rendered.data)
    cf._saved(rendered, fields, digest)
    cf._cache_base, cf._cache_changed = base, kept
    return merged
