"""Corpus detection: cost per word and peak memory per worker from 100k to 10M words.

Not a test: a script that measures, prints a Markdown section for docs/BENCHMARKS.md and draws
the curve (``docs/scaling/corpus-scaling.svg``).

For each corpus size, the corpus of ``benchmarks/corpus_speed.py`` (the OCR of the ICDAR 2017
English files, replicated with OCR-like variations; built once and kept under ``--workdir``;
whole replicas of 89 documents and about 208,000 words, so "100k" is one replica and 208k words:
the same mix of one 115,000-word book and short chunks at every size) is run through ``edition detect DIR``'s own code path: one :class:`CorpusRun` of ``detect`` with a
fresh corrections folder on ``--jobs`` worker processes, which counts the corpus lexicon (pass
1 and the reduce) and then detects every document with the corpus's evidence (pass 2).

What is measured, per word detected:

- **detection CPU**: the CPU time (user + system, ``time.process_time`` in the worker) of every
  detection task, summed over the workers; the corpus evidence each worker loads once is timed
  apart (``evidence load``) and left out of the cost per word, since it is paid once per worker
  whatever the number of documents. The CPU time of the tasks, not the wall clock, because the
  machine is shared: another engineer's job slows the wall clock of a run, much less the CPU time
  of its tasks.
- **peak per worker**: the largest peak resident set of a worker process (``ru_maxrss``, as the
  run report gives it: ``report.peak_kib``), which covers everything the worker did in the run
  (its counting, its share of the reduce, the evidence, detection).

``--sample-words N`` detects, in a corpus larger than N words, only the documents of its first
replicas up to N words (the documents of the corpus of N words: the corpora share their first
replicas) — but with the evidence of the whole corpus, which is what makes cost per word grow
with the corpus if anything does. The output says which sizes were sampled.

``--tree DIR`` measures the ``edition`` package of another checkout (copied first, so the
checkout may change during the run).

    nice python3 benchmarks/corpus_scaling.py                        # 100k, 1M, 10M, 2 workers
    nice python3 benchmarks/corpus_scaling.py --sample-words 1000000  # 10M: its first 1M words
    nice python3 benchmarks/corpus_scaling.py --tree /work/other --sizes 100000,1000000
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FLAT = 0.15  # issue 18: cost per word within 15 % from the smallest corpus to the largest
WORKER_MIB = 1024  # issue 18: peak memory per worker under 1 GB


def _snapshot(tree: Path, workdir: Path) -> Path:
    """A copy of the ``edition`` package of ``tree``, first on sys.path (the checkout may change
    while the benchmark runs)."""
    code = workdir / "code"
    shutil.rmtree(code, ignore_errors=True)
    shutil.copytree(tree / "edition", code / "edition",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return code


def _option(name: str, default: str) -> str:
    argv = sys.argv
    for i, a in enumerate(argv):
        if a.startswith(name + "="):
            return a.split("=", 1)[1]
        if a == name and i + 1 < len(argv):
            return argv[i + 1]
    return default


if __name__ == "__main__":
    TREE = Path(_option("--tree", str(REPO))).resolve()
    WORKDIR = Path(_option("--workdir", "/tmp/corpus-scaling")).resolve()
    sys.path.insert(0, str(_snapshot(TREE, WORKDIR)))

import corpus_speed  # noqa: E402  (the corpus builder and the timed run)

from edition.corpus.discover import discover  # noqa: E402
from edition.corpus.executors import Executor, ProcessExecutor  # noqa: E402
from edition.corpus.lexicon import count_words  # noqa: E402


@dataclass(frozen=True)
class Timed:
    """A task's outcome, with the CPU seconds it took in its worker."""

    outcome: object
    cpu: float
    load_cpu: float  # loading the corpus evidence, when this task was the worker's first


