"""`edition build` on a copy of the seed, as a new user would run it."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from lxml import etree

from cli_helpers import run
from edition.cli import main
from edition.publish.tei.pointers import unresolved_pointers
from edition.publish.tei.reader import load_tei, read_edition
from edition.publish.validate import relaxng_errors
from edition_project import DECISIONS, make_project

# The tests that validate TEI share the compiled tei_all schema (conftest.tei_schema, ~7 s to
# load): in a parallel run they go to one worker, which loads it once.
pytestmark = pytest.mark.xdist_group("tei_schema")

TEI = "{http://www.tei-c.org/ns/1.0}"
NS = {"t": TEI[1:-1]}
XML_NS = "http://www.w3.org/XML/1998/namespace"


@pytest.fixture
def built(tmp_path, monkeypatch, tei_schema):
    src = make_project(tmp_path, monkeypatch)
    assert main(["build", str(src), "--validator", "lxml", "-q"]) == 0
    return tmp_path, src


def test_build_writes_five_files_into_the_ignored_build_folder(built):
    root, src = built
    names = sorted(p.name for p in (root / "build").iterdir())
    assert names == ["seed.audit.json", "seed.diff.html", "seed.html", "seed.tei.xml", "seed.txt"]


def test_tei_is_valid_with_resolving_pointers_and_real_structure(built, tei_schema):
    root, _ = built
    doc = load_tei(root / "build" / "seed.tei.xml")
    assert tei_schema.validate(doc), tei_schema.error_log
    assert relaxng_errors(doc, "edition") == []  # and the edition's own schema
    assert unresolved_pointers(doc) == []
    x = lambda path: doc.xpath(path, namespaces=NS)  # noqa: E731
    assert x("string(//t:titleStmt/t:title)") == "Memoirs from my Meetings with Stalin"
    assert x("string(//t:titleStmt/t:author)") == "Enver Hoxha"
    assert x("string(//t:respStmt/t:name)") == "Ana Editor"
    assert "1981" in x("string(//t:sourceDesc/t:bibl[@type='print'])")
    assert "8 Nentori" in x("string(//t:sourceDesc/t:bibl[@type='print'])")
    assert x("string(//t:sourceDesc/t:bibl[@type='electronic']//t:date/@when)") == "2000-04"
    assert x("count(//t:editorialDecl/t:correction | //t:editorialDecl/t:normalization"
             " | //t:editorialDecl/t:hyphenation)") == 3
    assert len(x("//t:revisionDesc/t:change")) == 1
    assert len(x("//t:front/t:titlePage/t:docTitle")) == 1
    assert len(x("//t:front//t:list[@type='contents']/t:item")) == 6
    assert len(x("//t:back/t:div[@type='colophon']")) == 1
    assert len(x("//t:body//t:p")) > 50
    assert len(x("//t:text//t:choice")) == 5 and len(x("//t:text//t:unclear")) == 1


def test_reading_text_and_audit(built):
    root, src = built
    reading = (root / "build" / "seed.txt").read_text(encoding="utf-8")
    assert "co-fighter of Vladimir Ilyich" in reading and "V1adimir Ilyich Lenin." in reading
    assert "you are not told" in reading and "social-imperialist bourgeoisie" in reading
    assert read_edition(load_tei(root / "build" / "seed.tei.xml")).reading == reading
    audit = json.loads((root / "build" / "seed.audit.json").read_text(encoding="utf-8"))
    assert len(audit["entries"]) == len(DECISIONS)
    entry = next(e for e in audit["entries"] if e["original"] == "not fold")
    assert entry["reading"] == "not told" and entry["by"] == "Ana Editor" and entry["on"]
    assert entry["effect"] == "replace" and entry["kind"] == "realword"
    assert reading[entry["edition_start"]:entry["edition_end"]] == "not told"
    assert audit["summary"]["changes"] == 5


def test_html_pages_are_offline_and_escape_text(built):
    root, _ = built
    for name in ("seed.diff.html", "seed.html"):
        page = (root / "build" / name).read_text(encoding="utf-8")
        tree = etree.HTML(page)
        assert not tree.xpath("//script[@src] | //link[@href] | //img | //iframe")
        assert "http://" not in page and "https://" not in page
    diff = etree.HTML((root / "build" / "seed.diff.html").read_text(encoding="utf-8"))
    links = diff.xpath("//span[contains(@class,'hunk')]/a/@href")
    assert len(links) == 5 and all(diff.xpath(f"//*[@id='{h[1:]}']") for h in links)
    assert diff.xpath("//svg/rect")


def test_edition_block_overrides_what_the_text_says(tmp_path, monkeypatch, tei_schema):
    src = make_project(tmp_path, monkeypatch)
    path = tmp_path / "corrections" / "seed.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("corrections:\n", "edition:\n  title: Memoirs (A & B <edition>)\n"
                                 "  publisher: Test Press\n  licence: CC BY 4.0\n"
                                 "  editors: {Ana Editor: proof-reading}\ncorrections:\n", 1),
                    encoding="utf-8")
    assert main(["build", str(src), "--validator", "lxml", "-q"]) == 0
    doc = load_tei(tmp_path / "build" / "seed.tei.xml")
    assert tei_schema.validate(doc), tei_schema.error_log
    assert relaxng_errors(doc, "edition") == []  # and the edition's own schema
    assert doc.xpath("string(//t:titleStmt/t:title)", namespaces=NS) == "Memoirs (A & B <edition>)"
    assert doc.xpath("string(//t:publicationStmt/t:publisher)", namespaces=NS) == "Test Press"
    assert doc.xpath("string(//t:respStmt/t:resp)", namespaces=NS) == "proof-reading"
    assert main(["verify", str(src), "--validator", "lxml", "-q"]) == 0


def test_unknown_metadata_key_is_refused(tmp_path, monkeypatch, capsys):
    src = make_project(tmp_path, monkeypatch)
    (tmp_path / "seed.edition.yaml").write_text("titel: Oops\n", encoding="utf-8")
    assert main(["build", str(src), "--validator", "none"]) == 1
    assert "unknown edition metadata key 'titel'" in capsys.readouterr().err


def test_pending_proposals_are_counted_not_applied(tmp_path, monkeypatch, capsys):
    src = make_project(tmp_path, monkeypatch)
    path = tmp_path / "corrections" / "seed.yaml"
    text = path.read_text(encoding="utf-8")
    at = (tmp_path / "seed.txt").read_text(encoding="utf-8").index("Circumstances")
    entry = (f"- id: ca-pending\n  status: proposed\n  kind: case\n  start: {at}\n"
             f"  end: {at + 13}\n  original: Circumstances\n  readings: [circumstances]\n")
    path.write_text(text + entry, encoding="utf-8")
    assert main(["build", str(src), "--validator", "none"]) == 0
    assert "1 pending proposal(s)" in capsys.readouterr().err
    assert "Circumstances" in (tmp_path / "build" / "seed.txt").read_text(encoding="utf-8")


def test_overlapping_decisions_stop_the_build(tmp_path, monkeypatch, capsys):
    src = make_project(tmp_path, monkeypatch)
    path = tmp_path / "corrections" / "seed.yaml"
    text = path.read_text(encoding="utf-8")
    at = (tmp_path / "seed.txt").read_text(encoding="utf-8").index("V1adimir")
    entry = (f"- id: gl-overlap\n  status: edited\n  kind: glyph\n  start: {at}\n"
             f"  end: {at + 2}\n  original: V1\n  reading: Vl\n")
    path.write_text(text + entry, encoding="utf-8")
    assert main(["build", str(src), "--validator", "none"]) == 1
    err = capsys.readouterr().err
    assert "gl-overlap" in err and "overlap" in err


@pytest.mark.slow
def test_the_real_command_builds_on_the_edition_schema_and_verifies_strictly_with_jing(
        tmp_path, monkeypatch):
    if not shutil.which("jing"):
        pytest.skip("jing is not installed")
    src = make_project(tmp_path, monkeypatch)
    proc = run("build", str(src), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "valid TEI (lxml: the edition's TEI customization" in proc.stdout
    # what the edition's schema let through is valid TEI P5 by the reference validator
    for schema in ("tei_all.rng", "tei_all.sch"):
        from edition.publish.validate import SCHEMA_DIR
        jing = subprocess.run(["jing", str(SCHEMA_DIR / schema), str(tmp_path / "build" / "seed.tei.xml")],
                              capture_output=True, text=True)
        assert jing.returncode == 0, jing.stdout
    proc = run("build", str(src), "--strict", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "valid TEI (jing: tei_all RELAX NG + Schematron)" in proc.stdout
    proc = run("verify", str(src), "--strict", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "verified" in proc.stdout


def test_build_without_a_corrections_file_is_the_source(tmp_path, monkeypatch, tei_schema):
    monkeypatch.chdir(tmp_path)
    from edition_project import SEED
    shutil.copy(SEED, tmp_path / "plain.txt")
    assert main(["build", "plain.txt", "--out", "site", "--validator", "lxml", "-q"]) == 0
    assert (tmp_path / "site" / "plain.txt").read_text(encoding="utf-8") == SEED.read_text(encoding="utf-8")
    assert main(["verify", "plain.txt", "--out", "site", "--validator", "lxml", "-q"]) == 0


def test_a_deletion_survives_the_corrections_file_and_the_build(tmp_path, monkeypatch, tei_schema):
    src = make_project(tmp_path, monkeypatch)
    at = (tmp_path / "seed.txt").read_text(encoding="utf-8").index("thought. and action") + 7
    assert main(["add", str(src), "--at", str(at), "--length", "1", "--reading", "",
                 "--kind", "punctuation", "-q"]) == 0
    assert main(["build", str(src), "--validator", "lxml", "-q"]) == 0
    assert "Revolutionary thought and action" in (tmp_path / "build" / "seed.txt").read_text(encoding="utf-8")
    doc = load_tei(tmp_path / "build" / "seed.tei.xml")
    assert tei_schema.validate(doc), tei_schema.error_log
    assert relaxng_errors(doc, "edition") == []  # and the edition's own schema
    assert doc.xpath("//t:choice[t:sic='.' and t:corr='']", namespaces=NS)
    assert main(["verify", str(src), "--validator", "lxml", "-q"]) == 0


def test_a_build_says_what_the_header_lacks_and_how_to_give_it(tmp_path):
    # a text with no title page and no metadata anywhere: a new user's first build
    (tmp_path / "notes.txt").write_text("It was a dark and stormy night; the rain fell in "
                                        "torrents, except at occasional intervals.\n" * 12,
                                        encoding="utf-8")
    proc = run("build", "notes.txt", "--validator", "none", "-q", cwd=tmp_path, check=True)
    lines = proc.stderr.splitlines()
    assert ("edition: warning: no title given: the TEI's title is the file name 'notes'; set it "
            "with `title: ...` in the edition: block of corrections/notes.yaml or in "
            "notes.edition.yaml") in lines
    assert ("edition: warning: no language given: the TEI has no xml:lang; set it with `language: "
            "en` (a BCP 47 code: en, de, fr, sq, ...) in the edition: block of "
            "corrections/notes.yaml or in notes.edition.yaml") in lines
    tei = load_tei(tmp_path / "build" / "notes.tei.xml")
    assert tei.xpath("string(//t:titleStmt/t:title)", namespaces=NS) == "notes"
    # done as it says: the warnings go, and the header has them
    (tmp_path / "notes.edition.yaml").write_text("title: A Stormy Night\nlanguage: en\n",
                                                 encoding="utf-8")
    proc = run("build", "notes.txt", "--validator", "none", "-q", cwd=tmp_path, check=True)
    assert "no title" not in proc.stderr and "no language" not in proc.stderr
    tei = load_tei(tmp_path / "build" / "notes.tei.xml")
    assert tei.xpath("string(//t:titleStmt/t:title)", namespaces=NS) == "A Stormy Night"
    assert tei.xpath("string(/t:TEI/@xml:lang)", namespaces={**NS, "xml": XML_NS}) == "en"


def test_a_title_the_text_gives_is_not_reported_missing(built, capsys):
    root, src = built
    assert main(["build", str(src), "--validator", "none"]) == 0
    assert "no title" not in capsys.readouterr().err
def test_build_without_a_corrections_file_says_so(tmp_path):
    """The README's quick start built an unchanged 'edition' without a word when the
    corrections file was missing."""
    (tmp_path / "t.txt").write_text("A tiny text with V1adimir in it.\n")
    proc = run("build", "t.txt", "--validator", "none", cwd=tmp_path, check=True)
    assert "no corrections file corrections/t.yaml" in proc.stderr


def test_build_of_a_missing_source_says_only_that_it_is_missing(tmp_path):
    """A mistyped SOURCE got the advice to detect it (no corrections file) before the error."""
    proc = run("build", "missing.txt", "--validator", "none", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr == "edition: error: missing.txt: no such file\n"
    assert not (tmp_path / "build").exists() and not (tmp_path / "corrections").exists()


def test_build_with_pending_proposals_points_to_the_review(tmp_path):
    """The warning about pending proposals named `edition status`, which only counts them."""
    (tmp_path / "t.txt").write_text("A tiny text with V1adimir in it.\n")
    run("detect", "t.txt", cwd=tmp_path, check=True)
    proc = run("build", "t.txt", "--validator", "none", cwd=tmp_path, check=True)
    assert ("edition: warning: 1 pending proposal(s) change nothing in this edition; review them "
            "with `edition review t.txt`") in proc.stderr.splitlines()
