"""The corrections file of a book (20,000 entries): nothing lost when a batch is killed, when
two writers work at once, when a hundred decisions pass over an editor's comments; one decision
is a few lines in git; a file written by earlier versions reads the same and is rewritten byte
for byte."""
from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
from multiprocessing import get_context
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from cli_helpers import ROOT, run

from edition import workflow
from edition.model import Kind, Proposal, Status
from edition.review import Selection
from edition.source import read_source
from edition.store import (load_corrections, merge_proposals, new_corrections_file,
                           parse_corrections, save_corrections)
from edition.store.entries import correction_from_fields

ENTRIES = 20_000
WORDS = ("Statin", "V1adimir", "tbe", "Unio'n", "capitatist")
READINGS = {"Statin": "Stalin", "V1adimir": "Vladimir", "tbe": "the", "Unio'n": "Union",
            "capitatist": "capitalist"}


def make_book(folder: Path, n: int = ENTRIES) -> tuple[Path, Path]:
    """A text with ``n`` artifacts and its corrections file of ``n`` proposals (seconds)."""
    lines = [f"Paragraph {i}: the {WORDS[i % 5]} of page {i // 40}, line {i % 40}." for i in range(n)]
    text = "\n".join(lines) + "\n"
    src = folder / "book.txt"
    src.write_text(text, encoding="utf-8")
    source = read_source(src)
    proposals, pos = [], 0
    for i, line in enumerate(lines):
        word = WORDS[i % 5]
        start = pos + line.index(word)
        proposals.append(Proposal(start, start + len(word), word, (READINGS[word],), Kind.NONWORD,
                                  0.5 + (i % 50) / 100, f"test evidence {i}", "nonword"))
        pos += len(line) + 1
    cf = new_corrections_file(folder / "corrections" / "book.yaml", source)
    merge_proposals(cf, source, proposals)
    save_corrections(cf)
    return src, cf.path


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> tuple[Path, Path]:
    return make_book(tmp_path_factory.mktemp("book"))


def fresh_copy(book: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    src, cpath = book
    shutil.copy(src, tmp_path / src.name)
    (tmp_path / "corrections").mkdir()
    shutil.copy(cpath, tmp_path / "corrections" / cpath.name)
    return tmp_path / src.name, tmp_path / "corrections" / cpath.name


def test_kill_during_a_batch_accept_leaves_the_old_file_or_the_new_one(book, tmp_path):
    src, cpath = fresh_copy(book, tmp_path)
    before = cpath.read_bytes()
    outcomes = set()
    for delay in (0.05, 0.3, 0.6, 0.9, 1.2, 1.6, 2.5):
        cpath.write_bytes(before)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "EDITION_EDITOR": "Killer"}
        proc = subprocess.Popen([sys.executable, "-m", "edition", "accept", src.name,
                                 "--min-confidence", "0", "--quiet"], cwd=tmp_path, env=env)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after = cpath.read_bytes()
        if after == before:
            outcomes.add("old")
            continue
        cf = parse_corrections(cpath, after)  # a whole, valid file ...
        assert len(cf) == ENTRIES
        assert all(c.status is Status.ACCEPTED for c in cf)  # ... with every decision of the batch
        outcomes.add("new")
    assert outcomes  # (which of the two depends on the machine's speed)
    first = parse_corrections(cpath, cpath.read_bytes()).corrections[0].id
    run("reject", src.name, first, cwd=tmp_path, check=True)  # the next write cleans up after it
    assert not list(cpath.parent.glob(".*.tmp")) and not list(cpath.parent.glob(".*.lock"))


def _writer(args: tuple[str, str, list[str], str]) -> list[str]:
    """One editor deciding entries one command at a time (each a full read, decide, save)."""
    src, cpath, ids, by = args
    os.chdir(Path(src).parent)
    for cid in ids:  # a refusal ("changed on disk") would fail the test: none is expected
        project = workflow.open_project(src, cpath)
        workflow.decide(project, Selection(ids=(cid,)), "accept", by=by)
    return ids


