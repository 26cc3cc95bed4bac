"""The hyphen detector on real artifacts (seed and ICDAR 2017 OCR) and real correct text."""
import pytest
from hypothesis import given, settings, strategies as st

from edition.detection.detectors import hyphen
from tests._detector_tables import check_invariants, readings

ARTIFACTS = [
    ("without a war, to free mankind from fascist bondage with-out all-sided prior preparation, without delay",
     "with-out", "without"),
    ("the exhibition opened; a great ex-hibition of pictures", "ex-hibition", "exhibition"),
    ("the restora-tion of the church was begun", "restora-tion", "restoration"),
    ("a social-imperialist power and social-imperialism; the socialimperialist bourgeoisie",
     "socialimperialist", "social-imperialist"),
    ("the anti-Marxist, anti-Leninist and anti-fascist forces; the antifascist war",
     "antifascist", "anti-fascist"),
    ("anti-Marxist and anti-fascist forces; they liquidated them as anti party elements",
     "anti party", "anti-party"),
]

NEGATIVE = [
    "Marxism-Leninism and the Marxist-Leninist party of Ulyanov-Lenin.",
    "the so-called leaders, a clear-cut line, the front-line troops, a build-up of arms",
    "peaceful co-existence and a socio-economic order; a non-party man",
    "Teng Hsiao-ping and Hua Kuo-feng; March-April 1949.",
    "a never-ending hostility of the much-beloved and freedom-loving people",
    "He said - and it was true - that the war was over.",
    "to-day and to-morrow, as the old books write it; to-day again.",
    "the good-natured and good-hearted host; the good man of the house was out",
    "Cornhill, Cornhill and Cornhill again; once Corn-hill and corn-fields, corn-laws",
]


@pytest.mark.parametrize("text,original,reading", ARTIFACTS)
def test_real_artifact_is_proposed_with_its_reading(text, original, reading):
    assert (original, reading) in readings(hyphen, text)


@pytest.mark.parametrize("text", NEGATIVE)
def test_correct_text_gets_no_proposal(text):
    assert readings(hyphen, text) == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz -\n", max_size=200))
def test_invariants_on_any_text(text):
    check_invariants(hyphen, text)
