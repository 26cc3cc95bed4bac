"""The punctuation detector on real artifacts (seed and ICDAR 2017 OCR) and real correct text."""
import pytest
import regex
from hypothesis import given, settings, strategies as st

from _generated_texts import FRAGMENT_TEXTS, FRAGMENTS, fragment_text
from edition.detection.document import Document
from edition.detection.detectors import punctuation
from edition.detection.detectors.punctuation import stray_commas
from tests._detector_tables import check_invariants, readings

ARTIFACTS = [
    ('so-called agents of the Soviet Unio\'n and Stalin by the bourgeoisie', "Unio'n", "Union"),
    ("the predatory activity ,of the fascist states", "activity ,of", "activity of"),
    ("the capitalist world powers. Stalin's .word was prized above gold", ".word", "word"),
    ("the warmongers, and that imperialism `is the bearer of predatory wars", "`is", "is"),
    ('"to the great Stalin," etc., etc.. at a time when they', "..", ".,"),
    ("those who had taken part in the ,war. They encouraged", ",war", "war"),
    ("as it did with all the rest.. After World War II, the", "..", "."),
    ("many leaders of the Soviet Union., After the death", ".,", "."),
    ("in the spirit of the time., etc. Irrespective of", ".,", ","),
    ("smashed to smithereens in the face of' the historic reality", "of'", "of"),
    ("she is sore troubled in he'r minde, and as I suppose", "he'r", "her"),
    ("willing enough to exhi.bit myself at the best", "exhi.bit", "exhibit"),
    ("we got'into Truro, a clean little town", "got'into", "got into"),
    ("here by way of change one or. two of my trivial pieces", "or.", "or"),
    ("It was the fashion of the time to fill them. all to the full", "them.", "them"),
    ("I certainly could,not take it now", "could,not", "could not"),
    ("the bronchial affections,,and other ills", ",,", ","),
    ("the exhibition was in medio, a. public terror to evil-doers", "a.", "a"),
    ("the secret of the Druids, in. this instance at least, was", "in.", "in"),
    # stray commas between words (ICDAR 2017 monograph OCR; the gold has no comma)
    ("the age of rampant. total abstinence is the, age of special falseness", "the,", "the"),
    ("the Proverbial Philosophy of Martin Tupper a, million and a half of copies", "a,", "a"),
    # a comma between an auxiliary and its past participle (seed; ICDAR 2017 tune and check OCR)
    ("like all the communists and freedom-loving peoples of the world, have, loved the true socialist Soviet Union",
     "have,", "have"),
    ("and many of the name have, attained wealth and position", "have,", "have"),
    ("but anyhow the fact is and it should be, announced to those who may have", "be,", "be"),
    # a lone quote between words: a misread comma (seed) or a speck (ICDAR 2017 tune OCR)
    ("remind you to think over these problems, vital to you and the world ' because we are your brothers",
     "world '", "world,"),
    ("the secrets of trees, plants and stones, with their ' several uses yet all this knowledge", "their '", "their"),
    # a period before an opening quote (seed: the gold is '"The', the capital misread too)
    ('described Stalin as the "leader and teacher of genius", and said that ."he name of Comrade Stalin',
     '."he', '"he'),
    # a semicolon ending a list of words parted by commas (seed)
    ("The enemies within the Soviet Union - the Trotskyites, Bukharinites, Zinovyevites; and others, were "
     "closely linked with foreign capitalists", "Zinovyevites;", "Zinovyevites,"),
    # a speck of a newspaper scan inside a word (the shapes of BLN600's OCR, written sentences)
    ("the prisoner was seen in the street on Tuesday afte~rnoon by the constable", "afte~rnoon", "afternoon"),
    ("the magistrate said he sh^all remand the prisoner for a week", "sh^all", "shall"),
    ("the prisoner was given into custody on a ch~arge of felony", "ch~arge", "charge"),
    ('the prisoner was remanded until Satur"day next, when the witness will attend', 'Satur"day', "Saturday"),
]

