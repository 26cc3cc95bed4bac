"""``edition build | verify | diff``: publish the edition, prove it, show what changed."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..store.atomic import write_atomic
from ._common import (HelpFormatter, corrections_arg, open_project, progress, quiet_parent,
                      refuse_overwriting_owned, say, source_parent, warn)
from .corpus import corpus_aware, corpus_parent

SEED = "seeds/hoxha-memoirs-stalin-introduction.txt"


def _out_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", metavar="DIR", default=None,
                   help="the output folder (default: build/, which git ignores)")


def _validation_arg(p: argparse.ArgumentParser) -> None:
    # --strict and --validator share one destination: the default must be given to both
    p.add_argument("--strict", dest="validator", action="store_const", const="strict",
                   default="edition",
                   help="validate against the whole of TEI P5 (tei_all): jing's RELAX NG and "
                        "Schematron when jing is installed, else lxml's RELAX NG (seconds)")
    p.add_argument("--validator", choices=["edition", "strict", "jing", "lxml", "none"],
                   default="edition",
                   help="edition (default): the edition's own TEI customization (edition.odd, a "
                        "subset of tei_all), with lxml, in a fraction of a second; strict: as "
                        "--strict; jing or lxml: tei_all by that validator (lxml takes ~7 s to "
                        "load it); none skips validation")


def register(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser(
        "build", parents=[source_parent(many=True), corpus_parent(incremental=True), quiet_parent()],
        formatter_class=HelpFormatter,
        help="build the edition: TEI, reading text, diff, audit, reading view",
        description="Build the edition of SOURCE from its corrections file into --out (default\n"
                    "build/): NAME.tei.xml (TEI P5, validated against the edition's TEI\n"
                    "customization, a subset of tei_all; --strict: against tei_all), NAME.txt (the\n"
                    "reading text), NAME.diff.html (source against edition), NAME.audit.json\n"
                    "(every decision: what, where, who, when, why) and NAME.html (a reading view\n"
                    "that switches between the corrected and the source reading).\n"
                    "Accepted and edited corrections change the text; flagged ones are marked\n"
                    "unclear; rejected and pending ones change nothing (pending ones are counted).\n"
                    "Header metadata comes from the corrections file's edition: block, or\n"
                    "NAME.edition.yaml beside SOURCE, with the title lines and colophon of the\n"
                    "text as defaults.",
        epilog=f"examples:\n  edition build {SEED}\n  edition build {SEED} --out site/\n"
               f"  edition verify {SEED}")
    _out_arg(b)
    _validation_arg(b)
    b.add_argument("--witness", metavar="OTHER", action="append", default=[],
                   help="another transcription of the same text (repeatable; sigla B, C, ...; "
                        "SOURCE is A): the TEI gets a critical apparatus (parallel segmentation, "
                        "the witnesses in listWit) and the reading view shows the variants on "
                        "hover; verify reads the witnesses again from the paths the TEI lists")
    b.set_defaults(func=build_command)

    v = sub.add_parser(
        "verify", parents=[source_parent(many=True), corpus_parent(), quiet_parent()],
        formatter_class=HelpFormatter,
        help="check that the built edition is the source plus its decisions",
        description="Check the edition built from SOURCE (in --out, default build/): the TEI is\n"
                    "valid (against the edition's TEI customization; --strict: against the whole\n"
                    "of tei_all, with jing's Schematron rules where jing is installed) and its\n"
                    "pointers resolve; from the TEI alone the source text of every block and the\n"
                    "reading text are regenerated and compared with the source and with the\n"
                    "source plus the accepted decisions; the TEI encodes exactly those decisions;\n"
                    "the reading text, the audit and the HTML pages match. Exits 1 naming the\n"
                    "first discrepancy (file and place).",
        epilog=f"examples:\n  edition verify {SEED}\n  edition verify {SEED} --strict\n"
               f"  edition verify {SEED} --out site/")
    _out_arg(v)
    _validation_arg(v)
    v.set_defaults(func=run_verify)

    d = sub.add_parser(
        "diff", parents=[source_parent(), quiet_parent()], formatter_class=HelpFormatter,
        help="show the changes the decisions make, word by word",
        description="Show the word-level diff between SOURCE and its edition (the accepted and\n"
                    "edited corrections applied), each change with the decision ids that caused\n"
                    "it. The default is a coloured listing for the terminal; --format unified\n"
                    "gives a patch of lines, html a page with summary figures, json the hunks.",
        epilog=f"examples:\n  edition diff {SEED}\n"
               f"  edition diff {SEED} --format unified > changes.patch\n"
               f"  edition diff {SEED} --format html -o diff.html")
    d.add_argument("--format", choices=["terminal", "unified", "html", "json"], default="terminal",
                   help="output format (default: terminal)")
    d.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                   help="colour the terminal format (auto: when stdout is a terminal)")
    d.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    d.set_defaults(func=run_diff)


def build_command(args: argparse.Namespace) -> int:
    """``--witness`` belongs to one text: refused with a corpus."""
    from ..corpus.discover import is_corpus
    from ..errors import EditionError

    if args.witness and is_corpus(args.source):
        raise EditionError("--witness names other transcriptions of one SOURCE; a corpus has many")
    return run_build(args)


@corpus_aware("build")
def run_build(args: argparse.Namespace) -> int:
    from ..publish.build import build_edition
    from ..store import default_corrections_path
    from ..witnesses.tokens import default_sigla, read_witnesses
    started = time.perf_counter()
    cpath = corrections_arg(args) or default_corrections_path(args.source)
    # else a new user gets an "edition" that silently changes nothing (a missing source is
    # reported by itself, without advice to detect it)
    if not cpath.exists() and Path(args.source).exists():
        warn(f"no corrections file {cpath}: the edition is the source unchanged; run "
             f"`edition detect {args.source}` and review the proposals first")
    steps = ["reading", "writing TEI, reading text, diff and audit", "validating the TEI", "saving"]
    bar = progress(iter(steps), total=len(steps), desc="build", quiet=args.quiet)
    witnesses = (read_witnesses(args.witness, default_sigla(len(args.witness) + 1)[1:], args.encoding)
                 if getattr(args, "witness", None) else [])
    result = build_edition(args.source, args.out, corrections_path=corrections_arg(args),
                           encoding=args.encoding, validation=args.validator,
                           step=lambda name: next(bar, None), witnesses=witnesses)
    for _ in bar:  # finish the bar
        pass
    f = result.files
    for path in result.paths.all():
        say(args, f"wrote {path}")
    checked = {"edition": "valid TEI (lxml: the edition's TEI customization; --strict for "
                          "tei_all)",
               "jing": "valid TEI (jing: tei_all RELAX NG + Schematron)",
               "lxml": "valid TEI (lxml: tei_all RELAX NG; install jing for Schematron)",
               "none": "TEI not validated (--validator none)"}[result.validator]
    say(args, f"{checked}; {f.changes} change(s), {f.flagged} flagged; "
              f"{time.perf_counter() - started:.1f} s")
    app = f.apparatus
    if app is not None:
        say(args, f"apparatus: {len(app.entries)} variant(s) of {len(app.witnesses) - 1} "
                  f"witness(es)" + (f"; {app.left_out} left out (across a block or part of a "
                                    f"decision)" if app.left_out else ""))
    if f.pending:
        warn(f"{f.pending} pending proposal(s) change nothing in this edition; review them with "
             f"`edition review {args.source}`")
    for gap in f.metadata_gaps:
        warn(gap)
    return 0


@corpus_aware("verify")
def run_verify(args: argparse.Namespace) -> int:
    from ..publish.verify import verify_edition
    found = verify_edition(args.source, args.out, corrections_path=corrections_arg(args),
                           encoding=args.encoding, validation=args.validator)
    if found is not None:
        print(f"edition: verify failed: {found}", file=sys.stderr)
        return 1
    say(args, f"verified: the edition of {args.source} is its source plus its decisions")
    return 0


def run_diff(args: argparse.Namespace) -> int:
    from .. import workflow
    from ..apply import edits
    from ..publish.audit import audit_record
    from ..publish.build import edition_metadata
    from ..publish.diff import diff_hunks, diff_json, render_terminal, render_unified
    from ..publish.pages import diff_page
    from ..publish.plan import plan_edition

    refuse_overwriting_owned(args.output, args)
    project = open_project(args, missing_ok=True)
    source = project.source
    reading = workflow.corrected_text(project)
    segments = diff_hunks(source.text, reading, edits(source.text, project.corrections))
    if args.format == "terminal":
        color = args.color == "always" or (args.color == "auto" and not args.output
                                           and sys.stdout.isatty())
        out = render_terminal(source.text, segments, color=color)
    elif args.format == "unified":
        out = render_unified(source.text, reading, segments, name=str(args.source),
                             new_name=f"{args.source} (edition)")
    elif args.format == "json":
        out = diff_json(source.text, segments, name=source.path.name)
    else:
        plan = plan_edition(source, project.corrections)
        audit = audit_record(plan, tei_name="")
        out = diff_page(title=edition_metadata(project, plan).title, source_name=source.path.name,
                        source_sha256=source.sha256, segments=segments, audit=audit)
    if args.output:
        write_atomic(args.output, out)
        say(args, f"wrote {args.output}")
    else:
        sys.stdout.write(out)
    return 0
