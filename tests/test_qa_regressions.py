"""Regressions found by trying `edition` as a new user would (one test per bug, named for it)."""
from __future__ import annotations

from cli_helpers import run

from edition.corrections import load_corrections, new_corrections_file, parse_corrections, save_corrections
from edition.model import Correction, Kind, Status, context_of
from edition.relocate import relocate_all
from edition.source import read_source

TWICE = ("The hostility towards the co-fighter of V1adimir Ilyich Lenin grew.\n\n"
         "Stalin earned his place. The enemies struck after the death of V1adimir Ilyich Lenin.\n\n"
         "Before the body was cold, they plotted.\n")
DELETED = " The hostility towards the co-fighter of V1adimir Ilyich Lenin grew."


def _at(text: str, word: str, occurrence: int, cid: str, status: Status = Status.ACCEPTED) -> Correction:
    start = -1
    for _ in range(occurrence):
        start = text.index(word, start + 1)
    end = start + len(word)
    decided = status is not Status.PROPOSED
    return Correction(cid, start, end, word, Kind.GLYPH, status, readings=("Vladimir",),
                      reading="Vladimir" if status.changes_text else None,
                      context=context_of(text, start, end), by="Ana" if decided else None,
                      on="2026-11-27T10:00:00Z" if decided else None)


def _project(tmp_path, text: str, corrections: list[Correction]):
    src = tmp_path / "seed.txt"
    src.write_text(text)
    cf = new_corrections_file(tmp_path / "corrections" / "seed.yaml", read_source(src))
    for c in corrections:
        cf.put(c)
    save_corrections(cf)
    return src, cf.path


def test_deleted_twin_does_not_relocate_onto_the_other_occurrence():
    """Deleting the sentence of one of two identical artifacts made its correction land on the
    other one (same span twice: apply and build refused with 'overlap'); it must go stale."""
    first, second = _at(TWICE, "V1adimir", 1, "gl-first"), _at(TWICE, "V1adimir", 2, "gl-second")
    new = TWICE.replace(DELETED.strip(), "")
    moved, stale = relocate_all([first, second], new)
    assert stale == ["gl-first"]
    kept = next(c for c in moved if c.id == "gl-second")
    assert new[kept.start:kept.end] == "V1adimir" and new.index("death of V1adimir") + 9 == kept.start


def test_strong_context_wins_over_an_earlier_weak_match():
    """The entry whose whole context is intact keeps its place even when an earlier entry, found
    only by weaker evidence, would have matched the same span first."""
    first, second = _at(TWICE, "V1adimir", 1, "gl-first"), _at(TWICE, "V1adimir", 2, "gl-second")
    new = "A new preface.\n\n" + TWICE.replace(DELETED.strip(), "")
    moved, stale = relocate_all([second, first], new)
    assert stale == ["gl-first"]
    assert next(c for c in moved if c.id == "gl-second").start == new.index("death of V1adimir") + 9


def test_a_stale_decision_can_be_rejected_by_id_and_the_build_proceeds(tmp_path):
    """`reject ID` on a stale entry printed 'nothing to do' (exit 0) while build said 'review
    it': the editor had no way out but hand-editing the YAML."""
    src, cpath = _project(tmp_path, TWICE, [_at(TWICE, "V1adimir", 1, "gl-first"),
                                            _at(TWICE, "V1adimir", 2, "gl-second", Status.PROPOSED)])
    src.write_text(TWICE.replace(DELETED.strip(), ""))
    accept = run("accept", "seed.txt", "gl-first", cwd=tmp_path)
    assert accept.returncode == 1 and "stale" in accept.stderr and "reject it" in accept.stderr
    assert "Traceback" not in accept.stderr
    build = run("build", "seed.txt", "--validator", "none", cwd=tmp_path)
    assert build.returncode == 1 and "gl-first" in build.stderr and "edition reject" in build.stderr
    run("reject", "seed.txt", "gl-first", cwd=tmp_path, check=True)
    c = next(c for c in parse_corrections(cpath, cpath.read_bytes()).corrections if c.id == "gl-first")
    assert c.status is Status.REJECTED and c.stale
    run("build", "seed.txt", "--validator", "none", cwd=tmp_path, check=True)


def test_reopen_with_filters_reopens_decided_entries(tmp_path):
    """`reopen --kind K` selected only *pending* entries, so it never reopened anything."""
    src, cpath = _project(tmp_path, TWICE, [_at(TWICE, "V1adimir", 1, "gl-first"),
                                            _at(TWICE, "V1adimir", 2, "gl-second", Status.PROPOSED)])
    proc = run("reopen", "seed.txt", "--kind", "glyph", cwd=tmp_path, check=True)
    assert "1 correction(s) reopened" in proc.stdout
    statuses = {c.id: c.status for c in parse_corrections(cpath, cpath.read_bytes()).corrections}
    assert statuses == {"gl-first": Status.PROPOSED, "gl-second": Status.PROPOSED}


