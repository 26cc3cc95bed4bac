"""``edition evaluate``: measure detection and correction against a gold standard."""
from __future__ import annotations

import argparse
import json

from ..errors import EditionError
from ._common import HelpFormatter, progress, quiet_parent

#: The acceptance policies evaluated when the command runs detection itself: every proposal,
#: and only the confident ones (0.9: the policy under which the text must get better, never
#: worse: docs/BENCHMARKS.md, "Summary").
POLICIES = (("every proposal accepted", 0.0), ("confidence ≥ 0.9 accepted", 0.9))


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evaluate", parents=[quiet_parent()], formatter_class=HelpFormatter,
        help="compare an OCR text (and its correction) with the ground truth",
        description=(
            "Compare an OCR text with its ground truth, like dinglehopper or the ICDAR tools:\n"
            "CER and WER before and after correction, detection precision, recall and F1 over\n"
            "erroneous tokens, the ICDAR \"% improvement\" (negative when the correction did\n"
            "harm), the number of correct words broken, and the most frequent residual errors.\n\n"
            "OCR and GOLD are plain texts (aligned here), or directories of texts with the same\n"
            "names. A single file in the ICDAR 2017 three-line format ([OCR_toInput] /\n"
            "[OCR_aligned] / [ GS_aligned]), or a directory of them, needs no GOLD; text marked #\n"
            "in its gold standard is not scored. Where the gold gives a block of the text (a\n"
            "running head, a side note, a column) in another place than the OCR, it is put in\n"
            "the OCR's order before aligning (an ICDAR file is then realigned), so that each\n"
            "word is judged against its own gold; --keep-gold-order leaves it.\n\n"
            "Without --corrected, the detectors run on the OCR and two policies are evaluated:\n"
            "every proposal accepted, and only proposals with confidence >= 0.9 accepted.\n"
            "Comparison ignores differences of whitespace (line breaks, double spaces)."),
        epilog=("examples (the first two run as they are in this project: the seed's reviewed\n"
                "edition serves as its ground truth, so the detectors are measured against the\n"
                "editors' decisions):\n"
                "  edition apply seeds/hoxha-memoirs-stalin-introduction.txt -o hoxha.gold.txt\n"
                "  edition evaluate seeds/hoxha-memoirs-stalin-introduction.txt hoxha.gold.txt\n"
                "  edition evaluate scan.txt scan.gold.txt --corrected scan.clean.txt\n"
                "  edition evaluate ocr_dir/ gold_dir/ --json > eval.json\n"
                "  edition evaluate icdar2017/eng_periodical/   # ICDAR 2017 files hold their gold"))
    p.add_argument("ocr", metavar="OCR", help="OCR text, ICDAR file, or directory of either")
    p.add_argument("gold", metavar="GOLD", nargs="?",
                   help="ground-truth text (or directory); not needed for ICDAR files")
    p.add_argument("--corrected", metavar="FILE",
                   help="a corrected version of OCR (or a directory of them) to evaluate instead "
                        "of running the detectors")
    p.add_argument("--min-confidence", type=float, metavar="X", action="append",
                   help="evaluate the policy 'confidence >= X accepted' instead of the default two "
                        "(repeatable)")
    p.add_argument("--join-hyphens", action="store_true",
                   help="accept the gold without its word-internal hyphens as a second right "
                        "reading ('intro- duction', 'man-ner': 'introduction', 'manner'), for gold "
                        "standards that keep the printer's line-end hyphens")
    p.add_argument("--keep-gold-order", action="store_true",
                   help="align the gold in its own order, and an ICDAR file as it is given, even "
                        "where the gold has a block of the text elsewhere than the OCR")
    p.add_argument("--encoding", default="utf-8", help="encoding of plain text inputs")
    p.add_argument("--top", type=int, default=15, metavar="N",
                   help="rows in the table of residual errors (default 15; 0 hides it)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.set_defaults(func=run_evaluate)


def run_evaluate(args: argparse.Namespace) -> int:
    from ..detection.runner import detect
    from ..evaluation.diff import proposals_from_corrected
    from ..evaluation.inputs import evaluation_inputs, read_text
    from ..evaluation.report import as_json, collect, render_text
    from ..evaluation.scoring import evaluate_doc

    inputs = evaluation_inputs(args.ocr, args.gold, args.corrected, args.encoding,
                               reorder_gold=not args.keep_gold_order)
    if args.corrected:
        if args.min_confidence:
            raise EditionError("--min-confidence applies to detection; a corrected text has none")
        policies = [("corrected text", 0.0)]
    elif args.min_confidence:
        for x in args.min_confidence:
            if not 0.0 <= x <= 1.0:
                raise EditionError(f"--min-confidence {x}: give a number between 0 and 1")
        policies = [(f"confidence ≥ {x:g} accepted", x) for x in args.min_confidence]
    else:
        policies = list(POLICIES)

    per_policy: list[list] = [[] for _ in policies]
    for item in progress(inputs, total=len(inputs), desc="evaluating documents", quiet=args.quiet):
        doc = item.load()
        if item.corrected is not None:
            proposals = proposals_from_corrected(doc.ocr, read_text(item.corrected, args.encoding))
        else:
            proposals = detect(doc.ocr)
        for bucket, (_, threshold) in zip(per_policy, policies):
            bucket.append(evaluate_doc(doc, proposals, threshold, join_hyphens=args.join_hyphens))
    results = [collect(label, threshold, evs) for (label, threshold), evs in zip(policies, per_policy)]
    if args.json:
        print(json.dumps(as_json(results, top=args.top), ensure_ascii=False, indent=2))
    else:
        print(render_text(results, top=args.top))  # the report is the output asked for: --quiet keeps it
    return 0
