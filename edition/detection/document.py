"""The document model: a text and what the detectors learn about it, each thing computed once.

- :data:`WORD_RE` — what a word token is: letters, digits and the marks OCR puts inside words.
- :class:`Token` — one word token: ``(start, end, text)``.
- :class:`Document` — the text, the project's words, (for a corpus) the collection's word
  counts and (when given) other witnesses of the text; its tokens, counts, vocabulary and word
  pairs, computed lazily; and
  :meth:`Document.memo`, through which detectors and evidence share what else they work out;
  and :meth:`Document.indices_of` and :meth:`Document.tokens_before`, the tokens of chosen forms
  and the tokens a string follows, found without a walk of every token (a rule that looks at a
  few tokens of a text need not visit every one in Python).

The detectors (:mod:`edition.detection.detectors`) and the evidence that needs the text
(:mod:`edition.detection.evidence`) read a :class:`Document`; this module imports only the
counting functions of :mod:`edition.detection.evidence.vocabulary` (and the witness record).
"""
from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import Callable, Collection, Mapping, NamedTuple, TypeVar, cast

import regex

from ..witnesses.tokens import Witness
from .evidence.vocabulary import CorpusVocabulary, adjacency, merged_counts, pair_counts, triple_counts

T = TypeVar("T")

#: A word token: letters, digits and the marks OCR puts inside words (apostrophes, hyphens,
#: and the symbols that stand in for letters).
WORD_RE = regex.compile(r"[\p{L}\p{N}](?:[\p{L}\p{N}'’\-|!$@]*[\p{L}\p{N}])?")


class Token(NamedTuple):
    start: int
    end: int
    text: str


_END = itemgetter(1)  # a token's end


