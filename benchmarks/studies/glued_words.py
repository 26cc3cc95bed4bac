"""A word reading that drops a common word glued to the form: lost space or debris?

Usage::

    python benchmarks/studies/glued_words.py [--zipf 5.5]

Every reading of the word detectors (glyph, nonword, realword) on both parts of the three
development sets (``benchmarks/devsets.py``) that equals its form less a piece of at least two
letters at the start or the end (``ofarticles`` → ``articles``), the piece a word at least this
common (Zipf), judged by ``edition.evaluation`` (right: the reading makes the text right). The
rule that such readings are not proposed (``edition.detection.detectors.words.drops_glued_word``)
is switched off while this runs, so that what it removes can be counted. Where
``GLUED_WORD_ZIPF`` comes from.
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
    ap.add_argument("--zipf", type=float, default=words.GLUED_WORD_ZIPF)
    args = ap.parse_args()
    rule = words.drops_glued_word
    words.drops_glued_word = lambda word, reading: False  # every reading, to count them
    try:
        for part in ("tune", "check"):
            for name in devsets.available():
                tally: Counter[tuple[bool, bool]] = Counter()
                examples = []
                for doc in devsets.documents(name, part):
                    for j in judge_proposals(doc, detect(doc.ocr)):
                        p = j.proposal
                        if not j.scored or not p.readings or p.detector not in ("glyph", "nonword", "realword"):
                            continue
                        piece = words.glued_piece(p.original, p.reading)
                        if len(piece) < 2 or not piece.isalpha() or lexicon.zipf(piece) < args.zipf:
                            continue
                        tally[(p.confidence >= 0.9, j.right)] += 1
                        examples.append(f"{p.original}→{p.reading} (gold {j.gold!r})")
                cells = [f"{'≥ 0.9' if hi else '< 0.9'}: right {tally[(hi, True)]} of "
                         f"{tally[(hi, True)] + tally[(hi, False)]}" for hi in (False, True)]
                print(f"{name:10} {part:5} " + "   ".join(cells))
                if examples:
                    print("    " + ", ".join(examples[:8]))
    finally:
        words.drops_glued_word = rule


if __name__ == "__main__":
    main()
