"""The project's decisions per pattern, counted from its corrections files.

What the editors decided is in the corrections files; :func:`tallies` counts it per pattern
(a form and a reading), and :func:`learn` writes the count to the project's ``decisions.tsv``
(:mod:`edition.detection.evidence.decisions`: its format, and how detection weighs it), which
``edition detect`` runs first. The file is a summary that can always be made again from the
corrections files, and it is in git beside them, so that a diff shows what the project learned.

How an entry counts, for its *proposed* pattern (the form and the detector's best reading):

- accepted with that reading: the pattern is accepted;
- accepted with another of its readings, or edited: the pattern the editor chose
  (form → their reading) is accepted, and the proposed one rejected (it was not right here);
- rejected: the proposed pattern is rejected (a flag with no reading: the flag is);
- flagged: a flag the detector proposed is accepted; a reading the editor flagged as unclear
  counts neither way (no reading was safe there, which says nothing of the pattern);
- pending: nothing.

An entry an editor added counts as accepted (its form → its reading), like an edit.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..detection.evidence.decisions import Pattern, Tally, decisions_path, write_decisions
from ..model import Status
from .documents import documents_in
from .index import STALE, CorpusIndex, Summary

_STATUS = {s: i for i, s in enumerate(Status)}
_ACCEPTED, _REJECTED, _EDITED, _FLAGGED = (_STATUS[s] for s in (
    Status.ACCEPTED, Status.REJECTED, Status.EDITED, Status.FLAGGED))


def tallies(summaries: Iterable[Summary]) -> dict[Pattern, Tally]:
    """The decisions of ``summaries`` per pattern (see the module for how each entry counts).

    >>> from edition.model import Correction
    >>> from edition.corpus_review.index import summarize
    >>> c = Correction("nw-1", 0, 3, "tbe", "nonword", readings=("the", "tho"))
    >>> s = summarize([c.replace(status="accepted", reading="the"),
    ...                c.replace(id="nw-2", status="accepted", reading="tho"),
    ...                c.replace(id="nw-3", status="rejected")])
    >>> sorted(tallies([s]).items())
    [(('tbe', 'the'), Tally(accepted=1, rejected=2)), (('tbe', 'tho'), Tally(accepted=1, rejected=0))]
    """
    counts: dict[Pattern, list[int]] = {}

    def count(pattern: Pattern, accepted: int, rejected: int) -> None:
        c = counts.get(pattern)
        if c is None:
            counts[pattern] = [accepted, rejected]
        else:
            c[0] += accepted
            c[1] += rejected

    for s in summaries:
        for j, state in enumerate(s.states):
            state &= ~STALE  # a decision on an entry the source lost is still a decision
            if not state:
                continue
            original, proposed = s.originals[j], s.proposed[j]
            if state == _ACCEPTED or state == _EDITED:
                reading = s.readings[j]
                if reading == proposed:
                    count((original, proposed), 1, 0)
                else:
                    count((original, reading), 1, 0)
                    if proposed is not None:
                        count((original, proposed), 0, 1)
            elif state == _REJECTED:
                count((original, proposed), 0, 1)
            elif state == _FLAGGED and proposed is None:
                count((original, None), 1, 0)
    return {k: Tally(a, r) for k, (a, r) in counts.items()}


def learn(corrections_dir: str | Path, index: CorpusIndex | None = None
          ) -> tuple[Path, bool, dict[int, str]]:
    """Count the decisions of every corrections file in ``corrections_dir`` into its
    ``decisions.tsv``. ``index``: the index of those documents, if one is at hand (else one is
    made; it reads only the files that changed since it last did, see
    :mod:`edition.corpus_review.index`). Returns the file, whether it changed, and the
    documents that could not be read (index → why), whose decisions were not counted."""
    folder = Path(corrections_dir)
    path = decisions_path(folder / "x.yaml")
    if index is None:
        docs = documents_in(folder)
        if not docs:
            return path, False, {}
        index = CorpusIndex(docs)
    index.refresh()
    changed = write_decisions(path, tallies(index.summaries))
    return path, changed, dict(index.problems)
