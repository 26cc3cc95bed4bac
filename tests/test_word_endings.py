"""A letter added at a word's end: an inflection is the author's, any other ending a misreading.

The word engine never proposes a reading that only adds or drops an inflectional ending
(``Albanians``/``Albanian``: grammar, not a misread glyph). A ``d`` is such an ending only after a
silent e (``use``/``used``): ``saidd`` is ``said`` misread, and was read as ``side`` while
``said`` was taken for its inflection. Through the CLI, on a passage of a court report.
"""
from __future__ import annotations

from pathlib import Path

from cli_helpers import detect_json

PASSAGE = ("The prisoner was brought up on remand. The constable saidd that he found the "
           "prisoner in the yard of the house, and that he used the ladder to reach the window. "
           "The prisoner said nothing in his defence, and was committed for trial.\n")


def _detect(tmp_path: Path) -> list[dict]:
    source = tmp_path / "report.txt"
    source.write_text(PASSAGE, encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    return detect_json(source, project)


def test_a_doubled_final_d_is_read_as_the_word(tmp_path: Path) -> None:
    proposals = {p["original"]: p for p in _detect(tmp_path)}
    assert proposals["saidd"]["readings"][0] == "said", proposals["saidd"]


def test_an_inflection_is_not_read_as_its_stem(tmp_path: Path) -> None:
    originals = {p["original"] for p in _detect(tmp_path)}
    assert not originals & {"used", "said", "brought", "committed"}, originals
