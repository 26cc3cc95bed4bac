"""The merge detector on real artifacts (seed and ICDAR 2017 OCR) and real correct text."""
import pytest
from hypothesis import given, settings, strategies as st

from edition.detection.detectors import merge
from tests._detector_tables import check_invariants, readings

ARTIFACTS = [
    ("the technology we possess and theeconomic aid we are able to give", "theeconomic", "the economic"),
    ("a flash ofgenius in The Scarlet Letter", "ofgenius", "of genius"),
    ("Author of Reflections on theCurrency. The weekly tables", "theCurrency", "the Currency"),
    ("the Chief Superintendent, Ibelieve, knew that I had done so", "Ibelieve", "I believe"),
    ("Of celebrated men whom I havenot previously mentioned", "havenot", "have not"),
    ("Manager, Deceased, whodied on the 23rd October", "whodied", "who died"),
    ("the Court ofthe Queen, the heads ofthe College; of the one and of the other, of the last",
     "ofthe", "of the"),
    ("M.P., Mr. D. Rees Evelyn, Mr.Macready Graves", "Mr.Macready", "Mr. Macready"),
    ("Though Icontinually read for nearly two hours", "Icontinually", "I continually"),
    ("the temple ofVesta all to himself", "ofVesta", "of Vesta"),
]

NEGATIVE = [
    "We know a priori that the thing is so, e.g. by reason.",
    "J. V. Stalin met the U.S.A. delegation at 3.5 p.m. on 3,900 acres.",
    "Moorhouse, Seaton and Easton are names; so are Forfarshire and Attwood.",
    "The needlewomen and the bottleholders; a knifegrinder and a roundhand.",
    "hee did soone heare the doore open, and meate was set on the table",
    "He cometh with arrowes, and goeth to the warres; the heate of the meate.",
    "Marxism-Leninism and the Marxist-Leninist party; Khrushchev and Brezhnev.",
    "Visit www.example.com or e-mail us; the U.N. and the U.S.S.R.",
    "the rooms and houses, the views and orders; roomsa and housea are misprints of s",
    "he intreated and entreated them; afterward and afterwards",
    "McDonald and MacArthur met DeWitt and LaSalle at the iPhone launch.",
]


@pytest.mark.parametrize("text,original,reading", ARTIFACTS)
def test_real_artifact_is_proposed_with_its_reading(text, original, reading):
    assert (original, reading) in readings(merge, text)


@pytest.mark.parametrize("text", NEGATIVE)
def test_correct_text_gets_no_proposal(text):
    assert readings(merge, text) == []


def test_divisions_rank_common_words_first():
    assert merge.divisions("ofthe")[0] == ("of", "the")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzTHE ,.;:'\n", max_size=200))
def test_invariants_on_any_text(text):
    check_invariants(merge, text)


_PIECES = st.sampled_from(["of", "the", "I", "a", "was", "economic", "Vesta", "Carausius", "none",
                           "were", "believe", "x", "qz", "tbe", "rn", "ing", "s", "Ofthe"])


@given(st.lists(_PIECES, min_size=1, max_size=6).map("".join),
       st.none() | st.just({"vesta": 2, "carausius": 3}))
def test_divisions_are_those_of_the_whole_programme(token, counts):
    """Tokens without an acceptable first or last piece are left out before the dynamic
    programme runs; every token still gets what the programme alone gives it."""
    assert merge.divisions(token, counts) == merge._best_division(token, counts)
