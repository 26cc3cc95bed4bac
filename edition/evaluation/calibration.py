"""Confidence calibration: does a confidence of 0.9 mean "right 9 times in 10"?

:func:`reliability` bins judged proposals by confidence and gives, per bin, how many there were
and the share that were right (a reliability table). A calibrated detector has, in every bin, a
right share at least the bin's lower edge; the project's target is that among proposals with
confidence ≥ 0.9 at least 90 % are right (docs/BENCHMARKS.md, "Summary").

>>> from edition.model import Proposal
>>> from edition.evaluation.scoring import Judgement, Verdict
>>> p = lambda c: Proposal(0, 1, "x", ("y",), "nonword", c, "test")
>>> js = [Judgement(p(0.95), Verdict.RIGHT, "y"), Judgement(p(0.97), Verdict.FALSE_ALARM, "x"),
...       Judgement(p(0.2), Verdict.WRONG_READING, "z")]
>>> [(b.low, b.count, b.right) for b in reliability(js) if b.count]
[(0.0, 1, 0), (0.95, 2, 1)]
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Iterable, NamedTuple

from .scoring import Judgement

#: Bin edges: coarse below 0.5, where proposals are not accepted automatically anyway, and fine
#: above 0.8, where acceptance thresholds (0.9, 0.95) are chosen.
EDGES = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99)


class ReliabilityBin(NamedTuple):
    low: float
    high: float  # exclusive, except for the last bin which includes 1.0
    count: int
    right: int

    @property
    def right_share(self) -> float:
        return self.right / self.count if self.count else 0.0


def reliability(judgements: Iterable[Judgement], edges: tuple[float, ...] = EDGES
                ) -> list[ReliabilityBin]:
    """Count and right proposals per confidence bin (unscored judgements are left out)."""
    counts = [0] * len(edges)
    rights = [0] * len(edges)
    for j in judgements:
        if not j.scored:
            continue
        i = bisect_right(edges, j.proposal.confidence) - 1
        counts[i] += 1
        rights[i] += j.right
    highs = [*edges[1:], 1.0]
    return [ReliabilityBin(lo, hi, n, r) for lo, hi, n, r in zip(edges, highs, counts, rights)]

