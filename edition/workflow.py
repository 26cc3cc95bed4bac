"""The editor's workflow as library calls: what each CLI command (and the review page) does.

- :func:`open_project` — read a source and its corrections file (relocating after a source edit).
- :func:`detect_into` — run detection and merge new proposals into the corrections file.
- :func:`decide` — apply one review action to a selection and save.
- :func:`add` — record a correction the detectors missed and save.
- :func:`status_table` — counts per kind and status.
- :func:`corrected_text` — the reading text (accepted and edited corrections applied).
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Literal, Mapping, Sequence

from . import review
from .apply import apply_corrections
from .store import (CorrectionsFile, MergeReport, default_corrections_path, load_corrections,
                    merge_proposals, save_corrections, source_encoding)
from .errors import EditionError
from .detection.evidence.project import project_lexicon_path, read_project_lexicon
from .detection.evidence.vocabulary import CorpusVocabulary
from .model import Correction, Kind, Status
from .source import Source, read_source
from .witnesses.tokens import Witness


@dataclass
class Project:
    """A source and its corrections file, opened together."""

    source: Source
    corrections: CorrectionsFile

    @property
    def lexicon_path(self) -> Path:
        return project_lexicon_path(self.corrections.path)

    def save(self) -> None:
        save_corrections(self.corrections)


def open_project(source_path: str | Path, corrections_path: str | Path | None = None, *,
                 encoding: str | None = None, missing_ok: bool = False,
                 rebase: bool = False) -> Project:
    """Read ``source_path`` and its corrections file (default ``corrections/<stem>.yaml``).

    ``encoding``: the source's; by default the one its corrections file records, else UTF-8
    (a given one is recorded in the file at the next save). ``rebase``: move the corrections
    file to this source on purpose (see :func:`edition.store.load_corrections`)."""
    path = Path(corrections_path) if corrections_path else default_corrections_path(source_path)
    source = read_source(source_path, source_encoding(path, encoding))
    return Project(source, load_corrections(path, source, missing_ok=missing_ok, rebase=rebase))


def detect_into(project: Project, corpus_counts: Mapping[str, int] | None = None,
                progress: Callable[[str], None] | None = None,
                witnesses: Sequence[Witness] = (), corpus: CorpusVocabulary | None = None
                ) -> MergeReport:
    """Detect artifacts in the source and merge the new proposals into the corrections file
    (``corpus_counts``: the word counts of the rest of its corpus, see :mod:`edition.corpus`, or
    ``corpus``: the whole corpus's, shared by its documents;
    ``progress``: called with each detector's name as it finishes; ``witnesses``: other
    transcriptions of the text, see :mod:`edition.detection.detectors.witness`). The project
    lexicon and the project's decisions (``decisions.tsv`` beside the corrections file, see
    :mod:`edition.detection.evidence.decisions`) are read as they are on disk."""
    from .detection.evidence.decisions import decisions_path, read_decisions
    from .detection.runner import detect

    words = read_project_lexicon(project.lexicon_path)
    decisions = read_decisions(decisions_path(project.corrections.path))
    proposals = detect(project.source.text, project_words=words, corpus_counts=corpus_counts,
                       corpus=corpus, progress=progress, ocr=project.source.ocr, decisions=decisions,
                       witnesses=witnesses)
    report = merge_proposals(project.corrections, project.source, proposals)
    project.save()
    return report


Action = Literal["accept", "reject", "edit", "flag", "reopen", "redo"]


def decide(project: Project, selection: review.Selection, action: Action, *, by: str,
           reading: str | None = None, note: str | None = None, kind: Kind | str | None = None,
           save: bool = True) -> list[Correction]:
    """Apply ``action`` (:func:`edition.review.decide`) to every selected correction and save;
    returns the changed entries.

    ``kind`` re-classifies accepted or edited corrections (e.g. as a ``variant``)."""
    if action == "reopen" and not selection.decided:
        selection = dataclasses.replace(selection, decided=True)  # reopen undoes decisions
    chosen = review.select(project.corrections, selection)
    if action == "accept" and reading is None and not selection.ids:
        # a selection by filters leaves flag-only proposals (no reading to accept) pending,
        # rather than failing the whole batch on them; named by id, they still get the error
        chosen = [c for c in chosen if c.readings]
    if action == "edit" and reading is None:
        raise EditionError("edit needs --reading TEXT")
    changed = [review.decide(c, action, by=by, reading=reading, note=note, kind=kind)
               for c in chosen]
    for c in changed:
        project.corrections.put(c)
    if changed and save:
        project.save()
    return changed


def add(project: Project, *, reading: str | None, kind: Kind | str, by: str,
        find: str | None = None, occurrence: int = 1, at: int | None = None,
        length: int | None = None, why: str | None = None) -> Correction:
    """Record a correction the detectors missed (flagged unclear when there is no reading)."""
    start, end = review.find_span(project.source.text, find, occurrence, at, length)
    c = review.add_correction(project.source.text, project.corrections, start, end,
                              reading=reading, kind=kind, by=by, why=why)
    project.corrections.put(c)
    project.save()
    return c


def status_table(corrections: CorrectionsFile) -> dict[str, Counter[str]]:
    """``{kind: Counter(status -> n)}`` plus ``"stale"`` counted as a status."""
    table: dict[str, Counter[str]] = {}
    for c in corrections:
        row = table.setdefault(c.kind.value, Counter())
        row["stale" if c.stale else c.status.value] += 1
    return dict(sorted(table.items()))


def corrected_text(project: Project, include_proposals: bool = False, skip_stale: bool = False) -> str:
    """The source with accepted and edited corrections applied."""
    stale = [c for c in project.corrections if c.stale and (c.status.changes_text or include_proposals)]
    if stale and not skip_stale:
        ids = ", ".join(c.id for c in stale[:5]) + (" ..." if len(stale) > 5 else "")
        raise EditionError(f"{len(stale)} correction(s) could not be found in the changed source: "
                           f"{ids}; review them (or pass --skip-stale to apply the rest)")
    return apply_corrections(project.source.text, project.corrections, include_proposals)


__all__ = ["Project", "open_project", "detect_into", "decide", "add", "status_table",
           "corrected_text", "Status", "Kind"]