def cpu_timed(fn, item) -> Timed:
    """Run one task in the worker and time it on the worker's CPU clock. A detection task's
    corpus evidence is loaded (and cached by the worker, as the task itself would) before the
    clock starts, and timed apart."""
    load_cpu = 0.0
    evidence = getattr(fn, "keywords", {}).get("evidence")
    if evidence is not None and hasattr(evidence, "digest"):
        from edition.corpus import lexicon

        t0 = time.process_time()
        lexicon.load_evidence(evidence.path, evidence.digest)
        load_cpu = time.process_time() - t0
    t0 = time.process_time()
    outcome = fn(item)
    return Timed(outcome, time.process_time() - t0, load_cpu)


class Measured(Executor):
    """An executor that times every task on its worker's CPU clock, per step, and gives the
    detection step only the documents of ``only`` (None: all)."""

    def __init__(self, inner: Executor, only: set[str] | None = None):
        self.inner, self.only = inner, only
        self.workers, self.description = inner.workers, inner.description
        self.cpu: dict[str, float] = {}
        self.load_cpu = 0.0
        self.wall: dict[str, float] = {}

    def imap_unordered(self, fn, items):
        step = getattr(fn, "func", fn).__name__
        if self.only is not None and step == "detect_document":
            items = [job for job in items if job.source in self.only]
        t0 = time.perf_counter()
        for item, timed in self.inner.imap_unordered(partial(cpu_timed, fn), items):
            outcome = timed
            if isinstance(timed, Timed):
                outcome = timed.outcome
                self.cpu[step] = self.cpu.get(step, 0.0) + timed.cpu
                self.load_cpu += timed.load_cpu
            yield item, outcome
        self.wall[step] = self.wall.get(step, 0.0) + time.perf_counter() - t0

    def close(self) -> None:
        self.inner.close()


def first_replicas(sources: list[Path], words: int) -> tuple[list[Path], int]:
    """The documents of the corpus's first whole replicas up to ``words`` words: the documents of
    the corpus ``build_corpus`` makes for ``words`` (same texts, same mix of a book and chunks)."""
    chosen, acc, replica = [], 0, None
    for p in sources:
        if p.parent != replica and acc >= words:
            break
        replica = p.parent
        chosen.append(p)
        acc += sum(count_words(p.read_text(encoding="utf-8")).values())
    return chosen, acc


def measure(size: int, args) -> dict:
    """One detect run over the corpus of ``size`` words; its figures."""
    root = args.workdir
    folder = root / f"corpus-{size}"
    n_docs, n_words, _ = corpus_speed.build_corpus(folder, size)
    sources = discover([folder])
    only = None
    if args.sample_words:
        chosen, _ = first_replicas(sources, args.sample_words)
        only = {str(p.resolve()) for p in chosen} if len(chosen) < len(sources) else None
    state = root / f"state-{size}"
    shutil.rmtree(state, ignore_errors=True)
    with Measured(ProcessExecutor(args.jobs), only) as ex:
        run = corpus_speed.timed_run("detect", sources, ex, state, root)
    done = [d for d in run.report.documents if d.state == "done"]
    words = sum(d.words for d in done)
    count_cpu = ex.cpu.get("survey", 0.0) + ex.cpu.get("sum_counts", 0.0)
    evidence = state / ".corpus" / "evidence.json"
    return {"size": size, "documents": n_docs, "words": n_words, "sampled": only is not None,
            "detected_docs": len(done), "detected_words": words,
            "detect_us": ex.cpu["detect_document"] / words * 1e6,
            "detect_wall": ex.wall["detect_document"],
            "count_us": count_cpu / n_words * 1e6,
            "load_s": ex.load_cpu / args.jobs,
            "forms": run.report.lexicon.forms,
            "evidence_forms": _evidence_forms(evidence),
            "peak_mib": max(run.report.peak_kib.values()) / 1024,
            "proposals": sum(d.added for d in done)}


def _evidence_forms(path: Path) -> int:
    try:
        return len(json.loads(path.read_bytes())["counts"])
    except (OSError, ValueError, KeyError):  # another tree's evidence format
        return 0


