"""Reports of an evaluation: gathered per acceptance policy, rendered as text or as JSON.

- :class:`PolicyResult` — one acceptance policy ("every proposal accepted", "confidence ≥ 0.9")
  over a set of documents: total scores, scores per document, verdicts per kind of proposal,
  residual errors, recall per type of OCR error, and the reliability table.
- :func:`collect` — build a :class:`PolicyResult` from the :class:`DocEvaluation` of each document.
- :func:`as_json` — the results as plain data for :func:`json.dumps`.
- :func:`render_text` — the readable report: a table of figures (one column per policy), the
  verdicts per kind, the reliability table and the most frequent residual errors.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from .calibration import ReliabilityBin, reliability
from .errortypes import TYPES
from .metrics import Scores
from .scoring import DocEvaluation, Verdict


@dataclass(frozen=True)
class PolicyResult:
    label: str
    min_confidence: float
    scores: Scores
    by_file: tuple[tuple[str, str, Scores], ...] = ()  # (name, kind, scores)
    by_kind: dict[str, Counter] = field(default_factory=dict)  # kind -> verdict counts
    residuals: Counter = field(default_factory=Counter)  # (text after, gold) -> count
    bins: tuple[ReliabilityBin, ...] = ()
    error_types: Counter = field(default_factory=Counter)  # type of OCR error -> erroneous tokens
    detected_types: Counter = field(default_factory=Counter)  # ... -> detected ones


def collect(label: str, min_confidence: float, evaluations: Iterable[DocEvaluation]) -> PolicyResult:
    """Aggregate the evaluations of several documents under one policy."""
    total = Scores()
    by_file = []
    by_kind: dict[str, Counter] = {}
    residuals: Counter = Counter()
    error_types: Counter = Counter()
    detected_types: Counter = Counter()
    judgements = []
    for ev in evaluations:
        total += ev.scores
        error_types.update(ev.error_types)
        detected_types.update(ev.detected_types)
        by_file.append((ev.name, ev.kind, ev.scores))
        residuals.update(ev.residuals)
        for j in ev.judgements:
            by_kind.setdefault(j.proposal.kind.value, Counter())[j.verdict.value] += 1
        judgements.extend(ev.judgements)
    return PolicyResult(label, min_confidence, total, tuple(by_file), by_kind, residuals,
                        tuple(reliability(judgements)), error_types, detected_types)


def as_json(results: list[PolicyResult], top: int = 20) -> dict:
    """Plain data (for ``json.dumps``): per policy its scores, kinds, residuals, reliability."""
    return {
        "policies": [
            {
                "label": r.label,
                "min_confidence": r.min_confidence,
                "scores": r.scores.as_dict(),
                "by_kind": {k: dict(v) for k, v in sorted(r.by_kind.items())},
                "residual_errors": [{"text": t, "gold": g, "count": n}
                                    for (t, g), n in r.residuals.most_common(top)],
                "recall_by_error_type": {t: {"errors": r.error_types[t], "detected": r.detected_types[t]}
                                         for t in TYPES if r.error_types[t]},
                "reliability": [{"low": b.low, "high": b.high, "proposals": b.count,
                                 "right": b.right, "right_share": round(b.right_share, 4)}
                                for b in r.bins],
                "files": [{"name": name, "kind": kind, "scores": s.as_dict()}
                          for name, kind, s in r.by_file],
            }
            for r in results
        ]
    }


def _pct(x: float, signed: bool = False) -> str:
    return f"{x * 100:+.1f} %" if signed else f"{x * 100:.2f} %"


def _table(rows: list[list[str]], align: str) -> list[str]:
    """Rows of cells as lines, columns padded; ``align`` has one 'l' or 'r' per column."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) if a == "l" else c.rjust(w) for c, w, a in zip(r, widths, align))
            .rstrip() for r in rows]


#: Documents listed one by one in the text report; beyond this, the worst ones.
MAX_FILES = 25


def _visible(text: str, width: int = 32) -> str:
    """A cell: empty text as ∅, long text shortened from the left for paths, else the right."""
    text = text if text else "∅"
    if len(text) <= width:
        return text
    return "…" + text[-(width - 1):] if "/" in text else text[: width - 1] + "…"


