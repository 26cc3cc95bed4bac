"""``edition collate``: align witnesses word by word, write the collation."""
from __future__ import annotations

import argparse
import time

from ._common import HelpFormatter, quiet_parent, say

EXAMPLE = "scans/tesseract.txt scans/kraken.txt"


def register(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser(
        "collate", parents=[quiet_parent()], formatter_class=HelpFormatter,
        help="align transcriptions of the same text word by word (witnesses)",
        description="Align the witnesses (transcriptions of the same text: two OCR engines, one\n"
                    "engine at two settings, two printings) word by word against the first, the\n"
                    "base. Prints how far each agrees with the base and writes every place where\n"
                    "they differ, with each witness's reading, to OUT/BASE.collation.json; with\n"
                    "--html also OUT/BASE.collation.html, the witnesses side by side.\n"
                    "A witness is a plain text or an ALTO / hOCR / PAGE file or folder.",
        epilog=f"examples:\n  edition collate {EXAMPLE}\n"
               f"  edition collate {EXAMPLE} --sigla T,K --html --out build/")
    c.add_argument("witness", metavar="WITNESS", nargs="+",
                   help="the witnesses, the base first (two or more)")
    c.add_argument("--sigla", metavar="A,B,...",
                   help="the witnesses' sigla, comma-separated (default: A, B, C, ...)")
    c.add_argument("--encoding", default=None, help="encoding of the witnesses if not UTF-8")
    c.add_argument("--out", metavar="DIR", default="build",
                   help="the output folder (default: build/)")
    c.add_argument("--html", action="store_true", help="also write the side-by-side page")
    c.set_defaults(func=run_collate)


def run_collate(args: argparse.Namespace) -> int:
    from ..errors import EditionError
    from ..witnesses.collation import collate
    from ..witnesses.outputs import write_collation
    from ..witnesses.tokens import read_witnesses

    if len(args.witness) < 2:
        raise EditionError("collate needs two witnesses or more")
    started = time.perf_counter()
    sigla = [s.strip() for s in args.sigla.split(",")] if args.sigla else None
    collation = collate(read_witnesses(args.witness, sigla, args.encoding or "utf-8"))
    page = None
    if args.html:
        from ..publish.collation_page import collation_page
        page = collation_page(collation)
    files = write_collation(collation, args.out, html=page)
    for s in collation.summary():
        share = s.agreeing / max(1, len(collation.base.tokens))
        role = "base" if s.siglum == collation.base.siglum else (
            f"{share:.1%} of the base's tokens agree, {s.differing} variant(s)")
        say(args, f"{s.siglum}: {s.name} ({s.tokens} tokens): {role}")
    say(args, f"{len(collation.variants)} place(s) where the witnesses differ; "
              f"{time.perf_counter() - started:.1f} s")
    say(args, f"wrote {files.json}")
    if files.html:
        say(args, f"wrote {files.html}")
    return 0
