"""edition — OCR clean-up and critical editions: detect artifacts, review, publish TEI.

The library API (the CLI is a thin layer over these):

Records (:mod:`edition.model`)
    ``Kind``, ``Status``, ``Proposal``, ``Correction``
Sources (:mod:`edition.source`)
    ``read_source(path, encoding="utf-8") -> Source``
Detection (:mod:`edition.detection`)
    ``detect(text, project_words=()) -> list[Proposal]``
The corrections store (:mod:`edition.store`)
    ``load_corrections``, ``save_corrections``, ``merge_proposals``, ``new_corrections_file``
Review (:mod:`edition.review`)
    ``Selection``, ``select``, ``accept``, ``reject``, ``edit``, ``flag``, ``reopen``
Applying (:mod:`edition.apply`)
    ``apply_corrections(text, corrections) -> str``, ``edits(...)``
The workflow in one place (:mod:`edition.workflow`)
    ``open_project``, ``detect_into``, ``decide``, ``add``, ``status_table``, ``corrected_text``
The edition (:mod:`edition.publish.build`, :mod:`edition.publish.verify`)
    ``build_edition(source_path, out_dir=None)``, ``verify_edition(source_path, out_dir=None)``
Evaluation (:mod:`edition.evaluation`)
    ``load_icdar``, ``score_proposals``, ``judge_proposals``, ``evaluate_doc``
Corpora (:mod:`edition.corpus`)
    ``CorpusRun``: detect, status, build, verify over many documents, in parallel or on Dask

>>> import edition
>>> [p.original for p in edition.detect("the V1adimir Ilyich Lenin") if p.kind == "glyph"]
['V1adimir']
"""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Kind": "model", "Status": "model", "Proposal": "model", "Correction": "model",
    "Source": "source", "read_source": "source",
    "detect": "detection.runner",
    "EditionError": "errors",
    "load_corrections": "store", "save_corrections": "store",
    "merge_proposals": "store", "new_corrections_file": "store",
    "Selection": "review", "select": "review", "accept": "review", "reject": "review",
    "edit": "review", "flag": "review", "reopen": "review",
    "apply_corrections": "apply", "edits": "apply",
    "open_project": "workflow", "detect_into": "workflow", "decide": "workflow",
    "status_table": "workflow", "corrected_text": "workflow",
    "build_edition": "publish.build", "verify_edition": "publish.verify",
    "load_icdar": "evaluation", "score_proposals": "evaluation", "judge_proposals": "evaluation",
    "evaluate_doc": "evaluation",
    "CorpusRun": "corpus.run",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import on first use, so `edition --help` and `edition detect` start fast."""
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'edition' has no attribute {name!r}")
