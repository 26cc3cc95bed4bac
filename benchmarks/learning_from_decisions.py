"""Do the project's decisions teach detection? Measured on development sets with gold.

Not a test: a script that measures and prints a Markdown section for docs/BENCHMARKS.md.

For each set, its documents in a fixed order; the gold decides every proposal of the first 20 %
(as an editor who knows the right text would), those decisions are counted per pattern exactly
as a project counts its corrections files (:func:`edition.corpus_review.index.summarize`, then
:func:`edition.corpus_review.learning.tallies`: what ``detect`` writes to ``decisions.tsv``), and
the other 80 % are detected without and with them (:meth:`ProjectDecisions.apply` before the
overlaps are resolved, as :func:`edition.detection.runner.detect` does with ``decisions=``; the
first scored document is checked to give the same proposals through ``detect`` itself) and
scored against their gold (:mod:`edition.evaluation`): precision, recall and F1 with every
proposal accepted, and with only confidence >= 0.9 accepted the % improvement (the ICDAR
measure: how much of the character error the accepted corrections remove) and correct words
broken per 1,000.

How the gold decides a proposal (:class:`edition.evaluation.scoring.Verdict`): a right reading is
accepted; a wrong reading on an error is edited to the gold of its span when the gold of the
span is known (the editor types the right word), else rejected; a reading on correct text and a
flag on correct text are rejected; a flag on an error is marked unclear (accepted as a flag);
text without gold is left pending.

Sets: ICDAR 2017 English (monographs then periodicals, by number: 89 files) and BLN600 (the
newspaper articles of ``bln600-train``, by name), each scored on its own: patterns recur within
a collection, which is what the review of a corpus is.

    python benchmarks/learning_from_decisions.py                    # both sets, prior 2
    python benchmarks/learning_from_decisions.py --priors 1,2,4,8   # the prior's weight, compared
"""
from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from edition.corpus_review.index import summarize  # noqa: E402
from edition.corpus_review.learning import tallies  # noqa: E402
from edition.detection.document import Document  # noqa: E402
from edition.detection.evidence.decisions import (DROP_AFTER, PRIOR_WEIGHT,  # noqa: E402
                                                  ProjectDecisions)
from edition.detection.runner import (_collector_paused, detect, resolve_overlaps,  # noqa: E402
                                      run_detectors)
from edition.evaluation import evaluate_doc  # noqa: E402
from edition.evaluation.align import align_texts  # noqa: E402
from edition.evaluation.icdar import load_icdar, natural_key  # noqa: E402
from edition.evaluation.metrics import Scores  # noqa: E402
from edition.evaluation.scoring import Verdict, _span_gold, judge_proposals  # noqa: E402
from edition.model import Correction, Status  # noqa: E402

DATA = Path(os.environ.get("EDITION_DATA", ROOT.parent / "shared" / "data"))
#: The share of documents the gold decides first (the issue's protocol).
DECIDED_SHARE = 0.2


def icdar2017() -> list:
    out = []
    for part in ("eng_monograph", "eng_periodical"):
        out += [load_icdar(p) for p in sorted((DATA / "icdar2017-eng" / part).glob("*.txt"),
                                              key=natural_key)]
    return out


def bln600() -> list:
    out = []
    for ocr in sorted((DATA / "bln600-train").glob("*.ocr.txt")):
        gold = ocr.with_name(ocr.name.replace(".ocr.txt", ".gt.txt"))
        out.append(align_texts(ocr.read_text(encoding="utf-8"), gold.read_text(encoding="utf-8"),
                               name=ocr.name, kind="newspaper"))
    return out


SETS = {"icdar2017": ("ICDAR 2017 English (89 files)", icdar2017),
        "bln600": ("BLN600 newspaper articles", bln600)}


def raw_proposals(doc) -> list:
    """Every detector's proposals for ``doc``, before overlaps are resolved (what decisions
    weigh)."""
    with _collector_paused():
        return list(run_detectors(Document(doc.ocr)))


