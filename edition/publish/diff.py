"""The diff between a source and its edition, word by word, each hunk tied to its decisions.

:func:`diff_hunks` computes the diff with diff-match-patch over *words* (each word, run of spaces
or punctuation mark becomes one symbol, as dmp does for lines), cleans it up semantically, and
returns :class:`Segment`s in difflib's vocabulary (``equal / replace / delete / insert`` with
``i1:i2`` in the source and ``j1:j2`` in the edition). Every changed segment carries the ids of
the corrections whose edits it covers; a hunk no decision explains has no ids, and
:mod:`edition.publish.verify` reports it.

Renderings: :func:`render_terminal` (coloured or ``[-old-]{+new+}``), :func:`render_unified`
(a ``diff -U0``-style patch of lines, each hunk header naming its decisions) and
:func:`diff_json`; the HTML page is in :mod:`edition.publish.pages`.

>>> from edition.apply import edits
>>> from edition.model import Correction, Kind, Status
>>> c = Correction("gl-1", 3, 11, "V1adimir", Kind.GLYPH, Status.ACCEPTED, reading="Vladimir")
>>> [(s.tag, s.old, s.new, s.ids)
...  for s in diff_hunks("of V1adimir Ilyich", "of Vladimir Ilyich", edits("of V1adimir Ilyich", [c]))
...  if s.tag != "equal"]
[('replace', 'V1adimir', 'Vladimir', ('gl-1',))]
"""
from __future__ import annotations

import bisect
import json
from typing import Iterable, NamedTuple, Sequence

import regex
from diff_match_patch import diff_match_patch

from ..apply import Edit

_TOKEN = regex.compile(r"\w+|\s+|[^\w\s]", regex.V1)


class Segment(NamedTuple):
    tag: str  # equal | replace | delete | insert
    i1: int
    i2: int
    j1: int
    j2: int
    old: str
    new: str
    ids: tuple[str, ...]


def _symbols(texts: Sequence[str]) -> tuple[list[str], list[str]]:
    """Each text as a string of one symbol per token, and the token table."""
    table: list[str] = []
    index: dict[str, int] = {}
    out = []
    for text in texts:
        chars = []
        for tok in _TOKEN.findall(text):
            if tok not in index:
                index[tok] = len(table)
                table.append(tok)
            n = index[tok]
            # skip the surrogate block: those code points cannot stand alone in a str for dmp
            chars.append(chr(n + 0x100 + (0x800 if n + 0x100 >= 0xD800 else 0)))
        out.append("".join(chars))
    return out, table


def _token(table: list[str], ch: str) -> str:
    n = ord(ch) - 0x100
    if n >= 0xD800 - 0x100 + 0x800:
        n -= 0x800
    return table[n]


def _meets(a1: int, a2: int, b1: int, b2: int) -> bool:
    """Two spans share a character, or an empty one lies within the other (ends included)."""
    if a1 == a2 or b1 == b2:
        return b1 <= a1 <= b2 if a1 == a2 else a1 <= b1 <= a2
    return a1 < b2 and b1 < a2


def _link(i1: int, i2: int, j1: int, j2: int, changes: Sequence[Edit]) -> tuple[str, ...]:
    return tuple(e.correction.id for e in changes
                 if _meets(i1, i2, e.i1, e.i2) and _meets(j1, j2, e.j1, e.j2))


def word_diff(a: str, b: str) -> list[tuple[int, str]]:
    """dmp's ``(op, text)`` diff of ``a`` and ``b`` at word level, semantically cleaned up.

    The cleanup runs on the word symbols, so a hunk never starts or ends inside a word.

    >>> word_diff("of V1adimir Ilyich", "of Vladimir Ilyich")
    [(0, 'of '), (-1, 'V1adimir'), (1, 'Vladimir'), (0, ' Ilyich')]
    """
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # no time limit: the same inputs always give the same diff
    (sa, sb), table = _symbols([a, b])
    diffs = dmp.diff_main(sa, sb, False)
    dmp.diff_cleanupSemantic(diffs)
    return [(op, "".join(_token(table, ch) for ch in text)) for op, text in diffs if text]


