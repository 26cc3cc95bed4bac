"""How fast is detection? Cold start, throughput at growing sizes, peak memory.

Usage::

    python benchmarks/speed.py                 # cold start + 100k, 1M and 4M words
    python benchmarks/speed.py --quick         # cold start + 100k and 1M words
    python benchmarks/speed.py --sizes 200000  # other sizes
    python benchmarks/speed.py --update-docs   # also rewrite this section of docs/BENCHMARKS.md

What it measures (the speed targets of docs/BENCHMARKS.md, "Summary"):

- **cold start**: wall time of ``python -m edition detect SEED`` in a fresh process, run in a
  temporary directory on a copy of the seed (so the repository's corrections are not touched);
  once with an empty evidence cache (``EDITION_CACHE`` pointing to a new directory: the first run
  on a machine) and the median of three runs with the cache the first run left;
- **throughput**: ``edition.detection.runner.detect`` on texts of about 100,000, 1,000,000 and 4,000,000
  words made by concatenating the OCR of the development files (repeated as needed), each in a
  child process pinned to one core (``os.sched_setaffinity``). The time of loading the lexicons
  (a warm-up call on a short text) is reported apart from the detection time. Words are
  whitespace-separated tokens;
- **peak memory**: the child's maximum resident set size (``resource.getrusage``), with the size
  of the input text itself for comparison;
- **the naive approach**: pyspellchecker's ``correction()`` on every unknown word of the seed,
  for at most 20 seconds: the speed of the obvious approach, to compare with.

A size whose projected time (from the rate at the previous size) exceeds ``--budget`` seconds is
skipped and reported as skipped, to keep a run within a few minutes on a shared 2-core machine.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _docs import update_section  # noqa: E402

SEED = ROOT / "seeds" / "hoxha-memoirs-stalin-introduction.txt"
SIZES = (100_000, 1_000_000, 4_000_000)
NAIVE_SECONDS = 20.0


def env_with_path(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


# --- cold start -----------------------------------------------------------------------------

def detect_once(cache: Path) -> float:
    """Wall time of one ``edition detect`` of a fresh copy of the seed, in a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(SEED, Path(tmp) / SEED.name)
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "edition", "detect", SEED.name, "--quiet"],
                              cwd=tmp, env=env_with_path(EDITION_CACHE=str(cache)),
                              capture_output=True, text=True, timeout=600)
        seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"edition detect failed: {proc.stderr.strip()[-500:]}")
    return seconds


def imports_once() -> float:
    """Wall time of a fresh process that only starts Python and imports the CLI and detectors."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import edition.cli, edition.detection.runner; "
                    "edition.detection.runner.available_detectors()"], env=env_with_path(), check=True,
                   capture_output=True, timeout=600)
    return time.perf_counter() - t0


def cold_start() -> dict:
    with tempfile.TemporaryDirectory() as cache:
        empty = detect_once(Path(cache))
        warm = [detect_once(Path(cache)) for _ in range(3)]
    imports = statistics.median(imports_once() for _ in range(3))
    return {"empty_cache_s": empty, "warm_cache_runs_s": warm, "warm_cache_median_s": statistics.median(warm),
            "imports_s": imports}


# --- throughput (child process) -------------------------------------------------------------

def corpus_text(words: int) -> str:
    """About ``words`` whitespace-separated words: the development OCR, repeated as needed."""
    import regex

    from edition.evaluation import dev_set, load_icdar

    texts = [load_icdar(p).ocr for p in dev_set()]
    if not texts:
        raise SystemExit("development set not found (set EDITION_DEV_SET)")
    parts, n = [], 0
    while n < words:
        for t in texts:
            parts.append(t)
            n += len(t.split())
            if n >= words:
                break
    text = "\n\n".join(parts)
    for count, m in enumerate(regex.finditer(r"\S+", text), start=1):
        if count == words:  # cut at the end of word number `words`
            return text[:m.end()]
    return text


def dev_words() -> int:
    """Words in one pass over the development OCR (0 when the set is absent)."""
    from edition.evaluation import dev_set, load_icdar

    return sum(len(load_icdar(p).ocr.split()) for p in dev_set())


def child(words: int) -> dict:
    """Run in a child process: detection on ``words`` words, one core."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from edition.detection.runner import detect

    text = corpus_text(words)
    rss_text = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    detect("The capitatist and V1adimir went to tlie market .")  # loads every lexicon once
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    proposals = detect(text)
    seconds = time.perf_counter() - t0
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"words": len(text.split()), "chars": len(text), "load_s": load_s, "detect_s": seconds,
            "words_per_s": len(text.split()) / seconds if seconds else 0.0,
            "proposals": len(proposals), "peak_rss_mib": peak_kib / 1024,
            "rss_before_detect_mib": rss_text / 1024, "text_mib": len(text.encode()) / 2**20}


def throughput(sizes: list[int], budget: float) -> list[dict]:
    out = []
    rate = None
    for words in sizes:
        if rate and words / rate > budget:
            note = f"projected {words / rate:.0f} s > budget {budget:.0f} s"
            done = [r for r in out if "skipped" not in r]
            if len(done) >= 2:  # memory, extrapolated linearly from the last two sizes
                a, b = done[-2], done[-1]
                slope = (b["peak_rss_mib"] - a["peak_rss_mib"]) / (b["words"] - a["words"])
                note += f"; peak memory projected ≈ {b['peak_rss_mib'] + slope * (words - b['words']):,.0f} MiB"
            out.append({"words": words, "skipped": note})
            continue
        proc = subprocess.run([sys.executable, __file__, "--child", str(words)], env=env_with_path(),
                              capture_output=True, text=True, timeout=max(600, budget * 3))
        if proc.returncode != 0:
            raise RuntimeError(f"child for {words} words failed: {proc.stderr.strip()[-800:]}")
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        rate = result["words_per_s"]
        out.append(result)
        print(f"  {words:>9,} words: {result['detect_s']:.1f} s, {rate:,.0f} words/s, "
              f"peak {result['peak_rss_mib']:.0f} MiB", file=sys.stderr)
    return out


