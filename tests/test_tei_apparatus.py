"""The critical apparatus in the TEI: parallel segmentation, valid against tei_all, lossless,
and verified; the reading view's variants."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree

from cli_helpers import SEED, run
from edition.apply import apply_corrections
from edition.publish.plan import plan_edition
from edition.publish.tei.metadata import EditionMetadata
from edition.publish.tei.pointers import unresolved_pointers
from edition.publish.tei.reader import parse_tei, read_edition
from edition.publish.tei.writer import TeiInputs, write_tei
from edition.publish.validate import jing_available, jing_errors, relaxng_errors
from edition.source import source_from_text
from edition.witnesses.tokens import witness_from_source
from test_tei_roundtrip import decisions

pytestmark = pytest.mark.xdist_group("tei_schema")

OCR = Path(__file__).resolve().parent / "data" / "ocr" / "bln-3200797034"
T = "{http://www.tei-c.org/ns/1.0}"
WORDS = st.sampled_from("the of and a in to was he it that cat sat on mat , . & < é 中文".split()
                        + ["\n", "\n\n", "Paragraph of prose. " * 4])


@st.composite
def source_witness_and_decisions(draw):
    words = draw(st.lists(WORDS, min_size=1, max_size=40))
    text = " ".join(words)
    other = list(words)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(other)))
        how = draw(st.integers(0, 2))
        if how == 0 and at < len(other):
            other[at] = draw(WORDS)
        elif how == 1 and at < len(other):
            del other[at]
        else:
            other.insert(at, draw(WORDS))
    return text, " ".join(other), draw(decisions(text))


@settings(max_examples=120)
@given(source_witness_and_decisions())
def test_an_apparatus_is_valid_lossless_and_gives_each_witness_its_reading(tei_schema, case):
    text, other, corrections = case
    source = source_from_text(text, Path("random.txt"))
    witness = witness_from_source("B", source_from_text(other, Path("other.txt")))
    plan = plan_edition(source, corrections, [witness])
    data = write_tei(TeiInputs(plan, EditionMetadata(title="Random"), "0.1.0"))
    doc = parse_tei(data)
    assert tei_schema.validate(doc), tei_schema.error_log
    assert relaxng_errors(doc, "edition") == []  # the edition's own customization too
    assert unresolved_pointers(doc) == []
    ed = read_edition(doc)
    assert ed.source == text
    assert ed.reading == apply_corrections(text, corrections)
    apps = list(doc.iter(f"{T}app"))
    assert len(apps) == len(plan.apparatus.entries)
    for app, entry in zip(apps, plan.apparatus.entries):
        assert app.find(f"{T}lem").get("wit") == "#A"
        rdg = app.find(f"{T}rdg")
        assert rdg.get("wit") == "#B"
        assert "".join(rdg.itertext()) == entry.readings[0][1]
    if plan.apparatus.entries or plan.apparatus.left_out:
        assert text != other or corrections


def copy_witnesses(tmp_path: Path) -> None:
    shutil.copytree(OCR / "alto", tmp_path / "tess53")
    shutil.copytree(OCR / "page", tmp_path / "tess55")
    shutil.copy(OCR / "gold.txt", tmp_path / "gold.txt")


def test_build_with_witnesses_writes_a_valid_apparatus_and_verify_holds(tmp_path):
    copy_witnesses(tmp_path)
    proc = run("build", "tess53", "--witness", "tess55", "--witness", "gold.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"apparatus: \d+ variant\(s\) of 2 witness\(es\)", proc.stdout)
    tei = tmp_path / "build" / "tess53.tei.xml"
    if jing_available():
        assert jing_errors(tei) == []
    doc = etree.parse(str(tei))
    wits = [(w.get("{http://www.w3.org/XML/1998/namespace}id"), w.find(f"{T}idno").text)
            for w in doc.iter(f"{T}witness")]
    assert wits == [("A", "tess53"), ("B", "tess55"), ("C", "gold.txt")]
    assert doc.find(f".//{T}sourceDesc/{T}listWit") is not None
    ve = doc.find(f".//{T}encodingDesc/{T}variantEncoding")
    assert ve.get("method") == "parallel-segmentation" and ve.get("location") == "internal"
    gold = (tmp_path / "gold.txt").read_text(encoding="utf-8")
    apps = list(doc.iter(f"{T}app"))
    assert len(apps) > 10
    for app in apps:
        for rdg in app.findall(f"{T}rdg"):
            assert set(rdg.get("wit").split()) <= {"#B", "#C"}
            if rdg.get("wit") == "#C":
                assert "".join(rdg.itertext()) in " ".join(gold.split())
    assert run("verify", "tess53", cwd=tmp_path).returncode == 0
    # a witness changed after the build: verify names it
    (tmp_path / "gold.txt").write_text(gold.replace("servant", "servent"), encoding="utf-8")
    bad = run("verify", "tess53", cwd=tmp_path)
    assert bad.returncode == 1 and "witness C: gold.txt changed since the build" in bad.stderr


def test_decisions_inside_variants_are_encoded_in_the_lemma(tmp_path):
    """The seed's editors' decisions, and as the witness the seed's own reading text: where a
    decision lies inside a variant its choice is in the lem, and the edition still verifies."""
    shutil.copy(SEED, tmp_path / "seed.txt")
    shutil.copytree(SEED.parent.parent / "corrections", tmp_path / "corrections")
    (tmp_path / "corrections" / "seed.yaml").write_bytes(
        (tmp_path / "corrections" / f"{SEED.stem}.yaml").read_bytes())
    run("build", "seed.txt", "--out", "plain", check=True, cwd=tmp_path)
    proc = run("build", "seed.txt", "--witness", "plain/seed.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    doc = etree.parse(str(tmp_path / "build" / "seed.tei.xml"))
    nested = [lem for lem in doc.iter(f"{T}lem") if lem.find(f"{T}choice") is not None]
    assert len(nested) >= 40
    for lem in nested:
        rdg = lem.getparent().find(f"{T}rdg")
        choice = lem.find(f"{T}choice")
        corr = "".join((choice.find(f"{T}corr") if choice.find(f"{T}corr") is not None
                        else choice.find(f"{T}reg")).itertext())
        # the witness's words hold the decision's reading (white space aside: a decision may add
        # a space the witness has between two of its words)
        assert "".join(corr.split()) in "".join("".join(rdg.itertext()).split())
    assert run("verify", "seed.txt", cwd=tmp_path).returncode == 0
    html = (tmp_path / "build" / "seed.html").read_text(encoding="utf-8")
    assert html.count('class="v') == len(list(doc.iter(f"{T}app")))


def test_the_edition_without_witnesses_has_no_apparatus(tmp_path):
    copy_witnesses(tmp_path)
    run("build", "gold.txt", check=True, cwd=tmp_path)
    tei = (tmp_path / "build" / "gold.tei.xml").read_bytes()
    assert b"<app>" not in tei and b"listWit" not in tei and b"variantEncoding" not in tei


def test_a_variant_covering_part_of_a_decision_grows_over_it():
    """``willh ang`` read ``will hang`` by the witness is two variants of one word each; the
    editor's decision on the whole span joins them into one entry holding the decision."""
    from edition.model import Correction, Kind, Status
    text = "They willh ang him tomorrow.\n"
    at = text.index("willh ang")
    c = Correction("sp-1", at, at + 9, "willh ang", Kind.SPLIT, Status.ACCEPTED, ("will hang",), 0.9,
                   reading="will hang", by="Ana", on="2026-12-04T10:00:00Z")
    source = source_from_text(text, Path("t.txt"))
    witness = witness_from_source("B", source_from_text("They will hang him tomorrow.\n", Path("b.txt")))
    plan = plan_edition(source, [c], [witness])
    assert plan.apparatus.left_out == 0
    assert [(e.start, e.end, e.readings) for e in plan.apparatus.entries] == [
        (at, at + 9, ((("B",), "will hang"),))]
    doc = parse_tei(write_tei(TeiInputs(plan, EditionMetadata(title="t"), "0.1.0")))
    lem = next(doc.iter(f"{T}lem"))
    assert lem.find(f"{T}choice") is not None and read_edition(doc).source == text
