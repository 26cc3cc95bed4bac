"""Readings of capitalized forms in mid-sentence: how often are they right?

Usage::

    python benchmarks/studies/name_readings.py [--part tune]

A capitalized form in mid-sentence is taken for a name, and the word detectors read it only as a
word the text itself uses (``edition.detection.detectors.words.reads_a_name``), or, when the form
is no word anywhere, as a known capitalized word (``words.garbled_name``, its confidence capped
at ``NAME_READING_CAP``). This switches both rules off and judges (``edition.evaluation``) every
reading they govern on the three development sets, grouped by whether English knows the form,
whether the reading is common (Zipf ≥ ``NAME_READING_ZIPF``) and capitalized, and the
confidence the model gives it (below or at 0.9): where ``NAME_READING_ZIPF`` and
``NAME_READING_CAP`` come from.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import devsets  # noqa: E402
from edition.detection.detectors import words  # noqa: E402
from edition.detection.evidence import lexicon  # noqa: E402
from edition.detection.runner import detect  # noqa: E402
from edition.evaluation import judge_proposals  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", default="tune", choices=("tune", "check"))
    args = ap.parse_args()
    governed: set[tuple[str, str]] = set()
    rule, cap = words.reads_a_name, words.NAME_READING_CAP

    def recording(doc, unit, r) -> bool:
        if rule(doc, unit, r):
            governed.add((unit.text, r.reading))
        return False  # proposed at the model's confidence, to be counted

    words.reads_a_name, words.NAME_READING_CAP = recording, 1.0
    try:
        for name in devsets.available():
            tally: Counter[tuple[str, bool, bool]] = Counter()
            for doc in devsets.documents(name, args.part):
                governed.clear()
                for j in judge_proposals(doc, detect(doc.ocr)):
                    p = j.proposal
                    if not j.scored or not p.readings or (p.original, p.reading) not in governed:
                        continue
                    group = ("form no word, reading a common capitalized word"
                             if lexicon.zipf(p.original) == 0 and p.reading[:1].isupper()
                             and lexicon.zipf(p.reading) >= words.NAME_READING_ZIPF else "other")
                    tally[(group, p.confidence >= 0.9, j.right)] += 1
            for group in ("form no word, reading a common capitalized word", "other"):
                cells = [f"{'≥ 0.9' if hi else '< 0.9'}: right {tally[(group, hi, True)]} of "
                         f"{tally[(group, hi, True)] + tally[(group, hi, False)]}" for hi in (False, True)]
                print(f"{name:10} {args.part:5} {group:50} " + "   ".join(cells))
    finally:
        words.reads_a_name, words.NAME_READING_CAP = rule, cap


if __name__ == "__main__":
    main()
