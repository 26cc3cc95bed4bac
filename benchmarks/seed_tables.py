"""Detection on the seed against its hand-made artifact tables.

Usage::

    python benchmarks/seed_tables.py [--detectors glyph,words,...] [-v]

``tests/data/seed_artifacts.tsv`` lists every artifact an editor found in the seed;
``tests/data/seed_doubtful.tsv`` forms deliberately left alone. An artifact is *proposed* when a
proposal overlaps its span, *right first* when the best reading applied to the text gives the
table's reading over the artifact's span (flag-only for ``unclear`` rows). A *false alarm* is a
proposal that overlaps no artifact (doubtful rows included: proposing them is a false alarm).
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from edition.detection.runner import available_detectors, detect  # noqa: E402
from edition.evaluation.scoring import apply_proposals  # noqa: E402
from test_seed_artifacts_table import ARTIFACT_ROWS, DOUBTFUL_ROWS, SEED_TEXT  # noqa: E402


def right_first(row, proposals) -> bool:
    touching = [p for p in proposals if p.start < row.end and row.start < p.end]
    if row.kind == "unclear":
        return any(not p.readings for p in touching)
    lo = min([row.start] + [p.start for p in touching])
    hi = max([row.end] + [p.end for p in touching])
    got = apply_proposals(SEED_TEXT, sorted(touching, key=lambda p: p.start), lo, hi)
    expected = SEED_TEXT[lo:row.start] + row.reading + SEED_TEXT[row.end:hi]
    return got == expected


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--detectors")
    ap.add_argument("--kinds", help="only artifact rows of these kinds count (comma-separated)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    dets = available_detectors()
    if args.detectors:
        dets = [d for d in dets if d.name in args.detectors.split(",")]
    t0 = time.perf_counter()
    props = detect(SEED_TEXT, detectors=dets)
    elapsed = time.perf_counter() - t0
    rows = ARTIFACT_ROWS
    if args.kinds:
        rows = [r for r in rows if r.kind in args.kinds.split(",")]
    per_kind = Counter()
    found = Counter()
    right = Counter()
    for row in rows:
        per_kind[row.kind] += 1
        if any(p.start < row.end and row.start < p.end for p in props):
            found[row.kind] += 1
            if right_first(row, props):
                right[row.kind] += 1
            elif args.verbose:
                got = [(p.original, p.reading) for p in props if p.start < row.end and row.start < p.end]
                print(f"  wrong reading: {row.original!r} → {row.reading!r}, got {got}")
        elif args.verbose:
            print(f"  missed: {row.kind} {row.original!r} → {row.reading!r}")
    false = [p for p in props if not any(p.start < r.end and r.start < p.end for r in ARTIFACT_ROWS)]
    doubtful_hit = [p for p in false if any(p.start < r.end and r.start < p.end for r in DOUBTFUL_ROWS)]
    print(f"detectors: {', '.join(d.name for d in dets)}; {len(props)} proposals in {elapsed:.2f} s")
    print("| kind | artifacts | proposed | right first |\n|---|---|---|---|")
    for k in sorted(per_kind):
        print(f"| {k} | {per_kind[k]} | {found[k]} | {right[k]} |")
    n, f, r = sum(per_kind.values()), sum(found.values()), sum(right.values())
    true = len(props) - len(false)
    print(f"| all | {n} | {f} ({f / max(n, 1):.0%}) | {r} ({r / max(f, 1):.0%} of proposed) |")
    print(f"false alarms: {len(false)} ({len(doubtful_hit)} on doubtful rows) against {true} true "
          f"proposals: 1 per {true / max(len(false), 1):.1f} true")
    if args.verbose:
        for p in false:
            print(f"  false alarm: {p.kind.value} {p.original!r} → {p.reading!r} ({p.confidence:.2f}) {p.why}")


if __name__ == "__main__":
    main()
