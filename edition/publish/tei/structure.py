"""The layout of a source text: its blocks and what each block is.

A plain-text transcription has no markup, but its layout says a lot: blocks are separated by
blank lines, a wider gap (two or more blank lines) separates groups, a run of short one-line
blocks before the first paragraph is a contents list, a short line standing alone is a title, a
short line right before a paragraph is its heading, and trailing ``Label: value`` lines after the
last paragraph are a colophon ("First Edition: ...", "Electronic Edition: ..."). These are
general layout rules; no rule looks at particular words of a text.

- :func:`layout` — the :class:`Layout` of a text: every :class:`Block` with its span and
  :class:`Role`. The spans of the corrections to be encoded are passed in so that no correction
  crosses a block boundary (a correction that joins two paragraphs joins their blocks).
- :func:`colophon_lines` — the ``(label, value)`` lines of the colophon.

What lies between blocks is only spaces, tabs and newlines (the separators); the writer keeps it
as the whitespace between TEI elements, so the source is rebuilt exactly.

>>> lay = layout("Author Name\\nHis Office\\n\\n\\nThe Title\\n\\n\\n" + "A paragraph with many words. " * 5)
>>> [b.role.value for b in lay.blocks]
['byline', 'title', 'p']
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Iterable

import regex


class Role(str, enum.Enum):
    """What a block is; the writer maps each role to a TEI element."""

    BYLINE = "byline"  # title page, before the title: author, the author's position
    TITLE = "title"  # title page: the title line
    CONTENTS = "contents"  # an entry of the contents list
    FRONT = "front"  # any other block of the front matter
    HEAD = "head"  # a heading in the body
    P = "p"  # a paragraph of the body
    COLOPHON = "colophon"  # the closing "Label: value" lines

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Block:
    """A block of the source: ``text[start:end]``, its role, and its group number."""

    start: int
    end: int
    role: Role
    group: int


@dataclass(frozen=True)
class Layout:
    text: str
    blocks: tuple[Block, ...]

    def block_text(self, block: Block) -> str:
        return self.text[block.start:block.end]

    def in_role(self, *roles: Role) -> list[Block]:
        return [b for b in self.blocks if b.role in roles]


# A blank line is a line of spaces and tabs only (the XML whitespace characters other than CR,
# which a normalized source never holds); only such characters may lie between TEI elements.
_SEPARATOR = re.compile(r"\n(?:[ \t]*\n)+")
_LEADING = re.compile(r"(?:[ \t]*\n)+")
_TRAILING = re.compile(r"\n[ \t\n]*\Z")
_WORD = regex.compile(r"\w+")
_SENTENCE_END = regex.compile(r"[.!?…][\"'”’»)\]]*\s*\Z")
_LABELLED = regex.compile(r"\A\s*\p{L}[^:\n]{0,40}:\s+\S")

# A paragraph: 25 words or more, or 12 or more ending like a sentence. Contents entries,
# headings and title lines in the texts we know stay under a dozen words (the seed's longest
# contents entry has 10), and a paragraph of under 25 words without a final stop is rare.
PROSE_WORDS = 25
SENTENCE_WORDS = 12
# A heading or contents entry is one line of at most this many words.
SHORT_WORDS = 15
# Two short lines in a group are as often a title and a subtitle as a list; three or more
# one-line entries in one group are read as a contents list.
CONTENTS_MIN = 3


def _words(s: str) -> int:
    return len(_WORD.findall(s))


def _is_prose(s: str) -> bool:
    n = _words(s)
    return n >= PROSE_WORDS or (n >= SENTENCE_WORDS and bool(_SENTENCE_END.search(s)))


def _is_short_line(s: str) -> bool:
    return "\n" not in s and 0 < _words(s) <= SHORT_WORDS


def _blocked(sep_start: int, sep_end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """True when a correction span reaches into the separator ``sep_start:sep_end``."""
    for s, e in spans:
        if s == e:
            if sep_start < s < sep_end:
                return True
        elif s < sep_end and e > sep_start:
            return True
    return False


def split_blocks(text: str, spans: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int, int]]:
    """``(start, end, blank_lines_before)`` of each block; separators that a span reaches into
    are not block boundaries.

    >>> split_blocks("a\\n\\nb\\n\\n\\nc\\n")
    [(0, 1, 0), (3, 4, 1), (7, 8, 2)]
    >>> split_blocks("a\\n\\nb", spans=[(1, 3)])
    [(0, 4, 0)]
    """
    spans = list(spans)
    if not text.strip(" \t\n"):
        return [(0, len(text), 0)]
    start = 0
    lead = _LEADING.match(text)
    if lead and not any(s < lead.end() for s, _ in spans):
        start = lead.end()
    end = len(text)
    trail = _TRAILING.search(text)
    if trail and not any(e > trail.start() for _, e in spans):
        end = trail.start()
    blocks = []
    gap = 0
    for m in _SEPARATOR.finditer(text, start, end):
        if _blocked(m.start(), m.end(), spans):
            continue
        blocks.append((start, m.start(), gap))
        gap = m.group().count("\n") - 1
        start = m.end()
    blocks.append((start, end, gap))
    return blocks


def layout(text: str, spans: Iterable[tuple[int, int]] = ()) -> Layout:
    """Split ``text`` into blocks and give each a role (see the module docstring)."""
    raw = split_blocks(text, spans)
    groups = []
    g = 0
    for i, (_, _, gap) in enumerate(raw):
        if i and gap >= 2:
            g += 1
        groups.append(g)
    texts = [text[s:e] for s, e, _ in raw]
    # The colophon: the closing run of blocks made of short "Label: value" lines.
    colophon = len(raw)
    while colophon > 0 and _is_colophon(texts[colophon - 1]):
        colophon -= 1
    prose = [i for i, t in enumerate(texts[:colophon]) if _is_prose(t)]
    roles = [Role.P] * len(raw)
    if prose:
        first, last = prose[0], prose[-1]
        body_start = first
        # A short line in the same group right before the first paragraph is its heading.
        if first > 0 and groups[first - 1] == groups[first] and _is_heading(texts[first - 1]):
            body_start = first - 1
        _front_roles(texts, groups, roles, body_start)
        for i in range(body_start, last + 1):
            if i + 1 < len(raw) and i + 1 in prose and _is_heading(texts[i]) and i not in prose:
                roles[i] = Role.HEAD
        for i in range(max(colophon, last + 1), len(raw)):
            roles[i] = Role.COLOPHON
    blocks = tuple(Block(s, e, roles[i], groups[i]) for i, (s, e, _) in enumerate(raw))
    return Layout(text, blocks)


def _is_heading(s: str) -> bool:
    return _is_short_line(s) and not s.rstrip().endswith((".", ",", ";", ":"))


def _is_colophon(s: str) -> bool:
    return all(_LABELLED.match(line) and _words(line) <= SHORT_WORDS for line in s.split("\n"))


def _front_roles(texts: list[str], groups: list[int], roles: list[Role], body_start: int) -> None:
    """Roles of the blocks before ``body_start``: byline, title, contents, other front matter."""
    front = range(body_start)
    by_group: dict[int, list[int]] = {}
    for i in front:
        by_group.setdefault(groups[i], []).append(i)
    title = None
    for members in by_group.values():
        if len(members) >= CONTENTS_MIN and all(_is_short_line(texts[i]) for i in members):
            for i in members:
                roles[i] = Role.CONTENTS
        elif title is None and len(members) == 1 and _is_short_line(texts[members[0]]):
            title = members[0]
    for i in front:
        if roles[i] is Role.CONTENTS:
            continue
        if title is not None and i < title:
            roles[i] = Role.BYLINE
        elif i == title:
            roles[i] = Role.TITLE
        else:
            roles[i] = Role.FRONT


def colophon_lines(lay: Layout) -> list[tuple[str, str]]:
    """The ``(label, value)`` pairs of the colophon's lines.

    >>> lay = layout("A paragraph of words that goes on and on, long enough to be prose text. " * 2
    ...              + "\\n\\nFirst Edition: Tirana, 1981.\\nElectronic Edition: MIA, 2000.")
    >>> colophon_lines(lay)
    [('First Edition', 'Tirana, 1981.'), ('Electronic Edition', 'MIA, 2000.')]
    """
    out = []
    for b in lay.in_role(Role.COLOPHON):
        for line in lay.block_text(b).split("\n"):
            label, _, value = line.partition(":")
            out.append((label.strip(), value.strip()))
    return out
