"""`rashomon ingest`: every format into the store, bad items reported and counted, re-runs
stored once. Every text here is written for these tests (fictional people and outlets)."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rashomon.article import Article
from rashomon.cli import app
from rashomon.errors import InputError
from rashomon.settings import Settings
from rashomon.store import ingest_sources, open_store

runner = CliRunner()

REPORT = (
    "Dockers end strike\n\n"
    "OSLO, May 12 (NPA) - Dock workers in Bergvik voted on Tuesday to end a nine-day "
    'strike. "This is a fair result," said union leader Ingrid Dahl.\n'
)
FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>The Bergvik Herald</title>
<item><title>Ferry runs late</title><link>https://herald.example/ferry</link>
<description>The ferry to Nordøy will run late all week, the operator said.</description>
</item>
<item><title>Gallery</title><link>https://herald.example/gallery</link></item>
</channel></rss>
"""
PAGE = (
    b"<html><head><title>Port reopens</title></head><body><article><h1>Port reopens</h1>"
    b"<p>The port of Bergvik reopened on Wednesday after the dockers went back to work, "
    b"the port authority said in a statement to the press.</p></article></body></html>"
)


def _warc(path: Path) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://coastal.example/port",
                "response",
                payload=io.BytesIO(PAGE),
                http_headers=http,
            )
        )
    return path


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A folder with one source of every kind, three bad items among them."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "npa.txt").write_text(REPORT)
    (folder / "herald.rss").write_text(FEED)  # one item has no content
    (folder / "records.jsonl").write_text(
        json.dumps({"text": "The city council approved the budget on Monday.", "outlet": "CT"})
        + "\n{broken\n"
    )
    (folder / "export.csv").write_text(
        "title,text\nFares,Ferry fares rise by five percent in June the operator said.\n"
    )
    _warc(folder / "crawl.warc.gz")
    (folder / "empty.txt").write_text("")
    return folder


def _stderr_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def test_ingest_stores_every_kind_of_source_and_counts_the_bad_items(
    db: str, sources: Path
) -> None:
    result = runner.invoke(app, ["ingest", str(sources), "--db", db])
    assert result.exit_code == 1, result.output
    errors = _stderr_errors(result.stderr)
    assert errors == [
        f"error: {sources / 'empty.txt'}: empty file",
        f"error: {sources / 'herald.rss'}#2: feed item has no content or summary",
        f"error: {sources / 'records.jsonl'}:2: line is not valid JSON: "
        "Expecting property name enclosed in double quotes (column 2)",
    ]
    assert result.stdout.startswith("5 articles read: 5 added, 0 already stored, 3 errors")
    with open_store(db) as store:
        stored = {s.article.source for s in store.list_articles()}
    assert stored == {
        str(sources / "npa.txt"),
        f"{sources / 'herald.rss'}#1",
        f"{sources / 'records.jsonl'}:1",
        f"{sources / 'export.csv'}:2",
        f"{sources / 'crawl.warc.gz'}#https://coastal.example/port",
    }


def test_ingesting_again_stores_nothing_twice(db: str, sources: Path) -> None:
    runner.invoke(app, ["ingest", str(sources), "--db", db])
    again = runner.invoke(app, ["ingest", str(sources), str(sources / "npa.txt"), "--db", db])
    assert again.stdout.startswith("6 articles read: 0 added, 6 already stored, 3 errors")
    with open_store(db) as store:
        assert store.count_articles() == 5


def test_ingest_without_errors_exits_0_into_the_store_the_setting_names(
    tmp_path: Path, sources: Path
) -> None:
    target = tmp_path / "default.db"
    result = runner.invoke(
        app, ["ingest", str(sources / "npa.txt")], env={"RASHOMON_DB": str(target)}
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        f"1 article read: 1 added, 0 already stored, 0 errors (store: {target})"
    )
    assert result.stderr == ""
    with open_store(target, read_only=True) as store:
        assert store.count_articles() == 1


def test_a_store_that_cannot_be_opened_is_one_line_and_exit_1(sources: Path) -> None:
    result = runner.invoke(app, ["ingest", str(sources), "--db", "mysql://u@h/news"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "error: mysql://u@h/news: unsupported database 'mysql' "
        "(use a SQLite file path or a postgresql:// URL)"
    )


def test_an_article_the_database_cannot_hold_is_reported_and_its_batch_still_stored(
    db: str, tmp_path: Path
) -> None:
    dump = tmp_path / "dump.jsonl"
    lines = [
        {"text": "The first report of the strike in Bergvik, filed on Monday."},
        {"text": "A report with a NUL \u0000 character in the middle of it."},
        {"text": "The third report of the strike in Bergvik, filed on Tuesday."},
    ]
    dump.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    seen: list[InputError] = []
    with open_store(db) as store:
        summary = ingest_sources(store, [str(dump)], on_error=seen.append)
        assert store.count_articles() == 2
    assert (summary.added, summary.errors) == (2, 1)
    assert [str(e) for e in seen] == [
        f"{dump}:2: text holds NUL characters, which the store cannot hold"
    ]


def test_ingest_commits_in_batches_of_the_configured_size(db: str, tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        "".join(
            json.dumps({"text": f"Report number {n} on the strike in Bergvik, said the union."})
            + "\n"
            for n in range(7)
        )
    )
    counts: list[int] = []
    with open_store(db) as store:
        reader = open_store(db, read_only=True)

        def look(_summary: object) -> None:
            counts.append(reader.count_articles())

        ingest_sources(store, [str(dump)], settings=Settings(ingest_batch_size=3), on_progress=look)
        reader.close()
    # Another connection sees articles appear three at a time, never one by one.
    assert sorted(set(counts)) == [0, 3, 6, 7]


def test_a_terminal_gets_a_progress_line_on_stderr(tmp_path: Path, sources: Path) -> None:
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "rashomon", "ingest", str(sources), "--db", str(tmp_path / "t.db")],
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**os.environ, "COLUMNS": "200", "TERM": "xterm"},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    stdout, _ = proc.communicate(timeout=120)
    os.close(leader)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert "ingesting" in shown and "articles/s" in shown
    assert "5 read, 5 added, 0 already stored, 3 errors" in shown
    assert "feed item has no content or summary" in shown
    assert stdout.decode().startswith("5 articles read: 5 added")


def test_stored_articles_read_back_as_the_ingest_read_them(db: str, sources: Path) -> None:
    from rashomon.ingest import load_sources

    articles, _ = load_sources([str(sources)])
    with open_store(db) as store:
        ingest_sources(store, [str(sources)])
        stored = [s.article for s in store.iter_articles()]
    assert stored == articles
    assert all(isinstance(a, Article) for a in stored)
