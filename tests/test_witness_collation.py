"""Collating witnesses: the aligner and the variants it yields (properties and real OCR)."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, strategies as st

from edition.source import read_source, source_from_text
from edition.witnesses.align import align
from edition.witnesses.collation import collate
from edition.witnesses.tokens import tokenize, witness_from_source

OCR = Path(__file__).resolve().parent / "data" / "ocr" / "bln-3200797034"

words = st.lists(st.sampled_from("the of and a in to was he it that cat sat on mat , .".split()),
                 max_size=60)


def witness(siglum: str, tokens: list[str]):
    return witness_from_source(siglum, source_from_text(" ".join(tokens), path=f"{siglum}.txt"))


#: Long enough for the aligner's anchors (words found once on each side) to be used.
book = st.lists(st.integers(0, 400).map(str), min_size=0, max_size=700)


def texts_apart(a: list[str], edits: list[tuple[int, int, str]]) -> list[str]:
    """``a`` with words replaced, deleted or inserted: a second witness of the same text."""
    b = list(a)
    for at, how, word in sorted(edits, reverse=True):
        at = min(at, len(b))
        if how == 0 and at < len(b):
            b[at] = word
        elif how == 1 and at < len(b):
            del b[at]
        else:
            b.insert(at, word)
    return b


@given(book, st.lists(st.tuples(st.integers(0, 700), st.integers(0, 2), st.integers(0, 500).map(str)),
                      max_size=80), st.booleans())
def test_the_opcodes_cover_both_sides_and_equal_means_equal(a, edits, unrelated):
    b = list(reversed(a)) if unrelated else texts_apart(a, edits)
    ops = align(a, b)
    if ops:
        assert (ops[0].i1, ops[0].j1) == (0, 0)
    for prev, op in zip(ops, ops[1:]):
        assert (prev.i2, prev.j2) == (op.i1, op.j1)
    if ops:
        assert (ops[-1].i2, ops[-1].j2) == (len(a), len(b))
    for op in ops:
        if op.tag == "equal":
            assert a[op.i1:op.i2] == b[op.j1:op.j2]


@given(st.one_of(words, book), st.data())
def test_words_misread_one_for_one_are_the_only_words_left_unmatched(a, data):
    """A witness that misread k words (each read as a form the text has nowhere) matches every
    other word: the alignment loses nothing to the repeated words around them."""
    at = data.draw(st.sets(st.integers(0, max(0, len(a) - 1)), max_size=min(len(a), 30)))
    b = [f"misread{k}" if k in at else w for k, w in enumerate(a)]
    ops = align(a, b)
    assert sum(op.i2 - op.i1 for op in ops if op.tag == "equal") == len(a) - len(at & set(range(len(a))))


@given(words)
def test_a_witness_collated_with_itself_has_no_variants(a):
    assert collate([witness("A", a), witness("B", a)]).variants == ()


@given(st.lists(st.sampled_from("the of and a in to was he it that".split()), min_size=1, max_size=300),
       st.data())
def test_an_inserted_word_is_one_variant_at_its_place(a, data):
    at = data.draw(st.integers(0, len(a)))
    b = a[:at] + ["Vladimir"] + a[at:]  # a word the text has nowhere else: its place is certain
    variants = collate([witness("A", a), witness("B", b)]).variants
    assert len(variants) == 1
    v = variants[0]
    assert (v.start, v.end) == (at, at)
    assert [r.text for r in v.readings] == ["", "Vladimir"]
    assert (v.readings[1].start, v.readings[1].end) == (at, at + 1)


@given(words, st.data())
def test_an_inserted_common_word_is_one_insertion_that_rebuilds_the_witness(a, data):
    at = data.draw(st.integers(0, len(a)))
    word = data.draw(st.sampled_from(a or ["the"]))
    b = a[:at] + [word] + a[at:]
    variants = collate([witness("A", a), witness("B", b)]).variants
    assert len(variants) == 1
    v = variants[0]
    assert v.start == v.end and v.readings[1].text == word
    assert a[:v.start] + [word] + a[v.start:] == b


@given(words, st.data())
def test_every_witness_is_rebuilt_from_the_base_and_the_variants(a, data):
    b = data.draw(words)
    c = data.draw(words)
    collation = collate([witness("A", a), witness("B", b), witness("C", c)])
    for k, other in enumerate((a, b, c)):
        out: list[str] = []
        at = 0
        for v in collation.variants:
            out += a[at:v.start] + [t.text for t in collation.witnesses[k].tokens[v.readings[k].start:v.readings[k].end]]
            at = v.end
        assert out + a[at:] == other
    for v in collation.variants:
        assert len({r.text for r in v.readings}) > 1


def test_a_word_two_witnesses_read_as_two_is_one_variant():
    c = collate([witness("A", "we live in the house".split()), witness("B", "we live inthe house".split())])
    assert [(v.start, v.end, [r.text for r in v.readings]) for v in c.variants] == [
        (2, 4, ["in the", "inthe"])]


def test_punctuation_is_a_token_of_its_own():
    assert [t.text for t in tokenize("said: \"Stop,\" then-")] == ["said", ":", '"', "Stop", ",", '"', "then", "-"]


def test_two_tesseract_versions_of_a_real_newspaper_page_collate():
    """ALTO of Debian's Tesseract 5.3 and PAGE of Tesseract 5.5 on the same degraded pages, and
    the gold: the engines agree on most words, and where they differ the gold sides with one."""
    ws = [witness_from_source(s, read_source(OCR / p)) for s, p in (("T53", "alto"), ("T55", "page"),
                                                                       ("gold", "gold.txt"))]
    collation = collate(ws)
    summary = {s.siglum: s for s in collation.summary()}
    assert summary["T55"].agreeing / len(ws[0].tokens) > 0.9
    assert 0 < len(collation.variants) < len(ws[0].tokens) / 4
    engines_differ = [v for v in collation.variants if v.readings[0].text != v.readings[1].text]
    sides = sum(v.readings[2].text in (v.readings[0].text, v.readings[1].text) for v in engines_differ)
    assert sides / len(engines_differ) > 0.5


@given(book, st.lists(st.tuples(st.integers(0, 700), st.integers(0, 2), st.integers(0, 500).map(str)),
                      max_size=40),
       st.lists(st.tuples(st.integers(0, 700), st.integers(0, 2), st.integers(0, 500).map(str)),
                max_size=40))
def test_book_sized_witnesses_are_rebuilt_from_the_base_and_the_variants(a, edits_b, edits_c):
    b, c = texts_apart(a, edits_b), texts_apart(a, edits_c)
    collation = collate([witness("A", a), witness("B", b), witness("C", c)])
    for k, other in enumerate((a, b, c)):
        out: list[str] = []
        at = 0
        for v in collation.variants:
            r = v.readings[k]
            out += a[at:v.start] + [t.text for t in collation.witnesses[k].tokens[r.start:r.end]]
            at = v.end
        assert out + a[at:] == other
