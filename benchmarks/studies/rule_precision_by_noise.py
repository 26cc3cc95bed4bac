"""Is a rule detector's precision a function of the text's OCR noise? Each rule family's
proposals on the development sets, judged against the gold, by the noise of the text they were
made in: the question whether a rule may be trusted more in clean print (the seed: 0.6 %).

Usage::

    python benchmarks/studies/rule_precision_by_noise.py [--dump F.json] [--set bln600 ...]
    python benchmarks/studies/rule_precision_by_noise.py --gold [--set bln600 ...]

With ``--dump``, the judged proposals are written to ``F.json`` the first time and read from it
after (detection of the three sets takes minutes). Printed, per part (``tune``, ``check``):

- the OCR words in each noise band (:func:`edition.detection.evidence.noise.ocr_noise`, as a
  share: under 2 %, 2–3 %, 3–4 %, 4–6 %, 6–10 %, above), and the texts under 1 %;
- per rule family (a detector and the shape of its ``why``, whatever confidence ``in_context``
  left it), right / judged in each band and below each noise (cumulative: what a rule confined
  to texts cleaner than that would have done);
- the same as right and wrong proposals per 10,000 words of each band: a rule whose wrong
  proposals come from the print itself (a period the gold keeps, a comma read as a period) makes
  them at the same rate in clean and noisy print, while its right ones fall with the noise, so
  its precision does not rise in clean texts.

With ``--gold``: how often each family fires on the ``tune`` parts' gold texts (print with no
OCR damage, the gold's gaps and unknown marks taken out), per 10,000 words: the false alarms a
rule makes on the print itself, whatever the noise.

The word models' calibrated proposals (glyph, nonword, realword, unclear) are not grouped here:
``rule_precision.py`` bins them by confidence.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import devsets  # noqa: E402

#: Rule families: (name, pattern of the ``why``), first match wins; the detector is prefixed.
FAMILIES = (
    ("quote opens or closes no quotation", r"opens no quotation|closes no quotation"),
    ("period before a small letter", r"^period after .* before a small letter"),
    ("mark glued to the front of a word", r"glued to the front of"),
    ("mark between two words for a space", r"between the words .* in place of a space"),
    ("comma between two words", r"^comma between"),
    ("doubled marks", r"doubled|comma and period together|period before a comma|comma after a sentence"),
    ("merge, common pair", r"weakest junction: common pair"),
    ("merge, attested pair", r"weakest junction: attested pair"),
    ("merge, function word", r"weakest junction: function word"),
    ("merge, quote glued", r"quote glued"),
    ("split, joined word elsewhere in the text", r"^joining gives .* occurs \d+x elsewhere"),
    ("split, other", r"^joining gives|moving the space"),
    ("variant of a name", r"regularize the name"),
    ("hyphen, compound the text writes", r"in compounds|writes '.*-' in \d+ compounds"),
    ("hyphen, form the text writes joined", r"occurs \d+x in this text, '[^']*' only here$"),
    ("case, capital mid-sentence", r"^capital mid-sentence"),
    ("case, small i read as I", r"small i read as I"),
)
CALIBRATED = {"glyph", "nonword", "realword", "unclear"}
#: Band tops, as a share in %: the seed is at 0.6 %, the tune parts' medians 2.4–4.9 %.
BANDS = (2.0, 3.0, 4.0, 6.0, 10.0, float("inf"))


def family(detector: str, why: str) -> str | None:
    """The rule family of a proposal, or None for the word models' readings.

    >>> family("punctuation", "''' before 'in' opens no quotation (no closing quote in the paragraph)")
    'punctuation: quote opens or closes no quotation'
    >>> family("nonword", "t read for l; 'Statin' ...") is None
    True
    """
    if detector in CALIBRATED:
        return None
    for name, pattern in FAMILIES:
        if re.search(pattern, why):
            return f"{detector}: {name}"
    return None


def share(noise: float) -> float:
    """A log10 noise as a share in %."""
    return 100 * 10 ** noise


def band(noise: float) -> float:
    return next(top for top in BANDS if share(noise) < top)


def judged(sets: list[str]) -> dict:
    """Every text's noise and every scored proposal's family and verdict, per set and part."""
    from edition.detection.document import Document
    from edition.detection.evidence.noise import ocr_noise
    from edition.detection.runner import detect
    from edition.evaluation import judge_proposals
    docs, props = [], []
    for name in sets:
        for part in devsets.PARTS:
            for d in devsets.documents(name, part):
                noise = ocr_noise(Document(d.ocr))
                docs.append({"set": name, "part": part, "doc": d.name, "kind": d.kind,
                             "ocr_noise": noise, "words": len(d.ocr.split())})
                for j in judge_proposals(d, detect(d.ocr)):
                    if j.scored:
                        p = j.proposal
                        props.append({"set": name, "part": part, "doc": d.name, "noise": noise,
                                      "det": p.detector, "conf": p.confidence, "why": p.why,
                                      "orig": p.original, "reading": p.reading, "right": bool(j.right),
                                      "gold": j.gold})
    return {"docs": docs, "props": props}


def cell(right: int, n: int) -> str:
    return f"{right} / {n} ({right / n:.0%})" if n else "–"


def report(data: dict) -> None:
    for part in devsets.PARTS:
        words = defaultdict(int)
        clean_texts = 0
        for d in data["docs"]:
            if d["part"] == part:
                words[band(d["ocr_noise"])] += d["words"]
                clean_texts += share(d["ocr_noise"]) < 1.0
        tally: dict[str, dict[float, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
        for p in data["props"]:
            f = family(p["det"], p["why"])
            if p["part"] == part and f:
                acc = tally[f][band(p["noise"])]
                acc[0] += 1
                acc[1] += p["right"]
        heads = [f"< {top:g} %" if top != float("inf") else f"≥ {BANDS[-2]:g} %" for top in BANDS]
        print(f"\n## {part}: OCR words per band " + ", ".join(f"{h} {words[t]:,}" for h, t in zip(heads, BANDS))
              + f"; texts under 1 %: {clean_texts}")
        print("\n| family | " + " | ".join(heads) + " |\n|---|" + "---|" * len(BANDS))
        for f in sorted(tally):
            print(f"| {f} | " + " | ".join(cell(tally[f][t][1], tally[f][t][0]) for t in BANDS) + " |")
        print("\nCumulative (texts cleaner than):\n\n| family | " + " | ".join(f"< {t:g} %" for t in BANDS[:-1])
              + " | all |\n|---|" + "---|" * len(BANDS))
        for f in sorted(tally):
            cells, r, n = [], 0, 0
            for t in BANDS:
                n += tally[f][t][0]
                r += tally[f][t][1]
                cells.append(cell(r, n))
            print(f"| {f} | " + " | ".join(cells) + " |")
        print("\nRight / wrong per 10,000 words of the band:\n\n| family | " + " | ".join(heads)
              + " |\n|---|" + "---|" * len(BANDS))
        for f in sorted(tally):
            print(f"| {f} | " + " | ".join(
                f"{1e4 * tally[f][t][1] / words[t]:.1f} / {1e4 * (tally[f][t][0] - tally[f][t][1]) / words[t]:.1f}"
                if words[t] else "–" for t in BANDS) + " |")


def gold_rates(sets: list[str]) -> None:
    """Each family's proposals per 10,000 words of the tune parts' gold texts, per set."""
    from edition.detection.runner import detect
    from edition.evaluation.align import GAP, UNKNOWN
    fired: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    words: dict[str, int] = defaultdict(int)
    examples: dict[str, list[str]] = defaultdict(list)
    for name in sets:
        for d in devsets.documents(name, "tune"):
            gold = d.gold_aligned.replace(GAP, "").replace(UNKNOWN, "")
            words[name] += len(gold.split())
            for p in detect(gold):
                f = family(p.detector, p.why)
                if f:
                    fired[f][name] += 1
                    if len(examples[f]) < 3:
                        examples[f].append(f"`{p.original}` → `{p.reading}`")
    total = sum(words.values())
    print(f"Gold texts of the tune parts: {total:,} words (" + ", ".join(f"{n} {w:,}" for n, w in words.items()) + ")")
    print("\n| family | all | " + " | ".join(words) + " | examples |\n|---|---|" + "---|" * len(words) + "---|")
    for f in sorted(fired):
        print(f"| {f} | {1e4 * sum(fired[f].values()) / total:.1f} | "
              + " | ".join(f"{1e4 * fired[f][n] / words[n]:.1f}" for n in words) + f" | {', '.join(examples[f])} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dump", type=Path, help="judged proposals: written if absent, read if present")
    ap.add_argument("--set", action="append", dest="sets", choices=devsets.SETS)
    ap.add_argument("--gold", action="store_true", help="the families' rates on the tune parts' gold texts")
    args = ap.parse_args()
    if args.gold:
        gold_rates(args.sets or devsets.available())
        return
    if args.dump and args.dump.exists():
        data = json.loads(args.dump.read_text(encoding="utf-8"))
    else:
        data = judged(args.sets or devsets.available())
        if args.dump:
            args.dump.write_text(json.dumps(data), encoding="utf-8")
    report(data)


if __name__ == "__main__":
    main()
