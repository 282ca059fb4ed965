"""Analysis on a real Dask cluster: a scheduler and two workers started as processes on loopback."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from rashomon.analysis import analyze_articles
from rashomon.article import Article
from rashomon.errors import ConfigError
from rashomon.ingest import load_sources
from rashomon.scale import analyze_on_cluster, dask_client
from rashomon.settings import Settings

pytestmark = pytest.mark.slow


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


def test_an_unreachable_scheduler_is_a_clear_error(unused_address: str) -> None:
    with (
        pytest.raises(ConfigError, match="cannot reach the Dask scheduler"),
        dask_client(unused_address, settings=Settings(dask_connect_timeout=2.0)),
    ):
        pass


def test_without_an_address_a_local_cluster_is_started(articles: list[Article]) -> None:
    settings = Settings(dask_workers=1, dask_batch_size=4)
    with dask_client(None, settings=settings) as client:
        assert len(client.nthreads()) == 1
        # one BLAS thread per single-threaded worker, and arrays from the heap, not mmap
        [environ] = client.run(
            _environment, ["OPENBLAS_NUM_THREADS", "MALLOC_MMAP_THRESHOLD_"]
        ).values()
        assert environ == {"OPENBLAS_NUM_THREADS": "1", "MALLOC_MMAP_THRESHOLD_": str(32 << 20)}
        results = list(analyze_on_cluster(articles[:4], client, settings=settings))
    assert {r.article.source for r in results} == {a.source for a in articles[:4]}
    assert all(r.quotes for r in results), "every example report has quotes"


def test_a_local_cluster_keeps_a_minute_of_its_system_history() -> None:
    # the scheduler and the workers' nannies run in this process, each sampling CPU, memory
    # and I/O twice a second: an hour of samples (Dask's default) grows with a long batch
    with dask_client(None, settings=Settings(dask_workers=2)) as client:
        cluster = client.cluster
        assert cluster is not None
        servers = [cluster.scheduler, *cluster.workers.values()]
        assert [server.monitor.maxlen for server in servers] == [120, 120, 120]
        assert client.run(_monitor_length) == dict.fromkeys(client.nthreads(), 120)


def _monitor_length(dask_worker: Any) -> int | None:
    return dask_worker.monitor.maxlen


def _environment(names: list[str]) -> dict[str, str | None]:
    import os

    return {name: os.environ.get(name) for name in names}
