"""Each bad input gives exactly one one-line InputError; good inputs beside it still load."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rashomon.errors import InputError
from rashomon.ingest import LoadResult, load_sources
from rashomon.settings import Settings


def _one_error(bad: str, good: Path, settings: Settings | None = None) -> InputError:
    result = load_sources([str(good), bad, str(good)], settings=settings)
    assert isinstance(result, LoadResult)
    assert [a.source for a in result.articles] == [str(good), str(good)]
    [error] = result.errors
    assert error.source == bad
    assert "\n" not in error.reason
    assert str(error) == f"{bad}: {error.reason}"
    return error


@pytest.fixture
def good(write: Callable[..., Path], story_text: str) -> Path:
    return write("good.txt", story_text)


def test_missing_file(tmp_path: Path, good: Path) -> None:
    assert _one_error(str(tmp_path / "nope.txt"), good).reason == "no such file"


def test_empty_file(write: Callable[..., Path], good: Path) -> None:
    assert _one_error(str(write("empty.txt", "")), good).reason == "empty file"


def test_whitespace_only_file(write: Callable[..., Path], good: Path) -> None:
    assert _one_error(str(write("blank.md", " \n\t\r\n ")), good).reason == "empty file"


def test_file_over_the_size_limit(write: Callable[..., Path], good: Path) -> None:
    big = write("big.txt", "word " * 1600)  # 8,000 bytes
    error = _one_error(str(big), good, Settings(max_bytes=1000))
    assert error.reason == "file is 8.0 kB, over the 1.0 kB limit (RASHOMON_MAX_BYTES)"


def test_size_limit_message_in_megabytes(write: Callable[..., Path], good: Path) -> None:
    # A sparse file: 7.2 MB on paper, nothing on disk, never read.
    path = write("huge.txt", b"")
    with path.open("r+b") as file:
        file.truncate(7_200_000)
    error = _one_error(str(path), good)
    assert error.reason == "file is 7.2 MB, over the 5.0 MB limit (RASHOMON_MAX_BYTES)"


def test_binary_file(write: Callable[..., Path], good: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    assert _one_error(str(write("photo.txt", png)), good).reason == "binary file, not text"


def test_folder_without_articles(tmp_path: Path, write: Callable[..., Path], good: Path) -> None:
    write("empty-folder/README.md", "# Notes\n\nNot an article.\n")
    write("empty-folder/photo.jpg", b"\xff\xd8\xff")
    error = _one_error(str(tmp_path / "empty-folder"), good)
    assert error.reason == "no readable articles in folder"


def test_unreadable_file(
    write: Callable[..., Path], good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("secret.txt", "Private.")
    real_open = Path.open

    def guarded_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        # chmod 000 does not stop root (these tests may run as root), so refuse here.
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)
    assert _one_error(str(path), good).reason == "permission denied"


def test_page_without_article_text(write: Callable[..., Path], good: Path) -> None:
    page = "<html><body><nav><a href='/'>Home</a> <a>World</a></nav></body></html>"
    error = _one_error(str(write("index.html", page)), good)
    assert error.reason == "no article text found in the page"


def test_nothing_but_boilerplate(write: Callable[..., Path], good: Path) -> None:
    error = _one_error(str(write("nav.txt", "Top stories\nShare this article\n")), good)
    assert error.reason.startswith("no article text found")


def test_load_result_unpacks_as_articles_then_errors(tmp_path: Path, good: Path) -> None:
    articles, errors = load_sources([str(good), str(tmp_path / "missing.txt")])
    assert len(articles) == 1
    assert len(errors) == 1
