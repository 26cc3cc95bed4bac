"""What the review pages' JSON APIs (:mod:`.api`, :mod:`.corpus_api`) take from a request body:
the JSON object itself, its text fields within bounds, and the editor's name."""
from __future__ import annotations

import unicodedata
from typing import Any

from flask import request

from ..errors import EditionError

#: Longest editor name, reading or note accepted: far beyond any real one, short enough that a
#: runaway paste cannot bloat the corrections file.
MAX_FIELD = 2000


def json_body() -> dict[str, Any]:
    """The request's JSON object, or EditionError (a 400) for anything else."""
    try:
        data = request.get_json(silent=True)
    except RecursionError:  # nested deeper than the parser's stack: no action is shaped so
        raise EditionError("the request is nested too deeply to be a review action") from None
    if not isinstance(data, dict):
        raise EditionError("expected a JSON object (Content-Type: application/json)")
    return data


def text_field(body: dict[str, Any], key: str, *, optional: bool = False, line: bool = False
               ) -> str | None:
    """``body[key]``, a string of at most :data:`MAX_FIELD` characters (``line``: without
    control characters); None when absent and ``optional``."""
    value = body.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise EditionError(f"{key!r} must be a string")
    if len(value) > MAX_FIELD:
        raise EditionError(f"{key!r} is longer than {MAX_FIELD} characters")
    if line and any(unicodedata.category(ch) == "Cc" for ch in value):
        raise EditionError(f"{key!r} must be one line of text")
    return value


def editor(body: dict[str, Any]) -> str:
    """Who decides (``by``), required."""
    by = (text_field(body, "by", optional=True, line=True) or "").strip()
    if not by:
        raise EditionError("who is deciding? enter your name on the page")
    return by
