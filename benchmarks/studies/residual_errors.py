"""Where are the character errors left after every proposal is accepted? An anatomy per set.

Usage::

    python benchmarks/studies/residual_errors.py --set bln600 --part tune [--min-confidence 0.9] [--show 5]

Each piece of the text still wrong after the proposals (``edition.evaluation``'s residuals: the
alignment cut at shared whitespace) is put in one class, and the class is charged the piece's
character errors. The classes say what kind of work would remove them: debris the gold drops,
hyphens and spaces, case, punctuation, a wrong reading, a flag without a reading, a real word
nothing touched, a non-word nothing touched, run-together words.
"""
from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import devsets  # noqa: E402
from edition.detection.evidence import lexicon  # noqa: E402
from edition.detection.runner import detect  # noqa: E402
from edition.evaluation.scoring import _accepted, _piece_distance, scored_pieces  # noqa: E402

import regex  # noqa: E402

_PUNCT = regex.compile(r"[\p{P}\p{S}]")


def _strip(s: str, pattern) -> str:
    return pattern.sub("", s)


def classify(after: str, gold: str, touched: str) -> str:
    """The class of one residual piece ``after`` (text after the proposals) against ``gold``;
    ``touched`` is what proposals did there: '', 'flag' or 'reading'."""
    if not gold.strip():
        return "debris the gold drops"
    if not after.strip():
        return "text the OCR lost"
    if after.replace(" ", "") == gold.replace(" ", ""):
        return "spaces only (run-together or split words)"
    if after.replace("-", "").replace(" ", "") == gold.replace("-", "").replace(" ", ""):
        return "hyphens and spaces"
    if after.lower() == gold.lower():
        return "case only"
    if unicodedata.normalize("NFKC", after) == unicodedata.normalize("NFKC", gold):
        return "ligatures (NFKC equal)"
    if _strip(after, _PUNCT) == _strip(gold, _PUNCT):
        return "punctuation only"
    if _strip(after, _PUNCT).lower().replace(" ", "") == _strip(gold, _PUNCT).lower().replace(" ", ""):
        return "punctuation, case and spaces"
    if touched == "flag":
        return "flagged, no reading"
    if touched == "reading":
        return "a wrong reading"
    words = [w for w in regex.findall(r"\p{L}+", after)]
    if len(after.split()) < len(gold.split()):
        return "run-together words, untouched"
    if words and all(lexicon.zipf(w) >= 3.0 for w in words):
        return "real words, untouched"
    return "non-words, untouched"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", default="bln600", choices=devsets.SETS)
    ap.add_argument("--part", default="tune", choices=("tune", "check", "all"))
    ap.add_argument("--min-confidence", type=float, default=0.0)
    ap.add_argument("--show", type=int, default=0, help="examples per class")
    args = ap.parse_args()
    errors: Counter = Counter()
    before = after = 0
    examples: dict[str, list] = defaultdict(list)
    for doc in devsets.documents(args.set, args.part):
        accepted = _accepted(doc, detect(doc.ocr), args.min_confidence)
        for piece in scored_pieces(doc, accepted):
            ng, nb, na, inside = piece.gold, piece.before, piece.after, piece.proposals
            db, da = _piece_distance(nb, ng, ng), _piece_distance(na, ng, ng)
            before += db
            after += da
            if not da:
                continue
            touched = "reading" if any(p.readings for p in inside) else ("flag" if inside else "")
            cls = classify(na, ng, touched)
            errors[cls] += da
            if len(examples[cls]) < args.show:
                examples[cls].append((na, ng))
    total = sum(errors.values())
    print(f"{args.set} {args.part} (≥ {args.min_confidence}): character errors before {before:,}, after {after:,} "
          f"(cut {(before - after) / max(before, 1):+.1%}); residual pieces charged {total:,}")
    for cls, n in errors.most_common():
        print(f"  {n:7,}  {n / max(total, 1):6.1%}  {cls}")
        for na, ng in examples[cls]:
            print(f"             {na!r} → {ng!r}")


if __name__ == "__main__":
    main()
