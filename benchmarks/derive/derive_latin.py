"""Derive the table of Latin word forms shipped in the package: ``edition/detection/data/latin_forms.bin``.

Usage::

    pip install simplemma          # at derivation only: the package does not need it to run
    python benchmarks/derive/derive_latin.py [--check]

wordfreq ships no Latin list, so a Latin page or quotation in old print looked like garbled
English to the unclear detector (ICDAR 2019's file 9, a Latin page: ``pugnaturus``,
``unumquemque`` flagged at 0.90-0.97). simplemma (MIT licence) ships a Latin lemmatizer's
dictionary of 1.29 million inflected forms. This script keeps the forms of
:data:`edition.detection.evidence.latin.MIN_LETTERS` letters or more, made of letters only,
that are not common English (Zipf below :data:`edition.detection.evidence.latin.ENGLISH_TOO`:
``have``, ``time`` are in simplemma's list too), and writes the sorted CRC-32 of each
(:func:`edition.detection.evidence.latin.form_key`) as 4-byte little-endian integers: a set
that answers "is this a Latin form?" in a binary search, about 4 MB, read in milliseconds
(the forms themselves would take seconds to load). Two forms share a CRC-32 about once in
4,000 look-ups of a non-Latin form (1.1M of 2^32); a passage needs several forms
(:func:`edition.detection.evidence.latin.latin_neighbours`), so a false match alone decides
nothing. ``--check`` exits 1 when the shipped table differs from what the installed simplemma gives.
"""
from __future__ import annotations

import argparse
import sys
from array import array
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: edition
from edition.detection.evidence import latin, lexicon  # noqa: E402


def latin_forms() -> list[str]:
    """simplemma's Latin forms kept for the table (see the module docstring)."""
    from simplemma.strategies.dictionaries.dictionary_factory import _load_dictionary_from_disk

    out = set()
    for raw in _load_dictionary_from_disk("la"):
        form = latin.normal(raw.decode("utf-8"))
        if len(form) >= latin.MIN_LETTERS and form.isalpha() and form.isascii() \
                and lexicon.zipf(form) < latin.ENGLISH_TOO:
            out.add(form)
    return sorted(out)


def derive() -> bytes:
    keys = array("I", sorted({latin.form_key(f) for f in latin_forms()}))
    if sys.byteorder != "little":
        keys.byteswap()
    return keys.tobytes()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the shipped table instead of writing it")
    args = ap.parse_args()
    data = derive()
    if args.check:
        same = latin.TABLE.exists() and latin.TABLE.read_bytes() == data
        print(f"latin_forms.bin: {'up to date' if same else 'STALE'}")
        return 0 if same else 1
    latin.TABLE.write_bytes(data)
    print(f"{latin.TABLE}: {len(data) // 4:,} forms, {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
