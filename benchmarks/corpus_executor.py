"""The cost of handing documents to worker processes: the count pass of a corpus of small
documents (the pass with the least work per document, so the one where the executor's own cost
shows), with 2 worker processes, cold (every document counted) and warm (every document only read
and hashed, its counts cached), repeated; medians.

Not a test: a script that measures and prints one line per setting. Run it with the code to
measure first on the path, e.g. before and after a change to ``edition/corpus/executors.py``::

    PYTHONPATH=/path/to/old python benchmarks/corpus_executor.py
    PYTHONPATH=$PWD python benchmarks/corpus_executor.py

The corpus is that of ``benchmarks/corpus_speed.py`` (the development set's OCR, replicated and
varied), ``--words`` long.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(1, str(Path(__file__).resolve().parent))

from corpus_speed import build_corpus  # noqa: E402

import edition  # noqa: E402
from edition.corpus import executors  # noqa: E402
from edition.corpus.discover import discover  # noqa: E402
from edition.corpus.run import CorpusRun  # noqa: E402


def settings(jobs: int):
    yield "no limits", lambda: executors.ProcessExecutor(jobs)
    if hasattr(executors, "Limits"):
        yield "default limits", lambda: executors.ProcessExecutor(jobs, executors.Limits())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/edition-corpus-bench"))
    args = ap.parse_args()
    n_docs, n_words, _ = build_corpus(args.workdir / "corpus", args.words)
    sources = discover([args.workdir / "corpus"])
    print(f"code: {Path(edition.__file__).parent}; corpus: {n_docs:,} documents, "
          f"{n_words:,} words; {args.jobs} processes")
    for label, factory in settings(args.jobs):
        cold, warm = [], []
        for _ in range(args.repeat):
            state = Path(tempfile.mkdtemp(prefix="corrections-", dir=args.workdir))
            try:
                with factory() as ex:
                    for times in (cold, warm):
                        run = CorpusRun("lexicon", sources, executor=ex, corrections_dir=state,
                                        root=args.workdir)
                        t0 = time.perf_counter()
                        for _ in run.steps():
                            pass
                        times.append(time.perf_counter() - t0)
                        assert not run.report.failed, run.report.failed[0].reason
            finally:
                shutil.rmtree(state)
        print(f"{label}: cold {statistics.median(cold):.2f} s "
              f"({n_docs / statistics.median(cold):,.0f} documents/s), warm "
              f"{statistics.median(warm):.2f} s ({n_docs / statistics.median(warm):,.0f} "
              f"documents/s); medians of {args.repeat}", flush=True)


if __name__ == "__main__":
    main()
