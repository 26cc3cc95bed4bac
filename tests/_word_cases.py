"""Shared fixtures of the word-detector tests: the seed, its hand-made tables, a detection run.

The seed's artifact and doubtful tables (``tests/data/seed_*.tsv``) were made by an editor who
read the whole text; they are the real artifacts (with their readings) and the real, correct
text that must be left alone.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from edition.detection import detect
from edition.model import Proposal

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "hoxha-memoirs-stalin-introduction.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
DEV = ROOT.parent / "shared" / "data" / "icdar2017-eng"


def table(name: str) -> list[dict]:
    with open(ROOT / "tests" / "data" / name, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    for r in rows:
        r["start"], r["end"] = int(r["start"]), int(r["end"])
    return rows


@lru_cache(maxsize=1)
def seed_proposals() -> tuple[Proposal, ...]:
    return tuple(detect(SEED_TEXT))


def at(start: int, end: int, proposals=None) -> list[Proposal]:
    """The proposals overlapping ``start:end``."""
    return [p for p in (proposals or seed_proposals()) if p.start < end and start < p.end]


def applied(text: str, proposals) -> str:
    out, pos = [], 0
    for p in sorted(proposals, key=lambda p: p.start):
        if p.reading is None:
            continue
        out.append(text[pos:p.start])
        out.append(p.reading)
        pos = p.end
    out.append(text[pos:])
    return "".join(out)
