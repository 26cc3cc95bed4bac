"""The corrections file: round trips, comments kept, malformed files refused, merging, atomicity."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from edition.store import (ConflictError, load_corrections, merge_proposals,
                                 new_corrections_file, parse_corrections, save_corrections)
from edition.errors import EditionError
from edition.model import Correction, Kind, Proposal, Status
from edition.source import source_from_text
from twin_text import TWICE, decided_at, small_project
from cli_helpers import run

TEXT = "Marx and Engels. The V1adimir Ilyich Lenin, Statin and Stalin, Unio'n of workers.\n"


def _src(tmp_path: Path, text: str = TEXT):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    return source_from_text(text, p)


def _proposal(text: str, word: str, reading: str, kind=Kind.GLYPH, conf=0.9) -> Proposal:
    start = text.index(word)
    return Proposal(start, start + len(word), word, (reading,), kind, conf, f"test evidence for {word}", "test")


def _file(tmp_path: Path, text: str = TEXT):
    src = _src(tmp_path, text)
    cf = new_corrections_file(tmp_path / "corrections" / "t.yaml", src)
    merge_proposals(cf, src, [_proposal(text, "V1adimir", "Vladimir"),
                              _proposal(text, "Statin", "Stalin", Kind.REALWORD, 0.6),
                              _proposal(text, "Unio'n", "Union", Kind.PUNCTUATION, 0.95)])
    save_corrections(cf)
    return src, cf


def test_write_read_round_trip(tmp_path):
    src, cf = _file(tmp_path)
    again = load_corrections(cf.path, src)
    assert again.corrections == cf.corrections
    assert again.sha256 == src.sha256
    assert again.source_ref == "../t.txt"
    # writing what was read changes nothing, byte for byte
    before = cf.path.read_bytes()
    save_corrections(again)
    assert cf.path.read_bytes() == before


def test_comments_and_hand_order_survive_a_rewrite(tmp_path):
    src, cf = _file(tmp_path)
    text = cf.path.read_text()
    text = text.replace("corrections:\n", "# our notes on this text\ncorrections:\n")
    text = text.replace("  original: Statin\n", "  original: Statin   # checked against the print\n")
    cf.path.write_text(text)
    loaded = load_corrections(cf.path, src)
    c = next(c for c in loaded if c.original == "Statin")
    loaded.put(c.replace(status=Status.ACCEPTED, reading="Stalin", by="Ana", on="2026-11-27T10:00:00Z"))
    save_corrections(loaded)
    out = cf.path.read_text()
    assert "# our notes on this text" in out
    assert "original: Statin   # checked against the print" in out
    assert "reading: Stalin" in out and "by: Ana" in out
    assert out.index("V1adimir") < out.index("Statin") < out.index("Unio'n")


@pytest.mark.parametrize("mutate, message", [
    (lambda t: t.replace("  status: proposed", "  status: maybe", 1), r":\d+: unknown status 'maybe'"),
    (lambda t: t.replace("original: V1adimir", "original: Vladimir", 1), r":\d+: entry .* holds 'V1adimir'"),
    (lambda t: t.replace("corrections:\n", "corrections:\n  - [unclosed\n"), r":\d+: not valid YAML"),
    (lambda t: t.replace("kind: glyph", "kind: blur", 1), r":\d+: unknown kind 'blur'"),
    (lambda t: t.replace("start: ", "start: x", 1), r":\d+: start must be a whole number"),
    (lambda t: t + "extra: 1\n", r":\d+: unknown top-level key 'extra'"),
])
def test_malformed_file_is_refused_with_line(tmp_path, mutate, message):
    src, cf = _file(tmp_path)
    cf.path.write_text(mutate(cf.path.read_text()))
    with pytest.raises(EditionError, match=message) as info:
        load_corrections(cf.path, src)
    assert str(cf.path) in str(info.value)


def test_duplicate_id_refused(tmp_path):
    src, cf = _file(tmp_path)
    text = cf.path.read_text()
    first_id = cf.corrections[0].id
    text = text.replace(f"id: {cf.corrections[1].id}", f"id: {first_id}")
    cf.path.write_text(text)
    with pytest.raises(EditionError, match="duplicate id"):
        load_corrections(cf.path, src)


def test_merge_keeps_decisions_and_adds_only_new(tmp_path):
    src, cf = _file(tmp_path)
    v = next(c for c in cf if c.original == "V1adimir")
    cf.put(v.replace(status=Status.REJECTED, by="Ana", on="2026-11-27T10:00:00Z"))
    save_corrections(cf)
    before = cf.path.read_bytes()
    again = load_corrections(cf.path, src)
    report = merge_proposals(again, src, [_proposal(TEXT, "V1adimir", "Wladimir", conf=0.99),
                                          _proposal(TEXT, "Statin", "Stalin", Kind.REALWORD, 0.6)])
    assert report.added == () and report.already_present + report.overlapping == 2
    save_corrections(again)
    assert cf.path.read_bytes() == before
    report = merge_proposals(again, src, [_proposal(TEXT, "Engels.", "Engels,", Kind.PUNCTUATION)])
    assert len(report.added) == 1


def test_a_writer_that_changed_other_entries_meanwhile_is_merged_not_refused(tmp_path):
    """Two writers that read the same file and decide different entries: the second one's save
    reads what the first wrote and adds its own decision; neither is lost, nothing is refused."""
    src, cf = _file(tmp_path)
    a = load_corrections(cf.path, src)
    b = load_corrections(cf.path, src)
    a.put(a.corrections[0].replace(status=Status.REJECTED, by="A", on="2026-11-27T10:00:00Z"))
    save_corrections(a)
    b.put(b.corrections[1].replace(status=Status.REJECTED, by="B", on="2026-11-27T10:00:00Z"))
    save_corrections(b)
    again = load_corrections(cf.path, src)
    assert [c.by for c in again] == ["A", "B", None]
    assert b.corrections == again.corrections  # b now holds the file as it is on disk


def test_the_same_entry_changed_by_another_writer_is_a_conflict(tmp_path):
    src, cf = _file(tmp_path)
    a = load_corrections(cf.path, src)
    b = load_corrections(cf.path, src)
    a.put(a.corrections[0].replace(status=Status.REJECTED, by="A", on="2026-11-27T10:00:00Z"))
    save_corrections(a)
    before = cf.path.read_bytes()
    b.put(b.corrections[0].replace(status=Status.ACCEPTED, reading="Vladimir", by="B",
                                   on="2026-11-27T10:00:00Z"))
    b.put(b.corrections[1].replace(status=Status.REJECTED, by="B", on="2026-11-27T10:00:00Z"))
    with pytest.raises(ConflictError, match=a.corrections[0].id):
        save_corrections(b)
    assert cf.path.read_bytes() == before  # nothing of b's change was written, not even entry 2


def test_kill_mid_write_leaves_previous_file(tmp_path):
    """A writer killed while writing a huge file leaves the old file intact."""
    src, cf = _file(tmp_path)
    before = cf.path.read_bytes()
    script = textwrap.dedent(f"""
        import sys, os
        sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
        import edition.store.atomic as a
        data = b"x" * (400 * 1024 * 1024)
        print("go", flush=True)
        a.write_atomic({str(cf.path)!r}, data)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == b"go"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert cf.path.read_bytes() == before
    load_corrections(cf.path, src)  # still valid


