"""Corpus runs: words per second for 1 and 2 worker processes and a Dask LocalCluster, peak
memory per worker, and the time of an incremental re-run after one document changed.

Not a test: a script that measures and prints a Markdown section for docs/BENCHMARKS.md.

The corpus is built from the development set (``[OCR_toInput]`` of every ICDAR 2017 English file,
one document per file) replicated until it holds ``--words`` words. Every replica but the first
is varied: about 1 word in 200 gets an OCR-like change (a confusable letter, a doubled or swapped
letter), seeded by replica and file, so that every document has its own SHA-256 (no document is
counted from another's cache entry) and the vocabulary grows as it would with new OCR.

Two passes are measured separately, because they cost very different amounts:

- **count** (the map/reduce of the corpus lexicon) over the whole corpus, for each executor, each
  with a cold cache;
- **detect** (every detector, with corpus evidence) over the first ``--detect-words`` words of the
  corpus, for each executor; the corrections files of the three runs are compared byte for byte.

Then the incremental re-run: one document changes; ``detect`` on the detection corpus and the
lexicon update on the whole corpus are timed again (an incremental ``detect`` of the whole corpus
costs that lexicon update plus the detection of the changed document).

    python benchmarks/corpus_speed.py                       # 10 M words, 2 workers
    python benchmarks/corpus_speed.py --words 1000000 --detect-words 20000   # a quick look
"""
from __future__ import annotations

import argparse
import datetime
import math
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def snapshot_code(workdir: Path) -> Path:
    """A copy of the package to measure: the working tree may change while the benchmark runs
    (and a change in the detection code rightly makes every document due again)."""
    code = workdir / "code"
    shutil.rmtree(code, ignore_errors=True)
    shutil.copytree(REPO / "edition", code / "edition",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return code


if __name__ == "__main__":
    _workdir = Path(next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--workdir=")),
                         sys.argv[sys.argv.index("--workdir") + 1] if "--workdir" in sys.argv
                         else "/tmp/edition-corpus-bench")).resolve()
    sys.path.insert(0, str(snapshot_code(_workdir)))
elif not any((Path(p) / "edition").is_dir() for p in sys.path if p):
    # Imported, not run: e.g. as ``__mp_main__`` in a Dask worker process, whose sys.path is the
    # driver's (the snapshot first), which must stay first so every worker runs the same code.
    sys.path.append(str(REPO))

from _devset import DATA, load  # noqa: E402

from edition.corpus.discover import discover  # noqa: E402
from edition.corpus.executors import DaskExecutor, ProcessExecutor, SerialExecutor  # noqa: E402
from edition.corpus.lexicon import count_words  # noqa: E402
from edition.corpus.run import CorpusRun  # noqa: E402

CONFUSIONS = [("l", "1"), ("e", "c"), ("m", "rn"), ("h", "li"), ("o", "0"), ("s", "f"), ("d", "cl")]


def vary(text: str, rng: random.Random, rate: float = 1 / 200) -> str:
    """``text`` with about ``rate`` of its words changed the way OCR changes words."""
    words = text.split(" ")
    for i in range(len(words)):
        w = words[i]
        if len(w) < 3 or rng.random() >= rate:
            continue
        how = rng.randrange(3)
        j = rng.randrange(len(w) - 1)
        if how == 0:
            for a, b in CONFUSIONS:
                if a in w:
                    w = w.replace(a, b, 1)
                    break
        elif how == 1:
            w = w[:j] + w[j] + w[j:]
        else:
            w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        words[i] = w
    return " ".join(words)


def build_corpus(folder: Path, words: int) -> tuple[int, int, int]:
    """Write the corpus (if not there already); return (documents, words, largest in bytes)."""
    marker = folder / ".complete"
    if not (marker.exists() and marker.read_text() == str(words)):
        shutil.rmtree(folder, ignore_errors=True)
        files = sorted(DATA.glob("eng_*/*.txt"), key=lambda p: (p.parent.name, int(p.stem)))
        if not files:  # without them no replica adds a word: the loop below would never end
            raise SystemExit(f"no ICDAR 2017 files under {DATA} (set EDITION_ICDAR or EDITION_DATA)")
        texts = [(f"{p.parent.name[4:8]}-{p.stem}", load(p).ocr + "\n") for p in files]
        total, replica = 0, 0
        while total < words:
            sub = folder / f"r{replica:03d}"
            sub.mkdir(parents=True)
            for name, text in texts:
                if replica:
                    text = vary(text, random.Random(f"{replica}/{name}"))
                (sub / f"r{replica:03d}-{name}.txt").write_text(text, encoding="utf-8")
                total += len(text.split())
            replica += 1
        marker.write_text(str(words))
    docs = discover([folder])
    n = sum(sum(count_words(p.read_text(encoding="utf-8")).values()) for p in docs)
    return len(docs), n, max(p.stat().st_size for p in docs)


