"""Shared fixtures of the word-detector tests: the seed, a detection run, the development set.

The seed's hand-made tables (``tests/data/seed_*.tsv``) are read once, strictly, by
``test_seed_artifacts_table`` (its ``ARTIFACT_ROWS`` and ``DOUBTFUL_ROWS``).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from edition.detection.runner import detect
from edition.model import Proposal

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "hoxha-memoirs-stalin-introduction.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
DEV = ROOT.parent / "shared" / "data" / "icdar2017-eng"


@lru_cache(maxsize=1)
def seed_proposals() -> tuple[Proposal, ...]:
    return tuple(detect(SEED_TEXT))


def at(start: int, end: int, proposals=None) -> list[Proposal]:
    """The proposals overlapping ``start:end``."""
    return [p for p in (proposals or seed_proposals()) if p.start < end and start < p.end]

