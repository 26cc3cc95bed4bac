"""The facsimile in the TEI: the page images, their lines and corrected words, and the links to
them from the text (an edition made from OCR files; see :mod:`edition.publish.facsimile`).

- :func:`facsimile_element` — ``<facsimile>``: a ``<surface>`` per page (``ulx``/``uly``/``lrx``/
  ``lry`` its size in the OCR file's units, the page image as a ``<graphic url>`` relative to the
  TEI file), with a ``<zone type="line">`` per line and a ``<zone type="word">`` per word a
  decision touches, each with its box and the OCR file's id as ``@n``.
- :class:`MilestoneWriter` — the text of ``<text>`` with ``<pb n facs/>`` where a page begins and
  ``<lb facs/>`` where a line begins (every line, the first of a block too); a line end inside a
  block is a newline followed by its line's ``<lb/>``, as for a plain text. The milestones hold no
  text, so the source and the reading are read back unchanged.
- :func:`facsimile_discrepancies` — what ``verify`` checks: the TEI's surfaces, zones and
  milestones are those of the OCR files, each at its offset of the source, and each published
  decision points to the zones of its words.

>>> from lxml import etree
>>> from edition.publish.facsimile import Milestone
>>> p = etree.Element(tei("p"), nsmap={None: "http://www.tei-c.org/ns/1.0"})
>>> w = MilestoneWriter("one\\ntwo", [Milestone(0, "lb", "z1"), Milestone(4, "lb", "z2")])
>>> w.put(p, 0, 7, include_end=True)
>>> etree.tostring(p).decode().replace(' xmlns="http://www.tei-c.org/ns/1.0"', '')
'<p><lb facs="#z1"/>one\\n<lb facs="#z2"/>two</p>'
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator, Sequence
from urllib.parse import quote

from lxml import etree

from ..facsimile import Facsimile, Milestone, Surface, Zone
from ..plan import xml_id
from .xmltext import XML_NS, append_text, tei

XML_ID = f"{{{XML_NS}}}id"


def _number(v: float) -> str:
    """A coordinate as TEI's teidata.numeric: integers without a point."""
    return str(int(v)) if float(v).is_integer() else f"{v:.2f}".rstrip("0").rstrip(".")


def image_url(image: Path, folder: Path | None) -> str:
    """The URL of a page image from a file in ``folder`` (relative, with ``/``; percent-encoded).

    >>> image_url(Path("/data/book/page 1.jpg"), Path("/data/build"))
    '../book/page%201.jpg'
    """
    if folder is None:
        rel = image.name
    else:
        rel = os.path.relpath(Path(os.path.abspath(image)), Path(os.path.abspath(folder)))
    return quote(Path(rel).as_posix())


def _coordinates(box) -> dict[str, str]:
    return {"ulx": _number(box.x0), "uly": _number(box.y0), "lrx": _number(box.x1),
            "lry": _number(box.y1)}


def _surface_attributes(s: Surface) -> dict[str, str]:
    attrs = {XML_ID: s.id, "n": str(s.number)}
    if s.width is not None and s.height is not None:
        attrs.update(ulx="0", uly="0", lrx=_number(s.width), lry=_number(s.height))
    return attrs


def _zone_attributes(z: Zone) -> dict[str, str]:
    attrs = {XML_ID: z.id, "type": z.type, **_coordinates(z.box)}
    if z.label:
        attrs["n"] = z.label
    return attrs


def facsimile_element(fx: Facsimile, folder: Path | None) -> etree._Element:
    """``<facsimile>`` for ``fx``; image URLs relative to ``folder`` (the TEI file's)."""
    root = etree.Element(tei("facsimile"))
    for s in fx.surfaces:
        surface = etree.SubElement(root, tei("surface"), _surface_attributes(s))
        if s.image is not None:
            etree.SubElement(surface, tei("graphic"), url=image_url(s.image, folder))
        for z in s.zones:
            etree.SubElement(surface, tei("zone"), _zone_attributes(z))
    etree.indent(root, space=" ")
    return root


