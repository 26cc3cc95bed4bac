"""The unclear detector's scans of the text find what its patterns find tried at every place of
the text: the suspect tokens (a junk mark, a digit beside a letter, a ``#``), the lone letters
and the marks between small letters, each now tried only near a character every match holds."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from hypothesis import given
from hypothesis import strategies as st

from edition.detection.detectors import unclear

DATA = Path(__file__).parent / "data"

# letters (small, capital, accented, Greek), digits and other numbers (², Ⅻ), the marks the
# patterns look for, and spaces of several kinds (a line break, a tab, U+0085, U+00A0, U+001C,
# which Python counts as space and the pattern's \s does not)
ALPHABET = "abeijoxyzTIÉéλΛ019²Ⅻ~^*•={}<>\\_+#.,;:'-– \n\t\x85\xa0\x1c"
TEXT = st.text(ALPHABET, max_size=60)


def _suspect_everywhere(text: str) -> Iterator[tuple[int, str]]:
    """:func:`unclear._suspect_tokens` as it was written: the pattern tried at every place."""
    done = 0
    for m in unclear._SUSPECT.finditer(text):
        if m.start() < done:
            continue
        start = unclear._TOKEN_HEAD.match(text, done, m.start()).start()
        done = unclear._TOKEN_TAIL.match(text, m.start()).end()
        yield start, text[start:done]


def _spans(matches) -> list[tuple[int, int, tuple[str, ...]]]:
    return [(m.start(), m.end(), m.groups()) for m in matches]


@given(TEXT)
def test_suspect_tokens_are_those_of_the_pattern_everywhere(text: str) -> None:
    assert list(unclear._suspect_tokens(text)) == list(_suspect_everywhere(text))


@given(TEXT)
def test_lone_letters_are_those_of_the_pattern_everywhere(text: str) -> None:
    assert _spans(unclear._lone_letter_matches(text)) == _spans(unclear._LONE.finditer(text))


@given(TEXT)
def test_marks_between_letters_are_those_of_the_pattern_everywhere(text: str) -> None:
    assert _spans(unclear._marks_between_matches(text)) == _spans(unclear._MARK_BETWEEN.finditer(text))


def test_the_scans_of_real_newspaper_text_are_those_of_the_patterns() -> None:
    """Two real newspaper passages (OCR with marks, digits, lone letters, ``veer.d``-like marks)."""
    for name in ("newspaper_passage.txt", "police_court_report.txt"):
        text = (DATA / name).read_text(encoding="utf-8")
        assert list(unclear._suspect_tokens(text)) == list(_suspect_everywhere(text))
        assert _spans(unclear._lone_letter_matches(text)) == _spans(unclear._LONE.finditer(text))
        assert _spans(unclear._marks_between_matches(text)) == _spans(unclear._MARK_BETWEEN.finditer(text))