def median_row(rows: list[dict]) -> dict:
    """The round with the median detection cost; the peak is the largest of all rounds."""
    rows = sorted(rows, key=lambda r: r["detect_us"])
    row = dict(rows[(len(rows) - 1) // 2])
    row["rounds"] = [r["detect_us"] for r in rows]
    row["peak_mib"] = max(r["peak_mib"] for r in rows)
    return row


def verdict(rows: list[dict]) -> tuple[float, bool, bool]:
    costs = [r["detect_us"] for r in rows]
    spread = max(costs) / min(costs) - 1
    return spread, spread <= FLAT, all(r["peak_mib"] < WORKER_MIB for r in rows)


def words_label(n: int) -> str:
    return f"{n / 1e6:.3g}M" if n >= 1e6 else f"{n / 1e3:.3g}k"


def svg_chart(rows: list[dict]) -> str:
    """A line chart: detection CPU per word (left axis) and peak memory per worker (right axis)
    against the corpus size (log axis); the 15 % band around the smallest corpus's cost and the
    1 GiB line are drawn for the targets. Hollow points: sampled detection."""
    import math

    w, h, left, right, top, bottom = 720, 400, 70, 80, 50, 60
    pw, ph = w - left - right, h - top - bottom
    lo = min(5.0, math.log10(min(r["words"] for r in rows))) - 0.15
    hi = max(7.0, math.log10(max(r["words"] for r in rows))) + 0.3
    # Round ticks: 4 to 5 steps of 1, 2 or 5 times a power of ten (memory: of 256 MiB).
    top_cost = max(r["detect_us"] for r in rows) * 1.3
    cost_step = min(m * 10 ** e for e in range(-2, 6) for m in (1, 2, 5) if m * 10 ** e * 5 >= top_cost)
    cost_max = math.ceil(top_cost / cost_step) * cost_step
    mib_step = 256
    mib_max = math.ceil(max(WORKER_MIB * 1.1, max(r["peak_mib"] for r in rows) * 1.1) / mib_step) * mib_step

    def x(size: int) -> float:
        return left + (math.log10(size) - lo) / (hi - lo) * pw

    def y(value: float, top_value: float) -> float:
        return top + ph - value / top_value * ph

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
           f'viewBox="0 0 {w} {h}" font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{w / 2}" y="22" text-anchor="middle" font-size="15">Corpus detection: '
           f'cost per word and memory per worker</text>']
    base = rows[0]["detect_us"]
    out.append(f'<rect x="{left}" y="{y(base * (1 + FLAT), cost_max):.1f}" width="{pw}" '
               f'height="{y(base * (1 - FLAT), cost_max) - y(base * (1 + FLAT), cost_max):.1f}" '
               f'fill="#1f77b4" fill-opacity="0.10"/>')
    out.append(f'<line x1="{left}" x2="{left + pw}" y1="{y(WORKER_MIB, mib_max):.1f}" '
               f'y2="{y(WORKER_MIB, mib_max):.1f}" stroke="#d62728" stroke-dasharray="6 4"/>')
    out.append(f'<text x="{left + pw - 4}" y="{y(WORKER_MIB, mib_max) - 5:.1f}" text-anchor="end" '
               f'fill="#d62728">1 GiB per worker</text>')
    out.append(f'<text x="{left + 4}" y="{y(base * (1 - FLAT), cost_max) - 5:.1f}" '
               f'fill="#1f77b4">±15 % of the {words_label(rows[0]["words"])}-word cost</text>')
    if any(r["sampled"] for r in rows):
        out.append(f'<text x="{left + pw / 2}" y="{top - 8}" text-anchor="middle">hollow points: '
                   f'a sample of the corpus detected with the whole corpus\'s evidence</text>')
    out.append(f'<path d="M{left},{top} V{top + ph} H{left + pw} V{top}" fill="none" stroke="#333"/>')
    for exp in range(math.ceil(lo), math.floor(hi) + 1):
        out.append(f'<line x1="{x(10 ** exp):.1f}" x2="{x(10 ** exp):.1f}" y1="{top + ph}" '
                   f'y2="{top + ph + 5}" stroke="#333"/>')
        out.append(f'<text x="{x(10 ** exp):.1f}" y="{top + ph + 20}" text-anchor="middle">'
                   f'{words_label(10 ** exp)}</text>')
    out.append(f'<text x="{left + pw / 2}" y="{h - 15}" text-anchor="middle">corpus size, words '
               f'(log scale)</text>')
    for step, scale, xpos, anchor in ((cost_step, cost_max, left - 6, "end"),
                                      (mib_step, mib_max, left + pw + 6, "start")):
        for i in range(round(scale / step) + 1):
            out.append(f'<text x="{xpos}" y="{y(i * step, scale) + 4:.1f}" text-anchor="{anchor}">'
                       f'{i * step:,g}</text>')
    out.append(f'<text transform="translate(18 {top + ph / 2}) rotate(-90)" text-anchor="middle" '
               f'fill="#1f77b4">detection CPU per word (µs)</text>')
    out.append(f'<text transform="translate({w - 14} {top + ph / 2}) rotate(90)" '
               f'text-anchor="middle" fill="#ff7f0e">peak memory per worker (MiB)</text>')
    series = (("detect_us", cost_max, "#1f77b4", "{:,.0f} µs"), ("peak_mib", mib_max, "#ff7f0e", "{:,.0f} MiB"))
    # Each point's label above it where its line is the upper one at that size, else below: the
    # two lines may meet (51 µs and 322 MiB at 10M words), and their labels must not overlap.
    heights = [[y(r[key], scale) for r in rows] for key, scale, _, _ in series]
    for k, (key, scale, colour, fmt) in enumerate(series):
        points = [(x(r["words"]), y(r[key], scale), r) for r in rows]
        out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
                   + " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in points) + '"/>')
        for i, (px, py, r) in enumerate(points):
            fill = "white" if r["sampled"] else colour
            out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4.5" fill="{fill}" '
                       f'stroke="{colour}" stroke-width="2"/>')
            upper = py <= heights[1 - k][i]
            out.append(f'<text x="{px + 8:.1f}" y="{py - 8 if upper else py + 18:.1f}" fill="{colour}">'
                       f'{fmt.format(r[key])}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def markdown(rows: list[dict], args, command: str, load: tuple[float, float], minutes: float,
             svg: str) -> str:
    spread, flat, memory = verdict(rows)
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "## Corpus detection: cost per word from 100k to 10M words",
        "",
        f"Measured {date} on this machine ({os.cpu_count()} cores, shared: load average "
        f"{load[0]:.1f} at the start, {load[1]:.1f} at the end), in {minutes:.1f} minutes, code "
        f"of {args.tree_label}, by",
        "",
        "```sh",
        command,
        "```",
        "",
        f"![Detection CPU per word and peak memory per worker against corpus size]({svg})",
        "",
        "| corpus | documents | forms (in the evidence) | detected | detection CPU per word "
        "| detection wall | evidence load / worker | counting CPU per word | peak / worker |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        detected = (f"first {r['detected_words']:,} words ({r['detected_docs']:,} documents), "
                    "sample" if r["sampled"] else f"all {r['detected_words']:,} words")
        rounds = (" (rounds: " + ", ".join(f"{c:,.0f}" for c in r["rounds"]) + ")"
                  if len(r["rounds"]) > 1 else "")
        lines.append(f"| {r['words']:,} words | {r['documents']:,} | {r['forms']:,} "
                     f"({r['evidence_forms']:,}) | {detected} | **{r['detect_us']:,.0f} µs**{rounds} "
                     f"| {r['detect_wall']:,.0f} s, {r['detected_words'] / r['detect_wall']:,.0f} "
                     f"words/s | {r['load_s']:.2f} s | {r['count_us']:.1f} µs | "
                     f"**{r['peak_mib']:,.0f} MiB** |")
    lines += [
        "",
        f"- Cost per word: detection CPU time of the tasks (`time.process_time` in the worker, "
        f"summed over the {args.jobs} workers) per word detected; the corpus evidence each worker "
        "loads once is timed apart (evidence load / worker). Detection wall: the detection pass "
        f"alone, {args.jobs} workers. Peak / worker: the largest `ru_maxrss` of a worker process in "
        "the run (the run report's `peak_kib`: counting, its share of the reduce, the evidence "
        "and detection).",
        f"- **Flat within {FLAT:.0%}: {'yes' if flat else 'no'}** — the largest cost per word is "
        f"{spread:+.0%} over the smallest.",
        f"- **Peak memory per worker under 1 GiB at every size: {'yes' if memory else 'no'}** "
        f"(largest {max(r['peak_mib'] for r in rows):,.0f} MiB).",
    ]
    if any(r["sampled"] for r in rows):
        lines.append(f"- Sampled (hollow points in the chart): detection of the documents of the "
                     f"corpus's first replicas up to {args.sample_words:,} words only (the documents "
                     "of the smaller corpus of that size), with the evidence of the whole corpus.")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100000,1000000,10000000",
                    help="corpus sizes in words, comma-separated (default 100k, 1M, 10M)")
    ap.add_argument("--sample-words", type=int, default=0,
                    help="in a corpus larger than this, detect only its first this many words, "
                         "with the whole corpus's evidence (default 0: detect the whole corpus)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--rounds", type=int, default=1,
                    help="runs per size; the median cost per word is kept (default 1)")
    ap.add_argument("--tree", type=Path, default=REPO, help="the checkout whose edition is timed")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/corpus-scaling"),
                    help="corpora (kept between runs), run state, the code snapshot")
    ap.add_argument("--svg", type=Path, default=REPO / "docs" / "scaling" / "corpus-scaling.svg")
    args = ap.parse_args()
    args.workdir = args.workdir.resolve()
    args.tree_label = _describe(args.tree.resolve())
    command = " ".join(["nice python3 benchmarks/corpus_scaling.py", *sys.argv[1:]])
    started, load0 = time.perf_counter(), os.getloadavg()[0]
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        rounds = [measure(size, args) for _ in range(args.rounds)]
        rows.append(median_row(rounds))
        r = rows[-1]
        print(f"{r['words']:,} words ({r['forms']:,} forms): detected {r['detected_words']:,} words"
              f"{' (sample)' if r['sampled'] else ''}: {r['detect_us']:,.0f} µs CPU per word, "
              f"{r['detect_wall']:,.0f} s wall; peak {r['peak_mib']:,.0f} MiB per worker; "
              f"evidence load {r['load_s']:.2f} s per worker", flush=True)
    args.svg.parent.mkdir(parents=True, exist_ok=True)
    args.svg.write_text(svg_chart(rows), encoding="utf-8")
    try:
        svg = args.svg.resolve().relative_to(REPO / "docs").as_posix()
    except ValueError:
        svg = str(args.svg)
    print()
    print(markdown(rows, args, command, (load0, os.getloadavg()[0]),
                   (time.perf_counter() - started) / 60, svg))


def _describe(tree: Path) -> str:
    """The checkout as the section names it: its commit, and whether it had changes."""
    def git(*a: str) -> str:
        return subprocess.run(["git", "-C", str(tree), *a], capture_output=True, text=True).stdout.strip()
    commit = git("rev-parse", "--short", "HEAD") or "?"
    dirty = " with uncommitted changes" if git("status", "--porcelain", "--", "edition") else ""
    return f"`{git('rev-parse', '--abbrev-ref', 'HEAD') or tree}` at {commit}{dirty}"


if __name__ == "__main__":
    main()
