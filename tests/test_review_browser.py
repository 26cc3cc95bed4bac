"""The review page end to end: a real headless Chromium (Debian's) driven by Playwright.

Each test serves a fresh copy of the seed with ~300 proposals (see ``review_sample``), decides
with the keyboard as an editor would, and checks the corrections file on disk — the page is
only right if the file is. Skipped when /usr/bin/chromium or Playwright is missing.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from edition import workflow
from edition.store import load_corrections
from edition.detection.evidence.project import read_project_lexicon
from edition.model import Correction, Status
from edition.review import Selection
from edition.server import ReviewServer
from edition.source import read_source

from review_sample import hostile_corrections, seed_corrections
from chromium import AppPage, browser  # noqa: F401  (browser: a pytest fixture)


# One Chromium for the module (the browser fixture): in a parallel run its tests go to one worker.
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]

TIMEOUT_MS = 20_000


@pytest.fixture()
def project(tmp_path):
    return seed_corrections(tmp_path, bulk=280)


@pytest.fixture()
def server(project):
    src, cor = project
    s = ReviewServer(src, cor, port=0).start()
    yield s
    s.shutdown()


class Page(AppPage):
    """A page of the review UI with the few moves the tests need."""

    timeout_ms = TIMEOUT_MS

    def press(self, *keys: str) -> None:
        for k in keys:
            self.page.keyboard.press(k)

    def saved(self) -> None:
        """Wait until every decision the page made is confirmed by the server."""
        self.page.wait_for_function(
            "() => document.getElementById('save-state').textContent.startsWith('All decisions saved')")

    def current(self) -> str:
        return self.page.eval_on_selector("#queue li.is-current", "li => li.dataset.id")

    def scroll_queue(self, top: int) -> None:
        """Scroll the queue to ``top`` px, and wait until its window of rows is drawn again."""
        first = self.page.eval_on_selector("#queue li.row", "li => li.dataset.id")
        self.page.evaluate("top => { document.getElementById('queue').scrollTop = top; }", top)
        self.page.wait_for_function(
            "id => document.querySelector('#queue li.row').dataset.id !== id", arg=first)

    def filter_text(self, text: str) -> None:
        self.press("/")
        self.page.fill("#f-text", text)
        self.press("Enter")
        self.page.wait_for_function(
            "t => [...document.querySelectorAll('#queue li')].every(li => li.textContent.includes(t))", arg=text)


def on_disk(cor: Path, src: Path) -> dict[str, Correction]:
    return {c.id: c for c in load_corrections(cor, read_source(src))}


def by_position(cor: Path, src: Path) -> list[Correction]:
    return sorted(on_disk(cor, src).values(), key=lambda c: (c.start, c.end))


def test_review_with_the_keyboard_and_reload(browser, server, project):
    src, cor = project
    ui = Page(browser, server.url, name=None)
    page = ui.page
    # the editor's name is asked once
    page.wait_for_selector("#name-dialog[open]")
    page.fill("#name-input", "Ana Editor")
    page.keyboard.press("Enter")
    assert page.inner_text("#editor-button") == "Ana Editor"
    entries = by_position(cor, src)
    assert page.locator("#queue li").count() == len(entries)
    assert page.locator("#text mark").count() == len(entries)
    assert page.inner_text("#prog-total") == str(len(entries))
    # a: accept the first proposal; r: reject the next
    first, second, third = entries[0], entries[1], entries[2]
    assert ui.current() == first.id
    ui.press("a")
    assert ui.current() == second.id  # moved on at once
    ui.press("r")
    ui.saved()
    disk = on_disk(cor, src)
    assert (disk[first.id].status, disk[first.id].reading, disk[first.id].by) == \
        (Status.ACCEPTED, first.readings[0], "Ana Editor")
    assert (disk[second.id].status, disk[second.id].by) == (Status.REJECTED, "Ana Editor")
    # e: type a reading
    assert ui.current() == third.id
    ui.press("e")
    page.fill("#d-edit", "my reading")
    page.wait_for_function("() => document.getElementById('pv-after').textContent.includes('my reading')")
    page.keyboard.press("Enter")
    ui.saved()
    assert (on_disk(cor, src)[third.id].status, on_disk(cor, src)[third.id].reading) == (Status.EDITED, "my reading")
    # z: undo the edit, then the reject
    ui.press("z")
    ui.saved()
    assert on_disk(cor, src)[third.id].status is Status.PROPOSED
    ui.press("z")
    ui.saved()
    assert on_disk(cor, src)[second.id].status is Status.PROPOSED
    assert on_disk(cor, src)[first.id].status is Status.ACCEPTED
    # j / k move through the queue
    ui.press("j")
    after_j = ui.current()
    ui.press("k")
    assert ui.current() != after_j
    # 1-9: accept another suggestion
    ui.filter_text("capitatist")
    cid = ui.current()
    assert page.locator("#d-readings button").count() == 2
    ui.press("2")
    ui.saved()
    assert on_disk(cor, src)[cid].reading == "capitatists"
    # u: flag unclear
    ui.filter_text("Statin")
    statin = ui.current()
    ui.press("u")
    ui.saved()
    assert on_disk(cor, src)[statin].status is Status.FLAGGED
    # reload: the page shows what the file holds
    page.reload()
    page.wait_for_selector("body.ready")
    decided = sum(1 for c in on_disk(cor, src).values() if c.decided)
    assert page.inner_text("#prog-decided") == str(decided) == "3"
    page.select_option("#f-status", "decided")
    shown = page.eval_on_selector_all("#queue li", "lis => lis.map(li => [li.dataset.id, li.className])")
    assert {i for i, _ in shown} == {first.id, cid, statin}
    assert any(i == statin and "s-flagged" in cls for i, cls in shown)
    assert not ui.errors
    ui.close()


def test_batch_accept_identical_then_undo(browser, server, project):
    src, cor = project
    ui = Page(browser, server.url)
    ui.filter_text("Krushchev")
    assert "Accept all 3" in ui.page.inner_text("#b-identical")
    ui.press("A")
    ui.saved()
    same = [c for c in on_disk(cor, src).values() if c.original == "Krushchev"]
    assert len(same) == 3 and all(c.status is Status.ACCEPTED and c.reading == "Khrushchev" for c in same)
    ui.press("z")
    ui.saved()
    assert all(on_disk(cor, src)[c.id].status is Status.PROPOSED for c in same)
    ui.close()


def test_batch_accept_kind_above_confidence(browser, server, project):
    src, cor = project
    ui = Page(browser, server.url)
    ui.page.select_option("#f-kind", "glyph")
    ui.page.select_option("#f-sort", "confidence")
    ui.press("j", "j", "j")  # the fourth most confident glyph proposal
    cur = on_disk(cor, src)[ui.current()]
    expected = {c.id for c in on_disk(cor, src).values()
                if c.kind.value == "glyph" and c.confidence >= cur.confidence and c.readings}
    assert len(expected) >= 4
    assert f"Accept all {len(expected)} glyph" in ui.page.inner_text("#b-kind")
    ui.press("K")
    ui.saved()
    accepted = {c.id for c in on_disk(cor, src).values() if c.status is Status.ACCEPTED}
    assert accepted == expected
    ui.close()


def test_word_is_correct_for_the_project(browser, server, project):
    src, cor = project
    ui = Page(browser, server.url)
    ui.filter_text("exposiing")
    cid = ui.current()
    ui.press("W")
    ui.saved()
    assert "exposiing" in read_project_lexicon(cor.parent / "lexicon.txt")
    assert on_disk(cor, src)[cid].status is Status.REJECTED
    ui.close()


def test_add_a_correction_by_selecting_text_then_undo(browser, server, project):
    src, cor = project
    ui = Page(browser, server.url)
    page = ui.page
    page.evaluate("""() => {
        const walker = document.createTreeWalker(document.getElementById('text'), NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const i = node.data.indexOf('not fold');
            if (i >= 0) {
                const r = document.createRange();
                r.setStart(node, i); r.setEnd(node, i + 'not fold'.length);
                const sel = getSelection(); sel.removeAllRanges(); sel.addRange(r);
                node.parentElement.scrollIntoView({block: 'center'});
                document.getElementById('text').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
                return;
            }
        }
        throw new Error('not found');
    }""")
    page.wait_for_selector("#add-popover:not([hidden])")
    assert page.inner_text("#add-original") == "not fold"
    page.fill("#add-reading", "not told")
    page.select_option("#add-kind", "realword")
    page.keyboard.press("Enter")
    ui.saved()
    added = [c for c in on_disk(cor, src).values() if c.detector == "editor"]
    assert len(added) == 1
    c = added[0]
    assert (c.original, c.reading, c.status, c.kind.value, c.by) == \
        ("not fold", "not told", Status.EDITED, "realword", "Ana Editor")
    assert read_source(src).text[c.start:c.end] == "not fold"
    page.wait_for_selector(f"#text mark[data-id='{c.id}']")
    ui.press("z")
    ui.saved()
    assert c.id not in on_disk(cor, src)
    ui.close()


def test_two_tabs_deciding_one_proposal_never_lose_an_update(browser, server, project):
    src, cor = project
    a = Page(browser, server.url, name="Ana")
    b = Page(browser, server.url, name="Bo")
    # Tab B learns of A's decision only through its own save (its polling is cut), so the
    # race is the worst case every time.
    b.page.route("**/api/version", lambda route: route.abort())
    target = a.current()
    assert b.current() == target
    a.press("a")
    a.saved()
    b.press("r")
    b.page.wait_for_selector("#notice:not([hidden])")
    assert "Not saved" in b.page.inner_text("#notice-text")
    # B now shows A's decision...
    b.page.click(f"#text mark[data-id='{target}']")
    b.page.wait_for_function("id => document.querySelector('#text mark.is-current').dataset.id === id", arg=target)
    assert b.page.inner_text("#d-status") == "accepted"
    disk = on_disk(cor, src)[target]
    assert (disk.status, disk.by) == (Status.ACCEPTED, "Ana")
    # ...and, having seen it, may overrule it
    b.press("r")
    b.saved()
    assert (on_disk(cor, src)[target].status, on_disk(cor, src)[target].by) == (Status.REJECTED, "Bo")
    # A's stale undo must not silently revert Bo's decision either
    a.page.route("**/api/version", lambda route: route.abort())
    a.press("z")
    a.page.wait_for_selector("#notice:not([hidden])")
    assert (on_disk(cor, src)[target].status, on_disk(cor, src)[target].by) == (Status.REJECTED, "Bo")
    # decisions on different proposals both land, and B is told the file changed
    a.press("j")
    a_id = a.current()
    a.press("a")
    a.saved()
    b.page.click("#notice-close")
    b.page.select_option("#f-status", "pending")
    b.press("j", "j", "j")
    b_id = b.current()
    assert b_id != a_id
    b.press("a")
    b.saved()
    b.page.wait_for_selector("#notice:not([hidden])")
    assert "changed on disk" in b.page.inner_text("#notice-text")
    disk = on_disk(cor, src)
    assert (disk[a_id].by, disk[b_id].by) == ("Ana", "Bo")
    a.close()
    b.close()


def test_a_command_changing_the_file_is_noticed(browser, server, project):
    src, cor = project
    ui = Page(browser, server.url)
    cid = ui.current()
    workflow.decide(workflow.open_project(src, cor), Selection(ids=(cid,)), "reject", by="CLI user")
    ui.page.evaluate("() => window.dispatchEvent(new Event('focus'))")  # the editor comes back
    ui.page.wait_for_selector("#notice:not([hidden])")
    assert "changed on disk" in ui.page.inner_text("#notice-text")
    assert ui.page.inner_text("#d-status") == "rejected"
    assert "CLI user" in ui.page.inner_text("#d-decided")
    ui.close()


def test_a_stopped_server_loses_nothing_shown_as_saved(browser, project):
    src, cor = project
    server = ReviewServer(src, cor, port=0).start()
    ui = Page(browser, server.url)
    cid = ui.current()
    ui.press("a")
    ui.saved()
    server.shutdown()
    assert on_disk(cor, src)[cid].status is Status.ACCEPTED
    ui.press("r")
    ui.page.wait_for_selector("#save-state.is-error")
    assert "Not saved" in ui.page.inner_text("#notice-text")
    ui.close()


def test_hostile_text_is_shown_as_text(browser, tmp_path):
    src, cor = hostile_corrections(tmp_path)
    server = ReviewServer(src, cor, port=0).start()
    try:
        ui = Page(browser, server.url)
        page = ui.page
        text = read_source(src).text
        assert page.text_content("#text") == text
        for pane in ("#text", "#queue", "#detail"):
            assert page.locator(f"{pane} script, {pane} img, {pane} svg, {pane} b, {pane} i").count() == 0
        assert "<img src=x onerror=" in page.inner_text("#d-context")
        assert "<i>markup</i> in the evidence <script>" in page.inner_text("#d-why")
        assert "<svg onload=" in page.inner_text("#d-readings")
        page.wait_for_function("() => document.getElementById('pv-after').textContent.includes('<svg onload')")
        ui.press("a")  # accept the markup as a reading: still text
        ui.saved()
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__pwned") is None
        assert page.locator("svg, img").count() == 0
        assert on_disk(cor, src)[next(iter(on_disk(cor, src)))].reading is not None
        assert not ui.errors
        ui.close()
    finally:
        server.shutdown()


def test_the_page_loads_nothing_from_elsewhere(browser, server):
    ui = Page(browser, server.url)
    requests: list[str] = []
    ui.page.on("request", lambda r: requests.append(r.url))
    ui.page.reload()
    ui.page.wait_for_selector("body.ready")
    assert requests and all(re.match(rf"^{re.escape(server.base_url)}|^data:", u) for u in requests), requests
    ui.close()


def test_queue_sorts_and_filters_and_the_keys_are_shown(browser, server, project):
    src, cor = project
    ui = Page(browser, server.url)
    page = ui.page
    entries = on_disk(cor, src)
    page.fill("#f-conf", "0.9")
    page.dispatch_event("#f-conf", "change")
    page.select_option("#f-sort", "confidence")
    ids = page.eval_on_selector_all("#queue li", "lis => lis.map(li => li.dataset.id)")
    confs = [entries[i].confidence for i in ids]
    assert confs == sorted(confs, reverse=True) and min(confs) >= 0.9
    assert set(ids) == {c.id for c in entries.values() if c.confidence >= 0.9}
    page.select_option("#f-sort", "kind")
    kinds = [entries[i].kind.value for i in
             page.eval_on_selector_all("#queue li", "lis => lis.map(li => li.dataset.id)")]
    assert kinds == sorted(kinds)
    page.fill("#f-conf", "0")
    page.dispatch_event("#f-conf", "change")
    page.select_option("#f-kind", "variant")
    assert page.locator("#queue li").count() == 3
    page.select_option("#f-kind", "")
    keys = set(page.eval_on_selector_all(".keybar kbd", "ks => ks.map(k => k.textContent)"))
    assert keys >= {"j", "k", "a", "1", "9", "r", "e", "u", "z", "A", "K", "W", "/"}
    ui.close()


def _text_filter_matches(c: Correction, needle: str, wide: bool) -> bool:
    """The rule the filter follows: the original and the readings (with ``wide``, the context
    and the evidence too); any case, unless the needle has a capital letter."""
    fields = [c.original, c.reading or "", *c.readings]
    if wide:
        fields += [c.context, c.why, c.note or ""]
    hay = "\n".join(fields)
    return needle in hay if needle != needle.lower() else needle in hay.lower()


def test_the_text_filter_looks_at_the_original_and_the_readings(browser, server, project):
    src, cor = project
    ui = Page(browser, server.url)
    page = ui.page
    entries = on_disk(cor, src)

    page.select_option("#f-status", "all")

    def queue_for(needle: str, wide: bool) -> set[str]:
        if page.is_checked("#f-context") != wide:
            page.click("#f-context")
        page.fill("#f-text", needle)
        expected = {c.id for c in entries.values() if _text_filter_matches(c, needle, wide)}
        page.wait_for_function(
            "ids => { const shown = [...document.querySelectorAll('#queue li')].map(li => li.dataset.id);"
            " return shown.length === ids.length && ids.every(i => shown.includes(i)); }",
            arg=sorted(expected))
        return expected

    # three letters: in the original or a reading of a few proposals, in the context of many
    narrow, wide = queue_for("tle", False), queue_for("tle", True)
    assert 0 < len(narrow) < len(wide) / 2
    # a capital asks for that case
    statin = next(c.id for c in entries.values() if c.original == "Statin")
    assert statin in queue_for("Stalin", False)
    assert queue_for("The", True) < queue_for("the", True)
    khrushchev = queue_for("khrushchev", False)
    assert len(khrushchev) == 3 and all(entries[i].original == "Krushchev" for i in khrushchev)
    assert not ui.errors
    ui.close()


def test_esc_in_the_text_filter_empties_it_and_shows_the_whole_queue_again(browser, server, project):
    """Esc in the filter box empties it (Chromium's search box) and gives it up to the keys: the
    queue must then be the unfiltered one, not the one the emptied box no longer shows."""
    ui = Page(browser, server.url)
    page = ui.page
    every = page.locator("#queue li").count()
    ui.filter_text("Statin")
    assert 0 < page.locator("#queue li").count() < every
    ui.press("/")
    ui.press("Escape")
    assert page.input_value("#f-text") == ""
    page.wait_for_function("n => document.querySelectorAll('#queue li').length === n", arg=every)
    ui.press("j")  # the keys are the page's again
    assert not ui.errors
    ui.close()


def test_a_typed_reading_keeps_the_page_on_its_proposal_until_it_is_saved(browser, server, project):
    src, cor = project
    ui = Page(browser, server.url)
    page = ui.page
    entries = by_position(cor, src)
    first, second, third = entries[0], entries[1], entries[2]
    assert ui.current() == first.id
    ui.press("e")
    page.keyboard.type("my own reading")
    # meanwhile a command decides another proposal and the editor's window gets the focus again:
    # the page reloads the file, and keeps the proposal and what was typed
    workflow.decide(workflow.open_project(src, cor), Selection(ids=(entries[5].id,)), "reject",
                    by="CLI user")
    page.evaluate("() => window.dispatchEvent(new Event('focus'))")
    page.wait_for_selector("#notice:not([hidden])")
    assert ui.current() == first.id
    assert page.input_value("#d-edit") == "my own reading"
    # keys and clicks that would move on wait for the reading: it is saved or dropped first
    for key in ("j", "r", "2", "z"):
        page.click("#d-why")  # out of the box
        ui.press(key)
        assert ui.current() == first.id and page.input_value("#d-edit") == "my own reading"
        assert "not saved yet: Enter saves it, Esc drops it" in page.inner_text("#toast")
        assert page.evaluate("document.activeElement.id") == "d-edit"  # back to the box
    page.click(f"#queue li[data-id='{third.id}']")
    assert ui.current() == first.id
    assert page.evaluate("document.activeElement.id") == "d-edit"
    page.keyboard.press("Enter")
    ui.saved()
    disk = on_disk(cor, src)
    assert (disk[first.id].status, disk[first.id].reading) == (Status.EDITED, "my own reading")
    assert disk[second.id].status is Status.PROPOSED  # no key went to the next proposal
    assert ui.current() == second.id  # and now the queue moves on
    # the Accept button saves what is typed, not the suggestion
    ui.press("e")
    page.keyboard.type("typed, then the button")
    page.click("#b-accept")
    ui.saved()
    assert on_disk(cor, src)[second.id].reading == "typed, then the button"
    # Esc drops it: nothing saved, and the keys move again
    assert ui.current() == third.id
    ui.press("e")
    page.keyboard.type("never mind")
    ui.press("Escape", "j")
    assert ui.current() != third.id and on_disk(cor, src)[third.id].status is Status.PROPOSED
    assert not ui.errors
    ui.close()


@pytest.fixture
def book(browser, tmp_path):
    """The review page of a book of 5,000 proposals, its queue drawn as a window of rows, with
    the book's source and corrections file."""
    from test_corrections_file_at_scale import make_book

    src, cor = make_book(tmp_path, 5000)
    server = ReviewServer(src, cor, port=0).start()
    try:
        yield Page(browser, server.url), src, cor
    finally:
        server.shutdown()


def test_a_click_on_a_row_lands_though_the_queue_is_redrawn_under_it(book):
    """A scroll of a book's queue draws its new window of rows at the next frame. A click pressed
    on a row before that redraw and released after it (a scroll still settling, a loaded
    machine) picks the row: the rows still in the window stay, the same elements. Drawn again
    as new elements, they took no click (the press and the release fell on two elements), and
    the click was lost."""
    ui, _, _ = book
    page = ui.page
    ui.scroll_queue(3000)
    # the page's frames held: the queue scrolls by a row, and its redraw waits
    page.evaluate("""() => {
        window.heldFrames = [];
        window.requestAnimationFrame = (f) => window.heldFrames.push(f);
        document.getElementById('queue').scrollTop += 30;
    }""")
    page.wait_for_function("() => window.heldFrames.length > 0")  # the scroll was seen
    row = page.evaluate("""() => {
        const r = document.getElementById('queue').getBoundingClientRect();
        return document.elementFromPoint(r.left + 20, r.top + r.height / 2)
            .closest('li.row').dataset.id;
    }""")
    box = page.locator(f"#queue li[data-id='{row}']").bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + box["height"] / 2)
    page.mouse.down()
    first = page.eval_on_selector("#queue li.row", "li => li.dataset.id")
    page.evaluate("() => window.heldFrames.splice(0).forEach((f) => f())")  # the redraw
    assert page.eval_on_selector("#queue li.row", "li => li.dataset.id") != first
    page.mouse.up()
    assert ui.current() == row
    assert page.locator("#queue li.row").count() < 200  # still a window of rows
    assert not ui.errors


