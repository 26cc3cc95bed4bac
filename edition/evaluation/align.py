"""An OCR text aligned character by character with its gold standard.

- :class:`AlignedDoc` — the OCR text (the one proposals point into) and two aligned rows of equal
  length, ``ocr_aligned`` and ``gold_aligned``: column ``c`` pairs an OCR character with the gold
  character it stands for. :data:`GAP` marks a column where one side has nothing (the ICDAR files
  write ``@``); :data:`UNKNOWN` in the gold row marks text with no ground truth (ICDAR ``#``),
  which is never scored.
- :meth:`AlignedDoc.tokens` — the OCR's whitespace-separated tokens, each with its gold text and
  whether it is erroneous (the unit of detection precision and recall, as in ICDAR 2017).
- :func:`align_texts` — align a plain OCR text with a plain gold text. Whole-text Levenshtein is
  quadratic (a 2 MB file would need hours and gigabytes), so the texts are first cut at words
  that occur exactly once in both (patience diff, recursively), and only the short stretches
  between these anchors are aligned character by character. A gold that gives some blocks of
  the text in another order (a running head at the end, a side note elsewhere) has them put in
  the OCR's order first (:func:`gold_in_ocr_order`).
- :func:`align_in_order` — the same alignment, both texts kept in their order.

Worked example: the OCR ``kingwas glad`` against the gold ``king was glad``:

>>> doc = align_texts("kingwas glad", "king was glad")
>>> [(t.text, t.gold, t.erroneous) for t in doc.tokens]
[('kingwas', 'king was', True), ('glad', 'glad', False)]
"""
from __future__ import annotations

import logging
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import regex
from rapidfuzz.distance import Levenshtein

from ..errors import EditionError
from ..witnesses.align import unique_anchors

log = logging.getLogger(__name__)

#: A column where one side has no character (ICDAR writes "@").
GAP = "\x00"
#: A gold character that is not known (ICDAR writes "#"): the column is excluded from scoring.
UNKNOWN = "\x1a"

_TOKEN_RE = regex.compile(r"\S+")


class Token(NamedTuple):
    """A whitespace-separated OCR token and what the gold standard says it should be.

    ``start``/``end`` are code-point offsets into :attr:`AlignedDoc.ocr`; ``col_start``/
    ``col_end`` the columns it covers, including gold characters the OCR lost at its edges.
    ``gold`` is None when the gold standard is unknown there (the token is not scored).
    ``erroneous`` is True when the gold differs — including when the gold has no word
    boundary where the OCR has a space (``f or`` → ``for`` makes both halves erroneous).
    """

    start: int
    end: int
    text: str
    col_start: int
    col_end: int
    gold: str | None
    erroneous: bool

    @property
    def scored(self) -> bool:
        return self.gold is not None


