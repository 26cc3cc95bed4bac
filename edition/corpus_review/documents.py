"""The documents of a corpus under review: each source with its corrections file.

A document is named as the editor knows it: its source's path relative to the project folder
(the current folder), as ``edition detect DIR`` names it in its table. Its corrections file is
``corrections/<stem>.yaml``, as for one source; two sources with the same file name would share
one, so they are refused together.

- :func:`documents` — the documents of a list of source files;
- :func:`documents_in` — the documents whose corrections files are in a folder (what a project's
  decisions are counted from), each with the source its header names.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..errors import EditionError
from ..project_files import _corrections_source, _is_corrections_file
from ..store import default_corrections_path


@dataclass(frozen=True)
class Document:
    """A source and its corrections file; ``name`` is how the editor knows it."""

    name: str
    source: Path
    corrections: Path

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError("a document needs a name")


def shown(path: Path, root: Path | None = None) -> str:
    """``path`` relative to ``root`` (the current folder) where it lies below it."""
    root = (root or Path.cwd()).resolve()
    absolute = path if path.is_absolute() else root / path
    try:
        return absolute.resolve().relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix()


def documents(sources: Iterable[str | Path], corrections_dir: str | Path | None = None
              ) -> list[Document]:
    """The documents of ``sources`` (in their order), each with ``corrections/<stem>.yaml``
    (or ``<corrections_dir>/<stem>.yaml``). Two sources that would share a corrections file
    are refused, named."""
    out: list[Document] = []
    by_file: dict[Path, Document] = {}
    seen: set[Path] = set()
    for src in sources:
        src = Path(src)
        if src.resolve() in seen:
            continue
        seen.add(src.resolve())
        corrections = (Path(corrections_dir) / f"{src.stem}.yaml" if corrections_dir is not None
                       else default_corrections_path(src))
        doc = Document(shown(src), src, corrections)
        other = by_file.get(corrections.resolve())
        if other is not None:
            raise EditionError(f"{other.name} and {doc.name} would share the corrections file "
                               f"{shown(corrections)} (same file name); rename one or review "
                               "them as separate projects")
        by_file[corrections.resolve()] = doc
        out.append(doc)
    return out


def documents_in(corrections_dir: str | Path) -> list[Document]:
    """The documents of every corrections file in ``corrections_dir`` (not below it), each with
    the source its ``source:`` line names, in file-name order."""
    folder = Path(corrections_dir)
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.iterdir()):
        if not _is_corrections_file(path):
            continue
        source = _corrections_source(path) or path.with_suffix(".txt")
        out.append(Document(shown(source), source, path))
    return out
