"""The evidence tables shipped in the package (``edition/detection/data/tables/``, made by
``benchmarks/derive/derive_tables.py``) and the lexicon read straight from wordfreq's list: what
makes the first `edition detect` on a machine as fast as the next ones, with the same
proposals."""
from __future__ import annotations

import math
import pickle

import pytest

from cli_helpers import run, seed_project
from edition.detection.evidence import lexicon, shipped
from edition.detection.evidence.bigrams import TABLE as BIGRAMS
from edition.detection.evidence.languages import FOREIGN_WORDS
from edition.detection.evidence.letters import TRIGRAMS
from edition.detection.evidence.ngrams import PERIOD_PAIRS
from edition.detection.evidence.spacing import DICTIONARY

SHIPPED = (FOREIGN_WORDS, TRIGRAMS, BIGRAMS, PERIOD_PAIRS, DICTIONARY)


@pytest.mark.parametrize("table", SHIPPED, ids=lambda t: t.name)
def test_every_shipped_table_is_what_its_derivation_gives_now(table):
    key = table.key()
    assert shipped.manifest()[table.name]["key"] == key, (
        f"{table.name}: derived from other inputs; run python benchmarks/derive/derive_tables.py")
    assert table.shipped(key) == table.build()


def test_the_lexicon_read_without_wordfreq_is_wordfreqs():
    from wordfreq import get_frequency_dict

    theirs = get_frequency_dict("en", wordlist="large")
    ours = lexicon.frequencies()
    assert ours == theirs and list(ours) == list(theirs)
    for min_zipf in (0.5, 1.5, 3.0, 4.5):
        least = 10 ** (min_zipf - 9)
        assert lexicon.words_at_least(min_zipf) == {w for w, f in theirs.items() if f >= least}
    assert lexicon.zipf("the") == round(math.log10(theirs["the"]) + 9, 2)


def test_the_first_run_on_a_machine_builds_no_table(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("EDITION_CACHE", str(cache))  # empty: a cold start
    src = seed_project(tmp_path)
    run("detect", str(src), "-q", cwd=tmp_path, check=True)
    # everything detection needs was shipped or read from the installed word lists
    assert not list(cache.glob("*.pickle"))


def _table(tmp_path, monkeypatch, source_text: str, built: list) -> shipped.DerivedTable:
    """A derived table of one input file, shipped from ``tmp_path/tables`` for its first text."""
    source = tmp_path / "list.txt"
    source.write_text(source_text, encoding="utf-8")
    tables = tmp_path / "tables"
    tables.mkdir(exist_ok=True)
    monkeypatch.setattr(shipped, "TABLES", tables)
    monkeypatch.setenv("EDITION_CACHE", str(tmp_path / "cache"))

    def build():
        built.append(source.read_text(encoding="utf-8"))
        return {w: len(w) for w in source.read_text(encoding="utf-8").split()}

    return shipped.DerivedTable("words", lambda: (source, 1), build)


def test_a_table_derived_from_other_inputs_is_built_into_the_cache_not_read(tmp_path, monkeypatch):
    built: list[str] = []
    table = _table(tmp_path, monkeypatch, "alpha beta", built)
    (shipped.TABLES / "words.pickle").write_bytes(pickle.dumps({"alpha": 5, "beta": 4}))
    derived_from = {"words": {"key": table.key()}}  # as derive_tables.py records it
    monkeypatch.setattr(shipped, "manifest", lambda: derived_from)
    assert table.load() == {"alpha": 5, "beta": 4} and built == []  # shipped: nothing built

    (tmp_path / "list.txt").write_text("gamma", encoding="utf-8")  # another version of the list
    assert table.load() == {"gamma": 5} and built == ["gamma"]  # never the shipped table
    assert table.load() == {"gamma": 5} and built == ["gamma"]  # then read from the cache
    assert len(list((tmp_path / "cache").glob("words-*.pickle"))) == 1
