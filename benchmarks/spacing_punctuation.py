"""Precision and recall of the split, merge, hyphen and punctuation detectors on the ICDAR 2017
development set, each detector alone, with a reliability table of its confidences.

Two judges. The official one (:func:`edition.evaluation.judge_proposals`): a proposal is right
when, applied, it turns the tokens it touches into their gold. A simpler span judge: right when
the reading equals the gold aligned with the span; "modulo hyphens" also counts as right a
reading that differs from that gold only by line-break hyphens, which the gold of the 1858
monograph chunks and of the periodicals keeps as printed (``re-ceived``, ``intro- duction``)
while the gold of the 1886 monograph (84 % of the monograph text) removes them. Recall counts the gold differences of the detector's own kind (a
segment between shared spaces whose OCR and gold differ only in spaces, hyphens or punctuation)
that a right proposal covers.

    python benchmarks/spacing_punctuation.py [--part tune|check|all] [--show N] [--by-rule] [--seed]
                                             [split merge ...]

``--seed`` also scores the detectors on the seed against the project's artifact table
(``tests/data/seed_artifacts.tsv``): rows of the four kinds proposed, right reading first, and
proposals that match no row of any kind.

``--marks`` reports the two questions of a mark between two words instead: of the OCR's commas
between a word and a small-letter word (the candidates of the stray-comma rule), how many the
gold drops and how many of those the rule finds; and of its periods before a small letter (the
candidates of the stray-period rule), how often the gold has nothing there and how often a
comma, which decides the order of the rule's two readings.

``--without RULE[,RULE]`` measures what punctuation rules add: ``detection_dev.py``'s table for
the engine (all detectors, or ``--engine punctuation`` for that detector alone) without the named
rules of :mod:`edition.detection.detectors.punctuation` and with them, in one process, so that both runs
see the same code and data of the other detectors.
"""
from __future__ import annotations

import argparse
import importlib
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import _devset  # noqa: E402
from edition.detection.document import Document  # noqa: E402
from edition.detection.runner import resolve_overlaps  # noqa: E402
from edition.evaluation import judge_proposals, parse_icdar  # noqa: E402
from edition.evaluation.artifacts import read_artifact_table  # noqa: E402

DETECTORS = ("split", "merge", "hyphen", "punctuation")
_NON_WORD = re.compile(r"[^\w\s]")


def category(ocr: str, gold: str) -> str | None:
    """The kind of a differing segment, when it differs only in spaces, hyphens or marks."""
    if ocr.replace(" ", "") == gold.replace(" ", ""):
        return "split" if ocr.count(" ") > gold.count(" ") else "merge"
    if ocr.replace("-", "").replace(" ", "") == gold.replace("-", "").replace(" ", ""):
        return "hyphen"
    if _NON_WORD.sub("", ocr).replace(" ", "") == _NON_WORD.sub("", gold).replace(" ", ""):
        return "punctuation"
    return None


def unhyphenated(text: str | None) -> str | None:
    """``text`` with line-break hyphens dropped: the gold of part of the set keeps them."""
    return None if text is None else re.sub(r"[-\u2010]\s?", "", text)


def columns(pair: _devset.Pair) -> list[int]:
    """Aligned column of each character of the OCR input, plus one past the end."""
    cols = [i for i, c in enumerate(pair.ocr_aligned) if c != "@"]
    cols.append(len(pair.ocr_aligned))
    return cols


