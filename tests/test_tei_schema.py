"""The edition's TEI customization: ``edition/publish/schemas/edition.odd``, compiled to the
``edition.rng`` every build and verify is validated against.

The customization only leaves elements of TEI P5 out, so what it accepts ``tei_all`` accepts;
it must keep everything the edition writes now (the property tests of ``test_tei_roundtrip.py``
and the builds of ``test_build_cli.py`` validate against both schemas) and the markup of the
facsimile and the apparatus to come (``tests/data/tei/facsimile_and_apparatus.tei.xml``).
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from cli_helpers import load_script, run
from edition.publish.validate import EDITION_RNG, RNG_PATH, SCH_PATH, SCHEMA_DIR, relaxng_errors
from edition_project import make_project

# The tests that validate against tei_all share its compiled schema (conftest.tei_schema, ~7 s
# to load): in a parallel run they go to one worker, which loads it once.
pytestmark = pytest.mark.xdist_group("tei_schema")

ROOT = Path(__file__).resolve().parents[1]
ODD = SCHEMA_DIR / "edition.odd"
COMING = Path(__file__).resolve().parent / "data" / "tei" / "facsimile_and_apparatus.tei.xml"
TEI_NS = "http://www.tei-c.org/ns/1.0"

MINIMAL = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title>
</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>
</teiHeader><text><body><p>%s</p></body></text></TEI>"""


def _compiler():
    return load_script("benchmarks/derive/compile_odd.py")


def test_the_shipped_schema_is_what_the_odd_compiles_to():
    assert EDITION_RNG.read_bytes() == _compiler().compile_odd(), (
        "edition.rng is stale: run python benchmarks/derive/compile_odd.py")


def test_the_odd_is_itself_valid_tei(tei_schema):
    doc = etree.parse(str(ODD))
    assert tei_schema.validate(doc), tei_schema.error_log


def test_the_facsimile_and_the_apparatus_to_come_are_valid_against_both_schemas(tei_schema):
    doc = etree.parse(str(COMING))
    assert relaxng_errors(doc, "edition") == []
    assert tei_schema.validate(doc), tei_schema.error_log
    names = {etree.QName(el).localname for el in doc.iter() if isinstance(el.tag, str)}
    assert {"pb", "lb", "facsimile", "surface", "zone", "graphic", "app", "lem", "rdg",
            "listWit", "witness", "variantEncoding"} <= names


def test_an_element_the_edition_does_not_write_is_refused_by_its_schema_only(tei_schema):
    # a name and a quotation are good TEI, but nothing the edition writes
    for markup in (b"<persName>Stalin</persName>", b"<quote>Und schwarze Kutten</quote>"):
        doc = etree.fromstring(MINIMAL % markup)
        errors = relaxng_errors(doc, "edition")
        assert errors and ("persName" in errors[0] or "quote" in errors[0]), errors
        assert tei_schema.validate(doc), tei_schema.error_log
    # and a content model is still TEI's: a paragraph holds no division
    doc = etree.fromstring(MINIMAL % b"<div><p>x</p></div>")
    assert relaxng_errors(doc, "edition")


def _odd_with(tmp_path, old: str, new: str) -> Path:
    text = ODD.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "custom.odd"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_the_compiler_refuses_an_element_tei_does_not_define(tmp_path):
    odd = _odd_with(tmp_path, 'include="g charDecl', 'include="gliph charDecl')
    with pytest.raises(SystemExit, match="gliph"):
        _compiler().compile_odd(odd, RNG_PATH)


def test_leaving_out_an_element_that_a_kept_one_needs_leaves_out_that_one_too(tmp_path):
    # without <title>, a titleStmt (which needs one) can hold nothing, nor can the fileDesc, the
    # teiHeader and the TEI that need it: the compiler says so instead of writing a schema that
    # accepts no document
    odd = _odd_with(tmp_path, " title author ", " author ")
    with pytest.raises(SystemExit, match="start element TEI"):
        _compiler().compile_odd(odd, RNG_PATH)
    # without <graphic>, a facsimile still holds surfaces: only that alternative is gone
    odd = _odd_with(tmp_path, " desc graphic", " desc")
    rng = etree.RelaxNG(etree.fromstring(_compiler().compile_odd(odd, RNG_PATH)))
    doc = etree.parse(str(COMING))
    assert not rng.validate(doc)
    for graphic in doc.iter(f"{{{TEI_NS}}}graphic"):
        graphic.getparent().remove(graphic)
    assert rng.validate(doc), rng.error_log


def test_verify_names_markup_outside_the_edition_schema(tmp_path, monkeypatch):
    src = make_project(tmp_path, monkeypatch)
    assert run("build", str(src), "-q", cwd=tmp_path).returncode == 0
    tei = tmp_path / "build" / "seed.tei.xml"
    tei.write_bytes(tei.read_bytes().replace(b"Enver Hoxha</author>",
                                             b"<persName>Enver Hoxha</persName></author>", 1))
    proc = run("verify", str(src), cwd=tmp_path)
    assert proc.returncode == 1
    assert "not valid TEI (edition)" in proc.stderr and "persName" in proc.stderr


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("jing"), reason="jing is not installed")
def test_jing_accepts_the_odd_the_facsimile_and_the_apparatus_against_tei_all():
    for doc in (ODD, COMING):
        for schema in (RNG_PATH, SCH_PATH):
            proc = subprocess.run(["jing", str(schema), str(doc)], capture_output=True, text=True)
            assert proc.returncode == 0, (doc.name, schema.name, proc.stdout)
        proc = subprocess.run(["jing", str(EDITION_RNG), str(doc)], capture_output=True, text=True)
        assert (proc.returncode == 0) == (doc == COMING), (doc.name, proc.stdout)
