"""Fixtures of the ingest tests: settings, a file writer, and a local HTTP server.

Every text here is written for these tests (fictional people and outlets).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from rashomon.settings import Settings

STORY = (
    "Harbour workers end strike after pay offer\n"
    "\n"
    "OSLO, May 12 (NPA) - Dock workers in the port of Bergvik voted on Tuesday to end a "
    "nine-day strike after the port authority raised its pay offer.\n"
    "\n"
    '"This is a fair result for everyone," union leader Ingrid Dahl told reporters. '
    '"We never wanted to stop the ships."\n'
    "\n"
    "The port authority said traffic would return to normal by the weekend.\n"
)

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbour strike ends after nine days | The Bergvik Herald</title>
<meta property="og:site_name" content="The Bergvik Herald">
<meta property="og:title" content="Harbour strike ends after nine days">
<meta property="article:published_time" content="2024-05-12T09:30:00+02:00">
<link rel="canonical" href="https://www.bergvik-herald.example/news/harbour-strike-ends">
</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local</a></li>
<li><a href="/business">Business</a></li><li><a href="/weather">Weather</a></li></ul></nav>
</header>
<main><article>
<h1>Harbour strike ends after nine days</h1>
<p>Dock workers in Bergvik voted on Tuesday to return to work after the port authority
raised its pay offer for the second time in a week.</p>
<p>"This is a fair result for everyone," said Ingrid Dahl, who leads the dockers' union.
"We never wanted to stop the ships, and we are glad to go back."</p>
<p>The port authority said container traffic would return to normal by the weekend and
that no cargo had been lost during the stoppage.</p>
</article>
<aside class="related"><h2>Read more</h2><ul>
<li><a href="/a">"We will hold the line," ferry crews say as talks stall</a></li>
<li><a href="/b">New fish market opens on the east quay</a></li>
</ul></aside></main>
<footer><p>Share this article</p><p>© 2024 The Bergvik Herald</p></footer>
</body>
</html>
"""

FRENCH = (
    "La grève des dockers prend fin\n"
    "\n"
    "Les dockers du port de Bergvik ont voté mardi la fin d'une grève de neuf jours, après "
    "une nouvelle offre salariale de l'autorité portuaire. « C'est un résultat juste pour "
    "tout le monde », a déclaré la dirigeante syndicale Ingrid Dahl aux journalistes.\n"
)


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write ``content`` (str as UTF-8, or bytes) to ``tmp_path / name`` and return the path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="")
        else:
            path.write_bytes(content)
        return path

    return _write


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    send_length: bool = True


@dataclass
class LocalServer:
    """An HTTP server on 127.0.0.1; ``routes`` maps paths to canned responses."""

    base: str
    routes: dict[str, Route]
    seen_user_agents: list[str]

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def add(
        self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8", **kw: Any
    ) -> Route:
        """Serve ``body`` at ``path`` (``kw``: status, delay, headers, send_length)."""
        route = Route(body=body, content_type=content_type, **kw)
        self.routes[path] = route
        return route


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    routes: dict[str, Route] = {}
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.headers.get("User-Agent", ""))
            route = routes.get(self.path, Route(status=404, body=b"not here"))
            if route.delay:
                time.sleep(route.delay)
            try:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if route.send_length:
                    self.send_header("Content-Length", str(len(route.body)))
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout or size limit): expected in these tests

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep the test output clean

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield LocalServer(f"http://127.0.0.1:{server.server_address[1]}", routes, seen)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture
def story_text() -> str:
    """A plain-text report: headline, dateline with agency tag ``(NPA)``, quotes."""
    return STORY


@pytest.fixture
def page_html() -> str:
    """An article page with site name, date, canonical URL, nav, related links and footer."""
    return PAGE


@pytest.fixture
def french_text() -> str:
    return FRENCH
