"""The files of a collation in the build folder.

:func:`write_collation` writes ``BASE.collation.json`` (:func:`.collation.collation_json`) and,
when given, ``BASE.collation.html`` (the side-by-side page,
:func:`edition.publish.collation_page.collation_page`), atomically, and refuses to write over a
witness.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import EditionError
from ..store.atomic import write_atomic
from .collation import Collation, collation_json


@dataclass(frozen=True)
class CollationFiles:
    json: Path
    html: Path | None


def collation_paths(collation: Collation, out_dir: str | Path) -> CollationFiles:
    stem = collation.base.source.path.stem
    if collation.base.source.path.is_dir():
        stem = collation.base.source.path.name
    out = Path(out_dir)
    return CollationFiles(out / f"{stem}.collation.json", out / f"{stem}.collation.html")


def write_collation(collation: Collation, out_dir: str | Path, html: str | None = None) -> CollationFiles:
    """Write the JSON, and ``html`` (the side-by-side page) when given."""
    paths = collation_paths(collation, out_dir)
    targets = [paths.json] + ([paths.html] if html is not None else [])
    inputs = {Path(w.source.path).resolve() for w in collation.witnesses}
    for t in targets:
        if t.resolve() in inputs:
            raise EditionError(f"{t} is a witness: choose another --out")
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    write_atomic(paths.json, collation_json(collation))
    if html is not None:
        write_atomic(paths.html, html)
    return CollationFiles(paths.json, paths.html if html is not None else None)
