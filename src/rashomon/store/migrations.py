"""Ordered schema migrations, recorded in the ``schema_version`` table.

Each step brings the database from the version before it to its own version, inside one
transaction with the store's write lock held (``BEGIN IMMEDIATE`` in SQLite, an advisory
lock in PostgreSQL), so two processes opening a new store at once migrate it once.

Why not Alembic: the store has a handful of tables on two dialects and migrates itself when
opened; a list of functions does that with no extra dependency or configuration files. Add a
step by appending ``Migration(version, description, function)`` and bumping
``schema.SCHEMA_VERSION``. Step 1 creates the tables from ``schema.py``; a later step that
changes a table must first freeze step 1's definition of it here (a test migrates an empty
database and compares the result with ``schema.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, func, inspect, select, text

from rashomon.errors import StoreError
from rashomon.store import schema

#: Any number, the same in every process: the key of the PostgreSQL advisory lock.
_PG_LOCK_KEY = 0x7261_7368  # "rash"


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _create_initial_tables(conn: Connection) -> None:
    tables = [
        schema.articles,
        schema.analyses,
        schema.stories,
        schema.story_articles,
        schema.reports,
    ]
    schema.metadata.create_all(conn, tables=tables)


def _add_quotes(conn: Connection) -> None:
    """The ``quotes`` table, filled from the reports stored so far (oldest first, so the
    latest report of each story is the one left searchable)."""
    from rashomon.store.quotes import index_quotes
    from rashomon.story.model import StoryReport

    schema.metadata.create_all(conn, tables=[schema.quotes])
    reports = schema.reports
    ids = conn.execute(select(reports.c.id).order_by(reports.c.id)).scalars().all()
    for report_id in ids:
        row = conn.execute(
            select(reports.c.story_id, reports.c.data).where(reports.c.id == report_id)
        ).one()
        report = StoryReport.from_dict(row.data)
        index_quotes(conn, report, report_id=report_id, story_id=row.story_id)


def _add_features(conn: Connection) -> None:
    """The ``features`` table: stored clustering features, so a re-run does not redo them."""
    schema.metadata.create_all(conn, tables=[schema.features])


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, analyses, stories, story members, reports", _create_initial_tables),
    Migration(2, "quotes of stored reports, for search", _add_quotes),
    Migration(3, "clustering features of articles", _add_features),
)


def migrate(engine: Engine, where: str) -> int:
    """Bring the database to ``schema.SCHEMA_VERSION``; returns the version it had before.

    Raises ``StoreError`` when the database was written by a newer rashomon.
    """
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        schema.metadata.create_all(conn, tables=[schema.schema_version])
        before = current_version(conn)
        _refuse_newer(before, where)
        for step in MIGRATIONS:
            if step.version <= before:
                continue
            step.apply(conn)
            conn.execute(
                schema.schema_version.insert().values(
                    version=step.version,
                    description=step.description,
                    applied_at=datetime.now(UTC),
                )
            )
    return before


def check_version(conn: Connection, where: str) -> None:
    """For read-only stores: the database must already be at the version the code reads."""
    if not inspect(conn).has_table("schema_version"):
        raise StoreError(f"{where}: not a rashomon store (no schema_version table)")
    version = current_version(conn)
    _refuse_newer(version, where)
    if version < schema.SCHEMA_VERSION:
        raise StoreError(
            f"{where}: store is at schema version {version}, this rashomon reads "
            f"{schema.SCHEMA_VERSION}; open it once for writing (rashomon ingest) to migrate"
        )


def current_version(conn: Connection) -> int:
    """The highest applied migration (0 for an empty database)."""
    version = conn.execute(select(func.max(schema.schema_version.c.version))).scalar()
    return int(version or 0)


def _refuse_newer(version: int, where: str) -> None:
    if version > schema.SCHEMA_VERSION:
        raise StoreError(
            f"{where}: store has schema version {version}, newer than this rashomon "
            f"({schema.SCHEMA_VERSION}); upgrade rashomon to use it"
        )
