"""Scoring proposals against the gold standard of an aligned text.

- :func:`evaluate_doc` — everything at once: :class:`~edition.evaluation.metrics.Scores`, a
  :class:`Judgement` per proposal, and the residual errors after correction.
- :func:`score_proposals` — only the scores.
- :func:`judge_proposals` — only the per-proposal judgements (for confidence calibration).
- :func:`apply_proposals` — the text after every proposal's best reading.

How a proposal is judged (:class:`Verdict`): it touches one or more OCR tokens (see
:meth:`AlignedDoc.tokens_touched`). Its reading is *right* when, applied (with the other proposals
on the same tokens), it turns those tokens into their gold text — or when it turns its own span
into the gold of that span (a right fix inside a token that has a second error elsewhere). A
reading that is not right is a *wrong reading* on an erroneous token and a *false alarm* on a
correct one. A flag-only proposal is *on an error* or a *false flag*. Proposals touching text with
no gold are *unscored*.

How the text is scored: the alignment is cut at columns where both the OCR and the gold have
whitespace, except inside a proposal; each piece (usually one word) is compared, normalized (see
:func:`~edition.evaluation.metrics.normalize`), before and after correction. Summing piecewise
distances keeps whole-text scoring linear in the length of the text.

>>> from edition.model import Proposal
>>> from edition.evaluation.align import align_texts
>>> doc = align_texts("Tlie cat sat on tbe mat", "The cat sat on the mat")
>>> fix = Proposal(0, 4, "Tlie", ("The",), "nonword", 0.95, "li for h")
>>> bad = Proposal(5, 8, "cat", ("cart",), "realword", 0.5, "context")
>>> s = score_proposals(doc, [fix, bad])
>>> (s.error_tokens, s.detected_errors, s.detected_correct, s.char_errors_before, s.char_errors_after)
(2, 1, 1, 3, 2)
>>> [j.verdict.value for j in judge_proposals(doc, [fix, bad])]
['right', 'false alarm']
"""
from __future__ import annotations

import enum
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple, Sequence

from ..model import Proposal, spans_overlap
from .align import AlignedDoc
from .errortypes import error_type
from .metrics import Scores, char_distance, char_length, normalize, word_distance
from .metrics import join_hyphens as joined


class Verdict(str, enum.Enum):
    RIGHT = "right"
    WRONG_READING = "wrong reading"  # on an erroneous token, but the reading is not the gold
    FALSE_ALARM = "false alarm"  # a reading on correct text
    FLAG_ON_ERROR = "flag on error"  # flag-only, on an erroneous token
    FALSE_FLAG = "false flag"  # flag-only, on correct text
    UNSCORED = "unscored"  # no gold standard there

    def __str__(self) -> str:
        return self.value


class Judgement(NamedTuple):
    """A proposal, its verdict, and the gold text of the tokens it touches (None if unknown)."""

    proposal: Proposal
    verdict: Verdict
    gold: str | None

    @property
    def right(self) -> bool:
        """True when the proposal did what its confidence claims: a reading that makes the text
        right, or a flag on a real error."""
        return self.verdict in (Verdict.RIGHT, Verdict.FLAG_ON_ERROR)

    @property
    def scored(self) -> bool:
        return self.verdict is not Verdict.UNSCORED


@dataclass(frozen=True)
class DocEvaluation:
    """The evaluation of one text: scores, judgements, residual errors after correction
    (``(text after, gold)`` of each piece still wrong, with counts), and recall per error type."""

    name: str
    kind: str
    scores: Scores
    judgements: tuple[Judgement, ...] = ()
    residuals: Counter = field(default_factory=Counter)
    #: erroneous tokens per type of error (:mod:`.errortypes`), and how many of them were detected
    error_types: Counter = field(default_factory=Counter)
    detected_types: Counter = field(default_factory=Counter)


def _accepted(doc: AlignedDoc, proposals: Iterable[Proposal], min_confidence: float
              ) -> list[Proposal]:
    kept = sorted((p for p in proposals if p.confidence >= min_confidence),
                  key=lambda p: (p.start, p.end))
    for p in kept:
        if doc.ocr[p.start:p.end] != p.original or p.end > len(doc.ocr):
            raise ValueError(f"proposal {p.start}..{p.end} {p.original!r} does not match the text "
                             f"{doc.name} ({doc.ocr[p.start:p.end]!r} there)")
    for a, b in zip(kept, kept[1:]):
        if spans_overlap(a.start, a.end, b.start, b.end):
            raise ValueError(f"overlapping proposals {a.start}..{a.end} {a.original!r} and "
                             f"{b.start}..{b.end} {b.original!r}: resolve them before scoring "
                             f"(edition.detection.runner.resolve_overlaps)")
    return kept


def apply_proposals(text: str, proposals: Sequence[Proposal], start: int = 0,
                    end: int | None = None) -> str:
    """``text[start:end]`` with the best reading of each proposal inside it (sorted, disjoint);
    flag-only proposals change nothing.

    >>> apply_proposals("Tlie cat", [Proposal(0, 4, "Tlie", ("The",), "nonword", 0.9, "li/h")])
    'The cat'
    """
    end = len(text) if end is None else end
    pieces = []
    pos = start
    for p in proposals:
        if p.start < start or p.end > end or not p.readings:
            continue
        pieces.append(text[pos:p.start])
        pieces.append(p.readings[0])
        pos = p.end
    pieces.append(text[pos:end])
    return "".join(pieces)


