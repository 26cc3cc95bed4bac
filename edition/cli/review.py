"""``edition accept | reject | edit | flag | reopen | add | lexicon``: review from the command line."""
from __future__ import annotations

import argparse

from .. import workflow
from ..detection.evidence.project import add_to_project_lexicon, project_lexicon_path
from ..store import default_corrections_path
from ..model import Kind
from ..review import Selection, select
from ._common import (HelpFormatter, editor_and_origin, editor_parent, open_project, quiet_parent,
                      report_editor, say, source_parent)
from .corpus_review import (confidence as _confidence, glob_option, is_folder_source,
                            jobs_option, run_decide_corpus)

SEED = "seeds/hoxha-memoirs-stalin-introduction.txt"

_ACTIONS = {
    "accept": ("accept corrections (their best reading, or --reading)",
               "Accept the selected corrections. Without --reading each takes its best suggestion;\n"
               "with --reading, that reading (an edit if it is not among the suggestions).",
               f"examples:\n  edition accept {SEED} gl-04f1bd57\n"
               f"  edition accept {SEED} --original Statin --reading Stalin\n"
               f"  edition accept {SEED} --kind glyph --min-confidence 0.95\n"
               f"  edition accept {SEED} --min-confidence 0.9\n"
               f"  edition accept scans/ --original tbe --reading the   # every document of a folder"),
    "reject": ("reject corrections: the original stands",
               "Reject the selected corrections: the source reading stands.",
               f"examples:\n  edition reject {SEED} rw-cc756b93\n  edition reject {SEED} --kind case\n"
               f"  edition reject scans/ --original Nentori        # every document of a folder"),
    "edit": ("give corrections the editor's own reading",
             "Set the reading of the selected corrections to --reading TEXT (status edited).",
             f"example:\n  edition edit {SEED} nw-a8fb603d --reading 'capitalist'"),
    "flag": ("flag corrections as unclear: corrupt, no safe reading",
             "Flag the selected corrections as unclear: the text is left as it is and encoded as\n"
             "<unclear> in the TEI edition.",
             f"example:\n  edition flag {SEED} un-5e74a0a0 --note 'whet: illegible in the print'"),
    "reopen": ("undo decisions: back to pending",
               "Return the selected corrections to 'proposed' (undo a decision). The decision\n"
               "undone is kept in the entry's history: `edition redo` restores it.",
               f"example:\n  edition reopen {SEED} gl-04f1bd57"),
    "redo": ("restore the decisions that reopen undid",
             "Restore the last decision `edition reopen` undid on each selected correction, as\n"
             "it was (reading, editor, time), from the entry's history.",
             f"example:\n  edition redo {SEED} gl-04f1bd57"),
}


def _selection_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("ids", nargs="*", metavar="ID", help="correction ids (any status)")
    p.add_argument("--original", metavar="TEXT", help="only corrections of this original text")
    p.add_argument("--kind", choices=[k.value for k in Kind], help="only corrections of this kind")
    p.add_argument("--min-confidence", type=_confidence, metavar="X",
                   help="only corrections with confidence >= X (0..1)")


