"""Real OCR with a known gold: page images rendered from the development sets' gold texts,
degraded like old scans, and read by Tesseract into ALTO, hOCR and PAGE XML.

Usage::

    python benchmarks/make_ocr_pages.py                       # every document -> build/ocr-pages/
    python benchmarks/make_ocr_pages.py --out DIR --docs 4 --pages 2
    python benchmarks/make_ocr_pages.py --only bln-3200797029 # one document again

For each document (a gold text of ``../shared/data``: the BLN600 newspapers, the ICDAR 2017
monographs and periodicals, the ICDAR 2019 early-modern prose) the script

1. lays the gold text out in pages of a period typeface from Debian's font packages (EB Garamond,
   Old Standard, Linux Libertine, Goudy Bookletter 1911, Baskervald ADF), at 300 dpi;
2. degrades each page with a seeded random draw: a blur, paper grain (Gaussian noise), specks,
   a lower resolution and JPEG compression (the parameters are in ``meta.json``);
3. runs Debian's ``tesseract`` (``-l eng``) for ALTO and hOCR, and Tesseract's own PAGE XML
   renderer for PAGE (Debian's 5.3.0 has none; the renderer is in the ``libtesseract`` 5.5 that
   the ``tesserocr`` wheel on PyPI ships, called through Tesseract's C API; without it the
   PAGE files are skipped with a message).

Layout of the output (every folder is one document, read in file-name order)::

    OUT/NAME/alto/page-001.xml  page-001.jpg ...   ALTO (Tesseract writes v3) beside its image
    OUT/NAME/hocr/page-001.hocr page-001.jpg ...   hOCR
    OUT/NAME/page/page-001.xml  page-001.jpg ...   PAGE 2019
    OUT/NAME/gold/page-001.txt ...                 the gold of each page, line by line
    OUT/NAME/gold.txt                              the pages' gold, pages joined by a blank line
    OUT/NAME/meta.json                             source, typeface, degradation, tesseract

The images are the degraded JPEGs Tesseract read. Nothing random is unseeded: the same command
makes the same images (Tesseract's output can differ between versions).

Requirements: Pillow (``pip install pillow``), Debian's ``tesseract-ocr tesseract-ocr-eng``
and ``fonts-ebgaramond fonts-oldstandard fonts-linuxlibertine fonts-goudybookletter
fonts-adf-baskervald``; optionally ``pip install tesserocr`` for PAGE.
"""
from __future__ import annotations

import argparse
import ctypes
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

DATA = Path(os.environ.get("EDITION_DATA", Path(__file__).resolve().parents[2] / "shared/data"))
TESSDATA = Path("/usr/share/tesseract-ocr/5/tessdata")

#: Period typefaces (Debian packages). Garamond and Goudy for old-style book faces, Old Standard
#: and Baskervald for the 19th-century "modern" faces of newspapers and reprints.
FONTS = {
    "EB Garamond": "/usr/share/fonts/opentype/ebgaramond/EBGaramond12-Regular.otf",
    "Old Standard": "/usr/share/fonts/truetype/fonts-oldstandard/OldStandard-Regular.ttf",
    "Linux Libertine": "/usr/share/fonts/opentype/linux-libertine/LinLibertine_R.otf",
    "Goudy Bookletter 1911": "/usr/share/fonts/opentype/sortsmill/GoudyBookletter1911.otf",
    "Baskervald ADF": "/usr/share/fonts/truetype/adf/BaskervaldADFStd.otf",
}

DPI = 300
#: A small octavo page, 5 x 7.5 inches at 300 dpi, with 0.5 inch margins.
PAGE_SIZE = (1500, 2250)
MARGIN = 150


@dataclass(frozen=True)
class Degradation:
    """How one page was spoiled (all drawn from the page's seeded generator)."""

    font: str
    font_px: int       # body size in pixels at 300 dpi (10-12 pt)
    blur: float        # Gaussian blur radius at 300 dpi, in pixels
    noise: float       # standard deviation of the paper grain, in grey levels
    specks: int        # dark specks of dust and ink
    dpi: int           # the resolution Tesseract sees
    jpeg_quality: int


def gold_texts() -> list[tuple[str, str]]:
    """(name, gold text) of the documents, in a fixed order: newspapers, then books."""
    docs: list[tuple[str, str]] = []
    bln = DATA / "bln600-train"
    for path in sorted(bln.glob("*.gt.txt"))[:40]:
        docs.append((f"bln-{path.name.split('.')[0]}", path.read_text(encoding="utf-8")))
    for part in ("icdar2017-eng/eng_monograph", "icdar2017-eng/eng_periodical", "icdar2019-eng/EN1"):
        folder = DATA / part
        files = sorted(folder.glob("*.txt"), key=lambda p: int(p.stem) if p.stem.isdigit() else 0)
        for path in files[:20]:
            gold = _icdar_gold(path.read_text(encoding="utf-8"))
            if gold:
                short = part.split("/")[-1].replace("eng_", "").lower()
                docs.append((f"{short}-{path.stem}", gold))
    return docs


