"""Historical spellings: forms that are regular older spellings of a modern word.

Early modern English (and many later reprints) spells ``hee``, ``tolde``, ``himselfe``,
``wordes``, ``controversie``, ``vnto``, ``haue``, ``ledde``, ``musick``, ``darknesse``: not OCR
errors, and an edition must not "correct" them. :func:`historical_pattern` recognizes a form that
one of the regular spelling changes of the period (Görlach, *Introduction to Early Modern
English*, ch. 3) turns into a known modern word, and names the change. It is a feature of the
word model: the calibration (fitted on the 17th-century text of the development set) learns how
much such a form resists correction.

>>> known = {"told", "himself", "words", "controversy", "unto", "have", "led", "music", "he", "darkness"}
>>> [historical_pattern(w, known) for w in ["tolde", "himselfe", "wordes", "controversie", "vnto",
...                                          "haue", "ledde", "musick", "hee", "darknesse", "capitatist"]]
['final e', 'final e', '-es for -s', '-ie for -y', 'v for u', 'u for v', 'doubled consonant + e', '-ck for -c', 'ee for e', '-nesse for -ness', None]
"""
from __future__ import annotations

from typing import Callable, Container

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


def _rules(w: str) -> list[tuple[str, str]]:
    """Candidate modern forms of ``w`` (lower case), each with the change's name."""
    out = []
    for old, new, name in _SUFFIXES:
        if w.endswith(old) and len(w) > len(old) + 1:
            out.append((w[: -len(old)] + new, name))
    if w.endswith("e") and len(w) > 3:
        stem = w[:-1]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
            out.append((stem[:-1], "doubled consonant + e"))
        out.append((stem, "final e"))
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


def historical_pattern(word: str, known: Container[str] | Callable[[str], bool]) -> str | None:
    """The regular older spelling change that turns ``word`` into a known modern word, or None;
    two changes together where one is not enough (``hymselfe``: a final e and y for i;
    ``emperoure``: a final e and -our for -or): the spellings of a text printed before about
    1650 combine them, and one change alone leaves such a text full of forms that look garbled
    (ICDAR 2019's Caxton-era prose had 13 % unknown one-off forms, and its old spellings were
    read as modern words at ≥ 0.9: ``hymselfe`` → ``himself``).

    ``known`` holds lower-cased modern words (a set, or a predicate). Two-letter forms and forms
    with a capital after a small letter are no spellings of any period (``aU`` is ``all`` misread,
    not ``av``).

    >>> historical_pattern("aU", {"av", "all"}), historical_pattern("haue", {"have"})
    (None, 'u for v')
    >>> historical_pattern("hymselfe", {"himself"}), historical_pattern("emperoure", {"emperor"})
    ('final e + y for i', 'final e + -our for -or')
    """
    if len(word) < 3 or any(a.islower() and b.isupper() for a, b in zip(word, word[1:])):
        return None
    test = known if callable(known) else known.__contains__
    w = word.lower()
    rules = _rules(w)
    for modern, name in rules:
        if modern != w and test(modern):
            return name
    for modern, name in rules:
        for modern2, name2 in _rules(modern):
            if modern2 != modern and modern2 != w and test(modern2):
                return f"{name} + {name2}"
    return None
