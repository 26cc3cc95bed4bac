"""Layout (blocks and roles), edition metadata, pointers and the validators."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from edition.errors import EditionError
from edition.publish.tei.metadata import DEFAULT_CORRECTION, resolve_metadata
from edition.publish.tei.pointers import unresolved_pointers
from edition.publish.tei.structure import Role, colophon_lines, layout, split_blocks
from edition.publish.validate import jing_errors, relaxng_errors

# The tests that validate TEI share the compiled tei_all schema (conftest.tei_schema, ~7 s to
# load): in a parallel run they go to one worker, which loads it once.
pytestmark = pytest.mark.xdist_group("tei_schema")

SEED = Path(__file__).resolve().parent.parent / "seeds" / "hoxha-memoirs-stalin-introduction.txt"


@pytest.fixture(scope="module")
def seed_layout():
    return layout(SEED.read_text(encoding="utf-8"))


def test_seed_layout(seed_layout):
    roles = [b.role for b in seed_layout.blocks]
    assert roles[:3] == [Role.BYLINE, Role.TITLE, Role.CONTENTS]
    assert roles.count(Role.CONTENTS) == 6 and roles[-1] is Role.COLOPHON
    assert set(roles[8:-1]) == {Role.P}
    assert colophon_lines(seed_layout)[0][0] == "First Edition"


def test_layout_rules_are_general():
    text = ("A Book\n\n\n"
            "Chapter One\n\nIt was a dark and stormy night; the rain fell in torrents, except at "
            "occasional intervals, when it was checked by a violent gust of wind.\n\n"
            "Chapter Two\n\nThe next morning was bright and clear, and the whole town came out "
            "into the square to see what the storm had done to the old church tower.\n\n\n"
            "Printed by: Somebody, 1900\n")
    lay = layout(text)
    assert [b.role for b in lay.blocks] == [Role.TITLE, Role.HEAD, Role.P, Role.HEAD, Role.P,
                                            Role.COLOPHON]


def test_blank_lines_with_spaces_separate_blocks_and_spans_can_join_them():
    assert split_blocks("a\n \t\nb") == [(0, 1, 0), (5, 6, 1)]
    assert split_blocks("\n\na\n\n") == [(2, 3, 0)]
    assert split_blocks("\n\na\n\n", spans=[(1, 1)]) == [(0, 3, 0)]
    assert split_blocks("a\n\nb", spans=[(2, 2)]) == [(0, 4, 0)]
    assert split_blocks("a\n\nb", spans=[(1, 1), (3, 3)]) == [(0, 1, 0), (3, 4, 1)]
    assert split_blocks("a\u00a0\n\u00a0\nb") == [(0, 6, 0)]  # NBSP is not a blank


def test_metadata_defaults_come_from_the_text(seed_layout):
    m = resolve_metadata(seed_layout, {}, {})
    assert (m.title, m.author) == ("Memoirs from my Meetings with Stalin", "Enver Hoxha")
    assert m.print_edition.startswith('"8 Nentori" Publishing House') and m.print_label == "First Edition"
    assert m.electronic_edition == "Marxists Internet Archive, April 2000."
    assert m.correction == DEFAULT_CORRECTION


def test_metadata_block_beats_side_file_beats_text(seed_layout):
    m = resolve_metadata(seed_layout, {"title": "From the block"},
                         {"title": "From the side file", "author": "Side Author"})
    assert (m.title, m.author) == ("From the block", "Side Author")
    with pytest.raises(EditionError, match="unknown edition metadata key 'titel'"):
        resolve_metadata(seed_layout, {"titel": "x"}, {})
    with pytest.raises(EditionError, match="no title"):
        resolve_metadata(layout("just words"), {}, {})


def test_pointers_are_checked():
    doc = etree.fromstring('<TEI xmlns="http://www.tei-c.org/ns/1.0"><x xml:id="a"/>'
                           '<corr resp="#a"/><change who="#b" target="#a #c"/><ref target="http://x"/></TEI>')
    assert [(p.attribute, p.target) for p in unresolved_pointers(doc)] == [("who", "#b"), ("target", "#c")]


MINIMAL = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title>
</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>
</teiHeader><text><body><p>%s</p></body></text></TEI>"""


def test_relaxng_validator(tei_schema):
    assert relaxng_errors(etree.fromstring(MINIMAL % b"ok")) == []
    errors = relaxng_errors(etree.fromstring(MINIMAL % b"<bogus/>"))
    assert errors and "bogus" in errors[0]


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("jing"), reason="jing is not installed")
def test_jing_runs_relaxng_and_schematron(tmp_path):
    good = tmp_path / "good.xml"
    good.write_bytes(MINIMAL % b"ok")
    assert jing_errors(good) == []
    bad = tmp_path / "bad.xml"  # valid RELAX NG, but a Schematron rule forbids @when with @notBefore
    bad.write_bytes(MINIMAL % b'<date when="2000" notBefore="1999">x</date>')
    errors = jing_errors(bad)
    assert errors and any("@when" in e for e in errors)
