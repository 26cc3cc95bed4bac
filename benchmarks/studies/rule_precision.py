"""What is each rule worth on real OCR? Every proposal of the detectors on the development sets,
grouped by rule (detector, confidence and the shape of its ``why``), judged against the gold.

Usage::

    python benchmarks/studies/rule_precision.py [--set bln600] [--min 15] [--by-noise]

A rule detector (punctuation, case, hyphen, merge, split) gives each of its rules a fixed
confidence; this prints how often each rule was right on the ``tune`` and ``check`` parts
(``edition.evaluation.judge_proposals``: a reading is right when it makes the text right, a flag
when it sits on an error), the evidence for or against moving a rule's confidence. The word
detectors' calibrated proposals are grouped by confidence bin. ``--by-noise`` splits each row by
the text's OCR noise (:func:`edition.detection.evidence.noise.ocr_noise`: under 1.5 %, 1.5–3 %,
above).
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
from edition.detection.document import Document  # noqa: E402
from edition.detection.evidence.noise import ocr_noise  # noqa: E402
from edition.detection.runner import detect  # noqa: E402
from edition.evaluation import judge_proposals  # noqa: E402

#: The word detectors' proposals carry a calibrated confidence: grouped by bin, not by value.
CALIBRATED = {"glyph", "nonword", "realword", "variant", "unclear"}
BINS = (0.95, 0.9, 0.8, 0.7, 0.5, 0.3, 0.0)
#: OCR noise (log10 share, as ocr_noise gives it) between the bands: 1.5 % and 3 %.
BANDS = ((-1.824, "under 1.5 %"), (-1.523, "1.5-3 %"), (0.0, "above 3 %"))


def rule_of(p) -> str:
    """The rule a proposal comes from: its detector and confidence, and its ``why`` with the
    quoted forms and the numbers taken out; a calibrated detector's by confidence bin."""
    if p.detector in CALIBRATED or p.kind.value in CALIBRATED:
        low = next(b for b in BINS if p.confidence >= b)
        return f"{p.detector} ≥ {low:.2f}"
    shape = re.sub(r"\d+(\.\d+)?", "N", re.sub(r"'[^']*'", "X", p.why))
    return f"{p.detector} {p.confidence:.2f}: {shape[:90]}"


def band_of(doc: Document) -> str:
    noise = ocr_noise(doc)
    return next(name for top, name in BANDS if noise < top or top == 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", action="append", dest="sets", choices=devsets.SETS)
    ap.add_argument("--min", type=int, default=15, help="rows with fewer proposals are not shown")
    ap.add_argument("--by-noise", action="store_true")
    args = ap.parse_args()
    counts: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for name in args.sets or devsets.available():
        for part in ("tune", "check"):
            for d in devsets.documents(name, part):
                band = band_of(Document(d.ocr)) if args.by_noise else ""
                for j in judge_proposals(d, detect(d.ocr)):
                    if j.scored:
                        acc = counts[(rule_of(j.proposal), band)][part]
                        acc[0] += 1
                        acc[1] += int(j.right)
    print("| rule | noise | right, tune | right, check |\n|---|---|---|---|")
    rows = [(k, v) for k, v in counts.items() if sum(n for n, _ in v.values()) >= args.min]
    for (rule, band), v in sorted(rows):
        cells = [f"{v[p][1]} / {v[p][0]} ({v[p][1] / v[p][0]:.0%})" if v[p][0] else "–" for p in ("tune", "check")]
        print(f"| {rule} | {band or 'all'} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