def test_min_confidence_outside_0_1_is_bad_usage(tmp_path):
    """`--min-confidence 1.5` silently selected nothing (exit 0)."""
    _project(tmp_path, TWICE, [_at(TWICE, "V1adimir", 1, "gl-first", Status.PROPOSED)])
    for value in ("1.5", "-0.1"):
        proc = run("accept", "seed.txt", "--min-confidence", value, cwd=tmp_path)
        assert proc.returncode == 2 and "between 0 and 1" in proc.stderr


def test_corrections_file_of_another_source_is_refused(tmp_path):
    """Pointing --corrections at another source's file marked every entry stale and `detect`
    rewrote its header for the wrong source."""
    src, cpath = _project(tmp_path, TWICE, [_at(TWICE, "V1adimir", 1, "gl-first")])
    (tmp_path / "other.txt").write_text("Quite another text, with Unio'n in it.\n")
    before = cpath.read_bytes()
    for cmd in ("status", "detect", "apply"):
        proc = run(cmd, "other.txt", "--corrections", str(cpath), cwd=tmp_path)
        assert proc.returncode == 1, cmd
        assert "is the corrections file of" in proc.stderr and proc.stderr.count("\n") == 1
    assert cpath.read_bytes() == before


def test_renamed_source_still_relocates(tmp_path):
    """The other-source check must not refuse a source that was renamed (its old name is gone)."""
    src, cpath = _project(tmp_path, TWICE, [_at(TWICE, "V1adimir", 2, "gl-second")])
    moved = tmp_path / "renamed.txt"
    moved.write_text("Preface.\n\n" + TWICE)
    src.unlink()
    cf = load_corrections(cpath, read_source(moved))
    assert cf.relocated == ["gl-second"] and not cf.newly_stale


