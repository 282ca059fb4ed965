"""WARC crawls: each HTML page fetched with success is an article; the rest is passed over.

The WARC files are written here with warcio, around pages written for these tests.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rashomon.article import Article
from rashomon.errors import InputError
from rashomon.ingest import load_sources, read_source


def _page(headline: str, body: str, site: str = "The Bergvik Herald") -> bytes:
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{headline}</title>'
        f'<meta property="og:site_name" content="{site}"></head><body>'
        f"<nav><a href='/'>Home</a></nav><article><h1>{headline}</h1>{body}</article>"
        "</body></html>"
    ).encode()


STRIKE = _page(
    "Dockers end nine-day strike",
    "<p>Dock workers in Bergvik voted on Tuesday to end a nine-day strike after the port "
    "authority raised its pay offer for the second time in a week.</p>"
    '<p>"This is a fair result for everyone," said union leader Ingrid Dahl, who had '
    "called the strike.</p>",
)
FERRY = _page(
    "Ferry runs late all week",
    "<p>The ferry to Nordøy will run late all week because of repairs to the quay, the "
    "operator said on Monday, and passengers should plan for longer crossings.</p>",
    site="Coastal Times",
)


def _write_warc(path: Path, records: list[tuple[str, str, bytes, str, str]], gzip: bool) -> Path:
    """Write ``(type, url, body, content type, status)`` records to a WARC file."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for rec_type, url, body, content_type, status in records:
            if rec_type == "response":
                http = StatusAndHeaders(
                    status, [("Content-Type", content_type)], protocol="HTTP/1.1"
                )
                record = writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=http
                )
            elif rec_type == "request":
                http = StatusAndHeaders(
                    "GET / HTTP/1.1", [("Host", "herald.example")], is_http_request=True
                )
                record = writer.create_warc_record(
                    url, "request", payload=io.BytesIO(b""), http_headers=http
                )
            else:
                record = writer.create_warc_record(
                    url,
                    rec_type,
                    payload=io.BytesIO(body),
                    warc_content_type=content_type,
                )
            writer.write_record(record)
    return path


CRAWL = [
    ("request", "https://herald.example/strike", b"", "", ""),
    ("response", "https://herald.example/strike", STRIKE, "text/html; charset=utf-8", "200 OK"),
    ("response", "https://herald.example/old", b"", "text/html", "301 Moved Permanently"),
    ("response", "https://herald.example/logo.png", b"\x89PNG....", "image/png", "200 OK"),
    ("response", "https://herald.example/robots.txt", b"User-agent: *", "text/plain", "200 OK"),
    (
        "response",
        "https://herald.example/empty",
        b"<html><body><nav>Home</nav></body></html>",
        "text/html",
        "200 OK",
    ),
    ("resource", "https://coastal.example/ferry", FERRY, "text/html", ""),
    ("metadata", "https://coastal.example/ferry", b"fetchTimeMs: 12", "application/json", ""),
]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_html_pages_of_a_crawl_become_articles(tmp_path: Path, name: str) -> None:
    path = _write_warc(tmp_path / name, CRAWL, gzip=name.endswith(".gz"))
    items = list(read_source(str(path)))
    assert len(items) == 3
    strike, empty, ferry = items
    assert isinstance(strike, Article) and isinstance(ferry, Article)
    assert isinstance(empty, InputError)
    assert strike.source == f"{path}#https://herald.example/strike"
    assert strike.url == "https://herald.example/strike"
    assert strike.title == "Dockers end nine-day strike"
    assert strike.outlet == "The Bergvik Herald"
    assert '"This is a fair result for everyone," said union leader Ingrid Dahl' in strike.text
    assert "Home" not in strike.analysed_text()
    assert str(empty) == f"{path}#https://herald.example/empty: no article text found in the page"
    assert ferry.outlet == "Coastal Times" and "Nordøy" in ferry.text


def test_a_page_in_a_legacy_charset_is_decoded_by_its_header(tmp_path: Path) -> None:
    page = FERRY.replace(b'<meta charset="utf-8">', b"").decode().encode("cp1252", "replace")
    path = _write_warc(
        tmp_path / "legacy.warc",
        [("response", "https://c.example/f", page, "text/html; charset=windows-1252", "200 OK")],
        gzip=False,
    )
    (article,) = list(read_source(str(path)))
    assert isinstance(article, Article), article
    assert "Nordøy" in article.text


@pytest.mark.parametrize("gzip", [True, False])
@pytest.mark.parametrize("kept", [0.5, 0.7, 0.93])
def test_a_truncated_crawl_keeps_the_pages_before_the_cut(
    tmp_path: Path, gzip: bool, kept: float
) -> None:
    records = [
        ("response", f"https://herald.example/{n}", STRIKE, "text/html", "200 OK") for n in range(5)
    ]
    whole = _write_warc(tmp_path / "whole.warc", records, gzip=gzip).read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    cut.write_bytes(whole[: int(len(whole) * kept)])
    items = list(read_source(str(cut)))
    *pages, last = items
    # One error at the end, for the cut record or the file, and every page before it.
    assert isinstance(last, InputError), last
    assert str(last).startswith(f"{cut}")
    assert "ends inside" in str(last)
    assert 1 <= len(pages) < 5
    assert [p.source for p in pages if isinstance(p, Article)] == [
        f"{cut}#https://herald.example/{n}" for n in range(len(pages))
    ]


def test_a_file_that_is_not_a_warc_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("These are my notes about the strike, not a crawl.\n")
    (error,) = list(read_source(str(path)))
    assert isinstance(error, InputError)
    assert str(error).startswith(f"{path}: not a WARC file")


def test_a_crawl_without_pages_says_so(tmp_path: Path) -> None:
    path = _write_warc(tmp_path / "images.warc", CRAWL[3:4], gzip=False)
    assert [str(e) for e in read_source(str(path))] == [f"{path}: WARC file holds no HTML pages"]


def test_warc_files_in_a_folder_are_read(tmp_path: Path) -> None:
    (tmp_path / "crawl").mkdir()
    _write_warc(tmp_path / "crawl" / "a.warc.gz", CRAWL[:2], gzip=True)
    articles, errors = load_sources([str(tmp_path / "crawl")])
    assert errors == []
    assert [a.url for a in articles] == ["https://herald.example/strike"]
