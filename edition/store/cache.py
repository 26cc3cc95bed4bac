"""The parse of each corrections file, kept between commands, keyed by the file's exact bytes.

Reading a corrections file of 23,000 entries costs about a second; loading its parse from here
costs a few hundredths. The entry for a file is written each time the tool reads or writes it,
and holds the SHA-256 of the bytes it was parsed from: it is used only when the file's bytes
are exactly those (so it can never disagree with the file), and only by the same parsing code
(a fingerprint of the store's modules is part of the key). A hand edit, a ``git pull`` or a new
version of `edition` simply makes the next command parse the file again.

One cache file per corrections file (named by a hash of its absolute path), in
``<cache dir>/store/`` (``$EDITION_CACHE`` or ``~/.cache/edition``, see
:func:`edition.cache.cache_dir`), so the cache never grows beyond the size of the
corrections files themselves; beside it, a small *change* file: a decision changes a few entries,
and rewriting the whole parse of a book after each one (100,000 entries: 30 MB) would cost more
than the decision, so the entries changed since the whole parse was kept are kept apart, until
there are many of them. A cache that cannot be read or written only costs time.
"""
from __future__ import annotations

import functools
import hashlib
import marshal
from pathlib import Path
from typing import Any

from ..cache import cache_dir, keep_file

_MODULES = ("yamltext.py", "layout.py", "entries.py", "file.py", "cache.py")


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the code that parses corrections files (and of the records it builds)."""
    h = hashlib.sha1()
    here = Path(__file__).parent
    for name in _MODULES:
        h.update((here / name).read_bytes())
    h.update((here.parent / "model.py").read_bytes())
    return h.hexdigest()[:16]


def _entry_path(path: Path, suffix: str = "marshal") -> Path:
    key = hashlib.sha1(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return cache_dir() / "store" / f"{key}.{suffix}"


def _read(target: Path) -> tuple | None:
    try:
        value = marshal.loads(target.read_bytes())
    except Exception:  # missing, truncated, from another Python: absent
        return None
    if not isinstance(value, tuple) or not value or value[0] != code_fingerprint():
        return None
    return value


def load(path: Path, digest: str) -> tuple[str, Any, Any] | None:
    """What is kept for ``path``'s bytes with SHA-256 ``digest`` (by this code):
    ``(base, payload, change)``, where ``payload`` was stored for the bytes with SHA-256 ``base``
    and ``change`` (None when ``base`` is ``digest``) turns it into the parse of these bytes; or
    None."""
    kept = _read(_entry_path(path))
    if kept is None:
        return None
    _, base, payload = kept
    if base == digest:
        return base, payload, None
    change = _read(_entry_path(path, "change.marshal"))
    if change is None or change[1] != base or change[2] != digest:
        return None
    return base, payload, change[3]


def store(path: Path, digest: str, payload: Any) -> None:
    """Keep ``payload`` (plain data: tuples, strings, numbers) as the parse of ``path``'s bytes
    with SHA-256 ``digest``, replacing what was kept for it before."""
    _write(_entry_path(path), (code_fingerprint(), digest, payload))
    _remove(_entry_path(path, "change.marshal"))


def store_change(path: Path, base: str, digest: str, change: Any) -> None:
    """Keep ``change``: what turns the payload stored for the bytes with SHA-256 ``base`` into
    the parse of ``path``'s bytes with SHA-256 ``digest`` (a few changed entries: far less to
    write than the whole parse of a book)."""
    _write(_entry_path(path, "change.marshal"), (code_fingerprint(), base, digest, change))


def _remove(target: Path) -> None:
    try:
        target.unlink()
    except OSError:
        pass


def _write(target: Path, value: Any) -> None:
    try:
        data = marshal.dumps(value)
    except ValueError:  # a value marshal cannot hold: not kept, which only costs time
        return
    keep_file(target, data)
