"""Record a close reading of a source as review decisions, through `edition`'s own commands.

An editor who has read a text closely and listed its artifacts in a table (TSV with columns
``start end original reading kind note``; empty reading = unclear) uses this script to decide
every pending proposal of the corrections file and to add what the detectors missed:

- a proposal whose correction gives the same text as the table's row over the same place is
  accepted (with the table's reading if it is another of the suggestions, re-classified when the
  table names another kind, e.g. ``variant``);
- a proposal at the place of a row but with a wrong reading is edited to the table's reading;
- an unclear row flags the proposal at its place;
- a proposal at no row of the table is rejected (a false alarm) — unless ``--keep-unlisted``;
- every row no proposal covered is added with ``edition add`` (its kind, its reading).

Every decision goes through ``edition accept|edit|reject|flag|add`` (so it records ``--by`` and
the time), and the commands are printed, so the review can be read and replayed.

usage: python scripts/review_from_reading.py SOURCE TABLE --by NAME [--corrections FILE] [--dry-run]
"""
from __future__ import annotations

import argparse
import csv
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from edition.cli import main as edition
from edition.store import default_corrections_path
from edition.model import Status
from edition.workflow import open_project


@dataclass(frozen=True)
class Row:
    start: int
    end: int
    original: str
    reading: str
    kind: str
    note: str


def read_table(path: Path) -> list[Row]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [Row(int(r["start"]), int(r["end"]), r["original"], r["reading"], r["kind"], r["note"])
                for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]


def _result(text: str, lo: int, hi: int, start: int, end: int, reading: str) -> str:
    """text[lo:hi] with start:end replaced by reading."""
    return text[lo:start] + reading + text[end:hi]


def plan(source_path: Path, table: list[Row], corrections: Path, keep_unlisted: bool) -> list[list[str]]:
    """The `edition` commands that record the table as decisions."""
    project = open_project(source_path, corrections)
    text = project.source.text
    commands: list[list[str]] = []
    covered: set[int] = set()
    src = str(source_path)
    for c in project.corrections:
        if c.status is not Status.PROPOSED or c.stale:
            continue
        rows = [i for i, r in enumerate(table) if r.start < c.end and c.start < r.end]
        if not rows:
            if not keep_unlisted:
                commands.append(["reject", src, c.id])
            continue
        lo = min([c.start] + [table[i].start for i in rows])
        hi = max([c.end] + [table[i].end for i in rows])
        wanted = text[lo:hi]
        for i in sorted(rows, key=lambda i: -table[i].start):
            r = table[i]
            wanted = wanted[:r.start - lo] + (r.reading if r.kind != "unclear" else r.original) + \
                wanted[r.end - lo:]
        kinds = {table[i].kind for i in rows}
        if kinds == {"unclear"}:
            commands.append(["flag", src, c.id, "--note", table[rows[0]].note or "no safe reading"])
            covered.update(rows)
            continue
        row = table[rows[0]]
        set_kind = ["--set-kind", row.kind] if len(rows) == 1 and row.kind != c.kind.value else []
        hit = next((r for r in c.readings if _result(text, lo, hi, c.start, c.end, r) == wanted), None)
        if hit is not None:
            extra = ["--reading", hit] if hit != c.readings[0] else []
            commands.append(["accept", src, c.id, *extra, *set_kind])
            covered.update(rows)
        elif len(rows) == 1 and (row.start, row.end) == (c.start, c.end):
            commands.append(["edit", src, c.id, "--reading", row.reading, *set_kind])
            covered.update(rows)
        else:  # right place, wrong extent: the rows are added by hand below
            commands.append(["reject", src, c.id])
    for i, r in enumerate(table):
        if i in covered:
            continue
        cmd = ["add", src, "--at", str(r.start), "--length", str(r.end - r.start), "--kind", r.kind]
        if r.kind != "unclear":
            cmd += ["--reading", r.reading]
        if r.note:
            cmd += ["--why", r.note.replace("\n", " ")[:200]]
        commands.append(cmd)
    return commands


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", type=Path)
    ap.add_argument("table", type=Path)
    ap.add_argument("--by", required=True)
    ap.add_argument("--corrections", type=Path)
    ap.add_argument("--keep-unlisted", action="store_true",
                    help="leave proposals at no row of the table pending instead of rejecting them")
    ap.add_argument("--dry-run", action="store_true", help="print the commands, run nothing")
    args = ap.parse_args(argv)
    corrections = args.corrections or default_corrections_path(args.source)
    commands = plan(args.source, read_table(args.table), corrections, args.keep_unlisted)
    for cmd in commands:
        full = [*cmd, "--by", args.by, "--corrections", str(corrections), "--quiet"]
        print("edition " + shlex.join(full))
        if not args.dry_run:
            rc = edition(full)
            if rc:
                return rc
    return 0


if __name__ == "__main__":
    sys.exit(main())
