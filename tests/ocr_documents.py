"""OCR documents made for tests: a page/block/line/word tree written as ALTO (2, 3, 4), hOCR or
PAGE (2013, 2019) with lxml, and hypothesis strategies for trees and for changes to them."""
from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st
from lxml import etree

ALTO_NS = {"2": "http://www.loc.gov/standards/alto/ns-v2#",
           "3": "http://www.loc.gov/standards/alto/ns-v3#",
           "4": "http://www.loc.gov/standards/alto/ns-v4#"}
PAGE_NS = "http://schema.primaresearch.org/PAGE/gts/pagecontent/{}"
XHTML = "http://www.w3.org/1999/xhtml"

VARIANTS = [("alto", "2"), ("alto", "3"), ("alto", "4"), ("hocr", "1"), ("page", "2013-07-15"),
            ("page", "2019-07-15")]
SUFFIX = {"alto": ".xml", "hocr": ".hocr", "page": ".xml"}


@dataclass(frozen=True)
class Tree:
    """pages -> blocks -> lines -> words (each word a text)."""

    pages: tuple[tuple[tuple[tuple[str, ...], ...], ...], ...]

    def text(self) -> str:
        """The text ``edition.formats`` must derive (its rule, written out plainly)."""
        return "\n\n".join("\n\n".join("\n".join(" ".join(line) for line in block)
                                       for block in page) for page in self.pages)


WORD_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789&<>\"'’é-.,;:!?£"
words = st.text(alphabet=WORD_CHARS, min_size=1, max_size=8)
lines = st.lists(words, min_size=1, max_size=4).map(tuple)
blocks = st.lists(lines, min_size=1, max_size=3).map(tuple)
pages = st.lists(blocks, min_size=1, max_size=2).map(tuple)
trees = st.lists(pages, min_size=1, max_size=2).map(lambda p: Tree(tuple(p)))


def _boxes(tree_page):
    """Word boxes laid out left to right, lines top to bottom (x0, y0, x1, y1)."""
    y = 10
    out = []
    for block in tree_page:
        b = []
        for line in block:
            x, ws = 20, []
            for w in line:
                width = 12 * len(w)
                ws.append((x, y, x + width, y + 20))
                x += width + 10
            b.append(ws)
            y += 30
        out.append(b)
        y += 20
    return out


def build(fmt: str, version: str, tree: Tree, pretty: bool = True) -> list[bytes]:
    """One file per page of ``tree``, in the format asked."""
    make = {"alto": _alto, "hocr": _hocr, "page": _page}[fmt]
    files = []
    for n, page in enumerate(tree.pages, start=1):
        root = make(version, page, n)
        files.append(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                    pretty_print=pretty))
    return files


def _alto(version: str, page, n: int):
    ns = ALTO_NS[version]
    E = lambda tag, parent=None, **a: (etree.SubElement(parent, f"{{{ns}}}{tag}", {k: str(v) for k, v in a.items()})
                                       if parent is not None else
                                       etree.Element(f"{{{ns}}}{tag}", {k: str(v) for k, v in a.items()}, nsmap={None: ns}))
    root = E("alto")
    desc = E("Description", root)
    E("MeasurementUnit", desc).text = "pixel"
    E("fileName", E("sourceImageInformation", desc)).text = f"page-{n}.png"
    layout = E("Layout", root)
    pg = E("Page", layout, ID=f"p{n}", WIDTH=1000, HEIGHT=1000, PHYSICAL_IMG_NR=n)
    space = E("PrintSpace", pg, HPOS=0, VPOS=0, WIDTH=1000, HEIGHT=1000)
    for bi, (block, bboxes) in enumerate(zip(page, _boxes(page))):
        tb = E("TextBlock", space, ID=f"p{n}b{bi}", HPOS=0, VPOS=0, WIDTH=900, HEIGHT=900)
        for li, (line, lboxes) in enumerate(zip(block, bboxes)):
            x0, y0, x1, y1 = lboxes[0][0], lboxes[0][1], lboxes[-1][2], lboxes[-1][3]
            tl = E("TextLine", tb, ID=f"p{n}b{bi}l{li}", HPOS=x0, VPOS=y0, WIDTH=x1 - x0, HEIGHT=y1 - y0)
            for wi, (w, (a, b, c, d)) in enumerate(zip(line, lboxes)):
                if wi:
                    E("SP", tl, WIDTH=10, HPOS=a - 10, VPOS=b)
                E("String", tl, ID=f"p{n}b{bi}l{li}w{wi}", HPOS=a, VPOS=b, WIDTH=c - a, HEIGHT=d - b,
                  CONTENT=w, WC=f"{0.5 + 0.05 * (wi % 10):.2f}")
    return root


