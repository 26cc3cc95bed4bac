"""Division: words run together whose letters are misread as well (``bythopolice`` → ``by the
police``, ``withltherobbery`` → ``with the robbery``, ``fromiSir`` → ``from Sir``).

The merge detector divides a token only into exact words with evidence at each junction, and
the word engine reads a token as one word: a lost space and a misread letter together get a
flag or nothing. Here, in a noisy text only (``ocr_noise`` ≥ 3 %, the deep search's threshold,
and no older spellings: their forms are no damage), a token of letters that is no word, occurs
once, and that the word engine reads at less than :data:`WORD_READING` is divided by
:func:`edition.detection.evidence.division.divisions` (a function word or a capital at every
junction; a function word right or one confusion of the channel away, the other words right).
The best division by channel and language model is proposed where it beats the next by
:data:`MARGIN`, with the confidence of a logistic model of its evidence (:data:`WEIGHTS`, fitted
on BLN600's tune part), from :data:`MIN_CONFIDENCE`, held at :data:`CAP` below :data:`SURE`.

Cost: a function word or a content word read right is a set look-up; a content word one
confusion away is a call of the confusion search, made only where the division's walk arrives
with no confusion yet (19,000–21,000 calls for BLN600's 9,500 candidate forms before the word
engine's gate, about 1 s of the search's 1.5–1.9 s there; the confusion search's index of the
content words, built once per process, about 0.25 s). Only tokens that pass every gate are
searched (5,300 of BLN600's 238,000 words as one text).

The span is the whole token; the reading inserts spaces and changes only the letters of the
confusions it names (its ``why``).
"""
from __future__ import annotations

import math
from itertools import compress
from operator import itemgetter
from typing import Iterable, Iterator, NamedTuple

from ..document import Document
from ..evidence import division as search
from ..evidence.candidates import NOISY
from ..evidence.historical import writes_older_spellings
from ..evidence.lexicon import zipf
from ..evidence.ngrams import log_p
from ..evidence.noise import ocr_noise
from ...model import Kind, Proposal

KIND = Kind.MERGE
KINDS = (KIND,)

#: Tokens of this many letters are divided: shorter run-togethers ("ofthe") are the merge
#: detector's, longer ones are lines of debris.
MIN_LETTERS, MAX_LETTERS = 6, 20
#: A word engine's reading this confident keeps the token one word.
WORD_READING = 0.5
#: The best division's score (log10, channel and language model) must beat the next one's (of
#: other words) by this: one order of magnitude (chosen, not measured apart).
MARGIN = 1.0


def _candidate(form: str, doc: Document) -> bool:
    """A form worth dividing: ASCII letters, of :data:`MIN_LETTERS` to :data:`MAX_LETTERS`, not in
    capitals, no word English knows, once in the text (and its corpus)."""
    if not (MIN_LETTERS <= len(form) <= MAX_LETTERS and form.isalpha() and form.isascii()) or form.isupper():
        return False
    return zipf(form) == 0.0 and doc.vocabulary.get(form.lower(), 0) <= 1


#: The confidence model: a logistic regression of "the division is right" (judged against the
#: gold) on its evidence, fitted on BLN600's tune part (``benchmarks/studies/noisy_division.py
#: --set bln600 --part tune --fit``: 1,106 divisions, 422 right, content words read one
#: confusion away among them; 2026-12-05 16:48 UTC): its bias and each feature's weight.
#: Five-fold cross-validated, the divisions it put at 0.5 or more were right 379 of 437 times,
#: at 0.8 or more 304 of 324, at 0.9 or more 252 of 266 (94.7 %), at 0.97 or more 139 of 148
#: (93.9 %). (The model before, content words read right only: 1,004 divisions, 397 right; at
#: 0.5 355 of 418, at 0.9 238 of 251. Without ``junction_lm``, 192 of 210 at 0.9 (91 %).)
BIAS = 6.804
WEIGHTS = {
    "channel": 1.310,  # log10 P of the confusion (0: every piece read right)
    "lm_per_word": 0.968,  # the language model's log10 P per word, the neighbours included
    "junction_lm": 1.331,  # its log10 P of the division's own pairs, on average ("by the": -0.6)
    "pieces": -2.495,  # a division into more pieces is more often a misread word cut up
    "content_zipf": 0.387,  # the rarest content word's Zipf (7 when all are function words)
    "letters": 0.474,  # the token's length
    "word_reading": 0.022,  # the word engine's confidence in reading it as one word (< 0.5)
    "sentence_start": -0.287,  # the token opens a sentence
    "hyphen": -2.388,  # a hyphen beside it: a word broken at a line's end
    "mark": 0.233,  # a mark or the text's edge beside it (a neighbour the model cannot weigh)
    "content_misread": 0.958,  # a content word read one confusion away
    "changes": 0.072,  # the division's confusions
}
#: Proposed from this confidence. On BLN600's tune part the divisions the model put at 0.5–0.6
#: were right 9 times of 24, yet proposed from 0.6 the part kept 11 more character errors
#: (dev_eval 10:58 and 11:14 UTC; its check part 3 more, ICDAR 2017's monographs 6 more).
MIN_CONFIDENCE = 0.5
#: Held at 0.89 below :data:`SURE`: the divisions the model put at 0.9 or more were right 94.7 %
#: of the time cross-validated. On the tune part as fitted (content words read one confusion
#: away, 16:48 UTC), at 0.97 or more 142 of 151 (94.0 %), at 0.98 or more 115 of 121 (95.0 %; the
#: model before: 114 of 119, 95.8 %). Held from 0.985 instead (95 of 99 right on the tune part),
#: ICDAR 2017 monographs' check part lost 0.03 points of CER cut at 0.9 and BLN600's parts
#: 0.03–0.04 (dev_eval 16:53–16:56 UTC against 16:48–16:51). The misses are mostly a mark the
#: OCR lost with the space (``enteredthe`` for ``entered, the``) and a real word misread
#: (``immediatelysaid`` for ``immediately paid``).
CAP, SURE = 0.89, 0.98


