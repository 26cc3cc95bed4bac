"""Reading the ICDAR 2017 post-OCR competition format.

Each file holds one text in three lines, each with a fixed prefix::

    [OCR_toInput] the kingwas glad
    [OCR_aligned] the king@was glad
    [ GS_aligned] ### king was glad

The first line is the raw OCR (what a corrector sees); the other two are the OCR and the gold
standard aligned character by character, of the same length: ``@`` is a gap, and ``#`` in the gold
marks text with no ground truth, which is excluded from scoring. Lines may end in CRLF.

The file's alignment keeps both texts in their order. Where the gold gives a block of the text
elsewhere than the OCR (ICDAR 2019 English: a running head at the end of the gold, a side note
or a column in another place, in 16 of its 48 files), that alignment pairs the block with the
text that stands where it went, and every word of it is judged against another word's gold: the
gold's blocks are then put in the OCR's order and the file realigned
(:func:`~edition.evaluation.align.gold_in_ocr_order`); ``reorder_gold=False`` keeps the file's
alignment as it is.

- :func:`is_icdar_file` — does a file start with the ``[OCR_toInput]`` prefix?
- :func:`load_icdar` — read a file into an :class:`~edition.evaluation.align.AlignedDoc`.
- :func:`parse_icdar` — the same from text.
- :func:`icdar_files` — the ICDAR files of a directory (recursively), in natural order.

>>> doc = parse_icdar("[OCR_toInput] the kingwas\\n[OCR_aligned] the king@was\\n[ GS_aligned] ### king was")
>>> doc.ocr, doc.gold
('the kingwas', '### king was')
>>> [(t.text, t.gold, t.erroneous) for t in doc.tokens]
[('the', None, False), ('kingwas', 'king was', True)]
"""
from __future__ import annotations

from pathlib import Path

import regex

from ..errors import EditionError
from .align import GAP, UNKNOWN, AlignedDoc, align_in_order, gold_in_ocr_order

PREFIXES = ("[OCR_toInput] ", "[OCR_aligned] ", "[ GS_aligned] ")

#: ICDAR's gap and no-gold marks.
ICDAR_GAP = "@"
ICDAR_UNKNOWN = "#"


def parse_icdar(text: str, *, name: str = "", kind: str = "", reorder_gold: bool = True
                ) -> AlignedDoc:
    """An :class:`AlignedDoc` from the text of an ICDAR 2017 file; EditionError if malformed.
    With ``reorder_gold``, a file whose gold has blocks in another order than its OCR is
    realigned (see the module docstring)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = [line.rstrip("\r") for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    if len(lines) != 3:
        raise EditionError(f"{name}: an ICDAR file has 3 lines, this one has {len(lines)}")
    rows = []
    for line, prefix in zip(lines, PREFIXES):
        if not line.startswith(prefix):
            raise EditionError(f"{name}: expected a line starting with {prefix.strip()!r}, "
                               f"found {line[:16]!r}")
        rows.append(line[len(prefix):])
    ocr, ocr_al, gs_al = rows
    if len(ocr_al) != len(gs_al):
        raise EditionError(f"{name}: the aligned lines differ in length "
                           f"({len(ocr_al)} and {len(gs_al)} characters)")
    if ocr_al.replace(ICDAR_GAP, "") != ocr:
        raise EditionError(f"{name}: [OCR_aligned] without its '@' gaps is not [OCR_toInput]")
    if GAP in text or UNKNOWN in text:
        raise EditionError(f"{name}: contains control characters (NUL or SUB); not an ICDAR file")
    # Columns where both rows are gaps carry nothing; drop them.
    pairs = [(o, g) for o, g in zip(ocr_al, gs_al) if not (o == ICDAR_GAP and g == ICDAR_GAP)]
    oa = "".join(GAP if o == ICDAR_GAP else o for o, _ in pairs)
    ga = "".join(GAP if g == ICDAR_GAP else UNKNOWN if g == ICDAR_UNKNOWN else g for _, g in pairs)
    if reorder_gold:
        gold = ga.replace(GAP, "")
        in_order = gold_in_ocr_order(ocr, gold)
        if in_order != gold:
            return align_in_order(ocr, in_order, name=name, kind=kind)
    return AlignedDoc(ocr, oa, ga, name=name, kind=kind)


def kind_of(path: Path) -> str:
    """``monograph`` / ``periodical`` from the ICDAR directory names (eng_monograph, ...)."""
    for part in reversed(path.parts[:-1]):
        m = regex.search(r"(monograph|periodical)", part)
        if m:
            return m.group(1)
    return ""


def load_icdar(path: str | Path, *, reorder_gold: bool = True) -> AlignedDoc:
    """Read an ICDAR 2017 file (see the module docstring); EditionError if it is not one."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise EditionError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise EditionError(f"{path}: is a directory, not an ICDAR file") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EditionError(f"{path}: not valid UTF-8 (byte offset {exc.start})") from None
    return parse_icdar(text, name=str(path), kind=kind_of(path), reorder_gold=reorder_gold)


def is_icdar_file(path: str | Path) -> bool:
    """True when the file starts with the ``[OCR_toInput]`` prefix (a BOM allowed)."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(PREFIXES[0]) + 3)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf").startswith(PREFIXES[0].encode())


def natural_key(path: Path) -> list:
    """Sort key that orders numbered files by number (2.txt before 10.txt)."""
    return [int(p) if p.isdigit() else p for p in regex.split(r"(\d+)", str(path))]


def icdar_files(directory: str | Path) -> list[Path]:
    """The ICDAR files under ``directory`` (recursively), sorted naturally (2.txt before 10.txt)."""
    directory = Path(directory)
    return sorted((p for p in directory.rglob("*.txt") if p.is_file() and is_icdar_file(p)),
                  key=natural_key)
