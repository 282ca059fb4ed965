"""`rashomon stories --db`: the stories a store holds, listed and inspected (invented articles)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.article import Article
from rashomon.cli import app
from rashomon.store import open_store
from rashomon.story.model import Document, StoryReport

runner = CliRunner()

FERRY = [
    Article(
        source="harbour.txt",
        text="Ferry crews at Bergvik voted to strike on Monday.",
        title="Ferry crews vote to strike",
        outlet="Harbour Times",
        published="2031-06-02",
    ),
    Article(
        source="coast.txt",
        text="Bergvik ferry crews will strike, their union said.",
        title="Bergvik crews to strike",
        outlet="Coast Daily",
        published="2031-06-03",
    ),
]
BRIDGE = Article(
    source="valley.txt",
    text="The old bridge at Amaril reopened after repairs.",
    title="Amaril bridge reopens",
    outlet="Valley Post",
    published="2031-06-04",
)


@pytest.fixture
def db(tmp_path: Path) -> tuple[str, int, int]:
    """A store with a two-article story (reported) and a one-article story: (db, ids)."""
    path = str(tmp_path / "news.db")
    with open_store(path) as store:
        ids = [r.id for r in store.add_articles([*FERRY, BRIDGE])]
        ferry = store.save_story(ids[:2], title=FERRY[0].title, window=("2031-06-02", "2031-06-03"))
        bridge = store.save_story(ids[2:], title=BRIDGE.title, window=("2031-06-04", "2031-06-04"))
        documents = [
            Document(id=f"d{n}", source=a.source, text=a.text, title=a.title, outlet=a.outlet)
            for n, a in enumerate(FERRY, 1)
        ]
        store.save_report(StoryReport(documents=documents), story_id=ferry)
    return path, ferry, bridge


def test_the_stored_stories_are_listed_with_their_articles_and_reports(
    db: tuple[str, int, int],
) -> None:
    path, ferry, bridge = db

    result = runner.invoke(app, ["stories", "--db", path, "--format", "json"])

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "rashomon.stored-stories/1"
    by_id = {s["id"]: s for s in data["stories"]}
    assert set(by_id) == {ferry, bridge}
    assert [a["source"] for a in by_id[ferry]["articles"]] == ["harbour.txt", "coast.txt"]
    assert {a["outlet"] for a in by_id[ferry]["articles"]} == {"Harbour Times", "Coast Daily"}
    assert (by_id[ferry]["report"], by_id[bridge]["report"]) == (True, False)
    assert (by_id[ferry]["first_day"], by_id[ferry]["last_day"]) == ("2031-06-02", "2031-06-03")

    text = runner.invoke(app, ["stories", "--db", path])
    assert text.exit_code == 0
    assert f"story {ferry}: Ferry crews vote to strike (2031-06-02 to 2031-06-03)" in text.stdout
    assert "2 articles, report stored" in text.stdout
    assert "1 article, no report" in text.stdout


def test_a_stored_story_shows_its_report_as_compare_would(db: tuple[str, int, int]) -> None:
    path, ferry, bridge = db

    result = runner.invoke(app, ["stories", "--db", path, "--story", str(ferry), "-f", "json"])

    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["schema"] == "rashomon.report/1"
    assert [d["outlet"] for d in report["documents"]] == ["Harbour Times", "Coast Daily"]
    html = runner.invoke(app, ["stories", "--db", path, "--story", str(ferry), "-f", "html"])
    assert html.exit_code == 0 and html.stdout.lstrip().startswith("<!DOCTYPE html>")

    single = runner.invoke(app, ["stories", "--db", path, "--story", str(bridge)])
    assert single.exit_code == 1
    assert f"story {bridge}: no report stored (one article is not compared)" in single.stderr
    missing = runner.invoke(app, ["stories", "--db", path, "--story", "999"])
    assert missing.exit_code == 1 and "story 999: not in" in missing.stderr


def test_reading_a_store_and_grouping_files_are_not_mixed(
    db: tuple[str, int, int], tmp_path: Path
) -> None:
    path, _, _ = db
    mixed = runner.invoke(app, ["stories", str(tmp_path), "--db", path])
    assert mixed.exit_code == 2 and "not both" in mixed.stderr
    listing_as_html = runner.invoke(app, ["stories", "--db", path, "-f", "html"])
    assert listing_as_html.exit_code == 2 and "use it with --story" in listing_as_html.stderr


def test_a_missing_store_is_an_error_and_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    result = runner.invoke(app, ["stories", "--db", str(missing)])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1
    assert not missing.exists()
