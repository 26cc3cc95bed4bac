"""Detection on real Tesseract output, with and without the engine's word confidences.

Usage::

    python benchmarks/make_ocr_pages.py --docs 20           # the pages (build/ocr-pages), once
    python benchmarks/ocr_confidence.py                     # the tables, tune and check halves
    python benchmarks/ocr_confidence.py --fit               # refit edition/detection/data/engine_doubt.json

Data: the documents of ``build/ocr-pages`` (page images made from the development sets' gold
texts, degraded, read by Tesseract; see ``make_ocr_pages.py``), split by name: every other
document (sorted) is *tune* (the engine-doubt models are fitted there), the rest *check*.
Each document's OCR text is derived from its ALTO (Debian's Tesseract 5.3.0) or its PAGE
(Tesseract 5.5.4) by ``edition.formats``, aligned with its gold, and scored by
``edition.evaluation`` (detection precision/recall/F1 over erroneous tokens, the ICDAR
"% improvement" = CER reduction when every proposal, or every one ≥ 0.9, is accepted, and how
many of the readings at ≥ 0.9 were right).

*without*: ``edition.detect(text)``, the text alone. *with*: ``edition.detect(text, ocr=doc)``,
as ``edition detect`` runs on an OCR file: the proposals' confidences combined with the engine's
and the engine's doubted words flagged (``edition.detection.evidence.engine``).

``--fit`` fits the three models of ``engine.py`` by logistic regression on the tune half: the
readings' recalibration (``logit(p)``), the flags' (``logit(p)``, ``logit(e)``), the doubted
words' (``logit(e)``); and prints, for the record, how the readings fare with the engine's
confidence as a second feature (the study behind leaving it out of the readings' model).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent / "derive"))  # logistic
import logistic  # noqa: E402
from edition.detection.evidence import engine  # noqa: E402
from edition.detection.runner import detect  # noqa: E402
from edition.evaluation.align import align_texts  # noqa: E402
from edition.evaluation.scoring import judge_proposals, score_proposals  # noqa: E402
from edition.formats import read_ocr  # noqa: E402

PAGES = Path("build/ocr-pages")
FORMATS = ("alto", "page")
#: every proposal accepted, those at >= 0.9 (the README's safe first pass), at >= 0.95
FLOORS = (0.0, 0.9, 0.95)


def documents(root: Path) -> dict[str, list[Path]]:
    docs = sorted(d for d in root.iterdir() if (d / "gold.txt").is_file())
    return {"tune": docs[0::2], "check": docs[1::2]}


def prepared(folder: Path, fmt: str, cache: dict):
    """``(doc, aligned, proposals without the engine)`` of one document in one format."""
    key = (folder, fmt)
    if key not in cache:
        doc = read_ocr(folder / fmt)
        aligned = align_texts(doc.text, (folder / "gold.txt").read_text(encoding="utf-8"),
                              name=f"{folder.name}/{fmt}")
        cache[key] = (doc, aligned, detect(doc.text))
    return cache[key]


def with_engine(folder: Path, fmt: str, cache: dict):
    """The proposals of ``edition detect`` on the OCR file: with the engine's confidences."""
    key = (folder, fmt, "with")
    if key not in cache:
        doc = prepared(folder, fmt, cache)[0]
        cache[key] = detect(doc.text, ocr=doc)
    return cache[key]


def fit_logistic(rows: list[tuple[list[float], int]]) -> list[float]:
    """The weights of P(y) = logistic(w · x) (``x`` with a leading 1 for the bias), with a small
    L2 penalty on all of them, the bias too (keeps the fit finite when a feature separates)."""
    bias, weights = logistic.fit_logistic([x[1:] for x, _ in rows], [y for _, y in rows], 1e-2,
                                          penalize_bias=True, steps=100, tol=1e-9)
    return [bias, *map(float, weights)]


def judged(folders: list[Path], cache: dict) -> dict[str, list]:
    """The detectors' judged proposals (readings, flags) with the engine's confidence, and the
    words no detector touched (the candidates for a doubt flag), with whether each was wrong."""
    out: dict[str, list] = {"reading": [], "flag": [], "doubt": []}
    # a doubt model whose flag_below is 1.0: every word no detector touched is a candidate
    everything = engine.DoubtModel(engine.Weights(0), engine.Weights(0),
                                   engine.Weights(1.0, 0.0, -1e-9))
    for folder in folders:
        for fmt in FORMATS:
            doc, aligned, props = prepared(folder, fmt, cache)
            for j in judge_proposals(aligned, props):
                e = engine.engine_confidence(doc, j.proposal.start, j.proposal.end)
                if j.scored and e is not None:
                    out["reading" if j.proposal.readings else "flag"].append(
                        (j.proposal.confidence, e, int(j.right)))
            for j in judge_proposals(aligned, engine.doubtful_words(doc, props, everything)):
                if j.scored:
                    w = doc.word_at(j.proposal.start)
                    out["doubt"].append((0.5, w.confidence, int(j.right)))
    return out


