"""Unclear: a clearly corrupt token with no safe reading (``~peo~~``, ``e~oMt``, ``4tMy``,
``retjueat``): flagged for the editor, never changed (a flag-only proposal: ``readings=()``,
encoded as ``<unclear reason="ocr">``).

Four rules:

*Marks and digits.* A token (whitespace-delimited, its outer punctuation set aside) is flagged when it mixes letters
with marks that do not occur in words (``~ ^ * • « » ¬ ¦ © ® ™ ¤ { } < > \\ = + _``), or
letters and digits in a way no number, ordinal or code takes (``mo9t``; but ``1st``, ``20th``,
``8vo``, ``1850s``, ``A4``, ``£10`` stay), or has a ``#`` after two letters or between letters
(``Material#``, ``saitabl#``: a number sign never follows a word; ``C#`` and ``#12`` stay) —
unless a word detector reads it with confidence ≥ 0.5 (a likely reading is better than a flag;
a weaker one leaves the flag in front of the editor).

The confidence is the share of such flags that fall on real errors in the development set
(:data:`FLAG_CONFIDENCE`, measured by ``benchmarks/detection_dev.py --detectors unclear``).

*Lone letters* (:func:`lone_letters`). A small letter standing alone between spaces, other
than the words ``a``, ``i`` and ``o`` (``shame t``, ``the j vessel``), is no English word: a
mark read as a letter, a fragment of a word or debris. Letters beside a number are units or
operators (``10 s 6 d``, ``3 x 4``), and letters beside an operator are variables (``x + y``,
``n = 5``): both are left alone.

*A mark between small letters* (:func:`marks_between_letters`): a period or comma inside a run
of small letters (``veer.d``, ``acco.jt``, ``hereof,and``) stands for a letter or a lost space;
web addresses (``example.com``) and abbreviations with more periods (``e.g.``) excepted.

*Garbled letters* (:func:`garbled`). A word of four or more letters that no lexicon knows
(Zipf < 2), that occurs once in the text (a recurring form is a word of the text) and for which
no word detector has a reading, is weighed by how English its letters look
(:mod:`edition.detection.evidence.letters`: ``rttaarkably`` has trigrams no English word has; a rare but
real word or a name mostly does not), by inner capitals (``eudeavouTs``), its length, whether
wordfreq knows it at all, and by how noisy the text is (the share of such forms among its words).
The weights are a logistic fit on the tune part of the development set
(``benchmarks/derive/calibrate.py``, model ``garbled``), so the confidence is the share of such flags
on real errors there; flags below :data:`GARBLED_MIN_CONFIDENCE` are not made. Historical
spellings (:mod:`edition.detection.evidence.historical`), Latin forms among Latin words
(:mod:`edition.detection.evidence.latin`), numbers, roman numerals and the project's words
are never flagged; nor are forms of a stem the text uses with another ending (``Zinovyevs``
beside ``Zinovyevites``), nor names (a Capitalized word in mid-sentence) unless the text is a
poor scan (:data:`POOR_SCAN`).

>>> from edition.detection.document import Document
>>> [(p.original, p.readings) for p in detect(Document("the ~peo~~ of 1858 and the 20th day"))]
[('~peo~~', ())]
>>> [p.original for p in detect(Document("Material# at low price#, key of C# and No. #12"))]
['Material#', 'price#']
"""
from __future__ import annotations

from typing import Iterable, Iterator

import regex

from .. import calibration
from ..document import Document
from ..evidence import latin, lexicon, readings
from ..evidence.garbling import INNER_CAPITAL, garbled_features, garbled_letters
from ..evidence.historical import historical_pattern, writes_older_spellings
from ..evidence.letters import plain, rarest_sequence
from ..evidence.noise import text_noise
from ...model import Kind, Proposal
from .punctuation import WEB_ENDINGS
from .words import MIN_CONFIDENCE, READ_CONFIDENCE, looks_like_name, word_proposals

KIND = Kind.UNCLEAR
KINDS = (KIND,)

#: Share of flags on erroneous tokens in the development set: tune 227 of 227, check 187 of 198
#: (0.94) before the abbreviated-unit rule (see docs/BENCHMARKS.md, "Unclear"); rounded down.
FLAG_CONFIDENCE = 0.9

