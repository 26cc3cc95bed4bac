"""A changed source: decisions follow their text, or are reported stale — never misapplied."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from edition.apply import apply_corrections
from edition.store import load_corrections, new_corrections_file, save_corrections
from edition.model import Correction, Kind, Status, context_of
from edition.store.relocate import relocate_all
from edition.source import read_source

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
