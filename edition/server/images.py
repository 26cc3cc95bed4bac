"""The page image behind a proposal: crops of its words and of their line, for the review page.

An OCR source (:mod:`edition.formats`) knows each word's box on its page and the page image
found for it (the one the OCR file names, else one beside the file with its stem). For a
correction, :func:`crops` cuts two pictures out of that image: the correction's words with a
margin, and the whole line (or lines) they are on with the words' place marked, and returns
them as PNG ``data:`` URLs (the page's Content-Security-Policy allows images from this server
and ``data:`` only, and the session token travels in a header, which an ``<img>`` cannot send).

What may be read: only the page images of the project's OCR document, chosen by the server
from the correction's id. A request names no path, so it cannot reach another file; an image
Pillow cannot decode is reported, not sent. Pillow reads what browsers cannot show (TIFF, JPEG
2000), and the crops are PNG.

Boxes are in the OCR file's units (pixels, or ALTO's ``mm10`` / ``inch1200``): they are scaled
by the image's size over the page's size as the file gives it (the same units), so a scan
resized after the OCR still crops right.
"""
from __future__ import annotations

import base64
import io
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EditionError
from ..formats.model import Box, OcrDocument, Word

#: Decoded page images kept in memory: an editor moves through proposals page by page, and
#: decoding a 300 dpi page (about 2,500 x 3,500 pixels) takes a tenth of a second or more. At
#: most this many pages, and at most CACHED_PIXELS pixels in all (a 600 dpi newspaper page has
#: ~170 million: it is kept alone); the page in use is always kept.
CACHED_PAGES = 4
CACHED_PIXELS = 120_000_000

#: Widest line crop sent, in pixels: beyond this a newspaper column's line is scaled down (the
#: page shows it at the pane's width anyway; the zoom key shows up to this width).
MAX_LINE_WIDTH = 1600

#: The margin around the words, as a share of the line's height: enough to see the letters
#: either side and the ink above and below.
WORD_MARGIN_X, WORD_MARGIN_Y = 0.6, 0.3
LINE_MARGIN = 0.25


@dataclass(frozen=True)
class Crop:
    """A picture cut from the page: its PNG, its size, and where the marked words are on it
    (left, top, right, bottom as shares of the picture's width and height)."""

    png: bytes
    width: int
    height: int
    mark: tuple[float, float, float, float]

    def json(self) -> dict[str, Any]:
        return {"src": "data:image/png;base64," + base64.b64encode(self.png).decode("ascii"),
                "width": self.width, "height": self.height,
                "mark": [round(v, 4) for v in self.mark]}


def words_of(doc: OcrDocument, start: int, end: int) -> tuple[Word, ...]:
    """The words a correction on ``start:end`` concerns: those it touches, or for a change
    between words (an inserted space or mark) the words either side of it."""
    words = doc.words_in(start, end)
    if words:
        return words
    return tuple(w for w in (doc.word_at(start - 1), doc.word_at(end)) if w is not None)


class PageImages:
    """The decoded page images of a project, the last few kept (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple[Path, int, int], Any] = OrderedDict()

    def image(self, path: Path):
        try:
            from PIL import Image  # noqa: PLC0415 (only the review of scans needs it)
        except ImportError:
            raise EditionError("showing the page images needs Pillow: pip install pillow") from None
        try:
            st = path.stat()
        except OSError:
            raise EditionError(f"{path.name}: the page image is gone") from None
        key = (path, st.st_mtime_ns, st.st_size)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        try:
            with Image.open(path) as im:
                im.load()
                picture = im.convert("L" if im.mode in ("1", "L", "I;16", "I", "F") else "RGB")
        except (OSError, ValueError, Image.DecompressionBombError) as exc:
            raise EditionError(f"{path.name}: cannot read the page image ({exc})") from None
        with self._lock:
            self._cache[key] = picture
            while len(self._cache) > 1 and (
                    len(self._cache) > CACHED_PAGES or
                    sum(im.width * im.height for im in self._cache.values()) > CACHED_PIXELS):
                self._cache.popitem(last=False)
        return picture

    def crops(self, doc: OcrDocument, start: int, end: int) -> dict[str, Any]:
        """What the review page shows for a correction on ``start:end``: ``{"page": N,
        "image": name or None, "word": crop, "line": crop}`` (no crops without an image or a
        box; see :class:`Crop`)."""
        words = [w for w in words_of(doc, start, end) if w.box is not None]
        if not words:
            return {"page": None, "image": None}
        page = doc.pages[words[0].page]
        words = [w for w in words if w.page == words[0].page]
        out: dict[str, Any] = {"page": page.number,
                               "image": page.image.name if page.image else None}
        if page.image is None:
            return out
        picture = self.image(page.image)
        sx = picture.width / page.width if page.width else 1.0
        sy = picture.height / page.height if page.height else 1.0
        scale = lambda b: Box(b.x0 * sx, b.y0 * sy, b.x1 * sx, b.y1 * sy)  # noqa: E731
        # the words of the correction's first line, and every line the correction is on
        first_line = [w for w in words if w.line == words[0].line]
        word_box = scale(Box.union([w.box for w in first_line]))
        line_boxes = [doc.lines[i].box for i in sorted({w.line for w in words})
                      if doc.lines[i].box is not None]
        line_box = scale(Box.union(line_boxes + [w.box for w in words]))
        marked = scale(Box.union([w.box for w in words]))
        height = max(1.0, (line_box.y1 - line_box.y0) / max(1, len(line_boxes)))
        out["word"] = _cut(picture, word_box, WORD_MARGIN_X * height, WORD_MARGIN_Y * height,
                           word_box, None).json()
        out["line"] = _cut(picture, line_box, LINE_MARGIN * height, LINE_MARGIN * height,
                           marked, MAX_LINE_WIDTH).json()
        return out


def _cut(picture, box: Box, mx: float, my: float, mark: Box, max_width: int | None) -> Crop:
    x0 = max(0, int(box.x0 - mx))
    y0 = max(0, int(box.y0 - my))
    x1 = min(picture.width, int(box.x1 + mx + 1))
    y1 = min(picture.height, int(box.y1 + my + 1))
    if x1 <= x0 or y1 <= y0:
        raise EditionError("the words' box lies outside the page image")
    piece = picture.crop((x0, y0, x1, y1))
    w, h = x1 - x0, y1 - y0
    if max_width and piece.width > max_width:
        piece = piece.resize((max_width, max(1, round(piece.height * max_width / piece.width))))
    buf = io.BytesIO()
    piece.save(buf, format="PNG", optimize=False)
    fraction = (max(0.0, (mark.x0 - x0) / w), max(0.0, (mark.y0 - y0) / h),
                min(1.0, (mark.x1 - x0) / w), min(1.0, (mark.y1 - y0) / h))
    return Crop(buf.getvalue(), piece.width, piece.height, fraction)
