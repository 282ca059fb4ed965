"""A story analysed through the app with the real models: submitted, followed, stored, and
giving the same report JSON as ``rashomon compare --format json`` on the same files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from rashomon.cli import app as cli
from rashomon.store import open_store

pytestmark = pytest.mark.slow

Client = Callable[..., TestClient]
Wait = Callable[..., dict[str, Any]]


def test_a_submitted_story_is_analysed_stored_and_matches_the_command_line(
    make_client: Client,
    wait_job: Wait,
    bridge_files: dict[str, bytes],
    bridge_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = str(tmp_path / "jobs.db")
    client = make_client(db)
    files = [("files", (name, data)) for name, data in bridge_files.items()]
    files.append(("files", ("notes.txt", b"   ")))
    submitted = client.post("/analyse", files=files, follow_redirects=False)
    job_id = submitted.headers["location"].rsplit("/", 1)[1]

    status = wait_job(client, job_id, timeout=600)
    assert status["state"] == "done", status
    assert (status["inputs"], status["inputs_read"], status["articles"]) == (4, 4, 3)
    assert status["errors"] == ["notes.txt: empty file"]
    story = status["story_id"]
    assert status["story_url"] == f"/stories/{story}"
    # The job page now leads to the story.
    job_page = client.get(f"/jobs/{job_id}", follow_redirects=False)
    assert job_page.status_code == 303 and job_page.headers["location"] == f"/stories/{story}"

    report = client.get(f"/api/stories/{story}/report").json()
    assert [d["source"] for d in report["documents"]] == list(bridge_files)
    assert [d["outlet"] for d in report["documents"]] == [
        "Valley Herald",
        "Northbank Post",
        "Coast Wire",
    ]
    assert report["problems"] == ["notes.txt: empty file"]
    everywhere = [
        u for u in report["units"] if {m["doc"] for m in u["members"]} == {"d1", "d2", "d3"}
    ]
    assert any("repairs are finished" in u["members"][0]["text"] for u in everywhere)

    # Stored: the story with its three articles, browsable and searchable.
    with open_store(db, read_only=True) as store:
        stored = store.get_story(story)
        assert stored is not None and len(stored.article_ids) == 3
        assert store.count_articles() == 3
    assert stored.window_start == "2025-04-04"
    titles = [a["title"] for a in client.get(f"/api/stories/{story}/articles").json()]
    assert "Millbrook to reopen river bridge" in titles
    hits = client.get("/api/quotes", params={"speaker": "lind", "q": "bridge is safe"}).json()
    assert {h["outlet"] for h in hits} == {"Valley Herald", "Northbank Post", "Coast Wire"}
    assert all(h["article_id"] in stored.article_ids for h in hits)
    assert f'href="/stories/{story}"' in client.get("/stories").text

    # The same files through the command line give the same JSON, byte for byte.
    (bridge_dir / "notes.txt").write_bytes(b"   ")
    monkeypatch.chdir(bridge_dir)
    out = tmp_path / "cli.json"
    result = CliRunner().invoke(
        cli, ["compare", *bridge_files, "notes.txt", "--format", "json", "-o", str(out)]
    )
    assert result.exit_code == 1  # the empty file
    assert client.get(f"/api/stories/{story}/report").text == out.read_text(encoding="utf-8")
    assert json.loads(out.read_text())["problems"] == ["notes.txt: empty file"]