def register(sub: argparse._SubParsersAction) -> None:
    parents = [source_parent(rebase=True), editor_parent(), quiet_parent()]
    for action, (help_, desc, epilog) in _ACTIONS.items():
        p = sub.add_parser(action, parents=parents, formatter_class=HelpFormatter, help=help_,
                           description=desc + ("\n\nWithout ids, only decided corrections that match every given "
                           "filter are\nselected." if action == "reopen" else
                           "\n\nWithout ids, only pending proposals that match every "
                           "given filter are\nselected. Each decision records --by and the time."),
                           epilog=epilog)
        _selection_args(p)
        if action in ("accept", "edit"):
            p.add_argument("--reading", metavar="TEXT",
                           help="the reading to use" + (" (required)" if action == "edit" else
                                                        "; also selects proposals suggesting it"))
        if action in ("accept", "edit"):
            p.add_argument("--set-kind", choices=[k.value for k in Kind], metavar="KIND",
                           help="re-classify what is decided (e.g. variant: a regularization)")
        if action == "flag":
            p.add_argument("--note", metavar="TEXT", help="why it is unclear")
        corpus = p.add_argument_group("a folder of sources (SOURCE is a folder: every document "
                                      "in it, by the filters)")
        glob_option(corpus)
        jobs_option(corpus)
        p.set_defaults(func=run_decide, action=action)

    a = sub.add_parser(
        "add", parents=parents, formatter_class=HelpFormatter,
        help="record a correction the detectors missed",
        description="Add a correction by hand: the span is --find TEXT (its Nth occurrence with\n"
                    "--occurrence N) or --at OFFSET with --length N. With --reading it is an edit;\n"
                    "without, it is flagged unclear.",
        epilog=f"examples:\n  edition add {SEED} --find 'knew now' --reading 'knew how' --kind realword\n"
               f"  edition add {SEED} --find 'whet' --occurrence 1 --kind unclear\n"
               f"  edition add {SEED} --at 43274 --length 3 --reading 'how'")
    a.add_argument("--find", metavar="TEXT", help="the text to correct, as it stands in the source; never part "
                   "of a longer word (`whet` is not found in `whether`: --at for that)")
    a.add_argument("--occurrence", type=int, default=1, metavar="N", help="which occurrence (from 1)")
    a.add_argument("--at", type=int, metavar="OFFSET", help="code-point offset of the span")
    a.add_argument("--length", type=int, metavar="N", help="length of the span at --at (default 0)")
    a.add_argument("--reading", metavar="TEXT", help="the correct reading (omit to flag as unclear)")
    a.add_argument("--kind", choices=[k.value for k in Kind], default=None,
                   help="kind of artifact (default: other, or unclear without --reading)")
    a.add_argument("--why", metavar="TEXT", help="the evidence, one line")
    a.set_defaults(func=run_add)

    lex = sub.add_parser(
        "lexicon", parents=[quiet_parent()], formatter_class=HelpFormatter,
        help="add words to the project lexicon (never flagged again)",
        description="Add words the detectors should accept as correct in this project to the\n"
                    "project lexicon (corrections/lexicon.txt, or beside --corrections FILE).",
        epilog="example:\n  edition lexicon Nentori Kuo-feng")
    lex.add_argument("words", nargs="+", metavar="WORD")
    lex.add_argument("--corrections", metavar="FILE",
                     help="a corrections file; the lexicon is the lexicon.txt beside it")
    lex.set_defaults(func=run_lexicon)


def run_decide(args: argparse.Namespace) -> int:
    if is_folder_source(args.source):
        return run_decide_corpus(args)
    by, origin = editor_and_origin(args.by) if args.action not in ("reopen", "redo") else ("", "")
    project = open_project(args)
    first = bool(by) and all(c.by != by for c in project.corrections)
    reading = getattr(args, "reading", None)
    sel = Selection(ids=tuple(args.ids), original=args.original,
                    reading=reading if args.action == "accept" else None,
                    kind=Kind(args.kind) if args.kind else None, min_confidence=args.min_confidence)
    flag_only = 0
    if args.action == "accept" and reading is None and not sel.ids and not sel.empty:
        flag_only = sum(1 for c in select(project.corrections, sel) if not c.readings)
    changed = workflow.decide(project, sel, args.action, by=by, reading=reading,
                              note=getattr(args, "note", None), kind=getattr(args, "set_kind", None))
    if flag_only:
        say(args, f"{flag_only} flag-only proposal(s) left pending: no reading to accept "
                  "(give one with `edition edit ID --reading TEXT`, or `edition flag ID`)")
    verb = {"accept": "accepted", "reject": "rejected", "edit": "edited", "flag": "flagged",
            "reopen": "reopened", "redo": "restored"}[args.action]
    if not changed:
        say(args, f"nothing to do: no correction matches (nothing {verb})")
        return 0
    for c in changed[:20]:
        arrow = f" → {c.reading!r}" if c.reading is not None else ""
        say(args, f"{verb} {c.id}: {c.original!r}{arrow}")
    if len(changed) > 20:
        say(args, f"... and {len(changed) - 20} more")
    say(args, f"{len(changed)} correction(s) {verb} in {project.corrections.path}")
    if by:
        report_editor(args, by, origin, first)
    return 0


def run_add(args: argparse.Namespace) -> int:
    by, origin = editor_and_origin(args.by)
    project = open_project(args, missing_ok=True)
    first = all(c.by != by for c in project.corrections)
    kind = args.kind or ("unclear" if args.reading is None else "other")
    c = workflow.add(project, reading=args.reading, kind=kind, by=by, find=args.find,
                     occurrence=args.occurrence, at=args.at, length=args.length, why=args.why)
    arrow = f" → {c.reading!r}" if c.reading is not None else " (flagged unclear)"
    say(args, f"added {c.id} at {c.start}..{c.end}: {c.original!r}{arrow}")
    report_editor(args, by, origin, first)
    return 0


def run_lexicon(args: argparse.Namespace) -> int:
    path = project_lexicon_path(args.corrections or default_corrections_path("x"))
    for word in args.words:
        added = add_to_project_lexicon(path, word)
        say(args, f"{'added' if added else 'already in'} {path}: {word}")
    return 0
