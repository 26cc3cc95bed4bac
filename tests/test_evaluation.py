"""Evaluation: reading ICDAR files, aligning texts, scoring proposals, the `evaluate` command."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from cli_helpers import run
from edition.errors import EditionError
from edition.evaluation import (GAP, Scores, Verdict, align_texts, dev_set, evaluate_doc,
                                judge_proposals, load_icdar, parse_icdar, reliability,
                                score_proposals)
from edition.evaluation.align import MIN_BLOCK_ANCHORS, gold_in_ocr_order
from edition.evaluation.baseline import symspell_proposals
from edition.evaluation.diff import gold_proposals, proposals_from_corrected
from edition.evaluation.metrics import normalize
from edition.model import Kind, Proposal

DEV = dev_set()
needs_dev = pytest.mark.skipif(not DEV, reason="development set absent")
DATA = Path(__file__).parent / "data"
ICDAR2019 = Path(__file__).resolve().parents[2] / "shared" / "data" / "icdar2019-eng" / "EN1"


def prop(text: str, original: str, reading: str | None, confidence: float = 0.95,
         occurrence: int = 0, kind: Kind = Kind.NONWORD) -> Proposal:
    """A proposal replacing the ``occurrence``-th ``original`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(original, start + 1)
    readings = (reading,) if reading is not None else ()
    return Proposal(start, start + len(original), original, readings, kind, confidence, "test")


# --- hand-made pairs with known figures ---------------------------------------------------

def test_cer_wer_of_a_small_pair():
    # "Tlie" -> "The" is 2 character edits; "tbe" -> "the" is 1; 2 of 6 words are wrong.
    doc = align_texts("Tlie cat sat on tbe mat", "The cat sat on the mat")
    s = score_proposals(doc, [])
    assert (s.char_errors_before, s.gold_chars) == (3, len("The cat sat on the mat"))
    assert (s.word_errors_before, s.gold_words) == (2, 6)
    assert (s.tokens, s.error_tokens) == (6, 2)
    assert s.cer_before == pytest.approx(3 / 22)
    assert s.improvement == 0.0 and s.cer_after == s.cer_before


def test_right_wrong_and_harmful_proposals():
    ocr, gold = "Tlie cat sat on tbe mat", "The cat sat on the mat"
    doc = align_texts(ocr, gold)
    right = prop(ocr, "Tlie", "The")
    wrong = prop(ocr, "tbe", "tme")
    harm = prop(ocr, "cat", "cart", kind=Kind.REALWORD)
    flag = prop(ocr, "mat", None, kind=Kind.UNCLEAR)
    ev = evaluate_doc(doc, [right, wrong, harm, flag])
    verdicts = [j.verdict for j in ev.judgements]
    assert verdicts == [Verdict.RIGHT, Verdict.FALSE_ALARM, Verdict.WRONG_READING, Verdict.FALSE_FLAG]
    s = ev.scores
    # detection: all 2 errors touched; "cat" and "mat" are correct tokens touched
    assert (s.detected_errors, s.detected_correct) == (2, 2)
    assert s.precision == 0.5 and s.recall == 1.0
    # correction: Tlie fixed (-2), tbe->tme still 1 edit, cat->cart adds 1: 3 -> 2
    assert (s.char_errors_before, s.char_errors_after) == (3, 2)
    assert s.improvement == pytest.approx(1 / 3)
    assert s.words_broken == 1  # "cat"
    assert (s.proposals_right, s.proposals_wrong, s.flags, s.flags_on_errors) == (1, 2, 1, 0)
    assert ev.residuals[("tme", "the")] == 1 and ev.residuals[("cart", "cat")] == 1


def test_right_share_with_and_without_flags():
    # "right at >= 0.9" (issue 14) counts a flag on an error as right; right_share leaves flags out
    ocr, gold = "Tlie cat sat on tbe mat", "The cat sat on the mat"
    doc = align_texts(ocr, gold)
    s = evaluate_doc(doc, [prop(ocr, "Tlie", "The"), prop(ocr, "cat", "cart", kind=Kind.REALWORD),
                           prop(ocr, "tbe", None, kind=Kind.UNCLEAR)]).scores
    assert (s.proposals, s.proposals_right, s.flags_on_errors) == (3, 1, 1)
    assert s.right_share == pytest.approx(1 / 2)
    assert s.right_or_flag_on_error_share == pytest.approx(2 / 3)
    assert s.as_dict()["right_or_flag_on_error_share"] == round(2 / 3, 6)


def test_min_confidence_filters_proposals():
    ocr = "Tlie cat sat"
    doc = align_texts(ocr, "The cat sat")
    ps = [prop(ocr, "Tlie", "The", 0.95), prop(ocr, "cat", "cart", 0.5)]
    assert score_proposals(doc, ps, min_confidence=0.9).proposals == 1
    assert score_proposals(doc, ps, min_confidence=0.9).improvement == 1.0
    assert score_proposals(doc, ps).improvement < 1.0


def test_split_and_merge_errors():
    ocr, gold = "the economic f or theeconomic", "the economic for the economic"
    doc = align_texts(ocr, gold)
    errors = [t.text for t in doc.tokens if t.erroneous]
    assert errors == ["f", "or", "theeconomic"]  # a false space makes both halves wrong
    split = Proposal(ocr.index("f or"), ocr.index("f or") + 4, "f or", ("for",), Kind.SPLIT, 0.9, "t")
    merge = prop(ocr, "theeconomic", "the economic", kind=Kind.MERGE)
    s = score_proposals(doc, [split, merge])
    assert s.recall == 1.0 and s.precision == 1.0 and s.cer_after == 0.0
    assert [j.verdict for j in judge_proposals(doc, [split, merge])] == [Verdict.RIGHT] * 2
    # deleting just the space touches both neighbours too
    space = Proposal(ocr.index("f or") + 1, ocr.index("f or") + 2, " ", ("",), Kind.SPLIT, 0.9, "t")
    assert score_proposals(doc, [space]).detected_errors == 2


def test_whitespace_differences_are_not_errors():
    doc = align_texts("The cat\nsat  on it", "The cat sat on it")
    s = score_proposals(doc, [])
    assert s.char_errors_before == 0 and s.error_tokens == 0


def test_overlapping_proposals_are_refused():
    ocr = "Tlie cat"
    doc = align_texts(ocr, "The cat")
    a = Proposal(0, 4, "Tlie", ("The",), Kind.NONWORD, 0.9, "t")
    b = Proposal(2, 4, "ie", ("e",), Kind.NONWORD, 0.9, "t")
    with pytest.raises(ValueError, match="overlapping"):
        score_proposals(doc, [a, b])


def test_proposals_of_another_text_are_refused():
    doc = align_texts("Tlie cat", "The cat")
    with pytest.raises(ValueError, match="does not match"):
        score_proposals(doc, [Proposal(4, 7, "dog", ("cat",), Kind.NONWORD, 0.9, "t")])


def test_scores_add_up():
    d1 = align_texts("Tlie cat", "The cat")
    d2 = align_texts("a dog", "a dog")
    s1, s2 = score_proposals(d1, []), score_proposals(d2, [])
    total = sum([s1, s2], Scores())
    assert total.files == 2 and total.gold_chars == s1.gold_chars + s2.gold_chars
    assert total.cer_before == pytest.approx((s1.char_errors_before + s2.char_errors_before)
                                             / (s1.gold_chars + s2.gold_chars))
    assert sum([s1, s2]) == total  # sum() from 0 works too


def test_reliability_bins():
    ocr = "Tlie cat sat on tbe mat"
    doc = align_texts(ocr, "The cat sat on the mat")
    js = judge_proposals(doc, [prop(ocr, "Tlie", "The", 0.97), prop(ocr, "cat", "cart", 0.92),
                               prop(ocr, "tbe", "the", 0.3)])
    bins = {b.low: (b.count, b.right) for b in reliability(js) if b.count}
    assert bins == {0.0: (1, 1), 0.9: (1, 0), 0.95: (1, 1)}


def test_corrected_text_becomes_proposals():
    ocr, corrected = "Tlie cat sat on tbe mat", "The cat sat on the mat"
    ps = proposals_from_corrected(ocr, corrected)
    assert "".join(corrected) == apply_all(ocr, ps)
    assert {p.kind for p in ps} == {Kind.OTHER}


def apply_all(text: str, ps: list[Proposal]) -> str:
    from edition.evaluation import apply_proposals
    return apply_proposals(text, ps)


def test_symspell_baseline_corrects_unknown_words_only():
    ps = symspell_proposals("The capitatist and the commumism of Stalin")
    assert [(p.original, p.reading) for p in ps] == [("capitatist", "capitalist"),
                                                    ("commumism", "communism")]


# --- the ICDAR format -------------------------------------------------------------------

ICDAR_SAMPLE = ("[OCR_toInput] the kingwas glad, shaU we\r\n"
                "[OCR_aligned] the king@was glad, sha@U we\r\n"
                "[ GS_aligned] ### king was glad, shall we")


def test_parse_icdar_sample():
    doc = parse_icdar(ICDAR_SAMPLE)
    assert doc.ocr == "the kingwas glad, shaU we"
    assert [(t.text, t.gold, t.erroneous) for t in doc.tokens] == [
        ("the", None, False), ("kingwas", "king was", True), ("glad,", "glad,", False),
        ("shaU", "shall", True), ("we", "we", False)]
    s = score_proposals(doc, [])
    assert (s.tokens, s.error_tokens, s.char_errors_before) == (4, 2, 3)


def test_hash_in_gold_is_not_scored():
    doc = parse_icdar(ICDAR_SAMPLE)
    # a proposal on the unknown "the" is unscored and changes no figure
    p = Proposal(0, 3, "the", ("tho",), Kind.NONWORD, 0.9, "t")
    ev = evaluate_doc(doc, [p])
    assert ev.judgements[0].verdict is Verdict.UNSCORED
    assert ev.scores.char_errors_after == ev.scores.char_errors_before
    assert ev.scores.detected_correct == 0


@pytest.mark.parametrize("text, message", [
    ("[OCR_toInput] a\n[OCR_aligned] a", "3 lines"),
    ("[OCR_toInput] ab\n[OCR_aligned] a@\n[ GS_aligned] ab", "is not"),
    ("[OCR_toInput] ab\n[OCR_aligned] ab\n[ GS_aligned] abc", "differ in length"),
    ("[OCR_toInput] ab\n[OCR_alined] ab\n[ GS_aligned] ab", "OCR_aligned"),
])
def test_malformed_icdar_is_refused(text, message):
    with pytest.raises(EditionError, match=message):
        parse_icdar(text, name="bad.txt")


@needs_dev
def test_real_icdar_file():
    doc = load_icdar(next(p for p in DEV if p.parent.name == "eng_monograph" and p.name == "1.txt"))
    assert doc.kind == "monograph"
    errors = {(t.text, t.gold) for t in doc.tokens if t.erroneous}
    assert {("kingwas", "king was"), ("shaU", "shall"), ("Hkewise", "likewise")} <= errors
    # "iudg ment" for "iudg-ment": the false space makes both halves erroneous
    assert {("iudg", "iudg"), ("ment", "ment")} <= errors
    s = score_proposals(doc, [])
    assert 0.005 < s.cer_before < 0.015  # a clean chunk of the 1858 reprint


@needs_dev
@pytest.mark.parametrize("path", DEV[:3] + [p for p in DEV if p.parent.name == "eng_periodical"][:2],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_gold_proposals_make_a_perfect_correction(path):
    doc = load_icdar(path)
    ev = evaluate_doc(doc, gold_proposals(doc))
    s = ev.scores
    assert s.char_errors_before > 0
    assert s.cer_after == 0.0 and s.wer_after == 0.0 and s.improvement == 1.0
    assert s.recall == 1.0 and s.words_broken == 0
    assert s.proposals_right >= 0.99 * s.proposals


@needs_dev
def test_symspell_baseline_on_a_real_file_is_scored():
    doc = load_icdar(DEV[0])
    s = score_proposals(doc, symspell_proposals(doc.ocr))
    assert s.proposals > 0 and s.proposals_right + s.proposals_wrong == s.proposals


# --- properties -------------------------------------------------------------------------

words = st.text(alphabet="abcdefghilmnorstu", min_size=1, max_size=8)
golds = st.lists(words, min_size=1, max_size=30).map(" ".join)
edits = st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(["sub", "del", "ins", "space"]),
                           st.sampled_from(list("abcl1rn ."))), max_size=8)


def corrupt(gold: str, ops) -> str:
    text = list(gold)
    for pos, op, ch in ops:
        if not text:
            break
        i = pos % len(text)
        if op == "sub":
            text[i] = ch
        elif op == "del":
            del text[i]
        elif op == "ins":
            text.insert(i, ch)
        else:
            text.insert(i, " ")
    return "".join(text) or "x"


@settings(max_examples=150, deadline=None)
@given(golds, edits)
def test_alignment_restores_both_texts(gold, ops):
    ocr = corrupt(gold, ops)
    doc = align_texts(ocr, gold)
    assert len(doc.ocr_aligned) == len(doc.gold_aligned)
    assert doc.ocr_aligned.replace(GAP, "") == ocr
    assert doc.gold_aligned.replace(GAP, "") == gold_in_ocr_order(ocr, gold)
    assert align_texts(ocr, gold, reorder_gold=False).gold_aligned.replace(GAP, "") == gold


# --- a gold with blocks in another order than the OCR -------------------------------------

def test_a_running_head_the_gold_moved_is_judged_against_its_own_gold():
    # the file's alignment pairs the OCR's running head with nothing: its words look erroneous
    text = (DATA / "icdar_moved_running_head.txt").read_text(encoding="utf-8")
    given_order = parse_icdar(text, reorder_gold=False)
    assert ("ANTHOLOGY.", "") in {(t.text, t.gold) for t in given_order.tokens}
    doc = parse_icdar(text)
    assert {(t.text, t.gold) for t in doc.tokens if t.erroneous} == {
        ("[bk.", "[BK."), ("Klian", "Khan"), ("tbe", "the"), ("measurcless", "measureless")}
    assert sorted(doc.gold.split()) == sorted(given_order.gold.split())
    assert doc.gold.startswith("434 AN ENGLISH ANTHOLOGY. [BK. IV. KUBLA KHAN")
    assert score_proposals(doc, []).char_errors_before < score_proposals(given_order, []).char_errors_before


def test_evaluate_puts_a_moved_block_in_the_ocrs_order(tmp_path: Path):
    # a perfect correction of the OCR (each word fixed where the OCR has it) is perfect only
    # when the gold's running head is judged where the OCR has it
    text = (DATA / "icdar_moved_running_head.txt").read_text(encoding="utf-8")
    (tmp_path / "page.txt").write_text(text, encoding="utf-8")
    ocr = parse_icdar(text).ocr
    fixed = (ocr.replace("[bk.", "[BK.").replace("Klian", "Khan").replace("tbe", "the")
             .replace("measurcless", "measureless"))
    (tmp_path / "fixed.txt").write_text(fixed, encoding="utf-8")
    scores = {}
    for flag in ((), ("--keep-gold-order",)):
        proc = run("evaluate", "page.txt", "--corrected", "fixed.txt", "--json", *flag, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        scores[flag] = json.loads(proc.stdout)["policies"][0]["scores"]
    assert scores[()]["cer_after"] == 0.0 and scores[()]["improvement"] == 1.0
    assert scores[("--keep-gold-order",)]["cer_after"] > 0.1
    assert scores[()]["error_tokens"] == 4 < scores[("--keep-gold-order",)]["error_tokens"]


def test_texts_in_the_same_order_keep_their_gold():
    gold = "the cat sat on the mat and the dog lay by the door"
    assert gold_in_ocr_order("tlie cat sat on tbe mat and tbe dog lay by the door", gold) == gold
    # two pairs of words swapped are no block: too few words to tell a move from chance
    assert gold_in_ocr_order("mat the on sat cat the", "the cat sat on the mat") == "the cat sat on the mat"


unique_words = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9),
                        min_size=2 * MIN_BLOCK_ANCHORS, max_size=60, unique=True)


@settings(max_examples=150, deadline=None)
@given(unique_words, st.lists(st.integers(MIN_BLOCK_ANCHORS + 1, 12), min_size=2, max_size=5),
       st.randoms(use_true_random=False), st.lists(st.integers(0, 10_000), max_size=4))
def test_blocks_in_another_order_are_found(words, sizes, rng, misread):
    # a gold cut into blocks, the OCR gives the blocks in another order and misreads one word of
    # some blocks: the gold comes back in the OCR's order, block for block
    blocks, k = [], 0
    for n in sizes:
        if k + n > len(words):
            break
        blocks.append(words[k:k + n])
        k += n
    if len(blocks) < 2:
        return
    order = list(range(len(blocks)))
    rng.shuffle(order)
    ocr_blocks = [list(blocks[i]) for i in order]
    for m in misread:  # at most one word per block, so each keeps MIN_BLOCK_ANCHORS words
        b = ocr_blocks[m % len(ocr_blocks)]
        b[m % len(b)] = b[m % len(b)] + "1"
        if sum(w.endswith("1") for w in b) > 1:
            b[m % len(b)] = b[m % len(b)][:-1]
    gold = " ".join(" ".join(b) for b in blocks)
    ocr = " ".join(" ".join(b) for b in ocr_blocks)
    assert gold_in_ocr_order(ocr, gold) == " ".join(" ".join(blocks[i]) for i in order)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "bb", "cat", "dog", "egg", "fig", "gnu", "hat", "ink"]),
                max_size=40), st.lists(st.sampled_from(["a", "bb", "cat", "dog", "egg", "fig",
                                                         "gnu", "hat", "ink", "jam"]), max_size=40),
       st.sampled_from([" ", "\n", "  "]))
def test_the_reordered_gold_has_the_gold_words(ocr_words, gold_words, sep):
    ocr, gold = " ".join(ocr_words), sep.join(gold_words)
    in_order = gold_in_ocr_order(ocr, gold)
    assert sorted(in_order.split()) == sorted(gold.split())
    doc = align_texts(ocr, gold)
    assert doc.gold_aligned.replace(GAP, "") == in_order


@pytest.mark.skipif(not (ICDAR2019 / "35.txt").is_file(), reason="ICDAR 2019 set absent")
def test_icdar2019_file_with_its_sections_in_another_order():
    # the gold gives the page's second section first; the file's alignment judges the OCR's
    # first section against the second one's words
    given = load_icdar(ICDAR2019 / "35.txt", reorder_gold=False)
    doc = load_icdar(ICDAR2019 / "35.txt")
    def gold_of(d, word):
        return [t.gold for t in d.tokens if t.text == word]
    assert gold_of(given, "sliall") == ["e‑"] and gold_of(doc, "sliall") == ["shall"]
    assert gold_of(given, "cither") == ["enquir"] and gold_of(doc, "cither") == ["either"]
    agree = lambda d: sum(a == b for a, b in zip(d.ocr_aligned, d.gold_aligned)) / len(d.ocr_aligned)
    assert agree(given) < 0.35 and agree(doc) > 0.9


@settings(max_examples=150, deadline=None)
@given(golds, edits)
def test_perfect_correction_and_identity(gold, ops):
    ocr = corrupt(gold, ops)
    doc = align_texts(ocr, gold)
    before = score_proposals(doc, [])
    # identity: nothing changes, 0 % improvement
    assert before.improvement == 0.0 and before.cer_after == before.cer_before
    # the piecewise distance is never below the true whole-text distance
    assert before.char_errors_before >= Levenshtein.distance(normalize(ocr), normalize(gold))
    # perfect correction: CER 0, and 100 % improvement whenever there was an error
    perfect = score_proposals(doc, proposals_from_corrected(ocr, gold))
    assert perfect.char_errors_after == 0 and perfect.wer_after == 0.0
    assert perfect.recall == 1.0 or perfect.error_tokens == 0
    if normalize(ocr) != normalize(gold):
        assert perfect.improvement == 1.0


@settings(max_examples=100, deadline=None)
@given(golds, edits, st.integers(0, 2**32 - 1))
def test_scores_stay_consistent_for_any_proposals(gold, ops, seed):
    import random
    ocr = corrupt(gold, ops)
    doc = align_texts(ocr, gold)
    rng = random.Random(seed)
    ps, pos = [], 0
    while pos < len(ocr):
        start = rng.randrange(pos, len(ocr) + 1)
        end = min(len(ocr), start + rng.randrange(0, 4))
        reading = rng.choice(["", "x", "the", " ", None])
        if reading != ocr[start:end] and (end > start or reading):
            ps.append(Proposal(start, end, ocr[start:end], (reading,) if reading is not None else (),
                               Kind.OTHER, rng.random(), "random"))
        pos = end + 1
    s = score_proposals(doc, ps)
    assert 0.0 <= s.precision <= 1.0 and 0.0 <= s.recall <= 1.0
    assert s.detected_errors <= s.error_tokens <= s.tokens
    assert s.proposals_right + s.proposals_wrong + s.flags == s.proposals
    assert s.words_broken <= s.detected_correct
    assert s.improvement <= 1.0


# --- the command --------------------------------------------------------------------------

def test_evaluate_plain_pair_with_corrected(tmp_path: Path):
    (tmp_path / "ocr.txt").write_text("Tlie cat sat on tbe mat.\n", encoding="utf-8")
    (tmp_path / "gold.txt").write_text("The cat sat on the mat.\n", encoding="utf-8")
    (tmp_path / "fixed.txt").write_text("The cat sat on tbe mat.\n", encoding="utf-8")
    proc = run("evaluate", "ocr.txt", "gold.txt", "--corrected", "fixed.txt", "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    (policy,) = data["policies"]
    s = policy["scores"]
    assert (s["char_errors_before"], s["char_errors_after"], s["proposals_right"]) == (3, 1, 1)
    assert s["improvement"] == pytest.approx(2 / 3, abs=1e-5)
    assert policy["residual_errors"] == [{"text": "tbe", "gold": "the", "count": 1}]
    text = run("evaluate", "ocr.txt", "gold.txt", "--corrected", "fixed.txt", cwd=tmp_path)
    assert "% improvement" in text.stdout and "+66.7 %" in text.stdout
    assert "tbe" in text.stdout  # the residual table


def test_evaluate_directories_of_pairs(tmp_path: Path):
    for d in ("ocr", "gold", "fixed"):
        (tmp_path / d).mkdir()
    for name, ocr, gold in (("a.txt", "Tlie cat", "The cat"), ("b.txt", "a dgo", "a dog")):
        (tmp_path / "ocr" / name).write_text(ocr, encoding="utf-8")
        (tmp_path / "gold" / name).write_text(gold, encoding="utf-8")
        (tmp_path / "fixed" / name).write_text(gold, encoding="utf-8")
    proc = run("evaluate", "ocr", "gold", "--corrected", "fixed", "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    (policy,) = json.loads(proc.stdout)["policies"]
    assert policy["scores"]["files"] == 2 and policy["scores"]["cer_after"] == 0.0
    assert policy["scores"]["improvement"] == 1.0


def test_evaluate_icdar_file_with_corrected(tmp_path: Path):
    (tmp_path / "doc.txt").write_text(ICDAR_SAMPLE, encoding="utf-8")
    (tmp_path / "fixed.txt").write_text("the king was glad, shall we", encoding="utf-8")
    proc = run("evaluate", "doc.txt", "--corrected", "fixed.txt", "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    s = json.loads(proc.stdout)["policies"][0]["scores"]
    assert s["improvement"] == 1.0 and s["recall"] == 1.0


@pytest.mark.parametrize("args, message", [
    (("missing.txt", "gold.txt"), "no such file"),
    (("ocr.txt",), "not an ICDAR file"),
    (("ocr.txt", "gold.txt", "--min-confidence", "2"), "between 0 and 1"),
])
def test_evaluate_user_errors(tmp_path: Path, args, message):
    (tmp_path / "ocr.txt").write_text("Tlie cat", encoding="utf-8")
    (tmp_path / "gold.txt").write_text("The cat", encoding="utf-8")
    proc = run("evaluate", *args, cwd=tmp_path)
    assert proc.returncode == 1
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_evaluate_runs_detection_with_two_policies(tmp_path: Path):
    (tmp_path / "ocr.txt").write_text("The capitatist class and V1adimir Lenin.", encoding="utf-8")
    (tmp_path / "gold.txt").write_text("The capitalist class and Vladimir Lenin.", encoding="utf-8")
    proc = run("evaluate", "ocr.txt", "gold.txt", "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    labels = [(p["label"], p["min_confidence"]) for p in json.loads(proc.stdout)["policies"]]
    assert labels == [("every proposal accepted", 0.0), ("confidence ≥ 0.9 accepted", 0.9)]


def test_join_hyphens_accepts_a_dehyphenated_reading():
    # the gold keeps the printer's line-end hyphen; the OCR lost it
    ocr, gold = "the intro duction of it", "the intro- duction of it"
    doc = align_texts(ocr, gold)
    p = prop(ocr, "intro duction", "introduction", kind=Kind.SPLIT)
    assert judge_proposals(doc, [p])[0].verdict is Verdict.WRONG_READING
    assert judge_proposals(doc, [p], join_hyphens=True)[0].verdict is Verdict.RIGHT
    assert score_proposals(doc, [p], join_hyphens=True).cer_after == 0.0
    # lines joined with the hyphen kept ("man-ner"); the hyphenated reading stays right too
    ocr, gold = "in a man ner of speaking", "in a man-ner of speaking"
    doc = align_texts(ocr, gold)
    for reading in ("manner", "man-ner"):
        p = prop(ocr, "man ner", reading, kind=Kind.SPLIT)
        assert judge_proposals(doc, [p], join_hyphens=True)[0].verdict is Verdict.RIGHT
    assert judge_proposals(doc, [prop(ocr, "man ner", "manner")])[0].verdict is Verdict.WRONG_READING



def test_join_hyphens_knows_the_non_breaking_hyphen_of_a_gold(tmp_path: Path):
    """ICDAR 2019's gold writes a printed line-break hyphen as U+2011 (``Move‑ ment``); with
    ``--join-hyphens`` the joined reading of the OCR's ``Move ment`` is right, as with ``-``."""
    (tmp_path / "ocr.txt").write_text("the Heavens and their Move ment round the Sun.", encoding="utf-8")
    (tmp_path / "gold.txt").write_text("the Heavens and their Move\u2011 ment round the Sun.", encoding="utf-8")
    proc = run("evaluate", "ocr.txt", "gold.txt", "--json", "--join-hyphens", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    every = json.loads(proc.stdout)["policies"][0]["scores"]
    assert (every["proposals"], every["proposals_right"], every["char_errors_after"]) == (1, 1, 0)

# --- inputs and artifact tables -------------------------------------------------------------

def test_icdar_directory_inputs(tmp_path: Path):
    from edition.evaluation.inputs import evaluation_inputs
    (tmp_path / "eng_periodical").mkdir()
    for n in (10, 2):
        (tmp_path / "eng_periodical" / f"{n}.txt").write_text(ICDAR_SAMPLE, encoding="utf-8")
    (tmp_path / "eng_periodical" / "notes.txt").write_text("not an ICDAR file", encoding="utf-8")
    inputs = evaluation_inputs(tmp_path)
    assert [Path(i.name).name for i in inputs] == ["2.txt", "10.txt"]  # natural order, notes skipped
    assert inputs[0].load().kind == "periodical"
    with pytest.raises(EditionError, match="no corrected text"):
        (tmp_path / "fixed").mkdir()
        evaluation_inputs(tmp_path, corrected=tmp_path / "fixed")


SEED_TABLE = Path(__file__).resolve().parent / "data" / "seed_artifacts.tsv"
SEED = Path(__file__).resolve().parents[1] / "seeds" / "hoxha-memoirs-stalin-introduction.txt"


@pytest.mark.skipif(not SEED_TABLE.exists(), reason="seed artifact table absent")
def test_seed_artifacts_scored_against_themselves():
    from edition.evaluation.artifacts import gold_text, read_artifact_table, score_artifacts
    from edition.source import read_source
    text = read_source(SEED).text
    arts = read_artifact_table(SEED_TABLE, text)
    assert len(arts) > 50
    perfect = [Proposal(a.start, a.end, a.original, () if a.reading is None else (a.reading,),
                        Kind(a.kind), 1.0, "the table") for a in arts]
    s = score_artifacts(text, arts, perfect)
    assert (s.proposed, s.right_first, s.false_alarms) == (len(arts), len(arts), 0)
    # the gold text, aligned with the seed, scores the same proposals as a perfect correction
    doc = align_texts(text, gold_text(text, arts))
    scores = score_proposals(doc, perfect)
    assert scores.cer_after == 0.0 and scores.improvement == 1.0
    # one wrong reading, one miss, one false alarm
    first = arts[0]
    other = next(m for m in regex.finditer(r"\b\w{5,}\b", text)
                 if all(m.end() <= a.start or m.start() >= a.end for a in arts))
    ps = [Proposal(first.start, first.end, first.original, ("zzz",), Kind.NONWORD, 0.9, "t"),
          Proposal(other.start(), other.end(), other.group(), ("zzz",), Kind.NONWORD, 0.9, "t")]
    s = score_artifacts(text, arts, ps)
    assert (s.proposed, s.right_first, s.true_proposals, s.false_alarms) == (1, 0, 1, 1)


def test_artifacts_from_reviewed_corrections():
    from edition.evaluation.artifacts import artifacts_from_corrections
    from edition.model import Correction, Status
    cs = [Correction("gl-1", 0, 8, "V1adimir", Kind.GLYPH, Status.ACCEPTED, ("Vladimir",), 0.99,
                     reading="Vladimir", by="ed", on="2026-01-01"),
          Correction("nw-1", 13, 17, "tlie", Kind.NONWORD, Status.EDITED, ("tie",), 0.6,
                     reading="the", by="ed", on="2026-01-01"),
          Correction("un-1", 18, 22, "whet", Kind.UNCLEAR, Status.FLAGGED, (), 0.9, by="ed"),
          Correction("rw-1", 9, 12, "and", Kind.REALWORD, Status.REJECTED, ("any",), 0.5, by="ed"),
          Correction("rw-2", 26, 28, "it", Kind.REALWORD, Status.PROPOSED, ("at",), 0.5)]
    arts = artifacts_from_corrections(cs)
    assert [(a.original, a.reading) for a in arts] == [("V1adimir", "Vladimir"), ("tlie", "the"),
                                                       ("whet", None)]


def test_recall_per_error_type():
    ocr, gold = "Tlie kingwas f or HAVE glad", "The king was for have glad"
    doc = align_texts(ocr, gold)
    ev = evaluate_doc(doc, [prop(ocr, "Tlie", "The")])
    assert ev.error_types == {"letters": 1, "merge": 1, "split": 2, "case": 1}
    assert ev.detected_types == {"letters": 1}


def test_the_help_examples_run_in_the_project_as_shown(tmp_path):
    """`evaluate --help` shows paths a user has: its first examples make a ground truth from the
    seed's reviewed edition and evaluate against it, run here exactly as printed."""
    import shlex
    import shutil

    from cli_helpers import ROOT, run

    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "corrections", tmp_path / "corrections")
    helptext = run("evaluate", "--help", cwd=tmp_path, check=True).stdout
    examples = [line.strip() for line in helptext.split("examples", 1)[1].splitlines()
                if line.startswith("  edition ")]
    assert "../" not in helptext and "shared/data" not in helptext
    for line in examples[:2]:
        proc = run(*shlex.split(line)[1:], cwd=tmp_path, check=True)
    assert (tmp_path / "hoxha.gold.txt").exists()
    assert "detection F1" in proc.stdout and "% improvement (ICDAR)" in proc.stdout