@dataclass
class Document:
    """A text and the evidence about it that detectors share (computed once, lazily)."""

    text: str
    project_words: frozenset[str] = field(default_factory=frozenset)
    #: Word counts of a whole collection the text belongs to (optional, case-folded keys): a form
    #: of the collection is a word of the text. Passed by the corpus feature.
    corpus_counts: Mapping[str, int] | None = None
    #: Other transcriptions of the same text (:mod:`edition.witnesses`), whose readings
    #: :mod:`edition.detection.detectors.witness` proposes where they differ from this text.
    witnesses: tuple[Witness, ...] = ()
    #: The whole collection's counts, shared with its other documents (optional; passed by the
    #: corpus run instead of ``corpus_counts``): the same evidence as the rest of the corpus's
    #: counts, and what is derived from the corpus is derived once for all its documents.
    corpus: CorpusVocabulary | None = None
    _memo: dict[Callable[..., object], object] = field(default_factory=dict, init=False, repr=False,
                                                       compare=False)

    def __post_init__(self) -> None:
        if self.corpus is not None and self.corpus_counts is not None:
            raise ValueError("a document has the counts of the rest of its corpus or its corpus, not both")

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
        context; see :func:`edition.detection.evidence.vocabulary.adjacency`)?"""
        return adjacency(self.text, self.tokens)

    # Evidence for the word detectors (words, glyph, case, variant, unclear).

    @cached_property
    def n_words(self) -> int:
        if self.corpus is not None:
            return len(self.tokens) + self.corpus.rest_total(self.lower_counts)
        return len(self.tokens) + (sum(self.corpus_counts.values()) if self.corpus_counts else 0)

    @cached_property
    def project_lower(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.project_words)

    @cached_property
    def vocabulary(self) -> Mapping[str, int]:
        """Case-folded word → occurrences in this text (plus the corpus, when given). In a
        corpus run, a view of the shared corpus counts and the text's own
        (:class:`~edition.detection.evidence.vocabulary.DocumentCounts`), made in time
        proportional to the text."""
        if self.corpus is not None:
            return self.corpus.merged(self.lower_counts)
        return merged_counts(self.lower_counts, self.corpus_counts)

    @cached_property
    def recurring_forms(self) -> frozenset[str]:
        """Case-folded forms that occur at least twice: words of this text, whatever a lexicon
        says (see :mod:`edition.detection.evidence.vocabulary`)."""
        if self.corpus is not None:  # the corpus's recurring forms, and the text's own
            return self.corpus.recurring | frozenset(
                w for w, n in self.lower_counts.items() if n >= 2)
        return frozenset(w for w, n in self.vocabulary.items() if n >= 2)

    @cached_property
    def own_text_words(self) -> frozenset[str]:
        """:attr:`text_words` but for those its corpus recurs (:attr:`CorpusVocabulary.recurring`,
        shared by every document of a corpus run); all of them without a corpus."""
        if self.corpus is None:
            return self.text_words
        shared = self.corpus.recurring
        return frozenset(w for w, n in self.lower_counts.items() if n >= 2 and w not in shared) | (
            self.project_lower - shared)

    @cached_property
    def text_words(self) -> frozenset[str]:
        """Case-folded words this text vouches for: its recurring forms and the project's words."""
        return self.recurring_forms | self.project_lower

    def has_text_word(self, word: str) -> bool:
        """``word in self.text_words`` (case-folded), without making that set for a document of
        a corpus."""
        if self.corpus is None:
            return word in self.text_words
        return word in self.corpus.recurring or word in self.own_text_words

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
        return pair_counts(self.text, self.tokens, self.lower_tokens, self.joined)

    @cached_property
    def triples(self) -> Counter[str]:
        """Case-folded "a b c" → how often the three words stand in a row in this text."""
        return triple_counts(self.text, self.tokens, self.lower_tokens, self.joined)

    def memo(self, compute: Callable[[Document], T]) -> T:
        """``compute(self)``, computed once for this document: how detectors and evidence share
        what they work out about a text (the word model's readings, the text's sentence stops,
        ...). Keyed by the function itself, so two modules cannot collide on a name and the
        result has the type the function returns.

        >>> def capitals(doc: Document) -> int:
        ...     print("counting")
        ...     return sum(t.text[:1].isupper() for t in doc.tokens)
        >>> d = Document("Lenin and Stalin")
        >>> d.memo(capitals)
        counting
        2
        >>> d.memo(capitals)
        2
        """
        memo = self._memo
        try:
            return cast(T, memo[compute])  # the value compute returned: its type is T
        except KeyError:
            value = memo[compute] = compute(self)
            return value

    def indices_of(self, forms: Collection[str]) -> list[int]:
        """The indexes, in text order, of the tokens whose text is in ``forms``: ``[i for i, t
        in enumerate(self.tokens) if t.text in forms]``, from the tokens of each form
        (:attr:`_positions`). A detector that judges a form once picks the few forms that can
        yield anything, then visits their tokens only (on a corpus document a Python loop over
        every token cost more than the rule's work).

        >>> Document("It is as it is.").indices_of({"is", "It"})
        [0, 1, 4]
        """
        positions = self._positions
        if len(forms) > len(positions):  # a set larger than the text's forms: look the forms up
            found = [i for w, at in positions.items() if w in forms for i in at]
        else:
            found = [i for w in forms for i in positions.get(w, ())]
        found.sort()
        return found

    @cached_property
    def _positions(self) -> dict[str, array[int]]:
        """Each form → the indexes of its tokens, in text order, made once: the detectors'
        look-ups of a few forms each then cost what those forms' tokens cost, not a pass over
        every token (BLN600 as one text, 238,779 tokens: this index 76 ms, one pass of
        ``compress`` over the tokens 26 ms, and the detectors ask six to nine times). Arrays of
        4-byte integers, not lists: 4.7 MiB there instead of 11.4."""
        out: dict[str, array[int]] = {}
        get = out.get
        for i, w in enumerate(map(itemgetter(2), self.tokens)):
            at = get(w)
            if at is None:
                out[w] = array("i", (i,))
            else:
                at.append(i)
        return out

    def tokens_before(self, marks: str) -> list[int]:
        """The indexes, in text order, of the tokens followed directly by the string ``marks``
        (``"- "``: a line-break hyphen then a space): ``[i for i, t in enumerate(self.tokens)
        if self.text.startswith(marks, t.end)]``, found by searching the text for ``marks``.

        >>> Document("car- ried, a- b -c").tokens_before("- ")
        [0, 2]
        """
        text, toks, out = self.text, self.tokens, []
        n = len(toks)
        find = text.find
        i = find(marks)
        while i >= 0:
            k = bisect_left(toks, i, key=_END)  # the first token ending at i or after (one a place)
            if k < n and toks[k].end == i:
                out.append(k)
            i = find(marks, i + 1)
        return out

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
