"""Historical spellings: forms that are regular older spellings of a modern word.

Early modern English (and many later reprints) spells ``hee``, ``tolde``, ``himselfe``,
``wordes``, ``controversie``, ``vnto``, ``haue``, ``ledde``, ``musick``, ``darknesse``: not OCR
errors, and an edition must not "correct" them. :func:`historical_pattern` recognizes a form that
the regular spelling changes of the period (Görlach, *Introduction to Early Modern English*,
ch. 3) turn into a known modern word, and names the changes. It is a feature of the word model:
the calibration (fitted on the 17th-century text of the development set) learns how much such a
form resists correction. :func:`older_spelling_share` measures how much a text writes such
forms: its spelling habit (:func:`writes_older_spellings`). Every letter of the period on its own
is tried in a text with that habit; in another, the rules the word model was fitted with, where
an older-looking form is more often an OCR error (``historical_pattern``'s ``every_letter``).

>>> known = {"told", "himself", "words", "controversy", "unto", "have", "led", "music", "he", "darkness"}
>>> [historical_pattern(w, known) for w in ["tolde", "himselfe", "wordes", "controversie", "vnto",
...                                          "haue", "ledde", "musick", "hee", "darknesse", "capitatist"]]
['final e', 'final e', '-es for -s', '-ie for -y', 'v for u', 'u for v', 'doubled consonant + e', '-ck for -c', 'ee for e', '-nesse for -ness', None]
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Container

from rapidfuzz.distance import Levenshtein

from . import lexicon

if TYPE_CHECKING:
    from ..document import Document

_SUFFIXES = (  # (old ending, modern ending, name)
    ("nesse", "ness", "-nesse for -ness"),
    ("lesse", "less", "-lesse for -less"),
    ("full", "ful", "-full for -ful"),
    ("ick", "ic", "-ck for -c"),
    ("our", "or", "-our for -or"),
    ("ie", "y", "-ie for -y"),
    ("es", "s", "-es for -s"),
    ("'d", "ed", "'d for -ed"),
)
#: Endings recognized only in a text that writes older spellings (``every_letter``): OCR makes
#: them too (BLN600's ``Witnese``, a letter doubled: ``TAILL``).
_PERIOD_SUFFIXES = _SUFFIXES + (
    ("ll", "l", "-ll for -l"),  # Devill, perpetuall, tryall, buriall
    ("nes", "ness", "-nes for -ness"),  # likenes, lazines
    ("eth", "", "-eth for -s"),  # greeteth, descendeth, commaundeth
    ("eth", "e", "-eth for -s"),  # giveth
    ("ee", "y", "-ee for -y"),  # countree, cytee
)

#: Letters of the period's spelling that stand for another letter of today's, each occurrence on
#: its own (``deuout`` is ``devout``: one of its two u's is a v): (old, modern, name), the longer
#: of two that begin alike first. Not ``oo`` for ``o`` (``foorth``) nor ``i`` for ``y``
#: (``alwaies``): OCR makes them as often (``foond``, ``ooats``, ``Moonday``; ``hie``, ``iear``),
#: and with them BLN600's misreadings counted as older spellings (tune part, 2026-12-05).
_LETTERS = (
    ("vv", "w", "vv for w"),  # vvhom, grovvth
    ("aun", "an", "aun for an"),  # commaunded, dauncing, mischaunce, graunt
    ("ey", "ai", "ey for ai"),  # atteyned, constreyned, streyght
    ("ee", "e", "ee for e"),  # hee, beene, yeeres
    ("v", "u", "v for u"),  # vnto, vp, vs
    ("u", "v", "u for v"),  # haue, deuout, diuell
    ("i", "j", "i for j"),  # iudge, coniure
    ("y", "i", "y for i"),  # hymselfe, Syrs, pacifyed
)

_LETTERS_BY_FIRST: dict[str, tuple[tuple[str, str, str], ...]] = {
    ch: tuple(r for r in _LETTERS if r[0][0] == ch) for ch in {r[0][0] for r in _LETTERS}}

#: At most this many spellings with two letters changed are tried for one form (a form with many
#: u's, i's and e's). Two letters at most: the period's spellings rarely need more (``hymselfe``:
#: one; ``vnderstoode``: two), and each more letter multiplies the forms tried.
MAX_SPELLINGS = 24


def _endings(w: str, suffixes: tuple[tuple[str, str, str], ...] = _PERIOD_SUFFIXES
             ) -> list[tuple[str, str]]:
    """Candidate modern forms of ``w`` (lower case) by its ending, each with the change's name."""
    out = []
    for old, new, name in suffixes:
        if w.endswith(old) and len(w) > len(old) + 1:
            out.append((w[: -len(old)] + new, name))
    if w.endswith("e") and len(w) > 3:
        stem = w[:-1]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
            out.append((stem[:-1], "doubled consonant + e"))
        out.append((stem, "final e"))
    return out


