"""A garbled run is flagged once: flags that only spaces separate become one flag over the run
(edition.detection.detectors.unclear.group_runs), through the real CLI and as a property."""
from __future__ import annotations

from hypothesis import given, strategies as st

from edition.detection.runner import detect
from edition.detection.detectors.unclear import KIND, group_runs
from edition.model import Kind, Proposal

from cli_helpers import detect_json, run

# Debris of a newspaper column between two clean sentences (letters and marks that no word is).
TEXT = ("The prisoner was taken into custody on the same day. e~oMt 4tMy ~peo~~ "
        "He was remanded for a week.\nThe next case was heard at noon.\n")


def test_a_garbled_run_is_one_flag_through_the_cli(tmp_path):
    src = tmp_path / "column.txt"
    src.write_text(TEXT, encoding="utf-8")
    flags = [p for p in detect_json(src, tmp_path) if p["kind"] == "unclear"]
    assert [p["original"] for p in flags] == ["e~oMt 4tMy ~peo~~"]
    assert flags[0]["readings"] == [] and "3 garbled words in a row" in flags[0]["why"]
    # the corrections file holds the one entry, and applying it changes nothing
    out = run("apply", src.name, "--include-proposals", cwd=tmp_path, check=True)
    assert out.stdout == TEXT


def test_a_line_break_or_a_word_between_flags_ends_the_run():
    text = "e~oMt\n4tMy and ~peo~~ ~x~"
    flags = [Proposal(0, 5, "e~oMt", (), KIND, 0.9, "m"), Proposal(6, 10, "4tMy", (), KIND, 0.9, "m"),
             Proposal(15, 21, "~peo~~", (), KIND, 0.9, "m"), Proposal(22, 25, "~x~", (), KIND, 0.8, "m")]
    assert [p.original for p in group_runs(text, flags)] == ["e~oMt", "4tMy", "~peo~~ ~x~"]


def test_readings_are_never_grouped():
    text = "tlie e~oMt"
    props = [Proposal(0, 4, "tlie", ("the",), Kind.GLYPH, 0.9, "li for h"),
             Proposal(5, 10, "e~oMt", (), KIND, 0.9, "m")]
    assert group_runs(text, props) == props


words = st.text(alphabet="ab~4 \n", min_size=0, max_size=60)


@given(words)
def test_no_two_flags_are_left_with_only_spaces_between_them(text):
    proposals = detect(text)
    assert detect(text) == proposals  # deterministic
    for a, b in zip(proposals, proposals[1:]):
        assert a.end <= b.start
        both_flags = not a.readings and not b.readings and a.kind == b.kind == Kind.UNCLEAR
        gap = text[a.end:b.start]
        assert not (both_flags and gap and gap.strip(" \t") == "")
    for p in proposals:
        assert text[p.start:p.end] == p.original
