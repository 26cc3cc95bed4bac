"""Detection on real Tesseract output, with and without the engine's word confidences.

Usage::

    python benchmarks/make_ocr_pages.py                 # the pages (build/ocr-pages), once
    python benchmarks/ocr_confidence.py                 # the table below, tune and check halves
    python benchmarks/ocr_confidence.py --fit           # refit edition/detection/data/engine_doubt.json

Data: the documents of ``build/ocr-pages`` (page images made from the development sets' gold
texts, degraded, read by Tesseract; see ``make_ocr_pages.py``), split by name: every other
document (sorted) is *tune* (the engine-doubt weights are fitted there), the rest *check*.
Each document's OCR text is derived from its ALTO (Debian's Tesseract 5.3.0) or its PAGE
(Tesseract 5.5.4) by ``edition.formats``, aligned with its gold, and scored by
``edition.evaluation`` (detection precision/recall/F1 over erroneous tokens, the ICDAR
"% improvement" = CER reduction when every proposal, or every one ≥ 0.9, is accepted).

*without*: ``edition.detect`` on the text alone. *with*: the same proposals weighed by
``edition.detection.evidence.engine`` (detector confidence and engine confidence combined by the fitted
logistic model) plus flags on the words the engine doubted that no detector touched.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from edition.detection.runner import detect  # noqa: E402
from edition.evaluation.align import align_texts  # noqa: E402
from edition.evaluation.scoring import judge_proposals, score_proposals  # noqa: E402
from edition.detection.evidence import engine  # noqa: E402
from edition.formats import read_ocr  # noqa: E402


PAGES = Path("build/ocr-pages")
FORMATS = ("alto", "page")


def documents(root: Path) -> dict[str, list[Path]]:
    docs = sorted(d for d in root.iterdir() if (d / "gold.txt").is_file())
    return {"tune": docs[0::2], "check": docs[1::2]}


def prepared(folder: Path, fmt: str, cache: dict):
    key = (folder, fmt)
    if key not in cache:
        doc = read_ocr(folder / fmt)
        aligned = align_texts(doc.text, (folder / "gold.txt").read_text(encoding="utf-8"),
                              name=f"{folder.name}/{fmt}")
        cache[key] = (doc, aligned, detect(doc.text))
    return cache[key]


def fit_logistic(rows: list[tuple[float, float, int]], l2: float = 1e-3, steps: int = 50
                 ) -> tuple[float, float, float]:
    """(bias, a, b) of P(y) = logistic(bias + a·x1 + b·x2), by Newton's method (IRLS)."""
    w = [0.0, 1.0, 0.0]
    for _ in range(steps):
        g = [0.0, 0.0, 0.0]
        h = [[l2 if i == j else 0.0 for j in range(3)] for i in range(3)]
        for x1, x2, y in rows:
            x = (1.0, x1, x2)
            p = engine.logistic(sum(wi * xi for wi, xi in zip(w, x)))
            for i in range(3):
                g[i] += (p - y) * x[i]
                for j in range(3):
                    h[i][j] += p * (1 - p) * x[i] * x[j]
        for i in range(3):
            g[i] += l2 * w[i]
        step = _solve(h, g)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < 1e-9:
            break
    return w[0], w[1], w[2]


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        piv = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[piv] = m[piv], m[c]
        for r in range(n):
            if r != c:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] for i in range(n)]


def fit(tune: list[Path], cache: dict) -> dict:
    rows = []
    flags_by_threshold: dict[float, list[int]] = {}
    thresholds = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
    for folder in tune:
        for fmt in FORMATS:
            doc, aligned, props = prepared(folder, fmt, cache)
            for j in judge_proposals(aligned, props):
                if not j.scored:
                    continue
                e = engine.engine_confidence(doc, j.proposal.start, j.proposal.end)
                if e is not None:
                    rows.append((engine.logit(j.proposal.confidence), engine.logit(e), int(j.right)))
            for t in thresholds:
                m = engine.DoubtModel(0, 1, 0, t, 0.5)
                flags = engine.doubtful_words(doc, props, m)
                js = [j for j in judge_proposals(aligned, flags) if j.scored]
                counts = flags_by_threshold.setdefault(t, [0, 0])
                counts[0] += sum(j.right for j in js)
                counts[1] += len(js)
    bias, a, b = fit_logistic(rows)
    # The flag threshold: the highest at which at least half of the flagged words were wrong
    # (a flag costs the editor a look; below one in two it wastes more looks than it saves).
    good = [t for t in thresholds if flags_by_threshold[t][1] and
            flags_by_threshold[t][0] / flags_by_threshold[t][1] >= 0.5]
    t = max(good) if good else min(thresholds)
    right, n = flags_by_threshold[t]
    return {"bias": round(bias, 4), "proposal": round(a, 4), "engine": round(b, 4),
            "flag_below": t, "flag_confidence": round(right / n if n else 0.5, 3),
            "fitted_on": f"{len(rows)} judged proposals and the flags of {len(tune)} documents "
                         f"x {len(FORMATS)} formats (tune half of {PAGES})",
            "flags_by_threshold": {str(k): v for k, v in flags_by_threshold.items()}}


def evaluate(folders: list[Path], fmt: str, cache: dict, m: engine.DoubtModel):
    out = {}
    for label in ("without", "with"):
        for floor in (0.0, 0.9):
            total = None
            for folder in folders:
                doc, aligned, props = prepared(folder, fmt, cache)
                if label == "with":
                    props = engine.with_engine_evidence(props, doc, m)
                s = score_proposals(aligned, props, min_confidence=floor)
                total = s if total is None else total + s
            out[(label, floor)] = total
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", default=str(PAGES))
    ap.add_argument("--fit", action="store_true", help="refit and write edition/detection/data/engine_doubt.json")
    args = ap.parse_args()
    parts = documents(Path(args.pages))
    cache: dict = {}
    if args.fit:
        fitted = fit(parts["tune"], cache)
        engine.DATA.write_text(json.dumps(fitted, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {engine.DATA}: {fitted}", file=sys.stderr)
        engine.model.cache_clear()
    m = engine.model()
    print(f"documents: tune {len(parts['tune'])}, check {len(parts['check'])}; model {tuple(m)}")
    print("| part | OCR | engine confidences | accepted | tokens | errors | P | R | F1 | CER before | CER after | % improvement | broken /1k |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for part in ("tune", "check"):
        for fmt in FORMATS:
            for (label, floor), s in evaluate(parts[part], fmt, cache, m).items():
                print(f"| {part} | {fmt} | {label} | {'all' if floor == 0 else '≥ 0.9'} | {s.tokens} | "
                      f"{s.error_tokens} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | "
                      f"{s.cer_before:.2%} | {s.cer_after:.2%} | {s.improvement:+.1%} | "
                      f"{s.broken_per_1000:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
