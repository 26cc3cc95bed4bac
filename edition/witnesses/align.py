"""The word-level aligner: two token sequences in, difflib's opcodes out.

:func:`align` returns ``(tag, i1, i2, j1, j2)`` opcodes (tags ``equal``, ``replace``,
``delete``, ``insert``) that turn ``a`` into ``b``, as :meth:`difflib.SequenceMatcher.get_opcodes`
does, but fast on whole books. Plain difflib on two 100,000-word witnesses spends its time on
the common words (``the`` occurs thousands of times: every longest-match search visits them
all), and diff-match-patch's Myers diff on word-id strings is quadratic in the number of
differences (a page of OCR noise). Here, as in the patience diff:

1. the common head and tail are matched at once;
2. the words found exactly once in each side (in the part still to align) are *anchors*; the
   longest run of anchors in the same order on both sides (a longest increasing subsequence)
   is matched;
3. each gap between anchors is aligned the same way, and a gap with no anchor left (a few
   words, or a passage of noise) gets a minimal word-level edit script (rapidfuzz's
   Levenshtein, in C++): a word misread one for one is one substitution, never a shifted
   match of the common words around it (difflib's longest-match heuristic did that: ``the the
   to of`` against ``the X to Y`` matched ``to of`` late and lost a word).

The measurements that chose this over difflib, diff-match-patch and CollateX are in
``docs/BENCHMARKS.md`` (``benchmarks/collate_speed.py``).

>>> [tuple(op) for op in align("the cat sat on the mat".split(), "the cat sat on a mat".split())]
[('equal', 0, 4, 0, 4), ('replace', 4, 5, 4, 5), ('equal', 5, 6, 5, 6)]
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from difflib import SequenceMatcher
from typing import Hashable, Literal, NamedTuple, Sequence

from rapidfuzz.distance import Levenshtein

Tag = Literal["equal", "replace", "delete", "insert"]


class Opcode(NamedTuple):
    """``a[i1:i2]`` becomes ``b[j1:j2]`` (difflib's vocabulary)."""

    tag: Tag
    i1: int
    i2: int
    j1: int
    j2: int


#: A gap with fewer words than this on either side gets its edit script without looking for
#: anchors: below that, finding anchors costs more than the script.
SMALL_GAP = 64
#: The edit script's table grows with the product of the gap's lengths (a bit per cell, rapidfuzz
#: keeps it in 64-bit words): up to 4·10⁸ cells, 50 MB. Larger gaps without a single anchor
#: (passages with no word in common once) go to difflib.
MAX_EDIT_CELLS = 400_000_000


def align(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """Opcodes turning ``a`` into ``b``, adjacent ones of the same tag merged."""
    ids: dict[Hashable, int] = {}
    x = [ids.setdefault(t, len(ids)) for t in a]
    y = [ids.setdefault(t, len(ids)) for t in b]
    raw: list[Opcode] = []
    # An explicit stack of gaps, not recursion: a book has thousands of nested gaps.
    stack = [(0, len(x), 0, len(y))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        _align_gap(x, y, alo, ahi, blo, bhi, raw, stack)
    return _merged(sorted(raw, key=lambda op: (op.i1, op.j1, op.i2, op.j2)))


def _align_gap(x: list[int], y: list[int], alo: int, ahi: int, blo: int, bhi: int,
               out: list[Opcode], stack: list[tuple[int, int, int, int]]) -> None:
    head = 0
    while alo + head < ahi and blo + head < bhi and x[alo + head] == y[blo + head]:
        head += 1
    if head:
        out.append(Opcode("equal", alo, alo + head, blo, blo + head))
        alo, blo = alo + head, blo + head
    tail = 0
    while ahi - tail > alo and bhi - tail > blo and x[ahi - tail - 1] == y[bhi - tail - 1]:
        tail += 1
    if tail:
        out.append(Opcode("equal", ahi - tail, ahi, bhi - tail, bhi))
        ahi, bhi = ahi - tail, bhi - tail
    if alo == ahi and blo == bhi:
        return
    if alo == ahi:
        out.append(Opcode("insert", alo, alo, blo, bhi))
        return
    if blo == bhi:
        out.append(Opcode("delete", alo, ahi, blo, blo))
        return
    anchors = ([] if min(ahi - alo, bhi - blo) < SMALL_GAP
               else unique_anchors(x, y, alo, ahi, blo, bhi))
    if not anchors:
        if (ahi - alo) * (bhi - blo) <= MAX_EDIT_CELLS:
            script = Levenshtein.opcodes(x[alo:ahi], y[blo:bhi])
            out.extend(Opcode(op.tag, alo + op.src_start, alo + op.src_end, blo + op.dest_start,
                              blo + op.dest_end) for op in script)
        else:  # two long passages with no word in common once: difflib needs no table
            matcher = SequenceMatcher(None, x[alo:ahi], y[blo:bhi], autojunk=False)
            out.extend(Opcode(tag, alo + i1, alo + i2, blo + j1, blo + j2)
                       for tag, i1, i2, j1, j2 in matcher.get_opcodes())
        return
    i, j = alo, blo
    for ai, bj in anchors:
        stack.append((i, ai, j, bj))
        out.append(Opcode("equal", ai, ai + 1, bj, bj + 1))
        i, j = ai + 1, bj + 1
    stack.append((i, ahi, j, bhi))


def unique_anchors(x: Sequence[Hashable], y: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
                   ) -> list[tuple[int, int]]:
    """The longest chain of words found once in each side (``x[alo:ahi]``, ``y[blo:bhi]``), in
    the same order on both: pairs (i, j) of their positions (patience diff's anchors)."""
    in_a = Counter(x[alo:ahi])
    in_b = Counter(y[blo:bhi])
    where_b = {t: j for j, t in enumerate(y[blo:bhi], blo) if in_b[t] == 1 and in_a[t] == 1}
    pairs = [(i, where_b[t]) for i, t in enumerate(x[alo:ahi], alo) if t in where_b]
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by their first item) whose second items
    increase (patience sorting, O(n log n)).

    >>> _longest_increasing([(0, 3), (1, 0), (2, 1), (3, 4), (4, 2)])
    [(1, 0), (2, 1), (4, 2)]
    """
    tops: list[int] = []  # the smallest last j of a chain of each length
    top_index: list[int] = []
    back = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        n = bisect_left(tops, j)
        if n == len(tops):
            tops.append(j)
            top_index.append(k)
        else:
            tops[n] = j
            top_index[n] = k
        back[k] = top_index[n - 1] if n else -1
    chain = []
    k = top_index[-1] if top_index else -1
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]


def _merged(ops: list[Opcode]) -> list[Opcode]:
    """Adjacent opcodes of the same kind joined; a delete beside an insert is a replace."""
    out: list[Opcode] = []
    for op in ops:
        if op.i1 == op.i2 and op.j1 == op.j2:
            continue
        if out:
            last = out[-1]
            same = last.tag == op.tag == "equal"
            both_unequal = last.tag != "equal" and op.tag != "equal"
            if same or both_unequal:
                i1, j1 = last.i1, last.j1
                i2, j2 = op.i2, op.j2
                tag: Tag = "equal" if same else ("replace" if i2 > i1 and j2 > j1
                                                 else "delete" if i2 > i1 else "insert")
                out[-1] = Opcode(tag, i1, i2, j1, j2)
                continue
        out.append(op)
    return out
