"""Real Chromium for the page tests: Debian's ``/usr/bin/chromium`` driven by Playwright; a test
that needs it is skipped where either is missing.

A test module takes the fixtures it uses by importing them::

    from chromium import browser, page  # noqa: F401  (pytest fixtures)

``browser`` is one Chromium per module (in a parallel run, mark the module's tests with
``xdist_group("browser")`` so that they share it); ``page`` is a fresh page at each of
:data:`SCREENS`, which fails its test if a script error happened on it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: A desktop and a phone (an iPhone 12/13/14's CSS pixels), as a reader holds them.
SCREENS = {"desktop": dict(viewport={"width": 1280, "height": 800}),
           "phone": dict(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)}


def playwright():
    """Playwright's sync API, or the calling test skipped (no Chromium or no Playwright)."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium")
    return pytest.importorskip("playwright.sync_api")


def launch(pw):
    """Chromium, headless, from Playwright ``pw``."""
    return pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)


@pytest.fixture(scope="module")
def browser():
    with playwright().sync_playwright() as pw:
        b = launch(pw)
        yield b
        b.close()


@pytest.fixture(params=sorted(SCREENS))
def page(request, browser):
    context = browser.new_context(**SCREENS[request.param])
    p = context.new_page()
    p.set_default_timeout(20_000)
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.screen = request.param
    yield p
    context.close()
    assert errors == []


class AppPage:
    """A page of a review server at ``url`` in a context of its own (a desktop window), once it
    says it is ready, with the editor's ``name`` already set (None: the page will ask for it)
    and its script errors collected in ``errors``. Subclasses add the moves their tests need."""

    timeout_ms = 20_000

    def __init__(self, browser, url: str, name: str | None = "Ana Editor"):
        self.context = browser.new_context(viewport={"width": 1440, "height": 900})
        if name is not None:
            self.context.add_init_script(f"localStorage.setItem('edition-editor', {name!r})")
        self.page = self.context.new_page()
        self.page.set_default_timeout(self.timeout_ms)
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url)
        self.page.wait_for_selector("body.ready")

    def close(self) -> None:
        self.context.close()

