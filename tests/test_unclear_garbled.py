"""The unclear detector's garbled-letter rule: words of a poor scan that nobody can read are
flagged (never changed); names, rare real words, old spellings and clean texts are left alone."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from edition.detection import calibration
from edition.detection.document import Document
from edition.detection.runner import detect
from edition.detection.detectors import unclear
from edition.detection.evidence.letters import letter_scores, rarest_sequence
from edition.detection.evidence.noise import text_noise

SEED = Path(__file__).resolve().parents[1] / "seeds" / "hoxha-memoirs-stalin-introduction.txt"
DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "icdar2017-eng"

# A real OCR passage (ICDAR 2017 English, eng_periodical/2.txt, the Morning Chronicle of 1841):
# a poor scan, about 7 % of its words unknown one-off forms.
POOR_SCAN = (
    "Tit. wiud to-day having veer.d round to the north we.t. aeverul vessel which had been detained "
    "in the channel made their way into jiort. and amongst them the Independence, the New York packet "
    "ship of the 10th instant. She has brought a New York paper of a day later than those received by "
    "the Great W estern, namely, to the evening of the 10th, but it does not contain the expected "
    "message from the President in consequence of the great snotv storm, a sufficient number of "
    "members had not assembled to form a quorum on the usual day of meeting, the 7th , but as the "
    "roads were exacted to be more passable in a few days, it may be expeeted by the next arrival "
    "the houses would continue to adjourn trom day to day, until a majority of the whole enabled "
    "them to pro ceed to business. MONEY MARKET. Mlonesday, Die. 9, Six p.m."
)


def flags(text: str) -> dict[str, float]:
    return {p.original: p.confidence for p in unclear.garbled(Document(text))}


def test_letters_of_garbled_words_are_less_english_than_rare_real_words() -> None:
    for real, garbled in [("remarkably", "rttaarkably"), ("request", "retjueat"),
                          ("warehouse", "wanheuae"), ("several", "aeverul")]:
        assert letter_scores(garbled)[1] < letter_scores(real)[1], (real, garbled)
        assert letter_scores(garbled)[0] < letter_scores(real)[0] - 0.5, (real, garbled)
    assert rarest_sequence("retjueat") == "etj"


def test_garbled_words_of_a_poor_scan_are_flagged_without_a_reading() -> None:
    found = {p.original: p for p in detect(POOR_SCAN)}
    # two damaged letters beyond the confusion table: the deep search reads it (a capital: it
    # follows "we.t.")
    assert found["aeverul"].readings[0] == "Several" and found["aeverul"].kind.value == "nonword"
    for word in ("jiort", "snotv"):
        p = found[word]
        assert p.kind.value == "unclear" and p.readings == () and p.confidence >= 0.5
        assert "unlike English" in p.why and "flag for the editor" in p.why
    assert not {"Independence", "quorum", "majority", "adjourn"} & set(flags(POOR_SCAN))


def test_a_clean_text_with_foreign_names_and_rare_words_gets_no_flag() -> None:
    text = ("Enver Hoxha met Joseph Stalin in Moscow; Mehmet Shehu and Hysni Kapo were with him. "
            "The Bukharinites and Zinovyevites were exposed, the Zinovyevs and Kamenyevs tried. "
            "He spoke of the inspirers of the behests, of careerism and demagogy.")
    assert flags(text) == {}


def test_old_spellings_and_forms_of_the_text_are_never_weighed() -> None:
    doc = Document("Then led hee them over a broad dike, and they were dauncing and singing; "
                   "the Zinovyevites and the Zinovyevs.")
    weighed = {w for _, _, w, _ in unclear.garbled_candidates(doc)}
    assert "Zinovyevs" not in weighed and "Zinovyevites" not in weighed
    assert unclear.derived_from_text(doc, "Zinovyevs")
    assert not unclear.derived_from_text(doc, "dauncing")


def test_the_seed_gets_no_garbled_flag() -> None:
    """The seed is clean print (0.6 % unknown one-offs): its names stay unflagged."""
    assert flags(SEED.read_text(encoding="utf-8")) == {}


def test_the_garbled_model_is_fitted_data_with_every_feature() -> None:
    raw = json.loads(calibration.DATA.read_text(encoding="utf-8"))
    assert "calibrate.py" in raw["about"]
    assert set(raw["models"]["garbled"]["weights"]) == set(unclear.GARBLED_FEATURES)
    # noisier text, less English letters: more confident
    m = calibration.model("garbled")
    assert m.weights["noise"] > 0 and m.weights["mean_trigram"] < 0


@pytest.mark.skipif(not DEV.exists(), reason="development set not present")
def test_flags_on_the_development_set_are_mostly_on_errors() -> None:
    """Held-out periodicals (check part, even file numbers): most flags are on erroneous tokens."""
    from edition.evaluation.icdar import load_icdar
    right = total = 0
    for n in (2, 4):
        doc = load_icdar(DEV / "eng_periodical" / f"{n}.txt")
        toks = [t for t in doc.tokens if t.scored]
        for p in unclear.garbled(Document(doc.ocr)):
            hit = [t for t in toks if t.start <= p.start < t.end]
            if hit:
                total += 1
                right += hit[0].erroneous
    assert total > 100 and right / total > 0.8, (right, total)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABC '-.,\n"), max_size=300))
def test_flags_are_flag_only_on_the_text_itself(text: str) -> None:
    for p in unclear.garbled(Document(text)):
        assert text[p.start:p.end] == p.original and p.readings == ()
        assert 0.5 <= p.confidence <= 1.0


def test_lone_small_letters_are_flagged_but_not_words_units_or_operators() -> None:
    text = "for shame t he said; the j vessel, a i o; 10 s 6 d and 3 x 4; at the end b"
    found = [(p.original, p.readings) for p in unclear.lone_letters(Document(text))]
    assert found == [("t", ()), ("j", ()), ("b", ())]
    assert all(p.confidence == unclear.LONE_LETTER_CONFIDENCE for p in unclear.lone_letters(Document(text)))


def test_a_letter_named_by_the_word_before_it_is_no_debris() -> None:
    text = "the letter s and option b, vitamin d; let x be; shame t he said; the j vessel"
    assert [p.original for p in unclear.lone_letters(Document(text))] == ["t", "j"]


def test_a_mark_between_small_letters_is_flagged_unless_read_or_an_address() -> None:
    text = "the wind veer.d round, hereof,and more; see example.com, e.g. this; we could,not go"
    flags = [p.original for p in unclear.marks_between_letters(Document(text))]
    assert flags == ["veer.d", "hereof,and", "could,not"]
    found = {p.original: p for p in detect("the wind veer.d round and hereof,and we could,not go.")}
    assert found["veer.d"].readings == () and found["veer.d"].kind.value == "unclear"
    assert found["could,not"].readings[0] == "could not"  # a likely reading beats the flag


_OLD_SUSPECT = regex.compile(r"\S*(?:[~^*•«»¬¦©®™¤{}<>\\=+_]|\p{L}\p{N}|\p{N}\p{L}|\p{L}{2}#|\p{L}#\p{L})\S*")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab9#~_ \n\t\u00a0\u2003é.")), max_size=40).map("".join))
def test_suspect_tokens_are_the_whitespace_tokens_with_a_mark(text: str) -> None:
    """The linear search finds exactly what one ``\\S*(mark)\\S*`` pattern finds."""
    assert list(unclear._suspect_tokens(text)) == [(m.start(), m.group()) for m in _OLD_SUSPECT.finditer(text)]


def test_a_very_long_token_is_scanned_in_linear_time() -> None:
    # One backtracking pattern took about 9 s on a 10,000-letter token and 114 s on 40,000
    # (quadratic); the mark search takes milliseconds. The bound is loose for a busy machine.
    text = "x" * 200_000 + " " + "-".join(["ab"] * 20_000)
    began = time.process_time()
    assert list(unclear._suspect_tokens(text)) == []
    assert time.process_time() - began < 2.0


def test_words_of_another_script_are_quotations_not_garbled_letters() -> None:
    text = ("The Greek word λόγος, like the Russian слово, means word. Tolstoy's Война и мир was "
            "serialized in Русский вестник between 1865 and 1867.")
    assert list(unclear.garbled(Document(text))) == []


def test_print_ligatures_make_no_unknown_word() -> None:
    """``ﬂesh`` is ``flesh``: the ICDAR periodicals' gold has such ligatures, and they had been
    flagged as garbled (0.5–0.9) and had counted as noise."""
    lig = "and the other ills that ﬂesh is heir to; the beneﬁt of all the inﬂuence; ﬁfty persons"
    flat = lig.replace("ﬂ", "fl").replace("ﬁ", "fi")
    assert list(unclear.garbled(Document(lig))) == []
    assert text_noise(Document(lig)) == text_noise(Document(flat))


def test_letters_beside_an_operator_are_variables() -> None:
    text = "so that x + y is due, n = 5 and a × b; but the j vessel and a t - he"
    assert [p.original for p in unclear.lone_letters(Document(text))] == ["j", "t"]
