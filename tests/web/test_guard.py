"""Who may use the app: a token on every request when one is set, localhost only when not;
no forged cross-site posts; `serve` refuses to expose the app without a token."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from rashomon.cli import app as cli
from rashomon.web.auth import COOKIE

Client = Callable[..., TestClient]
TOKEN = "s3cret-token-for-tests"


@pytest.mark.parametrize(
    "path",
    ["/", "/stories", "/quotes", "/api/stories", "/api/quotes", "/openapi.json", "/static/app.js"],
)
def test_with_a_token_set_every_request_needs_it(make_client: Client, path: str) -> None:
    client = make_client(token=TOKEN)
    missing = client.get(path)
    assert missing.status_code == 401
    if path.startswith("/api/") or path == "/openapi.json":
        assert missing.json()["detail"].startswith("this server requires a token")
        assert missing.headers["www-authenticate"] == "Bearer"
    wrong = client.get(path, headers={"Authorization": "Bearer not-it"})
    assert wrong.status_code == 403
    assert "does not match" in wrong.text
    right = client.get(path, headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 200


def test_a_browser_gets_a_login_form_then_a_cookie(make_client: Client) -> None:
    client = make_client(token=TOKEN)
    page = client.get("/quotes?speaker=holm", headers={"accept": "text/html"})
    assert page.status_code == 401
    assert '<form method="post" action="/login">' in page.text
    assert 'name="next" value="/quotes?speaker=holm"' in page.text

    refused = client.post("/login", data={"token": "guess", "next": "/"})
    assert refused.status_code == 403 and "not this server&#39;s token" in refused.text
    assert COOKIE not in client.cookies

    logged_in = client.post(
        "/login", data={"token": TOKEN, "next": "/quotes?speaker=holm"}, follow_redirects=False
    )
    assert logged_in.status_code == 303
    assert logged_in.headers["location"] == "/quotes?speaker=holm"
    cookie = logged_in.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert TOKEN not in cookie  # the cookie is derived from the token, not the token
    assert client.get("/quotes?speaker=holm").status_code == 200
    assert client.get("/api/stories").status_code == 200

    client.post("/logout")
    assert client.get("/stories").status_code == 401


def test_a_link_with_the_token_logs_in_and_drops_it_from_the_address(
    make_client: Client,
) -> None:
    client = make_client(token=TOKEN)
    assert client.get("/stories?token=wrong").status_code == 403
    response = client.get(f"/stories?page=1&token={TOKEN}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/stories?page=1"
    assert "HttpOnly" in response.headers["set-cookie"]
    assert client.get("/stories?page=1").status_code == 200


def test_login_never_redirects_to_another_site(make_client: Client) -> None:
    client = make_client(token=TOKEN)
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        response = client.post(
            "/login", data={"token": TOKEN, "next": target}, follow_redirects=False
        )
        assert response.headers["location"] == "/", target


def test_without_a_token_only_localhost_is_answered(make_client: Client) -> None:
    client = make_client()
    assert client.get("/api/stories").status_code == 200
    assert client.get("/api/stories", headers={"host": "localhost:8000"}).status_code == 200
    # A name that resolves to this machine through DNS rebinding, or a LAN address.
    for host in ("attacker.example", "192.168.1.20:8000"):
        refused = client.get("/api/stories", headers={"host": host})
        assert refused.status_code == 400
        assert "RASHOMON_TOKEN" in refused.json()["detail"]


def test_a_post_from_another_site_is_refused(make_client: Client) -> None:
    client = make_client()
    forged = client.post(
        "/analyse",
        data={"urls": "https://example.org/"},
        headers={"origin": "https://evil.example"},
    )
    assert forged.status_code == 403 and "another site" in forged.json()["detail"]
    for headers in ({"sec-fetch-site": "cross-site"}, {"sec-fetch-site": "same-site"}):
        assert client.post("/analyse", data={"urls": "x"}, headers=headers).status_code == 403
    same = client.post(
        "/analyse",
        data={"urls": "not a url"},
        headers={"origin": "http://127.0.0.1"},
        follow_redirects=False,
    )
    assert same.status_code == 303


def test_serve_refuses_other_machines_without_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RASHOMON_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "8765"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "RASHOMON_TOKEN" in lines[0] and "0.0.0.0" in lines[0]


def test_the_token_never_shows_in_the_settings_repr() -> None:
    from rashomon.settings import Settings

    assert TOKEN not in repr(Settings(token=TOKEN))
    assert Settings.from_env({"RASHOMON_TOKEN": TOKEN}).token == TOKEN
