"""Writing a benchmark's own section of ``docs/BENCHMARKS.md`` (private helper).

A script that can rewrite its figures keeps them between two HTML comments that name it, so a
re-run replaces its section in place and leaves every other section as it is.
"""
from __future__ import annotations

from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs" / "BENCHMARKS.md"


def markers(name: str) -> tuple[str, str]:
    """The begin and end comments of the section written by ``benchmarks/NAME.py``."""
    return (f"<!-- {name}: begin (written by benchmarks/{name}.py --update-docs) -->",
            f"<!-- {name}: end -->")


def update_section(name: str, section: str, docs: Path = DOCS) -> None:
    """Replace ``name``'s section of ``docs`` (between its markers), or append it."""
    begin, end = markers(name)
    block = f"{begin}\n{section}\n{end}"
    text = docs.read_text(encoding="utf-8") if docs.exists() else "# Benchmarks\n"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    docs.parent.mkdir(parents=True, exist_ok=True)
    docs.write_text(text, encoding="utf-8")
