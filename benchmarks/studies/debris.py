"""Which short tokens does the gold drop as debris, and can anything in the OCR alone tell them
apart from real short words, remnants of a word and pieces of a broken word? A study of every
short token of the development sets.

Usage::

    python benchmarks/studies/debris.py [--set bln600 ...] [--part tune] [--part check] [--show 10]
                                        [--search [--min-sets 2]]

A token (whitespace-delimited) is a *candidate* when it has one of these shapes (its core is the
token with its outer marks set aside):

- ``small letter`` — a bare small ASCII letter other than ``a i o`` (the unclear detector's lone
  letters, :func:`edition.detection.detectors.unclear.lone_letters`: ``e Police-constable``);
- ``small letter with a mark`` — the same with a mark on it (``d,``, ``e-``);
- ``capital letter`` — a lone capital other than ``A I`` (``V``, ``Y.``);
- ``two letters, no word`` — two letters no lexicon knows (Zipf < 3, not all capitals: ``le``, ``Ig``);
- ``letters and digits`` — at most three characters mixing them (``1W``);
- ``marks only`` — at most three characters, no letter or digit (``_``, ``-__``, ``.``);
- ``lone digit`` — one digit, its outer marks set aside (``1``);
- ``one-letter word (a i o A I)`` — the letters that are English words (``Ig a`` → ``a``,
  ``I she`` → ``she``: BLN600's gold drops ``I`` 251 times on its tune part).

Each candidate is labelled from the gold aligned to it
(:attr:`edition.evaluation.AlignedDoc.tokens`): *dropped* when its gold is empty (the debris the
gold leaves out: a deletion would be right), *kept* when its gold is the token itself, *other*
otherwise (a remnant of a word, ``m`` for ``in``; a misread mark, ``t`` for ``!``; a piece of a
broken word).

The first table gives, per set and part, how many candidates a signal keeps and the share of
them dropped: the precision a deletion reading would have. Signals: the shape; the word after
(capitalized, a word); the word before (a word, a closing mark); whether the token joined to a
neighbour makes a word (a piece of a broken word); whether the two neighbours read as a pair
without it (the word bigram model :mod:`edition.detection.evidence.ngrams`; its period pairs come
from the tune parts' gold, so a tune document's own pairs are taken out while it is weighed:
:func:`left_out`), and whether they are a pair of the web bigram list
(:mod:`edition.detection.evidence.bigrams`); whether a common
two-letter word reads better in its place (a remnant of a word); the text's OCR noise
(:func:`edition.detection.evidence.noise.ocr_noise`); how many tokens of a shape no word has the
text has per 1,000; whether the token is in a run of them. The second table gives combinations
tried as deletion rules, with the characters a deletion (of the token and a space) would gain
(positive) or cost (negative) against the gold, and a ceiling: every dropped candidate deleted,
as a share of the OCR's character errors (the denominator of the CER cut). ``--search`` tries
every conjunction of a shape and up to three signals or noise bands and lists those right
>= 95 % on the tune part of every set where they fire (``--min-sets``: on how many sets' tune
parts at least), and the best ones firing on two sets.

The OCR of all three sets is one line per text: a token's place on the printed line (a column
edge) cannot be measured.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import regex

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "derive"))
import derive_ngrams  # noqa: E402
import devsets  # noqa: E402
from edition.detection.document import Document  # noqa: E402
from edition.detection.evidence import bigrams, lexicon, ngrams  # noqa: E402
from edition.detection.evidence.noise import ocr_noise  # noqa: E402
from edition.evaluation.metrics import char_distance  # noqa: E402
from edition.evaluation.scoring import _piece_distance, scored_pieces  # noqa: E402

_OUTER = "\"'“”‘’()[].,;:!?-–—"
_ALNUM = regex.compile(r"[\p{L}\p{N}]")
_WORD = regex.compile(r"^\p{L}+$")
#: A form this common (Zipf) is a word.
WORD_ZIPF = 3.0
#: A text with this many tokens of a shape no word has (all but the one-letter words and the
#: digits) per 1,000 tokens is "dense".
DENSE = 10


def shape(token: str) -> str | None:
    """The candidate shape of a token (see the module docstring), or None."""
    core = token.strip(_OUTER)
    if not _ALNUM.search(token):
        return "marks only" if len(token) <= 3 else None
    if len(core) == 1 and core.isdigit():
        return "lone digit"
    if len(core) == 1 and core.isalpha():
        if core in "aioAI":
            return "one-letter word (a i o A I)"
        if core.islower():
            if not core.isascii():
                return None
            return "small letter" if core == token else "small letter with a mark"
        return "capital letter"
    if len(core) == 2 and _WORD.match(core):
        return None if lexicon.zipf(core) >= WORD_ZIPF or core.isupper() else "two letters, no word"
    if len(core) <= 3 and any(c.isdigit() for c in core) and any(c.isalpha() for c in core):
        return "letters and digits"
    return None


def label(gold: str, text: str) -> str:
    if not gold.strip():
        return "dropped"
    return "kept" if gold.strip() == text else "other"


def _letters(s: str) -> str:
    return "".join(regex.findall(r"\p{L}+", s)).lower()


def makes_word(doc: Document, a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` joined read as a word (English Zipf >= 3, or twice in the text)."""
    joined = _letters(a) + _letters(b)
    return len(joined) >= 2 and (lexicon.zipf(joined) >= WORD_ZIPF or doc.vocabulary.get(joined, 0) >= 2)


