"""Ingest: sources (files, folders, URLs, JSON records) to ``Article``.

::

    articles, errors = load_sources(["cpa.txt", "page.html", "dump.jsonl", "https://..."])

Each bad input becomes one ``InputError`` with a one-line reason; the others still load.
Heavy libraries (trafilatura, httpx, charset_normalizer, py3langid) load on first use.
"""

from __future__ import annotations

from rashomon.ingest.html_page import article_from_html
from rashomon.ingest.plain_text import article_from_text
from rashomon.ingest.sources import LoadResult, load_sources, read_source

__all__ = [
    "LoadResult",
    "article_from_html",
    "article_from_text",
    "load_sources",
    "read_source",
]
