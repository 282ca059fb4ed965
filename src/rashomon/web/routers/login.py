"""Logging in with the server's token (when it has one) and out again."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from rashomon.web import auth
from rashomon.web.deps import SettingsDep
from rashomon.web.guard import set_session_cookie
from rashomon.web.pages import render_login

router = APIRouter(include_in_schema=False)


@router.get("/login")
def login_form(request: Request, settings: SettingsDep, next: str = "/") -> Response:
    if not settings.token:
        return RedirectResponse(auth.local_path(next), status_code=303)
    return render_login(request, next_path=auth.local_path(next), status=200)


@router.post("/login")
def login(
    request: Request,
    settings: SettingsDep,
    token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    target = auth.local_path(next)
    if not settings.token:
        return RedirectResponse(target, status_code=303)
    if not auth.same_secret(token, settings.token):
        return render_login(
            request,
            next_path=target,
            status=403,
            error="That is not this server's token (RASHOMON_TOKEN).",
        )
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(response, request, settings.token)
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(auth.COOKIE, path="/")
    return response
