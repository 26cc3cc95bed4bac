"""How to read a book's corrections file: the options measured side by side, in one run.

On the corrections file ``store_speed.py`` makes for the BLN600 text (23,001 entries, 8.8 MB;
run that first), times:

- ruamel.yaml's round-trip reading (what `edition` used before: it keeps comments);
- PyYAML's C reader, libyaml (fast YAML, but it drops comments and order on rewriting);
- edition's own reader of the tool's layout (``edition.store``), without its cache;
- edition's reader with its parse cache (the file's bytes unchanged since the tool last read or
  wrote it: the case of every command after the first);
- writing one decision: ruamel.yaml's dump of the whole document, and edition's rewrite of
  the changed entry's lines.

Usage::

    python benchmarks/store_readers.py [--file out/store_speed/book/pristine.yaml] [--rounds 3]
"""
from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edition.model import Status  # noqa: E402
from edition.store import parse_corrections  # noqa: E402


def timed(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--file", type=Path, default=ROOT / "out" / "store_speed" / "book" / "pristine.yaml")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    if not args.file.exists():
        print(f"{args.file}: run benchmarks/store_speed.py --texts book first", file=sys.stderr)
        return 1
    data = args.file.read_bytes()
    text = data.decode("utf-8")
    rows = []

    from ruamel.yaml import YAML

    def ruamel_load():
        y = YAML(typ="rt")
        return y.load(text)

    rows.append(("ruamel.yaml round trip (keeps comments)", timed(ruamel_load, 1)))
    try:
        import yaml

        rows.append(("PyYAML + libyaml CSafeLoader (drops comments)",
                     timed(lambda: yaml.load(text, Loader=yaml.CSafeLoader), args.rounds)))
    except (ImportError, AttributeError):
        rows.append(("PyYAML + libyaml CSafeLoader", float("nan")))
    def cold_parse():
        with tempfile.TemporaryDirectory() as empty:  # no parse kept: read the file
            os.environ["EDITION_CACHE"] = empty
            parse_corrections(args.file, data)

    cold = timed(cold_parse, args.rounds)
    with tempfile.TemporaryDirectory() as kept:
        os.environ["EDITION_CACHE"] = kept
        parse_corrections(args.file, data)
        warm = timed(lambda: parse_corrections(args.file, data), args.rounds)
    rows.append(("edition.store, cold (own reader; ruamel.yaml for hand-written entries)", cold))
    rows.append(("edition.store, parse cache (same bytes as last read or written)", warm))

    doc = YAML(typ="rt").load(text)

    def ruamel_dump():
        doc["corrections"][5]["status"] = "rejected"
        y = YAML(typ="rt")
        y.width = 4096
        y.indent(mapping=2, sequence=2, offset=0)
        y.dump(doc, io.StringIO())

    rows.append(("one decision, written by ruamel.yaml (the whole document)", timed(ruamel_dump, 1)))
    cf = parse_corrections(args.file, data)

    def own_render():
        c = cf.corrections[5]
        cf.put(c.replace(status=Status.REJECTED, by="Bench", on="2026-12-04T00:00:00Z"))
        cf._render()

    rows.append(("one decision, edition.store (the changed lines spliced in)", timed(own_render, args.rounds)))
    print(f"store_readers.py, {time.strftime('%Y-%m-%d %H:%M')}, {args.file.name}: "
          f"{len(cf):,} entries, {len(data) / 1e6:.1f} MB, load average {os.getloadavg()[0]:.1f}")
    print("| reader | seconds |\n|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
