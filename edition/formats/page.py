"""PAGE XML (PRImA's Page Content schema, 2013 and 2019 versions): reading, writing words.

Following the OCR-D conventions: the reading order is the ``ReadingOrder`` of the ``Page``
(``OrderedGroup``s by ``@index``, ``UnorderedGroup``s in document order, nested groups opened);
the ``TextRegion``s it does not name follow in document order. Lines are taken in document
order, and the words of each line; a line without ``Word``s is one word. The text of an element
is its first ``TextEquiv`` (the lowest ``@index``), ``Unicode`` child; the other ``TextEquiv``s
are the engine's alternatives and ``@conf`` its confidence (0..1). Boxes are the bounding
rectangles of ``Coords/@points``.

A changed word gets the editor's reading in its first ``TextEquiv`` (without ``@conf``), loses
its ``Glyph``s (they spelled the old reading) and, where it split or merged, gets a rectangle
``Coords`` (and a straight ``Baseline`` if it had one). Its line's first ``TextEquiv`` and its
region's are written again from their words and lines where they agreed with them before (the
OCR-D consistency rule), without ``@conf``.
"""
from __future__ import annotations

from lxml import etree

from .model import BlockContent, Box, LineContent, PageContent, WordContent, WordWriter

NAMESPACE_PREFIX = "http://schema.primaresearch.org/PAGE/gts/pagecontent/"
ID = "id"


def local(el: etree._Element) -> str:
    return etree.QName(el).localname


def version(root: etree._Element) -> str | None:
    """The PAGE version (the namespace's date, e.g. ``2019-07-15``), or None for no PAGE."""
    ns = etree.QName(root).namespace or ""
    if local(root) != "PcGts" or not ns.startswith(NAMESPACE_PREFIX):
        return None
    return ns[len(NAMESPACE_PREFIX):]


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str) and local(c) == name]


def _points_box(points: str | None) -> Box | None:
    try:
        xy = [tuple(float(v) for v in p.split(",")) for p in (points or "").split()]
    except ValueError:
        return None
    if not xy:
        return None
    xs, ys = [p[0] for p in xy], [p[1] for p in xy]
    return Box(min(xs), min(ys), max(xs), max(ys))


def box_of(el: etree._Element) -> Box | None:
    coords = _children(el, "Coords")
    return _points_box(coords[0].get("points")) if coords else None


def text_equivs(el: etree._Element) -> list[etree._Element]:
    """The ``TextEquiv`` children, first the main one: by ``@index``, then document order."""
    equivs = _children(el, "TextEquiv")

    def key(pair: tuple[int, etree._Element]) -> tuple[float, int]:
        try:
            return (float(pair[1].get("index")), pair[0])  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return (float("inf"), pair[0])
    return [e for _, e in sorted(enumerate(equivs), key=key)]


def _unicode(equiv: etree._Element) -> str:
    u = _children(equiv, "Unicode")
    return (u[0].text or "") if u else ""