def gold_decisions(doc, proposals) -> list[Correction]:
    """The proposals of ``doc`` as entries the gold decided (see the module)."""
    out = []
    for n, j in enumerate(judge_proposals(doc, proposals)):
        p = j.proposal
        c = Correction(f"p{n}", p.start, p.end, p.original, p.kind, readings=p.readings,
                       confidence=p.confidence, why=p.why)
        if j.verdict is Verdict.RIGHT:
            c = c.replace(status=Status.ACCEPTED, reading=p.readings[0])
        elif j.verdict is Verdict.WRONG_READING:
            gold = _span_gold(doc, p)
            if gold is not None and gold != p.original:
                c = c.replace(status=Status.EDITED, reading=gold)
            else:
                c = c.replace(status=Status.REJECTED)
        elif j.verdict in (Verdict.FALSE_ALARM, Verdict.FALSE_FLAG):
            c = c.replace(status=Status.REJECTED)
        elif j.verdict is Verdict.FLAG_ON_ERROR:
            c = c.replace(status=Status.FLAGGED)
        out.append(c)
    return out


def scores(docs, proposals, threshold: float) -> Scores:
    total = Scores()
    for doc, props in zip(docs, proposals):
        total += evaluate_doc(doc, props, threshold).scores
    return total


def measure(name: str, docs: list, priors: list[float], progress: bool) -> dict:
    n_decided = max(1, round(len(docs) * DECIDED_SHARE))
    decided, scored = docs[:n_decided], docs[n_decided:]
    t0 = time.perf_counter()
    raw = []
    for i, doc in enumerate(docs):
        if progress:
            print(f"\r  {name}: detecting {i + 1}/{len(docs)}", end="", file=sys.stderr, flush=True)
        raw.append(raw_proposals(doc))
    if progress:
        print(file=sys.stderr)
    detect_s = time.perf_counter() - t0
    entries = []
    for doc, props in zip(decided, raw[:n_decided]):
        entries += gold_decisions(doc, resolve_overlaps(props))
    learned = tallies([summarize(entries)])
    statuses = {s: sum(1 for c in entries if c.status is s) for s in Status}
    before = [resolve_overlaps(props) for props in raw[n_decided:]]
    rows = [("before (no decisions)", None, before)]
    for prior in priors:
        decisions = ProjectDecisions(learned, prior=prior, drop_after=DROP_AFTER)
        after = [resolve_overlaps(list(decisions.apply(props))) for props in raw[n_decided:]]
        rows.append((f"after, prior weight {prior:g}", prior, after))
    # the shortcut above is what detect(decisions=...) does: check it on the first scored document
    check = ProjectDecisions(learned, prior=priors[0], drop_after=DROP_AFTER)
    assert detect(scored[0].ocr, decisions=check) == rows[1][2][0], "detect() differs"
    out = {"name": name, "documents": len(docs), "decided_docs": n_decided,
           "scored_docs": len(scored), "words": sum(len(d.ocr.split()) for d in scored),
           "entries": len(entries), "statuses": statuses, "patterns": len(learned),
           "detect_s": detect_s, "rows": []}
    # what the gold says of every proposal detection made without decisions, by place
    verdicts = [{(j.proposal.start, j.proposal.end, j.proposal.original): j.verdict
                 for j in judge_proposals(doc, ps)} for doc, ps in zip(scored, before)]
    for label, prior, props in rows:
        every, sure = scores(scored, props, 0.0), scores(scored, props, 0.9)
        weighed = sum(1 for ps in props for p in ps if p.why.endswith(" in this project"))
        dropped = [v for vs, ps in zip(verdicts, props)
                   for place, v in vs.items()
                   if place not in {(p.start, p.end, p.original) for p in ps}]
        out["rows"].append({"label": label, "prior": prior, "every": every, "sure": sure,
                            "proposals": sum(len(ps) for ps in props), "weighed": weighed,
                            "sure_n": sum(1 for ps in props for p in ps if p.confidence >= 0.9),
                            "dropped": len(dropped),
                            "dropped_right": sum(1 for v in dropped if v in (
                                Verdict.RIGHT, Verdict.FLAG_ON_ERROR))})
    return out


