"""Server-rendered pages: the Jinja2 templates (autoescape on: article text is untrusted) and
the error pages, HTML for browsers and JSON under ``/api``."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI
    from jinja2 import Environment
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, Response


@lru_cache(maxsize=1)
def environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("rashomon.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["day"] = lambda moment: moment.strftime("%Y-%m-%d %H:%M UTC") if moment else ""
    return env


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status: int = 200
) -> HTMLResponse:
    """The page ``name`` rendered with ``context`` (plus the request and the app's settings)."""
    from starlette.responses import HTMLResponse

    settings = request.app.state.settings
    values = {"request": request, "token_required": bool(settings.token), **(context or {})}
    html = environment().get_template(name).render(values)
    return HTMLResponse(html, status_code=status)


def render_message(request: Request, title: str, message: str, *, status: int) -> HTMLResponse:
    return render(request, "message.html.j2", {"title": title, "message": message}, status=status)


def render_login(request: Request, *, next_path: str, status: int, error: str = "") -> HTMLResponse:
    return render(request, "login.html.j2", {"next_path": next_path, "error": error}, status=status)


def install_error_pages(app: FastAPI) -> None:
    """404s and other HTTP errors as a page for browsers, as ``{"detail": ...}`` for the API;
    a store that fails is a 503 with its one-line reason."""
    from fastapi.exception_handlers import (
        http_exception_handler,
        request_validation_exception_handler,
    )
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse
    from starlette.exceptions import HTTPException

    from rashomon.errors import StoreError

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return await http_exception_handler(request, exc)
        title = "Not found" if exc.status_code == 404 else "Error"
        return render_message(request, title, str(exc.detail), status=exc.status_code)

    async def store_error(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=503)
        return render_message(request, "The store failed", str(exc), status=503)

    async def bad_request(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        if request.url.path.startswith("/api/"):
            return await request_validation_exception_handler(request, exc)
        wrong = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', '')}"
            for e in exc.errors()
        )
        return render_message(request, "Bad request", wrong, status=422)

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, bad_request)
    app.add_exception_handler(StoreError, store_error)
