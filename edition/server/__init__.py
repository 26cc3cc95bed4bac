"""The review page: a local web server where editors decide proposals in the browser.

- :mod:`edition.server.app` — :func:`create_app`, the Flask application (security checks, the
  static page, the JSON API).
- :mod:`edition.server.api` — the JSON API: state, decide, restore (undo), add, remove, lexicon,
  preview.
- :mod:`edition.server.store` — :class:`ReviewStore`: every change is a reload-check-modify-save
  cycle against the corrections file, so nothing another tab, a command or a git pull wrote is
  ever overwritten.
- :mod:`edition.server.security` — loopback Host/Origin checks and the per-session token.
- :mod:`edition.server.preview` — the corrected sentence around a proposal.
- :mod:`edition.server.run` — :class:`ReviewServer`: bind to 127.0.0.1, serve, stop cleanly.

The page itself is plain HTML, CSS and JavaScript in ``edition/static`` (no build step, nothing
loaded from the internet).
"""
from .app import create_app
from .run import ReviewServer, serve

__all__ = ["create_app", "ReviewServer", "serve"]
