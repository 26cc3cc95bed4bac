"""The built edition's pages in a real headless Chromium (Debian's), at a desktop and a phone
width: the reading view's sticky switch is an opaque bar, the diff page leads to its text and
moves from change to change by button and by key, its decisions table keeps rows short.

The seed is built with its reviewed corrections file (90 changes). Skipped when /usr/bin/chromium
or Playwright is missing.
"""
from __future__ import annotations

import shutil
import statistics
from pathlib import Path

import pytest

from cli_helpers import ROOT, run
from chromium import SCREENS, browser, page  # noqa: F401  (pytest fixtures)


NAME = "hoxha-memoirs-stalin-introduction"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("edition")
    (root / "seeds").mkdir()
    shutil.copy(ROOT / "seeds" / f"{NAME}.txt", root / "seeds")
    shutil.copytree(ROOT / "corrections", root / "corrections")
    run("build", f"seeds/{NAME}.txt", "--validator", "none", "-q", cwd=root, check=True)
    return root / "build"


def _scroll_to(page, selector: str, index: int) -> None:
    page.evaluate("([s, i]) => { const el = document.querySelectorAll(s)[i];"
                  " window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 5); }",
                  [selector, index])
    page.wait_for_timeout(100)


def _box(page, selector: str) -> dict:
    return page.evaluate("s => { const r = document.querySelector(s).getBoundingClientRect();"
                         " return {x: r.x, y: r.y, width: r.width, height: r.height}; }", selector)


def test_the_reading_views_switch_is_an_opaque_bar(built, page, tmp_path):
    page.goto((built / f"{NAME}.html").as_uri())
    shots = []
    for where in (10, 40):  # two places in the text: whatever lies under the bar, it looks the same
        _scroll_to(page, "main p", where)
        bar = _box(page, ".switch")
        assert abs(bar["y"]) < 1  # stuck to the top of the window
        shots.append(page.screenshot(clip=bar, path=str(tmp_path / f"bar-{page.screen}-{where}.png")))
    assert shots[0] == shots[1], f"text shows through the bar (see {tmp_path})"
    main = _box(page, "main")  # and it is as wide as the text
    assert bar["x"] <= main["x"] and bar["x"] + bar["width"] >= main["x"] + main["width"]
    # the bar is the switch: the source reading instead of the corrected one
    src = page.locator("main .src").first
    assert not src.is_visible()
    page.click(".switch")
    assert src.is_visible() and not page.locator("main .cor").first.is_visible()
    page.screenshot(path=str(tmp_path / f"reading-{page.screen}.png"))


def test_the_diff_page_leads_to_the_text_and_from_change_to_change(built, page):
    page.goto((built / f"{NAME}.diff.html").as_uri())
    n = page.locator(".hunk").count()
    assert n == 90
    jump = page.locator("text=Jump to the text")
    assert jump.is_visible() and _box(page, ".jump a")["y"] < SCREENS[page.screen]["viewport"]["height"]
    jump.click()
    page.wait_for_timeout(100)
    assert abs(_box(page, ".changes")["y"]) < 1  # the change bar at the top of the window

    def shown() -> tuple[str, str, bool]:
        current = page.locator(".hunk.current")
        assert current.count() == 1
        box = current.bounding_box()
        on_screen = 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"]
        return current.get_attribute("id"), page.inner_text("#where"), on_screen

    keyboard = page.screen == "desktop"  # a phone has buttons, not keys
    step = (lambda key: page.keyboard.press(key)) if keyboard else \
        (lambda key: page.click("#next-change" if key == "n" else "#prev-change"))
    step("n")
    assert shown() == ("h-1", f"change 1 of {n}", True)
    step("n")
    step("n")
    assert shown() == ("h-3", f"change 3 of {n}", True)
    step("p")
    assert shown() == ("h-2", f"change 2 of {n}", True)
    page.click("#next-change")
    assert shown() == ("h-3", f"change 3 of {n}", True)
    assert page.evaluate("location.hash") == "#h-3"  # a link to this change
    if keyboard:
        page.keyboard.press("k")
        page.keyboard.press("j")
        page.keyboard.press("j")
        assert shown()[0] == "h-4"
    # scrolled away by hand: next is the first change on screen below the bar
    page.evaluate("window.scrollTo(0, document.getElementById('h-51').getBoundingClientRect().top"
                  " + window.scrollY - window.innerHeight / 2)")
    page.wait_for_timeout(100)
    on_screen = page.evaluate(
        "() => { const top = document.querySelector('.changes').getBoundingClientRect().bottom;"
        " return [...document.querySelectorAll('.hunk')].filter(h => {"
        " const r = h.getBoundingClientRect(); return r.top >= top && r.top < innerHeight; })"
        ".map(h => h.id); }")
    assert "h-51" in on_screen
    page.click("#next-change")
    assert shown()[0] == on_screen[0]
    # a link to a change shows it, and the last change stays the last
    page.goto((built / f"{NAME}.diff.html").as_uri() + f"#h-{n}")  # same page: the hash changes
    assert shown() == (f"h-{n}", f"change {n} of {n}", True)
    page.click("#next-change")
    assert shown()[0] == f"h-{n}"
    page.goto("about:blank")
    page.goto((built / f"{NAME}.diff.html").as_uri() + "#h-7")  # opened from elsewhere
    assert shown() == ("h-7", f"change 7 of {n}", True)


def test_the_decisions_table_keeps_its_rows_short(built, browser, tmp_path):
    context = browser.new_context(**SCREENS["desktop"])
    page = context.new_page()
    page.goto((built / f"{NAME}.diff.html").as_uri())
    heights = page.evaluate("[...document.querySelectorAll('#decisions ~ .wide tr')]"
                            ".map(tr => tr.getBoundingClientRect().height)")
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.wide td')).lineHeight)")
    assert len(heights) == 1 + page.locator("tr[id^='d-']").count() > 90
    # a row of one or two lines, where the narrow why column made most rows five lines or more
    assert statistics.median(heights) <= 2.6 * line, (statistics.median(heights), line)
    page.locator("#decisions").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "decisions-desktop.png"))
    context.close()
