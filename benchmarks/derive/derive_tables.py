"""Derive the evidence tables shipped in the package: ``edition/detection/data/tables/``.

Usage::

    python benchmarks/derive/derive_tables.py           # writes the tables and tables.json
    python benchmarks/derive/derive_tables.py --check   # exit 1 if a shipped table is not what
                                                        # its derivation gives now
    python benchmarks/derive/derive_tables.py period-pairs   # only the tables named

Each table is a :class:`edition.detection.evidence.shipped.DerivedTable` of the evidence (the
words of other languages, English letter trigrams, the bigram table, the period word pairs of
``data/period_pairs.json.gz``, symspellpy's dictionary): this script runs its ``build()`` on the
word lists installed here (wordfreq's, symspellpy's, ours) and writes the result as
``NAME.pickle`` (built-in types only), and records in ``tables.json`` the key of its inputs
(their bytes' SHA-256, and the text of the module whose rules derive it) and the date. A run of
``edition`` uses a shipped table only when its own inputs have that key (another wordfreq, or a
changed rule, derives the table anew into the cache folder), so the shipped tables only ever
save time: run this after changing a table's rules or upgrading the word lists, and commit the
result. ``tests/test_detection_tables.py`` fails when a shipped table is stale.
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: edition
from edition.detection.evidence.bigrams import TABLE as BIGRAMS  # noqa: E402
from edition.detection.evidence.languages import FOREIGN_WORDS  # noqa: E402
from edition.detection.evidence.letters import TRIGRAMS  # noqa: E402
from edition.detection.evidence.ngrams import PERIOD_PAIRS  # noqa: E402
from edition.detection.evidence.shipped import MANIFEST, TABLES  # noqa: E402
from edition.detection.evidence.spacing import DICTIONARY  # noqa: E402

#: The tables shipped, each a DerivedTable of its evidence module.
SHIPPED = (FOREIGN_WORDS, TRIGRAMS, BIGRAMS, PERIOD_PAIRS, DICTIONARY)


def derive(table) -> tuple[object, bytes]:
    """The table built now, and its pickle as shipped."""
    value = table.build()
    return value, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the shipped tables instead of writing them")
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help="only these tables (default: all: "
                             + ", ".join(t.name for t in SHIPPED) + ")")
    args = parser.parse_args()
    unknown = set(args.names) - {t.name for t in SHIPPED}
    if unknown:
        parser.error(f"no such table: {', '.join(sorted(unknown))}")
    try:
        manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    tables = manifest.get("tables", {})
    stale = 0
    for table in SHIPPED:
        if args.names and table.name not in args.names:
            continue
        value, data = derive(table)
        key = table.key()
        if args.check:
            same = tables.get(table.name, {}).get("key") == key and table.shipped(key) == value
            print(f"{table.name}: {'up to date' if same else 'STALE'}")
            stale += not same
            continue
        (TABLES / f"{table.name}.pickle").write_bytes(data)
        tables[table.name] = {"key": key, "derived": date.today().isoformat(),
                              "inputs": [p.name if isinstance(p, Path) else repr(p)
                                         for p in table.inputs()],
                              "bytes": len(data)}
        print(f"wrote {TABLES / table.name}.pickle ({len(data):,} bytes)")
    if args.check:
        return 1 if stale else 0
    manifest = {"about": "Evidence tables derived in advance by benchmarks/derive/derive_tables.py "
                         "(see edition/detection/evidence/shipped.py); a table is used only when "
                         "the inputs installed have its key.",
                "tables": tables}
    MANIFEST.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {MANIFEST}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
