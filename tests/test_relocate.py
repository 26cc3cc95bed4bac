"""A changed source: decisions follow their text, or are reported stale — never misapplied."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from edition.apply import apply_corrections
from edition.store import load_corrections, new_corrections_file, save_corrections
from edition.model import Correction, Kind, Status, context_of
from edition.store.relocate import relocate_all
from edition.source import read_source
from twin_text import DELETED, TWICE, decided_at, small_project

TEXT = ("Stalin earned his place among the great classics. The V1adimir Ilyich Lenin wrote.\n\n"
        "Long Live Statin! said the crowd, and Statin smiled.\n")


def _decided(text, word, reading, occurrence=1, cid=None):
    start = -1
    for _ in range(occurrence):
        start = text.index(word, start + 1)
    end = start + len(word)
    return Correction(cid or f"c-{word}-{occurrence}", start, end, word, Kind.GLYPH, Status.ACCEPTED,
                      readings=(reading,), reading=reading, context=context_of(text, start, end),
                      by="Ana", on="2026-11-27T10:00:00Z")


def test_insert_at_top_moves_every_correction():
    cs = [_decided(TEXT, "V1adimir", "Vladimir"), _decided(TEXT, "Statin", "Stalin", 1),
          _decided(TEXT, "Statin", "Stalin", 2)]
    new = "A new first paragraph, added by the editors.\n\n" + TEXT
    moved, stale = relocate_all(cs, new)
    assert stale == []
    for old, c in zip(cs, moved):
        assert new[c.start:c.end] == c.original
        assert c.start - old.start == len("A new first paragraph, added by the editors.\n\n")
    assert apply_corrections(new, moved).count("Stalin") == 3


def test_deleted_text_becomes_stale_and_is_never_applied():
    cs = [_decided(TEXT, "V1adimir", "Vladimir"), _decided(TEXT, "Statin", "Stalin", 2)]
    new = TEXT.replace("and Statin smiled", "and he smiled")
    moved, stale = relocate_all(cs, new)
    assert stale == [cs[1].id]
    c = next(c for c in moved if c.id == cs[1].id)
    assert c.stale and "not found" in c.stale
    assert apply_corrections(new, [m for m in moved if not m.stale]) == \
        new.replace("V1adimir", "Vladimir")


def test_edit_near_the_word_still_relocates():
    cs = [_decided(TEXT, "V1adimir", "Vladimir")]
    new = TEXT.replace("classics. The", "classics of the world. The")
    moved, stale = relocate_all(cs, new)
    assert not stale and new[moved[0].start:moved[0].end] == "V1adimir"


def test_load_relocates_and_save_persists(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text(TEXT)
    src = read_source(p)
    cf = new_corrections_file(tmp_path / "c.yaml", src)
    for c in (_decided(TEXT, "V1adimir", "Vladimir"), _decided(TEXT, "Statin", "Stalin", 2)):
        cf.put(c)
    save_corrections(cf)
    p.write_text("Preface.\n\n" + TEXT.replace("and Statin smiled", "and he smiled"))
    src2 = read_source(p)
    loaded = load_corrections(tmp_path / "c.yaml", src2)
    assert loaded.relocated == ["c-V1adimir-1"] and loaded.newly_stale == ["c-Statin-2"]
    save_corrections(loaded)
    again = load_corrections(tmp_path / "c.yaml", src2)  # header now has the new SHA-256
    assert again.sha256 == src2.sha256
    assert [c.id for c in again if c.stale] == ["c-Statin-2"]


@settings(max_examples=80)
@given(st.text(st.sampled_from("abc xyz.\n"), max_size=40), st.text(st.sampled_from("abc xyz.\n"), max_size=40))
def test_relocation_never_misapplies(prefix, suffix):
    """Whatever is inserted around the text, a relocated correction sits on its original."""
    cs = [_decided(TEXT, "V1adimir", "Vladimir"), _decided(TEXT, "Statin", "Stalin", 1)]
    new = prefix + TEXT + suffix
    moved, stale = relocate_all(cs, new)
    for c in moved:
        if not c.stale:
            assert new[c.start:c.end] == c.original
    assert not stale


def test_deleted_twin_does_not_relocate_onto_the_other_occurrence():
    """Deleting the sentence of one of two identical artifacts made its correction land on the
    other one (same span twice: apply and build refused with 'overlap'); it must go stale."""
    first, second = decided_at(TWICE, "V1adimir", 1, "gl-first"), decided_at(TWICE, "V1adimir", 2, "gl-second")
    new = TWICE.replace(DELETED.strip(), "")
    moved, stale = relocate_all([first, second], new)
    assert stale == ["gl-first"]
    kept = next(c for c in moved if c.id == "gl-second")
    assert new[kept.start:kept.end] == "V1adimir" and new.index("death of V1adimir") + 9 == kept.start


def test_strong_context_wins_over_an_earlier_weak_match():
    """The entry whose whole context is intact keeps its place even when an earlier entry, found
    only by weaker evidence, would have matched the same span first."""
    first, second = decided_at(TWICE, "V1adimir", 1, "gl-first"), decided_at(TWICE, "V1adimir", 2, "gl-second")
    new = "A new preface.\n\n" + TWICE.replace(DELETED.strip(), "")
    moved, stale = relocate_all([second, first], new)
    assert stale == ["gl-first"]
    assert next(c for c in moved if c.id == "gl-second").start == new.index("death of V1adimir") + 9


def test_renamed_source_still_relocates(tmp_path):
    """The other-source check must not refuse a source that was renamed (its old name is gone)."""
    src, cpath = small_project(tmp_path, TWICE, [decided_at(TWICE, "V1adimir", 2, "gl-second")])
    moved = tmp_path / "renamed.txt"
    moved.write_text("Preface.\n\n" + TWICE)
    src.unlink()
    cf = load_corrections(cpath, read_source(moved))
    assert cf.relocated == ["gl-second"] and not cf.newly_stale


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