def _is_word(w: str) -> bool:
    return bool(_WORD.match(w)) and lexicon.zipf(w) >= WORD_ZIPF


SHORT_WORDS: list[str] = []  # the common two-letter words (Zipf >= 5), filled once in main()


def short_word_fits(prev: str, nxt: str) -> bool:
    """Whether a common two-letter word between ``prev`` and ``nxt`` reads better than the two
    alone (``excited m favour``: ``in``): the token is then more likely a word's remnant."""
    without = ngrams.log_p(prev, nxt)
    return any(ngrams.log_p(prev, w) + ngrams.log_p(w, nxt) > without for w in SHORT_WORDS)


def signals(doc: Document, toks, k: int, rate: float, run: int) -> dict[str, bool]:
    """The signals of candidate ``k`` (True where the signal holds)."""
    t = toks[k]
    prev = toks[k - 1].text if k else ""
    nxt = toks[k + 1].text if k + 1 < len(toks) else ""
    core, p, n = t.text.strip(_OUTER), prev.strip(_OUTER), nxt.strip(_OUTER)
    words = _is_word(p) and _is_word(n)
    sig = {
        "next capitalized": n[:1].isupper(),
        "next a word": _is_word(n),
        "prev a word": _is_word(p),
        "prev ends with . , ; : ! ?": prev[-1:] in ".,;:!?",
        "joins no neighbour into a word": not (makes_word(doc, prev, core) or makes_word(doc, core, nxt)),
        "neighbours read as a pair without it": words and ngrams.fit(p.lower(), n.lower(), None) > 0,
        "neighbours a pair of the web list": words and f"{p.lower()} {n.lower()}" in bigrams.table().pairs,
        "no common short word fits in its place": words and not short_word_fits(p.lower(), n.lower()),
        f"dense text (>= {DENSE} no-word tokens per 1,000)": rate >= DENSE,
        "in a run of >= 2 no-word tokens": run >= 2,
    }
    return sig


RULES: dict[str, Callable[[str, dict[str, bool]], bool]] = {
    "small letter": lambda s, g: s == "small letter",
    "small letter, joins none": lambda s, g: s == "small letter" and g["joins no neighbour into a word"],
    "small letter, joins none, pair reads": lambda s, g: s == "small letter" and g["joins no neighbour into a word"]
    and g["neighbours read as a pair without it"],
    "small letter, joins none, a pair of the web list": lambda s, g: s == "small letter"
    and g["joins no neighbour into a word"] and g["neighbours a pair of the web list"],
    "small letter, joins none, pair reads, no short word fits": lambda s, g: s == "small letter"
    and g["joins no neighbour into a word"] and g["neighbours read as a pair without it"]
    and g["no common short word fits in its place"],
    "small letter, joins none, next capitalized": lambda s, g: s == "small letter"
    and g["joins no neighbour into a word"] and g["next capitalized"],
    "small letter, dense text, joins none, pair reads": lambda s, g: s == "small letter"
    and g[f"dense text (>= {DENSE} no-word tokens per 1,000)"] and g["joins no neighbour into a word"]
    and g["neighbours read as a pair without it"],
    "marks only": lambda s, g: s == "marks only",
    "any shape, in a run of >= 2 no-word tokens": lambda s, g: g["in a run of >= 2 no-word tokens"],
}


#: The share right a deletion rule needs on the tune part of every set where it fires, and the
#: fewest tune candidates it must fire on to be worth listing.
SEARCH_PRECISION, SEARCH_MIN = 0.95, 20
#: The fewest tune candidates of a set for the set to count in the best-conjunction table.
BEST_MIN = 5


