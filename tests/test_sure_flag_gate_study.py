"""The sure-flag gate study (``benchmarks/studies/sure_flag_gate.py``) changes the gate as it says:
through ``edition detect --json`` with the gate changed, on the police-court report written for
the garbled-word tests (tests/data/newspaper_garbled_report.txt), where main keeps two sure flags
(``caipeiitbr`` at 0.96, ``eqplouatiou`` at 0.949) before deep readings at 0.32. The figures the
study measured with it are in docs/BENCHMARKS.md ("the sure-flag gate measured again")."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "tests" / "data" / "newspaper_garbled_report.txt"
STUDY = ROOT / "benchmarks" / "studies" / "sure_flag_gate.py"


def _detect(tmp_path: Path, *gates: str) -> dict[str, dict]:
    shutil.copy(REPORT, tmp_path / "report.txt")
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, str(STUDY), "edition", *gates, "--", "detect", "report.txt", "--json"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=True)
    return {p["original"]: p for p in map(json.loads, proc.stdout.splitlines()) if p}


@pytest.mark.parametrize("gates, read", [
    ((), set()),  # main's gate: both sure flags stay
    (("--gate", "off"), {"caipeiitbr", "eqplouatiou"}),
    (("--gate", "flag-at-0.955"), {"eqplouatiou"}),  # its flag 0.949 is no longer sure; 0.96 is
    (("--gate", "reading-below-0.3"), {"caipeiitbr", "eqplouatiou"}),  # readings at 0.32 pass
])
def test_the_gate_holds_back_the_deep_readings_it_says(tmp_path, gates, read):
    found = _detect(tmp_path, *gates)
    for form in ("caipeiitbr", "eqplouatiou"):
        p = found[form]
        if form in read:
            assert p["readings"] and p["confidence"] < 0.5, p
        else:
            assert p["readings"] == [] and p["kind"] == "unclear" and p["confidence"] >= 0.9, p