# What makes a token suspect: a junk mark, a letter beside a digit, a "#" after or between letters.
_SUSPECT = regex.compile(r"[~^*•«»¬¦©®™¤{}<>\\=+_]|\p{L}\p{N}|\p{N}\p{L}|\p{L}{2}#|\p{L}#\p{L}")
# A character every match of _SUSPECT holds, at most _KEY_REACH places after the match's start
# (a junk mark, a "#", a digit: ``\p{L}{2}#`` has it two places in).
_KEY = regex.compile(r"[~^*•«»¬¦©®™¤{}<>\\=+_#\p{N}]")
_KEY_REACH = 2
_TOKEN_HEAD = regex.compile(r"(?r)\S*")  # matched backwards: the token's characters before a point
_TOKEN_TAIL = regex.compile(r"\S*")
# A "#" OCR read for a letter (the periodicals of the development set: 150 tokens, all errors).
_HASH = regex.compile(r"\p{L}{2}#|\p{L}#\p{L}")
_OUTER = "\"'“”‘’()[].,;:!?-–—"
_JUNK = regex.compile(r"[~^*•«»¬¦©®™¤{}<>\\=+_]")
_LETTER = regex.compile(r"\p{L}")
_DIGIT_LETTER = regex.compile(r"\p{L}\p{N}|\p{N}\p{L}")
# Numbers with letters that are not corrupt: ordinals, sizes, decades, money, codes.
_NUMBER_FORM = regex.compile(
    r"^(?:[£$€]?\p{N}[\p{N},.]*(?:st|nd|rd|th|d|s|l|p|e|to|vo|mo|am|pm|mm|cm|km|kg|lb|lbs|ft|in|oz)?"
    r"|\p{L}{1,3}-?\p{N}+|\p{N}+\p{Lu}{1,2})$")
_ABBREVIATED_UNIT = regex.compile(r"^\p{N}[\p{N},.]*\p{L}{1,2}$")
_PIECES = regex.compile(r"[-–—./,]+")
#: A word, its own closing punctuation, then asterisks: the mark of a footnote (``KHAN:*``,
#: ``fair.*``), printed so; a misread letter stands before the word's punctuation, not after it.
#: Flagged as a mark inside a word, such tokens were on an error 1 of 3 times on ICDAR 2019
#: (tune 0 of 2, check 1 of 1; none in ICDAR 2017 or BLN600), 2026-12-05.
_FOOTNOTE_MARK = regex.compile(r"^\p{L}+[.,:;!?]\*+$")


def _suspect_tokens(text: str) -> Iterator[tuple[int, str]]:
    """(start, token) of each whitespace-delimited token with a suspect mark, in text order.

    Only tokens with a junk mark or a letter beside a digit can qualify: find the marks and
    widen each to its token. (One pattern ``\\S*(?:…)\\S*`` would find the same tokens but
    backtracks through every long token without a mark: quadratic in its length.)

    Every match of :data:`_SUSPECT` holds one of the characters of :data:`_KEY` at its start or
    one or two places after it, so the pattern is only tried at the two places before each such
    character and at the character itself: the same matches as trying it at every place of the
    text (whose letters are most of it, and where its alternatives that begin with a letter are
    each tried), the first one in each token found, for a sixth of the time (BLN600 as one text,
    1.37M characters: 0.22 s → 0.04 s).

    >>> list(_suspect_tokens("a ~peo~~ and mo9t, 20th"))
    [(2, '~peo~~'), (13, 'mo9t,'), (19, '20th')]
    """
    done = 0  # end of the last token given: later marks inside it are skipped
    key = _KEY.search(text)
    while key is not None:
        q = key.start()
        for at in range(max(done, q - _KEY_REACH), q + 1):
            if _SUSPECT.match(text, at):
                start = _TOKEN_HEAD.match(text, done, at).start()
                done = _TOKEN_TAIL.match(text, at).end()
                yield start, text[start:done]
                break
        key = _KEY.search(text, max(q + 1, done))


def _read_starts(doc: Document) -> set[int]:
    """Starts of the words a word detector reads with confidence ≥ READ_CONFIDENCE: a likely
    reading is better than a flag."""
    return {p.start for p in word_proposals(doc) if p.confidence >= READ_CONFIDENCE}


