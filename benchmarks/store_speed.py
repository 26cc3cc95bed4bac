"""The corrections store at book size: every command and a decision on the review page, timed.

Two texts made from the development sets (``../shared/data``):

- ``book``: the 480 ``.ocr.txt`` files of ``bln600-train`` joined (238,491 words; ~23,000
  proposals);
- ``big``: a million words: the BLN600 text four times, then the OCR of ICDAR 2017 and 2019
  (~95,000 proposals; each part detected on its own, as separate books would be: detected as
  one text, the repeats would hide each other's once-seen forms).

For each, in one run (the machine is shared: medians of ``--rounds`` runs, each figure beside the
cost of a bare ``python -c 'import edition'`` measured in the same run):

- ``detect``: the detectors' time (each part in a process of its own) and the time spent
  writing the corrections file (opening it, merging the proposals, saving), and its share;
- ``status``, ``accept ID``, ``reject ID``, ``edit ID --reading X``: the real command, a new
  process each time, as a user runs them (the parse cache warm, as after any command); and
  ``status`` after a hand edit of the file (the cache cold: the file is parsed again);
- ``accept --min-confidence 0.9`` over every entry;
- ``build``: the time its loading takes (source and corrections file, in a new process);
- the review page (``edition review``, a real server): one decision from the POST until the
  server answers (it answers once the file is written and fsynced), median and 95th percentile.

Usage::

    python benchmarks/store_speed.py [--texts book big] [--rounds 7] [--work out/store_speed]

The texts and their corrections files are made in ``--work`` (kept: a second run skips detect
unless ``--fresh``). Prints a Markdown table for ``docs/BENCHMARKS.md``.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "EDITION_EDITOR": "Bench Editor"}


def _ocr_of_icdar(path: Path) -> str:
    line = path.read_text(encoding="utf-8").split("\n")[0]
    return line[len("[OCR_toInput] "):]


def make_texts() -> dict[str, list[str]]:
    """The two texts, each as the chunks it is detected in (see :data:`DETECT`)."""
    bln = [p.read_text(encoding="utf-8").strip()
           for p in sorted((DATA / "bln600-train").glob("*.ocr.txt"))]
    icdar = [_ocr_of_icdar(p) for p in sorted((DATA / "icdar2017-eng").rglob("*.txt"))
             if p.parent.name.startswith("eng_")]
    icdar += [_ocr_of_icdar(p) for p in sorted((DATA / "icdar2019-eng" / "EN1").glob("*.txt"))]
    book = "\n\n".join(bln)
    # A million words: the newspapers four times (each copy detected on its own, as a book of
    # its own would be: detected as one text, the repeats would hide each other's once-seen
    # forms), then the books of ICDAR 2017 and 2019 up to the millionth word.
    big, words = [book] * 4, 4 * len(book.split())
    rest = []
    for d in icdar:
        if words >= 1_000_000:
            break
        rest.append(d)
        words += len(d.split())
    big.append("\n\n".join(rest))
    return {"book": [book], "big": big}


def edition(*args: str, cwd: Path, check: bool = True) -> float:
    """Run ``python -m edition ARGS`` as a user would; its wall time in seconds."""
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "edition", *args], cwd=cwd, env=ENV,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if check and proc.returncode != 0:
        raise SystemExit(f"edition {' '.join(args)} failed:\n{proc.stderr}")
    return elapsed


def python(code: str, cwd: Path) -> str:
    proc = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=ENV, capture_output=True,
                          text=True, check=True)
    return proc.stdout


def bare_import(cwd: Path) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import edition"], cwd=cwd, env=ENV, check=True)
    return time.perf_counter() - t


DETECT_PART = """
import json, time
from edition.detection.runner import detect
chunks = json.load(open("chunks.json", encoding="utf-8"))
t = time.perf_counter()
proposals = detect(chunks[{i}])
took = time.perf_counter() - t
json.dump({{"seconds": took, "proposals": [[p.start, p.end, p.original, list(p.readings), p.kind.value,
            p.confidence, p.why, p.detector] for p in proposals]}}, open("part{i}.json", "w"))
