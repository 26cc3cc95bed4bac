"""The corpus review page end to end in a real headless Chromium (Debian's), driven by Playwright.

Each test serves a fresh folder of documents (``corpus_sample``), works the page as an editor
does (the grouped queue, opening a pattern, ticking instances, the keys and buttons) and checks
the corrections files on disk: the page is only right if the files are. Skipped when
/usr/bin/chromium or Playwright is missing.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import run
from chromium import AppPage, browser  # noqa: F401  (browser: a pytest fixture)
from corpus_sample import instances, make_corpus, write_document
from edition.corpus.discover import discover
from edition.corpus_review.documents import documents
from edition.model import Status
from edition.server.app import create_corpus_app
from edition.server.run import ReviewServer
from edition.source import read_source
from edition.store import load_corrections


pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]

TIMEOUT_MS = 30_000


def serve(root: Path, monkeypatch) -> ReviewServer:
    monkeypatch.chdir(root)
    app = create_corpus_app(documents(discover(["texts"])))
    return ReviewServer(port=0, app=app).start()


@pytest.fixture()
def corpus(tmp_path, monkeypatch):
    make_corpus(tmp_path, 10)
    server = serve(tmp_path, monkeypatch)
    yield tmp_path, server
    server.shutdown()


class Page(AppPage):
    timeout_ms = TIMEOUT_MS

    def text(self, selector: str) -> str:
        return self.page.inner_text(selector)

    def groups(self) -> list[str]:
        return [t.replace("\u2192", "->").split("\n")[0].strip() for t in
                self.page.locator("#groups li .g-text").all_inner_texts()]

    def open(self, original: str) -> None:
        self.page.click(f"#groups li:has(.orig:text-is('{original}'))")
        self.page.wait_for_function(
            "o => document.getElementById('g-original').textContent === o", arg=original)

    def width(self, selector: str) -> float:
        """The width of a bar's fill as a share of its track (0..1), once its transition ended."""
        self.page.wait_for_function(
            "s => document.querySelector(s).getAnimations().length === 0", arg=selector)
        return self.page.eval_on_selector(
            selector, "e => e.getBoundingClientRect().width / e.parentElement.getBoundingClientRect().width")

    def decided(self) -> None:
        """Wait until the page has followed its batch to the end and drawn the result."""
        self.page.wait_for_function(
            "() => document.getElementById('save-state').textContent.startsWith('All decisions saved')"
            " && document.getElementById('job').hidden")

    def close(self) -> None:
        assert not self.errors, self.errors
        super().close()


def state(page) -> dict:
    """The corpus as the page's server tells it (with the page's own session token)."""
    return page.evaluate("() => fetch('/api/state', {headers: {'X-Edition-Token': "
                         "localStorage.getItem('edition-token')}}).then(r => r.json())")


def on_disk(root: Path) -> dict[tuple[str, str], object]:
    out = {}
    for src in sorted((root / "texts").glob("*.txt")):
        for c in load_corrections(root / "corrections" / f"{src.stem}.yaml", read_source(src)):
            out[(f"texts/{src.name}", c.id)] = c
    return out


def test_the_grouped_queue_a_whole_group_decided_progress_and_undo(browser, corpus):
    root, server = corpus
    ui = Page(browser, server.url)
    page = ui.page
    n_tbe, n_aud = sum(instances(root, "tbe").values()), sum(instances(root, "aud").values())
    # the queue: one row per pattern, the most corrections per decision first
    assert ui.groups() == ["tbe -> the", "aud -> and"]
    assert page.locator("#groups li .g-value").all_inner_texts() == [str(n_tbe), str(n_aud)]
    assert ui.text("#groups-count") == "2 patterns"
    assert ui.text("#prog-total") == str(n_tbe + n_aud) and ui.text("#prog-decided") == "0"
    assert page.locator("#docs li").count() == 10
    # the first pattern is open: its instances in context, all pending ones ticked
    assert ui.text("#g-original") == "tbe" and ui.text("#g-reading") == "the"
    assert ui.text("#g-counts").startswith(f"{n_tbe} pending in {len(instances(root, 'tbe'))} documents")
    assert ui.text("#g-learned") == "not decided before in this project"
    first = page.locator("#instances li").first
    page.wait_for_function("() => document.querySelector('#instances li .i-ctx mark')")
    assert first.locator("mark").inner_text() == "tbe"
    assert ui.text("#sel-count") == f"{n_tbe} of {n_tbe} pending ticked"
    assert ui.text("#b-accept-label") == f"Accept {n_tbe}"
    # open the other pattern with a click, accept it whole with the key
    ui.open("aud")
    assert ui.text("#sel-count") == f"{n_aud} of {n_aud} pending ticked"
    page.keyboard.press("a")
    ui.decided()
    disk = on_disk(root)
    aud = [c for c in disk.values() if c.original == "aud"]
    assert len(aud) == n_aud
    assert all((c.status, c.reading, c.by) == (Status.ACCEPTED, "and", "Ana Editor") for c in aud)
    assert all(c.status is Status.PROPOSED for c in disk.values() if c.original == "tbe")
    # progress: the corpus bar, the pattern leaves the pending queue, the documents' bars
    assert ui.text("#prog-decided") == str(n_aud)
    assert ui.width("#prog-bar") == pytest.approx(n_aud / (n_tbe + n_aud), abs=0.011)
    assert ui.groups() == ["tbe -> the"]
    assert "Accepted “aud” → “and”" in ui.text("#toast")
    fills = page.eval_on_selector_all(
        "#docs li", "ls => ls.map(l => [l.querySelector('.d-name').textContent,"
        " l.querySelector('.d-count').textContent])")
    per_doc = {name: (sum(1 for (d, _), c in disk.items() if d == name and c.status is Status.ACCEPTED),
                      sum(1 for (d, _) in disk if d == name)) for name, _ in fills}
    assert {name: count for name, count in fills} == {n: f"{a}/{t}" for n, (a, t) in per_doc.items()}
    # decided patterns are shown on asking, with a full bar and what the project learned
    page.select_option("#f-status", "decided")
    page.wait_for_function("() => document.querySelector('#groups li.is-done')")
    assert ui.groups() == ["aud -> and"]
    assert ui.width("#groups li .g-fill") == pytest.approx(1.0, abs=0.01)
    assert ui.text("#groups li .g-learned") == f"✓{n_aud}"
    # z: undo the batch, every file back to pending
    page.keyboard.press("z")
    ui.decided()
    assert all(c.status is Status.PROPOSED for c in on_disk(root).values())
    ui.close()


