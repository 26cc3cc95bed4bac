"""Reading a TEI edition back: the source text, the reading text and the decisions, from the TEI
alone.

This is the proof that the edition is lossless: :func:`read_edition` walks ``<text>`` and
rebuilds two texts from the same markup —

- the **source** reading: ``sic`` / ``orig`` of each ``choice``, the content of ``unclear``
  (and of an apparatus entry the ``lem``: the other witnesses' ``rdg`` are not the source);
- the **reading** text: ``corr`` / ``reg`` of each ``choice``, the content of ``unclear``;

with ``<g ref>`` mapped back through the header's ``charDecl``, ``<lb/>`` adding nothing (the
newline it follows is text) and everything else contributing its text in document order, the
whitespace between elements included. It also lists every block (a child of a structural
container: front, body, back, div, list, titlePage, docTitle) with both readings and its line in
the TEI file, so a discrepancy can be named by place; and every encoded decision
(:class:`EncodedDecision`).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ...errors import EditionError
from .xmltext import TEI_NS, XML_NS, declared_chars, tei

XML_ID = f"{{{XML_NS}}}id"
STRUCTURAL = {tei(t) for t in ("text", "front", "body", "back", "div", "list", "titlePage",
                               "docTitle")}


@dataclass(frozen=True)
class BlockText:
    """One block of the edition: its element name, line in the TEI file, and both readings."""

    tag: str
    line: int
    source: str
    reading: str
    source_start: int  # offset of the block in the source reading
    reading_start: int  # offset of the block in the reading text


@dataclass(frozen=True)
class EncodedDecision:
    """A decision as the TEI encodes it (a ``choice`` or an ``unclear``)."""

    xml_id: str
    element: str  # "sic/corr", "orig/reg" or "unclear"
    original: str
    reading: str | None
    type: str | None
    resp: str | None
    cert: str | None
    line: int


@dataclass(frozen=True)
class EditionText:
    source: str
    reading: str
    blocks: tuple[BlockText, ...]
    decisions: tuple[EncodedDecision, ...]
    sha256: str | None


def parse_tei(data: bytes, name: str = "TEI") -> etree._ElementTree:
    """Parse TEI bytes; a malformed file is an EditionError naming the line."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                             remove_blank_text=False)
    try:
        return etree.ElementTree(etree.fromstring(data, parser))
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else "?"
        raise EditionError(f"{name}:{line}: not well-formed XML ({exc.msg})") from None


def load_tei(path: str | Path) -> etree._ElementTree:
    path = Path(path)
    if not path.exists():
        raise EditionError(f"{path}: no such file")
    return parse_tei(path.read_bytes(), str(path))


class _Walker:
    def __init__(self, root: etree._Element) -> None:
        self.chars = declared_chars(root)

    def flatten(self, el: etree._Element, side: str) -> str:
        """The text ``el`` contributes on ``side`` ("source" or "reading"), tail excluded."""
        if not isinstance(el.tag, str):  # comments and processing instructions
            return ""
        if el.tag == tei("choice"):
            wanted = ("sic", "orig") if side == "source" else ("corr", "reg")
            for child in el:
                if child.tag in {tei(t) for t in wanted}:
                    return self.inner(child, side)
            raise EditionError(f"TEI line {el.sourceline}: choice without "
                               f"{' or '.join(wanted)}")
        if el.tag == tei("app"):  # the apparatus: the copy text is the lemma
            for child in el:
                if child.tag == tei("lem"):
                    return self.inner(child, side)
            raise EditionError(f"TEI line {el.sourceline}: app without lem")
        if el.tag == tei("g"):
            ref = el.get("ref", "")
            if ref not in self.chars:
                raise EditionError(f"TEI line {el.sourceline}: g ref={ref!r} is not declared in "
                                   f"the charDecl")
            return self.chars[ref]
        if el.tag == tei("lb"):
            return ""
        return self.inner(el, side)

    def inner(self, el: etree._Element, side: str) -> str:
        parts = [el.text or ""]
        for child in el:
            parts.append(self.flatten(child, side))
            parts.append(child.tail or "")
        return "".join(parts)


def _blocks(walker: _Walker, el: etree._Element, out: list[BlockText], at: tuple[int, int]
            ) -> tuple[int, int]:
    """Append the blocks under the structural element ``el``; ``at`` is its offset in the
    (source, reading) texts; returns the offset after its content."""
    src, rdg = at[0] + len(el.text or ""), at[1] + len(el.text or "")
    for child in el:
        if isinstance(child.tag, str) and child.tag in STRUCTURAL:
            src, rdg = _blocks(walker, child, out, (src, rdg))
        elif isinstance(child.tag, str):
            s, r = walker.flatten(child, "source"), walker.flatten(child, "reading")
            out.append(BlockText(etree.QName(child).localname, child.sourceline or 0, s, r,
                                 src, rdg))
            src, rdg = src + len(s), rdg + len(r)
        tail = len(child.tail or "")
        src, rdg = src + tail, rdg + tail
    return src, rdg


def _decisions(walker: _Walker, text_el: etree._Element) -> list[EncodedDecision]:
    out = []
    for el in text_el.iter(tei("choice"), tei("unclear")):
        if el.tag == tei("unclear"):
            original = walker.inner(el, "source")
            out.append(EncodedDecision(el.get(XML_ID, ""), "unclear", original, None, None,
                                       el.get("resp"), el.get("cert"), el.sourceline or 0))
            continue
        parts = {etree.QName(c).localname: c for c in el if isinstance(c.tag, str)}
        if "corr" in parts:
            orig, reading, kind = parts.get("sic"), parts["corr"], "sic/corr"
        else:
            orig, reading, kind = parts.get("orig"), parts.get("reg"), "orig/reg"
        out.append(EncodedDecision(
            el.get(XML_ID, ""), kind,
            walker.inner(orig, "source") if orig is not None else "",
            walker.inner(reading, "reading") if reading is not None else None,
            reading.get("type") if reading is not None else None,
            reading.get("resp") if reading is not None else None,
            reading.get("cert") if reading is not None else None,
            el.sourceline or 0))
    return out


def read_edition(doc: etree._ElementTree | etree._Element) -> EditionText:
    """Both texts, the blocks and the encoded decisions of a TEI edition."""
    root = doc.getroot() if isinstance(doc, etree._ElementTree) else doc
    if root.tag != tei("TEI"):
        raise EditionError(f"not a TEI document (root element {root.tag!r}, expected TEI in "
                           f"namespace {TEI_NS})")
    text_els = root.findall(tei("text"))
    if len(text_els) != 1:
        raise EditionError(f"expected one <text> element, found {len(text_els)}")
    text_el = text_els[0]
    walker = _Walker(root)
    blocks: list[BlockText] = []
    _blocks(walker, text_el, blocks, (0, 0))
    sha = root.find(f"{tei('teiHeader')}//{tei('sourceDesc')}//{tei('idno')}[@type='sha256']")
    return EditionText(walker.inner(text_el, "source"), walker.inner(text_el, "reading"),
                       tuple(blocks), tuple(_decisions(walker, text_el)),
                       sha.text.strip() if sha is not None and sha.text else None)


def block_at(blocks: tuple[BlockText, ...], offset: int, side: str = "source") -> BlockText | None:
    """The block holding ``offset`` of the source (or reading) text, or None between blocks."""
    for b in blocks:
        start = b.source_start if side == "source" else b.reading_start
        length = len(b.source if side == "source" else b.reading)
        if start <= offset <= start + length:
            return b
    return None
