"""``edition ocr``: Tesseract reads page images into ALTO, hOCR or PAGE XML, or says why not."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cli_helpers import run
from edition.formats import read_ocr
from edition.formats.tesseract import tesseract_version

FIXTURE = Path(__file__).parent / "data" / "ocr" / "bln-3200797034"
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")


@needs_tesseract
@pytest.mark.parametrize("fmt", ["alto", "hocr"])
def test_ocr_reads_page_images_into_a_folder_the_other_commands_read(tmp_path, fmt):
    images = [FIXTURE / "alto" / "page-001.jpg", FIXTURE / "alto" / "page-002.jpg"]
    proc = run("ocr", *map(str, images), "-o", "book", "--format", fmt, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "2 pages read into book" in proc.stderr
    doc = read_ocr(tmp_path / "book")
    assert doc.format == fmt and len(doc.pages) == 2
    # the files name their images by a path the folder resolves
    assert [p.image.resolve() for p in doc.pages] == [i.resolve() for i in images]
    # the same engine read the same images when the fixture was made: the same words
    fixture = read_ocr(FIXTURE / fmt)
    ours, theirs = doc.text.split(), fixture.text.split()
    assert len(set(ours) & set(theirs)) >= 0.9 * len(set(theirs))


@needs_tesseract
def test_ocr_page_needs_a_tesseract_that_writes_page(tmp_path):
    proc = run("ocr", str(FIXTURE / "page" / "page-001.jpg"), "-o", "out", "--format", "page",
               cwd=tmp_path)
    if tesseract_version(shutil.which("tesseract"))[:2] >= (5, 4):
        assert proc.returncode == 0, proc.stderr
        assert read_ocr(tmp_path / "out").format == "page"
    else:
        assert proc.returncode == 1
        assert "writes no PAGE" in proc.stderr and "--format alto or hocr" in proc.stderr
        assert "Traceback" not in proc.stderr


def test_ocr_without_tesseract_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on this PATH
    proc = run("ocr", str(FIXTURE / "alto" / "page-001.jpg"), cwd=tmp_path)
    assert proc.returncode == 1
    assert "tesseract is not installed" in proc.stderr and "apt-get install tesseract-ocr" in proc.stderr


@needs_tesseract
def test_ocr_refuses_a_missing_image(tmp_path):
    proc = run("ocr", "nothing.png", cwd=tmp_path)
    assert proc.returncode == 1 and "nothing.png: no such image" in proc.stderr
