"""The ``edition`` command line: a thin layer over the library.

Each command group is a module of this package with a ``register(subparsers)`` function that
adds its subcommands; each subcommand sets ``func`` to a function ``(args) -> int``. The
function parses nothing and decides nothing itself: it calls the library and reports.

Exit codes: 0 success, 1 a user error (one line on stderr, no traceback), 2 bad usage.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from ..errors import EditionError
from ._common import HelpFormatter

#: Command modules, in the order their commands appear in ``edition --help``.
COMMAND_MODULES = [
    "ocr",
    "detect",
    "review",
    "corpus_review",
    "apply",
    "evaluate",
    "build",
    "collate",
    "serve",
    "corpus",
    "cache",
]

#: The module that registers each command. ``edition COMMAND ...`` imports that module alone,
#: not the ten others (their imports and subparsers cost a cold `edition detect` on the seed
#: 0.017 s CPU, median of seven, 2026-12-05); ``edition --help``, a
#: mistyped command and anything else build the whole parser. ``tests/test_cli_commands.py``
#: checks it against what the modules register.
COMMANDS = {
    "ocr": "ocr",
    "detect": "detect", "status": "detect",
    "accept": "review", "reject": "review", "edit": "review", "flag": "review",
    "reopen": "review", "redo": "review", "add": "review", "lexicon": "review",
    "list": "corpus_review", "export": "corpus_review", "import": "corpus_review",
    "apply": "apply",
    "evaluate": "evaluate",
    "build": "build", "verify": "build", "diff": "build",
    "collate": "collate",
    "review": "serve",
    "corpus": "corpus",
    "cache": "cache",
}

DESCRIPTION = """\
edition — turn an OCR transcription into a reviewed, auditable critical edition.

The workflow:
  edition ocr scans/*.png -o text/       page images -> ALTO (or hOCR, PAGE XML) with Tesseract
  edition detect seeds/text.txt          propose corrections into corrections/text.yaml
  edition status seeds/text.txt          what is pending, accepted, rejected, per kind
  edition review seeds/text.txt          decide them in the browser (or on the command line:)
  edition accept seeds/text.txt --min-confidence 0.95   decide (also: reject, edit, add, flag)
  edition apply seeds/text.txt -o clean.txt             the corrected reading text
  edition build seeds/text.txt           TEI, reading text, diff, audit, reading view -> build/
  edition verify seeds/text.txt          the edition = source + decisions, nothing else
"""


class _Version(argparse.Action):
    """``--version``: the installed package's version (looked up only when asked: the package
    metadata costs a command's start-up time)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:  # type: ignore[no-untyped-def]
        from importlib.metadata import PackageNotFoundError, version
        try:
            ver = version("edition")
        except PackageNotFoundError:
            ver = "unknown"
        parser.exit(message=f"edition {ver}\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: with ``command`` (a word of :data:`COMMANDS`), only that
    command's module is imported and registered; else every command's."""
    parser = argparse.ArgumentParser(prog="edition", description=DESCRIPTION,
                                     formatter_class=HelpFormatter)
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in [COMMANDS[command]] if command in COMMANDS else COMMAND_MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{name}":
                continue  # a command group not built yet
            raise
        module.register(sub)
    return parser


def parse(parser: argparse.ArgumentParser, argv: list[str] | None = None) -> argparse.Namespace:
    """The command line's arguments, options and positionals in any order: `accept SOURCE --by
    NAME ID` as `accept SOURCE ID --by NAME` (argparse alone takes the ids before the first
    option only, and calls the others "unrecognized arguments")."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args, extra = parser.parse_known_args(argv)
    if not extra:
        return args
    command = args.command
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    rest = argv[argv.index(command) + 1:]
    args = commands.choices[command].parse_intermixed_args(rest)
    args.command = command
    return args


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv[0] if argv else None)
    args = parse(parser, argv)
    try:
        return int(args.func(args) or 0)
    except EditionError as exc:
        print(f"edition: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("edition: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a folder that is a file, a read-only folder, a full disk, ...
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"edition: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
