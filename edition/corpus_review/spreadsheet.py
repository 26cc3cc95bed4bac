"""Review in a spreadsheet: export the entries to CSV, import the decisions filled in there.

``edition export DIR -o review.csv`` writes one row per entry; a colleague opens it in
LibreOffice or Excel, writes ``accept``, ``reject``, ``edit`` (with a reading), ``flag`` or
``reopen`` in the *decision* column of the rows they decide, and saves it as CSV;
``edition import review.csv`` applies those decisions through the same path as the command
line and the review page (:mod:`edition.corpus_review.batch`).

The columns (:data:`COLUMNS`): *document*, *id*, *context* (the form marked ⟦like this⟧),
*original*, *readings* (best first, separated by `` | ``), *confidence*, *status*, *kind*,
*why*, *current reading* and *decided by* (of a decided entry), *revision*, and the three the
editor fills in: *decision*, *reading* (for ``edit``, or to accept a reading other than the
first), *note* (for ``flag``).

Made to open as it is in both programs:

- UTF-8 with a byte-order mark (without one Excel reads UTF-8 as the local code page), commas,
  CRLF line ends, every cell that holds a comma, a quote or a line end quoted (RFC 4180);
- a cell that a spreadsheet would take for a formula (one that begins with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return: an OCR form such as ``-hibition``) or for a number, a date
  or a truth value (``0012``, ``1/2``, ``true``) begins with an apostrophe, which both keep as
  text and the import takes off again (a text that itself begins with an apostrophe before one
  of those gets one more), so that every text reads back exactly and no cell is ever run as a
  formula; the confidence is written as a number, to sort by;
- the revision begins with ``r``: a bare hexadecimal number such as ``12e45678...`` would be
  read as a number in scientific notation and lost.

The import reads UTF-8 with or without a byte-order mark, with commas, semicolons or tabs (as
Excel saves in locales whose list separator is not a comma). The *revision* is the entry's as it
was exported: an entry that changed since (a command, the review page, another spreadsheet) is
not overwritten but refused and reported, alone; every other row is applied. A row whose entry
is already as it decides (an import run twice) counts as done.

>>> escape_cell("-hibition"), escape_cell("0012"), escape_cell("'tis")
("'-hibition", "'0012", "'tis")
>>> [unescape_cell(escape_cell(v)) for v in ("'=x", "'12", "''", "1/2")]
["'=x", "'12", "''", '1/2']
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

from ..errors import EditionError
from ..model import CONTEXT_CHARS
from ..review import revision
from .batch import BatchReport, DocumentDecision, Item, Refusal, decide_across
from .documents import documents
from .listing import Listed

COLUMNS = ("document", "id", "context", "original", "readings", "confidence", "status", "kind",
           "why", "current reading", "decided by", "revision", "decision", "reading", "note")
#: What the *decision* column may say (in any case), and the action each is.
DECISIONS = {"accept": "accept", "accepted": "accept", "reject": "reject", "rejected": "reject",
             "edit": "edit", "edited": "edit", "flag": "flag", "flagged": "flag",
             "unclear": "flag", "reopen": "reopen"}
READINGS_SEPARATOR = " | "
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_MARK = ("⟦", "⟧")


#: Texts a spreadsheet opening a CSV file takes for a number, a date, a time or a truth value
#: (LibreOffice and Excel alike: ``0012`` becomes 12, ``1/2`` a date in some locales, ``true``
#: TRUE), and would write back changed.
_NOT_TEXT = re.compile(r"\s*(?:[-+(]?[$€£]?[\d.,]*\d[\d.,]*\)?(?:[eE][-+]?\d+)?\s*%?"
                       r"|\d{1,4}[-/.]\d{1,2}(?:[-/.]\d{1,4})?|\d{1,2}:\d{2}(?::\d{2})?"
                       r"|(?i:true|false))\s*")


def _guarded(value: str) -> bool:
    """True when a spreadsheet would not keep ``value`` as the text it is (a formula, a number,
    a date ...), or when it begins with an apostrophe that :func:`unescape_cell` would take off."""
    if value.startswith(_FORMULA) or _NOT_TEXT.fullmatch(value):
        return True
    return value[:1] == "'" and _guarded(value[1:])


def escape_cell(value: str) -> str:
    """``value`` as a spreadsheet cell that is kept as this text: never run as a formula, never
    turned into a number (see the module)."""
    return "'" + value if _guarded(value) else value


def unescape_cell(value: str) -> str:
    """The text of a cell :func:`escape_cell` wrote."""
    if value[:1] == "'" and _guarded(value[1:]):
        return value[1:]
    return value


def marked_context(item: Listed) -> str:
    """The entry's context with its form marked ⟦like this⟧ (the context holds
    :data:`~edition.model.CONTEXT_CHARS` characters on each side, fewer at the text's start)."""
    c = item.correction
    at = min(c.start, CONTEXT_CHARS)
    if c.context[at:at + len(c.original)] != c.original:
        return c.context  # an entry written by hand with another context
    return (c.context[:at] + _MARK[0] + c.original + _MARK[1]
            + c.context[at + len(c.original):])


