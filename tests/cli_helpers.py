"""Running the real `edition` command in tests."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "hoxha-memoirs-stalin-introduction.txt"


def run(*args: str, cwd: Path, editor: str | None = "Test Editor", check: bool = False,
        input: str | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m edition ARGS`` in ``cwd`` and return the finished process."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("EDITION_EDITOR", None)
    if editor:
        env["EDITION_EDITOR"] = editor
    env["GIT_CONFIG_GLOBAL"] = os.devnull  # no ambient git user.name
    env["GIT_CONFIG_SYSTEM"] = os.devnull
    proc = subprocess.run([sys.executable, "-m", "edition", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, input=input, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"edition {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc


def detect_json(source: Path, cwd: Path, name: str | None = None, *, flags: tuple[str, ...] = ()
                ) -> list[dict]:
    """Copy ``source`` (a text file or an OCR folder) into ``cwd`` (as ``name``, or its own name)
    unless it is there already, run ``edition detect SOURCE --json FLAGS`` there and return its
    proposals as dicts, in text order."""
    target = cwd / (name or source.name)
    if source.resolve() != target.resolve():
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target)
    proc = run("detect", target.name, "--json", *flags, cwd=cwd, check=True)
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def seed_project(tmp_path: Path, name: str = "seed.txt") -> Path:
    """A fresh project folder with a copy of the seed; returns the source path (relative)."""
    shutil.copy(SEED, tmp_path / name)
    return Path(name)


def load_script(relative: str):
    """A script of the repository (e.g. ``benchmarks/derive/compile_odd.py``) loaded as a module,
    for the tests that check what a derivation script makes."""
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
