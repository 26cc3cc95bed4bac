"""The project lexicon: words the editors have declared correct, used by every later run.

A plain text file beside the corrections files (``corrections/lexicon.txt``): one word per line,
``#`` starts a comment, blank lines are ignored. Editors grow it by hand, with
``edition lexicon add WORD``, or from the review page ("correct for the whole project").

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "lexicon.txt"
>>> add_to_project_lexicon(p, "Nentori")
True
>>> sorted(read_project_lexicon(p))
['Nentori']
"""
from __future__ import annotations

from pathlib import Path

from ...store.atomic import write_atomic
from ...errors import EditionError

LEXICON_NAME = "lexicon.txt"
_HEADER = "# Project lexicon of `edition`: words that are correct in this project, one per line.\n"


def project_lexicon_path(corrections_path: str | Path) -> Path:
    """The project lexicon that belongs with a corrections file: ``lexicon.txt`` beside it."""
    return Path(corrections_path).parent / LEXICON_NAME


def read_project_lexicon(path: str | Path) -> frozenset[str]:
    """The words of the lexicon at ``path`` (empty when the file does not exist)."""
    path = Path(path)
    if not path.exists():
        return frozenset()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise EditionError(f"{path}: not UTF-8 (byte offset {exc.start})") from None
    words = set()
    for line in lines:
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return frozenset(words)


def add_to_project_lexicon(path: str | Path, word: str) -> bool:
    """Add ``word`` (atomically, keeping the file's comments); False if it was already there."""
    word = word.strip()
    if not word or any(ch.isspace() for ch in word) or "#" in word:
        raise EditionError(f"{word!r} is not a single word that a lexicon can hold")
    path = Path(path)
    if word in read_project_lexicon(path):
        return False
    old = path.read_text(encoding="utf-8") if path.exists() else _HEADER
    if old and not old.endswith("\n"):
        old += "\n"
    write_atomic(path, old + word + "\n")
    return True