NEGATIVE = [
    "We know a priori that the thing is so, e.g. by reason, i.e. by proof.",
    "J. V. Stalin met the U.S.A. delegation at 3.5 p.m. and at 10.30 a.m.",
    "He said: \"I don't know...\" and then . . . nothing. It's o'er; 'tis done.",
    "Stalin's work, the peoples' struggle, the workers' party, the boys' school.",
    "He spoke of 'mess' in Austria: 'Be careful not to make a mess,' he said.",
    "Smith & Co., Esq., etc., and the per Cent., as usual.",
    "Visit www.example.com or the U.N.; it costs $3.50 - or £2.",
    "O'Brien and d'Artagnan met at five o'clock; rock 'n' roll.",
    "The Party of Labor of Albania -- the Great October -- won!! But what happened?!",
    "Chapter IV.\n\nIntroduction: \"On the Centenary of the Birth of Joseph Stalin.\"",
    "See ch. viii. and vol. ii. of the work, p. 5, cf. the notes, viz. the first, etc. and so on.",
    "Mr. and Mrs. Smith, Messrs. Cox and Co. and the Rev. Mr. Hill.",
    "He wrote thirty-one letters, a self-portrait and the well-known essay.",
    "The two readings:\na. the first one\nb. the second one",
    "The board is 5 in. thick and 3 ft. long, weighs 2 lb. net, and costs 3s. 6d. a foot.",
    # commas between small-letter words that are the writer's (ICDAR 2017 gold; a modern sentence)
    "Nay, said Fryer Bacon, I pray gentlemen at my request tarry a little, and heare some of my mans musicke",
    "On the contrary, they were warmly assisted, and the moment it was clear, they were, of course, welcomed.",
    # an auxiliary and a comma before no participle (real text; "indeed" and "hundred" end in -ed)
    "They have, of course, loved the land; it was, indeed, a hundred years old and was, hundred-fold, repaid.",
    # lone quote marks that are quotations, possessives set loose and elisions
    'He said "yes" and "no," and called it \'a fine thing \' and went on his way.',
    "the boys ' books were on the shelf",
    "and ' tis the season to be jolly",
    # a period before a quote: a spaced ellipsis, a sentence's end before a capital
    'He stopped . . ."well, perhaps," he said. And he said ."The end."',
    # semicolons between clauses and in lists the text parts by semicolons (Fred Brooks, fortunes)
    "Consider Unix, APL, Pascal, Modula, the Smalltalk interface, even Fortran; and contrast them with Cobol.",
    # marks that OCR reads for letters are no specks ("p!acing" is "placing"), and a program's names
    "He was p!acing the box on the table, and the c(ase was closed.",
    "Set user_name and max_value in the file, then x^2 and a*b.",
    "He came, he saw; and he conquered. They brought wine, bread, cheese; and fruit; and more.",
]


@pytest.mark.parametrize("text,original,reading", ARTIFACTS)
def test_real_artifact_is_proposed_with_its_reading(text, original, reading):
    assert (original, reading) in readings(punctuation, text)


@pytest.mark.parametrize("text", NEGATIVE)
def test_correct_text_gets_no_proposal(text):
    assert readings(punctuation, text) == []


def test_spacing_that_is_the_texts_typography_is_kept():
    text = "Who comes here ? A friend , he said ; and so , on ."
    assert [r for r in readings(punctuation, text) if r[0].startswith(" ")] == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.;:'`\"!?\n", max_size=200))
def test_invariants_on_any_text(text):
    check_invariants(punctuation, text)


WORDS = "the of and were is have friends said which a I but they had age million loved warmly".split()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=2, max_size=40), st.lists(st.booleans(), max_size=40))
def test_stray_commas_stay_below_the_batch_accept_bucket(words, comma_after):
    """Whatever the words, a stray comma is at most MAX_STRAY_CONFIDENCE sure (never in the
    ≥ 0.9 bucket), and its reading is the word without the comma."""
    text = " ".join(w + ("," if c else "") for w, c in zip(words, comma_after + [False] * len(words)))
    for p in punctuation.stray_commas(Document(text)):
        assert (p.original.endswith(",") and p.reading == p.original[:-1]) or (
            p.original.startswith(", ") and p.reading == p.original[1:])  # subject, verb: comma and verb
        assert punctuation.MIN_STRAY * 0.5 <= p.confidence <= punctuation.MAX_STRAY_CONFIDENCE


