"""ALTO, hOCR and PAGE XML in and out: the derived text, the word map, and writing back only the
changed words, on Tesseract's real output and on hypothesis-made documents of every version."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from edition.errors import EditionError
from edition.evaluation.align import align_texts
from edition.evaluation.diff import gold_proposals
from edition.formats import Change, corrected_files, read_ocr, schema_errors, write_corrected
from edition.formats.xmlspans import element_spans

from ocr_documents import SUFFIX, VARIANTS, Tree, build, trees

FIXTURE = Path(__file__).parent / "data" / "ocr" / "bln-3200797034"
FORMATS = ["alto", "hocr", "page"]


def _errors(data: bytes) -> set[str]:
    return {re.sub(r"^line \d+: ", "", e) for e in schema_errors(data)}


def _apply(text: str, changes: list[Change]) -> str:
    for c in sorted(changes, key=lambda c: -c.start):
        text = text[:c.start] + c.reading + text[c.end:]
    return text


# --- Tesseract's real output ---

@pytest.mark.parametrize("fmt", FORMATS)
def test_tesseract_files_read_with_every_word_mapped(fmt):
    doc = read_ocr(FIXTURE / fmt)
    assert doc.format == fmt and len(doc.files) == 2 and len(doc.pages) == 2
    assert [p.image.name for p in doc.pages] == ["page-001.jpg", "page-002.jpg"]
    for w in doc.words:
        assert doc.text[w.start:w.end] == w.text
        assert doc.word_at(w.start) == w and doc.word_at(w.end - 1) == w
        assert w.box is not None and w.box.x0 < w.box.x1
        assert w.confidence is not None and 0 <= w.confidence <= 1
    # every character outside the words is a separator
    covered = set()
    for w in doc.words:
        covered.update(range(w.start, w.end))
    assert {doc.text[i] for i in range(len(doc.text)) if i not in covered} <= {" ", "\n"}
    # the pages follow each other, the second page's words on page 2
    assert doc.pages[0].end < doc.pages[1].start
    assert {w.page for w in doc.words} == {0, 1}


def test_alto_and_hocr_of_one_recognition_derive_one_text():
    assert read_ocr(FIXTURE / "alto").text == read_ocr(FIXTURE / "hocr").text


def test_a_single_file_is_one_page_and_the_folder_its_pages_in_order():
    folder = read_ocr(FIXTURE / "alto")
    pages = [read_ocr(FIXTURE / "alto" / f"page-00{n}.xml") for n in (1, 2)]
    assert [len(p.pages) for p in pages] == [1, 1]
    assert folder.text == "\n\n".join(p.text for p in pages)


@pytest.mark.parametrize("fmt", FORMATS)
def test_writing_back_nothing_is_byte_identical(fmt):
    doc = read_ocr(FIXTURE / fmt)
    assert corrected_files(doc, []) == [f.path.read_bytes() for f in doc.files]


@pytest.mark.parametrize("fmt", FORMATS)
def test_writing_back_the_gold_changes_only_those_words(fmt, tmp_path):
    """Correct every error the gold shows (real splits, merges, deletions among them): the OCR
    written back reads as the corrected text, adds no schema error, and every byte outside the
    lines it touched is the original's."""
    doc = read_ocr(FIXTURE / fmt)
    gold = (FIXTURE / "gold.txt").read_text(encoding="utf-8")
    aligned = align_texts(doc.text, gold)
    changes = []
    for p in gold_proposals(aligned):
        if "\n" in doc.text[p.start:p.end] or not p.readings or "\n" in p.readings[0]:
            continue  # a change of line ends cannot be written in the format (tested below)
        changes.append(Change(p.start, p.end, p.readings[0], f"{p.start}"))
    assert len(changes) >= 10
    out = corrected_files(doc, changes)
    for f, data in zip(doc.files, out):
        (tmp_path / f.path.name).write_bytes(data)
        assert _errors(data) <= _errors(f.path.read_bytes())
    again = read_ocr(tmp_path)
    assert again.text == _apply(doc.text, changes)
    touched = {(w.file, w.line) for c in changes for w in doc.words_in(c.start, c.end)}
    untouched_ids = {(w.file, w.id) for w in doc.words if (w.file, w.line) not in touched}
    before = {(w.file, w.id): (w.text, w.box, w.confidence) for w in doc.words}
    after = {(w.file, w.id): (w.text, w.box, w.confidence) for w in again.words}
    for key in untouched_ids:
        assert after[key] == before[key]


