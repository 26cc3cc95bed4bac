"""Wall-clock time of `edition build` and `edition verify` on the seed, per validator.

Each run is a fresh `python -m edition ...` process (start-up, reading the corrections file,
writing the five files and validating the TEI included), as a user runs it. The seed is copied to
a temporary folder with six hand decisions recorded through `edition add` (one per kind), so the
figures do not depend on what the detectors propose.

    python benchmarks/build_timing.py [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "hoxha-memoirs-stalin-introduction.txt"
DECISIONS = [("V1adimir", "Vladimir", "glyph"), ("not fold", "not told", "realword"),
             ("capitatist", "capitalist", "nonword"), ("whet", None, "unclear"),
             ("theeconomic", "the economic", "merge"),
             ("socialimperialist", "social-imperialist", "hyphen")]


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "edition", *args], cwd=cwd, env=env, check=True,
                   capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT), EDITION_EDITOR="Benchmark Editor")
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        shutil.copy(SEED, cwd / "seed.txt")
        for find, reading, kind in DECISIONS:
            _run(["add", "seed.txt", "--find", find, "--kind", kind, "-q"]
                 + (["--reading", reading] if reading else []), cwd, env)
        validators = ["none", "lxml"] + (["jing"] if shutil.which("jing") else [])
        print(f"seed: {SEED.name}, {len(SEED.read_text(encoding='utf-8')):,} characters, "
              f"{len(DECISIONS)} decisions, {args.runs} runs each; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        for command in ("build", "verify"):
            for v in validators:
                times = [_run([command, "seed.txt", "--validator", v, "-q"], cwd, env)
                         for _ in range(args.runs)]
                print(f"edition {command} --validator {v:5}: min {min(times):.2f} s, "
                      f"median {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
