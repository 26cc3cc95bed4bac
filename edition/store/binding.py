"""A corrections file and its source: which file belongs to which text, and what happens when
the text changed.

- :func:`default_corrections_path` — where a source's corrections file lives by default;
- :func:`new_corrections_file` — an empty file for a source;
- :func:`load_corrections` — read the corrections file of a source: refuse the file of another
  text (its header names another file, or most of its entries are nowhere in this source),
  relocate every entry when the source changed (:mod:`edition.store.relocate`), check every span
  otherwise. ``rebase=True`` is the deliberate move of a file to a new version of its source
  (or to another file): it is taken whatever relocation finds, and the header names the source.
- :func:`source_encoding` — the encoding to read a source with: the one its corrections file
  records (:func:`recorded_encoding`), so that ``--encoding`` is given once, at ``detect``.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import EditionError
from ..source import Source
from .entries import fail
from .file import CorrectionsFile, parse_corrections

#: A file is taken for another text's when more than this share of its entries cannot be found
#: in the source after relocation. An edit of a source by hand (a paragraph rewritten, a page
#: added) leaves most entries in place: relocation finds them by their text and context; a
#: file written for another text finds almost none (it is then refused unless ``rebase``).
WRONG_FILE_SHARE = 0.5
#: ... and at least this many entries are lost: with one or two entries, losing them is an
#: ordinary edit of their sentences, not evidence of the wrong file.
WRONG_FILE_MIN = 3


#: The header line that records the source's encoding (the tool writes it before the list).
_ENCODING_LINE = re.compile(rb"^encoding:[ \t]*([^#\r\n]+)", re.M)


def source_ref(corrections_path: Path, source: Source) -> str:
    """The source's path as the header writes it: relative to the corrections file."""
    try:
        return os.path.relpath(source.path.resolve(), corrections_path.resolve().parent)
    except ValueError:  # different drives on Windows
        return str(source.path.resolve())


def default_corrections_path(source_path: str | Path) -> Path:
    """``corrections/<stem>.yaml``, relative to the current folder (the project root)."""
    return Path("corrections") / f"{Path(source_path).stem}.yaml"


def new_corrections_file(path: str | Path, source: Source) -> CorrectionsFile:
    """An empty corrections file for ``source`` (not yet saved)."""
    path = Path(path)
    return CorrectionsFile(path=path, source_ref=source_ref(path, source), sha256=source.sha256,
                           corrections=[], encoding=source.encoding, _disk_digest=None)


def _named_source(cf: CorrectionsFile) -> Path | None:
    """The file the header names as its source (None: no name)."""
    return cf.path.parent / cf.source_ref if cf.source_ref else None


def _shown(path: Path | None) -> str:
    """A path as the user would type it: relative to the current folder where it can be."""
    try:
        return os.path.relpath(path) if path is not None else "?"
    except ValueError:
        return str(path)


def _names_another_file(cf: CorrectionsFile, source: Source) -> bool:
    named = _named_source(cf)
    try:
        return named is not None and named.is_file() and named.resolve() != source.path.resolve()
    except OSError:
        return False


def recorded_encoding(path: str | Path) -> str | None:
    """The ``encoding`` a corrections file records for its source (None: no file, none
    recorded, or a file that cannot be read: its loading will say why). Only the file's head is
    read."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(1 << 16)
    except OSError:
        return None
    m = _ENCODING_LINE.search(data)
    if m is None:
        return None
    value = m.group(1).decode("utf-8", "replace").strip().strip("'\"")
    return value or None


def source_encoding(corrections_path: str | Path, given: str | None) -> str:
    """The encoding to read a source with: ``given`` (``--encoding``), else the one its
    corrections file records, else UTF-8."""
    return given or recorded_encoding(corrections_path) or "utf-8"


def load_corrections(path: str | Path, source: Source, *, missing_ok: bool = False,
                     rebase: bool = False) -> CorrectionsFile:
    """Read the corrections file for ``source``, validated against it.

    When the source's SHA-256 differs from the header, every entry is relocated by its original
    text and context; entries that cannot be found are marked stale (listed in ``newly_stale``),
    never applied and never dropped. Otherwise every entry's span must hold its ``original``.
    A file that belongs to another text is refused (see the module), unless ``rebase``.
    """
    from .relocate import relocate_all

    path = Path(path)
    if path.is_dir():
        raise EditionError(f"{path}: is a directory, not a corrections file")
    if path.exists() and path.resolve() == source.path.resolve():
        raise EditionError(f"{path}: is the source itself, not a corrections file; leave "
                           "--corrections out (the default is corrections/<source-stem>.yaml)")
    if not path.exists():
        if missing_ok:
            return new_corrections_file(path, source)
        raise EditionError(f"{path}: no corrections file yet; run `edition detect {source.path}` first")
    cf = parse_corrections(path, path.read_bytes())
    if source.encoding != cf.encoding:
        cf.encoding = source.encoding
    if cf.sha256 == source.sha256:
        for c in cf.corrections:
            if c.stale:
                continue
            if c.end > len(source.text) or source.text[c.start:c.end] != c.original:
                found = source.text[c.start:c.end]
                raise fail(path, cf.line_of(c.id), f"entry {c.id}: span {c.start}..{c.end} holds "
                           f"{found!r}, not its original {c.original!r}")
        if rebase:
            cf.source_ref = source_ref(path, source)
        return cf
    if _names_another_file(cf, source) and not rebase:
        raise EditionError(f"{path}: is the corrections file of {_shown(_named_source(cf))}, not "
                           f"of {source.path}; pass this source's --corrections FILE, or --rebase "
                           "to move this file to it")
    was_stale = {c.id for c in cf.corrections if c.stale}
    relocated, stale = relocate_all(cf.corrections, source.text)
    newly_stale = [cid for cid in stale if cid not in was_stale]
    live = len(cf.corrections) - len(was_stale)
    if not rebase and len(newly_stale) >= WRONG_FILE_MIN and len(newly_stale) > WRONG_FILE_SHARE * live:
        raise EditionError(
            f"{path}: {len(newly_stale)} of its {live} entries cannot be found in {source.path}: "
            "it does not look like this text's corrections file; nothing was changed. If the "
            "source was replaced by a new version on purpose, pass --rebase to move the file to "
            "it (the entries not found are kept, marked stale)")
    for c in relocated:
        cf.put(c)
    cf.relocated = [c.id for c in relocated if not c.stale and c.id not in was_stale]
    cf.newly_stale = newly_stale
    cf.sha256 = source.sha256
    named = _named_source(cf)
    if rebase or not cf.source_ref or (named is not None and not named.exists()):
        cf.source_ref = source_ref(path, source)  # the source was moved, or is a new version
    return cf
