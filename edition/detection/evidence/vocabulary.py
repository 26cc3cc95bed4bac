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

>>> word_counts(["The", "the", "Hee"])["the"]
2
>>> pair_counts("he knew, he said", [(0, 2, "he"), (3, 7, "knew"), (9, 11, "he"), (12, 16, "said")])
Counter({'he knew': 1, 'he said': 1})
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping, Sequence


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
