"""The seed's hand-made artifact tables are internally sound.

``tests/data/seed_artifacts.tsv`` lists every scanning artifact an editor found by reading the
whole seed text closely (the positive cases); ``tests/data/seed_doubtful.tsv`` lists forms that
were looked at and deliberately left alone (the negative cases: text that must not be
"corrected"). Both are tab-separated with the header
``start  end  original  reading  kind  note``; ``start``/``end`` are code-point offsets into the
seed read as UTF-8, ``original`` is the exact span, ``reading`` the correct text (for the
doubtful table: the tempting but wrong correction), ``kind`` one of the kinds of artifact
(:class:`edition.model.Kind`; docs/ARCHITECTURE.md). Fields are never quoted and never stripped: a reading may begin with a space, an
original may be a no-break space.

These tests check the tables, not a detector: every row holds what it claims at its offsets,
spans are whole tokens and never overlap, variants regularize toward the text's dominant form,
and the text corrected by the table is free of the mechanical artifact patterns the table is
supposed to have exhausted (digits inside words, stray marks before words, doubled periods,
lost spaces after punctuation), so a missed artifact of those patterns fails here.
"""
from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import pytest
import regex

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "hoxha-memoirs-stalin-introduction.txt"
ARTIFACTS = ROOT / "tests" / "data" / "seed_artifacts.tsv"
DOUBTFUL = ROOT / "tests" / "data" / "seed_doubtful.tsv"

HEADER = ["start", "end", "original", "reading", "kind", "note"]
KINDS = frozenset({"glyph", "nonword", "realword", "split", "merge", "punctuation", "hyphen",
                   "case", "variant", "unclear"})
WORD = regex.compile(r"[\p{L}\p{N}]")


class Row(NamedTuple):
    """One row of a table, with the file line it came from (for messages)."""

    table: str
    line: int
    start: int
    end: int
    original: str
    reading: str
    kind: str
    note: str

    def __str__(self) -> str:
        return f"{self.table}:{self.line} [{self.start}:{self.end}] {self.original!r}"


def read_table(path: Path) -> list[Row]:
    """Read a table strictly: exact header, six fields a row, integer offsets."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        assert header == HEADER, f"{path.name}: header {header}"
        rows = []
        for line, fields in enumerate(reader, start=2):
            assert len(fields) == 6, f"{path.name}:{line}: {len(fields)} fields"
            start, end, original, reading, kind, note = fields
            rows.append(Row(path.name, line, int(start), int(end), original, reading, kind, note))
    return rows


SEED_TEXT = SEED.read_text(encoding="utf-8")
ARTIFACT_ROWS = read_table(ARTIFACTS)
DOUBTFUL_ROWS = read_table(DOUBTFUL)
ALL_ROWS = ARTIFACT_ROWS + DOUBTFUL_ROWS


def corrected_text() -> str:
    """The seed with every artifact row applied (unclear spans kept as they are)."""
    text = SEED_TEXT
    for row in sorted(ARTIFACT_ROWS, key=lambda r: r.start, reverse=True):
        if row.kind != "unclear":
            text = text[:row.start] + row.reading + text[row.end:]
    return text


@pytest.mark.parametrize("row", ALL_ROWS, ids=str)
def test_row_holds_its_original_at_its_offsets(row: Row) -> None:
    assert 0 <= row.start < row.end <= len(SEED_TEXT)
    assert SEED_TEXT[row.start:row.end] == row.original


@pytest.mark.parametrize("row", ALL_ROWS, ids=str)
def test_row_kind_reading_and_note_are_valid(row: Row) -> None:
    assert row.kind in KINDS
    assert row.note.strip(), "every row says why"
    if row.kind == "unclear":
        # An unclear passage has no safe reading: the table must not guess one.
        assert row.reading == ""
    else:
        assert row.reading and row.reading != row.original


@pytest.mark.parametrize("row", ALL_ROWS, ids=str)
def test_span_is_whole_tokens(row: Row) -> None:
    """A span never starts or ends inside a word (whole-token spans, as the brief asks)."""
    text = SEED_TEXT
    if row.start > 0:
        assert not (WORD.match(text[row.start - 1]) and WORD.match(text[row.start])), \
            "span starts inside a word"
    if row.end < len(text):
        assert not (WORD.match(text[row.end - 1]) and WORD.match(text[row.end])), \
            "span ends inside a word"


@pytest.mark.parametrize("rows", [ARTIFACT_ROWS, DOUBTFUL_ROWS, ALL_ROWS],
                         ids=["artifacts", "doubtful", "both"])
def test_rows_do_not_overlap(rows: list[Row]) -> None:
    ordered = sorted(rows, key=lambda r: (r.start, r.end))
    for before, after in zip(ordered, ordered[1:]):
        assert before.end <= after.start, f"{before} overlaps {after}"


@pytest.mark.parametrize("rows", [ARTIFACT_ROWS, DOUBTFUL_ROWS], ids=["artifacts", "doubtful"])
def test_rows_are_in_text_order(rows: list[Row]) -> None:
    starts = [row.start for row in rows]
    assert starts == sorted(starts)


@pytest.mark.parametrize("row", [r for r in ARTIFACT_ROWS if r.kind == "variant"], ids=str)
def test_variant_regularizes_to_the_dominant_form(row: Row) -> None:
    """A regularization goes toward the text's own majority form, never toward an outside one."""
    words = Counter(regex.findall(r"\p{L}+", SEED_TEXT))
    assert words[row.reading] > words[row.original], \
        f"{row.reading!r} {words[row.reading]}x is not more frequent than {row.original!r}"