def row(item: Listed) -> list[str]:
    """The cells of one entry, in :data:`COLUMNS` order, the three to fill in empty."""
    c = item.correction
    status = c.status.value + (" (stale)" if c.stale else "")
    cells = [item.document.name, c.id, marked_context(item), c.original,
             READINGS_SEPARATOR.join(c.readings), f"{c.confidence:g}", status, c.kind.value,
             c.why, c.reading if c.reading is not None else "", c.by or "",
             "r" + revision(c), "", "", ""]
    return [escape_cell(v) for v in cells]


def write_csv(items: Iterable[Listed], out: IO[str], *, bom: bool = True) -> int:
    """Write the header and one row per entry to ``out`` (opened with ``newline=""``); returns
    the number of rows. ``bom``: begin with a byte-order mark (for a file; not for a pipe)."""
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    n = 0
    for item in items:
        writer.writerow(row(item))
        n += 1
    return n


def export_csv(items: Iterable[Listed], path: str | Path) -> int:
    """Write the spreadsheet to ``path`` atomically (a file cut short is never left there);
    returns the number of rows."""
    from ..store.atomic import write_atomic

    buffer = io.StringIO(newline="")
    n = write_csv(items, buffer)
    write_atomic(path, buffer.getvalue().encode("utf-8"))
    return n


# --------------------------------------------------------------------------- import


@dataclass(frozen=True)
class Row:
    """A filled-in row: where it is in the file (for messages: its row as a spreadsheet numbers
    it, the header row 1), its entry, and the decision."""

    line: int
    document: str
    id: str
    revision: str
    action: str
    reading: str | None
    note: str | None


@dataclass
class ImportReport:
    rows: int = 0  # rows read
    decisions: int = 0  # rows with a decision
    refused: list[Refusal] = field(default_factory=list)  # rows refused before any file is read
    batch: BatchReport = field(default_factory=BatchReport)

    @property
    def all_refused(self) -> list[Refusal]:
        return self.refused + self.batch.refused


def _decode(data: bytes, path: Path) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EditionError(
            f"{path}: not UTF-8 (byte offset {exc.start}); in Excel save it as \"CSV UTF-8 "
            "(Comma delimited)\", in LibreOffice choose the character set Unicode (UTF-8)"
        ) from None
    return text.removeprefix("\ufeff")


def _dialect(header: str, path: Path) -> str:
    for delimiter in (",", ";", "\t"):
        cells = next(csv.reader([header], delimiter=delimiter))
        if "id" in cells and "revision" in cells and "decision" in cells:
            return delimiter
    raise EditionError(f"{path}: its first line is not the header `edition export` writes (no "
                       "columns id, revision and decision found)")


