"""The Flask application of the review page: :func:`create_app`.

Routes: ``/`` (the page), ``/static/<file>`` (its CSS and JavaScript, from ``edition/static``
only), ``/api/...`` (see :mod:`edition.server.api`). Every request passes the checks of
:mod:`edition.server.security` first; every answer carries a Content-Security-Policy that allows
nothing but this server's own script and style, so even a text that slipped through as markup
could not run.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify, request, send_from_directory
from werkzeug.exceptions import HTTPException

from ..store import ConflictError
from ..errors import EditionError
from . import security
from .api import bp
from .images import PageImages
from .store import Conflict, ReviewStore

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

#: Nothing from anywhere else, no inline script or style, no framing, no form posts.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; "
       "frame-ancestors 'none'")

#: Largest request body: a batch of a few thousand ids is ~200 kB.
MAX_BODY = 2 * 1024 * 1024


def create_app(source: str | Path, corrections: str | Path | None = None, *, encoding: str | None = None,
               token: str | None = None, port: int | None = None, editor: str | None = None) -> Flask:
    """The review app for ``source`` and its corrections file.

    ``token`` is the session secret (a fresh one by default: ``app.config["EDITION_TOKEN"]``);
    ``port`` is the port the server is bound to, required in the Host header (None: any port,
    for a test client; :class:`~edition.server.run.ReviewServer` sets it once bound).
    ``editor`` is offered as the editor's name the first time the page asks for it.
    The project is opened once here so a bad source or corrections file fails at start.
    """
    app = Flask("edition.server", static_folder=None)
    store = ReviewStore(source, corrections, encoding)
    store.project()  # fail now, with the user's error, rather than on the first request
    app.config.update(EDITION_TOKEN=token or security.new_token(), EDITION_PORT=port,
                      EDITION_EDITOR=editor,
                      MAX_CONTENT_LENGTH=MAX_BODY)
    app.extensions["edition.store"] = store
    app.extensions["edition.images"] = PageImages()

    @app.before_request
    def guard() -> Any:
        host = request.headers.get("Host")
        why = (security.check_host(host, app.config["EDITION_PORT"])
               or security.check_origin(request.headers.get("Origin"), host or ""))
        # The page and its files hold no data: opening the address from a link elsewhere is
        # fine. The API answers this page only.
        if why is None and request.path.startswith("/api/"):
            why = (security.check_fetch_site(request.headers.get("Sec-Fetch-Site"))
                   or security.check_token(request.headers.get(security.TOKEN_HEADER),
                                           app.config["EDITION_TOKEN"]))
        if why is not None:
            return _error(403, why)
        return None

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.get("/")
    def index() -> Response:
        return send_from_directory(STATIC_DIR, "index.html")

    @app.get("/static/<path:name>")
    def static_file(name: str) -> Response:
        # send_from_directory refuses any path that leaves STATIC_DIR (.., absolute, symlink
        # tricks resolved by werkzeug's safe_join) with 404.
        return send_from_directory(STATIC_DIR, name)

    app.register_blueprint(bp)

    @app.errorhandler(Conflict)
    def conflict(exc: Conflict) -> Response:
        return _error(409, str(exc), conflict=True, ids=exc.ids, state=store.state(exc.project))

    @app.errorhandler(ConflictError)
    def busy(exc: ConflictError) -> Response:
        return _error(409, f"Not saved: {exc}", conflict=True, ids=[], state=store.state())

    @app.errorhandler(EditionError)
    def refused(exc: EditionError) -> Response:
        return _error(400, str(exc))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        return _error(exc.code or 500, exc.description or exc.name)

    return app


def _error(status: int, message: str, **extra: Any) -> Response:
    response = jsonify({"ok": False, "error": message, **extra})
    response.status_code = status
    return response


__all__ = ["create_app", "STATIC_DIR"]
