"""What an evaluation reads: ICDAR files, plain OCR/gold pairs, directories of either.

- :data:`DEV_SET` — the development set (``$EDITION_DEV_SET``, else ``../shared/data/icdar2017-eng``
  beside the repository); :func:`dev_set` lists its files, by kind.
- :func:`evaluation_inputs` — turn the arguments of ``edition evaluate`` into a list of
  :class:`Input` (a loader per document, so that large sets are read one file at a time).
- :func:`read_text` — a plain text file, read as :mod:`edition.source` reads sources.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import EditionError
from ..source import read_source
from .align import AlignedDoc, align_texts
from .icdar import icdar_files, is_icdar_file, kind_of, load_icdar, natural_key

DEV_SET = Path(os.environ.get("EDITION_DEV_SET")
               or Path(__file__).resolve().parents[3] / "shared" / "data" / "icdar2017-eng")


def dev_set(kind: str | None = None, root: Path | None = None) -> list[Path]:
    """The ICDAR files of the development set (``kind``: ``monograph`` or ``periodical``);
    empty when the set is absent."""
    root = Path(root or DEV_SET)
    if not root.is_dir():
        return []
    files = icdar_files(root)
    return [f for f in files if kind is None or kind_of(f) == kind]


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """A plain text file, decoded strictly, line ends normalized to LF."""
    return read_source(path, encoding).text


@dataclass(frozen=True)
class Input:
    """One document to evaluate: its name, how to load it, and the corrected text if given."""

    name: str
    load: Callable[[], AlignedDoc]
    corrected: Path | None = None


def _pair(ocr: Path, gold: Path, encoding: str, reorder_gold: bool) -> Callable[[], AlignedDoc]:
    return lambda: align_texts(read_text(ocr, encoding), read_text(gold, encoding),
                               name=str(ocr), kind=kind_of(ocr), reorder_gold=reorder_gold)


def _text_files(directory: Path) -> dict[Path, Path]:
    return {p.relative_to(directory): p for p in directory.rglob("*") if p.is_file()
            and not p.name.startswith(".")}


def evaluation_inputs(ocr: str | Path, gold: str | Path | None = None,
                      corrected: str | Path | None = None, encoding: str = "utf-8", *,
                      reorder_gold: bool = True) -> list[Input]:
    """The documents named by ``edition evaluate OCR [GOLD] [--corrected C]``:

    - ``OCR`` an ICDAR file, no GOLD: that file;
    - ``OCR`` a directory, no GOLD: the ICDAR files in it;
    - ``OCR`` and ``GOLD`` plain text files: that pair;
    - ``OCR`` and ``GOLD`` directories: the files of the same relative name in both.

    ``corrected`` is a file (one document) or a directory with files of the same relative names.
    ``reorder_gold=False`` keeps a gold's blocks in its own order where the OCR has them in
    another (:func:`~edition.evaluation.align.gold_in_ocr_order`), and an ICDAR file's
    alignment as it is given.
    """
    ocr = Path(ocr)
    if not ocr.exists():
        raise EditionError(f"{ocr}: no such file or directory")
    corrected = Path(corrected) if corrected is not None else None
    if corrected is not None and not corrected.exists():
        raise EditionError(f"{corrected}: no such file or directory")
    if gold is None:
        if ocr.is_dir():
            files = icdar_files(ocr)
            if not files:
                raise EditionError(f"{ocr}: no ICDAR files in this directory "
                                   f"(give a GOLD directory to evaluate plain text pairs)")
            inputs = [Input(str(f), (lambda f=f: load_icdar(f, reorder_gold=reorder_gold)),
                            _corrected_for(corrected, f.relative_to(ocr))) for f in files]
        elif is_icdar_file(ocr):
            inputs = [Input(str(ocr), lambda: load_icdar(ocr, reorder_gold=reorder_gold),
                            _corrected_single(corrected))]
        else:
            raise EditionError(f"{ocr}: not an ICDAR file ('[OCR_toInput] ' line); "
                               f"give the gold text as a second argument")
        return inputs
    gold = Path(gold)
    if not gold.exists():
        raise EditionError(f"{gold}: no such file or directory")
    if ocr.is_dir() != gold.is_dir():
        raise EditionError(f"{ocr} and {gold}: give two files or two directories")
    if not ocr.is_dir():
        return [Input(str(ocr), _pair(ocr, gold, encoding, reorder_gold),
                      _corrected_single(corrected))]
    ocr_files, gold_files = _text_files(ocr), _text_files(gold)
    common = sorted(set(ocr_files) & set(gold_files), key=natural_key)
    if not common:
        raise EditionError(f"{ocr} and {gold}: no files of the same name in both directories")
    return [Input(str(ocr_files[r]), _pair(ocr_files[r], gold_files[r], encoding, reorder_gold),
                  _corrected_for(corrected, r)) for r in common]


def _corrected_single(corrected: Path | None) -> Path | None:
    if corrected is not None and corrected.is_dir():
        raise EditionError(f"{corrected}: a directory; give the corrected text of this one file")
    return corrected


def _corrected_for(corrected: Path | None, relative: Path) -> Path | None:
    if corrected is None:
        return None
    if not corrected.is_dir():
        raise EditionError(f"{corrected}: give a directory of corrected texts for a directory input")
    path = corrected / relative
    if not path.is_file():
        raise EditionError(f"{path}: no corrected text for {relative}")
    return path
