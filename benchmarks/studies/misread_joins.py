"""How often is a misread word broken by a false space read right when its pieces are read joined?

Usage::

    python benchmarks/studies/misread_joins.py [--part tune] [--set bln600] [--uncapped]
        [--min-letters 6] [--max-letters 13] [--fragment-beside-word 3] [--show 10]

Every join of the split detector's misread-join rule (``acc sed`` → ``accused``:
:func:`edition.detection.detectors.split.misread_joins`) that survives the overlaps with the
other detectors' proposals, judged by ``edition.evaluation`` against the aligned gold (right:
the reading makes the text right), per set and part: by confidence (a tenth wide), by the
pieces (two fragments, or a word and a fragment) and by the joined form's length. The options
change the rule's constants while this runs, to see what each keeps out: ``--uncapped`` proposes
the joins at the word model's own confidence (``MISREAD_JOIN_CAP`` 1.0). Where the constants of
the rule come from; the figures are in ``docs/BENCHMARKS.md``, "Misread words broken by a false
space, read joined".
"""
from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import devsets  # noqa: E402
from edition.detection.detectors import split  # noqa: E402
from edition.detection.runner import detect  # noqa: E402
from edition.evaluation import judge_proposals  # noqa: E402


def _length(n: int) -> str:
    return "≤ 5 letters" if n <= 5 else "≥ 14 letters" if n >= 14 else "6–13 letters"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", choices=devsets.PARTS, action="append")
    ap.add_argument("--set", choices=devsets.SETS, action="append")
    ap.add_argument("--uncapped", action="store_true", help="the word model's own confidence")
    ap.add_argument("--min-letters", type=int, default=split.MISREAD_JOIN_MIN_LETTERS)
    ap.add_argument("--max-letters", type=int, default=split.MISREAD_JOIN_MAX_LETTERS)
    ap.add_argument("--fragment-beside-word", type=int, default=split.FRAGMENT_BESIDE_WORD)
    ap.add_argument("--show", type=int, default=10, help="wrong joins shown per set and part")
    args = ap.parse_args()
    split.MISREAD_JOIN_MIN_LETTERS, split.MISREAD_JOIN_MAX_LETTERS = args.min_letters, args.max_letters
    split.FRAGMENT_BESIDE_WORD = args.fragment_beside_word
    if args.uncapped:
        split.MISREAD_JOIN_CAP = 1.0
    for part in args.part or devsets.PARTS:
        for name in args.set or devsets.available():
            tally: Counter[tuple[str, bool]] = Counter()
            wrong = []
            for doc in devsets.documents(name, part):
                for j in judge_proposals(doc, detect(doc.ocr)):
                    p = j.proposal
                    if not j.scored or p.detector != "split" or "read as one word" not in p.why:
                        continue
                    a, b = p.original.split(" ")
                    pieces = "a word and a fragment" if "is a word (Zipf" in p.why else "two fragments"
                    for key in (f"confidence {math.floor(p.confidence * 10) / 10:.1f}", pieces,
                                _length(len(a) + len(b)), "all"):
                        tally[(key, j.right)] += 1
                    if not j.right:
                        wrong.append(f"{p.original!r}→{p.reading!r} (gold {j.gold!r}, {p.confidence:.2f})")
            print(f"{name} {part}")
            for key in dict.fromkeys(k for k, _ in sorted(tally)):
                print(f"    {key:24} right {tally[(key, True)]} of {tally[(key, True)] + tally[(key, False)]}")
            if wrong and args.show:
                print("    wrong: " + ", ".join(wrong[:args.show]))


if __name__ == "__main__":
    main()
