"""English sentences and clauses, as far as a stray comma needs them: where a sentence starts,
its simple subject and finite verb, an auxiliary and its verb group, a subordinate clause and
its complement.

The stray-comma rule (:func:`edition.detection.detectors.punctuation.stray_commas`) asks whether
a comma parts words that English does not part: an auxiliary from its past participle
(``have, loved``), a sentence's simple subject from its verb (``All the traitors, were put``),
the ``be`` or ``have`` of a subordinate clause from its complement (``because that is, our
duty``). This module answers from the words alone (word lists, the dictionary, the text's own
capitals), without a parser; each list says what it was measured on
(``benchmarks/studies/clean_comma_rules.py``, 2.15 million words of clean English).

- :data:`ABBREVIATIONS` — abbreviations that take a period (no sentence ends at one);
  :func:`word_start` — where the run of letters before an offset begins.
- :func:`is_past_participle`, :func:`is_ly_adverb` — the shape of a word.
- :func:`closes_clause`, :func:`adverb_participle` — an auxiliary's verb group.
- :func:`sentence_subject`, :func:`is_subject`, :func:`question_follows`,
  :func:`subject_verb` — a sentence's simple subject and its finite verb.
- :func:`subordinate_clause`, :func:`complement_follows`, :func:`clause_complement` — a
  subordinate clause's ``be`` or ``have`` and its complement.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

import regex

from .spacing import is_dictionary_word, is_word

if TYPE_CHECKING:
    from ..document import Document

_LETTER_RUN = regex.compile(r"\p{L}+")

#: Abbreviations that take a period and may be followed by a comma ("etc.,", "Esq.,").
#: A general list of English abbreviations, lower case, without the period. A period after one
#: ends no sentence (:func:`sentence_subject`).
ABBREVIATIONS = frozenset(
    "etc esq co cos cent cents mr mrs messrs dr st jr sr bros ltd inc viz vol vols ed eds pp no nos ult inst "
    "prox rev hon gen col capt lieut sgt maj govt dept univ ch chap art fig figs cf al ibid op cit "
    "jan feb mar apr aug sept sep oct nov dec mon tues wed thurs fri sat sun vs ft lb lbs oz doz "
    "cwt yd yds in sq pt qt max min approx ca esqs rt bart sen jun sec secs anon".split()
)


def word_start(text: str, end: int) -> int:
    """Start of the run of letters that ends at ``end``.

    >>> word_start("said Mr. Smith", 7)
    5
    """
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start


#: Auxiliaries that a past participle follows ("have loved", "was assisted", "be announced").
AUXILIARIES = frozenset("have has had having be been being is are was were am".split())
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


def closes_clause(text: str, start: int) -> bool:
    """Whether one of the few words before ``start`` (in the same sentence) opens a clause that the
    word at ``start`` may close: ``which we had,``, ``what they were,``.

    >>> closes_clause("The house, which we had, needed", 20), closes_clause("the world, have, loved", 11)
    (True, False)
    """
    before = regex.split(r"[.!?;:\n]", text[max(0, start - 60):start])[-1]
    words = _LETTER_RUN.findall(before)[-AUX_CLAUSE_WORDS:]
    return any(w.lower() in CLAUSE_OPENERS for w in words)


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


def adverb_participle(text: str, auxiliary: str, adverb: str, after: int) -> str | None:
    """The past participle when ``auxiliary`` is one, ``adverb`` (ending at ``after``) an ``-ly``
    adverb and a past participle follows it with nothing else between (``were, warmly
    assisted``); None otherwise. A comma after the adverb (``had, finally, decided``) makes it a
    parenthesis: None. What stands between the auxiliary and the adverb is the caller's question.

    >>> text = "They were, warmly assisted by all."
    >>> adverb_participle(text, "were", "warmly", 17), adverb_participle("had, finally, decided", "had", "finally", 12)
    ('assisted', None)
    """
    if auxiliary.lower() not in AUXILIARIES or not is_ly_adverb(adverb):
        return None
    m = _NEXT_WORD.match(text, after)
    if m is None or not is_past_participle(m.group(1)):
        return None
    return m.group(1)


_NEXT_WORD = regex.compile(r" (\p{L}+)\b(?!['’\-])")

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


def mid_sentence_capitals(doc: "Document") -> frozenset[str]:
    """Capitalized words this text writes in mid-sentence (after a small-letter word) and never
    in small letters: its names (ask once per document: ``doc.memo(mid_sentence_capitals)``)."""
    seen = {m.group(1) for m in _MID_CAPITAL.finditer(doc.text)}
    counts = doc.counts
    return frozenset(w for w in seen if not counts.get(w.lower()))


_MID_CAPITAL = regex.compile(r"(?<=\p{Ll}[,;]? )(\p{Lu}\p{Ll}+)\b(?!['’\-])")


def sentence_subject(text: str, start: int, end: int) -> list[str] | None:
    """The words from the start of the sentence to ``end`` when only single spaces (or a line
    break inside a paragraph) part them and the word at ``start`` is the last one (at most four
    words); None when anything else (a comma, a quote, a number) stands between the sentence
    start and ``end``. A sentence starts at the text's or a paragraph's start (a blank line), or
    after ``.``, ``!`` or ``?`` (and a closing quote) and a space; a closing quote glued to the
    period and the next word (``problems."Churchill``) ends a sentence too. A line break alone
    does not: wrapped text breaks lines mid-sentence.

    >>> sentence_subject("He left. All the men, were", 17, 20), sentence_subject("John, the baker, was", 10, 15)
    (['All', 'the', 'men'], None)
    >>> sentence_subject("all\\nthe men, were", 8, 11), sentence_subject("All\\n\\nThe men, were", 9, 12)
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
            before = word_start(text, q - 1)
            abbreviation = text[before:q - 1]
            if text[q - 1] == "." and (abbreviation.lower() in ABBREVIATIONS or len(abbreviation) == 1):
                return None  # "Mr. Smith", "J. Smith": no sentence ends there
            return words
        if space not in (" ", "\n") or not text[k - 1].isalpha():
            return None
        ws = word_start(text, k)
        if ws > 0 and not (text[ws - 1].isspace() or text[ws - 1] in _CLOSING_QUOTES):
            return None  # "well-known", "(the": not a plain word (a quote: tried as a start above)
        words.insert(0, text[ws:k])
        if len(words) > 4:
            return None
        j = ws


def is_subject(words: list[str], doc: "Document") -> bool:
    """Whether ``words`` (from a sentence start) make a simple subject: a name the text writes
    capitalized in mid-sentence, or [quantifier] [determiner] [adjective] noun, opening with a
    quantifier or a determiner."""
    if len(words) == 1:
        w = words[0]
        return (len(w) > 1 and w[0].isupper() and w.lower() not in NOT_SUBJECT_WORDS
                and w in doc.memo(mid_sentence_capitals))
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


def question_follows(doc: "Document", offset: int) -> bool:
    """Whether the first sentence stop (``.``, ``!``, ``?`` or a line break) after ``offset`` is a
    question mark. The stops are found once per document and looked up by bisection: searching
    the text from each comma went through the whole rest of a text that has no stop (86 s on
    1M characters of ``All the men, were put``).

    >>> from edition.detection.document import Document
    >>> question_follows(Document("Mother, is dinner ready? Yes."), 10), question_follows(Document("It is. Is it?"), 3)
    (True, False)
    """
    stops = doc.memo(sentence_stops)
    i = bisect_left(stops, offset)
    return i < len(stops) and doc.text[stops[i]] == "?"


def sentence_stops(doc: "Document") -> list[int]:
    """The offsets of the text's sentence stops (:data:`_SENTENCE_STOP`), in order."""
    return [m.start() for m in _SENTENCE_STOP.finditer(doc.text)]


def subject_verb(doc: "Document", start: int, end: int, verb: str, verb_end: int) -> bool:
    """Whether the word at ``start:end`` closes a sentence's simple subject and ``verb`` (ending
    at ``verb_end``) is its finite verb (``All the traitors, were put``), the verb not opening an
    inversion (``said he``, ``said Stalin``, ``said the man``) nor the sentence a question
    (``Mother, is dinner ready?``). What stands between the subject and the verb is the
    caller's question: :func:`stray_commas` asks it of a comma.

    >>> from edition.detection.document import Document
    >>> text = "The men left. All the men, were put on trial."
    >>> subject_verb(Document(text), 22, 25, "were", 31), subject_verb(Document("However, was it so?"), 0, 7, "was", 12)
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
    if question_follows(doc, verb_end):
        return False
    words = sentence_subject(text, start, end)
    return words is not None and is_subject(words, doc)


#: Subordinators after which a pronoun and a form of ``be`` or ``have`` open a clause whose
#: complement must follow (``because that is, our duty`` → ``is our``). On 2.15 million words
#: of clean English (``benchmarks/studies/clean_comma_rules.py --subordinators``) these are never followed
#: by such a comma under the guards of :func:`complement_follows`. Left out: ``if``, ``as``,
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


def subordinate_clause(text: str, start: int) -> str | None:
    """The subordinator when the word at ``start`` follows ``subordinator + pronoun`` in
    mid-sentence (a word, and at most a comma, before the subordinator; single spaces or line
    breaks between): ``Titoites because that is`` → ``because``. None at a sentence start, after
    a coordinator (``and once it is``; see :data:`COORDINATORS`), or when the subject is no
    pronoun of :data:`SUBJECT_PRONOUNS`. Any small-letter word is returned as the subordinator;
    the caller checks it.

    >>> text = "we expose them because that is, our duty"
    >>> subordinate_clause(text, 28), subordinate_clause("Because it is, our duty", 11)
    ('because', None)
    >>> subordinate_clause("and once it is, done", 13), subordinate_clause("since the man is, old", 14)
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


def complement_follows(text: str, after: int) -> bool:
    """Whether the words from ``after`` can continue a clause as the complement of its verb: a
    small-letter word that opens no clause (:data:`NOT_COMPLEMENT_WORDS`) and is no ``-ly``
    adverb, with no comma, semicolon, colon, bracket or dash in the next
    :data:`PARENTHESIS_WORDS` words (``because it is, in my view, wrong``: a parenthesis;
    ``although it was, the others said``: a clause).

    >>> complement_follows("is, our duty as Marxists.", 4), complement_follows("is, in my view, wrong", 4)
    (True, False)
    >>> complement_follows("is, then we go", 4), complement_follows("is, simply wrong", 4)
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


def clause_complement(text: str, start: int, verb: str, after: int) -> bool:
    """Whether ``verb`` (at ``start``) is the ``be`` or ``have`` of a subordinate clause with a
    pronoun subject (``because that is``) and the words from ``after`` its complement (``our
    duty``). What stands between the verb and ``after`` is the caller's question.

    >>> clause_complement("we expose them because that is, our duty.", 28, "is", 32)
    True
    """
    return (verb.lower() in COPULAS and complement_follows(text, after)
            and subordinate_clause(text, start) in SUBORDINATORS)
