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
their lengths.

A correction that joins a word hyphenated across a line end (``with-`` / ``out`` ->
``without``) changes no line of the page: the word is still printed in two parts. Its reading
is cut back into them where the original parts meet (:func:`_cut_joins`: the letters aligned
with the fewest edits, so a letter corrected inside either part stays in that part), each part
keeps its line and the hyphen stays as it was (in the word, as Tesseract writes it, or apart as
ALTO's ``HYP``); ALTO's two ``String``s get ``SUBS_TYPE="HypPart1"`` / ``"HypPart2"`` and the
whole reading as ``SUBS_CONTENT``, while hOCR and PAGE, which have no place for it, change only
where a part's letters change. The text derived from the written file is therefore the
original's with the parts' letters corrected, not the joined word (which the reading text and
the edition have).

Any other correction that adds or removes a line end, one that removes a line-end hyphen the
file keeps apart (ALTO ``HYP``) without joining the word, or one that leaves a line with no word
cannot be written in the format and is refused with a message naming it.
"""
from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass
from typing import Iterable

from lxml import etree
from rapidfuzz.distance import Levenshtein

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


def _line_end_error(doc: OcrDocument, region: _Region) -> EditionError:
    return EditionError(f"correction {_label(region)}: adds or removes a line end; the "
                        f"{doc.format.upper()} file keeps its lines (the reading text and the "
                        "edition have the change)")


#: The marks a printer (or the engine) sets at the end of a line to divide a word: the hyphen,
#: the Unicode hyphen, the not sign and the double oblique hyphen of Fraktur.
LINE_END_HYPHENS = "-\u2010\u00ac\u2e17"


@dataclass(frozen=True)
class Join:
    """A word hyphenated across a line end that a correction joins: its two printed parts and
    the whole reading (``without`` for ``with-`` / ``out``)."""

    first: Word
    second: Word
    whole: str


def _hyphen_of(word: Word) -> str:
    """The line-end hyphen after ``word``: the one the file keeps apart (ALTO ``HYP``), else the
    word's own last character where it is a hyphen (Tesseract keeps it in the word)."""
    if word.hyphen:
        return word.hyphen
    return word.text[-1] if len(word.text) > 1 and word.text[-1] in LINE_END_HYPHENS else ""


def _cut_joins(doc: OcrDocument, region: _Region, old: str, new: str
               ) -> tuple[str, str, list[Join]]:
    """The joins a region's new text ``new`` makes of words hyphenated across a line end:
    returns the region's old text and ``new`` (both widened to the words beside its line ends,
    the region too), ``new`` with the hyphens and line ends of the joins put back, and the
    joins. A line end removed anywhere else is refused.

    The word is still printed in two parts, so the reading is cut back into them where the
    original parts meet: the letters of the parts (without the hyphen and the line end) are
    aligned with the reading (fewest edits), so a letter corrected inside either part stays in
    that part, and text inserted just where they meet goes to the second part. The hyphen stays
    as it was: put back after the first part unless the reading keeps it (``twenty-three``)."""
    # The words on both sides of each line end the correction touches belong to the region
    # (deleting ``-\n`` alone touches no word).
    for i in [i for i, ch in enumerate(old) if ch == "\n"]:
        at = region.start + i
        k = bisect.bisect_right(doc.words, at, key=lambda w: w.start)
        for w in doc.words[max(0, k - 1):k + 1]:
            if w not in region.words:
                region.words = sorted(region.words + [w], key=lambda x: x.start)
                if w.start < region.start:
                    before = doc.text[w.start:region.start]
                    old, new = before + old, before + new
                    region.start = w.start
                if w.end > region.end:
                    after = doc.text[region.end:w.end]
                    old, new = old + after, new + after
                    region.end = w.end
    opcodes = _opcodes(old, new)
    kept = {i for tag, i1, i2, _, _ in opcodes if tag == "equal" for i in range(i1, i2)
            if old[i] == "\n"}
    removed = [i for i, ch in enumerate(old) if ch == "\n" and i not in kept]
    # Each removed line end: the hyphen and the line end it cuts out of the original letters.
    cuts: list[tuple[int, int, Word, Word, str]] = []
    for b in removed:
        at = region.start + b
        first = [w for w in region.words if w.end <= at][-1:]
        second = [w for w in region.words if w.start > at][:1]
        if not first or not second or old[b - 1:b + 2].count("\n") != 1:
            raise _line_end_error(doc, region)
        hyphen = _hyphen_of(first[0])
        hyphen_start = first[0].end - (0 if first[0].hyphen else len(hyphen))
        if (not hyphen or second[0].line != first[0].line + 1 or not _is_line_end(doc, first[0])
                or hyphen_start + len(hyphen) + 1 != second[0].start):
            raise _line_end_error(doc, region)
        cuts.append((hyphen_start - region.start, b + 1, first[0], second[0], hyphen))
    # The original letters without the cut hyphens and line ends; in them, each cut's offset
    # and the span of its two parts.
    letters, pos, removed_before = [], 0, 0
    spans: list[tuple[int, int, int]] = []
    for s, e, first, second, _ in cuts:
        letters.append(old[pos:s])
        pos = e
        at = s - removed_before
        spans.append((first.start - region.start - removed_before, at,
                      second.end - region.start - removed_before - (e - s)))
        removed_before += e - s
    letters.append(old[pos:])
    joined = "".join(letters)
    ops = _opcodes(joined, new)
    out, joins, last = [], [], 0
    for (lo, k, hi), (_, _, first, second, hyphen) in zip(spans, cuts):
        a, z = _mapped(ops, lo), _mapped(ops, hi)
        if z - a < 2 or any(ch.isspace() for ch in new[a:z]):
            raise _line_end_error(doc, region)  # the reading does not make the parts one word
        # Each part keeps at least one character (an alignment may pull the cut to an end).
        j = min(max(_mapped(ops, k), a + 1), z - 1)
        put = "\n"   # where the reading keeps the hyphen, it stays at the end of the first part
        if new[j:j + len(hyphen)] == hyphen and j + len(hyphen) < z:
            j += len(hyphen)
        elif new[max(a, j - len(hyphen)):j] != hyphen:
            put = hyphen + "\n"
        if j <= last:
            raise _line_end_error(doc, region)
        while a > 0 and not new[a - 1].isspace():
            a -= 1
        while z < len(new) and not new[z].isspace():
            z += 1
        out += [new[last:j], put]
        last = j
        joins.append(Join(first, second, new[a:z]))
    out.append(new[last:])
    return old, "".join(out), joins


def _opcodes(a: str, b: str) -> list[tuple[str, int, int, int, int]]:
    """The fewest edits from ``a`` to ``b``, as difflib's ``(tag, i1, i2, j1, j2)``: a
    Levenshtein alignment, which (unlike difflib's longest matches) keeps a changed letter
    of a repeated syllable (``abab`` -> ``axab``) where it was."""
    return [tuple(op) for op in Levenshtein.opcodes(a, b)]  # type: ignore[misc]


def _mapped(opcodes, k: int) -> int:
    """Where offset ``k`` of the first text of ``opcodes`` falls in the second: after what
    ends at ``k`` (so an insertion at ``k`` comes after it), in proportion inside a change."""
    for tag, i1, i2, j1, j2 in opcodes:
        if i2 == k and i1 < i2:
            return j2
        if i1 <= k < i2:
            if tag == "equal":
                return j1 + (k - i1)
            if tag == "delete":
                return j1
            return j1 + (2 * (k - i1) * (j2 - j1) + (i2 - i1)) // (2 * (i2 - i1))  # half up
    return opcodes[-1][4] if opcodes else 0


def corrected_files(doc: OcrDocument, changes: list[Change]) -> list[bytes]:
    """The bytes of each of ``doc.files`` with ``changes`` made."""
    from .reader import adapter  # the format modules, by name

    plans: dict[int, list[tuple[_Region, list[tuple[list[Word], list[str]]]]]] = {}
    for region in _regions(doc, changes):
        new = _new_text(doc, region)
        old = doc.text[region.start:region.end]
        joins: list[Join] = []
        if new.count("\n") != old.count("\n"):
            old, new, joins = _cut_joins(doc, region, old, new)
        lines = sorted({w.line for w in region.words})
        chunks = re.split(r"\n+", new.strip(" "))
        if len(chunks) != len(lines) or new.count("\n") != old.count("\n"):
            raise _line_end_error(doc, region)
        parts = {j.first.element: (1, j.whole) for j in joins}
        parts.update({j.second.element: (2, j.whole) for j in joins})
        per_line = []
        for line, chunk in zip(lines, chunks):
            words = [w for w in region.words if w.line == line]
            tokens = chunk.split()
            hyphenated = [(w, *parts[w.element]) for w in words if w.element in parts]
            if hyphenated and len(tokens) != len(words):
                raise EditionError(f"correction {_label(region)}: joins a word hyphenated across "
                                   "a line end and changes the number of words on its lines; "
                                   "make the join and the other change apart")
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
            per_line.append((words, tokens, hyphenated))
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
        for words, tokens, hyphenated in per_line:
            els = [elements[w.element] for w in words]
            state.begin_line(els[0].getparent())
            before = [etree.tostring(el) for el in els]
            for w, part, whole in hyphenated:
                state.set_hyphenated(elements[w.element], part, whole)
            edit = _rewrite_words(els, words, tokens, adapter, state, span_of, ids)
            # A line whose words did not change (a join of a hyphenated word in hOCR or PAGE,
            # which have no place for the whole word) keeps its bytes.
            if len(tokens) != len(els) or [etree.tostring(el) for el in els] != before:
                edits.append(edit)
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
