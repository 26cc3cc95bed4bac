"""Detection speed and memory on large inputs, and the cold start of ``edition detect``.

Usage::

    python benchmarks/speed_detect.py                      # 100k and 1M words
    python benchmarks/speed_detect.py --sizes 100000,1000000,4000000
    python benchmarks/speed_detect.py --unrepeated         # the same sizes, text that does not repeat
    python benchmarks/speed_detect.py --cold               # `edition detect` on the seed, cold
    python benchmarks/speed_detect.py --newspapers         # BLN600's newspaper OCR, repeated
    python benchmarks/speed_detect.py --profile 100000 --unrepeated   # cProfile of one size

Two inputs (the table's last column counts the distinct word forms, the unit detection pays for):

- default (the targets' protocol, docs/BENCHMARKS.md): the OCR of the development set
  (monographs and periodicals) concatenated, repeated until it has the requested number of
  words. The ICDAR files hold ~208,000 words and 36,000 distinct forms, so 1M words repeat them
  about five times and the forms stop growing after the first 208,000 words: far fewer than a
  new 1M-word book has.
- ``--unrepeated`` (:func:`unrepeated_corpus`): the first 208,000 words are the development OCR
  itself, in file order, never repeated (so 100k words are a real OCR prefix: 19,000 forms).
  Past it, each further pass over the development OCR is a *new* synthetic text: every word of
  letters is, with probability :data:`REDRAW`, replaced by an English word of the same frequency
  band (wordfreq's list, drawn in proportion to frequency, the original's case kept), and with
  probability :data:`NOISE` one OCR error is put into it (a confusion of ``edition``'s table drawn
  by how often the development data shows it, or a letter dropped, doubled or changed). Sentence
  shape, punctuation, numbers and layout stay the development OCR's. Forms grow almost linearly,
  like the development set's own (Heaps exponent 0.93 between 26k and 208k words, which would give
  ~156,000 forms at 1M): 100k words have 18,516 forms, 1M 132,737, 4M 378,051 (the script prints
  the count). That is *more* new vocabulary than one real book has (a book repeats its names and
  terms): a pessimistic input for speed.

Each size runs in a fresh process (``--one``) so that the peak memory (``ru_maxrss``) is that
size's own. Time is CPU time of :func:`edition.detection.runner.detect` on one core, lexicons already
loaded (loading is reported apart). The lexicon's search index
(:class:`edition.detection.evidence.confusions.SearchIndex`) is read from the evidence cache; on a machine
without it, the first long text builds it (about 1 s) inside its detection time.
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


def corpus(words: int, newspapers: bool = False) -> str:
    import _devset

    if newspapers:  # BLN600's 480 articles (238,000 words of newspaper OCR), one after the other
        import devsets

        base = [d.ocr for d in devsets.documents("bln600", "all")]
    else:
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


#: Share of the words of a later pass replaced by another English word of the same frequency
#: band: with it the forms of 1M words grow close to the development set's own growth (see the
#: module docstring), where a smaller share keeps most words of each pass and the vocabulary
#: flattens.
REDRAW = 0.5
#: Share of the words of a later pass given one new OCR error. The development OCR has 11.8 % of
#: its words wrong (against the gold); half of a pass keeps those errors, half is redrawn clean,
#: so 6 % fresh errors bring the rate back to about the development set's.
NOISE = 0.06
_BAND = 0.5  # width of a frequency band, in Zipf units


def _bands():
    """Zipf band → (words, cumulative frequencies) of wordfreq's English list (Zipf ≥ 1)."""
    import math
    from itertools import accumulate

    from edition.detection.evidence import lexicon

    bands: dict[float, list[tuple[str, float]]] = {}
    for w, f in lexicon.frequencies().items():
        z = math.log10(f) + 9
        if z >= 1.0 and w.isalpha():
            bands.setdefault(math.floor(z / _BAND) * _BAND, []).append((w, f))
    return {b: ([w for w, _ in ws], list(accumulate(f for _, f in ws))) for b, ws in bands.items()}


def _errors():
    """(gold, ocr, weight) of the confusions the development data shows, for making errors."""
    from edition.detection.evidence import confusions

    return [(c.gold, c.ocr, c.n) for cs in confusions.table().values() for c in cs if c.n and c.gold]


def _misread(w: str, rng, errors) -> str:
    """``w`` with one OCR error: a confusion of the table whose gold side is in ``w`` (drawn by
    how often the development data shows it), else a letter dropped, doubled or changed."""
    found = [(g, o, n) for g, o, n in errors if g in w]
    if found and rng.random() < 0.7:
        g, o, _ = rng.choices(found, weights=[n for _, _, n in found])[0]
        at = [i for i in range(len(w)) if w.startswith(g, i)]
        i = rng.choice(at)
        return w[:i] + o + w[i + len(g):]
    j = rng.randrange(len(w))
    how = rng.randrange(3)
    if how == 0 and len(w) > 2:
        return w[:j] + w[j + 1:]
    if how == 1:
        return w[:j] + w[j] + w[j:]
    return w[:j] + rng.choice("abcdefghijklmnopqrstuvwxyz") + w[j + 1:]


