"""Evaluation: how good are proposals, measured against a gold standard.

Usage. Load a development file with ``doc = load_icdar(path)`` (ICDAR 2017 three-line format;
or ``align_texts(ocr, gold)`` for a plain OCR text and its plain gold text); run the detectors on
its OCR with ``proposals = edition.detection.runner.detect(doc.ocr)`` (spans are code-point offsets into
``doc.ocr``); then ``s = score_proposals(doc, proposals, min_confidence=0.9)`` gives detection
``s.precision/s.recall/s.f1`` over erroneous OCR tokens, ``s.cer_before/s.cer_after``,
``s.wer_before/s.wer_after``, ``s.improvement`` (ICDAR "% improvement" as a fraction, negative
when harmful), ``s.words_broken`` and ``s.proposals_right/s.proposals_wrong``. Scores keep their
counts, so ``sum(scores_of_each_file, Scores())`` aggregates a set. For confidence calibration,
``judge_proposals(doc, proposals)`` returns one :class:`Judgement` per proposal
(``j.proposal``, ``j.verdict``, ``j.right``, ``j.gold``), and ``reliability(judgements)`` bins them
by confidence. ``evaluate_doc`` returns scores, judgements and the residual errors in one pass;
``dev_set()`` lists the development files. Pass ``join_hyphens=True`` to also accept the gold
without its printed line-end hyphens ("intro- duction", "man-ner"). From the shell:
``edition evaluate FILE.txt`` (one ICDAR file or a directory of them) or
``python benchmarks/dev_eval.py --quick``.

Contents:

- :mod:`.align` — :class:`AlignedDoc` (an OCR text aligned with its gold), :func:`align_texts`.
- :mod:`.icdar` — :func:`load_icdar`, :func:`parse_icdar`, :func:`icdar_files`.
- :mod:`.metrics` — :class:`Scores` (counts with their denominators), the distances.
- :mod:`.scoring` — :func:`evaluate_doc`, :func:`score_proposals`, :func:`judge_proposals`,
  :class:`Judgement`, :class:`Verdict`, :func:`apply_proposals`.
- :mod:`.calibration` — :func:`reliability`: share of right proposals per confidence bin.
- :mod:`.diff` — a corrected text (or the gold itself) as proposals, so any tool can be scored.
- :mod:`.artifacts` — scoring against a list of known artifacts (the seed's table, reviewed
  decisions): share proposed, right reading first, false alarms.
- :mod:`.inputs` — what ``edition evaluate`` accepts: ICDAR files, plain pairs, directories.
- :mod:`.report` — the text and JSON reports.
- :mod:`.baseline` — the symspellpy "top suggestion for every unknown word" baseline.
"""
from __future__ import annotations

from .align import GAP, UNKNOWN, AlignedDoc, Token, align_texts
from .calibration import ReliabilityBin, reliability
from .icdar import icdar_files, is_icdar_file, load_icdar, parse_icdar
from .inputs import DEV_SET, dev_set
from .metrics import Scores
from .scoring import (DocEvaluation, Judgement, Verdict, apply_proposals, evaluate_doc,
                      judge_proposals, score_proposals)

#: The record :func:`load_icdar` returns (an :class:`AlignedDoc`).
IcdarDoc = AlignedDoc

__all__ = [
    "GAP", "UNKNOWN", "AlignedDoc", "IcdarDoc", "Token", "align_texts",
    "ReliabilityBin", "reliability",
    "icdar_files", "is_icdar_file", "load_icdar", "parse_icdar",
    "DEV_SET", "dev_set",
    "Scores",
    "DocEvaluation", "Judgement", "Verdict", "apply_proposals", "evaluate_doc", "judge_proposals",
    "score_proposals",
]
