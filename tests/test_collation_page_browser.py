"""The side-by-side collation page (``edition collate --html``) and the reading view's variants
in a real headless Chromium (Debian's), at a desktop and a phone width.

Real witnesses: Tesseract 5.3's ALTO and Tesseract 5.5's PAGE of the same degraded newspaper
pages, and the gold. Skipped when /usr/bin/chromium or Playwright is missing.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli_helpers import run
from chromium import browser, page  # noqa: F401  (pytest fixtures)


OCR = Path(__file__).resolve().parent / "data" / "ocr" / "bln-3200797034"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("witnesses")
    shutil.copytree(OCR / "alto", root / "tess53")
    shutil.copytree(OCR / "page", root / "tess55")
    shutil.copy(OCR / "gold.txt", root / "gold.txt")
    run("collate", "tess53", "tess55", "gold.txt", "--html", "-q", cwd=root, check=True)
    run("build", "tess53", "--witness", "tess55", "--witness", "gold.txt", "--validator", "none",
        "-q", cwd=root, check=True)
    return root / "build"


def test_the_witnesses_stand_side_by_side_with_every_difference_marked(built, page, tmp_path):
    collation = json.loads((built / "tess53.collation.json").read_text(encoding="utf-8"))
    variants = collation["variants"]
    page.goto((built / "tess53.collation.html").as_uri())
    headers = page.eval_on_selector_all("table.side th", "els => els.map(e => e.textContent)")
    assert headers == ["line", "A: tess53", "B: tess55", "C: gold.txt"]
    # every place where they differ is marked once in each witness's column, in order
    for column in (2, 3, 4):
        marks = page.eval_on_selector_all(f"table.side td:nth-child({column}) mark",
                                          "els => els.map(e => e.textContent)")
        k = column - 2
        assert marks == [" ".join(v["readings"][k]["text"].split()) for v in variants]
    # a column reads as its witness does, word for word
    cells = page.eval_on_selector_all("table.side td:nth-child(4)", "els => els.map(e => e.textContent)")
    gold = (built.parent / "gold.txt").read_text(encoding="utf-8")
    assert " ".join(" ".join(cells).split()) == " ".join(gold.split())
    shot = tmp_path / f"collation-{page.screen}.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


def test_the_differences_are_reached_by_button_and_key(built, page):
    page.goto((built / "tess53.collation.html").as_uri())
    page.click("#next-change")
    assert page.inner_text("#where").startswith("difference 1 of ")
    first = page.eval_on_selector(".hunk.current", "e => e.id")
    assert first == "h-1"
    page.keyboard.press("n")
    page.keyboard.press("n")
    assert page.eval_on_selector(".hunk.current", "e => e.id") == "h-3"
    box = page.eval_on_selector(".hunk.current", "e => { const r = e.getBoundingClientRect();"
                                                 " return [r.top, r.bottom]; }")
    assert 0 <= box[0] and box[1] <= page.viewport_size["height"]  # scrolled into view
    page.keyboard.press("p")
    assert page.eval_on_selector(".hunk.current", "e => e.id") == "h-2"
    tip = page.get_attribute("#h-2", "title")
    assert tip.startswith("A: ") and " · B: " in tip and " · C: " in tip


def test_the_reading_view_shows_the_variants_on_hover(built, page, tmp_path):
    page.goto((built / "tess53.html").as_uri())
    n = page.eval_on_selector_all("span.v", "els => els.length")
    assert n > 10
    tip = page.locator("span.v >> nth=2").locator(":scope > .tip")
    assert not tip.is_visible()
    if page.screen == "phone":
        page.locator("span.v >> nth=2").tap()
    else:
        page.locator("span.v >> nth=2").hover()
    assert tip.is_visible()
    text = tip.inner_text()
    assert "A" in text and ("B: " in text or "C: " in text)
    page.screenshot(path=str(tmp_path / f"reading-variant-{page.screen}.png"))
