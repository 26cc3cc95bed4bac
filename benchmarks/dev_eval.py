"""How good is detection and correction? The three development sets and the seed, in one command.

Usage::

    python benchmarks/dev_eval.py                  # every set, parts tune and check, and the seed
    python benchmarks/dev_eval.py --quick          # each file cut to its first 15,000 columns
    python benchmarks/dev_eval.py --part check     # only the held-out parts (benchmarks/devsets.py)
    python benchmarks/dev_eval.py --set bln600     # only one set (repeatable)
    python benchmarks/dev_eval.py --update-docs    # also rewrite this section of docs/BENCHMARKS.md
    python benchmarks/dev_eval.py --keep-gold-order  # a gold's moved blocks left where they are

What it reports (all scoring is :mod:`edition.evaluation`):

- per kind of document (monographs, periodicals) and per system, the detection precision, recall
  and F1 over erroneous OCR tokens, CER and WER before and after, the ICDAR "% improvement" and
  correct words broken per 1,000 words. Systems: the baseline "symspellpy's top suggestion for
  every unknown word" (:mod:`edition.evaluation.baseline`), and ``edition`` with every proposal
  accepted and with only confidence ≥ 0.9 accepted;
- a reliability table: per confidence bin, the share of proposals that are right (the
  calibration target: ≥ 90 % right among proposals with confidence ≥ 0.9);
- verdicts per kind of proposal;
- the seed, against its reviewed corrections when ``corrections/<seed>.yaml`` holds decisions,
  else against the editor's artifact table ``tests/data/seed_artifacts.tsv``: share of
  artifacts proposed, right reading first, false alarms per true proposal.

Sets and parts: ``benchmarks/devsets.py`` (ICDAR 2017, BLN600, ICDAR 2019, each cut into a
``tune`` part, on which the confusion table and the calibration are fitted, and an untouched
``check`` part: figures on ``check`` are the honest ones). The summary at the top states the
targets of the newspaper work per set and part: the CER cut with every proposal accepted and
with confidence ≥ 0.9, the correct words broken per 1,000 at ≥ 0.9, the share right at ≥ 0.9
and the share of the right proposals that reach 0.9.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from edition.detection.runner import detect  # noqa: E402
from edition.evaluation import AlignedDoc, Scores, dev_set, evaluate_doc, load_icdar  # noqa: E402
from edition.evaluation.align import align_texts  # noqa: E402
from edition.evaluation.artifacts import (artifacts_from_corrections, gold_text,  # noqa: E402
                                          read_artifact_table, score_artifacts)
from edition.evaluation.baseline import symspell_proposals  # noqa: E402
from edition.evaluation.errortypes import TYPES  # noqa: E402
from edition.evaluation.report import collect  # noqa: E402
from edition.evaluation.scoring import score_proposals  # noqa: E402
from edition.source import read_source  # noqa: E402
from _docs import update_section  # noqa: E402
import devsets  # noqa: E402

SEED = ROOT / "seeds" / "hoxha-memoirs-stalin-introduction.txt"
SEED_TABLE = ROOT / "tests" / "data" / "seed_artifacts.tsv"

#: --quick keeps the first this-many columns of each file: every file is represented, the large
#: ones (monograph 81, the periodicals) only in part; the whole run takes about a quarter of the time.
QUICK_COLUMNS = 15_000

POLICIES = (("every proposal", 0.0), ("confidence ≥ 0.9", 0.9))


# --- the documents --------------------------------------------------------------------------

def documents(name: str, kind: str, part: str, quick: bool, reorder_gold: bool = True
              ) -> list[AlignedDoc]:
    out = []
    for d in devsets.documents(name, part, reorder_gold=reorder_gold):
        if d.kind != kind:
            continue
        if quick and len(d.ocr_aligned) > QUICK_COLUMNS:
            d = d.part(0, d.shared_space_near(QUICK_COLUMNS))
        out.append(d)
    return out


#: The kinds of document of each set, and how the report names them.
KINDS = {"icdar2017": (("monograph", "ICDAR 2017 monographs"), ("periodical", "ICDAR 2017 periodicals")),
         "bln600": (("newspaper", "BLN600 newspapers"),),
         "icdar2019": (("print", "ICDAR 2019 print"),)}


# --- running --------------------------------------------------------------------------------

def evaluate_kind(docs: list[AlignedDoc], baseline: bool, progress: bool) -> dict:
    evs = {label: [] for label, _ in POLICIES}
    base, joined = [], []
    seconds = 0.0
    for i, doc in enumerate(docs):
        if progress:
            print(f"\r  {i + 1}/{len(docs)} {doc.name[-40:]:40}", end="", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        proposals = detect(doc.ocr)
        seconds += time.perf_counter() - t0
        for label, threshold in POLICIES:
            evs[label].append(evaluate_doc(doc, proposals, threshold))
        joined.append(evaluate_doc(doc, proposals, join_hyphens=True))
        if baseline:
            base.append(evaluate_doc(doc, symspell_proposals(doc.ocr)))
    if progress:
        print("\r" + " " * 50 + "\r", end="", file=sys.stderr)
    results = {label: collect(f"edition, {label}", t, evs[label]) for label, t in POLICIES}
    results["joined"] = collect("edition, every proposal, gold line-end hyphens joined", 0.0, joined)
    if baseline:
        results["baseline"] = collect("symspellpy top suggestion, every unknown word", 0.0, base)
    return {"results": results, "detect_seconds": seconds,
            "words": sum(len(d.ocr.split()) for d in docs), "files": len(docs)}


def seed_gold() -> tuple[str, list, str]:
    """The seed's artifacts: its reviewed corrections once the review is complete (every entry
    decided), else the editor's artifact table."""
    source = read_source(SEED)
    corrections_path = ROOT / "corrections" / f"{SEED.stem}.yaml"
    table = read_artifact_table(SEED_TABLE, source.text)
    if corrections_path.exists():
        from edition.store import load_corrections
        cf = load_corrections(corrections_path, source)
        pending = sum(1 for c in cf if not c.decided and not c.stale)
        arts = artifacts_from_corrections(cf)
        if arts and not pending:
            return (source.text, arts,
                    f"{corrections_path.relative_to(ROOT)} ({sum(1 for c in cf if c.decided)} decisions)")
        return (source.text, table, f"{SEED_TABLE.relative_to(ROOT)} ({corrections_path.name} "
                f"has {pending} entries not yet reviewed)")
    return source.text, table, str(SEED_TABLE.relative_to(ROOT))