def gold_of(pair: _devset.Pair, cols: list[int], start: int, end: int) -> str | None:
    """The gold text aligned with the OCR span ``start:end``; None where there is no gold."""
    a = cols[start]
    b = cols[end - 1] + 1 if end > start else cols[start]
    g = pair.gold_aligned[a:b]
    return None if "#" in g else g.replace("@", "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", default="all", choices=("tune", "check", "all"))
    ap.add_argument("--show", type=int, default=0, help="print N wrong and N right proposals per detector")
    ap.add_argument("--seed", action="store_true", help="also score the seed against its artifact table")
    ap.add_argument("--clean", action="store_true",
                    help="only run the detectors on the gold texts (clean text: every proposal is suspect)")
    ap.add_argument("--speed", type=int, metavar="REPEAT", default=0,
                    help="only time the detectors on the development set repeated REPEAT times (5: ~1M words)")
    ap.add_argument("--by-rule", action="store_true", help="precision per rule (the why with names and numbers masked)")
    ap.add_argument("--without", metavar="RULES",
                    help="only compare the engine without and with these punctuation rules (comma-separated)")
    ap.add_argument("--engine", default="", help="with --without: detectors to run (default: all)")
    ap.add_argument("--marks", action="store_true",
                    help="only the stray comma and stray period questions (see the module docstring)")
    ap.add_argument("detectors", nargs="*", default=list(DETECTORS))
    args = ap.parse_args()
    modules = {name: importlib.import_module(f"edition.detection.detectors.{name}") for name in args.detectors}
    warm = Document("They willh ang him theeconomic with-out Unio'n .word")
    for module in modules.values():  # load the lexicons before timing
        list(module.detect(warm))
    if args.speed:
        speed_report(modules, args.speed)
        return
    if args.clean:
        clean_report(modules, args.part, args.show)
        return
    if args.marks:
        marks_report(args.part, args.show)
        return
    if args.without:
        rule_ablation(args.without.split(","), args.engine)
        return
    if args.seed:
        seed_report(modules)
    overall: dict[float, Counter] = defaultdict(Counter)  # all detectors, both kinds, official judge
    for kind in ("monograph", "periodical"):
        pairs = _devset.files(args.part, kind)
        stats = {n: Counter() for n in modules}
        buckets = {n: defaultdict(Counter) for n in modules}
        examples = {n: {"right": [], "wrong": []} for n in modules}
        rules = {n: defaultdict(Counter) for n in modules}
        seconds = Counter()
        words = 0
        targets = Counter()
        for pair in pairs:
            cols = columns(pair)
            doc = Document(pair.ocr)
            aligned = parse_icdar(f"[OCR_toInput] {pair.ocr}\n[OCR_aligned] {pair.ocr_aligned}\n"
                                  f"[ GS_aligned] {pair.gold_aligned}\n", name=pair.name)
            words += len(doc.tokens)
            regions = []
            for wp in _devset.word_pairs(pair):
                if wp.scored and wp.ocr != wp.gold:
                    cat = category(wp.ocr, wp.gold)
                    if cat:
                        regions.append((wp.start, wp.end, cat))
                        targets[cat] += 1
            for name, module in modules.items():
                t0 = time.perf_counter()
                proposals = resolve_overlaps(module.detect(doc))
                seconds[name] += time.perf_counter() - t0
                for j in judge_proposals(aligned, proposals):
                    if j.verdict.value != "unscored":
                        stats[name]["official judged"] += 1
                        stats[name]["official right"] += j.right
                        stats[name]["official false alarm"] += j.verdict.value == "false alarm"
                        b = min(int(j.proposal.confidence * 10), 9) / 10
                        buckets[name][b]["official"] += j.right
                        buckets[name][b]["official n"] += 1
                        overall[b]["right"] += j.right
                        overall[b]["n"] += 1
                        rule = re.sub(r"'[^']*'|\d[\d.,e+x%]*", "_", j.proposal.why)[:70]
                        rules[name][rule]["right" if j.right else "wrong"] += 1
                covered = set()
                for p in proposals:
                    gold = gold_of(pair, cols, p.start, p.end)
                    if gold is None:
                        stats[name]["unscored"] += 1
                        continue
                    right = p.reading == gold
                    stats[name]["right" if right else "wrong"] += 1
                    if right or unhyphenated(p.reading) == unhyphenated(gold):
                        stats[name]["right modulo hyphens"] += 1
                    if not right and gold == p.original:
                        stats[name]["false alarm"] += 1
                    bucket = min(int(p.confidence * 10), 9) / 10
                    buckets[name][bucket]["right" if right else "wrong"] += 1
                    buckets[name][bucket]["loose"] += right or unhyphenated(p.reading) == unhyphenated(gold)
                    ctx = pair.ocr[max(0, p.start - 25):p.end + 25].replace("\n", " ")
                    loose = right or unhyphenated(p.reading) == unhyphenated(gold)
                    examples[name]["right" if loose else "wrong"].append(
                        f"{p.original!r} -> {p.reading!r} gold {gold!r} {p.confidence:.2f} | {ctx} | {p.why}")
                    if right:
                        covered.update(i for i, r in enumerate(regions) if r[0] < p.end and p.start < r[1]
                                       and r[2] == name)
                stats[name]["found"] += len(covered)
        print(f"== {kind} ({args.part}, {len(pairs)} files, {words} words)")
        for name in modules:
            s = stats[name]
            judged = s["right"] + s["wrong"]
            prec = s["right"] / judged if judged else float("nan")
            rec = s["found"] / targets[name] if targets[name] else float("nan")
            oj = s["official judged"]
            print(f"  {name:12s} official judge: {oj} proposals, precision "
                  f"{s['official right'] / max(oj, 1):.3f}, false alarms {s['official false alarm']}")
            print(f"  {name:12s} proposals {judged:5d}  right {s['right']:5d}  wrong {s['wrong']:4d} "
                  f"(false alarms {s['false alarm']})  precision {prec:.3f} "
                  f"(modulo hyphens {s['right modulo hyphens'] / max(judged, 1):.3f})  recall {rec:.3f} "
                  f"of {targets[name]}  {words / max(seconds[name], 1e-9):,.0f} words/s")
            for b in sorted(buckets[name]):
                c = buckets[name][b]
                n = c["right"] + c["wrong"]
                print(f"      confidence {b:.1f}-{b + 0.1:.1f}: {n:5d} proposals, {c['right'] / n:.2f} right, "
                      f"{c['loose'] / n:.2f} modulo hyphens, {c['official'] / max(c['official n'], 1):.2f} official")
            if args.by_rule:
                for rule, c in sorted(rules[name].items(), key=lambda kv: -sum(kv[1].values())):
                    n = c["right"] + c["wrong"]
                    print(f"      {n:5d} {c['right'] / n:.2f} right  {rule}")
            if args.show:
                for what in ("wrong", "right"):
                    for line in examples[name][what][: args.show]:
                        print(f"      {what.upper():5s} {line}")
    print(f"== reliability ({args.part}, {', '.join(modules)}, both kinds, official judge)")
    for b in sorted(overall):
        c = overall[b]
        print(f"  confidence {b:.1f}-{b + 0.1:.1f}: {c['n']:5d} proposals, {c['right'] / c['n']:.2f} right")


