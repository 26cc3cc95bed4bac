"""OCR files as sources: detect, accept, build and verify an ALTO, hOCR or PAGE folder (or one
file) as they do a plain text, through the real command line."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cli_helpers import run
from edition.formats import read_ocr

FIXTURE = Path(__file__).parent / "data" / "ocr" / "bln-3200797034"


@pytest.mark.parametrize("fmt", ["alto", "hocr", "page"])
def test_an_ocr_folder_goes_from_detect_to_a_verified_edition(tmp_path, fmt):
    shutil.copytree(FIXTURE / fmt, tmp_path / "book")
    proc = run("detect", "book", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    corrections = (tmp_path / "corrections" / "book.yaml").read_text(encoding="utf-8")
    assert "status: proposed" in corrections
    assert run("accept", "book", "--min-confidence", "0.5", cwd=tmp_path).returncode == 0
    proc = run("build", "book", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    proc = run("verify", "book", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    reading = (tmp_path / "build" / "book.txt").read_text(encoding="utf-8")
    # the reading text is the OCR's derived text with the accepted corrections
    words = read_ocr(tmp_path / "book").text.split()
    assert len(set(reading.split()) & set(words)) > 0.8 * len(set(words))


def test_one_ocr_file_is_a_source_too(tmp_path):
    shutil.copy(FIXTURE / "hocr" / "page-001.hocr", tmp_path / "page.hocr")
    proc = run("detect", "page.hocr", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "corrections" / "page.yaml").is_file()
    text = read_ocr(tmp_path / "page.hocr").text
    proc = run("apply", "page.hocr", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout == text


@pytest.mark.parametrize("fmt", ["alto", "hocr", "page"])
def test_apply_format_writes_the_corrected_ocr_with_only_the_decided_words_changed(tmp_path, fmt):
    from edition.formats import schema_errors

    shutil.copytree(FIXTURE / fmt, tmp_path / "book")
    assert run("detect", "book", cwd=tmp_path).returncode == 0
    # nothing decided: the OCR comes back byte for byte
    proc = run("apply", "book", "--format", fmt, "-o", "same", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    for f in sorted((tmp_path / "book").iterdir()):
        if f.suffix in (".xml", ".hocr"):
            assert (tmp_path / "same" / f.name).read_bytes() == f.read_bytes()
    # decisions: the corrected OCR reads as the corrected text and adds no schema error
    assert run("accept", "book", "--min-confidence", "0.5", cwd=tmp_path).returncode == 0
    proc = run("apply", "book", "--format", fmt, "-o", "corrected", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    expected = run("apply", "book", cwd=tmp_path).stdout
    assert read_ocr(tmp_path / "corrected").text == expected
    for f in (tmp_path / "corrected").iterdir():
        new = set(e.split(": ", 1)[-1] for e in schema_errors(f.read_bytes()))
        old = set(e.split(": ", 1)[-1] for e in schema_errors((tmp_path / "book" / f.name).read_bytes()))
        assert new <= old


def test_apply_format_refuses_another_format(tmp_path):
    shutil.copytree(FIXTURE / "alto", tmp_path / "book")
    assert run("detect", "book", cwd=tmp_path).returncode == 0
    proc = run("apply", "book", "--format", "page", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 1 and "book is alto, not page" in proc.stderr


def test_decisions_survive_a_changed_ocr_file(tmp_path):
    """Re-OCR or a hand edit changes the file: the decisions are relocated in the new derived
    text, as for a plain text, and none is lost."""
    shutil.copytree(FIXTURE / "alto", tmp_path / "book")
    assert run("detect", "book", cwd=tmp_path).returncode == 0
    assert run("accept", "book", "--min-confidence", "0.5", cwd=tmp_path).returncode == 0
    before = run("apply", "book", cwd=tmp_path).stdout
    page = tmp_path / "book" / "page-001.xml"
    doc = read_ocr(tmp_path / "book")
    first = doc.words[0]
    data = page.read_bytes()
    old = f'CONTENT="{first.text}"'.encode()
    assert data.count(old) >= 1
    page.write_bytes(data.replace(old, b'CONTENT="Inserted words"', 1))
    proc = run("apply", "book", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.replace("Inserted words", first.text, 1) == before


def _tree_of(text: str):
    """The page/block/line/word tree of a derived text (its rule read backwards)."""
    from ocr_documents import Tree

    return Tree(tuple(tuple(tuple(tuple(line.split(" ")) for line in block.split("\n"))
                            for block in page.split("\n\n")) for page in text.split("\n\n\n\n")))


@pytest.mark.slow
@pytest.mark.parametrize("fmt,version", [("alto", "2"), ("alto", "4"), ("page", "2013-07-15")])
def test_every_version_goes_to_an_edition_valid_under_jing(tmp_path, fmt, version):
    """The versions Tesseract does not write (ALTO 2 and 4, PAGE 2013), made with the words and
    lines of its real output: detected, decided, built (tei_all under jing, RELAX NG and
    Schematron) and verified, with a surface per page and an lb per line."""
    if shutil.which("jing") is None:
        pytest.skip("jing is not installed")
    from ocr_documents import SUFFIX, build

    first = read_ocr(FIXTURE / "alto" / "page-001.xml").text
    tree = _tree_of(first)
    (tmp_path / "book").mkdir()
    for n, data in enumerate(build(fmt, version, tree), start=1):
        (tmp_path / "book" / f"page-{n}{SUFFIX[fmt]}").write_bytes(data)
    doc = read_ocr(tmp_path / "book")
    assert doc.text == first and doc.files[0].version == version
    assert run("detect", "book", cwd=tmp_path).returncode == 0
    assert run("accept", "book", "--min-confidence", "0.5", "--by", "Ana", cwd=tmp_path).returncode == 0
    proc = run("build", "book", "--validator", "jing", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "valid TEI (jing: tei_all RELAX NG + Schematron)" in proc.stdout + proc.stderr
    assert "change(s)" in proc.stdout + proc.stderr and " 0 change(s)" not in proc.stdout + proc.stderr
    proc = run("verify", "book", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    tei = (tmp_path / "build" / "book.tei.xml").read_text(encoding="utf-8")
    assert tei.count("<surface ") == len(doc.pages) and tei.count("<lb ") == len(doc.lines)


@pytest.mark.slow
def test_one_ocr_file_goes_to_a_verified_edition(tmp_path):
    shutil.copy(FIXTURE / "page" / "page-002.xml", tmp_path / "page-002.xml")
    shutil.copy(FIXTURE / "page" / "page-002.jpg", tmp_path / "page-002.jpg")
    assert run("detect", "page-002.xml", cwd=tmp_path).returncode == 0
    assert run("accept", "page-002.xml", "--min-confidence", "0.5", cwd=tmp_path).returncode == 0
    proc = run("build", "page-002.xml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert run("verify", "page-002.xml", cwd=tmp_path).returncode == 0
    tei = (tmp_path / "build" / "page-002.tei.xml").read_text(encoding="utf-8")
    assert tei.count("<surface ") == 1 and '<graphic url="../page-002.jpg"/>' in tei


@pytest.mark.parametrize("command", ["detect", "status", "build"])
def test_a_folder_of_two_ocr_formats_is_refused_by_name(tmp_path, command):
    """A folder of an ALTO page and an hOCR page was taken for a corpus of text files and
    refused as having no '*.txt'; it is refused for what it is, nothing written."""
    (tmp_path / "book").mkdir()
    shutil.copy(FIXTURE / "alto" / "page-001.xml", tmp_path / "book" / "page-001.xml")
    shutil.copy(FIXTURE / "hocr" / "page-002.hocr", tmp_path / "book" / "page-002.hocr")
    proc = run(command, "book", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr == ("edition: error: book: holds files of several formats (alto, hocr); "
                           "keep one format per folder\n")
    assert not (tmp_path / "corrections").exists() and not (tmp_path / "build").exists()
