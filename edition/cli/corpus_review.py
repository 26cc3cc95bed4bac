"""Reviewing many documents from the command line: ``edition list``, ``export``, ``import``,
and the folder forms of ``edition accept|reject|edit|flag|reopen|redo DIR`` and
``edition review DIR`` (see :mod:`edition.corpus_review`)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..corpus.discover import DEFAULT_GLOB, discover, is_corpus
from ..errors import EditionError
from ..model import Kind
from ._common import (HelpFormatter, corrections_arg, editor_and_origin, editor_parent,
                      quiet_parent, report_editor, say, warn)

if TYPE_CHECKING:
    from ..corpus_review.batch import BatchReport, DocumentOutcome
    from ..corpus_review.documents import Document
    from ..corpus_review.index import CorpusIndex

FOLDER = "scans/"


def confidence(value: str) -> float:
    """A confidence for --min-confidence: a number from 0 to 1 (else bad usage, exit 2)."""
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= x <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1")
    return x


def glob_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--glob", default=DEFAULT_GLOB, metavar="PATTERN",
                   help=f"with a folder: the files to take from it, recursively (default: "
                        f"{DEFAULT_GLOB!r})")


def jobs_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("-j", "--jobs", type=int, metavar="N", default=1,
                   help="worker processes deciding documents at once (default 1; each file is "
                        "still read, decided and written whole, atomically)")


def is_folder_source(source: str) -> bool:
    """True when SOURCE is a folder of sources (a corpus), not one source."""
    return is_corpus([source])


def the_documents(args: argparse.Namespace, sources: list[str]) -> list["Document"]:
    """The documents SOURCE|DIR... name: one source (with its --corrections FILE), or every
    source of the folders and files given (each with corrections/<stem>.yaml)."""
    from ..corpus_review.documents import Document, documents, shown
    from ..store import default_corrections_path

    if not is_corpus(sources):
        source = Path(sources[0])
        if not source.exists():
            raise EditionError(f"{source}: no such file or folder")
        cpath = corrections_arg(args) or default_corrections_path(source)
        return [Document(shown(source), source, cpath)]
    if getattr(args, "corrections", None):
        raise EditionError("--corrections names the file of one source; in a corpus each source "
                           "keeps corrections/<stem>.yaml")
    return documents(discover(sources, args.glob))


def read_index(docs: list["Document"], quiet: bool) -> "CorpusIndex":
    """The index of ``docs``, read with a progress bar (a corpus seen before reads only the
    documents whose files changed)."""
    from ..corpus_review.index import CorpusIndex

    from tqdm import tqdm

    index = CorpusIndex(docs)
    with tqdm(total=len(docs), desc="reading corrections files", unit="doc", leave=False,
              file=sys.stderr, disable=True if quiet else None) as bar:
        index.refresh(progress=lambda n: bar.update(n - bar.n))
    for i, why in sorted(index.problems.items()):
        warn(f"{docs[i].name}: cannot be read ({why}); left out")
    return index


# --------------------------------------------------------------------------- deciding


_VERBS = {"accept": "accepted", "reject": "rejected", "edit": "edited", "flag": "flagged",
          "reopen": "reopened", "redo": "restored"}


def _may_match(summary, sel, decided: bool) -> bool:
    """Whether a document's summary has an entry the selection may take (a superset: the
    readings are checked in the document itself)."""
    from ..corpus_review.index import STALE

    kind = None if sel.kind is None else list(Kind).index(Kind(sel.kind))
    for j in range(len(summary)):
        state = summary.states[j]
        if state & STALE or bool(state) != decided:
            continue
        if sel.original is not None and summary.originals[j] != sel.original:
            continue
        if kind is not None and summary.kinds[j] != kind:
            continue
        if sel.min_confidence is not None and summary.confidences[j] < sel.min_confidence:
            continue
        return True
    return False


def run_decide_corpus(args: argparse.Namespace) -> int:
    """``edition accept|reject|... DIR`` with filters: every document of the folder."""
    from ..corpus_review.batch import DocumentDecision
    from ..review import Selection

    if args.ids:
        raise EditionError("ids name entries of one document; in a folder, choose them with "
                           "--original, --reading, --kind or --min-confidence")
    if getattr(args, "corrections", None):
        raise EditionError("--corrections names the file of one source; in a folder each source "
                           "keeps corrections/<stem>.yaml")
    action = args.action
    by, origin = editor_and_origin(args.by) if action not in ("reopen", "redo") else ("", "")
    reading = getattr(args, "reading", None)
    sel = Selection(original=args.original, reading=reading if action == "accept" else None,
                    kind=Kind(args.kind) if args.kind else None,
                    min_confidence=args.min_confidence, decided=action == "reopen")
    if sel.empty:
        raise EditionError("say which corrections: --original/--reading/--kind/--min-confidence")
    if action == "edit" and reading is None:
        raise EditionError("edit needs --reading TEXT")
    docs = the_documents(args, [args.source])
    index = read_index(docs, args.quiet)
    due = [i for i in range(len(docs)) if i not in index.problems
           and _may_match(index.summaries[i], sel, action == "reopen")]
    tasks = [DocumentDecision(docs[i], action, by, selection=sel, reading=reading,
                              note=getattr(args, "note", None),
                              kind=Kind(args.set_kind) if getattr(args, "set_kind", None) else None)
             for i in due]
    report = _run_batch(tasks, args, desc=f"{action}: documents")
    verb = _VERBS[action]
    what = f"{args.original!r}" if args.original is not None else "the selection"
    if reading is not None:
        what += f" → {reading!r}"
    if not report.decided and not report.refused and not report.failed:
        say(args, f"nothing to do: no pending correction in {len(docs):,} document(s) matches "
                  f"(nothing {verb})")
        return 0
    say(args, f"{report.summary(verb)} ({what}; {len(docs):,} document(s) in "
              f"{args.source})")
    if by:
        report_editor(args, by, origin, False)
    return _report_problems(report)


def _run_batch(tasks, args: argparse.Namespace, desc: str) -> "BatchReport":
    """Decide ``tasks`` with a progress bar of documents, on ``--jobs`` worker processes."""
    from tqdm import tqdm

    from ..corpus.executors import make_executor
    from ..corpus_review.batch import decide_across

    with tqdm(total=len(tasks), desc=desc, unit="doc", leave=False, file=sys.stderr,
              disable=True if args.quiet else None) as bar:
        def step(outcome: "DocumentOutcome") -> None:
            bar.update(1)

        jobs = getattr(args, "jobs", 1) or 1
        if jobs > 1 and len(tasks) > 1:
            with make_executor(jobs) as executor:
                return decide_across(tasks, map=executor.imap_unordered, progress=step)
        return decide_across(tasks, progress=step)


def _report_problems(report: "BatchReport") -> int:
    for r in report.refused[:50]:
        print(f"edition: refused: {r.document} {r.id}: {r.reason}", file=sys.stderr)
    if len(report.refused) > 50:
        print(f"edition: refused: ... and {len(report.refused) - 50} more", file=sys.stderr)
    for o in report.failed:
        print(f"edition: error: {o.document.name}: {o.failed}", file=sys.stderr)
    return 1 if report.refused or report.failed else 0


# --------------------------------------------------------------------------- list, export


def _filter_args(p: argparse.ArgumentParser) -> None:
    from ..corpus_review.listing import STATUS_CHOICES
    g = p.add_argument_group("which entries (all that are given must hold)")
    g.add_argument("--status", choices=STATUS_CHOICES, default="all",
                   help="pending (not decided, not stale), decided, stale, a status, or all "
                        "(default)")
    g.add_argument("--kind", choices=[k.value for k in Kind], help="only this kind")
    g.add_argument("--min-confidence", type=confidence, metavar="X", help="confidence >= X")
    g.add_argument("--max-confidence", type=confidence, metavar="X", help="confidence <= X")
    g.add_argument("--original", metavar="TEXT", help="only corrections of this original text")
    g.add_argument("--reading", metavar="TEXT",
                   help="only corrections suggesting (or decided with) this reading")
    g.add_argument("--search", metavar="TEXT",
                   help="TEXT in the original, the readings, the context, the evidence or the "
                        "note (in any case, unless TEXT has a capital)")


def _where(args: argparse.Namespace):
    from ..corpus_review.listing import EntryFilter

    return EntryFilter(status=args.status, kind=Kind(args.kind) if args.kind else None,
                       min_confidence=args.min_confidence, max_confidence=args.max_confidence,
                       original=args.original, reading=args.reading, search=args.search)


def _sources_parent() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("source", metavar="SOURCE", nargs="+",
                   help="a source (plain text, or an ALTO / hOCR / PAGE file or folder), or "
                        "folders of sources: a corpus")
    p.add_argument("--corrections", metavar="FILE",
                   help="with one SOURCE: its corrections file (default: "
                        "corrections/<source-stem>.yaml)")
    glob_option(p)
    return p


def _listed(args: argparse.Namespace, docs: list["Document"]) -> Iterator:
    from ..corpus_review.listing import listed

    index = read_index(docs, args.quiet) if len(docs) > 1 else None

    def failed(doc: "Document", why: str) -> None:
        warn(f"{doc.name}: cannot be read ({why}); left out")
        args._failed = True

    return listed(docs, _where(args), index=index, failed=failed)


def run_list(args: argparse.Namespace) -> int:
    from ..corpus_review.listing import record, table_lines
    from ..corpus_review.spreadsheet import write_csv

    docs = the_documents(args, args.source)
    args._failed = False
    items = _listed(args, docs)
    out = sys.stdout
    if args.format == "csv":
        write_csv(items, out, bom=False)
    elif args.format == "json":
        out.write("[")
        for n, item in enumerate(items):
            out.write(("," if n else "") + "\n" + json.dumps(record(item), ensure_ascii=False))
        out.write("\n]\n")
    else:
        count = 0
        documents_seen = set()

        def counted(it):
            nonlocal count
            for x in it:
                count += 1
                documents_seen.add(x.document)
                yield x

        for line in table_lines(counted(items), documents=len(docs) > 1):
            print(line)
        say(args, f"{count:,} entr{'y' if count == 1 else 'ies'} in "
                  f"{len(documents_seen):,} of {len(docs):,} document(s)")
    return 1 if args._failed else 0


def run_export(args: argparse.Namespace) -> int:
    from ..corpus_review.spreadsheet import export_csv
    from ..project_files import refuse_overwriting

    docs = the_documents(args, args.source)
    out = Path(args.output)
    for doc in docs[:1]:
        refuse_overwriting([out], doc.source, doc.corrections, where="-o")
    if any(out.resolve() == d.source.resolve() for d in docs):
        raise EditionError(f"-o: {out} is a source of this corpus, which an output never "
                           "overwrites; write the output elsewhere")
    args._failed = False
    n = export_csv(_listed(args, docs), out)
    say(args, f"{n:,} entr{'y' if n == 1 else 'ies'} of {len(docs):,} document(s) written to "
              f"{out}: fill in the decision column (accept, reject, edit with a reading, flag, "
              f"reopen), save as CSV, then `edition import {out}`")
    return 1 if args._failed else 0


def run_import(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from ..corpus.executors import make_executor
    from ..corpus_review.spreadsheet import import_csv

    by, origin = editor_and_origin(args.by)
    with tqdm(desc="import: documents", unit="doc", leave=False, file=sys.stderr,
              disable=True if args.quiet else None) as bar:
        def step(outcome) -> None:
            bar.update(1)

        if args.jobs and args.jobs > 1:
            with make_executor(args.jobs) as executor:
                report = import_csv(args.file, by=by, corrections=args.corrections,
                                    map=executor.imap_unordered, progress=step)
        else:
            report = import_csv(args.file, by=by, corrections=args.corrections, progress=step)
    batch = report.batch
    say(args, f"{report.rows:,} row(s) read, {report.decisions:,} with a decision: "
              f"{batch.summary('decided')}")
    for r in report.refused:
        print(f"edition: refused: {r.document} {r.id}: {r.reason}", file=sys.stderr)
    if batch.decided:
        report_editor(args, by, origin, False)
    return 1 if _report_problems(batch) or report.refused else 0


# --------------------------------------------------------------------------- review


def run_review_corpus(args: argparse.Namespace, editor: str | None) -> int:
    """``edition review DIR|SOURCES...``: the corpus page."""
    from ..server.run import serve_corpus

    docs = the_documents(args, args.source)
    index = read_index(docs, args.quiet)
    serve_corpus(docs, index=index, port=args.port, open_browser=not args.no_browser,
                 quiet=args.quiet, editor=editor)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    lst = sub.add_parser(
        "list", parents=[_sources_parent(), quiet_parent()], formatter_class=HelpFormatter,
        help="list corrections of a source or a corpus, filtered, as a table, CSV or JSON",
        description="List the entries of SOURCE's corrections file, or of every source of a\n"
                    "folder, that pass the filters: a table for reading, CSV (the columns of\n"
                    "`edition export`) or JSON (every field, and the entry's revision) for\n"
                    "scripts.",
        epilog="examples:\n  edition list seeds/hoxha-memoirs-stalin-introduction.txt --status pending\n"
               f"  edition list {FOLDER} --original tbe --format json\n"
               f"  edition list {FOLDER} --kind realword --max-confidence 0.6 --search Stalin")
    _filter_args(lst)
    lst.add_argument("--format", choices=("table", "csv", "json"), default="table",
                     help="table (default), csv or json")
    lst.set_defaults(func=run_list)

    exp = sub.add_parser(
        "export", parents=[_sources_parent(), quiet_parent()], formatter_class=HelpFormatter,
        help="write corrections to a CSV spreadsheet to decide in LibreOffice or Excel",
        description="Write one row per entry (those that pass the filters) to a CSV file that\n"
                    "LibreOffice and Excel open as it is (UTF-8 with a byte-order mark, quoted\n"
                    "cells, no cell taken for a formula): document, id, context (the form marked\n"
                    "⟦like this⟧), original, readings, confidence, status, kind, evidence, the\n"
                    "current decision, the entry's revision, and three columns to fill in:\n"
                    "decision (accept, reject, edit, flag, reopen), reading, note. Then\n"
                    "`edition import FILE` applies them.",
        epilog=f"examples:\n  edition export {FOLDER} --status pending -o review.csv\n"
               "  edition export seeds/hoxha-memoirs-stalin-introduction.txt -o seed.csv")
    _filter_args(exp)
    exp.add_argument("-o", "--output", required=True, metavar="FILE", help="the CSV file to write")
    exp.set_defaults(func=run_export)

    imp = sub.add_parser(
        "import", parents=[editor_parent(), quiet_parent()], formatter_class=HelpFormatter,
        help="apply the decisions filled in a spreadsheet of `edition export`",
        description="Apply the decision column of a spreadsheet written by `edition export` (saved\n"
                    "as CSV: UTF-8, with commas, semicolons or tabs). A row's entry must be as it\n"
                    "was exported: one that changed since (on the review page, by a command, from\n"
                    "another spreadsheet) is refused and reported, and every other row is applied;\n"
                    "a row already applied counts as done. Exit code 1 when a row was refused.",
        epilog="example:\n  edition import review.csv --by 'Ana Editor'")
    imp.add_argument("file", metavar="FILE", help="the filled-in CSV file")
    imp.add_argument("--corrections", metavar="FILE",
                     help="the corrections file, when the spreadsheet is of one source exported "
                          "with --corrections")
    jobs_option(imp)
    imp.set_defaults(func=run_import)