def marks_report(part: str, show: int) -> None:
    """Commas between words and periods before a small letter: what the gold has there, and
    what the punctuation detector's rules make of them."""
    from edition.detection.detectors import punctuation

    for kind in ("monograph", "periodical"):
        commas: Counter = Counter()
        periods: Counter = Counter()
        examples: list[str] = []
        for pair in _devset.files(part, kind):
            cols = columns(pair)
            doc = Document(pair.ocr)
            proposed = {p.start: p for p in punctuation.stray_commas(doc)}
            for c in punctuation.comma_candidates(doc):
                gold = gold_of(pair, cols, c.start, c.start + len(c.first) + 1)
                if gold not in (c.first, c.first + ","):
                    continue  # no gold, or the word itself misread
                stray = gold == c.first
                p = proposed.get(c.start)
                commas["stray" if stray else "kept"] += 1
                if p is not None:
                    commas["proposed"] += 1
                    commas["right"] += stray
                    if len(examples) < show:
                        examples.append(f"{'RIGHT' if stray else 'wrong'} {p.confidence:.2f} "
                                        f"{pair.ocr[max(0, p.start - 30):p.end + 20]!r}")
            for p in punctuation.stray_periods(doc):
                gold = gold_of(pair, cols, p.start, p.end)
                word = p.original[:-1]
                outcome = ("nothing" if gold == word else "comma" if gold == word + "," else
                           "period" if gold == p.original else "other")
                periods[(outcome, word[0].isupper())] += 1
        print(f"== marks between words: {kind}s ({part})")
        n = commas["proposed"]
        print(f"  comma before a small-letter word: {commas['stray'] + commas['kept']} with gold, "
              f"{commas['stray']} stray; rule proposes {n}, right {commas['right']} "
              f"(precision {commas['right'] / max(n, 1):.2f}, recall {commas['right'] / max(commas['stray'], 1):.2f})")
        for cap in (False, True):
            cells = ", ".join(f"{o} {periods[(o, cap)]}" for o in ("nothing", "comma", "period", "other"))
            print(f"  period before a small letter, after a {'capitalized' if cap else 'small'} word: gold {cells}")
        for line in examples:
            print(f"      {line}")


