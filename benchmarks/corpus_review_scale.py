"""Reviewing a whole corpus at scale: the corpus page's load, one group decided across a thousand
files, and a batch killed with SIGKILL then run again.

Not a test: a script that measures and prints a Markdown section for docs/BENCHMARKS.md.

The corpus is the one of ``benchmarks/corpus_speed.py`` (the OCR of the 89 ICDAR 2017 English
development files, replicated and varied: 4,361 documents, 10 M words by default), detected once
with ``edition detect DIR --jobs N`` (the real command; skipped when the corrections files of the
same corpus are there from a previous run). Then, each step through what an editor uses:

1. **the page opens**: ``edition review DIR`` reads the corrections files into the corpus index
   (cold: no cache; warm: the index's summaries kept in the cache folder from a previous
   command), then a real Chromium loads the page until the first group is open and its
   instances are drawn; the time from the request to that, and the server's answers;
2. **a group decided on the page**: the group of ``--instances`` instances across ``--files``
   files (a pattern is made that big, see :func:`plant_group`), all ticked and accepted with the
   page's button; from the click until the page shows the job finished, with the progress bar's
   widths as the page drew them;
3. **kill -9 during a batch**: ``edition reject DIR --original X`` of the same size, killed with
   SIGKILL once a tenth of the files are written; every file is then parsed (old or new, never
   half-written), and the same command run again does the rest.

A group of 10,000 instances in 1,000 files does not occur in replicated OCR (the most frequent
proposal pattern of the 10 M-word corpus has fewer, see the printout), so one is planted:
:func:`plant_group` adds a proposal ``--form`` → ``--reading`` to ``--files`` corrections files
(``--instances`` in all), each at a real word of the text, through the store as ``detect`` writes
proposals. The rest of every file is what detection proposed.

    python benchmarks/corpus_review_scale.py                  # 10 M words, 2 processes
    python benchmarks/corpus_review_scale.py --words 1000000 --files 300 --instances 3000
"""
from __future__ import annotations

import argparse
import datetime
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from corpus_speed import build_corpus  # noqa: E402


