"""What does the division detector divide, and how often is it right? Where its confidence model
comes from.

Usage::

    python benchmarks/studies/noisy_division.py [--set bln600] [--part tune] [--tsv OUT] [--fit]

Every division of :mod:`edition.detection.detectors.division` (a run-together token with
misread letters, ``bythopolice`` → ``by the police``) before its confidence floor, judged by
``edition.evaluation`` against the aligned gold (right: the reading makes the text right), with
its features (:func:`~edition.detection.detectors.division.features`), per set and part: how
many are right, by the detector's confidence. ``--tsv`` writes one row per division;
``--fit`` fits the confidence model (a logistic regression on the features, Newton's method
with a small ridge) on the rows of the tune parts and prints its weights and, five-fold
cross-validated, how often the divisions it puts above each confidence were right: the figures
quoted beside :data:`~edition.detection.detectors.division.WEIGHTS`.
"""
from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import devsets  # noqa: E402
from edition.detection.detectors import division  # noqa: E402
from edition.detection.document import Document  # noqa: E402
from edition.evaluation import judge_proposals  # noqa: E402
from edition.model import Proposal  # noqa: E402

NAMES = tuple(division.WEIGHTS)


def _fit(X, y, ridge: float = 0.1):
    """(bias, weights) of a logistic regression of ``y`` on ``X`` (standardized while fitting)."""
    import numpy as np

    mu, sd = X.mean(0), X.std(0) + 1e-9
    Z = np.hstack([np.ones((len(X), 1)), (X - mu) / sd])
    w = np.zeros(Z.shape[1])
    penalty = ridge * np.diag(np.r_[0.0, np.ones(Z.shape[1] - 1)])
    for _ in range(50):
        p = 1 / (1 + np.exp(-Z @ w))
        w -= np.linalg.solve((Z * (p * (1 - p))[:, None]).T @ Z + penalty, Z.T @ (p - y) + penalty @ w)
    return w[0] - (w[1:] * mu / sd).sum(), w[1:] / sd


def fit(rows: list[tuple[dict[str, float], bool]]) -> None:
    import numpy as np

    X = np.array([[f[n] for n in NAMES] for f, _ in rows])
    y = np.array([float(r) for _, r in rows])
    order = np.random.default_rng(0).permutation(len(y))
    held = np.zeros(len(y))
    for fold in np.array_split(order, 5):
        train = np.setdiff1d(order, fold)
        b, w = _fit(X[train], y[train])
        held[fold] = 1 / (1 + np.exp(-(X[fold] @ w + b)))
    print(f"fitted on {len(y)} divisions, {int(y.sum())} right")
    for t in (0.5, 0.7, 0.8, 0.9, 0.95, 0.97):
        m = held >= t
        print(f"    cross-validated ≥ {t}: right {int(y[m].sum())} of {int(m.sum())}")
    b, w = _fit(X, y)
    print(f"BIAS = {b:.3f}")
    for n, x in zip(NAMES, w):
        print(f"    {n!r}: {x:.3f},")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", choices=devsets.PARTS, action="append")
    ap.add_argument("--set", choices=devsets.SETS, action="append")
    ap.add_argument("--tsv")
    ap.add_argument("--fit", action="store_true")
    args = ap.parse_args()
    rows, table = [], []
    for part in args.part or devsets.PARTS:
        for name in args.set or devsets.available():
            tally: Counter[tuple[str, bool]] = Counter()
            for aligned in devsets.documents(name, part):
                doc = Document(aligned.ocr)
                found = []
                for d in division.divided(doc):
                    tok = doc.tokens[d.index]
                    feats = division.features(doc, d)
                    conf = division._confidence(feats)
                    reading = " ".join(p.word for p in d.best.pieces)
                    found.append((Proposal(tok.start, tok.end, tok.text, (reading,), division.KIND,
                                           conf if conf >= division.SURE else min(conf, division.CAP), "study", "division"), feats))
                judged = {j.proposal.start: j for j in judge_proposals(aligned, [p for p, _ in found])}
                for p, feats in found:
                    j = judged.get(p.start)
                    if j is None or not j.scored:
                        continue
                    low = ("below the floor" if p.confidence < division.MIN_CONFIDENCE
                           else f"≥ {division.SURE}" if p.confidence >= division.SURE
                           else f"{math.floor(p.confidence * 10) / 10:.1f}")
                    tally[(low, j.right)] += 1
                    if part == "tune":
                        rows.append((feats, j.right))
                    table.append((name, part, p.original, p.reading, j.gold, int(j.right),
                                  p.confidence, *(round(feats[n], 3) for n in NAMES)))
            print(f"{name} {part}")
            for key in sorted({k for k, _ in tally}, reverse=True):
                print(f"    confidence {key}: right {tally[(key, True)]} of "
                      f"{tally[(key, True)] + tally[(key, False)]}")
    if args.tsv:
        with open(args.tsv, "w", encoding="utf-8") as f:
            f.write("\t".join(("set", "part", "form", "reading", "gold", "right", "confidence") + NAMES) + "\n")
            for r in table:
                f.write("\t".join(map(str, r)) + "\n")
    if args.fit:
        fit(rows)


if __name__ == "__main__":
    main()
