"""A digest of everything ``edition.detect()`` proposes on the seed and the three development
sets, to show that a change of code left detection byte for byte as it was.

For every text (``seeds/*.txt``; the ``[OCR_toInput]`` line of every file of
``icdar2017-eng/eng_{monograph,periodical}`` and ``icdar2019-eng/EN1``; every ``*.ocr.txt`` of
``bln600-train``) it runs ``edition.detect(text)`` and prints the SHA-256 of its proposals
serialized with every field (JSON, one object per proposal, in the order detect returns them),
then one overall digest of all the lines. Two runs agree exactly or the code changed what
detection says.

The evidence tables are read from the on-disk cache (:mod:`edition.cache`); a run
points ``$EDITION_CACHE`` at a fresh temporary folder (unless ``--keep-cache``), so the tables
are built by the code under test, not read from what older code stored.

Usage (from the repository root; ~10 minutes on one core)::

    PYTHONPATH=$PWD nice python3 benchmarks/detect_snapshot.py > before.txt
    ... change the code ...
    PYTHONPATH=$PWD nice python3 benchmarks/detect_snapshot.py > after.txt
    diff before.txt after.txt            # no output: detection unchanged

``--jobs N`` runs the texts in N processes (the output does not depend on N); ``--only
seed,icdar2017,icdar2019,bln600`` restricts the sets. The data folder is ``$EDITION_DATA``, else
``../shared/data`` beside the repository.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("EDITION_DATA", ROOT.parent / "shared" / "data"))
SETS = ("seed", "icdar2017", "icdar2019", "bln600")


def _icdar_ocr(path: Path) -> str:
    """The ``[OCR_toInput]`` line of an ICDAR file (what a tool is given; see benchmarks/_devset)."""
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    return first[len("[OCR_toInput] "):]


def _numbered(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.txt"), key=lambda p: int(p.stem))


def texts(only: tuple[str, ...] = SETS) -> list[tuple[str, Path]]:
    """(set, path) of every text of the chosen sets, in a fixed order."""
    out: list[tuple[str, Path]] = []
    if "seed" in only:
        out += [("seed", p) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    if "icdar2017" in only:
        for part in ("eng_monograph", "eng_periodical"):
            out += [("icdar2017", p) for p in _numbered(DATA / "icdar2017-eng" / part)]
    if "icdar2019" in only:
        out += [("icdar2019", p) for p in _numbered(DATA / "icdar2019-eng" / "EN1")]
    if "bln600" in only:
        out += [("bln600", p) for p in sorted((DATA / "bln600-train").glob("*.ocr.txt"))]
    return out


def read_text(kind: str, path: Path) -> str:
    if kind in ("icdar2017", "icdar2019"):
        return _icdar_ocr(path)
    return path.read_text(encoding="utf-8")


def serialize(proposals) -> str:
    """Every field of every proposal, as JSON lines (the kind by its value)."""
    lines = []
    for p in proposals:
        lines.append(json.dumps({
            "start": p.start, "end": p.end, "original": p.original, "readings": list(p.readings),
            "kind": p.kind.value, "confidence": p.confidence, "why": p.why, "detector": p.detector,
        }, ensure_ascii=False, sort_keys=True))
    return "\n".join(lines)


def digest_one(item: tuple[str, Path]) -> str:
    import edition

    kind, path = item
    proposals = edition.detect(read_text(kind, path))
    digest = hashlib.sha256(serialize(proposals).encode("utf-8")).hexdigest()
    name = path.relative_to(ROOT if kind == "seed" else DATA)
    return f"{digest}  {len(proposals):6d}  {name}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--only", default=",".join(SETS), help="comma-separated subset of " + ",".join(SETS))
    ap.add_argument("--keep-cache", action="store_true",
                    help="use the usual evidence cache instead of a fresh one")
    args = ap.parse_args(argv)
    only = tuple(s for s in args.only.split(",") if s)
    unknown = set(only) - set(SETS)
    if unknown:
        ap.error(f"unknown set(s): {', '.join(sorted(unknown))}")
    items = texts(only)
    missing = [s for s in only if s != "seed" and not any(k == s for k, _ in items)]
    if missing:
        print(f"detect_snapshot: no data for {', '.join(missing)} under {DATA}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="edition-cache-") as fresh:
        if not args.keep_cache:
            os.environ["EDITION_CACHE"] = fresh  # inherited by the worker processes
        if args.jobs > 1:
            with ProcessPoolExecutor(args.jobs) as pool:
                lines = list(pool.map(digest_one, items, chunksize=4))
        else:
            lines = [digest_one(item) for item in items]
    overall = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    for line in lines:
        print(line)
    print(f"{overall}  {sum(int(l.split()[1]) for l in lines):6d}  overall ({len(lines)} texts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
