"""Where do the wrong proposals at high confidence come from? Every proposal at or above a
confidence on a part of the development sets, grouped by the shape of its ``why``.

Usage::

    python benchmarks/studies/confident_wrong.py [--part tune] [--min-confidence 0.9] [--set bln600 ...]

A group is the detector and the first words of its ``why`` with the quoted forms and the numbers
taken out (``nonword: i read for l (N of``), so that one rule or one kind of reading is one
group; each is judged by ``edition.evaluation`` (a reading is right when it makes the text right,
a flag when it sits on an error). Groups with at least two wrong proposals are printed, most wrong
first, with a few examples: the list to read before changing a rule or a model.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import devsets  # noqa: E402
from edition.detection.runner import detect  # noqa: E402
from edition.evaluation import judge_proposals  # noqa: E402


def group_of(detector: str, why: str) -> str:
    """The proposal's rule or kind of reading: its ``why`` without quoted forms and numbers.

    >>> group_of("nonword", "i read for l (1% of OCR 'i' in the development data); 'hiil' is no word")
    'nonword: i read for l (N of'
    """
    shape = re.sub(r"[0-9.+-]+%?", "N", re.sub(r"'[^']*'", "Q", why))
    return f"{detector}: " + " ".join(shape.split()[:6])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", default="tune", choices=("tune", "check"))
    ap.add_argument("--min-confidence", type=float, default=0.9)
    ap.add_argument("--set", action="append", choices=devsets.available())
    args = ap.parse_args()
    for name in args.set or devsets.available():
        tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        examples: dict[str, list[str]] = defaultdict(list)
        for doc in devsets.documents(name, args.part):
            for j in judge_proposals(doc, detect(doc.ocr)):
                p = j.proposal
                if not j.scored or p.confidence < args.min_confidence:
                    continue
                g = group_of(p.detector, p.why)
                tally[g][0] += j.right
                tally[g][1] += 1
                if not j.right and len(examples[g]) < 4:
                    examples[g].append(f"{p.original}→{p.reading or '(flag)'} (gold {j.gold!r})")
        right = sum(r for r, _ in tally.values())
        total = sum(n for _, n in tally.values())
        print(f"== {name} {args.part}, confidence ≥ {args.min_confidence}: {right} of {total} right")
        for g, (r, n) in sorted(tally.items(), key=lambda kv: kv[1][0] - kv[1][1]):
            if n - r >= 2:
                print(f"  wrong {n - r:4}  right {r:5} of {n:5}  {g}   e.g. {', '.join(examples[g])}")


if __name__ == "__main__":
    main()
