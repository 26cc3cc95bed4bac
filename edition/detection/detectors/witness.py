"""Witnesses: where another transcription of the same text reads a word differently, and its
reading is a known word that fits the context, propose it.

The text is collated word by word with the other witnesses (:mod:`edition.witnesses`, given
as ``Document.witnesses``; without them this detector proposes nothing). At each place where a
witness differs and both have words there, the witness's reading is proposed when

- every word of it is known (the general lexicon, or the project lexicon), and
- the text's own reading is not (a non-word: ``tbe`` where the witness has ``the``), or, when
  both are words, the witness's fits its neighbours better (word-pair association summed over
  the two joins, :mod:`edition.detection.evidence.bigrams`), or more witnesses read it.

Places that differ only in punctuation or in case are left alone: two OCR engines disagree
there far more often than either is wrong in a way a reader minds. The readings are ranked by
how many witnesses have them, then by context. ``why`` names the witnesses; the confidence is
the share of such proposals that were right on real witness pairs, by how much the reading
changes (:data:`RIGHT_SHARE`).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterable

from rapidfuzz.distance import Levenshtein

from ..document import WORD_RE, Document
from ..evidence import bigrams, lexicon
from ...model import Kind, Proposal
from ...source import source_from_text
from ...witnesses.collation import Collation, Reading, collate
from ...witnesses.tokens import TOKEN_RE, Witness, witness_from_source

KINDS = (Kind.NONWORD, Kind.REALWORD, Kind.GLYPH, Kind.SPLIT, Kind.MERGE, Kind.HYPHEN)

#: The share of the witness's readings that were right, by the evidence (the text's reading a
#: non-word or a real word) and the characters the reading changes (Levenshtein distance, 4 and
#: more pooled; 3 and more for real words, which are rarer), measured on the *tune* halves of
#: both kinds of witness pair of ``benchmarks/witness_detection.py --rates`` (right / judged in
#: the comments; the check halves are reported in docs/BENCHMARKS.md). A reading two or more
#: witnesses agree on ranks first; its confidence is the same (no data with three witnesses).
RIGHT_SHARE = {
    ("nonword", 1): 0.953,  # 164 / 172
    ("nonword", 2): 0.802,  # 81 / 101
    ("nonword", 3): 0.625,  # 35 / 56
    ("nonword", 4): 0.395,  # 32 / 81
    ("realword", 1): 0.875,  # 70 / 80
    ("realword", 2): 0.828,  # 24 / 29
    ("realword", 3): 0.476,  # 10 / 21
}

#: A place of more words than this (either side) is a passage the engines read as noise, not
#: a word one of them misread: a reading there replaces text nobody has read right.
MAX_WORDS = 4

#: A word's association with its neighbours must gain this much (log10 of observed / expected
#: pairs) before a real word is replaced by a witness's: small gains are noise of the table.
MIN_CONTEXT_GAIN = 0.3


@dataclass(frozen=True)
class _Candidate:
    reading: str
    sigla: tuple[str, ...]
    context: float


def collation(doc: Document) -> Collation:
    base = witness_from_source("text", source_from_text(doc.text))
    others = tuple(w for w in doc.witnesses if w.siglum != "text")
    return collate([base, *others])


def detect(doc: Document) -> Iterable[Proposal]:
    if not doc.witnesses:
        return
    c = doc.memo(collation)
    base = c.base
    starts = [t.start for t in doc.tokens]
    for v in c.variants:
        if v.start == v.end:
            continue  # words the text lacks: OCR seldom drops a whole word, engines add noise
        start, end = base.tokens[v.start].start, base.tokens[v.end - 1].end
        original = doc.text[start:end]
        words = WORD_RE.findall(original)
        if not words or len(words) > MAX_WORDS:
            continue
        known_here = _known(doc, words)
        left, right = _neighbours(doc, starts, start, end)
        here = _context(words, left, right)
        found: dict[str, list[str]] = {}
        for w, r in zip(c.witnesses[1:], v.readings[1:]):
            if not r.text:
                continue
            reading = _reading(original, w, r)
            theirs = WORD_RE.findall(reading)
            if (reading == original or not theirs or theirs == words
                    or [t.lower() for t in theirs] == [t.lower() for t in words]):
                continue  # nothing, only punctuation, or only case differs
            if len(theirs) <= MAX_WORDS and _known(doc, theirs):
                found.setdefault(reading, []).append(w.siglum)
        candidates = [_Candidate(reading, tuple(sigla), _context(WORD_RE.findall(reading), left, right))
                      for reading, sigla in found.items()]
        if known_here:
            candidates = [k for k in candidates
                          if k.context - here >= MIN_CONTEXT_GAIN or len(k.sigla) >= 2]
        if not candidates:
            continue
        candidates.sort(key=lambda k: (-len(k.sigla), -k.context, k.reading))
        best = candidates[0]
        evidence = "realword" if known_here else "nonword"
        changed = Levenshtein.distance(original, best.reading)
        confidence = RIGHT_SHARE[(evidence, min(changed, 4 if evidence == "nonword" else 3))]
        names = {w.siglum: w.source.path.name for w in c.witnesses}
        readers = ", ".join(f"{s} ({names[s]})" for s in best.sigla)
        why = (f"witness {readers} reads {best.reading!r}" if len(best.sigla) == 1
               else f"witnesses {readers} read {best.reading!r}")
        why += (f"; {original!r} is no known word" if not known_here
                else f"; it fits the context better ({best.context - here:+.1f})")
        yield Proposal(start, end, original, tuple(k.reading for k in candidates),
                       _kind(original, words, best.reading, known_here), confidence, why)


def _known(doc: Document, words: list[str]) -> bool:
    return all(lexicon.is_common_word(w) or w.lower() in doc.project_lower for w in words)


def _neighbours(doc: Document, starts: list[int], start: int, end: int) -> tuple[str | None, str | None]:
    i = bisect_left(starts, start) - 1
    j = bisect_right(starts, end - 1)
    left = doc.tokens[i].text if i >= 0 and doc.tokens[i].end <= start else None
    right = doc.tokens[j].text if j < len(doc.tokens) else None
    return left, right


def _context(words: list[str], left: str | None, right: str | None) -> float:
    score = 0.0
    if left is not None and words:
        score += bigrams.association(left, words[0])
    if right is not None and words:
        score += bigrams.association(words[-1], right)
    return score


def _reading(original: str, witness: Witness, reading: Reading) -> str:
    """The witness's words with the text's own spacing where they have as many tokens (a line
    end stays a line end), else with the witness's spacing, each run of white space one space."""
    theirs = witness.tokens[reading.start:reading.end]
    ours = [m.span() for m in TOKEN_RE.finditer(original)]
    if len(ours) == len(theirs):
        out, at = [], 0
        for (s, e), t in zip(ours, theirs):
            out.append(original[at:s])
            out.append(t.text)
            at = e
        return "".join(out) + original[at:]
    return " ".join(reading.text.split())


def _kind(original: str, words: list[str], reading: str, known_here: bool) -> Kind:
    theirs = WORD_RE.findall(reading)
    if "-\n" in original and "-" not in reading:
        return Kind.HYPHEN
    if len(words) > len(theirs):
        return Kind.SPLIT
    if len(words) < len(theirs):
        return Kind.MERGE
    if any(ch.isdigit() or ch in "|!$@" for w in words for ch in w) and not known_here:
        return Kind.GLYPH
    return Kind.REALWORD if known_here else Kind.NONWORD