def evaluate_seed() -> dict:
    text, arts, gold_from = seed_gold()
    t0 = time.perf_counter()
    proposals = detect(text)
    seconds = time.perf_counter() - t0
    doc = align_texts(text, gold_text(text, arts), name=SEED.name)
    out = {"gold": gold_from, "detect_seconds": seconds, "policies": {}}
    for label, threshold in POLICIES:
        out["policies"][label] = (score_artifacts(text, arts, proposals, threshold),
                                  score_proposals(doc, proposals, threshold))
    base = symspell_proposals(text)
    out["policies"]["baseline"] = (score_artifacts(text, arts, base), score_proposals(doc, base))
    return out


# --- rendering ------------------------------------------------------------------------------

def pct(x: float, signed: bool = False) -> str:
    return f"{x * 100:+.1f} %" if signed else f"{x * 100:.1f} %"


def table(head: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|",
            *("| " + " | ".join(r) + " |" for r in rows)]


def scores_row(name: str, s: Scores) -> list[str]:
    return [name, f"{s.f1:.3f}", pct(s.precision), pct(s.recall),
            f"{pct(s.cer_before)} → {pct(s.cer_after)}", f"{pct(s.wer_before)} → {pct(s.wer_after)}",
            pct(s.improvement, signed=True), f"{s.broken_per_1000:.2f}",
            f"{s.proposals_right + s.flags_on_errors:,} / {s.proposals:,}"]


