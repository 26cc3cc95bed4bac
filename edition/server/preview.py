"""The live preview: the sentence around a proposal, before and after the correction.

:func:`sentence_bounds` finds the sentence (or a window of it) that holds a span;
:func:`preview` applies the candidate reading together with every decision already taken in that
sentence, using :func:`edition.apply.edits` — the same code the edition is built with — so the
preview shows exactly what the edition will read, and an overlap is reported before it is saved.

>>> text = "He came. lie knew the way. Then he left."
>>> from edition.model import Correction, Kind
>>> c = Correction("rw-1", 9, 12, "lie", Kind.REALWORD, readings=("He",))
>>> p = preview(text, [c], "rw-1", "He")
>>> p["before"], p["after"], p["after"][p["after_span"][0]:p["after_span"][1]]
('lie knew the way.', 'He knew the way.', 'He')
"""
from __future__ import annotations

from typing import Any, Iterable

import regex

from ..apply import edits
from ..errors import EditionError
from ..model import Correction, Status

#: The preview shows at most this many characters on each side of the span: the seed's
#: sentences run 168 characters (median; mean 186), so 120 a side shows the whole sentence
#: around most spans,
#: and a long one is cut at a word with an ellipsis — the preview must fit beside the text.
MAX_SIDE = 120

# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before white
# space, or at a blank line.
_END = regex.compile(r"""[.!?]["'”’)\]]*(?=\s)|\n\s*\n""")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``text[start:end]``, cut to :data:`MAX_SIDE` characters a side.

    >>> t = "One. Two three four. Five."
    >>> t[slice(*sentence_bounds(t, 9, 14))]
    'Two three four.'
    """
    lo = max(0, start - MAX_SIDE)
    left = lo
    for m in _END.finditer(text, lo, start):
        left = m.end()
    while left < start and text[left].isspace():
        left += 1
    if left == lo and lo > 0:  # no sentence start within reach: begin at a word
        space = text.find(" ", lo, start)
        left = space + 1 if space != -1 else lo
    m = _END.search(text, end, min(len(text), end + MAX_SIDE))
    if m:
        right = m.start() if m.group().startswith("\n") else m.end()
    else:
        right = min(len(text), end + MAX_SIDE)
        if right < len(text):  # no sentence end within reach: stop after a word
            space = text.rfind(" ", end, right)
            right = space if space != -1 else right
    return left, max(right, end)


def _starts_sentence(text: str, pos: int) -> bool:
    return any(m.end() <= pos and not text[m.end():pos].strip()
               for m in _END.finditer(text, max(0, pos - 4), pos))


def _ends_sentence(text: str, pos: int) -> bool:
    return bool(_END.match(text, pos - 1)) or text[pos - 1:pos] in ".!?" or text[pos:pos + 2] == "\n\n"


def preview(text: str, corrections: Iterable[Correction], cid: str, reading: str | None
            ) -> dict[str, Any]:
    """Before/after text of the sentence holding correction ``cid`` if it read ``reading``.

    ``reading=None`` previews the original standing (reject, flag). Returns ``before``,
    ``after``, the span in each (``before_span``, ``after_span``), and ``error`` when the reading
    cannot be applied (it would overlap a decided correction).
    """
    corrections = [c for c in corrections if not c.stale]
    target = next((c for c in corrections if c.id == cid), None)
    if target is None:
        raise EditionError(f"no correction with id {cid!r}")
    left, right = sentence_bounds(text, target.start, target.end)
    others = [c for c in corrections if c.id != cid and c.status.changes_text]
    # Decisions reaching into the window widen it, so they apply whole.
    for c in others:
        if c.start < right and c.end > left or (c.start == c.end and left <= c.start <= right):
            left, right = min(left, c.start), max(right, c.end)
    window = text[left:right]
    local = [c.replace(start=c.start - left, end=c.end - left) for c in others
             if left <= c.start and c.end <= right]
    candidate = target.replace(start=target.start - left, end=target.end - left)
    if reading is not None:
        candidate = candidate.replace(status=Status.EDITED, reading=reading) \
            if reading != target.original else candidate.replace(status=Status.REJECTED, reading=None)
    else:
        candidate = candidate.replace(status=Status.REJECTED, reading=None)
    out: dict[str, Any] = {"before": window, "before_span": [candidate.start, candidate.end],
                           "left": left, "cut_left": left > 0 and not _starts_sentence(text, left),
                           "cut_right": right < len(text) and not _ends_sentence(text, right),
                           "error": None}
    try:
        changes = edits(window, local + [candidate])
    except EditionError as exc:
        changes = edits(window, local)
        out["error"] = str(exc)
    after, pos, span = [], 0, None
    delta = 0
    for e in changes:
        after.append(window[pos:e.i1])
        after.append(e.correction.reading or "")
        pos = e.i2
        if e.correction.id == cid:
            span = [e.j1, e.j2]
        if e.i2 <= candidate.start and e.correction.id != cid:
            delta = e.j2 - e.i2
    after.append(window[pos:])
    out["after"] = "".join(after)
    if span is None:  # the original stands: its place in the corrected text
        span = [candidate.start + delta, candidate.end + delta]
    out["after_span"] = span
    return out
