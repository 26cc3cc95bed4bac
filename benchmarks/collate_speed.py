"""Which word aligner collates whole books: time and matched words of each, on real OCR.

The witnesses: the ICDAR 2017 monographs' OCR (``OCR_toInput``, a real OCR of 19th-century
books) and their gold, cut at the same place so that each has about ``--words`` words. Each
aligner aligns the two token sequences (:func:`edition.witnesses.tokens.tokenize`) and reports
its wall time and the tokens it matches (more is better: a minimal alignment matches the most).

- ``anchored``: :func:`edition.witnesses.align.align` (unique-word anchors, an edit script in
  the gaps);
- ``difflib``: :class:`difflib.SequenceMatcher` on the token ids, ``autojunk=False`` (with
  autojunk, every word more common than 1 % — ``the``, ``of`` — could never be matched);
- ``rapidfuzz``: rapidfuzz's Levenshtein edit script (C++) over the token ids, whole;
- ``dmp``: diff-match-patch's Myers diff over a string of one character per token id, no time
  limit (its timeout gives a coarser diff, not a faster exact one);
- ``collatex``: CollateX 2.3 (PyPI), the field's reference, on the first ``--collatex`` words.

Each run is in its own process with a time limit (``--limit`` seconds). Usage::

    nice python benchmarks/collate_speed.py --words 100000 --collatex 1000,2000,4000
"""
from __future__ import annotations

import argparse
import difflib
import multiprocessing as mp
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import _devset  # noqa: E402
from edition.witnesses.align import align  # noqa: E402
from edition.witnesses.tokens import tokenize  # noqa: E402


def witness_pair(words: int) -> tuple[str, str]:
    """(OCR, gold) of the monographs, cut where the gold reaches ``words`` words."""
    oa = " ".join(p.ocr_aligned for p in _devset.files("all", "monograph"))
    ga = " ".join(p.gold_aligned for p in _devset.files("all", "monograph"))
    count, cut = 0, len(ga)
    for m in re.finditer(r" ", ga):
        count += 1
        if count >= words and oa[m.start()] == " ":
            cut = m.start()
            break
    return oa[:cut].replace("@", ""), ga[:cut].replace("@", "").replace("#", "")


def matched(ops) -> int:
    return sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")


def run_anchored(a, b):
    return matched(align(a, b))


def run_difflib(a, b):
    ids: dict[str, int] = {}
    x = [ids.setdefault(t, len(ids)) for t in a]
    y = [ids.setdefault(t, len(ids)) for t in b]
    return matched(difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes())


def run_rapidfuzz(a, b):
    from rapidfuzz.distance import Levenshtein
    ids: dict[str, int] = {}
    x = [ids.setdefault(t, len(ids)) for t in a]
    y = [ids.setdefault(t, len(ids)) for t in b]
    return sum(op.src_end - op.src_start for op in Levenshtein.opcodes(x, y) if op.tag == "equal")


def run_dmp(a, b):
    from diff_match_patch import diff_match_patch
    ids: dict[str, int] = {}
    # one character per distinct token, from U+0100 on, past the surrogates
    def char(t):
        k = ids.setdefault(t, len(ids)) + 0x100
        return chr(k if k < 0xD800 else k + 0x800)
    x = "".join(map(char, a))
    y = "".join(map(char, b))
    d = diff_match_patch()
    d.Diff_Timeout = 0
    return sum(len(text) for op, text in d.diff_main(x, y, False) if op == 0)


def run_collatex(a, b):
    import collatex
    # the same tokens as the others get (CollateX's own tokenizer would cut words differently)
    c = collatex.Collation.create_from_dict({"witnesses": [
        {"id": "A", "tokens": [{"t": t} for t in a]}, {"id": "B", "tokens": [{"t": t} for t in b]}]})
    table = collatex.collate(c, output="table", segmentation=False)
    return sum(1 for col in table.columns if len(col.tokens_per_witness) == 2 and not col.variant)


RUNNERS = {"anchored": run_anchored, "difflib": run_difflib, "dmp": run_dmp, "rapidfuzz": run_rapidfuzz,
           "collatex": run_collatex}


def _child(name, a, b, queue):
    started = time.perf_counter()
    m = RUNNERS[name](a, b)
    queue.put((time.perf_counter() - started, m))


def timed(name: str, a: list[str], b: list[str], limit: float) -> tuple[float | None, int | None]:
    queue: mp.Queue = mp.Queue()
    proc = mp.get_context("fork").Process(target=_child, args=(name, a, b, queue))
    proc.start()
    proc.join(limit)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return None, None
    return queue.get() if not queue.empty() else (None, None)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", default="100000", help="witness sizes in gold words, comma-separated")
    ap.add_argument("--collatex", default="1000,2000,4000", help="sizes for CollateX")
    ap.add_argument("--aligners", default="anchored,difflib,dmp")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each (the median is shown)")
    ap.add_argument("--limit", type=float, default=600, help="seconds before a run is stopped")
    args = ap.parse_args(argv)
    plan = [(n, int(w)) for w in args.words.split(",") for n in args.aligners.split(",")]
    plan += [("collatex", int(w)) for w in args.collatex.split(",") if w]
    plan += [(n, int(w)) for w in args.collatex.split(",") if w for n in ("anchored",)]
    print(f"{'aligner':<10} {'words A':>8} {'words B':>8} {'seconds':>9} {'matched':>8}  runs")
    for name, words in plan:
        ocr, gold = witness_pair(words)
        a = [t.text for t in tokenize(ocr)]
        b = [t.text for t in tokenize(gold)]
        times, match = [], None
        for _ in range(args.repeat):
            t, match = timed(name, a, b, args.limit)
            if t is None:
                break
            times.append(t)
            if t > 60:  # one run of a slow aligner says enough
                break
        shown = f"{statistics.median(times):9.2f}" if times else f">{args.limit:8.0f}"
        print(f"{name:<10} {len(a):>8} {len(b):>8} {shown} {match if match is not None else '-':>8}  "
              f"{', '.join(f'{t:.2f}' for t in times)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
