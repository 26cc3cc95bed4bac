"""The baseline every detector must beat: symspellpy's top suggestion for every unknown word.

Correcting every unknown word with symspellpy's top suggestion is the obvious approach, and it
makes the text worse. :func:`symspell_proposals` implements it literally, so that
``benchmarks/dev_eval.py`` shows it beside the detectors, measured the same way
(docs/BENCHMARKS.md, "Summary"):

- a word is a run of letters (with inner apostrophes); digits and words with digits are left alone;
- it is unknown when its lower case is not in symspellpy's shipped English frequency dictionary
  (82,765 words);
- its reading is the top suggestion (``Verbosity.TOP``, edit distance ≤ 2, casing transferred);
  a word with no suggestion within distance 2 is left alone. Confidence is 1.0: the baseline has no
  notion of doubt, so both acceptance policies accept everything.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import regex

from ..model import Kind, Proposal

_WORD_RE = regex.compile(r"\p{L}+(?:['’]\p{L}+)*")


@lru_cache(maxsize=1)
def _symspell():
    from symspellpy import SymSpell

    sym = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
    path = files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    sym.load_dictionary(str(path), term_index=0, count_index=1)
    return sym


def symspell_proposals(text: str) -> list[Proposal]:
    """A proposal for every unknown word of ``text`` that symspellpy can suggest a word for.

    >>> [(p.original, p.reading) for p in symspell_proposals("the capitatist and commumism")]
    [('capitatist', 'capitalist'), ('commumism', 'communism')]
    """
    from symspellpy import Verbosity

    sym = _symspell()
    known = sym.words
    out = []
    for m in _WORD_RE.finditer(text):
        word = m.group()
        if word.lower() in known:
            continue
        found = sym.lookup(word, Verbosity.TOP, max_edit_distance=2, transfer_casing=True)
        if not found or found[0].term == word:
            continue
        out.append(Proposal(m.start(), m.end(), word, (found[0].term,), Kind.NONWORD, 1.0,
                            f"unknown word; symspellpy's top suggestion (distance {found[0].distance})",
                            "symspell-baseline"))
    return out
