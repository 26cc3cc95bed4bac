"""The page image beside each proposal: the review of an OCR source whose page images lie beside
its files (or are named by them) shows the crop of the proposal's words and of their line, with
a zoom key; the crops come only from the project's page images, through the session's token;
without an image the page works as before. Real Tesseract files, the real server, Chromium."""
from __future__ import annotations

import base64
import io
import shutil
from pathlib import Path

import pytest
from lxml import etree

from cli_helpers import run
from chromium import browser  # noqa: F401  (pytest fixtures)
from edition.formats import read_ocr
from edition.server import ReviewServer
from edition.server.app import create_app
from edition.store import load_corrections
from edition.source import read_source

PIL = pytest.importorskip("PIL.Image")

FIXTURE = Path(__file__).parent / "data" / "ocr" / "bln-3200797034"


def _project(tmp_path: Path, fmt: str, images: bool = True) -> Path:
    book = tmp_path / "book"
    shutil.copytree(FIXTURE / fmt, book)
    if not images:
        for f in book.glob("*.jpg"):
            f.unlink()
    proc = run("detect", "book", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return book


def _client(book: Path):
    app = create_app(book, book.parent / "corrections" / f"{book.stem}.yaml", token="secret")
    return app.test_client(), {"X-Edition-Token": "secret", "Host": "127.0.0.1"}


def _place(crop, image, box, height):
    """Where ``crop`` lies in ``image`` such that it holds ``box`` (a margin of up to two line
    heights each side), or None."""
    crop, image = crop.convert("L"), image.convert("L")
    want = crop.tobytes()
    for y in range(max(0, int(box[3]) - crop.height), int(box[1]) + 1):
        for x in range(max(0, int(box[2]) - crop.width), int(box[0]) + 1):
            if x + crop.width <= image.width and y + crop.height <= image.height and \
                    image.crop((x, y, x + crop.width, y + crop.height)).tobytes() == want:
                return x, y
    return None


def _png(src: str):
    assert src.startswith("data:image/png;base64,")
    return PIL.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1])))


@pytest.mark.parametrize("fmt", ["alto", "hocr", "page"])
def test_each_proposal_has_the_crop_of_its_words_and_line(tmp_path, fmt):
    book = _project(tmp_path, fmt)
    doc = read_ocr(book)
    client, headers = _client(book)
    state = client.get("/api/state", headers=headers).get_json()
    assert state["page_images"] == 2 and len(state["corrections"]) > 5
    page_image = {p.number: PIL.open(p.image) for p in doc.pages}
    for e in state["corrections"]:
        crop = client.get(f"/api/crop?id={e['id']}", headers=headers).get_json()
        words = doc.words_in(e["start"], e["end"]) or [doc.word_at(e["start"] - 1) or doc.word_at(e["end"])]
        page = doc.pages[words[0].page]
        assert crop["page"] == page.number and crop["image"] == page.image.name
        word, line = _png(crop["word"]["src"]), _png(crop["line"]["src"])
        assert (word.width, word.height) == (crop["word"]["width"], crop["word"]["height"])
        # the word crop holds the word's box with a margin, no more than the line's height
        on_line = [w.box for w in words if w.line == words[0].line]
        box = (min(b[0] for b in on_line), min(b[1] for b in on_line),
               max(b[2] for b in on_line), max(b[3] for b in on_line))
        height = doc.lines[words[0].line].box[3] - doc.lines[words[0].line].box[1]
        assert box[2] - box[0] < word.width <= box[2] - box[0] + 2 * height + 2
        assert box[3] - box[1] < word.height <= box[3] - box[1] + height + 2
        # and is that part of the page image, around the words
        assert _place(word, page_image[page.number], box, height) is not None
        # the line crop frames the words inside it
        x0, y0, x1, y1 = crop["line"]["mark"]
        assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1
        assert line.width >= word.width


def test_crops_follow_the_files_units(tmp_path):
    """An ALTO file in tenths of a millimetre (as libraries' ALTO often is) crops the same part
    of the scan as the same file in pixels."""
    book = _project(tmp_path, "alto")
    pixels = _client(book)
    ns = "{http://www.loc.gov/standards/alto/ns-v3#}"
    dpi = 300  # the fixture's pages were rendered at 300 dpi
    mm10 = tmp_path / "mm10"
    mm10.mkdir()
    for f in sorted(book.iterdir()):
        if f.suffix != ".xml":
            shutil.copy(f, mm10 / f.name)
            continue
        tree = etree.parse(str(f))
        for el in tree.iter():
            if el.tag == f"{ns}MeasurementUnit":
                el.text = "mm10"
            for a in ("HPOS", "VPOS", "WIDTH", "HEIGHT"):
                if el.get(a) is not None:
                    el.set(a, f"{float(el.get(a)) * 254 / dpi:.3f}")
        tree.write(str(mm10 / f.name), xml_declaration=True, encoding="UTF-8")
    assert run("detect", "mm10", cwd=tmp_path).returncode == 0
    scaled = _client(mm10)
    a = {e["original"] + str(e["start"]): e["id"] for e in
         pixels[0].get("/api/state", headers=pixels[1]).get_json()["corrections"]}
    b = {e["original"] + str(e["start"]): e["id"] for e in
         scaled[0].get("/api/state", headers=scaled[1]).get_json()["corrections"]}
    shared = sorted(set(a) & set(b))
    assert len(shared) >= 5
    for key in shared:
        one = pixels[0].get(f"/api/crop?id={a[key]}", headers=pixels[1]).get_json()
        two = scaled[0].get(f"/api/crop?id={b[key]}", headers=scaled[1]).get_json()
        for part in ("word", "line"):
            assert abs(one[part]["width"] - two[part]["width"]) <= 2
            assert abs(one[part]["height"] - two[part]["height"]) <= 2


