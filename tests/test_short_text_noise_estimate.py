"""The noise estimate of a short text leans on its prior, and the study of short texts'
confidence (``benchmarks/studies/short_text_confidence.py``) reads back how much it hides.

``noise.ocr_noise`` smooths a text's share of unknown one-off words toward 1 % with the weight of
``noise.PRIOR_WORDS`` words: a short damaged text is estimated far cleaner than its words show,
a long one at its own share. The study reads the unknown forms back from the rounded estimate;
these tests check that reading against a count made here, on texts built with a known share.
"""
from __future__ import annotations

import importlib.util
import math
import random
from pathlib import Path

import pytest

from edition.detection.document import Document
from edition.detection.evidence import noise

STUDY = Path(__file__).resolve().parents[1] / "benchmarks" / "studies" / "short_text_confidence.py"
#: Common words of four letters or more (all known to the lexicon) and garbled one-off forms.
WORDS = ("there", "which", "would", "about", "their", "other", "after", "first", "these", "where",
         "people", "before", "through", "never", "under", "great", "house", "water", "place", "night")


def _study():
    spec = importlib.util.spec_from_file_location("short_text_confidence", STUDY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _text(known: int, garbled: int, seed: int = 0) -> str:
    """``known`` common words and ``garbled`` distinct forms no lexicon knows, shuffled."""
    rng = random.Random(seed)
    odd = [f"zq{chr(97 + i // 26)}{chr(97 + i % 26)}xkv" for i in range(garbled)]
    words = [WORDS[i % len(WORDS)] for i in range(known)] + odd
    rng.shuffle(words)
    return " ".join(words) + "."


@pytest.mark.parametrize("known, garbled", [(130, 20), (80, 20), (50, 15)])
def test_a_short_damaged_text_is_estimated_cleaner_than_its_words_show(known, garbled):
    doc = Document(_text(known, garbled))
    own = garbled / (known + garbled)
    assert 10 ** noise.ocr_noise(doc) < own / 2
    n, hidden = _study().hidden_noise(doc)
    assert n == known + garbled
    assert hidden == pytest.approx(math.log10((garbled + 0.5) / (n + 1)) - noise.ocr_noise(doc), abs=0.002)
    assert hidden >= 0.3


def test_a_long_text_is_estimated_at_its_own_share():
    doc = Document(_text(4000, 200))
    n, hidden = _study().hidden_noise(doc)
    assert n == 4200
    assert hidden < 0.03


def test_a_clean_short_text_hides_nothing():
    doc = Document(_text(150, 0))
    assert _study().hidden_noise(doc) == (150, 0.0)
