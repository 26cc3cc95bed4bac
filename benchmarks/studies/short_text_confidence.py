"""Are the readings of a short noisy text over-confident? The proposals at high confidence on a
part of the development sets, by how much of their text's damage the noise estimate hides.

Usage::

    python benchmarks/studies/short_text_confidence.py [--part tune] [--dump F.json] [--set bln600 ...]

:func:`edition.detection.evidence.noise.ocr_noise` smooths a text's share of unknown one-off
words toward 1 % with the weight of :data:`~edition.detection.evidence.noise.PRIOR_WORDS` words,
so a short text's estimate leans on the prior: 20 unknown one-off forms in 150 words (13 %) are
estimated at 6 %. The *hidden noise* of a text is log10 of its own share (half a word added)
over the estimate, or 0 where its words show less: 0.3 and above, the estimate is less than half
of what the words show (texts of fewer than about 200 counted words, most of them noisy).

Printed per set: the readings of the word detectors (``glyph``, ``nonword``, ``realword``) in
confidence bands, in texts with hidden noise ≥ :data:`HIDDEN` and below, right share as
``edition.evaluation`` judges it and with the gold's punctuation set aside (the reading is the
gold word, the gold adds a mark or a word the OCR lost: ``yearsi`` → ``years`` for "years."),
and the right share at ≥ 0.9 of every proposal by the counted words of the text. With ``--dump``
the judged proposals are written to ``F.json`` the first time and read from it after.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import devsets  # noqa: E402
from edition.detection.document import Document  # noqa: E402
from edition.detection.evidence import noise  # noqa: E402
from edition.detection.runner import detect  # noqa: E402
from edition.evaluation import judge_proposals  # noqa: E402

#: Hidden noise (log10) from which the estimate is less than half of the text's own share.
HIDDEN = 0.3
WORD_DETECTORS = ("glyph", "nonword", "realword")
BANDS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.001)
WORD_BANDS = (0, 100, 150, 200, 300, 400, 10 ** 9)


def hidden_noise(doc: Document) -> tuple[int, float]:
    """(words counted by the noise estimate, hidden noise): the unknown one-off forms are read
    back from the estimate (``(odd + PRIOR·PRIOR_WORDS) / (n + PRIOR_WORDS)``, rounded to the
    word)."""
    n = sum(c for f, c in doc.counts.items() if len(f) >= noise.MIN_LETTERS and f.isalpha())
    est = noise.ocr_noise(doc)
    odd = max(0, round(10 ** est * (n + noise.PRIOR_WORDS) - noise.PRIOR * noise.PRIOR_WORDS))
    return n, round(max(0.0, math.log10((odd + 0.5) / (n + 1)) - est), 3)


def judged(sets: list[str], part: str) -> list[dict]:
    rows = []
    for name in sets:
        for doc in devsets.documents(name, part):
            n, hidden = hidden_noise(Document(doc.ocr))
            for j in judge_proposals(doc, detect(doc.ocr)):
                if j.scored:
                    p = j.proposal
                    rows.append({"set": name, "words": n, "hidden": hidden, "detector": p.detector,
                                 "confidence": p.confidence, "right": j.right, "reading": p.reading,
                                 "gold": j.gold})
    return rows


def word_right(row: dict) -> bool:
    """The reading is the gold word; the gold adds only marks, case or words the OCR lost."""
    gold, reading = row["gold"] or "", row["reading"] or ""
    core = re.sub(r"^\W+|\W+$", "", gold)
    return bool(reading) and (core.lower() == reading.lower() or gold.split()[:1] == [reading])


def share(rows: list[dict], right=lambda r: r["right"]) -> str:
    k = sum(1 for r in rows if right(r))
    return f"{k}/{len(rows)} {100 * k / len(rows):.1f}%" if rows else "–"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", default="tune", choices=devsets.PARTS)
    ap.add_argument("--dump", type=Path)
    ap.add_argument("--set", action="append", choices=devsets.available())
    args = ap.parse_args()
    sets = args.set or devsets.available()
    if args.dump and args.dump.exists():
        rows = [r for r in json.loads(args.dump.read_text()) if r["set"] in sets]
    else:
        rows = judged(sets, args.part)
        if args.dump:
            args.dump.write_text(json.dumps(rows))
    for name in sets:
        mine = [r for r in rows if r["set"] == name]
        print(f"== {name} {args.part}: readings of {', '.join(WORD_DETECTORS)}, judged (the word right)")
        for label, hidden in ((f"hidden ≥ {HIDDEN}", True), (f"hidden < {HIDDEN}", False)):
            reads = [r for r in mine if r["detector"] in WORD_DETECTORS and r["reading"]
                     and (r["hidden"] >= HIDDEN) == hidden]
            cells = []
            for lo, hi in zip(BANDS, BANDS[1:]):
                b = [r for r in reads if lo <= r["confidence"] < hi]
                cells.append(f"{lo:.2f}: {share(b)} ({share(b, lambda r: r['right'] or word_right(r)).split()[-1]})")
            top = [r for r in reads if r["confidence"] >= 0.9]
            print(f"  {label:13} ≥ 0.9 {share(top)} ({share(top, lambda r: r['right'] or word_right(r)).split()[-1]});  "
                  + ";  ".join(cells))
        cells = []
        for lo, hi in zip(WORD_BANDS, WORD_BANDS[1:]):
            b = [r for r in mine if lo <= r["words"] < hi and r["confidence"] >= 0.9]
            if b:
                cells.append(f"{lo}–{hi if hi < 10 ** 9 else ''}: {share(b)}")
        print("  every proposal at ≥ 0.9, by the text's counted words: " + ";  ".join(cells))


if __name__ == "__main__":
    main()
