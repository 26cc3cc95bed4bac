"""The corpus review library: patterns and their order, what the project's decisions teach
detection, the index kept between commands, named decisions with their revisions, and the
spreadsheet's cells."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from cli_helpers import run
from corpus_sample import instances, make_corpus, write_document
from edition.corpus.discover import discover
from edition.corpus_review.batch import DocumentDecision, Item, decide_across
from edition.corpus_review.documents import documents
from edition.corpus_review.index import CorpusIndex, summarize
from edition.corpus_review.learning import tallies
from edition.corpus_review.patterns import GroupFilter, instances as group_instances, ordered, survey
from edition.corpus_review.spreadsheet import escape_cell, unescape_cell
from edition.detection.evidence.decisions import (ProjectDecisions, Tally, format_decisions,
                                                  parse_decisions, read_decisions, said_tally,
                                                  unweighed, weighed)
from edition.detection.runner import detect
from edition.errors import EditionError
from edition.model import Correction, Kind, Proposal, Status
from edition.review import revision
from edition.workflow import open_project


@pytest.fixture()
def corpus(tmp_path, monkeypatch):
    make_corpus(tmp_path, 6)
    monkeypatch.chdir(tmp_path)
    docs = documents(discover(["texts"]))
    index = CorpusIndex(docs)
    index.refresh()
    return tmp_path, docs, index


# ------------------------------------------------------------------ patterns


def test_groups_count_instances_documents_and_progress_and_the_most_fixing_come_first(corpus):
    root, docs, index = corpus
    s = survey(index)
    tbe, aud = s.groups[("tbe", "the")], s.groups[("aud", "and")]
    assert (tbe.pending, tbe.documents) == (sum(instances(root, "tbe").values()),
                                            len(instances(root, "tbe")))
    assert tbe.kind is Kind.NONWORD and tbe.learned is None and tbe.confidence == pytest.approx(0.93)
    assert tbe.value == pytest.approx(tbe.pending * 0.93)
    assert [g.pattern for g in ordered(s)][:2] == [("tbe", "the"), ("aud", "and")]
    assert s.total == s.pending == tbe.total + aud.total
    assert [d.name for d in s.documents] == [f"texts/doc00{i}.txt" for i in range(6)]
    # decided entries stay in their pattern: progress per pattern and per document
    first = next(group_instances(index, s, ("tbe", "the")))
    name = docs[first.document].name
    run("reject", name, first.id, cwd=root, check=True)
    assert index.refresh() == [first.document]
    s = survey(index)
    tbe = s.groups[("tbe", "the")]
    assert (tbe.rejected, tbe.decided) == (1, 1)
    assert tbe.learned == Tally(0, 1)  # what the project decided weighs the pattern
    assert tbe.weighed == pytest.approx(weighed(0.93, Tally(0, 1)))
    assert tbe.weighed < 0.93
    assert s.documents[first.document].decided == 1
    only = ordered(s, GroupFilter(status="decided"))
    assert [g.pattern for g in only] == [("tbe", "the")]
    assert ordered(s, GroupFilter(text="AUD")) == [] and ordered(s, GroupFilter(text="au"))
    # a document without 'aud': the document's filter shows only its own patterns
    write_document(root, "texts/short.txt", "He went to tbe market at noon.\n")
    docs = documents(discover(["texts"]))
    index = CorpusIndex(docs)
    index.refresh()
    s = survey(index)
    short = [d.name for d in docs].index("texts/short.txt")
    assert [g.pattern for g in ordered(s, GroupFilter(document=short))] == [("tbe", "the")]
    assert len(ordered(s, GroupFilter(document=0))) == 2


def test_the_index_rereads_only_documents_whose_files_changed(corpus):
    root, docs, index = corpus
    assert index.refresh() == []
    again = CorpusIndex(docs)  # a later command: the summaries come from the cache
    assert again.refresh() == list(range(6))
    assert again.summaries == index.summaries
    run("accept", "texts/doc002.txt", "--original", "tbe", cwd=root, check=True)
    assert again.refresh() == [2]
    assert set(again.summaries[2].readings) == {"the", None}
    (root / "corrections" / "doc004.yaml").write_text("corrections: [\n")
    assert again.refresh() == [4]
    assert "doc004.yaml" in again.problems[4]


# ------------------------------------------------------------------ learning


def _c(cid: str, status: str, reading: str | None = None, readings=("the", "tho")) -> Correction:
    return Correction(cid, 0, 3, "tbe", Kind.NONWORD, status=status, reading=reading,
                      readings=readings)


def test_how_each_decision_counts_for_its_pattern():
    s = summarize([
        _c("1", "accepted", "the"), _c("2", "accepted", "tho"), _c("3", "edited", "thy"),
        _c("4", "rejected"), _c("5", "proposed"), _c("6", "flagged"),
        _c("7", "flagged", readings=()), _c("8", "rejected", readings=()),
        _c("9", "accepted", "the").replace(stale="not found"),
    ])
    assert tallies([s]) == {
        ("tbe", "the"): Tally(2, 3),  # 1, 9 accepted; 2, 3 chose another; 4 rejected
        ("tbe", "tho"): Tally(1, 0), ("tbe", "thy"): Tally(1, 0),
        ("tbe", None): Tally(1, 1),  # a flag accepted (7), a flag rejected (8)
    }


def test_detection_weighs_a_pattern_by_the_project_and_stops_one_it_rejects():
    text = "He went to tbe market and then to tbe town hall."
    plain = [p for p in detect(text) if p.original == "tbe"]
    assert plain and plain[0].reading == "the"
    p0 = plain[0].confidence
    liked = ProjectDecisions({("tbe", "the"): Tally(14, 0)})
    better = [p for p in detect(text, decisions=liked) if p.original == "tbe"]
    assert [p.confidence for p in better] == [weighed(p.confidence, Tally(14, 0))
                                             for p in plain]
    assert better[0].confidence > p0
    assert better[0].why.endswith("; accepted 14 times in this project")
    # the detector's own confidence read back from the weighed one and its why: rounding to
    # 3 places (0.0005) is magnified (2 + 14) / 2 times, and weighing it again gives it back
    raw = unweighed(better[0].confidence, better[0].why)
    assert raw == pytest.approx(p0, abs=0.0005 * 16 / 2 + 1e-9)
    assert weighed(raw, Tally(14, 0)) == pytest.approx(better[0].confidence, abs=0.001)
    twice = ProjectDecisions({("tbe", "the"): Tally(0, 2)})
    assert all(p.confidence < p0 for p in detect(text, decisions=twice) if p.original == "tbe")
    rejected = ProjectDecisions({("tbe", "the"): Tally(0, 3)})
    assert [p for p in detect(text, decisions=rejected) if p.original == "tbe"] == []


def test_a_reading_the_editors_chose_more_often_comes_first():
    p = Proposal(0, 3, "bnt", ("bat", "but"), "nonword", 0.6, "not a word")
    q = ProjectDecisions({("bnt", "but"): Tally(5, 0), ("bnt", "bat"): Tally(1, 2)}).adjust(p)
    assert q.readings == ("but", "bat")
    assert q.confidence == weighed(0.6, Tally(5, 0))
    assert said_tally(q.why) == Tally(5, 0)


def test_the_decisions_file_reads_back_what_was_written_and_refuses_a_bad_line(tmp_path):
    tallies_ = {("tbe", "the"): Tally(3, 1), ("a\tb", "a b"): Tally(1, 0),
                ("x\\n", None): Tally(0, 2), ("Cas", "cas"): Tally(1, 1), (",", ""): Tally(2, 0)}
    text = format_decisions(tallies_)
    assert parse_decisions(text, tmp_path / "d.tsv") == tallies_
    bad = tmp_path / "decisions.tsv"
    bad.write_text(text + "tbe\tthe\tmany\t0\n")
    with pytest.raises(EditionError, match=r"decisions.tsv, line \d+: accepted and rejected"):
        read_decisions(bad)


@given(st.dictionaries(st.tuples(st.text(min_size=1), st.none() | st.text()),
                       st.builds(Tally, st.integers(0, 10**6), st.integers(0, 10**6)),
                       max_size=20))
def test_any_decisions_read_back_exactly(tallies_):
    expected = {k: t for k, t in tallies_.items() if t.decisions}
    assert parse_decisions(format_decisions(tallies_), Path("d.tsv")) == expected


def test_detect_learns_the_project_decisions_into_decisions_tsv(tmp_path):
    make_corpus(tmp_path, 4)
    run("reject", "texts", "--original", "aud", cwd=tmp_path, check=True)
    run("accept", "texts", "--original", "tbe", "--reading", "the", cwd=tmp_path, check=True)
    n_tbe, n_aud = sum(instances(tmp_path, "tbe").values()), sum(instances(tmp_path, "aud").values())
    (tmp_path / "new.txt").write_text("He went to tbe market, tbe fair and tbe town aud sat.\n")
    r = run("detect", "new.txt", cwd=tmp_path, check=True)
    assert r.returncode == 0
    decisions = read_decisions(tmp_path / "corrections" / "decisions.tsv")
    assert decisions.tally("tbe", "the") == Tally(n_tbe, 0)
    assert decisions.tally("aud", "and") == Tally(0, n_aud)
    new = open_project(tmp_path / "new.txt", tmp_path / "corrections" / "new.yaml").corrections
    tbe = [c for c in new if c.original == "tbe"]
    assert tbe and all(c.why.endswith(f"accepted {n_tbe} times in this project") for c in tbe)
    assert not [c for c in new if c.original == "aud"]  # rejected three times or more: dropped
    stamp = (tmp_path / "corrections" / "decisions.tsv").stat().st_mtime_ns
    run("detect", "new.txt", cwd=tmp_path, check=True)  # nothing decided since: not rewritten
    assert (tmp_path / "corrections" / "decisions.tsv").stat().st_mtime_ns == stamp


# ------------------------------------------------------------------ named decisions


def test_named_decisions_refuse_an_entry_changed_since_it_was_shown_and_do_the_rest(corpus):
    root, docs, index = corpus
    s = survey(index)
    shown = list(group_instances(index, s, ("tbe", "the")))
    changed = shown[0]
    run("edit", docs[changed.document].name, changed.id, "--reading", "thee", cwd=root,
        check=True)
    by_doc: dict[int, list[Item]] = {}
    for i in shown:
        by_doc.setdefault(i.document, []).append(Item(i.id, i.revision))
    tasks = [DocumentDecision(docs[d], "accept", "Ana", items=tuple(items))
             for d, items in by_doc.items()]
    report = decide_across(tasks)
    assert report.decided == len(shown) - 1
    assert [(r.id, r.reason) for r in report.refused] == \
        [(changed.id, "changed since it was shown: now edited 'thee' by Test Editor")]
    project = open_project(docs[changed.document].source, docs[changed.document].corrections)
    assert project.corrections.get(changed.id).reading == "thee"
    again = decide_across(tasks)  # run twice: what is already so is done
    assert (again.decided, again.unchanged, len(again.refused)) == (0, len(shown) - 1, 1)


def test_a_decision_that_would_overlap_an_applied_correction_is_refused_alone(corpus):
    root, docs, index = corpus
    doc = docs[0]
    project = open_project(doc.source, doc.corrections)
    first = next(c for c in project.corrections if c.original == "tbe")
    # an editor rejected it, corrected a longer span over it, then reopened it
    run("reject", doc.name, first.id, cwd=root, check=True)
    run("add", doc.name, "--at", str(first.start), "--length", "5", "--reading", "THE X",
        cwd=root, check=True)
    run("reopen", doc.name, first.id, cwd=root, check=True)
    project = open_project(doc.source, doc.corrections)
    c = project.corrections.get(first.id)
    report = decide_across([DocumentDecision(doc, "accept", "Ana",
                                             items=(Item(c.id, revision(c)),))])
    assert report.decided == 0 and "would overlap another correction" in report.refused[0].reason


# ------------------------------------------------------------------ spreadsheet cells


@given(st.text())
def test_a_cell_reads_back_exactly_and_is_never_a_formula(value):
    cell = escape_cell(value)
    assert unescape_cell(cell) == value
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
