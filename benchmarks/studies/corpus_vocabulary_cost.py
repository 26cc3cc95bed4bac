"""How does a document's detection cost grow with the corpus vocabulary?

The same documents (one replica of the corpus of ``benchmarks/corpus_scaling.py``: 89 documents,
208,104 words) are detected in one process with the corpus evidence of each corpus that
``corpus_scaling.py`` left in ``--workdir``, and with that of the largest corpus enlarged to
``--forms`` forms (random letter-only forms seen twice, with the lengths of its own forms: what a
corpus of new text would add, where the replicated corpus repeats its vocabulary). The default
``--forms`` is the development set's own growth of forms seen twice (Heaps' exponent, measured by
``corpus_speed.vocabulary_growth``) extrapolated to the largest corpus: an upper bound for real
OCR of that size. Then the steps of one median document that go over the whole corpus vocabulary
(the corpus counts, the detection evidence's views of them) are timed one by one, as a
``Document`` given the rest-of-corpus counts builds them (detection's path before the corpus
evidence was shared by a worker's documents, 58401ff), and the per-document steps of the shared
path (a ``Document`` given the worker's ``CorpusVocabulary``, what ``edition detect DIR`` runs).

Run ``corpus_scaling.py`` first (its corpora and run states are read here):

    PYTHONPATH=$PWD nice python3 benchmarks/studies/corpus_vocabulary_cost.py
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import corpus_speed  # noqa: E402  (the development set's vocabulary growth)

from edition.corpus.lexicon import (EvidenceRef, count_words, load_evidence, rest_of_corpus,  # noqa: E402
                                    shared_corpus)
from edition.corpus.tasks import Job, detect_document  # noqa: E402
from edition.detection.document import Document  # noqa: E402
from edition.detection.evidence import readings  # noqa: E402


def enlarged(evidence: Path, forms: int, out: Path) -> Path:
    """``evidence`` with random letter-only forms seen twice added up to ``forms`` forms."""
    record = json.loads(evidence.read_bytes())
    counts = record["counts"]
    lengths = [len(w) for w in counts]
    rng = random.Random(1)
    while len(counts) < forms:
        w = "".join(rng.choice("etaoinshrdlcumwfgypbvkjxqz") for _ in range(rng.choice(lengths)))
        if w not in counts:
            counts[w] = 2
            record["words"] += 2
    record["counts"] = dict(sorted(counts.items()))
    out.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return out


def ref(path: Path) -> EvidenceRef:
    return EvidenceRef(str(path), hashlib.sha256(path.read_bytes()).hexdigest())


def detect_all(documents: list[Path], evidence: EvidenceRef) -> tuple[float, int]:
    """CPU seconds and words of detecting ``documents`` (fresh corrections files)."""
    load_evidence(evidence.path, evidence.digest)
    words = 0
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.process_time()
        for d in documents:
            words += detect_document(Job(str(d), f"{tmp}/{d.stem}.yaml"), evidence=evidence).words
        return time.process_time() - t0, words


#: The per-document steps that go over the whole corpus vocabulary (as of this writing).
STEPS = [("rest_of_corpus (copy of the evidence)", None),
         ("Document.n_words", lambda doc: doc.n_words),
         ("Document.vocabulary (merged_counts)", lambda doc: doc.vocabulary),
         ("Document.recurring_forms", lambda doc: doc.recurring_forms),
         ("Document.text_words", lambda doc: doc.text_words),
         ("readings._text_and_once", lambda doc: doc.memo(readings._text_and_once)),
         ("readings._accent_habit", lambda doc: doc.memo(readings._accent_habit)),
         ("readings._frequent_index (some documents)", lambda doc: doc.memo(readings._frequent_index))]


#: The per-document steps of the shared path (``Document(text, corpus=CorpusVocabulary)``, what
#: ``edition detect DIR`` runs): what it derives from the corpus it derives once per worker
#: (:meth:`CorpusVocabulary.memo`), so each of these should take time proportional to the document.
SHARED_STEPS = [("Document.n_words", lambda doc: doc.n_words),
                ("Document.vocabulary (DocumentCounts)", lambda doc: doc.vocabulary),
                ("Document.own_text_words", lambda doc: doc.own_text_words),
                ("readings._own_text_and_once", lambda doc: doc.memo(readings._own_text_and_once)),
                ("readings._accent_habit", lambda doc: doc.memo(readings._accent_habit)),
                ("readings._shares_corpus_frequent", lambda doc: doc.memo(readings._shares_corpus_frequent))]


def shared_step_times(document: Path, evidence: EvidenceRef, rounds: int = 5) -> dict[str, float]:
    """Median CPU milliseconds of each step of :data:`SHARED_STEPS` for ``document`` (the corpus's
    own memos made in a first round that is not timed, as the worker's first document makes them)."""
    text = document.read_text(encoding="utf-8")
    corpus = shared_corpus(evidence.path, evidence.digest)
    times: dict[str, list[float]] = {}
    for r in range(rounds + 1):
        doc = Document(text, corpus=corpus)
        for name, step in SHARED_STEPS:
            t0 = time.process_time()
            step(doc)
            if r:
                times.setdefault(name, []).append(time.process_time() - t0)
    return {k: sorted(v)[len(v) // 2] * 1000 for k, v in times.items()}


def step_times(document: Path, evidence: EvidenceRef, rounds: int = 5) -> dict[str, float]:
    """Median CPU milliseconds of each step of :data:`STEPS` for ``document``."""
    text = document.read_text(encoding="utf-8")
    own = count_words(text)
    frequent, words = load_evidence(evidence.path, evidence.digest)
    times: dict[str, list[float]] = {}
    for _ in range(rounds):
        t0 = time.process_time()
        rest = rest_of_corpus(frequent, words, own)
        times.setdefault(STEPS[0][0], []).append(time.process_time() - t0)
        doc = Document(text, frozenset(), rest, ())
        for name, step in STEPS[1:]:
            t0 = time.process_time()
            step(doc)
            times.setdefault(name, []).append(time.process_time() - t0)
    return {k: sorted(v)[len(v) // 2] * 1000 for k, v in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/corpus-scaling"))
    ap.add_argument("--replica", default="r002", help="the replica whose documents are detected")
    ap.add_argument("--forms", type=int, help="forms of the enlarged evidence (default: Heaps' "
                    "extrapolation of the development set to the largest corpus)")
    args = ap.parse_args()
    states = sorted(args.workdir.glob("state-*/.corpus/evidence.json"),
                    key=lambda p: int(p.parts[-3].split("-")[1]))
    corpora = sorted(args.workdir.glob("corpus-*"), key=lambda p: int(p.name.split("-")[1]))
    if not states or not corpora:
        raise SystemExit(f"no corpus runs in {args.workdir}: run benchmarks/corpus_scaling.py first")
    documents = sorted((corpora[-1] / args.replica).glob("*.txt"))
    median_doc = sorted(documents, key=lambda p: p.stat().st_size)[len(documents) // 2]
    largest_words = json.loads(states[-1].read_bytes())["words"]
    forms = args.forms
    if forms is None:
        g = corpus_speed.vocabulary_growth()
        forms = round(g["frequent"] * (largest_words / g["words"]) ** g["beta"])
        print(f"Heaps' exponent of forms seen twice in the development set: {g['beta']:.2f}; "
              f"{largest_words:,} words of real OCR: up to {forms:,} forms seen twice")
    with tempfile.TemporaryDirectory() as tmp:
        evidences = [(f"{p.parts[-3]} ({json.loads(p.read_bytes())['words']:,} words)", ref(p))
                     for p in states]
        evidences.append((f"{states[-1].parts[-3]} enlarged",
                          ref(enlarged(states[-1], forms, Path(tmp) / "enlarged.json"))))
        print(f"\n{len(documents)} documents of {args.replica}, one process; median document "
              f"{median_doc.name}")
        print("| evidence | forms | detection CPU per word | peak of the process so far |")
        print("|---|---|---|---|")
        steps, shared_steps = {}, {}
        for label, evidence in evidences:
            cpu, words = detect_all(documents, evidence)
            n = len(load_evidence(evidence.path, evidence.digest)[0])
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"| {label} | {n:,} | {cpu / words * 1e6:,.0f} µs ({words:,} words) | "
                  f"{peak:,.0f} MiB |", flush=True)
            steps[n] = step_times(median_doc, evidence)
            shared_steps[n] = shared_step_times(median_doc, evidence)
    print(f"\nSteps over the corpus vocabulary for {median_doc.name} "
          f"({sum(count_words(median_doc.read_text(encoding='utf-8')).values())} words), "
          "CPU ms, median of 5, of a Document given the rest-of-corpus counts (corpus_counts: "
          "detection's path before the shared corpus evidence of 58401ff):")
    print_steps(steps, STEPS, 1)
    print(f"\nThe same document's steps on the shared path (Document(text, corpus=CorpusVocabulary): "
          "what edition detect DIR runs), CPU ms, median of 5:")
    print_steps(shared_steps, SHARED_STEPS, 2)


def print_steps(steps: dict[int, dict[str, float]], names: list, digits: int) -> None:
    """A Markdown table of step times: one row per step, one column per evidence (its forms)."""
    print("| step | " + " | ".join(f"{n:,} forms" for n in steps) + " |")
    print("|---" * (len(steps) + 1) + "|")
    for name, _ in names:
        print(f"| {name} | " + " | ".join(f"{s[name]:.{digits}f}" for s in steps.values()) + " |")
    print("| total | " + " | ".join(f"{sum(s.values()):.{digits}f}" for s in steps.values()) + " |")

if __name__ == "__main__":
    main()
