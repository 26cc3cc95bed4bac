"""Who may talk to the review server: this machine's browser, this session's page, nobody else.

Three checks, each stopping a different attack:

- **Host** must name the loopback interface (``127.0.0.1``, ``localhost``, ``[::1]``) and the
  server's own port. A web page on another site cannot rebind its own host name to 127.0.0.1
  and read the corrections through the victim's browser (DNS rebinding): its requests carry its
  own host name and are refused.
- **Origin**, when the browser sends it, must be this server, and an API call's
  ``Sec-Fetch-Site`` must say it comes from this very origin. A page of another origin — another
  site, or another local server on another port — is refused before anything runs.
- **Token**: every API call carries ``X-Edition-Token``, a random per-session secret that only
  the URL printed by ``edition review`` holds (in its ``#fragment``, which browsers never send
  to servers or in Referer headers). A cross-site form can neither set that header nor know it.

>>> check_host("127.0.0.1:8765", 8765), check_host("evil.example:8765", 8765) is None
(None, False)
>>> check_origin("http://127.0.0.1:8765", "127.0.0.1:8765"), check_origin("http://evil.example", "127.0.0.1:8765") is None
(None, False)
"""
from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
TOKEN_HEADER = "X-Edition-Token"


def new_token() -> str:
    """A fresh session token: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def _split_host(host: str) -> tuple[str, int | None]:
    """``(name, port)`` of a Host header; port None when absent, -1 when malformed.

    >>> _split_host("[::1]:8080"), _split_host("LocalHost"), _split_host("x:y")
    (('[::1]', 8080), ('localhost', None), ('x', -1))
    """
    host = host.lower()
    if host.startswith("["):
        close = host.find("]")
        name, rest = host[:close + 1], host[close + 1:]
    else:
        name, colon, port = host.partition(":")
        rest = colon + port
    if not rest:
        return name, None
    if not (rest.startswith(":") and rest[1:].isdigit()):
        return name, -1
    return name, int(rest[1:])


def check_host(host: str | None, port: int | None) -> str | None:
    """None if ``host`` (the Host header) names this loopback server, else why it is refused.

    ``port`` None accepts any port (the app is not bound to a socket, as under a test client).
    """
    if not host:
        return "no Host header"
    name, host_port = _split_host(host)
    if name not in LOOPBACK_NAMES:
        return f"Host {host!r} is not this machine's loopback address"
    if port is not None and host_port != port:
        return f"Host {host!r} is not this server's port {port}"
    return None


def check_origin(origin: str | None, host: str) -> str | None:
    """None if the Origin header is absent or this very server, else why it is refused."""
    if origin is None:
        return None
    parts = urlsplit(origin)
    if parts.scheme != "http" or parts.netloc.lower() != host.lower():
        return f"requests from {origin!r} are not allowed"
    return None


def check_fetch_site(value: str | None) -> str | None:
    """Browsers say where a request comes from; only this origin (or a typed URL) may ask."""
    if value is None or value in ("same-origin", "none"):
        return None
    return f"{value} requests are not allowed"


def check_token(given: str | None, token: str) -> str | None:
    if not given:
        return f"missing {TOKEN_HEADER}: open the address printed by `edition review`"
    if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        return "wrong session token: open the address printed by `edition review` (it changes each run)"
    return None
