"""Spans held for overlap tests (edition.model.SpanIndex): what a scan of every span says."""
from __future__ import annotations

from hypothesis import given, strategies as st

from edition.model import SpanIndex, spans_overlap

# spans of up to 8 characters, insertion points (empty spans) among them
_SPAN = st.tuples(st.integers(0, 40), st.integers(0, 8)).map(lambda t: (t[0], t[0] + t[1]))


@given(st.lists(_SPAN, max_size=20), st.lists(_SPAN, max_size=10), _SPAN)
def test_an_overlap_is_found_where_a_scan_finds_one(held, added, probe):
    index = SpanIndex(held)
    for s, e in added:
        index.add(s, e)
    spans = held + added
    assert index.overlaps(*probe) == any(spans_overlap(*probe, s, e) for s, e in spans)


def test_insertion_points_and_spans():
    index = SpanIndex([(5, 5), (10, 20)])
    assert index.overlaps(4, 6) and not index.overlaps(5, 8)  # a point inside, not at the edge
    assert index.overlaps(5, 5) and not index.overlaps(6, 6) and index.overlaps(15, 15)
    assert not index.overlaps(20, 25) and index.overlaps(19, 25)
