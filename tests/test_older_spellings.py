"""Older spellings: the regular spelling changes of the period recognized one letter at a time
(``deuout`` is ``devout``: one of its two u's is a v), a text's habit of writing them measured on
the text itself, and what detection does with an older spelling in a text that writes them
(``tests/data/older_spellings.txt``: a passage in the spelling of Caxton's prose, written for
this test; ``tests/data/newspaper_short_words.txt``: a 19th-century newspaper passage), and a
text's habit of writing y for i (``tests/data/older_spellings_y_for_i.txt``)."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cli_helpers import detect_json
from edition.detection.detectors.words import OLDER_SPELLING_CAP
from edition.detection.document import Document
from edition.detection.evidence import lexicon
from edition.detection.evidence.historical import (
    _LETTERS, _respellings, historical_pattern, may_be_older_spelling, older_spelling_share,
    older_spellings, writes_older_spellings, writes_y_for_i, y_for_i_share, y_read_as_i)
from edition.detection.detectors.unclear import garbled_letters

DATA = Path(__file__).resolve().parent / "data"

#: letters no letter rule of the period changes: they stand in every spelling of a form, in order
_RULE_LETTERS = set("".join(old + new for old, new, _ in _LETTERS))
_FORMS = st.text(alphabet="uvijyeawnstrlo", min_size=3, max_size=10)


def _kept(s: str) -> list[str]:
    return [c for c in s if c not in _RULE_LETTERS]


@given(_FORMS)
def test_a_respelling_changes_only_letters_the_period_changes(form: str) -> None:
    ones, twos = _respellings(form)
    for spelled, name in ones + twos:
        assert spelled != form
        assert _kept(spelled) == _kept(form), (form, spelled, name)
        # one letter rule shortens a form by a letter at most (vv, aun, ee), and never lengthens it
        assert len(form) - 2 <= len(spelled) <= len(form), (form, spelled, name)
        assert all(part in {n for *_, n in _LETTERS} for part in name.split(" + "))


_SPELLED = [(new, old) for old, new, _ in _LETTERS]


@given(st.text(alphabet="abdeghilmnorstuvwjy", min_size=3, max_size=10), st.data())
def test_one_older_letter_at_any_occurrence_is_recognized(modern: str, data) -> None:
    """The defect this replaced: every u was made a v at once, so ``deuout`` (one of two) was
    not ``devout``."""
    places = [(i, new, old) for i in range(len(modern)) for new, old in _SPELLED if modern.startswith(new, i)]
    if not places:
        return
    i, new, old = data.draw(st.sampled_from(places))
    form = modern[:i] + old + modern[i + len(new):]
    if form == modern:
        return
    # asked with the one word (the quick test of reach first) and with a set
    assert historical_pattern(form, (modern,)) is not None, (form, modern)
    assert historical_pattern(form, {modern}) is not None, (form, modern)


@given(st.text(alphabet="abdeghilmnorstuvwy", min_size=3, max_size=8))
def test_every_older_spelling_of_a_word_is_recognized_as_one(modern: str) -> None:
    for old in older_spellings(modern):
        assert old != modern and historical_pattern(old, (modern,)) is not None


def test_the_period_s_spellings() -> None:
    known = lexicon.words_at_least(3.0)
    for form in ("deuout", "demaunded", "streyght", "vnto", "haue", "himselfe", "Devill",
                 "commaundeth", "countree", "vvhom", "conuey"):
        assert historical_pattern(form, known) is not None, form
    for form in ("capitatist", "tbe", "aU", "witb"):
        assert historical_pattern(form, known) is None, form
    # as before where a text does not write older spellings: one rule over the whole form
    assert historical_pattern("deuout", known, every_letter=False) is None
    assert historical_pattern("haue", known, every_letter=False) == "u for v"


def test_a_damaged_older_spelling_is_told_from_a_modern_word() -> None:
    assert may_be_older_spelling("kepte", "kept", lambda w: 0) == "kepte"  # not damaged
    assert may_be_older_spelling("betweenc", "between", {"betweene": 2}.get) == "betweene"
    assert may_be_older_spelling("betweenc", "between", lambda w: 0) is None  # as near: modern
    assert may_be_older_spelling("tbe", "the", lambda w: 0) is None


def test_a_text_in_the_period_s_spelling_has_the_habit_and_a_newspaper_has_not() -> None:
    old = Document((DATA / "older_spellings.txt").read_text(encoding="utf-8"))
    news = Document((DATA / "newspaper_short_words.txt").read_text(encoding="utf-8"))
    assert writes_older_spellings(old) and older_spelling_share(old) > 0.1
    assert not writes_older_spellings(news) and older_spelling_share(news) < 0.01


def _proposals(tmp_path: Path, name: str) -> list[dict]:
    return detect_json(DATA / name, tmp_path, "text.txt")


def test_older_spellings_of_an_old_text_are_not_modernized_confidently(tmp_path: Path) -> None:
    proposals = _proposals(tmp_path, "older_spellings.txt")
    known = lexicon.words_at_least(3.0)
    modernized = [p for p in proposals if p["readings"]
                  and historical_pattern(p["original"], (p["readings"][0].lower(),)) is not None]
    assert modernized, proposals  # kepte → kept, tolde → told: proposed, for the editor to see
    assert all(p["confidence"] < 0.9 for p in modernized), modernized
    # kepte → kept was at 0.89 before the text's habit was measured: held at the cap, and says why
    held = [p for p in proposals if "the text writes older spellings" in p["why"]]
    assert {p["original"] for p in held} >= {"kepte"}
    assert all(p["confidence"] == OLDER_SPELLING_CAP for p in held), held
    # its older spellings are no garbled words either
    flagged = {p["original"] for p in proposals if not p["readings"]}
    assert not {"deuout", "demaunded", "streyght", "vnto", "countree"} & flagged
    assert all(historical_pattern(w, known) is None for w in flagged - {"ansuerd", "batayle", "theues"})


# ``tests/data/older_spellings_y_for_i.txt``: a battle passage in the spelling of Caxton's prose,
# where a y stands for an i in most words (``ryde``, ``wyth``, ``vylayne``), written for this test.
_Y_FOR_I = "older_spellings_y_for_i.txt"


def test_a_text_that_writes_y_for_i_has_that_habit_and_others_have_not() -> None:
    caxton = Document((DATA / _Y_FOR_I).read_text(encoding="utf-8"))
    later = Document((DATA / "older_spellings.txt").read_text(encoding="utf-8"))
    news = Document((DATA / "newspaper_short_words.txt").read_text(encoding="utf-8"))
    assert writes_y_for_i(caxton) and y_for_i_share(caxton) > 0.1
    assert not writes_y_for_i(news) and y_for_i_share(news) < 0.01
    assert y_for_i_share(later) < y_for_i_share(caxton)


@given(st.text(alphabet="abcdehiklmnorstuvwy", min_size=1, max_size=12))
def test_y_read_as_i_changes_only_the_y_after_the_first_letter(form: str) -> None:
    read = y_read_as_i(form)
    assert len(read) == len(form) and read[:1] == form[:1] and "y" not in read[1:]
    assert all(a == b or (a, b) == ("y", "i") for a, b in zip(form, read))


def test_spellings_with_y_for_i_are_not_flagged_confidently_in_such_a_text(tmp_path: Path) -> None:
    """``vylayne``, ``bysyde`` look garbled with their y's (0.95-0.97 before the habit was read)
    and English with i's: in a text that writes y for i they are weighed as the text spells."""
    proposals = _proposals(tmp_path, _Y_FOR_I)
    flags = {w: p for p in proposals if not p["readings"] for w in p["original"].split()}
    for form in ("vylayne", "bysyde", "hyght", "puyssaunce"):
        assert form in flags, form  # still unknown forms for the editor to see ...
        assert flags[form]["confidence"] < 0.9, flags[form]  # ... not confident garbling
    assert "even with y read as i ('vilaine')" in flags["vylayne"]["why"]


def test_y_is_read_as_it_stands_where_the_text_has_no_such_habit() -> None:
    doc = Document((DATA / "newspaper_short_words.txt").read_text(encoding="utf-8"))
    assert garbled_letters(doc, "vylayne") == "vylayne"
    caxton = Document((DATA / _Y_FOR_I).read_text(encoding="utf-8"))
    assert garbled_letters(caxton, "vylayne") == "vilaine"
