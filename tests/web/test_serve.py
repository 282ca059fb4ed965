"""`rashomon serve` as a user runs it: a real process on a loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

RASHOMON = Path(sys.executable).with_name("rashomon")
Serve = Callable[..., tuple[subprocess.Popen[str], str]]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def run_serve(tmp_path: Path) -> Iterator[Serve]:
    started: list[subprocess.Popen[str]] = []

    def run(*args: str, token: str = "") -> tuple[subprocess.Popen[str], str]:
        port = free_port()
        env = {**os.environ, "RASHOMON_TOKEN": token}
        process = subprocess.Popen(
            [str(RASHOMON), "serve", "--port", str(port), *args],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        started.append(process)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()[0]
            try:
                httpx.get(url + "/api/stories", timeout=1)
                return process, url
            except httpx.TransportError:
                time.sleep(0.2)
        pytest.fail("rashomon serve did not answer within 60 s")

    yield run
    for process in started:
        process.terminate()
        process.wait(10)


@pytest.mark.slow
def test_serve_answers_on_loopback_with_its_store(run_serve: Serve, tmp_path: Path) -> None:
    db = tmp_path / "served.db"
    _, url = run_serve("--db", str(db))
    assert httpx.get(url + "/api/stories").json() == []
    assert httpx.get(url + "/").status_code == 200
    assert db.is_file(), "the store is created on start"


@pytest.mark.slow
def test_serve_with_a_token_refuses_requests_without_it(run_serve: Serve) -> None:
    _, url = run_serve(token="process-token")
    assert httpx.get(url + "/api/stories").status_code == 401
    ok = httpx.get(url + "/api/stories", headers={"Authorization": "Bearer process-token"})
    assert ok.status_code == 200


def test_a_store_that_cannot_be_opened_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(RASHOMON), "serve", "--db", str(tmp_path / "missing" / "x.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "does not exist" in result.stderr


def test_the_command_line_does_not_load_the_web_framework() -> None:
    code = (
        "import sys, rashomon.cli, rashomon.web; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('fastapi', 'starlette', 'uvicorn')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
