"""How responsive the review page is on a review of the seed's size; optionally, its screenshot.

Serves the seed (61k characters) with ~400 proposals built like the browser tests' data
(``tests/review_sample.py``: real artifacts of the seed plus proposals on ordinary words),
opens it in headless Chromium, and measures

- load: from navigation until the text, the queue and the first proposal are shown;
- decide (handler): the page's own work for one key press (re-render of the entry, the next
  proposal selected and shown), measured inside the page;
- decide (shown): from the key press until the decision is shown on the page, seen from Python;
- decide (saved): from the key press until the server confirms the save to the YAML file;
- batch: ``K`` (accept all of a kind above a confidence) until saved;
- filter: one keystroke in the text filter until the queue is redrawn.

Usage::

    python benchmarks/review_page.py [--proposals 400] [--screenshot docs/review-page.png]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from playwright.sync_api import sync_playwright  # noqa: E402

from edition.store import load_corrections  # noqa: E402
from edition.server import ReviewServer  # noqa: E402
from edition.source import read_source  # noqa: E402
from review_sample import seed_corrections  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

SAVED = "() => document.getElementById('save-state').textContent.startsWith('All decisions saved')"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _editor_page(pw):
    """Chromium and a page sized like an editor's screen, with the editor's name already set."""
    browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    ctx.add_init_script("localStorage.setItem('edition-editor', 'Ana Editor')")
    return browser, ctx.new_page()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--proposals", type=int, default=400, help="about how many proposals")
    ap.add_argument("--rounds", type=int, default=15, help="single decisions to time")
    ap.add_argument("--screenshot", type=Path, help="also save a screenshot of the page at work")
    ap.add_argument("--book", type=Path, metavar="SOURCE",
                    help="review this source and its corrections/<stem>.yaml instead (a copy): e.g. "
                         "out/store_speed/book/book.txt, the BLN600 newspapers joined, 23,001 "
                         "proposals, made by benchmarks/store_speed.py")
    args = ap.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="edition-review-bench-"))
    if args.book:
        import shutil

        src, cor = folder / args.book.name, folder / "corrections" / f"{args.book.stem}.yaml"
        cor.parent.mkdir()
        shutil.copy(args.book, src)
        shutil.copy(args.book.parent / "pristine.yaml" if (args.book.parent / "pristine.yaml").exists()
                    else args.book.parent / "corrections" / cor.name, cor)
    else:
        src, cor = seed_corrections(folder, bulk=max(0, args.proposals - 14))
    n = len(load_corrections(cor, read_source(src)))
    server = ReviewServer(src, cor, port=0).start()
    try:
        with sync_playwright() as pw:
            browser, page = _editor_page(pw)
            t0 = time.perf_counter()
            page.set_default_timeout(300_000)
            page.goto(server.url)
            page.wait_for_selector("body.ready")
            load = time.perf_counter() - t0

            # In the page: from the key event to the end of the page's own handler (window's
            # capture phase runs first, its bubble phase after the page's document listener).
            page.evaluate("""() => {
                window.__keyTimes = [];
                let t0 = 0;
                window.addEventListener('keydown', () => { t0 = performance.now(); }, true);
                window.addEventListener('keydown', () => { window.__keyTimes.push(performance.now() - t0); });
            }""")
            shown, saved = [], []
            # the book opens on flags without a reading (nothing to accept): reject there
            key, status = ("r", "s-rejected") if args.book else ("a", "s-accepted")
            for _ in range(args.rounds):
                cid = page.eval_on_selector("#queue li.is-current", "li => li.dataset.id")
                t0 = time.perf_counter()
                page.keyboard.press(key)
                page.wait_for_function(
                    "([id, s]) => document.querySelector(`#text mark[data-id='${id}']`).classList.contains(s)",
                    arg=[cid, status])
                shown.append(time.perf_counter() - t0)
                page.wait_for_function(SAVED)
                saved.append(time.perf_counter() - t0)

            handler = statistics.median(page.evaluate("() => window.__keyTimes")) / 1000
            page.select_option("#f-kind", "nonword")
            page.select_option("#f-sort", "confidence")
            for _ in range(10):
                page.keyboard.press("j")
            count = page.inner_text("#b-kind-label")
            t0 = time.perf_counter()
            page.keyboard.press("K")
            page.wait_for_function(SAVED)
            batch = time.perf_counter() - t0

            page.select_option("#f-kind", "")
            page.select_option("#f-status", "all")
            page.keyboard.press("/")
            before = page.inner_text("#queue-count")
            t0 = time.perf_counter()
            page.keyboard.type("ism")
            page.wait_for_function("t => document.getElementById('queue-count').textContent !== t", arg=before)
            filt = time.perf_counter() - t0

            print(f"source: {src.name}, {len(read_source(src).text):,} characters, {n} proposals")
            print(f"load until ready:          {ms(load)}")
            print(f"decide, key handler in the page (median): {handler * 1000:.1f} ms")
            print(f"decide, shown (median):    {ms(statistics.median(shown))}  (max {ms(max(shown))}; "
                  "includes Playwright's round trip)")
            print(f"decide, saved (median):    {ms(statistics.median(saved))}  (max {ms(max(saved))})")
            print(f"batch {count!r}: saved in {ms(batch)}")
            print(f"text filter keystroke:     {ms(filt)}  (includes the 120 ms typing pause)")

            browser.close()
    finally:
        server.shutdown()
    if args.screenshot:
        screenshot(args.screenshot.resolve())
    return 0


def screenshot(path: Path) -> None:
    """The page at work on the seed's real artifacts: a few decided, one with two readings."""
    import os

    folder = Path(tempfile.mkdtemp(prefix="edition-review-shot-"))
    src, cor = seed_corrections(folder, bulk=0)
    os.chdir(folder)  # paths on the page are shown relative to where `edition review` runs
    server = ReviewServer(src.relative_to(folder), cor.relative_to(folder), port=0).start()
    try:
        with sync_playwright() as pw:
            browser, page = _editor_page(pw)
            page.set_default_timeout(300_000)
            page.goto(server.url)
            page.wait_for_selector("body.ready")
            # accept V1adimir, skip capitatist, accept Unio'n, back to capitatist (two readings)
            for key in ("a", "j", "a", "k", "k"):
                page.keyboard.press(key)
            page.wait_for_function(SAVED)
            page.wait_for_timeout(400)
            page.eval_on_selector("#text mark.is-current", "m => m.scrollIntoView({block: 'center'})")
            page.wait_for_function("() => document.getElementById('pv-after').textContent !== ''")
            page.wait_for_timeout(600)
            path.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(path))
            browser.close()
    finally:
        server.shutdown()
    print(f"screenshot: {path}")


if __name__ == "__main__":
    sys.exit(main())
