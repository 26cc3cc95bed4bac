"""The small-i rule of the case detector on the development set, file by file.

Usage::

    python benchmarks/studies/case_small_i.py

For every file of ``../shared/data/icdar2017-eng`` (both parts) in which some ``In``/``It``/``If``/
``Its``/``Into`` stands in mid-sentence after a small-letter word: how many there are, how many
capitalized other function words stand there (``edition.detection.detectors.case.OTHER_FUNCTION_WORDS``),
whether :func:`edition.detection.detectors.case.small_i_read_as_capital` fires, and how often the gold has
the word in lower case. This is how ``I_MISREAD_RATIO`` and ``I_MISREAD_CONFIDENCE`` were chosen.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/: _devset
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: edition

import _devset  # noqa: E402

from edition.detection.document import Document  # noqa: E402
from edition.detection.detectors import case  # noqa: E402


def main() -> None:
    print("| file | part | mid-sentence I-words | other function words | rule fires | gold lower case |")
    print("|---|---|---|---|---|---|")
    totals = {True: [0, 0], False: [0, 0]}
    for part in ("tune", "check"):
        for kind in ("monograph", "periodical"):
            for pair in _devset.files(part, kind):
                doc = Document(pair.ocr)
                gold = {w.start: w for w in _devset.word_pairs(pair) if w.scored}
                mid_i, mid_other = case.mid_sentence_function_capitals(doc)
                scored = [gold[t.start] for t in mid_i if t.start in gold]
                if not scored:
                    continue
                right = sum(w.gold.strip(".,;:!?\"'()") == w.ocr.lower() for w in scored)
                fires = bool(list(case.small_i_read_as_capital(doc)))
                totals[fires][0] += right
                totals[fires][1] += len(scored)
                print(f"| {pair.name} | {part} | {len(mid_i)} | {mid_other} | {'yes' if fires else 'no'} "
                      f"| {right} of {len(scored)} |")
    for fires in (True, False):
        right, n = totals[fires]
        print(f"rule {'fires' if fires else 'silent'}: lower case right {right} of {n}")


if __name__ == "__main__":
    main()
