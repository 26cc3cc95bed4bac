"""How the detector fared against the editors' own review of a text.

Reads a reviewed corrections file (every entry decided) and reports:

- the final corrections (accepted, edited, flagged), and the share the detector proposed unaided
  (entries whose ``detector`` is not ``editor``);
- how often its first reading was the one accepted (status ``accepted`` with the first
  suggestion, kind unchanged or not);
- how many of its proposals were rejected (false alarms), per kind.

usage: python benchmarks/seed_review_stats.py [CORRECTIONS_FILE] [--json]
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from edition.store import parse_corrections
from edition.model import Status

DEFAULT = Path("corrections/hoxha-memoirs-stalin-introduction.yaml")


def stats(path: Path) -> dict:
    cf = parse_corrections(path, path.read_bytes())
    entries = cf.corrections
    final = [c for c in entries if c.status in (Status.ACCEPTED, Status.EDITED, Status.FLAGGED)]
    proposed = [c for c in final if c.detector != "editor"]
    with_reading = [c for c in proposed if c.status is not Status.FLAGGED]
    first = [c for c in with_reading if c.readings and c.reading == c.readings[0]]
    rejected = [c for c in entries if c.status is Status.REJECTED and c.detector != "editor"]
    pending = [c for c in entries if c.status is Status.PROPOSED]
    by_kind: dict[str, Counter] = {}
    for c in entries:
        row = by_kind.setdefault(c.kind.value, Counter())
        if c.status is Status.REJECTED:
            row["false alarms"] += 1
        elif c.detector == "editor":
            row["missed (added by hand)"] += 1
        elif c.status is not Status.PROPOSED:
            row["proposed and kept"] += 1
    return {
        "file": str(path),
        "final_corrections": len(final),
        "proposed_unaided": len(proposed),
        "share_proposed": round(len(proposed) / len(final), 3) if final else None,
        "first_reading_right": len(first),
        "first_reading_share": round(len(first) / len(with_reading), 3) if with_reading else None,
        "rejected_proposals": len(rejected),
        "false_alarms_per_true": round(len(rejected) / len(proposed), 3) if proposed else None,
        "pending": len(pending),
        "by_kind": {k: dict(v) for k, v in sorted(by_kind.items())},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corrections", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    s = stats(args.corrections)
    if args.json:
        print(json.dumps(s, indent=2))
        return
    print(f"{s['file']}: {s['final_corrections']} final corrections, {s['pending']} pending")
    print(f"  proposed by the detector unaided: {s['proposed_unaided']} ({s['share_proposed']:.1%})")
    print(f"  first reading was the one accepted: {s['first_reading_right']} ({s['first_reading_share']:.1%})")
    print(f"  proposals rejected (false alarms): {s['rejected_proposals']} "
          f"({s['false_alarms_per_true']:.2f} per proposal kept)")
    print("  by kind:")
    for kind, row in s["by_kind"].items():
        print(f"    {kind:<12} " + ", ".join(f"{k} {v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
