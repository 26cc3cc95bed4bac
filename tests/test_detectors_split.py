"""The split detector on real artifacts (seed and ICDAR 2017 OCR) and real correct text."""
import pytest
from hypothesis import given, settings, strategies as st

from edition.detection.detectors import split
from tests._detector_tables import check_invariants, readings

# (text with the artifact in its real context, original span, expected reading)
ARTIFACTS = [
    ("if he goes back there again, they willh ang him.", "willh ang", "will hang"),
    ("for months on end, like this, i n so few minutes.", "i n", "in"),
    ("They encouraged privileges f or the elite.", "f or", "for"),
    ("Many are the competitors moreo ver, some one always rushes in. Moreover, they come.", "moreo ver", "moreover"),
    ("You will thank G od for this book. God knows.", "G od", "God"),
    ("Messrs R. Cragg and Sons la unched from their Middlesbrough yard", "la unched", "launched"),
    ("asking fo r support as a District Councillor, for all.", "fo r", "for"),
    ("one whom cri tics love to assail, but who endures.", "cri tics", "critics"),
    ("ever published. Swarbreck' s S. D. Sketches in Scotland.", "' s", "'s"),
]

# Real correct text that must produce no proposal.
NEGATIVE = [
    "We know a priori that the thing is so, e.g. by reason.",
    "J. V. Stalin and V. I. Lenin met the U.S.A. delegation at 3.5 p.m.",
    "He said: \"I don't know...\" and left at 10.30 a.m. with the N. P. papers.",
    "It was a part of the plan; my self and thy self to day.",
    "Stalin's work, the peoples' struggle, the Party's line - all of it.",
    "Teng Hsiao-ping and Hua Kuo-feng spoke with Mao Tse-tung.",
    "Chapter IV. The Great October Socialist Revolution",
    "The ex-general and the co-fighter of V. I. Lenin.",
    "Van der Berg and de la Cruz are names; so is Le Duc Tho.",
    "The Isle of Wight, St. Martin's lane, and Cheapside.",
]


@pytest.mark.parametrize("text,original,reading", ARTIFACTS)
def test_real_artifact_is_proposed_with_its_reading(text, original, reading):
    assert (original, reading) in readings(split, text)


@pytest.mark.parametrize("text", NEGATIVE)
def test_correct_text_gets_no_proposal(text):
    assert readings(split, text) == []


def test_why_names_the_evidence():
    from edition.detection.document import Document
    (p,) = [p for p in split.detect(Document("they willh ang him")) if p.original == "willh ang"]
    assert "'will'" in p.why and "'hang'" in p.why and "no word" in p.why


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.'-\n", max_size=200))
def test_invariants_on_any_text(text):
    check_invariants(split, text)
