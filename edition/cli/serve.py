"""``edition review``: decide proposals in the browser (a local page; see :mod:`edition.server`);
a folder or several sources open the corpus page."""
from __future__ import annotations

import argparse

from ..errors import EditionError
from ..corpus.discover import is_corpus
from ._common import HelpFormatter, corrections_arg, editor_name, quiet_parent, source_parent
from .corpus_review import glob_option, run_review_corpus


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review", parents=[source_parent(many=True), quiet_parent()], formatter_class=HelpFormatter,
        help="review proposals in the browser: a local page, keyboard first",
        description="Start the review page for SOURCE: a web server on this machine only\n"
                    "(127.0.0.1), with a secret address that changes each run. The page shows the\n"
                    "text with every proposal highlighted, a queue, and the current proposal in its\n"
                    "context; decide with the keyboard (a accept, r reject, 1-9 pick a reading,\n"
                    "e edit, u unclear, z undo; every key is shown on the page). Every decision is\n"
                    "saved at once to the corrections file, with your name and the time; if the file\n"
                    "changes meanwhile (another tab, a command, a git pull) nothing is overwritten\n"
                    "and the page shows the change. An ALTO, hOCR or PAGE source with its page\n"
                    "images shows the scan of each proposal's words and line (i zooms). Stop with\n"
                    "Ctrl-C.\n\n"
                    "With a folder (or several sources): the corpus page. The proposals of every\n"
                    "document grouped by pattern (tbe → the: 1,234 in 310 documents), most\n"
                    "corrections per decision first; open one to see its instances in context,\n"
                    "and accept, reject or mark unclear all of them or those ticked, with a\n"
                    "progress bar; progress per pattern and per document.",
        epilog="examples:\n  edition review seeds/hoxha-memoirs-stalin-introduction.txt\n"
               "  edition review scan.txt --corrections review/scan.yaml --port 8765 --no-browser\n"
               "  edition review book/          # a folder of ALTO pages and their images\n"
               "  edition review scans/         # a corpus: every *.txt below scans/")
    p.add_argument("--port", type=int, default=None,
                   help="port to listen on (default: 8765, or a free one if it is taken; "
                        "0: always a free one)")
    p.add_argument("--no-browser", action="store_true",
                   help="print the address but do not open a browser")
    glob_option(p)
    p.set_defaults(func=run_review)


def run_review(args: argparse.Namespace) -> int:
    from ..server import serve  # Flask is imported only when the page is wanted

    if args.port is not None and not 0 <= args.port <= 65535:
        raise EditionError(f"--port {args.port} is not a port number (1-65535, or 0 for a free one)")
    try:  # offered on the page the first time it asks who is reviewing
        editor = editor_name(None)
    except EditionError:
        editor = None
    if is_corpus(args.source):
        return run_review_corpus(args, editor)
    serve(args.source[0], corrections_arg(args), encoding=args.encoding, port=args.port,
          open_browser=not args.no_browser, quiet=args.quiet, editor=editor)
    return 0