# Patterns whose every occurrence in the seed is an artifact, except the listed exceptions
# that are the text's own (ordinals, the abbreviation "i.e.", an ellipsis opening a quotation).
RESIDUE_PATTERNS = {
    "digit inside a word": (r"\p{L}\d|\d\p{L}", {"7th", "20th", "22nd"}),
    "space before a mark": (r"\s[,.;:!?]", set()),
    "doubled period": (r"(?<!\.)\.\.(?!\.)", set()),
    "mark glued to a following word": (r"[,;:]\p{L}|(?<![.\p{Lu}])\.\p{L}", {"i.e."}),
    "period before a lowercase word": (r"\.\s+\p{Ll}", set()),
    # A quotation mark is paired in this text ('mess'); a lone one before a word is a speck.
    "backtick or stray apostrophe": (r"`|(?<=\s)'(?=\s)|(?<=\s)'\p{L}++(?!')", set()),
    "hyphen at a word's edge": (r"\p{L}-\s|\s-\p{L}", set()),
    "closing quote glued to a word": (r"[.!?]\"(?=\p{L})|\",\"", set()),
}


@pytest.mark.parametrize("name", sorted(RESIDUE_PATTERNS))
def test_corrected_text_has_no_mechanical_residue(name: str) -> None:
    pattern, allowed = RESIDUE_PATTERNS[name]
    text = corrected_text()
    leftovers = []
    for match in regex.finditer(pattern, text):
        context = text[max(0, match.start() - 3):match.end() + 3]
        if not any(ok in context for ok in allowed):
            leftovers.append(text[max(0, match.start() - 20):match.end() + 20])
    assert not leftovers, f"{name}: {leftovers}"


def test_seed_pattern_hits_are_all_in_the_artifact_table() -> None:
    """The same patterns on the raw seed: every hit lies inside some artifact row's span."""
    spans = [(row.start, row.end) for row in ARTIFACT_ROWS]
    missed = []
    for name, (pattern, allowed) in RESIDUE_PATTERNS.items():
        for match in regex.finditer(pattern, SEED_TEXT):
            context = SEED_TEXT[max(0, match.start() - 3):match.end() + 3]
            if any(ok in context for ok in allowed):
                continue
            if not any(s < match.end() and match.start() < e for s, e in spans):
                missed.append((name, SEED_TEXT[max(0, match.start() - 20):match.end() + 20]))
    assert not missed, missed


def test_lowercase_words_unknown_to_wordfreq_are_accounted_for() -> None:
    """After correction, every lowercase word no dictionary knows is a listed form of the text.

    wordfreq's English list is our "dictionary"; a lowercase word it has never seen (zipf 0)
    that survives correction must be one the editor decided to keep, i.e. listed in the
    doubtful table. A nonword the editor overlooked therefore fails this test.
    """
    wordfreq = pytest.importorskip("wordfreq")
    kept = {row.original for row in DOUBTFUL_ROWS}
    unknown = sorted({word for word in regex.findall(r"\p{L}+", corrected_text())
                      if word.islower() and wordfreq.zipf_frequency(word, "en") == 0})
    assert [word for word in unknown if word not in kept] == []
