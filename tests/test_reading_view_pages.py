"""The reading view of an edition made from OCR files: each page's image beside its text, from
where the page begins, linked relative to the page (as the TEI's graphic), a switch to hide them;
an edition without page images is as before. Built by the real command line from Tesseract's
files, looked at in Chromium."""
from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import pytest

from cli_helpers import run
from chromium import launch, playwright
from edition.formats import read_ocr

FIXTURE = Path(__file__).parent / "data" / "ocr" / "bln-3200797034"


def _built(tmp_path: Path, fmt: str, *, images: str | None = "jpg", decided: bool = True) -> Path:
    """The edition of the fixture's ``fmt`` files (``images``: the scans' file type, None for
    none), with the confident proposals accepted and verified when ``decided``."""
    book = tmp_path / "book"
    shutil.copytree(FIXTURE / fmt, book)
    for f in book.glob("*.jpg"):
        if images is None:
            f.unlink()
        elif images != "jpg":  # the same scans in another file type
            f.rename(f.with_suffix(f".{images}"))
    if decided:
        assert run("detect", "book", cwd=tmp_path).returncode == 0
        assert run("accept", "book", "--min-confidence", "0.8", "--by", "Ana", cwd=tmp_path).returncode == 0
    proc = run("build", "book", "--validator", "edition" if decided else "none", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    if decided:  # verify rebuilds the reading view and compares it byte for byte
        proc = run("verify", "book", cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
    return tmp_path / "build" / "book.html"


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["alto", "hocr", "page"])
def test_each_page_image_stands_where_its_page_begins(tmp_path, fmt):
    html_path = _built(tmp_path, fmt)
    doc = read_ocr(tmp_path / "book")
    root = lxml.html.parse(str(html_path)).getroot()
    marks = root.find_class("pb")
    assert [m.get("id") for m in marks] == [f"page-{p.number}" for p in doc.pages]
    for mark, page in zip(marks, doc.pages):
        img = mark.find("img")
        assert (html_path.parent / unquote(img.get("src"))).resolve() == page.image.resolve()
        # the page's first words follow its mark
        first = next(w for w in doc.words if w.page == page.number - 1)
        after = (mark.tail or "") + "".join((s.text or "") + (s.tail or "") for s in mark.itersiblings())
        assert first.text in after[:200] or page.number == 1
    assert root.get_element_by_id("show-pages").get("checked") is not None


def test_an_image_browsers_cannot_show_is_linked(tmp_path):
    html_path = _built(tmp_path, "alto", images="tif", decided=False)
    root = lxml.html.parse(str(html_path)).getroot()
    marks = root.find_class("pb")
    assert len(marks) == 2 and not root.findall(".//img")
    assert [m.find(".//a").get("href") for m in marks] == ["../book/page-001.tif", "../book/page-002.tif"]


def test_without_page_images_the_reading_view_is_as_before(tmp_path):
    html_path = _built(tmp_path, "hocr", images=None, decided=False)
    data = html_path.read_text(encoding="utf-8")
    assert "show-pages" not in data and 'class="pb"' not in data and "<img" not in data
    (tmp_path / "t.txt").write_text("Lenin and V1adimir.\n", encoding="utf-8")
    assert run("build", "t.txt", "--out", "out", "--validator", "none", cwd=tmp_path).returncode == 0
    assert "show-pages" not in (tmp_path / "out" / "t.html").read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.xdist_group("browser")
def test_the_reading_view_shows_the_pages_beside_the_text(tmp_path):
    sync_api = playwright()
    html_path = _built(tmp_path, "alto", decided=False)
    with sync_api.sync_playwright() as pw:
        browser = launch(pw)
        try:
            for screen, viewport in (("desktop", {"width": 1440, "height": 900}),
                                     ("phone", {"width": 390, "height": 844})):
                context = browser.new_context(viewport=viewport)
                page = context.new_page()
                errors: list[str] = []
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.goto(html_path.as_uri())
                images = page.locator(".pb img")
                assert images.count() == 2
                for i in range(2):
                    images.nth(i).scroll_into_view_if_needed()
                    page.wait_for_function("i => i.complete && i.naturalWidth > 0",
                                           arg=images.nth(i).element_handle())
                img = images.first.bounding_box()
                text = page.locator("main p").first.bounding_box()
                if screen == "desktop":
                    # beside the text: on its right, at the height where the page begins
                    assert img["x"] > text["x"] + 0.4 * viewport["width"] * 0.5
                    assert abs(img["y"] - text["y"]) < 60 and img["width"] > 300
                else:
                    assert img["width"] > 0.8 * (viewport["width"] - 40)  # under the line, full width
                page.evaluate("window.scrollTo(0, 0)")
                page.screenshot(path=str(tmp_path / f"reading-{screen}.png"))
                # the switch hides the images, the page numbers stay
                page.click("label[for=show-pages]")
                assert not images.first.is_visible()
                assert page.locator(".pb .pn").first.is_visible()
                page.screenshot(path=str(tmp_path / f"reading-{screen}-hidden.png"))
                assert errors == []
                context.close()
        finally:
            browser.close()
