"""Test data for the review page: a corrections file of proposals on the seed text.

Built from :class:`edition.model.Proposal` records, not from the detectors (which are built in
parallel): real artifacts of the seed with the readings an editor would expect, plus, to give
the page the size of a real review (~300 proposals), proposals on ordinary long words spread
evenly through the text, each with a plausible wrong reading and varied kinds and confidences.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import regex

from edition.store import merge_proposals, new_corrections_file, save_corrections
from edition.model import Kind, Proposal
from edition.source import read_source

SEED = Path(__file__).resolve().parent.parent / "seeds" / "hoxha-memoirs-stalin-introduction.txt"

#: Real artifacts of the seed: (text as it stands, readings, kind, confidence, why).
REAL = [
    ("V1adimir", ("Vladimir",), Kind.GLYPH, 0.97, "digit 1 inside a word; 'Vladimir' occurs in this text"),
    ("Statin", ("Stalin",), Kind.REALWORD, 0.91, "'Stalin' is frequent in this text; one OCR confusion (l/t) away"),
    ("willh ang", ("will hang",), Kind.SPLIT, 0.88, "space misplaced: 'will hang' are two words"),
    ("theeconomic", ("the economic",), Kind.MERGE, 0.93, "'the' + 'economic' lost their space"),
    ("Unio'n", ("Union",), Kind.PUNCTUATION, 0.95, "apostrophe inside a word; 'Union' occurs in this text"),
    ("exposiing", ("exposing",), Kind.NONWORD, 0.9, "not a word; 'exposing' is one letter away"),
    ("capitatist", ("capitalist", "capitatists"), Kind.NONWORD, 0.92, "not a word; 'capitalist' (l/t)"),
    ("commumism", ("communism",), Kind.NONWORD, 0.94, "not a word; 'communism' (m/n)"),
    ("with-out", ("without",), Kind.HYPHEN, 0.8, "line-break hyphen inside 'without'"),
    ("Circumstances", ("circumstances",), Kind.CASE, 0.7, "capital in mid-sentence"),
    ("etc..", ("etc.",), Kind.PUNCTUATION, 0.85, "doubled full stop"),
]

#: Three identical artifacts, for "accept all identical": the three 'Krushchev' of the seed.
VARIANT = ("Krushchev", ("Khrushchev",), Kind.VARIANT, 0.86, "'Khrushchev' occurs 38× in this text")

BULK_KINDS = (Kind.NONWORD, Kind.REALWORD, Kind.GLYPH, Kind.CASE)


def _bulk(text: str, taken: list[tuple[int, int]], n: int) -> list[Proposal]:
    """``n`` proposals on long ordinary words spread through the text (test load only)."""
    if n <= 0:
        return []
    words = [m for m in regex.finditer(r"\b[a-z]{8,}\b", text)
             if not any(a < m.end() and m.start() < b for a, b in taken)]
    step = max(1, len(words) // n)
    out = []
    for i, m in enumerate(words[::step][:n]):
        w = m.group()
        reading = w[:-2] + w[-1] + w[-2]  # swap the last two letters: a plausible wrong reading
        if reading == w:
            continue
        kind = BULK_KINDS[i % len(BULK_KINDS)]
        confidence = round(0.5 + (i * 37 % 50) / 100, 2)  # spread over 0.50..0.99
        out.append(Proposal(m.start(), m.end(), w, (reading,), kind, confidence,
                            f"test proposal {i}: '{reading}' suggested", "test"))
    return out


def seed_corrections(folder: Path, bulk: int = 280, source: Path = SEED) -> tuple[Path, Path]:
    """Copy the seed into ``folder`` and write its corrections file; returns (source, corrections)."""
    src_path = folder / "seeds" / source.name
    src_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, src_path)
    src = read_source(src_path)
    text = src.text
    proposals = []
    for original, readings, kind, conf, why in REAL:
        start = text.index(original)
        proposals.append(Proposal(start, start + len(original), original, readings, kind, conf, why, "test"))
    original, readings, kind, conf, why = VARIANT
    for m in regex.finditer(regex.escape(original), text):
        proposals.append(Proposal(m.start(), m.end(), original, readings, kind, conf, why, "test"))
    taken = [(p.start, p.end) for p in proposals]
    proposals += _bulk(text, taken, bulk)
    path = folder / "corrections" / f"{src_path.stem}.yaml"
    cf = new_corrections_file(path, src)
    merge_proposals(cf, src, sorted(proposals, key=lambda p: p.start))
    save_corrections(cf)
    return src_path, path


def hostile_corrections(folder: Path) -> tuple[Path, Path]:
    """A source whose text and proposals are markup: it must display literally."""
    text = ("Plain words first. <script>window.__pwned = 1</script> then "
            "<img src=x onerror=\"window.__pwned = 2\"> and <b>bold</b> &amp; more.\n")
    src_path = folder / "hostile.txt"
    src_path.write_text(text, encoding="utf-8")
    src = read_source(src_path)
    start = text.index("<img")
    end = text.index(">", start) + 1
    tag = text.index("<b>")
    proposals = [
        Proposal(start, end, text[start:end], ("<svg onload=\"window.__pwned = 3\">",), Kind.OTHER,
                 0.6, "<i>markup</i> in the evidence <script>window.__pwned = 4</script>", "test"),
        Proposal(tag, tag + 3, "<b>", ("",), Kind.PUNCTUATION, 0.7, "stray tag", "test"),
    ]
    path = folder / "corrections" / "hostile.yaml"
    cf = new_corrections_file(path, src)
    merge_proposals(cf, src, proposals)
    save_corrections(cf)
    return src_path, path
