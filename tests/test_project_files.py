"""No command writes an output over a file the project owns (the source, a corrections file, the
lexicon, the metadata file, the corpus store, another document's source)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from cli_helpers import run, seed_project


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """Two detected documents, s.txt and b.txt, a lexicon and a metadata file."""
    seed_project(tmp_path, "s.txt")
    (tmp_path / "b.txt").write_text((tmp_path / "s.txt").read_text(encoding="utf-8")[:3000],
                                    encoding="utf-8")
    run("detect", "s.txt", "-q", cwd=tmp_path, check=True)
    run("detect", "b.txt", "-q", cwd=tmp_path, check=True)
    run("lexicon", "add", "s.txt", "Nentori", "-q", cwd=tmp_path, check=True)
    (tmp_path / "s.edition.yaml").write_text("title: The Introduction\n", encoding="utf-8")
    (tmp_path / "corrections" / ".corpus").mkdir()
    (tmp_path / "corrections" / ".corpus" / "lexicon.json").write_text("{}", encoding="utf-8")
    return tmp_path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


OWNED = {
    "corrections/s.yaml": "the source's corrections file",
    "s.txt": "the source",
    "corrections/lexicon.txt": "the project lexicon",
    "s.edition.yaml": "the source's metadata file",
    "corrections/b.yaml": "a corrections file",
    "b.txt": "the source of corrections/b.yaml",
    "corrections/.corpus/lexicon.json": "a file of the corpus store",
}


@pytest.mark.parametrize("target", sorted(OWNED))
@pytest.mark.parametrize("command", [["apply"], ["diff", "--format", "html"]])
def test_an_output_over_an_owned_file_is_refused(project, command, target):
    before = _snapshot(project)
    proc = run(command[0], "s.txt", *command[1:], "-o", target, cwd=project)
    assert proc.returncode == 1
    assert proc.stderr == (f"edition: error: -o: {target} is {OWNED[target]}, which an output never "
                           "overwrites; write the output elsewhere\n")
    assert _snapshot(project) == before


def test_a_link_to_the_corrections_file_is_the_corrections_file(project):
    os.symlink("corrections/s.yaml", project / "link.yaml")
    os.link(project / "corrections" / "s.yaml", project / "hard.yaml")
    before = (project / "corrections" / "s.yaml").read_bytes()
    for target in ("link.yaml", "hard.yaml"):
        proc = run("apply", "s.txt", "-o", target, cwd=project)
        assert proc.returncode == 1 and "corrections file" in proc.stderr, proc.stderr
    assert (project / "corrections" / "s.yaml").read_bytes() == before


def test_a_chosen_corrections_file_is_owned_too(project):
    run("detect", "s.txt", "--corrections", "review/s.yaml", "-q", cwd=project, check=True)
    before = (project / "review" / "s.yaml").read_bytes()
    proc = run("apply", "s.txt", "--corrections", "review/s.yaml", "-o", "review/s.yaml",
               cwd=project)
    assert proc.returncode == 1 and "the source's corrections file" in proc.stderr
    assert (project / "review" / "s.yaml").read_bytes() == before


def test_build_refuses_an_out_folder_that_holds_the_source(project):
    before = _snapshot(project)
    proc = run("build", "s.txt", "--out", ".", "--validator", "none", cwd=project)
    assert proc.returncode == 1
    assert proc.stderr == ("edition: error: --out .: s.txt is the source, which an output never "
                           "overwrites; choose another --out folder\n")
    assert _snapshot(project) == before


def test_a_corpus_build_refuses_it_per_document(project):
    before = _snapshot(project)
    proc = run("build", "s.txt", "b.txt", "--out", ".", "--validator", "none", "-j", "1",
               cwd=project)
    assert proc.returncode == 1
    assert "s.txt is the source, which an output never overwrites" in proc.stderr
    assert "b.txt is the source, which an output never overwrites" in proc.stderr
    after = _snapshot(project)  # the run keeps its state in the corpus store, nothing else
    assert {k: v for k, v in after.items() if not k.startswith("corrections/.corpus/")} == \
        {k: v for k, v in before.items() if not k.startswith("corrections/.corpus/")}


def test_outputs_the_project_does_not_own_are_written(project):
    run("apply", "s.txt", "-o", "clean.txt", "-q", cwd=project, check=True)
    run("diff", "s.txt", "--format", "html", "-o", "build/s.diff.html", "-q", cwd=project,
        check=True)
    run("build", "s.txt", "--validator", "none", "-q", cwd=project, check=True)
    # a text whose stem has a corrections file but that is not its source: an earlier output
    run("apply", "s.txt", "-o", "build/s.txt", "-q", cwd=project, check=True)
    assert (project / "clean.txt").read_text(encoding="utf-8") == \
        (project / "build" / "s.txt").read_text(encoding="utf-8")
