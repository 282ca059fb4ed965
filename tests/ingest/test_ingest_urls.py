"""URLs, against a real HTTP server on 127.0.0.1: pages load, failures are one-line reasons."""

from __future__ import annotations

import json
from typing import Any

import pytest

from rashomon.article import Article
from rashomon.errors import FetchError, InputError
from rashomon.ingest import load_sources, read_source
from rashomon.settings import Settings

pytestmark = pytest.mark.network


def _only(url: str, settings: Settings | None = None) -> Article | InputError:
    items = list(read_source(url, settings=settings))
    assert len(items) == 1
    return items[0]


def test_html_page_loads_with_metadata(http_server: Any, page_html: str) -> None:
    http_server.add("/news/strike", page_html.encode())
    url = http_server.url("/news/strike")
    article = _only(url)
    assert isinstance(article, Article), article
    assert article.source == url
    assert article.title == "Harbour strike ends after nine days"
    assert article.outlet == "The Bergvik Herald"
    assert article.published == "2024-05-12"
    assert article.url == "https://www.bergvik-herald.example/news/harbour-strike-ends"
    assert "Share this article" not in article.analysed_text()
    assert http_server.seen_user_agents == [Settings().user_agent]


def test_redirect_is_followed(http_server: Any, story_text: str) -> None:
    http_server.add("/old", b"", status=301, headers={"Location": "/new"})
    http_server.add("/new", story_text.encode(), content_type="text/plain")
    article = _only(http_server.url("/old"))
    assert isinstance(article, Article), article
    assert article.text == story_text
    assert article.source == http_server.url("/old")
    assert article.url == http_server.url("/new")
    assert article.outlet == "NPA"  # the agency tag beats the URL's host


def test_plain_text_without_dateline_takes_outlet_from_the_domain(
    http_server: Any,
) -> None:
    body = b"Strike ends\n\nThe dockers of Bergvik voted to go back to work on Tuesday."
    http_server.add("/t", body, content_type="text/plain; charset=utf-8")
    article = _only(http_server.url("/t"))
    assert isinstance(article, Article), article
    assert article.outlet == "127.0.0.1"


def test_json_response_is_read_as_records(http_server: Any) -> None:
    records = [
        {"title": "One", "text": "The dockers voted to end the strike on Tuesday."},
        {"title": "Two", "text": "The port reopened on Wednesday after nine days."},
    ]
    http_server.add("/api", json.dumps(records).encode(), "application/json")
    articles, errors = load_sources([http_server.url("/api")])
    assert errors == []
    assert [a.title for a in articles] == ["One", "Two"]
    assert [a.source for a in articles] == [http_server.url("/api#1"), http_server.url("/api#2")]


def test_not_found(http_server: Any) -> None:
    error = _only(http_server.url("/missing"))
    assert isinstance(error, FetchError)
    assert error.reason == "HTTP 404 Not Found"


def test_timeout(http_server: Any, page_html: str) -> None:
    http_server.add("/slow", page_html.encode(), delay=1.0)
    error = _only(http_server.url("/slow"), Settings(url_timeout=0.2))
    assert isinstance(error, FetchError)
    assert error.reason == "timed out after 0.2s"


def test_body_over_the_limit_with_content_length(http_server: Any) -> None:
    http_server.add("/big", b"word " * 1000, "text/plain")
    error = _only(http_server.url("/big"), Settings(max_bytes=1000))
    assert isinstance(error, FetchError)
    assert error.reason == "response is over the 1.0 kB limit"


def test_streamed_body_over_the_limit_without_content_length(http_server: Any) -> None:
    http_server.add("/stream", b"word " * 1000, "text/plain", send_length=False)
    error = _only(http_server.url("/stream"), Settings(max_bytes=1000))
    assert isinstance(error, FetchError)
    assert error.reason == "response is over the 1.0 kB limit"


def test_default_limit_is_worded_in_megabytes(http_server: Any) -> None:
    headers = {"Content-Length": "7200000"}
    http_server.add("/huge", b"", "text/plain", headers=headers, send_length=False)
    error = _only(http_server.url("/huge"))
    assert isinstance(error, FetchError)
    assert error.reason == "response is over the 5.0 MB limit"


def test_connection_refused(closed_port: int) -> None:
    url = f"http://127.0.0.1:{closed_port}/story"
    error = _only(url, Settings(url_timeout=2.0))
    assert isinstance(error, FetchError)
    assert error.source == url
    assert error.reason.startswith("connection failed: ")
    assert "\n" not in error.reason


def test_unsupported_content_type(http_server: Any) -> None:
    http_server.add("/photo", b"\xff\xd8\xff\xe0", "image/jpeg")
    error = _only(http_server.url("/photo"))
    assert isinstance(error, InputError)
    assert error.reason == "unsupported content type 'image/jpeg'"


def test_failed_url_does_not_stop_the_others(
    http_server: Any, closed_port: int, story_text: str
) -> None:
    http_server.add("/ok", story_text.encode(), "text/plain")
    sources = [f"http://127.0.0.1:{closed_port}/", http_server.url("/ok"), http_server.url("/no")]
    articles, errors = load_sources(sources)
    assert [a.source for a in articles] == [http_server.url("/ok")]
    assert [e.source for e in errors] == [sources[0], sources[2]]