def unrepeated_corpus(words: int) -> str:
    """``words`` words of OCR-like text that never repeats a document (see the module docstring):
    the development OCR, then new passes over it with words redrawn and new OCR errors."""
    import bisect
    import math
    import random

    import _devset
    import regex

    from edition.detection.evidence import lexicon

    base = [p.ocr for p in _devset.files("all", "monograph") + _devset.files("all", "periodical")]
    if not base:
        raise SystemExit(f"no development set at {_devset.DATA} (set EDITION_ICDAR)")
    pieces, n, rnd = [], 0, 0
    bands = errors = None
    word_re = regex.compile(r"\p{L}+")
    while n < words:
        rng = random.Random(f"pass {rnd}")
        for text in base:
            ws = text.split()[: words - n]
            if rnd:
                if bands is None:
                    bands, errors = _bands(), _errors()

                def redraw(m: regex.Match, rng=rng, bands=bands, errors=errors) -> str:
                    w = m.group()
                    if len(w) > 1 and rng.random() < REDRAW:
                        f = lexicon.frequency(w)
                        z = math.log10(f) + 9 if f else 1.0
                        band = bands.get(math.floor(max(z, 1.0) / _BAND) * _BAND)
                        if band:
                            new = band[0][bisect.bisect(band[1], rng.random() * band[1][-1]) - 1]
                            w = (new.upper() if w.isupper() and len(w) > 1 else
                                 new.capitalize() if w[0].isupper() else new)
                    if len(w) > 1 and rng.random() < NOISE:
                        w = _misread(w, rng, errors)
                    return w

                ws = [word_re.sub(redraw, w) for w in ws]
            pieces.append(" ".join(ws))
            n += len(ws)
            if n >= words:
                break
        rnd += 1
    return "\n\n".join(pieces)


def distinct_forms(text: str) -> int:
    from edition.detection.document import WORD_RE

    return len({m.group() for m in WORD_RE.finditer(text)})


def one(words: int, unrepeated: bool = False, profile: str | None = None, newspapers: bool = False) -> dict:
    t0 = time.perf_counter()
    from edition.detection.runner import detect

    detect("Load the lexicons: the bigram list and the confusion table.")
    load = time.perf_counter() - t0
    text = unrepeated_corpus(words) if unrepeated else corpus(words, newspapers)
    c0, w0 = time.process_time(), time.perf_counter()
    if profile:
        import cProfile

        prof = cProfile.Profile()
        proposals = prof.runcall(detect, text)
        prof.dump_stats(profile)
    else:
        proposals = detect(text)
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"words": words, "cpu_s": round(cpu, 2), "wall_s": round(wall, 2),
            "words_per_s": round(words / cpu), "proposals": len(proposals),
            "peak_mb": round(peak_mb), "load_s": round(load, 2), "forms": distinct_forms(text)}


def cold() -> dict:
    """`edition detect` on the seed in a fresh process from a cold start (``$EDITION_CACHE`` a new,
    empty folder: the first run on a machine), corrections written to a temp dir.
    (``benchmarks/startup.py`` times it with the other commands' start-up, median of runs.)"""
    seed = ROOT / "seeds" / "hoxha-memoirs-stalin-introduction.txt"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "seed.yaml"
        t0 = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "edition", "detect", str(seed), "--corrections", str(out),
                            "--quiet"], cwd=ROOT, capture_output=True, text=True,
                           env=dict(env, EDITION_CACHE=str(Path(tmp) / "cache")))
        wall = time.perf_counter() - t0
    return {"command": "edition detect seeds/hoxha-memoirs-stalin-introduction.txt (empty cache)",
            "wall_s": round(wall, 2), "exit": r.returncode, "stderr": r.stderr.strip()[-300:]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--unrepeated", action="store_true", help="text that does not repeat (see above)")
    ap.add_argument("--profile", type=int, metavar="WORDS",
                    help="run one size in this process under cProfile and print the top functions")
    ap.add_argument("--cold", action="store_true")
    ap.add_argument("--newspapers", action="store_true",
                    help="BLN600's newspaper OCR (repeated past its 238,000 words) instead of ICDAR 2017's")
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.unrepeated, newspapers=args.newspapers)))
        return
    if args.profile:
        import pstats

        with tempfile.TemporaryDirectory() as tmp:
            out = str(Path(tmp) / "detect.prof")
            print(json.dumps(one(args.profile, args.unrepeated, profile=out)))
            pstats.Stats(out).sort_stats("cumulative").print_stats(30)
            pstats.Stats(out).sort_stats("tottime").print_stats(20)
        return
    if args.cold:
        for _ in range(2):
            print(json.dumps(cold()))
        return
    print("| words | CPU s | words/s | peak MB | proposals | lexicon load s | distinct forms |\n"
          "|---|---|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        r = subprocess.run([sys.executable, __file__, "--one", str(size)] + ["--unrepeated"] * args.unrepeated
                           + ["--newspapers"] * args.newspapers,
                           capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": "0"})
        if r.returncode:
            print(r.stderr[-2000:])
            continue
        d = json.loads(r.stdout.strip().splitlines()[-1])
        print(f"| {d['words']:,} | {d['cpu_s']} | {d['words_per_s']:,} | {d['peak_mb']} | {d['proposals']:,} "
              f"| {d['load_s']} | {d['forms']:,} |", flush=True)


if __name__ == "__main__":
    main()
