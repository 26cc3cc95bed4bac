"""``edition apply``: write the corrected text."""
from __future__ import annotations

import argparse
import sys

from .. import workflow
from ..store.atomic import write_atomic
from ._common import (HelpFormatter, open_project, quiet_parent, refuse_overwriting_owned,
                      source_parent)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "apply", parents=[source_parent(), quiet_parent()], formatter_class=HelpFormatter,
        help="write SOURCE with its accepted and edited corrections applied",
        description="Apply the accepted and edited corrections of SOURCE's corrections file and\n"
                    "write the corrected text (to stdout, or to -o FILE). Pending proposals change\n"
                    "nothing unless --include-proposals is given (a preview of accepting them all).\n"
                    "Overlapping corrections stop it with both ids named; corrections that could\n"
                    "not be found in a changed source stop it unless --skip-stale.",
        epilog="example:\n  edition apply seeds/hoxha-memoirs-stalin-introduction.txt -o clean.txt\n"
               "  edition apply scan.txt --include-proposals | diff scan.txt -\n"
               "  edition apply book/ --format alto -o corrected/   (book/ holds ALTO pages)")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout "
                   "(with --format: the folder for the corrected OCR files)")
    p.add_argument("--format", choices=("text", "alto", "hocr", "page"), default="text",
                   help="text (default), or the OCR format of SOURCE: write the corrected OCR "
                        "files, only the changed words different")
    p.add_argument("--include-proposals", action="store_true",
                   help="also apply every pending proposal's best reading")
    p.add_argument("--skip-stale", action="store_true",
                   help="apply the rest when some corrections are stale (they are listed)")
    p.set_defaults(func=run_apply)


def run_apply(args: argparse.Namespace) -> int:
    refuse_overwriting_owned(args.output, args)
    project = open_project(args)
    text = workflow.corrected_text(project, args.include_proposals, args.skip_stale)
    if args.format != "text":
        return _write_ocr(args, project)
    if args.output:
        write_atomic(args.output, text)
        if not args.quiet:
            print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _write_ocr(args: argparse.Namespace, project) -> int:
    from ..errors import EditionError
    from ..formats import read_ocr, write_corrected
    if project.source.format != args.format:
        raise EditionError(f"{args.source} is {project.source.format}, not {args.format}: --format "
                           "writes the corrected OCR in the source's own format")
    if not args.output:
        raise EditionError("--format needs -o DIR: the folder for the corrected OCR files")
    written = write_corrected(read_ocr(args.source), project.corrections, args.output,
                              args.include_proposals)
    if not args.quiet:
        print(f"wrote {len(written)} {args.format} file{'s' if len(written) != 1 else ''} "
              f"into {args.output}", file=sys.stderr)
    return 0
