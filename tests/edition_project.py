"""A seed project with decisions made through the real CLI, for the build/verify/diff tests."""
from __future__ import annotations

import shutil
from pathlib import Path

from edition.cli import main

SEED = Path(__file__).resolve().parent.parent / "seeds" / "hoxha-memoirs-stalin-introduction.txt"

#: (find, reading or None to flag, kind): real artifacts of the seed, decided by hand.
DECISIONS = [
    ("V1adimir", "Vladimir", "glyph"),
    ("not fold", "not told", "realword"),
    ("capitatist", "capitalist", "nonword"),
    ("whet", None, "unclear"),
    ("theeconomic", "the economic", "merge"),
    ("socialimperialist", "social-imperialist", "hyphen"),
]


def make_project(root: Path, monkeypatch, name: str = "seed.txt") -> Path:
    """Copy the seed into ``root``, record DECISIONS with `edition add`; returns the source."""
    monkeypatch.chdir(root)
    monkeypatch.setenv("EDITION_EDITOR", "Ana Editor")
    shutil.copy(SEED, root / name)
    for find, reading, kind in DECISIONS:
        args = ["add", name, "--find", find, "--kind", kind, "-q"]
        if reading is not None:
            args += ["--reading", reading]
        assert main(args) == 0
    return Path(name)
