"""Wall-clock time of `edition build` and `edition verify` on the seed, per validator, and of the
validation step alone.

Each run is a fresh `python -m edition ...` process (start-up, reading the corrections file,
writing the five files and validating the TEI included), as a user runs it. The seed is copied to
a temporary folder with six hand decisions recorded through `edition add` (one per kind), so the
figures do not depend on what the detectors propose. Then, in a fresh process each, the
validation step alone: `edition.publish.build.validation_errors` on the built TEI (loading the
schema included, Python's start and the imports not).

    python benchmarks/build_timing.py [--runs 3]
    python benchmarks/build_timing.py --validators default,strict,none   # the current options
    python benchmarks/build_timing.py --tree /tmp/old --validators default,none,lxml,jing

``--validators``: the values of ``--validator`` to time; ``default`` runs the command without
the option, ``strict`` with ``--strict``. ``--tree`` times the `edition` of another checkout (an
older commit, for a before/after in the same hour; its own options).
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
#: The validation step alone, in a fresh process: argv[1] the validator, argv[2] the TEI file.
VALIDATION_ONLY = """
import sys, time
from edition.publish.build import validation_errors
data = open(sys.argv[2], "rb").read()
started = time.perf_counter()
validator, errors = validation_errors(data, sys.argv[1])
print(f"{time.perf_counter() - started:.4f} {validator} {len(errors)}")
"""


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "edition", *args], cwd=cwd, env=env, check=True,
                   capture_output=True)
    return time.perf_counter() - started


def _option(validator: str) -> list[str]:
    if validator == "default":
        return []
    if validator == "strict":
        return ["--strict"]
    return ["--validator", validator]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--validators", default="default,strict,none,lxml,jing",
                        help="comma-separated (default: %(default)s; jing only where installed)")
    parser.add_argument("--tree", type=Path, default=ROOT,
                        help="the checkout whose `edition` is timed (default: this one)")
    args = parser.parse_args()
    tree = args.tree.resolve()
    env = dict(os.environ, PYTHONPATH=str(tree), EDITION_EDITOR="Benchmark Editor")
    validators = [v for v in args.validators.split(",") if v != "jing" or shutil.which("jing")]
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        shutil.copy(SEED, cwd / "seed.txt")
        for find, reading, kind in DECISIONS:
            _run(["add", "seed.txt", "--find", find, "--kind", kind, "-q"]
                 + (["--reading", reading] if reading else []), cwd, env)
        print(f"tree: {tree}; seed: {SEED.name}, {len(SEED.read_text(encoding='utf-8')):,} "
              f"characters, {len(DECISIONS)} decisions, {args.runs} runs each; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        for command in ("build", "verify"):
            for v in validators:
                times = [_run([command, "seed.txt", *_option(v), "-q"], cwd, env)
                         for _ in range(args.runs)]
                print(f"edition {command:6} {' '.join(_option(v)) or '(default)':22}: min "
                      f"{min(times):.2f} s, median {statistics.median(times):.2f} s")
        tei = cwd / "build" / "seed.tei.xml"
        for v in validators:
            name = {"default": None, "none": None}.get(v, v)
            if name is None:
                continue
            out = [subprocess.run([sys.executable, "-c", VALIDATION_ONLY, name, str(tei)], env=env,
                                  check=True, capture_output=True, text=True).stdout.split()
                   for _ in range(args.runs)]
            times = [float(o[0]) for o in out]
            print(f"validation alone, {name:8} ({out[0][1]}, {out[0][2]} errors): min "
                  f"{min(times):.3f} s, median {statistics.median(times):.3f} s")


if __name__ == "__main__":
    main()
