"""Reviewing a corpus from the command line: deciding a pattern across a folder (and killed
half-way), listing, and the spreadsheet round trip, each as a user runs it."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_helpers import ROOT, run
from corpus_sample import instances, make_corpus
from edition.corpus_review.spreadsheet import escape_cell
from edition.store import load_corrections, parse_corrections
from edition.model import Status
from edition.source import read_source

pytestmark = pytest.mark.slow


def entries(root: Path, name: str) -> dict:
    """The entries of document ``name`` as the store reads them, by id."""
    src = root / "texts" / f"{name}.txt"
    return {c.id: c for c in load_corrections(root / "corrections" / f"{name}.yaml",
                                              read_source(src))}


def every_entry(root: Path):
    for path in sorted((root / "corrections").glob("doc*.yaml")):
        for c in entries(root, path.stem).values():
            yield path.stem, c


# ------------------------------------------------------------------ one decision, many files


def test_accept_a_pattern_across_a_folder_and_say_what_changed(tmp_path):
    make_corpus(tmp_path, 12)
    holding = instances(tmp_path, "tbe")
    before = {p.name: p.read_bytes() for p in (tmp_path / "corrections").glob("*.yaml")}
    r = run("accept", "texts", "--original", "tbe", "--reading", "the", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    n = sum(holding.values())
    assert f"{len(holding)} document(s) changed, {n} entries accepted ('tbe' → 'the'; " \
           f"12 document(s) in texts)" in r.stdout
    for name, c in every_entry(tmp_path):
        if c.original == "tbe":
            assert (c.status, c.reading, c.by) == (Status.ACCEPTED, "the", "Test Editor")
        else:
            assert c.status is Status.PROPOSED
    # every other line of every file is as it was: one decision is a few lines of diff
    for p in (tmp_path / "corrections").glob("*.yaml"):
        old, new = before[p.name].decode().splitlines(), p.read_text().splitlines()
        added = [line for line in new if line not in old]
        assert all(line.split(":")[0].strip() in ("status", "reading", "by", "on") for line in added)
        assert len(added) == 4 * holding.get(p.name, 0)
    # run again: the decisions are in the files, so there is nothing left to do
    again = run("accept", "texts", "--original", "tbe", "--reading", "the", cwd=tmp_path)
    assert again.returncode == 0
    assert "nothing to do: no pending correction in 12 document(s) matches" in again.stdout
    # reject by pattern, reopen by pattern (the history keeps what was undone)
    r = run("reject", "texts", "--original", "aud", cwd=tmp_path, check=True)
    assert f"{sum(instances(tmp_path, 'aud').values())} entries rejected" in r.stdout
    r = run("reopen", "texts", "--original", "tbe", "--jobs", "2", cwd=tmp_path, check=True)
    assert f"{n} entries reopened" in r.stdout
    reopened = [c for _, c in every_entry(tmp_path) if c.original == "tbe"]
    assert all(c.status is Status.PROPOSED and c.history for c in reopened)


def test_a_folder_takes_filters_not_ids(tmp_path):
    make_corpus(tmp_path, 2)
    r = run("accept", "texts", "nw-12345678", cwd=tmp_path)
    assert r.returncode == 1 and "ids name entries of one document" in r.stderr
    r = run("accept", "texts", cwd=tmp_path)
    assert r.returncode == 1 and "say which corrections" in r.stderr


def test_a_batch_killed_half_way_leaves_every_file_old_or_new_and_running_it_again_does_the_rest(
        tmp_path):
    make_corpus(tmp_path, 150)
    files = sorted((tmp_path / "corrections").glob("doc*.yaml"))
    old = {p: p.read_bytes() for p in files}
    inode = {p: p.stat().st_ino for p in files}
    env = dict(os.environ, PYTHONPATH=str(ROOT), EDITION_EDITOR="Test Editor")
    proc = subprocess.Popen([sys.executable, "-m", "edition", "accept", "texts", "--original",
                             "tbe", "--reading", "the", "--jobs", "1"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while True:  # every write replaces the file (a new inode): kill once some are written
        written = sum(1 for p in files if p.stat().st_ino != inode[p])
        if written >= 10:
            proc.send_signal(signal.SIGKILL)
            break
        assert proc.poll() is None, "the batch ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    done, untouched = [], []
    for p in files:
        data = p.read_bytes()
        cf = parse_corrections(p, data)  # whole: never half-written
        statuses = {c.status for c in cf if c.original == "tbe"}
        if data == old[p]:
            untouched.append(p)
        else:
            assert statuses == {Status.ACCEPTED}, p  # the file is all new
            done.append(p)
    assert done and untouched, (len(done), len(untouched))
    left = sum(instances(tmp_path, "tbe")[p.name] for p in untouched)
    r = run("accept", "texts", "--original", "tbe", "--reading", "the", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert f"{len(untouched)} document(s) changed, {left} entries accepted" in r.stdout
    assert all(c.status is Status.ACCEPTED for _, c in every_entry(tmp_path) if c.original == "tbe")


# ------------------------------------------------------------------ list


def test_list_filters_and_formats(tmp_path):
    make_corpus(tmp_path, 4)
    run("reject", "texts", "--original", "aud", cwd=tmp_path, check=True)
    table = run("list", "texts", "--status", "pending", cwd=tmp_path, check=True).stdout
    n_tbe = sum(instances(tmp_path, "tbe").values())
    assert table.splitlines()[0].split() == ["document", "id", "status", "kind", "conf",
                                             "original", "→", "reading", "context"]
    assert f"{n_tbe} entries in 4 of 4 document(s)" in table
    assert "tbe → the" in table and "aud" not in table
    data = json.loads(run("list", "texts", "--status", "rejected", "--format", "json",
                          cwd=tmp_path, check=True).stdout)
    assert {d["original"] for d in data} == {"aud"} and all(d["by"] == "Test Editor" for d in data)
    assert {"document", "id", "revision", "context", "why"} <= set(data[0])
    rows = list(csv.DictReader(io.StringIO(run("list", "texts", "--original", "tbe", "--format",
                                               "csv", cwd=tmp_path, check=True).stdout)))
    assert len(rows) == n_tbe and {r["document"] for r in rows} <= {f"texts/doc00{i}.txt" for i in range(4)}
    # the text search: in the context too, in any case unless it has a capital
    every = json.loads(run("list", "texts", "--format", "json", cwd=tmp_path, check=True).stdout)
    word = "with"
    hits = json.loads(run("list", "texts", "--search", word, "--format", "json",
                          cwd=tmp_path, check=True).stdout)
    assert len(hits) == sum(1 for e in every if word in e["context"].lower()) > 0
    capital = json.loads(run("list", "texts", "--search", word.title(), "--format", "json",
                             cwd=tmp_path, check=True).stdout)
    assert len(capital) == sum(1 for e in every if word.title() in e["context"]) < len(hits)
    one = run("list", "texts/doc001.txt", "--min-confidence", "0.9", cwd=tmp_path, check=True)
    assert "document" not in one.stdout.splitlines()[0] and "aud" not in one.stdout


# ------------------------------------------------------------------ the spreadsheet


def read_sheet(path: Path) -> tuple[list[str], list[dict]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a byte-order mark: Excel reads UTF-8
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return list(reader.fieldnames), list(reader)


def write_sheet(path: Path, fields: list[str], rows: list[dict], delimiter: str = ",") -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fields, delimiter=delimiter, lineterminator="\r\n")
        w.writeheader()
        w.writerows(rows)


def test_spreadsheet_round_trip_with_a_conflicting_edit(tmp_path):
    make_corpus(tmp_path, 3)
    r = run("export", "texts", "-o", "review.csv", cwd=tmp_path, check=True)
    fields, rows = read_sheet(tmp_path / "review.csv")
    assert fields == ["document", "id", "context", "original", "readings", "confidence", "status",
                      "kind", "why", "current reading", "decided by", "revision", "decision",
                      "reading", "note"]
    assert f"{len(rows)} entries of 3 document(s) written to review.csv" in r.stdout
    assert all(r["revision"].startswith("r") for r in rows)
    assert "⟦tbe⟧" in rows[0]["context"] or "⟦aud⟧" in rows[0]["context"]
    # a colleague decides in the spreadsheet: every tbe accepted, one aud edited, one flagged
    tbe = [r for r in rows if r["original"] == "tbe"]
    aud = [r for r in rows if r["original"] == "aud"]
    for r in tbe:
        r["decision"] = "accept"
    aud[0]["decision"], aud[0]["reading"] = "edit", "aud."
    aud[1]["decision"], aud[1]["note"] = "Unclear", "smudged in the print"
    write_sheet(tmp_path / "review.csv", fields, rows)
    # ... while on the command line someone rejects one of those tbe
    clash = tbe[1]
    doc = Path(clash["document"]).stem
    run("reject", clash["document"], clash["id"], cwd=tmp_path, editor="Bo Other", check=True)
    before_clash = entries(tmp_path, doc)[clash["id"]]
    r = run("import", "review.csv", cwd=tmp_path, editor="Ana Sheet")
    assert r.returncode == 1  # a row was refused
    assert f"{len(rows)} row(s) read, {len(tbe) + 2} with a decision: " in r.stdout
    assert f"{len(tbe) + 1} entries decided; 1 refused" in r.stdout
    assert f"refused: {clash['document']} {clash['id']}: changed since it was shown: now " \
           f"rejected by Bo Other" in r.stderr
    # nothing else is lost: the refused entry keeps the other decision, the rest are applied
    assert entries(tmp_path, doc)[clash["id"]] == before_clash
    for row in tbe:
        if row is not clash:
            c = entries(tmp_path, Path(row["document"]).stem)[row["id"]]
            assert (c.status, c.reading, c.by) == (Status.ACCEPTED, "the", "Ana Sheet")
    c = entries(tmp_path, Path(aud[0]["document"]).stem)[aud[0]["id"]]
    assert (c.status, c.reading) == (Status.EDITED, "aud.")
    c = entries(tmp_path, Path(aud[1]["document"]).stem)[aud[1]["id"]]
    assert (c.status, c.note) == (Status.FLAGGED, "smudged in the print")
    # imported twice: what is already so is done, the conflict is still refused
    again = run("import", "review.csv", cwd=tmp_path, editor="Ana Sheet")
    assert f"0 document(s) changed, 0 entries decided; {len(tbe) + 1} already so; 1 refused" \
        in again.stdout


def test_a_spreadsheet_saved_by_excel_in_another_locale_is_read_and_a_wrong_one_refused(tmp_path):
    make_corpus(tmp_path, 1)
    run("export", "texts", "-o", "review.csv", cwd=tmp_path, check=True)
    fields, rows = read_sheet(tmp_path / "review.csv")
    rows[0]["decision"] = "reject"
    # Excel where the list separator is ";" (German, French ...) saves with semicolons
    write_sheet(tmp_path / "semi.csv", fields, rows, delimiter=";")
    r = run("import", "semi.csv", cwd=tmp_path, check=True)
    assert "1 entry decided" in r.stdout
    assert entries(tmp_path, "doc000")[rows[0]["id"]].status is Status.REJECTED
    # "CSV (Comma delimited)" in Excel is the Windows code page, not UTF-8: said, not guessed
    (tmp_path / "ansi.csv").write_bytes("document,id,revision,decision\r\nx,é,r1,reject\r\n"
                                        .encode("cp1252"))
    r = run("import", "ansi.csv", cwd=tmp_path)
    assert r.returncode == 1 and "not UTF-8" in r.stderr and "CSV UTF-8" in r.stderr
    (tmp_path / "other.csv").write_text("a,b\r\n1,2\r\n", encoding="utf-8")
    r = run("import", "other.csv", cwd=tmp_path)
    assert r.returncode == 1 and "not the header `edition export` writes" in r.stderr
    # an output over a project file is refused
    r = run("export", "texts", "-o", "corrections/doc000.yaml", cwd=tmp_path)
    assert r.returncode == 1 and "which an output never overwrites" in r.stderr


def test_cells_a_spreadsheet_would_run_as_formulas_are_written_as_text_and_read_back_exactly(
        tmp_path):
    make_corpus(tmp_path, 3)
    run("export", "texts", "-o", "review.csv", cwd=tmp_path, check=True)
    fields, rows = read_sheet(tmp_path / "review.csv")
    typed = ["=HYPERLINK(\"x\")", "-hibition", "+1", "@SUM(A1)", "'=quoted", "'tis"]
    for row, reading in zip(rows, typed):  # as a spreadsheet that keeps text saves them
        row["decision"], row["reading"] = "edit", escape_cell(reading)
    write_sheet(tmp_path / "review.csv", fields, rows)
    run("import", "review.csv", cwd=tmp_path, check=True)
    run("export", "texts", "--status", "edited", "-o", "again.csv", cwd=tmp_path, check=True)
    _, again = read_sheet(tmp_path / "again.csv")
    cells = {r["id"]: r["current reading"] for r in again}
    for row, reading in zip(rows, typed):
        assert entries(tmp_path, Path(row["document"]).stem)[row["id"]].reading == reading
        shown = cells[row["id"]]
        assert not shown.startswith(("=", "+", "-", "@")), shown  # never a formula
    assert cells[rows[len(typed) - 1]["id"]] == "'tis"  # an apostrophe of the text itself


SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_spreadsheet_as_it_is_and_saves_it_back_importable(tmp_path):
    make_corpus(tmp_path, 2)
    # decided readings a spreadsheet would take for formulas or numbers
    aud = [(name, c) for name, c in every_entry(tmp_path) if c.original == "aud"]
    for (name, c), reading in zip(aud, ("=1+1", "-hibition", "'=x", "0012", "1/2")):
        run("edit", f"texts/{name}.txt", c.id, f"--reading={reading}", cwd=tmp_path, check=True)
    run("export", "texts", "-o", "review.csv", cwd=tmp_path, check=True)
    _, rows = read_sheet(tmp_path / "review.csv")
    profile = tmp_path / "lo-profile"

    def convert(src: Path, to: str, filt: str, out: Path) -> Path:
        # CSV as LibreOffice opens it by default: comma, quote ", UTF-8 (76), from line 1,
        # every column "Standard" (numbers read as numbers); the same to save it back
        subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--infilter=CSV:44,34,76,1", "--convert-to", f"{to}:{filt}", "--outdir",
                        str(out), str(src)], check=True, capture_output=True, timeout=180)
        return out / f"{src.stem}.{to}"

    ods = convert(tmp_path / "review.csv", "ods", "calc8", tmp_path / "ods")
    back = convert(ods, "csv", "Text - txt - csv (StarCalc):44,34,76,1", tmp_path / "back")
    text = back.read_bytes().decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    again = list(reader)
    assert len(again) == len(rows)
    for a, b in zip(rows, again):  # every cell as it was written, through a spreadsheet
        assert {k: a[k] for k in a} == {k: b[k] for k in a}
    # decide in the sheet's CSV and import it
    for r in again:
        if r["original"] == "tbe":
            r["decision"] = "accept"
    write_sheet(back, list(reader.fieldnames), again)
    r = run("import", str(back), cwd=tmp_path, check=True)
    n = sum(instances(tmp_path, "tbe").values())
    assert f"{n} entries decided" in r.stdout


def test_a_refused_spreadsheet_row_is_named_by_its_row_in_the_spreadsheet(tmp_path):
    """A context with a paragraph break is one cell on two or more lines of the CSV: the refusal
    named the file's line (8 here), where the spreadsheet shows the entry on row 4."""
    (tmp_path / "t.txt").write_text(
        "The messenger came to tbe gate.\n\nAt noon the king walked into tbe garden and spoke "
        "of the war with V1adimir and his men, who were tired.\n", encoding="utf-8")
    run("detect", "t.txt", cwd=tmp_path, check=True)
    run("export", "t.txt", "-o", "review.csv", cwd=tmp_path, check=True)
    fields, rows = read_sheet(tmp_path / "review.csv")
    assert len(rows) >= 3 and any("\n" in r["context"] for r in rows[:-1])
    last = rows[-1]
    last["decision"] = "maybe"
    write_sheet(tmp_path / "review.csv", fields, rows)
    row = len(rows) + 1  # the header is row 1
    lines = (tmp_path / "review.csv").read_bytes().count(b"\n")
    assert lines > row
    r = run("import", "review.csv", cwd=tmp_path)
    assert r.returncode == 1
    assert f"refused: t.txt {last['id']}: row {row}: unknown decision 'maybe'" in r.stderr
