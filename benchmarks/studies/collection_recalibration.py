"""Can a collection's own decisions recalibrate the confidence? Measured on the development sets.

Not a test: a study that prints figures for docs/BENCHMARKS.md.

Confidence fitted on some collections does not transfer to every other (issue 14: on newspapers
held out from the team, proposals at 0.5–0.9 were right 99 % of the time; on ICDAR 2019 those at
≥ 0.9 are right 90 %). An editor who reviews the first documents of a collection says how
right each kind of proposal is *there*. This study asks whether a per-kind shift of the
confidence fitted on those decisions,

    logit p' = a · logit p + b      (per kind of proposal; a = 1, b = 0 is no change)

fitted by logistic regression of "right" on logit p with a Gaussian prior pulling (a, b) toward
(1, 0) (:data:`PRIOR_SD`), makes the confidence of the collection's other documents truer.

Protocol, per set S: the models of ``calibration.json`` fitted without S
(``calibration_transfer.fit_without``: S is a collection the models never saw) or, with
``--shipped``, the shipped models; S's check part in its fixed order; the gold decides every
proposal of the first 20 % of documents (right: a reading that makes the text right, or a flag on
an error), the shifts are fitted on those, and the other 80 % are detected (every detector's
proposals before the overlaps are resolved), shifted, resolved and scored: right at ≥ 0.9, the
share of right proposals that reach 0.9, and the CER cut and correct words broken per 1,000 with
only ≥ 0.9 accepted.

    python benchmarks/studies/collection_recalibration.py [--set bln600] [--shipped]
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[1]))  # benchmarks/
sys.path.insert(0, str(HERE.parents[1] / "derive"))
sys.path.insert(0, str(HERE.parents[2]))
import calibration_transfer  # noqa: E402
import devsets  # noqa: E402
from edition.detection import calibration  # noqa: E402
from edition.detection.document import Document  # noqa: E402
from edition.detection.runner import _collector_paused, resolve_overlaps, run_detectors  # noqa: E402
from edition.evaluation import evaluate_doc, judge_proposals  # noqa: E402

DECIDED_SHARE = 0.2
#: How far the decisions may move (a, b) from (1, 0): the standard deviation of the Gaussian prior.
PRIOR_SD = 1.0
EPS = 1e-4


def logit(p: float) -> float:
    p = min(max(p, EPS), 1 - EPS)
    return math.log(p / (1 - p))


def fit_shift(points: list[tuple[float, bool]], prior_sd: float = PRIOR_SD) -> tuple[float, float]:
    """(a, b) of the shift, by Newton's method on the penalized log-likelihood."""
    if not points:
        return 1.0, 0.0
    x = np.array([logit(c) for c, _ in points])
    y = np.array([1.0 if r else 0.0 for _, r in points])
    X = np.stack([x, np.ones_like(x)], axis=1)
    w = np.array([1.0, 0.0])
    prior = np.array([1.0, 0.0])
    lam = 1.0 / prior_sd ** 2
    for _ in range(50):
        p = 1 / (1 + np.exp(-(X @ w)))
        grad = X.T @ (y - p) - lam * (w - prior)
        hess = -(X.T * (p * (1 - p))) @ X - lam * np.eye(2)
        step = np.linalg.solve(hess, grad)
        w = w - step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), float(w[1])


def shifted(p: float, ab: tuple[float, float]) -> float:
    a, b = ab
    return round(1 / (1 + math.exp(-(a * logit(p) + b))), 3)


def raw_proposals(text: str) -> list:
    with _collector_paused():
        return list(run_detectors(Document(text)))


def measure(name: str, prior_sd: float) -> dict:
    docs = devsets.documents(name, "check")
    n_decided = max(1, round(len(docs) * DECIDED_SHARE))
    raw = [raw_proposals(d.ocr) for d in docs]
    points: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for doc, props in zip(docs[:n_decided], raw[:n_decided]):
        for j in judge_proposals(doc, resolve_overlaps(props)):
            if j.scored:
                points[str(j.proposal.kind)].append((j.proposal.confidence, j.right))
    shifts = {k: fit_shift(v, prior_sd) for k, v in points.items()}
    out = {"set": name, "decided_docs": n_decided, "scored_docs": len(docs) - n_decided,
           "shifts": {k: (round(a, 2), round(b, 2), len(points[k])) for k, (a, b) in shifts.items()}}
    for label, ab_of in (("before", lambda k: (1.0, 0.0)), ("after", lambda k: shifts.get(k, (1.0, 0.0)))):
        judged, scores90 = [], None
        for doc, props in zip(docs[n_decided:], raw[n_decided:]):
            props = resolve_overlaps([dataclasses.replace(p, confidence=shifted(p.confidence, ab_of(str(p.kind))))
                                      for p in props])
            judged += [(j.proposal.confidence, j.right) for j in judge_proposals(doc, props) if j.scored]
            s = evaluate_doc(doc, props, 0.9).scores
            scores90 = s if scores90 is None else scores90 + s
        sure = [r for c, r in judged if c >= 0.9]
        right = sum(r for _, r in judged)
        out[label] = {"sure": len(sure), "right_at_90": sum(sure) / len(sure) if sure else float("nan"),
                      "right_reaching_90": sum(sure) / right if right else float("nan"),
                      "cer_cut_90": 1 - scores90.char_errors_after / scores90.char_errors_before,
                      "broken_per_1000_90": 1000 * scores90.words_broken / max(scores90.gold_words, 1)}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", action="append", dest="sets", choices=devsets.SETS)
    ap.add_argument("--shipped", action="store_true", help="the shipped models, not fitted without the set")
    ap.add_argument("--prior-sd", type=float, default=PRIOR_SD)
    args = ap.parse_args()
    shipped = json.loads(calibration.DATA.read_text(encoding="utf-8"))["models"]
    for name in args.sets or devsets.available():
        if not args.shipped:
            calibration_transfer.fit_without(name, shipped)
        else:
            calibration_transfer._install(shipped)
        r = measure(name, args.prior_sd)
        print(json.dumps(r), flush=True)
        b, a = r["before"], r["after"]
        print(f"{name}: right at >= 0.9 {b['right_at_90']:.1%} -> {a['right_at_90']:.1%} "
              f"({b['sure']} -> {a['sure']} proposals); right reaching 0.9 {b['right_reaching_90']:.1%} -> "
              f"{a['right_reaching_90']:.1%}; CER cut at >= 0.9 {b['cer_cut_90']:+.1%} -> {a['cer_cut_90']:+.1%}; "
              f"broken/1000 {b['broken_per_1000_90']:.2f} -> {a['broken_per_1000_90']:.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
