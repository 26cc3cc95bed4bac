"""Writing back a correction that joins a word hyphenated across a line end (``with-`` / ``out``
-> ``without``): the word is still printed in two parts, so each part keeps its line and only
its changed letters; ALTO gets the whole word as ``SUBS_CONTENT`` of ``HypPart1`` / ``HypPart2``.
On Tesseract's real files through the command line, and on hypothesis-made documents."""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree

from cli_helpers import run
from edition.errors import EditionError
from edition.formats import Change, corrected_files, read_ocr, schema_errors
from edition.formats.model import OcrDocument, Word

from ocr_documents import SUFFIX, VARIANTS, Tree, build, trees

FIXTURE = Path(__file__).parent / "data" / "ocr" / "bln-3200797034"
FORMATS = ["alto", "hocr", "page"]


def _errors(data: bytes) -> set[str]:
    return {re.sub(r"^line \d+: ", "", e) for e in schema_errors(data)}


def _pair(doc: OcrDocument) -> tuple[Word, Word]:
    """The last word of a line and a long word beginning the next line of its block."""
    for a, b in zip(doc.words, doc.words[1:]):
        long_word = b.text.isalpha() and b.text.islower() and len(b.text) >= 8
        if doc.text[a.end:b.start] == "\n" and long_word:
            return a, b
    raise AssertionError("no line end before a long word in the fixture")


def _wrong(letter: str) -> str:
    return "x" if letter != "x" else "z"


def _hyphenated_book(tmp_path: Path, fmt: str, misread: bool) -> tuple[str, str, str]:
    """Tesseract's pages with one long word set hyphenated across a line end (the last word of
    the line above replaced by its first part): the folder ``book``; returns the word and its
    two parts as the OCR reads them (with a wrong letter in each part where ``misread``)."""
    shutil.copytree(FIXTURE / fmt, tmp_path / "scan")
    doc = read_ocr(tmp_path / "scan")
    a, b = _pair(doc)
    word, half = b.text, len(b.text) // 2
    first, second = word[:half], word[half:]
    if misread:
        first = first[:-1] + _wrong(first[-1])
        second = second[0] + _wrong(second[1]) + second[2:]
    (tmp_path / "book").mkdir()
    for f, data in zip(doc.files, corrected_files(doc, [Change(a.start, a.end, first + "-"),
                                                         Change(b.start, b.end, second)])):
        (tmp_path / "book" / f.path.name).write_bytes(data)
    return word, first, second


