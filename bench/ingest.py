"""Throughput and peak memory of `rashomon ingest` into SQLite and PostgreSQL.

    .venv/bin/python bench/ingest.py [--sizes 1000,10000] [--postgres URL]

The input is a synthetic JSONL stream made at run time by recombining sentences of the BASIL
articles in ../shared/data (nothing of it is stored in the repository). Each size is ingested
by a fresh `rashomon ingest` process into an empty store (first run), then again (re-run: every
article already stored, what a resume costs). Articles per wall second depend on what else
runs on the machine; articles per CPU second of the ingest process do not. Peak memory is
the process's maximum RSS; flat across sizes means the stream is not held in memory.
PostgreSQL is measured when --postgres or RASHOMON_TEST_POSTGRES_URL gives a server (each
run in a schema of its own, dropped after).
Prints a table; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASIL = ROOT.parent / "shared" / "data" / "basil" / "articles"


def sentence_pool() -> list[str]:
    sentences = []
    for path in sorted(BASIL.glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        for paragraph in record.get("body-paragraphs", []):
            parts = paragraph if isinstance(paragraph, list) else [paragraph]
            sentences.extend(s.strip() for s in parts if isinstance(s, str) and len(s) > 40)
    if not sentences:
        sys.exit(f"no BASIL articles under {BASIL}")
    return sentences


def synthetic_records(n: int, pool: list[str], seed: int = 7) -> Iterator[dict[str, str]]:
    """``n`` distinct articles of six paragraphs of three recombined sentences."""
    rng = random.Random(seed)
    outlets = ["Fox", "NYT", "HuffPost", "AP", "Reuters"]
    for i in range(n):
        paragraphs = [" ".join(rng.choices(pool, k=3)) for _ in range(6)]
        yield {
            "title": f"Synthetic report {i}: " + rng.choice(pool)[:60],
            "text": "\n\n".join(paragraphs),
            "outlet": rng.choice(outlets),
            "published": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        }


def run_ingest(source: Path, db: str) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds, peak RSS (MiB) and summary line of one `rashomon ingest`
    process (the CPU time is the process's own, not the database server's)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "rashomon", "ingest", str(source), "--db", db],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    summary = proc.stdout.read().decode().strip()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"rashomon ingest failed: {summary}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, summary


class PostgresSchema:
    """A schema of its own on the server for one run; the URL points its search_path there."""

    def __init__(self, base: str) -> None:
        from sqlalchemy import create_engine

        sys.path.insert(0, str(ROOT / "src"))
        from rashomon.store.engine import database_url

        self.name = f"bench_{uuid.uuid4().hex[:10]}"
        self.engine = create_engine(database_url(base))
        separator = "&" if "?" in base else "?"
        self.url = f"{base}{separator}options=-csearch_path%3D{self.name}"

    def __enter__(self) -> str:
        from sqlalchemy import text

        with self.engine.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {self.name}"))
        return self.url

    def __exit__(self, *exc: object) -> None:
        from sqlalchemy import text

        with self.engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {self.name} CASCADE"))
        self.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated article counts")
    parser.add_argument("--postgres", default=os.environ.get("RASHOMON_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    pool = sentence_pool()
    backends = ["sqlite"] + (["postgresql"] if args.postgres else [])
    print(f"{len(pool)} BASIL sentences recombined; {os.cpu_count()} CPUs")
    load = os.getloadavg()[0]
    print(f"load average at start: {load:.1f}")
    print(
        f"{'store':<11} {'articles':>8} {'MB in':>6} | {'first run':>9} {'art/s':>6} "
        f"{'art/CPU-s':>9} {'peak MiB':>8} | {'re-run':>7} {'art/s':>6} {'art/CPU-s':>9} "
        f"{'peak MiB':>8}"
    )
    with tempfile.TemporaryDirectory(prefix="rashomon-bench-") as tmp:
        for size in sizes:
            source = Path(tmp) / f"stream-{size}.jsonl"
            with source.open("w", encoding="utf-8") as out:
                for record in synthetic_records(size, pool):
                    out.write(json.dumps(record) + "\n")
            megabytes = source.stat().st_size / 1e6
            for backend in backends:
                if backend == "sqlite":
                    db = str(Path(tmp) / f"store-{size}.db")
                    first = run_ingest(source, db)
                    again = run_ingest(source, db)
                else:
                    with PostgresSchema(args.postgres) as db:
                        first = run_ingest(source, db)
                        again = run_ingest(source, db)
                assert f"{size} added" in first[3], first[3]
                assert f"{size} already stored" in again[3], again[3]
                cells = []
                for wall, cpu, peak, _ in (first, again):
                    cells.append(
                        f"{wall:>8.1f}s {size / wall:>6.0f} {size / cpu:>9.0f} {peak:>8.0f}"
                    )
                print(f"{backend:<11} {size:>8} {megabytes:>6.1f} | {cells[0]} | {cells[1]}")


if __name__ == "__main__":
    main()
