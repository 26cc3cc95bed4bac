"""Atomic file writes, and a lock for read-check-write cycles.

- :func:`write_atomic` — the new content goes to a temporary file in the same folder
  (``.NAME.XXXX.tmp``), is flushed and fsynced, then renamed over the target (``os.replace`` is
  atomic on POSIX and Windows): a crash or kill mid-write leaves the previous file intact.
- :func:`locked` — an exclusive lock on a file for a read-check-write cycle, held through a lock
  file beside it (``.NAME.lock``) that is removed again when the cycle ends. A writer killed
  while it held the lock leaves the lock file (empty, harmless: the next writer takes it over)
  and perhaps a temporary file: the next writer under the lock removes such leftovers.
"""
from __future__ import annotations

import contextlib
import fcntl
import glob
import os
import tempfile
from pathlib import Path
from typing import Iterator


def write_atomic(path: str | Path, data: str | bytes, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` atomically, creating parent folders as needed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode(encoding) if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # a read-only folder, a full disk: name the file asked for, not ours
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:  # make the rename itself durable
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


@contextlib.contextmanager
def locked(path: str | Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (through ``.NAME.lock`` beside it) for the block.

    The lock file is removed before the lock is released; a writer that was waiting on it then
    finds that the file it locked is no longer the one at that path, and takes the lock on the
    new one (the usual lock-file protocol). Under the lock, temporary files that a killed writer
    of ``path`` left behind are removed.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.parent / f".{path.name}.lock"
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:  # a read-only folder: name the file to be written, not the lock
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if os.stat(lock).st_ino == os.fstat(fd).st_ino:
                break
        except FileNotFoundError:
            pass  # removed by the writer we waited for: lock the new one
        os.close(fd)
    try:
        remove_leftovers(path)
        yield
    finally:
        try:
            os.unlink(lock)
        except FileNotFoundError:
            pass
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def remove_leftovers(path: Path) -> list[Path]:
    """Remove the temporary files of :func:`write_atomic` for ``path`` (call it only under
    :func:`locked`, when no other writer of ``path`` can be writing one); returns them."""
    gone = []
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            tmp.unlink()
            gone.append(tmp)
        except OSError:
            pass
    return gone
