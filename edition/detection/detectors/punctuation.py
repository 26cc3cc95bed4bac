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
  inch away from a number are no abbreviations), the comma second where English sets one;
  not before a word of one or two letters followed by a capital (``his chest. he Witness``: a
  sentence's period, the small word a speck).
- :func:`stray_commas` — a comma between two words where English (and this text) rarely sets
  one (``went to the, war`` → ``the war``), judged by the derived comma rates of
  :mod:`edition.detection.evidence.commas`; a comma between an auxiliary and a past participle, with at
  most one ``-ly`` adverb before it (``have, loved`` → ``have loved``, ``were, warmly assisted``
  → ``were warmly``); a comma between a sentence's simple subject and its verb (``All the
  traitors, were put`` → ``traitors were``); and a comma between the ``be`` or ``have`` of a
  subordinate clause with a pronoun subject and its complement (``because that is, our duty`` →
  ``is our``). The English grammar these last rules ask (sentences, subjects, verb groups,
  clauses) is :mod:`edition.detection.evidence.clauses`.
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

from collections import Counter
from typing import Iterable, Iterator, NamedTuple

import regex

from ..document import Document
from ..evidence import commas
from ..evidence.bigrams import association
from ..evidence.clauses import (ABBREVIATIONS, AUXILIARIES, adverb_participle, clause_complement,
                                closes_clause, is_past_participle, subject_verb, word_start)
from ..evidence.lexicon import zipf
from ..evidence.spacing import SPECKS, bigram_count, in_context, is_dictionary_word, is_word
from ...model import Kind, Proposal

KIND = Kind.PUNCTUATION
KINDS = (KIND,)

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
_INNER = regex.compile(r"(?<=\p{L})[.,;:'’`" + regex.escape(SPECKS) + r"](?=\p{L})")
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


def marks_inside_words(doc: Document) -> Iterator[Proposal]:
    counts = doc.lower_counts
    text = doc.text
    n = len(text)
    for m in _INNER.finditer(text):
        i = m.start()
        xs = word_start(text, i)
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
        elif mark in ",;:" + SPECKS and (len(x) == 1 or len(y) == 1):
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
            left_start = word_start(text, start - 1)
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
        ws = word_start(text, i)
        if ws > 0 and (text[ws - 1] in ".'’`-" or text[ws - 1].isalnum()):
            continue  # "a.m.", "o'clock.", a number
        word = text[ws:i]
        nxt = _LETTER_RUN.match(text, i + 2).group()
        if _period_is_abbreviation(text, ws, word) or not word.islower() and not word.istitle():
            continue
        if (not (is_dictionary_word(word) and is_word(nxt, counts)) or _ROMAN.fullmatch(nxt)
                or _ROMAN.fullmatch(word.lower())):
            continue  # "ch. viii. and", "vii. years": numerals take periods
        if _speck_before_a_sentence(text, i + 2, nxt):
            continue
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


#: The longest small word between a period and a capitalized word that is taken for a speck
#: or a misread capital (``his chest. he Witness's horse``): with one or two letters the
#: period was the sentence's own on the tune parts (the stray-period proposal right 6 of 27
#: times at ≥ 0.5: BLN600 3 of 22, ICDAR 2017 3 of 4), with three 5 of 12 (2026-12-05,
#: docs/BENCHMARKS.md "What an editor sees").
SPECK_WORD_LETTERS = 2


def _speck_before_a_sentence(text: str, at: int, small: str) -> bool:
    """True when the small word at ``at`` (``small``, its letters) is short and the word after
    it starts with a capital: the period before it ends a sentence, and the small word is a
    speck or a misread mark (``the plaintiff. are Mary Bennett``, ``in the future. or Constable``).

    >>> _speck_before_a_sentence("loss of blood. at He found", 15, "at")
    True
    >>> _speck_before_a_sentence("one or. two Days", 7, "two"), _speck_before_a_sentence("is. a dog", 4, "a")
    (False, False)
    """
    if len(small) > SPECK_WORD_LETTERS:
        return False
    m = _NEXT_WORD.match(text, at)
    return m is not None and m.group(1)[:1].isupper()


_NEXT_WORD = regex.compile(r"\S*\s+(\S)")


