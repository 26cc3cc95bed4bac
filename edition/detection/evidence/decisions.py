"""The project's decisions: how often its editors accepted and rejected each pattern.

A *pattern* is a form and a reading (``tbe`` → ``the``); a flag with no reading is the form and
no reading. ``corrections/decisions.tsv``, beside the project lexicon, counts what the editors
decided about each pattern in the project's corrections files (:mod:`edition.corpus_review.learning`
writes it, from those files, before every ``detect``). Detection then weighs a proposal by what
was decided before (:meth:`ProjectDecisions.adjust`): a pattern accepted many times gains
confidence, one rejected loses it, and one rejected :data:`DROP_AFTER` times and never accepted
is not proposed again; its ``why`` says so ("accepted 14 times in this project").

The file, a worked example (tab-separated; a tab, a line end or a backslash in a form is written
``\\t``, ``\\n``, ``\\\\``, a ``#`` that begins a line ``\\#``; no reading is ``\\N``)::

    # Decisions of this project's editors, per pattern ...
    original	reading	accepted	rejected
    tbe	the	14	0
    bis	his	3	1
    Nentori	Mentori	0	4

- :func:`decisions_path` — where the file of a project lives (beside its corrections files);
- :func:`read_decisions` — the file as a :class:`ProjectDecisions` (empty when there is none);
- :func:`write_decisions` — write it (atomically, only when it changed: it is in git);
- :class:`ProjectDecisions` — the tallies, looked up by exact pattern or, failing that, by the
  pattern in lower case (``Tbe`` → ``The`` learns from ``tbe`` → ``the``), and
  :meth:`~ProjectDecisions.adjust` / :meth:`~ProjectDecisions.apply` for detection.

>>> d = ProjectDecisions({("tbe", "the"): Tally(14, 0), ("Nentori", "Mentori"): Tally(0, 4)})
>>> from edition.model import Proposal
>>> p = d.adjust(Proposal(0, 3, "Tbe", ("The",), "nonword", 0.6, "not a word"))
>>> p.confidence, p.why
(0.95, 'not a word; accepted 14 times in this project')
>>> d.adjust(Proposal(0, 7, "Nentori", ("Mentori",), "nonword", 0.8, "not a word")) is None
True
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from ...errors import EditionError
from ...model import Proposal
from ...store.atomic import write_atomic

DECISIONS_NAME = "decisions.tsv"

#: How many decisions the detector's own confidence is worth when it is weighed with the
#: project's: the new confidence is ``(PRIOR_WEIGHT * p + accepted) / (PRIOR_WEIGHT + accepted +
#: rejected)``, the mean of a Beta prior centred on the detector's ``p`` after the editors'
#: decisions. So one acceptance lifts a proposal of 0.85 to 0.9, two rejections sink one of 0.95
#: to 0.475. Measured on the development sets (docs/BENCHMARKS.md, "Decisions teach detection":
#: the gold decides the first 20 % of each set's documents, the other 80 % is scored) with 1, 2,
#: 4 and 8: the lighter the prior, the more proposals reach 0.9 and the more correct words they
#: break (BLN600 at >= 0.9: % improvement +3.5, +3.3, +3.2, +3.1 %, from +3.1 % without
#: decisions; broken per 1,000 words 0.17, 0.16, 0.09, 0.08, from 0.05; ICDAR 2017 +21.8 to
#: +21.7 % from +21.6 %, 0.15 broken throughout); 2 sits between, precision at >= 0.9 stays
#: 99.3 % and above.
PRIOR_WEIGHT = 2.0

#: A pattern rejected this many times in the project, and never accepted, is not proposed
#: again. Three: twice can be two places where the form happened to be right (a name, a
#: quotation); a third rejection with no acceptance is the editors' policy. Measured (same
#: section): on BLN600 the proposals no longer made are 185, of which 16 were right (91 % would
#: have been rejected again), on ICDAR 2017 17, of which 1 was right.
DROP_AFTER = 3

_HEADER = (
    "# Decisions of this project's editors, per pattern: how often each reading of each form was\n"
    "# accepted and rejected in the corrections files beside this one. `edition detect` rewrites it\n"
    "# from those files (decide there, not here) and weighs its proposals by it.\n"
)
_COLUMNS = ("original", "reading", "accepted", "rejected")
_NONE = "\\N"


@dataclass(frozen=True)
class Tally:
    """How often a pattern was accepted (or edited to this reading) and rejected."""

    accepted: int = 0
    rejected: int = 0

    def __post_init__(self) -> None:
        if self.accepted < 0 or self.rejected < 0:
            raise ValueError(f"a tally counts decisions: {self.accepted}, {self.rejected}")

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(self.accepted + other.accepted, self.rejected + other.rejected)

    @property
    def decisions(self) -> int:
        return self.accepted + self.rejected

    def said(self) -> str:
        """The tally in words, for a proposal's ``why``."""
        a, r = self.accepted, self.rejected
        if not r:
            return f"accepted {_times(a)} in this project"
        if not a:
            return f"rejected {_times(r)} in this project"
        return f"accepted {_times(a)}, rejected {_times(r)} in this project"


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