def _milestone(parent: etree._Element, m: Milestone) -> None:
    attrs = {}
    if m.n is not None:
        attrs["n"] = m.n
    if m.facs:
        attrs["facs"] = f"#{m.facs}"
    etree.SubElement(parent, tei(m.tag), attrs)


class MilestoneWriter:
    """Writes the source text into TEI elements in text order, placing each milestone at its
    offset (calls must come in text order: the milestones are taken as the text passes them)."""

    def __init__(self, text: str, milestones: Sequence[Milestone]) -> None:
        self.text = text
        self.milestones = list(milestones)
        self.next = 0

    def _due(self, offset: int) -> bool:
        return self.next < len(self.milestones) and self.milestones[self.next].offset <= offset

    def put(self, parent: etree._Element, start: int, end: int, include_end: bool) -> None:
        """``text[start:end]`` into ``parent``, each milestone before the character at its
        offset; those at ``end`` too with ``include_end`` (outside a decision: a line that
        begins with a corrected word has its ``lb`` before the correction, not in it)."""
        pos = start
        while True:
            while self._due(pos) and (pos < end or include_end):
                _milestone(parent, self.milestones[self.next])
                self.next += 1
            if pos >= end:
                return
            stop = end
            if self.next < len(self.milestones):
                stop = min(end, max(pos + 1, self.milestones[self.next].offset))
            chunk = self.text[pos:stop]
            newline = chunk.find("\n")
            if newline == -1:
                append_text(parent, chunk, tei)
                pos = stop
                continue
            append_text(parent, chunk[:newline], tei)
            _text_newline(parent)
            pos += newline + 1
            # A line that begins here has its own lb (written above, or after the decision
            # this newline ends); any other newline gets a bare lb, as in a plain text.
            if not (self.next < len(self.milestones) and self.milestones[self.next].offset == pos):
                etree.SubElement(parent, tei("lb"))

    def rest(self) -> list[Milestone]:
        """The milestones not written (none, when every offset lay inside a block)."""
        return self.milestones[self.next:]


def _text_newline(parent: etree._Element) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + "\n"
    else:
        parent.text = (parent.text or "") + "\n"


# --- reading the facsimile back, for verify ---

def _walk(el: etree._Element, offset: int, out: list[tuple[int, str, str | None, int]]) -> int:
    """Append the ``(offset, tag, facs, line)`` of each pb and lb under ``el`` on the source
    side (``sic``/``orig`` of a ``choice``, ``lem`` of an apparatus entry); return the offset
    after ``el``'s content."""
    offset += len(el.text or "")
    for child in el:
        if not isinstance(child.tag, str):
            offset += len(child.tail or "")
            continue
        if child.tag in (tei("pb"), tei("lb")):
            out.append((offset, etree.QName(child).localname, child.get("facs"),
                        child.sourceline or 0))
        elif child.tag == tei("choice"):
            for part in child:
                if part.tag in (tei("sic"), tei("orig")):
                    offset = _walk(part, offset, out)
        elif child.tag == tei("app"):  # the other witnesses' readings are not the source
            for part in child:
                if part.tag == tei("lem"):
                    offset = _walk(part, offset, out)
        elif child.tag == tei("g"):
            offset += 1
        else:
            offset = _walk(child, offset, out)
        offset += len(child.tail or "")
    return offset


def _differences(el: etree._Element, want: dict[str, str]) -> str:
    """``'lrx 640 where the OCR gives 639, ...'`` for the attributes of ``el`` that differ."""
    out = []
    for key, value in want.items():
        if el.get(key) != value:
            name = "xml:id" if key == XML_ID else key
            out.append(f"{name} {el.get(key)!r} where the OCR gives {value!r}")
    return ", ".join(out)


