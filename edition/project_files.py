"""The files a project owns, and the refusal to write an output over one of them.

An output (``apply -o``, ``diff -o``, the files ``build`` writes) is regenerated at will; the
files below are not: they hold the text and the editors' work. Writing an output over one of
them would lose it, so every command that writes asks :func:`refuse_overwriting` first.

- :func:`owned_files` — what a project owns, each with what it is: the source, its corrections
  file, the project lexicon and the project's decisions beside it, the metadata file beside the
  source, the corpus store.
- :func:`owner_of` — what ``path`` is to the project, or ``None`` when it is free to write: one of
  the files above, another corrections file, or the source another corrections file belongs to.
- :func:`refuse_overwriting` — raise :class:`~edition.errors.EditionError` naming the first output
  that :func:`owner_of` claims.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from .detection.evidence.decisions import decisions_path
from .detection.evidence.project import project_lexicon_path
from .errors import EditionError
from .store import default_corrections_path

#: The folder of the corpus store (word counts, run state), beside the corrections files.
CORPUS_STORE_NAME = ".corpus"

#: The first lines of a corrections file that are enough to read its ``source:`` (the tool writes
#: it first, under the header comment; a file written by hand may put it anywhere).
_HEAD_BYTES = 64 * 1024
_SOURCE_LINE = re.compile(r"^source:[ \t]*(['\"]?)(.*?)\1[ \t]*(?:#.*)?$", re.MULTILINE)
_CORRECTIONS_KEY = re.compile(r"^corrections:", re.MULTILINE)


def side_file_path(source_path: str | Path) -> Path:
    """``<stem>.edition.yaml`` beside the source: the edition's metadata, outside the
    corrections file (see :mod:`edition.publish.tei.metadata`)."""
    p = Path(source_path)
    return p.with_name(f"{p.stem}.edition.yaml")


def _resolve(path: str | Path) -> Path:
    return Path(path).expanduser().resolve()


def owned_files(source_path: str | Path, corrections_path: str | Path | None = None
                ) -> dict[Path, str]:
    """``{resolved path: what it is}`` for the files of ``source_path``'s project."""
    cpath = Path(corrections_path) if corrections_path else default_corrections_path(source_path)
    owned = {
        _resolve(source_path): "the source",
        _resolve(cpath): "the source's corrections file",
        _resolve(project_lexicon_path(cpath)): "the project lexicon",
        _resolve(decisions_path(cpath)): "the project's decisions",
        _resolve(side_file_path(source_path)): "the source's metadata file",
    }
    # the corpus store (word counts, run state) beside the corrections files
    for folder in {cpath.parent, default_corrections_path(source_path).parent}:
        owned[_resolve(folder / CORPUS_STORE_NAME)] = "the corpus store"
    return owned


def _corrections_source(path: Path) -> Path | None:
    """The source a corrections file names in its ``source:`` line (relative to the file)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(_HEAD_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None
    found = _SOURCE_LINE.search(head)
    return _resolve(path.parent / found.group(2)) if found and found.group(2) else None


def _is_corrections_file(path: Path) -> bool:
    if path.suffix not in (".yaml", ".yml") or not path.is_file():
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(_HEAD_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return False
    return bool(_CORRECTIONS_KEY.search(head))


def owner_of(path: str | Path, owned: dict[Path, str]) -> str | None:
    """What ``path`` is to the project (``owned``: from :func:`owned_files`), or ``None``."""
    target = _resolve(path)
    if target in owned:
        return owned[target]
    if target.is_file():  # a hard link to an owned file is that file
        for known, what in owned.items():
            try:
                if known.is_file() and target.samefile(known):
                    return what
            except OSError:
                continue
    for parent in target.parents:
        if owned.get(parent) == "the corpus store":
            return "a file of the corpus store"
    if _is_corrections_file(target):
        return "a corrections file"
    # the source of another document: its corrections file, where a corrections file is looked
    # for first, names it (corrections/<stem>.yaml, or beside the project's own)
    folders = [default_corrections_path(target).parent]
    folders += [p.parent for p, what in owned.items() if what == "the source's corrections file"]
    for folder in folders:
        candidate = folder / f"{target.stem}.yaml"
        if candidate.is_file() and _corrections_source(candidate) == target:
            return f"the source of {_shown(candidate)}"
    return None


def _shown(path: Path) -> str:
    """``path`` as the user would type it: relative to the current folder when it is below it."""
    try:
        return str(path.relative_to(Path.cwd())) if path.is_absolute() else str(path)
    except ValueError:
        return str(path)


def refuse_overwriting(outputs: Iterable[str | Path], source_path: str | Path,
                       corrections_path: str | Path | None = None, *, where: str = "-o",
                       instead: str = "write the output elsewhere") -> None:
    """Raise EditionError if any of ``outputs`` is a file the project owns (see the module);
    ``where`` names the option that chose the outputs and ``instead`` what to do, for the message."""
    owned = owned_files(source_path, corrections_path)
    for output in outputs:
        what = owner_of(output, owned)
        if what is not None:
            raise EditionError(f"{where}: {output} is {what}, which an output never overwrites; "
                               f"{instead}")
