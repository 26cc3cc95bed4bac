"""Verifying a built edition: it is the source plus the accepted decisions, nothing more or less.

:func:`verify_edition` checks, in this order, and stops at the first discrepancy (a
:class:`Discrepancy` names the file and the place):

1. every output file is there;
2. the TEI is well-formed, and its SHA-256 of the source is the source's (else the source changed
   since the build);
3. the TEI is valid (against the edition's TEI customization; ``strict``: against
   ``tei_all``, jing's RELAX NG + Schematron when installed, else lxml's RELAX NG) and every
   ``#pointer`` in it resolves;
4. from the TEI alone, the source reading of every block equals the source there;
5. for a source made from OCR files, the TEI's facsimile is the OCR's: a surface per page with
   its image, a zone per line and per decided word with the OCR's coordinates, a ``pb`` and an
   ``lb`` where each page and line begins in the source, each decision linked to its words
   (:func:`edition.publish.tei.facsimile.facsimile_discrepancies`); and the TEI encodes exactly
   the accepted, edited and flagged decisions of the corrections file, each with its original,
   reading, kind, editor and confidence;
6. from the TEI alone, the reading text equals the source with the decisions applied, and the
   reading-text file equals it;
7. the audit lists exactly the decisions, entry by entry;
8. every file equals what a fresh build gives, byte for byte (this catches an edit of the
   header, of the diff page or of the reading view); and every diff hunk is explained by a
   decision.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import EditionError
from ..model import Kind, Status
from ..source import read_source
from ..store import default_corrections_path, source_encoding
from ..workflow import Project, open_project
from .audit import audit_record
from .build import OutputPaths, Validation, make_edition, output_paths, validation_errors
from .diff import line_col
from .apparatus import listed_witnesses, reread_witnesses
from .plan import EditionPlan, plan_edition, xml_id
from .tei.facsimile import facsimile_discrepancies
from .tei.pointers import unresolved_pointers
from .tei.reader import EditionText, block_at, parse_tei, read_edition
from .tei.writer import cert_value, editor_ids


@dataclass(frozen=True)
class Discrepancy:
    """The first thing found wrong: which file, where in it, what."""

    file: str
    place: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.place}" if self.place else self.file
        return f"{where}: {self.message}"


def _first_difference(a: str, b: str) -> int | None:
    if a == b:
        return None
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n


def _show(s: str, at: int, width: int = 30) -> str:
    return repr(s[at:at + width])


def _text_mismatch(ed: EditionText, tei_name: str, got: str, want: str, side: str,
                   want_name: str) -> Discrepancy | None:
    d = _first_difference(got, want)
    if d is None:
        return None
    line, col = line_col(want, d)
    block = block_at(ed.blocks, d, side)
    place = f"line {block.line}" if block else ""
    where = f"<{block.tag}> block" if block else "whitespace between blocks"
    return Discrepancy(tei_name, place,
                       f"the {side} text read from the TEI ({where}) differs from {want_name} at "
                       f"its line {line}, column {col}: TEI gives {_show(got, d)}, expected "
                       f"{_show(want, d)}")


def _decision_checks(project: Project, ed: EditionText, paths: OutputPaths,
                     plan: EditionPlan) -> Iterator[Discrepancy]:
    cfile = str(project.corrections.path)
    expected = plan.encoded
    editors = editor_ids(project.corrections, {xml_id(c.id) for c in expected})
    in_tei = {d.xml_id: d for d in ed.decisions}
    for c in expected:
        line = project.corrections.line_of(c.id)
        place = f"{line}" if line else f"entry {c.id}"
        d = in_tei.pop(xml_id(c.id), None)
        if d is None:
            yield Discrepancy(cfile, place, f"decision {c.id} ({c.status} {c.original!r}"
                              + (f" → {c.reading!r}" if c.reading is not None else "")
                              + ") is not in the edition: it was made or changed after the build "
                                "(run edition build again)")
            return
        want = {
            "element": "unclear" if c.status is Status.FLAGGED else
                       ("orig/reg" if c.kind is Kind.VARIANT else "sic/corr"),
            "original": c.original,
            "reading": None if c.status is Status.FLAGGED else c.reading,
            "kind": None if c.status is Status.FLAGGED else c.kind.value,
            "editor": f"#{editors[c.by]}" if c.by else None,
            "confidence": cert_value(c.confidence),
        }
        got = {"element": d.element, "original": d.original, "reading": d.reading,
               "kind": d.type, "editor": d.resp, "confidence": d.cert}
        for key in want:
            if want[key] != got[key]:
                yield Discrepancy(str(paths.tei), f"line {d.line}",
                                  f"decision {c.id}: the edition has {key} {got[key]!r}, the "
                                  f"corrections file ({cfile}, line {line}) has {want[key]!r}; "
                                  f"the TEI was edited, or the decision changed after the build")
                return
    for d in in_tei.values():
        yield Discrepancy(str(paths.tei), f"line {d.line}",
                          f"{d.element} xml:id={d.xml_id!r} matches no accepted, edited or flagged "
                          f"decision in {cfile}")
        return


def _audit_checks(project: Project, paths: OutputPaths, plan: EditionPlan) -> Iterator[Discrepancy]:
    name = str(paths.audit)
    try:
        got = json.loads(paths.audit.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        yield Discrepancy(name, "", f"not valid JSON ({exc})")
        return
    want = audit_record(plan, tei_name=paths.tei.name)
    if not isinstance(got, dict):
        yield Discrepancy(name, "", "not an audit record (expected a JSON object)")
        return
    if not isinstance(got.get("entries"), list):
        yield Discrepancy(name, "entries", "not a list of decisions")
        return
    got_entries = {e.get("id"): e for e in got["entries"] if isinstance(e, dict)}
    for e in want["entries"]:
        g = got_entries.pop(e["id"], None)
        if g is None:
            yield Discrepancy(name, f"entry {e['id']}",
                              f"decision {e['id']} ({e['status']}) is missing from the audit: made "
                              f"or changed after the build, or removed from the audit")
            return
        for key, value in e.items():
            if g.get(key) != value:
                yield Discrepancy(name, f"entry {e['id']}",
                                  f"{key} is {g.get(key)!r} in the audit, {value!r} in the "
                                  f"corrections file and source")
                return
    for cid in got_entries:
        yield Discrepancy(name, f"entry {cid}", f"the audit lists {cid}, which is no decision of "
                                                f"{project.corrections.path}")
        return
    for key in want:
        if key != "entries" and got.get(key) != want[key]:
            yield Discrepancy(name, key, f"{key} is {got.get(key)!r}, expected {want[key]!r}")
            return


def _byte_check(path: Path, got: bytes, want: bytes) -> Discrepancy | None:
    if got == want:
        return None
    got_lines, want_lines = got.split(b"\n"), want.split(b"\n")
    for n, (g, w) in enumerate(zip(got_lines, want_lines), 1):
        if g != w:
            d = _first_difference(g.decode("utf-8", "replace"), w.decode("utf-8", "replace")) or 0
            gs, ws = g.decode("utf-8", "replace"), w.decode("utf-8", "replace")
            return Discrepancy(str(path), f"line {n}",
                               f"differs from a fresh build at column {d + 1}: has "
                               f"{_show(gs, max(0, d - 10), 50)}, a build gives "
                               f"{_show(ws, max(0, d - 10), 50)}")
    return Discrepancy(str(path), f"line {min(len(got_lines), len(want_lines))}",
                       f"has {len(got_lines)} lines, a fresh build gives {len(want_lines)}")


def discrepancies(source_path: str | Path, out_dir: str | Path | None = None, *,
                  corrections_path: str | Path | None = None, encoding: str | None = None,
                  validation: Validation = "edition") -> Iterator[Discrepancy]:
    """Every check of the module docstring, yielding discrepancies as they are found."""
    paths = output_paths(source_path, out_dir)
    cpath = corrections_path or default_corrections_path(source_path)
    read_source(source_path, source_encoding(cpath, encoding))  # a bad source is named first
    for p in paths.all():
        if not p.exists():
            yield Discrepancy(str(p), "", "missing: run `edition build` first")
            return
    project = open_project(source_path, corrections_path, encoding=encoding, missing_ok=True)
    source = project.source
    tei_bytes = paths.tei.read_bytes()
    try:
        doc = parse_tei(tei_bytes, str(paths.tei))
        ed = read_edition(doc)
    except EditionError as exc:
        yield Discrepancy(str(paths.tei), "", str(exc))
        return
    if ed.sha256 != source.sha256:
        yield Discrepancy(str(source.path), "",
                          f"the source changed since the build: its SHA-256 is {source.sha256}, "
                          f"the edition was built from {ed.sha256}")
        return
    validator, errors = validation_errors(tei_bytes, validation)
    if errors:
        yield Discrepancy(str(paths.tei), "", f"not valid TEI ({validator}): {errors[0]}")
        return
    for p in unresolved_pointers(doc):
        yield Discrepancy(str(paths.tei), f"line {p.line}",
                          f"{p.element}/@{p.attribute}={p.target} points to nothing")
        return
    bad = _text_mismatch(ed, str(paths.tei), ed.source, source.text, "source", str(source.path))
    if bad:
        yield bad
        return
    try:  # the witnesses the edition lists, read again (their files must not have changed)
        witnesses = reread_witnesses(listed_witnesses(doc.getroot()))
    except EditionError as exc:
        yield Discrepancy(str(paths.tei), "listWit", str(exc))
        return
    try:
        plan = plan_edition(source, project.corrections, witnesses)
    except EditionError as exc:  # a decision that cannot be published: stale, misplaced, overlapping
        yield Discrepancy(str(project.corrections.path), "", str(exc))
        return
    if plan.facsimile is not None:
        for line, message in facsimile_discrepancies(doc.getroot(), plan.facsimile, paths.tei.parent):
            yield Discrepancy(str(paths.tei), f"line {line}" if line else "", message)
            return
    yield from _decision_checks(project, ed, paths, plan)
    reading = plan.reading
    bad = _text_mismatch(ed, str(paths.tei), ed.reading, reading, "reading",
                         "the source with its decisions applied")
    if bad:
        yield bad
        return
    txt = paths.text.read_bytes().decode("utf-8", "replace")
    d = _first_difference(txt, ed.reading)
    if d is not None:
        line, col = line_col(ed.reading, d)
        yield Discrepancy(str(paths.text), f"line {line}, column {col}",
                          f"differs from the reading text of the TEI: has {_show(txt, d)}, the TEI "
                          f"gives {_show(ed.reading, d)}")
        return
    yield from _audit_checks(project, paths, plan)
    files = make_edition(project, paths, plan)
    if files.unexplained_hunks:
        yield Discrepancy(str(paths.diff), "", f"{files.unexplained_hunks} change(s) in the diff "
                                               f"are explained by no decision")
        return
    for path, want in ((paths.tei, files.tei), (paths.text, files.reading.encode("utf-8")),
                       (paths.audit, files.audit.encode("utf-8")),
                       (paths.diff, files.diff_html.encode("utf-8")),
                       (paths.html, files.html.encode("utf-8"))):
        bad = _byte_check(path, path.read_bytes(), want)
        if bad:
            yield bad
            return


def verify_edition(source_path: str | Path, out_dir: str | Path | None = None, **kw
                   ) -> Discrepancy | None:
    """The first discrepancy of the built edition of ``source_path``, or None when it holds."""
    return next(discrepancies(source_path, out_dir, **kw), None)


__all__ = ["Discrepancy", "discrepancies", "verify_edition"]
