"""Finding corrections again after the source text changed.

A correction remembers its ``original`` text and a ``context`` (up to 30 characters each side,
see :func:`edition.model.context_of`). When the source's SHA-256 no longer matches its
corrections file, each entry is looked for, in this order:

1. at its old span, with its context intact;
2. by its whole context, exactly (the occurrence nearest the old position, shifted by the
   typical shift of the entries already found — an insertion at the top moves them all alike);
3. by a shorter context (10 characters each side, then either side alone), exactly, nearest the
   expected position;
4. by diff-match-patch's fuzzy match (bitap) of the original with a little context, accepted
   only if the original text itself stands there exactly.

Entries whose whole context is intact (steps 1–2) are placed first; the others then take the
first place steps 1–4 offer that no other entry holds, so the correction of a deleted sentence
never lands on an identical artifact elsewhere that has its own entry.

An entry found nowhere is *stale*: it keeps its old span, is reported by id, and is never
applied. Nothing is silently dropped, and nothing is applied where its original is not found.
"""
from __future__ import annotations

import bisect
import statistics
from datetime import datetime, timezone
from typing import Iterable, Iterator

from diff_match_patch import diff_match_patch

from ..model import CONTEXT_CHARS, Correction, context_of, spans_overlap


def _split_context(c: Correction) -> tuple[str, str]:
    """The (before, after) parts of ``c.context`` around its original."""
    ctx, orig = c.context, c.original
    before_len = min(CONTEXT_CHARS, c.start)
    if ctx[before_len:before_len + len(orig)] != orig:
        # hand-edited context: take the occurrence of the original nearest the expected place
        hits = [i for i in range(len(ctx) - len(orig) + 1) if ctx.startswith(orig, i)]
        if not hits:
            return "", ""
        before_len = min(hits, key=lambda i: abs(i - before_len))
    return ctx[:before_len], ctx[before_len + len(orig):]


def _occurrences(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i != -1 and needle:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _candidates(c: Correction, text: str, shift: int, strong_only: bool) -> Iterator[int]:
    """Where ``c`` may start in ``text``, strongest evidence first (the steps of the module
    docstring); with ``strong_only``, only steps 1 and 2 (the whole context intact)."""
    before, after = _split_context(c)
    n = len(c.original)
    expected = c.start + shift
    for guess in (c.start, expected):
        if 0 <= guess and text[guess:guess + n] == c.original and \
                text[max(0, guess - len(before)):guess] == before and text[guess + n:guess + n + len(after)] == after:
            yield guess
    steps = ((before, after),) if strong_only else \
        ((before, after), (before[-10:], after[:10]), (before[-10:], ""), ("", after[:10]))
    for b, a in steps:
        if not (b or a):  # the original alone could be any occurrence: too weak
            continue
        hits = _occurrences(text, b + c.original + a)
        for i in sorted(hits, key=lambda i: abs(i + len(b) - expected)):
            yield i + len(b)
    if c.original and not strong_only:
        dmp = diff_match_patch()
        dmp.Match_Threshold = 0.3
        dmp.Match_Distance = max(1000, len(text))
        b = before[-max(0, (dmp.Match_MaxBits - n) // 2):] if n < dmp.Match_MaxBits else ""
        pattern = (b + c.original)[: dmp.Match_MaxBits]
        loc = dmp.match_main(text, pattern, max(0, min(len(text), expected - len(b))))
        if loc != -1:
            for cand in (loc + len(b), loc + len(b) - 1, loc + len(b) + 1):
                if 0 <= cand and text[cand:cand + n] == c.original:
                    yield cand


class _Claimed:
    """Spans already claimed by relocated corrections, sorted, for fast overlap checks."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self.longest = 0

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.spans, (start, end))
        self.longest = max(self.longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        # a claimed span that overlaps [start, end) starts at most `longest` before it
        lo = bisect.bisect_left(self.spans, (start - self.longest - 1, -1))
        hi = bisect.bisect_right(self.spans, (end + 1, end + 1))
        return any(spans_overlap(start, end, s, e) for s, e in self.spans[lo:hi])


def locate(c: Correction, text: str, shift: int = 0, taken: Iterable[tuple[int, int]] = (),
           strong_only: bool = False) -> int | None:
    """The new start of ``c`` in ``text``, or None when it cannot be found safely.

    A place overlapping a span in ``taken`` (claimed by another correction) is never chosen:
    when the sentence of one of two identical artifacts is deleted, its correction must not
    land on the other one (it is stale).
    """
    claimed = taken if isinstance(taken, _Claimed) else _Claimed()
    if not isinstance(taken, _Claimed):
        for s, e in taken:
            claimed.add(s, e)
    n = len(c.original)
    for start in _candidates(c, text, shift, strong_only):
        if not claimed.overlaps(start, start + n):
            return start
    return None


def relocate_all(corrections: list[Correction], text: str) -> tuple[list[Correction], list[str]]:
    """Relocate every correction into ``text``.

    Returns the corrections with updated spans and contexts (stale ones marked, with the reason)
    and the ids of the entries that could not be found. Entries whose whole context is intact
    are placed first; the others are then looked for by weaker evidence, never on a span
    already claimed.
    """
    ordered = sorted(corrections, key=lambda c: c.start)
    found: dict[str, int] = {}
    claimed = _Claimed()
    for strong_only in (True, False):
        # first pass: the typical shift of the entries found so far (an insertion at the top
        # moves them all alike); second pass: the shift of the nearest entry found before it
        shifts: list[int] = []
        for c in ordered:
            if c.id in found:
                shifts.append(found[c.id] - c.start)
                continue
            if strong_only:
                shift = int(statistics.median(shifts)) if shifts else 0
            else:
                shift = shifts[-1] if shifts else 0
            start = locate(c, text, shift, claimed, strong_only)
            if start is not None:
                found[c.id] = start
                claimed.add(start, start + len(c.original))
                shifts.append(start - c.start)
    out: list[Correction] = []
    stale: list[str] = []
    today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    for c in ordered:
        start = found.get(c.id)
        if start is None:
            reason = c.stale or f"original {c.original!r} not found in the changed source ({today})"
            out.append(c.replace(stale=reason))
            stale.append(c.id)
            continue
        end = start + len(c.original)
        out.append(c.replace(start=start, end=end, context=context_of(text, start, end), stale=None))
    return out, stale