def detect(doc: Document) -> Iterable[Proposal]:
    read_starts = _read_starts(doc)
    for tok_start, tok in _suspect_tokens(doc.text):
        left = len(tok) - len(tok.lstrip(_OUTER))
        core = tok.strip(_OUTER)
        if len(core) < 2 or not _LETTER.search(core):
            continue
        start = tok_start + left
        end = start + len(core)
        junk = _JUNK.search(core) or _HASH.search(core)
        if not junk and not any(_DIGIT_LETTER.search(piece) and not _NUMBER_FORM.match(piece)
                                for piece in _PIECES.split(core)):
            continue
        if any(s in read_starts for s in range(start, end)):
            continue
        if _ABBREVIATED_UNIT.match(core) and doc.text[end:end + 1] == ".":
            continue  # "50c.", "7f.": a number with an abbreviated unit
        if _FOOTNOTE_MARK.match(core):
            continue  # "KHAN:*", "fair.*": a footnote's mark after the word's own punctuation
        if junk:
            what = f"mark '{'#' if junk.re is _HASH else junk.group()}' inside a word"
        else:
            what = "letters and digits mixed"
        yield Proposal(start, end, core, (), KIND, FLAG_CONFIDENCE,
                       f"{what}; no reading fits: flag for the editor")
    yield from lone_letters(doc)
    yield from marks_between_letters(doc)
    yield from garbled(doc)


#: Garbled-letter flags below this confidence are not made: under it, fewer than half of such
#: flags were on errors in the development set (an editor's glance wasted more often than not).
GARBLED_MIN_CONFIDENCE = 0.5
#: Shortest word the garbled rule weighs: a three-letter form has too few trigrams to judge.
GARBLED_MIN_LETTERS = 4
#: Forms this common in English (Zipf) are words, however odd their letters.
GARBLED_MAX_ZIPF = 2.0
#: Features of the ``garbled`` model, in the order ``benchmarks/derive/calibrate.py`` fits them.
GARBLED_FEATURES = (
    "rarest_trigram",  # log10 P of the word's least English letter trigram
    "mean_trigram",  # mean log10 P of its letter trigrams
    "all_caps",  # ALL CAPS (headings, abbreviations)
    "inner_capital",  # a capital after a small letter (eudeavouTs)
    "sentence_start",  # first word of a sentence
    "rare_word",  # wordfreq knows the form at all (Zipf > 0, below GARBLED_MAX_ZIPF)
    "log_length",  # log10 of its length
    "noise",  # log10 of the share of such unknown one-off forms among the text's words
    "capitalized",  # Capitalized in mid-sentence (only weighed in a poor scan: see POOR_SCAN)
)
#: Endings that make a derived or inflected form of a word (or name) of the text: "Brezhnevs",
#: "Bukharinites", "Khrushchevism" are forms of names the text uses, not garbled letters.
DERIVED_ENDINGS = ("s", "es", "'s", "’s", "ite", "ites", "ism", "ist", "ists", "ian", "ians", "an", "ans",
                   "ed", "ing", "er", "ers", "ly")
_ALPHA = regex.compile(r"^\p{L}+$")
# A word with no Latin letter (λόγος, слово) is a quotation in another script, not English
# letters gone wrong: the trigram model knows nothing of it.
_LATIN = regex.compile(r"\p{Latin}")


def _unknown_once(doc: Document, word: str) -> bool:
    # Looked up plain: "ﬂesh" and "beneﬁt" (print's ligatures) are words.
    return (len(word) >= GARBLED_MIN_LETTERS and bool(_ALPHA.match(word)) and bool(_LATIN.search(word))
            and doc.vocabulary.get(word.lower(), 0) <= 1 and lexicon.zipf(plain(word)) < GARBLED_MAX_ZIPF)


def derived_from_text(doc: Document, word: str) -> bool:
    """True when ``word`` and another form of the text are one stem with different endings
    (:data:`DERIVED_ENDINGS`, or none): a family of forms the text uses ("Brezhnevs" beside
    "Brezhnev", "Zinovyevs" beside "Zinovyevites") is no garbling.

    >>> derived_from_text(Document("Brezhnev spoke; the Brezhnevs listened."), "Brezhnevs")
    True
    >>> derived_from_text(Document("The Zinovyevites and the Zinovyevs."), "Zinovyevs")
    True
    >>> derived_from_text(Document("the rttaarkably cold winter"), "rttaarkably")
    False
    """
    low = word.lower()
    endings = ("",) + DERIVED_ENDINGS
    for e in endings:
        if not low.endswith(e) or len(low) - len(e) < 4:
            continue
        stem = low[:len(low) - len(e)]
        if any(stem + e2 != low and doc.vocabulary.get(stem + e2, 0) for e2 in endings):
            return True
    return False


