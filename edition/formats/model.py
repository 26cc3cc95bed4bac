"""The records of an OCR document, whatever its format, and how its plain text is derived.

An OCR file (ALTO, hOCR, PAGE) holds pages, blocks, lines and words, each word with its box on
the page image and, usually, the engine's confidence. ``edition`` works on plain text, so every
format reader produces the same :class:`PageContent` tree, and :func:`assemble` derives one text
from it, the same way for every format:

- words of a line are joined by one space (whitespace inside a word becomes one space);
- lines of a block by a line end, blocks and pages by a blank line;
- a line-end hyphen the file keeps apart (ALTO ``HYP``) follows its word, as printed; the joined
  word the file gives (ALTO ``SUBS_CONTENT``) is kept on the word as ``joined``;
- a word or line with no text is left out; a page with none is an empty span.

Every offset of the text belongs to at most one :class:`Word` (the spaces and line ends between
words belong to none); :meth:`OcrDocument.word_at` and :meth:`OcrDocument.words_in` find them.

>>> box = Box(0, 0, 10, 10)
>>> w = lambda i, t: WordContent(i, f"w{i}", t, box, 0.9)
>>> page = PageContent(0, "p1", None, 100, 100, "pixel", (
...     BlockContent(1, "b1", (LineContent(2, "l1", box, (w(3, "Lenin"), w(4, "and"))),
...                            LineContent(5, "l2", box, (w(6, "V1adimir"),)))),))
>>> doc = assemble("alto", "3", (OcrFile(Path("a.xml"), "alto", "3", "0" * 64),), [(0, page)])
>>> doc.text
'Lenin and\\nV1adimir'
>>> doc.word_at(11).text, doc.word_at(9)
('V1adimir', None)
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

#: The formats, by the name the command line uses.
FORMATS = ("alto", "hocr", "page")


class Box(NamedTuple):
    """A rectangle on the page, in the file's units: left, top, right, bottom."""

    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def union(cls, boxes: "list[Box]") -> "Box":
        return cls(min(b.x0 for b in boxes), min(b.y0 for b in boxes),
                   max(b.x1 for b in boxes), max(b.y1 for b in boxes))


# --- what a reader produces (one tree per page; ``element`` is the index of the element in its
# file's document order, which is how the writer finds it again) ---

@dataclass(frozen=True)
class WordContent:
    element: int
    id: str
    text: str
    box: Box | None
    confidence: float | None = None
    alternatives: tuple[str, ...] = ()
    hyphen: str = ""          # a line-end hyphen kept apart by the file, printed after the word
    joined: str | None = None  # the whole word, where the file joins a hyphenated one


@dataclass(frozen=True)
class LineContent:
    element: int
    id: str
    box: Box | None
    words: tuple[WordContent, ...]


@dataclass(frozen=True)
class BlockContent:
    element: int
    id: str
    lines: tuple[LineContent, ...]


@dataclass(frozen=True)
class PageContent:
    element: int
    id: str
    image: str | None       # the page image as the file names it (relative to the file)
    width: float | None     # the page's size, in the file's units
    height: float | None
    unit: str               # "pixel", or ALTO's "mm10" / "inch1200"
    blocks: tuple[BlockContent, ...]


# --- the document ---

@dataclass(frozen=True)
class OcrFile:
    """One file of the document, with the SHA-256 of its bytes (a changed file is noticed)."""

    path: Path
    format: str
    version: str   # ALTO "2" / "3" / "4", PAGE "2013-07-15" / "2019-07-15", hOCR "1"
    sha256: str


@dataclass(frozen=True)
class Page:
    start: int
    end: int
    number: int            # 1-based, in reading order across the files
    id: str
    file: int              # index into OcrDocument.files
    element: int
    image: Path | None     # the page image, if one was found
    width: float | None
    height: float | None
    unit: str


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    id: str
    page: int              # index into OcrDocument.pages
    file: int
    element: int
    box: Box | None


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str
    id: str
    page: int
    line: int              # index into OcrDocument.lines
    file: int
    element: int
    box: Box | None
    confidence: float | None   # the engine's, 0..1
    alternatives: tuple[str, ...] = ()
    hyphen: str = ""
    joined: str | None = None