_WORDCHAR = regex.compile(r"\w")


class _Region(NamedTuple):
    i1: int
    i2: int
    j1: int
    j2: int
    changes: tuple[Edit, ...]


def _regions(source: str, changes: Sequence[Edit]) -> list[_Region]:
    """Each edit widened to whole words (the widening is text both sides share), merged with
    its neighbours when they touch."""
    out: list[_Region] = []
    for n, e in enumerate(changes):
        floor = changes[n - 1].i2 if n else 0
        ceiling = changes[n + 1].i1 if n + 1 < len(changes) else len(source)
        a1 = e.i1
        while a1 > floor and _WORDCHAR.match(source[a1 - 1]):
            a1 -= 1
        a2 = e.i2
        while a2 < ceiling and _WORDCHAR.match(source[a2]):
            a2 += 1
        b1, b2 = e.j1 - (e.i1 - a1), e.j2 + (a2 - e.i2)
        if out and a1 <= out[-1].i2:
            last = out.pop()
            out.append(_Region(last.i1, a2, last.j1, b2, last.changes + (e,)))
        else:
            out.append(_Region(a1, a2, b1, b2, (e,)))
    return out


def diff_hunks(source: str, reading: str, changes: Sequence[Edit]) -> list[Segment]:
    """The segments of the diff of ``source`` and ``reading`` (the text with the ``changes``
    made: :func:`edition.apply.edits`, or an edition plan's), each change linked to the
    corrections that caused it.

    The text between the corrections is the same on both sides by construction, so dmp runs on
    each changed region (the corrections widened to whole words): a hunk can then never be
    aligned against the wrong copy of a repeated word, and it always has its decision.
    """
    segments: list[Segment] = []
    i = j = 0
    for r in _regions(source, changes):
        if r.i1 > i:
            segments.append(Segment("equal", i, r.i1, j, r.j1, source[i:r.i1], source[i:r.i1], ()))
        i, j = r.i1, r.j1
        pending: list[tuple[int, str]] = []
        for op, text in word_diff(source[r.i1:r.i2], reading[r.j1:r.j2]) + [(0, "")]:
            if op != 0:
                pending.append((op, text))
                continue
            if pending:
                old = "".join(t for o, t in pending if o < 0)
                new = "".join(t for o, t in pending if o > 0)
                tag = "replace" if old and new else ("delete" if old else "insert")
                ids = _link(i, i + len(old), j, j + len(new), r.changes) or \
                    tuple(e.correction.id for e in r.changes)
                segments.append(Segment(tag, i, i + len(old), j, j + len(new), old, new, ids))
                i, j = i + len(old), j + len(new)
                pending = []
            if text:
                segments.append(Segment("equal", i, i + len(text), j, j + len(text), text, text, ()))
                i, j = i + len(text), j + len(text)
    if i < len(source):
        segments.append(Segment("equal", i, len(source), j, len(reading), source[i:], source[i:], ()))
    return segments


def changes_of(segments: Iterable[Segment]) -> list[Segment]:
    return [s for s in segments if s.tag != "equal"]


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


RED, GREEN, DIM, RESET = "\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[0m"
#: Characters of unchanged text shown on each side of a change in the terminal.
CONTEXT = 40


def _visible(s: str) -> str:
    """Newlines and other control characters made visible on one terminal line."""
    return "".join("⏎" if ch == "\n" else (f"\\x{ord(ch):02x}" if ord(ch) < 0x20 and ch != "\t"
                                            else ch) for ch in s)