def features(doc: Document, found: "Divided") -> dict[str, float]:
    """The evidence of a division, as the confidence model's features."""
    d, tok = found.best, doc.tokens[found.index]
    content = [zipf(p.word) for p in d.pieces if not p.function]
    prev, nxt = doc.neighbours(found.index)
    text = doc.text
    return {
        "channel": d.channel,
        "lm_per_word": d.lm / (len(d.pieces) + 1),
        "pieces": len(d.pieces),
        "content_zipf": min(min(content, default=7.0), 7.0),
        "letters": len(tok.text),
        "word_reading": found.word_reading,
        "sentence_start": float(doc.starts_sentence(found.index)),
        "hyphen": float("-" in text[max(0, tok.start - 2):tok.start] or "-" in text[tok.end:tok.end + 2]),
        "mark": float(prev is None or nxt is None),
        "content_misread": float(any(p.changes and not p.function for p in d.pieces)),
        "changes": float(d.changes),
        "junction_lm": sum(log_p(a.word.lower(), b.word.lower()) for a, b in zip(d.pieces, d.pieces[1:]))
        / (len(d.pieces) - 1),
    }


def _confidence(feats: dict[str, float]) -> float:
    score = BIAS + sum(WEIGHTS[k] * v for k, v in feats.items())
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score)))), 3)


def _why(form: str, d: search.Division, second: search.Division | None) -> str:
    parts = []
    for p in d.pieces:
        piece = form[p.start:p.end]
        if p.changes:
            parts.append(f"'{piece}' read '{p.word}' ({', '.join(p.changes)})")
        else:
            parts.append(f"'{p.word}'")
    why = (f"'{form}' is no word: words run together, " + " + ".join(parts)
           + f"; channel {d.channel:.1f}, language model {d.lm:.1f}")
    if second is not None:
        why += f"; next best '{' '.join(p.word for p in second.pieces)}' {second.channel + second.lm:.1f}"
    return why


class Divided(NamedTuple):
    index: int  # the token's
    best: search.Division
    second: search.Division | None  # the next best of other words
    word_reading: float  # the word engine's confidence in its one-word reading (0: none)


def divided(doc: Document) -> Iterator[Divided]:
    """Each token the detector divides, with its evidence."""
    if ocr_noise(doc) < NOISY or writes_older_spellings(doc):
        return
    # the length first, inline: most of a text's forms fail it, without a call each
    forms = [f for f in doc.counts if MIN_LETTERS <= len(f) <= MAX_LETTERS and _candidate(f, doc)]
    if not forms:
        return
    from .words import word_proposals  # the word engine's readings (computed once per document)

    wanted = set(forms)
    read = {p.start: p.confidence for p in word_proposals(doc) if p.readings and p.original in wanted}
    tokens = doc.tokens
    # the candidates' places, found in C (a Python loop over a long text's tokens cost more
    # than the search itself)
    for i in compress(range(len(tokens)), map(wanted.__contains__, map(itemgetter(2), tokens))):
        tok = tokens[i]
        if read.get(tok.start, 0.0) >= WORD_READING:
            continue
        prev, nxt = doc.neighbours(i)
        found = search.divisions(tok.text, prev, nxt)
        if not found:
            continue
        best = found[0]
        second = next((d for d in found[1:] if [p.word for p in d.pieces] != [p.word for p in best.pieces]), None)
        if second is not None and (best.channel + best.lm) - (second.channel + second.lm) < MARGIN:
            continue
        yield Divided(i, best, second, read.get(tok.start, 0.0))


def _detect(doc: Document) -> Iterator[Proposal]:
    for found in divided(doc):
        conf = _confidence(features(doc, found))
        if conf < MIN_CONFIDENCE:
            continue
        tok, best = doc.tokens[found.index], found.best
        reading = " ".join(p.word for p in best.pieces)
        yield Proposal(tok.start, tok.end, tok.text, (reading,), KIND, conf if conf >= SURE else min(conf, CAP),
                       _why(tok.text, best, found.second), "division")


def detect(doc: Document) -> Iterable[Proposal]:
    return _detect(doc)
