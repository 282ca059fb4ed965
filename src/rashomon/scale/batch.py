"""Streaming analysis on Dask: batches go out, results come back, memory stays flat."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from rashomon.analysis.model import ArticleAnalysis
from rashomon.article import Article
from rashomon.settings import Settings, get_settings

if TYPE_CHECKING:
    from distributed import Client, Future


def analyze_on_cluster(
    articles: Iterable[Article], client: Client, *, settings: Settings | None = None
) -> Iterator[ArticleAnalysis]:
    """Analyse ``articles`` on the cluster behind ``client``, yielding each ``ArticleAnalysis``.

    Articles are read lazily and sent in batches of ``settings.dask_batch_size``; at most two
    batches per worker thread are in flight, so a stream of any length runs in bounded memory.
    Results come back in completion order, not input order.
    """
    from distributed import wait

    from rashomon.scale.tasks import analyze_batch

    settings = settings or get_settings()
    stream = iter(articles)
    threads = sum(client.nthreads().values()) or 1
    max_in_flight = 2 * threads
    in_flight: set[Future] = set()
    while True:
        while len(in_flight) < max_in_flight:
            batch = list(islice(stream, settings.dask_batch_size))
            if not batch:
                break
            # pure=False: two identical batches are still two pieces of work to report
            in_flight.add(client.submit(analyze_batch, batch, settings, pure=False))
        if not in_flight:
            return
        done, _ = wait(list(in_flight), return_when="FIRST_COMPLETED")
        for future in done:
            in_flight.discard(future)
            analyses: list[ArticleAnalysis] = future.result()
            future.release()
            yield from analyses
