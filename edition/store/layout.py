"""The text of a corrections file, cut into the parts the store reads and rewrites separately.

A corrections file is one YAML document::

    # comments ...                       ┐
    source: ../seeds/text.txt            │ the head: read with ruamel.yaml (small),
    sha256: 6378ebf2...                  │ rewritten only when one of its values changes
    edition: {title: ...}                ┘
    corrections:                         ─ the list's key
    - id: gl-04f1bd57                    ┐ an entry: one block of lines, with the comment lines
      status: accepted                   │ just above it; read line by line when it is in the
      ...                                ┘ tool's layout, else by ruamel.yaml, block by block
    - id: ...
    (tail: anything after the list, rare)

Each entry is read, checked and rewritten on its own: one decision rewrites only its own entry's
changed lines, and every other byte of the file stays as it was (the editor's comments, quoting
and order included), so ``git diff`` shows one decision as a few lines.

- :func:`cut` — find the head, the list's line, each entry's block and the tail;
- :func:`fast_values`, :func:`decode_values` — an entry's values read by one regular
  expression, or None (outside the layout);
- :func:`yaml_load` — ruamel.yaml's round-trip reading of a part, refusing anchors and aliases
  (an alias "bomb" of a few hundred bytes expands to gigabytes);
- :func:`yaml_dump` — the text of a part changed through ruamel.yaml.
"""
from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .entries import ENTRY_KEYS, fail
from . import yamltext

_LIST_LINE = re.compile(r"^corrections:[ \t]*(\[\][ \t]*)?(#[^\n]*)?$", re.M)
_CONTENT = re.compile(r"^[ \t]*[^ \t\n#]", re.M)  # a line that is neither blank nor a comment
_QUIET = re.compile(r"^[ \t]*(#[^\n]*)?$", re.M)  # a blank or comment line
_INTS = ("start", "end")


@dataclass(frozen=True)
class Cut:
    """Where the parts of a corrections file's text lie (character offsets into it).

    ``head`` is ``text[:list_at]``; the list's key line is ``text[list_at:entries_at]``; entry
    ``i`` is ``text[blocks[i]:blocks[i + 1]]`` (the last ends at ``tail_at``); the tail is
    ``text[tail_at:]``. ``indent`` is the entries' indentation (the tool writes 0). Without a
    ``corrections:`` key, ``list_at == entries_at == tail_at == len(text)`` and the head is
    everything.
    """

    list_at: int
    entries_at: int
    blocks: tuple[int, ...]
    tail_at: int
    indent: int
    empty_flow: bool  # the key line reads `corrections: []`


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def cut(text: str) -> Cut:
    """Cut ``text`` into head, list line, entry blocks and tail (see :class:`Cut`).

    >>> t = "source: a.txt\\ncorrections:\\n# first\\n- id: x\\n  status: proposed\\n- id: y\\n"
    >>> c = cut(t)
    >>> [t[a:b] for a, b in zip(c.blocks, c.blocks[1:] + (c.tail_at,))]
    ['# first\\n- id: x\\n  status: proposed\\n', '- id: y\\n']
    """
    m = _LIST_LINE.search(text)
    end = len(text)
    if m is None:
        return Cut(end, end, (), end, 0, False)
    list_at = m.start()
    entries_at = m.end() + 1 if m.end() < end else end
    first = _CONTENT.search(text, entries_at)
    if first is None:  # only comments after the key: they are the tail
        return Cut(list_at, entries_at, (), entries_at, 0, m.group(1) is not None)
    indent = first.end() - 1 - first.start()
    if text[first.end() - 1] != "-" or m.group(1) is not None:
        # no list item follows the key: the next key starts the tail (with its comments)
        return Cut(list_at, entries_at, (), _after_items(text, entries_at, first.start()), indent,
                   m.group(1) is not None)
    pad = " " * indent
    # The list ends at the first line indented less than its items, or as much without "- ".
    stop = re.compile(rf"^(?! {{{indent}}})[ ]*[^ \t\n#]|^{pad}(?!-(?: |$))[^ \t\n#]", re.M)
    s = stop.search(text, first.start())
    list_end = s.start() if s else end
    items = [i.start() for i in re.finditer(rf"^{pad}-(?: |$)", text[:list_end], re.M)
             if i.start() >= first.start()]
    tail_at = _after_items(text, items[-1], list_end) if s else end
    if _QUIET.search(text, entries_at, tail_at) is None:
        blocks = items
    else:  # each entry takes the comment and blank lines just above it
        blocks = [entries_at] + [_leading_quiet(text, p, lo) for lo, p in zip(items, items[1:])]
    return Cut(list_at, entries_at, tuple(blocks), tail_at, indent, False)


def _leading_quiet(text: str, item: int, floor: int) -> int:
    """The start of the run of blank and comment lines just above ``item`` (not above
    ``floor``, the previous item's first line)."""
    pos = item
    while pos > floor:
        prev = _line_start(text, pos - 1)
        if prev <= floor or not _QUIET.fullmatch(text, prev, pos - 1):
            break
        pos = prev
    return pos


def _after_items(text: str, floor: int, stop: int) -> int:
    """Where the tail starts: at ``stop`` (a line outside the list), or above it at the run
    of blank and comment lines that leads up to it."""
    return _leading_quiet(text, stop, floor) if stop < len(text) else stop


