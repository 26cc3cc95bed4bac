"""The parse of each corrections file, kept between commands, keyed by the file's exact bytes.

Reading a corrections file of 23,000 entries costs about a second; loading its parse from here
costs a few hundredths. The entry for a file is written each time the tool reads or writes it,
and holds the SHA-256 of the bytes it was parsed from: it is used only when the file's bytes
are exactly those (so it can never disagree with the file), and only by the same parsing code
(a fingerprint of the store's modules is part of the key). A hand edit, a ``git pull`` or a new
version of `edition` simply makes the next command parse the file again.

One cache file per corrections file (named by a hash of its absolute path), in
``<cache dir>/store/`` (``$EDITION_CACHE`` or ``~/.cache/edition``, see
:func:`edition.evidence._cache.cache_dir`), so the cache never grows beyond the size of the
corrections files themselves. A cache that cannot be read or written only costs time.
"""
from __future__ import annotations

import functools
import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

from ..evidence._cache import cache_dir

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


def _entry_path(path: Path) -> Path:
    key = hashlib.sha1(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return cache_dir() / "store" / f"{key}.marshal"


def load(path: Path, digest: str) -> Any | None:
    """The parse stored for ``path`` if it was made from bytes with SHA-256 ``digest`` by this
    code, else None."""
    try:
        raw = _entry_path(path).read_bytes()
        fingerprint, stored_digest, payload = marshal.loads(raw)
    except Exception:  # missing, truncated, from another Python: absent
        return None
    if fingerprint != code_fingerprint() or stored_digest != digest:
        return None
    return payload


def store(path: Path, digest: str, payload: Any) -> None:
    """Keep ``payload`` (plain data: tuples, strings, numbers) as the parse of ``path``'s bytes
    with SHA-256 ``digest``, replacing what was kept for it before."""
    target = _entry_path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps((code_fingerprint(), digest, payload)))
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        pass  # an unwritable cache only costs time