"""

MERGE = """
import json, time
from edition import workflow
from edition.model import Proposal
from edition.store import merge_proposals
parts = [json.load(open(f"part{{i}}.json")) for i in range({n})]
chunks = json.load(open("chunks.json", encoding="utf-8"))
proposals, at = [], 0
for part, chunk in zip(parts, chunks):
    for s, e, o, r, k, c, w, d in part["proposals"]:
        proposals.append(Proposal(s + at, e + at, o, tuple(r), k, c, w, d))
    at += len(chunk) + 2
t0 = time.perf_counter()
project = workflow.open_project({src!r}, missing_ok=True)
merge_proposals(project.corrections, project.source, proposals)
project.save()
print(json.dumps({{"detect": sum(p["seconds"] for p in parts), "write": time.perf_counter() - t0,
                  "entries": len(project.corrections)}}))
"""

LOAD = """
import json, time
t0 = time.perf_counter()
from edition import workflow
project = workflow.open_project({src!r})
print(json.dumps({{"load": time.perf_counter() - t0, "entries": len(project.corrections)}}))
"""

PENDING = """
import json
from edition import workflow
project = workflow.open_project({src!r})
print(json.dumps([c.id for c in project.corrections if c.status.value == "proposed" and not c.stale
                  and c.readings][:{n}]))
