"""A witness and its word tokens.

- :class:`Token` — one token of a witness's text: its form and its code-point span.
- :class:`Witness` — a transcription with its siglum, its source and its tokens.
- :func:`tokenize` — the tokens of a text: words (letters and digits with the marks OCR puts
  inside them) and each other mark on its own, so ``word,`` and ``word.`` differ only in their
  last token.
- :func:`read_witness` — a witness from a file (plain text or ALTO/hOCR/PAGE, as any source).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..errors import EditionError
from ..source import Source, read_source

#: A word: letters or digits, with apostrophes, hyphens and the look-alike marks OCR puts inside
#: words (``shaU``, ``V1adimir``, ``th!s``) kept inside it; any other mark is a token of its own.
TOKEN_RE = re.compile(r"[^\W_]+(?:['’\-|!$@][^\W_]+)*|[^\w\s]|_")

#: A siglum names a witness in the apparatus (``wit="#B"``): an XML name, short.
SIGLUM_RE = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]{0,31}")


class Token(NamedTuple):
    """One token: ``text`` is ``source[start:end]`` (a tuple: a book has hundreds of thousands)."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> tuple[Token, ...]:
    """The tokens of ``text`` in order.

    >>> [t.text for t in tokenize("The shaU, V1adimir's--end")]
    ['The', 'shaU', ',', "V1adimir's", '-', '-', 'end']
    """
    return tuple(Token(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text))


@dataclass(frozen=True)
class Witness:
    """A transcription of the text: its siglum (``A``, ``B``, ...), the source it was read from,
    and its tokens."""

    siglum: str
    source: Source
    tokens: tuple[Token, ...] = field(repr=False)

    def __post_init__(self) -> None:
        if not SIGLUM_RE.fullmatch(self.siglum):
            raise ValueError(f"a siglum is a letter then up to 31 letters, digits or ._-: "
                             f"{self.siglum!r}")

    @property
    def text(self) -> str:
        return self.source.text

    def words(self, start: int, end: int) -> str:
        """The text of tokens ``start:end`` as the witness has it (spaces and all)."""
        if start >= end:
            return ""
        return self.text[self.tokens[start].start:self.tokens[end - 1].end]


def witness_from_source(siglum: str, source: Source) -> Witness:
    return Witness(siglum, source, tokenize(source.text))


def read_witness(path: str | Path, siglum: str, encoding: str | None = "utf-8") -> Witness:
    """The witness in ``path`` (a text, or an OCR file or folder of pages)."""
    source = read_source(path, encoding)
    if not tokenize(source.text):
        raise EditionError(f"{path}: the witness has no words")
    return witness_from_source(siglum, source)


def default_sigla(count: int) -> list[str]:
    """``A``, ``B``, ... ``Z``, then ``W27``, ``W28``, ...

    >>> default_sigla(3)
    ['A', 'B', 'C']
    """
    return [chr(ord("A") + i) if i < 26 else f"W{i + 1}" for i in range(count)]


def read_witnesses(paths: list[str | Path], sigla: list[str] | None = None,
                   encoding: str | None = "utf-8") -> list[Witness]:
    """The witnesses in ``paths``, named by ``sigla`` (default ``A``, ``B``, ...)."""
    sigla = sigla or default_sigla(len(paths))
    if len(sigla) != len(paths):
        raise EditionError(f"{len(sigla)} sigla for {len(paths)} witnesses")
    if len(set(sigla)) != len(sigla):
        raise EditionError(f"the sigla must differ: {', '.join(sigla)}")
    for s in sigla:
        if not SIGLUM_RE.fullmatch(s):
            raise EditionError(f"a siglum is a letter then up to 31 letters, digits or ._-: {s!r}")
    return [read_witness(p, s, encoding) for p, s in zip(paths, sigla)]
