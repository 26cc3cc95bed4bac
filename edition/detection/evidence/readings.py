"""Which reading of a word the evidence favours: the word model of the word engine.

For a word form of the document, :func:`analyse` generates the readings the OCR confusion model
allows (:mod:`.confusions`), keeps those that are words (general lexicon, the document's own
vocabulary, the project lexicon), ranks them by

    log10 P(reading) + log10 P(confusions)   with P(reading) = lexicon frequency + share in the text

and describes the best one against the original by *named features* (see :data:`FEATURES`).
The word engine (:mod:`edition.detection.detectors.words`) adds the features of each occurrence
(context, sentence start) and turns the sum into a confidence with
:mod:`edition.detection.calibration`.

Forms that are never analysed (:func:`protected`): numbers, roman numerals, the project's words,
single characters, and forms a detector cannot improve (no letter at all).

>>> from edition.detection.document import Document
>>> doc = Document("We shaU see. We shall go.")
>>> r = analyse("shaU", doc)[0]
>>> r.reading, [str(c) for c in r.changes]
('shall', ['U→ll'])
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Container, Iterable

import regex
from rapidfuzz import process as rf_process
from rapidfuzz.distance import Levenshtein

from . import candidates, confusions, formcache, lexicon
from .historical import historical_pattern, writes_older_spellings
from .letters import letter_scores, plain
from .noise import ocr_noise

if TYPE_CHECKING:
    from ..document import Document
    from .vocabulary import CorpusVocabulary

#: Type-level features, in the order :mod:`edition.detection.calibration` weighs them.
FEATURES = (
    "lexicon",  # Zipf of the reading minus Zipf of the original (general English)
    "document",  # log10(1 + count of the reading in the text) - log10(count of the original)
    "confusion",  # log10 P of the confusions that turn the reading into the original
    "unseen_edit",  # 1 when an edit the development data never showed is needed
    "known_original",  # 1 when the original is itself a common English word (a real-word error)
    "capitalized",  # 1 for Capitalized forms (names are capitalized)
    "all_caps",  # 1 for ALL-CAPS forms (abbreviations, headings)
    "odd_glyph",  # 1 when the original mixes letters with digits/symbols or has an inner capital
    "rival",  # how far the best reading is ahead of the second best (log10), capped at 3
    "margin",  # log10 P(reading)·P(confusions) minus log10 P(original)·P(it is read right)
    "historical",  # 1 when the original is a regular older spelling of a common word (tolde, hee)
    "doc_pair",  # 1 for a frequent form of the text two OCR errors away (_doc_pair_variants)
    "deep",  # 1 for a reading of the deep search: more edits than the confusion search tries
    "edits",  # Levenshtein distance of the original and the reading (lower case)
    "frequent",  # 1 for a frequent word read for a short form of a noisy text (candidates.frequent_variants)
    "noise",  # the OCR's damage: log10 share of unknown one-off forms, old spellings aside (noise.ocr_noise)
    "digit",  # 1 when the original has a digit beside a letter (l0s, 1t): often a number, not a word
)

#: Occurrence-level features, added by the detectors.
CONTEXT_FEATURES = (
    "context",  # how much better the reading fits its neighbours (bigram association, log10)
    "doc_context",  # the same from the document's own word pairs
    "sentence_start",  # 1 when the word starts a sentence (capitals are expected there)
    "doc_phrase",  # the same from the document's own three-word phrases (he knew how to)
    "lm",  # how much better the reading fits its neighbours in the bigram language model (ngrams.fit)
    "context_rival",  # how much better another reading of the form fits here (context + lm), or 0
)

#: A reading must be at least this common in English, unless the text or the project knows it.
#: Zipf 2 = 100 per billion words: below that wordfreq's large list holds mostly debris.
MIN_READING_ZIPF = 2.0
#: The original counts as a common English word at this Zipf and above (one in 1,000,000 words);
#: such a form is only changed for a better context (real-word error).
KNOWN_ZIPF = 3.0
#: A form the text uses this often is a word of the text when it is not an OCR confusion of a
#: far more common one: readings may be forms of the text seen at least this often.
DOC_WORD_MIN = 2
#: A common word whose best reading is this much less likely (log10) is left alone without
#: looking at its context: no context in the tune data moved a reading by more than about 3.
KNOWN_GATE = -4.0
#: Shortest form tried with unseen edits (a 3-letter form has dozens of one-edit neighbours).
GENERIC_MIN_LEN = 4
#: Readings kept per form: the context of each occurrence chooses among them ("lie knew" → "he",
#: "now to" → "how"), so the second and third best by frequency and confusion must be there.
MAX_OPTIONS = 3

_ROMAN = regex.compile(r"^(?=[MDCLXVI])M{0,4}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$",
                       regex.IGNORECASE)
_NUMBERISH = regex.compile(r"^[\p{N}.,:/\-–]+(st|nd|rd|th|d|s)?$", regex.IGNORECASE)
_HAS_LETTER = regex.compile(r"\p{L}")
_LIGATURE = regex.compile("[\ufb00-\ufb06\u017f]")  # ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ and the long s
_DIGIT_LETTER = regex.compile(r"\p{L}\p{N}|\p{N}\p{L}")
_ODD = regex.compile(r"\p{L}[\p{N}|!$@]|[\p{N}|!$@]\p{L}|\p{Ll}\p{Lu}")
#: A digit between letters (``V1adimir``, ``t1me``): such a form is no word however often the
#: text repeats it (the OCR misreads the same word in the same type the same way), so its
#: recurrence is no evidence for it.
_DIGIT_INSIDE = regex.compile(r"\p{L}\p{N}+\p{L}")


@dataclass(frozen=True)
class WordReading:
    """The best reading of one word form and the evidence for it."""

    original: str
    reading: str
    changes: tuple[confusions.Change, ...]
    features: dict[str, float]


def is_roman_numeral(word: str) -> bool:
    """A well-formed roman numeral, in either case.

    >>> is_roman_numeral("xviii"), is_roman_numeral("MDCCCLX"), is_roman_numeral("civil")
    (True, True, False)
    """
    return bool(_ROMAN.match(word))


def protected(word: str, doc: "Document") -> str | None:
    """Why ``word`` is never changed, or None.

    >>> from edition.detection.document import Document
    >>> d = Document("")
    >>> protected("XVII", d), protected("1858", d), protected("Stalin", d), protected("oﬀer", d)
    ('roman numeral', 'number', None, 'a known word printed with a ligature')
    """
    why = _protected_form(word)
    if why is not None:
        return why
    if word in doc.project_words or word.lower() in doc.project_lower:
        return "project lexicon"
    if _LIGATURE.search(word):
        unfolded = plain(word).lower()
        if unfolded in lexicon.words_at_least(MIN_READING_ZIPF) or doc.vocabulary.get(unfolded, 0):
            # "oﬀer", "ﬁrst": the print's ligature, kept by many transcriptions; not a misreading
            # (the word model would read the unknown glyph as something else: "oﬀer" → "over")
            return "a known word printed with a ligature"
    return None


@lru_cache(maxsize=1 << 16)  # asked for every form of every document; a pure function of it
def _protected_form(word: str) -> str | None:
    """Why :func:`protected` keeps ``word`` whatever its text (its shape alone), or None."""
    if len(word) < 2:
        return "single character"
    if _NUMBERISH.match(word):
        return "number"
    if not _HAS_LETTER.search(word):
        return "no letter"
    if word.isupper() and _ROMAN.match(word):
        return "roman numeral"
    return None


def match_case(original: str, reading: str) -> str:
    """``reading`` in the case pattern of ``original`` (ALL CAPS or Capitalized).

    >>> match_case("STATIN", "stalin"), match_case("Statin", "stalin"), match_case("aU", "all")
    ('STALIN', 'Stalin', 'all')
    """
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return reading.upper()
    if original[:1].isupper() and original[1:2].islower():
        return reading[:1].upper() + reading[1:]
    return reading


#: P of a form neither English nor the text knows: Zipf 0, one in a billion words.
FLOOR = 1e-9


def _recase(original: str, reading: str, changes=(), doc: "Document | None" = None) -> str:
    """The case pattern of the original, kept in the reading.

    Readings keep the characters the confusions did not touch, so the pattern is mostly there
    already ("Hkewise" → "likewise": the two letters li were read as one H). Corrections:

    - capitals stay capitals: a word in capitals (all letters, or all but one of four or more)
      gets an upper-case reading ("DARUNGTON" → "DARLINGTON");
    - a letter read as one other letter keeps the original's case ("Ohief" → "Chief"), except
      a capital inside a word of small letters ("feeliDg" → "feeling", "AIso" → "Also");
    - a letter read as a digit or mark takes the case of the word around it ("ha9" → "has");
    - a first letter read from several characters takes the case of the first of them
      ("M11ontgomery" → "Montgomery", "Hle" → "He", "imwellery" → "jewellery");
    - the pronoun I is a capital in its contractions (``l'm`` → ``I'm``);
    - a lower-case first letter becomes a capital only where the text always writes the reading
      with one, and does so inside a sentence (a name: "llyich" → "Ilyich" where the text has
      "Ilyich" and never "ilyich"); a word the text writes only at the start of its sentences or
      in a heading's capitals is no name ("vitness" stays "witness" beside "Witness said").

    >>> _recase("DARUNGTON", "DARliNGTON"), _recase("gTREET", "sTREET"), _recase("aU", "all")
    ('DARLINGTON', 'STREET', 'all')
    >>> _recase("WeU", "Well")
    'Well'
    >>> _recase("feeliDg", "feeling", [confusions.Change(5, "D", "n", 0.001)])
    'feeling'
    >>> _recase("AIso", "Also", [confusions.Change(1, "I", "l", 0.01)])
    'Also'
    >>> _recase("l'm", "i'm", [confusions.Change(0, "l", "i", 0.002)]), _recase("l'll", "i'll")
    ("I'm", "I'll")
    >>> _recase("M11ontgomery", "montgomery", [confusions.Change(0, "M11", "m", 1e-5)])
    'Montgomery'
    >>> _recase("imwellery", "Jewellery", [confusions.Change(0, "im", "Je", 1e-5)])
    'jewellery'
    """
    result, final = _cased(original, reading, tuple(changes))
    if not final and doc is not None and any(c.at == 0 for c in changes) and result[:1].islower():
        usual = doc.usual_form(result)
        if (usual and usual[:1].isupper() and not doc.counts.get(result.lower(), 0)
                and usual in doc.memo(capitalized_inside_sentences)):
            return usual[:1] + result[1:]
    return result


def capitalized_inside_sentences(doc: "Document") -> frozenset[str]:
    """The forms the text writes with a capital and small letters where no sentence starts: its
    names and titles (``Ilyich``), not the common words that open its sentences (``Witness``).

    >>> from edition.detection.document import Document
    >>> sorted(capitalized_inside_sentences(Document("Witness said that Ilyich left. WITNESS.")))
    ['Ilyich']
    """
    forms = {w for w in doc.counts if w[:1].isupper() and not w.isupper()}  # judged per form
    tokens = doc.tokens
    return frozenset(tokens[i].text for i in doc.indices_of(forms) if not doc.starts_sentence(i))


#: Capitals whose small letters have the same shape, only smaller: OCR's case of them is no
#: evidence of the printed case.
SAME_SHAPE_CAPITALS = frozenset("COSVWXZ")


@lru_cache(maxsize=65536)
def _cased(original: str, reading: str, changes: tuple[confusions.Change, ...]) -> tuple[str, bool]:
    """:func:`_recase` without the text: the reading in the original's case pattern, and whether
    that is final (capitals, the pronoun I) or a text's usual form may still give it its capital.
    Kept per form: in a corpus the same forms are read the same way in document after document.

    A form without a capital read as a word without one (``tbe`` → ``the``: most readings of a
    text) keeps the reading as it is: the rules (:func:`_cased_by_changes`, which gives the
    same) could only make a letter small that is small already, or give a letter the case of a
    capital that the form and its changes do not have.
    """
    if (reading == reading.lower() and not any(map(str.isupper, reading))
            and not any(map(str.isupper, original)) and not any(ch.isupper() for c in changes for ch in c.ocr)):
        return _pronoun_capital(reading)
    return _cased_by_changes(original, reading, changes)


def _pronoun_capital(result: str) -> tuple[str, bool]:
    """:func:`_cased`'s result: the pronoun is a capital in every contraction (I'm, I'll, I've),
    and final; any other reading may still take a capital from the text (:func:`_recase`)."""
    if result[:1] == "i" and result[1:2] in ("'", "’") and len(result) <= 4:
        return "I" + result[1:], True
    return result, False


def _cased_by_changes(original: str, reading: str, changes: tuple[confusions.Change, ...]) -> tuple[str, bool]:
    """:func:`_cased` by its rules, change by change."""
    letters = [c for c in original if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    if len(letters) >= 2 and (upper == len(letters) or (len(letters) >= 4 and upper >= len(letters) - 1)):
        return reading.upper(), True
    out = list(reading)
    shift = 0  # offset of the reading against the original after earlier changes
    rest_lower = any(c.islower() for c in letters)
    for c in sorted(changes, key=lambda c: c.at):
        pos = c.at + shift
        if len(c.ocr) == 1 and len(c.gold) == 1 and c.ocr.isalpha() and pos < len(out):
            # a capital misread inside a word of small letters is a small letter ("feeliDg",
            # "AIso": the other letters after the first are small)
            others = [ch for k, ch in enumerate(original) if ch.isalpha() and k != c.at]
            inner = (c.at > 0 and c.ocr.isupper() and any(ch.islower() for ch in others)
                     and not any(ch.isupper() for ch in others[1:]))
            out[pos] = out[pos].upper() if c.ocr.isupper() and not inner else out[pos].lower()
        elif (c.at == 0 and len(c.ocr) > 1 and c.ocr[0].isalpha() and c.gold and out
              and not c.ocr.lower().endswith(c.gold.lower()) and c.ocr[0].upper() not in SAME_SHAPE_CAPITALS):
            # several characters read as the first letter ("M11ontgomery", "Hle", "imwellery"):
            # the first of them is the printed letter, in its case (unless the letter is their
            # last and the first are a speck: "Ac" read for "c", "&c."; or its capital has its
            # small letter's shape, and the case is no evidence either way: "Wias" is as often
            # "was", and "vVhen" is "When")
            out[0] = out[0].upper() if c.ocr[0].isupper() else out[0].lower()
        elif c.ocr and not any(ch.isalpha() for ch in c.ocr) and rest_lower and (c.at > 0 or len(letters) > 1):
            for k in range(pos, min(pos + len(c.gold), len(out))):
                if c.at > 0 or k > pos:
                    out[k] = out[k].lower()
        shift += len(c.gold) - len(c.ocr)
    return _pronoun_capital(regular_case("".join(out)))


#: Names whose capital stands inside the word: McCall, MacLeod, O'Callaghan, M'Donald, o'Clock.
_INNER_CAPITAL_NAME = regex.compile(r"^(?:Ma?c\p{Lu}|.*['’]\p{Lu})")


def regular_case(reading: str) -> str:
    """A reading left in a mixture of capitals and small letters by the original's misread
    letters (``TnE`` → ``ThE``, ``oDCe`` → ``oNCe``) in the case of a word: in capitals where
    most of its letters are capitals (a heading's ``THE``; or half, the first among them), else in
    small letters, with the first letter's capital kept (``SUliday`` → ``Sunday``). Names with a capital inside keep it
    (``McCall``, ``O'Callaghan``). On the tune parts of the three development sets, the gold of
    such readings was in capitals 39 times, in small letters 30, Capitalized 10, mixed only in
    such names 8; this case is the gold's for 73 of the 87, the mixture for 8
    (``benchmarks/studies/reading_case.py``, 2026-12-05).

    >>> regular_case("ThE"), regular_case("oNCe"), regular_case("SUnday"), regular_case("McCall")
    ('THE', 'once', 'Sunday', 'McCall')
    """
    letters = [c for c in reading if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    if not upper or upper == len(letters) or (reading[:1].isupper() and upper == 1):
        return reading  # small letters, capitals, or Capitalized
    if _INNER_CAPITAL_NAME.match(reading):
        return reading
    if 2 * upper > len(letters) or (2 * upper == len(letters) and letters[0].isupper()):
        return reading.upper()
    return reading[:1] + reading[1:].lower()


#: A text shows an OCR engine's accent habit when at least this many of its word forms put an
#: accent on a very common English word (Zipf ≥ 5.5 without it: "thé", "hâve", "aftër");
#: loanwords written with their accents (élite, café, régime, rôle: Zipf 4.2–5.2 without) are
#: rarer words. Without the habit, accents are the author's and are kept.
ACCENT_HABIT = 1
ACCENT_HABIT_ZIPF = 5.5


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _is_accent_drop(ocr: str, gold: str) -> bool:
    stripped = _strip_accents(ocr)
    return stripped != ocr and stripped.lower() == gold.lower()


def accent_habit(doc: "Document") -> bool:
    """True when the text's accents are an OCR habit (see :data:`ACCENT_HABIT`; counted once
    per document)."""
    return doc.memo(_accent_habit)


def _accent_habit(doc: "Document") -> bool:
    if doc.corpus is None:
        return _accented_common(doc.vocabulary) >= ACCENT_HABIT
    # the forms of the text's vocabulary: the corpus's, counted once for all its documents, and
    # the text's own forms the corpus lacks
    counts = doc.corpus.counts
    return doc.corpus.memo(_corpus_accented) + _accented_common(
        w for w in doc.lower_counts if w not in counts) >= ACCENT_HABIT


def _corpus_accented(corpus: "CorpusVocabulary") -> int:
    return _accented_common(corpus.counts)


def _accented_common(forms: Iterable[str]) -> int:
    """How many of ``forms`` put an accent on a very common English word (:data:`ACCENT_HABIT_ZIPF`)."""
    n = 0
    for w in forms:
        if not w.isascii():
            plain = _strip_accents(w)
            n += plain != w and lexicon.zipf(plain) >= ACCENT_HABIT_ZIPF
    return n


_ENDINGS = ("s", "es", "'s", "’s", "d", "ed")
_LONGEST_ENDING = max(map(len, _ENDINGS))
#: -d is an ending only after a silent e (``use``/``used``): a form that adds a d to another word
#: (``saidd``, ``andd``) is that word misread, not its inflection. (The other endings stay
#: whatever the last letter: ``busines`` beside ``business`` is an older spelling, and a -s
#: added to a word in s was an older spelling or a plural more often than a misreading on the
#: development sets' books.)
_D_AFTER = "e"


def _inflection_of(a: str, b: str) -> bool:
    """True when one of the words is the other plus an inflectional ending, or the two are the
    possessive and the plural of one word (``plaintiff's``/``plaintiffs``: the apostrophe is the
    grammar's, not a speck; read away it was wrong 30 times and right 3 on the three sets' tune
    parts, 2026-12-05; docs/BENCHMARKS.md, "What loses on ICDAR 2019").

    >>> _inflection_of("albanians", "albanian"), _inflection_of("daya", "days")
    (True, False)
    >>> _inflection_of("used", "use"), _inflection_of("saidd", "said")
    (True, False)
    >>> _inflection_of("constable's", "constables"), _inflection_of("soldier’s", "soldiers")
    (True, True)
    """
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    more = len(long_) - len(short)
    if not 0 < more <= _LONGEST_ENDING:
        return False  # no ending this long (a test made for every reading of every form)
    ending = long_[len(short):]
    if ending in _ENDINGS and long_.startswith(short) and (ending != "d" or short.endswith(_D_AFTER)):
        return True
    return more == 1 and long_[-2:] in _POSSESSIVE and long_[:-2] + "s" == short


_POSSESSIVE = ("'s", "’s")
_ELIDED_ED = ("'d", "’d")


def _prior(word: str, doc: "Document", leave_out: int = 0) -> float:
    """P(word): its English frequency plus its share of the text (``leave_out`` occurrences
    not counted: the original's own occurrence is no evidence for itself)."""
    share = max(doc.vocabulary.get(word.lower(), 0) - leave_out, 0) / max(doc.n_words, 1)
    return lexicon.frequency(word) + share + FLOOR


#: A long form the text uses only once may still be the reading of another (``Khrushchevisrn``
#: → ``Khrushchevism`` where the text has each once): at this length two forms one OCR confusion
#: apart are rarely two different words. Shorter once-seen forms are too often garbled themselves.
#: Measured with ``benchmarks/detection_dev.py`` (word detectors): F1 unchanged on all four parts
#: (±0.001), no new proposal at ≥ 0.9 on the clean gold texts.
ONCE_READING_MIN_LEN = 8


def _text_and_once(doc: "Document") -> frozenset[str]:
    """The text's words (:attr:`Document.text_words`) and its long once-seen forms (asked once
    per document: ``doc.memo(_text_and_once)``)."""
    return doc.text_words | frozenset(
        w for w, n in doc.vocabulary.items() if n == 1 and len(w) >= ONCE_READING_MIN_LEN)


# In a corpus run, the words of _text_and_once are those of the corpus, the same for every
# document (its forms seen twice or more, and its long forms seen once), and the document's own
# few others; a form's search among English and the corpus's words is made once per corpus.


def _corpus_text_and_once(corpus: "CorpusVocabulary") -> frozenset[str]:
    """The words :func:`_text_and_once` takes from the corpus: every document of it has them
    (with their search index, kept for all the documents)."""
    return confusions.IndexedWords(w for w, n in corpus.counts.items()
                                   if n >= 2 or (n == 1 and len(w) >= ONCE_READING_MIN_LEN))


def _own_text_and_once(doc: "Document") -> frozenset[str]:
    """The words of :func:`_text_and_once` that the corpus's part (:func:`_corpus_text_and_once`)
    lacks: the text's recurring forms the corpus does not count, the project's words, and the
    long forms seen once in the whole corpus, this text (once per document)."""
    assert doc.corpus is not None
    shared = doc.corpus.memo(_corpus_text_and_once)
    counts = doc.corpus.counts
    return frozenset(w for w, n in doc.lower_counts.items()
                     if (n >= 2 or (counts.get(w, 0) <= 1 and len(w) >= ONCE_READING_MIN_LEN))
                     and w not in shared) | (doc.project_lower - shared)


def _in_text_and_once(doc: "Document", low: str) -> bool:
    """``low in _text_and_once(doc)``, without making that set for a document of a corpus."""
    if doc.corpus is None:
        return low in doc.memo(_text_and_once)
    return low in doc.corpus.memo(_corpus_text_and_once) or low in doc.memo(_own_text_and_once)


def _own_not_english(doc: "Document") -> frozenset[str]:
    """:func:`_own_text_and_once` without the lexicon's words (the search's second set)."""
    return doc.memo(_own_text_and_once) - lexicon.words_at_least(MIN_READING_ZIPF)


@lru_cache(maxsize=1)
def _confusion_reach() -> tuple[int, int]:
    """(length, distance): how much one confusion the search generates (or one unseen edit) can
    change a form's length and its spelling (Levenshtein, lower case): 2 and 3 for the shipped
    table (``m`` read for ``ffi``)."""
    length = distance = 1  # an unseen edit
    for split in (confusions._split_generating(confusions.MIN_GENERATE_P),
                  confusions._split_initial_generating(confusions.MIN_GENERATE_P)):
        for ocr, entry in split.items():
            for options in entry or ():
                for gold, *_ in options:
                    length = max(length, abs(len(gold) - len(ocr)))
                    distance = max(distance, Levenshtein.distance(ocr.lower(), gold.lower()))
    return length, distance


#: :func:`_may_read_as` asks rapidfuzz about this many of a document's words at a time, and stops
#: at the first group that holds one near enough: the test is True for most forms of a long book
#: (its own long once-seen words are many), and the first such word is most often among the
#: first few dozen. On the 208k-word corpus's 60,706 tests: 0.45 s in groups of 32, 0.46 s in
#: groups of 64, 0.51 s of 16, 2.8 s over each whole list (2026-12-05).
_NEAR_GROUP = 32
#: ... and only over lists of at most this many groups: past them the test costs more than the
#: search it would spare (the search finds a reading for 4 % of the forms it is made for, 825 of
#: 20,667 on the first 139,210 words, but most long lists hold a word within the test's reach;
#: docs/BENCHMARKS.md, "the search among a document's own words"). On the 1M-word corpus's
#: first 347,322 words (main `7932d9c`, 2026-12-05 16:23-16:26 UTC, a loaded machine, wall µs
#: per call): a search 216 µs; over 3-4
#: groups the test 57 µs and 35 % said no (0.35 × 216 = 76 µs spared), over 5-8 groups 87 µs
#: and 32 % (69 µs spared), over 9-32 groups 132 µs and 22 % (47 µs spared). On that corpus's
#: 115,909-word book alone (4,543 words of its own; CPU µs per form read with one confusion,
#: 16:08-16:12 UTC) the test and then the search took 68-85 µs, the search alone 27-38 µs.
_TESTED_GROUPS = 4


def _may_read_as(low: str, doc: "Document", max_changes: int) -> bool:
    """False when no word of :func:`_own_not_english` is near enough to ``low`` for
    :func:`confusions.variants` to read ``low`` as it with ``max_changes`` confusions (one letter
    more of margin each way: a non-ASCII letter may lower-case to another length); a quick test,
    in C, before a search among a document's own words. It stops at the first group of words
    (:data:`_NEAR_GROUP`) that holds one near enough: rapidfuzz's ``extractOne`` goes on to the
    nearest of its list. (Its ``extract_iter`` stops at the first, but each generator left
    unfinished is a reference cycle of nine objects for the collector.) True, without a test,
    when the words within reach are more than :data:`_TESTED_GROUPS` groups: the search is then
    cheaper than the test."""
    length, distance = _confusion_reach()
    span = length * max_changes + 1
    near_by_length = doc.memo(_own_near_length)
    key = (len(low), span)
    groups = near_by_length.get(key)
    if groups is None:  # the words of the lengths within reach, listed once per length and reach
        by_length = doc.memo(_own_by_length)
        near = [w for n in range(len(low) - span, len(low) + span + 1) for w in by_length.get(n, ())]
        groups = near_by_length[key] = [near[i:i + _NEAR_GROUP] for i in range(0, len(near), _NEAR_GROUP)]
    if len(groups) > _TESTED_GROUPS:
        return True  # the search itself costs less than this test
    cutoff = distance * max_changes + 1
    for group in groups:
        if rf_process.extractOne(low, group, scorer=Levenshtein.distance, score_cutoff=cutoff) is not None:
            return True
    return False


def _own_by_length(doc: "Document") -> dict[int, list[str]]:
    """The words of :func:`_own_not_english` by length."""
    out: dict[int, list[str]] = {}
    for w in doc.memo(_own_not_english):
        out.setdefault(len(w), []).append(w)
    return out


def _own_near_length(doc: "Document") -> dict[tuple[int, int], list[list[str]]]:
    """(length, reach) → the words of :func:`_own_not_english` within reach of that length (in
    groups of :data:`_NEAR_GROUP`), filled as :func:`_may_read_as` meets them (a long book's own
    words, listed anew for every form, were most of that test's cost)."""
    return {}


def _corpus_variant_memo(corpus: "CorpusVocabulary") -> formcache.FormMemo:
    """Form → its confusion search among English and the corpus's words, for one corpus."""
    return formcache.FormMemo()


def _variants(word: str, doc: "Document", generic: bool, max_changes: int) -> list[confusions.Variant]:
    """``confusions.variants(word, English, _text_and_once(doc), ...)``: in a corpus run, the
    search among English and the corpus's words made once per form and corpus, the search
    among the document's own other words (few or none) once per document.

    Exact: whether a reading is accepted depends on the reading alone, and each reading's
    likeliest derivation is found in the same order whichever set accepts it (the searches prune
    only derivations no word of their set can come from), so the readings of the two searches,
    which no set shares, are those of one search over both, and sort the same way."""
    words = lexicon.words_at_least(MIN_READING_ZIPF)
    if doc.corpus is None:
        return confusions.variants(word, words, doc.memo(_text_and_once), generic=generic,
                                   max_changes=max_changes)
    shared = doc.corpus.memo(_corpus_text_and_once)
    common = doc.corpus.memo(_corpus_variant_memo).get(words, (word, generic, max_changes), lambda: tuple(
        confusions.variants(word, words, shared, generic=generic, max_changes=max_changes)))
    text_only = doc.memo(_own_not_english)
    if not text_only or not _may_read_as(word.lower(), doc, max_changes):
        return list(common)
    own = confusions.variants(word, frozenset(), text_only, generic=generic, max_changes=max_changes)
    if not own:
        return list(common)
    if not common:
        return own
    return sorted((*common, *own), key=lambda v: (-v.log_p, v.reading))


#: Between two once-seen forms, a confusion the OCR makes this many times as often one way as
#: the other says which form is the misreading (``li`` read for ``h``: 1.1 % of OCR ``li``; ``h``
#: read for ``li``: only the look-alike prior, 0.006 %), whatever the letters look like. Confusions
#: both ways alike (``c``/``e``: 0.39 % against 0.21 %) leave it to the letters.
DIRECTION_RATIO = 10.0


def _direction(changes: tuple[confusions.Change, ...]) -> int:
    """+1 when every change is a confusion OCR makes far more often (:data:`DIRECTION_RATIO`)
    this way than the reverse way, -1 when every change is far likelier the reverse way, else 0.

    >>> from edition.detection.evidence.confusions import Change
    >>> _direction((Change(4, "li", "h", confusions.confusion_p("li", "h")),))
    1
    >>> _direction((Change(4, "h", "li", confusions.confusion_p("h", "li")),))
    -1
    >>> _direction((Change(9, "c", "e", confusions.confusion_p("c", "e")),))
    0
    """
    if not changes or not all(c.ocr and c.gold for c in changes):
        return 0
    back = [confusions.confusion_p(c.gold, c.ocr) or confusions.UNSEEN_EDIT_P for c in changes]
    if all(c.p >= DIRECTION_RATIO * b for c, b in zip(changes, back)):
        return 1
    if all(b >= DIRECTION_RATIO * c.p for c, b in zip(changes, back)):
        return -1
    return 0


def _once_reading_less_english(word: str, v: confusions.Variant, words: Container[str],
                               doc: "Document") -> bool:
    """True when the reading ``v`` is only a once-seen form of the text (:func:`_text_and_once`)
    and ``word`` is the likelier misreading of the two. Two once-seen forms one confusion apart
    would otherwise each be read as the other (``Bukharinites`` → ``Bukharinitcs`` beside
    ``Bukharinitcs`` → ``Bukharinites``), and accepting both would swap them. The direction of
    the confusions says which form is the misreading (:func:`_direction`: ``li`` is read for
    ``h``, not ``h`` for ``li``); where they go both ways alike, the letters do
    (:func:`edition.detection.evidence.letters.letter_scores`, mean: the reading's must be more English).

    >>> from edition.detection.document import Document
    >>> from edition.detection.evidence.confusions import Change, Variant
    >>> d = Document("The Bukharinites and the Bukharinitcs.")
    >>> e_for_c = Variant("Bukharinitcs", (Change(9, "e", "c", confusions.confusion_p("e", "c")),), -2.7)
    >>> _once_reading_less_english("Bukharinites", e_for_c, set(), d)
    True
    >>> c_for_e = Variant("Bukharinites", (Change(9, "c", "e", confusions.confusion_p("c", "e")),), -2.4)
    >>> _once_reading_less_english("Bukharinitcs", c_for_e, set(), d)
    False
    """
    low = v.reading.lower()
    if low in words or doc.has_text_word(low) or not _in_text_and_once(doc, low):
        return False
    direction = _direction(v.changes)
    if direction:
        return direction < 0
    return letter_scores(v.reading)[1] <= letter_scores(word)[1]


#: A once-seen form may be two OCR errors away from a form the text uses often (``Kruslichevite``
#: beside ``Khrushchevite`` 4x and ``Khrushchev`` 19x; ``reoeivad`` beside ``received``, where
#: ``a`` for ``e`` is too rare a confusion to enter the table's pairs): the text's repetition is
#: the evidence the lexicon lacks. Tried only when no one-edit reading exists, for forms of at
#: least this many letters the text has once ...
DOC_PAIR_MIN_LEN = 6
#: ... toward forms the text has at least this often ...
DOC_PAIR_MIN_COUNT = 3
#: ... within this many letters (Levenshtein; ``li`` read for ``h`` is two) ...
DOC_PAIR_MAX_DISTANCE = 3
#: ... and at most this much longer or shorter (two errors rarely change the length by more:
#: a lost letter, ``li`` for ``h``). Only forms this close are compared: the search costs about
#: 2 % of detection time on 100,000 words of the development OCR (``benchmarks/speed_detect.py``).
DOC_PAIR_MAX_LENGTH_CHANGE = 2
_ALPHA = regex.compile(r"^\p{L}+$")


def _frequent_forms(doc: "Document", word: str) -> list[str]:
    """The text's letter-only forms seen at least :data:`DOC_PAIR_MIN_COUNT` times that may be
    two errors from ``word`` (lower case): within :data:`DOC_PAIR_MAX_LENGTH_CHANGE` of its
    length, and with its first or its last letter (two errors seldom hit both ends of a word:
    of the 41 right readings of the development set, 39 keep one end; comparing only these
    forms makes the search 2.5 times faster). In no particular order: the readings found are
    sorted (:func:`_doc_pair_variants`)."""
    by_first, by_last, ranges = _frequent_index_of(doc)
    out: list[str] = []
    first, last = word[0], word[-1]
    for k in range(len(word) - DOC_PAIR_MAX_LENGTH_CHANGE, len(word) + DOC_PAIR_MAX_LENGTH_CHANGE + 1):
        out += by_first.get((k, first), ())
        ends = by_last.get((k, last))
        if ends:
            # the forms that also begin with ``first`` are in the list above: sliced out (in C)
            s, e = ranges.get((k, last, first), (0, 0))
            out += ends[:s]
            out += ends[e:]
    return out


def _frequent_index_of(doc: "Document") -> tuple[dict, dict, dict]:
    """The :func:`_frequent_index` of the text: in a corpus run, the corpus's (made once for all
    its documents) unless the text recurs a form more often than the whole corpus counts it."""
    if doc.memo(_shares_corpus_frequent):
        return doc.corpus.memo(_corpus_frequent_index)  # type: ignore[union-attr]
    return doc.memo(_frequent_index)


def _shares_corpus_frequent(doc: "Document") -> bool:
    """True in a corpus run whose frequent forms (:data:`DOC_PAIR_MIN_COUNT`) are the text's: the
    text has none its corpus counts less often (as a corpus evidence older than the text may).
    Then the corpus's index and what is searched in it serve every document (once per text)."""
    if doc.corpus is None:
        return False
    counts = doc.corpus.counts
    return not any(n >= DOC_PAIR_MIN_COUNT and counts.get(w, 0) < DOC_PAIR_MIN_COUNT and _ALPHA.match(w)
                   for w, n in doc.lower_counts.items())


def _corpus_frequent_index(corpus: "CorpusVocabulary") -> tuple[dict, dict, dict]:
    return _index_frequent(corpus.counts.items())


def _frequent_index(doc: "Document") -> tuple[dict, dict, dict]:
    """:func:`_index_frequent` of the text's vocabulary (corpus included)."""
    return _index_frequent(doc.vocabulary.items())


def _index_frequent(counts: Iterable[tuple[str, int]]) -> tuple[dict, dict, dict]:
    """The index of :func:`_frequent_forms`: (length, first letter) → forms; (length, last
    letter) → forms ordered by their first letter, with (length, last, first) → the slice of
    those that begin with ``first``. Filtering the (length, last letter) lists in Python for
    every query took 3.1 s of a 1M-word text of new vocabulary (searching the lists for the
    40,000 forms that may ask took 5.3 s); slicing them takes 1.3 s (``benchmarks/speed_detect.py --unrepeated``)."""
    by_first: dict[tuple[int, str], list[str]] = {}
    by_last: dict[tuple[int, str], list[str]] = {}
    for w, n in counts:
        if n >= DOC_PAIR_MIN_COUNT and _ALPHA.match(w):
            by_first.setdefault((len(w), w[0]), []).append(w)
            by_last.setdefault((len(w), w[-1]), []).append(w)
    ranges: dict[tuple[int, str, str], tuple[int, int]] = {}
    for (k, last), ws in by_last.items():
        ws.sort(key=lambda w: w[0])
        for i, w in enumerate(ws):
            key = (k, last, w[0])
            s, _ = ranges.get(key, (i, i))
            ranges[key] = (s, i + 1)
    return by_first, by_last, ranges


def _edit_runs(low: str, other: str) -> list[tuple[int, int, int, int]]:
    """The differing runs of an optimal alignment of ``low`` with ``other``, as (start, end in
    ``low``, start, end in ``other``); adjacent edits make one run (``li`` for ``h``).

    >>> _edit_runs("kruslichevite", "khrushchevite")
    [(1, 1, 1, 2), (4, 6, 5, 6)]
    """
    out: list[tuple[int, int, int, int]] = []
    for op in Levenshtein.opcodes(low, other):
        if op.tag == "equal":
            continue
        if out and out[-1][1] == op.src_start and out[-1][3] == op.dest_start:
            out[-1] = (out[-1][0], op.src_end, out[-1][2], op.dest_end)
        else:
            out.append((op.src_start, op.src_end, op.dest_start, op.dest_end))
    return out


def _plausible_p(ocr: str, gold: str, initial: bool) -> float | None:
    """P of reading ``ocr`` for ``gold`` (lower case) when OCR plausibly does it: a confusion of
    the table (:func:`confusions.table`, visually similar pairs included; at the start of a
    word, ``initial``, the higher word-initial rate of :func:`confusions.initial_table`) or a
    lost letter (:data:`confusions.UNSEEN_EDIT_P`); None for anything else."""
    tables = (confusions.table(), confusions.initial_table()) if initial else (confusions.table(),)
    ps = [c.p for t in tables for c in t.get(ocr, ()) if c.gold.lower() == gold]
    if ps:
        return max(ps)
    if not ocr and len(gold) == 1:
        return confusions.UNSEEN_EDIT_P
    return None


def _doc_pair_variants(word: str, doc: "Document") -> list[confusions.Variant]:
    """Readings of a once-seen form (:data:`DOC_PAIR_MIN_LEN`) that are forms the text uses often
    (:data:`DOC_PAIR_MIN_COUNT`), two plausible OCR errors away: two confusions of the table, or
    one confusion and a lost letter. Measured on the development set (the first reading of each
    such form, whatever its confidence): 39 of the 44 with a gold were right (tune 16 of 19,
    check 23 of 25); the calibration weighs them with the feature ``doc_pair``.

    >>> from edition.detection.document import Document
    >>> d = Document("Khrushchevite revisionists. " * 3 + "The Kruslichevite revisionists.")
    >>> [(v.reading, [str(c) for c in v.changes]) for v in _doc_pair_variants("Kruslichevite", d)]
    [('Khrushchevite', ['→h', 'li→h'])]
    """
    own = word.lower()
    if len(word) < DOC_PAIR_MIN_LEN or doc.vocabulary.get(own, 0) != 1 or not _ALPHA.match(word):
        return []
    if doc.memo(_shares_corpus_frequent):
        # the search depends on the form and the corpus's frequent forms only: once per corpus
        return list(doc.corpus.memo(_corpus_pair_memo).get(  # type: ignore[union-attr]
            confusions.table(), word, lambda: tuple(_pair_variants(word, own, _frequent_forms(doc, own)))))
    return _pair_variants(word, own, _frequent_forms(doc, own))


def _corpus_pair_memo(corpus: "CorpusVocabulary") -> formcache.FormMemo:
    """Form → its :func:`_pair_variants` among the corpus's frequent forms, for one corpus."""
    return formcache.FormMemo()


def _pair_variants(word: str, own: str, forms: list[str]) -> list[confusions.Variant]:
    """The readings of :func:`_doc_pair_variants` among ``forms``."""
    out = []
    for cand, _, _ in rf_process.extract(own, forms, scorer=Levenshtein.distance,
                                         score_cutoff=DOC_PAIR_MAX_DISTANCE, limit=None):
        runs = _edit_runs(own, cand)
        if len(runs) != 2:
            continue  # one edit: the confusion model's own search; three or more: another word
        changes = []
        for a, b, c, d in runs:
            p = _plausible_p(word[a:b], cand[c:d], a == 0)
            if p is None:
                break
            changes.append(confusions.Change(a, word[a:b], cand[c:d], p))
        if len(changes) < 2 or all(ch.p <= confusions.UNSEEN_EDIT_P for ch in changes):
            continue
        (a1, b1, c1, d1), (a2, b2, c2, d2) = runs
        reading = word[:a1] + cand[c1:d1] + word[b1:a2] + cand[c2:d2] + word[b2:]
        out.append(confusions.Variant(reading, tuple(changes), sum(math.log10(ch.p) for ch in changes)))
    return sorted(out, key=lambda v: (-v.log_p, v.reading))


def _admissible(word: str, found: list[confusions.Variant], words: Container[str],
                doc: "Document") -> list[confusions.Variant]:
    """The readings of ``found`` that may be proposed at all."""
    own = word.lower()
    # A reading that only adds or drops an ending changes the grammar, not a misread glyph
    # (Albanians/Albanian, Solzhenitsyns/Solzhenitsyn): never proposed.
    found = [v for v in found if not _inflection_of(own, v.reading.lower())]
    # An apostrophe for the e of -ed (``offer'd``, ``form’d``) is the elided past tense of 17th-
    # and 18th-century print, which OCR reads as printed; putting the e back modernizes the
    # author's spelling: wrong 8 times and right once on the three sets' tune parts (2026-12-05).
    if own.endswith(_ELIDED_ED):
        found = [v for v in found if v.reading.lower() != own[:-2] + "ed"]
    # A name with a letter more or less at its end is an inflected or foreign form (Russian
    # "Stalina"), not a misreading: unseen edits at the end of a Capitalized form are not used.
    if word[:1].isupper():
        found = [v for v in found if not any(c.p <= confusions.UNSEEN_EDIT_P and c.at >= len(word) - 1
                                             for c in v.changes)]
    # An accent is the author's (élite, café, régime) unless the text shows an OCR engine's
    # habit of accenting common words ("thé"): only then is dropping one a reading.
    if not accent_habit(doc):
        found = [v for v in found if not any(_is_accent_drop(c.ocr, c.gold) for c in v.changes)]
    return [v for v in found if not _once_reading_less_english(word, v, words, doc)]


#: A frequent-word reading (:func:`candidates.frequent_variants`) is at least this much more
#: common than the original (Zipf: ten times).
FREQUENT_MARGIN = 1.0

#: A confusion of the table this common makes a reading the confusion search is sure of: the
#: deep search is not asked (see :func:`analyse`).
SURE_P = 1e-3


def _sure(v: confusions.Variant) -> bool:
    """True when every change of the reading is a confusion of the table at least
    :data:`SURE_P` likely."""
    return all(c.p >= SURE_P for c in v.changes)


def _deep_index(doc: "Document"):
    """The text's own words (:attr:`Document.text_words`) that the deep search's English words
    do not hold already, indexed for it, once per text; in a corpus run, those the corpus's
    (:func:`_shared_deep`) do not hold either."""
    return doc.memo(_text_word_index)


def _text_word_index(doc: "Document") -> "candidates.WordIndex":
    return _deep_words(doc.own_text_words)


def _deep_words(words: Iterable[str]) -> "candidates.WordIndex":
    common = lexicon.words_at_least(candidates.DEEP_MIN_ZIPF)
    return candidates.word_index(w for w in words if w.isalpha() and len(w) >= 2 and w not in common)


def _generic(word: str, zipf: float, doc: "Document") -> bool:
    """True when :func:`analyse` looks for readings of ``word`` (whose Zipf value is ``zipf``)
    one unseen edit away, and, where the confusion search finds none it is sure of, with the
    deep search: a rare form of four letters or more that the text does not vouch for."""
    return (zipf < MIN_READING_ZIPF and len(word) >= GENERIC_MIN_LEN
            and doc.vocabulary.get(word.lower(), 0) <= DOC_WORD_MIN)


def _text_parts(doc: "Document") -> list[tuple[str, str, bool]]:
    """``(word, lower case, generic)`` for each distinct form of the text and each part of a
    hyphenated one whose lower case is as long as it is, in the order of the text's forms, with
    :func:`_generic` of it: what :func:`_deep_levels` and :func:`_frequent_near` each choose their
    forms from, walked once per document (each walked the forms and asked ``_generic`` of every
    word, both in a noisy text)."""
    out = []
    seen: set[str] = set()
    for token in doc.counts:
        for word in token.split("-") if "-" in token else (token,):
            if word in seen:
                continue  # a repeated word gives the same entry: both searches skip it
            seen.add(word)
            low = word.lower()
            if len(low) == len(word):
                out.append((word, low, _generic(word, lexicon.zipf(word), doc)))
    return out


def _deep_levels(doc: "Document") -> dict[tuple[str, int], "candidates.Levels"]:
    """(lower-cased form, budget) → the levels the deep search finds for it among the words it
    looks in first (:func:`candidates.batch_levels`, merged): English and the text's own words,
    or in a corpus run English and the corpus's words (:func:`_shared_deep`), for forms its memo
    does not hold yet. For every form of the text the deep search may read (the
    :func:`_generic` forms and hyphenated parts of a text noisy enough for a budget of two
    edits), made together, once per document, when the first of them is searched; none when
    they are fewer than :data:`candidates.BATCH_MIN_FORMS` (each is then searched alone). Most
    of them are searched (BLN600 as one text: 14,284 of 17,942); the others cost only their
    share."""
    noise = ocr_noise(doc)
    shared = doc.corpus.memo(_shared_deep) if doc.corpus is not None else None
    lexicon_index = candidates._lexicon_index()
    forms = {}
    for word, low, generic in doc.memo(_text_parts):
        if generic and 2 <= len(low) <= MAX_FORM_LENGTH and low not in forms:
            budget = candidates.edit_budget(len(word), noise)
            if budget >= 2 and (shared is None or not shared.memo.holds(lexicon_index, (word, budget))):
                forms[low] = budget
    if len(forms) < candidates.BATCH_MIN_FORMS:
        return {}
    english = candidates.batch_levels(forms.items())
    if shared is None:
        more = candidates.batch_levels(forms.items(), candidates.index_arrays(_deep_index(doc)))
    else:
        more = candidates.batch_levels(forms.items(), doc.corpus.memo(_shared_deep_arrays))
    return {form: candidates.merged(levels, more[form]) for form, levels in english.items()}


def _frequent_near(doc: "Document") -> dict[tuple[str, int], list[tuple[int, int, str]]]:
    """(lower-cased form, budget) → the frequent words near it
    (:func:`candidates.batch_frequent_near`) for every short form of a text that
    :func:`analyse` may search for frequent words (its forms and hyphenated parts within
    :func:`candidates.frequent_budget`, not :func:`_generic`), made together once per document
    when the first is searched; none in a corpus run (a form's search is kept for the corpus's
    other documents, :func:`candidates._frequent_variants`) or for fewer than
    :data:`candidates.BATCH_MIN_FORMS` forms (each is then searched alone)."""
    if doc.corpus is not None:
        return {}
    noise = ocr_noise(doc)
    forms = {}
    for word, low, generic in doc.memo(_text_parts):
        budget = candidates.frequent_budget(len(word), noise)
        if budget and not generic and low.isalpha() and (low, budget) not in forms:
            forms[(low, budget)] = None
    if len(forms) < candidates.BATCH_MIN_FORMS:
        return {}
    return candidates.batch_frequent_near(forms)


def _shared_deep_arrays(corpus: "CorpusVocabulary") -> dict:
    """The corpus's words of :func:`_shared_deep` for :func:`candidates.batch_levels`."""
    return candidates.index_arrays(corpus.memo(_shared_deep).index)


def _shared_deep(corpus: "CorpusVocabulary") -> "candidates.SharedWords":
    """The corpus's recurring words for the deep search, indexed once, with its memo of forms."""
    return candidates.SharedWords(_deep_words(sorted(corpus.recurring)), formcache.FormMemo())


#: A form longer than this gets no reading: the longest word a reading can be has 22 letters
#: (``electroencephalography``, Zipf ≥ MIN_READING_ZIPF), its OCR form with two confusions a few
#: more; a longer run of letters is debris or words run together (the merge detector's), and the
#: candidate search grows with the square of the length (a 100,000-letter token would stall).
MAX_FORM_LENGTH = 40


@lru_cache(maxsize=65536)
def _stay(word: str) -> float:
    """log10 P that OCR read ``word``'s suspicious parts right (kept per form: it depends on the
    form alone)."""
    return sum(math.log10(max(p, 1e-6)) for _, p in confusions.suspicious_parts(word, below=1.0))


def _seen(word: str, doc: "Document") -> int:
    """The original's occurrences that speak for it: its count in the text, unless it cannot be
    a word at all (a digit between letters), then 1."""
    return doc.vocabulary.get(word.lower(), 0) if _DIGIT_INSIDE.search(word) is None else 1


def _original_score(word: str, doc: "Document") -> float:
    """The original's score among its readings (:func:`analyse`): log10 of its prior, its own
    occurrence left out, plus the odds that OCR read its suspicious parts right."""
    leave_out = doc.vocabulary.get(word.lower(), 0) - _seen(word, doc) + 1
    return math.log10(_prior(word, doc, leave_out=leave_out)) + _stay(word)


def _reading_log_priors(doc: "Document") -> dict[str, float]:
    """Reading → ``math.log10(_prior(reading, doc))``, filled as :func:`analyse` weighs readings:
    a function of the reading and the document, and the forms of a text share their readings
    (``the`` is a reading of ``tbe``, ``tho``, ``thc`` ...)."""
    return {}


def reading_of(doc: "Document", word: str) -> tuple[WordReading, ...] | None:
    """:func:`analyse` of ``word`` in ``doc``; each form is analysed once per document."""
    analysed = doc.memo(_analysed)
    try:
        return analysed[word]
    except KeyError:
        result = analysed[word] = analyse(word, doc)
        return result


def _analysed(doc: "Document") -> dict[str, tuple[WordReading, ...] | None]:
    """Form → what :func:`analyse` gave for it, filled by :func:`reading_of`."""
    return {}


def analyse(word: str, doc: "Document") -> tuple[WordReading, ...] | None:
    """The best readings of ``word`` in ``doc`` (up to :data:`MAX_OPTIONS`, best first) with
    their type-level features, or None when the confusion model offers no reading that is a
    word."""
    if len(word) > MAX_FORM_LENGTH or protected(word, doc):
        return None
    own = word.lower()
    if len(own) != len(word):
        return None  # "İstanbul": its lower case has another length, and changes are made by position
    words = lexicon.words_at_least(MIN_READING_ZIPF)
    vocab = doc.vocabulary

    orig_zipf = lexicon.zipf(word)
    known = orig_zipf >= KNOWN_ZIPF
    # A known word is only compared with readings the confusion table explains (a real-word
    # error is a common confusion); an unknown form may also be one unseen edit away.
    # Unseen edits only for rare longer forms: a short form has too many one-edit neighbours, and
    # a form that recurs is rarely random noise (recurring OCR errors are in the confusion table).
    # A form English knows at all (Zipf ≥ 2: "heave") is only read through the table.
    generic = _generic(word, orig_zipf, doc)
    max_changes = 1 if known else 2
    found = _variants(word, doc, generic, max_changes)
    letters = [c for c in word if c.isalpha()]
    all_caps = len(letters) > 1 and all(c.isupper() for c in letters)
    if all_caps:
        found += [confusions.Variant(v.reading.upper(), v.changes, v.log_p)
                  for v in _variants(own, doc, generic, max_changes)]
    found = _admissible(word, found, words, doc)
    doc_pair = False
    if not found and generic:
        found = _admissible(word, _doc_pair_variants(word, doc), words, doc)
        doc_pair = bool(found)
    deep: set[str] = set()
    if generic and not doc_pair and not any(_sure(v) for v in found):
        # The confusion search found nothing, or only readings that need an edit its table does
        # not know: in a noisy text the deep search reads the form too, weighed by the channel of
        # all three development sets (``unlawvful``: ``wv`` read for ``w``, a newspaper's habit).
        budget = candidates.edit_budget(len(word), ocr_noise(doc))
        if budget >= 2:
            have = {v.reading: k for k, v in enumerate(found)}
            levels = doc.memo(_deep_levels).get((own, budget))
            if doc.corpus is not None:
                searched = candidates.deep_variants(word, budget, extra_index=_deep_index(doc),
                                                    shared=doc.corpus.memo(_shared_deep), levels=levels)
            else:
                searched = candidates.deep_variants(word, budget, levels=levels,
                                                    extra_index=_deep_index(doc) if levels is None else None)
            for v in _admissible(word, searched, words, doc):
                k = have.get(v.reading)
                if k is None:
                    found.append(v)
                elif v.log_p > found[k].log_p:
                    found[k] = v  # the same reading, better explained by the newspapers' channel
                else:
                    continue
                deep.add(v.reading)
    frequent: list[confusions.Variant] = []
    budget = candidates.frequent_budget(len(word), ocr_noise(doc))
    if budget and not doc_pair and not generic:
        # A short form of a noisy text may be a frequent word misread (``tile`` for ``the``),
        # whether or not it is a word itself: readings the searches above did not find, weighed
        # by their own model (``words.model_of``: ``frequent``) with the context of each occurrence.
        # Not for the rare forms the deep search reads: it finds their frequent words when they
        # share an end with the form, and asking here too (forms of up to six letters, all their
        # frequent words weighed) added 0.2 points of BLN600's tune part (CER cut +13.5 → +13.7 %)
        # for a third of this search's cost (2026-12-04).
        # Never the modern spelling of an older one (``hee`` → ``he``, ``thee`` → ``the``,
        # ``beene`` → ``been``): in an old book the spelling is the author's (ICDAR 2017's
        # 17th-century monographs, 2026-12-04).
        have = {v.reading.lower() for v in found}
        old = writes_older_spellings(doc)
        readings = candidates.frequent_variants(word, budget, max(candidates.FREQUENT_ZIPF, orig_zipf + FREQUENT_MARGIN),
                                                near=doc.memo(_frequent_near).get((own, budget)))
        frequent = [v for v in _admissible(word, readings, words, doc)
                    if v.reading.lower() not in have
                    and historical_pattern(word, (v.reading.lower(),), every_letter=old) is None]
    if not found and not frequent:
        return None
    seen = _seen(word, doc)
    orig_score = _original_score(word, doc)
    count_orig = max(seen, 1)

    def by_score(variants: list[confusions.Variant]) -> list[tuple[float, confusions.Variant]]:
        log_prior = doc.memo(_reading_log_priors)
        scored = []
        for v in variants:
            lp = log_prior.get(v.reading)
            if lp is None:
                lp = log_prior[v.reading] = math.log10(_prior(v.reading, doc))
            scored.append((lp + v.log_p, v))
        return sorted(scored, key=lambda sv: (-sv[0], sv[1].reading))

    scored_found = by_score(found) if found else None
    scored_all = by_score(found + frequent) if frequent else None
    if known and all(scored is None or scored[0][0] - orig_score < KNOWN_GATE
                     for scored in (scored_found, scored_all)):
        return None  # the gate of add_options refuses both: no option (its features not made)
    shared = {
        "unseen_edit": 0.0,
        "known_original": float(known),
        "capitalized": float(word[:1].isupper() and not all_caps),
        "all_caps": float(all_caps),
        "odd_glyph": float(bool(_ODD.search(word))),
        "digit": float(bool(_DIGIT_LETTER.search(word))),
        # every letter of the period only in a text that writes its spelling (historical.py)
        "historical": float(historical_pattern(word, lexicon.words_at_least(KNOWN_ZIPF),
                                               every_letter=writes_older_spellings(doc)) is not None),
        "doc_pair": float(doc_pair),
        "noise": ocr_noise(doc),
    }
    options: list[WordReading] = []
    taken: set[str] = set()

    def add_options(scored: list[tuple[float, confusions.Variant]], only: list[confusions.Variant] | None) -> None:
        """The options of the best ``scored`` readings (of those in ``only``, when given), each
        weighed against the others of the best."""
        if known and scored[0][0] - orig_score < KNOWN_GATE:
            return
        top = scored[:MAX_OPTIONS + 1]
        for k, (score, v) in enumerate(top[:MAX_OPTIONS]):
            if only is not None and not any(v is f for f in only):
                continue
            reading = _recase(word, v.reading, v.changes, doc)
            if reading == word or reading in taken:
                continue
            taken.add(reading)
            others = [sc for j, (sc, _) in enumerate(top) if j != k]
            features = {
                **shared,
                "lexicon": round(lexicon.zipf(v.reading) - orig_zipf, 3),
                "document": round(math.log10(1 + vocab.get(v.reading.lower(), 0)) - math.log10(count_orig), 3),
                "confusion": round(v.log_p, 3),
                "unseen_edit": float(any(c.p <= confusions.UNSEEN_EDIT_P for c in v.changes)),
                "rival": round(max(-3.0, min(3.0, score - max(others))) if others else 3.0, 3),
                "margin": round(score - orig_score, 3),
                "deep": float(v.reading in deep),
                "frequent": float(only is not None),
                "edits": float(Levenshtein.distance(own, v.reading.lower())),
            }
            options.append(WordReading(word, reading, v.changes, features))

    if scored_found:
        # the searches' own readings, weighed among themselves as they were before the
        # frequent words were asked: their evidence does not change with them
        add_options(scored_found, None)
    if scored_all:
        # the frequent words' readings that rank among the best of all, weighed against all
        add_options(scored_all, frequent)
    if not options:
        return None
    return tuple(options)
