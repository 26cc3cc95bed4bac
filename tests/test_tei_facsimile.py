"""The edition of OCR files: the TEI's facsimile (a surface per page with its image, a zone per
line and per decided word), ``pb`` and ``lb`` where pages and lines begin, ``@facs`` from pages,
lines and decisions; valid under tei_all, read back losslessly, checked by ``verify``."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from cli_helpers import run
from edition.formats import read_ocr
from edition.model import Correction, Kind, Status
from edition.publish.plan import plan_edition
from edition.publish.tei.facsimile import milestones_in
from edition.publish.tei.metadata import EditionMetadata
from edition.publish.tei.pointers import unresolved_pointers
from edition.publish.tei.reader import read_edition
from edition.publish.tei.writer import TeiInputs, write_tei
from edition.publish.validate import relaxng_errors
from edition.source import ocr_source
from edition.workflow import open_project
from ocr_documents import SUFFIX, VARIANTS, build, trees

FIXTURE = Path(__file__).parent / "data" / "ocr" / "bln-3200797034"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _across_a_line_end(text: str) -> tuple[int, int, str]:
    """The last word of the first line that ends inside a block, its line end and the next line's
    first word, read as one line ("joined words"): a correction across a line end."""
    nl = next(i for i, ch in enumerate(text) if ch == "\n" and text[i + 1] != "\n" and text[i - 1] != "\n")
    start = text.rfind(" ", 0, nl) + 1
    end = text.find(" ", nl)
    return start, end, text[start:nl] + " " + text[nl + 1:end]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["alto", "hocr", "page"])
def test_the_edition_of_ocr_files_has_their_facsimile(tmp_path, fmt):
    shutil.copytree(FIXTURE / fmt, tmp_path / "book")
    doc = read_ocr(tmp_path / "book")
    assert run("detect", "book", cwd=tmp_path).returncode == 0
    assert run("accept", "book", "--min-confidence", "0.5", "--by", "Ana", cwd=tmp_path).returncode == 0
    start, end, reading = _across_a_line_end(doc.text)
    proc = run("add", "book", "--at", str(start), "--length", str(end - start), "--reading",
               reading, "--by", "Ana", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    proc = run("build", "book", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr  # validated by jing (or lxml) before it is written
    assert run("verify", "book", cwd=tmp_path).returncode == 0

    tei_path = tmp_path / "build" / "book.tei.xml"
    root = etree.parse(str(tei_path)).getroot()
    surfaces = root.findall(f"{TEI}facsimile/{TEI}surface")
    assert len(surfaces) == len(doc.pages) == 2
    for surface, page in zip(surfaces, doc.pages):
        url = surface.find(f"{TEI}graphic").get("url")
        assert (tei_path.parent / unquote(url)).resolve() == page.image.resolve()
        assert (surface.get("lrx"), surface.get("lry")) == (f"{page.width:g}", f"{page.height:g}")
    zones = {z.get(XML_ID): z for z in root.iter(f"{TEI}zone")}
    # every line begins with an lb pointing to its zone, which has the line's box
    marks = milestones_in(root.find(f"{TEI}text"))
    line_marks = [(o, facs) for o, tag, facs, _ in marks if tag == "lb" and facs]
    assert [o for o, _ in line_marks] == [line.start for line in doc.lines]
    for (_, facs), line in zip(line_marks, doc.lines):
        z = zones[facs[1:]]
        assert z.get("type") == "line" and z.get("n") == line.id
        assert tuple(float(z.get(k)) for k in ("ulx", "uly", "lrx", "lry")) == tuple(line.box)
    assert [o for o, tag, _, _ in marks if tag == "pb"] == [p.start for p in doc.pages]
    # each decision points to the zones of its words, which have their boxes
    project = open_project(tmp_path / "book", tmp_path / "corrections" / "book.yaml")
    decided = {c.id: c for c in project.corrections if c.status.changes_text}
    choices = list(root.iter(f"{TEI}choice"))
    assert len(choices) == len(decided) > 1
    for choice in choices:
        c = decided[choice.get(XML_ID)]
        boxes = [tuple(float(zones[f[1:]].get(k)) for k in ("ulx", "uly", "lrx", "lry"))
                 for f in choice.get("facs").split()]
        assert boxes == [tuple(w.box) for w in doc.words_in(c.start, c.end)
                         or (doc.word_at(c.start - 1), doc.word_at(c.end))]
    # the correction across the line end holds that line's lb in its sic, none in its corr
    joined = [c for c in choices if c.find(f"{TEI}corr").text == reading]
    assert len(joined) == 1
    assert joined[0].find(f"{TEI}sic").find(f"{TEI}lb") is not None
    assert joined[0].find(f"{TEI}corr").find(f"{TEI}lb") is None
    assert len(joined[0].get("facs").split()) == 2


@pytest.mark.slow
def test_verify_names_a_facsimile_that_is_not_the_ocrs(tmp_path):
    shutil.copytree(FIXTURE / "alto", tmp_path / "book")
    assert run("detect", "book", cwd=tmp_path).returncode == 0
    assert run("accept", "book", "--min-confidence", "0.5", "--by", "Ana", cwd=tmp_path).returncode == 0
    assert run("build", "book", cwd=tmp_path).returncode == 0
    tei = tmp_path / "build" / "book.tei.xml"
    good = tei.read_text(encoding="utf-8")
    doc = read_ocr(tmp_path / "book")
    box = doc.lines[1].box
    moved = good.replace(f'lrx="{box.x1:g}" lry="{box.y1:g}" n="{doc.lines[1].id}"',
                         f'lrx="{box.x1 + 5:g}" lry="{box.y1:g}" n="{doc.lines[1].id}"', 1)
    assert moved != good
    tei.write_text(moved, encoding="utf-8")
    proc = run("verify", "book", cwd=tmp_path)
    assert proc.returncode == 1
    assert f"zone 'fx-p1-l2' has lrx '{box.x1 + 5:g}' where the OCR gives '{box.x1:g}'" in proc.stderr
    tei.write_text(good.replace('<lb facs="#fx-p1-l3"/>', "", 1), encoding="utf-8")
    proc = run("verify", "book", cwd=tmp_path)
    assert proc.returncode == 1 and "the OCR has a line #fx-p1-l3 beginning at offset" in proc.stderr


def test_a_plain_text_edition_has_no_facsimile(tmp_path):
    (tmp_path / "t.txt").write_text("Lenin and V1adimir.\nA second line.\n", encoding="utf-8")
    assert run("build", "t.txt", "--out", "out", cwd=tmp_path).returncode == 0
    data = (tmp_path / "out" / "t.tei.xml").read_bytes()
    assert b"facsimile" not in data and b"<pb" not in data and b"facs=" not in data


# --- made documents, every format and version, any decisions ---

@st.composite
def decisions(draw, text: str):
    """Up to four non-overlapping decisions anywhere: replacements, insertions, deletions (across
    line and page ends too), flags."""
    points = sorted(set(draw(st.lists(st.integers(0, len(text)), min_size=0, max_size=8))))
    out, last = [], -1
    for i in range(0, len(points) - 1, 2):
        s, e = points[i], points[i + 1] if draw(st.booleans()) else points[i]
        if s <= last or (s == e and any(c.start == s for c in out)):
            continue
        status = draw(st.sampled_from([Status.ACCEPTED, Status.EDITED, Status.FLAGGED]))
        reading = draw(st.text(alphabet="ab \n'&", max_size=4))
        if status is Status.FLAGGED and s == e or status is not Status.FLAGGED and reading == text[s:e]:
            continue
        out.append(Correction(f"c{i}", s, e, text[s:e], Kind.OTHER, status,
                              reading=None if status is Status.FLAGGED else reading,
                              readings=() if status is Status.FLAGGED else (reading,),
                              by="Ana", on="2026-12-01T10:00:00Z"))
        last = e
    return out


@pytest.mark.slow
@pytest.mark.parametrize("fmt,version", VARIANTS)
@settings(max_examples=20)
@given(tree=trees, data=st.data())
def test_any_decisions_on_made_ocr_read_back_with_every_page_and_line(fmt, version, tree, data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "book"
        folder.mkdir()
        for n, page in enumerate(build(fmt, version, tree), start=1):
            (folder / f"page-{n}{SUFFIX[fmt]}").write_bytes(page)
        source = ocr_source(folder)
        doc = source.ocr
        chosen = data.draw(decisions(source.text))
        plan = plan_edition(source, chosen)
        tei = write_tei(TeiInputs(plan, EditionMetadata(title="T", language="en"), "0", Path(tmp)))
        root = etree.fromstring(tei)
        assert relaxng_errors(root) == []
        assert unresolved_pointers(root) == []
        ed = read_edition(root)
        assert ed.source == source.text and ed.reading == plan.reading
        marks = [(o, tag, facs) for o, tag, facs, _ in milestones_in(root.find(f"{TEI}text"))
                 if facs]  # (a newline inside a decision that begins no line has a bare lb)
        assert marks == [(m.offset, m.tag, f"#{m.facs}") for m in plan.facsimile.milestones]
        assert len([m for m in marks if m[1] == "pb"]) == len(doc.pages)
        assert len([m for m in marks if m[1] == "lb"]) == len(doc.lines)
        # each page's and line's milestone stands where it begins (a page without text: at the
        # next block)
        assert [o for o, tag, _ in marks if tag == "lb"] == [line.start for line in doc.lines]