def test_a_lone_quote_is_left_alone_in_a_text_that_quotes_with_single_marks():
    """The development set's texts quote with single marks and set closing quotes loose
    ("many days ' and she was"): there a lone mark is a quotation's, not a speck."""
    text = ("'such a comfort, such a comfort, many days ' and she was 'so glad, so very glad' "
            "to see him, and 'under that key lies a fortune' she said.")
    assert [p for p in punctuation.lone_quotes(Document(text))] == []


def test_a_lone_quote_after_a_word_english_rarely_follows_with_a_comma_is_deleted_first():
    (p,) = punctuation.lone_quotes(Document("with their ' several uses"))
    assert p.readings[0] == "their" and "their," not in p.readings[:1]
    (q,) = punctuation.lone_quotes(Document("vital to you and the world ' because we are"))
    assert q.readings == ("world,", "world")


def test_an_auxiliary_comma_before_a_participle_is_proposed_below_the_batch_accept_bucket():
    (p,) = [p for p in punctuation.stray_commas(Document("they were, assisted by all")) if p.original == "were,"]
    assert punctuation.AUX_PARTICIPLE_STRAY <= p.confidence < 0.9 and "participle" in p.why


def test_a_semicolon_is_read_as_a_comma_only_when_it_is_the_sentences_only_one():
    one = punctuation.semicolons_in_lists(Document("the Trotskyites, Bukharinites, Zinovyevites; and others came."))
    two = punctuation.semicolons_in_lists(Document("the Trotskyites, Bukharinites, Zinovyevites; and others; and more."))
    assert [p.reading for p in one] == ["Zinovyevites,"] and list(two) == []


def test_an_indented_list_label_a_keeps_its_period() -> None:
    text = "The items:\n  a. the first one\n  (a. the second)\nHe had a. high opinion"
    assert [p.original for p in punctuation.stray_periods(Document(text))] == ["a."]


# Narrowed after the review (the reviewer's "left for you" list): the writer's own marks.
@pytest.mark.parametrize("text", [
    "The house, which we had, needed repairs.",
    "What they were, united them.",
    "He came, saw, conquered; and the rest is history.",
    "We bought apples, pears, plums; and then we went home.",
])
def test_the_writers_own_commas_and_semicolons_are_left_alone(text):
    doc = Document(text)
    assert list(punctuation.stray_commas(doc)) + list(punctuation.semicolons_in_lists(doc)) == []


def _subject_or_clause_rule(p) -> bool:
    return "ends the simple subject" in p.why or "verb of a subordinate clause" in p.why


def test_the_generated_texts_hold_subject_and_clause_commas():
    # the properties below say something only if the rules fire on the generated texts
    text = fragment_text(FRAGMENTS * 3)
    assert any(_subject_or_clause_rule(p) for p in stray_commas(Document(text)))


@settings(max_examples=300, deadline=None)
@given(FRAGMENT_TEXTS)
def test_comma_rules_remove_only_the_comma(text):
    for p in stray_commas(Document(text)):
        if not _subject_or_clause_rule(p):
            continue
        assert text[p.start:p.end] == p.original
        assert p.original.count(",") == 1 and p.original.replace(",", "", 1) == p.reading


@settings(max_examples=300, deadline=None)
@given(FRAGMENT_TEXTS)
def test_comma_rules_are_silent_without_a_comma(text):
    assert list(stray_commas(Document(text.replace(",", "")))) == []


@settings(max_examples=200, deadline=None)
@given(FRAGMENT_TEXTS)
def test_subject_and_clause_rules_are_silent_without_their_words(text):
    # without a finite verb after a comma nor a subordinator, neither rule can hold
    text = regex.sub(r"\b(?:were|was|is|had|because|although)\b", "went", text)
    assert not any(_subject_or_clause_rule(p) for p in stray_commas(Document(text)))


def test_a_word_a_speck_divides_is_read_whole_and_not_in_pieces():
    """The word engine leaves the sides of ``afte~rnoon`` alone (``rnoon`` is no misread ``moon``):
    the punctuation detector reads the word whole."""
    from edition.detection.runner import detect

    text = "The prisoner was seen on Tuesday afte~rnoon in the street by the constable on his beat."
    assert [(p.original, p.reading, p.kind.value) for p in detect(text)] == [
        ("afte~rnoon", "afternoon", "punctuation")]