def test_crops_are_served_only_to_the_session_and_only_by_entry(tmp_path):
    book = _project(tmp_path, "alto")
    client, headers = _client(book)
    cid = client.get("/api/state", headers=headers).get_json()["corrections"][0]["id"]
    assert client.get(f"/api/crop?id={cid}", headers={"Host": "127.0.0.1"}).status_code == 403
    assert client.get(f"/api/crop?id={cid}", headers={**headers, "X-Edition-Token": "x"}).status_code == 403
    assert client.get(f"/api/crop?id={cid}", headers={**headers, "Host": "evil.example"}).status_code == 403
    for bad in ("../../etc/passwd", "page-001.jpg", str(book / "page-001.jpg"), ""):
        r = client.get("/api/crop", query_string={"id": bad}, headers=headers)
        assert r.status_code == 400 and "no entry" in r.get_json()["error"]
    # an image that is no image is reported, not sent
    (book / "page-001.jpg").write_bytes(b"not a picture")
    r = client.get(f"/api/crop?id={cid}", headers=headers)
    assert r.status_code == 400 and "cannot read the page image" in r.get_json()["error"]


def test_without_page_images_there_are_no_crops(tmp_path):
    book = _project(tmp_path, "page", images=False)
    client, headers = _client(book)
    state = client.get("/api/state", headers=headers).get_json()
    assert state["page_images"] == 0 and state["corrections"]
    crop = client.get(f"/api/crop?id={state['corrections'][0]['id']}", headers=headers).get_json()
    assert crop["image"] is None and "word" not in crop


def test_a_plain_text_has_no_page_images(tmp_path):
    (tmp_path / "t.txt").write_text("Lenin and V1adimir met the capitatist.\n", encoding="utf-8")
    assert run("detect", "t.txt", cwd=tmp_path).returncode == 0
    client, headers = _client(tmp_path / "t.txt")
    state = client.get("/api/state", headers=headers).get_json()
    assert state["page_images"] == 0
    crop = client.get(f"/api/crop?id={state['corrections'][0]['id']}", headers=headers).get_json()
    assert crop == {"page": None, "image": None}


def test_the_review_of_an_ocr_folder_sees_its_pages_rewritten(tmp_path):
    """The review server reads the OCR folder as detect does, and notices a page file rewritten
    in place (the folder itself unchanged): its text is read again."""
    book = _project(tmp_path, "alto")
    client, headers = _client(book)
    text = client.get("/api/state", headers=headers).get_json()["source"]["text"]
    assert text == read_ocr(book).text
    first = read_ocr(book).words[0]
    page = book / "page-001.xml"
    data = page.read_bytes()
    with open(page, "r+b") as f:  # in place: the folder's own times do not change
        f.write(data.replace(f'CONTENT="{first.text}"'.encode(), b'CONTENT="Changed"', 1))
    assert client.get("/api/state", headers=headers).get_json()["source"]["text"].startswith("Changed")


# --- in Chromium ---

