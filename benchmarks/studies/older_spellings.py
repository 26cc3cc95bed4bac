"""Older spellings in the development sets: which texts write them, and what detection does to them.

Usage::

    python benchmarks/studies/older_spellings.py [--part tune] [--set icdar2019 ...] [--show 12]

For each text of a set's part: its share of older spellings (``older_spelling_share``, measured
on the OCR text as detection does, and on the gold for comparison) and whether it counts as a text
with that habit (``writes_older_spellings``). Then every proposal that concerns an older spelling,
judged against the gold by ``edition.evaluation``:

- *modernized*: a reading that is the modern spelling of the original's older form
  (``historical_pattern(original, {reading})``: ``haue`` → ``have``);
- *old gold*: a proposal that is not right where the gold is itself an older spelling (no modern
  word, recognized by ``historical_pattern``): a correct ``sawcinesse`` flagged, a damaged
  ``oonlp`` read as ``only`` where the print has ``oonly``.

Counted per verdict, at any confidence and at ≥ 0.9, in texts with and without the habit: the
list to read before changing how older spellings are treated.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import devsets  # noqa: E402
from edition.detection.document import Document  # noqa: E402
from edition.detection.evidence import lexicon  # noqa: E402
from edition.detection.evidence.historical import (MODERN_ZIPF, historical_pattern,  # noqa: E402
                                                   older_spelling_share, writes_older_spellings)
from edition.detection.runner import detect  # noqa: E402
from edition.evaluation import judge_proposals  # noqa: E402
from edition.evaluation.align import GAP, UNKNOWN  # noqa: E402

_LETTERS = re.compile(r"[^\W\d_]+")


def old_gold(gold: str | None) -> bool:
    """True when the gold of a proposal is a single word that is an older spelling.

    >>> old_gold("haue,"), old_gold("have"), old_gold("two words"), old_gold(None)
    (True, False, False, False)
    """
    words = _LETTERS.findall(gold or "")
    if len(words) != 1:
        return False
    known = lexicon.words_at_least(MODERN_ZIPF)
    return words[0].lower() not in known and historical_pattern(words[0], known) is not None


def modernizes(original: str, reading: str | None) -> bool:
    """True when the reading is the modern spelling of the original's older form."""
    return bool(reading) and historical_pattern(original, (reading.lower(),)) is not None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", default="tune", choices=("tune", "check"))
    ap.add_argument("--set", action="append", choices=devsets.available())
    ap.add_argument("--show", type=int, default=12, help="examples per group")
    args = ap.parse_args()
    for name in args.set or devsets.available():
        tally: dict[tuple, Counter] = defaultdict(Counter)
        examples: dict[tuple, list[str]] = defaultdict(list)
        shares = []
        for doc in devsets.documents(name, args.part):
            d = Document(doc.ocr)
            habit = writes_older_spellings(d)
            gold_share = older_spelling_share(Document(doc.gold_aligned.replace(GAP, "").replace(UNKNOWN, " ")))
            shares.append((older_spelling_share(d), gold_share, habit, doc.name))
            for j in judge_proposals(doc, detect(doc.ocr)):
                p = j.proposal
                if not j.scored:
                    continue
                reading = p.readings[0] if p.readings else None
                what = ("modernized" if modernizes(p.original, reading)
                        else "old gold" if not j.right and old_gold(j.gold) else None)
                if what is None:
                    continue
                for cut in ("any", "≥ 0.9"):
                    if cut == "≥ 0.9" and p.confidence < 0.9:
                        continue
                    key = (what, habit, cut)
                    tally[key][str(j.verdict)] += 1
                    if not j.right and len(examples[key]) < args.show:
                        examples[key].append(f"{p.original}→{reading or '(flag)'} {p.confidence:.2f} "
                                             f"(gold {j.gold!r})")
        habit_texts = sum(h for *_, h, _ in shares)
        print(f"== {name} {args.part}: {len(shares)} texts, {habit_texts} with the habit of older spellings")
        for ocr_share, gold_share, habit, doc_name in sorted(shares, reverse=True)[:args.show]:
            print(f"   {doc_name:28} OCR {ocr_share:6.1%}  gold {gold_share:6.1%}  {'habit' if habit else ''}")
        for key in sorted(tally):
            what, habit, cut = key
            verdicts = ", ".join(f"{v} {n}" for v, n in tally[key].most_common())
            print(f"  {what:10} {'habit' if habit else 'modern':6} {cut:5}  {verdicts}")
            for e in examples[key]:
                print(f"      {e}")


if __name__ == "__main__":
    main()
