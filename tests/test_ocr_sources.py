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
