"""Running the review server: bound to 127.0.0.1, threaded, stopped cleanly.

:class:`ReviewServer` binds a socket first, then tells the app its port so the Host check knows
it, and serves until :meth:`~ReviewServer.shutdown` or Ctrl-C. Without a port it takes
:data:`PREFERRED_PORT` when that is free, else any free port. Every decision is written (fsynced
and renamed into place) before its answer is sent, so stopping the server — even killing it —
never loses a decision the page showed as saved.
"""
from __future__ import annotations

import errno
import os
import signal
import socket
import sys
import threading
import webbrowser
from pathlib import Path
from typing import Sequence

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from flask import Flask

from ..corpus_review.documents import Document
from ..corpus_review.index import CorpusIndex
from ..errors import EditionError
from .app import create_app, create_corpus_app

HOST = "127.0.0.1"

#: The port tried first. A browser keeps what a page remembers (the editor's name) per origin,
#: that is per host *and port*: a steady port lets it remember the name from one run of
#: `edition review` to the next. 8765 is not assigned to a common service.
PREFERRED_PORT = 8765


def _listen(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # As every server does: reuse a port whose last connections are still closing (TIME_WAIT);
    # on Linux this never allows two servers to listen on one port.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
        sock.listen(64)
    except OSError:
        sock.close()
        raise
    return sock


class _QuietHandler(WSGIRequestHandler):
    """No line per request on stderr: an editor's terminal shows the address, not a log.
    (Errors are still reported.)"""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class ReviewServer:
    """The review page for one source, served on the loopback interface.

    >>> import tempfile, pathlib
    >>> src = pathlib.Path(tempfile.mkdtemp()) / "t.txt"
    >>> _ = src.write_text("A tiny text.")
    >>> server = ReviewServer(src, src.parent / "t.yaml", port=0)
    >>> server.url.startswith("http://127.0.0.1:"), "#token=" in server.url
    (True, True)
    >>> server.close()
    """

    def __init__(self, source: str | Path | None = None, corrections: str | Path | None = None, *,
                 encoding: str | None = None, port: int | None = None, token: str | None = None,
                 editor: str | None = None, app: Flask | None = None):
        # ``app``: another review app to serve (the corpus page, :func:`serve_corpus`)
        self.app = app if app is not None else \
            create_app(source, corrections, encoding=encoding, token=token, editor=editor)
        # Bind here rather than in werkzeug, which prints and exits when the port is taken.
        try:
            if port is None:
                try:
                    sock = _listen(PREFERRED_PORT)
                except OSError:
                    sock = _listen(0)
            else:
                sock = _listen(port)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise EditionError(f"port {port} is in use; pick another --port or leave it out") from None
            raise EditionError(f"cannot listen on {HOST}:{port} ({exc.strerror})") from None
        try:
            self._server: BaseWSGIServer = make_server(HOST, 0, self.app, threaded=True,
                                                       request_handler=_QuietHandler,
                                                       fd=sock.fileno())
        finally:
            sock.close()  # the server holds its own duplicate of the socket
        self.port: int = self._server.port
        self.app.config["EDITION_PORT"] = self.port
        self._thread: threading.Thread | None = None

    @property
    def token(self) -> str:
        return self.app.config["EDITION_TOKEN"]

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    @property
    def url(self) -> str:
        """The address to open: the token rides in the fragment, which is never sent anywhere."""
        return f"{self.base_url}#token={self.token}"

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def start(self) -> "ReviewServer":
        """Serve in a background thread (for tests and embedding)."""
        self._thread = threading.Thread(target=self._server.serve_forever, name="edition-review",
                                        daemon=True)
        self._thread.start()
        return self

    def shutdown(self) -> None:
        """Stop serving (from another thread) and release the port."""
        self._server.shutdown()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self.close()

    def close(self) -> None:
        self._server.server_close()
        if "edition.store" in self.app.extensions:
            self.app.extensions["edition.store"].keep()  # the next command starts from its parse
        if "edition.corpus" in self.app.extensions:
            self.app.extensions["edition.corpus"].wait()  # a batch being decided finishes


def _can_open_browser() -> bool:
    """False on a Linux machine without a display: there ``webbrowser`` would start a text-mode
    browser in this very terminal, on top of the server's output."""
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _open(url: str) -> None:
    try:
        webbrowser.open(url)
    except webbrowser.Error:
        pass  # the address is printed; the editor can open it by hand


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_on_signals() -> dict[int, object]:
    """Stop on SIGINT and SIGTERM like on Ctrl-C; returns the handlers to restore.

    A shell starts a background job (``edition review ... &``) with SIGINT *ignored*, so
    ``kill -INT`` would do nothing, and SIGTERM would end the process without its last message;
    both now stop the server cleanly. Only the main thread may set handlers.
    """
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}


def serve(source: str | Path, corrections: str | Path | None = None, *, encoding: str | None = None,
          port: int | None = None, open_browser: bool = True, quiet: bool = False,
          editor: str | None = None) -> None:
    """Serve the review page until Ctrl-C; print its address and open it in the browser.

    The address is printed even with ``quiet``: without it the page cannot be reached.
    """
    server = ReviewServer(source, corrections, encoding=encoding, port=port, editor=editor)
    _serve(server, str(source), open_browser=open_browser, quiet=quiet)


def serve_corpus(documents: Sequence[Document], *, index: CorpusIndex | None = None,
                 port: int | None = None, open_browser: bool = True, quiet: bool = False,
                 editor: str | None = None) -> None:
    """Serve the corpus review page for ``documents`` (``index``: theirs, already read) until
    Ctrl-C, as :func:`serve` does for one source."""
    app = create_corpus_app(documents, index=index, editor=editor)
    server = ReviewServer(port=port, app=app)
    _serve(server, f"{len(documents):,} document(s)", open_browser=open_browser, quiet=quiet)


def _serve(server: ReviewServer, what: str, *, open_browser: bool, quiet: bool) -> None:
    def say(message: str) -> None:
        if not quiet:
            print(message, flush=True)

    previous = _stop_on_signals()  # before the address is printed: a script may signal at once
    try:
        print(f"Reviewing {what} — open {server.url}", flush=True)
        say("Every decision is saved as it is made. Press Ctrl-C to stop.")
        if open_browser and not _can_open_browser():
            say("No graphical browser here: open the address above in one.")
        elif open_browser:
            threading.Timer(0.3, _open, args=(server.url,)).start()
        server.serve_forever()  # returns on Ctrl-C (werkzeug catches KeyboardInterrupt)
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    say("Stopped; every decision shown as saved is in the corrections files.")
