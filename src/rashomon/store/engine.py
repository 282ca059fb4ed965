"""Where the store lives: a SQLite file (the default) or a PostgreSQL URL, as an Engine.

SQLite runs in WAL mode, so readers (a web server) keep reading while one writer (an
ingest) commits. Writers take the write lock when their transaction starts
(``BEGIN IMMEDIATE``) rather than on their first write, so two writers queue on
``busy_timeout`` instead of failing half-way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from rashomon.errors import StoreError

#: Seconds a SQLite writer waits for another writer's transaction before giving up.
SQLITE_BUSY_TIMEOUT = 60.0
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def is_database_url(db: str) -> bool:
    """Whether ``db`` is a SQLAlchemy URL (``sqlite:///x.db``, ``postgresql://...``)."""
    return _URL.match(db) is not None


def database_url(db: str | Path) -> URL:
    """The SQLAlchemy URL for a file path or a URL; ``postgresql://`` gets the psycopg driver.

    Raises ``StoreError`` for URLs of databases rashomon does not support.
    """
    if isinstance(db, Path) or not is_database_url(db):
        path = Path(db).expanduser().resolve()
        return URL.create("sqlite+pysqlite", database=str(path))
    try:
        url = make_url(db)
    except ArgumentError as exc:
        raise StoreError(f"{db}: not a valid database URL") from exc
    backend = url.get_backend_name()
    if backend in {"postgresql", "postgres"}:
        # psycopg (3) is the driver rashomon installs; SQLAlchemy's default is psycopg2.
        if url.drivername in {"postgresql", "postgres", "postgresql+psycopg2"}:
            url = url.set(drivername="postgresql+psycopg")
        return url
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise StoreError(f"{db}: the store needs a file (an in-memory database is lost)")
        return url.set(drivername="sqlite+pysqlite")
    raise StoreError(
        f"{display_url(url)}: unsupported database {backend!r} "
        "(use a SQLite file path or a postgresql:// URL)"
    )


def display_url(url: URL) -> str:
    """The URL as shown to users: the password hidden, a SQLite file as its path."""
    if url.get_backend_name() == "sqlite" and url.database:
        return url.database
    return url.render_as_string(hide_password=True)


def create_store_engine(url: URL, *, read_only: bool) -> Engine:
    """An Engine with the per-connection settings the store relies on."""
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, read_only=read_only)
    engine = create_engine(url, pool_pre_ping=True)
    if read_only:
        engine = engine.execution_options(postgresql_readonly=True)
    return engine


def _sqlite_engine(url: URL, *, read_only: bool) -> Engine:
    path = Path(url.database or "")
    if read_only:
        if not path.is_file():
            raise StoreError(f"{path}: no such store (create it with rashomon ingest)")
        # mode=ro: this process can never write, whatever the code does.
        uri = f"file:{quote(str(path.resolve()))}?mode=ro"
        url = URL.create("sqlite+pysqlite", database=uri, query={"uri": "true"})
    elif not path.parent.is_dir():
        raise StoreError(f"{path}: folder {path.parent} does not exist")
    engine = create_engine(
        url,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below emit BEGIN, not the sqlite3 module.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
            # In WAL mode NORMAL is safe against a crash of the process (a power cut may
            # undo the last commits, never corrupt the file); ingest resumes either way.
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


@contextmanager
def translate_errors(where: str) -> Iterator[None]:
    """Database errors become ``StoreError`` with a one-line reason naming ``where``."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise StoreError(f"{where}: {describe(exc)}") from exc


def describe(exc: SQLAlchemyError) -> str:
    """The driver's message on one line, without SQLAlchemy's statement dump and links."""
    original = getattr(exc, "orig", None)
    text = str(original if original is not None else exc)
    text = " ".join(text.split("\n")[0].split()) or type(exc).__name__
    if "readonly database" in text or "read-only transaction" in text:
        return "the store is opened read-only"
    return text if len(text) <= 200 else text[:199] + "…"