def milestones_in(text_el: etree._Element) -> list[tuple[int, str, str | None, int]]:
    """The pb and lb of a TEI ``<text>``: ``(source offset, tag, @facs, line in the file)``."""
    out: list[tuple[int, str, str | None, int]] = []
    _walk(text_el, 0, out)
    return out


def facsimile_discrepancies(root: etree._Element, fx: Facsimile, folder: Path | None
                            ) -> Iterator[tuple[int, str]]:
    """``(line in the TEI file, what is wrong)`` for each way the TEI's facsimile differs from
    the OCR files' (``fx``); the first is the one to report."""
    found = root.findall(tei("facsimile"))
    if len(found) != 1:
        yield 0, (f"has {len(found)} <facsimile> elements; an edition of OCR files has one, "
                  "with a surface per page")
        return
    surfaces = found[0].findall(tei("surface"))
    if len(surfaces) != len(fx.surfaces):
        yield found[0].sourceline or 0, (f"the facsimile has {len(surfaces)} surfaces, the OCR "
                                         f"has {len(fx.surfaces)} pages")
        return
    for el, s in zip(surfaces, fx.surfaces):
        bad = _differences(el, _surface_attributes(s))
        if bad:
            yield el.sourceline or 0, f"surface {el.get(XML_ID)!r} has {bad} (page {s.number} of the OCR)"
            return
        graphics = el.findall(tei("graphic"))
        want_url = image_url(s.image, folder) if s.image is not None else None
        got_url = graphics[0].get("url") if graphics else None
        if got_url != want_url:
            yield el.sourceline or 0, (f"surface {s.id}: the page image is {got_url!r}, the OCR's "
                                       f"page {s.number} has {want_url!r}")
            return
        zones = el.findall(tei("zone"))
        for z_el, z in zip(zones, s.zones):
            bad = _differences(z_el, _zone_attributes(z))
            if bad:
                yield z_el.sourceline or 0, (f"zone {z_el.get(XML_ID)!r} has {bad} (the OCR's "
                                             f"{z.type} {z.label!r})")
                return
        if len(zones) != len(s.zones):
            yield el.sourceline or 0, (f"surface {s.id} has {len(zones)} zones, the OCR's page "
                                       f"{s.number} gives {len(s.zones)} (its lines and the "
                                       "corrected words)")
            return
    text_els = root.findall(tei("text"))
    # (a newline that begins no line of the OCR, inside a decision that joins two blocks, has
    # a bare lb as in a plain text; a line without a box has nothing to point to)
    got_marks = [m for m in (milestones_in(text_els[0]) if text_els else []) if m[2]]
    want_marks = [m for m in fx.milestones if m.facs]
    for (offset, tag, facs, line), m in zip(got_marks, want_marks):
        want_facs = f"#{m.facs}" if m.facs else None
        if (offset, tag, facs) != (m.offset, m.tag, want_facs):
            yield line, (f"<{tag} facs={facs!r}> stands at offset {offset} of the source; the "
                         f"OCR has {'page' if m.tag == 'pb' else 'a line'} {want_facs or ''} "
                         f"beginning at offset {m.offset}")
            return
    if len(got_marks) != len(want_marks):
        yield 0, (f"the text has {len(got_marks)} pb and lb pointing to the facsimile, the OCR "
                  f"{len(want_marks)} pages and lines")
        return
    want_by_id = {xml_id(cid): zones for cid, zones in fx.decisions.items()}
    for el in text_els[0].iter(tei("choice"), tei("unclear")) if text_els else ():
        zones = want_by_id.get(el.get(XML_ID) or "")
        want = " ".join(f"#{z}" for z in zones) if zones else None
        if zones is not None and el.get("facs") != want:
            yield el.sourceline or 0, (f"decision {el.get(XML_ID)} points to {el.get('facs')!r}, "
                                       f"its words in the OCR are {want!r}")
            return