@dataclass(frozen=True)
class OcrDocument:
    """An OCR document (one file, or a folder of page files) and its derived text."""

    format: str
    files: tuple[OcrFile, ...]
    text: str
    pages: tuple[Page, ...]
    lines: tuple[Line, ...]
    words: tuple[Word, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [w.start for w in self.words])

    def word_at(self, offset: int) -> Word | None:
        """The word whose text holds ``offset``, or None (a space, a line end, a hyphen)."""
        i = bisect.bisect_right(self._starts, offset) - 1  # type: ignore[attr-defined]
        if i >= 0 and self.words[i].start <= offset < self.words[i].end:
            return self.words[i]
        return None

    def words_in(self, start: int, end: int) -> tuple[Word, ...]:
        """The words that share a character with ``start:end`` (for an empty span: the word
        that holds ``start``)."""
        if start == end:
            w = self.word_at(start)
            return (w,) if w else ()
        lo = max(0, bisect.bisect_right(self._starts, start) - 1)  # type: ignore[attr-defined]
        hi = bisect.bisect_left(self._starts, end)  # type: ignore[attr-defined]
        return tuple(w for w in self.words[lo:hi] if w.start < end and start < w.end)


def _clean(text: str) -> str:
    return " ".join(text.split())


def assemble(format: str, version: str, files: tuple[OcrFile, ...],
             pages: list[tuple[int, PageContent]], images: list[Path | None] | None = None
             ) -> OcrDocument:
    """The document of ``pages`` (``(file index, page)`` in reading order); see the module
    docstring for how the text is derived. ``images`` gives each page's image file, if found."""
    parts: list[str] = []
    pos = 0
    out_pages: list[Page] = []
    out_lines: list[Line] = []
    out_words: list[Word] = []

    def put(s: str) -> None:
        nonlocal pos
        parts.append(s)
        pos += len(s)

    for number, (file, page) in enumerate(pages, start=1):
        if number > 1:
            put("\n\n")
        page_start = pos
        first_block = True
        for block in page.blocks:
            lines = [line for line in block.lines if any(_clean(w.text) for w in line.words)]
            if not lines:
                continue
            if not first_block:
                put("\n\n")
            first_block = False
            for k, line in enumerate(lines):
                if k:
                    put("\n")
                line_start = pos
                line_index = len(out_lines)
                first_word = True
                for w in line.words:
                    text = _clean(w.text)
                    if not text:
                        continue
                    if not first_word:
                        put(" ")
                    first_word = False
                    start = pos
                    put(text)
                    out_words.append(Word(start, pos, text, w.id, number - 1, line_index, file,
                                          w.element, w.box, w.confidence, w.alternatives,
                                          w.hyphen, w.joined))
                    if w.hyphen:
                        put(w.hyphen)
                out_lines.append(Line(line_start, pos, line.id, number - 1, file, line.element,
                                      line.box))
        image = images[number - 1] if images else None
        out_pages.append(Page(page_start, pos, number, page.id, file, page.element, image,
                              page.width, page.height, page.unit))
    return OcrDocument(format, files, "".join(parts), tuple(out_pages), tuple(out_lines),
                       tuple(out_words))


class WordWriter:
    """What writing back (:mod:`edition.formats.writeback`) asks of a format's ``Writer``, with
    what a format without word separators, a place for a hyphenated word's whole, or line
    texts to keep in step does: nothing. Each format defines ``set_word`` and ``new_word`` and
    overrides the rest where it has them."""

    def __init__(self, version: str) -> None:
        self.version = version

    def set_hyphenated(self, el, part: int, whole: str) -> None:
        """Mark ``el`` as part 1 or 2 of the word ``whole``, hyphenated across a line end; a
        format with no place for the whole keeps the parts on their lines."""

    def separator(self, like, left: Box | None, right: Box | None):
        """The element that stands between two new words, or None."""
        return None

    def is_separator(self, el) -> bool:
        return False

    def begin_line(self, line) -> None:
        """Called before the words of ``line`` change."""

    def finish(self) -> list:
        """Elements beyond the words that were written again."""
        return []

