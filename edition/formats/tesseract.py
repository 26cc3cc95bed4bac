"""Running Tesseract on page images: scans in, ALTO / hOCR / PAGE XML out.

:func:`run_ocr` reads each image with the ``tesseract`` command (Debian: ``tesseract-ocr`` and a
language package such as ``tesseract-ocr-eng``) and writes one OCR file per image into the
output folder, named after the image; the file names its image by a path relative to the
folder, so the review page finds it. Tesseract writes ALTO from 4.1, PAGE XML from 5.4.
Where ``tesseract`` is missing, too old for the format, or lacks the language, an
:class:`~edition.errors.EditionError` says so and how to get it.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from ..errors import EditionError

#: What ``tesseract IMAGE BASE CONFIG`` writes, and the first version that writes it.
OUTPUTS = {"alto": (".xml", (4, 1)), "hocr": (".hocr", (3, 0)), "page": (".page.xml", (5, 4))}
INSTALL = "install it (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-eng)"


def tesseract_command() -> str:
    found = shutil.which("tesseract")
    if not found:
        raise EditionError(f"tesseract is not installed, so edition cannot read page images: {INSTALL}; "
                           "or give edition the ALTO, hOCR or PAGE XML your OCR system made")
    return found


@lru_cache(maxsize=None)
def tesseract_version(command: str) -> tuple[int, int, int]:
    out = subprocess.run([command, "--version"], capture_output=True, text=True, timeout=60)
    m = re.search(r"tesseract\s+v?(\d+)\.(\d+)\.?(\d*)", out.stdout + out.stderr)
    if not m:
        raise EditionError(f"{command}: cannot tell its version")
    return int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)


def languages(command: str) -> set[str]:
    out = subprocess.run([command, "--list-langs"], capture_output=True, text=True, timeout=60)
    return {line.strip() for line in out.stdout.splitlines()[1:] if line.strip()}


def run_ocr(images: list[str | Path], out_dir: str | Path, fmt: str = "alto",
            lang: str = "eng") -> list[Path]:
    """Read ``images`` with Tesseract into ``out_dir`` in format ``fmt``; returns the files."""
    if fmt not in OUTPUTS:
        raise EditionError(f"unknown format {fmt!r}: alto, hocr or page")
    command = tesseract_command()
    version = tesseract_version(command)
    suffix, needed = OUTPUTS[fmt]
    if version[:2] < needed:
        have = ".".join(map(str, version))
        raise EditionError(f"tesseract {have} writes no {fmt.upper()} (it does from "
                           f"{needed[0]}.{needed[1]}); use --format "
                           f"{' or '.join(f for f, (_, v) in OUTPUTS.items() if version[:2] >= v)}")
    missing = [code for code in lang.split("+") if code not in languages(command)]
    if missing:
        raise EditionError(f"tesseract has no language data for {', '.join(missing)}: install "
                           f"tesseract-ocr-{missing[0]} (Debian/Ubuntu)")
    paths = [Path(i) for i in images]
    for p in paths:
        if not p.is_file():
            raise EditionError(f"{p}: no such image")
    stems = [p.stem for p in paths]
    twice = sorted({s for s in stems if stems.count(s) > 1})
    if twice:
        raise EditionError(f"two images named {twice[0]}: their OCR files would have one name")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for p in paths:
        # Run in the output folder with the image's path relative to it: the file names its
        # image the way the folder can find it again.
        image = os.path.relpath(p.resolve(), out.resolve())
        proc = subprocess.run([command, image, p.stem, "-l", lang, fmt], cwd=out,
                              capture_output=True, text=True)
        target = out / f"{p.stem}{suffix}"
        if proc.returncode != 0 or not target.is_file():
            detail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            raise EditionError(f"{p}: tesseract failed ({detail})")
        written.append(target)
    return written