SCORE_HEAD = ["system", "F1", "precision", "recall", "CER", "WER", "% improvement",
              "broken /1000 words", "right / proposals (a flag on an error is right)"]


PART_TITLES = {"all": "the whole of each development set",
               "check": "the held-out parts (`check`, see `benchmarks/devsets.py`)",
               "tune": "the tuning parts (`tune`: what the confusion table and the calibration are fitted on)"}


def render_header(args: argparse.Namespace, parts: list[str], started: str, sets: list[str]) -> list[str]:
    cmd = "python benchmarks/dev_eval.py" + (" --quick" if args.quick else "") + \
        "".join(f" --part {p}" for p in (args.part or [])) + \
        "".join(f" --set {k}" for k in (args.sets or [])) + \
        (" --no-baseline" if args.no_baseline else "") + (" --no-seed" if args.no_seed else "") + \
        (" --keep-gold-order" if args.keep_gold_order else "")
    return ["## Detection quality: development set and seed", "",
            f"Command: `{cmd}` — run {started} on {platform.node() or 'this machine'} "
            f"(Python {platform.python_version()}). Data: " +
            "; ".join(f"{devsets.TITLES[s]}, `../shared/data/{devsets.ROOTS[s].name}/` "
                      f"(split: {devsets.SPLIT_RULES[s]})" for s in sets) +
            f"; parts: {', '.join(parts)}" + (", each file cut to its first "
            f"{QUICK_COLUMNS:,} columns" if args.quick else "") + ". Scoring: `edition.evaluation` "
            "(detection over whitespace tokens with known gold; CER over grapheme clusters, "
            "whitespace-normalized; `#` gold excluded; " + ("each file aligned as it is given"
             if args.keep_gold_order else "a gold's blocks put in the OCR's order where the two "
             "differ (16 ICDAR 2019 files)") + "). Targets (every proposal accepted): "
            "F1 ≥ 0.70; (confidence ≥ 0.9 accepted): % improvement ≥ +15 %, < 1 correct word "
            "broken per 1,000.", "",
            "How it is measured: the unit of detection is the OCR's whitespace-separated token; "
            "it is erroneous when its aligned gold differs (a false space between two words makes "
            "both erroneous), detected when a proposal touches it; precision = detected erroneous "
            "/ detected, recall = detected erroneous / erroneous. CER and WER are Levenshtein "
            "distances over grapheme clusters and words divided by the gold's length, summed over "
            "the pieces between spaces both texts share (linear time, whitespace differences "
            "ignored); % improvement = (errors before − after) / errors before. A proposal is "
            "right when its best reading turns the tokens it touches into their gold; a correct "
            "word is broken when a proposal that is not right changes it.", ""]


