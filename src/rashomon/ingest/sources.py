"""Sources to articles: files, folders and URLs, each input failing on its own."""

from __future__ import annotations

import dataclasses
import io
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from rashomon.article import Article
from rashomon.errors import InputError
from rashomon.ingest.csv_records import articles_from_csv
from rashomon.ingest.decode import decode_bytes
from rashomon.ingest.feeds import articles_from_feed, looks_like_feed
from rashomon.ingest.fetch import is_url, read_url
from rashomon.ingest.html_page import article_from_html, looks_like_html
from rashomon.ingest.messages import format_size
from rashomon.ingest.plain_text import article_from_text
from rashomon.ingest.records import articles_from_json, articles_from_jsonl
from rashomon.ingest.warc import articles_from_warc
from rashomon.settings import Settings, get_settings

#: File extension -> how the file is read; other extensions are read as text (or HTML when
#: the content is a page).
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
    ".warc.gz": "warc",
}
#: Kinds whose files hold many articles: read as a stream, the size limit applies to each
#: article rather than to the file.
STREAMED = {"jsonl", "csv", "feed", "warc"}
#: Names of files in a folder that describe the folder rather than report the event.
_NOT_ARTICLES = ("README", "LICENSE", "LICENCE")


class LoadResult(NamedTuple):
    """Everything read from some sources: ``articles, errors = load_sources(...)``."""

    articles: list[Article]
    errors: list[InputError]


def load_sources(sources: Iterable[str], *, settings: Settings | None = None) -> LoadResult:
    """Read every source; a bad one adds an ``InputError`` and the others still load."""
    settings = settings or get_settings()
    articles: list[Article] = []
    errors: list[InputError] = []
    for source in sources:
        for item in read_source(source, settings=settings):
            if isinstance(item, InputError):
                errors.append(item)
            else:
                articles.append(item)
    return LoadResult(articles, errors)


def read_source(source: str, *, settings: Settings | None = None) -> Iterator[Article | InputError]:
    """The articles in one source (a file, a folder or an http(s) URL), in order.

    A folder, a JSON list, a JSONL or CSV file, an RSS/Atom feed or a WARC file gives
    several, the last four read as a stream (one article in memory at a time). Problems with
    one item come out as ``InputError`` items (with a one-line ``reason``), never raised.
    """
    settings = settings or get_settings()
    if is_url(source):
        yield from read_url(source, settings)
        return
    path = Path(source).expanduser()
    try:
        info = path.stat()
    except FileNotFoundError:
        yield InputError(source, "no such file")
        return
    except PermissionError:
        yield InputError(source, "permission denied")
        return
    except OSError as exc:
        yield InputError(source, f"cannot read: {exc.strerror or type(exc).__name__}")
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _read_folder(path, source, settings)
    elif stat.S_ISREG(info.st_mode):
        yield from _read_file(path, source, info.st_size, settings)
    else:
        yield InputError(source, "not a regular file")


def articles_from_bytes(
    data: bytes,
    *,
    source: str,
    kind: str,
    settings: Settings,
    url: str | None = None,
    declared_charset: str | None = None,
) -> Iterator[Article | InputError]:
    """The articles in the bytes of a file or a response; ``kind`` is an ``EXTENSIONS`` value
    or ``"sniff"`` (plain text unless the content is an HTML page)."""
    empty = "empty response" if url else "empty file"
    if not data.strip():
        yield InputError(source, empty)
        return
    if kind in STREAMED:
        yield from _read_stream(io.BytesIO(data), source, kind, settings)
        return
    try:
        text, warnings = decode_bytes(data, source, declared=declared_charset)
        if not text.strip():
            raise InputError(source, empty)
        if kind == "sniff" and looks_like_feed(text):
            yield from _read_stream(io.BytesIO(data), source, "feed", settings)
            return
        if kind == "sniff":
            kind = "html" if looks_like_html(text) else "text"
        if kind == "html":
            yield article_from_html(text, source=source, url=url, warnings=warnings)
        elif kind == "json":
            for item in articles_from_json(text, source):
                if isinstance(item, Article) and warnings:
                    item = dataclasses.replace(item, warnings=(*warnings, *item.warnings))
                yield item
        else:
            yield article_from_text(text, source=source, url=url, warnings=warnings)
    except InputError as error:
        yield error


def _read_file(
    path: Path, source: str, size: int, settings: Settings
) -> Iterator[Article | InputError]:
    kind = kind_of(path) or "sniff"
    limit = settings.max_bytes
    if kind in STREAMED:
        if size == 0:
            yield InputError(source, "empty file")
            return
        # Dumps, feeds and crawls hold many articles: read them as they stream in.
        try:
            with path.open("rb") as stream:
                yield from _read_stream(stream, source, kind, settings)
        except PermissionError:
            yield InputError(source, "permission denied")
        return
    if size > limit:  # checked before reading: a huge file must not be loaded to be refused
        reason = f"file is {format_size(size)}, over the {format_size(limit)} limit"
        yield InputError(source, f"{reason} (RASHOMON_MAX_BYTES)")
        return
    try:
        with path.open("rb") as file:
            data = file.read(limit + 1)  # the file may have grown since stat()
    except PermissionError:
        yield InputError(source, "permission denied")
        return
    except OSError as exc:
        yield InputError(source, f"cannot read: {exc.strerror or type(exc).__name__}")
        return
    if len(data) > limit:
        yield InputError(
            source, f"file is over the {format_size(limit)} limit (RASHOMON_MAX_BYTES)"
        )
        return
    yield from articles_from_bytes(data, source=source, kind=kind, settings=settings)


def _read_folder(folder: Path, source: str, settings: Settings) -> Iterator[Article | InputError]:
    try:
        os.listdir(folder)
    except PermissionError:
        yield InputError(source, "permission denied")
        return
    files = list(_article_files(folder))
    if not files:
        yield InputError(source, "no readable articles in folder")
        return
    for file in files:
        yield from read_source(os.path.join(source, file.relative_to(folder)), settings=settings)


def _article_files(folder: Path) -> Iterator[Path]:
    """Files in ``folder`` and below with an article extension, sorted, hidden ones skipped."""
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") or name.upper().startswith(_NOT_ARTICLES):
                continue
            path = Path(root) / name
            if kind_of(path) is None:
                continue
            if path.suffix.lower() == ".xml" and not _is_feed_file(path):
                continue  # sitemaps, annotations, configs: XML that holds no articles
            yield path


def _is_feed_file(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            head = file.read(4096)
    except OSError:
        return True  # let reading it report the problem
    return looks_like_feed(head.decode("utf-8", "replace"))


def kind_of(path: Path) -> str | None:
    """How a file is read, from its name (``EXTENSIONS``), or None for an unknown one."""
    name = path.name.lower()
    for suffix in (".warc.gz",):
        if name.endswith(suffix):
            return EXTENSIONS[suffix]
    return EXTENSIONS.get(path.suffix.lower())


def _read_stream(
    stream: BinaryIO, source: str, kind: str, settings: Settings
) -> Iterator[Article | InputError]:
    limit = settings.max_bytes
    if kind == "jsonl":
        yield from articles_from_jsonl(stream, source, max_bytes=limit)
    elif kind == "csv":
        yield from articles_from_csv(stream, source, max_bytes=limit)
    elif kind == "feed":
        yield from articles_from_feed(stream, source, max_bytes=limit)
    else:
        yield from articles_from_warc(stream, source, max_bytes=limit)
