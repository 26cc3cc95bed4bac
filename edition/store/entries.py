"""One entry of a corrections file: its keys, its validation, its lines.

An entry is a YAML mapping; the tool writes its keys in :data:`ENTRY_KEYS` order, one line each
(see :mod:`edition.store.yamltext`)::

    - id: gl-04f1bd57
      status: accepted
      kind: glyph
      start: 1632
      end: 1640
      original: V1adimir
      reading: Vladimir
      readings: [Vladimir]
      confidence: 0.97
      why: "digit '1' inside a word; 'Vladimir' occurs 2x in this text"
      context: "nding, resolute co-fighter of V1adimir Ilyich Lenin.\\n\\nStalin earned "
      by: Ana Editor
      on: '2026-11-27T21:05:00Z'

- :func:`correction_from_fields` — validate an entry's values (from either reader) into a
  :class:`~edition.model.Correction`, or refuse it with the file, the line and the reason;
- :func:`field_values` — a correction's values as the file holds them (empty ones left out);
- :func:`entry_text` — the lines of a new entry; :func:`updated_lines` — the lines of an
  existing entry with only the changed keys rewritten, every other line kept as it was.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Mapping

from ..errors import EditionError
from ..model import Correction, Kind, Status
from . import yamltext

#: Order of an entry's keys when the tool writes one (hand-written order is kept).
ENTRY_KEYS = ("id", "status", "kind", "start", "end", "original", "reading", "readings",
              "confidence", "why", "context", "by", "on", "note", "history", "detector", "stale")
REQUIRED = ("id", "status", "kind", "start", "end", "original")
_RANK = {k: i for i, k in enumerate(ENTRY_KEYS)}
_LIST_KEYS = ("readings", "history")
_STATUSES = {s.value: s for s in Status}
_KINDS = {k.value: k for k in Kind}


def fail(path: Path, line: int | None, reason: str) -> EditionError:
    """The error for a malformed file: ``path:line: reason``."""
    where = f"{path}:{line}" if line else f"{path}"
    return EditionError(f"{where}: {reason}")


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def correction_from_fields(path: Path, entry: Mapping[str, Any], index: int, line: int | None,
                           key_line: Callable[[str], int | None]) -> Correction:
    """The correction an entry's values describe (``index``: its place in the list, from 0;
    ``line``: the line of its first key; ``key_line(key)``: the line of a key, for messages)."""
    if not isinstance(entry, Mapping):
        raise fail(path, line, f"entry {index + 1} is not a mapping of keys (id, status, ...)")
    for key in REQUIRED:
        if key not in entry or entry[key] is None:
            raise fail(path, line, f"entry {index + 1} has no {key!r}")
    unknown = [k for k in entry if k not in _RANK]
    if unknown:
        raise fail(path, key_line(unknown[0]),
                   f"unknown key {unknown[0]!r} (known: {', '.join(ENTRY_KEYS)})")
    status = _STATUSES.get(str(entry["status"]))
    if status is None:
        raise fail(path, key_line("status"), f"unknown status {str(entry['status'])!r} "
                   f"(use one of: {', '.join(_STATUSES)})")
    kind = _KINDS.get(str(entry["kind"]))
    if kind is None:
        raise fail(path, key_line("kind"), f"unknown kind {str(entry['kind'])!r} "
                   f"(use one of: {', '.join(_KINDS)})")
    for key in ("start", "end"):
        if not isinstance(entry[key], int) or isinstance(entry[key], bool):
            raise fail(path, key_line(key), f"{key} must be a whole number, got {entry[key]!r}")
    lists = {}
    for key in _LIST_KEYS:
        value = entry.get(key) or ()
        if isinstance(value, str) or not isinstance(value, (list, tuple)):
            raise fail(path, key_line(key), f"{key} must be a list, e.g. [Stalin]")
        if any(isinstance(v, (list, tuple, dict)) for v in value):
            raise fail(path, key_line(key), f"{key} must be a list of texts, e.g. [Stalin]")
        lists[key] = tuple(str(v) for v in value)
    confidence = entry.get("confidence", 1.0)
    if not isinstance(confidence, (int, float)) or isinstance(confidence, bool):
        raise fail(path, key_line("confidence"), f"confidence must be a number, got {confidence!r}")
    for key in ENTRY_KEYS:
        if isinstance(entry.get(key), (list, dict)) and key not in _LIST_KEYS:
            raise fail(path, key_line(key), f"{key} must be a text, not a "
                       f"{'list' if isinstance(entry[key], list) else 'mapping'}")
    try:
        return Correction(
            id=str(entry["id"]), status=status, kind=kind, start=entry["start"], end=entry["end"],
            original=str(entry["original"]), readings=lists["readings"],
            confidence=float(confidence), why=str(entry.get("why") or ""),
            context=str(entry.get("context") or ""), reading=_text(entry.get("reading")),
            by=_text(entry.get("by")), on=_text(entry.get("on")), note=_text(entry.get("note")),
            history=lists["history"], detector=str(entry.get("detector") or ""),
            stale=_text(entry.get("stale")), line=line)
    except ValueError as exc:
        label = str(entry["id"]).strip() or f"{index + 1}"  # an empty id names the entry by number
        raise fail(path, line, f"entry {label}: {exc}") from None


def fast_correction(path: Path, values: dict[str, Any], index: int, line: int) -> Correction:
    """:func:`correction_from_fields` for values read in the tool's layout (one key per line
    from ``line``, each already of its key's type): the common case, checked in fewer steps; any
    problem is reported by :func:`correction_from_fields`, with its line."""
    get = values.get
    try:
        if len(values) != len(set(values) & _RANK.keys()):
            raise KeyError
        return Correction(
            id=values["id"], status=_STATUSES[values["status"]], kind=_KINDS[values["kind"]],
            start=values["start"], end=values["end"], original=values["original"],
            readings=tuple(get("readings", ())), confidence=get("confidence", 1.0),
            why=get("why") or "", context=get("context") or "", reading=get("reading"),
            by=get("by"), on=get("on"), note=get("note"), history=tuple(get("history", ())),
            detector=get("detector") or "", stale=get("stale"), line=line)
    except (KeyError, ValueError):
        keys = list(values)
        return correction_from_fields(
            path, values, index, line, lambda k: line + keys.index(k) if k in values else line)


def field_values(c: Correction) -> dict[str, Any]:
    """The values ``c`` writes, by key, in :data:`ENTRY_KEYS` order; a key whose value is empty
    is left out (an empty ``reading`` is kept: it deletes the original, e.g. a stray mark; an
    empty ``readings`` list is kept on a pending entry, where it says "flag only")."""
    out: dict[str, Any] = {"id": c.id, "status": c.status.value, "kind": c.kind.value,
                           "start": c.start, "end": c.end, "original": c.original}
    if c.reading is not None:
        out["reading"] = c.reading
    if c.readings or c.status is Status.PROPOSED:
        out["readings"] = list(c.readings)
    out["confidence"] = c.confidence
    for key, value in (("why", c.why), ("context", c.context), ("by", c.by), ("on", c.on),
                       ("note", c.note)):
        if value:
            out[key] = value
    if c.history:
        out["history"] = list(c.history)
    if c.detector:
        out["detector"] = c.detector
    if c.stale:
        out["stale"] = c.stale
    return out


def encode_value(key: str, value: Any) -> str:
    """The value of ``key`` as it stands after ``key: `` on the entry's line."""
    if key in _NUMBER_KEYS:
        return yamltext.encode_number(value)
    if key in _LIST_KEYS:
        return yamltext.encode_list(value)
    if key in _NAME_KEYS:
        return value  # a status or kind: a plain word, as it is
    return yamltext.encode(value)


