"""Detectors that judge a form once pick the forms that can yield anything and visit only their
tokens (:meth:`Document.indices_of`), and find the tokens a mark follows by searching the text
(:meth:`Document.tokens_before`): the same tokens, in the same order, and the same proposals as
the walk of every token they replace, written out here as the rule."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from edition.detection.detectors import case, hyphen, split, unclear, words
from edition.detection.document import Document
from edition.detection.evidence import lexicon, readings
from edition.detection.evidence.spacing import HYPHEN_READ_AS, is_word

DATA = Path(__file__).parent / "data"
SEED = Path(__file__).parent.parent / "seeds" / "hoxha-memoirs-stalin-introduction.txt"
PASSAGES = ("newspaper_passage.txt", "police_court_report.txt", "older_spellings.txt",
            "latin_quotation.txt")

TOKEN = st.one_of(
    st.sampled_from(["In", "It", "If", "The", "And", "With", "Him", "Which", "Its", "Our", "Into",
                     "the", "in", "tHe", "wHich", "Circumstances",
                     "circumstances", "Increased", "Mr", "anti", "anti-fascist", "anti-Marxist", "party",
                     "car-", "ried", "pri", "soners", "Wednes", "day", "with-out", "without",
                     "social-imperialist", "socialimperialist", "I", "1", "l", "|", "Is", "6d", "Gd",
                     "ofthe", "mydegrees", "Stalin", "Staiin", "Stalins", "tbe", "a--b", "re", "specting"]),
    st.text("abeIlsT1-'", min_size=1, max_size=6))
GAP = st.sampled_from([" ", " ", " ", ". ", ", ", "- ", "-  ", "\n", ". \n", " \"", ",", ". . "])


def _text(tokens: list[str], gaps: list[str]) -> str:
    return "".join(t + (gaps[i] if i < len(gaps) else " ") for i, t in enumerate(tokens))


TEXTS = st.builds(_text, st.lists(TOKEN, max_size=40), st.lists(GAP, max_size=40))


def _real_texts() -> list[str]:
    return [SEED.read_text(encoding="utf-8")] + [(DATA / n).read_text(encoding="utf-8") for n in PASSAGES]


# --- the two look-ups, against their rules --------------------------------------------------

@given(TEXTS, st.sets(TOKEN, max_size=6))
def test_the_tokens_of_chosen_forms_are_those_the_walk_finds(text, forms) -> None:
    doc = Document(text)
    forms |= set(list(doc.counts)[:2])
    assert doc.indices_of(forms) == [i for i, t in enumerate(doc.tokens) if t.text in forms]


@given(TEXTS, st.sampled_from(["- ", ". ", ", ", ",", "-", " ", ". . "]))
def test_the_tokens_a_string_follows_are_those_the_walk_finds(text, marks) -> None:
    doc = Document(text)
    assert doc.tokens_before(marks) == [i for i, t in enumerate(doc.tokens) if text.startswith(marks, t.end)]


# --- the detectors' loops as they were (every token visited) --------------------------------

def _capitals_are_reliable(doc: Document) -> bool:
    if not case.sentences_are_marked(doc):
        return False
    n = max(len(doc.tokens), 1)
    habit = 0
    for i, t in enumerate(doc.tokens):
        if (case._CAPITALIZED.match(t.text) and lexicon.zipf(t.text) >= case.FUNCTION_ZIPF
                and not doc.starts_sentence(i) and not case._abbreviation(doc, t)):
            prev = doc.neighbours(i)[0]
            habit += bool(prev and prev[:1].islower())
    return 1000 * habit / n <= case.MAX_FUNCTION_CAPITALS


def _mid_sentence_function_capitals(doc: Document):
    mid_i, mid_other = [], 0
    for i, t in enumerate(doc.tokens):
        if (t.text in case.I_WORDS or t.text in case.OTHER_FUNCTION_WORDS) and case._unmarked_mid_sentence(doc, i):
            if t.text in case.I_WORDS:
                mid_i.append(t)
            else:
                mid_other += 1
    return mid_i, mid_other


def _case_candidates(doc: Document, clean: bool) -> tuple[Counter, list[int]]:
    """What the case detector's loop looked at: the mid-sentence capitals it counted, and the
    tokens that passed its first tests (a capital inside a word; a Capitalized form in clean print)."""
    toks = doc.tokens
    headings = case._heading_lines(doc) if clean else set()
    mid = Counter(t.text for i, t in enumerate(toks) if case._CAPITALIZED.match(t.text)
                  and not doc.starts_sentence(i) and case._line_start(doc.text, t.start) not in headings
                  ) if clean else Counter()
    looked = [i for i, t in enumerate(toks)
              if (case._INNER_CAPITAL.match(t.text) and len(t.text) >= 4)
              or (clean and case._CAPITALIZED.match(t.text))]
    return mid, looked


def _spaced_compound_tokens(doc: Document) -> list[int]:
    prefixes, uses = doc.memo(hyphen._prefixes)
    counts = doc.lower_counts
    if not prefixes:
        return []
    return [i for i in range(len(doc.tokens) - 1) if doc.tokens[i].text.lower() in hyphen.COMPOUNDING_PREFIXES
            and uses[doc.tokens[i].text.lower()] >= 2 and counts.get(doc.tokens[i].text.lower(), 0) == 1]


def _hyphen_break_tokens(doc: Document) -> tuple[list[int], list[int], list[int]]:
    """The tokens the three line-break rules went on with: a hyphen and a space then the next
    token; a hyphen and a space (debris may follow); a mark of HYPHEN_READ_AS, a space, the next token."""
    toks, text = doc.tokens, doc.text
    pairs = range(len(toks) - 1)
    spaced = [i for i in pairs if toks[i + 1].start == toks[i].end + 2 and text[toks[i].end:toks[i + 1].start] == "- "]
    debris = [i for i in pairs if text[toks[i].end:toks[i].end + 2] == "- "]
    marks = [i for i in pairs if toks[i + 1].start == toks[i].end + 2 and text[toks[i].end + 1] == " "
             and text[toks[i].end] in HYPHEN_READ_AS]
    return spaced, debris, marks


def _new_hyphen_break_tokens(doc: Document) -> tuple[list[int], list[int], list[int]]:
    toks = doc.tokens
    last = len(toks) - 1
    before = [i for i in doc.tokens_before("- ") if i < last]
    spaced = [i for i in before if toks[i + 1].start == toks[i].end + 2]
    marks = sorted(i for m in HYPHEN_READ_AS for i in doc.tokens_before(m + " ")
                   if i < last and toks[i + 1].start == toks[i].end + 2)
    return spaced, before, marks


def _fragment_flags(doc: Document) -> list[bool]:
    return [t.text.isalpha() and not is_word(t.text, doc.lower_counts) for t in doc.tokens]


def _capitalized_inside_sentences(doc: Document) -> frozenset[str]:
    return frozenset(t.text for i, t in enumerate(doc.tokens)
                     if t.text[:1].isupper() and not t.text.isupper() and not doc.starts_sentence(i))


def _units_read(doc: Document) -> list[words.Unit]:
    """``units(doc, only_read=True)`` as the walk of every token gave them: a plain token's unit
    where the form has options, a hyphenated token's parts where one part has."""
    out = []
    all_units = list(words.units(doc))
    k = 0
    for tok in doc.tokens:
        mine = []
        while k < len(all_units) and all_units[k].end <= tok.end:
            mine.append(all_units[k])
            k += 1
        if "-" not in tok.text:
            out += [u for u in mine if words._viable(doc, u.text)]
        elif any(words._viable(doc, u.text) for u in mine):
            out += mine
    return out