def _lp(p: float) -> float:
    return engine.logit(p, engine.PROPOSAL_CLAMP)


def _rows(data, features):
    return [([1.0, *features(p, e)], y) for p, e, y in data]


def fit(tune: list[Path], cache: dict) -> dict:
    data = judged(tune, cache)
    reading = fit_logistic(_rows(data["reading"], lambda p, e: [_lp(p)]))
    flag = fit_logistic(_rows(data["flag"], lambda p, e: [_lp(p), engine.logit(e)]))
    doubt = fit_logistic(_rows(data["doubt"], lambda p, e: [engine.logit(e)]))
    r4 = lambda v: round(v, 4)  # noqa: E731
    return {
        "reading": {"bias": r4(reading[0]), "proposal": r4(reading[1])},
        "flag": {"bias": r4(flag[0]), "proposal": r4(flag[1]), "engine": r4(flag[2])},
        "doubt": {"bias": r4(doubt[0]), "engine": r4(doubt[1])},
        "fitted_on": (f"tune half of {PAGES} ({len(tune)} documents x {len(FORMATS)} formats): "
                      f"{len(data['reading'])} judged readings, {len(data['flag'])} judged flags, "
                      f"{len(data['doubt'])} words no detector touched"),
    }


def readings_with_the_engine(tune: list[Path], check: list[Path], cache: dict) -> None:
    """The study: the readings' model with logit(e) beside logit(p), against logit(p) alone."""
    t, c = judged(tune, cache)["reading"], judged(check, cache)["reading"]
    for name, features in (("logit(p)", lambda p, e: [_lp(p)]),
                           ("logit(p), logit(e)", lambda p, e: [_lp(p), engine.logit(e)])):
        w = fit_logistic(_rows(t, features))
        cells = []
        for part, data in (("tune", t), ("check", c)):
            high = [y for p, e, y in data
                    if engine.logistic(sum(a * b for a, b in zip(w, [1.0, *features(p, e)]))) >= 0.9]
            cells.append(f"{part}: {len(high)} readings >= 0.9, {sum(high)} right "
                         f"({sum(high) / len(high) if high else 0:.1%})")
        print(f"readings model on {name}: weights {[round(x, 3) for x in w]}; " + "; ".join(cells))


def evaluate(folders: list[Path], fmt: str, cache: dict):
    out = {}
    for label in ("without", "with"):
        for floor in FLOORS:
            total = None
            for folder in folders:
                doc, aligned, without = prepared(folder, fmt, cache)
                proposals = with_engine(folder, fmt, cache) if label == "with" else without
                s = score_proposals(aligned, proposals, min_confidence=floor)
                total = s if total is None else total + s
            out[(label, floor)] = total
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", default=str(PAGES))
    ap.add_argument("--fit", action="store_true", help="refit edition/detection/data/engine_doubt.json")
    ap.add_argument("--misses", action="store_true",
                    help="list the readings at >= 0.9 on the check half that were not right, with the gold")
    args = ap.parse_args()
    parts = documents(Path(args.pages))
    cache: dict = {}
    if args.fit:
        fitted = fit(parts["tune"], cache)
        engine.DATA.write_text(json.dumps(fitted, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {engine.DATA}: {fitted}", file=sys.stderr)
        engine.model.cache_clear()
        readings_with_the_engine(parts["tune"], parts["check"], cache)
    m = engine.model()
    print(f"documents: tune {len(parts['tune'])}, check {len(parts['check'])}; flags below "
          f"engine confidence {m.flag_below:.2f}; model {tuple(m)}")
    print("| part | OCR | engine confidences | accepted | tokens | errors | P | R | F1 | CER before "
          "| CER after | % improvement | broken /1k | readings | right |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for part in ("tune", "check"):
        for fmt in FORMATS:
            for (label, floor), s in evaluate(parts[part], fmt, cache).items():
                readings = s.proposals_right + s.proposals_wrong
                right = f"{s.proposals_right / readings:.1%}" if readings else "–"
                print(f"| {part} | {fmt} | {label} | {'all' if floor == 0 else f'≥ {floor}'} | {s.tokens} | "
                      f"{s.error_tokens} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | "
                      f"{s.cer_before:.2%} | {s.cer_after:.2%} | {s.improvement:+.1%} | "
                      f"{s.broken_per_1000:.1f} | {readings} | {right} |")
    if args.misses:
        misses(parts["check"], cache)
    return 0


def misses(folders: list[Path], cache: dict) -> None:
    for folder in folders:
        for fmt in FORMATS:
            doc, aligned, _ = prepared(folder, fmt, cache)
            for j in judge_proposals(aligned, with_engine(folder, fmt, cache)):
                p = j.proposal
                if p.readings and p.confidence >= 0.9 and j.scored and not j.right:
                    print(f"{folder.name}/{fmt}: {p.original!r} -> {p.readings[0]!r} "
                          f"({p.confidence}), gold {j.gold!r}: {j.verdict}")


if __name__ == "__main__":
    sys.exit(main())
