"""A reading the word list has only as two words run together (``ofthe``, ``withthe``: web text
with a space lost) is proposed as the two words: ``on'the`` reads as ``on the``, not ``onthe``.
Through the CLI on a written passage; the division itself (which pairs, and names left whole) in
:func:`edition.detection.detectors.words.spaced`'s examples."""
from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import detect_json

PASSAGE = ("He walked along the river on'the morning of the fair, and'the crowd followed him to "
           "the market of'the town, where the mayor spoke of his work for the poor of the parish.\n")


@pytest.fixture(scope="module")
def proposals(tmp_path_factory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("run_together")
    (folder / "in").mkdir()
    source = folder / "in" / "fair.txt"
    source.write_text(PASSAGE, encoding="utf-8")
    (folder / "project").mkdir()
    return {p["original"]: p for p in detect_json(source, folder / "project")}


@pytest.mark.parametrize("original,reading", [("on'the", "on the"), ("and'the", "and the"), ("of'the", "of the")])
def test_a_reading_run_together_is_proposed_as_two_words(proposals, original, reading):
    p = proposals[original]
    assert p["readings"][0] == reading
    assert "two words run together" in p["why"]
