"""Store fixtures: every store test runs against a real SQLite file and a real PostgreSQL.

PostgreSQL comes from ``RASHOMON_TEST_POSTGRES_URL`` (``.ci/run`` starts a server on
loopback and sets it). Without it the PostgreSQL half is skipped on a developer's machine
and fails under CI, so a CI run can never pass on SQLite alone. Each test gets its own
PostgreSQL schema (``search_path``), dropped afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from rashomon.article import Article


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A place for a new, empty store: a SQLite file path or a PostgreSQL URL."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
    else:
        yield request.getfixturevalue("postgres_schema_url")


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
