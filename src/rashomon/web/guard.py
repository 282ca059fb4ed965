"""The checks every request passes before a handler sees it, and the headers every response
gets: token or loopback (see ``auth``), same-site writes, upload size, content policy."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from rashomon.settings import Settings
from rashomon.web import auth

if TYPE_CHECKING:
    from fastapi import FastAPI
    from starlette.requests import Request
    from starlette.responses import Response

#: App pages: their own script only, styles inline, nothing from elsewhere.
APP_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
#: The HTML report carries its script inline (it is one self-contained file).
REPORT_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
#: Room for the form fields (pasted URLs) on top of the uploaded files.
FORM_ALLOWANCE = 1_000_000


def install_guard(app: FastAPI, settings: Settings) -> None:
    """Add the request checks and the upload size limit to ``app``."""
    token = settings.token
    cookie = auth.session_value(token) if token else ""

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Any:
        headers = request.headers
        if not token and not auth.is_loopback_host(headers.get("host")):
            return _refuse(
                request,
                400,
                "this server has no token, so it answers only on localhost; "
                "set RASHOMON_TOKEN to serve other machines",
            )
        if request.method not in auth.SAFE_METHODS and auth.cross_site(
            headers.get("origin"), headers.get("host"), headers.get("sec-fetch-site")
        ):
            return _refuse(request, 403, "a request from another site was refused")
        if token:
            refused = _check_token(request, token, cookie)
            if refused is not None:
                return refused
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", APP_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # Not "no-referrer": with it, a browser sends "Origin: null" on the app's own forms.
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    limit = settings.upload_max_files * settings.upload_max_bytes + FORM_ALLOWANCE
    app.add_middleware(BodyLimit, limit=limit)


def _check_token(request: Request, token: str, cookie: str) -> Response | None:
    """None when the request carries the token; else the 401/403 response to send."""
    from starlette.responses import RedirectResponse

    given = auth.bearer(request.headers.get("authorization"))
    if given is not None:
        if auth.same_secret(given, token):
            return None
        return _refuse(request, 403, "the token does not match this server's RASHOMON_TOKEN")
    in_query = request.query_params.get("token")
    if in_query is not None:
        if not auth.same_secret(in_query, token):
            return _refuse(request, 403, "the token does not match this server's RASHOMON_TOKEN")
        if request.method != "GET" or _is_api(request):
            return None
        # A browser link with ?token=: log in, and take the token out of the address bar.
        rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
        target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
        response = RedirectResponse(target, status_code=303)
        set_session_cookie(response, request, token)
        return response
    if request.url.path == "/login":
        return None  # the login form: its handler compares the token
    if auth.same_secret(request.cookies.get(auth.COOKIE, ""), cookie):
        return None
    return _refuse(request, 401, "this server requires a token")


def set_session_cookie(response: Response, request: Request, token: str) -> None:
    response.set_cookie(
        auth.COOKIE,
        auth.session_value(token),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _wants_html(request: Request) -> bool:
    return not _is_api(request) and "text/html" in request.headers.get("accept", "")


def _refuse(request: Request, status: int, reason: str) -> Response:
    """A refusal: a login page for a browser asking for a page, JSON for anything else."""
    from starlette.responses import JSONResponse

    if status == 401 and not _is_api(request):
        detail = reason + ": send Authorization: Bearer <token>, or log in"
    elif status == 401:
        detail = reason + ": send Authorization: Bearer <token>"
    else:
        detail = reason
    if _wants_html(request):
        from rashomon.web.pages import render_login, render_message

        if status == 401:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return render_login(request, next_path=target, status=401)
        return render_message(request, "Refused", detail, status=status)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes with 413, before or while they stream in
    (a declared ``Content-Length`` is refused before a byte is read)."""

    def __init__(self, app: Any, *, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in auth.SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._too_large(send)
            return
        received = 0
        over = False
        started = False

        async def counting_receive() -> Any:
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    over = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Any) -> None:
            nonlocal started
            if over:
                return  # whatever the app answers to a cut-off body, 413 is sent instead
            started = started or message["type"] == "http.response.start"
            await send(message)

        with contextlib.suppress(_TooLarge):  # raised by counting_receive: answered below
            await self.app(scope, counting_receive, guarded_send)
        if over and not started:
            await self._too_large(send)

    async def _too_large(self, send: Any) -> None:
        from rashomon.ingest.messages import format_size

        body = (
            '{"detail": "the upload is over the '
            + format_size(self.limit)
            + ' limit (RASHOMON_UPLOAD_MAX_FILES files of RASHOMON_UPLOAD_MAX_BYTES)"}'
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