def render_part(kinds: dict, part: str) -> list[str]:
    lines = [f"### Part `{part}`: {PART_TITLES[part]}", ""]
    all_judged = []
    for kind, k in kinds.items():
        r = k["results"]
        lines += [f"#### {kind} — {k['files']} files, {k['words']:,} OCR words, "
                  f"detection {k['detect_seconds']:.1f} s", ""]
        rows = []
        if "baseline" in r:
            rows.append(scores_row("symspellpy top suggestion for every unknown word", r["baseline"].scores))
        for label, _ in POLICIES:
            rows.append(scores_row(f"edition, {label} accepted", r[label].scores))
        rows.append(scores_row("edition, every proposal accepted; gold without its line-end hyphens "
                               "also right (`--join-hyphens`)", r["joined"].scores))
        lines += table(SCORE_HEAD, rows) + [""]
        all_judged.append(r["every proposal"])
    # recall per type of OCR error, per kind of document
    types = [t for t in TYPES if any(k["results"]["every proposal"].error_types[t] for k in kinds.values())]
    head = ["type of OCR error"]
    for kind in kinds:
        head += [f"{kind}: errors", "recall (every proposal)", "recall (≥ 0.9)"]
    rows = []
    for t in types:
        row = [t]
        for k in kinds.values():
            every, sure = k["results"]["every proposal"], k["results"]["confidence ≥ 0.9"]
            n = every.error_types[t]
            row += [f"{n:,}", pct(every.detected_types[t] / n) if n else "–",
                    pct(sure.detected_types[t] / n) if n else "–"]
        rows.append(row)
    lines += [f"#### Recall per type of OCR error (`{part}`)", "",
              "Types as defined in `edition/evaluation/errortypes.py` (split: a false space; merge: "
              "a lost space; glyph: a digit or symbol among letters; letters: other misread "
              "letters; noise: a token with no text in the gold).", ""]
    lines += table(head, rows) + [""]
    # reliability, over both kinds
    lines += [f"#### Reliability (`{part}`, every proposal, all sets)", "",
              "Share of proposals that are right, per confidence bin (a flag-only proposal is "
              "right when it is on an error). Target: ≥ 90 % right at confidence ≥ 0.9.", ""]
    bins: dict[tuple[float, float], list[int]] = {}
    for res in all_judged:
        for b in res.bins:
            acc = bins.setdefault((b.low, b.high), [0, 0])
            acc[0] += b.count
            acc[1] += b.right
    rows = [[f"{lo:.2f}–{hi:.2f}", f"{n:,}", f"{r:,}", pct(r / n) if n else "–"]
            for (lo, hi), (n, r) in sorted(bins.items())]
    n90 = sum(n for (lo, _), (n, _) in bins.items() if lo >= 0.9)
    r90 = sum(r for (lo, _), (_, r) in bins.items() if lo >= 0.9)
    rows.append(["**≥ 0.90**", f"{n90:,}", f"{r90:,}", pct(r90 / n90) if n90 else "–"])
    lines += table(["confidence", "proposals", "right", "share right"], rows) + [""]
    # verdicts per kind of proposal
    lines += [f"#### Verdicts per kind of proposal (`{part}`, every proposal, all sets)", ""]
    verdicts: dict[str, dict[str, int]] = {}
    for res in all_judged:
        for kind, counts in res.by_kind.items():
            acc = verdicts.setdefault(kind, {})
            for v, n in counts.items():
                acc[v] = acc.get(v, 0) + n
    names = ["right", "wrong reading", "false alarm", "flag on error", "false flag", "unscored"]
    rows = [[kind, f"{sum(c.values()):,}", *(f"{c.get(v, 0):,}" for v in names)]
            for kind, c in sorted(verdicts.items(), key=lambda kv: -sum(kv[1].values()))]
    lines += table(["kind", "proposals", *names], rows) + [""]
    return lines


def render_targets(by_part: dict) -> list[str]:
    """One row per set and part: the figures the newspaper targets are stated in."""
    rows = []
    for part, kinds in by_part.items():
        for label, k in kinds.items():
            every = k["results"]["every proposal"].scores
            sure = k["results"]["confidence ≥ 0.9"].scores
            right = every.proposals_right + every.flags_on_errors
            right90 = sure.proposals_right + sure.flags_on_errors
            rows.append([label, part, f"{k['words']:,}", f"{pct(every.cer_before)}",
                         pct(every.improvement, signed=True), pct(sure.improvement, signed=True),
                         f"{sure.broken_per_1000:.2f}",
                         pct(sure.right_or_flag_on_error_share) if sure.proposals else "–",
                         pct(right90 / right) if right else "–",
                         f"{k['words'] / k['detect_seconds']:,.0f}" if k["detect_seconds"] else "–"])
    return ["### Summary: the targets, per set and part", "",
            "Targets (issue 14): BLN600 `check`, every proposal accepted: CER cut ≥ 35 %; at "
            "confidence ≥ 0.9: CER cut ≥ 20 % with ≤ 1 correct word broken per 1,000; ICDAR 2019 "
            "the same figures measured; ICDAR 2017 no worse; ≥ 95 % right at ≥ 0.9 on every set. "
            "CER cut = % improvement.", "",
            *table(["documents", "part", "OCR words", "CER", "CER cut, every proposal",
                    "CER cut, ≥ 0.9", "broken /1000 at ≥ 0.9", "right at ≥ 0.9",
                    "right proposals that reach 0.9", "words/s (detection)"], rows), ""]


