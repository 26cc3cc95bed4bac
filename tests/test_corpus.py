"""Corpus runs: many documents, the same corrections files whatever runs them (one process, two
processes, a Dask cluster), faults reported without stopping the corpus, incremental re-runs."""
from __future__ import annotations

import functools
import json
import os
import re
import shutil
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cli_helpers import SEED, run

from edition.corpus.discover import discover
from edition.corpus.executors import (DocumentOverLimit, Limits, ProcessExecutor, SerialExecutor,
                                      WorkerLost, _resident_mib)
from edition.corpus.lexicon import MIN_CORPUS_COUNT, count_words, rest_of_corpus
from edition.corpus.run import CorpusRun
from edition.errors import EditionError

ICDAR = Path(os.environ.get("EDITION_ICDAR", SEED.parents[2] / "shared/data/icdar2017-eng"))

pytestmark = pytest.mark.corpus


def _write_corpus(root: Path) -> list[Path]:
    """A small corpus of real OCR in nested folders: development-set files (monograph chunks
    and periodicals, the ``[OCR_toInput]`` line of each) when the set is here, else the seed
    split into groups of paragraphs."""
    docs: dict[str, str] = {}
    if ICDAR.is_dir():
        for kind, numbers in (("monograph", range(1, 7)), ("periodical", range(1, 3))):
            for n in numbers:
                line = (ICDAR / f"eng_{kind}" / f"{n}.txt").read_text(encoding="utf-8").split("\n")[0]
                docs[f"{kind}/{kind[:4]}-{n}.txt"] = line[len("[OCR_toInput] "):] + "\n"
    else:
        paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        size = max(1, len(paragraphs) // 8)
        for i in range(0, len(paragraphs), size):
            docs[f"part{i // (size * 4)}/seed-{i // size}.txt"] = "\n\n".join(paragraphs[i:i + size]) + "\n"
    paths = []
    for name, text in docs.items():
        path = root / "corpus" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (lock files aside: empty and incidental) by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock")}


@pytest.fixture
def corpus(tmp_path) -> Path:
    _write_corpus(tmp_path)
    return tmp_path


@pytest.mark.dask
@pytest.mark.slow
def test_jobs_1_2_and_dask_write_identical_corrections(corpus, tmp_path_factory):
    results = {}
    for name, options in (("serial", ["--jobs", "1"]), ("processes", ["--jobs", "2"]),
                          ("dask", ["--scheduler", "local", "--jobs", "2"])):
        project = tmp_path_factory.mktemp(name)
        shutil.copytree(corpus / "corpus", project / "corpus")
        proc = run("detect", "corpus", *options, cwd=project, check=True)
        assert "detected" in proc.stdout
        results[name] = _tree(project / "corrections")
    docs = sorted((corpus / "corpus").rglob("*.txt"))
    yamls = [k for k in results["serial"] if k.endswith(".yaml")]
    assert len(yamls) == len(docs)
    assert sum(b"id: " in results["serial"][k] for k in yamls) >= len(docs) // 2, \
        "real OCR yields proposals in most documents"
    # Corrections files, corpus lexicon and evidence, per-document counts: byte for byte. (The
    # run journal holds a digest of the detection code, which may change between runs while
    # the detectors are being worked on; its entries for the corrections files must agree.)
    journals = {name: [{k: v for k, v in json.loads(line).items() if k != "settings"}
                       for line in tree.pop(".corpus/detected.jsonl").splitlines()]
                for name, tree in results.items()}
    assert results["processes"] == results["serial"]
    assert results["dask"] == results["serial"]
    assert journals["processes"] == journals["serial"] == journals["dask"]


@pytest.mark.slow
def test_corpus_counts_reach_detection(corpus):
    run("detect", "corpus", "--jobs", "1", cwd=corpus, check=True)
    lexicon = json.loads((corpus / "corrections/.corpus/lexicon.json").read_text())
    words = Counter()
    for path in (corpus / "corpus").rglob("*.txt"):
        words.update(count_words(path.read_text(encoding="utf-8")))
    assert lexicon["counts"] == dict(words)
    assert sorted(lexicon["documents"]) == sorted(p.relative_to(corpus).as_posix()
                                                  for p in (corpus / "corpus").rglob("*.txt"))
    evidence = json.loads((corpus / "corrections/.corpus/evidence.json").read_text())
    assert evidence["counts"] == {w: n for w, n in words.items() if n >= MIN_CORPUS_COUNT}
    assert evidence["words"] == sum(words.values())


@pytest.mark.slow
def test_broken_documents_are_reported_and_the_rest_processed(corpus):
    src = corpus / "corpus"
    (src / "broken").mkdir()
    (src / "broken" / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (src / "broken" / "latin1.txt").write_bytes("Caf\xe9 de la r\xe9publique\n".encode("latin-1"))
    (src / "broken" / "empty.txt").write_bytes(b"")
    (src / "broken" / "badyaml.txt").write_text("A perfectly good text with a bad corrections file.\n")
    bad_yaml = b"source: ../corpus/broken/badyaml.txt\ncorrections:\n- id: [unclosed\n"
    (corpus / "corrections").mkdir()
    (corpus / "corrections" / "badyaml.yaml").write_bytes(bad_yaml)

    proc = run("detect", "corpus", "--jobs", "2", cwd=corpus)
    assert proc.returncode == 1
    errors = [l for l in proc.stderr.splitlines() if l.startswith("edition: error:")]
    assert len(errors) == 4, proc.stderr
    assert any("corpus/broken/binary.txt: binary file" in l for l in errors)
    assert any("corpus/broken/latin1.txt: not valid utf-8" in l for l in errors)
    assert any("corpus/broken/empty.txt: empty file" in l for l in errors)
    assert any(re.search(r"corpus/broken/badyaml.txt: corrections/badyaml.yaml:\d+: not valid YAML", l)
               for l in errors)
    assert re.search(r"failed\s+4\b", proc.stdout)
    good = [p for p in src.rglob("*.txt") if p.parent.name != "broken"]
    for p in good:
        assert (corpus / "corrections" / f"{p.stem}.yaml").exists(), p
    assert (corpus / "corrections" / "badyaml.yaml").read_bytes() == bad_yaml  # never overwritten
    assert not (corpus / "corrections" / "binary.yaml").exists()


@pytest.mark.slow
def test_rerun_skips_unchanged_documents_and_redoes_changed_ones(corpus):
    run("detect", "corpus", "--jobs", "1", cwd=corpus, check=True)
    cdir = corpus / "corrections"
    before = _tree(cdir)
    n = len(list((corpus / "corpus").rglob("*.txt")))

    again = run("detect", "corpus", "--jobs", "1", cwd=corpus, check=True)
    assert re.search(rf"unchanged\s+{n}\b", again.stdout), again.stdout
    assert re.search(r"counted 0 documents", again.stdout)
    assert {k: v for k, v in _tree(cdir).items() if not k.startswith(".corpus")} == \
        {k: v for k, v in before.items() if not k.startswith(".corpus")}

    # One document changes: only it is counted and detected again.
    changed = sorted((corpus / "corpus").rglob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "An added sentence, witb a misreading.\n",
                       encoding="utf-8")
    third = run("detect", "corpus", "--jobs", "1", cwd=corpus, check=True)
    assert re.search(r"detected\s+1\b", third.stdout), third.stdout
    assert re.search(rf"unchanged\s+{n - 1}\b", third.stdout)
    assert re.search(r"counted 1 documents", third.stdout)

    # An editor's decision changes a corrections file: that document is due again too.
    other = cdir / f"{sorted((corpus / 'corpus').rglob('*.txt'))[1].stem}.yaml"
    other.write_text(other.read_text(encoding="utf-8") + "# reviewed up to here\n", encoding="utf-8")
    fourth = run("detect", "corpus", "--jobs", "1", cwd=corpus, check=True)
    assert re.search(r"detected\s+1\b", fourth.stdout), fourth.stdout
    assert "# reviewed up to here" in other.read_text(encoding="utf-8")

    forced = run("detect", "corpus", "--jobs", "1", "--force", cwd=corpus, check=True)
    assert re.search(rf"detected\s+{n}\b", forced.stdout)


@pytest.mark.slow
def test_incremental_lexicon_equals_one_built_from_scratch(corpus, tmp_path_factory):
    run("detect", "corpus", "--jobs", "1", cwd=corpus, check=True)
    docs = sorted((corpus / "corpus").rglob("*.txt"),  # the one with the most entries first
                  key=lambda p: -(corpus / "corrections" / f"{p.stem}.yaml").read_text().count("- id:"))
    assert (corpus / "corrections" / f"{docs[0].stem}.yaml").read_text().count("- id:") >= 3
    docs[0].write_text("Replaced entirely: Stalin Statin Stalin.\n", encoding="utf-8")
    docs[1].unlink()
    # a source replaced by another text keeps its corrections file only on purpose
    proc = run("detect", "corpus", "--jobs", "1", cwd=corpus)
    assert proc.returncode == 1 and "--rebase" in proc.stderr
    run("detect", "corpus", "--jobs", "1", "--rebase", cwd=corpus, check=True)
    fresh = tmp_path_factory.mktemp("fresh")
    shutil.copytree(corpus / "corpus", fresh / "corpus")
    run("detect", "corpus", "--jobs", "1", cwd=fresh, check=True)
    for name in ("lexicon.json", "evidence.json"):
        assert (corpus / "corrections/.corpus" / name).read_bytes() == \
            (fresh / "corrections/.corpus" / name).read_bytes()


@pytest.mark.slow
def test_an_interrupted_run_resumes(corpus, monkeypatch):
    monkeypatch.chdir(corpus)
    sources = discover(["corpus"])
    first = CorpusRun("detect", sources)
    steps = first.steps()
    for _ in range(len(sources) + 2):  # the survey pass and two detections, then "Ctrl-C"
        next(steps)
    steps.close()
    assert first.report.count("done") == 2, [(d.state, d.reason) for d in first.report.documents]
    second = CorpusRun("detect", sources)
    for _ in second.steps():
        pass
    assert second.report.count("unchanged") == 2
    assert second.report.count("done") == len(sources) - 2
    for path in (corpus / "corrections").glob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith("# Corrections file")


@pytest.mark.slow
def test_sources_sharing_a_file_name_are_refused_not_merged(corpus):
    first = sorted((corpus / "corpus").rglob("*.txt"))[0]
    (corpus / "corpus" / "copy").mkdir()
    shutil.copy(first, corpus / "corpus" / "copy" / first.name)
    proc = run("detect", "corpus", "--jobs", "1", cwd=corpus)
    assert proc.returncode == 1
    assert proc.stderr.count("shares its corrections file") == 2
    assert not (corpus / "corrections" / f"{first.stem}.yaml").exists()


@pytest.mark.slow
def test_status_over_a_corpus_sums_the_documents(corpus):
    run("detect", "corpus", "--jobs", "1", cwd=corpus, check=True)
    proc = run("status", "corpus", "--json", cwd=corpus, check=True)
    tables = json.loads(proc.stdout)
    assert len(tables) == len(list((corpus / "corpus").rglob("*.txt")))
    total = sum(sum(row.values()) for table in tables.values() for row in table.values())
    text = run("status", "corpus", cwd=corpus, check=True).stdout
    assert re.search(rf"^total\s.*\s{total:,}$", text, re.M), text


@pytest.mark.slow
def test_one_source_is_still_a_single_document_run(corpus):
    src = sorted((corpus / "corpus").rglob("*.txt"))[0].relative_to(corpus)
    proc = run("detect", str(src), "--corrections", "review/one.yaml", cwd=corpus, check=True)
    assert "new proposal(s) written to review/one.yaml" in proc.stdout
    assert not (corpus / "corrections" / ".corpus").exists()
    refused = run("detect", "corpus", "--corrections", "x.yaml", cwd=corpus)
    assert refused.returncode == 1 and "--corrections names the file of one source" in refused.stderr


def test_discover_walks_folders_with_a_glob_and_refuses_missing_paths(tmp_path):
    for name in ("a.txt", "deep/er/b.txt", "deep/c.ocr", ".git/d.txt", "corrections/e.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    rel = lambda ps: [p.relative_to(tmp_path).as_posix() for p in ps]  # noqa: E731
    assert rel(discover([tmp_path])) == ["a.txt", "deep/er/b.txt"]
    assert rel(discover([tmp_path / "deep"], glob="*.ocr")) == ["deep/c.ocr"]
    assert rel(discover([tmp_path / "a.txt", tmp_path])) == ["a.txt", "deep/er/b.txt"]
    with pytest.raises(EditionError, match="no such file"):
        discover([tmp_path / "missing"])
    with pytest.raises(EditionError, match="no file matching"):
        discover([tmp_path / "deep"], glob="*.pdf")


def _die_on_three(n: int) -> int:
    if n == 3:
        os._exit(9)  # a worker killed mid-document (as by the OOM killer)
    # A document takes time. Without it the other worker could finish every item before the pool
    # noticed the death, and the last item went down with it (on a loaded machine, it did): at
    # 50 ms an item, the pool has about two seconds to notice.
    time.sleep(0.05)
    return n * n


def test_a_document_that_kills_its_worker_twice_is_reported_alone():
    n = 40
    with ProcessExecutor(2) as ex:
        outcomes = dict(ex.imap_unordered(_die_on_three, range(n)))
    assert sorted(outcomes) == list(range(n))
    assert isinstance(outcomes[3], WorkerLost)
    assert str(outcomes[3]) == ("its worker process died twice while working on it (killed, or "
                                "out of memory); not tried again")
    assert {k: o for k, o in outcomes.items() if k != 3} == {k: k * k for k in range(n) if k != 3}


def _killed_once(marker: str, n: int) -> int:
    """Item 5 is killed from outside the first time (kill -9 of its worker); the others take a
    while, so that the other worker is busy with one of them when it happens."""
    if n == 5 and not os.path.exists(marker):
        open(marker, "w").close()
        os.kill(os.getpid(), 9)
    time.sleep(0.05)
    return n * n


def test_a_killed_worker_loses_nothing_its_document_runs_again(tmp_path):
    n = 20
    task = functools.partial(_killed_once, str(tmp_path / "killed"))
    with ProcessExecutor(2) as ex:
        outcomes = dict(ex.imap_unordered(task, range(n)))
    assert (tmp_path / "killed").exists()  # it was killed once
    assert outcomes == {k: k * k for k in range(n)}  # and nothing was lost, its own item included


def _pathological(n: int) -> int:
    if n == 2:
        time.sleep(600)  # a document that never ends
    if n == 4:
        hog = [bytearray(1024 * 1024) for _ in range(2048)]  # 2 GiB, a page at a time
        return len(hog)
    return n * n


def test_a_document_over_its_time_or_memory_limit_fails_alone():
    limit = 400
    started = time.monotonic()
    with ProcessExecutor(2, Limits(seconds=5, memory_mib=limit)) as ex:
        outcomes = dict(ex.imap_unordered(_pathological, range(12)))
    assert time.monotonic() - started < 60
    assert isinstance(outcomes[2], DocumentOverLimit)
    assert str(outcomes[2]) == "took longer than 5 s (--time-limit); stopped"
    assert isinstance(outcomes[4], DocumentOverLimit)
    assert str(outcomes[4]) == f"took more than {limit} MiB of memory (--memory-limit); stopped"
    assert {k: o for k, o in outcomes.items() if k not in (2, 4)} == \
        {k: k * k for k in range(12) if k not in (2, 4)}



def test_a_worker_is_not_blamed_for_the_memory_it_inherited():
    # Forked from this process, each worker starts with these 600 MiB in its resident set,
    # shared with this process until either writes them: over the limit, and not the worker's.
    inherited = b"\x01" * (600 << 20)
    assert (_resident_mib(os.getpid()) or 0) > 600
    with ProcessExecutor(2, Limits(seconds=3, memory_mib=300)) as ex:
        outcomes = dict(ex.imap_unordered(_pathological, [0, 1, 2, 3, 4, 5]))
    assert str(outcomes[2]) == "took longer than 3 s (--time-limit); stopped"
    assert str(outcomes[4]) == "took more than 300 MiB of memory (--memory-limit); stopped"
    assert {k: outcomes[k] for k in (0, 1, 3, 5)} == {0: 0, 1: 1, 3: 9, 5: 25}
    assert len(inherited) == 600 << 20


#: A corrections file of 404 bytes whose `edition:` block nests aliases nine deep: read in full,
#: it expands to 9**9 strings (it took 371 s and 10.3 GB).
YAML_BOMB = """\
edition:
  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
  i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
corrections: []
"""


def test_a_pathological_document_fails_alone_in_a_corpus_run(corpus):
    docs = sorted((corpus / "corpus").rglob("*.txt"))
    run("detect", "corpus", "--jobs", "2", "-q", cwd=corpus, check=True)
    bomb = corpus / "corrections" / f"{docs[0].stem}.yaml"
    bomb.write_text(YAML_BOMB, encoding="utf-8")
    started = time.monotonic()
    proc = run("status", "corpus", "--jobs", "2", "--memory-limit", "1024", "--time-limit", "60",
               cwd=corpus)
    assert time.monotonic() - started < 120
    assert proc.returncode == 1
    assert f"{len(docs) - 1} documents with a corrections file, 1 failed" in proc.stdout
    failures = [line for line in proc.stderr.splitlines() if line.startswith("edition: error:")]
    assert len(failures) == 1 and docs[0].name in failures[0], proc.stderr


def test_limits_are_options_with_defaults(corpus):
    proc = run("status", "--help", cwd=corpus, check=True)
    text = " ".join(proc.stdout.split())  # as read, whatever the terminal's width
    assert "--time-limit SECONDS" in text and "(default 600; 0: no limit)" in text
    assert "--memory-limit MIB" in text and "(default 4096; 0: no limit)" in text
    assert "more memory of its own than this" in text
    proc = run("status", "corpus", "--time-limit", "-1", cwd=corpus)
    assert proc.returncode == 2 and "-1 is negative" in proc.stderr


def test_serial_executor_reports_a_task_error_as_its_outcome():
    outcomes = dict(SerialExecutor().imap_unordered(lambda n: 1 // n, [1, 0, 2]))
    assert outcomes[1] == 1 and outcomes[2] == 0 and isinstance(outcomes[0], ZeroDivisionError)


words = st.lists(st.sampled_from(["the", "The", "Stalin", "Statin", "hee", "a", "V1adimir", "war"]),
                 max_size=30).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(words, min_size=1, max_size=5), st.integers(0, 4))
def test_rest_of_corpus_plus_the_document_is_the_corpus(docs, which):
    """Every form of a document gets its exact corpus count back, pruning notwithstanding."""
    document = count_words(docs[which % len(docs)])
    corpus = Counter()
    for d in docs:
        corpus.update(count_words(d))
    frequent = {w: n for w, n in corpus.items() if n >= MIN_CORPUS_COUNT}
    rest = rest_of_corpus(frequent, sum(corpus.values()), document)
    for word in document:
        assert document[word] + rest.get(word, 0) == corpus[word]
    for word in frequent:
        assert document.get(word, 0) + rest.get(word, 0) == corpus[word]
    assert all(n > 0 for n in rest.values())
    assert rest.total() + sum(document.values()) == sum(corpus.values())


@given(st.text(alphabet="ab1 ,.'-\n", max_size=60))
def test_count_words_counts_every_token_once_case_folded(text):
    from edition.detection.document import WORD_RE

    counts = count_words(text)
    assert sum(counts.values()) == len(WORD_RE.findall(text))
    assert all(w == w.lower() for w in counts)


@pytest.mark.slow
def test_build_and_verify_a_corpus_incrementally(corpus):
    run("detect", "corpus", "--jobs", "2", cwd=corpus, check=True)
    docs = sorted((corpus / "corpus").rglob("*.txt"))
    n = len(docs)
    built = run("build", "corpus", "--jobs", "2", "--validator", "none", cwd=corpus, check=True)
    assert re.search(rf"built\s+{n}\b", built.stdout), built.stdout
    for doc in docs:
        for suffix in (".tei.xml", ".txt", ".diff.html", ".audit.json", ".html"):
            assert (corpus / "build" / f"{doc.stem}{suffix}").exists()
    again = run("build", "corpus", "--jobs", "2", "--validator", "none", cwd=corpus, check=True)
    assert re.search(rf"unchanged\s+{n}\b", again.stdout), again.stdout
    verified = run("verify", "corpus", "--jobs", "2", "--validator", "none", cwd=corpus, check=True)
    assert f"verified {n} of {n} editions" in verified.stdout

    # A published reading text edited by hand: verify names it, the others still pass; a build
    # redoes that edition only.
    tampered = corpus / "build" / f"{docs[0].stem}.txt"
    tampered.write_text("not the edition\n", encoding="utf-8")
    failed = run("verify", "corpus", "--jobs", "2", "--validator", "none", cwd=corpus)
    assert failed.returncode == 1
    assert f"verified {n - 1} of {n} editions" in failed.stdout
    [line] = [l for l in failed.stderr.splitlines() if l.startswith("edition: error:")]
    assert f"{docs[0].relative_to(corpus).as_posix()}: verify failed:" in line and tampered.name in line
    rebuilt = run("build", "corpus", "--jobs", "2", "--validator", "none", cwd=corpus, check=True)
    assert re.search(r"built\s+1\b", rebuilt.stdout) and re.search(rf"unchanged\s+{n - 1}\b", rebuilt.stdout)


@pytest.mark.slow
def test_each_document_is_detected_with_the_counts_of_the_rest_of_the_corpus(corpus, monkeypatch):
    """The plumbing to the detectors: each document gets the corpus's counts (shared by the
    documents of a worker), and its vocabulary is the corpus's counts (for every form of the
    document, and every form seen at least MIN_CORPUS_COUNT times), its word count the corpus's
    running words but for the rare forms of other documents."""
    import edition.detection.runner as detection
    from edition.detection.document import Document

    seen = {}
    real_detect = detection.detect

    def spy(text, *, corpus=None, **kw):
        seen[text] = corpus
        return real_detect(text, corpus=corpus, **kw)

    monkeypatch.setattr(detection, "detect", spy)
    monkeypatch.chdir(corpus)
    sources = discover(["corpus"])
    run_ = CorpusRun("detect", sources)
    for _ in run_.steps():
        pass
    whole = Counter()
    for p in sources:
        whole.update(count_words(p.read_text(encoding="utf-8")))
    assert len(seen) == len(sources)
    assert len({id(c) for c in seen.values()}) == 1  # one shared corpus for the run's documents
    for text, shared in seen.items():
        own = count_words(text)
        assert shared.words == sum(whole.values())
        doc = Document(text, corpus=shared)
        for word in set(own) | {w for w, n in whole.items() if n >= MIN_CORPUS_COUNT}:
            assert doc.vocabulary[word] == whole[word], word
        rare_elsewhere = sum(n for w, n in whole.items() if n < MIN_CORPUS_COUNT and w not in own)
        assert doc.n_words == sum(whole.values()) - rare_elsewhere


@pytest.mark.slow
def test_ctrl_c_leaves_every_corrections_file_whole_and_the_next_run_resumes(corpus):
    import signal
    import subprocess
    import sys
    import time

    from cli_helpers import ROOT
    from edition.store import parse_corrections

    for copy in range(1, 4):  # more documents, so that the interrupt lands mid-run
        for p in sorted((corpus / "corpus").rglob("*.txt")):
            if "-copy" not in p.stem:
                shutil.copy(p, p.with_name(f"{p.stem}-copy{copy}.txt"))
    n = len(list((corpus / "corpus").rglob("*.txt")))
    journal = corpus / "corrections" / ".corpus" / "detected.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "edition", "detect", "corpus", "--jobs", "2"],
                            cwd=corpus, env=env, start_new_session=True, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not (
            journal.exists() and len(journal.read_text().splitlines()) >= 2):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole process group
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("the run finished before the interrupt")
    assert proc.returncode == 130 and "interrupted" in err
    for path in (corpus / "corrections").glob("*.yaml"):
        parse_corrections(path, path.read_bytes())  # whole: old or new, never torn
    assert not list((corpus / "corrections").glob(".*.tmp"))
    done = len(journal.read_text().splitlines())
    assert 2 <= done < n
    again = run("detect", "corpus", "--jobs", "2", cwd=corpus, check=True)
    unchanged = int(re.search(r"unchanged\s+(\d+)", again.stdout).group(1))
    assert unchanged >= done  # every document journaled is skipped, the others are detected
    assert re.search(rf"total\s+{n}\b", again.stdout)


@pytest.mark.slow
def test_corpus_command_shows_the_lexicon_and_glob_chooses_the_files(corpus):
    (corpus / "corpus" / "notes.md").write_text("Stalin Stalin Stalin Lenin\n", encoding="utf-8")
    proc = run("corpus", "corpus", "--glob", "*.md", "--top", "2", "--jobs", "1", cwd=corpus, check=True)
    assert "corpus lexicon: 1 documents, 4 words, 2 forms" in proc.stdout
    assert re.search(r"^stalin\s+3$", proc.stdout, re.M) and re.search(r"^lenin\s+1$", proc.stdout, re.M)
    n = len(list((corpus / "corpus").rglob("*.txt")))
    proc = run("corpus", "corpus", cwd=corpus, check=True)
    assert f"corpus lexicon: {n} documents" in proc.stdout


def test_a_detect_run_says_which_pass_it_is_in(corpus, monkeypatch):
    """The progress bar counts every document twice for ``detect``: the run names its pass, so
    that an editor does not read 120 of 240 as half the corpus detected."""
    monkeypatch.chdir(corpus)
    run_ = CorpusRun("detect", discover(["."]))
    n, total = len(run_.jobs), run_.total_steps
    stages = [run_.stage for _ in run_.steps()]
    assert len(stages) == total == 2 * n
    assert stages[:n] == ["counting words (pass 1 of 2)"] * n
    assert stages[n:] == ["detecting (pass 2 of 2)"] * n
    lexicon_run = CorpusRun("lexicon", discover(["."]))
    assert {lexicon_run.stage for _ in lexicon_run.steps()} == {"counting words"}
