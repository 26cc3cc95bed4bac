"""The summary of a corpus run, as text lines for the terminal (the CLI prints them).

- :func:`detect_summary` — documents detected, unchanged and failed, with words and proposals.
- :func:`status_summary` — the corrections of the whole corpus per kind and status.
- :func:`build_summary`, :func:`verify_summary` — editions built, kept, verified, failed.
- :func:`lexicon_summary` — the corpus lexicon: size and most frequent forms.
- :func:`failure_lines` — one line per failed document: its path and the reason.
"""
from __future__ import annotations

from collections import Counter

from ..model import Status
from .run import CorpusReport


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    """Left-aligned first column, right-aligned numbers (thousands separated)."""
    cells = [header] + [[r[0]] + [f"{v:,}" if isinstance(v, int) else str(v) for v in r[1:]]
                        for r in rows]
    widths = [max(len(str(row[i])) for row in cells) for i in range(len(header))]
    return [f"{row[0]:<{widths[0]}}  " + "  ".join(f"{v:>{w}}" for v, w in zip(row[1:], widths[1:]))
            for row in cells]


def _footer(report: CorpusReport, words: int) -> str:
    rate = f", {words / report.seconds:,.0f} words/s" if report.seconds > 0 and words else ""
    line = f"{report.seconds:.1f} s on {report.executor}{rate}"
    if report.peak_kib:
        line += f"; peak memory per worker {max(report.peak_kib.values()) / 1024:,.0f} MiB"
    return line


def detect_summary(report: CorpusReport) -> list[str]:
    lines = []
    if report.lexicon:
        lx = report.lexicon
        lines.append(f"corpus lexicon: {lx.documents:,} documents, {lx.words:,} words, "
                     f"{lx.forms:,} forms (counted {lx.counted:,} documents, "
                     f"{lx.documents - lx.counted:,} from the cache)")
    moved = [d for d in report.documents if d.relocated or d.stale]
    if moved:
        lines.append(f"{len(moved):,} sources changed since their corrections were written: "
                     f"{sum(d.relocated for d in moved):,} corrections relocated, "
                     f"{sum(d.stale for d in moved):,} not found (stale, not applied; "
                     "see `edition status SOURCE`)")
    rows = []
    for state, name in (("done", "detected"), ("unchanged", "unchanged"), ("failed", "failed")):
        docs = [d for d in report.documents if d.state == state]
        rows.append([name, len(docs), sum(d.words for d in docs),
                     sum(d.added for d in docs) if state == "done" else "",
                     sum(d.pending for d in docs) if state == "done" else ""])
    rows.append(["total", len(report.documents), sum(r[2] for r in rows), rows[0][3], rows[0][4]])
    lines += _table(["documents", "count", "words", "new proposals", "pending"], rows)
    lines.append(_footer(report, sum(d.words for d in report.documents if d.state == "done")))
    return lines


def status_summary(report: CorpusReport) -> list[str]:
    totals: dict[str, Counter[str]] = {}
    for d in report.documents:
        if d.state == "done":
            for kind, row in d.result.table.items():
                totals.setdefault(kind, Counter()).update(row)
    columns = [s.value for s in Status] + (["stale"] if any(r["stale"] for r in totals.values()) else [])
    rows = [[kind] + [row[c] for c in columns] + [sum(row.values())] for kind, row in sorted(totals.items())]
    rows.append(["total"] + [sum(r[i + 1] for r in rows) for i in range(len(columns) + 1)])
    done = report.count("done")
    lines = [f"{done:,} documents with a corrections file"
             + (f", {report.count('failed'):,} failed" if report.failed else "") + ":"]
    return lines + _table(["kind"] + columns + ["total"], rows)


def build_summary(report: CorpusReport, out: object) -> list[str]:
    rows = []
    for state, name in (("done", "built"), ("unchanged", "unchanged"), ("failed", "failed")):
        docs = [d for d in report.documents if d.state == state]
        rows.append([name, len(docs), sum(d.added for d in docs) if state != "failed" else "",
                     sum(d.pending for d in docs) if state != "failed" else ""])
    rows.append(["total", len(report.documents), rows[0][2] + rows[1][2], rows[0][3] + rows[1][3]])
    lines = [f"editions in {out}/ (NAME.tei.xml, .txt, .diff.html, .audit.json, .html):"]
    lines += _table(["documents", "count", "changes", "pending proposals"], rows)
    return lines + [_footer(report, 0)]


def verify_summary(report: CorpusReport, out: object) -> list[str]:
    ok = report.count("done")
    lines = [f"verified {ok:,} of {len(report.documents):,} editions in {out}/: each is its "
             "source plus its decisions"]
    if report.failed:
        lines.append(f"{len(report.failed):,} failed (listed on stderr)")
    return lines + [_footer(report, 0)]


def lexicon_summary(report: CorpusReport, counts: Counter[str] | None, top: int) -> list[str]:
    lines = detect_summary(report)[:1]
    if counts and top:
        lines += _table(["form", "occurrences"], [[w, n] for w, n in counts.most_common(top)])
    lines.append(_footer(report, report.lexicon.words if report.lexicon else 0))
    return lines


def failure_lines(report: CorpusReport) -> list[str]:
    return [d.reason if d.reason.startswith(d.source) else f"{d.source}: {d.reason}"
            for d in report.failed]
