"""Running the detectors: text in, proposals out.

A detector is one module in :mod:`edition.detection.detectors` that defines

- ``KINDS`` — the kinds of artifact (:class:`~edition.model.Kind`) it proposes (a proposal of
  another kind is an error), and
- ``detect(doc: Document) -> Iterable[Proposal]`` — a pure function of the document.

Adding a detector is adding one module: :func:`available_detectors` discovers them.
:func:`detect` runs them all on a :class:`~edition.detection.document.Document` (the text plus
the evidence every detector shares: its tokens and its own vocabulary), or only those that
propose the ``kinds`` asked for, keeping only proposals of those kinds; then it resolves
overlaps — where two proposals touch the same characters the more confident one is kept — so
the proposals of one run never overlap and can all be accepted together.
"""
from __future__ import annotations

import gc
import importlib
import pkgutil
from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping, NamedTuple, Protocol

from ..model import Kind, Proposal, SpanIndex
from ..witnesses.tokens import Witness
from .document import Document
from .evidence.vocabulary import CorpusVocabulary

if TYPE_CHECKING:
    from .evidence.decisions import ProjectDecisions


class DetectFn(Protocol):
    def __call__(self, doc: Document) -> Iterable[Proposal]: ...


class Detector(NamedTuple):
    """A detector module: its name, the kinds of artifact it proposes, its detect function."""

    name: str
    kinds: frozenset[Kind]
    detect: Callable[[Document], Iterable[Proposal]]


def available_detectors() -> list[Detector]:
    """Every detector module in :mod:`edition.detection.detectors`, in name order."""
    from . import detectors as pkg

    found = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{pkg.__name__}.{info.name}")
        if hasattr(module, "detect") and hasattr(module, "KINDS"):
            found.append(Detector(info.name, frozenset(module.KINDS), module.detect))
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
                  progress: Callable[[str], None] | None = None,
                  kinds: Iterable[Kind | str] | None = None) -> Iterator[Proposal]:
    """All proposals of all detectors (or of the proposals of ``kinds`` only: the detectors
    that propose none of them are not run), overlaps not yet resolved. ``progress`` is called
    with each detector's name when it has finished (for a progress bar on long texts). Passages
    in another language (:func:`edition.detection.evidence.languages.foreign_spans`) get no
    proposal: their words are no English misreadings."""
    from .evidence.languages import foreign_spans

    wanted = None if kinds is None else frozenset(Kind(k) for k in kinds)
    foreign = SpanIndex((s, e) for s, e, _ in foreign_spans(doc.text))
    for det in detectors if detectors is not None else available_detectors():
        if wanted is not None and not det.kinds & wanted:
            continue
        for proposal in det.detect(doc):
            if proposal.kind not in det.kinds:
                raise ValueError(f"detector {det.name} proposed a {proposal.kind} proposal, "
                                 f"a kind its KINDS do not name")
            if wanted is not None and proposal.kind not in wanted:
                continue
            if foreign.overlaps(proposal.start, proposal.end):
                continue
            if not proposal.detector:
                proposal = Proposal(**{**proposal.__dict__, "detector": det.name})
            yield proposal
        if progress is not None:
            progress(det.name)


def detect(text: str, *, project_words: Iterable[str] = (), detectors: list[Detector] | None = None,
           kinds: Iterable[Kind | str] | None = None, corpus_counts: Mapping[str, int] | None = None,
           corpus: CorpusVocabulary | None = None, progress: Callable[[str], None] | None = None, ocr=None,
           decisions: "ProjectDecisions | None" = None,
           witnesses: Iterable[Witness] = ()) -> list[Proposal]:
    """Proposals for ``text``: every detector run (or those of ``detectors``), overlaps
    resolved, sorted by position; with ``kinds``, only proposals of those kinds. A run of flags
    that only spaces separate is one flag (:func:`.detectors.unclear.group_runs`). ``ocr``: the
    OCR document (:class:`edition.formats.OcrDocument`) ``text`` was derived from; its engine's
    confidences then weigh the proposals and flag the words it doubted
    (:mod:`edition.detection.evidence.engine`). ``decisions`` (the project's,
    :mod:`edition.detection.evidence.decisions`): each proposal weighed by what the editors
    decided before, and those they reject left out (before overlaps are resolved, so that a
    proposal they reject leaves its place to another).
    ``corpus_counts`` (the counts of the rest of the text's corpus) or ``corpus`` (the whole
    corpus's, shared by its documents: the same evidence, derived once for all of them): the
    text's corpus (:mod:`edition.corpus`).
    ``witnesses``: other transcriptions of the text, whose readings are proposed where they
    differ (:mod:`.detectors.witness`).

    >>> [(p.original, p.kind.value) for p in detect("the capitatist V1adimir", kinds=["nonword"])]
    [('capitatist', 'nonword')]
    """
    from .detectors.unclear import group_runs

    doc = Document(text, frozenset(project_words), corpus_counts, tuple(witnesses), corpus)
    with _collector_paused():
        proposals = run_detectors(doc, detectors, progress, kinds)
        # The document's memos die here, by reference counting, and not in the first collection
        # after the collector is back on, which would walk them all once more (and move them to
        # older generations, walked again by a full collection in a corpus run)
        del doc
        if decisions:
            proposals = decisions.apply(proposals)
        proposals = group_runs(text, resolve_overlaps(proposals))
    if ocr is not None and (kinds is None or Kind.UNCLEAR in {Kind(k) for k in kinds}):
        from .evidence.engine import with_engine_evidence
        proposals = with_engine_evidence(proposals, ocr)
    elif ocr is not None:
        from .evidence.engine import weigh
        proposals = weigh(proposals, ocr)
    return proposals


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
