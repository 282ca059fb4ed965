"""Plain-text files: the text stays verbatim, the headline and dateline are read from it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rashomon.article import Article
from rashomon.ingest import article_from_text, read_source


def _read(path: Path) -> Article:
    [article] = read_source(str(path))
    assert isinstance(article, Article), article
    return article


def test_text_is_the_file_content_verbatim(write: Callable[..., Path], story_text: str) -> None:
    article = _read(write("story.txt", story_text))
    assert article.text == story_text
    assert article.title == "Harbour workers end strike after pay offer"
    assert article.outlet == "NPA"
    assert article.place == "OSLO"
    assert article.published == "--05-12"
    assert article.excluded == ()


def test_crlf_line_endings_become_newlines(write: Callable[..., Path], story_text: str) -> None:
    article = _read(write("story.txt", story_text.replace("\n", "\r\n").encode()))
    assert article.text == story_text
    assert article.title == "Harbour workers end strike after pay offer"


def test_title_span_points_at_the_title(write: Callable[..., Path], story_text: str) -> None:
    article = _read(write("story.txt", "\n\n" + story_text))
    assert article.title_span is not None
    assert article.title_span.start == 2
    assert article.text[article.title_span.start : article.title_span.end] == article.title


def test_a_first_sentence_is_not_taken_for_a_headline(write: Callable[..., Path]) -> None:
    text = "The port reopened on Tuesday.\n\nShips queued outside the harbour for hours.\n"
    assert _read(write("no-title.txt", text)).title is None


def test_a_first_line_run_into_the_body_is_not_a_headline(write: Callable[..., Path]) -> None:
    text = "Dock workers voted on Tuesday\nto end the strike, the union said.\n"
    assert _read(write("no-title.txt", text)).title is None


def test_headline_directly_above_the_dateline_is_found() -> None:
    text = "Dockers end strike\nOSLO, May 12 (NPA) - Dock workers voted to end their strike.\n"
    article = article_from_text(text, source="tight.txt")
    assert article.title == "Dockers end strike"
    assert article.place == "OSLO"


def test_markdown_heading_gives_the_title_without_hashes(write: Callable[..., Path]) -> None:
    article = _read(write("story.md", "# Strike ends in Bergvik\n\nThe dockers voted to return.\n"))
    assert article.title == "Strike ends in Bergvik"
    assert article.title_span is not None
    assert article.text[article.title_span.start : article.title_span.end] == article.title


def test_unknown_extension_is_read_as_text(write: Callable[..., Path], story_text: str) -> None:
    article = _read(write("story.eml.bak", story_text))
    assert article.text == story_text


def test_article_from_text_puts_a_given_title_in_front_and_keeps_given_fields() -> None:
    article = article_from_text(
        "OSLO, May 12 (NPA) - Dockers voted to end the strike.",
        source="pasted",
        title="Strike ends",
        outlet="Bergvik Herald",
        published="2024-05-12T10:00:00Z",
    )
    assert article.text == "Strike ends\n\nOSLO, May 12 (NPA) - Dockers voted to end the strike."
    assert article.title_span is not None
    assert article.text[article.title_span.start : article.title_span.end] == "Strike ends"
    assert article.outlet == "Bergvik Herald"  # the given outlet beats the agency tag
    assert article.published == "2024-05-12"  # and the given date beats the dateline
    assert article.place == "OSLO"


def test_article_from_text_does_not_repeat_a_title_the_text_starts_with(story_text: str) -> None:
    title = "Harbour workers end strike after pay offer"
    article = article_from_text(story_text, source="pasted", title=title)
    assert article.text == story_text


def test_non_english_text_gets_a_language_warning(
    write: Callable[..., Path], french_text: str
) -> None:
    article = _read(write("greve.txt", french_text))
    assert article.language == "fr"
    assert article.warnings == ("language looks like 'fr'; analysis models are English",)


def test_very_short_text_is_taken_as_english() -> None:
    article = article_from_text("Grève terminée.", source="pasted")
    assert article.language == "en"
    assert article.warnings == ()
