"""What does the division detector divide, and how often is it right?

Usage::

    python benchmarks/studies/noisy_division.py [--set bln600] [--part tune] [--tsv OUT]

Every division of :mod:`edition.detection.detectors.division` (a run-together token with
misread letters, ``bythopolice`` → ``by the police``), judged by ``edition.evaluation`` against
the aligned gold (right: the reading makes the text right), with its evidence (confusions,
channel and language-model scores, the margin over the next division), per set and part, by
confidence. ``--tsv`` writes one row per division (for choosing the confidence tiers).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import devsets  # noqa: E402
from edition.detection.detectors import division  # noqa: E402
from edition.detection.document import Document  # noqa: E402
from edition.detection.evidence.lexicon import zipf  # noqa: E402
from edition.evaluation import judge_proposals  # noqa: E402
from edition.model import Proposal  # noqa: E402


def _beside_hyphen(text: str, start: int, end: int) -> bool:
    return "-" in text[max(0, start - 2):start] or "-" in text[end:end + 2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", choices=devsets.PARTS, action="append")
    ap.add_argument("--set", choices=devsets.SETS, action="append")
    ap.add_argument("--tsv")
    args = ap.parse_args()
    rows = []
    for part in args.part or devsets.PARTS:
        for name in args.set or devsets.available():
            tally: Counter[tuple[float, bool]] = Counter()
            for aligned in devsets.documents(name, part):
                doc = Document(aligned.ocr)
                found = []
                for i, best, second, word_reading in division.divided(doc):
                    tok = doc.tokens[i]
                    reading = " ".join(p.word for p in best.pieces)
                    conf = division._confidence(best)
                    found.append((Proposal(tok.start, tok.end, tok.text, (reading,), division.KIND, conf,
                                           "study", "division"), best, second, word_reading, i))
                judged = {j.proposal.start: j for j in judge_proposals(aligned, [f[0] for f in found])}
                for p, best, second, word_reading, i in found:
                    j = judged.get(p.start)
                    if j is None or not j.scored:
                        continue
                    tally[(p.confidence, j.right)] += 1
                    margin = (best.channel + best.lm) - (second.channel + second.lm) if second else 99.0
                    content = [zipf(q.word) for q in best.pieces if not q.function] or [9.0]
                    rows.append((name, part, p.original, p.reading, j.gold, int(j.right), best.changes,
                                 round(best.channel, 2), round(best.lm, 2), round(margin, 2),
                                 len(best.pieces), round(min(content), 2),
                                 sum(q.function for q in best.pieces), p.confidence, word_reading,
                                 int(doc.starts_sentence(i)), int(_beside_hyphen(doc.text, p.start, p.end)),
                                 int(any(doc.neighbours(i)[k] is None for k in (0, 1)))))
            print(f"{name} {part}")
            for conf in sorted({c for c, _ in tally}, reverse=True):
                print(f"    confidence {conf:.2f}: right {tally[(conf, True)]} of "
                      f"{tally[(conf, True)] + tally[(conf, False)]}")
    if args.tsv:
        with open(args.tsv, "w", encoding="utf-8") as f:
            f.write("set\tpart\tform\treading\tgold\tright\tchanges\tchannel\tlm\tmargin\tpieces\t"
                    "min_zipf\tfunction\tconfidence\tword_reading\tsentence_start\thyphen\tmark\n")
            for r in rows:
                f.write("\t".join(map(str, r)) + "\n")


if __name__ == "__main__":
    main()