def executors(n: int):
    """(label, factory) for 1 process, n processes, a Dask LocalCluster of n workers."""
    return [("1 process (--jobs 1)", lambda: SerialExecutor()),
            (f"{n} processes (--jobs {n})", lambda: ProcessExecutor(n)),
            (f"Dask LocalCluster, {n} workers (--scheduler local --jobs {n})",
             lambda: DaskExecutor("local", n))]


def timed_run(command: str, sources, executor, state: Path, root: Path) -> CorpusRun:
    run = CorpusRun(command, sources, executor=executor, corrections_dir=state, root=root)
    for _ in run.steps():
        pass
    if run.report.failed:
        raise SystemExit(f"{len(run.report.failed)} documents failed: {run.report.failed[0].reason}")
    return run


def leading_documents(sources, words: int):
    """The first documents of ``sources`` (in corpus order) that hold ``words`` words, and
    their words."""
    chosen, acc = [], 0
    for p in sources:
        if acc >= words:
            break
        chosen.append(p)
        acc += sum(count_words(p.read_text(encoding="utf-8")).values())
    return chosen, acc


def mib(kib: int) -> str:
    return f"{kib / 1024:,.0f} MiB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=10_000_000, help="size of the corpus (default 10 M)")
    ap.add_argument("--detect-words", type=int, default=400_000,
                    help="words of the corpus the detection pass is timed on (default 400,000)")
    ap.add_argument("--jobs", type=int, default=2, help="workers of the parallel runs (default 2)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/edition-corpus-bench"))
    args = ap.parse_args()

    started = time.perf_counter()
    root = args.workdir.resolve()
    corpus = root / "corpus"
    n_docs, n_words, largest = build_corpus(corpus, args.words)
    sources = discover([corpus])
    # The detection corpus: whole replicas' documents in corpus order up to --detect-words.
    detect_sources, acc = leading_documents(sources, args.detect_words)
    print(f"corpus: {n_docs:,} documents, {n_words:,} words, largest document {largest / 1e6:.1f} MB; "
          f"detection corpus: {len(detect_sources):,} documents, {acc:,} words", flush=True)

    rows = []
    outputs = {}
    for label, factory in executors(args.jobs):
        tag = label.split(" ")[0] + label.split(" ")[1]
        for state in ("count-" + tag, "detect-" + tag):
            shutil.rmtree(root / state, ignore_errors=True)
        t0 = time.perf_counter()
        with factory() as ex:
            startup = time.perf_counter() - t0
            count = timed_run("lexicon", sources, ex, root / f"count-{tag}", root)
            detect = timed_run("detect", detect_sources, ex, root / f"detect-{tag}", root)
        outputs[label] = {p.name: p.read_bytes() for p in sorted((root / f"detect-{tag}").glob("*.yaml"))}
        lx = count.report.lexicon
        rows.append({
            "label": label, "startup": startup,
            "count_s": count.report.seconds, "count_rate": lx.words / count.report.seconds,
            "count_peak": max(count.report.peak_kib.values()),
            "detect_s": detect.report.seconds,
            "detect_rate": sum(d.words for d in detect.report.documents) / detect.report.seconds,
            "detect_peak": max(detect.report.peak_kib.values()),
            "proposals": sum(d.added for d in detect.report.documents),
            "forms": lx.forms,
        })
        r = rows[-1]
        print(f"{label}: start {startup:.1f} s; count {r['count_s']:.1f} s = {r['count_rate']:,.0f} words/s "
              f"(peak/worker {mib(r['count_peak'])}); detect {r['detect_s']:.1f} s = "
              f"{r['detect_rate']:,.0f} words/s (peak/worker {mib(r['detect_peak'])}), "
              f"{r['proposals']:,} proposals", flush=True)
    first = next(iter(outputs.values()))
    identical = all(o == first for o in outputs.values())
    print(f"corrections files identical across executors: {identical} ({len(first)} files)")

    # Incremental: one document of the detection corpus changes.
    changed = detect_sources[len(detect_sources) // 2]
    original = changed.read_bytes()
    tag = rows[1]["label"].split(" ")[0] + rows[1]["label"].split(" ")[1]
    try:
        changed.write_text(original.decode("utf-8") + "An added sentence witli a misreading.\n",
                           encoding="utf-8")
        with ProcessExecutor(args.jobs) as ex:
            redetect = timed_run("detect", detect_sources, ex, root / f"detect-{tag}", root)
            relex = timed_run("lexicon", sources, ex, root / f"count-{tag}", root)
    finally:
        changed.write_bytes(original)
    inc = {"detect_s": redetect.report.seconds, "detected": redetect.report.count("done"),
           "unchanged": redetect.report.count("unchanged"), "lexicon_s": relex.report.seconds,
           "counted": relex.report.lexicon.counted}
    print(f"incremental ({args.jobs} processes): detect {inc['detect_s']:.1f} s "
          f"({inc['detected']} detected, {inc['unchanged']} unchanged); lexicon update of the whole "
          f"corpus {inc['lexicon_s']:.1f} s ({inc['counted']} counted)", flush=True)

    # What each worker holds besides one document: the corpus evidence (forms seen twice or more),
    # measured in a fresh process so that nothing else is in its peak.
    ev_path = root / f"count-{tag}" / ".corpus" / "evidence.json"
    typical = sorted(sources, key=lambda p: p.stat().st_size)[len(sources) // 2]
    probe = subprocess.run([sys.executable, "-c", EVIDENCE_PROBE, str(ev_path), str(typical)],
                           check=True, capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": sys.path[0]})
    forms, load_s, grown, per_doc = probe.stdout.split()
    evidence = {"forms": int(forms), "bytes": ev_path.stat().st_size, "load_s": float(load_s),
                "rss_kib": int(grown), "per_doc_s": float(per_doc),
                "typical_words": sum(count_words(typical.read_text(encoding="utf-8")).values())}
    print(f"corpus evidence: {evidence['forms']:,} forms (of {rows[0]['forms']:,}), "
          f"{evidence['bytes'] / 1e6:.1f} MB on disk, loads in {evidence['load_s']:.2f} s, "
          f"{mib(evidence['rss_kib'])} resident; per document (median, {evidence['typical_words']:,} "
          f"words) {evidence['per_doc_s'] * 1000:.0f} ms to give it to the detectors", flush=True)

    # Disk per word: the per-document counts cache (whole corpus) and the corrections files.
    disk = {"counts_per_word": folder_bytes(root / f"count-{tag}" / ".corpus" / "counts") / n_words,
            "corrections_per_word": sum(p.stat().st_size for p in (root / f"detect-{tag}").glob("*.yaml"))
            / acc}
    growth = vocabulary_growth()

    print()
    print(markdown(args, n_docs, n_words, largest, len(detect_sources), acc, rows, identical, inc,
                   evidence, disk, growth, time.perf_counter() - started))


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def vocabulary_growth() -> dict[str, float]:
    """How the forms seen twice or more grow with the words of real OCR (the development set in
    file order, without replication): Heaps' exponent between 1/8 of the set and all of it."""
    from collections import Counter

    words: list[str] = []
    for p in sorted(DATA.glob("eng_*/*.txt"), key=lambda p: (p.parent.name, int(p.stem))):
        words += count_words_list(load(p).ocr)
    def frequent(n: int) -> int:
        return sum(1 for c in Counter(words[:n]).values() if c >= 2)
    small, full = len(words) // 8, len(words)
    beta = math.log(frequent(full) / frequent(small)) / math.log(full / small)
    return {"words": full, "frequent": frequent(full), "beta": beta,
            "forms_1e9": frequent(full) * (1e9 / full) ** beta}


def count_words_list(text: str) -> list[str]:
    from edition.detection.document import WORD_RE

    return [m.group().lower() for m in WORD_RE.finditer(text)]


EVIDENCE_PROBE = """
import hashlib, sys, time
from pathlib import Path
from edition.corpus.lexicon import count_words, load_evidence, rest_of_corpus
from edition.detection.evidence.vocabulary import merged_counts

def rss_kib():  # the current resident set (the peak would hide a smaller later growth)
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])

path, document = sys.argv[1], sys.argv[2]
digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
before = rss_kib()
t0 = time.perf_counter()
frequent, words = load_evidence(path, digest)
load_s = time.perf_counter() - t0
grown = rss_kib() - before
# What one document costs on top of detection: its rest-of-corpus counts, and the detectors'
# merge of them with its own counts (Document.vocabulary).
own = count_words(Path(document).read_text(encoding="utf-8"))
t0 = time.perf_counter()
rest = rest_of_corpus(frequent, words, own)
merged_counts(own, rest)
per_doc = time.perf_counter() - t0
print(len(frequent), load_s, grown, per_doc)
"""


def markdown(args, n_docs, n_words, largest, d_docs, d_words, rows, identical, inc, evidence,
             disk, growth, seconds) -> str:
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load = os.getloadavg()[0]
    lines = [
        "## Corpus runs: speed, memory, incremental re-runs",
        "",
        f"Measured {date} on this machine ({os.cpu_count()} cores, shared with other work: load "
        f"average {load:.1f} at the end), in {seconds / 60:.1f} minutes, by",
        "",
        "```sh",
        f"python benchmarks/corpus_speed.py --words {args.words} --detect-words {args.detect_words} "
        f"--jobs {args.jobs}",
        "```",
        "",
        f"Corpus: {n_docs:,} documents, {n_words:,} words (the OCR of the 89 ICDAR 2017 English "
        f"development files, replicated and varied so that every document is distinct; largest "
        f"document {largest / 1e6:.1f} MB). Detection corpus: its first {d_docs:,} documents, "
        f"{d_words:,} words.",
        "",
        "| executor | start | count pass (whole corpus) | peak / worker | detect pass | peak / worker |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(f"| {r['label']} | {r['startup']:.1f} s | {r['count_s']:.1f} s, "
                     f"{r['count_rate']:,.0f} words/s | {mib(r['count_peak'])} | {r['detect_s']:.1f} s, "
                     f"{r['detect_rate']:,.0f} words/s | {mib(r['detect_peak'])} |")
    lines += [
        "",
        f"- Corrections files of the three detect runs identical byte for byte: **{identical}** "
        f"({rows[0]['proposals']:,} proposals).",
        f"- Incremental re-run after one document changed ({args.jobs} processes): `detect` of the "
        f"detection corpus {inc['detect_s']:.1f} s ({inc['detected']} detected, {inc['unchanged']} "
        f"unchanged); the corpus-lexicon update of the whole {n_words:,}-word corpus "
        f"{inc['lexicon_s']:.1f} s ({inc['counted']} document counted, the others read and hashed "
        f"only). An incremental `detect` of the whole corpus costs that update plus detecting the "
        f"changed document.",
        f"- Corpus evidence every worker holds: {evidence['forms']:,} forms seen twice or more "
        f"(of {rows[0]['forms']:,}), {evidence['bytes'] / 1e6:.1f} MB of JSON, loaded once per "
        f"worker in {evidence['load_s']:.2f} s (about {evidence['rss_kib'] / 1024:,.0f} MiB resident); "
        f"giving it to one document (its rest-of-corpus counts, merged with its own by the "
        f"detection evidence) takes {evidence['per_doc_s'] * 1000:.0f} ms for the median document "
        f"({evidence['typical_words']:,} words).",
        "- Start: starting the executor (the LocalCluster's scheduler and worker processes); not in "
        "the rates. Peak / worker: the largest peak resident set of a worker process (for "
        "`--jobs 1` the one process, which also runs the driver).",
    ]
    one, par = rows[0], rows[1]
    speedup = par["detect_rate"] / one["detect_rate"]
    core_hours = 1e9 / one["detect_rate"] / 3600
    per_form = evidence["rss_kib"] * 1024 / max(1, evidence["forms"])
    forms = growth["forms_1e9"]
    per_doc_1e9 = evidence["per_doc_s"] * forms / max(1, evidence["forms"])
    scale = 1e9 / n_words
    if d_words < n_words:
        lines += [
            "",
            f"Detection of all {n_words:,} words was not run: at the measured rates it takes "
            f"{n_words / one['detect_rate'] / 60:.0f} minutes on one process and "
            f"{n_words / par['detect_rate'] / 60:.0f} on {args.jobs}, beyond the time this shared "
            f"machine allows; the detect pass was timed on the first {d_words:,} words instead (the "
            "rate per word does not depend much on the corpus size: each document is detected "
            "alone; what grows is the corpus evidence, see below).",
        ]
    lines += [
        "",
        "### Sizing: a billion words",
        "",
        f"- **Detection** is the cost: {one['detect_rate']:,.0f} words/s per process here, so "
        f"1 billion words is **{core_hours:,.0f} core-hours** ({args.jobs} processes gave "
        f"{speedup:.2f}x of one on this {os.cpu_count()}-core machine shared with other work). On a "
        f"Dask cluster of 100 single-threaded workers that is about {core_hours / 100:,.2f} hours "
        f"if every worker has its core (documents are independent; nothing is shared but the "
        f"read-only evidence), and {core_hours / 100 / max(0.25, speedup / args.jobs):,.1f} hours "
        f"at the {speedup / args.jobs:.0%} per-worker efficiency measured here (scheduling costs little at "
        f"this grain: a document takes tens of milliseconds to seconds, a Dask task about a "
        f"millisecond) — if the corpus evidence is kept in bounds (last point).",
        f"- **Counting** (the corpus lexicon) runs at {one['count_rate']:,.0f} words/s per process: "
        f"{1e9 / one['count_rate'] / 60:,.0f} core-minutes for a billion words; the reduce adds "
        f"the per-document counts in parallel groups.",
        f"- **Incremental re-run** after one document changed: every document is read and hashed "
        f"again (the skip decision needs its SHA-256), which took {inc['lexicon_s']:.1f} s for "
        f"{n_words:,} words on {args.jobs} processes; a billion words is {scale:,.0f}x that, about "
        f"{inc['lexicon_s'] * scale / 60:,.0f} minutes on {args.jobs} processes or "
        f"{inc['lexicon_s'] * scale * args.jobs / 100:,.0f} s on 100 workers, plus the changed "
        f"documents' detection.",
        f"- **Disk**: the counts cache takes {disk['counts_per_word']:.2f} bytes per word "
        f"(about {disk['counts_per_word']:.1f} GB per billion words; replicated text has fewer new "
        f"forms per document than new text, so count on more) and the corrections files "
        f"{disk['corrections_per_word']:.1f} bytes per word ({disk['corrections_per_word']:.0f} GB "
        f"per billion), beside the sources (about 6 bytes per word).",
        f"- **Memory per worker** is the detectors' working set for the largest document (here "
        f"{mib(max(r['detect_peak'] for r in rows))} with a {largest / 1e6:.1f} MB document) plus "
        f"the corpus evidence: about {per_form:.0f} bytes per form seen twice or more, held once, "
        f"and about three times that while a document is detected (its rest-of-corpus copy and "
        f"the detection evidence's merge of it with the document's counts). How many forms a "
        f"billion words of OCR has is the open number: the development set's own growth (Heaps' "
        f"exponent {growth['beta']:.2f} for forms seen twice, between {growth['words'] // 8:,} and "
        f"{growth['words']:,} words of real OCR) extrapolates to {forms / 1e6:.0f} M forms, an upper "
        f"bound (a vocabulary grows more slowly the more text there is): up to "
        f"{3 * forms * per_form / 2**30:.1f} GiB per worker.",
        f"- **Time per document for the corpus evidence**: the detection evidence iterates the whole "
        f"corpus vocabulary for each document (merged counts, recurring forms): the merge alone "
        f"took {evidence['per_doc_s'] * 1000:.0f} ms for {evidence['forms']:,} forms here, so at "
        f"least {per_doc_1e9:.0f} s at {forms / 1e6:.0f} M forms, which would dwarf the detection of a "
        f"page. Before a billion-word run, either `MIN_CORPUS_COUNT` is raised so that the evidence "
        f"holds the forms that matter (a form seen 5 times in a billion words is weaker evidence "
        f"than one seen twice in a million), or the detection evidence looks words up in the "
        f"corpus table instead of iterating it (time proportional to the document).",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
