"""The review page's JSON API (every route needs the session token; see :mod:`.security`).

=================  ==========================================================================
``GET  state``     the source text and every entry, each with its revision ``rev``
``GET  version``   the corrections file's digest and the source's SHA-256 (cheap polling)
``POST decide``    ``{action, by, items: [{id, rev, reading?}], note?}``; action is accept,
                   reject, edit, flag, reopen or redo (:func:`edition.review.decide`, as the
                   command line)
``POST restore``   ``{items: [{id, rev, record: {status, reading, by, on, note}}]}`` (undo)
``POST add``       ``{by, start, end, reading | null, kind, why?}`` a correction the detectors
                   missed (null reading: flagged unclear)
``POST remove``    ``{items: [{id, rev}]}`` delete an editor's addition (undo of add)
``POST lexicon``   ``{by, word, items: [{id, rev}]}`` the word is correct for the whole project:
                   add it to the project lexicon and reject the listed proposals of it
``POST preview``   ``{id, reading | null}`` the sentence before and after
``GET  crop``      ``?id=ID``: the page image behind an entry of an OCR source, cut around its
                   words and their line (:mod:`.images`)
=================  ==========================================================================

Every POST also sends ``version``, the file digest of the page's last load. A change answers
``{ok, version, changed, removed, external}`` (and the whole ``state`` when the file had changed
on disk meanwhile); a conflict answers 409 with the message and the current ``state``.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from .. import review
from ..errors import EditionError
from ..detection.evidence.project import add_to_project_lexicon
from ..model import Correction, Kind, Status
from ..workflow import Project
from .fields import editor, json_body, text_field
from .preview import preview
from .store import ChangeResult, ReviewStore, correction_json

bp = Blueprint("api", __name__, url_prefix="/api")

#: Largest batch in one request (the seed has ~400 proposals; a whole book a few thousand).
MAX_ITEMS = 20000

DECISIONS = review.ACTIONS


def store() -> ReviewStore:
    return current_app.extensions["edition.store"]


def _items(body: dict[str, Any]) -> list[dict[str, Any]]:
    items = body.get("items")
    if not isinstance(items, list) or not items:
        raise EditionError("'items' must be a non-empty list of {id, rev}")
    if len(items) > MAX_ITEMS:
        raise EditionError(f"at most {MAX_ITEMS} items in one request")
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) \
                or not isinstance(item.get("rev"), str):
            raise EditionError("each item needs a string 'id' and 'rev'")
    ids = [i["id"] for i in items]
    if len(set(ids)) != len(ids):
        raise EditionError("an id is listed twice")
    return items


def _expected(items: list[dict[str, Any]]) -> dict[str, str]:
    return {i["id"]: i["rev"] for i in items}


def _version(body: dict[str, Any]) -> str | None:
    v = body.get("version")
    return v if isinstance(v, str) else None


def _answer(res: ChangeResult) -> Response:
    payload: dict[str, Any] = {
        "ok": True, "version": store().version_of(res.project),
        "changed": [correction_json(c) for c in res.changed], "removed": res.removed,
        "external": res.external,
    }
    if res.external:
        payload["state"] = store().state(res.project)
    return jsonify(payload)


@bp.get("/state")
def get_state() -> Response:
    return jsonify({**store().state(), "editor_hint": current_app.config.get("EDITION_EDITOR")})


@bp.get("/version")
def get_version() -> Response:
    return jsonify(store().version())


@bp.post("/decide")
def post_decide() -> Response:
    body = json_body()
    action = body.get("action")
    if action not in DECISIONS:
        raise EditionError(f"unknown action {action!r} (use one of: {', '.join(DECISIONS)})")
    by = editor(body) if action not in ("reopen", "redo") else ""
    items = _items(body)
    note = text_field(body, "note", optional=True)
    readings = {i["id"]: text_field(i, "reading", optional=action == "accept") for i in items} \
        if action in ("accept", "edit") else {}

    def mutate(project: Project) -> tuple[list[Correction], list[str]]:
        out = []
        for item in items:
            new = review.decide(project.corrections.get(item["id"]), action, by=by,
                                reading=readings.get(item["id"]), note=note)
            project.corrections.put(new)
            out.append(new)
        return out, []

    return _answer(store().change(_expected(items), mutate, _version(body)))


_RECORD_KEYS = ("status", "reading", "by", "on", "note")


@bp.post("/restore")
def post_restore() -> Response:
    """Put entries back as they were (the page's undo): only review fields, never the span."""
    body = json_body()
    items = _items(body)
    records = {}
    for item in items:
        record = item.get("record")
        if not isinstance(record, dict) or set(record) - set(_RECORD_KEYS):
            raise EditionError(f"'record' may hold only {', '.join(_RECORD_KEYS)}")
        if record.get("status") not in {s.value for s in Status}:
            raise EditionError(f"unknown status {record.get('status')!r}")
        for key in ("reading", "by", "on", "note"):
            text_field(record, key, optional=True)
        records[item["id"]] = record

    def mutate(project: Project) -> tuple[list[Correction], list[str]]:
        out = []
        for cid, record in records.items():
            c = project.corrections.get(cid)
            if c.stale:
                raise EditionError(f"{cid} is stale ({c.stale}); it cannot be changed")
            try:
                new = review.restore(c, status=record["status"], reading=record.get("reading"),
                                     by=record.get("by"), on=record.get("on"),
                                     note=record.get("note"))
            except ValueError as exc:
                raise EditionError(str(exc)) from None
            project.corrections.put(new)
            out.append(new)
        return out, []

    return _answer(store().change(_expected(items), mutate, _version(body)))


@bp.post("/add")
def post_add() -> Response:
    body = json_body()
    by = editor(body)
    start, end = body.get("start"), body.get("end")
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)):
        raise EditionError("'start' and 'end' must be whole numbers")
    reading = text_field(body, "reading", optional=True)
    why = text_field(body, "why", optional=True, line=True)
    try:
        kind = Kind(body.get("kind") or ("unclear" if reading is None else "other"))
    except ValueError:
        raise EditionError(f"unknown kind {body.get('kind')!r}") from None

    def mutate(project: Project) -> tuple[list[Correction], list[str]]:
        text = project.source.text
        if not 0 <= start <= end <= len(text):
            raise EditionError(f"{start}..{end} is not a span of the source (0..{len(text)}, "
                               "start before end)")
        if start == end and reading is None:
            raise EditionError("select the text to flag")
        c = review.add_correction(text, project.corrections, start, end, reading=reading,
                                  kind=kind, by=by, why=why or None)
        project.corrections.put(c)
        return [c], []

    return _answer(store().change({}, mutate, _version(body)))


