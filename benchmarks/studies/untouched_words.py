"""Which gate stops the misread words that no proposal touches? A count per gate and per set.

Usage::

    python benchmarks/studies/untouched_words.py [--set bln600 ...] [--part tune] [--show 4]

Every piece of the text (``edition.evaluation``'s pieces: the alignment cut at shared
whitespace) that is still wrong after every proposal is accepted and that no proposal touched
is followed through the word engine (:mod:`edition.detection.detectors.words`) and its word
model (:mod:`edition.detection.evidence.readings`, :mod:`edition.detection.evidence.candidates`)
and put at the first gate that stopped it; each gate is charged the piece's character errors.

Pieces of one OCR token and one gold word (the core: marks at the ends stripped, letters
inside) go through the gates in the order the code applies them:

- the form is never read (``readings.protected``: one character, a number, a roman numeral; a
  hyphenated token's parts);
- the word model has readings and the gold is the best of this occurrence, but it is held
  back: its type-level logit is under ``words.MIN_TYPE_LOGIT``, its confidence is under its
  floor (``words.below_floor``: per model, ``word``, ``realword``, ``deep``, ``frequent``), or
  ``words.never_proposed`` (a name, a letter of the neighbour, half of a broken word, a
  dropped number or glued word), or another detector's proposal took the place;
- the gold is among the readings, another reading ranked first;
- the gold is not among the readings (or there are none): why the searches did not reach it,
  by the form (a common word, Zipf ≥ 3, read only through one confusion of the table; Zipf 2–3;
  recurring in the text; under four letters; a quiet text without the deep search; beyond the
  deep search's budget or its begins/ends filter; weighed out) or by the gold (no word the
  searches know).

With ``--precision`` it also says, for the gates that hold a reading back, how often that
reading is right over every untouched one-token piece where the gate holds one back (erroneous
or not): what lifting the gate would give, before any rule is written. The figures and what was
done with them: ``docs/BENCHMARKS.md``, "Damaged words nothing proposed".
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import devsets  # noqa: E402
from edition.detection.detectors import words as word_engine  # noqa: E402
from edition.detection.detectors.unclear import group_runs  # noqa: E402
from edition.detection.document import Document  # noqa: E402
from edition.detection.evidence import candidates, lexicon, readings  # noqa: E402
from edition.detection.evidence.noise import ocr_noise  # noqa: E402
from edition.detection.runner import resolve_overlaps, run_detectors  # noqa: E402
from edition.evaluation.scoring import _accepted, _piece_distance, scored_pieces  # noqa: E402

import regex  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from residual_errors import classify  # noqa: E402

_EDGES = regex.compile(r"^[\p{P}\p{S}]+|[\p{P}\p{S}]+$")
_WORD = regex.compile(r"^\p{L}+$")


def _core(token: str) -> str:
    return _EDGES.sub("", token)


def _held_back(doc: Document, unit: word_engine.Unit, r: readings.WordReading, conf: float) -> str | None:
    """The gate that holds the reading ``r`` of this occurrence back (its best), or None."""
    model = word_engine.model_of(r.features)
    if word_engine.below_floor(r, conf):
        return f"held back: below its floor ({model} model, floor {word_engine._floor(r)})"
    if word_engine.reads_a_name(doc, unit, r) and not word_engine.garbled_name(doc, unit, r):
        return "held back: never proposed, a name read as a word the text does not use"
    if word_engine.lost_to_neighbour(doc, unit, r):
        return "held back: never proposed, a letter of the neighbour word"
    if word_engine.part_of_broken_word(doc, unit):
        return "held back: never proposed, half of a broken word"
    if word_engine.drops_number(unit, r) or word_engine.drops_glued_word(unit.text, r.reading):
        return "held back: never proposed, a number or a glued word dropped"
    if word_engine.sentence_case(doc, unit, r) == unit.text:
        return "held back: the reading is the form itself (case)"
    return None


def _all_scored(doc: Document, unit: word_engine.Unit):
    """Every reading of the form with this occurrence's confidence, best first (the type-level
    cut of ``words._viable`` not applied), and whether each passes that cut."""
    options = readings.reading_of(doc, unit.text) or ()
    viable = {id(r) for r in word_engine._viable(doc, unit.text)}
    out = []
    for r in options:
        feats = {**r.features, **word_engine.context_features(doc, unit, r)}
        out.append((word_engine._confidence(feats), r, id(r) in viable))
    out.sort(key=lambda t: -t[0])
    return out


def _search_gate(doc: Document, form: str, gold: str, has_options: bool) -> str:
    """Why the searches did not reach ``gold`` (lower case) as a reading of ``form``."""
    none = "no reading" if not has_options else "readings, not the gold"
    low = form.lower()
    z = lexicon.zipf(form)
    zg = lexicon.zipf(gold)
    in_text = gold in doc.text_words
    if zg < readings.MIN_READING_ZIPF and not in_text:
        return f"{none}: the gold no word the searches know (Zipf < 2, not in the text)"
    noisy = candidates.edit_budget(9, ocr_noise(doc)) > 0
    d = Levenshtein.distance(low, gold)
    if z >= readings.KNOWN_ZIPF:
        fb = candidates.frequent_budget(len(form), ocr_noise(doc))
        if fb and d <= fb and zg >= max(candidates.FREQUENT_ZIPF, z + readings.FREQUENT_MARGIN):
            return f"{none}: a common word (Zipf ≥ 3), the gold within the frequent search (weighed out)"
        if fb and d <= fb:
            return f"{none}: a common word (Zipf ≥ 3), the gold not ten times commoner / under Zipf 4.5"
        return (f"{none}: a common word (Zipf ≥ 3), only one confusion of the table tried "
                f"({'noisy' if noisy else 'quiet'} text, {min(d, 3)}{'+' if d >= 3 else ''} edits, "
                f"{'≤ 4' if len(form) <= 4 else '≥ 5'} letters)")
    if z >= readings.MIN_READING_ZIPF:
        return f"{none}: an English word (Zipf 2–3), only the confusion table tried ({min(d, 3)}{'+' if d >= 3 else ''} edits)"
    if doc.vocabulary.get(low, 0) > readings.DOC_WORD_MIN:
        return f"{none}: the form recurs in the text (> {readings.DOC_WORD_MIN}x), no deep search"
    if len(form) < readings.GENERIC_MIN_LEN:
        fb = candidates.frequent_budget(len(form), ocr_noise(doc))
        if fb and d <= fb:
            return f"{none}: under four letters, the gold within the frequent search (weighed out or not ten times commoner)"
        return f"{none}: under four letters, no deep search ({min(d, 3)}{'+' if d >= 3 else ''} edits{', quiet text' if not noisy else ''})"
    if zg < candidates.DEEP_MIN_ZIPF and not in_text:
        return f"{none}: the gold Zipf 2–3, not in the text (the deep search looks at Zipf ≥ 3)"
    budget = candidates.edit_budget(len(form), ocr_noise(doc))
    if budget < 2:
        return f"{none}: a quiet text (no deep search), {min(d, 3)}{'+' if d >= 3 else ''} edits"
    if d > budget:
        return f"{none}: beyond the deep search's edit budget"
    if abs(len(gold) - len(low)) > min(budget, candidates.MAX_LENGTH_CHANGE) or (
            gold[0] != low[0] and gold[-1] != low[-1]):
        return f"{none}: the deep search's length or begins/ends filter"
    return f"{none}: the deep search weighed it out or the word model dropped it"


def held_back(doc: Document, unit: word_engine.Unit) -> tuple[str, float, readings.WordReading] | None:
    """(gate, confidence, reading) when the word model has a best reading for this occurrence
    that no proposal carries, else None."""
    if readings.protected(unit.text, doc) or len(unit.text) > readings.MAX_FORM_LENGTH:
        return None
    scored = _all_scored(doc, unit)
    if not scored:
        return None
    conf, r, viable = scored[0]
    if not viable:
        return "held back: type-level logit under MIN_TYPE_LOGIT", conf, r
    gate = _held_back(doc, unit, r, conf)
    return gate or "held back: lost to another detector's proposal", conf, r


def gate_of(doc: Document, unit: word_engine.Unit | None, form: str, gold: str,
            raw_inside: bool) -> str:
    """The gate that stopped the piece ``form`` (its OCR core, the word unit ``unit``) from
    being read as ``gold`` (lower case)."""
    if raw_inside:
        return "a proposal made, dropped (overlaps, a foreign passage)"
    if form.lower() == gold:
        return "the core right (case or marks only)"
    if unit is None:
        if "-" in form:
            return "no word unit: a hyphen inside (the token read in parts)"
        return "no word unit: a mark inside that divides the token (w.s, n:nd, Davi.s)"
    why = readings.protected(form, doc)
    if why or len(form) > readings.MAX_FORM_LENGTH:
        return f"never read: {why or 'too long'}"
    scored = _all_scored(doc, unit)
    if scored:
        conf, r, viable = scored[0]
        if r.reading.lower() == gold:
            if not viable:
                return "held back: type-level logit under MIN_TYPE_LOGIT"
            return _held_back(doc, unit, r, conf) or "held back: lost to another detector's proposal"
        if any(o.reading.lower() == gold for _, o, _ in scored):
            return f"the gold among the readings, another ranked first ({word_engine.model_of(r.features)} model)"
    return _search_gate(doc, form, gold, bool(scored))


#: The gates grouped as the table in ``docs/BENCHMARKS.md`` shows them: the first entry whose
#: words the gate has.
COARSE = (
    ("not one word: ", "not one word for one word: debris beside a word, run-together words, spacing, figures, marks"),
    ("the core right", "one word: only marks or case wrong"),
    ("never read", "one word: never read (one character, a number, a roman numeral)"),
    ("a hyphen inside", "one word: never read whole (a hyphen inside)"),
    ("a mark inside", "one word: never read whole (a mark inside divides it: w.s, n:nd)"),
    ("a proposal made", "one word: proposed, lost to overlaps or a foreign passage"),
    ("held back: below its floor (frequent", "one word: the gold read, below its floor (frequent model, 0.5)"),
    ("held back: below its floor (deep", "one word: the gold read, below its floor (deep model, 0.5)"),
    ("held back: below its floor (word", "one word: the gold read, below its floor (word model, 0.25/0.3)"),
    ("held back: below its floor (realword", "one word: the gold read, below its floor (realword model, 0.4)"),
    ("held back: never proposed, a name", "one word: the gold read, never proposed (a name)"),
    ("held back", "one word: the gold read, held back otherwise (type-level cut, broken word, ...)"),
    ("the gold among the readings", "one word: the gold among the readings, another ranked first"),
    ("the gold no word", "one word: the gold no word the searches know (Zipf < 2, not in the text)"),
    ("the gold Zipf 2–3", "one word: the gold Zipf 2–3, outside the deep search's list"),
    ("the gold within the frequent search", "one word: a common short word, the gold within the frequent search but weighed out"),
    ("the gold not ten times commoner", "one word: a common short word, the gold not ten times commoner or under Zipf 4.5"),
    (("only", "3+ edits"), "one word: the gold three edits or more from the form (a common or Zipf 2–3 word; misaligned gold)"),
    ("a common word (Zipf ≥ 3), only one", "one word: a common word (Zipf ≥ 3), the gold one or two edits away but not one table confusion"),
    ("an English word (Zipf 2–3)", "one word: an English word of Zipf 2–3, the gold one or two edits away but not two table confusions"),
    ("under four letters", "one word: a non-word of under four letters"),
    ("recurs in the text", "one word: a non-word recurring in the text"),
    ("a quiet text", "one word: a non-word in a quiet text (no deep search)"),
    ("", "one word: a non-word, the deep search missed it (budget, ends, weighed out)"),
)


def coarse(gate: str) -> str:
    for key, label in COARSE:
        if all(k in gate for k in ((key,) if isinstance(key, str) else key)):
            return label
    raise AssertionError(gate)


def _print_table(chars: dict, grand: dict, sets: list[str], examples: dict | None) -> None:
    print("| gate | " + " | ".join(sets) + " |")
    print("|---|" + "---|" * len(sets))
    for gate in sorted(chars, key=lambda g: -sum(chars[g].values())):
        cells = [f"{chars[gate][s]:,} ({chars[gate][s] / max(grand[s], 1):.1%})" for s in sets]
        print(f"| {gate} | " + " | ".join(cells) + " |")
        for nb, ng, name in (examples or {}).get(gate, ()):
            print(f"|   `{nb}` → `{ng}` ({name}) |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", action="append", choices=devsets.SETS)
    ap.add_argument("--part", default="tune", choices=("tune", "check", "all"))
    ap.add_argument("--show", type=int, default=0, help="examples per gate")
    ap.add_argument("--precision", action="store_true",
                    help="how often the held-back readings are right, erroneous pieces or not")
    args = ap.parse_args()
    sets = args.set or [s for s in devsets.SETS if s in devsets.available()]
    chars: dict[str, Counter] = defaultdict(Counter)  # gate -> set -> character errors
    totals: Counter = Counter()
    examples: dict[str, list] = defaultdict(list)
    # held-back readings over every untouched one-token piece: gate -> set -> [right, wrong]
    held: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    held_examples: dict[str, list] = defaultdict(list)
    for name in sets:
        for adoc in devsets.documents(name, args.part):
            doc = Document(adoc.ocr)
            raw = list(run_detectors(doc))
            proposals = group_runs(adoc.ocr, resolve_overlaps(raw))
            accepted = _accepted(adoc, proposals, 0.0)
            units_at = {(u.start, u.end): u for u in word_engine.units(doc)}
            covered = bytearray(len(adoc.ocr) + 1)
            for p in raw:
                covered[p.start:p.end] = b"\x01" * (p.end - p.start)
            for ng, nb, na, inside, a, b in scored_pieces(adoc, accepted):
                da = _piece_distance(na, ng, ng)
                totals[name] += da
                if inside:
                    continue
                ocr_tokens, gold_tokens = nb.split(), ng.split()
                one = len(ocr_tokens) == 1 and len(gold_tokens) == 1
                if not da and not (args.precision and one):
                    continue
                gate = None
                if one:
                    raw_text = adoc.ocr[a:b]
                    form = _core(raw_text.strip())
                    gold = _core(gold_tokens[0])
                    s = a + raw_text.find(form) if form else a
                    e = s + len(form)
                    unit = units_at.get((s, e))
                    if args.precision and unit is not None:
                        hb = held_back(doc, unit)
                        if hb is not None:
                            g, conf, r = hb
                            right = word_engine.sentence_case(doc, unit, r) == gold
                            # by the gate, and by the form (a word or not) and the confidence (tenths)
                            sub = (f"{g} | {'a word' if r.features['known_original'] else 'no word'}"
                                   f" | {min(int(conf * 10), 9) / 10:.1f}")
                            for key in (g, sub):
                                held[key][name][0 if right else 1] += 1
                            if not right and len(held_examples[g]) < args.show:
                                held_examples[g].append((form, r.reading, gold, conf))
                    if da and form and _WORD.match(gold):
                        gate = gate_of(doc, unit, form, gold.lower(), covered.find(1, s, e) >= 0)
                if not da:
                    continue
                if gate is None:
                    gate = "not one word: " + classify(na, ng, "")
                chars[gate][name] += da
                if len(examples[gate]) < args.show:
                    examples[gate].append((nb, ng, name))
    grand = {s: sum(chars[g][s] for g in chars) for s in sets}
    print(f"part {args.part}; character errors left with every proposal accepted, in untouched pieces "
          + ", ".join(f"{s} {grand[s]:,} of {totals[s]:,}" for s in sets))
    by_coarse: dict[str, Counter] = defaultdict(Counter)
    for gate, counter in chars.items():
        by_coarse[coarse(gate)].update(counter)
    _print_table(by_coarse, grand, sets, None)
    print("\nin detail:")
    _print_table(chars, grand, sets, examples)
    if args.precision:
        print("\nheld-back readings over every untouched one-token piece (right / all), per set:")
        for gate in sorted(held):
            cells = [f"{held[gate][s][0]}/{sum(held[gate][s])}" for s in sets]
            print(f"  {gate}: " + ", ".join(f"{s} {c}" for s, c in zip(sets, cells)))
            for form, reading, gold, conf in held_examples.get(gate, ()):
                print(f"      {form!r} → {reading!r} ({conf:.2f}), gold {gold!r}")


if __name__ == "__main__":
    main()
