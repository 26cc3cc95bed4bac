"""The audit: every decision of an edition, what it did, where, who decided it, when and why.

:func:`audit_record` builds the record from the edition plan (:mod:`edition.publish.plan`;
plain data, serialized by :func:`audit_json` with ``json``); :mod:`edition.publish.verify`
rebuilds it from the source and the corrections file and compares.
One entry per decided correction (pending proposals are not decisions and are not listed), in
text order::

    {"id": "gl-797ca21b", "xml_id": "gl-797ca21b", "kind": "glyph", "status": "accepted",
     "effect": "replace",            # replace | delete | insert | unclear (flagged) | none (rejected)
     "start": 2868, "end": 2876,     # span in the source (code points)
     "edition_start": 2868, "edition_end": 2876,   # span in the reading text (changes only)
     "original": "V1adimir", "reading": "Vladimir",
     "by": "Ana Editor", "on": "2026-11-27T21:05:00Z", "confidence": 0.97,
     "why": "digit 1 inside a word", "note": null, "detector": "glyph"}

The summary counts the entries by status and the changes by kind, with the characters changed
(the Levenshtein distance from original to reading: ``Circumstances`` → ``circumstances`` is 1).
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Any

from rapidfuzz.distance import Levenshtein

from ..model import Correction, Status
from ..source import text_sha256
from .plan import EditionPlan, xml_id

AUDIT_FORMAT = "edition-audit/1"


def _entry(c: Correction, effect: str, j1: int | None, j2: int | None) -> dict[str, Any]:
    return {
        "id": c.id, "xml_id": xml_id(c.id), "kind": c.kind.value, "status": c.status.value,
        "effect": effect, "start": c.start, "end": c.end,
        "edition_start": j1, "edition_end": j2,
        "original": c.original, "reading": c.reading,
        "by": c.by, "on": c.on, "confidence": c.confidence,
        "why": c.why or None, "note": c.note, "detector": c.detector or None,
    }


def audit_record(plan: EditionPlan, *, tei_name: str) -> dict[str, Any]:
    """The audit of the edition of ``plan``."""
    source, reading_text = plan.source, plan.reading
    corrections = [c for c in plan.corrections if c.decided and not c.stale]
    changes = {e.correction.id: e for e in plan.edits}
    entries = []
    for c in sorted(corrections, key=lambda c: (c.start, c.end, c.id)):
        if c.id in changes:
            e = changes[c.id]
            entries.append(_entry(c, e.tag, e.j1, e.j2))
        elif c.status is Status.FLAGGED:
            entries.append(_entry(c, "unclear", None, None))
        else:
            entries.append(_entry(c, "none", None, None))
    by_kind: dict[str, dict[str, int]] = {}
    for e in changes.values():
        row = by_kind.setdefault(e.correction.kind.value, {"changes": 0, "characters": 0})
        row["changes"] += 1
        row["characters"] += Levenshtein.distance(e.correction.original, e.correction.reading or "")
    return {
        "format": AUDIT_FORMAT,
        "source": {"file": source.path.name, "sha256": source.sha256,
                   "characters": len(source.text), "crlf": source.crlf, "bom": source.bom},
        "edition": {"tei": tei_name, "reading_sha256": text_sha256(reading_text),
                    "characters": len(reading_text)},
        "summary": {
            "decisions": dict(sorted(Counter(c.status.value for c in corrections).items())),
            "changes": len(changes),
            "characters_changed": sum(r["characters"] for r in by_kind.values()),
            "by_kind": dict(sorted(by_kind.items())),
        },
        "entries": entries,
    }


def audit_json(record: dict[str, Any]) -> str:
    """The audit as JSON text (UTF-8, indented, one trailing newline)."""
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
