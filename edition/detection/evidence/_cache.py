"""A compact on-disk cache for derived evidence tables (pickled dicts), so that a cold start
reads one small file instead of parsing text lists.

The cache lives in ``$EDITION_CACHE`` or ``$XDG_CACHE_HOME/edition`` (default ``~/.cache/edition``).
An entry is keyed by a name and a fingerprint of what it was built from (file sizes and
modification times, a format version), so a changed input rebuilds it. A cache that cannot be
written (read-only home) is not an error: the table is then built in memory on every run.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    if os.environ.get("EDITION_CACHE"):
        return Path(os.environ["EDITION_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "edition"


def fingerprint(*parts: object) -> str:
    """A short hash of the inputs: files by size and mtime, anything else by its repr."""
    h = hashlib.sha1()
    for part in parts:
        if isinstance(part, Path):
            st = part.stat()
            h.update(f"{part}:{st.st_size}:{st.st_mtime_ns}".encode())
        else:
            h.update(repr(part).encode())
    return h.hexdigest()[:12]


def stored(name: str, key: str) -> object | None:
    """The value the cache holds for ``name`` and ``key``, or None (nothing is built)."""
    try:
        with open(cache_dir() / f"{name}-{key}.pickle", "rb") as f:
            return pickle.load(f)
    except Exception:  # a missing, truncated or outdated cache file counts as absent
        return None


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """The value ``build()`` returns, read from the cache when it holds ``name`` for ``key``."""
    value = stored(name, key)
    if value is not None:
        return value  # type: ignore[return-value]
    path = cache_dir() / f"{name}-{key}.pickle"
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # an unwritable cache only costs time
    return value
