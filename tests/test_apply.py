"""Applying decisions: exactly the accepted and edited readings, overlaps refused."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from edition.apply import apply_corrections, edits
from edition.errors import EditionError
from edition.model import Correction, Kind, Status


@st.composite
def text_and_corrections(draw):
    text = draw(st.text(st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=120))
    n = draw(st.integers(0, 8))
    points = sorted(draw(st.lists(st.integers(0, len(text)), min_size=2 * n, max_size=2 * n)))
    corrections = []
    for i in range(n):
        s, e = points[2 * i], points[2 * i + 1]
        if s == e:  # an insertion: keep it only if no other insertion is at the same point
            if any(c.start == c.end == s for c in corrections):
                continue
        status = draw(st.sampled_from(list(Status)))
        reading = draw(st.text(max_size=6).filter(lambda r: r != text[s:e]))
        if status.changes_text and (s == e and not reading):
            continue
        corrections.append(Correction(
            id=f"c{i}", start=s, end=e, original=text[s:e], kind=Kind.OTHER, status=status,
            readings=(reading,), reading=reading if status.changes_text else None,
            by="x" if status.decided else None))
    return text, corrections


def expected_text(text, corrections):
    """Apply right to left, so earlier offsets stay valid: an independent construction."""
    out = text
    for c in sorted(corrections, key=lambda c: (c.start, c.end), reverse=True):
        if c.status.changes_text:
            out = out[:c.start] + c.reading + out[c.end:]
    return out


@given(text_and_corrections())
def test_random_corrections_apply_exactly(case):
    text, corrections = case
    assert apply_corrections(text, corrections) == expected_text(text, corrections)


@given(text_and_corrections())
def test_edits_map_both_sides(case):
    text, corrections = case
    out = apply_corrections(text, corrections)
    for e in edits(text, corrections):
        assert text[e.i1:e.i2] == e.correction.original
        assert out[e.j1:e.j2] == e.correction.reading


def test_pending_changes_nothing_unless_previewed():
    c = Correction("a", 0, 6, "Statin", Kind.REALWORD, readings=("Stalin",))
    assert apply_corrections("Statin said", [c]) == "Statin said"
    assert apply_corrections("Statin said", [c], include_proposals=True) == "Stalin said"


def test_overlap_names_both_ids():
    a = Correction("first", 0, 6, "Statin", Kind.REALWORD, Status.ACCEPTED, reading="Stalin")
    b = Correction("second", 3, 11, "tin said", Kind.OTHER, Status.EDITED, reading="tin says")
    with pytest.raises(EditionError, match="first.*second.*overlap"):
        apply_corrections("Statin said", [a, b])


def test_preview_skips_proposals_overlapping_decisions():
    a = Correction("a", 0, 6, "Statin", Kind.REALWORD, Status.REJECTED, by="x")
    b = Correction("b", 0, 11, "Statin said", Kind.OTHER, readings=("Stalin said",))
    assert apply_corrections("Statin said", [a, b], include_proposals=True) == "Statin said"