#: A text is a poor scan when at least 6 % of its words are unknown one-off forms (log10 0.06 =
#: -1.22; the development set, smoothed as :func:`~edition.detection.evidence.noise.text_noise` does:
#: periodicals 3–20 %, the 1886 monograph 6.8 % (its halves 6.5 and 8.1 %), the 1858 book's
#: chunks 1.5–9.5 %, 76 of 80 under 6 %; the seed 0.6 %). There a Capitalized stranger is
#: garbled more often than it is a name: flags at confidence ≥ 0.5 on such words were on errors
#: 304 of 385 times (tune) and 314 of 411 (check), in cleaner texts 8 of 21; so names are only
#: exempt in cleaner texts.
POOR_SCAN = -1.22


def _is_name(word: str, sentence_start: bool) -> bool:
    """A Capitalized word in mid-sentence is taken for a name, as the word detectors take it
    (:func:`edition.detection.detectors.words.looks_like_name`): names are not errors, and a foreign
    name (Hysni, Tukhachevsky) has letters unlike English. An inner capital (``EdueaTor``) is
    no name's."""
    return looks_like_name(word, sentence_start) and not INNER_CAPITAL.search(word)


def garbled_candidates(doc: Document) -> Iterator[tuple[int, int, str, bool]]:
    """(start, end, word, sentence start) of every word (or part of a hyphenated word) the
    garbled rule weighs: unknown, one-off, not protected, no historical spelling, no reading."""
    unknown = {w for w in doc.counts if _unknown_once(doc, w)}
    if not unknown and not any("-" in w for w in doc.counts):
        return
    known = lexicon.words_at_least(3.0)
    old = writes_older_spellings(doc)  # every letter of the period only where the text writes them
    # a reading below MIN_CONFIDENCE (a form that is no word, guessed at 0.25-0.3) leaves the
    # form to this rule: the overlap resolution then keeps the more confident of the two
    read = {p.start for p in word_proposals(doc) if p.confidence >= MIN_CONFIDENCE}
    words: list[str] = []  # the tokens' words, for the Latin test: made when first asked
    tokens = doc.tokens
    # the tokens of the unknown forms and of the hyphenated ones (whose parts may be unknown)
    for i in doc.indices_of(unknown | {w for w in doc.counts if "-" in w}):
        tok = tokens[i]
        if "-" not in tok.text:
            parts = [(tok.start, tok.text)]
        else:
            parts = [(m.start() + tok.start, m.group()) for m in regex.finditer(r"[^-]+", tok.text)]
        for k, (start, w) in enumerate(parts):
            if not (w in unknown or _unknown_once(doc, w)) or start in read or readings.protected(w, doc):
                continue
            if historical_pattern(w, known, every_letter=old) is not None or derived_from_text(doc, w):
                continue
            if latin.is_latin(w) and not INNER_CAPITAL.search(w):  # "viVAM": the capital is OCR's
                words = words or [t.text.strip(_OUTER) for t in doc.tokens]
                if latin.latin_neighbours(words, i) >= latin.MIN_NEIGHBOURS:
                    continue  # a word of a Latin passage ("pugnaturus"), no garbled English
            if w.islower() and readings.is_roman_numeral(w):
                continue  # "lxxiv", "xviii": page and chapter numbers (capitals are protected)
            first = doc.starts_sentence(i) and k == 0
            if _is_name(w, first) and text_noise(doc) < POOR_SCAN:
                continue
            yield start, start + len(w), w, first


def garbled(doc: Document) -> Iterator[Proposal]:
    """Flags on garbled words (see the module's docstring)."""
    for start, end, w, first in garbled_candidates(doc):
        feats = garbled_features(doc, w, first)
        conf = calibration.confidence(feats, "garbled")
        if conf < GARBLED_MIN_CONFIDENCE:
            continue
        letters = garbled_letters(doc, w)
        as_i = f" even with y read as i ('{letters}')" if letters != w else ""
        yield Proposal(start, end, w, (), KIND, conf,
                       f"no English word, once in the text, and no reading fits; its letters are "
                       f"unlike English{as_i} ('{rarest_sequence(letters)}': log10 P {feats['rarest_trigram']:.1f}); "
                       f"{10 ** feats['noise']:.0%} of this text's words are such forms: flag for the editor")


