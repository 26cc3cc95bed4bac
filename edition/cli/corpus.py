"""Corpus runs on the command line: ``edition detect|status|build|verify DIR`` (or several
sources), and
``edition corpus`` for the corpus lexicon alone.

The single-document commands accept several SOURCE arguments or folders: their parser takes
``source_parent(many=True)`` and :func:`corpus_parent`, and their function is wrapped with
:func:`corpus_aware`, which sends one file to the single-document function as before and
anything else to :func:`run_corpus` (the library's :class:`~edition.corpus.run.CorpusRun`).
"""
from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..corpus.discover import DEFAULT_GLOB, discover, is_corpus
from ..corpus.executors import Limits
from ..errors import EditionError
from ._common import HelpFormatter, progress, quiet_parent, source_parent

if TYPE_CHECKING:
    from ..corpus.run import CorpusRun


def corpus_parent(incremental: bool = False) -> argparse.ArgumentParser:
    """The options of a corpus run (several sources or a folder)."""
    p = argparse.ArgumentParser(add_help=False)
    g = p.add_argument_group("corpus (several sources, or folders of them)")
    g.add_argument("--glob", default=DEFAULT_GLOB, metavar="PATTERN",
                   help=f"files to take from a folder, recursively (default: {DEFAULT_GLOB!r})")
    g.add_argument("-j", "--jobs", type=int, metavar="N",
                   help="worker processes (default: every core); results are the same for any N")
    g.add_argument("--scheduler", metavar="HOST:PORT",
                   help="run on a Dask cluster: the address of its scheduler, or 'local' to start "
                        "a LocalCluster of --jobs workers (needs edition[corpus])")
    g.add_argument("--time-limit", type=_limit(float), default=Limits.seconds, metavar="SECONDS",
                   help=f"stop a document that takes longer than this, and report it; the others "
                        f"go on (default {Limits.seconds:g}; 0: no limit)")
    g.add_argument("--memory-limit", type=_limit(int), default=Limits.memory_mib, metavar="MIB",
                   help=f"stop a document whose worker holds more memory of its own than this "
                        f"(MiB), and "
                        f"report it (default {Limits.memory_mib}; 0: no limit)")
    if incremental:
        g.add_argument("--force", action="store_true",
                       help="redo documents whose source and corrections did not change since "
                            "their last run (skipped by default)")
    return p


def _limit(kind: type) -> Callable[[str], float | int | None]:
    """An argparse type: a number above 0, or 0 for no limit (None)."""
    def parse(text: str) -> float | int | None:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value < 0:
            raise argparse.ArgumentTypeError(f"{text} is negative: give a limit, or 0 for none")
        return value or None
    return parse


def corpus_aware(command: str) -> Callable[[Callable[[argparse.Namespace], int]],
                                           Callable[[argparse.Namespace], int]]:
    """Wrap a single-document command function: one file goes to it, anything else is a corpus."""
    def wrap(single: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        @functools.wraps(single)
        def run(args: argparse.Namespace) -> int:
            if isinstance(args.source, list):
                if is_corpus(args.source):
                    return run_corpus(command, args)
                args.source = args.source[0]
            return single(args)
        return run
    return wrap


def _run(command: str, args: argparse.Namespace, *, entries: bool = False,
         options: dict | None = None) -> "CorpusRun":
    from ..corpus.executors import DaskExecutor, make_executor
    from ..corpus.run import CorpusRun

    if getattr(args, "corrections", None):
        raise EditionError("--corrections names the file of one source; in a corpus each source "
                           "keeps corrections/<stem>.yaml")
    sources = discover(args.source, args.glob)
    executor = make_executor(args.jobs, args.scheduler, Limits(args.time_limit, args.memory_limit))
    with executor:
        if isinstance(executor, DaskExecutor):
            Path("corrections").mkdir(exist_ok=True)
            executor.check_shared_paths([str(sources[0].resolve()), str(Path("corrections").resolve())])
        run = CorpusRun(command, sources, executor=executor, encoding=args.encoding,
                        rebase=getattr(args, "rebase", False), force=getattr(args, "force", False), entries=entries, options=options)
        for _ in progress(run.steps(), total=run.total_steps, desc=f"{command}: documents",
                          quiet=args.quiet, stage=lambda: run.stage):
            pass
    return run


def _finish(run: "CorpusRun", args: argparse.Namespace, lines: list[str]) -> int:
    from ..corpus import summary

    out = sys.stderr if getattr(args, "json", False) else sys.stdout
    if not args.quiet:
        print("\n".join(lines), file=out)
    for line in summary.failure_lines(run.report):
        print(f"edition: error: {line}", file=sys.stderr)
    return 1 if run.report.failed else 0


def run_corpus(command: str, args: argparse.Namespace) -> int:
    """A single-document command over a corpus (see :func:`corpus_aware`)."""
    from ..corpus import summary

    if command == "detect":
        run = _run("detect", args, entries=args.json)
        for entry in run.report.entries:
            print(json.dumps(entry, ensure_ascii=False))
        return _finish(run, args, summary.detect_summary(run.report))
    if command == "status":
        run = _run("status", args)
        if args.json:
            print(json.dumps({d.source: d.result.table for d in run.report.documents
                              if d.state == "done"}, indent=2))
        return _finish(run, args, summary.status_summary(run.report))
    if command in ("build", "verify"):
        from ..publish.build import DEFAULT_OUT

        options = {"out_dir": str(Path(args.out or DEFAULT_OUT).resolve()),
                   "validation": args.validator}
        run = _run(command, args, options=options)
        lines = (summary.build_summary if command == "build" else summary.verify_summary)(
            run.report, args.out or DEFAULT_OUT)
        return _finish(run, args, lines)
    raise EditionError(f"{command} does not run on a corpus")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "corpus", parents=[source_parent(corrections=False, many=True), corpus_parent(),
                           quiet_parent()],
        formatter_class=HelpFormatter,
        help="count the vocabulary of a corpus into its corpus lexicon",
        description="Count the words of every document of a corpus (the first pass of a corpus\n"
                    "detect) into the corpus lexicon, corrections/.corpus/lexicon.json, and show\n"
                    "its most frequent forms. A document counted before (same SHA-256) is not\n"
                    "counted again. `edition detect DIR` does this itself; run it alone to\n"
                    "inspect the corpus evidence the detectors will get.",
        epilog="example:\n  edition corpus scans/ --top 20\n"
               "  edition corpus scans/ --glob '*.ocr.txt' --scheduler local --jobs 4")
    p.add_argument("--top", type=int, default=10, metavar="N",
                   help="show the N most frequent forms (default 10)")
    p.set_defaults(func=run_lexicon)


def run_lexicon(args: argparse.Namespace) -> int:
    from ..corpus import summary

    run = _run("lexicon", args)
    lexicon = run.store.load_lexicon()
    return _finish(run, args, summary.lexicon_summary(run.report, lexicon.counts if lexicon else None,
                                                      args.top))
