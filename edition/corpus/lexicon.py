"""The corpus lexicon: how often every word form occurs in the whole corpus.

Corpus evidence is a map/reduce:

- **map** — :func:`count_words` counts the vocabulary of one document (tokenized exactly as
  :class:`~edition.detection.document.Document` does, case-folded like its ``lower_counts``). The counts
  are cached on disk under the document's SHA-256 (:class:`LexiconStore`), so a document that did
  not change is never counted again, whatever its path.
- **reduce** — :func:`sum_counts` adds the cached counts of a group of documents;
  :func:`apply_delta` turns the previous lexicon into the new one by subtracting the documents
  that left or changed and adding those that arrived or changed (:class:`LexiconDelta`): a re-run
  after one document changed costs one document, not the corpus.

The lexicon is kept in two files under the store (``corrections/.corpus/`` by default):
``lexicon.json`` (every form, and the manifest of which document version it was built from) and
``evidence.json`` (the forms the detectors get, see :data:`MIN_CORPUS_COUNT`). Each worker reads
``evidence.json`` once (:func:`load_evidence`) and gives each document the counts of the *rest*
of the corpus (:func:`rest_of_corpus`): the detection evidence adds the document's own counts to
them (:func:`edition.detection.evidence.vocabulary.merged_counts`), which makes the whole corpus again.

>>> count_words("The cat and the Cat.")
Counter({'the': 2, 'cat': 2, 'and': 1})
>>> rest = rest_of_corpus({"stalin": 312, "the": 9000}, 20000, count_words("Statin met Stalin, the man"))
>>> rest["stalin"], rest["statin"], rest.total()
(311, 0, 19995)
"""
from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..store.atomic import write_atomic
from ..detection.document import WORD_RE
from ..detection.evidence.vocabulary import CorpusVocabulary

#: Forms seen fewer times in the whole corpus are left out of the evidence every worker holds.
#: A form seen once in the corpus tells nothing the document's own count does not (and
#: :class:`CorpusCounts` gives a document's own forms their exact corpus count anyway), while
#: hapaxes are most of an OCR vocabulary, where every misread makes a new one: 67 % of the
#: 36,184 forms of the OCR of the ICDAR 2017 English set occur once. Dropping them cuts the
#: memory of every worker by two thirds; the only evidence lost is "a candidate reading occurs
#: once elsewhere in the corpus".
MIN_CORPUS_COUNT = 2

#: Version of the cache formats; a change makes old caches rebuild instead of being misread.
FORMAT = 1


def count_words(text: str) -> Counter[str]:
    """How often each word occurs in ``text``: the tokens detectors see, case-folded."""
    return Counter(m.group().lower() for m in WORD_RE.finditer(text))


class CorpusCounts(Counter):
    """Word counts of the rest of a corpus (every document but one), case-folded.

    It holds the forms seen at least :data:`MIN_CORPUS_COUNT` times in the whole corpus, minus
    the document's own occurrences. That is exact for every form of the document: a form of the
    document missing from the frequent forms occurs in the corpus only as often as in the document
    itself, so the rest of the corpus has none. :meth:`total` is the exact number of running words
    in the rest of the corpus, including the rare forms left out (``sum(values())`` is not).

    It is a copy per document, not a view over the shared evidence: the detection evidence
    iterates the whole corpus vocabulary for every document anyway
    (:func:`edition.detection.evidence.vocabulary.merged_counts`), and a C-level dict copy is cheaper than
    the Python-level iteration a view would add to that (measured: 9 ms against 21 ms per
    document with 31,849 forms).
    """

    words: int = 0

    def total(self) -> int:  # type: ignore[override]
        return self.words


def rest_of_corpus(frequent: Mapping[str, int], corpus_words: int, document: Mapping[str, int]
                   ) -> CorpusCounts:
    """The corpus counts without ``document``'s own (see :class:`CorpusCounts`)."""
    rest = CorpusCounts()
    dict.update(rest, frequent)  # a plain copy: the fastest way to fill a Counter
    for word, n in document.items():
        left = rest.get(word)
        if left is not None:
            if left > n:
                rest[word] = left - n
            else:
                del rest[word]
    rest.words = corpus_words - sum(document.values())
    return rest