def _words_before(text: str, marks: str) -> Counter[str]:
    """How often each word stands right before ``marks`` in ``text``."""
    return Counter(text[word_start(text, i):i] for i in _find_all(text, marks))


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
        ws = word_start(text, s)
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
        ws = word_start(text, m.start())
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
        ws = word_start(text, i)
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
        ws = word_start(text, m.start())
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
        ws = word_start(text, i)
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
    ``a`` and ``I`` left out. Shared with ``benchmarks/derive/derive_comma_rates.py``, which fits the
    model on exactly these candidates."""
    text = doc.text
    counts = doc.lower_counts
    followed: Counter[str] | None = None
    for m in _COMMA_BETWEEN.finditer(text):
        i = m.start()
        ws = word_start(text, i)
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
            # the words a comma follows, the text searched for its commas, not every token visited
            lower = doc.lower_tokens
            followed = Counter(lower[k] for k in doc.tokens_before(","))
        f = first.lower()
        yield CommaCandidate(ws, first, second, max(followed[f] - 1, 0), max(counts[f] - 1, 0),
                             doc.pairs.get(f"{f} {second.lower()}", 0))


#: Stray commas are proposed from this probability up: the floor of the word detectors
#: (``words.MIN_CONFIDENCE``), where a proposal is still worth an editor's glance. Stray commas
#: are rare (under 1 % of the commas before a small letter on the development set), so the
#: writer's commas outnumber them below it: on the tune part (scored without itself) 7 of 13
#: proposals at 0.3 or more were right and 7 of 23 more between 0.15 and 0.3; on the check part
#: 12 of 21, and 4 of 12 more (``benchmarks/derive/derive_comma_rates.py --report``).
MIN_STRAY = 0.3
#: ... and proposed at most this confident. The model's probability is the confidence, but above
#: 0.5 it rests on a handful of cases (tune: 5 right of 11; check: 10 of 12) and above 0.9 on
#: one: too few to vouch for the ≥ 0.9 bucket, whose proposals an editor may accept wholesale.
MAX_STRAY_CONFIDENCE = 0.85


#: Confidence of a comma between an auxiliary and a past participle (``have, loved``) when the
#: comma-rate model is less sure. On the development set's OCR all 2 such commas were specks
#: (tune "have, attained", check "be, announced"; the model gave them under MIN_STRAY), and the
#: gold and 556,000 words of clean English (licences, Python's docs, fortunes) hold 2 such commas
#: the writer set ("than we had, called for", "are being, evolved"): two cases vouch for little,
#: so the rule stays near the middle.
AUX_PARTICIPLE_STRAY = 0.6
#: How often a comma between two words is a speck on the development set's OCR: 92 of the
#: 207,183 word gaps (4.4e-4; monographs 5.1e-4, periodicals 3.1e-4; the seed 8 in 9,926). With
#: the rate at which writers set a comma in a pattern (counted in clean English by
#: ``benchmarks/studies/clean_comma_rules.py --patterns``), Bayes gives the chance that a comma there is
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
#: Confidence of a comma between a sentence's simple subject and its finite verb (``All the
#: traitors, were put on trial``; ``Churchill, said about Stalin``). In the same 2.15 million
#: words of clean English :func:`~edition.detection.evidence.clauses.subject_verb` holds 2,988
#: times, once with a comma ("the B Company. Bedale, were distributed": a place after a name,
#: behind a period the gold keeps); 1 in 2,988 and SPECK_RATE make 0.57 (0.48 at the
#: periodicals' rate, 0.71 at the seed's).
SUBJECT_VERB_STRAY = round(SPECK_RATE / (SPECK_RATE + 1 / 2988), 2)  # 0.57
#: Confidence of a comma between the ``be`` or ``have`` of a subordinate clause with a pronoun
#: subject and its complement (``because that is, our duty``;
#: :func:`~edition.detection.evidence.clauses.clause_complement`). In
#: the 2.15 million words of clean English the pattern stands 199 times, never with a comma:
#: too few to know the writer's rate (half a comma would give 0.15). Counted over every clause
#: of pronoun + ``be``/``have`` + complement that has no gap at the verb (at a sentence start,
#: after a coordinator or after one of :data:`~edition.detection.evidence.clauses.SUBORDINATORS`;
#: ``benchmarks/studies/clean_comma_rules.py
#: --subordinators``) writers set 1 such comma in 1,104 ("and that is, an obelisk": ``that is``
#: for "namely"): 1 in 1,104 and SPECK_RATE make 0.33 (0.47 at the seed's rate). Just over
#: MIN_STRAY: a glance.
CLAUSE_COMPLEMENT_STRAY = round(SPECK_RATE / (SPECK_RATE + 1 / 1104), 2)  # 0.33


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
        aux = c.first.lower() in AUXILIARIES and not closes_clause(doc.text, c.start)
        verb_group = aux and is_past_participle(c.second)
        comma = c.start + len(c.first)
        participle = (adverb_participle(doc.text, c.first, c.second, comma + 2 + len(c.second))
                      if aux and not verb_group else None)
        subject = subject_verb(doc, c.start, comma, c.second, comma + 2 + len(c.second))
        complement = clause_complement(doc.text, c.start, c.first, comma + 2)
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
