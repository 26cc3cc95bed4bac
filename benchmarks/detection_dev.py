"""Detection quality on the development set, tune and check parts reported apart.

Usage::

    python benchmarks/detection_dev.py                          # all detectors
    python benchmarks/detection_dev.py --detectors glyph,words
    python benchmarks/detection_dev.py --corpus                 # with the collection's counts
    python benchmarks/detection_dev.py --clean                  # false alarms on the gold texts

The parts are those of ``benchmarks/_devset.py`` (the confusion weights and the calibration were
fitted on ``tune`` only). Scoring is :mod:`edition.evaluation.scoring`: detection precision,
recall and F1 over erroneous OCR tokens with every proposal accepted; the ICDAR "% improvement"
and correct words broken per 1,000 words, with every proposal and with only those of confidence
≥ 0.9 accepted. ``--corpus`` passes each chunk of the 1858 book (monograph files 1–80) the word counts of all
chunks of its part: the OCR alone, no gold, as the corpus feature would for one book.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import _devset  # noqa: E402
from edition.detection.runner import available_detectors, detect  # noqa: E402
from edition.evaluation.icdar import parse_icdar  # noqa: E402
from edition.evaluation.scoring import judge_proposals, score_proposals  # noqa: E402


def aligned(pair: _devset.Pair):
    text = f"[OCR_toInput] {pair.ocr}\n[OCR_aligned] {pair.ocr_aligned}\n[ GS_aligned] {pair.gold_aligned}\n"
    return parse_icdar(text, name=pair.name)


def run(part: str, kind: str, detectors, corpus: bool, verbose: int = 0):
    pairs = _devset.files(part, kind)
    book = _devset.book_counts(part) if corpus else None
    s_all = s_90 = 0
    words = 0
    t = 0.0
    wrong = Counter()
    bins: Counter = Counter()
    for pair in pairs:
        doc = aligned(pair)
        t0 = time.perf_counter()
        props = detect(pair.ocr, detectors=detectors,
                       corpus_counts=book if book and _devset.is_book_chunk(pair) else None)
        t += time.perf_counter() - t0
        words += len(pair.ocr.split())
        s_all += score_proposals(doc, props)
        s_90 += score_proposals(doc, props, min_confidence=0.9)
        for j in judge_proposals(doc, props):
            if not j.scored:
                continue
            b = next(lo for lo in reversed(BINS) if j.proposal.confidence >= lo)
            bins[(b, "n")] += 1
            bins[(b, "right")] += j.right
            bins[(j.proposal.kind.value, "n")] += 1
            bins[(j.proposal.kind.value, "right")] += j.right
            if j.proposal.confidence >= 0.9:
                bins[("≥0.9", "n")] += 1
                bins[("≥0.9", "right")] += j.right
            if verbose and not j.right and j.proposal.confidence >= (0.9 if verbose == 1 else 0):
                wrong[(j.proposal.kind.value, j.proposal.original, j.proposal.reading, j.gold)] += 1
    return s_all, s_90, words, t, wrong, bins


BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99)
#: Confidence buckets of the clean-text report.
CLEAN_BINS = (0.0, 0.3, 0.5, 0.9)


def clean(part: str, kind: str, detectors, show: int = 0) -> tuple[int, Counter, int]:
    """Proposals on the gold text itself (``#`` spans dropped): each is a false alarm, a policy
    difference (the gold keeps line-break hyphens, capitals of small-capital headings) or an
    error the gold kept. Returns (words, Counter of (confidence bucket, kind) → proposals,
    proposals with a reading at confidence ≥ 0.9: the changes a batch accept would make)."""
    words = sure = shown = 0
    out: Counter = Counter()
    for pair in _devset.files(part, kind):
        gold = _devset.gold_text(pair)
        props = detect(gold, detectors=detectors)
        words += len(gold.split())
        for p in props:
            out[(next(lo for lo in reversed(CLEAN_BINS) if p.confidence >= lo), p.kind.value)] += 1
            sure += bool(p.readings) and p.confidence >= 0.9
            if shown < show and p.confidence >= 0.3:
                shown += 1
                print(f"    {p.kind.value} {p.original!r} -> {p.reading!r} ({p.confidence:.2f}) "
                      f"| {gold[max(0, p.start - 30):p.end + 20]!r}")
    return words, out, sure


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--detectors", help="comma-separated detector names (default: all)")
    ap.add_argument("--corpus", action="store_true", help="pass the collection's word counts")
    ap.add_argument("--parts", default="tune,check")
    ap.add_argument("--kinds", default="monograph,periodical")
    ap.add_argument("--clean", action="store_true",
                    help="run on the gold texts instead: proposals per 1,000 words by confidence")
    ap.add_argument("--show", type=int, default=0, help="with --clean: print this many examples")
    ap.add_argument("-v", "--verbose", action="count", default=0,
                    help="list wrong proposals (≥ 0.9; -vv: all)")
    args = ap.parse_args()
    dets = available_detectors()
    if args.detectors:
        names = set(args.detectors.split(","))
        dets = [d for d in dets if d.name in names]
    print(f"detectors: {', '.join(d.name for d in dets)}; corpus counts: {args.corpus}")
    if args.clean:
        edges = [*CLEAN_BINS, 1.0]
        heads = [f"{lo:.1f}–{hi:.1f} /1k" for lo, hi in zip(edges, edges[1:])]
        heads += ["word kinds ≥ 0.3 /1k", "readings ≥ 0.9 /1k"]
        print("| part | kind | words | " + " | ".join(heads) + " |")
        print("|---|---|---|" + "---|" * len(heads))
        word_kinds = {"glyph", "nonword", "realword", "case", "variant", "unclear"}
        for part in args.parts.split(","):
            for kind in args.kinds.split(","):
                words, out, sure = clean(part, kind, dets, args.show)
                cells = [sum(n for (b, _), n in out.items() if b == lo) for lo in CLEAN_BINS]
                cells.append(sum(n for (b, k), n in out.items() if b >= 0.3 and k in word_kinds))
                cells.append(sure)
                print(f"| {part} | {kind} | {words} | " + " | ".join(f"{1000 * n / words:.2f}" for n in cells)
                      + " |", flush=True)
        return
    print("| part | kind | words | F1 (all) | P | R | % impr. (all) | broken/1k (all) "
          "| % impr. (≥0.9) | broken/1k (≥0.9) | words/s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    reliability = {part: Counter() for part in args.parts.split(",")}
    for part in args.parts.split(","):
        for kind in args.kinds.split(","):
            a, b, words, t, wrong, bins = run(part, kind, dets, args.corpus, args.verbose)
            reliability[part].update(bins)
            print(f"| {part} | {kind} | {words} | {a.f1:.3f} | {a.precision:.3f} | {a.recall:.3f} "
                  f"| {100 * a.improvement:.1f} | {a.broken_per_1000:.2f} | {100 * b.improvement:.1f} "
                  f"| {b.broken_per_1000:.2f} | {words / t:,.0f} |", flush=True)
            for k, n in wrong.most_common(40):
                print("   ", n, k)
    for part, bins in reliability.items():
        print(f"\nreliability, {part} part (all proposals with a gold; right = the verdict of "
              f"edition.evaluation.scoring)\n| confidence | proposals | right |\n|---|---|---|")
        edges = [*BINS, 1.0]
        for key in [*BINS, "≥0.9"]:
            n = bins[(key, "n")]
            if n:
                label = (f"{key:.2f}–{edges[edges.index(key) + 1]:.2f}" if isinstance(key, float)
                         else "**≥ 0.90**")
                print(f"| {label} | {n} | {bins[(key, 'right')] / n:.3f} |")
        print("| by kind | | |")
        for kind in sorted({k for k, f in bins if isinstance(k, str) and k != "≥0.9"}):
            n = bins[(kind, "n")]
            print(f"| {kind} | {n} | {bins[(kind, 'right')] / n:.3f} |")


if __name__ == "__main__":
    main()
