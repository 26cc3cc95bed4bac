"""``edition collate`` run as a user runs it, on real OCR of the same pages."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from cli_helpers import run

OCR = Path(__file__).resolve().parent / "data" / "ocr" / "bln-3200797034"


def copy_witnesses(tmp_path: Path) -> None:
    shutil.copytree(OCR / "alto", tmp_path / "tess53")
    shutil.copytree(OCR / "page", tmp_path / "tess55")
    shutil.copy(OCR / "gold.txt", tmp_path / "gold.txt")


def test_collate_writes_the_summary_and_the_json(tmp_path):
    copy_witnesses(tmp_path)
    proc = run("collate", "tess53", "tess55", "gold.txt", "--sigla", "T53,T55,G", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "T55: tess55" in proc.stdout and "of the base's tokens agree" in proc.stdout
    assert "wrote build/tess53.collation.json" in proc.stdout
    doc = json.loads((tmp_path / "build" / "tess53.collation.json").read_text(encoding="utf-8"))
    assert [w["siglum"] for w in doc["witnesses"]] == ["T53", "T55", "G"]
    assert doc["variants"]
    texts = {w: (tmp_path / p) for w, p in (("G", "gold.txt"),)}
    gold = texts["G"].read_text(encoding="utf-8")
    for v in doc["variants"]:
        assert len(v["readings"]) == 3
        assert len({r["text"] for r in v["readings"]}) > 1
        g = v["readings"][2]
        assert gold[g["chars"][0]:g["chars"][1]] == g["text"]


def test_collating_a_witness_with_itself_finds_no_variant(tmp_path):
    copy_witnesses(tmp_path)
    proc = run("collate", "gold.txt", "gold.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "0 place(s) where the witnesses differ" in proc.stdout
    doc = json.loads((tmp_path / "build" / "gold.collation.json").read_text(encoding="utf-8"))
    assert doc["variants"] == []


def test_collate_refuses_one_witness_bad_sigla_and_a_missing_file(tmp_path):
    copy_witnesses(tmp_path)
    one = run("collate", "gold.txt", cwd=tmp_path)
    assert one.returncode == 1 and "two witnesses or more" in one.stderr
    same = run("collate", "gold.txt", "tess53", "--sigla", "A,A", cwd=tmp_path)
    assert same.returncode == 1 and "sigla must differ" in same.stderr
    bad = run("collate", "gold.txt", "tess53", "--sigla", "A,1x", cwd=tmp_path)
    assert bad.returncode == 1 and "siglum" in bad.stderr
    missing = run("collate", "gold.txt", "nothere.txt", cwd=tmp_path)
    assert missing.returncode == 1 and "nothere.txt" in missing.stderr
    assert not (tmp_path / "build").exists()


def test_collate_never_writes_over_a_witness(tmp_path):
    copy_witnesses(tmp_path)
    (tmp_path / "out").mkdir()
    shutil.copy(tmp_path / "gold.txt", tmp_path / "out" / "gold.collation.json")
    proc = run("collate", "gold.txt", "out/gold.collation.json", "--out", "out", cwd=tmp_path)
    assert proc.returncode == 1 and "is a witness" in proc.stderr
    assert (tmp_path / "out" / "gold.collation.json").read_text() == (tmp_path / "gold.txt").read_text()


def test_collate_html_writes_the_side_by_side_page(tmp_path):
    copy_witnesses(tmp_path)
    proc = run("collate", "gold.txt", "tess55", "--html", "--out", "site", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "wrote site/gold.collation.html" in proc.stdout
    page = (tmp_path / "site" / "gold.collation.html").read_text(encoding="utf-8")
    doc = json.loads((tmp_path / "site" / "gold.collation.json").read_text(encoding="utf-8"))
    assert page.startswith("<!DOCTYPE html>")
    assert page.count('class="base hunk') + page.count('class="base gap hunk') == len(doc["variants"])
