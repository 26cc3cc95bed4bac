"""The corrections store: the corrections file of each source, read, changed and written safely.

The corrections file (YAML, beside the text in git) is the one record of an editor's decisions.
This package reads it in a fraction of a second at book size, writes only what changed,
atomically and under a lock, merges with a concurrent writer instead of losing either's work,
and finds every entry again when the source text changes.

- :mod:`~edition.store.file` — :class:`CorrectionsFile`, :func:`parse_corrections`,
  :func:`save_corrections` (atomic, merging), :class:`ConflictError`;
- :mod:`~edition.store.binding` — :func:`load_corrections` (a source's file: the wrong file
  refused, relocation, ``rebase``), :func:`new_corrections_file`,
  :func:`default_corrections_path`;
- :mod:`~edition.store.proposals` — :func:`merge_proposals` (a detection run into the file);
- :mod:`~edition.store.relocate` — finding entries again after the source changed;
- :mod:`~edition.store.layout`, :mod:`~edition.store.entries`, :mod:`~edition.store.yamltext` —
  the file's text: its parts, one entry's lines, one-line YAML values;
- :mod:`~edition.store.atomic` — atomic writes and the writers' lock.
"""
from __future__ import annotations

from .binding import (default_corrections_path, load_corrections, new_corrections_file,
                      recorded_encoding, source_encoding)
from .file import ConflictError, CorrectionsFile, file_digest, parse_corrections, save_corrections
from .proposals import MergeReport, merge_proposals

__all__ = ["ConflictError", "CorrectionsFile", "MergeReport", "default_corrections_path",
           "file_digest", "load_corrections", "merge_proposals", "new_corrections_file",
           "parse_corrections", "recorded_encoding", "save_corrections", "source_encoding"]
