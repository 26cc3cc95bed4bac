"""The corrections file's one-line YAML values (edition.store.yamltext, edition.store.layout):
what the fast reader accepts it reads exactly as ruamel.yaml does, and what the writer writes
reads back as itself, for any text."""
from __future__ import annotations

import io

from hypothesis import given, settings, strategies as st
from ruamel.yaml import YAML

from edition.model import Correction, Kind, Status
from edition.store import layout, yamltext
from edition.store.entries import entry_text
from edition.store.file import _parse, file_digest

_YAML = YAML(typ="rt")


def ruamel_value(raw: str):
    return _YAML.load(io.StringIO("k: " + raw))["k"]


# Texts that reach every corner: any character, and the ones YAML gives a meaning to.
TRICKY = st.sampled_from(list("ab -?:,#'\"[]{}&*!|>%@`\\\t\n\r\x85\u2028\u2029\ufeff\xa0é1.0xe+~yn"))
TEXTS = st.one_of(st.text(st.characters(blacklist_categories=("Cs",)), max_size=14),
                  st.text(TRICKY, max_size=9),
                  st.sampled_from(["yes", "No", "on", "null", "~", "12:30", "0x1F", "1e3", ".5",
                                   "2026-11-27", "-street", "- x", "? x", "a: b", "a #b", "<<", "="]))


@settings(max_examples=1500)
@given(TEXTS)
def test_a_written_value_reads_back_as_itself_with_both_readers(s):
    written = yamltext.encode(s)
    assert "\n" not in written
    assert yamltext.decode(written) == s
    assert ruamel_value(written) == s and isinstance(ruamel_value(written), str)
    items = yamltext.encode_list([s, "x"])
    assert yamltext.decode_list(items) == [s, "x"]
    assert list(ruamel_value(items)) == [s, "x"]


@settings(max_examples=1500)
@given(TEXTS)
def test_what_the_fast_reader_accepts_it_reads_as_ruamel_does(raw):
    if "\n" in raw or "\r" in raw:
        return
    value = yamltext.decode(raw)
    if value is not None:
        assert ruamel_value(raw) == value and isinstance(ruamel_value(raw), str)
    items = yamltext.decode_list(f"[{raw}]")
    if items is not None:
        assert [str(v) for v in ruamel_value(f"[{raw}]")] == items
        assert all(isinstance(v, str) for v in ruamel_value(f"[{raw}]"))


def test_values_yaml_reads_as_other_types_are_left_to_the_full_reader():
    for raw in ("12", "0.5", "true", "null", "~", "2026-11-27", "0o17", ".inf"):
        assert yamltext.decode(raw) is None, raw
    for raw in ("yes", "No", "on", "y", "12:30"):  # YAML 1.2 strings; written quoted, for 1.1
        assert yamltext.decode(raw) == raw and yamltext.encode(raw) != raw


@st.composite
def corrections(draw):
    original = draw(TEXTS.filter(bool))
    status = draw(st.sampled_from(list(Status)))
    readings = tuple(draw(st.lists(TEXTS.filter(lambda r: r != original), max_size=3)))
    reading = draw(TEXTS.filter(lambda r: r != original)) if status.changes_text else None
    decided = status is not Status.PROPOSED
    return Correction(
        id=draw(st.sampled_from(["gl-1a2b3c4d", "x", "nw-0-2", "it's", "- odd"])), start=7,
        end=7 + len(original), original=original, kind=draw(st.sampled_from(list(Kind))),
        status=status, readings=readings, confidence=draw(st.floats(0, 1).map(lambda x: round(x, 3))),
        why=draw(TEXTS), context=draw(TEXTS), reading=reading,
        # (an empty `by` or `note` is not written: it reads back as None)
        by=draw(TEXTS.filter(bool)) if decided else None,
        on="2026-11-27T10:00:00Z" if decided else None,
        note=draw(st.none() | TEXTS.filter(bool)), history=tuple(draw(st.lists(TEXTS, max_size=2))),
        detector=draw(TEXTS))


@settings(max_examples=400)
@given(corrections())
def test_an_entry_reads_back_the_same_by_the_fast_reader_and_by_ruamel(c):
    text = "corrections:\n" + entry_text(c)
    parsed = _parse(__import__("pathlib").Path("c.yaml"), text.encode("utf-8"),
                    file_digest(text.encode("utf-8")))
    assert parsed.corrections == [c]
    # the same entry through ruamel.yaml, as a hand-written file would be read
    entry = _YAML.load(io.StringIO(text))["corrections"][0]
    from edition.store.entries import correction_from_fields
    assert correction_from_fields(__import__("pathlib").Path("c.yaml"), entry, 0, 2,
                                  lambda k: 2) == c


def test_an_entry_in_the_tools_layout_is_read_without_the_yaml_library():
    c = Correction("gl-1", 3, 11, "V1adimir", Kind.GLYPH, readings=("Vladimir", "a: b"),
                   confidence=0.97, why="digit '1' inside a word", context="of V1adimir Ilyich")
    text = entry_text(c)
    assert layout.fast_values(text, 0, len(text)) is not None
    with_comments = ("# about this one\n" + text.replace("  kind: glyph\n", "  kind: glyph  # checked\n")
                     .replace("  confidence:", "  # the print is clear here\n\n  confidence:"))
    assert layout.fast_values(with_comments, 0, len(with_comments)) is not None
    reordered = text.replace("  kind: glyph\n", "").replace("  start:", "  kind: glyph\n  start:")
    reordered = reordered.replace("  status: proposed\n", "") + "  status: proposed\n"
    assert layout.fast_values(reordered, 0, len(reordered)) is None  # ruamel.yaml reads it
    folded = text.replace("  why: ", "  why:\n    ")
    assert layout.fast_values(folded, 0, len(folded)) is None


@settings(max_examples=300)
@given(corrections(), corrections())
def test_rewriting_an_entry_with_comments_keeps_them_and_reads_back_as_the_new_values(old, new):
    """An editor's comments around and inside an entry survive any change of its values."""
    from pathlib import Path

    from edition.store.file import _rewrite_block

    if old.original in (new.reading, *new.readings):
        return  # not an entry: its reading would be its original
    new = new.replace(id=old.id, start=old.start, end=old.end, original=old.original)
    lines = entry_text(old).split("\n")
    lines.insert(0, "# note above")
    lines.insert(3, "  # note inside")
    lines[4] = lines[4] + "  # after a value"
    block = "\n".join(lines)
    rewritten = _rewrite_block(Path("c.yaml"), block, new, 0)
    assert "# note above\n" in rewritten and "  # note inside\n" in rewritten
    text = "corrections:\n" + rewritten
    parsed = _parse(Path("c.yaml"), text.encode("utf-8"), file_digest(text.encode("utf-8")))
    assert parsed.corrections == [new]
