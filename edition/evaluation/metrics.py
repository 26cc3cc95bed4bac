"""The figures of an evaluation, kept with their denominators so they add up over files.

- :func:`normalize` — the form texts are compared in: NFC, whitespace runs as one space, trimmed.
  Line breaks and double spaces of an OCR rarely match the gold's and are not errors.
- :func:`join_hyphens` — the gold without its line-end hyphens, a second acceptable reading when
  a gold standard keeps the printer's line breaks (``--join-hyphens``).
- :func:`char_distance` — Levenshtein distance over grapheme clusters (an accented letter typed
  as two code points is one character, as in dinglehopper).
- :func:`word_distance` — Levenshtein distance over whitespace-separated words.
- :class:`Scores` — counts for one file or many (``a + b``); the rates are properties:
  detection ``precision``/``recall``/``f1`` over erroneous OCR tokens, ``cer_before``/
  ``cer_after``, ``wer_before``/``wer_after``, the ICDAR ``improvement``, and
  ``broken_per_1000`` correct words broken per 1,000 words.

>>> char_distance("Tlie", "The"), word_distance("the  cat sat", "the cat")
(2, 1)
>>> s = Scores(gold_chars=100, char_errors_before=10, char_errors_after=4)
>>> s.cer_before, s.cer_after, s.improvement
(0.1, 0.04, 0.6)
"""
from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass

import regex
from rapidfuzz.distance import Levenshtein

_SPACES = regex.compile(r"\s+")
_GRAPHEME = regex.compile(r"\X")


def normalize(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, trimmed.

    >>> normalize(" with-\\nout  it ")
    'with- out it'
    """
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


#: A hyphen inside a word, as a gold standard transcribes a printed line break: "intro- duction"
#: (line break kept) or "man-ner" (lines joined, hyphen kept). ICDAR 2019's gold writes it as
#: the non-breaking hyphen U+2011 ("Move‑ ment": 121 times in its 48 files).
_WORD_HYPHEN = regex.compile(r"(?<=\p{L})[-\u2010\u2011\u00ad] ?(?=\p{L})")


def join_hyphens(text: str) -> str:
    """``text`` (normalized) with hyphens inside words removed: the reading of a gold standard
    that keeps the printer's line-end hyphens, once an edition has joined the lines.

    >>> join_hyphens("the intro- duction, the man-ner, the Move\u2011 ment")
    'the introduction, the manner, the Movement'
    """
    return _WORD_HYPHEN.sub("", text)


def _clusters(text: str) -> str | list[str]:
    # ASCII text is its own list of grapheme clusters; only other text pays for the regex.
    return text if text.isascii() else _GRAPHEME.findall(text)


def char_distance(a: str, b: str) -> int:
    """Levenshtein distance between two (normalized) texts, over grapheme clusters."""
    if a == b:
        return 0
    return Levenshtein.distance(_clusters(a), _clusters(b))


def char_length(text: str) -> int:
    """Length in grapheme clusters."""
    return len(_clusters(text))


def word_distance(a: str, b: str) -> int:
    """Levenshtein distance between the word sequences of two texts."""
    if a == b:
        return 0
    return Levenshtein.distance(a.split(), b.split())


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


@dataclass(frozen=True)
class Scores:
    """Counts of an evaluation. Every rate is a property computed from counts, so the scores of
    several files add up (``sum(scores, Scores())``) to the scores of the whole set.

    Detection is judged per OCR token (whitespace-separated, as in ICDAR 2017), over tokens with a
    known gold: ``error_tokens`` are those whose gold differs; a token is detected when a
    proposal touches it. Correction is judged on the text after applying every proposal's best
    reading (flag-only proposals change nothing).
    """

    files: int = 0
    #: OCR tokens with a known gold, and how many of them are erroneous
    tokens: int = 0
    error_tokens: int = 0
    #: erroneous tokens touched by a proposal (true positives) and correct ones (false positives)
    detected_errors: int = 0
    detected_correct: int = 0
    #: gold length (grapheme clusters, normalized) and word count of the scored text
    gold_chars: int = 0
    gold_words: int = 0
    #: edit distances to the gold before and after applying the proposals
    char_errors_before: int = 0
    char_errors_after: int = 0
    word_errors_before: int = 0
    word_errors_after: int = 0
    #: correct OCR tokens changed by a proposal whose reading is wrong
    words_broken: int = 0
    #: proposals judged (with a known gold), and how they fared
    proposals: int = 0
    proposals_right: int = 0  # the reading makes the text right
    proposals_wrong: int = 0  # a reading that does not (on an error or not)
    flags: int = 0  # flag-only proposals
    flags_on_errors: int = 0  # flag-only proposals on an erroneous token

    def __add__(self, other: "Scores") -> "Scores":
        if not isinstance(other, Scores):
            return NotImplemented
        return Scores(**{f.name: getattr(self, f.name) + getattr(other, f.name)
                         for f in dataclasses.fields(self)})

    def __radd__(self, other: object) -> "Scores":
        # sum() starts from the integer 0
        if other == 0:
            return self
        return self.__add__(other)

    @property
    def precision(self) -> float:
        """Share of the tokens proposals touch that are erroneous."""
        return _ratio(self.detected_errors, self.detected_errors + self.detected_correct)

    @property
    def recall(self) -> float:
        """Share of erroneous tokens touched by a proposal."""
        return _ratio(self.detected_errors, self.error_tokens)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def cer_before(self) -> float:
        return _ratio(self.char_errors_before, self.gold_chars)

    @property
    def cer_after(self) -> float:
        return _ratio(self.char_errors_after, self.gold_chars)

    @property
    def wer_before(self) -> float:
        return _ratio(self.word_errors_before, self.gold_words)

    @property
    def wer_after(self) -> float:
        return _ratio(self.word_errors_after, self.gold_words)

    @property
    def improvement(self) -> float:
        """ICDAR "% improvement" as a fraction: (errors before − after) / errors before.

        Negative when the proposals made the text worse; 0 when there was nothing to fix."""
        return _ratio(self.char_errors_before - self.char_errors_after, self.char_errors_before)

    @property
    def broken_per_1000(self) -> float:
        """Correct words broken per 1,000 gold words."""
        return 1000 * _ratio(self.words_broken, self.gold_words)

    @property
    def right_share(self) -> float:
        """Share of proposals with a reading whose reading is right (flags left out)."""
        return _ratio(self.proposals_right, self.proposals_right + self.proposals_wrong)

    @property
    def right_or_flag_on_error_share(self) -> float:
        """Share of all judged proposals that are right: a right reading, or a flag on an
        erroneous token. Issue 14's "right at ≥ 0.9" is this share of the proposals at ≥ 0.9."""
        return _ratio(self.proposals_right + self.flags_on_errors, self.proposals)

    def as_dict(self) -> dict:
        """Counts and rates, for JSON."""
        out = dataclasses.asdict(self)
        for name in ("precision", "recall", "f1", "cer_before", "cer_after", "wer_before",
                     "wer_after", "improvement", "broken_per_1000", "right_share",
                     "right_or_flag_on_error_share"):
            out[name] = round(getattr(self, name), 6)
        return out
