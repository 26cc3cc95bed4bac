"""Finding the documents of a corpus: files named on the command line and directories walked.

:func:`discover` turns what the editor typed (``edition detect scans/ extra.txt``) into the sorted
list of source files of the corpus. A file argument is taken as it is (whatever its suffix); a
directory is walked recursively for files matching a glob (``*.txt`` by default). Hidden files
and folders (``.git``, editors' backups) and the project's own ``corrections`` folder are left out,
so a corpus can live in the project root.

>>> import pathlib, tempfile
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> for name in ("b.txt", "sub/a.txt", "sub/notes.md", ".hidden/c.txt"):
...     (root / name).parent.mkdir(parents=True, exist_ok=True)
...     _ = (root / name).write_text("text")
>>> [p.relative_to(root).as_posix() for p in discover([root])]
['b.txt', 'sub/a.txt']
>>> [p.relative_to(root).as_posix() for p in discover([root], glob="*.md")]
['sub/notes.md']

The order is by path, so every run of the same corpus visits the same documents in the same
order, whatever the file system returns.
"""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Iterable

from ..errors import EditionError

#: The default pattern for the files of a directory: plain-text OCR transcriptions.
DEFAULT_GLOB = "*.txt"

#: Folders never walked: the project's corrections (and their cache) are not sources.
SKIPPED_DIRS = frozenset({"corrections", "__pycache__"})


def discover(arguments: Iterable[str | Path], glob: str = DEFAULT_GLOB) -> list[Path]:
    """The source files named by ``arguments``: files as given, directories walked for ``glob``.

    A path that does not exist raises :class:`EditionError` (a typo should not silently shrink
    the corpus); so does a directory with no matching file. Duplicates (a file named twice, or
    also found in a named directory) are kept once.
    """
    found: dict[Path, None] = {}
    for arg in arguments:
        path = Path(arg)
        if path.is_dir() and not _is_ocr_folder(path):
            matches = list(_walk(path, glob))
            if not matches:
                _refuse_mixed_ocr_folder(path)
                raise EditionError(f"{path}: no file matching {glob!r} in this folder or below")
            for m in matches:
                found.setdefault(m, None)
        elif path.exists() or path.is_symlink():
            found.setdefault(path, None)
        else:
            raise EditionError(f"{path}: no such file or folder")
    return sorted(found, key=lambda p: p.as_posix())


def _walk(root: Path, glob: str) -> Iterable[Path]:
    for folder, dirs, files in os.walk(root, followlinks=False):
        # Prune in place so os.walk does not descend; sorted for a stable walk.
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in sorted(files):
            if not name.startswith(".") and fnmatch.fnmatchcase(name, glob):
                yield Path(folder) / name


def _is_ocr_folder(path: Path) -> bool:
    """A folder of ALTO, hOCR or PAGE page files is one document, not a corpus."""
    from ..formats.sniff import is_ocr_source  # noqa: PLC0415
    return is_ocr_source(path)


def _refuse_mixed_ocr_folder(path: Path) -> None:
    """A folder of OCR page files of two formats (ALTO and hOCR, say) is no OCR source, and has
    no text files either: say so, rather than that it has no '*.txt'."""
    from ..formats.sniff import formats_in, ocr_files  # noqa: PLC0415
    if len(set(formats_in(path).values())) > 1:
        ocr_files(path)  # raises: the formats it holds, and to keep one per folder


def is_corpus(arguments: list[str]) -> bool:
    """True when ``arguments`` name more than one source or a directory of sources (a corpus
    run); a folder of OCR page files is one source."""
    return len(arguments) != 1 or Path(arguments[0]).is_dir() and not _is_ocr_folder(Path(arguments[0]))
