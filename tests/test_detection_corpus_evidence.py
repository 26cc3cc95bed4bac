"""A corpus's evidence shared by its documents (:class:`CorpusVocabulary`) must detect exactly what
the counts of the rest of the corpus given to each document alone detect (the slow reference:
``detect(text, corpus_counts=rest_of_corpus(...))``), field by field, however many documents the
shared memos have seen before.

The corpus: the seed cut into passages, each also in a copy with OCR-like changes (so forms recur
across documents and the memos are hit), the test data's newspaper passage and, when the
development sets are here, BLN600 articles and ICDAR 2017 periodicals (noisy: the deep search
runs). One document is left out of the counts (evidence older than the document), one holds
every occurrence of its forms (nothing of the rest is left).
"""
from __future__ import annotations

import os
import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from edition.corpus.lexicon import count_words, rest_of_corpus
from edition.detection.document import Document
from edition.detection.evidence import candidates, confusions, lexicon, readings
from edition.detection.evidence.noise import ocr_noise
from edition.detection.evidence.vocabulary import CorpusVocabulary, merged_counts
from edition.detection.runner import detect

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "hoxha-memoirs-stalin-introduction.txt"
DATA = Path(os.environ.get("EDITION_DATA", ROOT.parent / "shared" / "data"))
_SWAPS = [("l", "1"), ("e", "c"), ("m", "rn"), ("h", "li"), ("o", "0"), ("s", "f")]


def _varied(text: str, seed: int) -> str:
    """``text`` with about one word in 40 changed the way OCR changes words."""
    rng = random.Random(seed)
    words = text.split(" ")
    for i, w in enumerate(words):
        if len(w) > 3 and rng.random() < 1 / 40:
            a, b = rng.choice(_SWAPS)
            words[i] = w.replace(a, b, 1) if a in w else w[:-1]
    return " ".join(words)