def render_terminal(source: str, segments: Sequence[Segment], *, color: bool) -> str:
    """One entry per change: where, which decisions, the words around it, old and new."""
    out = []
    for s in changes_of(segments):
        line, col = line_col(source, s.i1)
        before = source[max(0, s.i1 - CONTEXT):s.i1].rsplit("\n", 1)[-1]
        after = source[s.i2:s.i2 + CONTEXT].split("\n", 1)[0]
        old, new = _visible(s.old), _visible(s.new)
        if color:
            change = (f"{RED}{old}{RESET}" if old else "") + (f"{GREEN}{new}{RESET}" if new else "")
            head = f"{DIM}line {line}:{col}{RESET}"
        else:
            change = (f"[-{old}-]" if old else "") + (f"{{+{new}+}}" if new else "")
            head = f"line {line}:{col}"
        ids = " ".join(s.ids) or "(no decision)"
        out.append(f"{head}  {ids}\n    …{_visible(before)}{change}{_visible(after)}…")
    return "\n".join(out) + ("\n" if out else "")


def _lines(text: str) -> list[str]:
    r"""The lines of ``text`` with their ``\n`` (the last one without, when the text lacks it).

    >>> _lines("a\nb"), _lines("a\n")
    (['a\n', 'b'], ['a\n'])
    """
    return [m.group() for m in _LINE.finditer(text)]


_LINE = regex.compile(r"[^\n]*\n|[^\n]+\Z")


def render_unified(source: str, reading: str, segments: Sequence[Segment], *,
                   name: str = "source", new_name: str = "edition") -> str:
    r"""A ``diff -U0``-style patch of whole lines; each ``@@`` header names the decisions.

    As ``diff`` writes it, so that ``patch`` applies it: a last line without a line end is
    followed by ``\ No newline at end of file``. (``git apply`` wants ``--unidiff-zero`` for
    a patch without context lines.)
    """
    old_nl = [i for i, ch in enumerate(source) if ch == "\n"]
    new_nl = [i for i, ch in enumerate(reading) if ch == "\n"]
    old_lines, new_lines = _lines(source), _lines(reading)

    def line_of(newlines: list[int], offset: int) -> int:  # newlines before ``offset``
        return bisect.bisect_left(newlines, offset)

    groups: list[list[Segment]] = []
    last_line = -1
    for s in changes_of(segments):
        first = line_of(old_nl, s.i1)
        if groups and first <= last_line:
            groups[-1].append(s)
        else:
            groups.append([s])
        last_line = line_of(old_nl, s.i2)
    out = [f"--- {name}\n", f"+++ {new_name}\n"]

    def body(sign: str, lines: list[str]) -> list[str]:
        return [f"{sign}{ln}" if ln.endswith("\n") else f"{sign}{ln}\n\\ No newline at end of file\n"
                for ln in lines]

    def span(first: int, count: int) -> str:  # diff names an empty range by the line before it
        return f"{first},0" if count == 0 else f"{first + 1},{count}"

    for g in groups:
        a_first, a_last = line_of(old_nl, g[0].i1), line_of(old_nl, g[-1].i2)
        b_first, b_last = line_of(new_nl, g[0].j1), line_of(new_nl, g[-1].j2)
        a_lines = old_lines[a_first:a_last + 1]
        b_lines = new_lines[b_first:b_last + 1]
        ids = " ".join(i for s in g for i in s.ids) or "(no decision)"
        out.append(f"@@ -{span(a_first, len(a_lines))} +{span(b_first, len(b_lines))} @@ {ids}\n")
        out += body("-", a_lines)
        out += body("+", b_lines)
    return "".join(out)


def diff_json(source: str, segments: Sequence[Segment], *, name: str) -> str:
    """The changes as JSON: where (offsets, line, column), old, new, and the decision ids."""
    hunks = []
    for s in changes_of(segments):
        line, col = line_col(source, s.i1)
        hunks.append({"tag": s.tag, "i1": s.i1, "i2": s.i2, "j1": s.j1, "j2": s.j2,
                      "line": line, "column": col, "old": s.old, "new": s.new, "ids": list(s.ids)})
    return json.dumps({"source": name, "hunks": hunks}, ensure_ascii=False, indent=2) + "\n"
