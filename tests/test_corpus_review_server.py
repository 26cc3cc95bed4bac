"""The corpus review page's server: its JSON API over a folder of documents (groups, a group's
instances, their contexts, a batch decision followed to its end, an instance changed meanwhile
refused alone), the guarantees of the one-document page (session token, loopback host, no
cross-origin writes), and `edition review DIR` as a user starts it."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from cli_helpers import ROOT, run
from corpus_sample import instances, make_corpus
from edition.corpus.discover import discover
from edition.corpus_review.documents import documents
from edition.model import Status
from edition.server.app import create_corpus_app
from edition.source import read_source
from edition.store import load_corrections

TOKEN = "test-token"
H = {"X-Edition-Token": TOKEN}


@pytest.fixture()
def corpus(tmp_path, monkeypatch):
    make_corpus(tmp_path, 8)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture()
def app(corpus):
    a = create_corpus_app(documents(discover(["texts"])), token=TOKEN, port=8765)
    yield a
    a.extensions["edition.corpus"].wait(60)


@pytest.fixture()
def client(app):
    return app.test_client()


def get(client, path: str, **headers):
    r = client.get("/api/" + path, headers={**H, "Host": "127.0.0.1:8765", **headers})
    return r.status_code, r.get_json()


def post(client, path: str, body, **headers):
    r = client.post("/api/" + path, json=body, headers={**H, "Host": "127.0.0.1:8765", **headers})
    return r.status_code, r.get_json()


def entry(root: Path, document: str, cid: str):
    src = root / document
    return {c.id: c for c in load_corrections(root / "corrections" / f"{src.stem}.yaml",
                                              read_source(src))}[cid]


def decide(client, app, body) -> dict:
    status, data = post(client, "decide", body)
    assert status == 200, data
    app.extensions["edition.corpus"].wait(60)
    status, job = get(client, f"job?id={data['job']['id']}")
    assert status == 200 and job["finished"]
    return job


def test_groups_a_group_its_contexts_and_a_batch_decision(corpus, client, app):
    status, state = get(client, "state")
    assert status == 200
    assert [d["name"] for d in state["documents"]] == [f"texts/doc{i:03d}.txt" for i in range(8)]
    n_tbe, n_aud = sum(instances(corpus, "tbe").values()), sum(instances(corpus, "aud").values())
    assert (state["total"], state["pending"], state["groups"]) == (n_tbe + n_aud, n_tbe + n_aud, 2)
    _, groups = get(client, "groups")
    assert [(g["original"], g["reading"], g["pending"]) for g in groups["groups"]] == \
        [("tbe", "the", n_tbe), ("aud", "and", n_aud)]
    assert groups["groups"][0]["documents"] == len(instances(corpus, "tbe"))
    _, only = get(client, "groups?q=aud")
    assert [g["original"] for g in only["groups"]] == ["aud"]
    _, group = get(client, "group?original=aud&reading=and")
    assert len(group["instances"]) == n_aud
    first = group["instances"][:3]
    _, details = post(client, "details", {"items": [{"doc": i["doc"], "id": i["id"]}
                                                    for i in first]})
    for i, d in zip(first, details["details"]):
        text = (corpus / state["documents"][i["doc"]]["name"]).read_text()
        assert d["original"] == "aud" and (d["before"] + "aud" + d["after"]) in text
        assert d["rev"] == i["rev"] and d["crop"] is None
    # accept every instance but the first two, as the page sends it
    items = [{"doc": i["doc"], "id": i["id"], "rev": i["rev"], "reading": "and"}
             for i in group["instances"][2:]]
    job = decide(client, app, {"action": "accept", "by": "Ana Page", "items": items})
    assert (job["decided"], job["refused_count"], job["items"]) == (n_aud - 2, 0, n_aud - 2)
    assert job["done"] == job["documents"] == len({i["doc"] for i in items})
    assert len(job["changed"]) == n_aud - 2
    names = [d["name"] for d in state["documents"]]
    for i in group["instances"][2:]:
        c = entry(corpus, names[i["doc"]], i["id"])
        assert (c.status, c.reading, c.by) == (Status.ACCEPTED, "and", "Ana Page")
    for i in group["instances"][:2]:
        assert entry(corpus, names[i["doc"]], i["id"]).status is Status.PROPOSED
    _, after = get(client, "group?original=aud&reading=and")
    g = after["group"]
    assert (g["pending"], g["accepted"], g["learned"]["said"]) == \
        (2, n_aud - 2, f"accepted {n_aud - 2} times in this project")
    # undo: the page reopens what the job changed
    job = decide(client, app, {"action": "reopen", "items": [
        {"doc": c["doc"], "id": c["id"], "rev": c["rev"]} for c in job["changed"]]})
    assert job["decided"] == n_aud - 2
    _, state = get(client, "state")
    assert state["pending"] == state["total"]


def test_an_instance_changed_since_the_page_showed_it_is_refused_alone(corpus, client, app):
    _, group = get(client, "group?original=tbe&reading=the")
    _, state = get(client, "state")
    names = [d["name"] for d in state["documents"]]
    clash = group["instances"][1]
    run("reject", names[clash["doc"]], clash["id"], cwd=corpus, editor="Bo Other", check=True)
    items = [{"doc": i["doc"], "id": i["id"], "rev": i["rev"]} for i in group["instances"]]
    job = decide(client, app, {"action": "accept", "by": "Ana Page", "items": items})
    assert job["decided"] == len(items) - 1
    assert job["refused"] == [{"document": names[clash["doc"]], "id": clash["id"],
                               "reason": "changed since it was shown: now rejected by Bo Other"}]
    c = entry(corpus, names[clash["doc"]], clash["id"])
    assert (c.status, c.by) == (Status.REJECTED, "Bo Other")
    # the page notices the change on disk by the version
    _, v1 = get(client, "version")
    run("reopen", names[clash["doc"]], clash["id"], cwd=corpus, check=True)
    _, v2 = get(client, "version")
    assert v1["version"] != v2["version"] and not v2["busy"]


def test_the_api_refuses_what_it_cannot_do(client):
    _, group = get(client, "group?original=tbe&reading=the")
    i = group["instances"][0]
    one = [{"doc": i["doc"], "id": i["id"], "rev": i["rev"]}]
    for body, said in [
        ({"action": "accept", "by": "", "items": one}, "who is deciding"),
        ({"action": "burn", "by": "A", "items": one}, "unknown action"),
        ({"action": "accept", "by": "A", "items": []}, "non-empty list"),
        ({"action": "accept", "by": "A", "items": [{**one[0], "doc": 99}]}, "number of a document"),
        ({"action": "accept", "by": "A", "items": one + one}, "listed twice"),
        ({"action": "accept", "by": "A\nB", "items": one}, "one line"),
    ]:
        status, data = post(client, "decide", body)
        assert status == 400 and said in data["error"], (body, data)
    assert get(client, "group?original=zzz&reading=z")[0] == 400
    assert get(client, "groups?sort=random")[0] == 400
    assert get(client, "groups?doc=99")[0] == 400
    assert get(client, "image?doc=0&page=0")[0] == 400  # plain text: no page image


def test_the_corpus_page_keeps_the_one_document_page_guarantees(client):
    assert client.get("/api/state", headers={"Host": "127.0.0.1:8765"}).status_code == 403
    r = client.get("/api/state", headers={"X-Edition-Token": "guess", "Host": "127.0.0.1:8765"})
    assert r.status_code == 403 and "wrong session token" in r.get_json()["error"]
    for host in ("evil.example:8765", "localhost:9999", "127.0.0.1"):
        assert get(client, "state", Host=host)[0] == 403, host
    body = {"action": "reject", "by": "Mallory", "items": [{"doc": 0, "id": "x", "rev": "r"}]}
    for headers in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        assert post(client, "decide", body, **headers)[0] == 403, headers
    page = client.get("/", headers={"Host": "127.0.0.1:8765"})
    assert page.status_code == 200 and b"corpus.js" in page.data
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]


def test_edition_review_of_a_folder_serves_the_corpus_page_and_stops_on_ctrl_c(corpus):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "edition", "review", "texts", "--no-browser",
                             "--port", "0"], cwd=corpus, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline()
        assert "Reviewing 8 document(s)" in line, line
        m = re.search(r"(http://127\.0\.0\.1:\d+/)#token=([\w-]+)", line)
        base, token = m.group(1), m.group(2)
        req = urllib.request.Request(base + "api/groups", headers={"X-Edition-Token": token})
        with urllib.request.urlopen(req, timeout=30) as r:
            assert [g["original"] for g in json.loads(r.read())["groups"]] == ["tbe", "aud"]
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(base + "api/state", timeout=30)
        assert err.value.code == 403
    finally:
        proc.send_signal(signal.SIGINT)
        out, errs = proc.communicate(timeout=30)
    assert proc.returncode == 0, errs
    assert "Traceback" not in errs