def _conf(equiv: etree._Element) -> float | None:
    try:
        return float(equiv.get("conf"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _reading(el: etree._Element) -> tuple[str, float | None, tuple[str, ...]]:
    equivs = text_equivs(el)
    if not equivs:
        return "", None, ()
    alternatives = tuple(t for t in (_unicode(e).strip() for e in equivs[1:]) if t)
    return _unicode(equivs[0]), _conf(equivs[0]), alternatives


def region_order(page: etree._Element) -> list[etree._Element]:
    """The page's ``TextRegion``s in reading order."""
    regions = [r for r in page.iter("{*}TextRegion")]
    by_id = {r.get("id"): r for r in regions}
    ordered: list[etree._Element] = []

    def walk(group: etree._Element) -> None:
        members = [c for c in group if isinstance(c.tag, str)]
        if local(group).startswith("OrderedGroup"):
            def idx(c: etree._Element) -> float:
                try:
                    return float(c.get("index"))  # type: ignore[arg-type]
                except (TypeError, ValueError):
                    return float("inf")
            members = sorted(members, key=idx)
        for m in members:
            ref = m.get("regionRef")
            if ref in by_id and by_id[ref] not in ordered:
                ordered.append(by_id[ref])
            if "Group" in local(m):
                walk(m)

    for ro in _children(page, "ReadingOrder"):
        for group in ro:
            if isinstance(group.tag, str):
                walk(group)
    return ordered + [r for r in regions if r not in ordered]


def read_pages(root: etree._Element, index: dict) -> list[PageContent]:
    pages = []
    for page in root.iter("{*}Page"):
        blocks = []
        for region in region_order(page):
            lines = []
            for line in _children(region, "TextLine"):
                words = []
                for w in _children(line, "Word") or [line]:
                    text, conf, alternatives = _reading(w)
                    words.append(WordContent(index[w], w.get("id", ""), text, box_of(w), conf,
                                             alternatives))
                lines.append(LineContent(index[line], line.get("id", ""), box_of(line), tuple(words)))
            blocks.append(BlockContent(index[region], region.get("id", ""), tuple(lines)))

        def size(name: str) -> float | None:
            try:
                return float(page.get(name))  # type: ignore[arg-type]
            except (TypeError, ValueError):
                return None
        pages.append(PageContent(index[page], page.get("id", ""), page.get("imageFilename"),
                                 size("imageWidth"), size("imageHeight"), "pixel", tuple(blocks)))
    return pages


# --- writing ---

def _fmt(v: float) -> str:
    return str(int(round(v)))


def _set_text(el: etree._Element, text: str) -> None:
    """Put ``text`` in the main ``TextEquiv`` of ``el`` (made if missing), without ``@conf``."""
    equivs = text_equivs(el)
    if equivs:
        equiv = equivs[0]
    else:
        equiv = etree.SubElement(el, etree.QName(el).text.replace(local(el), "TextEquiv"))
    unicode = _children(equiv, "Unicode")
    if not unicode:
        unicode = [etree.SubElement(equiv, etree.QName(equiv).text.replace("TextEquiv", "Unicode"))]
    unicode[0].text = text
    if "conf" in equiv.attrib:
        del equiv.attrib["conf"]


class Writer(WordWriter):
    """The changes to PAGE elements (see :mod:`edition.formats.writeback`)."""

    def __init__(self, version: str) -> None:
        super().__init__(version)
        # line element -> did its text agree with its words before any change?
        self.lines: dict[etree._Element, bool] = {}
        self.regions: dict[etree._Element, bool] = {}

    def begin_line(self, line: etree._Element) -> None:
        if line in self.lines or local(line) != "TextLine":
            return
        words = _children(line, "Word")
        self.lines[line] = bool(words) and bool(text_equivs(line)) and (
            _reading(line)[0] == " ".join(_reading(w)[0] for w in words))
        region = line.getparent()
        if region not in self.regions:
            lines = _children(region, "TextLine")
            self.regions[region] = bool(text_equivs(region)) and (
                _reading(region)[0] == "\n".join(_reading(x)[0] for x in lines))

    def set_word(self, el: etree._Element, text: str, box: Box | None) -> None:
        if _reading(el)[0] != text:
            _set_text(el, text)
            for glyph in _children(el, "Glyph"):
                el.remove(glyph)
        if box is not None and box != box_of(el):
            coords = _children(el, "Coords")
            x0, y0, x1, y1 = (_fmt(v) for v in box)
            points = f"{x0},{y0} {x1},{y0} {x1},{y1} {x0},{y1}"
            if coords:
                coords[0].set("points", points)
            for baseline in _children(el, "Baseline"):
                ys = [float(p.split(",")[1]) for p in (baseline.get("points") or "").split()]
                y = _fmt(sum(ys) / len(ys)) if ys else y1
                baseline.set("points", f"{x0},{y} {x1},{y}")

    def new_word(self, like: etree._Element, new_id: str) -> etree._Element:
        """A copy of ``like`` (its coordinates, baseline, style and text), with a new id."""
        import copy
        el = copy.deepcopy(like)
        like.getparent().append(el)
        if like.get("id") is not None:
            el.set("id", new_id)
        for glyph in _children(el, "Glyph"):
            el.remove(glyph)
        el.tail = like.tail
        return el

    def finish(self) -> list[etree._Element]:
        """The line and region ``TextEquiv``s that were written again."""
        changed = []
        for line, agreed in self.lines.items():
            if agreed:
                text = " ".join(_reading(w)[0] for w in _children(line, "Word"))
                if text != _reading(line)[0]:
                    _set_text(line, text)
                    changed.append(text_equivs(line)[0])
        for region, agreed in self.regions.items():
            if agreed:
                text = "\n".join(_reading(x)[0] for x in _children(region, "TextLine"))
                if text != _reading(region)[0]:
                    _set_text(region, text)
                    changed.append(text_equivs(region)[0])
        return changed
