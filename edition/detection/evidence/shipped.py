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
the period word pairs, the foreign words, the lexicon's frequencies) is shipped *sharded*
(``DerivedTable(..., sharded=True)``): each of its dicts is cut into small dicts by a hash of the
key, pickled one by one, and read as a :class:`Shards`,
which unpickles a shard the first time one of its keys is asked, and, once a long text has asked
for :data:`WHOLE_AFTER` of the shards, reads the rest and answers from one plain dict. The
answers are those of the dict it was cut from (``tests/test_sharded_tables.py``).
"""
from __future__ import annotations

import hashlib
import json
import pickle
import sys
import zlib
from array import array
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
#: bigram table for 2,623 pairs of its 242,342 (2026-12-05): with 16 a pair the 2,400 shards
#: read hold 15 % of the table.
SHARD_ENTRIES = 16
#: A :class:`Shards` becomes one plain dict once this share of its shards has been read: a long
#: text would otherwise pay the lookup through Python (about 0.5 µs against a dict's 0.05 µs)
#: for every one of its words, and reads most shards anyway.
WHOLE_AFTER = 0.25
#: What ends each key in a sharded dict's string of keys (no key may hold it).
_END = "\x00"


def _shard_of(key: str) -> int:
    """The hash that places ``key`` in its shard: the same in every process (unlike ``hash``)."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass"))


def shard(table: dict[str, object]) -> tuple:
    """``table`` cut into a power of two of shards by :func:`_shard_of` its keys, as built-in
    types (what a sharded :class:`DerivedTable` ships for each of its dicts): the keys in shard
    order, each ended by ``\\x00``, in one string; where each shard's keys begin in it and in the
    values; the values as an array of floats or of integers of 64 bits, or as indices into their
    distinct strings; and the byte order of the arrays. Another kind of value, or a key holding
    ``\\x00``, is refused (ValueError, TypeError, OverflowError)."""
    n = 1
    while n * SHARD_ENTRIES < len(table):
        n *= 2
    parts: list[list[tuple[str, object]]] = [[] for _ in range(n)]
    for k, v in table.items():
        if _END in k:
            raise ValueError(f"a key of a sharded table holds {_END!r}: {k!r}")
        parts[_shard_of(k) & (n - 1)].append((k, v))
    keys: list[str] = []
    values: list = []
    char_starts, entry_starts = array("q", [0]), array("q", [0])
    at = 0
    for part in parts:
        for k, v in part:
            keys.append(k)
            values.append(v)
            at += len(k) + 1
        char_starts.append(at)
        entry_starts.append(len(keys))
    kinds = {type(v) for v in values}
    if kinds <= {float}:
        stored: object = ("d", array("d", values).tobytes())
    elif kinds <= {int}:
        stored = ("q", array("q", values).tobytes())
    elif kinds <= {str}:
        names = sorted(set(values))
        index = {v: i for i, v in enumerate(names)}
        stored = ("q", array("q", [index[v] for v in values]).tobytes(), tuple(names))
    else:
        raise TypeError(f"a sharded table holds floats, integers or strings, not {kinds}")
    return ("".join(k + _END for k in keys), char_starts.tobytes(), entry_starts.tobytes(),
            stored, sys.byteorder)


def _array(code: str, data: bytes, byteorder: str) -> array:
    out = array(code)
    if out.itemsize != 8:
        raise ValueError(f"array {code!r} of {out.itemsize} bytes here")  # the table is not read
    out.frombytes(data)
    if byteorder != sys.byteorder:
        out.byteswap()
    return out


class Shards:
    """A dict of string keys read shard by shard (see the module docstring): ``get``, ``[]``
    and ``in`` answer as the dict :func:`shard` was given (and ``[key] = value`` changes it);
    :meth:`whole` is that dict (its order of keys is the shards', not the original's).

    >>> d = {w: len(w) for w in "the cat sat on a mat".split()}
    >>> s = Shards(shard(d))
    >>> s.get("cat"), s.get("dog"), s.get("dog", 0), s["mat"], "on" in s, "no" in s
    (3, None, 0, 3, True, False)
    >>> s.whole() == d
    True
    """

    def __init__(self, stored: tuple) -> None:
        keys, char_starts, entry_starts, (code, data, *names), byteorder = stored
        self._keys: str = keys
        self._char_starts = _array("q", char_starts, byteorder)
        self._entry_starts = _array("q", entry_starts, byteorder)
        self._values = _array(code, data, byteorder)
        self._names: tuple | None = names[0] if names else None  # the strings a value indexes
        n = len(self._char_starts) - 1
        self._mask = n - 1  # a power of two: the shard is the hash's low bits
        self._dicts: list[dict | None] | None = [None] * n
        self._to_whole = max(1, int(n * WHOLE_AFTER))  # shards still to read before
        self._whole: dict | None = None

    def get(self, key: str, default=None):
        dicts = self._dicts
        if dicts is None:  # whole since a caller took this method (``get = shards.get``)
            return self._whole.get(key, default)  # type: ignore[union-attr]
        i = _shard_of(key) & self._mask
        d = dicts[i]
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

    def __setitem__(self, key: str, value) -> None:
        """Set ``key`` to ``value``: how the development tools take a text's own pairs out of
        the period pairs while it is scored (``benchmarks/derive/derive_ngrams.without_pairs``)."""
        if self._whole is None:
            i = _shard_of(key) & self._mask
            d = self._dicts[i]  # type: ignore[index]
            if d is None:
                d = self._read(i)
            if self._whole is None:  # (reading the shard may have made it whole)
                d[key] = value
                return
        self._whole[key] = value

    def _pairs(self, keys: list[str], values: array):
        """``zip`` of keys and values (a key list's trailing empty string is left by zip)."""
        if self._names is not None:
            return zip(keys, map(self._names.__getitem__, values))
        return zip(keys, values)

    def _read(self, i: int) -> dict:
        c, e = self._char_starts, self._entry_starts
        d = self._dicts[i] = dict(self._pairs(self._keys[c[i]:c[i + 1]].split(_END),  # type: ignore[index]
                                              self._values[e[i]:e[i + 1]]))
        self._to_whole -= 1
        if self._to_whole <= 0:
            self.whole()
        return d

    def whole(self) -> dict:
        """The whole dict, every shard read; from now on ``get`` is the dict's own (the same
        answers at a dict's speed)."""
        if self._whole is None:
            merged = dict(self._pairs(self._keys.split(_END), self._values))
            for d in self._dicts:  # type: ignore[union-attr]
                if d is not None:
                    merged.update(d)  # a shard read may have been changed
            self._whole = merged
            self.get = merged.get  # type: ignore[method-assign]
            self._dicts = None
            self._keys, self._values = "", array("q")
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
        each dict cut in shards if the table is sharded (then ``(is a tuple, [(is a dict, the
        dict's shards or the value) for each item])``)."""
        if self.sharded:
            items = value if isinstance(value, tuple) else (value,)
            value = (isinstance(value, tuple),  # type: ignore[assignment]
                     [(True, shard(v)) if isinstance(v, dict) else (False, v) for v in items])
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
        if self.sharded:  # each dict's shards read as Shards
            try:
                is_tuple, items = value
            except (TypeError, ValueError):  # not what shipped_bytes writes
                return None
            read = [Shards(v) if is_dict else v for is_dict, v in items]
            return tuple(read) if is_tuple else read[0]  # type: ignore[return-value]
        return value

    def load(self) -> T:
        """The table: shipped, else from the cache folder, else built (see the module docstring)."""
        key = self.key()
        value = self.shipped(key)
        if value is not None:
            return value
        return cached(self.name, key, self.build)
