"""Running the detectors: text in, proposals out.

A detector is one module in :mod:`edition.detectors` that defines

- ``KIND`` — the :class:`~edition.model.Kind` it proposes (informational), and
- ``detect(doc: Document) -> Iterable[Proposal]`` — a pure function of the document.

Adding a detector is adding one module: :func:`available_detectors` discovers them.
:func:`detect` runs them all on a :class:`Document` (the text plus the evidence every detector
shares: its tokens and its own vocabulary), then resolves overlaps — where two proposals touch
the same characters the more confident one is kept — so the proposals of one run never overlap
and can all be accepted together.
"""
from __future__ import annotations

import gc
import importlib
import pkgutil
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import Callable, Iterable, Iterator, Mapping, NamedTuple, Protocol

import regex

from .model import Proposal, SpanIndex

#: A word token: letters, digits and the marks OCR puts inside words (apostrophes, hyphens,
#: and the symbols that stand in for letters).
WORD_RE = regex.compile(r"[\p{L}\p{N}](?:[\p{L}\p{N}'’\-|!$@]*[\p{L}\p{N}])?")


class Token(NamedTuple):
    start: int
    end: int
    text: str


@dataclass
class Document:
    """A text and the evidence about it that detectors share (computed once, lazily)."""

    text: str
    project_words: frozenset[str] = field(default_factory=frozenset)
    #: Word counts of a whole collection the text belongs to (optional, case-folded keys): a form
    #: of the collection is a word of the text. Passed by the corpus feature.
    corpus_counts: Mapping[str, int] | None = None

    @cached_property
    def tokens(self) -> list[Token]:
        # tuple.__new__ is what Token(...) does, without its Python-level call (a third less time
        # on a 1M-word text); the occurrences of a form share one string (a quarter less memory).
        make, share, out = tuple.__new__, {}.setdefault, []
        for m in WORD_RE.finditer(self.text):
            w = m.group()
            out.append(make(Token, (m.start(), m.end(), share(w, w))))
        return out

    @cached_property
    def counts(self) -> Counter[str]:
        """How often each word form occurs in this document (exact case)."""
        return Counter(map(itemgetter(2), self.tokens))  # t.text, read in C

    @cached_property
    def lower_counts(self) -> Counter[str]:
        """How often each word occurs in this document, case-folded."""
        return Counter(self.lower_tokens)

    @cached_property
    def lower_tokens(self) -> list[str]:
        """Each token's text, case-folded (in token order). A form is lower-cased once and its
        occurrences share the string: on a 1M-word text a tenth of the calls and of the memory."""
        low = {w: w.lower() for w in self.counts}
        return [low[t.text] for t in self.tokens]

    @cached_property
    def joined(self) -> list[bool]:
        """For each token but the last: is only whitespace between it and the next one (one
        context; see :func:`edition.evidence.vocabulary.adjacency`)?"""
        from .evidence.vocabulary import adjacency

        return adjacency(self.text, self.tokens)

    # Evidence for the word detectors (glyph, nonword, realword, case, variant, unclear).

    @cached_property
    def n_words(self) -> int:
        return len(self.tokens) + (sum(self.corpus_counts.values()) if self.corpus_counts else 0)

    @cached_property
    def project_lower(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.project_words)

    @cached_property
    def vocabulary(self) -> Mapping[str, int]:
        """Case-folded word → occurrences in this text (plus the corpus, when given)."""
        from .evidence.vocabulary import merged_counts

        return merged_counts(self.lower_counts, self.corpus_counts)

    @cached_property
    def recurring_forms(self) -> frozenset[str]:
        """Case-folded forms that occur at least twice: words of this text, whatever a lexicon
        says (see :mod:`edition.evidence.vocabulary`)."""
        return frozenset(w for w, n in self.vocabulary.items() if n >= 2)

    @cached_property
    def text_words(self) -> frozenset[str]:
        """Case-folded words this text vouches for: its recurring forms and the project's words."""
        return self.recurring_forms | self.project_lower

    @cached_property
    def _usual_forms(self) -> dict[str, str]:
        best: dict[str, tuple[int, str]] = {}
        for form, n in self.counts.items():
            low = form.lower()
            if low not in best or n > best[low][0]:
                best[low] = (n, form)
        return {low: form for low, (n, form) in best.items()}

    def usual_form(self, word: str) -> str | None:
        """The text's most frequent spelling (case included) of ``word``, or None."""
        return self._usual_forms.get(word.lower())

    @cached_property
    def pairs(self) -> Counter[str]:
        """Case-folded "a b" → how often ``a`` is directly followed by ``b`` in this text."""
        from .evidence.vocabulary import pair_counts

        return pair_counts(self.text, self.tokens, self.lower_tokens, self.joined)

    @cached_property
    def triples(self) -> Counter[str]:
        """Case-folded "a b c" → how often the three words stand in a row in this text."""
        from .evidence.vocabulary import triple_counts

        return triple_counts(self.text, self.tokens, self.lower_tokens, self.joined)

    @cached_property
    def readings(self) -> dict[str, object]:
        """Word form → its best reading (:class:`~edition.evidence.readings.WordReading`) or None;
        filled lazily by :meth:`reading_of`, so each form is analysed once per text."""
        return {}

    @cached_property
    def shared(self) -> dict[str, object]:
        """Results that several detectors compute from the same evidence, computed once
        (e.g. the word readings that glyph, nonword and realword each take their kind from)."""
        return {}

    def reading_of(self, word: str):
        """The best readings of ``word`` in this text (cached; see
        :func:`edition.evidence.readings.analyse`), or None."""
        try:
            return self.readings[word]
        except KeyError:
            from .evidence.readings import analyse

            result = self.readings[word] = analyse(word, self)
            return result

    def neighbours(self, index: int) -> tuple[str | None, str | None]:
        """The words directly before and after token ``index`` (None across punctuation)."""
        toks, joined = self.tokens, self.joined
        prev = toks[index - 1].text if index > 0 and joined[index - 1] else None
        nxt = toks[index + 1].text if index + 1 < len(toks) and joined[index] else None
        return prev, nxt

    def starts_sentence(self, index: int) -> bool:
        """True when token ``index`` opens the text, a paragraph or a sentence (after . ! ? : or
        an opening quote/bracket that follows one). The period of an initial ends no sentence
        (``V. Ilyich``, ``J. Stalin``: the name after it is a name in mid-sentence).

        >>> d = Document("He met J. Stalin. Then he left.")
        >>> [d.starts_sentence(i) for i in range(len(d.tokens))]
        [True, False, False, False, True, False, False]
        """
        start = self.tokens[index].start
        i = start - 1
        text = self.text
        while i >= 0 and text[i] in " \t\"'“‘([«":
            i -= 1
        if i >= 1 and text[i] == "." and text[i - 1].isupper() and (i == 1 or not text[i - 2].isalnum()):
            return False  # an initial
        return i < 0 or text[i] in ".!?:\n"