def _respellings(w: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``w`` with one of its letters changed by :data:`_LETTERS` (any occurrence), and with two
    of them (at most :data:`MAX_SPELLINGS`), each with the changes' names.

    >>> _respellings("deuout")
    ([('devout', 'u for v'), ('deuovt', 'u for v')], [('devovt', 'u for v')])
    >>> _respellings("vnto")[0]
    [('unto', 'v for u')]
    """
    sites = []  # (start, end, modern, name): every place a letter rule may apply
    for i, ch in enumerate(w):
        for old, new, name in _LETTERS_BY_FIRST.get(ch, ()):
            if w.startswith(old, i):
                sites.append((i, i + len(old), new, name))
    ones = [(w[:a] + new + w[b:], name) for a, b, new, name in sites]
    twos = []
    for j, (a1, b1, new1, name1) in enumerate(sites):
        for a2, b2, new2, name2 in sites[j + 1:]:
            if a2 >= b1 and len(twos) < MAX_SPELLINGS:  # sites of one form do not overlap
                twos.append((w[:a1] + new1 + w[b1:a2] + new2 + w[b2:],
                             name1 if name1 == name2 else f"{name1} + {name2}"))
    return ones, twos


def historical_pattern(word: str, known: Container[str] | Callable[[str], bool], *,
                       every_letter: bool = True) -> str | None:
    """The regular older spelling changes that turn ``word`` into a known modern word, or None.

    An ending (``-es`` for ``-s``, a final e, ``-ll`` for ``-l``, ...), one or two letters of the
    period (``u`` for ``v``, ``y`` for ``i``, ``ee`` for ``e``, ``aun`` for ``an``, each
    occurrence on its own: ``deuout`` is ``devout``, not ``devovt``), or two of these together
    (``hymselfe``: a final e and y for i; ``emperoure``: a final e and -our for -or): the
    spellings of a text printed before about 1650 combine them, and one change alone leaves such
    a text full of forms that look garbled (ICDAR 2019's Caxton-era prose had 13 % unknown
    one-off forms, and its old spellings were read as modern words at ≥ 0.9: ``hymselfe`` →
    ``himself``).

    ``known`` holds lower-cased modern words (a set, or a predicate). Two-letter forms and forms
    with a capital after a small letter are no spellings of any period (``aU`` is ``all`` misread,
    not ``av``).

    Without ``every_letter``, the rules as they were before a text's habit was measured
    (:func:`writes_older_spellings`), for a text that does not write older spellings: each letter
    rule changes every occurrence at once (``haue``, but not ``deuout``), ``i`` for ``j`` only
    first, no ``aun``, ``ey``, ``vv``, ``-ll``, ``-nes``, ``-eth``. In such a text an
    older-looking form is more often an OCR error (BLN600's ``vvorld``, ``Fraunk``,
    ``Witnese``), and the word model's ``historical`` feature was fitted with these rules.

    >>> historical_pattern("aU", {"av", "all"}), historical_pattern("haue", {"have"})
    (None, 'u for v')
    >>> historical_pattern("hymselfe", {"himself"}), historical_pattern("emperoure", {"emperor"})
    ('final e + y for i', 'final e + -our for -or')
    >>> historical_pattern("deuout", {"devout"}), historical_pattern("demaunded", {"demanded"})
    ('u for v', 'aun for an')
    >>> historical_pattern("coniured", {"conjured"}), historical_pattern("Devill", {"devil"})
    ('i for j', '-ll for -l')
    >>> historical_pattern("cytee", {"city"}), historical_pattern("atteyned", {"attained"})
    ('-ee for -y + y for i', 'ey for ai')
    >>> [historical_pattern(w, {"devout", "world"}, every_letter=False) for w in ("deuout", "vvorld")]
    [None, None]
    """
    find = _pattern if every_letter else _pattern_at_once
    if "’" in word:
        word = word.replace("’", "'")  # the typographic apostrophe: ``offer’d`` is ``offer'd``
    if isinstance(known, (tuple, list)):  # a few words, asked about once: not kept
        if not any(_reachable(word.lower(), m) for m in known):
            return None  # out of reach: no form to try
        return find.__wrapped__(word, known)
    try:
        return find(word, known)  # a lexicon, asked about the same forms by several detectors
    except TypeError:  # known is not hashable: not kept
        return find.__wrapped__(word, known)


#: Letters a modern word may have that its older spelling lacks (``v`` of ``haue``, ``i`` of
#: ``hymselfe``, ``w`` of ``vvhom``, ``a`` of ``atteyned``, ``s`` of ``likenes``, ``y`` of
#: ``controversie``).
_INTRODUCED = frozenset("vujiywas")
#: First letters an older spelling may change (``vnto``, ``Iesus``, ``ymage``, ``vvhom``;
#: ``ey`` for ``ai`` at a word's start too, so that the quick test never refuses a form the
#: rules would recognize).
_FIRST = {("v", "u"), ("u", "v"), ("i", "j"), ("y", "i"), ("v", "w"), ("e", "a")}


def _no_spelling(word: str) -> bool:
    """Too short, or a capital after a small letter: no spelling of any period."""
    return len(word) < 3 or any(a.islower() and b.isupper() for a, b in zip(word, word[1:]))


def _reachable(w: str, modern: str) -> bool:
    """A quick necessary test that ``modern`` may be a modern spelling of ``w``: its length
    (an ending takes at most three letters, a letter rule one), its first letter, its letters.

    >>> _reachable("haue", "have"), _reachable("tile", "the"), _reachable("commaundeth", "command")
    (True, False, True)
    """
    return (-8 <= len(modern) - len(w) <= 2 and (modern[:1] == w[:1] or (w[:1], modern[:1]) in _FIRST)
            and set(modern) - set(w) <= _INTRODUCED)


@lru_cache(maxsize=1 << 16)
def _pattern(word: str, known: Container[str] | Callable[[str], bool]) -> str | None:
    """:func:`historical_pattern`, computed (a form is asked about by several detectors)."""
    if _no_spelling(word):
        return None
    test = known if callable(known) else known.__contains__
    w = word.lower()
    ends = _endings(w)
    # fewest changes first: an ending, one letter; then two endings, an ending and a letter,
    # two letters
    for modern, name in ends:
        if modern != w and test(modern):
            return name
    ones, twos = _respellings(w)
    for modern, name in ones:
        if test(modern):
            return name
    for modern, name in ends:
        for modern2, name2 in _endings(modern):
            if modern2 != modern and modern2 != w and test(modern2):
                return f"{name} + {name2}"
    for spelled, letter in ones:
        for modern, name in _endings(spelled):
            if test(modern):
                return f"{name} + {letter}"
    for modern, names in twos:
        if test(modern):
            return names
    return None


def _rules_at_once(w: str) -> list[tuple[str, str]]:
    """Candidate modern forms of ``w`` (lower case) by one rule applied to every occurrence."""
    out = _endings(w, _SUFFIXES)
    if "v" in w:
        out.append((w.replace("v", "u"), "v for u"))
    if "u" in w:
        out.append((w.replace("u", "v"), "u for v"))
    if w.startswith("i") and len(w) > 2:
        out.append(("j" + w[1:], "i for j"))
    if "ee" in w:
        out.append((w.replace("ee", "e"), "ee for e"))
    if "y" in w:
        out.append((w.replace("y", "i"), "y for i"))
    return out


@lru_cache(maxsize=1 << 16)
def _pattern_at_once(word: str, known: Container[str] | Callable[[str], bool]) -> str | None:
    """:func:`historical_pattern` without ``every_letter``: one rule, or two in a row."""
    if _no_spelling(word):
        return None
    test = known if callable(known) else known.__contains__
    w = word.lower()
    rules = _rules_at_once(w)
    for modern, name in rules:
        if modern != w and test(modern):
            return name
    for modern, name in rules:
        for modern2, name2 in _rules_at_once(modern):
            if modern2 != modern and modern2 != w and test(modern2):
                return f"{name} + {name2}"
    return None


#: Forms this common (Zipf) are the modern words an older spelling is recognized against, and a
#: form this common is a word of today's spelling, not an older one.
MODERN_ZIPF = 3.0
#: Words shorter than this are not counted: ``hee``, ``vs`` are older spellings, but short forms
#: are as often abbreviations and debris.
_MIN_LETTERS = 4


#: A text is assumed to write today's spelling until this many of its words are counted: without
#: it a newspaper article of 50 words with three OCR errors that look like older spellings
#: (``thie``, ``timee``) would count as old print.
PRIOR_WORDS = 100


def older_spelling_share(doc: "Document") -> float:
    """The share of the text's words (of four letters or more) that are no modern word but a
    regular older spelling of one (:func:`historical_pattern`), with :data:`PRIOR_WORDS` words of
    today's spelling assumed: how much the text writes the spelling of its period. Measured on
    the text itself, OCR errors included: an OCR error sometimes looks like an older spelling
    (BLN600's ``timee``, ``thie``), so a modern text is not at zero (see
    :data:`OLDER_SPELLING_HABIT`).

    >>> from edition.detection.document import Document
    >>> older_spelling_share(Document("The cat sat on the mat and then went home."))
    0.0
    >>> round(older_spelling_share(Document("Then sayde hee vnto them, haue ye not heard it? " * 10)), 2)
    0.19
    """
    return doc.memo(_older_spelling_share)


def _older_spelling_share(doc: "Document") -> float:
    known = lexicon.words_at_least(MODERN_ZIPF)
    n = old = 0
    for form, count in doc.counts.items():
        if len(form) >= _MIN_LETTERS and form.isalpha():
            n += count
            if form.lower() not in known and historical_pattern(form, known) is not None:
                old += count
    return old / (n + PRIOR_WORDS)


#: A text whose share of older spellings (:func:`older_spelling_share`) is at least this writes
#: the spelling of its period: its older forms are the author's, not the OCR's. On the
#: development sets' tune parts (the OCR text, ``benchmarks/studies/older_spellings.py``,
#: 2026-12-05): 34 of ICDAR 2017's 36 texts of 16th-17th-century monographs are above it
#: (3.4-11.7 %; the other two, with German passages and few older forms, 1.4 %), none of its
#: later monographs and periodicals (0-0.6 %); one BLN600 article in 382 (2.8 %: OCR errors that
#: look like older spellings, ``timee``, ``thie``; the next 2.4 %); ICDAR 2019's texts of old
#: print (file 3, 6.6 %; 11, 5.0 %; 39, 4.7 %; 35, 2.8 %), none of its others (playbills, later
#: prose, a Latin page: at most 1.9 %).
OLDER_SPELLING_HABIT = 0.025


def writes_older_spellings(doc: "Document") -> bool:
    """True when the text writes older spellings as a habit (:data:`OLDER_SPELLING_HABIT`)."""
    return older_spelling_share(doc) >= OLDER_SPELLING_HABIT


def y_for_i_share(doc: "Document") -> float:
    """The share of the text's words (of four letters or more, with :data:`PRIOR_WORDS` words of
    today's spelling assumed, as :func:`older_spelling_share`) that are older spellings writing
    ``y`` for ``i`` (``tyme``, ``wyfe``, ``knyghtes``, ``hymselfe``): the habit of Middle English
    and of the first printers (Caxton's prose), where a y stands for an i in most words.

    >>> from edition.detection.document import Document
    >>> round(y_for_i_share(Document("Thenne sayd the kynge to hym that tyme was come " * 10)), 2)
    0.19
    """
    return doc.memo(_y_for_i_share)


def _y_for_i_share(doc: "Document") -> float:
    known = lexicon.words_at_least(MODERN_ZIPF)
    every = writes_older_spellings(doc)
    n = y = 0
    for form, count in doc.counts.items():
        if len(form) >= _MIN_LETTERS and form.isalpha():
            n += count
            if "y" in form and form.lower() not in known:
                pattern = historical_pattern(form, known, every_letter=every)
                if pattern is not None and "y for i" in pattern:
                    y += count
    return y / (n + PRIOR_WORDS)


def writes_y_for_i(doc: "Document") -> bool:
    """True when the text writes ``y`` for ``i`` as a habit: at least :data:`OLDER_SPELLING_HABIT`
    of its words are such spellings (the figure of the older-spelling habit itself, not fitted
    again: no text of the tune parts has this habit; ICDAR 2017's 17th-century monographs
    at most 2.3 % (``cryed``, ``ayre``, ``ioyning``), BLN600 at most 0.5 % (names: ``Ryde``),
    ICDAR 2019's tune texts at most 0.6 %; its check part's two texts of Caxton's prose, files 0
    and 26, 9.9 % and 7.7 %)."""
    return y_for_i_share(doc) >= OLDER_SPELLING_HABIT


def y_read_as_i(word: str) -> str:
    """``word`` with each ``y`` after its first letter read as ``i``: the letters of a text that
    writes y for i, as today's spelling has them (``thynkynge`` → ``thinkinge``).

    >>> y_read_as_i("thynkynge"), y_read_as_i("ymage"), y_read_as_i("Sarasyns")
    ('thinkinge', 'ymage', 'Sarasins')
    """
    return word[:1] + word[1:].replace("y", "i").replace("Y", "I")


#: Letters of today's spelling and the older spelling they may stand for (the inverse of
#: :data:`_LETTERS`), and today's endings and their older forms (of :data:`_SUFFIXES`).
_OLDER_LETTERS = tuple((new, old) for old, new, _ in _LETTERS)
_OLDER_ENDINGS = (("y", "ie"), ("s", "es"), ("l", "ll"), ("or", "our"), ("ness", "nesse"),
                  ("less", "lesse"), ("ic", "ick"), ("ful", "full"))


def older_spellings(modern: str) -> set[str]:
    """Older spellings of a modern word (lower case) that :func:`historical_pattern` recognizes:
    one ending or one letter of the period, or a final e with one letter.

    >>> sorted(older_spellings("only"))
    ['onlie', 'onlye']
    >>> "betweene" in older_spellings("between"), "streyght" in older_spellings("straight")
    (True, True)
    """
    w = modern.lower()
    out = {w + "e"}
    if len(w) > 2 and w[-1] not in "aeiouy":
        out.add(w + w[-1] + "e")
    out.update(w[: -len(new)] + old for new, old in _OLDER_ENDINGS if w.endswith(new))
    for i in range(len(w)):
        for new, old in _OLDER_LETTERS:
            if w.startswith(new, i):
                spelled = w[:i] + old + w[i + len(new):]
                out.update((spelled, spelled + "e"))
    out.discard(w)
    return {o for o in out if historical_pattern(o, (w,)) is not None}


def may_be_older_spelling(original: str, reading: str, own: Callable[[str], int | None]) -> str | None:
    """An older spelling of ``reading`` that the damaged ``original`` is as likely to be: nearer
    to it in edits than the reading is, or as near and a word of the text itself (``own``: its
    count in the text). In a text that writes older spellings, ``strcyght`` is a damaged
    ``streyght`` rather than ``straight``, and ``betweenc`` the text's own ``betweene`` (ICDAR
    2017's and 2019's 16th-17th-century prose, tune parts).

    >>> may_be_older_spelling("strcyght", "straight", lambda w: 0)
    'strayght'
    >>> may_be_older_spelling("strcyght", "straight", {"streyght": 2}.get)
    'streyght'
    >>> may_be_older_spelling("betweenc", "between", {"betweene": 3}.get)
    'betweene'
    >>> may_be_older_spelling("tbe", "the", lambda w: 0) is None
    True
    """
    o, r = original.lower(), reading.lower()
    if historical_pattern(o, (r,)) is not None:
        return o  # not damaged at all: the older spelling itself
    near = Levenshtein.distance(o, r)
    best = None
    for old in sorted(older_spellings(r)):
        d = Levenshtein.distance(o, old)
        if d < near or (d == near and (own(old) or 0) > 0):
            near, best = d, old
    return best
