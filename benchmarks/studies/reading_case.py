"""Word readings left in a mixture of capitals and small letters: which case has the gold?

Usage::

    python benchmarks/studies/reading_case.py [--part tune] [--show 8]

Every reading of the word detectors (glyph, nonword, realword) whose first reading mixes
capitals and small letters the way no word is written (``ThE``, ``oNCe``, ``SUnday``: not in
capitals, not in small letters, not Capitalized), on a part of the three development sets
(``benchmarks/devsets.py``), with the rule that writes such readings in the case of a word
(``edition.detection.evidence.readings.regular_case``) switched off while this runs. For each, the
gold's case where the gold is the reading's letters (in capitals, small letters, Capitalized,
mixed), and whether the rule's case is the gold's. Where ``regular_case`` comes from.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import devsets  # noqa: E402
from edition.detection.evidence import readings  # noqa: E402
from edition.detection.runner import detect  # noqa: E402
from edition.evaluation import judge_proposals  # noqa: E402

WORD_DETECTORS = ("glyph", "nonword", "realword")


def case_of(word: str) -> str:
    """``capitals``, ``small``, ``Capitalized`` or ``mixed`` (the letters only)."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return "capitals"
    if all(c.islower() for c in letters):
        return "small"
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return "Capitalized"
    return "mixed"


def _letters(word: str) -> str:
    return "".join(c for c in word if c.isalpha())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", default="tune", choices=("tune", "check"))
    ap.add_argument("--show", type=int, default=8, help="examples shown per gold case")
    args = ap.parse_args()
    rule = readings.regular_case
    readings.regular_case = lambda reading: reading  # the readings as the misread letters leave them
    readings._cased.cache_clear()
    tally: Counter[tuple[str, str, bool]] = Counter()
    as_read: Counter[tuple[str, str]] = Counter()  # the gold's case is the reading's as it is
    examples: dict[str, list[str]] = defaultdict(list)
    try:
        for name in devsets.available():
            for doc in devsets.documents(name, args.part):
                for j in judge_proposals(doc, detect(doc.ocr)):
                    p = j.proposal
                    if p.detector not in WORD_DETECTORS or not p.readings or not j.scored:
                        continue
                    reading = p.readings[0]
                    if case_of(reading) != "mixed":
                        continue
                    gold = _letters(j.gold or "")
                    if gold.lower() != _letters(reading).lower():
                        continue  # the gold is another word: its case says nothing of this one's
                    gold_case = case_of(gold)
                    ruled = _letters(rule(reading)) == gold
                    tally[(name, gold_case, ruled)] += 1
                    as_read[(name, gold_case)] += _letters(reading) == gold
                    examples[gold_case].append(f"{p.original} → {reading} → {rule(reading)} (gold {j.gold!r})")
    finally:
        readings.regular_case = rule
        readings._cased.cache_clear()
    print(f"Word readings in mixed case whose gold is the same letters ({args.part} parts):\n")
    print("| set | gold's case | readings | the reading's case is the gold's | the rule's case is |")
    print("|---|---|---|---|---|")
    for name in devsets.available():
        for gold_case in ("capitals", "small", "Capitalized", "mixed"):
            n = tally[(name, gold_case, True)] + tally[(name, gold_case, False)]
            if n:
                print(f"| {name} | {gold_case} | {n} | {as_read[(name, gold_case)]} | "
                      f"{tally[(name, gold_case, True)]} |")
    right = sum(v for k, v in tally.items() if k[2])
    print(f"\nall: {sum(tally.values())} readings; the gold's case: the reading's {sum(as_read.values())}, "
          f"the rule's {right}")
    for gold_case, rows in examples.items():
        print(f"\n{gold_case}:")
        for row in rows[:args.show]:
            print("   ", row)


if __name__ == "__main__":
    main()
