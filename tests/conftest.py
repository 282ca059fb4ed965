"""Fixtures shared by every test package."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# Models come from installed packages; a test must never reach a hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

EXAMPLE_DIR = Path(__file__).resolve().parents[1] / "src" / "rashomon" / "examples" / "rail-talks"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="session")
def example_dir() -> Path:
    """The bundled example story (fictional, written for rashomon)."""
    return EXAMPLE_DIR


@pytest.fixture(scope="session")
def example_files(example_dir: Path) -> list[Path]:
    from rashomon.cli import EXAMPLE_FILES

    return [example_dir / name for name in EXAMPLE_FILES]


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, with its background networking off (never a download).

    One for the whole run: Playwright's sync API allows one running instance per thread, so
    the report tests and the web app tests share it.
    """
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
