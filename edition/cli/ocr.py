"""``edition ocr``: page images in, Tesseract's ALTO / hOCR / PAGE XML out."""
from __future__ import annotations

import argparse
import sys

from ..formats.tesseract import run_ocr
from ._common import HelpFormatter, quiet_parent


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ocr", parents=[quiet_parent()], formatter_class=HelpFormatter,
        help="read page images with Tesseract into ALTO, hOCR or PAGE XML",
        description="Read page images with Tesseract (where it is installed) and write one OCR\n"
                    "file per image into DIR, beside which the review page finds the images.\n"
                    "The folder is then a source for detect, review and build, read in file-name\n"
                    "order as one document.",
        epilog="example:\n  edition ocr scans/*.png -o book/ --format alto\n"
               "  edition detect book/ && edition review book/ && edition build book/")
    p.add_argument("images", metavar="IMAGE", nargs="+", help="page images (PNG, JPEG, TIFF, ...)")
    p.add_argument("-o", "--output", metavar="DIR", default="ocr",
                   help="the folder for the OCR files (default: %(default)s)")
    p.add_argument("--format", choices=("alto", "hocr", "page"), default="alto",
                   help="the OCR format (default: %(default)s; PAGE needs Tesseract 5.4 or later)")
    p.add_argument("--lang", default="eng", help="Tesseract's language(s), e.g. eng+deu (default: %(default)s)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    written = run_ocr(args.images, args.output, args.format, args.lang)
    if not args.quiet:
        print(f"{len(written)} page{'s' if len(written) != 1 else ''} read into {args.output} "
              f"({args.format})", file=sys.stderr)
    return 0
