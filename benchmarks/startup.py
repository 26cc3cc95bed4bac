"""Start-up of the commands on the seed, as a user meets them: `edition detect` from a cold start
(an empty cache folder, the first run on a machine) and warm (its cache filled), `status`, and
one `accept`.

Each figure is a fresh `python -m edition ...` process, run from a temporary folder holding a
copy of the seed and its reviewed corrections file, with ``$EDITION_CACHE`` pointing to a
folder of its own (empty for the cold `detect`). Reported: the median and the minimum wall time
over ``--runs`` runs, and the median CPU time (user + system of the process, which other work
on a shared machine stretches less than the wall time).

    python benchmarks/startup.py [--runs 5]
    python benchmarks/startup.py --tree /tmp/old     # another checkout's `edition`, same hour

Python's bytecode is written and used as an installed package's is (``PYTHONDONTWRITEBYTECODE``
is dropped from the environment, and one untimed run compiles it), so a "cold start" is the
cache folder's, not the interpreter's.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "hoxha-memoirs-stalin-introduction"
SEED = ROOT / "seeds" / f"{NAME}.txt"
CORRECTIONS = ROOT / "corrections" / f"{NAME}.yaml"


def timed(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one `python -m edition ARGS` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "edition", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise SystemExit(f"edition {' '.join(args)} failed: {proc.stderr.strip()[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def project(tmp: Path) -> Path:
    """A copy of the seed project in ``tmp``: the text and its reviewed corrections file."""
    (tmp / "corrections").mkdir(parents=True)
    shutil.copy(SEED, tmp / f"{NAME}.txt")
    shutil.copy(CORRECTIONS, tmp / "corrections" / f"{NAME}.yaml")
    return tmp


def measure(tree: Path, runs: int) -> dict[str, list[tuple[float, float]]]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(tree), EDITION_EDITOR="Benchmark Editor")
    out: dict[str, list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        cwd = project(base / "project")
        source = f"{NAME}.txt"
        # untimed: compile the bytecode of both the tree and the libraries, and fill the cache
        # folder of the warm runs
        warm_cache = str(base / "warm-cache")
        timed(["detect", source, "--corrections", own_folder(base, "warmup"), "-q"], cwd,
              dict(env, EDITION_CACHE=warm_cache))
        entry = _a_rejected_entry(cwd / "corrections" / f"{NAME}.yaml")
        for i in range(runs):
            cold_cache = str(base / f"cold-cache-{i}")  # a new, empty folder each run
            out.setdefault("detect, cold (empty cache)", []).append(
                timed(["detect", source, "--corrections", own_folder(base, f"cold-{i}"), "-q"],
                      cwd, dict(env, EDITION_CACHE=cold_cache)))
            out.setdefault("detect, warm", []).append(
                timed(["detect", source, "--corrections", own_folder(base, f"warm-{i}"), "-q"],
                      cwd, dict(env, EDITION_CACHE=warm_cache)))
            out.setdefault("status", []).append(
                timed(["status", source], cwd, dict(env, EDITION_CACHE=warm_cache)))
            # one decision: a rejected entry accepted, then rejected again (untimed), so that
            # every run decides the same entry
            out.setdefault("accept (one decision)", []).append(
                timed(["accept", source, entry, "-q"], cwd, dict(env, EDITION_CACHE=warm_cache)))
            timed(["reject", source, entry, "-q"], cwd, dict(env, EDITION_CACHE=warm_cache))
    return out


def own_folder(base: Path, run: str) -> str:
    """The corrections file of one `detect` run, alone in a folder of its own: `detect` first
    counts the decisions of every corrections file beside its own (:mod:`edition.corpus_review.
    learning`), and with every run's file in one folder the n-th run read the 2n files of the
    runs before it (a cold run 0.005 s more per file, 2026-12-05), a cost the seed's project
    does not have."""
    folder = base / "runs" / run
    folder.mkdir(parents=True)
    return str(folder / f"{NAME}.yaml")


def _a_rejected_entry(path: Path) -> str:
    """The id of the first rejected entry of the corrections file (a decision to accept)."""
    entry = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("- id: "):
            entry = line[6:].strip()
        elif line.strip() == "status: rejected" and entry:
            return entry
    raise SystemExit(f"{path}: no rejected entry to accept")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tree", type=Path, default=ROOT,
                        help="the checkout whose `edition` is timed (default: this one)")
    args = parser.parse_args()
    tree = args.tree.resolve()
    print(f"tree: {tree}; seed {SEED.name}; {args.runs} runs each; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for name, times in measure(tree, args.runs).items():
        walls, cpus = [w for w, _ in times], [c for _, c in times]
        print(f"{name:28}: wall median {statistics.median(walls):.2f} s (min {min(walls):.2f}), "
              f"CPU median {statistics.median(cpus):.2f} s")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