def _pieces(doc: AlignedDoc, proposals: list[Proposal]) -> Iterable[tuple[int, int, int, int]]:
    """Column and OCR ranges ``(c0, c1, a, b)`` of the pieces the text is scored in: the
    alignment cut at shared whitespace, never inside a proposal."""
    cols = doc.shared_spaces
    pos_of_col = doc.pos_of_col
    # a cut at OCR position x is invalid when a proposal covers character x
    covered = [(p.start, p.end) for p in proposals if p.end > p.start]
    k = 0
    prev_col = -1
    for col in cols:
        x = pos_of_col[col]
        while k < len(covered) and covered[k][1] <= x:
            k += 1
        if k < len(covered) and covered[k][0] <= x:
            continue
        yield prev_col + 1, col, pos_of_col[prev_col + 1], x
        prev_col = col
    n = len(doc.ocr_aligned)
    yield prev_col + 1, n, pos_of_col[prev_col + 1], len(doc.ocr)


class Piece(NamedTuple):
    """One piece of a document as scored, normalized: its gold, the OCR, the OCR with the
    accepted proposals inside it applied, and those proposals."""

    gold: str
    before: str
    after: str
    proposals: tuple[Proposal, ...]
    start: int  # the piece's range in the OCR text
    end: int


def scored_pieces(doc: AlignedDoc, accepted: list[Proposal]) -> Iterable[Piece]:
    """The pieces of ``doc`` that have a gold (see :func:`_pieces`), with the ``accepted``
    proposals (sorted and disjoint, as :func:`_accepted` gives them) applied."""
    k = 0
    for c0, c1, a, b in _pieces(doc, accepted):
        inside = []
        # proposals never cross a cut and are sorted: those ending by b are in this piece
        while k < len(accepted) and accepted[k].end <= b:
            inside.append(accepted[k])
            k += 1
        gold = doc.gold_of_cols(c0, c1)
        if gold is None:
            continue
        nb = normalize(doc.ocr[a:b])
        na = normalize(apply_proposals(doc.ocr, inside, a, b)) if inside else nb
        yield Piece(normalize(gold), nb, na, tuple(inside), a, b)


def _piece_distance(text: str, gold: str, alternative: str) -> int:
    """Character distance of a piece to its gold (or the alternative reading of the gold, if
    closer); a word missing or added whole also costs its space."""
    d = char_distance(text, gold) + (bool(text) != bool(gold))
    if alternative != gold and d:
        d = min(d, char_distance(text, alternative) + (bool(text) != bool(alternative)))
    return d


def _word_distance(text: str, gold: str, alternative: str) -> int:
    d = word_distance(text, gold)
    if alternative != gold and d:
        d = min(d, word_distance(text, alternative))
    return d


def _span_gold(doc: AlignedDoc, p: Proposal) -> str | None:
    """The gold of the columns of a proposal's own span (and the gaps right after it)."""
    col_of = doc.col_of
    if p.start == p.end:
        c0 = col_of[p.start - 1] + 1 if p.start > 0 else 0
        return doc.gold_of_cols(c0, col_of[p.start])
    return doc.gold_of_cols(col_of[p.start], col_of[p.end])


def _judge(doc: AlignedDoc, p: Proposal, touched: list[int], accepted: list[Proposal],
           starts: list[int], join_hyphens: bool) -> Judgement:
    tokens = doc.tokens
    if not touched or any(not tokens[k].scored for k in touched):
        return Judgement(p, Verdict.UNSCORED, None)
    on_error = any(tokens[k].erroneous for k in touched)
    first, last = tokens[touched[0]], tokens[touched[-1]]
    a, b = min(first.start, p.start), max(last.end, p.end)
    # the other proposals on these tokens are applied with this one; one reaching out of the
    # tokens widens the region to take it in whole
    i0, i1 = bisect_left(starts, a), bisect_right(starts, b)
    if i0 > 0 and accepted[i0 - 1].end > a:
        i0 -= 1
    together = accepted[i0:i1]
    if together:
        a, b = min(a, together[0].start), max(b, together[-1].end)
    if p not in together:
        together = sorted([*together, p], key=lambda q: (q.start, q.end))
    col_of = doc.col_of
    c0 = min(first.col_start, col_of[a])
    c1 = max(last.col_end, col_of[b - 1] + 1 if b > a else col_of[a])
    # an insertion at an edge of the region inserts the gold of the gaps next to it
    if any(q.start == q.end == b for q in together):
        c1 = max(c1, col_of[b])
    if a > 0 and any(q.start == q.end == a for q in together):
        c0 = min(c0, col_of[a - 1] + 1)
    gold = doc.gold_of_cols(c0, c1)
    if gold is None:
        return Judgement(p, Verdict.UNSCORED, None)
    if not p.readings:
        return Judgement(p, Verdict.FLAG_ON_ERROR if on_error else Verdict.FALSE_FLAG, gold)
    def same(text: str, gold: str) -> bool:
        text, gold = normalize(text), normalize(gold)
        return text == gold or (join_hyphens and text == joined(gold))

    right = same(apply_proposals(doc.ocr, together, a, b), gold)
    if not right:
        span_gold = _span_gold(doc, p)
        right = span_gold is not None and same(p.readings[0], span_gold) \
            and not same(p.original, span_gold)
    if right:
        return Judgement(p, Verdict.RIGHT, gold)
    return Judgement(p, Verdict.WRONG_READING if on_error else Verdict.FALSE_ALARM, gold)


