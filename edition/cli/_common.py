"""Pieces every subcommand shares: the source arguments, --quiet, progress, output helpers."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Iterable, Iterator, TypeVar

from tqdm import tqdm

T = TypeVar("T")


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples in descriptions and epilogs as written."""


def quiet_parent() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress or summary messages: only errors, warnings and the output asked for")
    return p


def source_parent(corrections: bool = True, many: bool = False) -> argparse.ArgumentParser:
    """SOURCE plus the options that locate and decode it and its corrections file.

    With ``many``, SOURCE is one or more files or folders (``args.source`` is a list): a command
    that takes them runs over a corpus (see :mod:`edition.cli.corpus`)."""
    p = argparse.ArgumentParser(add_help=False)
    if many:
        p.add_argument("source", metavar="SOURCE", nargs="+",
                       help="the OCR text (UTF-8 plain text, or ALTO / hOCR / PAGE XML: a file, or a "
                            "folder of page files); several, or folders of them, for a corpus")
    else:
        p.add_argument("source", metavar="SOURCE", help="the OCR text (UTF-8 plain text, or ALTO / "
                       "hOCR / PAGE XML: a file, or a folder of page files)")
    p.add_argument("--encoding", default="utf-8",
                   help="encoding of SOURCE if it is not UTF-8 (e.g. cp1252, latin-1)")
    if corrections:
        p.add_argument("--corrections", metavar="FILE",
                       help="the corrections file (default: corrections/<source-stem>.yaml)")
    return p


def editor_parent() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--by", metavar="NAME",
                   help="who decides (default: $EDITION_EDITOR, else git's user.name)")
    return p


def editor_name(explicit: str | None) -> str:
    """The editor's name: --by, else $EDITION_EDITOR, else git's user.name (blank ones skipped;
    a name is one line: it is recorded in ``by`` and in the TEI's ``respStmt``)."""
    for name in (explicit, os.environ.get("EDITION_EDITOR")):
        if name and name.strip():
            if any(ch in name for ch in "\r\n\t\x00"):
                from ..errors import EditionError
                raise EditionError(f"an editor's name is one line of text, got {name!r}")
            return name.strip()
    try:
        name = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True,
                              timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    if not name:
        from ..errors import EditionError
        raise EditionError("who is deciding? pass --by NAME or set EDITION_EDITOR")
    return name


def progress(items: Iterable[T], *, total: int | None = None, desc: str = "", quiet: bool = False
             ) -> Iterator[T]:
    """A progress bar on stderr (hidden with --quiet or when stderr is not a terminal)."""
    yield from tqdm(items, total=total, desc=desc, disable=True if quiet else None, file=sys.stderr,
                    unit="doc" if desc.endswith("documents") else "it", leave=False)


def say(args: argparse.Namespace, message: str) -> None:
    """Print a human message on stdout unless --quiet."""
    if not getattr(args, "quiet", False):
        print(message)


def warn(message: str) -> None:
    print(f"edition: warning: {message}", file=sys.stderr)


def corrections_arg(args: argparse.Namespace) -> Path | None:
    return Path(args.corrections) if getattr(args, "corrections", None) else None


def refuse_overwriting_source(output: str | None, source: str | Path) -> None:
    """Stop ``-o SOURCE``: the source is the record every decision points into; writing the
    corrected text over it would lose the OCR reading and make every decision stale."""
    if output and Path(output).resolve() == Path(source).resolve():
        from ..errors import EditionError
        raise EditionError(f"-o {output} is the source itself; write the corrected text elsewhere "
                           "(the source stays as it is: the edition is built from it)")
