"""Reading sources: lossless, strict, and clear about bad input (exit 1, one line)."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from edition.errors import EditionError
from edition.source import read_source, text_sha256

from cli_helpers import SEED, run


def test_seed_reads_losslessly():
    s = read_source(SEED)
    assert s.text == SEED.read_bytes().decode("utf-8")
    assert not s.bom and not s.crlf
    assert s.sha256 == text_sha256(s.text)
    assert s.name == "hoxha-memoirs-stalin-introduction"


def test_bom_and_crlf_are_accepted_and_recorded(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(b"\xef\xbb\xbfFirst line\r\nsecond\r\n")
    s = read_source(p)
    assert s.text == "First line\nsecond\n"
    assert s.bom and s.crlf


def test_other_encoding_when_asked(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes("caf\u00e9 na\u00efve".encode("cp1252"))
    with pytest.raises(EditionError, match=r"byte offset 3.*--encoding"):
        read_source(p)
    assert read_source(p, encoding="cp1252").text == "caf\u00e9 na\u00efve"


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (b"  \n\n", "empty file"),
    (b"text\x00with nul", "binary file"),
    (b"ok then \xff\xfe bad", "byte offset 8"),
])
def test_bad_input_is_refused(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(EditionError, match=message):
        read_source(p)


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: d, "is a directory"),
])
def test_missing_and_directory(tmp_path, make, message):
    with pytest.raises(EditionError, match=message):
        read_source(make(tmp_path))


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
    (b"Stalin \xe9tait", "not valid utf-8: byte 0xe9 at byte offset 7"),
])
def test_cli_bad_input_one_line_exit_1(tmp_path, content, message):
    (tmp_path / "bad.txt").write_bytes(content)
    proc = run("detect", "bad.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert message in proc.stderr
    assert not (tmp_path / "corrections").exists() or not any((tmp_path / "corrections").iterdir())


def test_cli_missing_file_and_directory(tmp_path):
    for target, message in (("nope.txt", "no such file"), (".", "is a directory")):
        proc = run("apply", target, cwd=tmp_path)
        assert proc.returncode == 1, proc.stderr
        assert message in proc.stderr and proc.stderr.count("\n") == 1


def test_cli_bad_usage_exit_2(tmp_path):
    proc = run("accept", cwd=tmp_path)
    assert proc.returncode == 2
    proc = run("frobnicate", cwd=tmp_path)
    assert proc.returncode == 2


@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1)
       .filter(lambda t: t.lstrip("\ufeff").strip(" \t\n\r\x0b\x0c") and "\x00" not in t))
def test_any_text_reads_back_normalized(tmp_path_factory, text):
    p = tmp_path_factory.mktemp("src") / "t.txt"
    p.write_bytes(text.encode("utf-8"))
    s = read_source(p)
    expected = text[1:] if text.startswith("\ufeff") else text
    assert s.text == expected.replace("\r\n", "\n").replace("\r", "\n")
    assert s.sha256 == text_sha256(s.text)


def test_a_utf8_source_read_with_another_encoding_is_refused(tmp_path):
    """`--encoding latin-1` on a UTF-8 source read mojibake silently (and relocated every
    decision into it); it is refused, and utf-8-sig still reads it."""
    import pytest

    from edition.errors import EditionError

    p = tmp_path / "t.txt"
    p.write_bytes("Stalin \u2014 the V1adimir of caf\u00e9s\n".encode("utf-8"))
    for encoding in ("latin-1", "cp1252"):
        with pytest.raises(EditionError, match="is UTF-8.*leave --encoding out"):
            read_source(p, encoding)
    assert read_source(p, "utf-8-sig").text.startswith("Stalin \u2014")
    p.write_bytes("caf\u00e9 na\u00efve\n".encode("cp1252"))
    assert read_source(p, "cp1252").text == "caf\u00e9 na\u00efve\n"


def test_a_plain_text_source_is_read_without_the_ocr_formats_code(tmp_path):
    """Telling a text from an ALTO, hOCR or PAGE file (edition.formats.sniff) needs no lxml: a
    cold `edition detect` of a text does not pay for its import (and an OCR file still reads)."""
    import subprocess
    import sys

    from cli_helpers import ROOT

    code = ("import sys; from edition.source import read_source; read_source(sys.argv[1]); "
            "print(sorted(m for m in sys.modules if m.startswith(('lxml', 'edition.formats'))))")
    out = subprocess.run([sys.executable, "-c", code, str(SEED)], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    assert out.strip() == "['edition.formats', 'edition.formats.sniff']"


@pytest.mark.parametrize("name, root", [("a.tei.xml", "TEI"), ("page.html", "html")])
def test_markup_that_is_no_ocr_format_is_refused_not_read_as_text(tmp_path, name, root):
    """A TEI edition (this tool's own build/NAME.tei.xml) or a web page given as SOURCE was read
    as a plain text: `detect` proposed its markup for correction, tag by tag (190 proposals on a
    newspaper article's TEI). A text that only begins with '<' is still a text."""
    if root == "TEI":
        (tmp_path / "t.txt").write_text(SEED.read_text(encoding="utf-8")[:3000], encoding="utf-8")
        run("build", "t.txt", "--validator", "none", "-q", cwd=tmp_path, check=True)
        (tmp_path / name).write_bytes((tmp_path / "build" / "t.tei.xml").read_bytes())
    else:
        (tmp_path / name).write_text("<!DOCTYPE html>\n<html><body><p>The tbe war.</p></body></html>\n",
                                     encoding="utf-8")
    proc = run("detect", name, cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr == (f"edition: error: {name}: markup (<{root}>), but not ALTO, hOCR or PAGE "
                           "XML: edition reads those, or a plain text\n")
    assert not list(tmp_path.glob("corrections/*.yaml"))
    (tmp_path / "lt.txt").write_text("<the title> of tbe book.\n", encoding="utf-8")
    assert run("detect", "lt.txt", cwd=tmp_path).returncode == 0


def test_a_source_converted_to_utf8_after_its_encoding_was_recorded(tmp_path):
    """A cp1252 source detected with --encoding cp1252, then converted to UTF-8 (iconv): every
    command refused it with "leave --encoding out", which the user had not given (the
    corrections file records it), so the advice changed nothing. The message says how to move
    the record; done as it says, the commands read the file again."""
    (tmp_path / "t.txt").write_bytes("The caf\u00e9 was full of pe0ple.\n".encode("cp1252"))
    run("detect", "t.txt", "--encoding", "cp1252", cwd=tmp_path, check=True)
    (tmp_path / "t.txt").write_bytes("The caf\u00e9 was full of pe0ple.\n".encode("utf-8"))
    proc = run("status", "t.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert ("where its corrections file records `encoding: cp1252` (the file was converted "
            "since), give --encoding utf-8 to a command that saves it") in proc.stderr
    run("accept", "t.txt", "--encoding", "utf-8", "--min-confidence", "0.5", cwd=tmp_path, check=True)
    assert run("status", "t.txt", cwd=tmp_path).returncode == 0
    assert "encoding: cp1252" not in (tmp_path / "corrections" / "t.yaml").read_text(encoding="utf-8")