def evaluate_doc(doc: AlignedDoc, proposals: Iterable[Proposal], min_confidence: float = 0.0, *,
                 join_hyphens: bool = False) -> DocEvaluation:
    """Score the proposals with confidence ≥ ``min_confidence`` on ``doc`` (see the module
    docstring). Proposals must not overlap (``edition.detection.runner.detect`` guarantees it).
    With ``join_hyphens``, the gold with its word-internal hyphens removed is accepted as a
    second right reading (see :func:`~edition.evaluation.metrics.join_hyphens`)."""
    accepted = _accepted(doc, proposals, min_confidence)
    tokens = doc.tokens
    starts = [p.start for p in accepted]

    # --- detection and judgements, per token
    touched_by: list[list[int]] = [doc.tokens_touched(p.start, p.end) for p in accepted]
    touched = {k for ks in touched_by for k in ks}
    judgements = tuple(_judge(doc, p, ks, accepted, starts, join_hyphens)
                       for p, ks in zip(accepted, touched_by))
    broken = set()
    for j, ks in zip(judgements, touched_by):
        if j.verdict in (Verdict.WRONG_READING, Verdict.FALSE_ALARM):
            broken.update(k for k in ks if not tokens[k].erroneous)
    scored = [t for t in tokens if t.scored]
    error_ids = [k for k, t in enumerate(tokens) if t.scored and t.erroneous]
    detected_errors = sum(1 for k in error_ids if k in touched)
    error_types = Counter(error_type(tokens[k].text, tokens[k].gold) for k in error_ids)
    detected_types = Counter(error_type(tokens[k].text, tokens[k].gold) for k in error_ids
                             if k in touched)
    detected_correct = sum(1 for k in touched if tokens[k].scored and not tokens[k].erroneous)
    verdicts = Counter(j.verdict for j in judgements)

    # --- correction, per piece
    gold_chars = gold_words = cb = ca = wb = wa = 0
    gold_pieces = 0
    residuals: Counter = Counter()
    for piece in scored_pieces(doc, accepted):
        ng, nb, na = piece.gold, piece.before, piece.after
        if not ng and not nb:
            continue
        nj = joined(ng) if join_hyphens else ng
        gold_chars += char_length(ng)
        gold_pieces += bool(ng)
        gold_words += len(ng.split())
        d = _piece_distance(nb, ng, nj)
        cb += d
        ca += d if na == nb else _piece_distance(na, ng, nj)
        d = _word_distance(nb, ng, nj)
        wb += d
        wa += d if na == nb else _word_distance(na, ng, nj)
        if na != ng and na != nj:
            residuals[(na, ng)] += 1

    scores = Scores(
        files=1,
        tokens=len(scored),
        error_tokens=len(error_ids),
        detected_errors=detected_errors,
        detected_correct=detected_correct,
        gold_chars=gold_chars + max(0, gold_pieces - 1),  # the spaces between pieces
        gold_words=gold_words,
        char_errors_before=cb,
        char_errors_after=ca,
        word_errors_before=wb,
        word_errors_after=wa,
        words_broken=len(broken),
        proposals=sum(n for v, n in verdicts.items() if v is not Verdict.UNSCORED),
        proposals_right=verdicts[Verdict.RIGHT],
        proposals_wrong=verdicts[Verdict.WRONG_READING] + verdicts[Verdict.FALSE_ALARM],
        flags=verdicts[Verdict.FLAG_ON_ERROR] + verdicts[Verdict.FALSE_FLAG],
        flags_on_errors=verdicts[Verdict.FLAG_ON_ERROR],
    )
    return DocEvaluation(doc.name, doc.kind, scores, judgements, residuals, error_types,
                         detected_types)


def score_proposals(doc: AlignedDoc, proposals: Iterable[Proposal], min_confidence: float = 0.0,
                    *, join_hyphens: bool = False) -> Scores:
    """The :class:`Scores` of the proposals with confidence ≥ ``min_confidence`` on ``doc``."""
    return evaluate_doc(doc, proposals, min_confidence, join_hyphens=join_hyphens).scores


def judge_proposals(doc: AlignedDoc, proposals: Iterable[Proposal], *, join_hyphens: bool = False
                    ) -> list[Judgement]:
    """A :class:`Judgement` per proposal, in text order (``[(j.proposal, j.right) ...]`` is what
    confidence calibration needs)."""
    return list(evaluate_doc(doc, proposals, join_hyphens=join_hyphens).judgements)
