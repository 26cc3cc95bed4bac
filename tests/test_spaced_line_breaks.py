"""Words broken by a line-break hyphen whose line break became a space (``car- ried``): joined by
the hyphen detector, and read whole where the joined form is misread (``pri- sonller``); the
halves are not read alone (``em- ployer`` is no ``player``). The same where OCR read the hyphen
as a period or comma (``pri. soners``, ``at, tention``); where both halves are words that make one
(``dis- covered``, ``Jack- son``); and where debris stands between the halves (``con- ut victed``).
Through the real CLI on written newspaper passages (tests/data/newspaper_line_breaks.txt,
newspaper_marked_line_breaks.txt, newspaper_line_break_debris.txt), and the detector on small
texts."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cli_helpers import detect_json
from edition.detection.detectors import hyphen
from edition.detection.evidence import spacing
from edition.detection.document import Document
from tests._detector_tables import check_invariants, readings

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def proposals(tmp_path_factory) -> dict[str, dict]:
    found = detect_json(DATA / "newspaper_line_breaks.txt", tmp_path_factory.mktemp("line_breaks"), "passage.txt")
    return {p["original"]: p for p in found}


@pytest.mark.parametrize("original,reading", [
    ("Wil- liams", "Williams"),
    ("em- ployer", "employer"),
    ("car- ried", "carried"),
    ("magis- trate", "magistrate"),
    ("ad- journed", "adjourned"),
])
def test_a_word_broken_at_a_spaced_hyphen_is_joined(proposals, original, reading):
    p = proposals[original]
    assert p["readings"][0] == reading
    assert p["kind"] == "hyphen"
    # one half no word and a space for the line break: the export's break, not a printed hyphen kept
    assert p["confidence"] <= hyphen.SPACED_JOIN


@pytest.mark.parametrize("original,reading", [("pri- sonller", "prisoner"), ("superih- tendent", "superintendent")])
def test_a_misread_word_broken_at_a_spaced_hyphen_is_read_whole(proposals, original, reading):
    p = proposals[original]
    assert p["readings"][0] == reading
    assert "joined at a line-break hyphen" in p["why"]
    # the passage breaks several words so: the word model's own confidence, not JOIN_CAP (in this
    # noisy passage ``superih``'s h for n is the text's only such misreading: the word model of
    # noisy texts holds it at 0.77, words.doc_confusion)
    assert "other words broken so" in p["why"]
    assert p["confidence"] != hyphen.JOIN_CAP


def test_the_halves_are_not_read_alone(proposals):
    for half in ("ployer", "liams", "ried", "sonller", "superih", "tendent", "em", "pri"):
        assert half not in proposals, proposals[half]


def test_compounds_initials_and_dashes_are_left_alone(proposals):
    joined = {p["original"] for p in proposals.values() if p["kind"] == "hyphen"}
    assert not any(o.startswith(("Twenty", "H-")) for o in joined), joined


@pytest.mark.parametrize("text", [
    "Twenty- three persons were charged.",  # two words: a compound broken at its own hyphen
    "the pre- and post-war prices",  # a suspended compound
    "Mr. H- a former clerk of the court",  # an initial and a dash
    "He said - and it was true - that the war was over.",
    "The prisoner was car-\nried away.",  # the text keeps its lines: the edition's policy
])
def test_no_join_where_no_word_was_broken(text):
    assert readings(hyphen, text) == []


def test_a_join_removes_only_the_hyphen_and_the_space():
    text = "the Jubilee-build- ings, and the con- sidered view"
    assert readings(hyphen, text) == [("Jubilee-build- ings", "Jubilee-buildings"),
                                      ("con- sidered", "considered")]


@pytest.fixture(scope="module")
def marked(tmp_path_factory) -> dict[str, dict]:
    found = detect_json(DATA / "newspaper_marked_line_breaks.txt", tmp_path_factory.mktemp("marked"), "court.txt")
    return {p["original"]: p for p in found}


@pytest.mark.parametrize("original,reading", [
    ("Wednes. day", "Wednesday"),
    ("pri. soners", "prisoners"),
    ("im. mediately", "immediately"),
    ("pro. ceeds", "proceeds"),
    ("at, tention", "attention"),
])
def test_a_hyphen_read_as_a_mark_is_joined(marked, original, reading):
    p = marked[original]
    assert p["readings"][0] == reading
    assert p["kind"] == "hyphen"
    assert "its hyphen read as" in p["why"]
    # the space after the mark is the export's line break, as after a spaced hyphen; lowered
    # in a damaged passage, as every hyphen rule is
    damaged = "damaged passage" in p["why"]
    assert p["confidence"] == (round(hyphen.MARK_JOIN * spacing.NOISY_FACTOR, 2) if damaged else hyphen.MARK_JOIN)
    assert hyphen.MARK_JOIN == hyphen.SPACED_JOIN


def test_the_halves_of_a_marked_break_are_not_read_alone(marked):
    for half in ("pri", "soners", "im", "mediately", "ceeds", "tention", "Wednes"):
        assert half not in marked, marked[half]


def test_a_sentence_end_or_an_abbreviation_is_no_marked_break(marked):
    joined = {p["readings"][0] for p in marked.values() if p["kind"] == "hyphen"}
    # two words (full. some, whole. sale) may be a sentence's end and a word; VI is a numeral
    assert not joined & {"fullsome", "wholesale", "VIto"}, joined


_WORDS = st.sampled_from(["car", "ried", "con", "sidered", "the", "man", "em", "ployer", "Wil",
                          "liams", "a", "H", "twenty", "three", "xq"])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(_WORDS, st.sampled_from([" ", "- ", "-", "-\n", ". ", ", "])), max_size=12))
def test_joins_change_nothing_but_the_break(pieces):
    text = "".join(w + sep for w, sep in pieces)
    check_invariants(hyphen, text)
    for p in hyphen.spaced_line_breaks(Document(text)):
        assert "- " in p.original
        if "joined at" not in p.why:
            # a kept join takes out the hyphen and the space, and nothing else
            assert p.readings == (p.original.replace("- ", "", 1),)
    for p in hyphen.marks_for_line_breaks(Document(text)):
        # a join at a mark read for the hyphen takes out the mark and the space, and nothing else
        assert p.readings == (p.original.replace(". ", "", 1).replace(", ", "", 1),)


@pytest.fixture(scope="module")
def debris(tmp_path_factory) -> dict[str, dict]:
    found = detect_json(DATA / "newspaper_line_break_debris.txt", tmp_path_factory.mktemp("debris"), "court.txt")
    return {p["original"]: p for p in found}


@pytest.mark.parametrize("original,reading", [
    ("Jack- son", "Jackson"),
    ("dis- covered", "discovered"),
    ("neighbour- hood", "neighbourhood"),
])
def test_two_words_that_make_one_are_joined(debris, original, reading):
    p = debris[original]
    assert p["readings"][0] == reading
    assert p["kind"] == "hyphen"
    assert "are words, but" in p["why"]
    assert p["confidence"] < 0.9  # removing a printed line-end hyphen is the edition's policy


@pytest.mark.parametrize("original,reading", [
    ("dis- Le orderly", "disorderly"),
    ("con- ut victed", "convicted"),
    ("de- of clared", "declared"),
])
def test_debris_between_the_halves_is_dropped(debris, original, reading):
    p = debris[original]
    assert p["readings"][0] == reading
    assert p["kind"] == "hyphen"
    assert "between the halves of a word broken at a line-break hyphen is debris" in p["why"]
    assert p["confidence"] < 0.9


def test_debris_and_halves_are_not_read_alone(debris):
    for piece in ("Le", "ut", "victed", "orderly", "clared", "dis", "con", "de", "of"):
        assert piece not in debris, debris[piece]


def test_compounds_the_dictionary_lacks_keep_their_words(debris):
    # public-house, Church-street, twenty-three: no dictionary word joined, and no text's word
    joined = {p["original"] for p in debris.values() if p["kind"] == "hyphen"}
    assert not joined & {"public- house", "Church- street", "Twenty- three"}, joined


@pytest.mark.parametrize("text,expected", [
    ("He went to the police-court, and the Police- court was full.", []),  # the text's compound
    ("The case was heard pri- or to the adjournment.", [("pri- or", "prior")]),  # the break's own half
    ("He was con- ut victed at the sessions.", [("con- ut victed", "convicted")]),
])
def test_what_a_break_between_words_joins(text, expected):
    assert readings(hyphen, text) == expected


_FIRST = st.sampled_from(["con", "de", "dis", "magis", "Jack", "neighbour"])
_SECOND = st.sampled_from(["victed", "clared", "orderly", "trate", "son", "hood", "covered"])


@settings(max_examples=80, deadline=None)
@given(_FIRST, st.text(alphabet="abcdeILOut,.(_~'", min_size=1, max_size=3), _SECOND)
def test_a_debris_join_drops_the_hyphen_the_debris_and_the_spaces_only(a, junk, b):
    text = f"The man was {a}- {junk} {b} at the court."
    check_invariants(hyphen, text)
    for p in hyphen.debris_in_line_breaks(Document(text)):
        assert p.original == f"{a}- {junk} {b}"
        if "joined at a line-break hyphen" not in p.why:  # not the word model's reading of a misread join
            assert p.readings == (a + b,)


def test_a_spaced_join_with_one_half_no_word_is_sure_and_one_of_two_words_is_not():
    """The space after the hyphen is the export's line break: ``car- ried`` is joined at
    SPACED_JOIN (0.9: right 471 of 484 times on BLN600's tune part), while halves that are both
    words (``dis- covered``) may be a printed compound and stay below 0.9."""
    text = ("The prisoner was car- ried before the magistrate on Monday morning, and the constable "
            "who dis- covered the stolen property gave his evidence at some length to the court.")
    found = {p.original: p for p in hyphen.detect(Document(text))}
    assert found["car- ried"].readings[0] == "carried"
    assert found["car- ried"].confidence == hyphen.SPACED_JOIN == 0.9
    assert found["dis- covered"].readings[0] == "discovered"
    assert found["dis- covered"].confidence < 0.9


def test_joins_at_a_spaced_hyphen_are_sure_in_a_text_that_breaks_its_words_so():
    """``news- paper`` where the text writes ``newspaper`` and never ``news-paper``: the halves
    are both words, so the hyphen may be a printed compound's, and the join stays at 0.75; in a
    text with EXPORTED_BREAKS (2) other words broken at a spaced hyphen with a half that is no
    word (``car- ried``, ``Wil- liams``), the text is an export whose line breaks became spaces,
    and the join is as sure as theirs (at 0.75 right 58 of 59 times in such texts of BLN600's
    tune part); the word model's reading of a misread word broken so keeps its own confidence
    there instead of JOIN_CAP (at 0.9 or more right 45 of 46 times in such texts)."""
    court = ("The newspaper of the town reported the case at length on the following Monday. The "
             "prisoner was car- ried before the magistrate by the constable, who said that he had "
             "found the stolen property in the house of the brother of the accused. Mr. Wil- liams "
             "appeared for the defence. The magistrate had read the news- paper before the hearing, "
             "and the prisoner was im- prisened for a month.")
    found = {p.original: p for p in hyphen.detect(Document(court))}
    assert found["car- ried"].confidence == found["Wil- liams"].confidence == hyphen.SPACED_JOIN
    assert hyphen.EXPORTED_BREAKS == 2
    sure = found["news- paper"]
    assert sure.readings == ("newspaper",) and sure.confidence == hyphen.SPACED_JOIN
    assert "2 other words broken so" in sure.why
    # the word model's reading of a misread word broken so keeps its own confidence
    read = found["im- prisened"]
    assert read.readings[0] == "imprisoned" and read.confidence > hyphen.JOIN_CAP
    # one such word is not yet the text's habit
    once = court.replace("Wil- liams", "Williams")
    found = {p.original: p for p in hyphen.detect(Document(once))}
    assert found["news- paper"].readings == ("newspaper",) and found["news- paper"].confidence == 0.75
    assert found["im- prisened"].confidence <= hyphen.JOIN_CAP