# --- the naive approach ---------------------------------------------------------------------

def naive(seconds: float = NAIVE_SECONDS) -> dict:
    """pyspellchecker's correction() on every unknown word of the seed, for at most ``seconds``."""
    import regex
    from spellchecker import SpellChecker

    t0 = time.perf_counter()
    spell = SpellChecker()
    load_s = time.perf_counter() - t0
    words = regex.findall(r"\p{L}+", SEED.read_text(encoding="utf-8"))
    done = unknown = 0
    t0 = time.perf_counter()
    for w in words:
        if time.perf_counter() - t0 > seconds:
            break
        done += 1
        if w.lower() not in spell:
            unknown += 1
            spell.correction(w.lower())
    elapsed = time.perf_counter() - t0
    return {"words": done, "of": len(words), "unknown": unknown, "seconds": elapsed,
            "words_per_s": done / elapsed if elapsed else 0.0, "load_s": load_s}


# --- report ---------------------------------------------------------------------------------

def render(cold: dict | None, runs: list[dict], naive_r: dict | None, cmd: str, started: str) -> str:
    cpu = platform.processor() or platform.machine()
    lines = ["## Speed", "",
             f"Command: `{cmd}` — run {started} on {platform.node() or 'this machine'} "
             f"({os.cpu_count()} cores, {cpu}, Python {platform.python_version()}), while other "
             "engineers shared the machine. Targets: `edition detect` on the seed < 2 s from a cold "
             "start; ≥ 50,000 words/s on one core on 1M words; peak memory < 1 GB; linear growth.", ""]
    if cold:
        lines += [f"- cold start, `python -m edition detect` on the seed "
                  f"({len(SEED.read_text(encoding='utf-8').split()):,} words), fresh process: "
                  f"**{cold['warm_cache_median_s']:.2f} s** (median of 3, evidence cache present); "
                  f"{cold['empty_cache_s']:.2f} s with an empty cache (first run on a machine). "
                  f"Of this, starting Python and importing the CLI and the detector modules takes "
                  f"{cold['imports_s']:.2f} s (median of 3).", ""]
    if runs:
        lines += ["| input words | text | lexicon load | detection | words/s (one core) | proposals | peak RSS |",
                  "|---|---|---|---|---|---|---|"]
        for r in runs:
            if "skipped" in r:
                lines.append(f"| {r['words']:,} | – | – | skipped: {r['skipped']} | – | – | – |")
                continue
            lines.append(f"| {r['words']:,} | {r['text_mib']:.1f} MiB | {r['load_s']:.2f} s | "
                         f"{r['detect_s']:.1f} s | **{r['words_per_s']:,.0f}** | {r['proposals']:,} | "
                         f"{r['peak_rss_mib']:.0f} MiB |")
        done = [r for r in runs if "skipped" not in r]
        if len(done) >= 2:
            a, b = done[0], done[-1]
            ratio = (b["detect_s"] / a["detect_s"]) / (b["words"] / a["words"])
            lines += ["", f"Growth: {b['words'] / a['words']:.0f}× the words took "
                          f"{b['detect_s'] / a['detect_s']:.1f}× the time (1.0 = linear; here {ratio:.2f})."]
        source_words = dev_words()
        if source_words and any(r["words"] > source_words for r in done):
            lines += ["", f"Caution: the development OCR has {source_words:,} words; larger inputs "
                          "repeat it, so whatever the detectors compute once per distinct word is "
                          "shared by the repeats and growth looks better than linear. The first "
                          "size, with no repetition, is the conservative throughput."]
        lines.append("")
    if naive_r:
        lines += [f"- the naive approach (pyspellchecker `correction()` on every unknown word of the "
                  f"seed): {naive_r['words_per_s']:,.0f} words/s ({naive_r['words']:,} of "
                  f"{naive_r['of']:,} words, {naive_r['unknown']} unknown, in {naive_r['seconds']:.0f} s).", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="only 100k and 1M words")
    ap.add_argument("--sizes", help="comma-separated word counts (default 100000,1000000,4000000)")
    ap.add_argument("--budget", type=float, default=150.0,
                    help="skip a size projected to take longer than this many seconds (default 150)")
    ap.add_argument("--no-cold", action="store_true", help="skip the cold-start measurement")
    ap.add_argument("--no-naive", action="store_true", help="skip the naive pyspellchecker measurement")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    ap.add_argument("--update-docs", action="store_true",
                    help="rewrite this script's section of docs/BENCHMARKS.md")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else list(SIZES[:2] if args.quick else SIZES)
    started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    cmd = "python benchmarks/speed.py" + (" --quick" if args.quick else "") + \
        (f" --sizes {args.sizes}" if args.sizes else "") + \
        (f" --budget {args.budget:g}" if args.budget != 150.0 else "") + \
        (" --no-cold" if args.no_cold else "") + (" --no-naive" if args.no_naive else "")
    cold = None
    if not args.no_cold:
        print("cold start ...", file=sys.stderr)
        cold = cold_start()
    print("throughput ...", file=sys.stderr)
    runs = throughput(sizes, args.budget)
    naive_r = None if args.no_naive else naive()
    section = render(cold, runs, naive_r, cmd.strip(), started)
    print(section)
    if args.json:
        Path(args.json).write_text(json.dumps({"cold_start": cold, "throughput": runs, "naive": naive_r},
                                              indent=2), encoding="utf-8")
    if args.update_docs:
        update_section("speed", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