_SAID = re.compile(r"; (?:accepted (?P<a>once|twice|\d+ times))?(?:, )?"
                   r"(?:rejected (?P<r>once|twice|\d+ times))? in this project$")


def said_tally(why: str) -> Tally | None:
    """The tally a proposal's ``why`` says it was weighed by (:meth:`Tally.said`), or None.

    >>> said_tally("not a word; accepted 14 times, rejected once in this project")
    Tally(accepted=14, rejected=1)
    """
    m = _SAID.search(why)
    if m is None or not (m["a"] or m["r"]):
        return None
    def number(said: str | None) -> int:
        if not said:
            return 0
        return {"once": 1, "twice": 2}.get(said) or int(said.split()[0])

    return Tally(number(m["a"]), number(m["r"]))


def unweighed(confidence: float, why: str, prior: float = PRIOR_WEIGHT) -> float:
    """The detector's own confidence of a proposal that detection weighed by the project's
    decisions (its ``why`` says by which: :func:`said_tally`), so that it is not weighed twice;
    ``confidence`` itself for any other.

    >>> unweighed(0.95, "not a word; accepted 14 times in this project"), unweighed(0.7, "x")
    (0.6, 0.7)
    """
    tally = said_tally(why)
    if tally is None:
        return confidence
    raw = (confidence * (prior + tally.decisions) - tally.accepted) / prior
    return round(min(1.0, max(0.0, raw)), 3)


Pattern = tuple[str, "str | None"]


def fold(pattern: Pattern) -> Pattern:
    """The pattern in lower case, unless that makes its reading its form (a change of case is
    the pattern itself: ``Bill`` → ``bill``)."""
    original, reading = pattern
    low = (original.lower(), reading.lower() if reading is not None else None)
    return pattern if low[0] == low[1] else low


def weighed(confidence: float, tally: Tally, prior: float = PRIOR_WEIGHT) -> float:
    """The detector's ``confidence`` after the project's decisions (see :data:`PRIOR_WEIGHT`).

    >>> weighed(0.6, Tally(14, 0)), weighed(0.95, Tally(0, 1)), weighed(0.7, Tally())
    (0.95, 0.633, 0.7)
    """
    return round((prior * confidence + tally.accepted) / (prior + tally.decisions), 3)


class ProjectDecisions:
    """The project's tallies by pattern; see the module."""

    def __init__(self, tallies: Mapping[Pattern, Tally] | None = None, *,
                 prior: float = PRIOR_WEIGHT, drop_after: int | None = DROP_AFTER):
        self.tallies = dict(tallies or {})
        self.prior = prior
        self.drop_after = drop_after
        self._folded: dict[Pattern, Tally] = {}
        for pattern, tally in self.tallies.items():
            key = fold(pattern)
            self._folded[key] = self._folded.get(key, Tally()) + tally

    def __bool__(self) -> bool:
        return bool(self.tallies)

    def __len__(self) -> int:
        return len(self.tallies)

    def tally(self, original: str, reading: str | None) -> Tally | None:
        """What was decided about ``original`` → ``reading``: exactly this pattern, else the same
        in another case; None when nothing was."""
        found = self.tallies.get((original, reading))
        if found is None:
            found = self._folded.get(fold((original, reading)))
        return found

    def adjust(self, p: Proposal) -> Proposal | None:
        """``p`` weighed by the project's decisions: its reading the editors accepted most (when
        it is one of its readings and was accepted more often than the first), its confidence
        :func:`weighed`, its ``why`` saying so; None when its pattern is one the editors reject
        (:data:`DROP_AFTER`). A proposal whose pattern was never decided is returned as it is."""
        readings = p.readings
        best = 0
        tallies = [self.tally(p.original, r) for r in readings] if readings else \
            [self.tally(p.original, None)]
        if len(readings) > 1:
            accepted = [t.accepted if t is not None else 0 for t in tallies]
            top = max(range(len(readings)), key=lambda i: (accepted[i], -i))
            if accepted[top] > accepted[0]:
                best = top
        tally = tallies[best]
        if tally is None or not tally.decisions:
            return p
        if self.drop_after is not None and not tally.accepted and tally.rejected >= self.drop_after:
            return None
        if best:
            readings = (readings[best],) + readings[:best] + readings[best + 1:]
        return dataclasses.replace(p, readings=readings,
                                   confidence=weighed(p.confidence, tally, self.prior),
                                   why=f"{p.why}; {tally.said()}")

    def apply(self, proposals: Iterable[Proposal]) -> Iterator[Proposal]:
        """Every proposal :meth:`adjust`-ed, those the editors reject left out."""
        for p in proposals:
            q = self.adjust(p)
            if q is not None:
                yield q


