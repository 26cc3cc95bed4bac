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

An entry found nowhere is *stale*: it keeps its old span, is reported by id, and is never
applied. Nothing is silently dropped, and nothing is applied where its original is not found.
"""
from __future__ import annotations

import statistics
from datetime import datetime, timezone

from diff_match_patch import diff_match_patch

from .model import CONTEXT_CHARS, Correction, context_of


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


def locate(c: Correction, text: str, shift: int = 0) -> int | None:
    """The new start of ``c`` in ``text``, or None when it cannot be found safely."""
    before, after = _split_context(c)
    n = len(c.original)
    expected = c.start + shift
    for guess in (c.start, expected):
        if 0 <= guess and text[guess:guess + n] == c.original and \
                text[max(0, guess - len(before)):guess] == before and text[guess + n:guess + n + len(after)] == after:
            return guess
    for b, a in ((before, after), (before[-10:], after[:10]), (before[-10:], ""), ("", after[:10])):
        if not (b or a):  # the original alone could be any occurrence: too weak
            continue
        hits = _occurrences(text, b + c.original + a)
        if hits:
            best = min(hits, key=lambda i: abs(i + len(b) - expected))
            return best + len(b)
    if c.original:
        dmp = diff_match_patch()
        dmp.Match_Threshold = 0.3
        dmp.Match_Distance = max(1000, len(text))
        b = before[-max(0, (dmp.Match_MaxBits - n) // 2):] if n < dmp.Match_MaxBits else ""
        pattern = (b + c.original)[: dmp.Match_MaxBits]
        loc = dmp.match_main(text, pattern, max(0, min(len(text), expected - len(b))))
        if loc != -1:
            for cand in (loc + len(b), loc + len(b) - 1, loc + len(b) + 1):
                if 0 <= cand and text[cand:cand + n] == c.original:
                    return cand
    return None


def relocate_all(corrections: list[Correction], text: str) -> tuple[list[Correction], list[str]]:
    """Relocate every correction into ``text``.

    Returns the corrections with updated spans and contexts (stale ones marked, with the reason)
    and the ids of the entries that could not be found.
    """
    shifts: list[int] = []
    out: list[Correction] = []
    stale: list[str] = []
    today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    for c in sorted(corrections, key=lambda c: c.start):
        shift = int(statistics.median(shifts)) if shifts else 0
        start = locate(c, text, shift)
        if start is None:
            reason = c.stale or f"original {c.original!r} not found in the changed source ({today})"
            out.append(c.replace(stale=reason))
            stale.append(c.id)
            continue
        shifts.append(start - c.start)
        end = start + len(c.original)
        out.append(c.replace(start=start, end=end, context=context_of(text, start, end), stale=None))
    return out, stale
