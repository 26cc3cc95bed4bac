"""OCR files in and out: ALTO (v2-v4), hOCR and PAGE XML (2013, 2019).

Reading (:mod:`.reader`, one module per format: :mod:`.alto`, :mod:`.hocr`, :mod:`.page`)
    ``read_ocr(path) -> OcrDocument``: one file, or a folder of page files in natural order;
    the plain text derived from it (:mod:`.model` says how) with every word's span, id, page,
    line, box, the engine's confidence and alternatives; the page images found beside it.
    ``is_ocr_source(path)``, ``format_of(root)``.
Writing back (:mod:`.writeback`)
    ``write_corrected(doc, corrections, out_dir) -> list[Path]``: the corrected OCR in its own
    format, only the changed words different; ``corrected_files(doc, changes)`` the bytes.
Schemas (:mod:`.schema`, the XSDs in ``schemas/``)
    ``schema_errors(data) -> list[str]``.
Running the engine (:mod:`.tesseract`)
    ``run_ocr(images, out_dir, fmt)``: Tesseract's ALTO, hOCR or PAGE of page images.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from .model import OcrDocument

#: Each name of the package → the module it comes from, imported when the name is first asked
#: for (PEP 562): ``import edition.formats.sniff`` runs this file, and a plain-text source is
#: told from an OCR file (:mod:`.sniff`) without lxml and the format modules, 0.015 s of a cold
#: `edition detect` on the seed (median of five, 2026-12-05).
_FROM = {
    "FORMATS": "model", "Box": "model", "Line": "model", "OcrDocument": "model", "OcrFile": "model",
    "Page": "model", "Word": "model",
    "adapter": "reader", "format_of": "reader", "read_ocr": "reader",
    "is_ocr_source": "sniff",
    "schema_errors": "schema",
    "Change": "writeback", "changes_from": "writeback", "corrected_files": "writeback",
}

__all__ = sorted([*_FROM, "write_corrected"])


def __getattr__(name: str):
    module = _FROM.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def write_corrected(doc: OcrDocument, corrections: Iterable, out_dir: str | Path,
                    include_proposals: bool = False) -> list[Path]:
    """Write ``doc`` with the accepted and edited ``corrections`` (and with
    ``include_proposals`` the pending proposals' best readings) into ``out_dir``, under the
    same file names, atomically. Returns the paths written."""
    from ..store.atomic import write_atomic
    from .writeback import changes_from, corrected_files

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for f, data in zip(doc.files, corrected_files(doc, changes_from(corrections, include_proposals))):
        target = out_dir / f.path.name
        if target.resolve() == f.path.resolve():
            from ..errors import EditionError
            raise EditionError(f"{target}: is the OCR source itself; write the corrected OCR "
                               "elsewhere (the source stays as it is)")
        write_atomic(target, data)
        written.append(target)
    return written
