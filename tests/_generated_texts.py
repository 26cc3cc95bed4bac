"""Hypothesis strategies for texts that hold what the detectors look for: the properties of
the rules (spans are the text's own, the same output every run, silence where the pattern is
absent) are checked on these as well as on arbitrary text."""
from __future__ import annotations

from hypothesis import strategies as st


#: Letters of several scripts, print's ligatures, accents (composed and combining), digits, the
#: marks the rules look at, and every kind of line end and space.
ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCXYZ") + list("éèüñçÆß") + list("λόγοςслово") + list("ﬁﬂﬀﬃſ")
    + ["\u0301", "İ"] + list("0123456789") + list(" .,;:'’-–#~*+=/\"()") + ["\n", "\r\n", "\r", "\t", "\u00a0"]
)
ANY_SCRIPT_TEXTS = st.lists(ALPHABET, max_size=200).map("".join)


#: Words and marks the reading rules look for (sums, the small i, commas, quotes, other languages),
#: and any kind of space: texts of them, and arbitrary text.
PIECES = st.sampled_from([
    "In", "It", "If", "Its", "Into", "Is", "is", "the", "world", "because", "had", "have", "was", "loved",
    "needed", "apples", "pears", "plums", "and", "or", "0", "1s", "6d", "Gd", "Is.", "lid", "God", "price",
    "per", "each", "und", "die", "sie", "la", "vive", "über", "Привет", "日本", "'", '"', "“", ".\"he", ",",
    ";", ".", ":", "!", "?", " ", " ", " ", "\n", "\r\n", "\t", "\n\n", "' tis", "a" * 60,
])
PIECE_TEXTS = st.one_of(st.lists(PIECES, max_size=60).map("".join), st.text(max_size=200))


#: Sentences with the rules' patterns and without, and loose words, shuffled into texts: the
#: rules fire on many of them (the tests named test_the_generated_texts_hold_... check it).
FRAGMENTS = ["All the men, were put on trial.", "The guards, had gone home.", "He left.", "\n\n",
             "we expose them because that is, our duty.", "although it was, a long way.",
             "They were, warmly assisted.", "Alas 1", "the waves t", "Lo, the shore l", "Hurrah 1",
             "See chapter 2.", "in 1858 1 saw", "The", "men", "were", ",", "1", "t", "!", '"']


def fragment_text(pieces: list[str]) -> str:
    out = ""
    for p in pieces:
        out += p if p in ",!" or not out else " " + p
    return out


FRAGMENT_TEXTS = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=60).map(fragment_text)