def test_review_stops_on_sigint_even_as_a_background_job(tmp_path):
    """A shell starts `edition review ... &` with SIGINT ignored: `kill -INT` did nothing and
    SIGTERM ended it without its last message. Both now stop it cleanly (exit 0)."""
    import os
    import signal
    import subprocess
    import sys

    from cli_helpers import ROOT

    (tmp_path / "t.txt").write_text("A tiny text with V1adimir in it.\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "EDITION_EDITOR": "Test Editor"}
    for sig in (signal.SIGINT, signal.SIGTERM):
        proc = subprocess.Popen(
            [sys.executable, "-m", "edition", "review", "t.txt", "--no-browser", "--port", "0"],
            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
        try:
            assert "http://127.0.0.1:" in proc.stdout.readline()
            proc.send_signal(sig)
            out, err = proc.communicate(timeout=20)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        assert proc.returncode == 0, err
        assert "Stopped" in out and "Traceback" not in err


def test_a_folder_that_is_a_file_is_one_line_not_a_traceback(tmp_path):
    """`corrections` (or `build`) being a file raised FileExistsError with a traceback."""
    (tmp_path / "t.txt").write_text("A tiny text with V1adimir in it.\n")
    (tmp_path / "corrections").write_text("not a folder\n")
    for args in (("detect", "t.txt"), ("add", "t.txt", "--find", "tiny", "--reading", "small")):
        proc = run(*args, cwd=tmp_path)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        assert proc.stderr.count("\n") == 1 and "corrections" in proc.stderr


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


def test_build_without_a_corrections_file_says_so(tmp_path):
    """The README's quick start built an unchanged 'edition' without a word when the
    corrections file was missing."""
    (tmp_path / "t.txt").write_text("A tiny text with V1adimir in it.\n")
    proc = run("build", "t.txt", "--validator", "none", cwd=tmp_path, check=True)
    assert "no corrections file corrections/t.yaml" in proc.stderr


from hypothesis import given, settings, strategies as st  # noqa: E402

_WORDS = st.sampled_from(["V1adimir", "Statin", "the", "of", "Lenin", "Unio'n", "and", ".", "\n\n"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, min_size=4, max_size=40), st.data())
def test_relocated_corrections_never_share_a_span(words, data):
    """After any edit of the source, relocated corrections each sit on their original and no two
    claim overlapping spans (two identical artifacts used to collapse onto one)."""
    text = " ".join(words)
    spans, pos = [], 0
    for w in words:
        if w in ("V1adimir", "Statin", "Unio'n"):
            spans.append((pos, pos + len(w)))
        pos += len(w) + 1
    if not spans:
        return
    cs = [Correction(f"c{i}", s, e, text[s:e], Kind.GLYPH, Status.ACCEPTED, readings=("x",),
                     reading="x", context=context_of(text, s, e), by="A", on="2026-11-27T10:00:00Z")
          for i, (s, e) in enumerate(spans)]
    cut = data.draw(st.integers(0, len(text)))
    length = data.draw(st.integers(0, 30))
    insert = data.draw(st.sampled_from(["", "New words here. ", "V1adimir ", "\n\n"]))
    new = text[:cut] + insert + text[cut + length:]
    moved, stale = relocate_all(cs, new)
    live = sorted((c.start, c.end) for c in moved if not c.stale)
    for c in moved:
        if not c.stale:
            assert new[c.start:c.end] == c.original
    for (a, b), (x, y) in zip(live, live[1:]):
        assert b <= x
    assert sorted(stale) == sorted(c.id for c in moved if c.stale)


def test_a_blank_editor_name_is_not_recorded(tmp_path):
    """`--by '   '` recorded a blank `by`; a blank name now falls back to $EDITION_EDITOR."""
    src, cpath = _project(tmp_path, TWICE, [_at(TWICE, "V1adimir", 1, "gl-first", Status.PROPOSED)])
    run("accept", "seed.txt", "gl-first", "--by", "   ", cwd=tmp_path, check=True)
    c = parse_corrections(cpath, cpath.read_bytes()).corrections[0]
    assert c.by == "Test Editor"
    proc = run("reject", "seed.txt", "gl-first", "--by", "Ana\nEvil", cwd=tmp_path)
    assert proc.returncode == 1 and "one line" in proc.stderr


def test_an_empty_id_is_named_by_the_entry_number(tmp_path):
    """`id: ""` was reported as 'entry : a correction needs an id'."""
    import pytest

    from edition.errors import EditionError

    src, cpath = _project(tmp_path, TWICE, [_at(TWICE, "V1adimir", 1, "gl-first")])
    cpath.write_text(cpath.read_text().replace("- id: gl-first", '- id: ""'))
    with pytest.raises(EditionError, match=r"seed\.yaml:\d+: entry 1: a correction needs an id"):
        parse_corrections(cpath, cpath.read_bytes())


_PIECES = st.lists(st.sampled_from(["the", "V1adimir", " ", "\n", "\n\n", ",", "word", "é"]),
                   min_size=1, max_size=30).map("".join)


@settings(max_examples=60, deadline=None)
@given(_PIECES, st.data())
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
        reading = data.draw(_PIECES.filter(lambda r: r != text[start:end]))
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


def test_a_utf8_source_read_with_another_encoding_is_refused(tmp_path):
    """`--encoding latin-1` on a UTF-8 source read mojibake silently (and relocated every
    decision into it); it is refused, and utf-8-sig still reads it."""
    import pytest

    from edition.errors import EditionError

    p = tmp_path / "t.txt"
    p.write_bytes("Stalin \u2014 the V1adimir of caf\u00e9s\n".encode("utf-8"))
    for encoding in ("latin-1", "cp1252"):
        with pytest.raises(EditionError, match="is UTF-8.*leave --encoding out"):
            read_source(p, encoding)
    assert read_source(p, "utf-8-sig").text.startswith("Stalin \u2014")
    p.write_bytes("caf\u00e9 na\u00efve\n".encode("cp1252"))
    assert read_source(p, "cp1252").text == "caf\u00e9 na\u00efve\n"


def test_add_refuses_a_reading_equal_to_the_source_and_an_empty_unclear(tmp_path):
    """`add --find Stalin --reading Stalin` crashed with a ValueError traceback; `add --at 5`
    without a reading flagged an empty span as unclear."""
    (tmp_path / "t.txt").write_text("Stalin and V1adimir.\n")
    proc = run("add", "t.txt", "--find", "Stalin", "--reading", "Stalin", cwd=tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "nothing to correct" in proc.stderr
    proc = run("add", "t.txt", "--at", "5", cwd=tmp_path)
    assert proc.returncode == 1 and "nothing to flag" in proc.stderr
    assert not (tmp_path / "corrections" / "t.yaml").exists()


def test_review_page_says_when_there_is_no_corrections_file(tmp_path):
    """The page of a source never detected showed an empty queue without a word of why."""
    from edition.server.app import create_app

    (tmp_path / "t.txt").write_text("A tiny text with V1adimir in it.\n")
    app = create_app(tmp_path / "t.txt", tmp_path / "corrections" / "t.yaml", token="tok")
    state = app.extensions["edition.store"].state()
    assert any("No corrections file yet" in w and "edition detect" in w for w in state["warnings"])


def test_accept_by_filter_leaves_flag_only_proposals_pending(tmp_path):
    """`accept --min-confidence 0.9` failed as a whole on one flag-only proposal (no reading)."""
    text = "The ~peo~~ of the land and V1adimir Ilyich.\n"
    flag_only = Correction("un-1", 4, 10, "~peo~~", Kind.UNCLEAR, readings=(), confidence=0.9,
                           context=context_of(text, 4, 10))
    fixable = _at(text, "V1adimir", 1, "gl-1", Status.PROPOSED).replace(confidence=0.95)
    src, cpath = _project(tmp_path, text, [flag_only, fixable])
    proc = run("accept", "seed.txt", "--min-confidence", "0.9", cwd=tmp_path, check=True)
    assert "1 flag-only proposal(s) left pending" in proc.stdout
    statuses = {c.id: c.status for c in parse_corrections(cpath, cpath.read_bytes()).corrections}
    assert statuses == {"un-1": Status.PROPOSED, "gl-1": Status.ACCEPTED}
    named = run("accept", "seed.txt", "un-1", cwd=tmp_path)
    assert named.returncode == 1 and "no suggested reading" in named.stderr
