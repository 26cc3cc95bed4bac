"""Punctuation: stray or doubled marks left by specks on the page.

Each rule is one small generator; :func:`detect` runs them all.

- :func:`marks_inside_words` — a mark inside a word (``Unio'n`` → ``Union``, ``hous.ehold`` →
  ``household``), or between two words in place of their space (``and'the`` → ``and the``,
  ``could,not`` → ``could not`` where the two words commonly stand together);
  contractions, possessives and elisions (``don't``, ``o'er``, ``O'Brien``), abbreviations
  (``e.g``, ``U.S``) and numbers are left alone.
- :func:`marks_before_words` — a mark glued to the front of a word after a space (``.word``,
  ``the ,war``; ``activity ,of`` → ``activity of``, or ``activity, of`` second); ellipses and
  decimals (``.5``) excepted.
- :func:`spaces_before_marks` — a space before a comma, semicolon, colon, question or
  exclamation mark or closing period (``Red ,`` → ``Red,``), where the text does not set such
  spaces as its typography; spaced ellipses (``. . .``) excepted.
- :func:`doubled_marks` — ``,,``, ``,.``, ``..`` (not ``...``; after an abbreviation the second
  period is a misread comma: ``etc..`` → ``etc.,``), and a period with a comma after a word that
  is no abbreviation (``time., etc.`` → ``time, etc.``; ``Union., After`` → ``Union. After``;
  ``etc.,`` stays).
- :func:`stray_periods` — a period after a word that is no abbreviation, before a small letter
  (``one or. two`` → ``one or two``; ``a. high`` and ``in. this`` too: the article and the
  inch away from a number are no abbreviations), the comma second where English sets one.
- :func:`stray_commas` — a comma between two words where English (and this text) rarely sets
  one (``went to the, war`` → ``the war``), judged by the derived comma rates of
  :mod:`edition.detection.evidence.commas`; a comma between an auxiliary and a past participle, with at
  most one ``-ly`` adverb before it (``have, loved`` → ``have loved``, ``were, warmly assisted``
  → ``were warmly``); a comma between a sentence's simple subject and its verb (``All the
  traitors, were put`` → ``traitors were``); and a comma between the ``be`` or ``have`` of a
  subordinate clause with a pronoun subject and its complement (``because that is, our duty`` →
  ``is our``).
- :func:`loose_hyphens` — a hyphen glued to one side of a whole word in a text whose dash is
  `` - `` (``clear-cut -instructions`` → ``instructions``).
- :func:`stray_quotes` — a quote or backtick on one side of a word with no partner in the
  same paragraph (`` `is `` → ``is``, ``of' the`` → ``of the``); quotations, elisions
  (``'tis``) and plural possessives (``peoples'``) are left alone.
- :func:`lone_quotes` — a single quote standing alone between two words (``the world '
  because`` → ``world,``) in a text that does not quote with single marks: a misread comma or a
  speck.
- :func:`periods_before_quotes` — a period after a space, glued to an opening double quote
  before a small letter (``said that ."he`` → ``said that "he``).
- :func:`semicolons_in_lists` — a semicolon closing a list of single words otherwise parted by
  commas, before ``and``/``or`` (``Trotskyites, Bukharinites, Zinovyevites; and others`` →
  ``Zinovyevites,``).

Not proposed, because on the development set they were rarely right: marks no English text
uses (``~``, ``■``) - they stand for a letter or another mark more often than for nothing (18
of 81 deletions right); a space before a mark in a text that sets such spaces as its typography.

Spans cover the word(s) touched and the mark, so the editor sees the change in context;
everything outside the mark and its spaces is kept as written.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from typing import Iterable, Iterator, NamedTuple

import regex

from ..document import Document
from ..evidence import commas
from ..evidence.bigrams import association
from ..evidence.lexicon import zipf
from ..evidence.spacing import bigram_count, in_context, is_dictionary_word, is_word
from ...model import Kind, Proposal

KIND = Kind.PUNCTUATION
KINDS = (KIND,)

#: Abbreviations that take a period and may be followed by a comma ("etc.,", "Esq.,").
#: A general list of English abbreviations, lower case, without the period.
ABBREVIATIONS = frozenset(
    "etc esq co cos cent cents mr mrs messrs dr st jr sr bros ltd inc viz vol vols ed eds pp no nos ult inst "
    "prox rev hon gen col capt lieut sgt maj govt dept univ ch chap art fig figs cf al ibid op cit "
    "jan feb mar apr aug sept sep oct nov dec mon tues wed thurs fri sat sun vs ft lb lbs oz doz "
    "cwt yd yds in sq pt qt max min approx ca esqs rt bart sen jun sec secs anon".split()
)
#: Words after which a comma cannot stand in running text: a comma glued to the next word after
#: one of these is a speck, not a misplaced comma ("the ,war" → "the war").
NO_COMMA_AFTER = frozenset("the a an of his her its their our my your this these those every".split())
#: Endings after an apostrophe that make contractions and possessives.
CONTRACTION_ENDINGS = frozenset("s t d ll re ve m em".split())
#: Beginnings before an apostrophe that make elisions and names (o'er, th', d'Artagnan, O'Brien).
ELISION_BEGINNINGS = frozenset("o d l th ne e t y".split())
#: Words that begin with an apostrophe in verse and old prose ('tis, 'em, 'gainst).
LEADING_ELISIONS = frozenset("tis twas twere twill twould em gainst neath tween twixt bout cause till prentice".split())
#: Endings of web addresses: "example.com" is no speck.
WEB_ENDINGS = frozenset("com org net edu gov uk de fr html htm php".split())

# Patterns start at the mark, not at the word before it: a pattern that starts with a word
# is tried at every letter of the text, and these run over every text.
_INNER = regex.compile(r"(?<=\p{L})[.,;:'’`](?=\p{L})")
_LETTER_RUN = regex.compile(r"\p{L}+")
_BEFORE = regex.compile(r"(?<=^|[\s(\[])([.,;:!])(\p{L}+)", regex.M)
_SPACE_BEFORE = regex.compile(r"(?<=\p{L})( +)([,;:?!]|\.(?=\s|$))(?![.\p{N}\p{L}])")
_DOUBLED = regex.compile(r"(?<=\p{L})(,,|,\.|\.,|\.\.|;;|::)(?![.,;:])")
_OPENER = regex.compile(r"(?<=^|[\s(\[—–\-\"“])(['‘`])(\p{L}+)", regex.M)
# A closing quote: after a word or a mark, or standing loose before a space or a mark
# ("'Water is best ' When").
_CLOSER_AFTER = regex.compile(r"[\p{L}\p{N}.,;:!?][`'’](?!\p{L})|\s['’](?=[\s.,;:!?]|$)")
_CLOSER = regex.compile(r"(?<=\p{L})[`'’](?= \p{L})")
_OPENER_BEFORE = regex.compile(r"(?:^|[\s(\[—–\-\"“])['‘`]\p{L}", regex.M)

#: Count in the bigram list from which two words "commonly stand together" (the list's rarest
#: pairs are counted 6.4e6 times; 1e7 keeps ordinary phrases such as "could not", "and would").
COMMON_PAIR = 10_000_000

#: How far (characters, within the paragraph) to look for a quote's partner. A quotation of a
#: few sentences fits; the seed's and the development set's quotations are shorter.
QUOTE_WINDOW = 400


def _proposal(doc: Document, start: int, original: str, readings: str | tuple[str, ...], confidence: float,
              why: str) -> Proposal:
    end = start + len(original)
    confidence, why = in_context(doc, start, end, confidence, why)
    readings = (readings,) if isinstance(readings, str) else readings
    return Proposal(start, end, original, readings, KIND, confidence, why, "punctuation")


def _word_start(text: str, end: int) -> int:
    """Start of the run of letters that ends at ``end``."""
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start


def marks_inside_words(doc: Document) -> Iterator[Proposal]:
    counts = doc.lower_counts
    text = doc.text
    n = len(text)
    for m in _INNER.finditer(text):
        i = m.start()
        xs = _word_start(text, i)
        ye = _LETTER_RUN.match(text, i + 1).end()
        if xs > 0 and (text[xs - 1] in ".,'’`@/" or text[xs - 1].isdigit()):
            continue  # inside an abbreviation, a number or an address
        if ye < n and (text[ye].isdigit() or text[ye] in "@/"
                       or (text[ye] in ".'’" and ye + 1 < n and text[ye + 1].isalpha())):
            continue
        x, mark, y = text[xs:i], text[i], text[i + 1:ye]
        original = text[xs:ye]
        if mark in "'’":
            if y.lower() in CONTRACTION_ENDINGS or x.lower() in ELISION_BEGINNINGS or zipf(original) >= 2.5:
                continue
        elif mark == "." and (len(x) == 1 or len(y) == 1 or y.lower() in WEB_ENDINGS or x.isupper()):
            continue  # abbreviations: e.g, U.S, p.m
        elif mark in ",;:" and (len(x) == 1 or len(y) == 1):
            continue
        joined = x + y
        wx, wy = is_word(x, counts), is_word(y, counts)
        if is_word(joined, counts) and not (wx and wy) and (y.islower() or joined.isupper()):
            # On the development set (benchmarks/spacing_punctuation.py) right 16 of 16 times
            # when the joined word is in the dictionary and elsewhere in the text; a word known
            # only from this text may be a recurring misreading ("eaoh" 21x for "each").
            known = is_dictionary_word(joined)
            conf = 0.9 if known and counts.get(joined.lower(), 0) else 0.8 if known else 0.6
            yield _proposal(doc, xs, original, joined, conf,
                            f"'{mark}' inside '{joined}' (a word{', ' + str(counts[joined.lower()]) + 'x in this text' if counts.get(joined.lower()) else ''}); '{x if not wx else y}' is no word")
        elif wx and wy and len(x) >= 2 and len(y) >= 2:
            if mark in ".'’`" and y.islower():
                # Right 159 of 201 times on the development set.
                yield _proposal(doc, xs, original, f"{x} {y}", 0.75,
                                f"'{mark}' between the words '{x}' and '{y}' in place of a space")
            elif bigram_count(x, y) >= COMMON_PAIR and not is_dictionary_word(joined):
                # "could,not", "the.Highest": a comma or a period before a capital is often
                # meant, but between words that commonly stand together it was a speck 71 % of
                # the time on the monographs (33 % in the damaged periodicals); other pairs were
                # rarely a lost space (16 %) and are not proposed.
                yield _proposal(doc, xs, original, (f"{x} {y}", f"{x}{mark} {y}"), 0.55,
                                f"'{mark}' between '{x}' and '{y}', which stand together "
                                f"({bigram_count(x, y):.0e} in the bigram list): a speck")


def marks_before_words(doc: Document) -> Iterator[Proposal]:
    text = doc.text
    counts = doc.lower_counts
    for m in _BEFORE.finditer(text):
        mark, word = m.groups()
        start = m.start()
        left = None
        if start > 1 and text[start - 1] == " " and text[start - 2].isalpha():
            left_start = _word_start(text, start - 1)
            left = text[left_start:start - 1]
        if not is_word(word, counts) or (word.isupper() and len(word) <= 4):
            continue  # ".NET", ".PDF", a code
        if left is not None and mark in ",;:" and left.lower() not in NO_COMMA_AFTER and is_word(left, counts):
            # "activity ,of": a speck, or a comma set one character too far. On the development
            # set the speck was far more common (the gold had no mark in 14 of 15 cases), so
            # removing comes first and moving second.
            yield _proposal(doc, left_start, text[left_start:m.end()], (f"{left} {word}", f"{left}{mark} {word}"), 0.55,
                            f"'{mark}' after a space and glued to '{word}': a speck, or a comma misplaced")
        else:
            s = m.start()
            # Right 80 of 97 times on the development set; before a capital the mark is as
            # often a sentence's period set one space too far.
            yield _proposal(doc, s, text[s:m.end()], word, 0.8 if word[0].islower() else 0.5,
                            f"'{mark}' glued to the front of '{word}'" + (f" after '{left}'" if left else ""))


_PERIOD_BEFORE_QUOTE = regex.compile(r"(?<=^|[\s(\[])\.(?=[\"“]\p{Ll})", regex.M)
#: Confidence of a period glued before an opening double quote. The development set has no
#: double quotes, so the rule cannot be measured there; its sibling without the quote
#: (:func:`marks_before_words`, ``.word``) was right 80 of 97 times, and on 750,000 words of
#: clean English (the development gold, licences, Python's docs, fortunes) the rule proposed
#: nothing. Below the sibling's 0.8 until measured.
PERIOD_BEFORE_QUOTE_CONFIDENCE = 0.6


def periods_before_quotes(doc: Document) -> Iterator[Proposal]:
    """A period after a space and glued to an opening double quote before a small letter
    (``and said that ."he name``): no sentence ends there, since the quotation goes on in small
    letters, so the period is a speck. The extension of :func:`marks_before_words` to a quote
    between the mark and the word; the letter after the quote may be misread too, and the span
    shows it to the editor.

    >>> [(p.original, p.reading) for p in periods_before_quotes(Document('and said that ."he name of'))]
    [('."he', '"he')]
    """
    text = doc.text
    for m in _PERIOD_BEFORE_QUOTE.finditer(text):
        if text[max(0, m.start() - 2):m.start()] == ". ":
            continue  # the last dot of a spaced ellipsis (". . .")
        word = _LETTER_RUN.match(text, m.end() + 1).group()
        end = m.end() + 1 + len(word)
        yield _proposal(doc, m.start(), text[m.start():end], text[m.end():end], PERIOD_BEFORE_QUOTE_CONFIDENCE,
                        f"period after a space and before the opening quote of '{word}', which goes on "
                        f"in small letters: a speck")


#: Share of a mark's occurrences after a space above which the space is the text's typography
#: (older printing set a space before , ; : ? !), not an artifact: an artifact is isolated,
#: under 1 in 100. On the development set, where such spacing runs at 1-5 %, the gold keeps
#: it (5 of 370 proposals were right without this check).
TYPOGRAPHIC_SPACING = 0.01


def _spaced_before(text: str, mark: str) -> float:
    total = text.count(mark)
    return text.count(" " + mark) / total if total else 0.0


def spaces_before_marks(doc: Document) -> Iterator[Proposal]:
    text = doc.text
    spaced = {mark: _spaced_before(text, mark) for mark in ",;:.?!"}
    for m in _SPACE_BEFORE.finditer(text):
        spaces, mark = m.groups()
        if spaced[mark] > TYPOGRAPHIC_SPACING:
            continue
        if mark == "." and text[m.end():m.end() + 2].strip() == ".":
            continue  # ". . ." spaced ellipsis
        s = m.start()
        yield _proposal(doc, s, spaces + mark, mark, 0.8,
                        f"space before '{mark}' ({spaced[mark]:.1%} of this text's '{mark}' follow a space)")


def _is_abbreviation(word: str) -> bool:
    return len(word) == 1 or word.lower() in ABBREVIATIONS or (word.isupper() and len(word) <= 4)


#: Units that are abbreviations only after a number ("5 in. long") and common words elsewhere.
#: On the development set "in." before a small letter with no number before it was a speck 8
#: times of 8 (tune and check); "no." (``no. 5``) was an abbreviation 5 times of 7 and stays one.
NUMBER_UNITS = frozenset({"in"})
_NUMBER_BEFORE = regex.compile(r"\p{N}\s*$")


def _period_is_abbreviation(text: str, start: int, word: str) -> bool:
    """Whether the period after ``word`` (at ``start``) before a small letter marks an
    abbreviation. The article ``a`` is none: a lone lowercase "a." before a small letter was a
    speck 15 times of 15 on the development set ("a. high opinion"), unless it opens a line,
    indented or not (a list's label); other single letters are abbreviations (``p. 5``,
    ``c. 1850``, ``v. Smith``)."""
    if word == "a":
        i = start
        while i > 0 and text[i - 1] in " \t([":  # indentation or an opening bracket
            i -= 1
        return i == 0 or text[i - 1] == "\n"
    if word.lower() in NUMBER_UNITS:
        return _NUMBER_BEFORE.search(text, max(0, start - 4), start) is not None
    return _is_abbreviation(word)


_PERIOD_BEFORE_LOWER = regex.compile(r"(?<=\p{L})\.(?= \p{Ll})")
#: A comma after a word rarer than this (1 in 500: ``a``, ``the``, ``of``, ``to`` in the derived
#: rates of :mod:`edition.detection.evidence.commas`) is no reading worth offering.
COMMA_READING_RATE = 0.002
_ROMAN = regex.compile(r"[ivxlcdm]+")
#: A word this text writes with a period before a small letter this many times is one of its
#: abbreviations ("ult. the", "Bart. and"), unless it is a common word (Zipf 6+: and, of, them).
ABBREVIATION_REPEATS = 3


def stray_periods(doc: Document) -> Iterator[Proposal]:
    """A period after a word and before a small letter (``one or. two``, ``fill them. all``):
    a sentence does not go on in small letters, so unless the word is an abbreviation the
    period is a speck."""
    text = doc.text
    counts = doc.lower_counts
    found = []
    for m in _PERIOD_BEFORE_LOWER.finditer(text):
        i = m.start()
        ws = _word_start(text, i)
        if ws > 0 and (text[ws - 1] in ".'’`-" or text[ws - 1].isalnum()):
            continue  # "a.m.", "o'clock.", a number
        word = text[ws:i]
        nxt = _LETTER_RUN.match(text, i + 2).group()
        if _period_is_abbreviation(text, ws, word) or not word.islower() and not word.istitle():
            continue
        if (not (is_dictionary_word(word) and is_word(nxt, counts)) or _ROMAN.fullmatch(nxt)
                or _ROMAN.fullmatch(word.lower())):
            continue  # "ch. viii. and", "vii. years": numerals take periods
        found.append((ws, i, word))
    repeats = Counter(word.lower() for _, _, word in found)
    for ws, i, word in found:
        if repeats[word.lower()] >= ABBREVIATION_REPEATS and zipf(word) < 6.0:
            continue
        # After a small word right 187 of 241 times on the development set (89 % on the
        # monographs, 18 % on the periodicals, whose print has such periods and whose gold keeps
        # them); after a capitalized word (a name, a heading) 12 of 36. Where wrong, the mark
        # was often a comma, the second reading. Deleting comes first because it was right far
        # more often (``spacing_punctuation.py --marks``, tune part: nothing 119, comma 12;
        # after a capitalized word nothing 6, comma 1); only the periodicals leaned the other way
        # (comma 5, nothing 2), and neither the comma rates of the words around
        # (:mod:`edition.detection.evidence.commas`) nor a capital before told the two apart on both parts.
        conf = 0.75 if word.islower() else 0.4
        # The comma is offered second only after a word English ever follows with one.
        readings = (word, f"{word},") if commas.after_rate(word) >= COMMA_READING_RATE else word
        yield _proposal(doc, ws, text[ws:i + 1], readings, conf,
                        f"period after '{word}' (no abbreviation) before a small letter")


def _words_before(text: str, marks: str) -> Counter[str]:
    """How often each word stands right before ``marks`` in ``text``."""
    return Counter(text[_word_start(text, i):i] for i in _find_all(text, marks))


def _find_all(text: str, sub: str) -> Iterator[int]:
    i = text.find(sub)
    while i >= 0:
        yield i
        i = text.find(sub, i + 1)


def doubled_marks(doc: Document) -> Iterator[Proposal]:
    text = doc.text
    before: dict[str, Counter[str]] = {}  # marks → words before them, counted when first needed
    for m in _DOUBLED.finditer(text):
        marks = m.group()
        s = m.start()
        ws = _word_start(text, s)
        if ws > 0 and text[ws - 1] in ".,":
            continue  # a chain of abbreviations
        word = text[ws:s]
        if marks in (".,", "..") and marks not in before:
            before[marks] = _words_before(text, marks)
        after = text[m.end():m.end() + 1]
        if marks == ".,":
            # "Union.," is a speck, "etc.," and "Cent.," abbreviations: a word the text itself
            # writes as "word.," more than once is its abbreviation (on the development set
            # such repeats were always abbreviations).
            if (_is_abbreviation(word) or len(word) < 4 or not is_dictionary_word(word)
                    or before[marks][word] > 1):
                continue
            # Before a capital the sentence ended and the comma is the speck ("Union., After");
            # before a small letter the period is ("time., etc."). Right 1 of 14 times on the
            # development set, where such words were mostly plurals whose s was misread as a
            # period ("Tile.," for "Tiles,"): a low confidence.
            if _next_letter(text, m.end()).isupper():
                yield _proposal(doc, s, marks, ".", 0.4,
                                f"comma after a sentence's period ('{word}.'), before a capital")
            else:
                yield _proposal(doc, s, marks, ",", 0.4,
                                f"period before a comma after '{word}', which is no abbreviation")
        elif marks == "..":
            if before[marks][word] > 1:
                continue  # the text's own way of writing something
            # Half right on the development set. After an abbreviation the second mark was a
            # misread comma ("Co.. Birmingham", "sen.. Church-street": gold ".,"); after a word
            # a doubled period.
            if _is_abbreviation(word) or word.lower() in ABBREVIATIONS:
                yield _proposal(doc, s, marks, (".,", "."), 0.5,
                                f"doubled period after the abbreviation '{word}.': the second a misread comma")
            else:
                yield _proposal(doc, s, marks, (".", ".,"), 0.5, "doubled period (not an ellipsis)")
        elif marks == ",.":
            reading = ", " if after.isalpha() else ","
            yield _proposal(doc, s, marks, reading, 0.7, "comma and period together: a speck")
        else:
            yield _proposal(doc, s, marks, marks[0], 0.6, f"doubled '{marks[0]}'")


def _next_letter(text: str, i: int) -> str:
    """The first letter at or after ``i`` on the same line ("" when none)."""
    m = _NEXT_LETTER.search(text, i, min(len(text), i + 40))
    return m.group() if m else ""


_NEXT_LETTER = regex.compile(r"[\p{L}\n]")


def _paragraph_window(text: str, start: int, end: int) -> tuple[int, int]:
    lo = text.rfind("\n\n", max(0, start - QUOTE_WINDOW), start)
    hi = text.find("\n\n", end, end + QUOTE_WINDOW)
    return (max(0, start - QUOTE_WINDOW) if lo < 0 else lo, min(len(text), end + QUOTE_WINDOW) if hi < 0 else hi)


def _quotes_with_single_marks(text: str) -> bool:
    """Whether this text quotes with single marks ('...'), so that a lone one is more often a
    quotation whose partner the OCR lost than a speck: then quote rules are not trusted."""
    doubles = text.count('"') + text.count("“") + text.count("”")
    singles = len(_OPENER.findall(text))
    return singles > doubles


def stray_quotes(doc: Document) -> Iterator[Proposal]:
    text = doc.text
    # On the development set (whose texts quote with single marks) lone quotes beside dictionary
    # words were specks 119 of 138 times (beside misread words far less: the quote was often a
    # misread letter); in texts that quote with double marks a lone single one is rarer still a
    # quotation.
    conf = 0.75 if _quotes_with_single_marks(text) else 0.8
    for m in _OPENER.finditer(text):
        quote, word = m.groups()
        if word.lower() in LEADING_ELISIONS or not word.islower() and not word.istitle():
            continue  # 'tis, 'em, 'twas; codes in capitals
        if not is_dictionary_word(word):
            continue  # a quote beside a misread word ("'osoape") is often a misread letter
        _, hi = _paragraph_window(text, m.start(), m.end())
        if _CLOSER_AFTER.search(text, m.end() - 1, hi):
            continue  # a quotation: its closing quote follows
        yield _proposal(doc, m.start(), m.group(), word, conf,
                        f"'{quote}' before '{word}' opens no quotation (no closing quote in the paragraph)")
    for m in _CLOSER.finditer(text):
        quote = m.group()
        ws = _word_start(text, m.start())
        if ws > 0 and text[ws - 1] in "'’`":
            continue
        word = text[ws:m.start()]
        if (not word.islower() or word[-1] in "sz" or len(word) < 2 or word in ELISION_BEGINNINGS
                or not is_dictionary_word(word)):
            continue  # peoples' (plural possessive), o', th'; names and titles may close a quote
        lo, _ = _paragraph_window(text, ws, m.end())
        if _OPENER_BEFORE.search(text, lo, ws):
            continue  # closes a quotation
        yield _proposal(doc, ws, text[ws:m.end()], word, conf,
                        f"'{quote}' after '{word}' closes no quotation (no opening quote in the paragraph)")


_SEMICOLON_BEFORE_CONJUNCTION = regex.compile(r";(?= (and|or|nor) (\p{L}+))")
#: Words that open a clause after the conjunction ("; and the rest is history", "; and then we
#: went home", "; and she left"): there the semicolon parts clauses and is the writer's; a list
#: goes on with its last item ("; and others").
CLAUSE_STARTS = frozenset("the a an this that these those then there here he she it we they i you "
                          "so thus yet now when while if his her its their our my".split())
#: "A, B, C" right before the semicolon: the list's two earlier separators are commas between
#: single words.
_WORD_LIST_BEFORE = regex.compile(r"(?:^|[\s(\[])\p{L}+, \p{L}+, \p{L}+\Z")
_SENTENCE_END = regex.compile(r"[.!?]\s|\n\s*\n")
#: Characters looked at before a semicolon for its list (three words and two commas fit).
LIST_LOOKBACK = 80
#: Confidence of a semicolon in a list of single words read as a comma. The development set
#: has no semicolons at all (its texts were transcribed without them), so the rule cannot be
#: measured there; on 556,000 words of clean English with semicolons (licences, Python's docs,
#: fortunes) it proposed nothing (a looser form, two words before the semicolon, proposed one
#: false alarm: "need love, too; and I'm"). Half sure: a glance.
LIST_SEMICOLON_CONFIDENCE = 0.5


def semicolons_in_lists(doc: Document) -> Iterator[Proposal]:
    """A semicolon after the last single word of a list whose other items are parted by commas,
    before ``and``/``or``/``nor``, the sentence's only semicolon (``the Trotskyites,
    Bukharinites, Zinovyevites; and others``): a comma with a speck below it, since a list is
    parted by one mark throughout. Semicolons between clauses (``he came, he saw; and``) or
    lists parted by semicolons (``A; B; and C``) are left alone.

    >>> [(p.original, p.reading) for p in semicolons_in_lists(Document("the Trotskyites, Bukharinites, Zinovyevites; and others"))]
    [('Zinovyevites;', 'Zinovyevites,')]
    """
    text = doc.text
    for m in _SEMICOLON_BEFORE_CONJUNCTION.finditer(text):
        i = m.start()
        if m.group(2).lower() in CLAUSE_STARTS:
            continue
        if not _WORD_LIST_BEFORE.search(text, max(0, i - LIST_LOOKBACK), i):
            continue
        # Another semicolon in the same sentence (none of its ends between the two) is the
        # sentence's own way of parting its clauses. Looked for from the nearest semicolons, not
        # by cutting the sentence out: a text without sentence ends made that quadratic (4 s for
        # 130,000 characters of "a, b, c; and ").
        prev, nxt = text.rfind(";", 0, i), text.find(";", i + 1)
        if (prev >= 0 and not _SENTENCE_END.search(text, prev + 1, i)) or (
                nxt >= 0 and not _SENTENCE_END.search(text, i + 1, nxt)):
            continue
        ws = _word_start(text, i)
        word = text[ws:i]
        yield _proposal(doc, ws, text[ws:i + 1], f"{word},", LIST_SEMICOLON_CONFIDENCE,
                        f"semicolon after '{word}', the last of a list of words parted by commas, "
                        f"before '{m.group(1)}': a comma")


_LONE_QUOTE = regex.compile(r"(?<=\p{L}) ['’`‘] (?=\p{Ll})")
#: A single quote mark that is not inside a word (an apostrophe): an opening or closing quote,
#: or a lone one.
_QUOTE_MARK = regex.compile(r"(?<!\p{L})['’`‘]|['’`‘](?!\p{L})")
#: A lone quote after a word that English follows with a comma at least this often (1 in 20:
#: "world" 28 %, "white" 23 %; "their", "of", "to" under 0.5 %) is read as a comma first. On the
#: development set's lone quotes that were neither quotes nor letters, the gold had a comma after
#: "Ribbon" and "tar" and nothing after "their", "of", "to", "white". (The comma model has not
#: counted "Ribbon" or "tar": their 8 % is its rate for any word it has not counted, so every such
#: word, names and rare words, gets the comma first.)
LONE_QUOTE_COMMA_RATE = 0.05
#: Confidence of a lone quote's readings. The development set cannot measure it: its texts
#: quote with single marks (where the rule stays silent) or have no quotes at all (one proposal
#: in 207,000 words of OCR, right: "with their ' several uses"); on clean English (its gold,
#: licences, Python's docs, fortunes: 750,000 words) it proposed nothing. Half sure: a glance.
LONE_QUOTE_CONFIDENCE = 0.5


def lone_quotes(doc: Document) -> Iterator[Proposal]:
    """A single quote mark with a space on each side and a small-letter word after, in a text
    that does not quote with single marks and in a paragraph with no other single quote mark
    (so it is no quotation's partner): a misread comma or a speck (``the world ' because`` →
    ``world,``). After a word English often follows with a comma, the comma is read first;
    otherwise the mark is deleted first. A plural before it (``the boys ' books``) may be a
    possessive set loose and is left alone, as are elisions after it (``' tis``).

    >>> [(p.original, p.readings) for p in lone_quotes(Document("vital to you and the world ' because we are"))]
    [("world '", ('world,', 'world'))]
    """
    text = doc.text
    if _quotes_with_single_marks(text):
        return
    for m in _LONE_QUOTE.finditer(text):
        quote_at = m.start() + 1
        ws = _word_start(text, m.start())
        word = text[ws:m.start()]
        nxt = _LETTER_RUN.match(text, m.end()).group()
        if (len(word) < 2 or word[-1] in "sS" or not is_dictionary_word(word) or len(nxt) < 2
                or nxt in LEADING_ELISIONS or not is_dictionary_word(nxt)):
            continue
        lo, hi = _paragraph_window(text, ws, m.end())
        if any(q.start() != quote_at for q in _QUOTE_MARK.finditer(text, lo, hi)):
            continue  # other single quotes in the paragraph: it may close or open a quotation
        rate = commas.after_rate(word)
        if rate >= LONE_QUOTE_COMMA_RATE:
            readings: tuple[str, ...] = (f"{word},", word)
        elif rate >= COMMA_READING_RATE:
            readings = (word, f"{word},")
        else:
            readings = (word,)
        yield _proposal(doc, ws, text[ws:quote_at + 1], readings, LONE_QUOTE_CONFIDENCE,
                        f"'{text[quote_at]}' alone between '{word}' and '{nxt}', in a paragraph with no "
                        f"other single quote: a misread comma (English sets one after '{word.lower()}' "
                        f"{rate:.1%} of the time) or a speck")


_HYPHEN_BEFORE = regex.compile(r"(?<= )-(?=\p{L})")
_HYPHEN_AFTER = regex.compile(r"(?<=\p{L})-(?= \p{L})")
#: A text that sets its dashes with spaces (" - ") this many times ...
SPACED_DASHES = 3
#: ... and hyphens glued to one side of a word at most this share as often: such hyphens are
#: specks. Texts that write "away, -but" as their dash (the development set's monographs) are
#: left alone.
LOOSE_HYPHEN_SHARE = 0.5


def loose_hyphens(doc: Document) -> Iterator[Proposal]:
    """A hyphen glued to one side of a whole word in a text whose dash is " - " (``clear-cut
    -instructions``, ``complement- Marxism``): a speck."""
    text = doc.text
    before = [m.start() for m in _HYPHEN_BEFORE.finditer(text)]
    after = [m.start() for m in _HYPHEN_AFTER.finditer(text)]
    if not (before or after):
        return
    spaced = text.count(" - ")
    if spaced < SPACED_DASHES or len(before) + len(after) > LOOSE_HYPHEN_SHARE * spaced:
        return
    counts = doc.lower_counts
    for i in before:
        word = _LETTER_RUN.match(text, i + 1).group()
        if is_dictionary_word(word):
            yield _proposal(doc, i, text[i:i + 1 + len(word)], word, 0.6,
                            f"hyphen glued before the word '{word}' in a text whose dash is ' - ' ({spaced}x)")
    for i in after:
        ws = _word_start(text, i)
        word = text[ws:i]
        nxt = _LETTER_RUN.match(text, i + 2).group()
        # Not a line-break hyphen: the word is whole and does not continue into the next.
        if is_dictionary_word(word) and not is_word(word + nxt, counts) and ws > 0 and text[ws - 1] == " ":
            yield _proposal(doc, ws, text[ws:i + 1], word, 0.5,
                            f"hyphen glued after the whole word '{word}' in a text whose dash is ' - ' ({spaced}x)")


_COMMA_BETWEEN = regex.compile(r"(?<=\p{L}),(?= \p{Ll}+\b)")


class CommaCandidate(NamedTuple):
    """A comma between two words, with what this document says about it."""

    start: int  # of ``first``; the comma is at ``start + len(first)``
    first: str
    second: str
    doc_commas: int  # other occurrences of ``first`` (case-folded) that a comma follows
    doc_others: int  # other occurrences of ``first``
    doc_pair: int  # occurrences of ``first second`` with nothing between


def comma_candidates(doc: Document) -> Iterator[CommaCandidate]:
    """Commas glued to a word and followed by a space and a small-letter word, both words of
    English or of this text; abbreviations (``viz.,``), numbers and single letters other than
    ``a`` and ``I`` left out. Shared with ``benchmarks/derive_comma_rates.py``, which fits the
    model on exactly these candidates."""
    text = doc.text
    counts = doc.lower_counts
    followed: Counter[str] | None = None
    for m in _COMMA_BETWEEN.finditer(text):
        i = m.start()
        ws = _word_start(text, i)
        if ws > 0 and (text[ws - 1] in ".'’`-&/" or text[ws - 1].isalnum()):
            continue  # "e.g.,", "o'clock,", "well-known," (the first part is not the word)
        first = text[ws:i]
        second = _LETTER_RUN.match(text, i + 2).group()
        end = i + 2 + len(second)
        if end < len(text) and (text[end] in "'’-" or text[end].isdigit()):
            continue  # "don't", "well-known": the second word goes on
        if (len(first) == 1 and first not in "aAI") or len(second) == 1 and second != "a":
            continue
        if not (is_word(first, counts) and is_word(second, counts)):
            continue
        if followed is None:
            followed = Counter(t.text.lower() for t in doc.tokens if text[t.end:t.end + 1] == ",")
        f = first.lower()
        yield CommaCandidate(ws, first, second, max(followed[f] - 1, 0), max(counts[f] - 1, 0),
                             doc.pairs.get(f"{f} {second.lower()}", 0))


#: Stray commas are proposed from this probability up: the floor of the word detectors
#: (``words.MIN_CONFIDENCE``), where a proposal is still worth an editor's glance. Stray commas
#: are rare (under 1 % of the commas before a small letter on the development set), so the
#: writer's commas outnumber them below it: on the tune part (scored without itself) 7 of 13
#: proposals at 0.3 or more were right and 7 of 23 more between 0.15 and 0.3; on the check part
#: 12 of 21, and 4 of 12 more (``benchmarks/derive_comma_rates.py --report``).
MIN_STRAY = 0.3
#: ... and proposed at most this confident. The model's probability is the confidence, but above
#: 0.5 it rests on a handful of cases (tune: 5 right of 11; check: 10 of 12) and above 0.9 on
#: one: too few to vouch for the ≥ 0.9 bucket, whose proposals an editor may accept wholesale.
MAX_STRAY_CONFIDENCE = 0.85


#: Auxiliaries that a past participle follows ("have loved", "was assisted", "be announced").
AUXILIARIES = frozenset("have has had having be been being is are was were am".split())
#: Confidence of a comma between an auxiliary and a past participle (``have, loved``) when the
#: comma-rate model is less sure. On the development set's OCR all 2 such commas were specks
#: (tune "have, attained", check "be, announced"; the model gave them under MIN_STRAY), and the
#: gold and 556,000 words of clean English (licences, Python's docs, fortunes) hold 2 such commas
#: the writer set ("than we had, called for", "are being, evolved"): two cases vouch for little,
#: so the rule stays near the middle.
AUX_PARTICIPLE_STRAY = 0.6
#: Words that open a clause the auxiliary may close ("the house, which we had, needed"; "what
#: they were, united them"): within AUX_CLAUSE_WORDS words before the auxiliary, the comma is
#: the writer's and the floor does not apply (the comma model still judges it).
CLAUSE_OPENERS = frozenset("which that what whatever who whom whoever whichever as than".split())
AUX_CLAUSE_WORDS = 3


def is_past_participle(word: str) -> bool:
    """Whether ``word`` is a regular past participle: it ends in ``-ed`` and takes off to an
    English word (``loved``, ``assisted``, ``planned``, ``carried``); ``indeed``, ``hundred``
    and ``need`` do not. Irregular participles (``known``, ``given``) are left out: on the
    development set the only comma between an auxiliary and one was the writer's ("be, come
    to mee").

    >>> [is_past_participle(w) for w in ("loved", "assisted", "planned", "carried", "indeed", "hundred", "need")]
    [True, True, True, True, False, False, False]
    """
    w = word.lower()
    if not (w.endswith("ed") and len(w) >= 5 and w.isalpha()):
        return False
    stems = [w[:-2], w[:-1]]
    if w[-3] == w[-4]:
        stems.append(w[:-3])  # planned → plan
    if w.endswith("ied"):
        stems.append(w[:-3] + "y")  # carried → carry
    return any(len(stem) >= 3 and is_dictionary_word(stem) for stem in stems)


def _closes_clause(text: str, start: int) -> bool:
    """Whether one of the few words before ``start`` (in the same sentence) opens a clause that the
    word at ``start`` may close: ``which we had,``, ``what they were,``.

    >>> _closes_clause("The house, which we had, needed", 20), _closes_clause("the world, have, loved", 11)
    (True, False)
    """
    before = regex.split(r"[.!?;:\n]", text[max(0, start - 60):start])[-1]
    words = _LETTER_RUN.findall(before)[-AUX_CLAUSE_WORDS:]
    return any(w.lower() in CLAUSE_OPENERS for w in words)


#: How often a comma between two words is a speck on the development set's OCR: 92 of the
#: 207,183 word gaps (4.4e-4; monographs 5.1e-4, periodicals 3.1e-4; the seed 8 in 9,926). With
#: the rate at which writers set a comma in a pattern (counted in clean English by
#: ``benchmarks/clean_comma_rules.py --patterns``), Bayes gives the chance that a comma there is
#: a speck: SPECK_RATE / (SPECK_RATE + writer's rate). The two rules below have no case on the
#: development set, so their confidence comes from this.
SPECK_RATE = 4.4e-4
#: Confidence of a comma between an auxiliary and an ``-ly`` adverb that a past participle
#: follows (``were, warmly assisted``): the verb group of ``have, loved`` with one adverb in it.
#: In 2.15 million words of clean English (the development gold, licences, Python's docs,
#: fortunes, Vim's help, Perl's manuals) the sequence stands 491 times, never with a comma (nor
#: with a pair around the adverb); counting half a comma, SPECK_RATE makes 0.30 (0.44 at the
#: seed's rate), the group without the adverb (1 comma in 15,664) 0.87: 0.4, near the adverb's
#: own count.
AUX_ADVERB_STRAY = 0.4


def is_ly_adverb(word: str) -> bool:
    """Whether ``word`` is an adverb made with ``-ly`` from an English word (``warmly``,
    ``happily``, ``gently``, ``basically``); ``family``, ``holy`` and ``only`` are not.

    >>> [is_ly_adverb(w) for w in ("warmly", "happily", "gently", "basically", "family", "holy", "only")]
    [True, True, True, True, False, False, False]
    """
    w = word.lower()
    if not (w.endswith("ly") and len(w) >= 5 and w.isalpha()):
        return False
    stems = [w[:-2]]  # warmly → warm, finally → final
    if w.endswith("ily"):
        stems.append(w[:-3] + "y")  # happily → happy
    if w.endswith("ally"):
        stems.append(w[:-4])  # basically → basic
    if w[-3] in "bdgkpt":
        stems.append(w[:-1] + "e")  # gently → gentle, simply → simple
    return any(len(stem) >= 3 and is_dictionary_word(stem) for stem in stems)


def _adverb_participle(doc: Document, c: CommaCandidate) -> str | None:
    """The participle when the comma of ``c`` parts an auxiliary from ``-ly adverb + participle``
    with nothing else between (``were, warmly assisted``); None otherwise. A comma after the
    adverb (``had, finally, decided``) makes it a parenthesis: None."""
    if c.first.lower() not in AUXILIARIES or not is_ly_adverb(c.second):
        return None
    after = c.start + len(c.first) + 2 + len(c.second)
    m = _NEXT_WORD.match(doc.text, after)
    if m is None or not is_past_participle(m.group(1)):
        return None
    return m.group(1)


_NEXT_WORD = regex.compile(r" (\p{L}+)\b(?!['’\-])")

#: Confidence of a comma between a sentence's simple subject and its finite verb (``All the
#: traitors, were put on trial``; ``Churchill, said about Stalin``). In the same 2.15 million
#: words of clean English :func:`_subject_verb` holds 2,988 times, once with a comma ("the B
#: Company. Bedale, were distributed": a place after a name, behind a period the gold keeps);
#: 1 in 2,988 and SPECK_RATE make 0.57 (0.48 at the periodicals' rate, 0.71 at the seed's).
SUBJECT_VERB_STRAY = round(SPECK_RATE / (SPECK_RATE + 1 / 2988), 2)  # 0.57
#: Finite verbs that follow a subject directly: forms of be, have, do, the modals and ``said``.
FINITE_VERBS = frozenset(
    "was were is are has had have did does said says will would shall should can could may might must".split()
)
#: Words that start a noun phrase of several words: quantifiers ...
QUANTIFIERS = frozenset("all both many most some several few each every any no such".split())
#: ... and determiners (after a quantifier or alone).
DETERMINERS = frozenset("the a an this that these those my our your his her its their".split())
#: Pronoun subjects: of a subordinate clause right after its subordinator (``because that is``,
#: ``although it was``), or after a finite verb in an inversion (below).
SUBJECT_PRONOUNS = frozenset("i you he she it we they one there this that these those".split())
#: Words after a finite verb that make it an inversion (``"...," said Stalin``, ``said he``,
#: ``is it``): pronouns, ``there``, and for ``said``/``says`` articles too (``said the man``).
INVERSION_WORDS = SUBJECT_PRONOUNS | {"who", "what"}
ARTICLES = frozenset("the a an his her their our my".split())
#: Words that cannot be the noun or adjective of a simple subject: sentence adverbs (``However,
#: was it ...``, ``Yesterday, was ...``), nouns of time that make adverbial phrases (``That
#: night, ...``), and function words. ``-ly`` adverbs are told by :func:`is_ly_adverb`.
NOT_SUBJECT_WORDS = frozenset(
    "however yesterday today tomorrow tonight now then still yet so thus hence therefore moreover furthermore "
    "besides meanwhile instead indeed well yes no nay oh alas here there again also otherwise nevertheless "
    "nonetheless accordingly consequently first second third lastly later earlier afterwards afterward "
    "perhaps maybe sometimes often once twice always never soon above below ago before after since though "
    "although while whereas because unless until if when where why how whether and or but nor for of in on "
    "at by to with from into upon about as than like not same other others else thereafter therein meantime "
    "time times day days night nights week weeks month months year years morning evening afternoon moment "
    "hour hours way ways i you he she it we they me him us them who whom what which whose one ones myself "
    "yourself himself herself itself ourselves yourselves themselves".split()
)
#: A sentence starts after one of these and a space (or glued closing quote), or at a paragraph.
_SENTENCE_MARKS = ".!?"
_CLOSING_QUOTES = "\"”’'"


def _mid_sentence_capitals(doc: Document) -> frozenset[str]:
    """Capitalized words this text writes in mid-sentence (after a small-letter word) and never
    in small letters: its names (asked once per document: ``doc.memo(_mid_sentence_capitals)``)."""
    seen = {m.group(1) for m in _MID_CAPITAL.finditer(doc.text)}
    counts = doc.counts
    return frozenset(w for w in seen if not counts.get(w.lower()))


_MID_CAPITAL = regex.compile(r"(?<=\p{Ll}[,;]? )(\p{Lu}\p{Ll}+)\b(?!['’\-])")


def _sentence_subject(text: str, start: int, end: int) -> list[str] | None:
    """The words from the start of the sentence to ``end`` when only single spaces (or a line
    break inside a paragraph) part them and the word at ``start`` is the last one (at most four
    words); None when anything else (a comma, a quote, a number) stands between the sentence
    start and ``end``. A sentence starts at the text's or a paragraph's start (a blank line), or
    after ``.``, ``!`` or ``?`` (and a closing quote) and a space; a closing quote glued to the
    period and the next word (``problems."Churchill``) ends a sentence too. A line break alone
    does not: wrapped text breaks lines mid-sentence.

    >>> _sentence_subject("He left. All the men, were", 17, 20), _sentence_subject("John, the baker, was", 10, 15)
    (['All', 'the', 'men'], None)
    >>> _sentence_subject("all\\nthe men, were", 8, 11), _sentence_subject("All\\n\\nThe men, were", 9, 12)
    (['all', 'the', 'men'], ['The', 'men'])
    """
    words = [text[start:end]]
    j = start
    while True:
        if j == 0:
            return words
        k = j
        while k > 0 and text[k - 1] in " \t\n":
            k -= 1
        space = text[k:j]
        if not space:
            if text[j - 1] in _CLOSING_QUOTES and j >= 2 and text[j - 2] in _SENTENCE_MARKS:
                return words  # 'problems."Churchill': a closing quote glued to the period
            return None
        if k == 0 or space.count("\n") >= 2:
            return words  # the text's or a paragraph's start
        q = k - 1 if text[k - 1] in _CLOSING_QUOTES else k
        if q > 0 and text[q - 1] in _SENTENCE_MARKS:
            before = _word_start(text, q - 1)
            abbreviation = text[before:q - 1]
            if text[q - 1] == "." and (abbreviation.lower() in ABBREVIATIONS or len(abbreviation) == 1):
                return None  # "Mr. Smith", "J. Smith": no sentence ends there
            return words
        if space not in (" ", "\n") or not text[k - 1].isalpha():
            return None
        ws = _word_start(text, k)
        if ws > 0 and not (text[ws - 1].isspace() or text[ws - 1] in _CLOSING_QUOTES):
            return None  # "well-known", "(the": not a plain word (a quote: tried as a start above)
        words.insert(0, text[ws:k])
        if len(words) > 4:
            return None
        j = ws


def _is_subject(words: list[str], doc: Document) -> bool:
    """Whether ``words`` (from a sentence start) make a simple subject: a name the text writes
    capitalized in mid-sentence, or [quantifier] [determiner] [adjective] noun, opening with a
    quantifier or a determiner."""
    if len(words) == 1:
        w = words[0]
        return (len(w) > 1 and w[0].isupper() and w.lower() not in NOT_SUBJECT_WORDS
                and w in doc.memo(_mid_sentence_capitals))
    low = [w.lower() for w in words]
    i = 0
    if low[i] in QUANTIFIERS:
        i += 1
    if i < len(low) and low[i] in DETERMINERS:
        i += 1
    rest = words[i:]
    if i == 0 or not 1 <= len(rest) <= 2:
        return False
    return all(w.lower() not in NOT_SUBJECT_WORDS and w.lower() not in DETERMINERS
               and w.lower() not in QUANTIFIERS and w.lower() not in AUXILIARIES
               and w.lower() not in FINITE_VERBS and not is_ly_adverb(w)
               and is_word(w, doc.lower_counts) for w in rest)


_SENTENCE_STOP = regex.compile(r"[.!?\n]")


def _question_follows(doc: Document, offset: int) -> bool:
    """Whether the first sentence stop (``.``, ``!``, ``?`` or a line break) after ``offset`` is a
    question mark. The stops are found once per document and looked up by bisection: searching
    the text from each comma went through the whole rest of a text that has no stop (86 s on
    1M characters of ``All the men, were put``).

    >>> _question_follows(Document("Mother, is dinner ready? Yes."), 10), _question_follows(Document("It is. Is it?"), 3)
    (True, False)
    """
    stops = doc.memo(_sentence_stops)
    i = bisect_left(stops, offset)
    return i < len(stops) and doc.text[stops[i]] == "?"


def _sentence_stops(doc: Document) -> list[int]:
    """The offsets of the text's sentence stops (:data:`_SENTENCE_STOP`), in order."""
    return [m.start() for m in _SENTENCE_STOP.finditer(doc.text)]


def _subject_verb(doc: Document, start: int, end: int, verb: str, verb_end: int) -> bool:
    """Whether the word at ``start:end`` closes a sentence's simple subject and ``verb`` (ending
    at ``verb_end``) is its finite verb (``All the traitors, were put``), the verb not opening an
    inversion (``said he``, ``said Stalin``, ``said the man``) nor the sentence a question
    (``Mother, is dinner ready?``). What stands between the subject and the verb is the
    caller's question: :func:`stray_commas` asks it of a comma.

    >>> text = "The men left. All the men, were put on trial."
    >>> _subject_verb(Document(text), 22, 25, "were", 31), _subject_verb(Document("However, was it so?"), 0, 7, "was", 12)
    (True, False)
    """
    if verb not in FINITE_VERBS:
        return False
    text = doc.text
    m = _NEXT_WORD.match(text, verb_end)
    if m is None:
        return False
    nxt = m.group(1)
    if not nxt.islower() or nxt in INVERSION_WORDS or (verb in ("said", "says") and nxt in ARTICLES):
        return False
    if _question_follows(doc, verb_end):
        return False
    words = _sentence_subject(text, start, end)
    return words is not None and _is_subject(words, doc)


#: Confidence of a comma between the ``be`` or ``have`` of a subordinate clause with a pronoun
#: subject and its complement (``because that is, our duty``; :func:`_clause_complement`). In
#: the 2.15 million words of clean English the pattern stands 199 times, never with a comma:
#: too few to know the writer's rate (half a comma would give 0.15). Counted over every clause
#: of pronoun + ``be``/``have`` + complement that has no gap at the verb (at a sentence start,
#: after a coordinator or after one of :data:`SUBORDINATORS`; ``benchmarks/clean_comma_rules.py
#: --subordinators``) writers set 1 such comma in 1,104 ("and that is, an obelisk": ``that is``
#: for "namely"): 1 in 1,104 and SPECK_RATE make 0.33 (0.47 at the seed's rate). Just over
#: MIN_STRAY: a glance.
CLAUSE_COMPLEMENT_STRAY = round(SPECK_RATE / (SPECK_RATE + 1 / 1104), 2)  # 0.33
#: Subordinators after which a pronoun and a form of ``be`` or ``have`` open a clause whose
#: complement must follow (``because that is, our duty`` → ``is our``). On 2.15 million words
#: of clean English (``benchmarks/clean_comma_rules.py --subordinators``) these are never followed
#: by such a comma under the guards of :func:`_complement_follows`. Left out: ``if``, ``as``,
#: ``when``, ``unless``, ``where``, ``than``, ``before`` and ``so``, whose clause may stop at the
#: verb (``if it is, ...``, ``as it is, ...``, ``than we had, called for``: ellipsis, comparison,
#: ``before you is`` a preposition; ``as``, ``where``, ``if``, ``than`` and ``before`` fire 12
#: times there), and ``that``, whose relative clause has a gap at the verb (``the man that he
#: was, the ...``: 0 of 554 in clean English, but a construction of ordinary prose).
SUBORDINATORS = frozenset("because since although though whereas while whilst until till once after whether".split())
#: Forms of ``be`` and ``have`` that a complement or object follows; not ``do`` and the modals,
#: whose verb is often left out (``because I do, ...``, ``while you can, ...``).
COPULAS = frozenset("is was are were am has had have".split())
#: Words before the subordinator after which its clause may lead the sentence, as at a sentence
#: start (``..., and once it is, the file closes``): the rule is left out there.
COORDINATORS = frozenset("and but or nor yet so for then".split())
#: Words that do not begin a complement: those that open a new clause (pronouns, ``there``,
#: ``then``, conjunctions), sentence adverbs and prepositions (a parenthesis: ``because it was,
#: of course``), ``not`` (``because it is, not because``); see :data:`NOT_SUBJECT_WORDS`.
NOT_COMPLEMENT_WORDS = NOT_SUBJECT_WORDS | INVERSION_WORDS | frozenset("too not nor".split())
#: Words after the comma searched for a mark that closes a parenthesis or a clause.
PARENTHESIS_WORDS = 4
_CLOSING_MARKS = frozenset(",;:()[]—–")
_SUBORDINATE_BEFORE = regex.compile(r"(?<![\p{L}'’\-])(\p{L}+),?[ \n](\p{Ll}+)[ \n](\p{L}+)[ \n]\Z")


def _subordinate_clause(text: str, start: int) -> str | None:
    """The subordinator when the word at ``start`` follows ``subordinator + pronoun`` in
    mid-sentence (a word, and at most a comma, before the subordinator; single spaces or line
    breaks between): ``Titoites because that is`` → ``because``. None at a sentence start, after
    a coordinator (``and once it is``; see :data:`COORDINATORS`), or when the subject is no
    pronoun of :data:`SUBJECT_PRONOUNS`. Any small-letter word is returned as the subordinator;
    the caller checks it.

    >>> text = "we expose them because that is, our duty"
    >>> _subordinate_clause(text, 28), _subordinate_clause("Because it is, our duty", 11)
    ('because', None)
    >>> _subordinate_clause("and once it is, done", 13), _subordinate_clause("since the man is, old", 14)
    (None, None)
    """
    m = _SUBORDINATE_BEFORE.search(text[max(0, start - 80):start])
    if m is None:
        return None
    before, subordinator, pronoun = m.groups()
    if before.lower() in COORDINATORS or pronoun.lower() not in SUBJECT_PRONOUNS:
        return None
    if not (pronoun.islower() or pronoun == "I"):
        return None
    return subordinator


def _complement_follows(text: str, after: int) -> bool:
    """Whether the words from ``after`` can continue a clause as the complement of its verb: a
    small-letter word that opens no clause (:data:`NOT_COMPLEMENT_WORDS`) and is no ``-ly``
    adverb, with no comma, semicolon, colon, bracket or dash in the next
    :data:`PARENTHESIS_WORDS` words (``because it is, in my view, wrong``: a parenthesis;
    ``although it was, the others said``: a clause).

    >>> _complement_follows("is, our duty as Marxists.", 4), _complement_follows("is, in my view, wrong", 4)
    (True, False)
    >>> _complement_follows("is, then we go", 4), _complement_follows("is, simply wrong", 4)
    (False, False)
    """
    m = _NEXT_WORD.match(text, after - 1) if after > 0 and text[after - 1] == " " else None
    if m is None:
        return False
    word = m.group(1)
    if not word.islower() or word in NOT_COMPLEMENT_WORDS or is_ly_adverb(word):
        return False
    words = text[after:after + 120].split()[:PARENTHESIS_WORDS]
    return not any(ch in _CLOSING_MARKS for w in words for ch in w)


def _clause_complement(text: str, start: int, verb: str, after: int) -> bool:
    """Whether ``verb`` (at ``start``) is the ``be`` or ``have`` of a subordinate clause with a
    pronoun subject (``because that is``) and the words from ``after`` its complement (``our
    duty``). What stands between the verb and ``after`` is the caller's question.

    >>> _clause_complement("we expose them because that is, our duty.", 28, "is", 32)
    True
    """
    return (verb.lower() in COPULAS and _complement_follows(text, after)
            and _subordinate_clause(text, start) in SUBORDINATORS)


def stray_commas(doc: Document) -> Iterator[Proposal]:
    """A comma between two words where English, and this text, rarely set one: after a word
    that a comma seldom follows (``were``, ``is``, ``the``), before one that a comma seldom
    precedes (``of``), between words this text writes together elsewhere. The confidence is
    the derived model's probability (:func:`edition.detection.evidence.commas.stray_probability`), and at
    least :data:`AUX_PARTICIPLE_STRAY` between an auxiliary and a past participle, which English
    does not part, :data:`AUX_ADVERB_STRAY` when one ``-ly`` adverb stands before the participle,
    :data:`SUBJECT_VERB_STRAY` between a sentence's simple subject and its verb (the span then
    holds the comma and the verb), and :data:`CLAUSE_COMPLEMENT_STRAY` between the ``be`` or
    ``have`` of a subordinate clause with a pronoun subject and its complement (``because that
    is, our duty``).

    >>> [(p.original, p.reading) for p in stray_commas(Document("the peoples of the world have, loved the land"))]
    [('have,', 'have')]
    >>> [(p.original, p.reading) for p in stray_commas(Document("They were, kindly received. The guests, were tired."))]
    [('were,', 'were'), (', were', ' were')]
    >>> [(p.original, p.reading) for p in stray_commas(Document("We left early because it was, too late to stay."))]
    []
    >>> [(p.original, p.reading) for p in stray_commas(Document("We left early because it was, a long way home."))]
    [('was,', 'was')]
    """
    for c in comma_candidates(doc):
        after, before = commas.after_rate(c.first), commas.before_rate(c.second)
        features = commas.stray_features(after, before, association(c.first, c.second),
                                         c.doc_commas, c.doc_others, c.doc_pair)
        p = commas.stray_probability(features)
        aux = c.first.lower() in AUXILIARIES and not _closes_clause(doc.text, c.start)
        verb_group = aux and is_past_participle(c.second)
        participle = _adverb_participle(doc, c) if aux and not verb_group else None
        comma = c.start + len(c.first)
        subject = _subject_verb(doc, c.start, comma, c.second, comma + 2 + len(c.second))
        complement = _clause_complement(doc.text, c.start, c.first, comma + 2)
        if verb_group:
            p = max(p, AUX_PARTICIPLE_STRAY)
        if participle:
            p = max(p, AUX_ADVERB_STRAY)
        if subject:
            p = max(p, SUBJECT_VERB_STRAY)
        if complement:
            p = max(p, CLAUSE_COMPLEMENT_STRAY)
        if p < MIN_STRAY:
            continue
        why = (f"comma between '{c.first}' and '{c.second}': English sets one after '{c.first.lower()}' "
               f"{after:.1%} of the time, before '{c.second}' {before:.1%}")
        if verb_group:
            why += f"; '{c.first}' is an auxiliary and '{c.second}' its past participle"
        if participle:
            why += f"; '{c.first}' is an auxiliary and '{c.second} {participle}' an adverb and its past participle"
        if subject:
            why += f"; '{c.first}' ends the simple subject that opens the sentence and '{c.second}' is its verb"
        if complement:
            why += (f"; '{c.first}' is the verb of a subordinate clause with a pronoun subject and "
                    f"'{c.second}' begins its complement")
        if c.doc_others:
            why += f"; this text after {c.doc_commas} of {c.doc_others} other '{c.first.lower()}'"
        if c.doc_pair:
            why += f"; '{c.first.lower()} {c.second}' {c.doc_pair}x without a comma"
        confidence = round(min(p, MAX_STRAY_CONFIDENCE), 2)
        if subject:
            # The span holds the comma and the verb, not the subject: the subject is often a name
            # that a word detector corrects, or glued to a closing quote that the merge detector
            # parts ('problems."Churchill, said'), and of two proposals on one word one is dropped.
            yield _proposal(doc, comma, f", {c.second}", f" {c.second}", confidence, why)
        else:
            yield _proposal(doc, c.start, c.first + ",", c.first, confidence, why)


RULES = (marks_inside_words, marks_before_words, spaces_before_marks, doubled_marks, stray_periods,
         periods_before_quotes, stray_commas, stray_quotes, lone_quotes, semicolons_in_lists, loose_hyphens)


def detect(doc: Document) -> Iterable[Proposal]:
    for rule in RULES:
        yield from rule(doc)
