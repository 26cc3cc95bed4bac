"""The word-level diff: dmp hunks, each linked to the decisions that caused it."""
from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from edition.apply import apply_corrections, edits
from edition.cli import main
from edition.publish.diff import diff_hunks, render_terminal, render_unified
from edition.model import Correction, Kind, Status, spans_overlap
from edition_project import DECISIONS, make_project


def _c(cid: str, text: str, find: str, reading: str, kind=Kind.OTHER) -> Correction:
    at = text.index(find)
    return Correction(cid, at, at + len(find), find, kind, Status.ACCEPTED, reading=reading)


def test_hunks_are_word_level_and_linked():
    text = "the theeconomic aid of V1adimir and others, i n time"
    cs = [_c("mg-1", text, "theeconomic", "the economic", Kind.MERGE),
          _c("gl-1", text, "V1adimir", "Vladimir", Kind.GLYPH),
          _c("sp-1", text, "i n", "in", Kind.SPLIT)]
    reading = apply_corrections(text, cs)
    changes = [s for s in diff_hunks(text, reading, edits(text, cs)) if s.tag != "equal"]
    assert [(s.old, s.new, s.ids) for s in changes] == [
        ("theeconomic", "the economic", ("mg-1",)),
        ("V1adimir", "Vladimir", ("gl-1",)),
        ("i n", "in", ("sp-1",)),
    ]
    # the segments restore both sides
    segs = diff_hunks(text, reading, edits(text, cs))
    assert "".join(s.old for s in segs) == text and "".join(s.new for s in segs) == reading


def test_terminal_and_unified_renderings_name_the_decisions():
    text = "line one\nof V1adimir Ilyich\nline three"
    cs = [_c("gl-1", text, "V1adimir", "Vladimir", Kind.GLYPH)]
    reading = apply_corrections(text, cs)
    segs = diff_hunks(text, reading, edits(text, cs))
    plain = render_terminal(text, segs, color=False)
    assert "line 2:4  gl-1" in plain and "[-V1adimir-]{+Vladimir+}" in plain
    assert "\x1b[31m" in render_terminal(text, segs, color=True)
    assert render_unified(text, reading, segs, name="a", new_name="b") == (
        "--- a\n+++ b\n@@ -2,1 +2,1 @@ gl-1\n-of V1adimir Ilyich\n+of Vladimir Ilyich\n")


WORDS = st.lists(st.sampled_from(["the", "a", "V1adimir", "Statin", " ", "  ", "\n", ",", ".",
                                  "word", "é", "中", "&", "<"]), max_size=40).map("".join)


@settings(max_examples=200, deadline=None)
@given(WORDS, st.data())
def test_every_change_is_explained_by_a_decision(text, data):
    cs: list[Correction] = []
    for k in range(data.draw(st.integers(0, 5))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 6)))
        reading = data.draw(WORDS.filter(lambda r: r != text[start:end]))
        if any(spans_overlap(start, end, c.start, c.end) for c in cs):
            continue
        cs.append(Correction(f"c{k}", start, end, text[start:end], Kind.OTHER, Status.EDITED,
                             reading=reading))
    reading = apply_corrections(text, cs)
    segs = diff_hunks(text, reading, edits(text, cs))
    assert "".join(s.old for s in segs) == text and "".join(s.new for s in segs) == reading
    changed = [s for s in segs if s.tag != "equal"]
    assert all(s.ids for s in changed)
    linked = {i for s in changed for i in s.ids}
    # every decision that really changes the text shows up in some hunk
    assert linked <= {c.id for c in cs}


def test_diff_command_formats(tmp_path, monkeypatch, capsys):
    src = make_project(tmp_path, monkeypatch)
    capsys.readouterr()
    assert main(["diff", str(src), "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert "[-V1adimir-]{+Vladimir+}" in out and out.count("\nline ") + 1 == 5
    assert main(["diff", str(src), "--format", "json"]) == 0
    hunks = json.loads(capsys.readouterr().out)["hunks"]
    assert len(hunks) == sum(1 for _, r, _ in DECISIONS if r) and all(h["ids"] for h in hunks)
    assert main(["diff", str(src), "--format", "unified", "-o", "c.patch", "-q"]) == 0
    assert (tmp_path / "c.patch").read_text(encoding="utf-8").startswith("--- seed.txt\n")
    assert main(["diff", str(src), "--format", "html", "-o", "d.html", "-q"]) == 0
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "http" not in page


_PATCH_PIECES = st.lists(st.sampled_from(["the", "V1adimir", " ", "\n", "\n\n", ",", "word", "é"]),
                   min_size=1, max_size=30).map("".join)


@settings(max_examples=60, deadline=None)
@given(_PATCH_PIECES, st.data())
def test_the_unified_diff_applies_with_patch(text, data):
    """`diff --format unified` of a source without a final line end (or a change on its last
    line) did not apply with `patch`: it lacked '\\ No newline at end of file'."""
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    import pytest

    from edition.apply import apply_corrections, edits
    from edition.publish.diff import diff_hunks, render_unified
    from edition.model import spans_overlap

    if not shutil.which("patch"):
        pytest.skip("no `patch` program here")
    cs: list[Correction] = []
    for k in range(data.draw(st.integers(1, 4))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 5)))
        reading = data.draw(_PATCH_PIECES.filter(lambda r: r != text[start:end]))
        if not any(spans_overlap(start, end, c.start, c.end) for c in cs):
            cs.append(Correction(f"c{k}", start, end, text[start:end], Kind.OTHER, Status.EDITED,
                                 reading=reading))
    reading = apply_corrections(text, cs)
    patch_text = render_unified(text, reading, diff_hunks(text, reading, edits(text, cs)), name="t", new_name="t")
    with tempfile.TemporaryDirectory() as tmp:
        target, diff = Path(tmp) / "t", Path(tmp) / "t.patch"
        target.write_bytes(text.encode("utf-8"))
        diff.write_bytes(patch_text.encode("utf-8"))
        proc = subprocess.run(["patch", "-s", "-f", "--no-backup-if-mismatch", str(target), str(diff)],
                              capture_output=True, text=True)
        assert proc.returncode == 0, (proc.stdout, proc.stderr, patch_text)
        assert target.read_bytes().decode("utf-8") == reading