def rule_ablation(rules: list[str], engine: str) -> None:
    """``detection_dev.py``'s figures without and with ``rules`` of the punctuation detector."""
    import detection_dev
    from edition.detection.runner import available_detectors
    from edition.detection.detectors import punctuation

    names = set(engine.split(",")) if engine else None
    dets = [d for d in available_detectors() if names is None or d.name in names]
    every = punctuation.RULES
    unknown = set(rules) - {r.__name__ for r in every}
    if unknown:
        raise SystemExit(f"no such punctuation rule: {', '.join(sorted(unknown))}")
    print(f"detectors: {', '.join(d.name for d in dets)}; rules compared: {', '.join(rules)}")
    print("| rules | part | kind | F1 (all) | P | R | % impr. (all) | broken/1k (all) | % impr. (≥0.9) "
          "| broken/1k (≥0.9) | right/proposals ≥ 0.9 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    try:
        for label, kept in (("without", tuple(r for r in every if r.__name__ not in rules)), ("with", every)):
            punctuation.RULES = kept
            for part in ("tune", "check"):
                for kind in ("monograph", "periodical"):
                    a, b, _, _, _, bins = detection_dev.run(part, kind, dets, False)
                    print(f"| {label} | {part} | {kind} | {a.f1:.3f} | {a.precision:.3f} | {a.recall:.3f} "
                          f"| {100 * a.improvement:.1f} | {a.broken_per_1000:.2f} | {100 * b.improvement:.1f} "
                          f"| {b.broken_per_1000:.2f} | {bins[('≥0.9', 'right')]}/{bins[('≥0.9', 'n')]} |", flush=True)
    finally:
        punctuation.RULES = every


def clean_report(modules: dict, part: str, show: int) -> None:
    """Proposals on the gold texts themselves: each is a false alarm, a policy difference (the
    gold keeps line-break hyphens) or an error the gold kept ("hasbeen")."""
    for kind in ("monograph", "periodical"):
        counts: Counter = Counter()
        examples = defaultdict(list)
        words = 0
        for pair in _devset.files(part, kind):
            gold = _devset.gold_text(pair)
            doc = Document(gold)
            words += len(doc.tokens)
            for name, module in modules.items():
                for p in resolve_overlaps(module.detect(doc)):
                    counts[(name, p.confidence >= 0.5)] += 1
                    examples[name].append(f"{p.original!r} -> {p.reading!r} ({p.confidence:.2f}) | "
                                          f"{gold[max(0, p.start - 25):p.end + 20]!r}")
        print(f"== clean text: the gold of the {kind}s ({part}), {words:,} words")
        for name in modules:
            hi, lo = counts[(name, True)], counts[(name, False)]
            print(f"  {name:12s} {hi:4d} proposals at confidence >= 0.5 ({1000 * hi / words:.2f} per 1,000 words), "
                  f"{lo} below")
            for line in examples[name][:show]:
                print(f"      {line}")


def speed_report(modules: dict, repeat: int) -> None:
    """Words per second of each detector on the development set repeated ``repeat`` times (one
    text, so the document's shared evidence is built once, as in a real run)."""
    pieces = [p.ocr for kind in ("monograph", "periodical") for p in _devset.files("all", kind)]
    doc = Document("\n\n".join(pieces * repeat))
    t0 = time.perf_counter()
    n = len(doc.tokens)
    doc.lower_counts, doc.counts
    print(f"== speed: {n:,} words; tokens and counts {time.perf_counter() - t0:.2f} s")
    total = 0.0
    for name, module in modules.items():
        t0 = time.perf_counter()
        k = sum(1 for _ in module.detect(doc))
        dt = time.perf_counter() - t0
        total += dt
        print(f"  {name:12s} {dt:6.2f} s  {n / dt:12,.0f} words/s  {k} proposals")
    print(f"  {'together':12s} {total:6.2f} s  {n / total:12,.0f} words/s")


ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "hoxha-memoirs-stalin-introduction.txt"
SEED_TABLE = ROOT / "tests" / "data" / "seed_artifacts.tsv"


def seed_report(modules: dict) -> None:
    """The detectors on the seed, against the project's artifact table."""
    text = SEED.read_text(encoding="utf-8")
    rows = read_artifact_table(SEED_TABLE, text)
    doc = Document(text)
    proposals = resolve_overlaps(p for m in modules.values() for p in m.detect(doc))
    ours = {str(k) for k in ("split", "merge", "hyphen", "punctuation")}
    stats: dict[str, Counter] = defaultdict(Counter)
    matched = set()
    for r in rows:
        s, e = r.start, r.end
        hits = [p for p in proposals if p.start < e and s < p.end]
        matched.update(id(p) for p in hits)
        if r.kind not in ours:
            continue
        stats[r.kind]["artifacts"] += 1
        if not hits:
            continue
        p = hits[0]
        a, b = min(s, p.start), max(e, p.end)
        ours_applied = text[a:p.start] + p.readings[0] + text[p.end:b]
        gold_applied = text[a:s] + r.reading + text[e:b]
        stats[r.kind]["proposed"] += 1
        stats[r.kind]["right first"] += ours_applied == gold_applied
    unmatched = [p for p in proposals if id(p) not in matched]
    print(f"== seed ({SEED.name}, artifact table {SEED_TABLE.name})")
    total = Counter()
    for kind in sorted(stats):
        c = stats[kind]
        total.update(c)
        print(f"  {kind:12s} artifacts {c['artifacts']:3d}  proposed {c['proposed']:3d}  right reading first "
              f"{c['right first']:3d}")
    print(f"  {'all four':12s} artifacts {total['artifacts']:3d}  proposed {total['proposed']:3d}  right reading "
          f"first {total['right first']:3d}; proposals matching no artifact: {len(unmatched)}")
    for p in unmatched:
        print(f"      {p.detector}: {p.original!r} -> {p.reading!r} ({p.confidence:.2f}) {p.why}")


if __name__ == "__main__":
    main()
