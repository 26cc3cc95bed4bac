"""`edition verify`: a built edition passes; any tampering, a changed source or a decision
changed after the build fails with exit 1 and a message naming the file and the place."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from cli_helpers import run
from edition.cli import main
from edition_project import make_project

# The tests that validate TEI share the compiled tei_all schema (conftest.tei_schema, ~7 s to
# load): in a parallel run they go to one worker, which loads it once.
pytestmark = pytest.mark.xdist_group("tei_schema")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory, tei_schema):
    root = tmp_path_factory.mktemp("verify")
    with pytest.MonkeyPatch.context() as mp:
        src = make_project(root, mp)
        assert main(["build", str(src), "--validator", "lxml", "-q"]) == 0
    return root


@pytest.fixture
def project(pristine, tmp_path, monkeypatch):
    root = tmp_path / "p"
    shutil.copytree(pristine, root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("EDITION_EDITOR", "Bo Editor")
    return root


def verify(capsys) -> tuple[int, str]:
    code = main(["verify", "seed.txt", "--validator", "lxml"])
    return code, capsys.readouterr().err


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_a_fresh_build_verifies(project, capsys):
    assert verify(capsys) == (0, "")


TAMPERING = {
    # TEI: a changed word of the copy text
    "tei-source-text": ("build/seed.tei.xml", "loyal friend of the Albanian", "loyal friend of the Albanain",
                        r"seed\.tei\.xml:line \d+: the source text read from the TEI \(<p> block\) "
                        r"differs from seed\.txt at its line 21"),
    # TEI: a corrected reading changed by hand
    "tei-reading": ("build/seed.tei.xml", ">not told</corr>", ">not sold</corr>",
                    r"seed\.tei\.xml:line \d+: decision rw-\w+: the edition has reading 'not sold'"),
    # TEI: the editor pointer of a correction
    "tei-resp": ("build/seed.tei.xml", 'type="glyph" resp="#ed-ana-editor"', 'type="glyph"',
                 r"decision gl-\w+: the edition has editor None"),
    # TEI: the header
    "tei-header": ("build/seed.tei.xml", "<author>Enver Hoxha</author>", "<author>Someone</author>",
                   r"seed\.tei\.xml:line 7: differs from a fresh build"),
    # TEI: invalid markup
    "tei-invalid": ("build/seed.tei.xml", '<unclear ', '<unclear foo="x" ',
                    r"seed\.tei\.xml: not valid TEI \(lxml\): line \d+: Invalid attribute foo"),
    # TEI: a pointer to nothing (valid markup, so only our own check sees it)
    "tei-pointer": ("build/seed.tei.xml", 'who="#ed-ana-editor"', 'who="#ed-nobody"',
                    r"change/@who=#ed-nobody points to nothing"),
    # TEI: not XML any more
    "tei-broken": ("build/seed.tei.xml", "</body>", "</bdy>", r"not well-formed XML"),
    # reading text
    "txt": ("build/seed.txt", "Lenin, the brilliant", "Lenin the brilliant",
            r"seed\.txt:line 33, column 22: differs from the reading text of the TEI"),
    # audit
    "audit": ("build/seed.audit.json", '"reading": "not told"', '"reading": "not sold"',
              r"seed\.audit\.json:entry rw-\w+: reading is 'not sold' in the audit"),
    # diff page and reading view
    "diff-html": ("build/seed.diff.html", "resolute co-fighter", "resolute cofighter",
                  r"seed\.diff\.html:line \d+: differs from a fresh build"),
    "reading-view": ("build/seed.html", "resolute co-fighter", "resolute cofighter",
                     r"seed\.html:line \d+: differs from a fresh build"),
    # the source itself
    "source": ("seed.txt", "resolute co-fighter", "resolute cofighter",
               r"seed\.txt: the source changed since the build: its SHA-256 is"),
}


@pytest.mark.parametrize("case", sorted(TAMPERING))
def test_tampering_is_caught_and_named(project, capsys, case):
    path, old, new, message = TAMPERING[case]
    edit(project / path, old, new)
    code, err = verify(capsys)
    assert code == 1
    assert re.search(message, err), err
    assert err.count("\n") == 1  # one line


def test_a_decision_changed_after_the_build_is_caught(project, capsys):
    audit = json.loads((project / "build" / "seed.audit.json").read_text(encoding="utf-8"))
    cid = next(e["id"] for e in audit["entries"] if e["original"] == "not fold")
    assert main(["edit", "seed.txt", cid, "--reading", "not sold", "-q"]) == 0
    code, err = verify(capsys)
    assert code == 1 and f"decision {cid}: the edition has reading 'not told'" in err
    assert "corrections/seed.yaml" in err


def test_a_decision_added_after_the_build_is_caught(project, capsys):
    assert main(["add", "seed.txt", "--find", "Circumstances", "--reading", "circumstances",
                 "--kind", "case", "-q"]) == 0
    code, err = verify(capsys)
    assert code == 1 and "is not in the edition: it was made or changed after the build" in err


def test_a_rejection_after_the_build_is_caught(project, capsys):
    audit = json.loads((project / "build" / "seed.audit.json").read_text(encoding="utf-8"))
    cid = next(e["id"] for e in audit["entries"] if e["original"] == "V1adimir")
    assert main(["reject", "seed.txt", cid, "-q"]) == 0
    code, err = verify(capsys)
    assert code == 1 and cid in err


def test_a_missing_output_is_named(project, capsys):
    (project / "build" / "seed.html").unlink()
    code, err = verify(capsys)
    assert code == 1 and "build/seed.html: missing" in err


def test_rebuilding_after_a_change_verifies_again(project, capsys):
    edit(project / "seed.txt", "resolute co-fighter", "resolute cofighter")
    assert verify(capsys)[0] == 1
    assert main(["build", "seed.txt", "--validator", "lxml", "-q"]) == 0
    capsys.readouterr()  # the build's own warnings (this project names no language)
    assert verify(capsys) == (0, "")


def test_verify_names_the_output_path_and_a_missing_source_first(tmp_path):
    """Verify said `seed.txt:line 3` for build/seed.txt (the source has the same name), and
    blamed a missing build for a missing source."""
    src = tmp_path / "seed.txt"
    src.write_text("First line.\n\nSecond line with V1adimir.\n")
    run("build", "seed.txt", "--validator", "none", cwd=tmp_path, check=True)
    built = tmp_path / "build" / "seed.txt"
    built.write_text(built.read_text().replace("Second", "Secnod"))
    proc = run("verify", "seed.txt", "--validator", "none", cwd=tmp_path)
    assert proc.returncode == 1 and "build/seed.txt:line 3" in proc.stderr
    proc = run("verify", "gone.txt", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stderr.strip() == "edition: error: gone.txt: no such file"