def _check(doc: Document) -> None:
    assert case.capitals_are_reliable(doc) == _capitals_are_reliable(doc)
    assert case.mid_sentence_function_capitals(doc) == _mid_sentence_function_capitals(doc)
    assert _new_hyphen_break_tokens(doc) == _hyphen_break_tokens(doc)
    assert split._fragment_flags(doc) == _fragment_flags(doc)
    assert readings.capitalized_inside_sentences(doc) == _capitalized_inside_sentences(doc)
    assert list(words.units(doc, only_read=True)) == _units_read(doc)
    prefixes, uses = doc.memo(hyphen._prefixes)
    counts = doc.lower_counts
    prefix_forms = {w for w in doc.counts if w.lower() in hyphen.COMPOUNDING_PREFIXES
                    and uses[w.lower()] >= 2 and counts.get(w.lower(), 0) == 1}
    assert [i for i in doc.indices_of(prefix_forms) if i < len(doc.tokens) - 1] == _spaced_compound_tokens(doc)
    unknown = {w for w in doc.counts if unclear._unknown_once(doc, w)}
    assert doc.indices_of(unknown | {w for w in doc.counts if "-" in w}) == [
        i for i, t in enumerate(doc.tokens) if "-" in t.text or t.text in unknown]
    for clean in (True, False):
        mid, looked = _case_candidates(doc, clean)
        inner = {w for w in doc.counts if len(w) >= 4 and case._INNER_CAPITAL.match(w)}
        capitalized = {w for w in doc.counts if case._CAPITALIZED.match(w)} if clean else set()
        assert doc.indices_of(inner | capitalized) == looked


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_the_detectors_look_at_the_tokens_the_walk_looked_at(text) -> None:
    _check(Document(text))


def test_the_detectors_look_at_the_tokens_the_walk_looked_at_in_real_texts() -> None:
    for text in _real_texts():
        _check(Document(text))


# --- whole detectors on texts where each rule fires -----------------------------------------

def test_each_changed_rule_still_fires_where_it_should() -> None:
    """One text per rule, and the proposal the rule makes there."""
    cases = [
        (case, "The circumstances were hard. In the concrete Circumstances of the war we fought.",
         ("Circumstances", ("circumstances",))),
        (case, ("It was made In London and sold In Paris. The firm, It is said, sent it In May "
                "to the works In the north. And so the Matter rests."), ("In", ("in",))),
        (hyphen, "They were anti-fascist and anti-Marxist, and the anti party met.",
         ("anti party", ("anti-party",))),
        (hyphen, "The prisoner was car- ried away.", ("car- ried", ("carried",))),
        (hyphen, "The ex-hibition opened.", ("ex-hibition", ("exhibition",))),
    ]
    for module, text, expected in cases:
        got = [(p.original, p.readings) for p in module.detect(Document(text))]
        assert expected in got, (module.__name__, text, got)