def _join(tmp_path: Path, fmt: str, first: str, second: str, word: str) -> None:
    proc = run("add", "book", "--find", f"{first}-\n{second}", "--reading", word, "--kind",
               "hyphen", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    proc = run("apply", "book", "--format", fmt, "-o", "corrected", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr


def _subs(data: bytes, part: int) -> list[etree._Element]:
    root = etree.fromstring(data)
    return [s for s in root.iter("{*}String") if s.get("SUBS_TYPE") == f"HypPart{part}"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_join_of_a_hyphenated_word_keeps_its_two_printed_parts(tmp_path, fmt):
    word, first, second = _hyphenated_book(tmp_path, fmt, misread=False)
    _join(tmp_path, fmt, first, second, word)
    book, corrected = read_ocr(tmp_path / "book"), read_ocr(tmp_path / "corrected")
    # the page still prints the word in two parts: the derived text is the OCR's
    assert corrected.text == book.text
    # while the reading text and the edition have the whole word
    assert f" {word}" in run("apply", "book", cwd=tmp_path, check=True).stdout
    for f in book.files:
        old, new = f.path.read_bytes(), (tmp_path / "corrected" / f.path.name).read_bytes()
        assert _errors(new) <= _errors(old)
        if fmt != "alto":
            assert new == old  # hOCR and PAGE have no place for the whole word
    if fmt == "alto":
        changed = [f for f in book.files if (tmp_path / "corrected" / f.path.name).read_bytes()
                   != f.path.read_bytes()]
        assert len(changed) == 1
        new = (tmp_path / "corrected" / changed[0].path.name).read_bytes()
        [one], [two] = _subs(new, 1), _subs(new, 2)
        assert (one.get("CONTENT"), two.get("CONTENT")) == (f"{first}-", second)
        assert one.get("SUBS_CONTENT") == two.get("SUBS_CONTENT") == word
        # nothing else differs: the two attributes taken away, the bytes are the original's
        stripped = re.sub(rb' SUBS_TYPE="HypPart[12]" SUBS_CONTENT="[^"]*"', b"", new)
        assert stripped == changed[0].path.read_bytes()
        assert [w.joined for w in corrected.words if w.joined] == [word]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_letter_corrected_inside_either_part_lands_in_that_part(tmp_path, fmt):
    word, first, second = _hyphenated_book(tmp_path, fmt, misread=True)
    _join(tmp_path, fmt, first, second, word)
    book, corrected = read_ocr(tmp_path / "book"), read_ocr(tmp_path / "corrected")
    half = len(word) // 2
    assert corrected.text == book.text.replace(f"{first}-\n{second}",
                                               f"{word[:half]}-\n{word[half:]}", 1)
    before = {(w.file, w.id): w.text for w in book.words}
    after = {(w.file, w.id): w.text for w in corrected.words}
    changed = {k for k in before if after[k] != before[k]}
    assert sorted(after[k] for k in changed) == sorted([f"{word[:half]}-", word[half:]])
    for f in book.files:
        new = (tmp_path / "corrected" / f.path.name).read_bytes()
        assert _errors(new) <= _errors(f.path.read_bytes())
    if fmt == "alto":
        written = [(tmp_path / "corrected" / f.path.name).read_bytes() for f in book.files]
        [one] = [s for data in written for s in _subs(data, 1)]
        [two] = [s for data in written for s in _subs(data, 2)]
        assert one.get("SUBS_CONTENT") == two.get("SUBS_CONTENT") == word
        assert (one.get("CONTENT"), two.get("CONTENT")) == (f"{word[:half]}-", word[half:])


# --- an ALTO file that keeps the hyphen apart (HYP) ---

ALTO = ('<?xml version="1.0" encoding="UTF-8"?>\n<alto xmlns="http://www.loc.gov/standards/alto/'
        'ns-v3#"><Layout><Page ID="p" WIDTH="100" HEIGHT="100" PHYSICAL_IMG_NR="1"><PrintSpace>'
        '<TextBlock ID="b"><TextLine ID="l1"><String ID="s0" CONTENT="go" WC="0.9"/><SP/>'
        '<String ID="s1" CONTENT="witb" WC="0.5"/><HYP CONTENT="-"/></TextLine><TextLine ID="l2">'
        '<String ID="s2" CONTENT="out" WC="0.9"/><SP/><String ID="s3" CONTENT="him" WC="0.9"/>'
        '</TextLine></TextBlock></PrintSpace></Page></Layout></alto>')


@pytest.mark.parametrize("start,end,reading,parts,whole", [
    (3, 12, "without", ("with", "out"), "without"),     # the whole word, a letter corrected
    (7, 9, "", ("witb", "out"), "witbout"),             # only the hyphen and the line end
    (3, 12, "with-out", ("with", "out"), "with-out"),   # a compound: the hyphen kept
    (0, 16, "go withont hem", ("with", "ont"), "withont"),
])
def test_alto_hyp_stays_and_the_parts_get_the_whole_word(tmp_path, start, end, reading, parts,
                                                          whole):
    (tmp_path / "a.xml").write_text(ALTO, encoding="utf-8")
    doc = read_ocr(tmp_path / "a.xml")
    assert doc.text == "go witb-\nout him"
    [data] = corrected_files(doc, [Change(start, end, reading)])
    assert schema_errors(data) == []
    assert data.count(b'<HYP CONTENT="-"/>') == 1
    [one], [two] = _subs(data, 1), _subs(data, 2)
    assert (one.get("CONTENT"), two.get("CONTENT")) == parts
    assert one.get("SUBS_CONTENT") == two.get("SUBS_CONTENT") == whole
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.xml").write_bytes(data)
    again = read_ocr(tmp_path / "out" / "a.xml")
    assert again.words[1].joined == whole
    assert again.text == doc.text[:3] + "-\n".join(parts) + again.text[3 + len("-\n".join(parts)):]
    # a part whose letters did not change keeps its engine's confidence
    assert (two.get("WC") is not None) == (parts[1] == "out")


@pytest.mark.parametrize("reading", ["with out", "with-\nou\nt", "with\n\nout"])
def test_a_line_end_that_does_not_join_one_word_is_still_refused(tmp_path, reading):
    (tmp_path / "a.xml").write_text(ALTO, encoding="utf-8")
    doc = read_ocr(tmp_path / "a.xml")
    with pytest.raises(EditionError, match="c-1.*line end"):
        corrected_files(doc, [Change(3, 12, reading, "c-1")])


def test_a_line_end_without_a_hyphen_is_still_refused():
    doc = read_ocr(FIXTURE / "hocr")
    a, b = _pair(doc)
    with pytest.raises(EditionError, match="line end"):
        corrected_files(doc, [Change(a.start, b.end, a.text + b.text, "c-2")])


# --- made documents, every version ---

letters = st.text(alphabet="abcdefgh", min_size=2, max_size=7)


@st.composite
def hyphenated(draw):
    """A made document with a word hyphenated across a line end, and a join of it: the whole
    word with at most one letter of each part changed, the hyphen dropped or kept."""
    tree = draw(trees.filter(lambda t: any(len(b) > 1 for p in t.pages for b in p)))
    places = [(pi, bi, li) for pi, p in enumerate(tree.pages) for bi, b in enumerate(p)
              for li in range(len(b) - 1)]
    pi, bi, li = draw(st.sampled_from(places))
    first, second = draw(letters), draw(letters)
    pages = [list(map(list, p)) for p in tree.pages]
    block = [list(line) for line in pages[pi][bi]]
    block[li][-1] = first + "-"
    block[li + 1][0] = second
    pages[pi][bi] = block
    tree = Tree(tuple(tuple(tuple(tuple(line) for line in b) for b in p) for p in pages))

    def misread(part: str) -> str:
        if not draw(st.booleans()):
            return part
        i = draw(st.integers(0, len(part) - 1))
        return part[:i] + draw(st.sampled_from("xyz")) + part[i + 1:]

    one, two = misread(first), misread(second)
    return tree, (pi, bi, li), (one, two), draw(st.booleans())


@pytest.mark.parametrize("fmt,version", VARIANTS)
@settings(max_examples=25)
@given(case=hyphenated(), pretty=st.booleans())
def test_joins_of_made_hyphenated_words_round_trip(fmt, version, case, pretty):
    tree, place, (one, two), keep_hyphen = case
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "in", Path(tmp) / "out"
        folder.mkdir()
        out.mkdir()
        for n, data in enumerate(build(fmt, version, tree, pretty), start=1):
            (folder / f"page-{n}{SUFFIX[fmt]}").write_bytes(data)
        doc = read_ocr(folder)
        assert doc.text == tree.text()
        at = doc.text.index("-\n", _line_end_offset(tree, place) - 1)
        a = [w for w in doc.words if w.end == at + 1][0]
        b = [w for w in doc.words if w.start == at + 2][0]
        whole = one + ("-" if keep_hyphen else "") + two
        files = corrected_files(doc, [Change(a.start, b.end, whole)])
        for f, data in zip(doc.files, files):
            assert schema_errors(data) == [], data.decode()
            (out / f.path.name).write_bytes(data)
        again = read_ocr(out)
        # the derived text: the parts on their lines, each with its own letters
        expected = doc.text[:a.start] + one + "-\n" + two + doc.text[b.end:]
        assert again.text == expected
        before = {(w.file, w.id): w.text for w in doc.words}
        after = {(w.file, w.id): w for w in again.words}
        for key, text in before.items():
            if key not in {(a.file, a.id), (b.file, b.id)}:
                assert after[key].text == text
        if fmt == "alto":
            assert after[(a.file, a.id)].joined == whole
        else:
            changed = [x for x in (a, b) if after[(x.file, x.id)].text != x.text]
            untouched = [f.path.read_bytes() for f in doc.files] == files
            assert untouched == (not changed)


def _line_end_offset(tree: Tree, place: tuple[int, int, int]) -> int:
    """The offset in ``tree.text()`` of the line end after line ``place``."""
    pi, bi, li = place
    pages = list(tree.pages)
    head = Tree(tuple(pages[:pi]) + ((tuple(pages[pi][:bi]) + (pages[pi][bi][:li + 1],)),))
    return len(head.text())
