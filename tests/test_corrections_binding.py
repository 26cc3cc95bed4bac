"""A corrections file and its source, on the command line: the file of another text is refused
and nothing is written; a deliberate move to a new version of the source (--rebase) says what
it did; the source's encoding is given once; a source is never taken for its corrections file."""
from __future__ import annotations

import codecs

import pytest

from cli_helpers import run, seed_project

from edition.store import parse_corrections

TEXT = ("Marx and Engels wrote it. The V1adimir Ilyich Lenin, Statin and Stalin, the capitatist "
        "and tbe workers shaU see it.\n\n"
        "The Unio'n of workers met in tbe hall.\n")
OTHER = "Quite another text: a ship, a harbour and a storm at sea, with no names in it.\n"


def _detected(tmp_path, name="t.txt", text=TEXT):
    (tmp_path / name).write_text(text, encoding="utf-8")
    run("detect", name, cwd=tmp_path, check=True)
    return tmp_path / "corrections" / f"{name.rsplit('.', 1)[0]}.yaml"


def test_the_file_of_another_text_is_refused_and_nothing_is_written(tmp_path):
    cpath = _detected(tmp_path)
    (tmp_path / "o.txt").write_text(OTHER, encoding="utf-8")
    before = cpath.read_bytes()
    for cmd in ("detect", "status", "apply", "build"):
        proc = run(cmd, "o.txt", "--corrections", str(cpath), cwd=tmp_path)
        assert proc.returncode == 1, (cmd, proc.stderr)
        assert "is the corrections file of t.txt" in proc.stderr and "--rebase" in proc.stderr
        assert proc.stderr.count("\n") == 1
    assert cpath.read_bytes() == before
    # the named source gone (moved away): its entries are nowhere in this text either
    (tmp_path / "t.txt").unlink()
    proc = run("detect", "o.txt", "--corrections", str(cpath), cwd=tmp_path)
    assert proc.returncode == 1 and "cannot be found in o.txt" in proc.stderr
    assert "does not look like this text's corrections file" in proc.stderr
    assert cpath.read_bytes() == before


def test_rebase_moves_the_file_to_a_new_version_and_says_what_it_did(tmp_path):
    cpath = _detected(tmp_path)
    entries = len(parse_corrections(cpath, cpath.read_bytes()))
    assert entries >= 3
    # a new OCR of the page, keeping only its second paragraph
    (tmp_path / "t.txt").write_text(OTHER + "\nThe Unio'n of workers met in tbe hall.\n",
                                    encoding="utf-8")
    proc = run("status", "t.txt", cwd=tmp_path)
    assert proc.returncode == 1 and "--rebase" in proc.stderr
    proc = run("detect", "t.txt", "--rebase", cwd=tmp_path, check=True)
    assert "moved to t.txt" in proc.stderr and "relocated" in proc.stderr and "stale" in proc.stderr
    cf = parse_corrections(cpath, cpath.read_bytes())
    kept = [c for c in cf if not c.stale]
    assert {c.original for c in kept} >= {"Unio'n", "tbe"}
    assert sum(1 for c in cf if c.stale) >= 3  # nothing dropped: the lost ones are kept, stale
    run("status", "t.txt", cwd=tmp_path, check=True)  # and it is this text's file now


def test_rebase_moves_a_file_to_a_renamed_source(tmp_path):
    cpath = _detected(tmp_path)
    (tmp_path / "new.txt").write_text(TEXT, encoding="utf-8")
    proc = run("detect", "new.txt", "--corrections", str(cpath), "--rebase", cwd=tmp_path, check=True)
    assert parse_corrections(cpath, cpath.read_bytes()).source_ref == "../new.txt"
    assert proc.returncode == 0


@pytest.mark.parametrize("command", ["detect", "status", "accept", "apply"])
def test_a_source_given_as_its_own_corrections_file_is_refused(tmp_path, command):
    (tmp_path / "h.txt").write_text("# only lines like comments\n# Statin and V1adimir\n",
                                    encoding="utf-8")
    before = (tmp_path / "h.txt").read_bytes()
    args = ["--min-confidence", "0"] if command == "accept" else []
    proc = run(command, "h.txt", "--corrections", "h.txt", *args, cwd=tmp_path)
    assert proc.returncode == 1 and "is the source itself" in proc.stderr
    assert (tmp_path / "h.txt").read_bytes() == before


def test_the_encoding_is_given_once_at_detect(tmp_path):
    text = "Caf\u00e9 society: the V1adimir of na\u00efve Statin.\n"
    (tmp_path / "w.txt").write_bytes(text.encode("cp1252"))
    run("detect", "w.txt", "--encoding", "cp1252", cwd=tmp_path, check=True)
    cpath = tmp_path / "corrections" / "w.yaml"
    assert "encoding: cp1252\n" in cpath.read_text(encoding="utf-8")
    for args in (("status", "w.txt"), ("apply", "w.txt"), ("accept", "w.txt", "--min-confidence", "0"),
                 ("build", "w.txt", "--validator", "none"), ("verify", "w.txt", "--validator", "none")):
        proc = run(*args, cwd=tmp_path)
        assert proc.returncode == 0, (args, proc.stderr)
    assert "Caf\u00e9" in run("apply", "w.txt", cwd=tmp_path, check=True).stdout


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path, encoding):
    text = "Caf\u00e9: the V1adimir of Statin.\n"
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    (tmp_path / "u.txt").write_bytes(bom + text.encode(encoding))
    run("detect", "u.txt", cwd=tmp_path, check=True)
    assert run("apply", "u.txt", cwd=tmp_path, check=True).stdout.startswith("Caf\u00e9")


def test_utf16_without_a_byte_order_mark_gets_an_encoding_hint(tmp_path):
    (tmp_path / "u.txt").write_bytes("Caf\u00e9 and V1adimir.\n".encode("utf-16-le"))
    proc = run("detect", "u.txt", cwd=tmp_path)
    assert proc.returncode == 1 and "--encoding utf-16-le" in proc.stderr
    assert "binary" not in proc.stderr


def test_reopen_keeps_the_typed_reading_and_redo_restores_it(tmp_path):
    src = seed_project(tmp_path)
    run("detect", str(src), cwd=tmp_path, check=True)
    cpath = tmp_path / "corrections" / "seed.yaml"
    first = next(c for c in parse_corrections(cpath, cpath.read_bytes()) if c.readings)
    run("edit", str(src), first.id, "--reading", "Wl\u00e4dimir \"the\" elder", cwd=tmp_path, check=True)
    edited = parse_corrections(cpath, cpath.read_bytes()).get(first.id)
    run("reopen", str(src), first.id, cwd=tmp_path, check=True)
    reopened = parse_corrections(cpath, cpath.read_bytes()).get(first.id)
    assert reopened.status.value == "proposed" and reopened.reading is None
    assert len(reopened.history) == 1 and "Wl\u00e4dimir" in reopened.history[0]
    run("redo", str(src), first.id, cwd=tmp_path, check=True)
    assert parse_corrections(cpath, cpath.read_bytes()).get(first.id) == edited
    proc = run("redo", str(src), first.id, cwd=tmp_path)
    assert proc.returncode == 1 and "no undone decision" in proc.stderr
