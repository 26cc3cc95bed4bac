"""Derived tables of the evidence, shipped precomputed so that the first run on a machine does not
build them.

Some evidence is a table derived from the word lists that ship with wordfreq and symspellpy: the
words of other languages (:mod:`.languages`), English letter trigrams (:mod:`.letters`), the
bigram table (:mod:`.bigrams`). Deriving them takes seconds, once per machine: too long for the
first `edition detect` (the target is one second from an empty cache). So
``benchmarks/derive/derive_tables.py`` derives them in advance into
``edition/detection/data/tables/NAME.pickle`` (a pickle of built-in types only, as the cache
folder's entries are) and records in ``tables.json`` there the key each was derived from.

A :class:`DerivedTable` is read, in this order:

1. the shipped table, when its recorded key is the key of the inputs installed here;
2. the cache folder's entry for that key (:mod:`edition.cache`);
3. else it is built, and kept in the cache folder.

The key (:func:`content_key`) is the SHA-256 of the inputs' bytes (the word lists, and the text
of the module that derives the table where its rules live in code), so another version of
wordfreq or symspellpy, or a change of the rules, never reads a table derived from something
else: it falls back to 2 and 3, which give the same table the derivation would.
``tests/test_detection_tables.py`` checks that every shipped table is what its build gives now.
"""
from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Generic, TypeVar

from ...cache import cached

T = TypeVar("T")

#: Where the shipped tables and their manifest live (package data).
TABLES = Path(__file__).resolve().parents[1] / "data" / "tables"
MANIFEST = TABLES / "tables.json"


def _file_digest(path: Path) -> str:
    st = path.stat()
    return _digest(path, st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=None)
def _digest(path: Path, size: int, mtime_ns: int) -> str:
    """The SHA-256 of a file, once per process for each size and modification time of it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def content_key(*parts: object) -> str:
    """A short hash of ``parts``: files (``Path``) by the SHA-256 of their bytes, anything else by
    its ``repr`` (a format version, a constant of the rules).

    >>> content_key("a", 1) == content_key("a", 1) != content_key("a", 2)
    True
    """
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path):
            h.update(f"file:{part.name}:{_file_digest(part)};".encode())
        else:
            h.update(f"{part!r};".encode())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def manifest() -> dict[str, dict]:
    """``{name: {"key": ..., "derived": date, ...}}`` of the shipped tables (empty if none)."""
    try:
        return json.loads(MANIFEST.read_text(encoding="utf-8"))["tables"]
    except (OSError, ValueError, KeyError):
        return {}


@dataclass(frozen=True)
class DerivedTable(Generic[T]):
    """A table derived from ``inputs()`` (files and versions, see :func:`content_key`) by
    ``build()``; ``name`` names its shipped file and its cache entry."""

    name: str
    inputs: Callable[[], tuple]
    build: Callable[[], T]

    def key(self) -> str:
        return content_key(*self.inputs())

    def shipped(self, key: str | None = None) -> T | None:
        """The shipped table when it was derived from exactly these inputs, else None."""
        entry = manifest().get(self.name)
        if entry is None or entry.get("key") != (key or self.key()):
            return None
        try:
            with open(TABLES / f"{self.name}.pickle", "rb") as f:
                return pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError):
            return None

    def load(self) -> T:
        """The table: shipped, else from the cache folder, else built (see the module docstring)."""
        key = self.key()
        value = self.shipped(key)
        if value is not None:
            return value
        return cached(self.name, key, self.build)
