"""URLs: fetch with a time and size limit, then read the body by its content type."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

from rashomon.article import Article
from rashomon.errors import FetchError, InputError
from rashomon.ingest.messages import format_size, one_line
from rashomon.settings import Settings


@dataclass(frozen=True, slots=True)
class Response:
    """A fetched body: ``url`` is the final URL after redirects."""

    url: str
    content_type: str
    charset: str | None
    body: bytes


def is_url(source: str) -> bool:
    """Whether ``source`` names a web page rather than a file."""
    return source[:8].lower().startswith(("http://", "https://"))


def read_url(url: str, settings: Settings) -> Iterator[Article | InputError]:
    """The articles behind ``url``; failures come out as ``FetchError``, never raised."""
    try:
        response = fetch(url, settings)
    except InputError as error:
        yield error
        return
    from rashomon.ingest.sources import articles_from_bytes

    kind = _kind(response.content_type)
    if kind is None:
        yield InputError(url, f"unsupported content type {response.content_type!r}")
        return
    yield from articles_from_bytes(
        response.body,
        source=url,
        kind=kind,
        settings=settings,
        url=response.url,
        declared_charset=response.charset,
    )


def fetch(url: str, settings: Settings) -> Response:
    """GET ``url`` following redirects; raises ``FetchError`` with a one-line reason."""
    import httpx

    timeout = settings.url_timeout
    limit = settings.max_bytes
    too_big = FetchError(url, f"response is over the {format_size(limit)} limit")
    # httpx's timeout bounds each network operation; a server that trickles bytes slowly
    # would never trip it, so the whole transfer also gets a deadline.
    deadline = time.monotonic() + timeout
    try:
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                headers={"User-Agent": settings.user_agent},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                phrase = response.reason_phrase or ""
                raise FetchError(url, f"HTTP {response.status_code} {phrase}".strip())
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise too_big
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise too_big
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("transfer deadline passed")
                chunks.append(chunk)
            content_type = response.headers.get("content-type", "")
            return Response(
                url=str(response.url),
                content_type=content_type.split(";")[0].strip().lower(),
                charset=response.charset_encoding,
                body=b"".join(chunks),
            )
    except httpx.TimeoutException as exc:
        raise FetchError(url, f"timed out after {timeout:g}s") from exc
    except httpx.TooManyRedirects as exc:
        raise FetchError(url, "too many redirects") from exc
    except (httpx.ConnectError, httpx.RemoteProtocolError) as exc:
        raise FetchError(url, f"connection failed: {one_line(exc)}") from exc
    except httpx.InvalidURL as exc:
        raise FetchError(url, f"not a valid URL: {one_line(exc)}") from exc
    except httpx.HTTPError as exc:
        raise FetchError(url, f"request failed: {one_line(exc)}") from exc


#: Media types of feeds; servers often label a feed as plain XML.
_FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
}


def _kind(content_type: str) -> str | None:
    """``html``, ``json``, ``jsonl``, ``csv``, ``feed``, ``warc``, ``text``, or ``sniff``
    (no or a generic type)."""
    if content_type in {"text/html", "application/xhtml+xml"}:
        return "html"
    if content_type in _FEED_TYPES:
        return "feed"
    if content_type == "text/csv":
        return "csv"
    if content_type == "application/warc":
        return "warc"
    if content_type in {"application/x-ndjson", "application/jsonl", "application/x-jsonlines"}:
        return "jsonl"
    if content_type == "application/json" or content_type.endswith("+json"):
        return "json"
    if content_type.startswith("text/"):
        return "text"
    if content_type in {"", "application/octet-stream"}:
        return "sniff"
    return None
