"""Pieces every subcommand shares: the source arguments, --quiet, progress, output helpers."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples in descriptions and epilogs as written."""


def quiet_parent() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress or summary messages: only errors, warnings and the output asked for")
    return p


def source_parent(corrections: bool = True, many: bool = False, rebase: bool = False
                  ) -> argparse.ArgumentParser:
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
    p.add_argument("--encoding", default=None,
                   help="encoding of SOURCE if it is not UTF-8 (e.g. cp1252, latin-1); recorded in "
                        "the corrections file, so later commands need it no more (UTF-16 and "
                        "UTF-32 with a byte-order mark are recognized)")
    if corrections:
        p.add_argument("--corrections", metavar="FILE",
                       help="the corrections file (default: corrections/<source-stem>.yaml)")
    if corrections and rebase:
        p.add_argument("--rebase", action="store_true",
                       help="move the corrections file to this SOURCE on purpose (a new version of "
                            "its text, or another file): its entries are relocated, those not "
                            "found kept as stale; without it, the file of another text is refused")
    return p


def editor_parent() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--by", metavar="NAME",
                   help="who decides (default: $EDITION_EDITOR, else git's user.name)")
    return p


def editor_name(explicit: str | None) -> str:
    """The editor's name: --by, else $EDITION_EDITOR, else git's user.name (blank ones skipped;
    a name is one line: it is recorded in ``by`` and in the TEI's ``respStmt``)."""
    return editor_and_origin(explicit)[0]


def editor_and_origin(explicit: str | None) -> tuple[str, str]:
    """``(name, where it came from)``: see :func:`editor_name`."""
    for name, origin in ((explicit, "--by"), (os.environ.get("EDITION_EDITOR"), "$EDITION_EDITOR")):
        if name and name.strip():
            if any(ch in name for ch in "\r\n\t\x00"):
                from ..errors import EditionError
                raise EditionError(f"an editor's name is one line of text, got {name!r}")
            return name.strip(), origin
    try:
        name = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True,
                              timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    if not name:
        from ..errors import EditionError
        raise EditionError("who is deciding? pass --by NAME or set EDITION_EDITOR")
    return name, "git's user.name"


def report_editor(args: argparse.Namespace, name: str, origin: str, first_in_file: bool) -> None:
    """Say who the decisions are credited to when it might surprise: always when the name comes
    from git (it was not chosen for `edition`), else the first time it is recorded in a file."""
    if origin == "git's user.name":
        print(f"edition: decisions recorded as by: {name} (git's user.name); choose another name "
              "with --by NAME or EDITION_EDITOR=NAME", file=sys.stderr)
    elif first_in_file:
        say(args, f"decisions recorded as by: {name} (from {origin})")


def progress(items: Iterable[T], *, total: int | None = None, desc: str = "", quiet: bool = False,
             stage: Callable[[], str] | None = None) -> Iterator[T]:
    """A progress bar on stderr (hidden with --quiet or when stderr is not a terminal); with
    ``stage``, what it returns after each item is shown beside the count (``counting words
    (pass 1 of 2)``)."""
    from tqdm import tqdm

    bar = tqdm(items, total=total, desc=desc, disable=True if quiet else None, file=sys.stderr,
               unit="doc" if desc.endswith("documents") else "it", leave=False)
    for item in bar:
        if stage is not None:
            bar.set_postfix_str(stage(), refresh=False)
        yield item


def say(args: argparse.Namespace, message: str) -> None:
    """Print a human message on stdout unless --quiet."""
    if not getattr(args, "quiet", False):
        print(message)


def warn(message: str) -> None:
    print(f"edition: warning: {message}", file=sys.stderr)


def corrections_arg(args: argparse.Namespace) -> Path | None:
    return Path(args.corrections) if getattr(args, "corrections", None) else None


def open_project(args: argparse.Namespace, *, missing_ok: bool = False):  # -> workflow.Project
    """The source and corrections file the command line names (``--corrections``,
    ``--encoding``, ``--rebase``), with what reading them had to do reported on stderr."""
    from .. import workflow

    project = workflow.open_project(args.source, corrections_arg(args), encoding=args.encoding,
                                    missing_ok=missing_ok, rebase=getattr(args, "rebase", False))
    report_relocation(project, rebased=getattr(args, "rebase", False))
    return project


def report_relocation(project, rebased: bool = False) -> None:
    """Say what reading the corrections file had to do because the source changed."""
    cf = project.corrections
    if rebased and (cf.relocated or cf.newly_stale):
        warn(f"{cf.path} moved to {project.source.path}: {len(cf.relocated)} correction(s) "
             f"relocated, {len(cf.newly_stale)} not found (kept, marked stale)")
    elif cf.relocated or cf.newly_stale:
        warn(f"{project.source.path} changed since {cf.path} was written: "
             f"{len(cf.relocated)} correction(s) relocated")
    if cf.newly_stale:
        shown = ", ".join(cf.newly_stale[:10]) + (" ..." if len(cf.newly_stale) > 10 else "")
        warn(f"{len(cf.newly_stale)} correction(s) not found in the changed source (stale, not "
             f"applied): {shown}")


def refuse_overwriting_owned(output: str | None, args: argparse.Namespace) -> None:
    """Stop ``-o FILE`` where FILE is the source, its corrections file, the lexicon or another file
    the project owns (see :mod:`edition.project_files`): an output is regenerated at will, those
    hold the text and the editors' work."""
    if output:
        from ..project_files import refuse_overwriting
        refuse_overwriting([output], args.source, corrections_arg(args), where="-o")