_NUMBER_KEYS = frozenset(("start", "end", "confidence"))
_NAME_KEYS = frozenset(("status", "kind"))


def entry_text(c: Correction) -> str:
    """The lines of ``c`` as a new entry of the list (no indentation before ``- ``)."""
    lines = [f"{key}: {encode_value(key, value)}" for key, value in field_values(c).items()]
    return "- " + "\n  ".join(lines) + "\n"


def updated_lines(lines: list[str], values: dict[str, Any], raw: dict[str, str | None],
                  c: Correction) -> list[str]:
    """The new lines of an entry read in the tool's layout: ``lines`` as written, ``values``
    and ``raw`` each key's value as read and as written. A key whose value changed gets a new
    value on its line (the editor's comment after it is kept), a key that became empty loses
    its line, a new key goes after the last present key that precedes it in
    :data:`ENTRY_KEYS`; every other line stays as written (comments, quoting, order)."""
    new = field_values(c)
    out: list[tuple[str | None, str]] = []  # (key, line); None: a comment or blank line
    for line in lines:
        key = line[2:line.find(":")] if line[:2] in ("- ", "  ") and ":" in line else None
        if key not in values:
            out.append((None, line))
            continue
        if key not in new:
            if line.startswith("- "):  # the item's first line goes: the next key opens it
                out.append(("-", ""))
            continue
        if new[key] != values[key]:
            prefix = line[:2] + key + ": "
            rest = line[len(prefix) + len(raw[key] or ""):]  # a comment after the value
            line = prefix + encode_value(key, new[key]) + rest
        out.append((key, line))
    for key, value in new.items():
        if any(k == key for k, _ in out):
            continue
        pos = next((i for i, (k, _) in enumerate(out) if k not in (None, "-")), len(out))
        for i, (k, _) in enumerate(out):
            if k not in (None, "-") and _RANK[k] < _RANK[key]:
                pos = i + 1
        out.insert(pos, (key, f"  {key}: {encode_value(key, value)}"))
    return _one_item(out)


def _one_item(out: list[tuple[str | None, str]]) -> list[str]:
    """The lines, with the first key's line opening the item (``- ``) and the others indented."""
    first = next(i for i, (k, _) in enumerate(out) if k not in (None, "-"))
    lines = []
    for i, (k, line) in enumerate(out):
        if k == "-":
            continue
        if k is not None:
            line = ("- " if i == first else "  ") + line[2:]
        lines.append(line)
    return lines