def render_text(results: list[PolicyResult], top: int = 15) -> str:
    """The readable report of one or more policies over the same documents."""
    if not results:
        return "nothing evaluated"
    s0 = results[0].scores
    lines = [f"{s0.files} document(s), {s0.gold_words:,} gold words, {s0.tokens:,} OCR tokens "
             f"with ground truth, {s0.error_tokens:,} of them erroneous", ""]
    head = ["", "OCR"] + [r.label for r in results]
    rows = [head]

    def row(name: str, before: str, value) -> None:
        rows.append([name, before] + [value(r.scores) for r in results])

    row("CER", _pct(s0.cer_before), lambda s: _pct(s.cer_after))
    row("WER", _pct(s0.wer_before), lambda s: _pct(s.wer_after))
    row("% improvement (ICDAR)", "", lambda s: _pct(s.improvement, signed=True))
    row("detection precision", "", lambda s: _pct(s.precision))
    row("detection recall", "", lambda s: _pct(s.recall))
    row("detection F1", "", lambda s: f"{s.f1:.3f}")
    row("correct words broken", "", lambda s: f"{s.words_broken:,} ({s.broken_per_1000:.2f}/1000)")
    row("proposals judged", "", lambda s: f"{s.proposals:,}")
    row("  reading right", "", lambda s: f"{s.proposals_right:,} ({_pct(s.right_share)})")
    row("  reading wrong", "", lambda s: f"{s.proposals_wrong:,}")
    row("  flag-only (on an error)", "", lambda s: f"{s.flags:,} ({s.flags_on_errors:,})")
    lines += _table(rows, "lr" + "r" * len(results))

    if len(results[0].by_file) > 1:
        lines += ["", "Per document (CER before → after; % improvement):"]
        drows = [["document", "gold words", "CER", *(r.label for r in results)]]
        files = list(zip(*(r.by_file for r in results)))
        shown = files if len(files) <= MAX_FILES else \
            sorted(files, key=lambda fs: fs[0][2].improvement)[:MAX_FILES]
        for fs in shown:
            name, _, s = fs[0]
            drows.append([_visible(name, 48), f"{s.gold_words:,}", _pct(s.cer_before),
                          *(f"{_pct(f[2].cer_after)} ({_pct(f[2].improvement, signed=True)})" for f in fs)])
        if len(files) > MAX_FILES:
            lines.append(f"  (the {MAX_FILES} documents with the lowest improvement of {len(files)}; "
                         f"--json lists all)")
        lines += ["  " + line for line in _table(drows, "lrr" + "r" * len(results))]

    # the policy accepting most proposals holds the others' proposals: its tables say it all
    widest = [min(results, key=lambda r: r.min_confidence)]
    verdicts = [v.value for v in Verdict]
    for r in widest:
        if not r.by_kind:
            continue
        lines += ["", f"Proposals per kind ({r.label}):"]
        krows = [["kind", "proposals", *verdicts]]
        for kind, counts in sorted(r.by_kind.items(), key=lambda kv: -sum(kv[1].values())):
            krows.append([kind, str(sum(counts.values())), *(str(counts.get(v, 0)) for v in verdicts)])
        lines += ["  " + line for line in _table(krows, "l" + "r" * (len(verdicts) + 1))]

    types = [t for t in TYPES if results[0].error_types[t]]
    if types:
        lines += ["", "Recall per type of OCR error (erroneous tokens detected):"]
        trows = [["type", "errors", *(r.label for r in results)]]
        for t in types:
            n = results[0].error_types[t]
            trows.append([t, f"{n:,}", *(_pct(r.detected_types[t] / n) for r in results)])
        lines += ["  " + line for line in _table(trows, "lr" + "r" * len(results))]

    for r in widest:
        if not any(b.count for b in r.bins):
            continue
        lines += ["", f"Reliability ({r.label}): share of proposals right, per confidence bin:"]
        brows = [["confidence", "proposals", "right", "share right"]]
        for b in r.bins:
            if b.count:
                brows.append([f"{b.low:.2f}–{b.high:.2f}", str(b.count), str(b.right), _pct(b.right_share)])
        lines += ["  " + line for line in _table(brows, "lrrr")]

    if top > 0:
        for r in results:
            if not r.residuals:
                continue
            lines += ["", f"Most frequent residual errors ({r.label}): text → gold"]
            rrows = [["count", "text", "gold"]]
            for (text, gold), n in r.residuals.most_common(top):
                rrows.append([str(n), _visible(text), _visible(gold)])
            lines += ["  " + line for line in _table(rrows, "rll")]
    return "\n".join(lines)