class DetectFn(Protocol):
    def __call__(self, doc: Document) -> Iterable[Proposal]: ...


class Detector(NamedTuple):
    name: str
    kind: str
    detect: Callable[[Document], Iterable[Proposal]]


def available_detectors() -> list[Detector]:
    """Every detector module in :mod:`edition.detectors`, in name order."""
    from . import detectors as pkg

    found = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{pkg.__name__}.{info.name}")
        if hasattr(module, "detect") and hasattr(module, "KIND"):
            found.append(Detector(info.name, str(module.KIND), module.detect))
    return found


#: A reading at least this confident wins over an overlapping flag-only proposal: below 0.5 a
#: reading is more often wrong than right (the calibration), and the flag should stay.
READING_BEATS_FLAG = 0.5


def resolve_overlaps(proposals: Iterable[Proposal]) -> list[Proposal]:
    """Keep, among proposals that share characters, the most confident; sorted by position.

    A likely reading (confidence ≥ :data:`READING_BEATS_FLAG`) goes before any flag-only proposal:
    a flag says something is wrong and no reading fits, and a reading that fits explains it
    (``i n`` → ``in`` rather than a flag on the lone ``n``). Ties go to the longer span, then to
    the earlier one, then to the earlier detector name, so the result is deterministic.
    """
    def rank(p: Proposal):
        likely = bool(p.readings) and p.confidence >= READING_BEATS_FLAG
        return (not likely, -p.confidence, -(p.end - p.start), p.start, p.detector)

    ranked = sorted(proposals, key=rank)
    taken = _Taken(max((p.end for p in ranked), default=0))
    kept = []
    for p in ranked:
        if taken.overlaps(p.start, p.end):
            continue
        taken.add(p.start, p.end)
        kept.append(p)
    return sorted(kept, key=lambda p: (p.start, p.end))


