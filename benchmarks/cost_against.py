"""Issue 14's cost measure: CPU time of detection per word on BLN600 as one text, this tree against
other checkouts, in alternating rounds of the same hour.

Usage::

    git worktree add /tmp/c62690a c62690a        # the tree issue 14 was filed on
    nice python3 benchmarks/cost_against.py /tmp/c62690a --rounds 5
    nice python3 benchmarks/cost_against.py /tmp/c62690a /tmp/other-branch --rounds 3

The text: BLN600's 480 newspaper articles (238,491 words of OCR), each article's words joined by
single spaces and the articles by blank lines, one text (what ``speed_detect.py --newspapers
--sizes 238000`` detects). Each run is a fresh process that imports ``edition`` from one tree only
(``PYTHONPATH`` set to it; the process checks where the package came from), detects a short text
untimed (the lexicons load), then times :func:`detect` on the whole text with
``time.process_time`` (CPU of the process: on a shared machine steadier than wall time). The
trees run one after the other within each round, the given trees first and this tree last; each
tree's median over the rounds is reported, with its ratio to the first tree's. On this shared
2-core machine one run moves by up to ±10 % with the load: quote the ratio of the medians and the
range of the per-round ratios, never one run.

Not a test: a script that measures and prints one line per run and a summary.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def newspaper_text() -> str:
    """BLN600's articles as one text (needs the development sets, see ``devsets.py``)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import devsets

    return "\n\n".join(" ".join(d.ocr.split()) for d in devsets.documents("bln600", "all"))


def one_run(tree: Path, text_file: Path) -> dict:
    """Time detection of the text with the ``edition`` of ``tree`` (run in a child process)."""
    import edition

    if not Path(edition.__file__).resolve().is_relative_to(tree):
        raise SystemExit(f"edition was imported from {edition.__file__}, not from {tree}")
    try:
        from edition.detection.runner import detect
    except ImportError:  # trees from before the package's refactoring (c62690a among them)
        from edition.detection import detect
    text = text_file.read_text(encoding="utf-8")
    detect("A short text to load the lexicons, with a wrod.")
    cpu = time.process_time()
    proposals = detect(text)
    cpu = time.process_time() - cpu
    return {"cpu": cpu, "words": len(text.split()), "proposals": len(proposals),
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("trees", nargs="*", type=Path, help="other checkouts to time (the first is the base)")
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds (default 3)")
    ap.add_argument("--one", nargs=2, metavar=("TREE", "TEXT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one_run(Path(args.one[0]).resolve(), Path(args.one[1]))))
        return
    trees = [t.resolve() for t in args.trees] + [ROOT]
    for tree in trees:
        if not (tree / "edition" / "__init__.py").exists():
            ap.error(f"{tree} holds no edition package")
    runs: dict[Path, list[dict]] = {t: [] for t in trees}
    with tempfile.TemporaryDirectory() as tmp:
        text_file = Path(tmp) / "bln600.txt"
        text_file.write_text(newspaper_text(), encoding="utf-8")
        for r in range(1, args.rounds + 1):
            for tree in trees:
                env = {**os.environ, "PYTHONPATH": str(tree)}
                out = subprocess.run([sys.executable, __file__, "--one", str(tree), str(text_file)],
                                     capture_output=True, text=True, env=env, cwd=tmp)
                if out.returncode:
                    sys.exit(f"{tree}: the run failed\n{out.stderr}")
                run = json.loads(out.stdout.splitlines()[-1])
                runs[tree].append(run)
                print(f"{time.strftime('%H:%M:%S', time.gmtime())} UTC round {r} {tree}: "
                      f"{run['cpu']:.2f} s CPU, {run['proposals']} proposals, {run['peak_mib']} MiB, "
                      f"load {os.getloadavg()[0]:.1f}", flush=True)
    base = statistics.median(r["cpu"] for r in runs[trees[0]])
    for tree in trees:
        cpus = [r["cpu"] for r in runs[tree]]
        per_round = [c / b["cpu"] for c, b in zip(cpus, runs[trees[0]])]
        print(f"{tree}: {', '.join(f'{c:.2f}' for c in cpus)} s; median {statistics.median(cpus):.2f} s, "
              f"{statistics.median(cpus) / base:.2f}x the first (per round "
              f"{min(per_round):.2f}-{max(per_round):.2f}x)")


if __name__ == "__main__":
    main()
