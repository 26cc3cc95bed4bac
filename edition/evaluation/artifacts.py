"""Scoring proposals against a list of known artifacts (an editor's table or reviewed decisions).

The development set has a character-aligned gold standard; a project's own text has something
else: the artifacts its editors found and decided. This module measures detection against such a
list, per artifact, as the project's targets for the seed are stated (docs/BENCHMARKS.md,
"Summary": share of artifacts proposed, right reading first, false alarms per true one):

- :class:`Artifact` — a span of the source, its right reading (None: flag only, no safe reading)
  and its kind.
- :func:`read_artifact_table` — the tab-separated table of ``tests/data/seed_artifacts.tsv``
  (``start end original reading kind note``; a reading of an ``unclear`` row is empty).
- :func:`artifacts_from_corrections` — the decided entries of a corrections file: accepted and
  edited entries with their reading, flagged entries as flag-only.
- :func:`score_artifacts` — :class:`ArtifactScores`: how many artifacts were proposed, how many
  with the right reading first, and how many proposals touched no artifact (false alarms).
- :func:`gold_text` — the source with every artifact's reading applied.

>>> text = "V1adimir met the capitatist"
>>> arts = [Artifact(0, 8, "V1adimir", "Vladimir", "glyph"), Artifact(17, 27, "capitatist", "capitalist", "nonword")]
>>> from edition.model import Proposal
>>> ps = [Proposal(0, 8, "V1adimir", ("Vladimir",), "glyph", 0.99, "digit in word"),
...       Proposal(9, 12, "met", ("meet",), "realword", 0.5, "context")]
>>> s = score_artifacts(text, arts, ps)
>>> (s.artifacts, s.proposed, s.right_first, s.true_proposals, s.false_alarms)
(2, 1, 1, 1, 1)
"""
from __future__ import annotations

import csv
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, NamedTuple

from ..errors import EditionError
from ..model import Correction, Proposal, Status, spans_overlap
from .metrics import normalize
from .scoring import apply_proposals


class Artifact(NamedTuple):
    start: int
    end: int
    original: str
    reading: str | None  # None: flag only
    kind: str


def read_artifact_table(path: str | Path, text: str) -> list[Artifact]:
    """Read a ``start end original reading kind note`` table; each row must match ``text``."""
    path = Path(path)
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows, None)
        if header is None or header[:5] != ["start", "end", "original", "reading", "kind"]:
            raise EditionError(f"{path}: expected a header 'start end original reading kind note'")
        for line, row in enumerate(rows, start=2):
            try:
                start, end = int(row[0]), int(row[1])
            except (ValueError, IndexError):
                raise EditionError(f"{path}:{line}: start and end must be integers") from None
            original, reading, kind = row[2], row[3], row[4]
            if text[start:end] != original:
                raise EditionError(f"{path}:{line}: the text at {start}:{end} is "
                                   f"{text[start:end]!r}, not {original!r}")
            out.append(Artifact(start, end, original, None if kind == "unclear" else reading, kind))
    return sorted(out)


def artifacts_from_corrections(corrections: Iterable[Correction]) -> list[Artifact]:
    """The decided corrections that say something is wrong: accepted/edited (with their reading)
    and flagged (flag only). Rejected and pending entries are not artifacts."""
    out = []
    for c in corrections:
        if c.stale:
            continue
        if c.status.changes_text:
            out.append(Artifact(c.start, c.end, c.original, c.reading, c.kind.value))
        elif c.status is Status.FLAGGED:
            out.append(Artifact(c.start, c.end, c.original, None, c.kind.value))
    return sorted(out)


def gold_text(text: str, artifacts: Iterable[Artifact]) -> str:
    """``text`` with every artifact's reading applied (flag-only artifacts left as they are)."""
    pieces, pos = [], 0
    for a in sorted(artifacts):
        if a.reading is None:
            continue
        if a.start < pos:
            raise EditionError(f"overlapping artifacts at {a.start}:{a.end} {a.original!r}")
        pieces += [text[pos:a.start], a.reading]
        pos = a.end
    pieces.append(text[pos:])
    return "".join(pieces)


@dataclass(frozen=True)
class ArtifactScores:
    """Counts of a detection run measured against known artifacts (they add up like Scores)."""

    artifacts: int = 0
    proposed: int = 0  # artifacts touched by a proposal
    right_first: int = 0  # ... whose best reading is the artifact's reading (or a flag on a flag)
    proposals: int = 0
    true_proposals: int = 0  # proposals touching an artifact
    false_alarms: int = 0  # proposals touching none

    @property
    def proposed_share(self) -> float:
        return self.proposed / self.artifacts if self.artifacts else 0.0

    @property
    def right_first_share(self) -> float:
        """Share of the proposed artifacts whose best reading is right."""
        return self.right_first / self.proposed if self.proposed else 0.0

    @property
    def false_per_true(self) -> float:
        return self.false_alarms / self.true_proposals if self.true_proposals else float(self.false_alarms > 0)

    def as_dict(self) -> dict:
        out = dict(self.__dict__)
        out.update(proposed_share=round(self.proposed_share, 4),
                   right_first_share=round(self.right_first_share, 4),
                   false_per_true=round(self.false_per_true, 4))
        return out


def _touch(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return spans_overlap(a_start, a_end, b_start, b_end) or (a_start == b_start and a_end == b_end)


def score_artifacts(text: str, artifacts: Iterable[Artifact], proposals: Iterable[Proposal],
                    min_confidence: float = 0.0) -> ArtifactScores:
    """Per-artifact detection figures of the proposals with confidence ≥ ``min_confidence``.

    An artifact is *proposed* when a proposal shares a character with it. Its reading is *right
    first* when the best readings of the proposals on it turn the stretch they cover together
    into the artifact's reading (whitespace-normalized); for a flag-only artifact, when it is
    flagged without a reading.
    """
    arts = sorted(artifacts)
    props = sorted((p for p in proposals if p.confidence >= min_confidence),
                   key=lambda p: (p.start, p.end))
    proposed = right = 0
    touched_props: set[int] = set()
    starts = [p.start for p in props]
    for a in arts:
        # proposals of one run do not overlap, so their ends are sorted too: walk back from
        # the last one starting by the artifact's end
        on = []
        k = bisect_right(starts, a.end) - 1
        while k >= 0 and props[k].end >= a.start:
            if _touch(a.start, a.end, props[k].start, props[k].end):
                on.append(k)
            k -= 1
        on.reverse()
        if not on:
            continue
        proposed += 1
        touched_props.update(on)
        ps = [props[i] for i in on]
        if a.reading is None:
            right += all(not p.readings for p in ps)
            continue
        lo, hi = min(a.start, ps[0].start), max(a.end, ps[-1].end)
        expected = text[lo:a.start] + a.reading + text[a.end:hi]
        got = apply_proposals(text, ps, lo, hi)
        right += normalize(got) == normalize(expected)
    return ArtifactScores(
        artifacts=len(arts), proposed=proposed, right_first=right, proposals=len(props),
        true_proposals=len(touched_props), false_alarms=len(props) - len(touched_props))