#: Share of lone small letters (not a, i, o; not beside a number; not read by a word detector)
#: on erroneous tokens of the development set: tune 147 of 149, check 246 of 248 (0.99; see
#: docs/BENCHMARKS.md, "Unclear"); rounded down for texts unlike it.
LONE_LETTER_CONFIDENCE = 0.97
_LONE = regex.compile(r"(?<=^|\s)[b-hj-npr-z](?=\s|$)", regex.M)
# Where _LONE may match after the text's start: a letter of it between a space and a space or
# the text's end (a line's start follows a line break, a line's end comes before one: spaces).
_LONE_KEY = regex.compile(r"\s[b-hj-npr-z](?=\s|\Z)")
_NUMBER_TOKEN = regex.compile(r"^[£$€(]?\p{N}")
# Signs only mathematics uses; not "-" or "/", which stand between words as dashes and
# strokes (in the development set's periodicals a lone letter beside " - " was debris 14 times).
_OPERATOR = frozenset("+−=×÷<>≤≥±")


#: Words after which a lone letter is a name, not debris ("the letter s", "option b",
#: "vitamin d", "let x be", "point p"): the nouns and verbs English uses to label with a letter.
LABEL_WORDS = frozenset(
    "letter letters option options vitamin vitamins type types grade grades class group item items "
    "part parts point points column columns row rows plan size model section appendix figure fig "
    "note notes schedule exhibit annex variable variables let where say suppose called named "
    "marked labelled labeled series version form line".split())


def _lone_letter_matches(text: str) -> Iterator[regex.Match]:
    """``_LONE.finditer(text)``, the pattern tried only where a letter of it stands at the text's
    start or between spaces (:data:`_LONE_KEY`, found in one scan that skips the letters of words),
    not at every place of the text (BLN600 as one text: 0.12 s → 0.04 s). Each match is made
    by the pattern itself, which looks behind the place it is tried at.

    >>> [m.start() for m in _lone_letter_matches("b a c\\nd e-f g")]
    [0, 4, 6, 12]
    """
    end = len(text)
    if text[:1] and (m := _LONE.match(text, 0, min(2, end))):
        yield m
    for key in _LONE_KEY.finditer(text):
        at = key.start() + 1
        if m := _LONE.match(text, at, min(at + 2, end)):
            yield m


def lone_letters(doc: Document) -> Iterator[Proposal]:
    """Flags on small letters standing alone (see the module's docstring)."""
    text = doc.text
    read = _read_starts(doc)
    for m in _lone_letter_matches(text):
        before = text[max(0, m.start() - 40):m.start()].split()[-1:]
        after = text[m.end():m.end() + 40].split(None, 1)[:1]
        if any(_NUMBER_TOKEN.match(t) or t[:1].isdigit() or t in _OPERATOR for t in before + after):
            continue
        if before and before[0].lower().strip("\"'“‘(") in LABEL_WORDS:
            continue  # "the letter s", "option b", "vitamin d", "let x be": a letter named
        if m.start() in read:
            continue
        yield Proposal(m.start(), m.end(), m.group(), (), KIND, LONE_LETTER_CONFIDENCE,
                       f"a lone '{m.group()}' is no English word: a mark read as a letter, part of a "
                       f"word or debris; flag for the editor")


#: Share of periods and commas between small letters (:data:`_MARK_BETWEEN`) on erroneous tokens
#: of the development set: monographs 198 of 199, periodicals 39 of 44 (tune and check; see
#: docs/BENCHMARKS.md, "flags where no reading fits"); rounded down.
MARK_BETWEEN_CONFIDENCE = 0.9
#: A comma between small letters apart: on the tune parts of the three sets (2026-12-05) a period
#: there was on an error 183 of 183 times, a comma 68 of 76 (0.89; ICDAR 2017 24 of 29, ICDAR 2019
#: 12 of 15, BLN600 32 of 32): old print sets a comma close to the next word (``buriall,as``,
#: ``things,or``), and a gold that keeps the print's setting keeps it; rounded down.
COMMA_BETWEEN_CONFIDENCE = 0.85
_MARK_BETWEEN = regex.compile(r"(?<![\p{L}.])(\p{Ll}{2,})([.,])(\p{Ll}+)(?![\p{L}.])")
# What every match of _MARK_BETWEEN holds: a period or comma between two small letters.
_MARK_BETWEEN_KEY = regex.compile(r"\p{Ll}[.,]\p{Ll}")
_WEB_ENDINGS = WEB_ENDINGS | {"io"}  # the punctuation detector's list, and .io


