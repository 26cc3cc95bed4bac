"""Reading a source text: lossless, strict, and recorded.

A source is a plain-text OCR transcription, or an OCR engine's file (ALTO, hOCR, PAGE XML; one
file or a folder of page files), whose text is derived by :mod:`edition.formats`. :func:`read_source` decodes it strictly (UTF-8 by
default; a byte-order mark is accepted and recorded), normalizes CRLF (and lone CR) line ends to
LF and records that it did, and computes the SHA-256 of the normalized text. Every position in
`edition` is a code-point offset into :attr:`Source.text`.

Bad input is refused with an :class:`~edition.errors.EditionError` that says what is wrong:
a missing file, a directory, an empty file, a binary file (NUL bytes), undecodable bytes (with
the byte offset and a hint to pass ``--encoding``).
"""
from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import EditionError

if TYPE_CHECKING:
    from .formats.model import OcrDocument


@dataclass(frozen=True)
class Source:
    """A source text as `edition` sees it.

    >>> s = source_from_text("a\\r\\nb", path="x.txt")
    >>> s.text, s.crlf
    ('a\\nb', True)
    """

    path: Path
    text: str
    sha256: str
    encoding: str = "utf-8"
    bom: bool = False
    crlf: bool = False
    #: "text", or the OCR format the text was derived from ("alto", "hocr", "page")
    format: str = "text"
    #: the OCR document the text was derived from (its pages, lines and words with their boxes
    #: and the engine's confidences), for an OCR source; None for a plain text
    ocr: "OcrDocument | None" = field(default=None, compare=False, repr=False)

    @property
    def name(self) -> str:
        """The source's stem, used to name its corrections file and outputs."""
        return self.path.stem


def text_sha256(text: str) -> str:
    """SHA-256 (hex) of the UTF-8 encoding of ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_from_text(text: str, path: str | Path = "<text>", *, encoding: str = "utf-8",
                     bom: bool = False) -> Source:
    """Build a :class:`Source` from decoded text (normalizing line ends)."""
    crlf = "\r" in text
    if crlf:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Source(Path(path), text, text_sha256(text), encoding, bom, crlf)


def read_source(path: str | Path, encoding: str | None = "utf-8") -> Source:
    """Read and normalize the source at ``path``; raise EditionError on bad input."""
    path = Path(path)
    if not path.exists():
        raise EditionError(f"{path}: no such file")
    from .formats.sniff import is_ocr_source  # noqa: PLC0415 (lxml only when needed)
    if is_ocr_source(path):
        return ocr_source(path)
    if path.is_dir():
        raise EditionError(f"{path}: is a directory, not a text file (nor a folder of ALTO, hOCR "
                           "or PAGE files)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EditionError(f"{path}: cannot read ({exc.strerror})") from None
    _refuse_other_markup(path, data)
    return decode_source(data, path, encoding)


def _refuse_other_markup(path: Path, data: bytes) -> None:
    """An XML or HTML file that is no ALTO, hOCR or PAGE (a TEI edition, a web page) is not read
    as a plain text: its markup would be proposed for correction, tag by tag."""
    from .formats.sniff import OCR_SUFFIXES  # noqa: PLC0415
    if path.suffix.lower() not in OCR_SUFFIXES:
        return
    head = data[:4096].decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    root = re.search(r"<([A-Za-z][\w:.-]*)", head) if head.startswith("<") else None
    if root:
        raise EditionError(f"{path}: markup (<{root.group(1)}>), but not ALTO, hOCR or PAGE XML: "
                           "edition reads those, or a plain text")


def _wide_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``data`` reads as mostly ASCII text in that
    encoding (every other byte NUL), else None: the likely cause of NUL bytes in a "text"."""
    sample = data[:4096]
    for name, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros and zeros.count(0) > 0.9 * len(zeros):
            return name
    return None
def ocr_source(path: str | Path) -> Source:
    """The source of an ALTO, hOCR or PAGE file or folder: the text :mod:`edition.formats`
    derives from it (its words in reading order)."""
    from .formats import read_ocr  # noqa: PLC0415
    doc = read_ocr(path)
    if not doc.text.strip():
        raise EditionError(f"{path}: the OCR has no text, nothing to edit")
    return Source(Path(path), doc.text, text_sha256(doc.text), format=doc.format, ocr=doc)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


#: Byte-order marks of the UTF-16 and UTF-32 encodings (UTF-32's first: its little-endian mark
#: begins with UTF-16's).
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_source(data: bytes, path: str | Path, encoding: str | None = "utf-8") -> Source:
    """Decode the bytes of a source file strictly (see :func:`read_source`). A UTF-16 or
    UTF-32 file with its byte-order mark is read as such when UTF-8 was asked for (the
    default): the mark says what it is."""
    encoding = encoding or "utf-8"
    try:
        is_utf8 = codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        raise EditionError(f"unknown encoding {encoding!r}") from None
    wide = next((name for bom, name in _WIDE_BOMS if data.startswith(bom)), None)
    if is_utf8 and wide is not None:
        encoding, is_utf8 = wide, False
    if not data.strip():
        raise EditionError(f"{path}: empty file, nothing to edit")
    if not codecs.lookup(encoding).name.startswith("utf-8") and not data.isascii() and _is_utf8(data):
        # A text with non-ASCII letters that is valid UTF-8 is UTF-8: read as cp1252 or latin-1
        # it would become mojibake ('â€”' for '—') and every offset would shift, silently.
        raise EditionError(f"{path}: is UTF-8 (with non-ASCII text), not {encoding}: read as "
                           f"{encoding} it would be misread; leave --encoding out, or, where its "
                           f"corrections file records `encoding: {encoding}` (the file was "
                           f"converted since), give --encoding utf-8 to a command that saves it")
    bom = is_utf8 and data.startswith(codecs.BOM_UTF8)
    if bom:
        data = data[len(codecs.BOM_UTF8):]
    if b"\x00" in data and is_utf8:
        nul = data.index(b"\x00")
        wide_hint = _wide_without_bom(data)
        if wide_hint:
            raise EditionError(f"{path}: looks like {wide_hint} text without a byte-order mark; "
                               f"pass --encoding {wide_hint}")
        raise EditionError(f"{path}: binary file (NUL byte at offset {nul}), not a text")
    try:
        text = data.decode(encoding, errors="strict")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(codecs.BOM_UTF8) if bom else 0)
        raise EditionError(
            f"{path}: not valid {encoding}: byte 0x{data[exc.start]:02x} at byte offset {offset}; "
            f"pass --encoding (e.g. --encoding cp1252) if the file is in another encoding"
        ) from None
    if "\x00" in text:
        raise EditionError(f"{path}: binary file (NUL character), not a text")
    return source_from_text(text, path, encoding=encoding, bom=bom)
