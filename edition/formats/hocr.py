"""hOCR (HTML with OCR classes and ``title`` properties): reading pages, writing words.

Read from well-formed XHTML, as Tesseract, OCRopus and the OCR-D processors write it. The
reading order is the document's: ``ocr_page``, then its lines (``ocr_line``, ``ocrx_line``,
``ocr_header``, ``ocr_caption``, ``ocr_textfloat``) grouped in blocks by their nearest
``ocr_par`` (else ``ocr_carea``), then each line's ``ocrx_word``s; a line without words is one
word. Boxes are the ``bbox`` property; the engine's confidence is ``x_wconf`` (0..100, read as
0..1); other readings are the hOCR ``alternatives`` (``<ins class="alt">`` / ``<del class="alt">``),
the first being the word's reading.

A changed word gets the editor's reading as its only text, loses ``x_wconf`` (the engine's
doubt about the old reading) and gets the new ``bbox`` where it split or merged.
"""
from __future__ import annotations

import re

from lxml import etree

from .model import BlockContent, Box, LineContent, PageContent, WordContent, WordWriter

LINE_CLASSES = {"ocr_line", "ocrx_line", "ocr_header", "ocr_caption", "ocr_textfloat"}
ID = "id"


def classes(el: etree._Element) -> set[str]:
    return set((el.get("class") or "").split())


def properties(title: str | None) -> dict[str, str]:
    """The properties of a ``title``: ``'bbox 1 2 3 4; x_wconf 93'`` -> {'bbox': '1 2 3 4', ...}.

    >>> properties('image "a; b.png"; bbox 0 0 600 900; ppageno 0')['image']
    '"a; b.png"'
    """
    out: dict[str, str] = {}
    for m in re.finditer(r'\s*([\w-]+)\s*((?:"[^"]*"|[^;"])*)(?:;|$)', title or ""):
        if m.group(1):
            out[m.group(1)] = m.group(2).strip()
    return out


def _box(props: dict[str, str]) -> Box | None:
    try:
        x0, y0, x1, y1 = (float(v) for v in props["bbox"].split()[:4])
    except (KeyError, ValueError):
        return None
    return Box(x0, y0, x1, y1)


def is_hocr(root: etree._Element) -> bool:
    return etree.QName(root).localname == "html" and any(
        "ocr_page" in classes(el) for el in root.iter() if isinstance(el.tag, str))


def _word_text(el: etree._Element) -> tuple[str, tuple[str, ...]]:
    alts = [a for a in el.iter() if isinstance(a.tag, str) and "alt" in classes(a)]
    if alts:
        readings = ["".join(a.itertext()).strip() for a in alts]
        return readings[0], tuple(r for r in readings[1:] if r)
    return "".join(el.itertext()), ()


def read_pages(root: etree._Element, index: dict) -> list[PageContent]:
    pages = []
    for page in root.iter():
        if not isinstance(page.tag, str) or "ocr_page" not in classes(page):
            continue
        props = properties(page.get("title"))
        box = _box(props)
        image = props.get("image", "").strip('"') or None
        blocks: list[tuple[etree._Element, list[LineContent]]] = []
        for line in page.iter():
            if not isinstance(line.tag, str) or not (classes(line) & LINE_CLASSES):
                continue
            words = []
            word_els = [w for w in line.iter() if isinstance(w.tag, str) and "ocrx_word" in classes(w)]
            for w in word_els or [line]:
                wp = properties(w.get("title"))
                text, alternatives = _word_text(w)
                conf = float(wp["x_wconf"]) / 100 if "x_wconf" in wp else None
                words.append(WordContent(index[w], w.get("id", ""), text, _box(wp), conf,
                                         alternatives))
            block = _block_of(line, page)
            content = LineContent(index[line], line.get("id", ""),
                                  _box(properties(line.get("title"))), tuple(words))
            if blocks and blocks[-1][0] is block:
                blocks[-1][1].append(content)
            else:
                blocks.append((block, [content]))
        pages.append(PageContent(
            index[page], page.get("id", ""), image, box.x1 if box else None,
            box.y1 if box else None, "pixel",
            tuple(BlockContent(index[b], b.get("id", ""), tuple(ls)) for b, ls in blocks)))
    return pages


def _block_of(line: etree._Element, page: etree._Element) -> etree._Element:
    for wanted in ("ocr_par", "ocr_carea"):
        for anc in line.iterancestors():
            if anc is page:
                break
            if wanted in classes(anc):
                return anc
    return page


# --- writing ---

def _title(props: dict[str, str]) -> str:
    return "; ".join(f"{k} {v}".strip() for k, v in props.items())


def _fmt(v: float) -> str:
    return str(int(round(v)))


class Writer(WordWriter):
    """The changes to hOCR elements (see :mod:`edition.formats.writeback`)."""

    def set_word(self, el: etree._Element, text: str, box: Box | None) -> None:
        props = properties(el.get("title"))
        if _word_text(el)[0] != text or len(el):
            for child in list(el):
                el.remove(child)
            el.text = text
            props.pop("x_wconf", None)
        if box is not None:
            props["bbox"] = " ".join(_fmt(v) for v in box)
        if el.get("title") is not None or props:
            new = _title(props)
            if new != _title(properties(el.get("title"))):
                el.set("title", new)

    def new_word(self, like: etree._Element, new_id: str) -> etree._Element:
        el = etree.SubElement(like.getparent(), like.tag, dict(like.attrib))
        if like.get("id") is not None:
            el.set("id", new_id)
        el.tail = like.tail
        return el