def _marks_between_matches(text: str) -> Iterator[regex.Match]:
    """``_MARK_BETWEEN.finditer(text)``, the pattern run only over the tokens (runs of non-space
    characters: no match crosses a space) that hold a mark between two small letters
    (:data:`_MARK_BETWEEN_KEY`, found in one scan that skips letters), not tried at every place
    of the text (BLN600 as one text: 0.14 s → 0.04 s). A token's end is a space or the text's,
    so the pattern's look after a match at the token's end sees the same as in the whole text;
    its look before sees the text before the token (``regex`` looks behind the start it is given).

    >>> [m.group() for m in _marks_between_matches("the veer.d and hereof,and, e.g. x ab.cd.ef")]
    ['veer.d', 'hereof,and']
    """
    done = 0  # end of the last token run over
    for key in _MARK_BETWEEN_KEY.finditer(text):
        if key.start() < done:
            continue
        start = _TOKEN_HEAD.match(text, done, key.start()).start()
        done = _TOKEN_TAIL.match(text, key.start()).end()
        yield from _MARK_BETWEEN.finditer(text, start, done)


def marks_between_letters(doc: Document) -> Iterator[Proposal]:
    """Flags on a period or comma between small letters (see the module's docstring)."""
    read = _read_starts(doc)
    for m in _marks_between_matches(doc.text):
        if m.group(2) == "." and m.group(3) in _WEB_ENDINGS:
            continue
        if any(s in read for s in range(m.start(), m.end())):
            continue  # a likely reading of a word in it is better than a flag (gei.itor)
        conf = COMMA_BETWEEN_CONFIDENCE if m.group(2) == "," else MARK_BETWEEN_CONFIDENCE
        yield Proposal(m.start(), m.end(), m.group(), (), KIND, conf,
                       f"'{m.group(2)}' between small letters: a misread letter or a lost space; "
                       f"flag for the editor")


#: Flags this close (whitespace only between them) are one garbled run, flagged once.
_RUN_GAP = regex.compile(r"^[ \t]+$")


def group_runs(text: str, proposals: list[Proposal]) -> list[Proposal]:
    """The proposals with each run of flag-only proposals (``unclear``) that only spaces
    separate joined into one flag over the run: a garbled stretch (``e~oMt 4tMy ~peo~~``) is
    one thing for the editor to look at, not one per token. The run's confidence is its
    members' highest (the run is on an error where any of them is). ``proposals`` are sorted
    and disjoint (:func:`edition.detection.resolve_overlaps`); a line break ends a run.

    >>> from edition.model import Proposal
    >>> t = "the e~oMt 4tMy men"
    >>> flags = [Proposal(4, 9, "e~oMt", (), KIND, 0.9, "mark"), Proposal(10, 14, "4tMy", (), KIND, 0.95, "mixed")]
    >>> [(p.original, p.confidence) for p in group_runs(t, flags)]
    [('e~oMt 4tMy', 0.95)]
    """
    out: list[Proposal] = []
    run: list[Proposal] = []

    def close() -> None:
        if len(run) == 1:
            out.append(run[0])
        elif run:
            start, end = run[0].start, run[-1].end
            out.append(Proposal(start, end, text[start:end], (), KIND, max(p.confidence for p in run),
                                f"{len(run)} garbled words in a row, no reading fits any: flag the run "
                                f"for the editor (first: {run[0].why})", run[0].detector))
        run.clear()

    for p in proposals:
        flag = p.kind is Kind.UNCLEAR and not p.readings
        if flag and run and _RUN_GAP.match(text[run[-1].end:p.start]):
            run.append(p)
            continue
        close()
        if flag:
            run.append(p)
        else:
            out.append(p)
    close()
    return out