@dataclass(frozen=True)
class AlignedDoc:
    """An OCR text and its column-by-column alignment with the gold standard.

    ``ocr`` is the text detectors see; removing the gaps from ``ocr_aligned`` gives it back
    (checked when the record is built). ``kind`` is a free label used to group reports
    (``monograph``, ``periodical``).
    """

    ocr: str
    ocr_aligned: str
    gold_aligned: str
    name: str = ""
    kind: str = ""

    def __post_init__(self) -> None:
        if len(self.ocr_aligned) != len(self.gold_aligned):
            raise ValueError(f"{self.name}: aligned rows differ in length "
                             f"({len(self.ocr_aligned)} and {len(self.gold_aligned)})")
        if self.ocr_aligned.replace(GAP, "") != self.ocr:
            raise ValueError(f"{self.name}: the aligned OCR row without gaps is not the OCR text")

    @cached_property
    def gold(self) -> str:
        """The gold text (unknown characters shown as ``#``)."""
        return self.gold_aligned.replace(GAP, "").replace(UNKNOWN, "#")

    @cached_property
    def col_of(self) -> list[int]:
        """Column of each OCR character; one more entry (the number of columns) for the end."""
        cols = [c for c, ch in enumerate(self.ocr_aligned) if ch != GAP]
        cols.append(len(self.ocr_aligned))
        return cols

    @cached_property
    def pos_of_col(self) -> list[int]:
        """For each column (and the end), how many OCR characters come before it."""
        out = []
        n = 0
        for ch in self.ocr_aligned:
            out.append(n)
            if ch != GAP:
                n += 1
        out.append(n)
        return out

    @cached_property
    def shared_spaces(self) -> list[int]:
        """Columns where both rows have whitespace: where scoring may cut the text."""
        return [c for c, (o, g) in enumerate(zip(self.ocr_aligned, self.gold_aligned))
                if o.isspace() and g.isspace()]

    def shared_space_near(self, col: int) -> int:
        """The first column at or after ``col`` where both rows have whitespace (or the end)."""
        i = bisect_left(self.shared_spaces, col)
        return self.shared_spaces[i] if i < len(self.shared_spaces) else len(self.ocr_aligned)

    def part(self, c0: int, c1: int, name: str | None = None) -> "AlignedDoc":
        """The document made of columns ``c0:c1`` (cut where both rows have whitespace, so that
        no word is split: see :meth:`shared_space_near`).

        >>> doc = align_texts("Tlie cat sat", "The cat sat")
        >>> doc.part(0, doc.shared_space_near(5)).ocr
        'Tlie cat'
        """
        oa, ga = self.ocr_aligned[c0:c1], self.gold_aligned[c0:c1]
        return AlignedDoc(oa.replace(GAP, ""), oa, ga, name=self.name if name is None else name,
                          kind=self.kind)

    def gold_of_cols(self, c0: int, c1: int) -> str | None:
        """The gold text of columns ``c0:c1`` (gaps removed); None if any of it is unknown."""
        g = self.gold_aligned[c0:c1]
        if UNKNOWN in g:
            return None
        return g.replace(GAP, "")

    @cached_property
    def tokens(self) -> list[Token]:
        """The OCR's whitespace-separated tokens with their gold (see :class:`Token`)."""
        oa, ga = self.ocr_aligned, self.gold_aligned
        col_of = self.col_of
        spans = []
        for m in _TOKEN_RE.finditer(self.ocr):
            s, e = m.span()
            c0, c1 = col_of[s], col_of[e - 1] + 1
            # Gold characters the OCR lost at a word's edge (OCR gap, gold not a space) belong to
            # that word: "shal@ " against "shall " makes "shal" erroneous.
            while c0 > 0 and oa[c0 - 1] == GAP and not ga[c0 - 1].isspace():
                c0 -= 1
            while c1 < len(oa) and oa[c1] == GAP and not ga[c1].isspace():
                c1 += 1
            spans.append([s, e, c0, c1, False])
        # Where the OCR has a space but the gold has no word boundary ("f or" for "for",
        # "iudg ment" for "iudg-ment"), both neighbours are wrong -- unless one of them is noise
        # with no gold at all ("' several" for "several"): the space goes with the noise.
        for left, right in zip(spans, spans[1:]):
            between = ga[left[3]:right[2]]
            if UNKNOWN not in between and not any(ch.isspace() for ch in between) \
                    and _has_gold(ga, left[2], left[3]) and _has_gold(ga, right[2], right[3]):
                left[4] = right[4] = True
        tokens = []
        for s, e, c0, c1, split in spans:
            gold = self.gold_of_cols(c0, c1)
            text = self.ocr[s:e]
            tokens.append(Token(s, e, text, c0, c1, gold, gold is not None and (split or gold != text)))
        return tokens

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def tokens_touched(self, start: int, end: int) -> list[int]:
        """Indices of the tokens a change of ``start:end`` touches.

        A span touches the tokens it shares a character with, and the token beyond a space it
        takes in whole (it moves the boundary between the two). A span that shares no character
        (a space replaced, or an insertion point between words) touches the tokens on either
        side of it, since it joins or separates them.

        >>> doc = align_texts("f or it", "for it")
        >>> doc.tokens_touched(1, 2), doc.tokens_touched(0, 1), doc.tokens_touched(4, 4)
        ([0, 1], [0], [1])
        >>> doc.tokens_touched(0, 2), doc.tokens_touched(1, 4)
        ([0, 1], [0, 1])
        """
        tokens, starts = self.tokens, self._token_starts
        first = bisect_left(starts, start)  # first token starting at or after start
        if first > 0 and tokens[first - 1].end > start:
            first -= 1  # the token start falls inside
        if start == end:
            # an insertion point touches the token it is in or at the edge of
            hits = [k for k in (first - 1, first) if 0 <= k < len(tokens)
                    and tokens[k].start <= start <= tokens[k].end]
        else:
            hits = []
            k = first
            while k < len(tokens) and tokens[k].start < end:
                if tokens[k].end > start:
                    hits.append(k)
                k += 1
        if hits:
            # a span that takes in the whole space before (or after) its tokens moves a word
            # boundary: "word 1" -> "word!" touches both words
            i, j = hits[0], hits[-1]
            if i > 0 and start <= tokens[i - 1].end and start < tokens[i].start:
                hits.insert(0, i - 1)
            if j + 1 < len(tokens) and end >= tokens[j + 1].start and end > tokens[j].end:
                hits.append(j + 1)
            return hits
        # No character shared: the neighbours on both sides.
        after = bisect_left(starts, end)
        return [k for k in (after - 1, after) if 0 <= k < len(tokens)]


