"""The sure-flag gate (``words._sure_flag``): what the deep readings it holds back are worth.

Usage::

    python benchmarks/studies/sure_flag_gate.py bands [--part tune]
    python benchmarks/studies/sure_flag_gate.py dev_eval --gate off|flag-at-0.95|reading-below-0.4 ... -- --no-baseline --json F
    python benchmarks/studies/sure_flag_gate.py edition --gate off -- detect report.txt --json

In a very noisy text a deep reading from 0.3 is proposed, unless the garbled flag on the form
would be at ``words.SURE_FLAG`` (0.9) or more (``words.below_floor``): then the flag stays.

``bands`` switches the gate off, detects every document of the part, and judges
(``edition.evaluation``) each deep reading below 0.5 that the gate would have held back, by the
reading's confidence (0.3-0.4, 0.4-0.5) and the flag's (0.9-0.95, 0.95-0.97, ≥ 0.97): how many
are right, and how many characters nearer the gold they bring (Levenshtein on the token, its
outer marks aside) where the flag changed none.

``dev_eval`` runs ``benchmarks/dev_eval.py`` (the arguments after ``--``) with the gate changed:
``off``; ``flag-at-X`` (the gate holds only where the flag would be at X or more);
``reading-below-X`` (it holds only readings below X); both of the last two may be given.
``edition`` runs the command line (``edition ARGS``) with the gate changed. The
figures and what was done with them: ``docs/BENCHMARKS.md``, "Readings from a text's own words,
and the sure-flag gate measured again".
"""
from __future__ import annotations

import argparse
import runpy
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from edition.detection import calibration  # noqa: E402
from edition.detection.detectors import words  # noqa: E402
from edition.detection.evidence.garbling import garbled_features  # noqa: E402

import regex  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

_EDGES = regex.compile(r"^[^\p{L}]+|[^\p{L}]+$")
_HELD = words.DEEP_MIN_CONFIDENCE  # the gate holds deep readings below this


def change_gate(gates: list[str]) -> None:
    """Change ``words`` in place as ``gates`` say (see the module's docstring)."""
    below = _HELD
    for gate in gates:
        if gate == "off":
            words._sure_flag = lambda doc, unit: False
        elif gate.startswith("flag-at-"):
            words.SURE_FLAG = float(gate[len("flag-at-"):])
        elif gate.startswith("reading-below-"):
            below = float(gate[len("reading-below-"):])
        else:
            raise SystemExit(f"unknown gate {gate!r}")
    floor = words._floor

    def below_floor(doc, unit, conf, r) -> bool:
        if conf < floor(r):
            return True
        return conf < below and words.model_of(r.features) == "deep" and words._sure_flag(doc, unit)

    words.below_floor = below_floor


def bands(part: str) -> None:
    import devsets
    from edition.detection.runner import detect
    from edition.evaluation.scoring import judge_proposals

    held: dict[tuple[int, str], float] = {}

    def recording(doc, unit) -> bool:
        conf = calibration.confidence(garbled_features(doc, unit.text, unit.sentence_start), "garbled")
        if conf >= words.SURE_FLAG:
            held[(unit.start, unit.text)] = conf
        return False

    words._sure_flag = recording
    for name in devsets.available():
        tally: dict = defaultdict(lambda: [0, 0, 0])
        for doc in devsets.documents(name, part):
            held.clear()
            for j in judge_proposals(doc, detect(doc.ocr)):
                p = j.proposal
                if not p.readings or p.confidence >= _HELD:
                    continue
                flag = [c for (s, w), c in held.items() if p.start <= s < p.end and w in p.original]
                if not flag:
                    continue
                gold, before, after = (_EDGES.sub("", x) for x in (j.gold or "", p.original, p.reading))
                key = ("reading 0.4-0.5" if p.confidence >= 0.4 else "reading 0.3-0.4",
                       "flag ≥ 0.97" if flag[0] >= 0.97 else "flag 0.95-0.97" if flag[0] >= 0.95 else "flag 0.9-0.95")
                t = tally[key]
                t[0] += 1
                t[1] += j.right
                t[2] += (Levenshtein.distance(before, gold) - Levenshtein.distance(after, gold)) if j.scored else 0
        print(f"== {name} ({part})")
        for key in sorted(tally):
            n, right, gain = tally[key]
            print(f"   {key[0]}, {key[1]:15} right {right:3} of {n:3}  characters {gain:+4}")


def main() -> None:
    argv = sys.argv[1:]
    rest = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", choices=("bands", "dev_eval", "edition"))
    ap.add_argument("--part", default="tune", choices=("tune", "check"))
    ap.add_argument("--gate", action="append", default=[])
    args = ap.parse_args(argv)
    if args.what == "bands":
        bands(args.part)
        return
    change_gate(args.gate)
    if args.what == "edition":
        from edition.cli import main as edition
        sys.exit(edition(rest))
    script = Path(__file__).resolve().parents[1] / "dev_eval.py"
    sys.argv = [str(script), *rest]
    runpy.run_path(str(script), run_name="__main__")


if __name__ == "__main__":
    main()
