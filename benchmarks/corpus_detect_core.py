"""Corpus detection per core: words per second of one process (``SerialExecutor``; wall time and
CPU time, the latter steadier on a shared machine) detecting the first ``--detect-words`` words
of the corpus of ``benchmarks/corpus_speed.py`` (the ICDAR 2017 texts, replicated with OCR-like
variations), its peak memory, and a digest of the corrections files written (two versions of
the code that detect the same write the same digest). The detection run's corpus evidence is
the lexicon of the documents it detects: ``--detect-words`` equal to ``--words`` detects the whole
corpus with the whole corpus's evidence. ``--profile FILE`` writes a cProfile of the detection
pass.

Not a test: a script that measures and prints one line per run.

    PYTHONPATH=$PWD nice python3 benchmarks/corpus_detect_core.py --words 1000000 --detect-words 400000
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_speed  # noqa: E402  (the corpus and the timed run, shared with the full benchmark)

from edition.corpus.discover import discover  # noqa: E402
from edition.corpus.executors import SerialExecutor  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=1_000_000, help="size of the corpus (default 1 M)")
    ap.add_argument("--detect-words", type=int, default=400_000,
                    help="words of the corpus the detection pass is timed on (default 400,000)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/edition-corpus-core"))
    ap.add_argument("--profile", type=Path, help="write a cProfile of the detection pass here")
    args = ap.parse_args()
    root = args.workdir.resolve()
    corpus_speed.build_corpus(root / "corpus", args.words)
    sources = discover([root / "corpus"])
    detected, _ = corpus_speed.leading_documents(sources, args.detect_words)
    state = root / "state"
    shutil.rmtree(state, ignore_errors=True)
    with SerialExecutor() as ex:
        corpus_speed.timed_run("lexicon", sources, ex, state, root)
        profile = cProfile.Profile() if args.profile else None
        if profile:
            profile.enable()
        cpu = time.process_time()
        run = corpus_speed.timed_run("detect", detected, ex, state, root)
        cpu = time.process_time() - cpu
        if profile:
            profile.disable()
            profile.dump_stats(str(args.profile))
    words = sum(d.words for d in run.report.documents)
    digest = hashlib.sha256()
    for p in sorted(state.glob("*.yaml")):
        digest.update(p.name.encode("utf-8"))
        digest.update(p.read_bytes())
    print(f"{len(detected)} documents, {words:,} words: detect {run.report.seconds:.1f} s = "
          f"{words / run.report.seconds:,.0f} words/s per core ({cpu:.1f} s CPU = {words / cpu:,.0f} words/s), peak {max(run.report.peak_kib.values()) / 1024:,.0f} MiB; "
          f"corrections files {digest.hexdigest()[:16]}",
          flush=True)


if __name__ == "__main__":
    main()
