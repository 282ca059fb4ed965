"""Analysis on a real Dask cluster: a scheduler and two workers started as processes on loopback."""

from __future__ import annotations

import dataclasses
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rashomon.analysis import analyze_articles
from rashomon.article import Article
from rashomon.errors import ConfigError
from rashomon.ingest import load_sources
from rashomon.scale import analyze_on_cluster, dask_client
from rashomon.settings import Settings

pytestmark = pytest.mark.slow

DASK = Path(sys.executable).with_name("dask")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def scheduler_address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
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


@pytest.fixture(scope="module")
def articles(example_files: list[Path]) -> list[Article]:
    loaded, errors = load_sources([str(p) for p in example_files])
    assert not errors
    # Two copies under other names: eight articles, enough for work on both workers.
    copies = [dataclasses.replace(a, source=f"copy-of-{a.source}") for a in loaded]
    return [*loaded, *copies]


def test_a_batch_runs_on_two_real_workers_with_models_loaded_once_each(
    scheduler_address: str, articles: list[Article]
) -> None:
    from rashomon.scale.tasks import worker_state

    settings = Settings(dask_batch_size=1)
    expected = {r.article.source: r for r in analyze_articles(articles, settings=settings)}
    with dask_client(scheduler_address, settings=settings) as client:
        client.wait_for_workers(2, timeout=120)
        results = list(analyze_on_cluster(articles, client, settings=settings))
        states = list(client.run(worker_state).values())

    assert sorted(r.article.source for r in results) == sorted(a.source for a in articles)
    for analysis in results:
        local = expected[analysis.article.source]
        assert [(q.start, q.end, q.kind) for q in analysis.quotes] == [
            (q.start, q.end, q.kind) for q in local.quotes
        ], analysis.article.source
        assert [a.name for a in analysis.actors] == [a.name for a in local.actors]
    assert sum(s.batches for s in states) == len(articles)
    assert all(s.batches > 0 for s in states), "both workers took work"
    assert all(s.pipelines_loaded == 1 for s in states), "models load once per worker"


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    address = f"tcp://127.0.0.1:{_free_port()}"
    with (
        pytest.raises(ConfigError, match="cannot reach the Dask scheduler"),
        dask_client(address, settings=Settings(dask_connect_timeout=2.0)),
    ):
        pass


def test_without_an_address_a_local_cluster_is_started(articles: list[Article]) -> None:
    settings = Settings(dask_workers=1, dask_batch_size=4)
    with dask_client(None, settings=settings) as client:
        assert len(client.nthreads()) == 1
        results = list(analyze_on_cluster(articles[:4], client, settings=settings))
    assert {r.article.source for r in results} == {a.source for a in articles[:4]}
    assert all(r.quotes for r in results), "every example report has quotes"