@dataclass(frozen=True)
class Lexicon:
    """The corpus lexicon: which version of which document it counts, and the counts."""

    documents: dict[str, str]  # source path -> SHA-256 of the text that was counted
    counts: Counter[str]

    @property
    def words(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class EvidenceRef:
    """Where workers find the corpus evidence, and its digest (so a worker that lives across
    runs, as on a Dask cluster, reloads it when it changed)."""

    path: str
    digest: str


class LexiconStore:
    """The corpus cache folder: per-document counts by SHA-256, the lexicon, the evidence.

    Layout: ``counts/<sha[:2]>/<sha>.json.gz``, ``lexicon.json``, ``evidence.json``. Every file
    is written atomically, so an interrupted run leaves each one old or new.
    """

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def counts_path(self, sha256: str) -> Path:
        return self.root / "counts" / sha256[:2] / f"{sha256}.json.gz"

    @property
    def lexicon_path(self) -> Path:
        return self.root / "lexicon.json"

    @property
    def evidence_path(self) -> Path:
        return self.root / "evidence.json"

    def has_counts(self, sha256: str) -> bool:
        return self.counts_path(sha256).exists()

    def put_counts(self, sha256: str, counts: Counter[str]) -> None:
        data = json.dumps({"format": FORMAT, "sha256": sha256, "words": sum(counts.values()),
                           "counts": dict(sorted(counts.items()))}, ensure_ascii=False)
        # mtime=0: the same counts make the same bytes; level 1: the cache is written once per
        # document version and read seldom, speed matters more than the last 10 % of size.
        write_atomic(self.counts_path(sha256), gzip.compress(data.encode("utf-8"), 1, mtime=0))

    def get_counts(self, sha256: str) -> Counter[str] | None:
        """The cached counts of a document version, or None (missing or unreadable cache)."""
        try:
            record = json.loads(gzip.decompress(self.counts_path(sha256).read_bytes()))
        except (OSError, ValueError, EOFError):
            return None
        if record.get("format") != FORMAT or record.get("sha256") != sha256:
            return None
        return Counter(record["counts"])

    def load_lexicon(self) -> Lexicon | None:
        try:
            record = json.loads(self.lexicon_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if record.get("format") != FORMAT:
            return None
        return Lexicon(dict(record["documents"]), Counter(record["counts"]))

    def save(self, lexicon: Lexicon, min_count: int = MIN_CORPUS_COUNT) -> EvidenceRef:
        """Write the lexicon and the evidence derived from it; return where the evidence is."""
        write_atomic(self.lexicon_path, json.dumps(
            {"format": FORMAT, "documents": dict(sorted(lexicon.documents.items())),
             "words": lexicon.words, "counts": dict(sorted(lexicon.counts.items()))},
            ensure_ascii=False))
        return self.save_evidence(lexicon, min_count)

    def save_evidence(self, lexicon: Lexicon, min_count: int = MIN_CORPUS_COUNT) -> EvidenceRef:
        frequent = {w: n for w, n in sorted(lexicon.counts.items()) if n >= min_count}
        data = json.dumps({"format": FORMAT, "min_count": min_count, "words": lexicon.words,
                           "counts": frequent},
                          ensure_ascii=False).encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        if not (self.evidence_path.exists() and _file_sha256(self.evidence_path) == digest):
            write_atomic(self.evidence_path, data)
        return EvidenceRef(str(self.evidence_path.resolve()), digest)


def _file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sum_counts(store_root: str, sha256s: Iterable[str]) -> Counter[str]:
    """Reduce step: the summed cached counts of the given document versions (a task)."""
    store = LexiconStore(store_root)
    total: Counter[str] = Counter()
    for sha in sha256s:
        counts = store.get_counts(sha)
        if counts is None:
            raise FileNotFoundError(f"no cached counts for document {sha}")
        total.update(counts)
    return total


class LexiconDelta:
    """What changed between the previous lexicon's documents and this run's."""

    def __init__(self, previous: Mapping[str, str], current: Mapping[str, str]):
        self.removed = sorted(sha for path, sha in previous.items() if current.get(path) != sha)
        self.added = sorted(sha for path, sha in current.items() if previous.get(path) != sha)

    def __bool__(self) -> bool:
        return bool(self.removed or self.added)


def apply_delta(previous: Lexicon, current: Mapping[str, str], removed: Counter[str],
                added: Counter[str]) -> Lexicon:
    """The lexicon for ``current``: ``previous`` minus the removed counts plus the added ones."""
    counts = Counter(previous.counts)
    counts.subtract(removed)
    counts.update(added)
    # Counter.subtract keeps zero and negative entries; a form whose last occurrence left the
    # corpus must leave the lexicon (negative would mean a corrupt cache: refuse to hide it).
    if any(n < 0 for n in counts.values()):
        raise ValueError("corpus lexicon cache is inconsistent (negative count)")
    return Lexicon(dict(current), Counter({w: n for w, n in counts.items() if n > 0}))


@lru_cache(maxsize=1)
def load_evidence(path: str, digest: str) -> tuple[dict[str, int], int]:
    """The frequent corpus forms and the corpus's running words (read once per worker process
    and evidence version)."""
    data = Path(path).read_bytes()
    if hashlib.sha256(data).hexdigest() != digest:
        raise ValueError(f"{path}: corpus evidence changed during the run; run again")
    record = json.loads(data)
    return record["counts"], record["words"]


@lru_cache(maxsize=1)
def shared_corpus(path: str, digest: str) -> CorpusVocabulary:
    """The corpus evidence as the detectors' :class:`CorpusVocabulary`, one per worker process and
    evidence version: every document the worker detects shares it (and what is derived from it).
    The evidence a document gets is that of :func:`rest_of_corpus` plus its own counts."""
    counts, words = load_evidence(path, digest)
    return CorpusVocabulary(counts, words)
