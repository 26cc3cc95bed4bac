"""Derive where English sets commas, and the stray-comma model, from the development set.

Usage::

    python benchmarks/derive/derive_comma_rates.py            # writes edition/detection/data/comma_rates.json
    python benchmarks/derive/derive_comma_rates.py --report   # also: the model on tune and check

Only the ``tune`` part of the development set is used (see ``benchmarks/_devset.py``), so the
``check`` part stays a fair test. Two steps:

1. **Rates** — in the gold text (monographs and periodicals; text without gold, ``#``, left out),
   every word (letters only, case-folded) is counted, with how many times a comma follows it
   and how many times ``", "`` precedes it. Words seen at least :data:`MIN_COUNT` times are
   stored; every word also adds to its class (:func:`edition.detection.evidence.commas.word_class`),
   towards whose rate rare words are pulled (:data:`PRIOR_WEIGHT`).
2. **Stray-comma model** — every comma candidate of the detector
   (:func:`edition.detection.detectors.punctuation.comma_candidates`) in the tune OCR whose gold is known
   is labelled: a speck when the gold has the word without the comma, the writer's when it has
   both. Its features (:func:`edition.detection.evidence.commas.stray_features`) are computed with the
   rates *leaving out this very occurrence* (otherwise a rare word's kept comma would vouch for
   itself), and a logistic regression (Newton's method, a small ridge :data:`RIDGE`) gives the
   weights.

The gold is the development set's: an 1858 reprint of 17th-century prose (heavily punctuated:
9 % of word gaps hold a comma), an 1886 book and Victorian periodicals. Function words, which
carry most of the evidence, behave alike in modern prose (a comma after ``the`` or before
``of`` is as rare); content words are pulled towards their class.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/: _devset
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: edition
sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/derive: logistic
import _devset  # noqa: E402
import logistic  # noqa: E402
from edition.detection.document import WORD_RE, Document  # noqa: E402
from edition.detection.detectors.punctuation import comma_candidates  # noqa: E402
from edition.detection.evidence import commas  # noqa: E402
from edition.detection.evidence.bigrams import association  # noqa: E402

OUT = commas.DATA

#: Words seen fewer times in the gold are not stored: their own counts would barely move the
#: class rate (:data:`PRIOR_WEIGHT` pseudo-occurrences) and the file stays small.
MIN_COUNT = 3
#: How many occurrences of its class's rate a word's own counts are mixed with. 10: a word seen
#: 10 times is half its own evidence; on the tune part 5, 10 and 20 ranked the candidates about
#: alike (area under the ROC curve within 0.01) and 10 was the best.
PRIOR_WEIGHT = 10.0
#: Ridge penalty of the logistic regression (on the weights, not the intercept): the tune part
#: has only 40 stray commas among some 5,000 candidates (4,973).
RIDGE = 0.1


def count_rates(pairs: list[_devset.Pair]) -> dict[str, list[int]]:
    """Lower-case word → [occurrences, commas after, commas before] over the gold of ``pairs``."""
    out: dict[str, list[int]] = {}
    for pair in pairs:
        text = _devset.gold_text(pair)
        for m in WORD_RE.finditer(text):
            w = m.group().lower()
            if not w.isalpha():
                continue
            c = out.setdefault(w, [0, 0, 0])
            c[0] += 1
            c[1] += text[m.end():m.end() + 1] == ","
            c[2] += text[max(0, m.start() - 2):m.start()] == ", "
    return out


def build_rates(pairs: list[_devset.Pair]) -> commas.CommaModel:
    counts = count_rates(pairs)
    classes: dict[str, list[int]] = {}
    for w, c in counts.items():
        k = classes.setdefault(commas.word_class(w), [0, 0, 0])
        for i in range(3):
            k[i] += c[i]
    words = {w: commas.Counts(*c) for w, c in sorted(counts.items()) if c[0] >= MIN_COUNT}
    return commas.CommaModel(words, {k: commas.Counts(*c) for k, c in sorted(classes.items())},
                             PRIOR_WEIGHT, 0.0, {})


def labelled(pairs: list[_devset.Pair], m: commas.CommaModel, leave_out: bool):
    """(features, 1 if the comma is a speck else 0) for the comma candidates with a gold."""
    rows = []
    for pair in pairs:
        segments = {wp.start: wp for wp in _devset.word_pairs(pair)}
        doc = Document(pair.ocr)
        for c in comma_candidates(doc):
            wp = segments.get(c.start)
            if wp is None or not wp.scored or wp.ocr != c.first + ",":
                continue
            if wp.gold == c.first:
                y = 1
            elif wp.gold == c.first + ",":
                y = 0
            else:
                continue  # the word itself is misread: not this question
            # Leave this occurrence out of the gold counts it is scored with: its gold has the
            # pair without a comma (y = 1) or with one (y = 0).
            drop = (1, 1 - y) if leave_out else (0, 0)
            f = commas.stray_features(commas.after_rate(c.first, drop, m), commas.before_rate(c.second, drop, m),
                                      association(c.first, c.second), c.doc_commas, c.doc_others, c.doc_pair)
            rows.append(([f[name] for name in commas.FEATURES], y))
    return rows


def fit_logistic(rows) -> list[float]:
    """Weights [intercept, *features] of the stray-comma model: a logistic regression with a
    ridge of :data:`RIDGE` on the features (:mod:`logistic`)."""
    bias, weights = logistic.fit_logistic([x for x, _ in rows], [y for _, y in rows], RIDGE)
    return [bias, *map(float, weights)]


def report(name: str, rows, w: list[float]) -> None:
    """Stray commas found and proposals made above a few probabilities."""
    scored = sorted(((1 / (1 + math.exp(-(w[0] + sum(a * b for a, b in zip(w[1:], x))))), y) for x, y in rows),
                    reverse=True)
    pos = sum(y for _, y in scored)
    print(f"{name}: {len(rows)} candidates, {pos} stray")
    for th in (0.1, 0.15, 0.2, 0.3, 0.5):
        sel = [y for p, y in scored if p >= th]
        print(f"   p >= {th}: {len(sel)} proposals, {sum(sel)} right, recall {sum(sel) / max(pos, 1):.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--report", action="store_true", help="print how the model sorts tune and check")
    args = ap.parse_args()
    tune = _devset.files("tune", "monograph") + _devset.files("tune", "periodical")
    m = build_rates(tune)
    rows = labelled(tune, m, leave_out=True)
    w = fit_logistic(rows)
    data = {
        "about": "Where commas stand in English: per word, [occurrences, commas after, commas before] in "
                 "gold text, with class totals for rare words; and the stray-comma model's weights "
                 "(logistic, features of edition.detection.evidence.commas.stray_features). "
                 "Written by benchmarks/derive/derive_comma_rates.py.",
        "data": f"ICDAR 2017 English development set, tune part ({_devset.SPLIT_RULE})",
        "derived": date.today().isoformat(),
        "min_count": MIN_COUNT,
        "prior_weight": PRIOR_WEIGHT,
        "stray_model": {
            "intercept": round(w[0], 4),
            "weights": {name: round(v, 4) for name, v in zip(commas.FEATURES, w[1:])},
            "fitted_on": {"candidates": len(rows), "stray": sum(y for _, y in rows)},
        },
        "classes": {k: list(c) for k, c in m.classes.items()},
        "words": {k: list(c) for k, c in m.words.items()},
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(m.words)} words, weights {data['stray_model']}")
    if args.report:
        report("tune (leave-one-out rates)", rows, w)
        check = _devset.files("check", "monograph") + _devset.files("check", "periodical")
        report("check", labelled(check, m, leave_out=False), w)


if __name__ == "__main__":
    main()
