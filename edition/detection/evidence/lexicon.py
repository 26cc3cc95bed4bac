"""The general English lexicon: word frequencies from shipped packages (no download at run time).

- :func:`frequencies` — the whole list: lower-cased word → frequency (share of running words),
  from ``wordfreq``'s large English list (321,000 words, includes names and inflections).
- :func:`zipf` — Zipf frequency of a word (log10 of occurrences per billion words; 0 for unknown).
- :func:`is_common_word` — a word the general lexicon knows well enough to trust.

The list is read once per process (``lru_cache``); a lookup is one dict access, so the detectors
can afford one for every token.
"""
from __future__ import annotations

import gzip
import importlib.util
import math
import zlib
from functools import lru_cache
from itertools import chain, repeat
from pathlib import Path

from ...cache import cached, fingerprint, stored

#: Frequency below which the general lexicon is not trusted: wordfreq's large list includes OCR
#: debris and foreign words at Zipf 1–2 ("thé", "krushchev"); Zipf 1.5 is about 30 occurrences
#: per billion words.
DEFAULT_MIN_ZIPF = 1.5


def wordfreq_list(name: str) -> Path:
    """The file of one of wordfreq's shipped lists (``large_en``, ``small_de`` …), located
    without importing wordfreq (its import alone costs 0.2 s of a cold start)."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        raise ImportError("wordfreq is not installed")
    return Path(spec.origin).parent / "data" / f"{name}.msgpack.gz"


def wordfreq_english() -> Path:
    """wordfreq's English list (the lexicon's source)."""
    return wordfreq_list("large_en")


@lru_cache(maxsize=1)
def _buckets() -> list[list[str]]:
    """wordfreq's English list as it ships: a list of buckets of words, bucket ``i`` holding the
    words of frequency ``10 ** (-i / 100)`` (one centibel apart, the most frequent first).

    This is wordfreq's own reader (``wordfreq.read_cBpack``: a gzipped msgpack whose first item
    is the header ``{"format": "cB", "version": 1}``) without importing wordfreq, whose import
    costs a cold start 0.1 to 0.2 s."""
    import msgpack  # a dependency of wordfreq

    with gzip.open(wordfreq_english(), "rb") as f:
        data = msgpack.load(f, raw=False)
    header = data[0]
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise ValueError(f"{wordfreq_english()}: unexpected header {header!r}")
    return data[1:]


def _bucket_frequency(index: int) -> float:
    """The frequency of the words of bucket ``index``: wordfreq's ``cB_to_freq(-index)``."""
    return 10 ** (-index / 100)


@lru_cache(maxsize=1)
def frequencies() -> dict[str, float]:
    """Lower-cased word → frequency in running English text (0 < f < 1).

    Read from wordfreq's list once per process (about 0.1 s: as fast as a pickle of the dict
    was), the same dict as ``wordfreq.get_frequency_dict("en", wordlist="large")``: a word of
    two buckets keeps the later one's frequency."""
    out: dict[str, float] = {}
    for index, bucket in enumerate(_buckets()):
        out.update(zip(bucket, repeat(_bucket_frequency(index))))
    return out


#: Build the lexicon's search index (about 1 s, once per machine: it is then kept in the evidence
#: cache) only after this many searches in one process: it saves ~50 µs per search of an unknown
#: form, so it pays after ~20,000 of them. A short text (the seed: 3,000 forms) is never slowed
#: by the first run on a machine; a 1M-word book builds it within its first tenth.
INDEX_AFTER_SEARCHES = 20_000


class WordSet(frozenset):
    """A frozenset of lexicon words that also carries its search index
    (:class:`.confusions.SearchIndex`): which places of a form can give a word of the set, so
    that the candidate search of :mod:`.confusions` does not try every letter at every place."""

    min_zipf: float

    def search_index(self):
        """The set's :class:`.confusions.SearchIndex` as :class:`MaskBits`: read from the
        evidence cache, or built and stored there once it pays (:data:`INDEX_AFTER_SEARCHES`);
        None until then (the search then tries every place)."""
        try:
            return self._index
        except AttributeError:
            pass
        if not hasattr(self, "_searches"):
            self._searches = 0
            index = _search_index(self.min_zipf, build=False)  # on disk already?
            if index is not None:
                self._index = index
                return index
        self._searches += 1
        if self._searches < INDEX_AFTER_SEARCHES:
            return None
        return self.build_search_index()

    def build_search_index(self):
        """The search index now, read from the cache or built and stored there."""
        self._index = _search_index(self.min_zipf, build=True)
        return self._index


