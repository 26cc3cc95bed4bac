"""Which evidence tells a real word misread (``bad`` for ``had``) from a real word printed right?

Usage::

    python benchmarks/studies/real_word_evidence.py [--show 20]

The confusion search's readings of a form that is itself a common word (the ``realword`` model
of :func:`edition.detection.detectors.words.model_of`; only readings the word engine may propose)
are collected with their features at every occurrence of the three development sets, both parts
(the period word pairs without each tune text's own, as ``benchmarks/derive/calibrate.py`` fits
them). They are weighed three ways, each fitted on the tune parts and counted on both:

- ``books``: the books' ``word`` model (ICDAR 2017's tune part), which weighed them before;
- ``realword``: the word model's features and the text's noise, fitted on these readings of
  every set (what ``calibrate.py --models realword`` fits);
- ``+ X``: the same with a candidate feature of context or commonness added (below).

For each occurrence the best reading counts: right when it is the gold word (exactly: a case
the engine would set at a sentence start counts as wrong here). The candidate features:

- ``both_sides``: the smaller of the language model's gains on the two sides (a reading that
  fits on both sides, not only after ``of``);
- ``original_misfit``: how badly the original fits its neighbours (the language model's log
  ratio, negative parts only);
- ``original_once``: the original occurs once in the text;
- ``original_zipf``: how common the original is in English (``tinder``: 3.0);
- ``period``: log10 of the reading's count over the original's in the period word pairs (the
  tune parts' gold, each text's own left out): how common each is in the print of the time.

Besides, how many real-word errors (the form a common word, the gold another word) have the gold
among the form's readings at all. Figures: ``docs/BENCHMARKS.md``, "Real-word errors".
"""
from __future__ import annotations

import argparse
import math
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "derive"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import calibrate  # noqa: E402
import devsets  # noqa: E402
from logistic import fit_logistic  # noqa: E402
from edition.detection import calibration  # noqa: E402
from edition.detection.detectors import words  # noqa: E402
from edition.detection.document import Document  # noqa: E402
from edition.detection.evidence import lexicon, ngrams  # noqa: E402
from edition.detection.evidence.readings import reading_of  # noqa: E402

CANDIDATES = ("both_sides", "original_misfit", "original_once", "original_zipf", "period")


def _sides(prev: str | None, w: str, nxt: str | None) -> tuple[float | None, float | None]:
    """The language model's log ratio on each side (None where the side has no word)."""
    left = ngrams.log_p(prev, w) - ngrams._unigram(w) if prev is not None else None
    right = ngrams.log_p(w, nxt) - ngrams._unigram(nxt) if nxt is not None else None
    return left, right


def candidate_features(doc: Document, unit: words.Unit, reading: str) -> dict[str, float]:
    prev = unit.prev.lower() if unit.prev else None
    nxt = unit.next.lower() if unit.next else None
    o, c = unit.text.lower(), reading.lower()
    (op, on), (cp, cn) = _sides(prev, o, nxt), _sides(prev, c, nxt)
    left = ngrams.period_pairs().left
    return {
        "both_sides": min(cp - op, cn - on) if op is not None and on is not None else 0.0,
        "original_misfit": -min(0.0, op or 0.0) - min(0.0, on or 0.0),
        "original_once": float(doc.vocabulary.get(o, 0) <= 1),
        "original_zipf": lexicon.zipf(o),
        "period": math.log10(1 + left.get(c, 0)) - math.log10(1 + left.get(o, 0)),
    }


def collect() -> list[tuple]:
    """(set, part, occurrence key, label, features) of every real-word reading; and the counts
    of real-word errors with the gold among the readings."""
    rows, errors = [], defaultdict(lambda: [0, 0])
    for name in devsets.available():
        for part in ("tune", "check"):
            for pair in devsets.pairs(name, part):
                with calibrate.left_out(pair):
                    doc = Document(pair.ocr)
                    golds = calibrate.gold_of_units(pair)
                    for unit in words.units(doc):
                        gold = golds.get(unit.start)
                        if not gold:
                            continue
                        options = reading_of(doc, unit.text) or ()
                        real = [r for r in options if words.model_of(r.features) == "realword"
                                and not words.never_proposed(doc, unit, r)]
                        if not real:
                            continue
                        if gold.lower() != unit.text.lower():
                            errors[(name, part)][0] += 1
                            errors[(name, part)][1] += any(r.reading == gold for r in options)
                        for r in real:
                            feats = {**r.features, **words.context_features(doc, unit, r),
                                     **candidate_features(doc, unit, r.reading)}
                            rows.append((name, part, (pair.name, unit.start), float(r.reading == gold), feats))
    return rows, errors


def counts(rows, probs, name, part, floors=(0.9, 0.5, 0.4)) -> str:
    best: dict = {}
    for (n, p, key, y, _), pr in zip(rows, probs):
        if n == name and p == part and (key not in best or pr > best[key][0]):
            best[key] = (pr, y)
    out = []
    for t in floors:
        sel = [y for pr, y in best.values() if pr >= t]
        out.append(f"{int(sum(sel))}/{len(sel)}")
    return " ".join(out)


def main() -> None:
    argparse.ArgumentParser(description=__doc__.split("\n")[0]).parse_args()
    rows, errors = collect()
    print("real-word errors (the form a common word with a real-word reading, the gold another word):")
    for (name, part), (n, found) in sorted(errors.items()):
        print(f"  {name} {part}: {n:,}, the gold among the readings {found:,} ({found / max(n, 1):.0%})")
    base = calibrate.REALWORD_FEATURES
    book = calibration.model("word")
    variants = {"books": None, "realword": base, **{f"+ {c}": base + (c,) for c in CANDIDATES},
                "+ all": base + CANDIDATES}
    print("\nbest reading per occurrence, right/all at ≥ 0.9, ≥ 0.5, ≥ 0.4:")
    print("| weighed by | " + " | ".join(f"{n} {p}" for n in devsets.available() for p in ("tune", "check")) + " |")
    print("|---|" + "---|" * 2 * len(devsets.available()))
    for label, names in variants.items():
        if names is None:
            X = np.array([[r[4].get(f, 0.0) for f in book.weights] for r in rows])
            probs = 1 / (1 + np.exp(-(book.bias + X @ np.array(list(book.weights.values())))))
        else:
            X = np.array([[r[4].get(f, 0.0) for f in names] for r in rows])
            tune = np.array([r[1] == "tune" for r in rows])
            b, w = fit_logistic(X[tune], np.array([r[3] for r in rows])[tune], calibrate.L2)
            probs = 1 / (1 + np.exp(-(b + X @ w)))
        cells = [counts(rows, probs, n, p) for n in devsets.available() for p in ("tune", "check")]
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
