"""Where does the reading search fail? For garbled words flagged without a reading, and for wrong readings.

Usage::

    python benchmarks/studies/reading_search_failures.py --set bln600 --part tune [--show 8]

Every piece of the text still wrong after every proposal is accepted (as
``residual_errors.py`` cuts them) that was flagged without a reading, or got a wrong reading,
and whose OCR is one token and whose gold is one word (lower-cased, punctuation stripped), is
followed through the word model's search (:func:`edition.detection.evidence.readings.analyse`,
the deep search :func:`edition.detection.evidence.candidates.deep_variants`) and put at the
first step where its gold is lost:

- the gold is no word the searches read (neither Zipf ≥ 2 English nor the text's own words), or
  only the confusion search can read it (Zipf 2–3, not in the text: the deep search looks among
  Zipf ≥ 3 words and the text's words);
- the form is not asked to the deep search (a known word, shorter than four letters, recurring,
  the text below the noise threshold, a sure reading found by the confusion search);
- the gold is beyond the edit budget, more than two letters longer or shorter, or shares
  neither the form's first nor its last letter (the begins/ends filter);
- the deep search weighed it but kept other readings (channel × frequency, top six), or
  the word model dropped it (admissible, the best three);
- the gold is among the readings but the occurrence's best reading is another (context,
  channel, frequency), or its confidence is below the floor.

Each class is charged the pieces' character errors left (``residual_errors.py``'s count), so the
classes say which fix would remove how much. Pieces whose gold has more words than the OCR (a
lost space: ``Witnessawas``, by how many edits the OCR is from the gold's words run together) or
fewer (a word broken by a hyphen and a space, ``pri- sonller``; debris beside words read right,
``e Thomas``; other splits) are counted apart, and so are wrong readings of a form that was right.
The figures and what was done with them: ``docs/BENCHMARKS.md``, "Where the reading search loses
the gold".
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

_EDGES = regex.compile(r"^[\p{P}\p{S}]+|[\p{P}\p{S}]+$")
_WORD = regex.compile(r"^\p{L}+$")


def _core(token: str) -> str:
    return _EDGES.sub("", token)


def _unit_at(doc: Document, start: int, end: int, form: str):
    for unit in word_engine.units(doc):
        if unit.start >= start and unit.end <= end and unit.text == form:
            return unit
        if unit.start >= end:
            break
    return None


def _letters(s: str) -> str:
    return "".join(c for c in s.lower() if c.isalpha())


def _lost_space(ocr: str, gold_words: list[str]) -> str:
    """How far the OCR, spaces and marks aside, is from the gold's words run together."""
    d = Levenshtein.distance(_letters(ocr), _letters("".join(gold_words)))
    return f"{min(d, 3)}{'+' if d >= 3 else ''} edits from the gold's words run together"


def _fewer_words(ocr: str, gold_words: list[str]) -> str:
    """A word broken by a hyphen and a space (``pri- sonller``), debris beside a word read
    right, or another split."""
    if len(gold_words) == 1 and regex.search(r"\p{L}- +\p{L}", ocr):
        d = Levenshtein.distance(_letters(ocr), _letters(gold_words[0]))
        return "a word broken by '- ' " + ("(joined, it is the gold)" if not d else f"(joined, {min(d, 3)}{'+' if d >= 3 else ''} edits from the gold)")
    cores = {_core(t).lower() for t in ocr.split()}
    if gold_words and all(g.lower() in cores for g in gold_words):
        return "debris beside words read right"
    return "other"


