"""The comma-rate evidence of the stray-comma rule (``edition/detection/evidence/commas.py``) and the
derived table it reads (``edition/detection/data/comma_rates.json``)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from edition.detection.evidence import commas

from cli_helpers import load_script

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "icdar2017-eng"


def test_function_words_have_the_rates_english_gives_them():
    # a comma after an article or before "of" is rare in any English; after "said" and before
    # "which" or "and" it is common
    assert max(commas.after_rate(w) for w in ("the", "a", "of", "were")) < 0.01
    assert commas.after_rate("said") > 0.05
    assert commas.before_rate("of") < 0.03 < 0.2 < commas.before_rate("which") < commas.before_rate("and")


def test_a_rare_word_borrows_its_class_rate():
    cls = commas.model().classes[commas.word_class("zzzqly")]
    assert commas.after_rate("zzzqly") == pytest.approx(cls.after / cls.n)


rates = st.floats(min_value=0.001, max_value=0.6)


@settings(max_examples=100, deadline=None)
@given(rates, rates, rates, st.floats(min_value=-1, max_value=2), st.integers(0, 50), st.integers(0, 50))
def test_a_likelier_comma_is_less_likely_a_speck(after, before, more, assoc, doc_commas, doc_pair):
    """The derived model is monotone in the evidence: a word a comma more often follows (or
    precedes), or that this text more often writes with a comma, makes a stray comma less likely;
    a pair the text writes together more often makes it likelier."""
    others = doc_commas + 10

    def p(a=after, b=before, k=doc_commas, pair=doc_pair):
        return commas.stray_probability(commas.stray_features(a, b, assoc, k, others, pair))

    assert p(a=min(after + more, 0.99)) <= p()
    assert p(b=min(before + more, 0.99)) <= p()
    assert p(k=doc_commas + 5) <= p()
    assert p(pair=doc_pair + 5) >= p()


def test_the_table_says_where_it_came_from():
    data = json.loads(commas.DATA.read_text(encoding="utf-8"))
    assert "tune" in data["data"] and data["stray_model"]["fitted_on"]["stray"] > 0
    assert set(data["stray_model"]["weights"]) == set(commas.FEATURES)
    for n, after, before in list(data["words"].values()) + list(data["classes"].values()):
        assert n >= data["min_count"] and 0 <= after <= n and 0 <= before <= n


@pytest.mark.skipif(not DEV.exists(), reason="ICDAR 2017 development set not present")
def test_the_shipped_table_is_what_the_derivation_gives():
    derive = load_script("benchmarks/derive/derive_comma_rates.py")
    tune = derive._devset.files("tune", "monograph") + derive._devset.files("tune", "periodical")
    m = derive.build_rates(tune)
    shipped = commas.model()
    assert dict(m.words) == dict(shipped.words) and dict(m.classes) == dict(shipped.classes)
    w = derive.fit_logistic(derive.labelled(tune, m, leave_out=True))
    assert w[0] == pytest.approx(shipped.intercept, abs=1e-3)
    assert w[1:] == pytest.approx([shipped.weights[f] for f in commas.FEATURES], abs=1e-3)
