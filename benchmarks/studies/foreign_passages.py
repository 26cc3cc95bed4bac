"""The passages in another language that :mod:`edition.detection.evidence.languages` finds in the
development set and the seed (they get no proposal).

Usage::

    python benchmarks/studies/foreign_passages.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/: _devset
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: edition

import _devset  # noqa: E402

from edition.detection.evidence.languages import foreign_spans  # noqa: E402

SEED = Path(__file__).resolve().parents[2] / "seeds" / "hoxha-memoirs-stalin-introduction.txt"


def main() -> None:
    n = 0
    for kind in ("monograph", "periodical"):
        for pair in _devset.files("all", kind):
            for start, end, lang in foreign_spans(pair.ocr):
                n += 1
                print(f"{pair.name} [{lang}] {pair.ocr[start:end][:90]!r}")
    seed = foreign_spans(SEED.read_text(encoding="utf-8"))
    print(f"{n} passages in the development set; {len(seed)} in the seed")


if __name__ == "__main__":
    main()