class _Taken:
    """The spans kept so far, as marks per character: the same answers as
    :func:`~edition.model.spans_overlap` against each kept span (an insertion point overlaps a
    span it lies strictly inside, or another insertion at the same point). The spans come in
    order of confidence, not position, so a sorted list (:class:`~edition.model.SpanIndex`)
    would move half its entries at each insertion: quadratic on a long text (0.9 s of a
    1M-word text's 90,000 proposals); here a test or an addition costs the span's length.

    >>> t = _Taken(10); t.add(2, 5); t.add(7, 7)
    >>> t.overlaps(0, 2), t.overlaps(4, 6), t.overlaps(5, 5), t.overlaps(3, 3), t.overlaps(6, 8)
    (False, True, False, True, True)
    >>> t.overlaps(7, 7), t.overlaps(5, 7), t.overlaps(7, 9)
    (True, False, False)
    """

    def __init__(self, length: int) -> None:
        self.chars = bytearray(length + 1)  # 1: the character is inside a kept span
        self.inner = bytearray(length + 1)  # 1: the point between two characters is inside one
        self.inserts = bytearray(length + 1)  # 1: a kept insertion point

    def overlaps(self, start: int, end: int) -> bool:
        if start == end:
            return bool(self.inserts[start] or self.inner[start])
        return self.chars.find(1, start, end) >= 0 or self.inserts.find(1, start + 1, end) >= 0

    def add(self, start: int, end: int) -> None:
        if start == end:
            self.inserts[start] = 1
            return
        self.chars[start:end] = b"\x01" * (end - start)
        if end - start > 1:
            self.inner[start + 1:end] = b"\x01" * (end - start - 1)


def run_detectors(doc: Document, detectors: list[Detector] | None = None,
                  progress: Callable[[str], None] | None = None) -> Iterator[Proposal]:
    """All proposals of all detectors, overlaps not yet resolved. ``progress`` is called with
    each detector's name when it has finished (for a progress bar on long texts). Passages in
    another language (:func:`edition.evidence.languages.foreign_spans`) get no proposal: their
    words are no English misreadings."""
    from .evidence.languages import foreign_spans

    foreign = SpanIndex((s, e) for s, e, _ in foreign_spans(doc.text))
    for det in detectors if detectors is not None else available_detectors():
        for proposal in det.detect(doc):
            if foreign.overlaps(proposal.start, proposal.end):
                continue
            if not proposal.detector:
                proposal = Proposal(**{**proposal.__dict__, "detector": det.name})
            yield proposal
        if progress is not None:
            progress(det.name)


def detect(text: str, *, project_words: Iterable[str] = (), detectors: list[Detector] | None = None,
           corpus_counts: Mapping[str, int] | None = None,
           progress: Callable[[str], None] | None = None) -> list[Proposal]:
    """Proposals for ``text``: every detector run, overlaps resolved, sorted by position; a run
    of flags that only spaces separate is one flag (:func:`edition.detectors.unclear.group_runs`)."""
    from .detectors.unclear import group_runs

    doc = Document(text, frozenset(project_words), corpus_counts)
    with _collector_paused():
        return group_runs(text, resolve_overlaps(run_detectors(doc, detectors, progress)))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the detectors run. Detection makes millions of small
    objects that all stay alive until it ends (readings, features, proposals), so every full
    collection walks them all again and finds nothing: 6–13 % of the time of 300,000 to 1M
    words (``benchmarks/speed_detect.py --unrepeated``), 0 objects collected in the oldest
    generation. Reference counting still frees everything else; the collector is switched back
    on (if it was on) when detection ends, and then collects what is left."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
