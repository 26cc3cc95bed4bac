"""The TEI edition is lossless and valid for any text and any non-overlapping decisions.

Property: for random text (XML-hostile characters, any script, odd whitespace) and random
decisions, the TEI written by ``write_tei`` is valid against tei_all (RELAX NG) and against the
edition's own TEI customization (``edition.rng``), every pointer in it resolves, and from the TEI alone the source text and the reading text come back exactly.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition.apply import apply_corrections
from edition.model import Correction, Kind, Status, spans_overlap
from edition.source import source_from_text
from edition.publish.plan import plan_edition
from edition.publish.tei.metadata import EditionMetadata
from edition.publish.tei.pointers import unresolved_pointers
from edition.publish.tei.reader import parse_tei, read_edition
from edition.publish.tei.writer import TeiInputs, write_tei
from edition.publish.validate import relaxng_errors

# The tests that validate TEI share the compiled tei_all schema (conftest.tei_schema, ~7 s to
# load): in a parallel run they go to one worker, which loads it once.
pytestmark = pytest.mark.xdist_group("tei_schema")

# Characters that break naive XML writers, control characters XML 1.0 forbids, non-characters,
# no-break and other odd spaces, and a few scripts.
HOSTILE = ["&", "<", ">", '"', "'", "]]>", "\x00", "\x01", "\x0b", "\x0c", "\x1f", "\x7f",
           "\x85", "\ufffe", "\uffff", "\u00a0", "\u2028", "\u200b", "\t", " ", "\n", "\n\n",
           "\n \n\t\n", "é", "中文", "العربية", "Ελληνικά", "😀", "&amp;", "<p>", "#x"]
TEXT_PIECE = st.one_of(st.sampled_from(HOSTILE),
                       st.text(st.characters(blacklist_categories=("Cs",),
                                             blacklist_characters="\r"), max_size=12),
                       st.sampled_from(["Word", "the", "Paragraph of prose. " * 6, "Title Line"]))
TEXT = st.lists(TEXT_PIECE, max_size=25).map("".join)
READING = st.lists(st.one_of(st.sampled_from(HOSTILE + ["\r"]),
                             st.text(st.characters(blacklist_categories=("Cs",)), max_size=6)),
                   max_size=4).map("".join)
EDITORS = st.sampled_from([None, "Ana Editor", "Бо Редактор", "李", "x&y <z>", "ed-ana-editor"])


@st.composite
def decisions(draw, text: str) -> list[Correction]:
    n = draw(st.integers(0, 6))
    out: list[Correction] = []
    for k in range(n):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 15)))
        if any(spans_overlap(start, end, c.start, c.end) for c in out):
            continue
        original = text[start:end]
        status = draw(st.sampled_from(list(Status)))
        kind = draw(st.sampled_from(list(Kind)))
        reading = None
        if status.changes_text:
            reading = draw(READING)
            if reading == original:
                reading = original + "x"
        cid = draw(st.sampled_from([f"gl-{k:08x}", f"{k}", f"id {k}", f"c-{k}"]))
        if any(c.id == cid for c in out):
            continue
        day = draw(st.sampled_from(["2026-11-27T21:00:00Z", "2026-11-28T09:30:00Z", None]))
        by = draw(EDITORS) if status.decided else None
        out.append(Correction(cid, start, end, original, kind, status,
                              readings=(reading,) if reading else (),
                              confidence=draw(st.floats(0, 1)), reading=reading,
                              by=by, on=day if status.decided else None))
    return out


@st.composite
def text_and_decisions(draw):
    text = draw(TEXT)
    return text, draw(decisions(text))


def _tei(text: str, corrections: list[Correction], **meta) -> bytes:
    source = source_from_text(text, Path("random.txt"))
    return write_tei(TeiInputs(plan_edition(source, corrections), EditionMetadata(title="Random", **meta),
                               "0.1.0"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_and_decisions())
def test_random_text_round_trips_and_is_valid(tei_schema, case):
    text, corrections = case
    data = _tei(text, corrections)
    doc = parse_tei(data)
    assert tei_schema.validate(doc), tei_schema.error_log
    assert relaxng_errors(doc, "edition") == []  # and the edition's own schema
    assert unresolved_pointers(doc) == []
    ed = read_edition(doc)
    assert ed.source == text
    assert ed.reading == apply_corrections(text, corrections)
    # every block's two readings are the slices of the two texts at the recorded offsets
    reading = ed.reading
    for b in ed.blocks:
        assert text[b.source_start:b.source_start + len(b.source)] == b.source
        assert reading[b.reading_start:b.reading_start + len(b.reading)] == b.reading
    encoded = {c.id for c in corrections
               if c.status in (Status.ACCEPTED, Status.EDITED, Status.FLAGGED)}
    assert len(ed.decisions) == len(encoded)


def test_hostile_reading_is_text_not_markup(tei_schema):
    text = "An OCR line with capitatist in it.\n"
    at = text.index("capitatist")
    c = Correction("nw-1", at, at + 10, "capitatist", Kind.NONWORD, Status.EDITED,
                   reading='<hi rend="b">capitalist</hi> & "co"\x0c', by="Ana", on="2026-11-27T21:00:00Z")
    data = _tei(text, [c])
    doc = parse_tei(data)
    assert tei_schema.validate(doc), tei_schema.error_log
    assert relaxng_errors(doc, "edition") == []  # and the edition's own schema
    assert b"&lt;hi rend" in data and b"<hi" not in data
    assert b'<g ref="#char-U000C"/>' in data
    assert read_edition(doc).reading == apply_corrections(text, [c])


def test_control_characters_of_the_source_are_declared(tei_schema):
    text = "Page one.\x0c\nPage two\x01.\n"
    doc = parse_tei(_tei(text, []))
    assert tei_schema.validate(doc), tei_schema.error_log
    assert relaxng_errors(doc, "edition") == []  # and the edition's own schema
    ids = {el.get("{http://www.w3.org/XML/1998/namespace}id")
           for el in doc.iter("{http://www.tei-c.org/ns/1.0}char")}
    assert ids == {"char-U000C", "char-U0001"}
    assert read_edition(doc).source == text


def test_decisions_are_encoded_as_the_tei_conventions_say(tei_schema):
    text = "Krushchev met V1adimir and the whet people.\n"
    assert (text[14:22], text[31:35], text[36:42]) == ("V1adimir", "whet", "people")
    cs = [
        Correction("va-1", 0, 9, "Krushchev", Kind.VARIANT, Status.ACCEPTED, ("Khrushchev",), 0.9,
                   reading="Khrushchev", by="Ana", on="2026-11-27T21:00:00Z"),
        Correction("gl-1", 14, 22, "V1adimir", Kind.GLYPH, Status.ACCEPTED, ("Vladimir",), 0.97,
                   reading="Vladimir", by="Bo", on="2026-11-28T08:00:00Z"),
        Correction("un-1", 31, 35, "whet", Kind.UNCLEAR, Status.FLAGGED, (), 0.5, by="Ana",
                   on="2026-11-27T22:00:00Z"),
        Correction("rw-1", 36, 42, "people", Kind.REALWORD, Status.REJECTED, ("peoples",), 0.4,
                   by="Ana", on="2026-11-27T22:00:00Z"),
        Correction("9bad id", 4, 4, "", Kind.OTHER, Status.PROPOSED, ("x",), 0.1),
    ]
    data = _tei(text, cs)
    doc = parse_tei(data)
    assert tei_schema.validate(doc), tei_schema.error_log
    assert relaxng_errors(doc, "edition") == []  # and the edition's own schema
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    reg = doc.xpath("//t:choice[@xml:id='va-1']/t:reg", namespaces=ns)[0]
    assert (reg.text, reg.get("type"), reg.get("cert"), reg.get("resp")) == \
        ("Khrushchev", "variant", "0.9", "#ed-ana")
    corr = doc.xpath("//t:choice[@xml:id='gl-1']/t:corr", namespaces=ns)[0]
    assert (corr.text, corr.get("type"), corr.get("resp")) == ("Vladimir", "glyph", "#ed-bo")
    assert doc.xpath("//t:choice[@xml:id='gl-1']/t:sic/text()", namespaces=ns) == ["V1adimir"]
    unclear = doc.xpath("//t:unclear", namespaces=ns)[0]
    assert (unclear.get("reason"), unclear.text) == ("ocr", "whet")
    # rejected and pending change nothing and are not encoded
    assert len(doc.xpath("//t:text//t:choice | //t:text//t:unclear", namespaces=ns)) == 3
    # one change per editor and day, pointing at what it encoded
    changes = [(c.get("when"), c.get("who"), c.get("target"))
               for c in doc.xpath("//t:revisionDesc/t:change", namespaces=ns)]
    assert changes == [("2026-11-27", "#ed-ana", "#va-1 #un-1"),
                       ("2026-11-28", "#ed-bo", "#gl-1")]
    assert doc.xpath("string(//t:sourceDesc//t:idno[@type='sha256'])", namespaces=ns) == \
        source_from_text(text).sha256


def test_a_correction_across_a_blank_line_joins_the_blocks(tei_schema):
    text = "First para-\n\ngraph ends.\n\nSecond.\n"
    assert text[10:13] == "-\n\n"
    c = Correction("hy-1", 10, 13, "-\n\n", Kind.HYPHEN, Status.ACCEPTED, ("",), 0.8, reading="")
    doc = parse_tei(_tei(text, [c]))
    assert tei_schema.validate(doc), tei_schema.error_log
    assert relaxng_errors(doc, "edition") == []  # and the edition's own schema
    ed = read_edition(doc)
    assert [b.source for b in ed.blocks] == ["First para-\n\ngraph ends.", "Second."]
    assert ed.reading == "First paragraph ends.\n\nSecond.\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_and_decisions())
def test_pages_and_audit_hold_any_text(case):
    """The diff page, the reading view and the audit are built for any text and decisions; the
    audit's JSON reads back; every change of the diff names its decision."""
    import json

    from lxml import etree

    from edition.publish.audit import audit_json, audit_record
    from edition.publish.diff import diff_hunks
    from edition.publish.pages import _DIFF_SCRIPT, diff_page, reading_view

    text, corrections = case
    source = source_from_text(text, Path("random.txt"))
    plan = plan_edition(source, corrections)
    reading = plan.reading
    audit = audit_record(plan, tei_name="random.tei.xml")
    assert json.loads(audit_json(audit)) == audit
    segments = diff_hunks(text, reading, plan.edits)
    assert all(s.ids for s in segments if s.tag != "equal")
    page = diff_page(title="T", source_name="random.txt", source_sha256=source.sha256,
                     segments=segments, audit=audit)
    view = reading_view(plan, metadata=EditionMetadata(title="T & <b>"))
    assert etree.HTML(view).xpath("//script") == []
    # the diff page's one script is the module's own, whatever the text: nothing of it gets in
    assert etree.HTML(page).xpath("//script/text()") == [_DIFF_SCRIPT]
    assert "<title>T &amp; &lt;b&gt;</title>" in view
