"""Interruptions and concurrency, with real processes: an ingest killed half-way resumes
with every article stored exactly once, and readers read while a writer writes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from rashomon.store import open_store
from rashomon.store.engine import database_url
from rashomon.store.migrations import MIGRATIONS

TOTAL = 1500


def _dump(path: Path, numbers: range) -> Path:
    """A JSONL dump of synthetic reports, each one unique by its number."""
    with path.open("w", encoding="utf-8") as out:
        for n in numbers:
            record = {
                "title": f"Ferry report {n}",
                "text": f"BERGVIK (NPA) - Ferry crews filed report number {n} on Monday. "
                f'"We will decide together on item {n}," said union leader Ole Brekke.',
                "outlet": "NPA",
                "published": "2024-06-03",
            }
            out.write(json.dumps(record) + "\n")
    return path


def _ingest(db: str, *sources: Path, batch: int = 50) -> subprocess.Popen[bytes]:
    env = {**os.environ, "RASHOMON_INGEST_BATCH_SIZE": str(batch)}
    return subprocess.Popen(
        [sys.executable, "-m", "rashomon", "ingest", *map(str, sources), "--db", db],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def _wait_for_rows(db: str, at_least: int, proc: subprocess.Popen[bytes]) -> int:
    """Poll the store from this process until the running ingest has committed rows."""
    deadline = time.monotonic() + 120
    with open_store(db, read_only=True) as reader:
        while time.monotonic() < deadline:
            count = reader.count_articles()
            if count >= at_least:
                return count
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.02)
    raise AssertionError("the ingest committed nothing in time")


def _titles(db: str) -> list[str]:
    engine = create_engine(database_url(db))
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT title FROM articles")).scalars().all()
    engine.dispose()
    return list(rows)


def _wait_for_store(db: str) -> None:
    """Until another process has created the store (its schema) for readers to open."""
    deadline = time.monotonic() + 60
    while True:
        try:
            open_store(db, read_only=True).close()
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["kill", "ctrl-c"])
def test_an_interrupted_ingest_resumes_with_every_article_exactly_once(
    db: str, tmp_path: Path, how: signal.Signals
) -> None:
    dump = _dump(tmp_path / "dump.jsonl", range(TOTAL))
    first = _ingest(db, dump)
    _wait_for_store(db)
    committed = _wait_for_rows(db, 100, first)
    first.send_signal(how)
    _, stderr = first.communicate(timeout=60)
    if how == signal.SIGINT:
        assert first.returncode == 130
        assert b"interrupted: everything committed so far is kept" in stderr
    else:
        assert first.returncode == -signal.SIGKILL
    kept = len(_titles(db))
    assert committed <= kept < TOTAL, "the ingest was not stopped half-way"

    second = _ingest(db, dump)
    stdout, stderr = second.communicate(timeout=300)
    assert second.returncode == 0, stderr.decode()
    summary = stdout.decode()
    assert summary.startswith(f"{TOTAL} articles read: {TOTAL - kept} added, {kept} already stored")

    titles = _titles(db)
    assert len(titles) == TOTAL
    assert sorted(titles) == sorted(f"Ferry report {n}" for n in range(TOTAL))


def test_two_ingests_of_overlapping_dumps_at_once_store_each_article_once(
    db: str, tmp_path: Path
) -> None:
    a = _dump(tmp_path / "a.jsonl", range(0, 500))
    b = _dump(tmp_path / "b.jsonl", range(200, 700))
    open_store(db).close()  # both processes find the schema made
    procs = [_ingest(db, a, batch=25), _ingest(db, b, batch=25)]
    for proc in procs:
        _, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr.decode()
    titles = _titles(db)
    assert len(titles) == 700
    assert len(set(titles)) == 700


def test_a_reader_reads_while_an_ingest_writes(db: str, tmp_path: Path) -> None:
    """What a web server next to a running ingest sees: growing counts, never an error."""
    dump = _dump(tmp_path / "dump.jsonl", range(800))
    writer = _ingest(db, dump, batch=20)
    _wait_for_store(db)
    counts = []
    with open_store(db, read_only=True) as reader:
        while writer.poll() is None:
            counts.append(reader.count_articles())
            newest = reader.list_articles(limit=5, offset=max(0, counts[-1] - 5))
            assert all(s.article.outlet == "NPA" for s in newest)
            time.sleep(0.01)
        counts.append(reader.count_articles())
    _, stderr = writer.communicate()
    assert writer.returncode == 0, stderr.decode()
    assert counts == sorted(counts), "a reader saw the count go down"
    assert counts[-1] == 800
    assert len({c for c in counts if 0 < c < 800}) >= 3, "no reads happened mid-ingest"


def test_processes_opening_a_new_store_at_once_create_it_once(db: str) -> None:
    code = "import sys; from rashomon.store import open_store; open_store(sys.argv[1]).close()"
    procs = [
        subprocess.Popen([sys.executable, "-c", code, db], stderr=subprocess.PIPE) for _ in range(3)
    ]
    for proc in procs:
        _, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 0, stderr.decode()
    engine = create_engine(database_url(db))
    with engine.connect() as conn:
        versions = conn.execute(text("SELECT version FROM schema_version")).scalars().all()
    engine.dispose()
    assert sorted(versions) == [m.version for m in MIGRATIONS]