def test_the_changed_word_loses_the_engines_confidence_and_is_marked_corrected(tmp_path):
    doc = read_ocr(FIXTURE / "alto")
    w = doc.words[5]
    [data, _] = corrected_files(doc, [Change(w.start, w.end, w.text + "x")])
    text = data.decode()
    tag = re.search(rf'<String ID="{w.id}"[^>]*>', text).group(0)
    assert f'CONTENT="{w.text}x"' in tag and "WC=" not in tag and 'CS="true"' in tag


def test_a_change_of_line_ends_is_refused_with_its_name():
    doc = read_ocr(FIXTURE / "hocr")
    nl = doc.text.index("\n")
    with pytest.raises(EditionError, match="co-1.*line end"):
        corrected_files(doc, [Change(nl, nl + 1, " ", "co-1")])


def test_a_changed_source_file_is_noticed(tmp_path):
    for f in (FIXTURE / "alto").iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    doc = read_ocr(tmp_path)
    page = tmp_path / "page-001.xml"
    page.write_bytes(page.read_bytes().replace(b"</alto>", b"</alto>\n"))
    with pytest.raises(EditionError, match="changed since it was read"):
        corrected_files(doc, [Change(doc.words[0].start, doc.words[0].end, "X")])


def test_writing_over_the_source_is_refused():
    doc = read_ocr(FIXTURE / "alto")
    with pytest.raises(EditionError, match="the OCR source itself"):
        write_corrected(doc, [], FIXTURE / "alto")


def test_a_folder_of_mixed_formats_is_refused(tmp_path):
    (tmp_path / "a.xml").write_bytes((FIXTURE / "alto" / "page-001.xml").read_bytes())
    (tmp_path / "b.hocr").write_bytes((FIXTURE / "hocr" / "page-001.hocr").read_bytes())
    with pytest.raises(EditionError, match="several formats"):
        read_ocr(tmp_path)


# --- made documents, every version ---

def _write(tmp_path: Path, fmt: str, version: str, tree: Tree, pretty: bool) -> Path:
    folder = tmp_path / f"{fmt}-{version}"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for n, data in enumerate(build(fmt, version, tree, pretty), start=1):
        (folder / f"page-{n}{SUFFIX[fmt]}").write_bytes(data)
    return folder


@st.composite
def edits(draw, tree: Tree):
    """Up to three changes to distinct lines: replace, split or delete a word, or merge two."""
    doc_lines = [line for page in tree.pages for block in page for line in block]
    text = tree.text()
    # offsets of each word, by line
    pos, spans = 0, []
    for pi, page in enumerate(tree.pages):
        if pi:
            pos += 2
        for bi, block in enumerate(page):
            if bi:
                pos += 2
            for li, line in enumerate(block):
                if li:
                    pos += 1
                ws = []
                for wi, w in enumerate(line):
                    if wi:
                        pos += 1
                    ws.append((pos, pos + len(w)))
                    pos += len(w)
                spans.append(ws)
    assert pos == len(text)
    chosen = draw(st.lists(st.integers(0, len(doc_lines) - 1), unique=True, max_size=3))
    changes = []
    for li in chosen:
        ws = spans[li]
        wi = draw(st.integers(0, len(ws) - 1))
        s, e = ws[wi]
        action = draw(st.sampled_from(["replace", "split", "merge", "delete"]))
        if action == "replace":
            changes.append(Change(s, e, draw(st.text(alphabet="abcé&<'", min_size=1, max_size=6))))
        elif action == "split" and e - s >= 2:
            cut = draw(st.integers(s + 1, e - 1))
            changes.append(Change(cut, cut, " "))
        elif action == "merge" and wi + 1 < len(ws):
            changes.append(Change(e, ws[wi + 1][0], ""))
        elif action == "delete" and len(ws) > 1:
            changes.append(Change(s, ws[wi + 1][0], "") if wi + 1 < len(ws) else Change(ws[wi - 1][1], e, ""))
    return changes


