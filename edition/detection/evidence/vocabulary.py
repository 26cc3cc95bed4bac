"""The document's own vocabulary: the strongest evidence about a text is the text itself.

A form that recurs in a text is a word of that text (a name, a historical spelling, a term),
whatever a general lexicon says; a rare form one OCR confusion away from a frequent one is
suspect (the idea of TICCL, Reynaert 2010). This module counts forms and word pairs; the
:class:`~edition.detection.document.Document` keeps the counts, computed once per text.

- :func:`word_counts` — case-folded form → occurrences.
- :func:`pair_counts` — "a b" → occurrences of ``a`` directly followed by ``b`` (only
  whitespace between them: a comma or full stop breaks the context).
- :func:`triple_counts` — "a b c" → occurrences of three words in a row.
- :func:`merged_counts` — the document's counts plus an optional corpus's (the later corpus
  feature passes counts of a whole collection; a form of the collection is a word of the text).
- :class:`CorpusVocabulary` — a corpus's counts shared by all its documents in a worker, with
  what is derived from them once (not once per document): the same evidence as the counts of
  the rest of the corpus plus the document's own (:meth:`CorpusVocabulary.merged`).
- :class:`DocumentCounts` — a document's counts merged with its corpus's, read through to the
  corpus's counts instead of copying them.

>>> word_counts(["The", "the", "Hee"])["the"]
2
>>> pair_counts("he knew, he said", [(0, 2, "he"), (3, 7, "knew"), (9, 11, "he"), (12, 16, "said")])
Counter({'he knew': 1, 'he said': 1})
"""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, ItemsView, Iterable, Iterator, Mapping, Sequence, TypeVar, cast

T = TypeVar("T")


def word_counts(words: Iterable[str]) -> Counter[str]:
    return Counter(w.lower() for w in words)


def adjacency(text: str, tokens: Sequence[tuple[int, int, str]]) -> list[bool]:
    """For each token but the last: do only spaces or line breaks separate it from the next one
    (the two are one context)?

    >>> adjacency("he knew, he said", [(0, 2, "he"), (3, 7, "knew"), (9, 11, "he"), (12, 16, "said")])
    [True, False, True]
    """
    ends = [t[1] for t in tokens]
    starts = [t[0] for t in tokens]
    return [text[e:s].isspace() for e, s in zip(ends, starts[1:])]


def pair_counts(text: str, tokens: Sequence[tuple[int, int, str]], low: Sequence[str] | None = None,
                joined: Sequence[bool] | None = None) -> Counter[str]:
    """"a b" → occurrences of ``a`` directly followed by ``b``. ``low`` (the tokens' texts
    lower-cased) and ``joined`` (:func:`adjacency`) may be passed when the caller has them (the
    :class:`~edition.detection.document.Document` shares them with :func:`triple_counts`)."""
    if low is None:
        low = [t[2].lower() for t in tokens]
    if joined is None:
        joined = adjacency(text, tokens)
    # Counter counts a generator in C; the pairs come in text order, as a loop would add them.
    return Counter(f"{a} {b}" for a, b, j in zip(low, low[1:], joined) if j)


def triple_counts(text: str, tokens: Sequence[tuple[int, int, str]], low: Sequence[str] | None = None,
                  joined: Sequence[bool] | None = None) -> Counter[str]:
    """"a b c" → occurrences of three words in a row (only whitespace between them): a phrase
    the text repeats ("he knew how to") is the strongest context for a word inside it. ``low``
    and ``joined`` as for :func:`pair_counts`.

    >>> triple_counts("he knew how to", [(0, 2, "he"), (3, 7, "knew"), (8, 11, "how"), (12, 14, "to")])
    Counter({'he knew how': 1, 'knew how to': 1})
    """
    if low is None:
        low = [t[2].lower() for t in tokens]
    if joined is None:
        joined = adjacency(text, tokens)
    return Counter(f"{a} {b} {c}" for a, b, c, j, k in zip(low, low[1:], low[2:], joined, joined[1:]) if j and k)


def merged_counts(document: Mapping[str, int], corpus: Mapping[str, int] | None) -> Mapping[str, int]:
    """Document counts, plus corpus counts (case-folded) when a corpus is given."""
    if not corpus:
        return document
    out = Counter(document)
    for w, n in corpus.items():
        out[w.lower()] += n
    return out


