"""The ICDAR 2017 development set as the detection benchmarks see it (private helper).

A file has three lines: ``[OCR_toInput]`` (the OCR as given to a tool), ``[OCR_aligned]`` and
``[ GS_aligned]`` (OCR and gold aligned character by character, ``@`` a gap, ``#`` in the gold
marks text without gold). ``OCR_toInput`` is ``OCR_aligned`` without its ``@``.

- :func:`load` — one file as a :class:`Pair`.
- :func:`files` — the files of a part (``tune`` or ``check``), see :data:`SPLIT_RULE`.
- :func:`word_pairs` — aligned (ocr word, gold word) pairs with their span in the OCR input.
- :func:`gold_text` — the gold text of a pair, its words without a gold standard (``#``) left out.

The split keeps part of the data aside: derive and tune on the ``tune`` part, report the
``check`` part too. Monograph chunks 1–80 and the periodicals are split by odd/even file number;
``eng_monograph/81.txt`` (one 1886 book, 84 % of the monograph characters) is split in halves.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

DATA = Path(os.environ.get("EDITION_ICDAR", Path(__file__).resolve().parents[2] / "shared/data/icdar2017-eng"))

SPLIT_RULE = "odd file numbers + first half of monograph 81 = tune; even + second half = check"


@dataclass(frozen=True)
class Pair:
    name: str
    ocr: str  # OCR_toInput
    ocr_aligned: str
    gold_aligned: str


def load(path: Path) -> Pair:
    lines = [l for l in path.read_text(encoding="utf-8").split("\n") if l]
    ocr = lines[0][len("[OCR_toInput] "):]
    oa = lines[1][len("[OCR_aligned] "):]
    ga = lines[2][len("[ GS_aligned] "):]
    return Pair(f"{path.parent.name}/{path.stem}", ocr, oa, ga)


def _halves(p: Pair) -> list[Pair]:
    """Split a long pair at a shared space near the middle."""
    mid = len(p.ocr_aligned) // 2
    while not (p.ocr_aligned[mid] == " " and p.gold_aligned[mid] == " "):
        mid += 1
    oa1, oa2 = p.ocr_aligned[:mid], p.ocr_aligned[mid + 1:]
    ga1, ga2 = p.gold_aligned[:mid], p.gold_aligned[mid + 1:]
    return [Pair(p.name + "a", oa1.replace("@", ""), oa1, ga1),
            Pair(p.name + "b", oa2.replace("@", ""), oa2, ga2)]


def files(part: str, kind: str = "monograph") -> list[Pair]:
    """The pairs of ``part`` ('tune', 'check' or 'all') of ``eng_<kind>``."""
    out = []
    for path in sorted((DATA / f"eng_{kind}").glob("*.txt"), key=lambda p: int(p.stem)):
        pair = load(path)
        if kind == "monograph" and path.stem == "81":
            a, b = _halves(pair)
            pieces = {"tune": [a], "check": [b], "all": [a, b]}[part]
        else:
            odd = int(path.stem) % 2 == 1
            pieces = [pair] if part == "all" or (part == "tune") == odd else []
        out.extend(pieces)
    return out


def gold_text(pair: Pair) -> str:
    """The gold of ``pair`` as running text, the words without a gold standard (``#``) left out."""
    return " ".join(w for w in pair.gold_aligned.replace("@", "").split(" ") if "#" not in w)


@dataclass(frozen=True)
class WordPair:
    start: int  # span in the OCR input
    end: int
    ocr: str
    gold: str
    scored: bool  # False when the gold has '#' (no gold standard) here


def word_pairs(p: Pair) -> Iterator[WordPair]:
    """Segments between positions where both OCR and gold have a space."""
    oa, ga = p.ocr_aligned, p.gold_aligned
    pos = 0  # position in the OCR input
    seg_start_aligned = 0
    seg_start_input = 0
    n = len(oa)
    for i in range(n + 1):
        boundary = i == n or (oa[i] == " " and ga[i] == " ")
        if boundary:
            o = oa[seg_start_aligned:i].replace("@", "")
            g = ga[seg_start_aligned:i]
            if o or g.replace("@", ""):
                yield WordPair(seg_start_input, seg_start_input + len(o), o, g.replace("@", ""), "#" not in g)
            if i < n:
                pos += 1
            seg_start_aligned = i + 1
            seg_start_input = pos
        elif oa[i] != "@":
            pos += 1


def book_counts(part: str) -> dict[str, int]:
    """Case-folded word counts of the OCR of monograph chunks 1–80 of ``part``: the chunks are
    pages of one book, which a user would run as one text. (OCR only, no gold: what the corpus
    feature passes.)"""
    import regex

    counts: dict[str, int] = {}
    for p in files(part, "monograph"):
        if p.name.startswith("eng_monograph/81"):
            continue
        for w in regex.findall(r"[\p{L}\p{N}](?:[\p{L}\p{N}'’\-|!$@]*[\p{L}\p{N}])?", p.ocr):
            counts[w.lower()] = counts.get(w.lower(), 0) + 1
    return counts


def is_book_chunk(p: Pair) -> bool:
    return p.name.startswith("eng_monograph/") and not p.name.startswith("eng_monograph/81")
