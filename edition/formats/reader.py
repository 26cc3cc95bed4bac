"""Reading an OCR file, or a folder of page files, into one :class:`OcrDocument`.

- :func:`format_of` — which format a file is (ALTO, hOCR, PAGE), from its root element.
- :func:`ocr_files` — the page files of a folder, in natural order (``page-2`` before ``page-10``),
  and :func:`is_ocr_source`, from :mod:`.sniff`.
- :func:`read_ocr` — a file or folder read as one document, its page images found.

A page image is the file the OCR names (ALTO ``sourceImageInformation/fileName``, hOCR
``image``, PAGE ``@imageFilename``), relative to the OCR file's folder, else a file beside the
OCR file with its stem and an image extension (``page-001.xml`` -> ``page-001.jpg``).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from lxml import etree

from ..errors import EditionError
from . import alto, hocr, page
from .model import OcrDocument, OcrFile, PageContent, assemble
from .sniff import ocr_files

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".jp2", ".webp", ".gif", ".bmp")
_MODULES = {"alto": alto, "hocr": hocr, "page": page}


def parse(data: bytes, path: Path) -> etree._Element:
    """The root element of an OCR file (XML: entities are not expanded, nothing is fetched)."""
    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, huge_tree=True,
                                                      no_network=True, remove_blank_text=False))
    except etree.XMLSyntaxError as exc:
        raise EditionError(f"{path}: not well-formed XML ({exc}); edition reads ALTO, PAGE and "
                           "hOCR as XHTML") from None


def format_of(root: etree._Element) -> tuple[str, str] | None:
    """``(format, version)`` of a parsed file, or None when it is none of the three."""
    v = alto.version(root)
    if v:
        return "alto", v
    v = page.version(root)
    if v:
        return "page", v
    if hocr.is_hocr(root):
        return "hocr", "1"
    return None


def find_image(ocr_path: Path, named: str | None) -> Path | None:
    """The page image of ``ocr_path``: the one it names, else one beside it with its stem."""
    folder = ocr_path.parent
    if named and "://" not in named:
        for candidate in (folder / named, folder / Path(named).name):
            if candidate.is_file():
                return candidate
    stem = ocr_path.name.split(".")[0]
    for suffix in IMAGE_SUFFIXES:
        for candidate in (folder / f"{stem}{suffix}", folder / f"{ocr_path.stem}{suffix}"):
            if candidate.is_file():
                return candidate
    return None


def read_ocr(path: str | Path) -> OcrDocument:
    """The OCR document at ``path``: one ALTO, hOCR or PAGE file, or a folder of page files of
    one format read in natural order as one document."""
    path = Path(path)
    if not path.exists():
        raise EditionError(f"{path}: no such file or directory")
    files = ocr_files(path) if path.is_dir() else [path]
    records: list[OcrFile] = []
    pages: list[tuple[int, PageContent]] = []
    images: list[Path | None] = []
    kind = None
    for i, f in enumerate(files):
        data = f.read_bytes()
        root = parse(data, f)
        found = format_of(root)
        if found is None:
            raise EditionError(f"{f}: neither ALTO, hOCR nor PAGE XML")
        if kind is not None and found[0] != kind:
            raise EditionError(f"{f}: is {found[0]}, the other files are {kind}")
        kind = found[0]
        elements = [e for e in root.iter() if isinstance(e.tag, str)]
        index = {e: k for k, e in enumerate(elements)}
        file_pages = _MODULES[kind].read_pages(root, index)
        if not file_pages:
            raise EditionError(f"{f}: has no page")
        records.append(OcrFile(f, kind, found[1], hashlib.sha256(data).hexdigest()))
        for p in file_pages:
            pages.append((i, p))
            images.append(find_image(f, p.image))
    assert kind is not None
    return assemble(kind, records[0].version, tuple(records), pages, images)


def adapter(name: str):
    """The module that writes format ``name``."""
    return _MODULES[name]