words = st.text(st.sampled_from("abcdefgh1l0 ,.'\n"), min_size=1, max_size=8)


@st.composite
def files(draw):
    text = draw(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"),
                        min_size=20, max_size=200))
    n = draw(st.integers(0, 6))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), min_size=2 * n, max_size=2 * n)))
    entries = []
    for i in range(n):
        s, e = cuts[2 * i], cuts[2 * i + 1]
        if s == e:
            continue
        status = draw(st.sampled_from(list(Status)))
        reading = draw(words.filter(lambda r: r != text[s:e]))
        entries.append(Correction(
            id=f"c{i}", start=s, end=e, original=text[s:e], kind=draw(st.sampled_from(list(Kind))),
            status=status, readings=(reading,), confidence=draw(st.floats(0, 1).map(lambda x: round(x, 3))),
            why=draw(st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=30)),
            context=text[max(0, s - 30):e + 30],
            reading=reading if status.changes_text else None,
            by="Ed #1: 'quoted'" if status.decided else None,
            on="2026-11-27T10:00:00Z" if status.decided else None))
    return text, entries


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(files())
def test_any_file_survives_write_read(tmp_path, case):
    text, entries = case
    src = source_from_text(text, tmp_path / "t.txt")
    cf = new_corrections_file(tmp_path / "c.yaml", src)
    for c in entries:
        cf.put(c)
    dumped = cf.dump()
    again = parse_corrections(cf.path, dumped.encode("utf-8"))
    assert again.corrections == sorted(entries, key=lambda c: c.start)
    assert again.dump() == dumped


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 4)), max_size=25),
       st.lists(st.tuples(st.integers(0, 50), st.integers(1, 4)), max_size=25))
