"""A real Dask cluster for the scale tests: a scheduler and two workers as processes on loopback."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

DASK = Path(sys.executable).with_name("dask")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def unused_address() -> str:
    """A loopback address nothing listens on."""
    return f"tcp://127.0.0.1:{_free_port()}"


@pytest.fixture(scope="module")
def scheduler_address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``tcp://127.0.0.1:PORT`` of a scheduler with two single-threaded workers, w1 and w2.

    One cluster per test module, so each module sees workers whose counters start at zero.
    """
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path_factory.mktemp("dask")
    common = ["--no-dashboard"]
    loopback_http = ["--dashboard-address", "127.0.0.1:0"]
    procs = [
        subprocess.Popen(
            [
                str(DASK),
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                *common,
                *loopback_http,
            ],
            stdout=subprocess.DEVNULL,
            stderr=(logs / "scheduler.log").open("w"),
        )
    ]
    for name in ("w1", "w2"):
        procs.append(
            subprocess.Popen(
                [str(DASK), "worker", address, "--nthreads", "1", "--name", name, *common],
                stdout=subprocess.DEVNULL,
                stderr=(logs / f"{name}.log").open("w"),
            )
        )
    try:
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty store: a SQLite file, or a schema of the test PostgreSQL server (skipped
    without ``RASHOMON_TEST_POSTGRES_URL``, failed under CI), as the store tests do."""
    if request.param == "sqlite":
        yield str(tmp_path / "news.db")
    else:
        yield request.getfixturevalue("postgres_schema_url")
