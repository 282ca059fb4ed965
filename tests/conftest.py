"""Fixtures shared by every test package."""

from __future__ import annotations

import os
import uuid
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


POSTGRES_ENV = "RASHOMON_TEST_POSTGRES_URL"


@pytest.fixture
def postgres_schema_url() -> Iterator[str]:
    """A URL of a new, empty schema on the PostgreSQL server named by
    ``RASHOMON_TEST_POSTGRES_URL`` (``.ci/run`` starts one on loopback), dropped afterwards.

    Skipped without the variable on a developer's machine, failed under CI, so a CI run can
    never pass on SQLite alone.
    """
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        message = f"{POSTGRES_ENV} is not set (.ci/run starts PostgreSQL and sets it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from sqlalchemy import create_engine, text

    from rashomon.store.engine import database_url

    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database_url(base))
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {name}"))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{name}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()