def test_two_writers_at_once_lose_no_decision(book, tmp_path):
    src, cpath = fresh_copy(book, tmp_path)
    ids = [c.id for c in parse_corrections(cpath, cpath.read_bytes())]
    mine, theirs = ids[0:2000:160], ids[1:2000:160]  # interleaved: neighbours in the file
    with get_context("spawn").Pool(2) as pool:
        pool.map(_writer, [(str(src), str(cpath), mine, "Ana"), (str(src), str(cpath), theirs, "Bo")])
    cf = parse_corrections(cpath, cpath.read_bytes())
    by = {c.id: c.by for c in cf}
    assert all(by[i] == "Ana" for i in mine) and all(by[i] == "Bo" for i in theirs)
    assert sum(1 for c in cf if c.decided) == len(mine) + len(theirs)


def test_an_editors_comments_survive_a_hundred_decisions(book, tmp_path):
    src, cpath = fresh_copy(book, tmp_path)
    text = cpath.read_text(encoding="utf-8")
    ids = [c.id for c in parse_corrections(cpath, cpath.read_bytes())]
    target = ids[10]
    text = text.replace("corrections:\n", "# Reviewed up to page 3 by Ana.\ncorrections:\n", 1)
    text = text.replace(f"- id: {ids[5]}\n", f"# ask Bo about this one\n- id: {ids[5]}\n", 1)
    block = text.index(f"- id: {target}\n")
    text = text[:block] + text[block:].replace("  kind: nonword\n",
                                               "  kind: nonword   # or a glyph?\n", 1)
    cpath.write_text(text, encoding="utf-8")
    chosen = ids[:100]
    for i, cid in enumerate(chosen):
        if i % 10 == 0:  # as a command does (read, decide, save), or the review page (decide, save)
            project = workflow.open_project(src, cpath)
        action = ("accept", "reject", "flag", "edit")[i % 4]
        workflow.decide(project, Selection(ids=(cid,)), action, by="Ana",
                        reading="Edited" if action == "edit" else None)
    out = cpath.read_text(encoding="utf-8")
    assert "# Reviewed up to page 3 by Ana.\ncorrections:\n" in out
    assert f"# ask Bo about this one\n- id: {ids[5]}\n" in out
    assert "  kind: nonword   # or a glyph?\n" in out
    cf = parse_corrections(cpath, out.encode("utf-8"))
    assert sum(1 for c in cf if c.decided) == 100 and cf.get(target).decided


def _git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    return subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                          cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def test_one_decision_is_a_few_lines_of_git_diff(book, tmp_path):
    src, cpath = fresh_copy(book, tmp_path)
    _git("init", "-q", cwd=tmp_path)
    _git("add", ".", cwd=tmp_path)
    _git("commit", "-q", "-m", "detected", cwd=tmp_path)
    ids = [c.id for c in parse_corrections(cpath, cpath.read_bytes())]
    for args in (("accept", ids[100]), ("reject", ids[200]), ("edit", ids[300], "--reading", "Stalm"),
                 ("flag", ids[400], "--note", "illegible")):
        run(args[0], src.name, *args[1:], cwd=tmp_path, check=True)
        stat = _git("diff", "--numstat", cwd=tmp_path).split()
        added, deleted = int(stat[0]), int(stat[1])
        assert added + deleted <= 5, (args, _git("diff", cwd=tmp_path))
        _git("commit", "-q", "-am", args[0], cwd=tmp_path)


def test_a_file_written_by_earlier_versions_reads_the_same_and_rewrites_byte_for_byte(tmp_path):
    """The seed's reviewed corrections file was written by ruamel.yaml (the writer of earlier
    versions): the fast reader reads it as ruamel.yaml does, and a save without changes writes
    it back unchanged."""
    path = ROOT / "corrections" / "hoxha-memoirs-stalin-introduction.yaml"
    data = path.read_bytes()
    entries = YAML(typ="rt").load(io.StringIO(data.decode("utf-8")))["corrections"]
    expected = [correction_from_fields(path, e, i, None, lambda k: None)
                for i, e in enumerate(entries)]
    cf = parse_corrections(path, data)
    assert cf.corrections == expected
    assert cf.dump().encode("utf-8") == data
    src = tmp_path / "seeds" / "hoxha-memoirs-stalin-introduction.txt"
    src.parent.mkdir()
    shutil.copy(ROOT / "seeds" / src.name, src)
    copy = tmp_path / "corrections" / path.name
    copy.parent.mkdir()
    copy.write_bytes(data)
    loaded = load_corrections(copy, read_source(src))
    save_corrections(loaded)
    assert copy.read_bytes() == data
