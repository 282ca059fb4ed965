"""HTML pages to ``Article`` with trafilatura: article text, site name, date, canonical URL."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

from rashomon.article import Article
from rashomon.errors import ExtractionError
from rashomon.ingest.boilerplate import classify_line
from rashomon.ingest.dateline import normalise_date
from rashomon.ingest.decode import declared_html_charset, decode_bytes
from rashomon.ingest.messages import one_line
from rashomon.ingest.plain_text import Metadata, build_article

_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_LIST_ITEM = re.compile(r"[-*•]\s")
_CLOSING = "\"'”’)"


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML document (for files and responses of unknown type)."""
    return _HTML_START.match(text[:4096]) is not None


def article_from_html(
    html: str | bytes, *, source: str, url: str | None = None, warnings: Sequence[str] = ()
) -> Article:
    """The article in an HTML page.

    The text is the headline, a blank line, then the extracted body with one blank line
    between paragraphs. ``url`` is where the page came from; a canonical link in the page
    wins. Raises ``ExtractionError`` when the page holds no article text and ``InputError``
    when bytes cannot be decoded.
    """
    notes = list(warnings)
    if isinstance(html, bytes):
        html, decoding_notes = decode_bytes(html, source, declared=declared_html_charset(html))
        notes.extend(decoding_notes)
    document = _extract(html, source, url)
    title = " ".join((document.title or "").split()) or None
    paragraphs = [line.strip() for line in (document.text or "").split("\n") if line.strip()]
    if title and paragraphs and " ".join(paragraphs[0].split()) == title:
        paragraphs = paragraphs[1:]  # trafilatura keeps the <h1> we put in front anyway
    if not any(_is_prose(p) for p in paragraphs):
        raise ExtractionError(source, "no article text found in the page")
    body = _join(paragraphs)
    text = f"{title}\n\n{body}" if title else body
    metadata = Metadata(
        title=title,
        published=normalise_date(document.date) if document.date else None,
        url=document.url or url,
        site_name=(document.sitename or "").strip() or None,
    )
    return build_article(text, source=source, metadata=metadata, warnings=notes)


def _extract(html: str, source: str, url: str | None) -> Any:
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            # Without this htmldate guesses a date from any year on the page (a copyright
            # footer gives "YYYY-01-01"): no date beats an invented one.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # lxml and trafilatura raise many kinds on broken markup
        raise ExtractionError(source, f"page could not be parsed: {one_line(exc)}") from exc
    if document is None:
        raise ExtractionError(source, "no article text found in the page")
    return document


def _is_prose(paragraph: str) -> bool:
    """A sentence of a story, not a menu: trafilatura falls back to any text of a page
    (``Home World news``) when it finds no article in it."""
    if classify_line(paragraph) is not None:
        return False
    words = len(paragraph.split())
    return words >= 8 or (words >= 3 and paragraph.rstrip(_CLOSING).endswith((".", "!", "?")))


def _join(paragraphs: list[str]) -> str:
    """Paragraphs apart by a blank line; items of one list stay on consecutive lines."""
    parts = [paragraphs[0]]
    for previous, paragraph in itertools.pairwise(paragraphs):
        both_items = _LIST_ITEM.match(previous) and _LIST_ITEM.match(paragraph)
        parts.append("\n" if both_items else "\n\n")
        parts.append(paragraph)
    return "".join(parts)
