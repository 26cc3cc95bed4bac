"""A project in a read-only folder (a mounted archive, a colleague's share): each command that
must write says which file it could not write and why, in one line, and changes nothing.

A test run as root cannot make a folder read-only with chmod, so the folder is bind-mounted
read-only in a mount namespace of its own (``unshare -m``); the tests skip where that is not
allowed."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import ROOT, run

TEXT = "The messenger came to tbe gate and spoke with V1adimir of the war.\n"


def run_read_only(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """``edition ARGS`` in ``folder``, with ``folder`` mounted read-only for that command only."""
    script = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && cd "$0" && exec "$@"'
    env = {**os.environ, "PYTHONPATH": str(ROOT), "EDITION_EDITOR": "Test Editor"}
    return subprocess.run(["unshare", "-m", "sh", "-c", script, str(folder), sys.executable, "-m",
                           "edition", *args], env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture()
def project(tmp_path):
    if shutil.which("unshare") is None:
        pytest.skip("no unshare")
    probe = run_read_only(tmp_path, "--version")
    if probe.returncode != 0:
        pytest.skip(f"cannot mount a folder read-only here: {probe.stderr.strip()}")
    (tmp_path / "t.txt").write_text(TEXT, encoding="utf-8")
    run("detect", "t.txt", cwd=tmp_path, check=True)
    return tmp_path


def test_a_decision_in_a_read_only_folder_names_the_corrections_file(project):
    """It named the lock file (`corrections/.t.yaml.lock`), which the user never asked about."""
    before = (project / "corrections" / "t.yaml").read_bytes()
    proc = run_read_only(project, "accept", "t.txt", "--min-confidence", "0.5")
    assert proc.returncode == 1
    assert proc.stderr == "edition: error: corrections/t.yaml: Read-only file system\n"
    assert (project / "corrections" / "t.yaml").read_bytes() == before


def test_an_output_in_a_read_only_folder_names_the_output(project):
    """It named the temporary file beside it (`/tmp/.../.out.txt.8_8a1zg6.tmp`)."""
    proc = run_read_only(project, "apply", "t.txt", "-o", "out.txt")
    assert proc.returncode == 1
    assert proc.stderr == "edition: error: out.txt: Read-only file system\n"
    assert not (project / "out.txt").exists()
    assert sorted(p.name for p in project.iterdir()) == ["corrections", "t.txt"]
