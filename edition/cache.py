"""The user's cache folder of `edition`: derived evidence tables (pickled dicts), so that a cold
start reads one small file instead of parsing text lists, and the corrections store's parses
(``store/``, see :mod:`edition.store.cache`) and the corpus review's summaries of them
(``corpus-review/``, see :mod:`edition.corpus_review.index`).

The cache lives in ``$EDITION_CACHE`` or ``$XDG_CACHE_HOME/edition`` (default ``~/.cache/edition``).
An entry is keyed by a name and a fingerprint of what it was built from (file sizes and
modification times, a format version), so a changed input rebuilds it. A cache that cannot be
written (read-only home) is not an error: the table is then built in memory on every run.

Housekeeping: an entry is touched each time it is read, so its modification time is its last
use; entries not used for :data:`MAX_IDLE_DAYS` (those of an older version of `edition` or of
its data, which a new version no longer reads) are removed, at most once a day, by the first
process that uses the cache (:func:`prune`). :func:`usage` and :func:`clear` are
``edition cache`` and ``edition cache clear``.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")

#: Days an entry may go unread before it is removed. A version of `edition` leaves 13 MB of
#: tables here (26 MB once a long run has built the lexicon's search masks); once a newer one is
#: installed its entries are no longer read. Two weeks keep the tables of anyone who runs
#: `edition` now and then (rebuilding them made `edition detect` on the seed take 3.9 s instead
#: of 1.9 s), and bound the cache to the versions used in the last two weeks.
MAX_IDLE_DAYS = 14
#: The files of the cache, by the pattern of their names: evidence tables (``*.pickle``), the
#: corrections-file parses of the store and their change files (``store/*.marshal``), the corpus
#: review's summaries of them (``corpus-review/*.marshal``), and writes cut short (``*.tmp``).
#: :func:`clear` and :func:`prune` remove these and nothing else.
PATTERNS = ("*.pickle", "store/*.marshal", "*.tmp", ".*.tmp", "store/*.tmp", "store/.*.tmp",
            "corpus-review/*.marshal", "corpus-review/.*.tmp")
_PRUNED = ".pruned"  # its modification time: when the cache was last pruned
_DAY = 24 * 3600
_pruned_here = False


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
    _prune_once()
    path = cache_dir() / f"{name}-{key}.pickle"
    try:
        with open(path, "rb") as f:
            value = pickle.load(f)
    except Exception:  # a missing, truncated or outdated cache file counts as absent
        return None
    try:
        os.utime(path)  # used now: see prune()
    except OSError:
        pass
    return value


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """The value ``build()`` returns, read from the cache when it holds ``name`` for ``key``."""
    value = stored(name, key)
    if value is not None:
        return value  # type: ignore[return-value]
    value = build()
    keep_file(cache_dir() / f"{name}-{key}.pickle", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def keep_file(path: Path, data: bytes) -> None:
    """Write ``data`` to the cache file ``path`` whole or not at all (through a ``.*.tmp`` file
    beside it, which :data:`PATTERNS` name); an unwritable cache only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass


def _entries(folder: Path) -> list[Path]:
    return sorted({p for pattern in PATTERNS for p in folder.glob(pattern) if p.is_file()})


def usage() -> tuple[Path, int, int]:
    """``(folder, files, bytes)`` of the cache."""
    folder = cache_dir()
    files = _entries(folder) if folder.is_dir() else []
    return folder, len(files), sum(_size(p) for p in files)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def clear() -> tuple[int, int]:
    """Remove every entry of the cache; ``(files, bytes)`` removed. Files that are not the
    cache's (see :data:`PATTERNS`) are left, so a cache folder set to a shared place is safe."""
    return _remove(lambda path: True)


def prune(max_idle_days: float = MAX_IDLE_DAYS, now: float | None = None) -> tuple[int, int]:
    """Remove the entries not used for ``max_idle_days``; ``(files, bytes)`` removed."""
    limit = (time.time() if now is None else now) - max_idle_days * _DAY
    counts = _remove(lambda path: path.stat().st_mtime < limit)
    try:
        (cache_dir() / _PRUNED).touch()
    except OSError:
        pass
    return counts


def _remove(chosen: Callable[[Path], bool]) -> tuple[int, int]:
    folder = cache_dir()
    files = n = 0
    if not folder.is_dir():
        return 0, 0
    for path in _entries(folder):
        try:
            if chosen(path):
                size = _size(path)
                path.unlink()
                files, n = files + 1, n + size
        except OSError:  # gone meanwhile (another process), or not ours to remove
            continue
    return files, n


def _prune_once() -> None:
    """Prune at most once a day (per cache folder), and once per process at most."""
    global _pruned_here
    if _pruned_here:
        return
    _pruned_here = True
    try:
        last = (cache_dir() / _PRUNED).stat().st_mtime
    except OSError:
        last = 0.0
    if time.time() - last > _DAY:
        try:
            prune()
        except OSError:
            pass
