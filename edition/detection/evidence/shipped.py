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

A table made of large dicts of which a short text asks a few thousand keys (the bigram table,
the foreign words) is shipped *sharded* (``DerivedTable(..., sharded=True)``): each of its dicts
is cut into small dicts by a hash of the key, pickled one by one, and read as a :class:`Shards`,
which unpickles a shard the first time one of its keys is asked, and, once a long text has asked
for :data:`WHOLE_AFTER` of the shards, reads the rest and answers from one plain dict. The
answers are those of the dict it was cut from (``tests/test_detection_tables.py``).
"""
from __future__ import annotations

import hashlib
import json
import pickle
import zlib
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


#: A shard holds about this many entries of its dict. The seed's cold `edition detect` asks the
#: bigram table for 2,623 pairs of its 242,342 (2026-12-05): with 16 a pair the 15,000 shards
#: read hold 15 % of the table; each is unpickled in a few microseconds.
SHARD_ENTRIES = 16
#: A :class:`Shards` becomes one plain dict once this share of its shards has been read: a long
#: text would otherwise pay the lookup through Python (about 0.5 µs against a dict's 0.05 µs)
#: for every one of its words, and reads most shards anyway.
WHOLE_AFTER = 0.25


def _shard_of(key: str) -> int:
    """The hash that places ``key`` in its shard: the same in every process (unlike ``hash``)."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass"))


def shard(table: dict[str, object]) -> list[bytes]:
    """``table`` cut into a power of two of small dicts by :func:`_shard_of` its keys, each
    pickled (what a sharded :class:`DerivedTable` ships for each of its dicts)."""
    n = 1
    while n * SHARD_ENTRIES < len(table):
        n *= 2
    parts: list[dict[str, object]] = [{} for _ in range(n)]
    for k, v in table.items():
        parts[_shard_of(k) & (n - 1)][k] = v
    return [pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL) for part in parts]


class Shards:
    """A dict of string keys read shard by shard (see the module docstring): ``get``, ``[]``
    and ``in`` answer as the dict :func:`shard` was given; :meth:`whole` is that dict (its
    order of keys is the shards', not the original's).

    >>> d = {w: len(w) for w in "the cat sat on a mat".split()}
    >>> s = Shards(shard(d))
    >>> s.get("cat"), s.get("dog"), s.get("dog", 0), s["mat"], "on" in s, "no" in s
    (3, None, 0, 3, True, False)
    >>> s.whole() == d
    True
    """

    def __init__(self, parts: list[bytes]) -> None:
        self._parts: list[bytes] | None = parts
        self._mask = len(parts) - 1  # a power of two: the shard is the hash's low bits
        self._dicts: list[dict | None] | None = [None] * len(parts)
        self._to_whole = max(1, int(len(parts) * WHOLE_AFTER))  # shards still to read before
        self._whole: dict | None = None

    def get(self, key: str, default=None):
        i = _shard_of(key) & self._mask
        d = self._dicts[i]  # type: ignore[index]
        if d is None:
            d = self._read(i)
        return d.get(key, default)

    def __getitem__(self, key: str):
        value = self.get(key, _ABSENT)
        if value is _ABSENT:
            raise KeyError(key)
        return value

    def __contains__(self, key: str) -> bool:
        return self.get(key, _ABSENT) is not _ABSENT

    def _read(self, i: int) -> dict:
        d = self._dicts[i] = pickle.loads(self._parts[i])  # type: ignore[index]
        self._to_whole -= 1
        if self._to_whole <= 0:
            self.whole()
        return d

    def whole(self) -> dict:
        """The whole dict, every shard read; from now on ``get`` is the dict's own (the same
        answers at a dict's speed)."""
        if self._whole is None:
            merged: dict = {}
            for d, raw in zip(self._dicts, self._parts):  # type: ignore[arg-type]
                merged.update(pickle.loads(raw) if d is None else d)
            self._whole = merged
            self.get = merged.get  # type: ignore[method-assign]
            self._parts = self._dicts = None
        return self._whole


_ABSENT = object()


def whole(value: object) -> object:
    """``value`` with each :class:`Shards` in it (a table, or an item of a tuple) made a plain
    dict: the table as ``build()`` gives it, but for the order of the dicts' keys."""
    if isinstance(value, Shards):
        return value.whole()
    if isinstance(value, tuple):
        return tuple(whole(v) for v in value)
    return value


@dataclass(frozen=True)
class DerivedTable(Generic[T]):
    """A table derived from ``inputs()`` (files and versions, see :func:`content_key`) by
    ``build()``; ``name`` names its shipped file and its cache entry. ``sharded``: ``build()``
    gives a dict or a tuple of dicts and other values, and each dict is shipped as
    :func:`shard` cuts it and read as :class:`Shards`."""

    name: str
    inputs: Callable[[], tuple]
    build: Callable[[], T]
    sharded: bool = False

    def key(self) -> str:
        return content_key(*self.inputs())

    def shipped_bytes(self, value: T) -> bytes:
        """What ``benchmarks/derive/derive_tables.py`` writes for the table ``value``: its pickle,
        each dict cut in shards if the table is sharded."""
        if self.sharded:
            value = (tuple(shard(v) if isinstance(v, dict) else v for v in value)  # type: ignore[assignment]
                     if isinstance(value, tuple) else shard(value))  # type: ignore[arg-type]
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def shipped(self, key: str | None = None) -> T | None:
        """The shipped table when it was derived from exactly these inputs, else None."""
        entry = manifest().get(self.name)
        if entry is None or entry.get("key") != (key or self.key()):
            return None
        try:
            with open(TABLES / f"{self.name}.pickle", "rb") as f:
                value = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError):
            return None
        if self.sharded:  # each list of pickled shards read as Shards
            if isinstance(value, tuple):
                return tuple(Shards(v) if isinstance(v, list) else v for v in value)  # type: ignore[return-value]
            return Shards(value)  # type: ignore[return-value]
        return value

    def load(self) -> T:
        """The table: shipped, else from the cache folder, else built (see the module docstring)."""
        key = self.key()
        value = self.shipped(key)
        if value is not None:
            return value
        return cached(self.name, key, self.build)