def test_batch_insertion_equals_one_at_a_time(tmp_path, old_spans, new_spans):
    """`add_new` (bisection, used by detect) writes the same file as `put` one entry at a time."""
    text = "abcdefghij" * 6
    src = source_from_text(text, tmp_path / "t.txt")

    def entries(spans, prefix):
        return [Correction(f"{prefix}{i}", s, s + n, text[s:s + n], Kind.OTHER, readings=("x",))
                for i, (s, n) in enumerate(spans)]

    one, batch = (new_corrections_file(tmp_path / "c.yaml", src) for _ in range(2))
    for cf in (one, batch):
        for c in sorted(entries(old_spans, "old"), key=lambda c: c.start):
            cf.put(c)
    for c in sorted(entries(new_spans, "new"), key=lambda c: c.start):
        one.put(c)
    batch.add_new(entries(new_spans, "new"))
    assert batch.dump() == one.dump()


@pytest.mark.slow
def test_merge_is_not_quadratic(tmp_path):
    """Merging 40,000 proposals (a long book) stays linear: a scan of the file per proposal, or
    counting id suffixes up from 2 each time, takes minutes here; the index takes seconds.
    (A complexity guard with a wide margin, not a benchmark: the figures are in BENCHMARKS.md.)"""
    import time
    text = "word " * 40000  # identical contexts: every id needs a suffix
    src = source_from_text(text, tmp_path / "t.txt")
    cf = new_corrections_file(tmp_path / "c.yaml", src)
    proposals = [Proposal(i * 5, i * 5 + 4, "word", ("ward",), Kind.NONWORD, 0.5, "test", "t")
                 for i in range(40000)]
    t = time.perf_counter()
    report = merge_proposals(cf, src, proposals)
    elapsed = time.perf_counter() - t
    assert len(report.added) == 40000 and len(set(report.added)) == 40000
    assert elapsed < 45, elapsed


BOMB = """source: ../t.txt
sha256: x
edition:
  a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
  g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
  h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
  i: [*h, *h, *h, *h, *h, *h, *h, *h, *h]
corrections: []
"""


