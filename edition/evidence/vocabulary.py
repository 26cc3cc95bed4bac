"""The document's own vocabulary: the strongest evidence about a text is the text itself.

A form that recurs in a text is a word of that text (a name, a historical spelling, a term),
whatever a general lexicon says; a rare form one OCR confusion away from a frequent one is
suspect (the idea of TICCL, Reynaert 2010). This module counts forms and word pairs; the
:class:`~edition.detection.Document` keeps the counts, computed once per text.

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


def adjacent(text: str, a_end: int, b_start: int) -> bool:
    """True when only spaces or line breaks separate two tokens (they are one context)."""
    gap = text[a_end:b_start]
    return gap.isspace() if gap else False


def pair_counts(text: str, tokens: Sequence[tuple[int, int, str]]) -> Counter[str]:
    out: Counter[str] = Counter()
    for (s1, e1, w1), (s2, e2, w2) in zip(tokens, tokens[1:]):
        if adjacent(text, e1, s2):
            out[f"{w1.lower()} {w2.lower()}"] += 1
    return out


def triple_counts(text: str, tokens: Sequence[tuple[int, int, str]]) -> Counter[str]:
    """"a b c" → occurrences of three words in a row (only whitespace between them): a phrase
    the text repeats ("he knew how to") is the strongest context for a word inside it.

    >>> triple_counts("he knew how to", [(0, 2, "he"), (3, 7, "knew"), (8, 11, "how"), (12, 14, "to")])
    Counter({'he knew how': 1, 'knew how to': 1})
    """
    out: Counter[str] = Counter()
    for (s1, e1, w1), (s2, e2, w2), (s3, e3, w3) in zip(tokens, tokens[1:], tokens[2:]):
        if adjacent(text, e1, s2) and adjacent(text, e2, s3):
            out[f"{w1.lower()} {w2.lower()} {w3.lower()}"] += 1
    return out


def merged_counts(document: Mapping[str, int], corpus: Mapping[str, int] | None) -> Mapping[str, int]:
    """Document counts, plus corpus counts (case-folded) when a corpus is given."""
    if not corpus:
        return document
    out = Counter(document)
    for w, n in corpus.items():
        out[w.lower()] += n
    return out
