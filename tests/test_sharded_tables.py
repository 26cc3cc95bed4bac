"""Tables read shard by shard (:class:`edition.detection.evidence.shipped.Shards`: the bigram
table and the foreign words, so that a cold start on a short text unpickles only the shards it
asks for) answer as the dicts they were cut from, and detection gives the same proposals with
them as with the whole tables, whether a text reads a few shards or enough of them for the table
to become one dict midway."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cli_helpers import SEED
from edition.detection.evidence import bigrams, languages, shipped, spacing
from edition.detection.runner import detect

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("EDITION_DATA", ROOT.parent / "shared" / "data"))

KEYS = st.text(st.characters(blacklist_categories=("Cs",)), max_size=6) | st.sampled_from(
    ["the cat", "of the", "\ud800", "é", ""])


@settings(max_examples=200)
@given(st.dictionaries(KEYS, st.integers(), max_size=80), st.lists(KEYS, max_size=30),
       st.sampled_from([0.0, 0.25, 1.0]))
def test_shards_answer_as_the_dict_they_were_cut_from(table, asked, whole_after):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(shipped, "WHOLE_AFTER", whole_after)
        s = shipped.Shards(shipped.shard(table))
        for key in [*asked, *table]:
            assert s.get(key) == table.get(key)
            assert s.get(key, "absent") == table.get(key, "absent")
            assert (key in s) == (key in table)
            if key in table:
                assert s[key] == table[key]
            else:
                with pytest.raises(KeyError):
                    s[key]
        assert s.whole() == table
        assert s.get("not a key of any table", 7) == 7


@pytest.mark.parametrize("table", [bigrams.TABLE, languages.FOREIGN_WORDS], ids=lambda t: t.name)
def test_a_shipped_sharded_table_answers_every_key_as_the_built_table(table):
    built = table.build()
    read = table.shipped(table.key())
    assert read is not None, f"{table.name} is not shipped for the lists installed here"
    for mine, theirs in zip(read, built) if isinstance(built, tuple) else [(read, built)]:
        if not isinstance(theirs, dict):
            assert mine == theirs
            continue
        assert isinstance(mine, shipped.Shards)
        for key, value in theirs.items():
            assert mine.get(key) == value
        for key in ("qzxv", "the qzxv", "Zürich", ""):
            assert mine.get(key, None) == theirs.get(key, None)


def _texts() -> list[str]:
    texts = [SEED.read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((DATA / "bln600-train").glob("*.ocr.txt"))[:2]]
    return texts


def _proposals(text: str) -> list[tuple]:
    return [(p.start, p.end, p.original, p.readings, p.kind, p.confidence, p.why, p.detector)
            for p in detect(text)]


@pytest.mark.parametrize("whole_after", [shipped.WHOLE_AFTER, 0.001])
def test_detection_with_sharded_tables_proposes_what_it_does_with_the_whole_tables(monkeypatch, whole_after):
    monkeypatch.setattr(shipped, "WHOLE_AFTER", whole_after)  # 0.001: whole after the first shards
    sharded = bigrams.BigramTable(*bigrams.TABLE.shipped())
    foreign = languages.FOREIGN_WORDS.shipped()
    assert isinstance(sharded.pairs, shipped.Shards) and isinstance(foreign, shipped.Shards)
    built = bigrams.BigramTable(*bigrams.TABLE.build())
    built_foreign = languages.FOREIGN_WORDS.build()
    for text in _texts():
        for module in (bigrams, spacing):  # spacing imported the function by name
            monkeypatch.setattr(module, "table", lambda: built)
        monkeypatch.setattr(languages, "foreign_words", lambda: built_foreign)
        whole = _proposals(text)
        for module in (bigrams, spacing):
            monkeypatch.setattr(module, "table", lambda: sharded)
        monkeypatch.setattr(languages, "foreign_words", lambda: foreign)
        assert _proposals(text) == whole
