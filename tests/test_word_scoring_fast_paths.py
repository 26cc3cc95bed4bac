"""The word detectors' fast paths give exactly what the plain functions they stand for give: the
context of every reading of an occurrence looked up together, the bigram and language-model rows
of a neighbour looked up once, a name's one-edit neighbours tested without listing every edit."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from edition.detection.detectors import variant, words
from edition.detection.document import Document
from edition.detection.evidence import bigrams, confusions, ngrams

DATA = Path(__file__).parent / "data"

# words the tables know (pairs among them are in the bigram and period lists) and forms they do not
KNOWN = ["the", "prisoner", "was", "he", "said", "i", "am", "of", "court", "police", "to", "and",
         "remanded", "charged", "with", "a", "in", "that", "lie", "tbe", "prisoncr", "wa", "xqz"]
WORD = st.one_of(st.sampled_from(KNOWN), st.text("abcdeéIT'", min_size=1, max_size=8))


@given(WORD, st.lists(WORD, max_size=6))
def test_a_row_of_associations_is_each_association(a: str, ws: list[str]) -> None:
    assert bigrams.associations_after(a, ws) == [bigrams.association(a, w) for w in ws]
    assert bigrams.associations_before(ws, a) == [bigrams.association(w, a) for w in ws]


@given(st.none() | WORD, st.lists(WORD, max_size=6), st.none() | WORD)
def test_the_language_model_fits_of_many_words_are_each_fit(prev, ws, nxt) -> None:
    assert ngrams.fits(prev, ws, nxt) == [ngrams.fit(prev, w, nxt) for w in ws]


def test_the_contexts_of_an_occurrence_are_those_of_each_reading() -> None:
    """Every occurrence with readings in two real newspaper passages: the features together
    equal those of each reading with the original's side computed apart."""
    checked = 0
    for name in ("newspaper_passage.txt", "police_court_report.txt"):
        doc = Document((DATA / name).read_text(encoding="utf-8"))
        for unit in words.units(doc, only_read=True):
            options = words._viable(doc, unit.text)
            if not options:  # a piece of a hyphenated token whose other piece has readings
                continue
            o = options[0].original.lower()
            readings = [r.reading.lower() for r in options]
            around = words._around(doc, unit, o)
            assert words._contexts(doc, unit, o, readings) == [
                words._context_features(doc, unit, c, around) for c in readings]
            checked += 1
    assert checked > 50


def _edits1(word: str) -> set[str]:
    """Every string one letter deleted from, replaced in or inserted into ``word`` (lower case),
    the letters written from :data:`confusions.EDIT_LETTERS`: the plain definition."""
    w = word.lower()
    out = set()
    for i in range(len(w) + 1):
        head, tail = w[:i], w[i:]
        if tail:
            out.add(head + tail[1:])
            out.update(head + c + tail[1:] for c in confusions.EDIT_LETTERS)
        out.update(head + c + tail for c in confusions.EDIT_LETTERS)
    out.discard(w)
    return out


NAME = st.text("aabbcnStİé1", max_size=7)


@given(NAME, st.data())
def test_one_edit_is_membership_of_the_edits(word: str, data) -> None:
    edits = sorted(_edits1(word))
    w = word.lower()
    # one character of any kind deleted, replaced or inserted (a digit or an accented letter is
    # no edit of the list), a string of its own, and the word itself
    at = data.draw(st.integers(0, len(w)))
    ch = data.draw(st.sampled_from("abcnsté1"))
    others = [w[:at] + w[at + 1:], w[:at] + ch + w[at + 1:], w[:at] + ch + w[at:], w,
              data.draw(st.sampled_from(edits)) if edits else "", data.draw(st.text("aabcnsté1", max_size=8))]
    for other in others:
        assert variant._one_edit(word, other) == (other in _edits1(word)), (word, other)


RARE_NAME = st.text("abdeilnorstuvé", min_size=3, max_size=7).map(lambda s: s[0].upper() + s[1:])


@given(st.lists(RARE_NAME, min_size=1, max_size=40))
def test_names_searched_together_are_those_searched_one_by_one(names: list[str]) -> None:
    """The names within one edit of each rare name: rapidfuzz's ``cdist`` over all of them
    (in groups) finds those its ``extract`` finds for each name alone."""
    lows = list(dict.fromkeys(n.lower() for n in names))
    by_length: dict[int, list[str]] = {}
    for low in lows:
        by_length.setdefault(len(low), []).append(low)
    within_one = {k: by_length.get(k - 1, []) + ws + by_length.get(k + 1, []) for k, ws in by_length.items()}
    alone = variant._within_one_edit(lows, within_one)
    kept = variant.BATCH_MIN_NAMES, variant.BATCH_NAMES_AT_ONCE
    try:
        variant.BATCH_MIN_NAMES, variant.BATCH_NAMES_AT_ONCE = 0, 7
        together = variant._within_one_edit(lows, within_one)
    finally:
        variant.BATCH_MIN_NAMES, variant.BATCH_NAMES_AT_ONCE = kept
    assert {k: sorted(v) for k, v in together.items()} == {k: sorted(v) for k, v in alone.items()}
    assert all(low in alone[low] for low in lows)


def test_a_newspapers_names_are_regularized_alike_together_and_one_by_one() -> None:
    """The variant detector on a newspaper with many names (the test data's passages, one
    after the other) proposes the same with the names searched together and one by one."""
    names = ("Khrushchev spoke. Khrushchev left. Then Khrushchev came, and Krushchev lied. "
             "Mr. Hargreaves, Mr. Hargreaves and Mr. Hargreaves saw Mr. Hargraves at Belgravia; "
             "Mr. Hargreaves, Mr. Hargreaves and Mr. Hargreaves saw Mr. Hargraves again; "
             "Belgravia, Belgravia, Beigravia and Belgravla. ")
    text = "\n\n".join([p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))] + [names])
    kept = variant.BATCH_MIN_NAMES
    try:
        variant.BATCH_MIN_NAMES = 10 ** 9
        alone = list(variant.detect(Document(text)))
        variant.BATCH_MIN_NAMES = 0
        together = list(variant.detect(Document(text)))
    finally:
        variant.BATCH_MIN_NAMES = kept
    assert together == alone
    assert {p.original for p in alone} >= {"Krushchev", "Hargraves"}
    counts = Document(text).counts
    assert all(f"'{p.original}' {counts[p.original]}x" in p.why for p in alone)