def _documents() -> list[str]:
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    size = max(1, len(paragraphs) // 8)
    passages = ["\n\n".join(paragraphs[i:i + size]) for i in range(0, len(paragraphs), size)]
    docs = passages + [_varied(p, k) for k, p in enumerate(passages)]
    docs.append((ROOT / "tests" / "data" / "newspaper_passage.txt").read_text(encoding="utf-8"))
    docs += [p.read_text(encoding="utf-8") for p in sorted((DATA / "bln600-train").glob("*.ocr.txt"))[:4]]
    for p in sorted((DATA / "icdar2017-eng" / "eng_periodical").glob("*.txt"), key=lambda p: int(p.stem))[:2]:
        docs.append(p.read_text(encoding="utf-8").split("\n", 1)[0][len("[OCR_toInput] "):])
    return docs


@pytest.fixture(scope="module")
def corpus() -> tuple[list[str], dict[str, int], int, str]:
    """The documents, the corpus evidence (forms seen at least twice, running words) counted
    without the last document, and a document holding every occurrence of its forms."""
    docs = _documents()
    total: Counter[str] = Counter()
    for text in docs[:-1]:
        total.update(count_words(text))
    counts = {w: n for w, n in sorted(total.items()) if n >= 2}
    alone = "Vladimir Vladimir V1adimir"
    return docs, counts, sum(total.values()), alone


def _fields(proposals) -> list[tuple]:
    return [(p.start, p.end, p.original, tuple(p.readings), p.kind.value, p.confidence, p.why, p.detector)
            for p in proposals]


def test_shared_corpus_detects_what_the_rest_of_the_corpus_detects(corpus):
    docs, counts, words, _ = corpus
    shared = CorpusVocabulary(counts, words)
    proposals = 0
    for text in docs:  # in order: the later documents meet forms the shared memos already hold
        reference = detect(text, corpus_counts=rest_of_corpus(counts, words, count_words(text)))
        assert _fields(detect(text, corpus=shared)) == _fields(reference)
        proposals += len(reference)
    assert proposals > 50
    assert len(shared.memo(readings._corpus_variant_memo)) > 0  # the searches were kept


def _reference(text: str, counts: dict[str, int], words: int) -> Document:
    return Document(text, corpus_counts=rest_of_corpus(counts, words, count_words(text)))


def test_a_documents_vocabulary_and_word_sets_are_those_of_the_rest_of_the_corpus(corpus):
    docs, counts, words, alone = corpus
    shared = CorpusVocabulary(counts, words)
    for text in [*docs, alone]:
        ref, doc = _reference(text, counts, words), Document(text, corpus=shared)
        assert list(doc.vocabulary.items()) == list(ref.vocabulary.items())  # same order too
        assert doc.n_words == ref.n_words
        assert doc.recurring_forms == ref.recurring_forms and doc.text_words == ref.text_words
        once = ref.memo(readings._text_and_once)
        probes = [*ref.vocabulary, "zzqx", "vladimir", "khrushchevites"]
        assert [doc.has_text_word(w) for w in probes] == [w in ref.text_words for w in probes]
        assert [readings._in_text_and_once(doc, w) for w in probes] == [w in once for w in probes]
        assert doc.memo(readings._own_text_and_once) | shared.memo(readings._corpus_text_and_once) == once
        assert readings.accent_habit(doc) == readings.accent_habit(ref)
        assert ({k: sorted(v) for k, v in readings._frequent_index_of(doc)[0].items()}
                == {k: sorted(v) for k, v in readings._frequent_index(ref)[0].items()})


def test_the_text_of_a_corpus_with_nothing_else_is_its_own_vocabulary(corpus):
    _, _, _, alone = corpus
    own = count_words(alone)
    shared = CorpusVocabulary(dict(own), sum(own.values()))
    doc = Document(alone, corpus=shared)
    assert doc.vocabulary is doc.lower_counts and doc.n_words == len(doc.tokens)
    assert _fields(detect(alone, corpus=shared)) == _fields(detect(alone, corpus_counts=rest_of_corpus(
        dict(own), sum(own.values()), own)))


def test_the_deep_search_among_shared_words_finds_what_one_search_finds(corpus):
    docs, counts, words, _ = corpus
    shared = CorpusVocabulary(counts, words)
    checked = 0
    for text in docs:
        ref, doc = _reference(text, counts, words), Document(text, corpus=shared)
        noise = ocr_noise(ref)
        forms = sorted({t.text for t in ref.tokens if t.text.isalpha() and len(t.text) >= 4})[:150]
        for form in forms:
            budget = candidates.edit_budget(len(form), noise) or 2
            assert (candidates.deep_variants(form, budget, extra_index=readings._deep_index(doc),
                                             shared=shared.memo(readings._shared_deep))
                    == candidates.deep_variants(form, budget, extra_index=readings._deep_index(ref))), form
            checked += 1
    assert checked > 500


def test_the_corpus_words_keep_their_search_index_whatever_other_sets_are_searched(corpus):
    """The corpus's words are searched for every document, between searches of each document's
    own words: their index, once built, stays (the recent sets' indexes would drop it), and the
    search finds with it what it finds without one."""
    docs, counts, words, _ = corpus
    some = dict(list(counts.items())[:2000])  # indexed after 50 searches: a quick test
    corpus_words = CorpusVocabulary(some, words).memo(readings._corpus_text_and_once)
    english = lexicon.words_at_least(readings.MIN_READING_ZIPF)
    forms = sorted({w for text in docs for w in count_words(text) if w.isalpha() and len(w) >= 5})
    forms = forms[:round(confusions._INDEX_AFTER * len(corpus_words)) + 30]
    index = None
    for k, form in enumerate(forms):
        plain = frozenset(corpus_words)  # a new set each time: never indexed
        assert (confusions.variants(form, english, corpus_words, generic=True)
                == confusions.variants(form, english, plain, generic=True)), form
        for other in (frozenset(forms[k:k + 3]), frozenset(forms[k + 1:k + 4])):  # two documents' own
            confusions.search_index(other)
        if index is None:
            index = corpus_words.search_index()
        else:
            assert corpus_words.search_index() is index
    assert index is not None


def test_a_document_and_a_corpus_of_one_form_each():
    with pytest.raises(ValueError):
        Document("text", corpus_counts={"text": 2}, corpus=CorpusVocabulary({"text": 2}, 2))


_FORMS = st.sampled_from(["the", "stalin", "statin", "vladimir", "v1adimir", "and", "xhrushchev", "é"])


@given(st.dictionaries(_FORMS, st.integers(2, 9)), st.dictionaries(_FORMS, st.integers(1, 12)),
       st.integers(0, 50))
def test_merged_counts_of_a_shared_corpus_are_those_of_the_rest_of_it(frequent, own, rare):
    """For any corpus counts and document counts, even when the document holds more occurrences
    than the corpus counts (evidence older than the document)."""
    own = Counter(own)
    words = sum(frequent.values()) + rare
    rest = rest_of_corpus(frequent, words, own)
    shared = CorpusVocabulary(frequent, words)
    merged, reference = shared.merged(own), merged_counts(own, rest)
    assert list(merged.items()) == list(reference.items())
    assert list(merged) == list(reference) and len(merged) == len(reference)
    for form in ["the", "stalin", "statin", "vladimir", "v1adimir", "and", "xhrushchev", "é", "zzqx"]:
        assert merged.get(form, 0) == reference.get(form, 0) and merged[form] == Counter(reference)[form]
        assert merged.get(form) == reference.get(form) and (form in merged) == (form in reference)
    assert shared.rest_total(own) == sum(rest.values())


@given(st.lists(st.text(alphabet="abcdeilmnorstu", min_size=1, max_size=14), min_size=1, max_size=120),
       st.lists(st.text(alphabet="abcdeilmnorstu", min_size=1, max_size=14), min_size=1, max_size=10),
       st.integers(1, 2))
def test_the_test_of_a_documents_own_words_near_a_form_is_that_of_all_of_them(words, forms, changes):
    """readings._may_read_as, which stops at the first group of words holding one near enough,
    says what one search over all the document's own words within reach of the form says (the
    test made over every list, however long: see test_search_among_a_documents_own_words.py)."""
    from unittest import mock

    with mock.patch.object(readings, "_TESTED_GROUPS", 10 ** 9):
        _check_the_test(words, forms, changes)


def _check_the_test(words, forms, changes):
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    doc = Document(" ".join(words + words), corpus=CorpusVocabulary({"the": 2}, 2))
    own = doc.memo(readings._own_not_english)
    length, distance = readings._confusion_reach()
    span = length * changes + 1
    for form in forms:
        near = [w for w in own if abs(len(w) - len(form)) <= span]
        expected = bool(near) and process.extractOne(
            form, near, scorer=Levenshtein.distance, score_cutoff=distance * changes + 1) is not None
        assert readings._may_read_as(form, doc, changes) is expected


def test_a_documents_own_word_near_a_form_is_found_among_many_far_ones():
    rng = random.Random(7)
    far = sorted({"".join(rng.choice("qxzj") for _ in range(10)) for _ in range(400)})
    forms = ["bcdfghklmn", "pbcdfghklm", "mnbcdfghkl"]
    near = [f[:4] + "w" + f[5:] for f in forms]  # one letter from each form
    doc = Document(" ".join((far + near) * 2), corpus=CorpusVocabulary({"the": 2}, 2))
    assert len(doc.memo(readings._own_not_english)) > 10 * readings._NEAR_GROUP
    from unittest import mock

    with mock.patch.object(readings, "_TESTED_GROUPS", 10 ** 9):  # the test made over the long list
        assert all(readings._may_read_as(f, doc, 1) for f in forms)
        assert not readings._may_read_as("abababab", doc, 1)