def search(records: list[tuple[str, str, frozenset[str], str]], min_sets: int) -> None:
    """Print every conjunction of a shape and up to three other features (signals, noise band)
    right >= SEARCH_PRECISION on the tune part of every set where it fires, and firing on the tune
    parts of at least ``min_sets`` sets, with its figures on every part (the check parts say
    whether it holds)."""
    from itertools import combinations

    shapes = sorted({f for _, _, fs, _ in records for f in fs if f in SHAPES})
    others = sorted({f for _, _, fs, _ in records for f in fs if f not in SHAPES})
    keys = sorted({(s, p) for s, p, _, _ in records}, key=lambda k: (k[0], k[1] != "tune"))
    found = 0
    best: list[tuple[float, str, list[str]]] = []  # weakest tune share, conjunction, cells
    print(f"\n| conjunction right >= {SEARCH_PRECISION:.0%} on every tune part where it fires "
          f"(fires on >= {min_sets} sets' tune parts) | "
          + " | ".join(f"{s} {p}" for s, p in keys) + " |\n|---|" + "---|" * len(keys))
    for shape_ in shapes:
        mine = [r for r in records if shape_ in r[2]]
        for n in range(0, 4):
            for combo in combinations(others, n):
                need = frozenset((shape_,) + combo)
                tally = defaultdict(lambda: [0, 0])
                for s, p, fs, lab in mine:
                    if need <= fs:
                        tally[(s, p)][0] += 1
                        tally[(s, p)][1] += lab == "dropped"
                tune = [v for (s, p), v in tally.items() if p == "tune" and v[0]]
                cells = [f"{tally[k][1]}/{tally[k][0]}" if tally[k][0] else "–" for k in keys]
                wide = [v for v in tune if v[0] >= BEST_MIN]
                if len(wide) >= 2:
                    best.append((min(d / f for f, d in wide), " + ".join(sorted(need)), cells))
                if sum(v[0] for v in tune) < SEARCH_MIN or any(d < SEARCH_PRECISION * f for f, d in tune) \
                        or len(tune) < min_sets:
                    continue
                found += 1
                print(f"| {' + '.join(sorted(need))} | " + " | ".join(cells) + " |")
    print(f"\n{found} conjunctions\n\n| the best conjunctions firing >= {BEST_MIN} times on the tune "
          f"parts of two sets or more, by their weakest such part | " + " | ".join(f"{s} {p}" for s, p in keys)
          + " |\n|---|" + "---|" * len(keys))
    for share, name, cells in sorted(best, reverse=True)[:10]:
        print(f"| {name} (weakest {share:.0%}) | " + " | ".join(cells) + " |")


SHAPES = ("small letter", "small letter with a mark", "capital letter", "two letters, no word",
          "letters and digits", "marks only", "lone digit", "one-letter word (a i o A I)")


#: The shapes no word has: a text's density of them and their runs are signals.
NO_WORD_SHAPES = frozenset(SHAPES) - {"lone digit", "one-letter word (a i o A I)"}

#: Not a rule: every candidate the gold drops, deleted (the most any deletion rule can gain).
ORACLE = "oracle: exactly the dropped candidates"


@contextmanager
def left_out(doc, part: str) -> Iterator[None]:
    """The period word pairs without the pairs of ``doc``'s own gold while its tokens are
    weighed (a tune document's pairs are in the counts: the gold's ``resisting
    Police-constable`` would vouch for deleting the ``e`` of ``resisting e Police-constable``);
    as ``benchmarks/derive/calibrate.py`` does. A check document is in no count."""
    own = derive_ngrams.doc_counts(doc)[0] if part == "tune" else {}
    with derive_ngrams.without_pairs(own):
        yield


def _runs(flags: list[bool]) -> list[int]:
    """For each position, the length of the run of True it is in (0 for False)."""
    out = [0] * len(flags)
    i = 0
    while i < len(flags):
        j = i
        while j < len(flags) and flags[j]:
            j += 1
        out[i:j] = [j - i] * (j - i)
        i = max(j, i + 1)
    return out