# An entry in the tool's layout, as one regular expression: ``- id: ...`` and then each key of
# ENTRY_KEYS in that order, on a line of its own, every one but the id optional. The values are
# held to the forms yamltext reads exactly: a plain scalar (no indicator first, no ": " or " #"
# inside, no tab, no trailing space), a single- or double-quoted one, a number, a flow list of
# such scalars. (Characters YAML does not print, and plain values YAML reads as another type,
# are checked after the match, in yamltext.)
_SCALAR = rf"(?:{yamltext.QUOTED}|{yamltext.PLAIN})"
_ITEM = yamltext.FLOW_ITEM
_FORMS = {"start": r"[0-9]+", "end": r"[0-9]+", "confidence": r"[0-9]+(?:\.[0-9]+)?",
          "readings": rf"\[(?:{_ITEM}(?:, {_ITEM})*)?\]", "history": rf"\[(?:{_ITEM}(?:, {_ITEM})*)?\]"}
# An editor's comments are part of the layout: whole comment (or blank) lines before the entry
# and between its keys, and a comment after a value (a plain value cannot hold " #").
_QUIET_LINES = r"(?:[ \t]*(?:\#[^\n]*)?\n)*"
_COMMENT = r"(?:[ \t]+\#[^\n]*)?"
_ENTRY = re.compile(_QUIET_LINES + "- id: (" + _SCALAR + ")" + _COMMENT + "\n" + "".join(
    f"(?:{_QUIET_LINES}  {key}: ({_FORMS.get(key, _SCALAR)}){_COMMENT}\n)?"
    for key in ENTRY_KEYS[1:]) + _QUIET_LINES)


def fast_values(text: str, start: int, end: int) -> tuple[str | None, ...] | None:
    """The raw value of each key of :data:`ENTRY_KEYS` (None: absent) of the entry written at
    ``text[start:end]``, when it is in the tool's layout (an editor's comments allowed); None
    otherwise (another order or indentation, a multi-line value...: ruamel.yaml reads it then).

    >>> t = "- id: gl-1\\n  start: 3\\n  readings: [Vladimir, 'a: b']\\n"
    >>> v = fast_values(t, 0, len(t))
    >>> v[0], v[3], v[7], v[8]
    ('gl-1', '3', "[Vladimir, 'a: b']", None)
    """
    m = _ENTRY.match(text, start, end)
    if m is None or m.end() != end:
        return None
    return m.groups()


def decode_values(raw: tuple[str | None, ...], printable: bool = False) -> dict[str, object] | None:
    """The values of :func:`fast_values`, typed, by key (None: a value outside what yamltext
    reads). ``printable``: the caller checked that the text holds only characters YAML prints
    on a line (:func:`all_printable`), so single values need not be checked again."""
    values: dict[str, object] = {}
    for key, decode, r in zip(ENTRY_KEYS, _DECODERS[printable], raw):
        if r is not None:
            value = decode(r)
            if value is None:
                return None
            values[key] = value
    return values


def _list(decode: Any) -> Any:
    return lambda r: [] if r == "[]" else decode(r)


# The decoder of each key's value (in ENTRY_KEYS order), for a text checked to hold only
# printable characters (True) or not (False).
_DECODERS = {
    printable: tuple(int if key in _INTS else float if key == "confidence" else
                     _list(yamltext.decode_list_matched if printable else yamltext.decode_list)
                     if key in ("readings", "history") else
                     yamltext.decode_matched if printable else yamltext.decode
                     for key in ENTRY_KEYS)
    for printable in (True, False)}


def all_printable(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` holds only line breaks and characters a one-line YAML
    scalar holds as they are (see :func:`yamltext.decode_matched`)."""
    return yamltext.UNPRINTABLE.search(text, start, end) is None


# --------------------------------------------------------------------------- ruamel.yaml parts


@functools.lru_cache(maxsize=1)
def _yaml() -> Any:
    """One ruamel.yaml instance for every part read or written (making one costs more than
    reading an entry with it)."""
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.width = 4096  # keep long `why` and `context` strings on one line: easier to diff
    y.indent(mapping=2, sequence=2, offset=0)
    y.preserve_quotes = True
    return y


def yaml_load(path: Path, text: str, first_line: int) -> Any:
    """ruamel.yaml's round-trip reading of a part of the file that starts at line
    ``first_line``; a malformed part, an anchor or an alias is refused with its line."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.events import AliasEvent

    y = _yaml()
    try:
        events = y.parse(io.StringIO(text)) if "&" in text or "*" in text else ()
        for event in events:
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
                line = first_line + event.start_mark.line if event.start_mark else None
                raise fail(path, line, "anchors and aliases (&name, *name) are not allowed in a "
                           "corrections file: write each value out")
        return y.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else None
        raise fail(path, line, f"not valid YAML: {exc.problem or exc.context}") from None
    except YAMLError as exc:
        raise fail(path, first_line, f"not valid YAML: {exc}") from None
    except RecursionError:
        raise fail(path, first_line, "not valid YAML: nested too deeply") from None


def yaml_dump(value: Any) -> str:
    """The text ruamel.yaml writes for ``value`` (a part changed through it)."""
    buf = io.StringIO()
    _yaml().dump(value, buf)
    return buf.getvalue()
