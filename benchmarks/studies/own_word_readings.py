"""Garbled forms read as a word the same text writes elsewhere, beyond the confusion search: how often right?

Usage::

    python benchmarks/studies/own_word_readings.py [--part tune] [--set bln600] [--show 20]

Every form of four letters or more (its outer marks set aside) that the detectors flag without a
reading, or leave untouched while no lexicon knows it and the text writes it once, is given the
nearest word of four letters or more that the text writes elsewhere (plain Levenshtein on lower
case, at most 4 edits: no channel table, so misread letters the table lacks count like any other;
ties go to the word the text writes most), in the form's case (all capitals, a capital first).
Each such reading is judged (``edition.evaluation.judge_proposals``) and charged what it would
change: characters nearer the gold (``gain``, Levenshtein against the gold piece, marks aside).

The readings are grouped by what the form has, what a rule could test: flagged or untouched, the
edits, how often the text writes the reading (1, 2, 3 or more), whether English knows it
(Zipf ≥ 2), and the **name rule** the issue asks about: a capitalized form, a reading the text
writes twice or more, the same first letter, at most a third of the reading's letters changed,
and the form not the reading with an ending (``Cunliffe's`` beside ``Cunliffe``) or a compound
(``Rawlinson-In``). The figures and what was done with them: ``docs/BENCHMARKS.md``, "Readings
from a text's own words, and the sure-flag gate measured again".
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import devsets  # noqa: E402
from edition.detection.evidence import lexicon  # noqa: E402
from edition.detection.runner import detect  # noqa: E402
from edition.evaluation.scoring import judge_proposals  # noqa: E402
from edition.model import Kind, Proposal  # noqa: E402

import regex  # noqa: E402
from rapidfuzz import process as rf_process  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

_EDGES = regex.compile(r"^[^\p{L}]+|[^\p{L}]+$")
_WORD = regex.compile(r"\p{L}+(?:['’]\p{L}+)*")
MAX_EDITS = 4
MIN_LETTERS = 4


def in_case_of(form: str, reading: str) -> str:
    """``reading`` in the case of ``form``: all capitals, or a capital first.

    >>> in_case_of("BATTZRSEA", "Battersea"), in_case_of("Pcll", "pell"), in_case_of("Widuns", "WIDNES")
    ('BATTERSEA', 'Pell', 'Widnes')
    >>> in_case_of("ocirred", "occurred"), in_case_of("M1'Donald", "M'Donald")
    ('occurred', "M'Donald")
    """
    letters = [c for c in form if c.isalpha()]
    if form[:2].isupper() and sum(c.isupper() for c in letters) >= len(letters) - 1:
        return reading.upper()
    if not form[:1].isupper():
        return reading
    rest = reading[1:]
    return reading[:1].upper() + (rest.lower() if rest.isupper() else rest)


def name_rule(form: str, reading: str, edits: int, written: int) -> bool:
    """The narrowest rule the study tests (see the module's docstring)."""
    low, rlow = form.lower(), reading.lower()
    return (form[:1].isupper() and written >= 2 and low[:1] == rlow[:1] and edits * 3 <= len(reading)
            and not (low.startswith(rlow) or rlow.startswith(low)) and not set("-'’") & set(form))


def readings_of(doc) -> list[dict]:
    """The study's readings of one document, judged."""
    text = doc.ocr
    proposals = detect(text)
    flags = {(p.start, p.end) for p in proposals if not p.readings and len(p.original.split()) == 1}
    spans = sorted((p.start, p.end) for p in proposals)
    written = Counter(m.group() for m in _WORD.finditer(text))
    lower = Counter()
    for w, n in written.items():
        lower[w.lower()] += n
    words = [w for w in written if len(w) >= MIN_LETTERS]
    lows = [w.lower() for w in words]
    rows, made = [], []
    for m in regex.finditer(r"\S+", text):
        core = _EDGES.sub("", m.group())
        if len(core) < MIN_LETTERS:
            continue
        start = m.start() + m.group().find(core)
        end = start + len(core)
        touching = [s for s in spans if s[0] < end and s[1] > start]
        if touching:
            if len(touching) != 1 or touching[0] not in flags or not (touching[0][0] <= start and touching[0][1] >= end):
                continue
            state = "flagged"
        elif lexicon.zipf(core) > 0 or lower[core.lower()] > 1:
            continue
        else:
            state = "untouched"
        low = core.lower()
        found = [(words[i], d) for _, d, i in rf_process.extract(
            low, lows, scorer=Levenshtein.distance, score_cutoff=MAX_EDITS, limit=20) if lows[i] != low]
        if not found:
            continue
        edits = min(d for _, d in found)
        best = max((w for w, d in found if d == edits), key=lambda w: lower[w.lower()])
        reading = in_case_of(core, best)
        if reading == core:
            continue
        made.append(Proposal(start, end, core, (reading,), Kind.NONWORD, 0.5, "a word the text writes", "study"))
        rows.append(dict(form=core, reading=reading, edits=edits, state=state, written=lower[best.lower()],
                         english=lexicon.zipf(best) >= 2))
    out = []
    for row, j in zip(rows, judge_proposals(doc, made)):
        if j.scored:
            gold = _EDGES.sub("", j.gold or "")
            out.append(dict(row, right=j.verdict.value == "right", gold=j.gold,
                            gain=Levenshtein.distance(row["form"], gold) - Levenshtein.distance(row["reading"], gold)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", default="tune", choices=("tune", "check"))
    ap.add_argument("--set", action="append", help="one set (default: every set available)")
    ap.add_argument("--show", type=int, default=0, help="examples of the name rule's readings")
    args = ap.parse_args()
    for name in args.set or devsets.available():
        rows = [r for doc in devsets.documents(name, args.part) for r in readings_of(doc)]
        print(f"== {name} ({args.part}): {len(rows)} readings")
        tables = {
            "flagged or untouched, edits": lambda r: (r["state"], min(r["edits"], 4)),
            "... the text writes the reading 1 / 2 / 3+ times, English knows it": lambda r: (
                r["state"], min(r["written"], 3), "English" if r["english"] else "not English"),
            "the name rule, by edits and times written": lambda r: (
                r["state"], r["edits"], "written 3+" if r["written"] >= 3 else "written twice")
            if name_rule(r["form"], r["reading"], r["edits"], r["written"]) else None,
        }
        for title, key in tables.items():
            tally: dict = defaultdict(lambda: [0, 0, 0])
            for r in rows:
                k = key(r)
                if k is not None:
                    t = tally[k]
                    t[0] += 1
                    t[1] += r["right"]
                    t[2] += r["gain"]
            print(f"  {title}")
            for k in sorted(tally, key=str):
                n, right, gain = tally[k]
                print(f"    {' / '.join(map(str, k)):42} right {right:4} of {n:4} ({right / n:6.1%})  characters {gain:+5}")
        shown = [r for r in rows if name_rule(r["form"], r["reading"], r["edits"], r["written"])][:args.show]
        for r in shown:
            print(f"    {r['form']!r} → {r['reading']!r} (gold {r['gold']!r}, {r['edits']} edits, "
                  f"written {r['written']}): {'right' if r['right'] else 'wrong'}")


if __name__ == "__main__":
    main()