"""


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def review_page_decisions(src: str, cwd: Path, n: int) -> list[float]:
    """Decide ``n`` proposals through the review server's HTTP API; each one's time from the POST
    until the answer (the server answers once the decision is written and fsynced)."""
    proc = subprocess.Popen([sys.executable, "-m", "edition", "review", src, "--no-browser",
                             "--port", "0"], cwd=cwd, env=ENV, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        m = re.search(r"(http://127\.0\.0\.1:(\d+)/)#token=(\S+)", line)
        if m is None:
            raise SystemExit(f"no address from edition review: {line!r} {proc.stderr.read()}")
        base, port, token = m.group(1), m.group(2), m.group(3)
        headers = {"X-Edition-Token": token, "Content-Type": "application/json",
                   "Host": f"127.0.0.1:{port}"}

        def call(method: str, path: str, body: dict | None = None) -> dict:
            req = urllib.request.Request(base + "api/" + path, method=method, headers=headers,
                                         data=None if body is None else json.dumps(body).encode())
            with urllib.request.urlopen(req) as r:
                return json.loads(r.read())

        state = call("GET", "state")
        version = state["version"]
        pending = [e for e in state["corrections"] if e["status"] == "proposed" and e["readings"]
                   and not e["stale"]]
        times = []
        for i, e in enumerate(pending[:n]):
            action = "accept" if i % 2 == 0 else "reject"
            body = {"version": version, "action": action, "by": "Bench Editor",
                    "items": [{"id": e["id"], "rev": e["rev"]}]}
            t = time.perf_counter()
            answer = call("POST", "decide", body)
            times.append(time.perf_counter() - t)
            version = answer["version"]
        return times
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def bench(name: str, chunks: list[str], work: Path, rounds: int, fresh: bool) -> dict[str, object]:
    cwd = work / name
    cwd.mkdir(parents=True, exist_ok=True)
    local = cwd / f"{name}.txt"
    text = "\n\n".join(chunks) + "\n"
    if not local.exists() or local.read_text(encoding="utf-8") != text:
        local.write_text(text, encoding="utf-8")
        fresh = True
    (cwd / "chunks.json").write_text(json.dumps(chunks), encoding="utf-8")
    cfile = cwd / "corrections" / f"{local.stem}.yaml"
    row: dict[str, object] = {"text": name, "words": len(local.read_text(encoding="utf-8").split())}
    if fresh or not cfile.exists():
        if cfile.exists():
            cfile.unlink()
        # what `edition detect` does: each part detected in a process of its own (as separate
        # books would be), then the proposals merged into the corrections file and saved
        for i in range(len(chunks)):
            python(DETECT_PART.format(i=i), cwd)
        timing = json.loads(python(MERGE.format(src=local.name, n=len(chunks)), cwd))
        row["detect_s"] = timing["detect"] + timing["write"]
        row["detect_write_s"] = timing["write"]
        row["write_share"] = timing["write"] / row["detect_s"]
        shutil.copy(cfile, cwd / "pristine.yaml")
    shutil.copy(cwd / "pristine.yaml", cfile)  # every run starts from the detected file
    row["entries"] = json.loads(python(LOAD.format(src=local.name), cwd))["entries"]
    ids = json.loads(python(PENDING.format(src=local.name, n=3 * rounds + 5), cwd))
    imports, status, accept, reject, edit_, load = [], [], [], [], [], []
    for i in range(rounds):
        imports.append(bare_import(cwd))
        status.append(edition("status", local.name, "--quiet", cwd=cwd))
        accept.append(edition("accept", local.name, ids[3 * i], "--quiet", cwd=cwd))
        reject.append(edition("reject", local.name, ids[3 * i + 1], "--quiet", cwd=cwd))
        edit_.append(edition("edit", local.name, ids[3 * i + 2], "--reading", "X", "--quiet",
                             cwd=cwd))
        load.append(json.loads(python(LOAD.format(src=local.name), cwd))["load"])
    cold = []
    for i in range(max(3, rounds // 2)):
        with open(cfile, "a", encoding="utf-8") as fh:  # a hand edit: the parse cache is cold
            fh.write(f"# checked by hand ({i})\n")
        cold.append(edition("status", local.name, "--quiet", cwd=cwd))
    batch = []
    for _ in range(max(3, rounds // 2)):
        shutil.copy(cwd / "pristine.yaml", cfile)
        edition("status", local.name, "--quiet", cwd=cwd)  # parse the restored file once
        batch.append(edition("accept", local.name, "--min-confidence", "0.9", "--quiet", cwd=cwd))
    shutil.copy(cwd / "pristine.yaml", cfile)
    edition("status", local.name, "--quiet", cwd=cwd)
    page = review_page_decisions(local.name, cwd, max(60, 10 * rounds))
    row.update({
        "import_s": median(imports), "status_s": median(status), "accept_s": median(accept),
        "reject_s": median(reject), "edit_s": median(edit_), "status_cold_s": median(cold),
        "accept_min_conf_s": median(batch), "build_load_s": median(load),
        "page_median_ms": 1000 * median(page), "page_p95_ms": 1000 * p95(page),
        "page_decisions": len(page),
    })
    return row


def table(rows: list[dict[str, object]]) -> str:
    cols = [("text", "text"), ("words", "words"), ("entries", "entries"),
            ("import_s", "`import edition` s"), ("status_s", "status s"),
            ("accept_s", "accept ID s"), ("reject_s", "reject ID s"), ("edit_s", "edit ID s"),
            ("status_cold_s", "status after a hand edit s"),
            ("accept_min_conf_s", "accept --min-confidence 0.9 s"),
            ("build_load_s", "build: loading s"), ("page_median_ms", "page decision median ms"),
            ("page_p95_ms", "page decision p95 ms"), ("detect_s", "detect s"),
            ("write_share", "detect: writing share")]
    head = "| " + " | ".join(c[1] for c in cols) + " |"
    sep = "|" + "---|" * len(cols)
    lines = [head, sep]
    for r in rows:
        cells = []
        for key, _ in cols:
            v = r.get(key, "")
            if isinstance(v, float):
                v = f"{v:.1%}" if key == "write_share" else f"{v:.0f}" if key.endswith("ms") else f"{v:.2f}"
            elif isinstance(v, int):
                v = f"{v:,}"
            cells.append(str(v))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", nargs="+", default=["book", "big"], choices=["book", "big"])
    ap.add_argument("--rounds", type=int, default=7, help="runs of each command (medians)")
    ap.add_argument("--work", type=Path, default=ROOT / "out" / "store_speed")
    ap.add_argument("--fresh", action="store_true", help="detect again even if the files exist")
    args = ap.parse_args()
    if not (DATA / "bln600-train").is_dir():
        print(f"the development sets are not at {DATA}", file=sys.stderr)
        return 1
    texts = make_texts()
    rows = []
    for name in args.texts:
        row = bench(name, texts[name], args.work, args.rounds, args.fresh)
        print(json.dumps(row), file=sys.stderr, flush=True)
        rows.append(row)
    print(f"store_speed.py, {time.strftime('%Y-%m-%d %H:%M')}, rounds={args.rounds}, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