def _has_gold(gold_row: str, c0: int, c1: int) -> bool:
    return any(ch != GAP for ch in gold_row[c0:c1])


# --- aligning two plain texts -------------------------------------------------------------

#: Largest stretch (product of the two lengths, in characters) aligned character by character.
#: rapidfuzz's bit-parallel Levenshtein needs about n*m/8 bytes for the alignment: 4e8 cells is
#: 50 MB and well under a second; larger stretches only happen when the texts do not correspond.
MAX_CELLS = 400_000_000

_WORD_RE = regex.compile(r"\S+")


def _match_words(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Matched word pairs of two word lists: patience anchors, recursively inside each gap,
    and equal words extended from the ends of each gap."""
    matches: list[tuple[int, int]] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        a_lo, a_hi, b_lo, b_hi = stack.pop()
        # equal words at the edges of the range
        while a_lo < a_hi and b_lo < b_hi and a[a_lo] == b[b_lo]:
            matches.append((a_lo, b_lo))
            a_lo += 1
            b_lo += 1
        while a_lo < a_hi and b_lo < b_hi and a[a_hi - 1] == b[b_hi - 1]:
            a_hi -= 1
            b_hi -= 1
            matches.append((a_hi, b_hi))
        if a_lo >= a_hi or b_lo >= b_hi:
            continue
        anchors = unique_anchors(a, b, a_lo, a_hi, b_lo, b_hi)
        if not anchors:
            continue
        matches.extend(anchors)
        edges = [(a_lo - 1, b_lo - 1), *anchors, (a_hi, b_hi)]
        for (i0, j0), (i1, j1) in zip(edges, edges[1:]):
            if i1 - i0 > 1 and j1 - j0 > 1:
                stack.append((i0 + 1, i1, j0 + 1, j1))
    matches.sort()
    return matches


def _align_chars(a: str, b: str, oa: list[str], ga: list[str]) -> None:
    """Append the character alignment of two short stretches to the rows ``oa``/``ga``."""
    if not a and not b:
        return
    if not a or not b or len(a) * len(b) > MAX_CELLS:
        if a and b:
            log.warning("stretch of %d × %d characters too long to align; paired by position",
                        len(a), len(b))
        n = max(len(a), len(b))
        oa.append(a + GAP * (n - len(a)))
        ga.append(b + GAP * (n - len(b)))
        return
    for tag, i0, i1, j0, j1 in Levenshtein.opcodes(a, b):
        if tag == "equal" or tag == "replace":
            oa.append(a[i0:i1])
            ga.append(b[j0:j1])
        elif tag == "delete":
            oa.append(a[i0:i1])
            ga.append(GAP * (i1 - i0))
        else:  # insert
            oa.append(GAP * (j1 - j0))
            ga.append(b[j0:j1])


# --- a gold that has some blocks of the text elsewhere -------------------------------------

#: A block is recognized by at least this many anchors (words found once in each text) that
#: follow each other in both texts, with no other anchor between them in either. Three: the
#: smallest block seen moved in ICDAR 2019 is a running head of three words ("AN ENGLISH
#: ANTHOLOGY."); a word the OCR misread into another word of the gold is one stray anchor, and
#: three in a row do not happen by chance. A smaller move is left where it is.
MIN_BLOCK_ANCHORS = 3


class _Block(NamedTuple):
    """A stretch that OCR and gold share: its first and last anchor, word indices in each."""

    i0: int
    i1: int
    j0: int
    j1: int


def _blocks(a: list[str], b: list[str]) -> list[_Block]:
    """The stretches that the word lists ``a`` and ``b`` share in the same order, in the order
    of ``a``: runs of anchors consecutive in both lists, those of fewer than
    :data:`MIN_BLOCK_ANCHORS` dropped, and the neighbours in both orders that this leaves
    joined again."""
    in_a, in_b = Counter(a), Counter(b)
    where_b = {t: j for j, t in enumerate(b) if in_b[t] == 1 and in_a[t] == 1}
    anchors = [(i, where_b[t]) for i, t in enumerate(a) if t in where_b]
    rank = {j: r for r, j in enumerate(sorted(j for _, j in anchors))}
    runs: list[list[tuple[int, int]]] = []
    for i, j in anchors:
        if runs and rank[j] == rank[runs[-1][-1][1]] + 1:
            runs[-1].append((i, j))
        else:
            runs.append([(i, j)])
    runs = [r for r in runs if len(r) >= MIN_BLOCK_ANCHORS]
    by_gold = sorted(runs, key=lambda r: r[0][1])
    after = {id(x): y for x, y in zip(by_gold, by_gold[1:])}
    blocks: list[_Block] = []
    for k, run in enumerate(runs):
        if k and after.get(id(runs[k - 1])) is run:
            blocks[-1] = blocks[-1]._replace(i1=run[-1][0], j1=run[-1][1])
        else:
            blocks.append(_Block(run[0][0], run[-1][0], run[0][1], run[-1][1]))
    return blocks


def _letters(word: str) -> str:
    """A word as :func:`_best_cut` compares it: its letters in lower case (``Khan,`` and
    ``khan`` are one word; a misread mark or digit does not hide it)."""
    return _NOT_LETTER.sub("", word).lower() or word


_NOT_LETTER = regex.compile(r"[^\p{L}]+")


def _best_cut(b: list[str], lo: int, hi: int, after: list[str], before: list[str]) -> int:
    """Where the gold words ``b[lo:hi]`` between two blocks that the OCR has apart divide: the
    first part goes after the first block, where the OCR has the words ``after``, the second
    before the second block, where it has ``before``. The cut that leaves the most words among
    the OCR words of their side wins; between equals, the one closest to the OCR's number of
    words on each side."""
    words = [_letters(w) for w in b[lo:hi]]
    after_n, before_n = Counter(map(_letters, after)), Counter(map(_letters, before))
    left: Counter = Counter()
    right = Counter(words)
    found = sum((right & before_n).values())

    def misfit(c: int) -> int:
        return abs(c - lo - len(after)) + abs(hi - c - len(before))

    best, best_key = lo, (found, -misfit(lo))
    for c, w in enumerate(words, lo + 1):
        found += (left[w] < after_n[w]) - (right[w] <= before_n[w])
        left[w] += 1
        right[w] -= 1
        key = (found, -misfit(c))
        if key > best_key:
            best, best_key = c, key
    return best


def gold_in_ocr_order(ocr: str, gold: str) -> str:
    """The gold with its blocks put in the order the OCR has them; the gold itself when the
    two texts are in the same order.

    A transcription may give a page's parts in another order than its OCR: a running head at
    the end, a side note where the paragraph ends, two columns read the other way round
    (ICDAR 2019 English: 16 of its 48 files). An alignment keeps the order of both texts, so it
    pairs each such block with whatever text stands where it went, and every word of it is
    judged against another word's gold. Blocks are found by words that occur once in each
    text (see :data:`MIN_BLOCK_ANCHORS`); the gold words between two blocks that the OCR has
    apart go with the block whose OCR neighbours share more of them.

    >>> gold_in_ocr_order("AN ENGLISH ANTHOLOGY. In Xanadu did Kubla Khan",
    ...                   "In Xanadu did Kubla Khan AN ENGLISH ANTHOLOGY.")
    'AN ENGLISH ANTHOLOGY. In Xanadu did Kubla Khan'
    """
    wa = [m.group() for m in _WORD_RE.finditer(ocr)]
    wb = [(m.start(), m.end()) for m in _WORD_RE.finditer(gold)]
    b = [gold[s:e] for s, e in wb]
    blocks = _blocks(wa, b)
    by_gold = sorted(range(len(blocks)), key=lambda k: blocks[k].j0)
    if by_gold == list(range(len(blocks))):
        return gold
    # the gold's words cut into one piece per block: piece k (in the gold's order) is the words
    # cuts[k]:cuts[k+1]; words before the first block and after the last go with them
    cuts = [0]
    for x, y in zip(by_gold, by_gold[1:]):
        bx, by = blocks[x], blocks[y]
        if y == x + 1:  # in the same order in the OCR: any cut keeps them together
            cuts.append(by.j0)
            continue
        after_x = wa[bx.i1 + 1:blocks[x + 1].i0 if x + 1 < len(blocks) else len(wa)]
        before_y = wa[blocks[y - 1].i1 + 1 if y > 0 else 0:by.i0]
        cuts.append(_best_cut(b, bx.j1 + 1, by.j0, after_x, before_y))
    cuts.append(len(b))
    piece: dict[int, str] = {}
    for k, x in enumerate(by_gold):
        w0, w1 = cuts[k], cuts[k + 1]
        if w0 < w1:
            # a piece keeps the whitespace after it; the gold's last one gets a space
            end = wb[w1][0] if w1 < len(wb) else len(gold)
            text = gold[wb[w0][0]:end]
            piece[x] = text if text[-1:].isspace() else text + " "
    head = gold[:wb[0][0]]
    return (head + "".join(piece.get(k, "") for k in range(len(blocks)))).rstrip() \
        + gold[len(gold.rstrip()):]


def align_texts(ocr: str, gold: str, *, name: str = "", kind: str = "",
                reorder_gold: bool = True) -> AlignedDoc:
    """Align a plain OCR text with its plain gold text (see the module docstring); with
    ``reorder_gold``, the gold's blocks are first put in the OCR's order
    (:func:`gold_in_ocr_order`), so the aligned gold row is that text.

    >>> d = align_texts("Tlie cat", "The cat")
    >>> d.ocr_aligned.replace(GAP, "@"), d.gold_aligned.replace(GAP, "@")
    ('Tlie cat', 'Th@e cat')
    """
    for label, text in (("OCR", ocr), ("gold", gold)):
        if GAP in text or UNKNOWN in text:
            raise EditionError(f"{name or label}: the {label} text contains control characters "
                               f"(NUL or SUB); it is not plain text")
    if reorder_gold:
        gold = gold_in_ocr_order(ocr, gold)
    return align_in_order(ocr, gold, name=name, kind=kind)


def align_in_order(ocr: str, gold: str, *, name: str = "", kind: str = "") -> AlignedDoc:
    """The alignment of :func:`align_texts`, each text kept in its order; the gold may hold
    :data:`UNKNOWN` characters (an ICDAR file's ``#``)."""
    wa = [(m.start(), m.end()) for m in _WORD_RE.finditer(ocr)]
    wb = [(m.start(), m.end()) for m in _WORD_RE.finditer(gold)]
    matches = _match_words([ocr[s:e] for s, e in wa], [gold[s:e] for s, e in wb])
    oa: list[str] = []
    ga: list[str] = []
    pa = pb = 0
    for i, j in matches:
        (sa, ea), (sb, eb) = wa[i], wb[j]
        _align_chars(ocr[pa:sa], gold[pb:sb], oa, ga)
        oa.append(ocr[sa:ea])
        ga.append(gold[sb:eb])
        pa, pb = ea, eb
    _align_chars(ocr[pa:], gold[pb:], oa, ga)
    return AlignedDoc(ocr, "".join(oa), "".join(ga), name=name, kind=kind)
