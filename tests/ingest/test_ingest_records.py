"""JSON and JSONL records: fields win over the dateline; bad lines fail alone."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from rashomon.article import Article
from rashomon.errors import InputError
from rashomon.ingest import load_sources

TEXT = "OSLO, May 12 (NPA) - Dock workers in Bergvik voted on Tuesday to end their strike."


def _record(**fields: object) -> dict[str, object]:
    return {"text": TEXT, **fields}


def test_single_object_takes_fields_and_is_named_by_path(write: Callable[..., Path]) -> None:
    path = write(
        "one.json",
        json.dumps(
            _record(
                headline="Dockers end strike",
                publisher={"name": "Bergvik Herald"},
                datePublished="2024-05-12T08:00:00Z",
                link="https://herald.example/a",
            )
        ),
    )
    [article], errors = load_sources([str(path)])
    assert errors == []
    assert article.source == str(path)
    assert article.title == "Dockers end strike"
    assert article.outlet == "Bergvik Herald"  # the record beats the (NPA) tag
    assert article.published == "2024-05-12"  # and the record's date beats "May 12"
    assert article.url == "https://herald.example/a"
    assert article.place == "OSLO"
    assert article.title_span is not None
    assert article.text[article.title_span.start : article.title_span.end] == article.title


def test_dateline_fills_what_the_record_leaves_out(write: Callable[..., Path]) -> None:
    [article], errors = load_sources([str(write("bare.json", json.dumps({"content": TEXT})))])
    assert errors == []
    assert (article.outlet, article.published, article.place) == ("NPA", "--05-12", "OSLO")


def test_paragraph_lists_are_joined_with_blank_lines(write: Callable[..., Path]) -> None:
    record = {"title": "Strike ends", "body-paragraphs": [["First one.", "Second."], ["Third."]]}
    [article], errors = load_sources([str(write("basil-like.json", json.dumps(record)))])
    assert errors == []
    assert article.text == "Strike ends\n\nFirst one. Second.\n\nThird."


def test_list_of_records_is_named_by_index(write: Callable[..., Path]) -> None:
    path = write("many.json", json.dumps([_record(title="A"), "not a record", _record(body="x")]))
    articles, errors = load_sources([str(path)])
    assert [a.source for a in articles] == [f"{path}#1", f"{path}#3"]
    assert [(e.source, e.reason) for e in errors] == [(f"{path}#2", "record is not a JSON object")]


def test_object_holding_a_list_of_articles(write: Callable[..., Path]) -> None:
    path = write("export.json", json.dumps({"articles": [_record(), _record()]}))
    articles, errors = load_sources([str(path)])
    assert errors == []
    assert len(articles) == 2


def test_jsonl_bad_line_is_named_by_line_number_and_others_load(
    write: Callable[..., Path],
) -> None:
    lines = [json.dumps(_record(title="First")), json.dumps(_record(title="Second")), "{oops", ""]
    lines.append(json.dumps(_record(title="Fourth")))
    path = write("dump.jsonl", "\n".join(lines) + "\n")
    articles, errors = load_sources([str(path)])
    assert [a.title for a in articles] == ["First", "Second", "Fourth"]
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:2", f"{path}:5"]
    [error] = errors
    assert error.source == f"{path}:3"
    assert error.reason.startswith("line is not valid JSON: ")
    assert "\n" not in error.reason


def test_record_with_html_and_no_text_goes_through_the_page_extractor(
    write: Callable[..., Path], page_html: str
) -> None:
    record = {"html": page_html, "outlet": "Herald Wire", "url": "https://herald.example/b"}
    [article], errors = load_sources([str(write("page.json", json.dumps(record)))])
    assert errors == []
    assert article.title == "Harbour strike ends after nine days"
    assert article.outlet == "Herald Wire"
    assert article.published == "2024-05-12"
    assert "Share this article" not in article.analysed_text()


def test_record_without_text_is_an_error(write: Callable[..., Path]) -> None:
    path = write("empty-record.json", json.dumps({"title": "No body"}))
    articles, errors = load_sources([str(path)])
    assert articles == []
    assert [e.source for e in errors] == [str(path)]
    assert errors[0].reason.startswith("record has no text")


def test_unparsable_json_file_is_one_error(write: Callable[..., Path]) -> None:
    path = write("broken.json", '{"text": "unterminated')
    result = load_sources([str(path)])
    assert result.articles == []
    [error] = result.errors
    assert isinstance(error, InputError)
    assert error.reason.startswith("not valid JSON: ")


def test_unknown_date_format_is_ignored_with_a_warning(write: Callable[..., Path]) -> None:
    path = write("odd-date.json", json.dumps(_record(date="the day after")))
    [article], _ = load_sources([str(path)])
    assert isinstance(article, Article)
    assert article.published == "--05-12"
    assert article.warnings == ("published date 'the day after' not understood; ignored",)