def in_chromium(test):
    """A browser test: with the review page's other browser tests (one Chromium per worker)."""
    for mark in (pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")):
        test = mark(test)
    return test


def _open(browser, url: str):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    context.add_init_script("localStorage.setItem('edition-editor', 'Ana Editor')")
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_selector("body.ready")
    return context, page, errors


def _loaded(page, selector: str) -> dict:
    page.wait_for_function(f"() => {{ const i = document.querySelector('{selector}'); "
                           "return i && i.complete && i.naturalWidth > 0; }")
    return page.eval_on_selector(selector, "i => ({src: i.src, natural: i.naturalWidth, "
                                           "shown: i.getBoundingClientRect().width, "
                                           "height: i.getBoundingClientRect().height})")


@in_chromium
@pytest.mark.parametrize("fmt", ["alto", "page"])
def test_the_review_page_shows_the_scan_beside_the_proposal(browser, tmp_path, fmt):
    book = _project(tmp_path, fmt)
    server = ReviewServer(book, tmp_path / "corrections" / "book.yaml", port=0).start()
    try:
        context, page, errors = _open(browser, server.url)
        scan = page.locator("#d-scan")
        scan.wait_for(state="visible")
        first_word = _loaded(page, "#scan-word")
        line = _loaded(page, "#scan-line")
        assert first_word["height"] > 40  # the word is shown large enough to read
        assert line["shown"] > 200
        assert page.is_visible("#key-zoom")
        shown = page.inner_text("#scan-page")
        assert shown.startswith("page 1 · page-001.jpg")
        # the frame around the words lies on the line picture
        mark = page.eval_on_selector("#scan-mark", "m => m.getBoundingClientRect().toJSON()")
        pic = page.eval_on_selector("#scan-line", "i => i.getBoundingClientRect().toJSON()")
        assert pic["left"] <= mark["left"] < mark["right"] <= pic["right"] + 1
        assert pic["top"] <= mark["top"] < mark["bottom"] <= pic["bottom"] + 1
        page.screenshot(path=str(tmp_path / f"scan-{fmt}.png"))
        # i zooms in (the line at up to its own width), i again or Esc back
        page.keyboard.press("i")
        page.wait_for_selector("#d-scan.zoomed")
        zoomed = page.eval_on_selector("#scan-line", "i => i.getBoundingClientRect().width")
        assert zoomed > 1.5 * line["shown"]
        page.screenshot(path=str(tmp_path / f"scan-{fmt}-zoomed.png"))
        page.keyboard.press("Escape")
        page.wait_for_selector("#d-scan:not(.zoomed)")
        # the next proposal shows its own words; deciding still works and is saved
        first = page.eval_on_selector("#queue li.is-current", "li => li.dataset.id")
        page.keyboard.press("r")
        page.wait_for_function(
            "() => document.getElementById('save-state').textContent.startsWith('All decisions saved')")
        page.wait_for_function("s => document.querySelector('#scan-word').src !== s",
                               arg=first_word["src"])
        source = read_source(book)
        assert load_corrections(tmp_path / "corrections" / "book.yaml", source).get(first).status.value == "rejected"
        last = page.eval_on_selector_all("#queue li", "lis => lis[lis.length - 1].dataset.id")
        page.click(f"#queue li[data-id='{last}']")
        page.wait_for_function("() => document.getElementById('scan-page').textContent.startsWith('page 2')")
        _loaded(page, "#scan-line")
        assert errors == []
        context.close()
    finally:
        server.shutdown()


@in_chromium
def test_without_page_images_the_review_page_is_as_before(browser, tmp_path):
    book = _project(tmp_path, "hocr", images=False)
    server = ReviewServer(book, tmp_path / "corrections" / "book.yaml", port=0).start()
    try:
        context, page, errors = _open(browser, server.url)
        page.wait_for_selector("#detail:not([hidden])")
        assert not page.is_visible("#d-scan") and not page.is_visible("#key-zoom")
        assert not page.is_visible("#scan-error")
        first = page.eval_on_selector("#queue li.is-current", "li => li.dataset.id")
        page.keyboard.press("i")  # nothing to zoom: nothing happens
        assert page.locator("#d-scan.zoomed").count() == 0
        page.keyboard.press("r")
        page.wait_for_function(
            "() => document.getElementById('save-state').textContent.startsWith('All decisions saved')")
        assert load_corrections(tmp_path / "corrections" / "book.yaml",
                                read_source(book)).get(first).status.value == "rejected"
        assert errors == []
        context.close()
    finally:
        server.shutdown()


def test_the_review_of_one_ocr_file_shows_its_text_and_scan(tmp_path):
    shutil.copy(FIXTURE / "hocr" / "page-002.hocr", tmp_path / "page-002.hocr")
    shutil.copy(FIXTURE / "hocr" / "page-002.jpg", tmp_path / "page-002.jpg")
    assert run("detect", "page-002.hocr", cwd=tmp_path).returncode == 0
    client, headers = _client(tmp_path / "page-002.hocr")
    state = client.get("/api/state", headers=headers).get_json()
    assert state["source"]["text"] == read_ocr(tmp_path / "page-002.hocr").text
    assert state["page_images"] == 1 and state["corrections"]
    crop = client.get(f"/api/crop?id={state['corrections'][0]['id']}", headers=headers).get_json()
    assert crop["image"] == "page-002.jpg" and _png(crop["line"]["src"]).width > 100


def test_decoded_pages_are_kept_within_a_pixel_budget(tmp_path, monkeypatch):
    from edition.server import images

    monkeypatch.setattr(images, "CACHED_PIXELS", 25_000)  # two pages of 100 x 100
    kept = images.PageImages()
    paths = []
    for n in range(3):
        path = tmp_path / f"p{n}.png"
        PIL.new("L", (100, 100), 255 - n).save(path)
        paths.append(path)
        kept.image(path)
    assert [key[0] for key in kept._cache] == paths[1:]
    big = tmp_path / "big.png"
    PIL.new("L", (300, 300), 0).save(big)  # alone over the budget: kept, the others dropped
    assert kept.image(big).size == (300, 300)
    assert [key[0] for key in kept._cache] == [big]
