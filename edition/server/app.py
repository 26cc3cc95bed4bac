"""The Flask applications of the review pages: :func:`create_app` (one document) and
:func:`create_corpus_app` (many, by pattern), both made by :func:`guarded_app`.

Routes: ``/`` (the page), ``/static/<file>`` (its CSS and JavaScript, from ``edition/static``
only), ``/api/...`` (see :mod:`edition.server.api` and :mod:`edition.server.corpus_api`).
Every request passes the checks of :mod:`edition.server.security` first; every answer carries a
Content-Security-Policy that allows nothing but this server's own script and style, so even a
text that slipped through as markup could not run.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from flask import Flask, Response, jsonify, request, send_from_directory
from werkzeug.exceptions import HTTPException

from ..corpus_review.documents import Document
from ..corpus_review.index import CorpusIndex
from ..store import ConflictError
from ..errors import EditionError
from . import security
from .api import bp
from .corpus_api import bp as corpus_bp
from .corpus_store import CorpusReviewStore
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
    store = ReviewStore(source, corrections, encoding)
    store.project()  # fail now, with the user's error, rather than on the first request
    app = guarded_app(token=token, port=port, editor=editor, max_body=MAX_BODY, csp=CSP)
    app.extensions["edition.store"] = store
    app.extensions["edition.images"] = PageImages()

    @app.get("/")
    def index() -> Response:
        return send_from_directory(STATIC_DIR, "index.html")

    app.register_blueprint(bp)

    @app.errorhandler(Conflict)
    def conflict(exc: Conflict) -> Response:
        return _error(409, str(exc), conflict=True, ids=exc.ids, state=store.state(exc.project))

    @app.errorhandler(ConflictError)
    def busy(exc: ConflictError) -> Response:
        return _error(409, f"Not saved: {exc}", conflict=True, ids=[], state=store.state())

    return app


#: The corpus page also draws crops of page images, which it fetches with its token and shows
#: from ``blob:`` addresses; nothing else differs.
CORPUS_CSP = CSP.replace("img-src 'self' data:", "img-src 'self' data: blob:")
#: Largest request body of the corpus page: a group's batch names each instance (document, id,
#: revision: about 60 bytes), so 10,000 instances are about 600 kB; this allows half a million.
CORPUS_MAX_BODY = 32 * 1024 * 1024


def create_corpus_app(documents: Sequence[Document], *, index: CorpusIndex | None = None,
                      token: str | None = None, port: int | None = None,
                      editor: str | None = None) -> Flask:
    """The corpus review app for ``documents`` (see :mod:`edition.server.corpus_store`);
    ``index``: their index, already read (else it is read here). Token, port and editor as
    for :func:`create_app`."""
    store = CorpusReviewStore(documents, index)
    app = guarded_app(token=token, port=port, editor=editor, max_body=CORPUS_MAX_BODY,
                      csp=CORPUS_CSP)
    app.extensions["edition.corpus"] = store

    @app.get("/")
    def index_page() -> Response:
        return send_from_directory(STATIC_DIR, "corpus.html")

    app.register_blueprint(corpus_bp)
    return app


def guarded_app(*, token: str | None, port: int | None, editor: str | None, max_body: int,
                csp: str) -> Flask:
    """A Flask app with what every review page needs: the checks of :mod:`.security` before
    every request (the API's token among them), the security headers (``csp``) on every
    answer, the page's static files, and errors as JSON (``EditionError``: 400)."""
    app = Flask("edition.server", static_folder=None)
    app.config.update(EDITION_TOKEN=token or security.new_token(), EDITION_PORT=port,
                      EDITION_EDITOR=editor,
                      MAX_CONTENT_LENGTH=max_body)

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
        response.headers["Content-Security-Policy"] = csp
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.get("/static/<path:name>")
    def static_file(name: str) -> Response:
        # send_from_directory refuses any path that leaves STATIC_DIR (.., absolute, symlink
        # tricks resolved by werkzeug's safe_join) with 404.
        return send_from_directory(STATIC_DIR, name)

    @app.errorhandler(EditionError)
    def refused(exc: EditionError) -> Response:
        return _error(400, str(exc))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        return _error(exc.code or 500, exc.description or exc.name)

    @app.errorhandler(OSError)
    def file_error(exc: OSError) -> Response:
        # a read-only folder, a full disk, a folder that is a file: the page says which file and
        # why, as the command line does, rather than "internal server error"
        where = f"{exc.filename}: " if exc.filename else ""
        return _error(500, f"{where}{exc.strerror or exc}")

    return app


def _error(status: int, message: str, **extra: Any) -> Response:
    response = jsonify({"ok": False, "error": message, **extra})
    response.status_code = status
    return response


__all__ = ["create_app", "create_corpus_app", "guarded_app", "STATIC_DIR"]