def test_esc_in_the_text_filter_empties_it_and_shows_every_pattern_again(browser, corpus):
    """Esc in the filter box empties it (Chromium's search box) and gives it up to the keys: the
    patterns must then be the unfiltered ones, not those the emptied box no longer shows."""
    root, server = corpus
    ui = Page(browser, server.url)
    page = ui.page
    assert ui.groups() == ["tbe -> the", "aud -> and"]
    page.keyboard.press("/")
    page.keyboard.type("aud")
    page.wait_for_function("() => document.getElementById('groups-count').textContent === '1 pattern'")
    assert ui.groups() == ["aud -> and"]
    page.keyboard.press("Escape")
    assert page.input_value("#f-text") == ""
    page.wait_for_function("() => document.getElementById('groups-count').textContent === '2 patterns'")
    assert ui.groups() == ["tbe -> the", "aud -> and"]
    ui.close()


def test_the_page_asks_the_editors_name_once_and_records_it_with_a_decision(browser, corpus):
    root, server = corpus
    ui = Page(browser, server.url, name=None)
    ui.page.wait_for_selector("#name-dialog[open]")
    ui.page.fill("#name-input", "Bo Editor")
    ui.page.keyboard.press("Enter")
    assert ui.text("#editor-button") == "Bo Editor"
    first = ui.groups()[0].split(" ->")[0]
    ui.open(first)
    ui.page.keyboard.press("a")
    ui.decided()
    decided = [c for c in on_disk(root).values() if c.status.decided]
    assert decided and {c.by for c in decided} == {"Bo Editor"}
    ui.close()

def test_part_of_a_group_decided_the_rest_left_pending(browser, corpus):
    root, server = corpus
    ui = Page(browser, server.url)
    page = ui.page
    n_tbe = sum(instances(root, "tbe").values())
    page.wait_for_function("() => document.querySelector('#instances li .i-ctx mark')")
    rows = page.locator("#instances li")
    keys = rows.evaluate_all("ls => ls.map(l => l.dataset.key)")
    # untick the second instance with the key, the fourth with a click
    page.keyboard.press("J")
    page.keyboard.press("x")
    rows.nth(3).locator("input[type=checkbox]").click()
    assert ui.text("#sel-count") == f"{n_tbe - 2} of {n_tbe} pending ticked"
    assert ui.text("#b-reject-label") == f"Reject {n_tbe - 2}"
    page.click("#b-reject")
    ui.decided()
    disk = on_disk(root)
    doc_names = [d["name"] for d in state(page)["documents"]]
    left = {(doc_names[int(keys[i].split(":")[0])], keys[i].split(":", 1)[1]) for i in (1, 3)}
    for key, c in disk.items():
        if c.original != "tbe":
            assert c.status is Status.PROPOSED
        elif key in left:
            assert c.status is Status.PROPOSED, key
        else:
            assert (c.status, c.by) == (Status.REJECTED, "Ana Editor"), key
    # the pattern stays open with the two left; its bar shows the rest decided
    assert ui.text("#g-original") == "tbe"
    assert page.locator("#instances li").count() == 2
    assert ui.text("#g-counts").startswith("2 pending in ")
    assert ui.width("#g-bar") == pytest.approx((n_tbe - 2) / n_tbe, abs=0.011)
    assert ui.text("#g-learned") == f"rejected {n_tbe - 2} times in this project"
    # the same two, now typed a reading of one's own: an edit
    page.keyboard.press("e")
    page.fill("#g-reading-input", "thee")
    assert ui.text("#b-accept-label") == "Accept as “thee” 2"
    page.keyboard.press("Enter")
    ui.decided()
    disk = on_disk(root)
    assert all((disk[k].status, disk[k].reading) == (Status.EDITED, "thee") for k in left)
    ui.close()


