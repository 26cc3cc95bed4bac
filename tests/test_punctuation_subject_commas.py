"""Stray commas inside a verb group with an adverb (``they were, warmly assisted``) and between a
sentence's simple subject and its verb (``All the traitors, were put on trial``): the two rules of
:func:`edition.detection.detectors.punctuation.stray_commas` (the grammar they ask is
:mod:`edition.detection.evidence.clauses`), on invented sentences, on the seed's lines, and on the writer's commas they must leave alone (appositives, inversions after a
quotation, parentheses, sentence adverbs, questions)."""
from __future__ import annotations

import time

import pytest
import regex
from hypothesis import given, settings, strategies as st

from edition.detection.document import Document
from edition.detection.detectors import punctuation
from edition.detection.detectors.punctuation import stray_commas
from edition.detection.evidence import clauses
from tests._word_cases import SEED_TEXT

ADVERB = "an adverb and its past participle"
SUBJECT = "simple subject"


def stray(text: str) -> list[tuple[str, str, str]]:
    """(original, reading, why) of each stray-comma proposal on ``text``; the span must hold
    exactly the original."""
    out = []
    for p in punctuation.stray_commas(Document(text)):
        assert text[p.start:p.end] == p.original
        out.append((p.original, p.reading, p.why))
    return out


def fired(text: str, rule: str) -> list[tuple[str, str]]:
    """(original, reading) of the proposals that ``rule`` (a phrase of the why) made."""
    return [(o, r) for o, r, why in stray(text) if rule in why]


# An auxiliary, a comma, one -ly adverb and a past participle.
ADVERB_CASES = [
    ("When the delegates arrived, they were, warmly welcomed by the hosts.", "were,", "were"),
    ("The accounts had been, carefully checked before the meeting.", "been,", "been"),
    ("She has, quickly learned the rules of the house.", "has,", "has"),
    # the seed (paragraph on Rokossovsky and Zhukov)
    ("But they were not cast off as incorrigible. On the contrary, they were, warmly assisted and the "
     "moment it was considered that these cadres had corrected themselves", "were,", "were"),
]

# A simple subject from the start of the sentence, a comma, a finite verb.
SUBJECT_CASES = [
    ("The meeting ended late. All the delegates, were sent home by train.", ", were", " were"),
    ("Most members, have voted for the motion.", ", have", " have"),
    ("The committee met on Monday. These old machines, had broken down again.", ", had", " had"),
    ("The letters came.\n\nBoth the clerks, were away that week.", ", were", " were"),
    ("He wrote to the bank. The manager, will answer within a week.", ", will", " will"),
    # a single name, which the text writes capitalized in mid-sentence
    ("The speech of Gladstone was long. Gladstone, said nothing of the war.", ", said", " said"),
    # a closing quote glued to the period and the name
    ('He was called "a man of genius."Napoleon, said about him that he would rise. '
     "The letters of Napoleon were kept.", ", said", " said"),
    ('They spoke of "the end of all problems."All the clerks, were sent home.', ", were", " were"),
    # the seed
    ("The dictatorship of the proletariat struck down these dangerous enemies without mercy. All the "
     "traitors, were put on public trial. At that time, their guilt was proved most convincingly",
     ", were", " were"),
    ("Even such heads of world capitalism as Churchill, Roosevelt, Truman, Eden, Montgomery, Hopkins and "
     'others were obliged to recognize the incontestable merits of Stalin, "with an unrivalled sharpness of '
     'mind in the rapid comprehension of problems."Churchill, said about Stalin, "...I respect this great '
     'and brilliant man", very few people in the world could have understood', ", said", " said"),
]

# Commas the writer set: neither rule may fire.
WRITERS_COMMAS = [
    # appositives and lists: a comma inside what stands before the verb
    "John, the baker, was here before noon.",
    "The apples, the pears, were ripe in August.",
    # an inversion after a quotation (the quote lost by OCR too), a pronoun or an article after 'said'
    '"We are communists," said Stalin to the delegates.',
    "We are communists, said Stalin to the delegates.",
    "Enough of this, said he in anger.",
    "The end, said the narrator with a sigh.",
    # a parenthesis around the adverb
    "They had, finally, decided to leave the town.",
    # sentence adverbs, vocatives, questions
    "However, was it really so simple?",
    "Yesterday, was a holiday in the town.",
    "Mother, is dinner ready yet?",
    "Indeed, were the men not told to wait?",
    # the auxiliary closes a clause
    "The house, which we had, newly painted in spring, burned down.",
    "It was more than they were, truly prepared for.",
    # a quote glued to a word is no sentence start without a period before it
    'They wrote "All the clerks, were sent home.',
    "The clerk wrote 'All the clerks, were sent home.",
    # a line break inside a paragraph is no sentence start; an abbreviation's period ends none
    "the shops that sold\nthe goods, were paid in full.",
    "The letter came from Mr. Smith. We knew Mr. Smith, had left the town.",
    # a noun of time makes an adverbial phrase
    "The next morning, were held the games.",
    # no determiner: not a simple subject of the rule
    "Old soldiers, were never forgotten.",
    # a name the text never writes in mid-sentence (a sentence adverb looks the same)
    "Afterwards, had come the rain.",
]


@pytest.mark.parametrize("text,original,reading", ADVERB_CASES)
def test_a_comma_inside_an_auxiliary_adverb_participle_group_is_proposed(text, original, reading):
    assert fired(text, ADVERB) == [(original, reading)]