@pytest.mark.parametrize("where", ["edition", "readings", "why"])
def test_anchors_and_aliases_are_refused_at_once(tmp_path, where):
    """A few hundred bytes of nested aliases expand to gigabytes: refused, with the line."""
    import time

    if where == "edition":
        text = BOMB
    else:
        nested = "\n".join(f"  x{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 9))
        value = "[*l8, *l8]" if where == "readings" else "*l8"
        text = ("source: ../t.txt\nsha256: x\ncorrections:\n- id: a\n  status: proposed\n  kind: glyph\n"
                "  start: 0\n  end: 1\n  original: M\n  note: &l0 lol\n" + nested.replace("  x", "  x", 1)
                + f"\n  {where}: {value}\n")
    path = tmp_path / "c.yaml"
    path.write_text(text)
    started = time.perf_counter()
    with pytest.raises(EditionError, match=r":\d+: anchors and aliases .* are not allowed"):
        parse_corrections(path, path.read_bytes())
    assert time.perf_counter() - started < 5


def test_the_lock_file_is_removed_and_a_killed_writers_leftovers_are_cleaned(tmp_path):
    src, cf = _file(tmp_path)
    folder = cf.path.parent
    assert sorted(p.name for p in folder.iterdir()) == ["t.yaml"]  # no lock file left behind
    (folder / ".t.yaml.abc123.tmp").write_bytes(b"x" * 1000)  # what kill -9 mid-write leaves
    (folder / ".t.yaml.lock").write_bytes(b"")
    (folder / ".other.yaml.x.tmp").write_bytes(b"another file's")
    again = load_corrections(cf.path, src)
    again.put(again.corrections[0].replace(status=Status.REJECTED, by="A", on="2026-11-27T10:00:00Z"))
    save_corrections(again)
    assert sorted(p.name for p in folder.iterdir()) == [".other.yaml.x.tmp", "t.yaml"]


def test_the_parse_is_kept_for_the_same_bytes_only(tmp_path, monkeypatch):
    """The parse cache is keyed by the file's bytes: a hand edit is read afresh; a damaged
    cache entry only costs time."""
    monkeypatch.setenv("EDITION_CACHE", str(tmp_path / "cache"))
    src, cf = _file(tmp_path)
    first = load_corrections(cf.path, src)
    cf.path.write_text(cf.path.read_text().replace("  status: proposed\n", "  status: rejected\n  by: Hand\n", 1))
    edited = load_corrections(cf.path, src)
    assert edited.corrections[0].status is Status.REJECTED and edited.corrections[0].by == "Hand"
    assert first.corrections[0].status is Status.PROPOSED
    for entry in (tmp_path / "cache" / "store").iterdir():
        entry.write_bytes(b"\x00garbage")
    assert load_corrections(cf.path, src).corrections == edited.corrections


def test_detect_during_a_decision_keeps_both(tmp_path):
    """A detection run that saves after a decision was written meanwhile merges: the decision
    and the new proposals are both in the file."""
    src, cf = _file(tmp_path)
    detecting = load_corrections(cf.path, src)  # detect reads the file, then works a long time
    deciding = load_corrections(cf.path, src)
    v = next(c for c in deciding if c.original == "V1adimir")
    deciding.put(v.replace(status=Status.REJECTED, by="Ana", on="2026-11-27T10:00:00Z"))
    save_corrections(deciding)
    report = merge_proposals(detecting, src, [_proposal(TEXT, "Engels.", "Engels,", Kind.PUNCTUATION)])
    assert save_corrections(detecting) is True  # merged
    final = load_corrections(cf.path, src)
    assert final.get(v.id).by == "Ana" and report.added[0] in final


def test_the_kept_parse_after_decisions_is_the_parse_of_the_file(tmp_path, monkeypatch):
    """After each decision only the changed entries are added to the cache (a change file
    beside its whole entry); what it gives back is what reading the file gives, decision after
    decision, also after a save that did not keep its parse (the review page's)."""
    from edition.store.file import _parse, file_digest

    monkeypatch.setenv("EDITION_CACHE", str(tmp_path / "cache"))
    text = " ".join(f"w{i} V1adimir" for i in range(300)) + "\n"
    src = _src(tmp_path, text)
    cf = new_corrections_file(tmp_path / "corrections" / "t.yaml", src)
    at = [i for i in range(len(text)) if text.startswith("V1adimir", i)]
    merge_proposals(cf, src, [Proposal(a, a + 8, "V1adimir", ("Vladimir",), Kind.GLYPH, 0.9,
                                       "test", "test") for a in at])
    save_corrections(cf)
    for step in range(12):
        cf = load_corrections(cf.path, src)
        c = cf.corrections[step * 7]
        cf.put(c.replace(status=Status.REJECTED, by=f"Ed {step}", on="2026-11-27T10:00:00Z",
                         note="x" * step or None))
        save_corrections(cf, keep=step % 4 != 3)
        data = cf.path.read_bytes()
        kept = parse_corrections(cf.path, data)
        fresh = _parse(cf.path, data, file_digest(data))
        assert kept.corrections == fresh.corrections and kept._bounds == fresh._bounds
        assert [kept.line_of(c.id) for c in kept] == [c.line for c in fresh]
def test_corrections_file_of_another_source_is_refused(tmp_path):
    """Pointing --corrections at another source's file marked every entry stale and `detect`
    rewrote its header for the wrong source."""
    src, cpath = small_project(tmp_path, TWICE, [decided_at(TWICE, "V1adimir", 1, "gl-first")])
    (tmp_path / "other.txt").write_text("Quite another text, with Unio'n in it.\n")
    before = cpath.read_bytes()
    for cmd in ("status", "detect", "apply"):
        proc = run(cmd, "other.txt", "--corrections", str(cpath), cwd=tmp_path)
        assert proc.returncode == 1, cmd
        assert "is the corrections file of" in proc.stderr and proc.stderr.count("\n") == 1
    assert cpath.read_bytes() == before


def test_an_empty_id_is_named_by_the_entry_number(tmp_path):
    """`id: ""` was reported as 'entry : a correction needs an id'."""
    import pytest

    from edition.errors import EditionError

    src, cpath = small_project(tmp_path, TWICE, [decided_at(TWICE, "V1adimir", 1, "gl-first")])
    cpath.write_text(cpath.read_text().replace("- id: gl-first", '- id: ""'))
    with pytest.raises(EditionError, match=r"seed\.yaml:\d+: entry 1: a correction needs an id"):
        parse_corrections(cpath, cpath.read_bytes())