def _icdar_gold(text: str) -> str:
    """The gold of an ICDAR file: the aligned gold line without gaps; text without gold (``#``)
    is cut out, since nothing could be scored there."""
    for line in text.split("\n"):
        if line.startswith("[ GS_aligned]"):
            gold = line[len("[ GS_aligned] "):].replace("@", "")
            return re.sub(r"\s*#+\s*", " ", gold).strip()
    return ""


def layout(text: str, font: ImageFont.FreeTypeFont, pages: int) -> list[list[str]]:
    """The text's words set in lines that fit the measure, and the lines in pages (at most
    ``pages``); paragraphs of the gold start a new line."""
    width = PAGE_SIZE[0] - 2 * MARGIN
    leading = int(font.size * 1.3)
    per_page = (PAGE_SIZE[1] - 2 * MARGIN) // leading
    lines: list[str] = []
    for paragraph in re.split(r"\n\s*\n?", text):
        line = ""
        for word in paragraph.split():
            trial = f"{line} {word}" if line else word
            if line and font.getlength(trial) > width:
                lines.append(line)
                line = word
            else:
                line = trial
        if line:
            lines.append(line)
    return [lines[i:i + per_page] for i in range(0, len(lines), per_page)][:pages]


def render(lines: list[str], font: ImageFont.FreeTypeFont) -> Image.Image:
    page = Image.new("L", PAGE_SIZE, 255)
    draw = ImageDraw.Draw(page)
    leading = int(font.size * 1.3)
    for i, line in enumerate(lines):
        draw.text((MARGIN, MARGIN + i * leading), line, font=font, fill=20)
    return page


def degrade(page: Image.Image, d: Degradation, rng: random.Random) -> Image.Image:
    draw = ImageDraw.Draw(page)
    for _ in range(d.specks):
        x, y = rng.randrange(PAGE_SIZE[0]), rng.randrange(PAGE_SIZE[1])
        r = rng.choice((1, 1, 2, 2, 3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randrange(0, 90))
    page = page.filter(ImageFilter.GaussianBlur(d.blur))
    grain = Image.effect_noise(PAGE_SIZE, d.noise)
    # effect_noise centres the grain on 128: shift it to centre on 0 and add it to the page.
    page = Image.eval(Image.blend(page, grain, 0.5), lambda v: max(0, min(255, 2 * v - 128)))
    size = (PAGE_SIZE[0] * d.dpi // DPI, PAGE_SIZE[1] * d.dpi // DPI)
    return page.resize(size, Image.Resampling.BILINEAR)


def draw_degradation(rng: random.Random, font: str) -> Degradation:
    """The ranges were chosen by looking at the pages and at Tesseract's character error rate on
    them: from near-clean (0.5 %) to hard (10 %+), as on real scans of old print."""
    return Degradation(
        font=font,
        font_px=rng.randint(42, 50),
        blur=round(rng.uniform(0.6, 2.2), 2),
        noise=round(rng.uniform(10, 45), 1),
        specks=rng.randint(50, 900),
        dpi=rng.choice((110, 120, 130, 150, 150, 200)),
        jpeg_quality=rng.randint(15, 60),
    )


def tesseract_version() -> str:
    out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True)
    return (out.stdout or out.stderr).split("\n")[0].strip()


def run_tesseract(image: Path, outbase: Path, configs: list[str]) -> None:
    subprocess.run(["tesseract", str(image), str(outbase), "-l", "eng", "--dpi", "0", *configs],
                   check=True, capture_output=True)


def _libtesseract_with_page() -> Path | None:
    """The libtesseract of the tesserocr wheel (5.5), which has the PAGE XML renderer."""
    try:
        import tesserocr  # noqa: F401  (only to find its bundled library)
    except ImportError:
        return None
    libs = Path(tesserocr.__file__).resolve().parent.parent / "tesserocr.libs"
    found = sorted(libs.glob("libtesseract*.so*"))
    return found[0] if found else None


class PageRenderer:
    """Tesseract's PAGE XML renderer through its C API (``TessPAGERendererCreate``)."""

    def __init__(self, library: Path) -> None:
        self.lib = ctypes.CDLL(str(library))
        self.lib.TessBaseAPICreate.restype = ctypes.c_void_p
        self.lib.TessPAGERendererCreate.restype = ctypes.c_void_p
        self.lib.TessPAGERendererCreate.argtypes = [ctypes.c_char_p]
        self.lib.TessBaseAPIInit3.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
        self.lib.TessBaseAPIProcessPages.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                                     ctypes.c_char_p, ctypes.c_int, ctypes.c_void_p]
        self.lib.TessBaseAPISetVariable.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
        self.lib.TessBaseAPIDelete.argtypes = [ctypes.c_void_p]
        self.lib.TessDeleteResultRenderer.argtypes = [ctypes.c_void_p]
        self.lib.TessVersion.restype = ctypes.c_char_p
        self.version = "tesseract " + self.lib.TessVersion().decode()

    def __call__(self, image: Path, outbase: Path) -> None:
        api = self.lib.TessBaseAPICreate()
        try:
            if self.lib.TessBaseAPIInit3(api, str(TESSDATA).encode(), b"eng") != 0:
                raise RuntimeError(f"tesseract could not load eng from {TESSDATA}")
            # Words with their own boxes and confidences (the default, 0, stops at lines).
            self.lib.TessBaseAPISetVariable(api, b"page_xml_level", b"1")
            renderer = self.lib.TessPAGERendererCreate(str(outbase).encode())
            try:
                if not self.lib.TessBaseAPIProcessPages(api, str(image).encode(), None, 0, renderer):
                    raise RuntimeError(f"tesseract failed on {image}")
            finally:
                self.lib.TessDeleteResultRenderer(renderer)
        finally:
            self.lib.TessBaseAPIDelete(api)