def _hocr(version: str, page, n: int):
    H = lambda tag, parent, **a: etree.SubElement(parent, f"{{{XHTML}}}{tag}", {k.rstrip("_"): str(v) for k, v in a.items()})
    root = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML})
    head = H("head", root)
    H("title", head).text = "t"
    H("meta", head, name="ocr-system", content="test")
    body = H("body", root)
    pg = H("div", body, class_="ocr_page", id=f"page_{n}", title=f'image "page-{n}.png"; bbox 0 0 1000 1000')
    for bi, (block, bboxes) in enumerate(zip(page, _boxes(page))):
        par = H("p", H("div", pg, class_="ocr_carea", id=f"b{n}_{bi}"), class_="ocr_par", id=f"par{n}_{bi}")
        for li, (line, lboxes) in enumerate(zip(block, bboxes)):
            x0, y0, x1, y1 = lboxes[0][0], lboxes[0][1], lboxes[-1][2], lboxes[-1][3]
            ln = H("span", par, class_="ocr_line", id=f"l{n}_{bi}_{li}", title=f"bbox {x0} {y0} {x1} {y1}")
            for wi, (w, (a, b, c, d)) in enumerate(zip(line, lboxes)):
                H("span", ln, class_="ocrx_word", id=f"w{n}_{bi}_{li}_{wi}",
                  title=f"bbox {a} {b} {c} {d}; x_wconf {50 + wi}").text = w
    return root


def _page(version: str, page, n: int):
    ns = PAGE_NS.format(version)
    P = lambda tag, parent, **a: etree.SubElement(parent, f"{{{ns}}}{tag}", {k: str(v) for k, v in a.items()})
    root = etree.Element(f"{{{ns}}}PcGts", nsmap={None: ns})
    meta = P("Metadata", root)
    P("Creator", meta).text = "test"
    P("Created", meta).text = "2020-01-01T00:00:00"
    P("LastChange", meta).text = "2020-01-01T00:00:00"
    pg = P("Page", root, imageFilename=f"page-{n}.png", imageWidth=1000, imageHeight=1000)
    ro = P("OrderedGroup", P("ReadingOrder", pg), id=f"ro{n}")
    for bi in range(len(page)):
        P("RegionRefIndexed", ro, index=bi, regionRef=f"r{n}_{bi}")

    def rect(a, b, c, d):
        return f"{a},{b} {c},{b} {c},{d} {a},{d}"

    # The regions are written in reverse: the reading order, not the file's order, must count.
    regions = []
    for bi, (block, bboxes) in enumerate(zip(page, _boxes(page))):
        region = etree.Element(f"{{{ns}}}TextRegion", id=f"r{n}_{bi}")
        P("Coords", region, points=rect(0, 0, 900, 900))
        for li, (line, lboxes) in enumerate(zip(block, bboxes)):
            x0, y0, x1, y1 = lboxes[0][0], lboxes[0][1], lboxes[-1][2], lboxes[-1][3]
            tl = P("TextLine", region, id=f"r{n}_{bi}_l{li}")
            P("Coords", tl, points=rect(x0, y0, x1, y1))
            for wi, (w, box) in enumerate(zip(line, lboxes)):
                word = P("Word", tl, id=f"r{n}_{bi}_l{li}_w{wi}")
                P("Coords", word, points=rect(*box))
                # PAGE 2013 has one TextEquiv, without @index; 2019 several, the engine's
                # alternatives among them.
                if version == "2013-07-15":
                    P("Unicode", P("TextEquiv", word, conf=f"{0.5 + 0.01 * wi:.2f}")).text = w
                else:
                    P("Unicode", P("TextEquiv", word, index=1, conf=f"{0.5 + 0.01 * wi:.2f}")).text = w
                    P("Unicode", P("TextEquiv", word, index=2, conf="0.1")).text = w + "x"
            P("Unicode", P("TextEquiv", tl)).text = " ".join(line)
        P("Unicode", P("TextEquiv", region)).text = "\n".join(" ".join(l) for l in block)
        regions.append(region)
    for region in reversed(regions):
        pg.append(region)
    return root
