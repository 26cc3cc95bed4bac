"""Whether a path is an OCR source (ALTO, hOCR, PAGE; a file or a folder of page files), told from
the files' first kilobytes without parsing them: :func:`is_ocr_source`, :func:`ocr_files`,
:func:`formats_in`.

Kept apart from :mod:`.reader` so that reading a plain-text source does not import lxml and the
format modules: 0.015 s of a cold `edition detect` on the seed (median of five, 2026-12-05).
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import EditionError

OCR_SUFFIXES = (".xml", ".alto", ".hocr", ".html", ".xhtml", ".htm")


def sniff(path: Path) -> str | None:
    """The format of the file at ``path`` from its first kilobytes, without parsing it all
    (``None`` for plain text or anything else).

    >>> sniff(Path(__file__))
    """
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return None
    if b"\x00" in head:
        return None
    s = head.decode("utf-8", "replace")
    if not s.lstrip("\ufeff \t\r\n").startswith("<"):
        return None
    if re.search(r"<(\w+:)?alto[\s>]", s):
        return "alto"
    if re.search(r"<(\w+:)?PcGts[\s>]", s):
        return "page"
    if "ocr_page" in s or "ocr-system" in s or "ocr-capabilities" in s:
        return "hocr"
    return None


def _natural_key(path: Path) -> list:
    """``page-2`` before ``page-10``."""
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", path.name)]


def formats_in(folder: Path) -> dict[Path, str]:
    """The OCR files directly in ``folder`` → the format of each (any order, any mix)."""
    found = {}
    for p in folder.iterdir():
        if p.is_file() and p.suffix.lower() in OCR_SUFFIXES and (kind := sniff(p)) is not None:
            found[p] = kind
    return found


def ocr_files(folder: Path) -> list[Path]:
    """The OCR files directly in ``folder``, in natural order; all of one format."""
    found = formats_in(folder)
    files = sorted(found, key=_natural_key)
    if not files:
        raise EditionError(f"{folder}: no ALTO, hOCR or PAGE files in this folder")
    kinds = set(found.values())
    if len(kinds) > 1:
        raise EditionError(f"{folder}: holds files of several formats ({', '.join(sorted(kinds))}); "
                           "keep one format per folder")
    return files


def is_ocr_source(path: str | Path) -> bool:
    """True for an ALTO, hOCR or PAGE file, or a folder of them."""
    path = Path(path)
    if path.is_dir():
        try:
            return bool(ocr_files(path))
        except EditionError:
            return False
    return path.is_file() and sniff(path) is not None
