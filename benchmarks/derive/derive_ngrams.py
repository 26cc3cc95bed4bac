"""Derive the period word pairs: which words follow which in 18th- and 19th-century print.

Usage::

    python benchmarks/derive/derive_ngrams.py     # writes edition/detection/data/period_pairs.json.gz
    python benchmarks/derive/derive_tables.py period-pairs   # then its shipped pickle

The context evidence of the word model (:mod:`edition.detection.evidence.ngrams`) weighs a
reading by how well it fits its neighbours. symspellpy's bigram list is modern web English; the
newspapers, playbills and books this tool reads say ``the prisoner``, ``Police-court``, ``was
remanded``, ``the hon. member``. This script counts the word pairs of the *gold* texts of the
development sets' ``tune`` parts only (``benchmarks/devsets.py``: ICDAR 2017 English, BLN600,
ICDAR 2019 English), so the ``check`` parts stay a fair test: a pair is two word tokens
(:data:`edition.detection.document.WORD_RE`, lower-cased) with only whitespace between them
(:func:`edition.detection.evidence.vocabulary.pair_counts`, as the text's own pairs are
counted). Every pair seen at least :data:`MIN_PAIR` times is kept, with the word counts.

The file records, per document, nothing: only the summed counts (``pairs``: "a b" → n;
``words``: a → n), the sets and the split rule, and the date.
"""
from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from contextlib import contextmanager
from typing import Iterator
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/: devsets
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: edition
import devsets  # noqa: E402
from edition.detection.document import WORD_RE  # noqa: E402
from edition.detection.evidence import ngrams  # noqa: E402
from edition.detection.evidence.vocabulary import pair_counts  # noqa: E402
from edition.evaluation.align import GAP, UNKNOWN  # noqa: E402

OUT = Path(__file__).resolve().parents[2] / "edition" / "detection" / "data" / "period_pairs.json.gz"
#: Pairs seen once are kept too: in 300,000 words most pairs of a period's phrasing are seen once,
#: and the model smooths every count toward English at large (``ngrams.py``).
MIN_PAIR = 1


def gold_text(doc) -> str:
    """The gold text of an aligned document (gaps dropped; unknown gold as a space)."""
    return doc.gold_aligned.replace(GAP, "").replace(UNKNOWN, " ")


def counts(texts) -> tuple[Counter, Counter]:
    pairs: Counter = Counter()
    words: Counter = Counter()
    for text in texts:
        tokens = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]
        pairs.update(pair_counts(text, tokens))
        words.update(t[2].lower() for t in tokens)
    return pairs, words


def doc_counts(doc) -> tuple[Counter, Counter]:
    """The counts one document adds (the calibration takes them out again for that document:
    ``benchmarks/derive/calibrate.py``)."""
    return counts([gold_text(doc)])


@contextmanager
def without_pairs(pairs: Counter) -> Iterator[None]:
    """The shipped period word pairs (:func:`edition.detection.evidence.ngrams.period_pairs`)
    without ``pairs`` (a tune text's own gold pairs, which the table counted) while the block
    runs: a text weighed by its own pairs would make the language model look far surer than it
    is on a text it has never seen (leave-one-document-out). Restored afterwards."""
    table = ngrams.period_pairs()
    taken: list[tuple[str, str, int]] = []
    for k, n in pairs.items():
        n = min(n, table.pairs.get(k, 0))
        if n:
            taken.append((k, k[:k.index(" ")], n))
    for k, a, n in taken:
        table.pairs[k] -= n
        table.left[a] -= n
    try:
        yield
    finally:
        for k, a, n in taken:
            table.pairs[k] += n
            table.left[a] += n


def main() -> None:
    sets = devsets.available()
    pairs, words = counts(gold_text(d) for name in sets for d in devsets.documents(name, "tune"))
    table = {
        "about": "Word pairs of the gold texts of the development sets' tune parts "
                 "(benchmarks/derive/derive_ngrams.py): pairs 'a b' -> n, words a -> n, lower case",
        "data": "tune parts: " + "; ".join(f"{n}: {devsets.SPLIT_RULES[n]}" for n in sets),
        "derived": date.today().isoformat(),
        "min_pair": MIN_PAIR,
        "pairs": {k: n for k, n in sorted(pairs.items()) if n >= MIN_PAIR},
        "words": dict(sorted(words.items())),
    }
    data = json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    OUT.write_bytes(gzip.compress(data, mtime=0))
    print(f"{OUT}: {len(table['pairs']):,} pairs, {len(words):,} words, {sum(words.values()):,} tokens, "
          f"{OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
