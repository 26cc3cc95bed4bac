"""A letter added at a word's end: an inflection is the author's, any other ending a misreading.

The word engine never proposes a reading that only adds or drops an inflectional ending
(``Albanians``/``Albanian``: grammar, not a misread glyph). A ``d`` is such an ending only after a
silent e (``use``/``used``): ``saidd`` is ``said`` misread, and was read as ``side`` while
``said`` was taken for its inflection. Through the CLI, on a passage of a court report.
"""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, strategies as st

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


def _inflection_by_the_rule(a: str, b: str) -> bool:
    """The rule written out, every ending tried (the definition ``readings._inflection_of``,
    written to be cheap, must equal)."""
    from edition.detection.evidence import readings

    short, long_ = sorted((a, b), key=len)
    if any(long_ == short + e and (e != "d" or short.endswith(readings._D_AFTER)) for e in readings._ENDINGS):
        return True
    return len(long_) == len(short) + 1 and long_[-2:] in readings._POSSESSIVE and long_[:-2] + "s" == short


_STEMS = st.text(alphabet="sdeu'’a", max_size=6)


@given(_STEMS, st.sampled_from(("", "s", "es", "'s", "’s", "d", "ed", "e", "sd", "'", "ses")), _STEMS, st.booleans())
def test_an_ending_is_an_inflection_by_the_rule(stem, ending, other, swap):
    """``readings._inflection_of`` gives what the rule gives, for words one of which may be the
    other with an ending, a possessive beside a plural, or anything else, in either order."""
    from edition.detection.evidence import readings

    for a, b in ((stem, stem + ending), (stem, other), (stem + "'s", stem + "s"), (stem + ending, other + ending)):
        if swap:
            a, b = b, a
        assert readings._inflection_of(a, b) == _inflection_by_the_rule(a, b), (a, b)
