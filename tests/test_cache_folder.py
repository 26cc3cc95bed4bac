"""The cache folder (``$EDITION_CACHE``, else ``~/.cache/edition``): shown and emptied with
``edition cache [clear]``, and kept to the entries used in the last two weeks, so that it does
not grow by a version's tables at every upgrade."""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from cli_helpers import run, seed_project

DAY = 24 * 3600


@pytest.fixture()
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("EDITION_CACHE", str(folder))  # cli_helpers.run passes the environment on
    return folder


def _age(path: Path, days: float) -> None:
    then = time.time() - days * DAY
    os.utime(path, (then, then))


def _days_idle(path: Path) -> float:
    return (time.time() - path.stat().st_mtime) / DAY


def test_the_cache_is_shown_pruned_of_old_versions_and_cleared(tmp_path, cache):
    src = seed_project(tmp_path)
    run("detect", str(src), "-q", cwd=tmp_path, check=True)
    # detection's tables ship with the package (tests/test_detection_tables.py): the cache holds
    # one only where those do not fit the word lists installed, or a long run's search masks
    tables = sorted(p.name for p in cache.glob("*.pickle"))
    parses = list(cache.glob("store/*.marshal"))  # the corrections file's parse (edition.store)
    assert parses, "the store keeps the parse of the corrections file it wrote"
    shown = run("cache", cwd=tmp_path, check=True).stdout
    files = len(tables) + len(parses)
    assert re.match(rf"{re.escape(str(cache))}: {files} file\(s\), \d+\.\d MB;", shown)

    # an older version's table, unused for 20 days; a table last read 10 days ago; not the cache's
    old = cache / "bigrams-0123456789ab.pickle"
    old.write_bytes(b"an older version's table")
    _age(old, 20)
    recent = cache / "foreign-words-0123456789ab.pickle"
    recent.write_bytes(b"a table read ten days ago")
    _age(recent, 10)
    mine = cache / "notes.txt"
    mine.write_text("a file of the user's", encoding="utf-8")
    _age(mine, 100)
    # pruned at most once a day: the last time was an hour ago, so nothing goes yet
    (cache / ".pruned").touch()
    _age(cache / ".pruned", 1 / 24)
    run("detect", str(src), "-q", cwd=tmp_path, check=True)
    assert old.exists()
    # a day later, the first command prunes what has not been used for 14 days
    _age(cache / ".pruned", 1.5)
    run("detect", str(src), "-q", cwd=tmp_path, check=True)
    assert not old.exists() and recent.exists() and mine.exists()
    assert sorted(p.name for p in cache.glob("*.pickle")) == sorted(tables + [recent.name])
    assert _days_idle(cache / ".pruned") < 1

    # detect counts the project's decisions from its corrections files first, whose summaries
    # the corpus review keeps (edition.corpus_review.index)
    summaries = list(cache.glob("corpus-review/*.marshal"))
    assert summaries
    kept = list(cache.glob("*.pickle")) + list(cache.glob("store/*.marshal")) + summaries
    cleared = run("cache", "clear", cwd=tmp_path, check=True).stdout
    assert cleared.startswith(f"removed {len(kept)} file(s), ") and str(cache) in cleared
    assert not list(cache.glob("*.pickle")) and not list(cache.glob("store/*")) and mine.exists()
    assert not list(cache.glob("corpus-review/*"))
    run("detect", str(src), "-q", cwd=tmp_path, check=True)  # and rebuilt as needed
    assert sorted(p.name for p in cache.glob("*.pickle")) == tables
    assert list(cache.glob("store/*.marshal"))


def test_a_table_read_from_the_cache_is_marked_used(cache):
    # its modification time is its last use, which is what pruning goes by
    from edition import cache as folder

    assert folder.cached("table", "k1", lambda: {"a": 1}) == {"a": 1}
    entry = cache / "table-k1.pickle"
    _age(entry, 10)
    assert folder.cached("table", "k1", lambda: pytest.fail("read, not built")) == {"a": 1}
    assert _days_idle(entry) < 1


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITION_CACHE", str(tmp_path / "a-file"))
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    src = seed_project(tmp_path)
    run("detect", str(src), "-q", cwd=tmp_path, check=True)
    assert run("cache", "clear", cwd=tmp_path, check=True).stdout.startswith("removed 0 file(s)")
