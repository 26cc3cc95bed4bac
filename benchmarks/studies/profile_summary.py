"""Where a profile of py-spy's raw format spends its time: each function's share of the samples,
by self time (the function's own lines, C calls they make included: py-spy without ``--native``
charges a C function to the Python line that called it) and by total time (the function and
everything it calls), and the children of chosen functions.

A sampling profiler does not slow the code it watches, unlike cProfile, which charges every
Python call a fixed cost and so inflates code made of many small calls (the word engine).

    PYTHONPATH=$PWD nice py-spy record --format raw -r 200 -o 1m.raw -- \\
        python3 benchmarks/corpus_detect_core.py --words 1000000 --detect-words 1100000
    python3 benchmarks/studies/profile_summary.py 1m.raw --within detect_document \\
        --children analyse --children run_detectors

Only the samples whose stack holds ``--within`` (a function name) count: the detection pass of
the corpus benchmark, not the building of its corpus or the counting pass.
"""
from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

_LINE = re.compile(r":\d+\)$")


def stacks(path: Path, within: str | None):
    """(frames without line numbers, samples) of each stack of the raw profile that holds
    ``within``."""
    for line in path.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        frames = [_LINE.sub(")", f) for f in stack.split(";")]
        if within is None or any(f.startswith(within + " ") for f in frames):
            yield frames, int(count)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("raw", type=Path, help="py-spy record --format raw output")
    ap.add_argument("--within", help="count only stacks holding this function (e.g. detect_document)")
    ap.add_argument("--top", type=int, default=25, help="functions listed by self and by total time")
    ap.add_argument("--children", action="append", default=[],
                    help="list what this function's time goes to (repeatable; a name's prefix)")
    args = ap.parse_args()
    own: Counter[str] = Counter()
    total: Counter[str] = Counter()
    children = {name: Counter() for name in args.children}
    n = 0
    for frames, count in stacks(args.raw, args.within):
        n += count
        own[frames[-1]] += count
        for f in set(frames):
            total[f] += count
        for name, kids in children.items():
            at = next((i for i, f in enumerate(frames) if f.startswith(name)), None)
            if at is not None:
                kids[frames[at + 1] if at + 1 < len(frames) else "(self)"] += count
    print(f"{n} samples" + (f" within {args.within}" if args.within else ""))
    for title, counter in (("self", own), ("total", total)):
        print(f"\nby {title} time:")
        for f, c in counter.most_common(args.top):
            print(f"{100 * c / n:6.1f} %  {f}")
    for name, kids in children.items():
        print(f"\n{name} ({100 * sum(kids.values()) / n:.1f} %), by child:")
        for f, c in kids.most_common(args.top):
            print(f"{100 * c / n:6.1f} %  {f}")


if __name__ == "__main__":
    main()
