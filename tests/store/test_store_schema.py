"""Opening stores: migrations, versions, where the store lives, and clear errors."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from rashomon.article import Article
from rashomon.errors import StoreError
from rashomon.settings import Settings
from rashomon.store import open_store, schema
from rashomon.store.engine import database_url
from rashomon.store.migrations import MIGRATIONS


def test_a_new_store_has_exactly_the_tables_the_code_queries(db: str) -> None:
    open_store(db).close()
    engine = create_engine(database_url(db))
    try:
        found = inspect(engine)
        assert set(found.get_table_names()) == set(schema.metadata.tables)
        for name, table in schema.metadata.tables.items():
            columns = {c["name"] for c in found.get_columns(name)}
            assert columns == {c.name for c in table.columns}, name
        with engine.connect() as conn:
            versions = conn.execute(text("SELECT version FROM schema_version")).scalars().all()
    finally:
        engine.dispose()
    assert sorted(versions) == [m.version for m in MIGRATIONS]
    assert MIGRATIONS[-1].version == schema.SCHEMA_VERSION


def test_reopening_a_store_keeps_its_articles_and_migrates_nothing_twice(
    db: str, make_article: Callable[..., Article]
) -> None:
    with open_store(db) as store:
        store.add_article(make_article(1))
    with open_store(db) as store:
        assert store.count_articles() == 1
    engine = create_engine(database_url(db))
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT count(*) FROM schema_version")).scalar()
    engine.dispose()
    assert rows == len(MIGRATIONS)


def test_a_store_from_a_newer_rashomon_is_refused_untouched(
    db: str, make_article: Callable[..., Article]
) -> None:
    with open_store(db) as store:
        store.add_article(make_article(1))
    engine = create_engine(database_url(db))
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO schema_version (version, description, applied_at) "
                "VALUES (:v, 'from the future', CURRENT_TIMESTAMP)"
            ),
            {"v": schema.SCHEMA_VERSION + 1},
        )
    engine.dispose()
    for read_only in (False, True):
        with pytest.raises(StoreError, match="newer than this rashomon"):
            open_store(db, read_only=read_only)


def test_the_default_store_is_the_file_the_setting_names(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with open_store(settings=Settings(db=str(path))) as store:
        assert store.where == str(path)
    assert path.is_file()


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with open_store(path) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_database_urls_are_resolved(tmp_path: Path) -> None:
    assert database_url("postgresql://u@h/news").drivername == "postgresql+psycopg"
    assert database_url("postgres://u@h/news").drivername == "postgresql+psycopg"
    assert database_url("postgresql+psycopg://u@h/news").drivername == "postgresql+psycopg"
    local = database_url(str(tmp_path / "a.db"))
    assert local.drivername == "sqlite+pysqlite" and local.database == str(tmp_path / "a.db")
    assert database_url(f"sqlite:///{tmp_path}/b.db").database == f"{tmp_path}/b.db"


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("mysql://u@h/news", "unsupported database 'mysql'"),
        ("sqlite://", "needs a file"),
        ("/no/such/folder/news.db", "folder /no/such/folder does not exist"),
    ],
)
def test_unusable_stores_are_one_line_errors(target: str, reason: str) -> None:
    with pytest.raises(StoreError, match=reason) as caught:
        open_store(target)
    assert "\n" not in str(caught.value)


def test_a_read_only_store_must_exist(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "missing.db", read_only=True)
    assert not (tmp_path / "missing.db").exists()


def test_an_unreachable_server_is_a_one_line_error_without_the_password() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(StoreError) as caught:
        open_store(f"postgresql://reader:s3cret@127.0.0.1:{port}/news")
    message = str(caught.value)
    assert message.startswith(f"postgresql+psycopg://reader:***@127.0.0.1:{port}/news: ")
    assert "s3cret" not in message and "\n" not in message