def pct(x: float, signed: bool = False) -> str:
    return f"{x * 100:+.1f} %" if signed else f"{x * 100:.1f} %"


def markdown(args, results: list[dict], seconds: float) -> str:
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "## Decisions teach detection: the gold decides the first 20 % of documents",
        "",
        f"Measured {date} (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores), "
        f"in {seconds / 60:.1f} minutes, by",
        "",
        "```sh",
        "python benchmarks/learning_from_decisions.py"
        + (f" --priors {','.join(f'{p:g}' for p in args.priors)}" if args.priors != [PRIOR_WEIGHT] else "")
        + (f" --sets {','.join(args.sets)}" if args.sets != list(SETS) else ""),
        "```",
        "",
        "The gold decides every proposal of the first 20 % of a set's documents (right reading: "
        "accepted; wrong reading on an error: edited to the gold; on correct text: rejected; a "
        "flag on an error: unclear), the decisions are counted per pattern as `detect` counts a "
        "project's corrections files into `decisions.tsv`, and the other 80 % are detected "
        "without and with them and scored against their gold. Every proposal: precision, recall "
        "and F1 of detection over erroneous tokens; confidence ≥ 0.9: the proposals an editor "
        "may accept unseen, the ICDAR % improvement (character errors removed) and correct "
        f"words broken per 1,000. Drop after {DROP_AFTER} rejections without an acceptance.",
    ]
    for r in results:
        st = r["statuses"]
        lines += [
            "",
            f"**{r['name']}**: {r['decided_docs']} documents decided by the gold ({r['entries']:,} "
            f"proposals: {st[Status.ACCEPTED]:,} accepted, {st[Status.EDITED]:,} edited, "
            f"{st[Status.REJECTED]:,} rejected, {st[Status.FLAGGED]:,} unclear, "
            f"{st[Status.PROPOSED]:,} without gold; {r['patterns']:,} patterns), "
            f"{r['scored_docs']} scored ({r['words']:,} words).",
            "",
            "| detection | proposals | weighed by decisions | no longer proposed (right) "
            "| every: precision | recall | F1 "
            "| ≥ 0.9: proposals | precision | recall | % improvement | broken / 1,000 |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for row in r["rows"]:
            e, s = row["every"], row["sure"]
            lines.append(f"| {row['label']} | {row['proposals']:,} | {row['weighed']:,} | "
                         f"{row['dropped']:,} ({row['dropped_right']:,}) | "
                         f"{pct(e.precision)} | {pct(e.recall)} | {e.f1:.3f} | {row['sure_n']:,} | "
                         f"{pct(s.precision)} | {pct(s.recall)} | {pct(s.improvement, True)} | "
                         f"{s.broken_per_1000:.2f} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--priors", default=f"{PRIOR_WEIGHT:g}",
                    type=lambda s: [float(x) for x in s.split(",")],
                    help="weights of the detector's confidence against the decisions, "
                         f"comma-separated (default {PRIOR_WEIGHT:g}, the shipped one)")
    ap.add_argument("--sets", default=",".join(SETS), type=lambda s: s.split(","),
                    help=f"which sets ({', '.join(SETS)}; default both)")
    args = ap.parse_args()
    started = time.perf_counter()
    results = []
    for key in args.sets:
        title, load = SETS[key]
        docs = load()
        if not docs:
            raise SystemExit(f"{title}: not found under {DATA}")
        r = measure(title, docs, args.priors, sys.stderr.isatty())
        results.append(r)
        for row in r["rows"]:
            e, s = row["every"], row["sure"]
            print(f"{title}: {row['label']}: dropped {row['dropped']} ({row['dropped_right']} right); "
                  f"every P {pct(e.precision)} R {pct(e.recall)} "
                  f"F1 {e.f1:.3f}; >=0.9 n {row['sure_n']} P {pct(s.precision)} "
                  f"R {pct(s.recall)} impr {pct(s.improvement, True)} "
                  f"broken {s.broken_per_1000:.2f}", flush=True)
    print()
    print(markdown(args, results, time.perf_counter() - started))


if __name__ == "__main__":
    main()
