"""What kind of OCR error an erroneous token shows, for a recall table per kind of error.

:func:`error_type` names the difference between an OCR token and its gold with the first rule
that applies (in this order):

=============  ===============================================  =========================
type           rule                                             example (OCR → gold)
=============  ===============================================  =========================
split          the token is right but the gold has no space     ``f`` | ``or`` → ``for``
               between it and its neighbour
merge          the gold has a space the token lacks             ``kingwas`` → ``king was``
case           only letter case differs                         ``HAVE`` → ``have``
punctuation    only non-alphanumeric characters differ          ``hereof,,`` → ``hereof,``
hyphen         only hyphens differ (after the rules above)      ``iudg`` → ``iudg-``
glyph          a digit or symbol stands among letters           ``V1adimir`` → ``Vladimir``
noise          the gold is empty: the token is not text         ``■`` → ``∅``
letters        anything else: letters misread                   ``tlie`` → ``the``
=============  ===============================================  =========================

>>> [error_type(t, g) for t, g in [("kingwas", "king was"), ("HAVE", "have"), ("glad,,", "glad,"),
...                                ("V1adimir", "Vladimir"), ("tlie", "the"), ("■", "")]]
['merge', 'case', 'punctuation', 'glyph', 'letters', 'noise']
"""
from __future__ import annotations

import regex

TYPES = ("split", "merge", "case", "punctuation", "hyphen", "glyph", "noise", "letters")

_NON_ALNUM = regex.compile(r"[^\p{L}\p{N}]+")
_GLYPH = regex.compile(r"\p{L}[^\p{L}\s'’\-]+\p{L}|\p{L}[\p{N}|!$@]|[\p{N}|!$@]\p{L}")


def error_type(text: str, gold: str) -> str:
    """The type of error of an OCR token ``text`` whose gold is ``gold`` (see the table above)."""
    if text == gold:
        return "split"
    if not gold.strip():
        return "noise"
    if " " in gold.strip() and " " not in text:
        return "merge"
    if text.lower() == gold.lower():
        return "case"
    if _NON_ALNUM.sub("", text) == _NON_ALNUM.sub("", gold):
        return "hyphen" if text.replace("-", "") == gold.replace("-", "") else "punctuation"
    if _GLYPH.search(text) and not _GLYPH.search(gold):
        return "glyph"
    return "letters"
