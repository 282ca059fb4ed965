"""WARC files (web crawls such as Common Crawl's news crawl) to ``Article``, streamed.

Every HTML page the crawl fetched with a 2xx status becomes an article, named
``source#URL``. Other records (requests, metadata, redirects, images, robots.txt) are not
articles and are passed over without a message; a page with no article text is an error for
that page only. ``.warc`` and ``.warc.gz`` are read record by record, in constant memory.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from rashomon.article import Article
from rashomon.errors import InputError
from rashomon.ingest.decode import declared_html_charset, decode_bytes
from rashomon.ingest.html_page import article_from_html
from rashomon.ingest.messages import format_size, one_line

_PAGE_TYPES = {"text/html", "application/xhtml+xml"}
_CUT = "page is cut short: the WARC file ends inside it (an interrupted download?)"
_CUT_FILE = "WARC file ends inside a record (an interrupted download?)"


def articles_from_warc(
    stream: BinaryIO, source: str, *, max_bytes: int
) -> Iterator[Article | InputError]:
    """The articles in the HTML responses of a WARC file.

    A corrupt or truncated file (an interrupted download) ends with one error after the
    pages before the damage.
    """
    from warcio.archiveiterator import WARCIterator

    class Records(WARCIterator):
        #: Set when the file ends inside a gzip member: a record was cut off.
        cut = False

        def close(self) -> None:
            if self.reader is not None:
                decompressor = self.reader.decompressor
                if decompressor is not None:
                    self.cut = not decompressor.eof
                else:  # bytes after the last whole record: a record cut in its headers
                    with contextlib.suppress(OSError, ValueError):
                        self.cut = self.fh.tell() - self.reader.rem_length() > self.offset
            super().close()

    records = Records(stream)
    pages = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # warcio raises many kinds on a damaged file
            reason = "not a WARC file" if pages == 0 else "WARC file is damaged after this"
            yield InputError(source, f"{reason}: {one_line(exc)}")
            return
        page = _page(record)
        if page is None:
            if _cut_short(record):
                yield InputError(source, _CUT_FILE)
                return
            continue
        pages += 1
        url, charset = page
        item = _article(record, f"{source}#{url}", url, charset, max_bytes)
        yield item
        if isinstance(item, InputError) and item.reason == _CUT:
            return  # nothing can follow the end of the file
    if records.cut:
        yield InputError(source, _CUT_FILE)
    elif pages == 0:
        yield InputError(source, "WARC file holds no HTML pages")


def _page(record: Any) -> tuple[str, str | None] | None:
    """``(url, declared charset)`` when ``record`` is an HTML page fetched with success."""
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    if record.rec_type == "response":
        headers = record.http_headers
        if headers is None:
            return None
        status = headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    media_type, _, parameters = content_type.partition(";")
    if media_type.strip().lower() not in _PAGE_TYPES:
        return None
    charset = None
    for parameter in parameters.split(";"):
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return url, charset


def _article(
    record: Any, source: str, url: str, charset: str | None, max_bytes: int
) -> Article | InputError:
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        reason = f"page is over the {format_size(max_bytes)} limit (RASHOMON_MAX_BYTES)"
        return InputError(source, reason)
    if _cut_short(record):
        return InputError(source, _CUT)
    if not body.strip():
        return InputError(source, "empty page")
    try:
        text, warnings = decode_bytes(body, source, declared=charset or declared_html_charset(body))
        return article_from_html(text, source=source, url=url or None, warnings=warnings)
    except InputError as error:
        return error


def _cut_short(record: Any) -> bool:
    """Whether the file ended before the record's declared length (read what is left)."""
    raw = record.raw_stream
    while raw.read(65536):
        pass
    return getattr(raw, "limit", 0) > 0