@pytest.mark.parametrize("fmt,version", VARIANTS)
@settings(max_examples=25)
@given(tree=trees, pretty=st.booleans(), data=st.data())
def test_made_documents_round_trip(fmt, version, tree, pretty, data):
    with tempfile.TemporaryDirectory() as tmp:
        _round_trip(Path(tmp), fmt, version, tree, pretty, data)


def _round_trip(tmp_path, fmt, version, tree, pretty, data):
    folder = _write(tmp_path, fmt, version, tree, pretty)
    doc = read_ocr(folder)
    assert doc.text == tree.text()
    assert doc.files[0].version == version
    for f in doc.files:
        assert schema_errors(f.path.read_bytes()) == []
    assert corrected_files(doc, []) == [f.path.read_bytes() for f in doc.files]
    changes = data.draw(edits(tree))
    out_dir = tmp_path / f"out-{fmt}-{version}"
    out_dir.mkdir(exist_ok=True)
    for old in out_dir.iterdir():
        old.unlink()
    for f, new in zip(doc.files, corrected_files(doc, changes)):
        assert schema_errors(new) == [], new.decode()
        (out_dir / f.path.name).write_bytes(new)
    again = read_ocr(out_dir)
    assert again.text == _apply(doc.text, changes)
    touched = {w.line for c in changes for w in doc.words_in(c.start, c.end) or
               [x for x in doc.words if x.end == c.start or x.start == c.end]}
    after = {(w.file, w.id): w.text for w in again.words}
    for w in doc.words:
        if w.line not in touched:
            assert after[(w.file, w.id)] == w.text


@pytest.mark.parametrize("fmt,version", VARIANTS)
def test_only_the_elements_of_changed_words_differ(tmp_path, fmt, version):
    tree = Tree(((((("V1adimir", "Ilyich"), ("Lenin", "and")),),)))
    folder = _write(tmp_path, fmt, version, tree, True)
    doc = read_ocr(folder)
    [original] = [f.path.read_bytes().decode() for f in doc.files]
    [new] = [b.decode() for b in corrected_files(doc, [Change(0, 8, "Vladimir")])]
    spans = element_spans(original)
    # cut out the changed word (and, in PAGE, the line's and region's text): the rest is equal
    first = doc.words[0]
    s, e = spans[first.element]
    assert new.startswith(original[:s])
    tail = original[e:]
    if fmt == "page":
        tail = tail.replace("V1adimir Ilyich", "Vladimir Ilyich")
    assert new.endswith(tail)
    assert "Vladimir" in new[s:len(new) - len(tail)]


def test_alto_hyphen_is_printed_and_its_joined_word_kept(tmp_path):
    ns = "http://www.loc.gov/standards/alto/ns-v3#"
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<alto xmlns="{ns}"><Layout><Page ID="p" '
           'WIDTH="100" HEIGHT="100" PHYSICAL_IMG_NR="1"><PrintSpace><TextBlock ID="b">'
           '<TextLine ID="l1"><String ID="s1" CONTENT="with" SUBS_TYPE="HypPart1" '
           'SUBS_CONTENT="without"/><HYP CONTENT="-"/></TextLine><TextLine ID="l2">'
           '<String ID="s2" CONTENT="out" SUBS_TYPE="HypPart2" SUBS_CONTENT="without"/>'
           '</TextLine></TextBlock></PrintSpace></Page></Layout></alto>')
    (tmp_path / "a.xml").write_text(xml, encoding="utf-8")
    doc = read_ocr(tmp_path / "a.xml")
    assert doc.text == "with-\nout"
    assert doc.words[0].joined == "without" and doc.words[0].hyphen == "-"
    [data] = corrected_files(doc, [Change(0, 4, "wilh")])  # the hyphen stays apart
    assert b'CONTENT="wilh"' in data and b'<HYP CONTENT="-"/>' in data
    with pytest.raises(EditionError, match="HYP"):
        corrected_files(doc, [Change(4, 5, "")])