def read_rows(path: str | Path) -> tuple[list[Row], list[Refusal], int]:
    """The rows of a filled-in spreadsheet that decide something, the rows refused as they are
    (an unknown decision, no revision, an entry listed twice), and the number of rows."""
    path = Path(path)
    try:
        text = _decode(path.read_bytes(), path)
    except FileNotFoundError:
        raise EditionError(f"{path}: no such file") from None
    first = text.split("\n", 1)[0].rstrip("\r")
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_dialect(first, path))
    missing = [c for c in ("document", "id", "revision", "decision") if c not in
               (reader.fieldnames or ())]
    if missing:
        raise EditionError(f"{path}: no column {', '.join(missing)}: export the file again with "
                           "`edition export`")
    rows: list[Row] = []
    refused: list[Refusal] = []
    seen: dict[tuple[str, str], int] = {}
    n = 0
    for n, cells in enumerate(reader, start=1):
        # the row a spreadsheet shows (the header is row 1), not the file's line: a context
        # with a paragraph break makes one row two or more lines of the file
        line = n + 1
        decision = (cells.get("decision") or "").strip()
        if not decision:
            continue
        document = unescape_cell(cells.get("document") or "")
        cid = (cells.get("id") or "").strip()
        action = DECISIONS.get(decision.lower())
        where = f"row {line}"
        if action is None:
            refused.append(Refusal(document, cid, f"{where}: unknown decision {decision!r} (use "
                                   "accept, reject, edit, flag or reopen)"))
            continue
        rev = (cells.get("revision") or "").strip()
        if not (rev.startswith("r") and len(rev) == 17):
            refused.append(Refusal(document, cid, f"{where}: no revision as `edition export` "
                                   "writes it (r and 16 hexadecimal digits); export again"))
            continue
        key = (document, cid)
        if key in seen:
            refused.append(Refusal(document, cid, f"{where}: this entry was decided already on "
                                   f"row {seen[key]}"))
            continue
        seen[key] = line
        reading = unescape_cell(cells.get("reading") or "")
        note = unescape_cell(cells.get("note") or "")
        if action == "edit" and not reading:
            refused.append(Refusal(document, cid, f"{where}: edit needs a reading (the reading "
                                   "column)"))
            continue
        rows.append(Row(line, document, cid, rev[1:], action,
                        reading if reading and action in ("accept", "edit") else None,
                        note if note and action == "flag" else None))
    return rows, refused, n


def import_csv(path: str | Path, *, by: str, corrections: str | Path | None = None,
               map: Callable[..., Iterator] | None = None,
               progress: Callable[..., None] | None = None) -> ImportReport:
    """Apply the decisions of a filled-in spreadsheet (see the module). Each document is
    ``corrections/<stem>.yaml`` of the source its *document* cell names (relative to the
    current folder, as it was exported), or ``corrections`` when every row is of one document.
    ``map`` and ``progress`` as for :func:`~edition.corpus_review.batch.decide_across`."""
    rows, refused, n = read_rows(path)
    report = ImportReport(rows=n, decisions=len(rows) + len(refused), refused=refused)
    by_document: dict[str, list[Row]] = {}
    for r in rows:
        by_document.setdefault(r.document, []).append(r)
    if corrections is not None and len(by_document) > 1:
        raise EditionError("--corrections names the file of one document; this spreadsheet has "
                           f"rows of {len(by_document)}")
    tasks = []
    for name, group in by_document.items():
        if not name:
            report.refused.extend(Refusal(name, r.id, f"row {r.line}: no document")
                                  for r in group)
            continue
        doc = documents([Path(name)], None)[0]
        if corrections is not None:
            doc = type(doc)(doc.name, doc.source, Path(corrections))
        items = tuple(Item(r.id, r.revision, r.action, r.reading, r.note) for r in group)
        tasks.append(DocumentDecision(doc, "accept", by, items=items))
    report.batch = decide_across(tasks, map=map, progress=progress)
    return report
