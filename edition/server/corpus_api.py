"""The corpus review page's JSON API (every route needs the session token; see :mod:`.security`).

=================  ==========================================================================
``GET  state``     the documents with their progress, the totals, the kinds
``GET  version``   a token that changes when an entry changed (cheap polling)
``GET  groups``    ``?status&kind&q&min&doc&sort&offset&limit``: the groups by pattern, ordered
``GET  group``     ``?original&reading`` (no ``reading``: a flag): the group and every instance
                   ``{doc, id, rev, status, ...}``
``POST details``   ``{items: [{doc, id}]}`` the instances' contexts (and page-image crops)
``GET  image``     ``?doc&page``: the page image of an OCR source
``POST decide``    ``{action, by, items: [{doc, id, rev, reading?}], note?}``: starts a batch
                   (:func:`edition.review.decide` for each instance, as the command line);
                   answers the job
``GET  job``       ``?id``: the batch's progress; when finished, what it changed (for undo) and
                   what it refused
=================  ==========================================================================
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request, send_file

from .. import review
from ..corpus_review.batch import Item
from ..corpus_review.patterns import SORTS, GroupFilter
from ..errors import EditionError
from ..model import Kind
from .corpus_store import CorpusReviewStore
from .fields import editor, json_body, text_field

bp = Blueprint("corpus_api", __name__, url_prefix="/api")

#: Largest batch in one request: the largest group of the 10M-word benchmark corpus has tens of
#: thousands of instances; far more would be a page gone wrong.
MAX_ITEMS = 500_000
#: Most groups or instances' details in one answer.
MAX_PAGE = 1000


def store() -> CorpusReviewStore:
    return current_app.extensions["edition.corpus"]


def _int(name: str, default: int | None = None, low: int = 0, high: int | None = None) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        if default is None:
            raise EditionError(f"give {name}")
        return default
    try:
        value = int(raw)
    except ValueError:
        raise EditionError(f"{name} must be a whole number") from None
    if value < low or (high is not None and value > high):
        raise EditionError(f"{name} must be between {low} and {high}")
    return value


def _doc(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not \
            0 <= value < len(store().documents):
        raise EditionError("each item needs 'doc': the number of a document of this corpus")
    return value


def _items(body: dict[str, Any], *, revisions: bool) -> list[dict[str, Any]]:
    items = body.get("items")
    if not isinstance(items, list) or not items:
        raise EditionError("'items' must be a non-empty list of {doc, id" +
                           (", rev}" if revisions else "}"))
    if len(items) > MAX_ITEMS:
        raise EditionError(f"at most {MAX_ITEMS} items in one request")
    seen = set()
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or \
                (revisions and not isinstance(item.get("rev"), str)):
            raise EditionError("each item needs a string 'id'" + (" and 'rev'" if revisions else ""))
        key = (_doc(item.get("doc")), item["id"])
        if key in seen:
            raise EditionError("an instance is listed twice")
        seen.add(key)
    return items


@bp.get("/state")
def get_state() -> Response:
    return jsonify({**store().state(), "editor_hint": current_app.config.get("EDITION_EDITOR")})


@bp.get("/version")
def get_version() -> Response:
    return jsonify({"version": store().version(), "busy": store().busy})


@bp.get("/groups")
def get_groups() -> Response:
    args = request.args
    kind = args.get("kind") or None
    doc = _int("doc", -1, -1, len(store().documents) - 1)  # -1: every document
    try:
        where = GroupFilter(status=args.get("status") or "pending",
                            kind=Kind(kind) if kind else None, text=(args.get("q") or "").strip(),
                            min_confidence=float(args.get("min") or 0),
                            document=None if doc < 0 else doc)
    except ValueError as exc:
        raise EditionError(str(exc)) from None
    sort = args.get("sort") or "value"
    if sort not in SORTS:
        raise EditionError(f"unknown order {sort!r} (use one of: {', '.join(SORTS)})")
    return jsonify(store().groups(where, sort, _int("offset", 0),
                                  _int("limit", 200, 1, MAX_PAGE)))


@bp.get("/group")
def get_group() -> Response:
    original = request.args.get("original")
    if original is None:
        raise EditionError("give the group's original")
    return jsonify(store().group(original, request.args.get("reading")))


@bp.post("/details")
def post_details() -> Response:
    items = _items(json_body(), revisions=False)
    if len(items) > MAX_PAGE:
        raise EditionError(f"at most {MAX_PAGE} instances' details at once")
    return jsonify({"details": store().details([(i["doc"], i["id"]) for i in items])})


@bp.get("/image")
def get_image() -> Response:
    path = store().image(_int("doc"), _int("page"))
    return send_file(path, max_age=0)


@bp.post("/decide")
def post_decide() -> Response:
    body = json_body()
    action = body.get("action")
    if action not in review.ACTIONS:
        raise EditionError(f"unknown action {action!r} (use one of: {', '.join(review.ACTIONS)})")
    by = editor(body) if action not in ("reopen", "redo") else ""
    note = text_field(body, "note", optional=True)
    items = _items(body, revisions=True)
    decided = [(i["doc"], Item(i["id"], i["rev"], reading=text_field(i, "reading", optional=True)
                               if action in ("accept", "edit") else None)) for i in items]
    job = store().start(action, by, decided, note)
    return jsonify({"ok": True, "job": job.to_json(with_changed=False)})


@bp.get("/job")
def get_job() -> Response:
    job_id = request.args.get("id") or ""
    return jsonify(store().job(job_id).to_json(with_changed=True))
