"""Who may use the app: a token when one is set, the local machine only when none is.

With ``RASHOMON_TOKEN`` set, every request must carry it: programs send
``Authorization: Bearer <token>``; a browser logs in once (the login form, or a link with
``?token=``) and then carries an HttpOnly cookie derived from the token. Without a token the
app only answers requests addressed to a loopback name (``localhost``, ``127.0.0.1``), which
keeps a web page from reaching it through DNS rebinding. Either way, a state-changing
request from another site (its ``Origin``) is refused.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import urlsplit

#: The login cookie: an HMAC of the token, never the token itself.
COOKIE = "rashomon_session"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def session_value(token: str) -> str:
    """The cookie value for ``token`` (changes when the token does)."""
    return hmac.new(token.encode(), b"rashomon web session", hashlib.sha256).hexdigest()


def same_secret(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def bearer(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header (None if another scheme)."""
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def is_loopback_host(host_header: str | None) -> bool:
    """Whether a ``Host`` header names this machine (``localhost:8000``, ``[::1]:8000``)."""
    if not host_header:
        return False
    hostname = urlsplit(f"//{host_header}").hostname or ""
    return hostname in LOOPBACK_NAMES or hostname.endswith(".localhost")


def is_loopback_address(host: str) -> bool:
    """Whether binding ``host`` keeps the server to this machine."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def cross_site(origin: str | None, host_header: str | None, fetch_site: str | None) -> bool:
    """Whether a request comes from a page of another origin (a forged form post).

    Browsers say so in ``Sec-Fetch-Site``; older ones only in ``Origin``. Programs send
    neither, and are let through (the token, when set, guards them)."""
    if fetch_site:
        # "same-site" is refused too: another port of the same host is another application.
        return fetch_site not in {"same-origin", "none"}
    if not origin:
        return False
    if origin == "null":
        return True
    return urlsplit(origin).netloc != (host_header or "")


def local_path(target: str | None) -> str:
    """``target`` if it is a path on this server, else ``/`` (no open redirect after login)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"