@dataclass(frozen=True, eq=False)
class CorpusVocabulary:
    """The word counts of a whole corpus, shared by its documents (one per worker and evidence).

    ``counts`` are the case-folded forms the whole corpus has at least twice (the corpus
    evidence, :mod:`edition.corpus.lexicon`), ``words`` its running words. A document of the
    corpus sees the counts of the rest of the corpus plus its own
    (:func:`edition.corpus.lexicon.rest_of_corpus`, then :func:`merged_counts`): for a form of
    the evidence that is the larger of the corpus's count and the document's, for any other form
    the document's. :meth:`merged` and :meth:`rest_total` give those numbers from the shared
    counts in time proportional to the document, and :meth:`memo` keeps what the detectors
    derive from the counts once per corpus (the corpus's recurring forms, their search indexes)
    instead of once per document: with 31,000 corpus forms, merging and deriving them again for
    each document of 2,000 words cost more than reading the document.
    """

    counts: Mapping[str, int]
    words: int
    _memo: dict[Callable[..., object], object] = field(default_factory=dict, init=False, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, init=False, repr=False)

    @cached_property
    def counted(self) -> int:
        """The occurrences ``counts`` holds (the corpus's running words without its rarer forms)."""
        return sum(self.counts.values())

    @cached_property
    def recurring(self) -> frozenset[str]:
        """The forms the corpus has at least twice: words of every one of its documents."""
        return frozenset(w for w, n in self.counts.items() if n >= 2)

    def rest_total(self, document: Mapping[str, int]) -> int:
        """``sum(rest_of_corpus(...).values())`` for a document with these own counts: the
        corpus's counted occurrences minus the document's share of each (never below zero)."""
        counts = self.counts
        return self.counted - sum(min(counts[w], n) for w, n in document.items() if w in counts)

    def merged(self, document: Counter[str]) -> Mapping[str, int]:
        """:func:`merged_counts` of the document's counts and the rest of the corpus, as a
        :class:`DocumentCounts` view: the same forms in the same order with the same counts,
        made in time proportional to the document (a copy of the corpus's counts for every
        document cost as much as reading a document of 300 words at 369,000 corpus forms)."""
        counts = self.counts
        if self.rest_total(document) == 0 and all(w in document for w in counts):
            return document  # the document holds every occurrence: nothing of the rest is left
        return DocumentCounts(document, counts)

    def memo(self, compute: Callable[["CorpusVocabulary"], T]) -> T:
        """``compute(self)``, once per corpus (as :meth:`Document.memo` does once per text)."""
        try:
            return cast(T, self._memo[compute])
        except KeyError:
            with self._lock:  # documents may be read in threads (a Dask worker): compute once
                if compute not in self._memo:
                    self._memo[compute] = compute(self)
                return cast(T, self._memo[compute])


class DocumentCounts(Mapping[str, int]):
    """A document's counts merged with its corpus's (:meth:`CorpusVocabulary.merged`), without
    copying the corpus's: the document's forms with the larger of its count and the corpus's,
    then the corpus's other forms, read from the corpus's counts. What :func:`merged_counts`
    gives, form for form and in its order; like a ``Counter``, a form of neither counts 0.

    >>> v = DocumentCounts(Counter({"stalin": 3, "hee": 1}), {"the": 9, "stalin": 2})
    >>> list(v.items()), v.get("the"), v["zzqx"], len(v)
    ([('stalin', 3), ('hee', 1), ('the', 9)], 9, 0, 3)
    """

    __slots__ = ("_own", "_corpus")

    def __init__(self, document: Mapping[str, int], corpus: Mapping[str, int]) -> None:
        get = corpus.get
        # the document's forms keep their place (merged_counts starts from the document's counts)
        self._own = {w: max(n, get(w, 0)) for w, n in document.items()}
        self._corpus = corpus

    def get(self, key: str, default: int | None = None) -> int | None:  # type: ignore[override]
        # the detectors' hot lookup: one dict lookup for the document's forms, two for others
        n = self._own.get(key)
        return self._corpus.get(key, default) if n is None else n

    def __getitem__(self, key: str) -> int:
        n = self._own.get(key)
        return self._corpus.get(key, 0) if n is None else n

    def __contains__(self, key: object) -> bool:
        return key in self._own or key in self._corpus

    def __iter__(self) -> Iterator[str]:
        yield from self._own
        own = self._own
        yield from (w for w in self._corpus if w not in own)

    def __len__(self) -> int:
        corpus = self._corpus
        return len(corpus) + sum(1 for w in self._own if w not in corpus)

    def items(self) -> ItemsView[str, int]:
        return _DocumentItems(self)


class _DocumentItems(ItemsView[str, int]):
    """The (form, count) pairs of a :class:`DocumentCounts`, read from its two dicts in C (the
    generic view looks each form up again through Python)."""

    _mapping: DocumentCounts

    def __iter__(self) -> Iterator[tuple[str, int]]:
        own = self._mapping._own
        yield from own.items()
        yield from ((w, n) for w, n in self._mapping._corpus.items() if w not in own)
