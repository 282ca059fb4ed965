"""Store fixtures: every store test runs against a real SQLite file and a real PostgreSQL.

PostgreSQL comes from ``RASHOMON_TEST_POSTGRES_URL`` (``.ci/run`` starts a server on
loopback and sets it). Without it the PostgreSQL half is skipped on a developer's machine
and fails under CI, so a CI run can never pass on SQLite alone. Each test gets its own
PostgreSQL schema (``search_path``), dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from rashomon.article import Article
from rashomon.store.engine import database_url

POSTGRES_ENV = "RASHOMON_TEST_POSTGRES_URL"


def postgres_url() -> str:
    """The test server's URL; skips (or fails under CI) when there is none."""
    url = os.environ.get(POSTGRES_ENV)
    if url:
        return url
    message = f"{POSTGRES_ENV} is not set (.ci/run starts PostgreSQL and sets it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A place for a new, empty store: a SQLite file path or a PostgreSQL URL."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    base = postgres_url()
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


@pytest.fixture
def make_article() -> Callable[..., Article]:
    """An article written for these tests; ``n`` makes its text unique."""

    def _make(n: int = 1, **fields: object) -> Article:
        text = (
            f"Ferry crews vote on offer {n}\n\n"
            f"BERGVIK, June {n % 28 + 1} (NPA) - Ferry crews in Bergvik voted on offer number "
            f'{n} on Monday, the union said. "We will decide together," said Ole Brekke.'
        )
        values: dict[str, object] = {
            "source": f"ferry-{n}.txt",
            "text": text,
            "title": f"Ferry crews vote on offer {n}",
            "outlet": "NPA",
            "published": "2024-06-03",
        }
        values.update(fields)
        return Article(**values)  # type: ignore[arg-type]

    return _make