def test_a_book_sized_queue_draws_the_rows_in_view_and_decides(book):
    """A book's thousands of proposals: the queue draws only the rows in view (laying out all of
    a book's 23,000 rows took over a second per key press: docs/BENCHMARKS.md) and the text is
    laid out in blocks; scrolling, clicking, the keys and a decision all still work, and the
    decision is on disk."""
    ui, src, cor = book
    page = ui.page
    drawn = page.locator("#queue li.row").count()
    assert 20 < drawn < 200  # a window of rows, not 5,000
    assert page.locator("#text .chunk").count() > 20
    # far down the queue, a click picks that proposal and brings its text into view
    ui.scroll_queue(90000)
    target = page.eval_on_selector_all("#queue li.row", "lis => lis[10].dataset.id")
    page.click(f"#queue li[data-id='{target}']")
    assert ui.current() == target
    page.wait_for_function(
        """id => { const m = document.querySelector(`#text mark[data-id='${id}']`);
                   const r = m.getBoundingClientRect();
                   return r.top > 0 && r.bottom < window.innerHeight; }""", arg=target)
    ui.press("r")
    page.wait_for_function(
        "id => document.querySelector(`#text mark[data-id='${id}']`).classList.contains('s-rejected')",
        arg=target)
    ui.saved()
    assert on_disk(cor, src)[target].status is Status.REJECTED
    ui.press("j")  # the next one, in the drawn window
    assert ui.current() != target and page.locator("#queue li.is-current").count() == 1
    assert not ui.errors
