"""Detection speed and memory on large inputs, and the cold start of ``edition detect``.

Usage::

    python benchmarks/speed_detect.py                      # 100k and 1M words
    python benchmarks/speed_detect.py --sizes 100000,1000000,4000000
    python benchmarks/speed_detect.py --cold               # `edition detect` on the seed, cold

The input is the OCR of the development set (monographs and periodicals) concatenated, repeated
until it has the requested number of words (the ICDAR files hold ~210,000 words, so 1M words
repeats them about five times: the vocabulary grows less than in a new 1M-word book). Each size
runs in a fresh process (``--one``) so that the peak memory (``ru_maxrss``) is that size's own.
Time is CPU time of :func:`edition.detection.detect` on one core, lexicons already loaded
(loading is reported apart).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def corpus(words: int) -> str:
    import _devset

    base = [p.ocr for p in _devset.files("all", "monograph") + _devset.files("all", "periodical")]
    pieces, n = [], 0
    while n < words:
        for text in base:
            ws = text.split()
            take = ws[: words - n]
            pieces.append(" ".join(take))
            n += len(take)
            if n >= words:
                break
    return "\n\n".join(pieces)


def one(words: int) -> dict:
    t0 = time.perf_counter()
    from edition.detection import detect

    detect("Load the lexicons: the bigram list and the confusion table.")
    load = time.perf_counter() - t0
    text = corpus(words)
    c0, w0 = time.process_time(), time.perf_counter()
    proposals = detect(text)
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"words": words, "cpu_s": round(cpu, 2), "wall_s": round(wall, 2),
            "words_per_s": round(words / cpu), "proposals": len(proposals),
            "peak_mb": round(peak_mb), "load_s": round(load, 2)}


def cold() -> dict:
    """`edition detect` on the seed in a fresh process, corrections written to a temp dir."""
    seed = ROOT / "seeds" / "hoxha-memoirs-stalin-introduction.txt"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "seed.yaml"
        t0 = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "edition", "detect", str(seed), "--corrections", str(out),
                            "--quiet"], cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - t0
    return {"command": "edition detect seeds/hoxha-memoirs-stalin-introduction.txt", "wall_s": round(wall, 2),
            "exit": r.returncode, "stderr": r.stderr.strip()[-300:]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--cold", action="store_true")
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one)))
        return
    if args.cold:
        for _ in range(2):
            print(json.dumps(cold()))
        return
    print("| words | CPU s | words/s | peak MB | proposals | lexicon load s |\n|---|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        r = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": "0"})
        if r.returncode:
            print(r.stderr[-2000:])
            continue
        d = json.loads(r.stdout.strip().splitlines()[-1])
        print(f"| {d['words']:,} | {d['cpu_s']} | {d['words_per_s']:,} | {d['peak_mb']} | {d['proposals']:,} "
              f"| {d['load_s']} |", flush=True)


if __name__ == "__main__":
    main()