def edition(*args: str, cwd: Path, env: dict | None = None, check: bool = True
            ) -> subprocess.CompletedProcess:
    """Run ``python -m edition ARGS`` in ``cwd`` as a user does."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "EDITION_EDITOR": "Bench Editor",
           **(env or {})}
    proc = subprocess.run([sys.executable, "-m", "edition", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise SystemExit(f"edition {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc


def prepare(root: Path, words: int, jobs: int) -> dict:
    """The corpus under ``root/corpus`` and its corrections files under ``root/corrections``,
    detected by ``edition detect corpus --jobs N`` unless already done for this corpus."""
    n_docs, n_words, _ = build_corpus(root / "corpus", words)
    marker = root / "corrections" / ".detected"
    seconds = None
    if not (marker.exists() and marker.read_text() == str(words)):
        shutil.rmtree(root / "corrections", ignore_errors=True)
        t0 = time.perf_counter()
        edition("detect", "corpus", "--jobs", str(jobs), "-q", cwd=root)
        seconds = time.perf_counter() - t0
        marker.write_text(str(words))
        (root / "corrections" / ".detect-seconds").write_text(f"{seconds:.1f}")
    else:
        seconds = float((root / "corrections" / ".detect-seconds").read_text())
    files = sorted((root / "corrections").glob("*.yaml"))
    entries = sum(p.read_bytes().count(b"\n- id: ") for p in files)
    return {"documents": n_docs, "words": n_words, "files": len(files), "entries": entries,
            "detect_s": seconds}


def plant_group(root: Path, form: str, reading: str, files: int, instances: int) -> list[Path]:
    """Propose ``form`` → ``reading`` at ``instances // files`` occurrences of the word ``form``
    in each of ``files`` documents (the first, in name order, that have that many occurrences
    clear of every entry), through the store as ``detect`` writes proposals. Returns their
    corrections files. Done once: a marker file says it is done."""
    from edition.model import Kind, Proposal
    from edition.store import merge_proposals, save_corrections
    from edition.workflow import open_project

    marker = root / "corrections" / f".planted-{form}-{reading}-{files}-{instances}"
    per_file = instances // files
    if marker.exists():
        return [root / line for line in marker.read_text().splitlines()]
    word = re.compile(rf"\b{re.escape(form)}\b")
    chosen = []
    for source in sorted((root / "corpus").rglob("*.txt")):
        if len(chosen) == files:
            break
        project = open_project(source, root / "corrections" / f"{source.stem}.yaml")
        taken = sorted((c.start, c.end) for c in project.corrections)
        spots = []
        for m in word.finditer(project.source.text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                spots.append(m)
        if len(spots) < per_file:
            continue
        step = len(spots) / per_file  # spread over the document
        proposals = [Proposal(m.start(), m.end(), form, (reading,), Kind.CASE, 0.97,
                              "planted by benchmarks/corpus_review_scale.py", "benchmark")
                     for m in (spots[int(k * step)] for k in range(per_file))]
        report = merge_proposals(project.corrections, project.source, proposals)
        assert len(report.added) == per_file, (source, len(report.added))
        save_corrections(project.corrections)
        chosen.append(project.corrections.path)
    if len(chosen) < files:
        raise SystemExit(f"only {len(chosen)} documents have {per_file} '{form}' clear of entries")
    marker.write_text("".join(f"{p.relative_to(root)}\n" for p in chosen))
    return chosen


def count_status(files: list[Path], form: str, reading: str) -> dict[str, int]:
    """How many entries ``form`` → ``reading`` of ``files`` are in each status (read by the
    store, so a torn file would fail here)."""
    from edition.store import parse_corrections

    out: dict[str, int] = {}
    for path in files:
        for c in parse_corrections(path, path.read_bytes()):
            if c.original == form and c.readings[:1] == (reading,):
                out[c.status.value] = out.get(c.status.value, 0) + 1
    return out


ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: The page is open when the first group is open and its first instances show their context.
OPEN = "() => document.body.classList.contains('ready') && document.querySelector('#instances li .i-ctx mark')"
SAVED = ("() => document.getElementById('save-state').textContent.startsWith('All decisions saved')"
         " && document.getElementById('job').hidden")


class Server:
    """``edition review corpus --no-browser`` as a user starts it; the time until it printed
    its address (the index read: every corrections file, or the summaries in the cache)."""

    def __init__(self, root: Path, cache: Path):
        env = {**os.environ, "PYTHONPATH": str(REPO), "EDITION_CACHE": str(cache)}
        t0 = time.perf_counter()
        self.proc = subprocess.Popen([sys.executable, "-m", "edition", "review", "corpus",
                                      "--no-browser", "--port", "0", "-q"], cwd=root, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        self.start_s = time.perf_counter() - t0
        m = re.search(r"(http://127\.0\.0\.1:\d+/#token=[\w-]+)", line)
        if not m:
            raise SystemExit(f"edition review did not start: {line}{self.proc.stderr.read()}")
        self.url = m.group(1)

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        self.proc.communicate(timeout=120)


def page_open(pw, url: str, rounds: int) -> list[float]:
    """Seconds from navigation until the page is open (:data:`OPEN`), in a fresh tab each time."""
    times = []
    browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    try:
        for _ in range(rounds):
            ctx = browser.new_context(viewport={"width": 1440, "height": 900})
            ctx.add_init_script("localStorage.setItem('edition-editor', 'Bench Editor')")
            page = ctx.new_page()
            page.set_default_timeout(120_000)
            t0 = time.perf_counter()
            page.goto(url)
            page.wait_for_function(OPEN)
            times.append(time.perf_counter() - t0)
            ctx.close()
    finally:
        browser.close()
    return times


def decide_on_page(pw, url: str, form: str, reading: str, shot: Path | None) -> dict:
    """Open the page, find the group ``form`` → ``reading``, accept it whole; the seconds from
    the key press until the page says every decision is saved, and the widths the progress bar
    took meanwhile."""
    browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    try:
        ctx = browser.new_context(viewport={"width": 1440, "height": 900})
        ctx.add_init_script("localStorage.setItem('edition-editor', 'Bench Editor')")
        page = ctx.new_page()
        page.set_default_timeout(600_000)
        page.goto(url)
        page.wait_for_function(OPEN)
        page.fill("#f-text", reading)  # a capital: the search keeps case
        page.click(f"#groups li:has(.orig:text-is('{form}')):has(.read:text-is('{reading}'))")
        page.wait_for_function("([o, r]) => document.getElementById('g-original').textContent === o"
                               " && document.getElementById('g-reading').textContent === r"
                               " && document.querySelector('#instances li .i-ctx mark')",
                               arg=[form, reading])
        counts = page.inner_text("#g-counts")
        ticked = page.inner_text("#sel-count")
        page.evaluate("""() => {
            window.widths = [];
            new MutationObserver(() => window.widths.push(
                [performance.now(), document.getElementById('job-bar').style.width]))
                .observe(document.getElementById('job-bar'), {attributes: true});
        }""")
        t0 = time.perf_counter()
        start = page.evaluate("() => performance.now()")
        page.keyboard.press("a")
        if shot is not None:
            page.wait_for_function("() => parseFloat(document.getElementById('job-bar').style.width) >= 30")
            page.screenshot(path=str(shot))
        page.wait_for_function(SAVED)
        seconds = time.perf_counter() - t0
        widths = [(round((t - start) / 1000, 1), w) for t, w in page.evaluate("window.widths")]
        toast = page.inner_text("#toast")
        return {"seconds": seconds, "widths": widths, "counts": counts, "ticked": ticked,
                "toast": toast}
    finally:
        browser.close()


def killed_batch(root: Path, files: list[Path], form: str, reading: str) -> dict:
    """``edition accept corpus --original FORM --reading READING`` killed with SIGKILL once a
    tenth of ``files`` were rewritten; then every file checked and the command run again."""
    old = {p: p.read_bytes() for p in files}
    inode = {p: p.stat().st_ino for p in files}
    env = {**os.environ, "PYTHONPATH": str(REPO), "EDITION_EDITOR": "Bench Editor"}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "edition", "accept", "corpus", "--original",
                             form, "--reading", reading, "--jobs", "1", "-q"], cwd=root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        written = sum(1 for p in files if p.stat().st_ino != inode[p])
        if written >= len(files) // 10:
            proc.send_signal(signal.SIGKILL)
            break
        if proc.poll() is not None:
            raise SystemExit("the batch ended before it could be killed")
        time.sleep(0.01)
    proc.wait()
    killed_after = time.perf_counter() - t0
    new = untouched = 0
    for p in files:
        data = p.read_bytes()
        if data == old[p]:
            untouched += 1
        else:
            new += 1
    states = count_status(files, form, reading)  # parses every file: none is torn
    per_file = sum(states.values()) // len(files)
    assert states.get("accepted", 0) == new * per_file, (states, new)
    t0 = time.perf_counter()
    again = edition("accept", "corpus", "--original", form, "--reading", reading, cwd=root)
    rerun_s = time.perf_counter() - t0
    after = count_status(files, form, reading)
    return {"killed_after": killed_after, "new": new, "untouched": untouched,
            "states_after_kill": states, "rerun_s": rerun_s, "rerun_said": again.stdout.strip(),
            "after": after}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=10_000_000, help="size of the corpus (10 M)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes of detect (2)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/edition-corpus-review-bench"))
    ap.add_argument("--files", type=int, default=1000, help="files of the decided group (1,000)")
    ap.add_argument("--instances", type=int, default=10_000,
                    help="instances of the decided group (10,000)")
    ap.add_argument("--rounds", type=int, default=5, help="page loads timed per server (5)")
    ap.add_argument("--screenshot", type=Path, help="a screenshot of the page during the batch")
    ap.add_argument("--prepare-only", action="store_true",
                    help="build and detect the corpus, measure nothing")
    args = ap.parse_args()
    root = args.workdir.resolve()
    root.mkdir(parents=True, exist_ok=True)
    corpus = prepare(root, args.words, args.jobs)
    print(f"corpus: {corpus['documents']:,} documents, {corpus['words']:,} words, "
          f"{corpus['entries']:,} entries in {corpus['files']:,} corrections files "
          f"(detect: {corpus['detect_s']:.0f} s)", flush=True)
    if args.prepare_only:
        return
    from playwright.sync_api import sync_playwright

    form, reading = "the", "The"
    t0 = time.perf_counter()
    files = plant_group(root, form, reading, args.files, args.instances)
    plant_s = time.perf_counter() - t0
    n = args.instances // args.files * args.files
    before = count_status(files, form, reading)
    if before != {"proposed": n}:
        # a previous run decided the group: reopen it, so that every run starts the same
        edition("reopen", "corpus", "--original", form, "--jobs", str(args.jobs), cwd=root)
        before = count_status(files, form, reading)
        assert before == {"proposed": n}, before
    print(f"planted group: {form!r} → {reading!r}, {n:,} instances in {len(files):,} files "
          f"({plant_s:.0f} s)", flush=True)

    # 1. the page opens: cold (no cache), then warm
    cache = root / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    opens = {}
    with sync_playwright() as pw:
        for label in ("cold", "warm"):
            server = Server(root, cache)
            try:
                opens[label] = (server.start_s, page_open(pw, server.url, args.rounds))
            finally:
                server.stop()
            print(f"open ({label}): server ready {server.start_s:.1f} s; page "
                  f"{', '.join(f'{t:.2f}' for t in opens[label][1])} s", flush=True)

        # 2. the group decided on the page
        server = Server(root, cache)
        try:
            shot = args.screenshot
            page = decide_on_page(pw, server.url, form, reading, shot)
        finally:
            server.stop()
    decided = count_status(files, form, reading)
    assert decided == {"accepted": n}, decided
    print(f"page: {page['counts']}; {page['ticked']}; accepted in {page['seconds']:.1f} s; "
          f"bar {page['widths']}; {page['toast']}", flush=True)

    # the same group reopened from the command line (the undo of a whole group), timed
    t0 = time.perf_counter()
    reopened = edition("reopen", "corpus", "--original", form, "--jobs", str(args.jobs), cwd=root)
    reopen_s = time.perf_counter() - t0
    print(f"command line: reopen --jobs {args.jobs} {reopen_s:.1f} s: {reopened.stdout.strip()}",
          flush=True)

    # 3. kill -9 during a batch, then the same command again
    kill = killed_batch(root, files, form, reading)
    assert kill["after"] == {"accepted": n}, kill["after"]
    print(f"kill -9 after {kill['killed_after']:.1f} s: {kill['new']} files new, "
          f"{kill['untouched']} untouched, none torn ({kill['states_after_kill']}); re-run "
          f"{kill['rerun_s']:.1f} s: {kill['rerun_said']}", flush=True)
    edition("reopen", "corpus", "--original", form, "--jobs", str(args.jobs), cwd=root)

    print()
    print(markdown(args, corpus, n, len(files), opens, page, reopen_s, reopened.stdout.strip(),
                   kill))


def every_5s(widths: list) -> list:
    """The bar's first width, the first one after each 5 s, and its last."""
    out, due = [], 0.0
    for t, w in widths:
        if t >= due:
            out.append((t, w))
            due = (int(t // 5) + 1) * 5
    if widths and out[-1] != widths[-1]:
        out.append(widths[-1])
    return out


def markdown(args, corpus, n, files, opens, page, reopen_s, reopen_said, kill) -> str:
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    med = {k: statistics.median(v[1]) for k, v in opens.items()}
    lines = [
        "## Reviewing a corpus at scale",
        "",
        f"Measured {date} on this machine ({os.cpu_count()} cores, shared: load average "
        f"{os.getloadavg()[0]:.1f} at the end), by",
        "",
        "```sh",
        f"python benchmarks/corpus_review_scale.py --words {args.words} --files {args.files} "
        f"--instances {args.instances} --jobs {args.jobs}",
        "```",
        "",
        f"Corpus: the one of `corpus_speed.py`, {corpus['documents']:,} documents, "
        f"{corpus['words']:,} words, detected by `edition detect corpus --jobs {args.jobs}` "
        f"({corpus['detect_s'] / 60:.0f} minutes): {corpus['entries']:,} entries in "
        f"{corpus['files']:,} corrections files; plus a planted pattern `the → The` "
        f"of {n:,} instances in {files:,} files.",
        "",
        "| step | time |",
        "|---|---|",
        f"| `edition review corpus` until it serves, no cache (every corrections file read) | "
        f"{opens['cold'][0]:.1f} s |",
        f"| the same with the index kept in the cache folder (a corpus opened before) | "
        f"{opens['warm'][0]:.1f} s |",
        f"| the page in Chromium, from navigation until the first pattern is open with its "
        f"instances in context (median of {args.rounds}) | {med['cold']:.2f} s (first server), "
        f"{med['warm']:.2f} s (second) |",
        f"| the group of {n:,} instances in {files:,} files accepted on the page: from the key "
        f"until the page says all is saved and shows the files as they are | "
        f"{page['seconds']:.1f} s |",
        f"| the same group reopened from the command line (`edition reopen corpus --original the "
        f"--jobs {args.jobs}`) | {reopen_s:.1f} s |",
        f"| `edition accept corpus --original the --reading The` after `kill -9`, doing the rest "
        f"| {kill['rerun_s']:.1f} s |",
        "",
        f"- The page's progress bar during the batch (seconds after the key, width), about every "
        f"5 s: " + ", ".join(f"{t} s {w}" for t, w in every_5s(page["widths"]))
        + f" ({len(page['widths'])} steps drawn); the page then said \"{page['toast']}\".",
        f"- `kill -9` of `edition accept corpus --original the --reading The --jobs 1` after "
        f"{kill['killed_after']:.1f} s: {kill['new']} files new (every planted entry in them "
        f"accepted), {kill['untouched']} byte for byte as before, none torn (every file parsed "
        f"by the store: {kill['states_after_kill']}); the same command again: "
        f"\"{kill['rerun_said']}\", after which all {n:,} are accepted.",
        f"- Command-line reopen said: \"{reopen_said}\".",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
