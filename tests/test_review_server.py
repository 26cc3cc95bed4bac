"""The review server's API, run through Flask's test client on real corrections files.

Covers: the state the page loads, every decision saved at once (with who and when, comments
kept), undo, batch actions, the project lexicon, adding and removing, conflicts (two pages on one
entry, a command changing the file meanwhile), and the security checks (token, Host, Origin,
path traversal). The last tests run the real ``edition review`` command and a real threaded
server.
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from edition import workflow
from edition.store import load_corrections, save_corrections
from edition.detection.evidence.project import read_project_lexicon
from edition.model import Correction, Kind, Status
from edition.review import Selection
from edition.server import ReviewServer, create_app
from edition.source import read_source

from review_sample import REAL, hostile_corrections, seed_corrections

TOKEN = "test-token"
H = {"X-Edition-Token": TOKEN}


@pytest.fixture()
def project(tmp_path):
    return seed_corrections(tmp_path, bulk=40)


@pytest.fixture()
def client(project):
    src, cor = project
    return create_app(src, cor, token=TOKEN).test_client()


def entries(path: Path, src: Path) -> dict[str, Correction]:
    return {c.id: c for c in load_corrections(path, read_source(src))}


def state(client) -> dict:
    r = client.get("/api/state", headers=H)
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def find(st: dict, original: str) -> dict:
    return next(e for e in st["corrections"] if e["original"] == original)


def post(client, route: str, body: dict, headers: dict | None = None):
    return client.post(f"/api/{route}", data=json.dumps(body),
                       headers={**H, "Content-Type": "application/json", **(headers or {})})


# ------------------------------------------------------------------ loading


def test_state_has_the_text_and_every_entry_with_a_revision(client, project):
    src, cor = project
    st = state(client)
    assert st["source"]["text"] == read_source(src).text
    assert len(st["corrections"]) == len(entries(cor, src))
    assert {e["original"] for e in st["corrections"]} >= {r[0] for r in REAL}
    assert all(len(e["rev"]) == 16 for e in st["corrections"])
    assert st["version"] and state(client)["version"] == st["version"]  # the same file, the same version
    cor.write_text(cor.read_text() + "# a note\n")
    assert state(client)["version"] != st["version"]  # any change of the file is a new version


# ------------------------------------------------------------------ decisions


def test_accept_is_saved_at_once_with_who_and_when(client, project):
    src, cor = project
    st = state(client)
    e = find(st, "V1adimir")
    r = post(client, "decide", {"version": st["version"], "action": "accept", "by": "Ana Editor",
                                "items": [{"id": e["id"], "rev": e["rev"]}]})
    assert r.status_code == 200, r.get_json()
    saved = entries(cor, src)[e["id"]]
    assert (saved.status, saved.reading, saved.by) == (Status.ACCEPTED, "Vladimir", "Ana Editor")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", saved.on)
    assert r.get_json()["changed"][0]["rev"] != e["rev"]
    assert r.get_json()["external"] is False


def test_every_action_and_the_undo_restore(client, project):
    src, cor = project
    st = state(client)
    cap, com, exp, statin = (find(st, w) for w in ("capitatist", "commumism", "exposiing", "Statin"))
    v = st["version"]
    r = post(client, "decide", {"version": v, "action": "accept", "by": "Ana",
                                "items": [{"id": cap["id"], "rev": cap["rev"], "reading": "capitatists"}]})
    v = r.get_json()["version"]
    r = post(client, "decide", {"version": v, "action": "edit", "by": "Ana",
                                "items": [{"id": com["id"], "rev": com["rev"], "reading": "Communism"}]})
    v = r.get_json()["version"]
    r = post(client, "decide", {"version": v, "action": "reject", "by": "Ana",
                                "items": [{"id": exp["id"], "rev": exp["rev"]}]})
    v = r.get_json()["version"]
    r = post(client, "decide", {"version": v, "action": "flag", "by": "Ana", "note": "check the print",
                                "items": [{"id": statin["id"], "rev": statin["rev"]}]})
    assert r.status_code == 200
    saved = entries(cor, src)
    assert (saved[cap["id"]].status, saved[cap["id"]].reading) == (Status.ACCEPTED, "capitatists")
    assert (saved[com["id"]].status, saved[com["id"]].reading) == (Status.EDITED, "Communism")
    assert saved[exp["id"]].status is Status.REJECTED
    assert (saved[statin["id"]].status, saved[statin["id"]].note) == (Status.FLAGGED, "check the print")
    # undo the flag: the page sends back the record it showed before
    flagged = r.get_json()["changed"][0]
    r = post(client, "restore", {"items": [{"id": flagged["id"], "rev": flagged["rev"], "record": {
        "status": "proposed", "reading": None, "by": None, "on": None, "note": None}}]})
    assert r.status_code == 200, r.get_json()
    back = entries(cor, src)[statin["id"]]
    assert (back.status, back.by, back.on, back.note) == (Status.PROPOSED, None, None, None)
    # undo the edit back to what it was: an accepted reading
    edited = next(e for e in state(client)["corrections"] if e["id"] == com["id"])
    r = post(client, "restore", {"items": [{"id": com["id"], "rev": edited["rev"], "record": {
        "status": "accepted", "reading": "communism", "by": "Bo", "on": "2026-11-27T20:00:00Z",
        "note": None}}]})
    assert r.status_code == 200
    assert entries(cor, src)[com["id"]].by == "Bo"


def test_undoing_an_edit_keeps_the_typed_reading_and_redo_brings_it_back(client, project):
    src, cor = project
    st = state(client)
    com = find(st, "commumism")
    r = post(client, "decide", {"version": st["version"], "action": "edit", "by": "Ana",
                                "items": [{"id": com["id"], "rev": com["rev"], "reading": "Commune-ism"}]})
    edited = r.get_json()["changed"][0]
    was = {k: edited[k] for k in ("status", "reading", "by", "on", "note")}
    # the page's undo: back to pending; the typed reading stays in the entry's history
    r = post(client, "restore", {"items": [{"id": com["id"], "rev": edited["rev"], "record": {
        "status": "proposed", "reading": None, "by": None, "on": None, "note": None}}]})
    undone = r.get_json()["changed"][0]
    assert undone["status"] == "proposed" and "Commune-ism" in undone["history"][0]
    assert "Commune-ism" in entries(cor, src)[com["id"]].history[0]
    # redo: the decision again, and its history line gone
    r = post(client, "restore", {"items": [{"id": com["id"], "rev": undone["rev"], "record": was}]})
    redone = r.get_json()["changed"][0]
    assert (redone["status"], redone["reading"], redone["history"]) == ("edited", "Commune-ism", [])
    # a reopen from the page (or the command line) keeps it too, and `redo` restores it
    r = post(client, "decide", {"version": r.get_json()["version"], "action": "reopen",
                                "items": [{"id": com["id"], "rev": redone["rev"]}]})
    reopened = r.get_json()["changed"][0]
    r = post(client, "decide", {"version": r.get_json()["version"], "action": "redo",
                                "items": [{"id": com["id"], "rev": reopened["rev"]}]})
    assert r.get_json()["changed"][0]["reading"] == "Commune-ism"


def test_restore_cannot_change_the_span_or_break_a_record(client):
    st = state(client)
    e = find(st, "V1adimir")
    r = post(client, "restore", {"items": [{"id": e["id"], "rev": e["rev"], "record": {"status": "proposed", "start": 0}}]})
    assert r.status_code == 400
    r = post(client, "restore", {"items": [{"id": e["id"], "rev": e["rev"], "record": {"status": "accepted", "reading": None}}]})
    assert r.status_code == 400 and "needs a reading" in r.get_json()["error"]


def test_saving_keeps_the_files_comments(client, project):
    src, cor = project
    text = cor.read_text()
    cor.write_text(text.replace("corrections:\n", "# Reviewed against the 1981 print.\ncorrections:\n", 1)
                   .replace("  original: V1adimir\n", "  original: V1adimir  # see plate 3\n", 1))
    st = state(client)
    e = find(st, "V1adimir")
    r = post(client, "decide", {"version": st["version"], "action": "accept", "by": "Ana",
                                "items": [{"id": e["id"], "rev": e["rev"]}]})
    assert r.status_code == 200
    after = cor.read_text()
    assert "# Reviewed against the 1981 print." in after and "# see plate 3" in after


def test_batch_accept_all_identical(client, project):
    src, cor = project
    st = state(client)
    same = [e for e in st["corrections"] if e["original"] == "Krushchev"]
    assert len(same) == 3
    r = post(client, "decide", {"version": st["version"], "action": "accept", "by": "Ana",
                                "items": [{"id": e["id"], "rev": e["rev"], "reading": "Khrushchev"} for e in same]})
    assert r.status_code == 200 and len(r.get_json()["changed"]) == 3
    saved = entries(cor, src)
    assert all(saved[e["id"]].reading == "Khrushchev" for e in same)


def test_a_refused_batch_changes_nothing(client, project):
    src, cor = project
    before = cor.read_bytes()
    st = state(client)
    a, b = find(st, "V1adimir"), find(st, "Statin")
    r = post(client, "decide", {"version": st["version"], "action": "accept", "by": "Ana",
                                "items": [{"id": a["id"], "rev": a["rev"]},
                                          {"id": b["id"], "rev": b["rev"], "reading": "Statin"}]})
    assert r.status_code == 400 and "equals the original" in r.get_json()["error"]
    assert cor.read_bytes() == before
    # and the server's cached copy was not left half-changed
    assert find(state(client), "V1adimir")["status"] == "proposed"


def test_word_is_correct_for_the_project(client, project):
    src, cor = project
    st = state(client)
    e = find(st, "exposiing")
    r = post(client, "lexicon", {"version": st["version"], "by": "Ana", "word": "exposiing",
                                 "items": [{"id": e["id"], "rev": e["rev"]}]})
    assert r.status_code == 200, r.get_json()
    assert "exposiing" in read_project_lexicon(cor.parent / "lexicon.txt")
    assert entries(cor, src)[e["id"]].status is Status.REJECTED
    other = find(st, "Statin")
    r = post(client, "lexicon", {"version": r.get_json()["version"], "by": "Ana", "word": "exposiing",
                                 "items": [{"id": other["id"], "rev": other["rev"]}]})
    assert r.status_code == 400  # a proposal of another word is not rejected by this one


def test_add_by_selection_then_remove(client, project):
    src, cor = project
    text = read_source(src).text
    start = text.index("not fold")
    st = state(client)
    r = post(client, "add", {"version": st["version"], "by": "Ana", "start": start, "end": start + 8,
                             "reading": "not told", "kind": "realword"})
    assert r.status_code == 200, r.get_json()
    added = r.get_json()["changed"][0]
    saved = entries(cor, src)[added["id"]]
    assert (saved.original, saved.reading, saved.status, saved.by, saved.detector) == \
        ("not fold", "not told", Status.EDITED, "Ana", "editor")
    # flagged when there is no reading
    whet = text.index("whet")
    r = post(client, "add", {"by": "Ana", "start": whet, "end": whet + 4, "reading": None})
    assert r.get_json()["changed"][0]["status"] == "flagged"
    assert r.get_json()["changed"][0]["kind"] == "unclear"
    # undo of an addition removes it; a detector's proposal cannot be removed
    r = post(client, "remove", {"items": [{"id": added["id"], "rev": added["rev"]}]})
    assert r.status_code == 200 and added["id"] not in entries(cor, src)
    e = find(state(client), "V1adimir")
    r = post(client, "remove", {"items": [{"id": e["id"], "rev": e["rev"]}]})
    assert r.status_code == 400 and "reject it instead" in r.get_json()["error"]


def test_add_overlapping_a_proposal_is_refused(client, project):
    src, _ = project
    start = read_source(src).text.index("V1adimir")
    r = post(client, "add", {"by": "Ana", "start": start, "end": start + 4, "reading": "Vlad"})
    assert r.status_code == 400 and "overlaps" in r.get_json()["error"]
    r = post(client, "add", {"by": "Ana", "start": -1, "end": 4, "reading": "x"})
    assert r.status_code == 400


def test_accepting_into_an_overlap_is_refused(tmp_path):
    src, cor = seed_corrections(tmp_path, bulk=0)
    source = read_source(src)
    cf = load_corrections(cor, source)
    start = source.text.index("V1adimir Ilyich")
    # two hand-written proposals on overlapping spans (as a merge never writes them)
    cf.put(Correction("ot-a", start, start + 15, "V1adimir Ilyich", Kind.OTHER, readings=("Vladimir Ilyich",), why="x"))
    cf.put(Correction("ot-b", start + 9, start + 15, "Ilyich", Kind.OTHER, readings=("Ilich",), why="y"))
    save_corrections(cf)
    client = create_app(src, cor, token=TOKEN).test_client()
    st = state(client)
    a = next(e for e in st["corrections"] if e["id"] == "ot-a")
    b = next(e for e in st["corrections"] if e["id"] == "ot-b")
    r = post(client, "decide", {"action": "accept", "by": "Ana", "items": [{"id": a["id"], "rev": a["rev"]}]})
    assert r.status_code == 200
    r = post(client, "decide", {"action": "accept", "by": "Ana", "items": [{"id": b["id"], "rev": b["rev"]}]})
    assert r.status_code == 400 and "overlap" in r.get_json()["error"]
    assert entries(cor, src)["ot-b"].status is Status.PROPOSED


def test_preview_shows_the_sentence_before_and_after(client):
    st = state(client)
    e = find(st, "V1adimir")
    r = post(client, "preview", {"id": e["id"], "reading": "Vladimir"})
    p = r.get_json()
    assert "co-fighter of V1adimir Ilyich Lenin." in p["before"]
    assert "co-fighter of Vladimir Ilyich Lenin." in p["after"]
    assert p["after"][p["after_span"][0]:p["after_span"][1]] == "Vladimir"
    assert p["before"][p["before_span"][0]:p["before_span"][1]] == "V1adimir"
    r = post(client, "preview", {"id": e["id"], "reading": None})
    assert r.get_json()["after"] == r.get_json()["before"]


def test_bad_requests_are_refused_with_a_message(client):
    r = client.post("/api/decide", data="not json", headers={**H, "Content-Type": "application/json"})
    assert r.status_code == 400 and "JSON object" in r.get_json()["error"]
    st = state(client)
    e = st["corrections"][0]
    for body in ({"action": "delete", "by": "A", "items": [{"id": e["id"], "rev": e["rev"]}]},
                 {"action": "accept", "by": "", "items": [{"id": e["id"], "rev": e["rev"]}]},
                 {"action": "accept", "by": "A\nB", "items": [{"id": e["id"], "rev": e["rev"]}]},
                 {"action": "accept", "by": "A", "items": []},
                 {"action": "accept", "by": "A", "items": [{"id": e["id"]}]}):
        r = post(client, "decide", body)
        assert r.status_code == 400, body
        assert r.get_json()["error"]


#: A body nested 100,000 deep: deeper than any JSON parser's stack.
DEEP = '{"action": ' + "[" * 100_000 + "]" * 100_000 + "}"


@pytest.mark.parametrize("route", ["decide", "restore", "add", "remove", "lexicon", "preview"])
def test_a_body_nested_too_deep_is_refused_with_a_message(client, route):
    r = client.post(f"/api/{route}", data=DEEP, headers={**H, "Content-Type": "application/json"})
    assert r.status_code == 400
    assert r.get_json() == {"ok": False,
                            "error": "the request is nested too deeply to be a review action"}


# ------------------------------------------------------------------ conflicts


def test_two_pages_deciding_one_proposal_never_lose_an_update(client, project):
    src, cor = project
    st = state(client)  # both pages loaded this
    e = find(st, "Statin")
    first = post(client, "decide", {"version": st["version"], "action": "accept", "by": "Ana",
                                    "items": [{"id": e["id"], "rev": e["rev"]}]})
    assert first.status_code == 200
    second = post(client, "decide", {"version": st["version"], "action": "reject", "by": "Bo",
                                     "items": [{"id": e["id"], "rev": e["rev"]}]})
    assert second.status_code == 409
    body = second.get_json()
    assert body["conflict"] and body["ids"] == [e["id"]] and "Not saved" in body["error"]
    assert find(body["state"], "Statin")["status"] == "accepted"  # the page reloads this
    saved = entries(cor, src)[e["id"]]
    assert (saved.status, saved.by) == (Status.ACCEPTED, "Ana")
    # having seen Ana's decision, Bo may change it: with the new revision it is saved
    fresh = find(body["state"], "Statin")
    third = post(client, "decide", {"version": body["state"]["version"], "action": "reject", "by": "Bo",
                                    "items": [{"id": e["id"], "rev": fresh["rev"]}]})
    assert third.status_code == 200
    assert entries(cor, src)[e["id"]].by == "Bo"


def test_a_command_changing_the_file_meanwhile_is_kept_and_reported(client, project):
    src, cor = project
    st = state(client)
    # a CLI command decides another entry while the page is open
    p = workflow.open_project(src, cor)
    other = find(st, "exposiing")
    workflow.decide(p, Selection(ids=(other["id"],)), "reject", by="CLI user")
    e = find(st, "V1adimir")
    r = post(client, "decide", {"version": st["version"], "action": "accept", "by": "Ana",
                                "items": [{"id": e["id"], "rev": e["rev"]}]})
    assert r.status_code == 200
    body = r.get_json()
    assert body["external"] is True and find(body["state"], "exposiing")["status"] == "rejected"
    saved = entries(cor, src)
    assert saved[other["id"]].by == "CLI user" and saved[e["id"]].by == "Ana"


def test_a_command_deciding_the_same_entry_wins_and_the_page_is_told(client, project):
    src, cor = project
    st = state(client)
    e = find(st, "V1adimir")
    p = workflow.open_project(src, cor)
    workflow.decide(p, Selection(ids=(e["id"],)), "reject", by="CLI user")
    r = post(client, "decide", {"version": st["version"], "action": "accept", "by": "Ana",
                                "items": [{"id": e["id"], "rev": e["rev"]}]})
    assert r.status_code == 409
    assert "rejected" in r.get_json()["error"] and "CLI user" in r.get_json()["error"]
    assert entries(cor, src)[e["id"]].by == "CLI user"


def test_a_hand_deleted_entry_is_a_conflict(client, project):
    src, cor = project
    st = state(client)
    e = find(st, "V1adimir")
    text = cor.read_text()
    cor.write_text(text.replace(f"- id: {e['id']}\n", "- id: gl-renamed\n"))
    r = post(client, "decide", {"action": "reject", "by": "Ana", "items": [{"id": e["id"], "rev": e["rev"]}]})
    assert r.status_code == 409 and "no longer in the corrections file" in r.get_json()["error"]


def test_a_changed_source_is_reloaded_and_relocated(client, project):
    src, cor = project
    st = state(client)
    src.write_text("A line added above by a git pull.\n\n" + read_source(src).text, encoding="utf-8")
    st2 = state(client)
    assert st2["source"]["sha256"] != st["source"]["sha256"]
    moved = find(st2, "V1adimir")
    assert st2["source"]["text"][moved["start"]:moved["end"]] == "V1adimir"
    assert st2["warnings"] and "found again" in st2["warnings"][0]


# ------------------------------------------------------------------ security


def test_api_needs_the_session_token(client):
    assert client.get("/api/state").status_code == 403
    r = client.get("/api/state", headers={"X-Edition-Token": "guess"})
    assert r.status_code == 403 and "wrong session token" in r.get_json()["error"]
    assert client.post("/api/decide", json={"action": "reject"}).status_code == 403
    assert client.get("/api/state", headers=H).status_code == 200


def test_other_hosts_are_refused(project):
    src, cor = project
    app = create_app(src, cor, token=TOKEN, port=8765)
    c = app.test_client()
    for host in ("evil.example:8765", "127.0.0.1.evil.example:8765", "localhost:9999", "127.0.0.1"):
        r = c.get("/api/state", headers={**H, "Host": host})
        assert r.status_code == 403, host
        assert c.get("/", headers={"Host": host}).status_code == 403
    for host in ("127.0.0.1:8765", "localhost:8765", "[::1]:8765"):
        assert c.get("/api/state", headers={**H, "Host": host}).status_code == 200, host


def test_other_origins_are_refused(client, project):
    src, cor = project
    st = state(client)
    e = find(st, "V1adimir")
    body = {"action": "accept", "by": "Mallory", "items": [{"id": e["id"], "rev": e["rev"]}]}
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "null"},
                    {"Origin": "http://localhost:9999"}, {"Origin": "https://localhost"},
                    {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}):
        r = post(client, "decide", body, headers)
        assert r.status_code == 403, headers
    assert entries(cor, src)[e["id"]].status is Status.PROPOSED
    r = post(client, "decide", body, {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"})
    assert r.status_code == 200


def test_only_the_page_is_served_nothing_outside_static(client, project):
    src, cor = project
    assert client.get("/").status_code == 200
    r = client.get("/static/review.js")
    assert r.status_code == 200 and b"textContent" in r.data
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]
    for path in ("/static/../server/app.py", "/static/..%2fserver%2fapp.py", "/static/%2e%2e/model.py",
                 "/static/..%2F..%2Fpyproject.toml", "/static//etc/passwd", f"/static/{cor}",
                 "/static/../../tests/review_sample.py", "/corrections/", f"/{src.name}",
                 "/static/.", "/static/"):
        r = client.get(path, follow_redirects=True)
        assert r.status_code in (404, 405), (path, r.status_code)
        assert b"import" not in r.data and b"root:" not in r.data


def test_hostile_text_goes_out_as_json_data(tmp_path):
    src, cor = hostile_corrections(tmp_path)
    st = state(create_app(src, cor, token=TOKEN).test_client())
    assert "<script>window.__pwned = 1</script>" in st["source"]["text"]
    page = (Path(__file__).resolve().parent.parent / "edition" / "static" / "review.js").read_text()
    assert "innerHTML" not in page and "insertAdjacentHTML" not in page and "document.write" not in page


# ------------------------------------------------------------------ the real server


def test_threaded_server_saves_concurrent_decisions_without_loss(project):
    src, cor = project
    server = ReviewServer(src, cor, token=TOKEN, port=0).start()
    try:
        def call(route, body):
            req = urllib.request.Request(server.base_url + "api/" + route, method="POST",
                                         data=json.dumps(body).encode(), headers={**H, "Content-Type": "application/json"})
            with urllib.request.urlopen(req, timeout=30) as r:
                return json.loads(r.read())

        req = urllib.request.Request(server.base_url + "api/state", headers=H)
        with urllib.request.urlopen(req, timeout=30) as r:
            st = json.loads(r.read())
        todo = [e for e in st["corrections"] if e["readings"]][:12]
        results = []

        def decide(e):
            results.append(call("decide", {"action": "accept", "by": "Ana",
                                           "items": [{"id": e["id"], "rev": e["rev"]}]}))

        threads = [threading.Thread(target=decide, args=(e,)) for e in todo]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert all(r["ok"] for r in results)
        saved = entries(cor, src)
        assert all(saved[e["id"]].status is Status.ACCEPTED for e in todo)
    finally:
        server.shutdown()


def test_edition_review_prints_the_address_serves_and_stops_on_ctrl_c(project):
    src, cor = project
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    proc = subprocess.Popen([sys.executable, "-m", "edition", "review", str(src), "--corrections", str(cor),
                             "--no-browser"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline()
        m = re.search(r"(http://127\.0\.0\.1:(\d+)/)#token=([\w-]+)", line)
        assert m, line
        base, token = m.group(1), m.group(3)
        req = urllib.request.Request(base + "api/state", headers={"X-Edition-Token": token})
        with urllib.request.urlopen(req, timeout=30) as r:
            assert json.loads(r.read())["source"]["name"] == src.stem
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(base + "api/state", timeout=30)
        assert err.value.code == 403
    finally:
        proc.send_signal(signal.SIGINT)
        out, errs = proc.communicate(timeout=30)
    assert proc.returncode == 0, errs
    assert "Stopped" in out and "Traceback" not in errs


def test_edition_review_answers_a_deep_body_without_a_traceback(project):
    src, cor = project
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    proc = subprocess.Popen([sys.executable, "-m", "edition", "review", str(src), "--corrections",
                             str(cor), "--no-browser"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        m = re.search(r"(http://127\.0\.0\.1:\d+/)#token=([\w-]+)", proc.stdout.readline())
        base, token = m.group(1), m.group(2)
        req = urllib.request.Request(base + "api/decide", data=DEEP.encode(), method="POST",
                                     headers={"X-Edition-Token": token,
                                              "Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req, timeout=60)
        assert err.value.code == 400
        assert "nested too deeply" in json.loads(err.value.read())["error"]
    finally:
        proc.send_signal(signal.SIGINT)
        out, errs = proc.communicate(timeout=30)
    assert proc.returncode == 0, errs
    assert "Traceback" not in errs and "RecursionError" not in errs, errs


def test_edition_review_help_and_a_busy_port(project, capsys):
    from edition.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["review", "--help"])
    assert exc.value.code == 0
    assert "--no-browser" in capsys.readouterr().out
    src, cor = project
    server = ReviewServer(src, cor, port=0)
    try:
        assert main(["review", str(src), "--corrections", str(cor), "--no-browser",
                     "--port", str(server.port)]) == 1
        assert f"port {server.port} is in use" in capsys.readouterr().err
    finally:
        server.close()


def test_the_page_is_offered_the_editors_name(project):
    src, cor = project
    c = create_app(src, cor, token=TOKEN, editor="Ana Editor").test_client()
    assert state(c)["editor_hint"] == "Ana Editor"


# ------------------------------------------------------------------ the preview, as a property

from hypothesis import given, settings
from hypothesis import strategies as st_

from edition.apply import apply_corrections
from edition.server.preview import preview


@st_.composite
def decided_text(draw):
    """A text, non-overlapping corrections on it (some accepted), a target and its reading."""
    text = draw(st_.text(alphabet="ab .!\n", min_size=1, max_size=400))
    cuts = sorted(draw(st_.sets(st_.integers(0, len(text)), min_size=2, max_size=12)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]
    if not spans:
        spans = [(0, len(text))]
    corrections = []
    for i, (a, b) in enumerate(spans):
        reading = draw(st_.text(alphabet="xyz .", max_size=6).filter(lambda r, o=text[a:b]: r != o))
        accepted = draw(st_.booleans())
        corrections.append(Correction(f"c{i}", a, b, text[a:b], Kind.OTHER,
                                      Status.ACCEPTED if accepted else Status.PROPOSED,
                                      readings=(reading,), reading=reading if accepted else None))
    target = draw(st_.sampled_from(corrections))
    reading = draw(st_.one_of(st_.none(), st_.text(alphabet="xyz", min_size=1, max_size=5)))
    return text, corrections, target, reading


@settings(max_examples=300, deadline=None)
@given(decided_text())
def test_preview_is_a_window_of_the_edition_as_it_would_be(case):
    text, corrections, target, reading = case
    p = preview(text, corrections, target.id, reading)
    left = p["left"]
    assert p["before"] == text[left:left + len(p["before"])]
    assert p["before"][slice(*p["before_span"])] == target.original
    shown = target.original if reading is None else reading
    assert p["after"][slice(*p["after_span"])] == shown
    others = [c for c in corrections if c.id != target.id]
    if reading is not None and reading != target.original:
        others.append(target.replace(status=Status.EDITED, reading=reading))
    assert p["after"] in apply_corrections(text, others)
    assert p["error"] is None


def test_a_source_without_corrections_file_starts_empty_and_an_addition_creates_it(tmp_path):
    src = tmp_path / "scan.txt"
    src.write_text("The quick brovvn fox.\n", encoding="utf-8")
    cor = tmp_path / "corrections" / "scan.yaml"
    c = create_app(src, cor, token=TOKEN).test_client()
    st = state(c)
    assert st["corrections"] == [] and st["version"] == ""
    r = post(c, "add", {"version": "", "by": "Ana", "start": 10, "end": 16, "reading": "brown", "kind": "glyph"})
    assert r.status_code == 200, r.get_json()
    assert [(e.original, e.reading) for e in entries(cor, src).values()] == [("brovvn", "brown")]


def test_a_decision_that_cannot_be_written_is_refused_with_the_file_and_the_reason(client, project):
    """A decision the server cannot save is answered with the file and the reason, for the
    page's "Not saved" bar, not with Flask's "internal server error". Here the lock file's place
    is taken by a folder (a test run as root cannot make a folder read-only; a read-only folder
    or a full disk fail at the same place, with their own reason)."""
    src, cor = project
    before = cor.read_bytes()
    st = state(client)
    e = find(st, "V1adimir")
    (cor.parent / f".{cor.name}.lock").mkdir()
    r = post(client, "decide", {"version": st["version"], "action": "accept", "by": "Ana Editor",
                                "items": [{"id": e["id"], "rev": e["rev"]}]})
    assert r.status_code == 500
    error = r.get_json()["error"]
    assert error == f"{cor}: Is a directory", error
    assert cor.read_bytes() == before


def test_review_stops_on_sigint_even_as_a_background_job(tmp_path):
    """A shell starts `edition review ... &` with SIGINT ignored: `kill -INT` did nothing and
    SIGTERM ended it without its last message. Both now stop it cleanly (exit 0)."""
    import os
    import signal
    import subprocess
    import sys

    from cli_helpers import ROOT

    (tmp_path / "t.txt").write_text("A tiny text with V1adimir in it.\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "EDITION_EDITOR": "Test Editor"}
    for sig in (signal.SIGINT, signal.SIGTERM):
        proc = subprocess.Popen(
            [sys.executable, "-m", "edition", "review", "t.txt", "--no-browser", "--port", "0"],
            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
        try:
            assert "http://127.0.0.1:" in proc.stdout.readline()
            proc.send_signal(sig)
            out, err = proc.communicate(timeout=20)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        assert proc.returncode == 0, err
        assert "Stopped" in out and "Traceback" not in err


def test_review_page_says_when_there_is_no_corrections_file(tmp_path):
    """The page of a source never detected showed an empty queue without a word of why."""
    from edition.server.app import create_app

    (tmp_path / "t.txt").write_text("A tiny text with V1adimir in it.\n")
    app = create_app(tmp_path / "t.txt", tmp_path / "corrections" / "t.yaml", token="tok")
    state = app.extensions["edition.store"].state()
    assert any("No corrections file yet" in w and "edition detect" in w for w in state["warnings"])
