"""Detection with and without witnesses: F1 and CER cut on real OCR with a second OCR beside it.

Usage::

    python benchmarks/make_ocr_pages.py --out PAGES1 --docs 5 --pages 3 --seed 1
    python benchmarks/make_ocr_pages.py --out PAGES2 --docs 5 --pages 3 --seed 2
    python benchmarks/witness_detection.py --pages PAGES1 PAGES2          # the tables
    python benchmarks/witness_detection.py --pages PAGES1 PAGES2 --rates  # the witness detector alone

Two kinds of witness pairs:

- *tesseract pairs*: the same gold text set in two typefaces and degraded twice (seeds 1 and 2
  of ``make_ocr_pages.py``), each read by Tesseract (ALTO); the source is one OCR, the witness
  the other, the gold the source's own (both directions are counted);
- *dev OCR + Tesseract*: the development sets' own OCR (BLN600 ``.ocr.txt``, ICDAR 2017 and
  2019 ``OCR_toInput``) as the source, Tesseract's reading of its rendered gold (``PAGES1``) as
  the witness, the development set's gold as the gold. The witness covers the first pages only.

Documents are split by name, every other one (sorted) *tune* (where :data:`RIGHT_SHARE` of the
witness detector was measured) and the rest *check*. Scoring is :mod:`edition.evaluation`:
detection P/R/F1 over erroneous tokens, the CER reduction ("% improvement") with every
proposal, and with those of confidence ≥ 0.9, accepted.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from rapidfuzz.distance import Levenshtein  # noqa: E402

from edition.detection.runner import available_detectors, detect  # noqa: E402
from edition.evaluation.align import align_texts  # noqa: E402
from edition.evaluation.icdar import load_icdar  # noqa: E402
from edition.evaluation.scoring import judge_proposals, score_proposals  # noqa: E402
from edition.formats import read_ocr  # noqa: E402
from edition.source import source_from_text  # noqa: E402
from edition.witnesses.tokens import witness_from_source  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def ocr_text(folder: Path) -> str:
    return read_ocr(folder / "alto").text


def tesseract_pairs(p1: Path, p2: Path):
    """(name, source text, witness text, aligned doc) for both directions of each document."""
    for name in sorted(d.name for d in p1.iterdir() if (p2 / d.name / "alto").is_dir()):
        a, b = p1 / name, p2 / name
        for src, wit, tag in ((a, b, "1"), (b, a, "2")):
            text = ocr_text(src)
            gold = (src / "gold.txt").read_text(encoding="utf-8")
            yield name, text, ocr_text(wit), align_texts(text, gold, name=f"{name}/{tag}")


def dev_pairs(p1: Path):
    """(name, dev OCR, Tesseract's OCR of the rendered gold, aligned doc)."""
    for folder in sorted(d for d in p1.iterdir() if (d / "alto").is_dir()):
        name = folder.name
        kind, _, number = name.partition("-")
        if kind == "bln":
            ocr = (DATA / "bln600-train" / f"{number}.ocr.txt").read_text(encoding="utf-8")
            gold = (DATA / "bln600-train" / f"{number}.gt.txt").read_text(encoding="utf-8")
            doc = align_texts(ocr, gold, name=name)
        else:
            part = {"monograph": "icdar2017-eng/eng_monograph", "periodical": "icdar2017-eng/eng_periodical",
                    "en1": "icdar2019-eng/EN1"}[kind]
            doc = load_icdar(DATA / part / f"{number}.txt")
            ocr = doc.ocr
        yield name, ocr, ocr_text(folder), doc


def split(rows):
    names = sorted({r[0] for r in rows})
    tune = set(names[0::2])
    return {"tune": [r for r in rows if r[0] in tune], "check": [r for r in rows if r[0] not in tune]}


def table(label: str, rows) -> None:
    print(f"\n{label}\n")
    print("| part | docs | witness | accepted | tokens | errors | P | R | F1 | CER before | CER after | % improvement | proposals | from witnesses |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for part, chosen in split(rows).items():
        cache = {}
        for name, text, wit, doc in chosen:
            w = witness_from_source("B", source_from_text(wit, path=f"{name}.witness"))
            cache[(name, doc.name)] = (detect(text), detect(text, witnesses=[w]), doc)
        for label2 in ("without", "with"):
            for floor in (0.0, 0.9):
                total, n, nw = None, 0, 0
                for without, with_, doc in cache.values():
                    props = with_ if label2 == "with" else without
                    s = score_proposals(doc, props, min_confidence=floor)
                    total = s if total is None else total + s
                    kept = [p for p in props if p.confidence >= floor]
                    n += len(kept)
                    nw += sum(p.detector == "witness" for p in kept)
                s = total
                print(f"| {part} | {len(cache)} | {label2} | {'all' if floor == 0 else '≥ 0.9'} | "
                      f"{s.tokens} | {s.error_tokens} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | "
                      f"{s.cer_before:.2%} | {s.cer_after:.2%} | {s.improvement:+.1%} | {n} | {nw} |",
                      flush=True)


def rates(rows) -> None:
    """The witness detector alone on the tune part: right share by evidence."""
    det = [d for d in available_detectors() if d.name == "witness"]
    counts: Counter = Counter()
    for name, text, wit, doc in split(rows)["tune"]:
        w = witness_from_source("B", source_from_text(wit, path=f"{name}.witness"))
        for j in judge_proposals(doc, detect(text, detectors=det, witnesses=[w])):
            if not j.scored:
                continue
            evidence = "nonword" if "is no known word" in j.proposal.why else "realword"
            support = 2 if j.proposal.why.startswith("witnesses") else 1
            d = Levenshtein.distance(j.proposal.original, j.proposal.reading or "")
            for key in ((evidence, support, min(d, 4)), (evidence, support, "all")):
                counts[(*key, "n")] += 1
                counts[(*key, "right")] += j.right
    for key in sorted({k[:3] for k in counts}, key=str):
        n, right = counts[(*key, "n")], counts[(*key, "right")]
        print(f"{key}: {right}/{n} right = {right / n:.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", nargs=2, metavar=("PAGES1", "PAGES2"), required=True,
                    help="two runs of make_ocr_pages.py with different --seed")
    ap.add_argument("--rates", action="store_true", help="the witness detector's right share by evidence (tune)")
    ap.add_argument("--only", choices=["tesseract", "dev"], help="one kind of pair")
    args = ap.parse_args()
    p1, p2 = (Path(p) for p in args.pages)
    kinds = {"tesseract": lambda: list(tesseract_pairs(p1, p2)), "dev": lambda: list(dev_pairs(p1))}
    for kind, make in kinds.items():
        if args.only and kind != args.only:
            continue
        rows = make()
        if args.rates:
            print(kind)
            rates(rows)
        else:
            table(f"{kind}: {len({r[0] for r in rows})} documents", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