def decisions_path(corrections_path: str | Path) -> Path:
    """The decisions file of the project a corrections file belongs to: beside it (and beside
    the project lexicon)."""
    return Path(corrections_path).parent / DECISIONS_NAME


def _escape(s: str | None) -> str:
    if s is None:
        return _NONE
    s = s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    # a line that begins with "#" is a comment: a form that does is written "\#"
    return "\\" + s if s.startswith("#") else s


_UNESCAPE = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r", "#": "#"}


def _unescape(s: str, path: Path, line: int) -> str | None:
    if s == _NONE:
        return None
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        if ch == "\\":
            nxt = s[i + 1:i + 2]
            if nxt not in _UNESCAPE:
                raise EditionError(f"{path}, line {line}: unknown escape \\{nxt} (known: \\\\ \\t "
                                   "\\n \\r \\#, and \\N for no reading)")
            out.append(_UNESCAPE[nxt])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def format_decisions(tallies: Mapping[Pattern, Tally]) -> str:
    """The text of a decisions file: the header, then one line per pattern in a fixed order
    (by form, then reading), so that a change of the decisions is a small diff."""
    lines = [_HEADER, "\t".join(_COLUMNS) + "\n"]
    for (original, reading), t in sorted(tallies.items(),
                                         key=lambda kv: (kv[0][0], kv[0][1] is None, kv[0][1] or "")):
        if t.decisions:
            lines.append(f"{_escape(original)}\t{_escape(reading)}\t{t.accepted}\t{t.rejected}\n")
    return "".join(lines)


def parse_decisions(text: str, path: Path) -> dict[Pattern, Tally]:
    """The tallies of a decisions file's text; a malformed line is refused with its number."""
    tallies: dict[Pattern, Tally] = {}
    header_seen = False
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\r").split("\t")
        if not header_seen and tuple(cells) == _COLUMNS:
            header_seen = True
            continue
        if len(cells) != 4:
            raise EditionError(f"{path}, line {n}: expected 4 tab-separated columns "
                               f"({', '.join(_COLUMNS)}), found {len(cells)}")
        original, reading = _unescape(cells[0], path, n), _unescape(cells[1], path, n)
        if original is None:
            raise EditionError(f"{path}, line {n}: the original cannot be \\N")
        try:
            tally = Tally(int(cells[2]), int(cells[3]))
        except ValueError:
            raise EditionError(f"{path}, line {n}: accepted and rejected must be whole numbers "
                               f"0 or more, got {cells[2]!r} and {cells[3]!r}") from None
        key = (original, reading)
        tallies[key] = tallies.get(key, Tally()) + tally
    return tallies


def read_decisions(path: str | Path) -> ProjectDecisions:
    """The decisions file at ``path`` (empty when there is none)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ProjectDecisions()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EditionError(f"{path}: not UTF-8 (byte offset {exc.start})") from None
    return ProjectDecisions(parse_decisions(text, path))


def write_decisions(path: str | Path, tallies: Mapping[Pattern, Tally]) -> bool:
    """Write the decisions file (atomically); False when it already says exactly this. With no
    decision at all, no file is made."""
    path = Path(path)
    text = format_decisions(tallies)
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        if not any(t.decisions for t in tallies.values()):
            return False
    write_atomic(path, text)
    return True
