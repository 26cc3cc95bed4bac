"""``edition detect`` and ``edition status``."""
from __future__ import annotations

import argparse
import json
import sys
import threading
from contextlib import contextmanager
from typing import Callable, Iterator

from ..model import Status
from ._common import HelpFormatter, open_project, quiet_parent, say, source_parent, warn
from .corpus import corpus_aware, corpus_parent


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "detect", parents=[source_parent(many=True, rebase=True), corpus_parent(incremental=True), quiet_parent()],
        formatter_class=HelpFormatter,
        help="propose corrections for OCR artifacts in SOURCE",
        description="Run every detector on SOURCE and merge the new proposals into its corrections\n"
                    "file. Decisions and hand edits already in the file are never changed: only new\n"
                    "proposals are added. If SOURCE changed since the file was written, every\n"
                    "correction is first relocated by its text and context; those that cannot be\n"
                    "found are marked stale and reported.",
        epilog="example:\n  edition detect seeds/hoxha-memoirs-stalin-introduction.txt\n"
               "  edition detect scan.txt --corrections review/scan.yaml --json > proposals.jsonl\n"
               "  edition detect scans/ --jobs 4          # a corpus: every *.txt below scans/\n"
               "  edition detect tesseract.txt --witness kraken.txt   # propose where they differ")
    p.add_argument("--json", action="store_true",
                   help="also print one JSON object per proposal of this run on stdout")
    p.add_argument("--witness", metavar="OTHER", action="append", default=[],
                   help="another transcription of the same text (a text, or ALTO / hOCR / PAGE; "
                        "repeatable): where it reads a known word that fits the context and SOURCE "
                        "does not, its reading is proposed (one SOURCE only)")
    p.set_defaults(func=detect_command)

    s = sub.add_parser(
        "status", parents=[source_parent(many=True), corpus_parent(), quiet_parent()],
        formatter_class=HelpFormatter,
        help="summarize the corrections of SOURCE per kind and status",
        description="Count the entries of SOURCE's corrections file per kind: proposed, accepted,\n"
                    "edited, rejected, flagged (and stale, if the source changed).",
        epilog="example:\n  edition status seeds/hoxha-memoirs-stalin-introduction.txt\n"
               "  edition status scans/                   # a corpus: totals over its documents")
    s.add_argument("--json", action="store_true", help="print the table as JSON")
    s.set_defaults(func=run_status)


def detect_command(args: argparse.Namespace) -> int:
    """``--witness`` belongs to one text: refused with a corpus."""
    from ..errors import EditionError
    from .corpus import is_corpus

    if args.witness and is_corpus(args.source):
        raise EditionError("--witness names other transcriptions of one SOURCE; a corpus has many")
    return run_detect(args)


@corpus_aware("detect")
def run_detect(args: argparse.Namespace) -> int:
    from .. import workflow
    from ..detection.runner import available_detectors

    from ..witnesses.tokens import read_witnesses, default_sigla

    project = open_project(args, missing_ok=True)
    learn_decisions(project.corrections.path.parent)
    witnesses = read_witnesses(args.witness, default_sigla(len(args.witness) + 1)[1:],
                               args.encoding) if args.witness else []
    if args.quiet or not sys.stderr.isatty():
        # no bar to show (tqdm's own rule for disable=None): tqdm is not even imported, 0.03 s
        # of a cold start on the seed
        report = workflow.detect_into(project, witnesses=witnesses)
    else:
        with detector_bar([d.name for d in available_detectors()]) as step:
            report = workflow.detect_into(project, progress=step, witnesses=witnesses)
    if args.json:
        added = set(report.added)
        for c in project.corrections:
            if c.id in added:
                print(json.dumps({"id": c.id, "start": c.start, "end": c.end, "original": c.original,
                                  "reading": c.best_reading, "readings": list(c.readings),
                                  "kind": c.kind.value, "confidence": c.confidence, "why": c.why,
                                  "status": c.status.value}, ensure_ascii=False))
        sys.stdout.flush()
    pending = sum(1 for c in project.corrections if c.status is Status.PROPOSED and not c.stale)
    msg = (f"{len(report.added)} new proposal(s) written to {project.corrections.path} "
           f"({report.already_present} already there, {report.overlapping} overlapping an existing "
           f"entry skipped); {pending} pending in all")
    if args.json:
        if not args.quiet:
            print(msg, file=sys.stderr)
    else:
        say(args, msg)
    return 0


#: Seconds between two redraws of the detectors' bar while one detector works: its clock
#: ticks (the word engine takes most of a book's minute, and a still bar looks hung).
BAR_TICK = 1.0


@contextmanager
def detector_bar(names: list[str]) -> Iterator[Callable[[str], None]]:
    """A bar on stderr of the detectors run one after the other, ``names`` in their order: it
    names the detector at work and its clock goes on while that one works. Yields the callback
    that :func:`edition.workflow.detect_into` calls with each detector's name as it finishes."""
    from tqdm import tqdm

    # no rate and no time left: the detectors' times differ a hundredfold (the first to ask for
    # the word engine's readings does its analysis for all)
    with tqdm(total=len(names), desc="detecting", leave=False, file=sys.stderr,
              bar_format="{desc}: {bar:30} {n_fmt}/{total_fmt} detectors, {elapsed}{postfix}",
              postfix=names[0] if names else None) as bar:
        stop = threading.Event()

        def tick() -> None:
            while not stop.wait(BAR_TICK):
                bar.refresh()

        def finished(name: str) -> None:
            after = names.index(name) + 1 if name in names else bar.n + 1
            bar.set_postfix_str(names[after] if after < len(names) else "", refresh=False)
            bar.update(1)

        ticker = threading.Thread(target=tick, name="detector-bar", daemon=True)
        ticker.start()
        try:
            yield finished
        finally:
            stop.set()
            ticker.join()


def learn_decisions(corrections_dir) -> None:
    """Count the project's decisions into its decisions.tsv before detecting (what detection
    learns from: see edition.corpus_review.learning); a file that cannot be read is named."""
    from ..corpus_review.learning import learn

    _, _, problems = learn(corrections_dir)
    for why in problems.values():
        warn(f"its decisions are not counted: {why}")


@corpus_aware("status")
def run_status(args: argparse.Namespace) -> int:
    from .. import workflow

    project = open_project(args)
    table = workflow.status_table(project.corrections)
    if args.json:
        print(json.dumps({k: dict(v) for k, v in table.items()}, indent=2))
        return 0
    columns = [s.value for s in Status] + (["stale"] if any(r["stale"] for r in table.values()) else [])
    width = max([len("kind"), len("total")] + [len(k) for k in table])
    lines = [f"{'kind':<{width}}  " + "  ".join(f"{c:>8}" for c in columns) + f"  {'total':>6}"]
    totals = {c: 0 for c in columns}
    for kind, row in table.items():
        lines.append(f"{kind:<{width}}  " + "  ".join(f"{row[c]:>8}" for c in columns)
                     + f"  {sum(row.values()):>6}")
        for c in columns:
            totals[c] += row[c]
    lines.append(f"{'total':<{width}}  " + "  ".join(f"{totals[c]:>8}" for c in columns)
                 + f"  {sum(totals.values()):>6}")
    print(f"{project.corrections.path} ({project.source.path}):")
    print("\n".join(lines))
    return 0
