"""ALTO (Analyzed Layout and Text Object, versions 2 to 4): reading pages, writing words.

The reading order is the file's: the blocks of each ``Page`` in document order (``TopMargin``,
``LeftMargin``, ``RightMargin``, ``BottomMargin``, ``PrintSpace``, as the file has them,
``ComposedBlock``s opened), the ``TextLine``s of each ``TextBlock`` and the ``String``s of each
line. ``SP`` is the space between words; a ``HYP`` at the line's end is printed after the last
word, and the last word's ``SUBS_CONTENT`` (``SUBS_TYPE="HypPart1"``) is the whole word.

The engine's confidence is ``WC`` (0..1); its other readings are the ``ALTERNATIVE`` children.
A word the editor changed gets its new ``CONTENT``, loses ``WC`` and ``CC`` (they were the
engine's doubt about the old reading) and its ``Glyph``s, and gets ``CS="true"`` (ALTO 3 and 4:
"correction status"); where it splits, the new words share its box in proportion to their
lengths, with ``SP``s between them; where words merge, the box is the union. The two parts of a
word hyphenated across a line end that the editor joined get ``SUBS_TYPE="HypPart1"`` /
``"HypPart2"`` and the whole word as ``SUBS_CONTENT``; the ``HYP`` stays where it was.
"""
from __future__ import annotations

from lxml import etree

from .model import BlockContent, Box, LineContent, PageContent, WordContent, WordWriter

NAMESPACES = {
    "http://www.loc.gov/standards/alto/ns-v2#": "2",
    "http://www.loc.gov/standards/alto/ns-v3#": "3",
    "http://www.loc.gov/standards/alto/ns-v4#": "4",
    "": "2",  # some producers write ALTO 2 without a namespace
}


def local(el: etree._Element) -> str:
    return etree.QName(el).localname


def version(root: etree._Element) -> str | None:
    """The ALTO version of a root element, or None if it is no ALTO."""
    if local(root) != "alto":
        return None
    return NAMESPACES.get(etree.QName(root).namespace or "")


def _num(el: etree._Element, name: str) -> float | None:
    value = el.get(name)
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def box_of(el: etree._Element) -> Box | None:
    x, y, w, h = (_num(el, a) for a in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
    if None in (x, y, w, h):
        return None
    return Box(x, y, x + w, y + h)  # type: ignore[operator]


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str) and local(c) == name]


def read_pages(root: etree._Element, index: dict) -> list[PageContent]:
    """The pages of an ALTO document (``index`` maps each element to its position)."""
    unit = "pixel"
    for el in root.iter("{*}MeasurementUnit"):
        unit = (el.text or "pixel").strip()
    image = None
    for el in root.iter("{*}fileName"):
        if el.text and el.text.strip():
            image = el.text.strip()
            break
    pages = []
    for page in root.iter("{*}Page"):
        blocks = [_block(b, index) for b in page.iter("{*}TextBlock")]
        pages.append(PageContent(index[page], page.get("ID", ""), image, _num(page, "WIDTH"),
                                 _num(page, "HEIGHT"), unit, tuple(blocks)))
    return pages


def _block(block: etree._Element, index: dict) -> BlockContent:
    lines = []
    for line in _children(block, "TextLine"):
        words: list[WordContent] = []
        for el in line:
            if not isinstance(el.tag, str):
                continue
            name = local(el)
            if name == "String":
                alternatives = tuple(a.text.strip() for a in _children(el, "ALTERNATIVE")
                                     if a.text and a.text.strip())
                joined = el.get("SUBS_CONTENT") if el.get("SUBS_TYPE") == "HypPart1" else None
                words.append(WordContent(index[el], el.get("ID", ""), el.get("CONTENT", ""),
                                         box_of(el), _num(el, "WC"), alternatives, joined=joined))
            elif name == "HYP" and words:
                last = words[-1]
                words[-1] = WordContent(last.element, last.id, last.text, last.box,
                                        last.confidence, last.alternatives,
                                        el.get("CONTENT", "-"), last.joined)
        lines.append(LineContent(index[line], line.get("ID", ""), box_of(line), tuple(words)))
    return BlockContent(index[block], block.get("ID", ""), tuple(lines))


# --- writing ---

ID = "ID"


def _fmt(value: float, like: str | None) -> str:
    """A coordinate written as the file writes them: integers stay integers."""
    if like is None or "." not in like:
        return str(int(round(value)))
    return f"{value:.2f}".rstrip("0").rstrip(".")


class Writer(WordWriter):
    """The changes to ALTO elements (see :mod:`edition.formats.writeback`)."""

    def set_word(self, el: etree._Element, text: str, box: Box | None) -> None:
        """Give the ``String`` ``el`` the editor's reading (and ``box``, when it changed)."""
        if el.get("CONTENT") != text:
            el.set("CONTENT", text)
            for name in ("WC", "CC"):
                if name in el.attrib:
                    del el.attrib[name]
            for glyph in _children(el, "Glyph"):
                el.remove(glyph)
            if self.version != "2":
                el.set("CS", "true")
        if box is not None and box != box_of(el):
            el.set("HPOS", _fmt(box.x0, el.get("HPOS")))
            el.set("WIDTH", _fmt(box.x1 - box.x0, el.get("WIDTH")))

    def set_hyphenated(self, el: etree._Element, part: int, whole: str) -> None:
        """Mark the ``String`` ``el`` as part 1 or 2 of the hyphenated word ``whole`` (the
        ALTO way: ``SUBS_TYPE="HypPart1"`` / ``"HypPart2"``, ``SUBS_CONTENT`` the whole word)."""
        if el.get("SUBS_TYPE") != f"HypPart{part}":
            el.set("SUBS_TYPE", f"HypPart{part}")
        if el.get("SUBS_CONTENT") != whole:
            el.set("SUBS_CONTENT", whole)

    def new_word(self, like: etree._Element, new_id: str) -> etree._Element:
        """A ``String`` made like ``like`` (its attributes and the text after it), with a new id."""
        el = etree.SubElement(like.getparent(), like.tag, dict(like.attrib))
        if like.get("ID") is not None:
            el.set("ID", new_id)
        for name in ("SUBS_TYPE", "SUBS_CONTENT"):
            if name in el.attrib:
                del el.attrib[name]
        el.tail = like.tail
        return el

    def separator(self, like: etree._Element, left: Box | None, right: Box | None):
        """The ``SP`` between two words (ALTO 3 and 4 allow it, and readers expect it)."""
        sp = etree.SubElement(like.getparent(), etree.QName(like).text.replace("String", "SP"))
        if left is not None and right is not None:
            sp.set("WIDTH", _fmt(max(0.0, right.x0 - left.x1), like.get("WIDTH")))
            sp.set("VPOS", _fmt(left.y0, like.get("VPOS")))
            sp.set("HPOS", _fmt(left.x1, like.get("HPOS")))
        sp.tail = ""
        return sp

    def is_separator(self, el) -> bool:
        return isinstance(el.tag, str) and local(el) == "SP"
