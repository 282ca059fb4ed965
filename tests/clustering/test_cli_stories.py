"""`rashomon stories` and `rashomon eval clustering` through the CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.article import Article
from rashomon.cli import app

runner = CliRunner()


def write_jsonl(path: Path, articles: list[Article]) -> Path:
    records = [
        {"text": a.text, "title": a.title, "outlet": a.outlet, "published": a.published}
        for a in articles
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_stories_json_lists_each_story_with_its_articles_and_the_copies(
    tmp_path: Path, articles: dict[str, Article]
) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", [articles[k] for k in ("wire", "vote", "copy")])
    extra = write_jsonl(tmp_path / "extra.jsonl", [articles[k] for k in ("vote2", "final")])
    result = runner.invoke(app, ["stories", str(feed), str(extra), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "rashomon.stories/1"
    titles = sorted(sorted(a["title"] for a in s["articles"]) for s in data["stories"])
    assert titles == sorted(
        [
            sorted([articles["wire"].title, articles["copy"].title]),
            sorted([articles["vote"].title, articles["vote2"].title]),
            [articles["final"].title],
        ]
    )
    port = next(
        s for s in data["stories"] if len(s["articles"]) == 2 and "port elsin" in s["entities"]
    )
    assert {a["outlet"] for a in port["articles"]} == {"Northern Wire", "Coast Daily"}
    assert {a["published"] for a in port["articles"]} == {"2031-05-06"}
    assert all(a["source"].startswith(str(feed)) for a in port["articles"])
    assert len(data["duplicates"]) == 1
    assert len(data["duplicates"][0]["articles"]) == 2


@pytest.mark.slow
def test_stories_text_groups_by_topic_and_reports_a_bad_input(
    tmp_path: Path, articles: dict[str, Article]
) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", [articles[k] for k in ("wire", "follow")])
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["stories", str(feed), str(missing), "--window-days", "1"])
    assert result.exit_code == 1
    assert "missing.txt" in result.stderr
    # three days apart with a one-day window: two stories of one topic
    assert "2 stories from 2 articles" in result.stdout
    assert result.stdout.count("topic t") == 1


def test_stories_with_no_readable_input_exits_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stories", str(tmp_path / "nothing.jsonl")])
    assert result.exit_code == 1
    assert "nothing.jsonl" in result.stderr


def test_eval_clustering_names_a_missing_data_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "clustering", "--data", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "nope: ECB+ folder not found" in result.stderr


def test_eval_clustering_refuses_a_folder_without_ecbplus_files(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "clustering", "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert "no ECB+ XML files" in result.stderr
