"""Folders: article files in sorted order, hidden and non-article files left alone."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from rashomon.ingest import load_sources


def test_folder_reads_article_files_sorted_and_skips_the_rest(
    tmp_path: Path, write: Callable[..., Path], story_text: str, page_html: str
) -> None:
    write("story/b-report.txt", story_text)
    write("story/a-page.html", page_html)
    write("story/c-wire.jsonl", json.dumps({"text": story_text}) + "\n")
    write("story/sub/d-note.md", story_text)
    write("story/.hidden.txt", story_text)
    write("story/.cache/e.txt", story_text)
    write("story/README.txt", "About this folder")
    write("story/LICENSE.md", "All rights reserved")
    write("story/photo.jpg", b"\xff\xd8\xff")
    folder = tmp_path / "story"
    articles, errors = load_sources([str(folder)])
    assert errors == []
    assert [a.source for a in articles] == [
        str(folder / "a-page.html"),
        str(folder / "b-report.txt"),
        str(folder / "c-wire.jsonl"),
        str(folder / "sub" / "d-note.md"),
    ]


def test_bad_file_in_a_folder_is_reported_alone(
    tmp_path: Path, write: Callable[..., Path], story_text: str
) -> None:
    write("story/good.txt", story_text)
    write("story/empty.txt", "")
    articles, errors = load_sources([str(tmp_path / "story")])
    assert [a.source for a in articles] == [str(tmp_path / "story" / "good.txt")]
    assert [(e.source, e.reason) for e in errors] == [
        (str(tmp_path / "story" / "empty.txt"), "empty file")
    ]
