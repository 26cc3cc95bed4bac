"""The deep candidate search: readings of badly damaged words (edition.detection.evidence.candidates)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given, strategies as st
from rapidfuzz.distance import Levenshtein

from edition.detection.document import Document
from edition.detection.evidence import candidates, readings
from edition.detection.evidence.candidates import channel, deep_variants, edit_budget


def _applied(word: str, changes) -> str:
    out, pos = [], 0
    for c in sorted(changes, key=lambda c: c.at):
        assert word[c.at:c.at + len(c.ocr)] == c.ocr
        out += [word[pos:c.at], c.gold]
        pos = c.at + len(c.ocr)
    return "".join(out) + word[pos:]


def test_the_budget_follows_length_and_noise():
    noisy, clean = -1.0, -2.0
    assert [edit_budget(n, noisy) for n in (3, 4, 5, 6, 8, 9, 14)] == [0, 2, 2, 3, 3, 4, 4]
    assert [edit_budget(n, clean) for n in (4, 5, 6, 12)] == [0, 0, 0, 0]


def test_damaged_newspaper_words_are_read():
    # words of the issue and of BLN600's OCR, three and four edits from their reading
    for form, budget, reading in [("rdqoiifed", 4, "required"), ("caipentbr", 4, "carpenter"),
                                  ("Satmrdav", 3, "Saturday"), ("Serrants", 3, "Servants"),
                                  ("Tueeday", 3, "Tuesday")]:
        found = [v.reading for v in deep_variants(form, budget)]
        assert reading in found[:2], (form, found)


def test_a_reading_beyond_the_budget_is_not_found():
    assert "required" not in [v.reading for v in deep_variants("rdqoiifed", 2)]
    assert deep_variants("rdqoiifed", 0) == []


def test_the_case_of_the_original_is_kept_where_it_was_read_right():
    assert deep_variants("Satmrdav", 3)[0].reading == "Saturday"
    assert deep_variants("SATMRDAV", 3)[0].reading.lower() == "saturday"


def test_the_texts_own_words_are_candidates():
    # a name no lexicon has, three edits from its damaged form
    index = candidates.word_index(["cunliffe"])
    assert "cunliffe" in [v.reading.lower() for v in deep_variants("Cnnlifle", 3, extra_index=index)]
    assert "cunliffe" not in [v.reading.lower() for v in deep_variants("Cnnlifle", 3)]


def test_a_known_confusion_outweighs_an_edit_the_ocr_rarely_makes():
    (seen,), lp_seen = channel("tbe", "the")
    (unseen,), lp_unseen = channel("tqe", "the")
    assert (seen.ocr, seen.gold) == ("b", "h") and lp_seen > lp_unseen
    # a run of three unknown characters costs as much as three unknown edits
    assert channel("hvlich", "rich")[1] <= 3 * channel("tqe", "the")[1] + 1e-9


@given(st.text(alphabet="abcdefghilmnorstuv1!", min_size=2, max_size=14), st.integers(0, 4))
def test_every_reading_is_within_the_budget_and_its_changes_make_it(word, budget):
    for v in deep_variants(word, budget):
        assert Levenshtein.distance(word.lower(), v.reading.lower()) <= budget
        assert _applied(word, v.changes) == v.reading
        assert v.reading.lower() != word.lower()


def test_the_word_model_reads_a_damaged_word_of_a_noisy_text():
    # a text whose words are often damaged (noise well above 3 %): the deep search is on
    text = ("The prkoner was a caipentbr of Greenwich, charged on Satmrdav with stealing a wxatch. "
            "Tlie magistrate rdqoiifed the witnesses to attend, and the cbarges were read. "
            "The jwllery was found in his lodgings, and tbe landlord gave evidence. ")
    doc = Document(text)
    options = readings.analyse("rdqoiifed", doc)
    assert options and options[0].reading == "required"
    assert options[0].features["deep"] == 1.0 and options[0].features["edits"] == 4.0


def test_the_deep_readings_have_their_own_fitted_calibration():
    from edition.detection import calibration
    from edition.detection.detectors.words import model_of

    m = calibration.model("deep")
    assert {"edits", "noise", "context", "confusion", "lexicon"} <= set(m.weights)
    assert m.weights["edits"] < 0 < m.weights["context"]  # each edit more makes a reading less likely
    assert model_of({"deep": 1.0}) == "deep" and model_of({"deep": 0.0}) == "word"


def test_frequent_words_are_asked_only_for_short_forms_of_a_noisy_text():
    noisy, clean = -1.0, -2.0
    assert [candidates.frequent_budget(n, noisy) for n in (1, 2, 3, 4, 5)] == [0, 1, 2, 2, 0]
    assert [candidates.frequent_budget(n, clean) for n in (2, 3, 6)] == [0, 0, 0]


def test_short_forms_misread_as_other_words_have_their_frequent_reading():
    # BLN600's commonest: real or short words read for a frequent one
    for form, reading in [("tile", "the"), ("lad", "had"), ("ard", "and"), ("aud", "and"),
                          ("tle", "the"), ("hal", "had")]:
        found = [v.reading for v in candidates.frequent_variants(form, candidates.frequent_budget(len(form), -1.0))]
        assert reading in found[:3], (form, found)
    assert candidates.frequent_variants("tile", 0) == []


@given(st.text(alphabet="abcdehilmnorstuw", min_size=2, max_size=6), st.floats(4.5, 7.0))
def test_every_frequent_reading_is_common_within_the_budget_and_made_by_its_changes(word, min_zipf):
    from edition.detection.evidence import lexicon

    budget = candidates.frequent_budget(len(word), -1.0)
    for v in candidates.frequent_variants(word, budget, min_zipf):
        assert Levenshtein.distance(word, v.reading.lower()) <= budget
        assert lexicon.zipf(v.reading.lower()) >= min_zipf
        assert _applied(word, v.changes) == v.reading != word


_NOISY_REPORT = ("The prkoner was a caipentbr of Greenwich, charged on Satmrdav with stealing a wxatch. "
                 "Tlie magistrate rdqoiifed the witnesses to attend, and the cbarges were read before tile "
                 "court. The jwllery was found in his lodgings, and tbe landlord said hee lad seen it. ")


def test_the_word_model_reads_a_short_form_of_a_noisy_text_as_a_frequent_word():
    from edition.detection.detectors.words import model_of

    options = readings.analyse("tile", Document(_NOISY_REPORT))
    frequent = [r for r in options if r.features["frequent"]]
    assert "the" in [r.reading for r in frequent]
    assert all(model_of(r.features) == "frequent" for r in frequent)
    # the confusion search's own readings keep their model and their evidence
    assert all(model_of(r.features) != "frequent" for r in options if not r.features["frequent"])


def test_no_frequent_word_is_read_in_clean_print_or_as_the_modern_spelling_of_an_old_one():
    clean = Document("The court sat late. The tile of the roof was loose, and the lad had seen it fall. " * 3)
    assert not any(r.features["frequent"] for r in readings.analyse("tile", clean) or ())
    noisy = Document(_NOISY_REPORT)
    # ``hee`` is an older spelling of ``he``: never read as it by the frequent words
    assert "he" not in [r.reading for r in readings.analyse("hee", noisy) or () if r.features["frequent"]]


def test_the_frequent_readings_have_their_own_fitted_calibration():
    from edition.detection import calibration

    m = calibration.model("frequent")
    assert {"known_original", "lm", "context", "noise", "edits"} <= set(m.weights)
    assert m.weights["lm"] > 0 and m.weights["edits"] < 0


_FORMS = st.text(alphabet="abcdefghilmnorstuvw", min_size=2, max_size=12)


@given(st.lists(st.tuples(_FORMS, st.integers(2, 4)), min_size=1, max_size=30),
       st.lists(st.text(alphabet="abcdehilmnorstu", min_size=2, max_size=10), max_size=60))
def test_forms_searched_together_find_what_each_finds_alone(forms, words):
    """The levels of many forms made in one pass (``cdist``) are those of each form's own search
    (``extract``), up to the level where the channel's words are all found, which is all the
    deep search reads of them: the same words weighed, the same readings."""
    own = candidates.word_index(sorted(set(words)))
    for index, arrays in ((candidates._lexicon_index(), None), (own, candidates.index_arrays(own))):
        together = candidates.batch_levels(forms, arrays)
        for low, budget in forms:
            alone = candidates._levels(low, candidates._choices(index, low, budget), budget)
            assert alone[:len(together[low, budget])] == together[low, budget]
            assert candidates._nearest(low, together[low, budget]) == candidates._nearest(low, alone)
    english = candidates.batch_levels(forms)
    theirs = candidates.batch_levels(forms, candidates.index_arrays(own))
    at_once, candidates.BATCH_FORMS_AT_ONCE = candidates.BATCH_FORMS_AT_ONCE, 3
    try:  # many forms are made in groups: the same levels
        assert candidates.batch_levels(forms) == english
    finally:
        candidates.BATCH_FORMS_AT_ONCE = at_once
    for low, budget in forms:
        assert (candidates.deep_variants(low, budget, levels=candidates.merged(english[low, budget], theirs[low, budget]))
                == candidates.deep_variants(low, budget, extra_index=own))


def _noisy_texts() -> list[str]:
    data = Path(__file__).resolve().parent / "data"
    return [(data / name).read_text(encoding="utf-8") for name in
            ("newspaper_passage.txt", "police_court_report.txt", "newspaper_short_words.txt",
             "newspaper_line_breaks.txt")] + [_NOISY_REPORT]


def _fields(proposals) -> list[tuple]:
    return [(p.start, p.end, p.original, tuple(p.readings), p.kind.value, p.confidence, p.why, p.detector)
            for p in proposals]


def test_a_documents_forms_searched_together_are_read_as_each_alone(monkeypatch):
    """Detection with the deep search's forms searched together (each document's, as a long text's
    are) proposes what it proposes with each form searched alone, in a text and in a corpus."""
    from edition.corpus.lexicon import count_words
    from edition.detection.evidence.vocabulary import CorpusVocabulary
    from edition.detection.runner import detect

    texts = _noisy_texts()
    text = "\n\n".join(texts)
    counts = Counter()
    for t in texts:
        counts.update(count_words(t))
    runs = {}
    for together in (True, False):
        monkeypatch.setattr(candidates, "BATCH_MIN_FORMS", 1 if together else 10 ** 9)
        shared = CorpusVocabulary({w: n for w, n in counts.items() if n >= 2}, sum(counts.values()))
        runs[together] = [_fields(detect(text))] + [_fields(detect(t, corpus=shared)) for t in texts]
        doc = Document(text)
        readings.analyse("rdqoiifed", doc)
        assert bool(doc.memo(readings._deep_levels)) is together
    assert runs[True] == runs[False]
    assert sum(map(len, runs[True])) > 40


def test_frequent_words_near_many_forms_are_those_near_each():
    """The frequent-word search of every short form of a noisy newspaper passage (in small
    letters, capitalized and in capitals; for the words common enough for a rare form and for a
    common one) from the hits found for all forms together equals each form's own search."""
    from edition.detection.evidence.noise import ocr_noise
    from edition.detection.runner import detect

    text = (Path(__file__).parent / "data" / "police_court_report.txt").read_text(encoding="utf-8")
    doc = Document(text)
    noise = ocr_noise(doc)
    forms = {(t.lower(), candidates.frequent_budget(len(t), noise)) for t in doc.counts
             if t.isalpha() and candidates.frequent_budget(len(t), noise)}
    assert len(forms) > 50
    near = candidates.batch_frequent_near(sorted(forms))
    for low, budget in sorted(forms):
        for word in (low, low.capitalize(), low.upper()):
            for min_zipf in (candidates.FREQUENT_ZIPF, 5.3, 6.5):
                assert (candidates.frequent_variants(word, budget, min_zipf, near=near[(low, budget)])
                        == candidates.frequent_variants(word, budget, min_zipf)), (word, budget, min_zipf)
    alone = detect(text)
    kept = candidates.BATCH_MIN_FORMS
    try:  # the passage's forms made together in detection: the same proposals
        candidates.BATCH_MIN_FORMS = 1
        assert readings._frequent_near(Document(text))
        assert detect(text) == alone
    finally:
        candidates.BATCH_MIN_FORMS = kept