def _noise_band(noise: float) -> str:
    return "noise < 3 %" if noise < -1.523 else "noise 3-6 %" if noise < -1.222 else "noise >= 6 %"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", action="append", dest="sets", choices=devsets.SETS)
    ap.add_argument("--part", action="append", dest="parts", choices=devsets.PARTS)
    ap.add_argument("--show", type=int, default=0, help="examples per set, part and label")
    ap.add_argument("--search", action="store_true",
                    help="also every conjunction of a shape and up to three signals that is right "
                         f">= {SEARCH_PRECISION * 100:.0f} %% on the tune part of every set where it fires")
    ap.add_argument("--min-sets", type=int, default=1,
                    help="with --search: the fewest sets on whose tune parts a conjunction must fire")
    args = ap.parse_args()
    records: list[tuple[str, str, frozenset[str], str]] = []  # set, part, features, label
    SHORT_WORDS[:] = [w for w in lexicon.words_at_least(5.0) if len(w) == 2 and w.isalpha()]
    # counts[(set, part)][row] = [candidates, dropped, characters gained by deleting]
    counts: dict = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    examples: dict = defaultdict(list)
    errors: dict = defaultdict(int)  # (set, part) -> character errors of the OCR
    for name in args.sets or devsets.available():
        for part in args.parts or ("tune",):
            col = counts[(name, part)]
            for d in devsets.documents(name, part):
                doc = Document(d.ocr)
                toks = d.tokens
                shapes = [shape(t.text) for t in toks]
                # runs and density count the shapes that are no word (not a, I, a digit)
                no_word = [s in NO_WORD_SHAPES for s in shapes]
                runs = _runs(no_word)
                rate = 1000 * sum(no_word) / max(len(toks), 1)
                band = _noise_band(ocr_noise(doc))
                # the text's character errors as the evaluation counts them (dev_eval's "before")
                errors[(name, part)] += sum(_piece_distance(p.before, p.gold, p.gold) for p in scored_pieces(d, []))
                with left_out(d, part):
                    sigs = {k: signals(doc, toks, k, rate, runs[k])
                            for k, (t, s) in enumerate(zip(toks, shapes)) if s and t.scored}
                for k, sig in sigs.items():
                    t, s = toks[k], shapes[k]
                    lab = label(t.gold, t.text)
                    # deleting the token and a space: the gold's characters there are then missing
                    g = t.gold.strip()
                    gain = char_distance(t.text, g) + (not g) - (len(g) + bool(g))
                    records.append((name, part, frozenset([s, band] + [n for n, v in sig.items() if v]), lab))
                    rows = ["any shape", s, f"{s}, {band}"] + [f"{s}: {n}" for n, v in sig.items() if v]
                    rows += [f"RULE {r}" for r, test in RULES.items() if test(s, sig)]
                    if lab == "dropped":
                        rows.append(f"RULE {ORACLE}")
                    for r in rows:
                        c = col[r]
                        c[0] += 1
                        c[1] += lab == "dropped"
                        c[2] += gain
                    if args.show and len(examples[(name, part, lab)]) < args.show:
                        ctx = " ".join(x.text for x in toks[max(0, k - 2):k + 3])
                        gctx = " ".join(x.gold or "∅" for x in toks[max(0, k - 2):k + 3])
                        examples[(name, part, lab)].append(f"{s:24} {t.text!r:8} in {ctx!r}, gold {gctx!r}")
    cols = list(counts)
    head = " | ".join(f"{s} {p}" for s, p in cols)
    print(f"| candidate: dropped / all (share) | {head} |\n|---|" + "---|" * len(cols))
    rows = sorted({r for c in counts.values() for r in c if not r.startswith("RULE")},
                  key=lambda r: (r != "any shape", r.split(":")[0].split(",")[0], ":" in r, r))
    for r in rows:
        cells = [f"{counts[c][r][1]}/{counts[c][r][0]} ({counts[c][r][1] / counts[c][r][0]:.0%})"
                 if counts[c][r][0] else "–" for c in cols]
        print(f"| {r} | " + " | ".join(cells) + " |")
    print(f"\n| deletion rule: dropped / fired (share), characters gained | {head} |\n|---|" + "---|" * len(cols))
    for r in [*RULES, ORACLE]:
        cells = [f"{counts[c]['RULE ' + r][1]}/{counts[c]['RULE ' + r][0]} "
                 f"({counts[c]['RULE ' + r][1] / counts[c]['RULE ' + r][0]:.0%}), {counts[c]['RULE ' + r][2]:+,}"
                 if counts[c]["RULE " + r][0] else "–" for c in cols]
        print(f"| {r} | " + " | ".join(cells) + " |")
    print("| the OCR's character errors | " + " | ".join(f"{errors[c]:,}" for c in cols) + " |")
    print("| the oracle's gain, share of them | " + " | ".join(
        f"{counts[c]['RULE ' + ORACLE][2] / max(errors[c], 1):.1%}" for c in cols) + " |")
    if args.search:
        search(records, args.min_sets)
    for key, ex in examples.items():
        print(f"\n{key}")
        for e in ex:
            print("   ", e)


if __name__ == "__main__":
    main()
