"""Writing the corrected OCR back in its own format: only the changed words differ.

:func:`corrected_files` takes the document and the corrections that change its text (spans of
the derived text and their readings) and returns the new bytes of each file. A file no
correction touches is returned as it was, byte for byte; in a file that changes, only the
changed words' elements are rewritten and spliced into the original text (see
:mod:`edition.formats.xmlspans`), with what the format ties to them (ALTO's ``SP`` between
merged or split words, PAGE's line and region ``TextEquiv``).

How a correction becomes word changes: its span is widened to the words it touches; the
widened text with the reading in place is cut into lines where the original had line ends and
into words at spaces. A line keeps its words' boxes when it keeps its number of words; where a
word splits or words merge, the new words share the union of the old boxes in proportion to
their lengths. A correction that adds or removes a line end, removes a line-end hyphen the file
keeps apart (ALTO ``HYP``) or leaves a line with no word cannot be written in the format and is
refused with a message naming it.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Iterable

from lxml import etree

from ..errors import EditionError
from .model import Box, OcrDocument, Word
from .xmlspans import element_spans, splice


@dataclass(frozen=True)
class Change:
    """A change of the derived text: replace ``start:end`` by ``reading`` (``label`` names it)."""

    start: int
    end: int
    reading: str
    label: str = ""


def changes_from(corrections: Iterable, include_proposals: bool = False) -> list[Change]:
    """The changes made by corrections (:class:`~edition.model.Correction` records): the
    accepted and edited ones, and with ``include_proposals`` every pending proposal's best
    reading too; stale ones never."""
    out = []
    for c in corrections:
        if getattr(c, "stale", None):
            continue
        if c.status.changes_text:
            out.append(Change(c.start, c.end, c.reading, c.id))
        elif include_proposals and not c.status.decided and c.best_reading is not None:
            out.append(Change(c.start, c.end, c.best_reading, c.id))
    return out


def proportional(box: Box, tokens: list[str]) -> list[Box]:
    """``box`` cut across into one box per token, each as wide as its share of the characters
    (one character's width left between tokens).

    >>> proportional(Box(0, 0, 90, 10), ["ab", "cdefg"])
    [Box(x0=0.0, y0=0, x1=22.5, y1=10), Box(x0=33.75, y0=0, x1=90.0, y1=10)]
    """
    total = sum(len(t) for t in tokens) + len(tokens) - 1
    unit = (box.x1 - box.x0) / max(1, total)
    out, x = [], float(box.x0)
    for t in tokens:
        out.append(Box(x, box.y0, x + unit * len(t), box.y1))
        x += unit * (len(t) + 1)
    return out


@dataclass
class _Region:
    start: int
    end: int
    words: list[Word]
    changes: list[Change]


def _regions(doc: OcrDocument, changes: list[Change]) -> list[_Region]:
    regions: list[_Region] = []
    for ch in sorted(changes, key=lambda c: (c.start, c.end)):
        words = list(doc.words_in(ch.start, ch.end))
        if not words:
            words = _neighbours(doc, ch)
        start, end = min(ch.start, words[0].start), max(ch.end, words[-1].end)
        if regions and start < regions[-1].end or regions and words[0] in regions[-1].words:
            r = regions[-1]
            r.end = max(r.end, end)
            r.words = sorted(set(r.words) | set(words), key=lambda w: w.start)
            r.changes.append(ch)
        else:
            regions.append(_Region(start, end, words, [ch]))
    return regions


def _neighbours(doc: OcrDocument, ch: Change) -> list[Word]:
    """The words on each side of a change that lies between words of one line."""
    before = [w for w in doc.words if w.end <= ch.start][-1:]
    after = [w for w in doc.words if w.start >= ch.end][:1]
    same = [w for w in before + after if not before or w.line == before[0].line]
    if not same:
        raise EditionError(f"correction {ch.label or ch.start}: {ch.start}..{ch.end} touches no word "
                           "of the OCR file")
    if len(same) == 2 and same[0].line != same[1].line:
        same = same[:1]
    return same


def _new_text(doc: OcrDocument, region: _Region) -> str:
    out, pos = [], region.start
    for ch in sorted(region.changes, key=lambda c: (c.start, c.end)):
        if ch.start < pos:
            raise EditionError(f"correction {ch.label}: overlaps another correction")
        out.append(doc.text[pos:ch.start])
        out.append(ch.reading)
        pos = ch.end
    out.append(doc.text[pos:region.end])
    return "".join(out)


def _label(region: _Region) -> str:
    return ", ".join(c.label or f"{c.start}..{c.end}" for c in region.changes)


def corrected_files(doc: OcrDocument, changes: list[Change]) -> list[bytes]:
    """The bytes of each of ``doc.files`` with ``changes`` made."""
    from .reader import adapter  # the format modules, by name

    plans: dict[int, list[tuple[_Region, list[tuple[list[Word], list[str]]]]]] = {}
    for region in _regions(doc, changes):
        new = _new_text(doc, region)
        lines = sorted({w.line for w in region.words})
        chunks = re.split(r"\n+", new.strip(" "))
        if len(chunks) != len(lines) or new.count("\n") != doc.text[region.start:region.end].count("\n"):
            raise EditionError(f"correction {_label(region)}: adds or removes a line end; the "
                               f"{doc.format.upper()} file keeps its lines (the reading text and "
                               "the edition have the change)")
        per_line = []
        for line, chunk in zip(lines, chunks):
            words = [w for w in region.words if w.line == line]
            tokens = chunk.split()
            last = words[-1]
            if last.hyphen and _is_line_end(doc, last) and region.end > last.end:
                if not tokens or not tokens[-1].endswith(last.hyphen):
                    raise EditionError(f"correction {_label(region)}: removes the line-end hyphen "
                                       f"the {doc.format.upper()} file keeps apart (HYP)")
                tokens[-1] = tokens[-1][: -len(last.hyphen)]
                if not tokens[-1]:
                    tokens.pop()
            line_words = [w for w in doc.words if w.line == line]
            if not tokens and len(words) == len(line_words):
                raise EditionError(f"correction {_label(region)}: leaves a line with no word")
            per_line.append((words, tokens))
        plans.setdefault(region.words[0].file, []).append((region, per_line))

    out = []
    for index, f in enumerate(doc.files):
        data = f.path.read_bytes()
        if hashlib.sha256(data).hexdigest() != f.sha256:
            raise EditionError(f"{f.path}: changed since it was read; read it again")
        if index not in plans:
            out.append(data)
            continue
        out.append(_rewrite(data, f.version, adapter(doc.format), plans[index]))
    return out


def _is_line_end(doc: OcrDocument, word: Word) -> bool:
    line = doc.lines[word.line]
    return word.end + len(word.hyphen) == line.end


def _rewrite(data: bytes, version: str, adapter, plans) -> bytes:
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, huge_tree=True,
                                                  remove_blank_text=False, no_network=True))
    encoding = root.getroottree().docinfo.encoding or "UTF-8"
    text = data.decode(encoding)
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    spans = element_spans(text)
    if len(spans) != len(elements):
        raise EditionError("the file's elements could not be located in its text")
    span_of = {el: spans[i] for i, el in enumerate(elements)}
    ids = {v for e in elements for k, v in e.attrib.items() if k.lower() == "id" or k.endswith("}id")}
    state = adapter.Writer(version)
    edits: list[tuple[int, int, str]] = []
    for _region, per_line in plans:
        for words, tokens in per_line:
            els = [elements[w.element] for w in words]
            state.begin_line(els[0].getparent())
            edits.append(_rewrite_words(els, words, tokens, adapter, state, span_of, ids))
    for el in state.finish():
        s, e = span_of[el]
        edits.append((s, e, serialize(el)))
    return splice(text, edits).encode(encoding)


def _rewrite_words(els, words: list[Word], tokens: list[str], adapter, state, span_of, ids):
    parent = els[0].getparent()
    before = list(parent)
    if len(tokens) == len(els):
        boxes: list[Box | None] = [None] * len(els)
    else:
        known = [w.box for w in words if w.box is not None]
        boxes = proportional(Box.union(known), tokens) if known and tokens else [None] * len(tokens)
    for el, token, box in zip(els, tokens, boxes):
        state.set_word(el, token, box)
    removed: list = []
    if len(tokens) > len(els):
        last = els[-1]
        at = parent.index(last) + 1
        prev_box = boxes[len(els) - 1]
        for token, box in zip(tokens[len(els):], boxes[len(els):]):
            new = state.new_word(last, _new_id(last, adapter, ids))
            sep = state.separator(last, prev_box, box)
            if sep is not None:
                parent.insert(at, sep)
                at += 1
            parent.insert(at, new)
            at += 1
            state.set_word(new, token, box)
            prev_box = box
    elif len(tokens) < len(els):
        for el in els[len(tokens):]:
            i = parent.index(el)
            sep = parent[i - 1] if i > 0 and state.is_separator(parent[i - 1]) else (
                parent[i + 1] if i + 1 < len(parent) and state.is_separator(parent[i + 1]) else None)
            for gone in (el, sep) if sep is not None else (el,):
                _remove(gone)
                removed.append(gone)
    # The original stretch: from the first to the last original node touched.
    touched = [n for n in before if n in els or n in removed]
    first, last = before.index(touched[0]), before.index(touched[-1])
    start, end = span_of[before[first]][0], span_of[before[last]][1]
    now = list(parent)
    kept = [n for n in before[first:last + 1] if n not in removed]
    if not kept:
        # Everything in the stretch went: take the whitespace after it too (or before it, at the
        # end of the line), so no blank line is left behind.
        if last + 1 < len(before):
            end = span_of[before[last + 1]][0]
        elif first > 0:
            start = span_of[before[first - 1]][1]
        return (start, end, "")
    lo, hi = now.index(kept[0]), now.index(kept[-1])
    # new words come after the last original word of the stretch
    while hi + 1 < len(now) and now[hi + 1] not in before:
        hi += 1
    nodes = now[lo:hi + 1]
    new = "".join(serialize(n) + (n.tail or "" if k < len(nodes) - 1 else "")
                  for k, n in enumerate(nodes))
    return (start, end, new)


def _remove(el) -> None:
    """Remove ``el`` but keep the text that followed it (lxml drops an element's tail with it)."""
    parent = el.getparent()
    prev = el.getprevious()
    if prev is not None:
        prev.tail = el.tail
    else:
        parent.text = el.tail
    parent.remove(el)


def _new_id(like, adapter, ids: set[str]) -> str:
    base = like.get(adapter.ID) or "w"
    k = 2
    while f"{base}_{k}" in ids:
        k += 1
    ids.add(f"{base}_{k}")
    return f"{base}_{k}"


_XMLNS = re.compile(r'\s+xmlns(?::([\w.-]+))?="([^"]*)"')


def serialize(el) -> str:
    """An element as text, without the namespace declarations it inherits in the file."""
    s = etree.tostring(el, encoding="unicode", with_tail=False)
    parent = el.getparent()
    inherited = dict(parent.nsmap) if parent is not None else {}
    own_end = s.find(">")

    def drop(m: re.Match) -> str:
        return "" if inherited.get(m.group(1)) == m.group(2) else m.group(0)

    return _XMLNS.sub(drop, s[:own_end]) + s[own_end:]
