"""Scale-out on Dask distributed: the same analysis, run on a cluster.

::

    with dask_client("tcp://scheduler:8786") as client:     # or None: a LocalCluster
        for analysis in analyze_on_cluster(read_articles(), client):
            ...
        summary = run_batch(store, ["crawl.warc.gz"], client)   # ingest -> stories -> reports

Worker code lives in :mod:`rashomon.scale.tasks` (importable on every worker); each worker
loads its models once. distributed is imported only when a client is opened.
"""

from __future__ import annotations

from rashomon.scale.batch import analyze_on_cluster
from rashomon.scale.cluster import dask_client
from rashomon.scale.pipeline import BatchSummary, run_batch

__all__ = ["BatchSummary", "analyze_on_cluster", "dask_client", "run_batch"]