class MaskBits:
    """A set of strings kept as bits of their CRC-32 (a Bloom filter with one hash): 4 MB for
    the 600,000 masks of the Zipf ≥ 2 words instead of ~70 MB as a Python set. A string of the
    set is always found; another string is found by mistake about 2 % of the time
    (600,000 / 2**25 bits), which costs only the 26-letter test the mask was meant to save.
    CRC-32, unlike ``hash()``, is the same in every process, so the bits can be cached on disk.

    >>> bits = MaskBits.of(["he", "ha"])
    >>> "he" in bits, "ha" in bits, len(bits.crc_bits) * 8 == MaskBits.BITS
    (True, True, True)
    """

    BITS = 1 << 25

    def __init__(self, data: bytes) -> None:
        self.crc_bits = data  # bit h of the bytes is set when a string of CRC-32 h is in the set

    @classmethod
    def of(cls, strings) -> MaskBits:
        data = bytearray(cls.BITS // 8)
        mask = cls.BITS - 1
        for s in strings:
            h = zlib.crc32(s.encode("utf-8", "surrogatepass")) & mask
            data[h >> 3] |= 1 << (h & 7)
        return cls(bytes(data))

    def __contains__(self, s: str) -> bool:
        h = zlib.crc32(s.encode("utf-8", "surrogatepass")) & (self.BITS - 1)
        return bool(self.crc_bits[h >> 3] >> (h & 7) & 1)


@lru_cache(maxsize=8)
def words_at_least(min_zipf: float) -> WordSet:
    """The lower-cased words at or above ``min_zipf``: a set, for fast membership tests.

    >>> "the" in words_at_least(3.0), "capitatist" in words_at_least(0.5)
    (True, False)
    """
    least = 10 ** (min_zipf - 9)
    buckets = _buckets()
    if sum(map(len, buckets)) == len(frequencies()):  # no word in two buckets (wordfreq has none)
        # whole buckets at once: each bucket's words share its frequency
        out = WordSet(chain.from_iterable(bucket for index, bucket in enumerate(buckets)
                                          if _bucket_frequency(index) >= least))
    else:
        out = WordSet(w for w, f in frequencies().items() if f >= least)
    out.min_zipf = min_zipf
    return out


#: Version of the cached index bits; raise it when :class:`MaskBits` or what it holds changes.
_INDEX_FORMAT = 1


def _search_index(min_zipf: float, build: bool):
    """The search index of :func:`words_at_least` ``(min_zipf)`` from the evidence cache; when it
    is not there, built and stored if ``build``, else None."""
    from .confusions import SearchIndex, one_edit_masks, prefixes, suffixes

    data = wordfreq_english()
    key = fingerprint(data if data.exists() else "unversioned", min_zipf, _INDEX_FORMAT, MaskBits.BITS)
    parts = []
    for name, strings in (("masks", one_edit_masks), ("prefixes", prefixes), ("suffixes", suffixes)):
        name = f"search-{name}-{min_zipf:g}"
        raw = stored(name, key)
        if raw is None:
            if not build:
                return None
            raw = cached(name, key,
                         lambda strings=strings: MaskBits.of(strings(words_at_least(min_zipf))).crc_bits)
        parts.append(MaskBits(raw))
    return SearchIndex(*parts)


def _key(word: str) -> str:
    """``word`` as the list writes it: lower case, the typographic apostrophe (’, U+2019) as the
    straight one (the list has only ``can't``, ``soldier's``; wordfreq's own lookup folds it
    so too). Old print and many OCR engines write ’: ``can’t`` is no unknown word."""
    word = word.lower()
    return word.replace("’", "'") if "’" in word else word


def frequency(word: str) -> float:
    """Frequency of ``word`` (case-insensitive, either apostrophe) in English; 0.0 when unknown."""
    return frequencies().get(_key(word), 0.0)


@lru_cache(maxsize=1 << 18)
def zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English (case-insensitive, either apostrophe); 0.0 when
    unknown. Kept per word (the list never changes in a process): the detectors ask it of the
    same forms again and again, and a look-up in the memo costs a seventh of the computation.

    >>> zipf("the") > 7, zipf("xqzt"), zipf("can’t") == zipf("can't") > 5
    (True, 0.0, True)
    """
    f = frequencies().get(_key(word))
    return round(math.log10(f) + 9, 2) if f else 0.0


def is_common_word(word: str, min_zipf: float = DEFAULT_MIN_ZIPF) -> bool:
    """True when the general lexicon knows ``word`` (at or above ``min_zipf``).

    >>> is_common_word("Stalin"), is_common_word("capitatist")
    (True, False)
    """
    return zipf(word) >= min_zipf