@bp.post("/remove")
def post_remove() -> Response:
    """Delete corrections an editor added (the undo of ``add``); detector proposals stay."""
    body = json_body()
    items = _items(body)

    def mutate(project: Project) -> tuple[list[Correction], list[str]]:
        for item in items:
            c = project.corrections.get(item["id"])
            if c.detector != "editor":
                raise EditionError(f"{c.id} was proposed by a detector; reject it instead of removing it")
            project.corrections.remove(c.id)
        return [], [i["id"] for i in items]

    return _answer(store().change(_expected(items), mutate, _version(body)))


@bp.post("/lexicon")
def post_lexicon() -> Response:
    """The word is correct for the whole project: into the lexicon, its proposals rejected."""
    body = json_body()
    by = editor(body)
    word = (text_field(body, "word", line=True) or "").strip()
    items = _items(body) if body.get("items") else []

    def mutate(project: Project) -> tuple[list[Correction], list[str]]:
        chosen = [project.corrections.get(i["id"]) for i in items]
        wrong = [c.id for c in chosen if c.original != word]
        if wrong:
            raise EditionError(f"{wrong[0]} is not a proposal for {word!r}")
        add_to_project_lexicon(store().lexicon_path, word)
        out = [review.reject(c, by=by) for c in chosen]
        for c in out:
            project.corrections.put(c)
        return out, []

    if not items:  # nothing to reject: only the lexicon changes
        add_to_project_lexicon(store().lexicon_path, word)
        return jsonify({"ok": True, "version": store().version()["version"], "changed": [],
                        "removed": [], "external": False})
    return _answer(store().change(_expected(items), mutate, _version(body)))


@bp.get("/crop")
def get_crop() -> Response:
    """The crops of the page image behind one entry; the entry's id is all the request names
    (never a path): the image is the one the project's OCR document found for its page."""
    cid = request.args.get("id", "")
    project = store().project(wait=False)
    if cid not in project.corrections:
        raise EditionError(f"no entry {cid!r}")
    doc = project.source.ocr
    if doc is None:
        return jsonify({"page": None, "image": None})
    c = project.corrections.get(cid)
    return jsonify(current_app.extensions["edition.images"].crops(doc, c.start, c.end))


@bp.post("/preview")
def post_preview() -> Response:
    body = json_body()
    cid = text_field(body, "id")
    reading = text_field(body, "reading", optional=True)
    project = store().project(wait=False)
    return jsonify(preview(project.source.text, project.corrections, cid or "", reading))
