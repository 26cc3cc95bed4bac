"""The glyph detector's own rules on the development set: sums of money, the interjection O, the
lone pronoun I and exclamation marks read as figures or letters.

Usage::

    python benchmarks/studies/glyph_rules.py              # each rule's proposals, right and wrong
    python benchmarks/studies/glyph_rules.py --misreads   # the gold's sums of money the OCR misread, by form
    python benchmarks/studies/glyph_rules.py --pronoun    # lone-I readings by how often the text writes I

A sum is a gold token of one to three figures and ``s`` or ``d`` (``1s``, ``6d.``). The rules are
:func:`edition.detection.detectors.glyph.money_amounts` and :func:`edition.detection.detectors.glyph.vocative_o`; a
proposal is right when the gold over its span begins with the reading. This is where
``DIGIT_FOR``, ``MONEY_CONFIDENCE``, ``VOCATIVE_CONFIDENCE`` and ``LONE_MARK_CONFIDENCE`` come from.

``--pronoun`` judges the lone-I readings of the whole detection (``edition.evaluation``) on both
parts of the three development sets (``benchmarks/devsets.py``), with the rule that a text must
write ``I`` itself switched off, grouped by how often the text writes ``I`` as a pronoun
(:func:`edition.detection.detectors.glyph.pronoun_uses`): where ``MIN_PRONOUN_USES`` comes from.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/: _devset
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: edition

import _devset  # noqa: E402

from edition.detection.document import Document  # noqa: E402
from edition.detection.detectors import glyph  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--misreads", action="store_true", help="list the gold's misread sums instead")
    ap.add_argument("--pronoun", action="store_true",
                    help="lone-I readings on the three development sets, by the text's own uses of I")
    args = ap.parse_args()
    if args.pronoun:
        _pronoun()
        return
    if args.misreads:
        misread: Counter[tuple[str, str]] = Counter()
        for part in ("tune", "check"):
            for kind in ("monograph", "periodical"):
                for pair in _devset.files(part, kind):
                    for w in _devset.word_pairs(pair):
                        if w.scored and regex.fullmatch(r"\d{1,3}[sd]\.?[,;]?", w.gold) and w.ocr != w.gold:
                            misread[(w.ocr, w.gold)] += 1
        for (ocr, gold), n in misread.most_common(40):
            print(f"{n:4d}  {ocr!r} → {gold!r}")
        return
    for rule in (glyph.money_amounts, glyph.vocative_o, glyph.lone_i):
        print(f"{rule.__name__}:")
        for part in ("tune", "check"):
            _measure(rule, part)
    print("lone_exclamations:")
    for part in ("tune", "check"):
        _measure_marks(part)


def _pronoun() -> None:
    import devsets
    from edition.detection.runner import detect
    from edition.evaluation.scoring import judge_proposals

    glyph.MIN_PRONOUN_USES = 0  # every lone-I reading, as if the text's own I did not count

    def band(uses: int) -> str:
        return "0-1" if uses < 2 else "2-9" if uses < 10 else ">=10"

    for part in ("tune", "check"):
        for name in devsets.available():
            tally: Counter[tuple[str, bool, bool]] = Counter()
            for doc in devsets.documents(name, part):
                uses = glyph.pronoun_uses(Document(doc.ocr))
                for j in judge_proposals(doc, detect(doc.ocr)):
                    p = j.proposal
                    if j.scored and p.detector == "glyph" and p.original in glyph.LONE_I and p.reading == "I":
                        tally[(band(uses), p.confidence >= 0.9, j.right)] += 1
            for b in ("0-1", "2-9", ">=10"):
                cells = []
                for hi in (False, True):
                    right, n = tally[(b, hi, True)], tally[(b, hi, True)] + tally[(b, hi, False)]
                    cells.append(f"{'>= 0.9' if hi else '< 0.9'}: {right}/{n}")
                print(f"{name:10} {part:5} text writes I {b:>4}x   " + "   ".join(cells))


def _measure_marks(part: str) -> None:
    """A lone mark's reading is right when the gold of its word ends in that mark (quotes and
    brackets aside), with no space before it where the proposal closes the space."""
    right = Counter()
    wrong = Counter()
    for kind in ("monograph", "periodical"):
        for pair in _devset.files(part, kind):
            words = [w for w in _devset.word_pairs(pair) if w.scored]
            for p in glyph.lone_exclamations(Document(pair.ocr)):
                w = next((w for w in words if w.start <= p.start < w.end), None)
                if w is None:
                    continue
                gold = w.gold.rstrip("'\"’”)")
                closes = p.original.startswith(" ")
                ok = gold.endswith(p.reading) and not (closes and gold.endswith(" " + p.reading))
                second = gold.endswith(p.readings[1])
                (right if ok else wrong)[pair.name] += 1
                if not ok:
                    print(f"  {'second' if second else 'wrong'}: {pair.name} {p.original!r} → {p.reading!r}, "
                          f"gold {w.gold!r}: …{pair.ocr[max(0, p.start - 30):p.end + 20]}…")
    n_right, n_wrong = sum(right.values()), sum(wrong.values())
    print(f"  {part}: {n_right} right of {n_right + n_wrong} "
          f"({', '.join(f'{k} {right[k]}/{right[k] + wrong[k]}' for k in sorted(set(right) | set(wrong)))})")


def _measure(rule, part: str) -> None:
    right = wrong = 0
    for kind in ("monograph", "periodical"):
        for pair in _devset.files(part, kind):
            words = [w for w in _devset.word_pairs(pair) if w.scored]
            for p in rule(Document(pair.ocr)):
                w = next((w for w in words if w.start <= p.start < w.end), None)
                if w is None:
                    continue
                gold = w.gold.lstrip("'\"‘“")
                ok = gold.startswith(p.reading) and not gold[len(p.reading):len(p.reading) + 1].isalnum()
                right += ok
                wrong += not ok
                if not ok:
                    print(f"  wrong: {pair.name} {p.original!r} → {p.reading!r}, gold {w.gold!r}: "
                          f"…{pair.ocr[max(0, p.start - 30):p.end + 20]}…")
    print(f"  {part}: {right} right of {right + wrong}")


if __name__ == "__main__":
    main()
