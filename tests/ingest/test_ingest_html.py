"""HTML pages: headline + body text, site name, date and canonical URL from the page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from rashomon.article import Article
from rashomon.errors import ExtractionError
from rashomon.ingest import article_from_html, load_sources


def test_page_text_is_headline_then_body_without_page_furniture(page_html: str) -> None:
    article = article_from_html(page_html, source="herald.html")
    assert article.title == "Harbour strike ends after nine days"
    assert article.text.startswith("Harbour strike ends after nine days\n\nDock workers in Bergvik")
    assert article.title_span is not None
    assert article.text[article.title_span.start : article.title_span.end] == article.title
    analysed = article.analysed_text()
    assert "We never wanted to stop the ships" in analysed
    assert "no cargo had been lost" in analysed
    for furniture in ("Home", "Weather", "We will hold the line", "fish market", "Share this"):
        assert furniture not in analysed


def test_page_metadata(page_html: str) -> None:
    article = article_from_html(page_html, source="herald.html")
    assert article.outlet == "The Bergvik Herald"
    assert article.published == "2024-05-12"
    assert article.url == "https://www.bergvik-herald.example/news/harbour-strike-ends"


def test_paragraphs_are_separated_by_blank_lines(page_html: str) -> None:
    article = article_from_html(page_html, source="herald.html")
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 4  # headline and three paragraphs
    assert paragraphs[2].startswith('"This is a fair result for everyone,"')


def test_outlet_falls_back_to_the_url_domain(page_html: str) -> None:
    page = page_html.replace('<meta property="og:site_name" content="The Bergvik Herald">', "")
    page = page.replace(" | The Bergvik Herald", "")
    article = article_from_html(page, source="herald.html")
    assert article.outlet == "bergvik-herald.example"


def test_agency_dateline_beats_the_site_name(page_html: str) -> None:
    page = page_html.replace(
        "<p>Dock workers in Bergvik voted", "<p>OSLO, May 12 (NPA) - Dock workers in Bergvik voted"
    )
    article = article_from_html(page, source="herald.html")
    assert article.outlet == "NPA"
    assert article.place == "OSLO"
    assert article.published == "2024-05-12"  # the page's full date beats "May 12"


def test_page_bytes_in_a_declared_legacy_charset_decode(page_html: str) -> None:
    page = page_html.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Ingrid Dahl", "Ingrid Dåhl"
    )
    article = article_from_html(page.encode("cp1252"), source="herald.html")
    assert "Ingrid Dåhl" in article.text
    assert article.warnings == ()  # a declared charset is not a guess


def test_page_without_article_text_is_an_extraction_error() -> None:
    page = "<html><head><title>Index</title></head><body><nav><a href='/'>x</a></nav></body></html>"
    with pytest.raises(ExtractionError) as caught:
        article_from_html(page, source="empty.html")
    assert caught.value.reason == "no article text found in the page"
    assert caught.value.source == "empty.html"


def test_html_content_in_a_file_without_html_extension_is_sniffed(
    write: Callable[..., Path], page_html: str
) -> None:
    articles, errors = load_sources([str(write("saved-page", page_html))])
    assert errors == []
    [article] = articles
    assert isinstance(article, Article)
    assert article.outlet == "The Bergvik Herald"
    assert "<p>" not in article.text
