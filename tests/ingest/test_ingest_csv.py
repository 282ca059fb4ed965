"""CSV files: one article a row, metadata from named columns, bad rows reported by line."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from rashomon.article import Article
from rashomon.errors import InputError
from rashomon.ingest import load_sources, read_source
from rashomon.settings import Settings


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def test_rows_become_articles_with_their_columns(write: Callable[..., Path]) -> None:
    path = write(
        "export.csv",
        _csv(
            [
                ["Title", "text", "outlet", "published", "url", "section"],
                [
                    "Dockers end strike",
                    'Dock workers voted to return.\n\n"It is fair," said Ingrid Dahl.',
                    "Bergvik Herald",
                    "2024-05-12T08:00:00Z",
                    "https://herald.example/strike",
                    "local",
                ],
                ["", "The ferry ran late on Tuesday, the operator said.", "", "", "", ""],
            ]
        ),
    )
    first, second = list(read_source(str(path)))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.source == f"{path}:2"
    assert first.title == "Dockers end strike"
    assert first.outlet == "Bergvik Herald"
    assert first.published == "2024-05-12"
    assert first.url == "https://herald.example/strike"
    assert '"It is fair," said Ingrid Dahl.' in first.text  # quoted newlines kept
    assert second.source == f"{path}:5"  # the first row spans lines 2 to 4
    assert second.title is None and second.outlet is None


def test_a_bad_row_is_reported_by_line_and_the_rest_still_load(
    write: Callable[..., Path],
) -> None:
    path = write(
        "export.csv",
        "title,text\n"
        "One,The first report of the ferry strike in Bergvik.\n"
        "Two,,\n"
        "Three,\n"
        "Four,The fourth report of the ferry strike in Bergvik.\n",
    )
    items = list(read_source(str(path)))
    assert [type(i).__name__ for i in items] == [
        "Article",
        "InputError",
        "InputError",
        "Article",
    ]
    assert str(items[1]) == f"{path}:3: row has 3 fields, the header 2"
    assert str(items[2]).startswith(f"{path}:4: record has no text")


def test_a_csv_without_a_text_column_is_one_clear_error(write: Callable[..., Path]) -> None:
    path = write("export.csv", "headline,author\nStrike ends,Ann\n")
    (error,) = list(read_source(str(path)))
    assert isinstance(error, InputError)
    assert str(error) == (
        f"{path}: CSV has no text column (expected text, content, body, article or html; "
        "found headline, author)"
    )


def test_a_field_over_the_size_limit_fails_its_row_only(write: Callable[..., Path]) -> None:
    big = "The ferry strike went on. " * 100
    path = write(
        "export.csv",
        _csv([["text"], [big], ["A short report of the ferry strike in Bergvik today."]]),
    )
    items = list(read_source(str(path), settings=Settings(max_bytes=1000)))
    assert isinstance(items[0], InputError)
    assert "over the 1.0 kB limit (RASHOMON_MAX_BYTES)" in str(items[0])
    assert str(items[0]).startswith(f"{path}:2: ")
    assert isinstance(items[1], Article)


def test_a_csv_that_is_not_utf8_stops_with_a_line_number(write: Callable[..., Path]) -> None:
    path = write("export.csv", "text\nCaf\xe9 owners said the ferry was late.\n".encode("latin-1"))
    (error,) = list(read_source(str(path)))
    assert isinstance(error, InputError)
    assert "not valid UTF-8" in str(error)


def test_csv_files_in_a_folder_are_read(write: Callable[..., Path], tmp_path: Path) -> None:
    write("a/reports.csv", "text\nThe ferry crews in Bergvik voted to strike on Monday.\n")
    write("a/notes.xlsx", b"PK\x03\x04 not read")
    articles, errors = load_sources([str(tmp_path / "a")])
    assert errors == []
    assert [a.source for a in articles] == [f"{tmp_path / 'a' / 'reports.csv'}:2"]


def test_csv_from_a_url_is_read_as_rows(http_server: object) -> None:
    server = http_server
    body = b"title,text\nStrike,The ferry crews in Bergvik voted to strike on Monday.\n"
    server.add("/export", body, content_type="text/csv; charset=utf-8")  # type: ignore[attr-defined]
    url = server.url("/export")  # type: ignore[attr-defined]
    (article,) = list(read_source(url))
    assert isinstance(article, Article), article
    assert article.source == f"{url}:2" and article.title == "Strike"


def test_a_field_over_a_large_size_limit_fails_its_row_only(write: Callable[..., Path]) -> None:
    # Above 128 kB the csv module itself may refuse the field (its limit is process-wide);
    # the message is the same either way.
    limit = 200_000
    path = write(
        "export.csv",
        _csv([["text"], ["x" * (limit + 10)], ["A short report of the ferry strike in Bergvik."]]),
    )
    items = list(read_source(str(path), settings=Settings(max_bytes=limit)))
    assert str(items[0]) == f"{path}:2: row is over the 200.0 kB limit (RASHOMON_MAX_BYTES)"
    assert isinstance(items[1], Article)