def make_document(name: str, text: str, out: Path, seed: int, pages: int,
                  page_renderer: PageRenderer | None) -> dict:
    rng = random.Random(seed)
    font_name = rng.choice(sorted(FONTS))
    doc = out / name
    if doc.exists():
        shutil.rmtree(doc)
    for sub in ("alto", "hocr", "gold") + (("page",) if page_renderer else ()):
        (doc / sub).mkdir(parents=True)
    meta = {"name": name, "seed": seed, "tesseract": tesseract_version(),
            "page_renderer": page_renderer.version if page_renderer else None, "pages": []}
    golds = []
    first = draw_degradation(rng, font_name)
    font = ImageFont.truetype(FONTS[font_name], first.font_px)
    for number, lines in enumerate(layout(text, font, pages), start=1):
        d = first if number == 1 else Degradation(**{**asdict(draw_degradation(rng, font_name)),
                                                     "font_px": first.font_px})
        stem = f"page-{number:03d}"
        image = degrade(render(lines, font), d, rng)
        with tempfile.TemporaryDirectory() as tmp:
            jpeg = Path(tmp) / f"{stem}.jpg"
            image.save(jpeg, "JPEG", quality=d.jpeg_quality, dpi=(d.dpi, d.dpi))
            for sub in ("alto", "hocr") + (("page",) if page_renderer else ()):
                shutil.copyfile(jpeg, doc / sub / jpeg.name)
        # Tesseract writes the image's name as given into the file: run it beside the image.
        cwd = os.getcwd()
        try:
            os.chdir(doc / "alto")
            run_tesseract(Path(f"{stem}.jpg"), Path(stem), ["alto"])
            os.chdir(doc / "hocr")
            run_tesseract(Path(f"{stem}.jpg"), Path(stem), ["hocr"])
            if page_renderer:
                os.chdir(doc / "page")
                page_renderer(Path(f"{stem}.jpg"), Path(stem))
                Path(f"{stem}.page.xml").rename(f"{stem}.xml")
        finally:
            os.chdir(cwd)
        gold = "\n".join(lines)
        (doc / "gold" / f"{stem}.txt").write_text(gold + "\n", encoding="utf-8")
        golds.append(gold)
        meta["pages"].append({"file": stem, **asdict(d)})
    (doc / "gold.txt").write_text("\n\n".join(golds) + "\n", encoding="utf-8")
    (doc / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="build/ocr-pages", help="output folder (default: %(default)s)")
    ap.add_argument("--docs", type=int, default=6, help="documents per collection (default: %(default)s)")
    ap.add_argument("--pages", type=int, default=2, help="pages per document at most (default: %(default)s)")
    ap.add_argument("--only", action="append", help="make only this document (repeatable)")
    ap.add_argument("--seed", type=int, default=1, help="base seed (default: %(default)s)")
    args = ap.parse_args(argv)
    if shutil.which("tesseract") is None:
        print("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-eng)", file=sys.stderr)
        return 1
    missing = [f for f in FONTS.values() if not Path(f).exists()]
    if missing:
        print(f"missing fonts: {', '.join(missing)} (see the requirements in --help)", file=sys.stderr)
        return 1
    library = _libtesseract_with_page()
    page_renderer = PageRenderer(library) if library else None
    if page_renderer is None:
        print("no libtesseract with a PAGE renderer (pip install tesserocr): PAGE skipped", file=sys.stderr)
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    chosen: list[tuple[str, str]] = []
    per_collection: dict[str, int] = {}
    for name, text in gold_texts():
        collection = name.split("-")[0]
        if args.only:
            if name in args.only:
                chosen.append((name, text))
        elif per_collection.get(collection, 0) < args.docs and len(text.split()) >= 150:
            per_collection[collection] = per_collection.get(collection, 0) + 1
            chosen.append((name, text))
    for i, (name, text) in enumerate(chosen):
        # The seed depends on the document's name, not its position: --only remakes it the same.
        seed = args.seed * 1_000_003 + sum(ord(c) * 31 ** k for k, c in enumerate(name)) % 1_000_003
        meta = make_document(name, text, out, seed, args.pages, page_renderer)
        print(f"[{i + 1}/{len(chosen)}] {name}: {len(meta['pages'])} pages, "
              f"{meta['pages'][0]['font']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