def render_seed(seed: dict | None) -> list[str]:
    lines = []
    if seed:
        lines += ["### The seed", "",
                  f"Gold: `{seed['gold']}`. Detection took {seed['detect_seconds']:.2f} s (warm). "
                  "Targets: ≥ 90 % of artifacts proposed, right reading first for ≥ 80 % of them, "
                  "≤ 1 false alarm per 3 true proposals.", ""]
        rows = []
        for label, (a, s) in seed["policies"].items():
            name = "symspellpy baseline" if label == "baseline" else f"edition, {label} accepted"
            rows.append([name, f"{a.proposed}/{a.artifacts} ({pct(a.proposed_share)})",
                         f"{a.right_first}/{a.proposed} ({pct(a.right_first_share)})",
                         f"{a.false_alarms} / {a.true_proposals} ({a.false_per_true:.2f})",
                         pct(s.improvement, signed=True), f"{s.words_broken}"])
        lines += table(["system", "artifacts proposed", "right reading first",
                        "false alarms / true proposals", "% improvement", "words broken"], rows) + [""]
    return lines


def as_json(by_part: dict, seed: dict | None) -> dict:
    out = {"parts": {}, "seed": None}
    for part, kinds in by_part.items():
        out["parts"][part] = _kinds_json(kinds)
    if seed:
        out["seed"] = {"gold": seed["gold"], **{label: {"artifacts": a.as_dict(), "scores": s.as_dict()}
                                               for label, (a, s) in seed["policies"].items()}}
    return out


def _kinds_json(kinds: dict) -> dict:
    out = {}
    for kind, k in kinds.items():
        out[kind] = {"files": k["files"], "words": k["words"], "detect_seconds": k["detect_seconds"],
                     **{label: r.scores.as_dict() for label, r in k["results"].items()}}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help=f"cut each file to {QUICK_COLUMNS:,} columns")
    ap.add_argument("--part", choices=("all", "tune", "check"), action="append",
                    help="part of the development sets (repeatable; default: tune and check)")
    ap.add_argument("--set", choices=devsets.SETS, action="append", dest="sets",
                    help="only this development set (repeatable; default: every set present)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the symspellpy baseline")
    ap.add_argument("--no-seed", action="store_true", help="skip the seed")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    ap.add_argument("--keep-gold-order", action="store_true",
                    help="align each file as it is given: a gold's blocks in another order than "
                         "the OCR's are not moved (edition.evaluation.align.gold_in_ocr_order)")
    ap.add_argument("--update-docs", action="store_true",
                    help="rewrite this script's section of docs/BENCHMARKS.md")
    args = ap.parse_args(argv)
    sets = [s for s in args.sets or devsets.SETS if s in devsets.available()]
    if not sets:
        print("no development set found (../shared/data/)", file=sys.stderr)
        return 1
    started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    t0 = time.perf_counter()
    parts = args.part or ["tune", "check"]
    by_part: dict[str, dict] = {}
    for part in parts:
        kinds = by_part[part] = {}
        for name in sets:
            for kind, label in KINDS[name]:
                print(f"{part}: {label} ...", file=sys.stderr)
                docs = documents(name, kind, part, args.quick, not args.keep_gold_order)
                kinds[label] = evaluate_kind(docs,
                                             not args.no_baseline, sys.stderr.isatty())
    seed = None if args.no_seed else evaluate_seed()
    lines = render_header(args, parts, started, sets)
    lines += render_targets(by_part)
    for part in parts:
        lines += render_part(by_part[part], part)
    lines += render_seed(seed)
    section = "\n".join(lines)
    section += f"\nWhole benchmark: {time.perf_counter() - t0:.0f} s wall time.\n"
    print(section)
    if args.json:
        Path(args.json).write_text(json.dumps(as_json(by_part, seed), indent=2, ensure_ascii=False),
                                   encoding="utf-8")
    if args.update_docs:
        update_section("dev_eval", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