def search_funnel(doc: Document, form: str, gold: str, start: int, end: int) -> str:
    """The step of the search where ``gold`` (lower case) is lost as a reading of ``form``."""
    low = form.lower()
    if low == gold:
        return "the form was right (a correct word changed)"
    if readings.protected(form, doc) or len(form) > readings.MAX_FORM_LENGTH:
        return "form never read (protected, too long)"
    options = readings.reading_of(doc, form) or ()
    if any(o.reading.lower() == gold for o in options):
        unit = _unit_at(doc, start, end, form)
        if unit is None:
            return "gold among the readings (occurrence not found)"
        scored = word_engine.scored_options(doc, unit)
        mine = [(c, r) for c, r, _ in scored if r.reading.lower() == gold]
        if not mine:
            return "gold among the readings, below the type-level floor"
        conf, r = mine[0]
        if scored[0][1].reading.lower() != gold:
            top = scored[0][1].features
            why = ("channel" if top["confusion"] > r.features["confusion"] else
                   "frequency" if top["lexicon"] > r.features["lexicon"] else "context/other")
            return f"gold among the readings, another ranked first ({why})"
        if word_engine.below_floor(r, conf):
            return f"gold ranked first, below the floor ({word_engine.model_of(r.features)} model)"
        if word_engine.never_proposed(doc, unit, r):
            return "gold ranked first, never proposed (name, neighbour, broken word)"
        return "gold ranked first, lost to another detector's proposal"
    common = lexicon.words_at_least(candidates.DEEP_MIN_ZIPF)
    in_text = gold in doc.text_words
    z = lexicon.zipf(gold)
    if gold not in common and not in_text:
        if z < readings.MIN_READING_ZIPF:
            return "gold no word the searches know (Zipf < 2, not in the text)"
        return "gold Zipf 2-3, not in the text (deep search does not look)"
    orig_zipf = lexicon.zipf(form)
    generic = (orig_zipf < readings.MIN_READING_ZIPF and len(form) >= readings.GENERIC_MIN_LEN
               and doc.vocabulary.get(low, 0) <= readings.DOC_WORD_MIN)
    if not generic:
        if orig_zipf >= readings.MIN_READING_ZIPF:
            return "form not deep-searched: an English word (Zipf >= 2)"
        if len(form) < readings.GENERIC_MIN_LEN:
            return "form not deep-searched: under four letters"
        return "form not deep-searched: recurs in the text"
    if len(low) != len(form) or not low.isalpha():
        # the deep search works on letters; marks inside are edits like any other
        pass
    budget = candidates.edit_budget(len(form), ocr_noise(doc))
    if budget < 2:
        return "form not deep-searched: text below the noise threshold or form too short"
    d = Levenshtein.distance(low, gold)
    if d > budget:
        return f"beyond the edit budget ({d} edits, budget {budget})"
    if abs(len(gold) - len(low)) > min(budget, candidates.MAX_LENGTH_CHANGE):
        return "length change beyond two letters"
    if gold[0] != low[0] and gold[-1] != low[-1]:
        return "begins/ends filter (both ends misread)"
    deep = candidates.deep_variants(form, budget, extra_index=readings._deep_index(doc))
    if not any(v.reading.lower() == gold for v in deep):
        return "deep search: weighed out (channel x frequency, top six)"
    return "deep search found it, the word model dropped it (admissible, best three)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", default="bln600", choices=devsets.SETS)
    ap.add_argument("--part", default="tune", choices=("tune", "check", "all"))
    ap.add_argument("--show", type=int, default=0, help="examples per class")
    args = ap.parse_args()
    chars: dict[str, Counter] = {"flagged, no reading": Counter(), "a wrong reading": Counter()}
    pieces: dict[str, Counter] = {k: Counter() for k in chars}
    examples: dict[tuple[str, str], list] = defaultdict(list)
    for adoc in devsets.documents(args.set, args.part):
        doc = Document(adoc.ocr)
        proposals = group_runs(adoc.ocr, resolve_overlaps(run_detectors(doc)))
        accepted = _accepted(adoc, proposals, 0.0)
        for ng, nb, na, inside, _, _ in scored_pieces(adoc, accepted):
            da = _piece_distance(na, ng, ng)
            if not da or not inside:
                continue
            kind = "a wrong reading" if any(p.readings for p in inside) else "flagged, no reading"
            gold_words = [w for w in (_core(t) for t in ng.split()) if w]
            ocr_tokens = nb.split()
            if len(gold_words) > len(ocr_tokens):
                cls = "lost space: " + _lost_space(nb, gold_words)
            elif len(gold_words) < len(ocr_tokens):
                cls = "gold has fewer words than the OCR: " + _fewer_words(nb, gold_words)
            elif len(ocr_tokens) > 1:
                cls = "several words"
            else:
                form, gold = _core(nb), gold_words[0].lower() if gold_words else ""
                if not _WORD.match(gold):
                    cls = "gold no plain word (figures, marks)"
                elif not form or "-" in form:
                    cls = "form hyphenated or empty"
                else:
                    p = inside[0]
                    cls = search_funnel(doc, form, gold, p.start, p.end)
            chars[kind][cls] += da
            pieces[kind][cls] += 1
            if len(examples[kind, cls]) < args.show:
                examples[kind, cls].append((nb, ng))
    for kind, counter in chars.items():
        total = sum(counter.values())
        print(f"{args.set} {args.part}: {kind}: {sum(pieces[kind].values()):,} pieces, {total:,} character errors left")
        for cls, n in counter.most_common():
            print(f"  {n:7,}  {n / max(total, 1):6.1%}  {pieces[kind][cls]:6,} pieces  {cls}")
            for nb, ng in examples[kind, cls]:
                print(f"             {nb!r} → {ng!r}")


if __name__ == "__main__":
    main()