def test_a_change_on_disk_is_shown_and_a_changed_instance_refused_alone(browser, corpus):
    root, server = corpus
    ui = Page(browser, server.url)
    page = ui.page
    ui.open("aud")
    page.wait_for_function("() => document.querySelector('#instances li .i-ctx mark')")
    doc, cid = page.eval_on_selector("#instances li:nth-child(2)", "l => l.dataset.key").split(":")
    name = state(page)["documents"][int(doc)]["name"]
    # a colleague rejects one on the command line while the page is open
    run("reject", name, cid, cwd=root, editor="Bo Other", check=True)
    page.keyboard.press("a")
    ui.decided()
    notice = ui.text("#notice-text")
    assert f"1 not saved, left as they are: {name} {cid} (changed since it was shown: now " \
           "rejected by Bo Other)" in notice
    disk = on_disk(root)
    assert (disk[(name, cid)].status, disk[(name, cid)].by) == (Status.REJECTED, "Bo Other")
    assert all(c.status is Status.ACCEPTED for k, c in disk.items()
               if c.original == "aud" and k != (name, cid))
    # a change made while the page is idle is noticed and shown
    page.click("#notice-close")
    run("reopen", name, cid, cwd=root, check=True)
    page.evaluate("() => window.dispatchEvent(new Event('focus'))")
    page.wait_for_selector("#notice:not([hidden])")
    assert "changed on disk" in ui.text("#notice-text")
    ui.close()


def test_a_document_limits_the_patterns_and_a_big_batch_draws_its_progress_bar(
        browser, tmp_path, monkeypatch):
    make_corpus(tmp_path, 150)
    write_document(tmp_path, "texts/short.txt", "He went to tbe market at noon.\n")
    server = serve(tmp_path, monkeypatch)
    try:
        ui = Page(browser, server.url)
        page = ui.page
        # a click on a document shows only its patterns
        page.click("#docs li:has(.d-name:text-is('texts/short.txt'))")
        page.wait_for_selector("#doc-filter:not([hidden])")
        page.wait_for_function("() => document.querySelectorAll('#groups li').length === 1")
        assert ui.groups() == ["tbe -> the"]
        page.click("#doc-filter-clear")
        page.wait_for_function("() => document.querySelectorAll('#groups li').length === 2")
        # the bar of a batch across 151 files, as the page draws it
        page.evaluate("""() => {
            window.widths = [];
            new MutationObserver(() => window.widths.push(document.getElementById('job-bar').style.width))
                .observe(document.getElementById('job-bar'), {attributes: true});
        }""")
        n = sum(instances(tmp_path, "tbe").values())
        page.keyboard.press("a")
        page.wait_for_selector("#job:not([hidden])")
        label = ui.text("#job-label")
        assert label.startswith(f"Deciding {n:,} instances in 151 documents: ")
        ui.decided()
        widths = [float(w.rstrip("%")) for w in page.evaluate("window.widths")]
        assert widths == sorted(widths) and widths[-1] == 100
        assert any(0 < w < 100 for w in widths), widths  # it moved while the files were written
        disk = on_disk(tmp_path)
        assert sum(1 for c in disk.values() if c.status is Status.ACCEPTED) == n
        assert f"{n:,} in 151 documents" in ui.text("#toast")
        page.screenshot(path=str(tmp_path / "after-batch.png"))
        ui.close()
    finally:
        server.shutdown()


OCR = Path(__file__).resolve().parent / "data" / "ocr" / "bln-3200797034"


def test_an_ocr_source_shows_each_instance_on_its_page_image(browser, tmp_path, monkeypatch):
    import shutil

    for fmt in ("alto", "hocr"):  # the same page read by Tesseract, as two documents
        shutil.copytree(OCR / fmt, tmp_path / fmt)
    run("detect", "alto", "hocr", "--jobs", "1", cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    app = create_corpus_app(documents([Path("alto"), Path("hocr")]))
    server = ReviewServer(port=0, app=app).start()
    try:
        ui = Page(browser, server.url)
        page = ui.page
        # drawn: a line of the page, far wider than high (an empty canvas is 300 x 150)
        page.wait_for_function("() => [...document.querySelectorAll('#instances canvas.i-crop')]"
                               ".filter(c => c.width > 4 * c.height).length >= 2")
        crops = page.eval_on_selector_all("#instances canvas.i-crop", """cs => cs.map(c => {
            const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let dark = 0;
            for (let i = 0; i < px.length; i += 4) if (px[i] < 128) dark++;
            return [c.width, c.height, dark / (c.width * c.height)];
        })""")
        for width, height, ink in crops[:2]:
            # a line of the page: wider than high, with ink on it (the letters and the box)
            assert width > 4 * height > 0 and 0.02 < ink < 0.6, (width, height, ink)
        docs = page.locator("#instances li .i-doc").all_inner_texts()
        assert {"alto", "hocr"} <= set(docs)
        page.screenshot(path=str(tmp_path / "ocr-crops.png"))
        ui.close()
    finally:
        server.shutdown()