@pytest.mark.parametrize("text,original,reading", SUBJECT_CASES)
def test_a_comma_between_a_simple_subject_and_its_verb_is_proposed(text, original, reading):
    assert (original, reading) in fired(text, SUBJECT)


@pytest.mark.parametrize("text", WRITERS_COMMAS)
def test_the_writers_commas_are_left_alone(text):
    assert fired(text, ADVERB) == [] and fired(text, SUBJECT) == []


def test_confidences_are_between_the_floor_and_the_batch_accept_bucket():
    for text, original, _ in ADVERB_CASES + SUBJECT_CASES:
        for p in punctuation.stray_commas(Document(text)):
            if p.original == original:
                assert punctuation.MIN_STRAY <= p.confidence < 0.9


def test_the_seed_rows_are_proposed_with_the_tables_readings():
    """The seed's three stray commas of these kinds (tests/data/seed_artifacts.tsv, rows 8, 27, 74)."""
    got = {(p.start, p.original, p.reading) for p in punctuation.stray_commas(Document(SEED_TEXT))}
    traitors = SEED_TEXT.index("All the traitors, were") + len("All the traitors")
    said = SEED_TEXT.index('problems."Churchill, said') + len('problems."Churchill')
    warmly = SEED_TEXT.index("they were, warmly assisted") + len("they ")
    assert {(traitors, ", were", " were"), (said, ", said", " said"), (warmly, "were,", "were")} <= got


def test_the_why_names_the_rule():
    ((_, _, why),) = stray("Most members, have voted for the motion.")
    assert "ends the simple subject that opens the sentence and 'have' is its verb" in why


# Property tests: the rule fires on every simple subject + verb built from the parts, never on
# the same words when the sentence does not start with them or the verb opens an inversion,
# and each proposal removes one comma and nothing else.

QUANT = ["", "All ", "Most ", "Some ", "Both "]
DET = ["The ", "These ", "Our ", "His "]
ADJ = ["", "old ", "young ", "local "]
NOUN = ["workers", "delegates", "soldiers", "letters", "machines", "clerks"]
VERB = sorted(clauses.FINITE_VERBS - {"said", "says"})
NEXT = ["not", "always", "sent", "present", "very", "soon", "given", "put"]
INVERSION = ["he", "they", "it", "there", "Stalin", "London"]


def _subject(q: str, d: str, a: str, n: str) -> str:
    return (q + d.lower() if q else d) + a + n


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(QUANT), st.sampled_from(DET), st.sampled_from(ADJ), st.sampled_from(NOUN),
       st.sampled_from(VERB), st.sampled_from(NEXT))
def test_property_every_simple_subject_comma_is_proposed(q, d, a, n, verb, nxt):
    text = f"The work went on. {_subject(q, d, a, n)}, {verb} {nxt} there."
    assert fired(text, SUBJECT) == [(f", {verb}", f" {verb}")]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(QUANT), st.sampled_from(DET), st.sampled_from(ADJ), st.sampled_from(NOUN),
       st.sampled_from(sorted(clauses.FINITE_VERBS)), st.sampled_from(NEXT + INVERSION),
       st.sampled_from(["and", "when", "of", "where"]))
def test_property_no_proposal_mid_sentence_or_before_an_inversion(q, d, a, n, verb, nxt, before):
    subject = _subject(q, d, a, n)
    mid = f"The work went on {before} {subject[0].lower()}{subject[1:]}, {verb} {nxt} there."
    assert fired(mid, SUBJECT) == []
    if nxt in INVERSION:
        assert fired(f"The work went on. {subject}, {verb} {nxt} there.", SUBJECT) == []


WORDS = ("the all these delegates workers were was had have been said warmly kindly assisted loved "
         "However Stalin John and of which they").split()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(["", ",", "."])), min_size=1, max_size=30))
def test_property_a_proposal_removes_one_comma_and_nothing_else(tokens):
    text = " ".join(w + mark for w, mark in tokens)
    for original, reading, why in stray(text):
        if ADVERB in why or SUBJECT in why:
            assert original.count(",") == 1 and original.replace(",", "", 1) == reading
            assert (SUBJECT in why) == original.startswith(", ")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30), st.sampled_from([" ", ". ", "\n\n"]))
def test_property_no_comma_no_proposal(words, sep):
    """Without a comma in the text, neither rule has anything to remove."""
    assert stray(sep.join(words)) == []


# The subject rule looked for the sentence's end from every comma.

def test_subject_rule_is_linear_on_a_text_without_sentence_stops():
    # 1M characters with no period and no line break: the search for the next stop from each of
    # the 45,000 commas took 86 s (quadratic); with the stops found once it takes about 0.6 s.
    # The bound leaves room for a loaded machine and still fails the quadratic search by far.
    text = ("All the men, were put " * 45_455)[:1_000_000]
    start = time.process_time()
    list(stray_commas(Document(text)))
    assert time.process_time() - start < 15


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .?!\n", max_size=60), st.integers(min_value=0, max_value=60))
def test_question_follows_is_the_next_stop(text, offset):
    offset = min(offset, len(text))
    stop = regex.compile(r"[.!?\n]").search(text, offset)
    expected = stop is not None and text[stop.start()] == "?"
    assert clauses.question_follows(Document(text), offset) == expected


def test_subject_rule_still_asks_whether_the_sentence_is_a_question():
    found = [p.original for p in stray_commas(Document("The men left. All the men, were they tired? No."))]
    assert ", were" not in found
    found = [p.original for p in stray_commas(Document("The men left. All the men, were put on trial."))]
    assert ", were" in found
