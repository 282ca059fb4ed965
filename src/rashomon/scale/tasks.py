"""Work that runs on Dask workers. Module-level functions, so workers import them by name.

Each worker process loads its models once (the loaders are cached per process) and reuses
them for every batch it is given. A lock keeps one batch at a time per process: spaCy and
torch already use the cores they are given, and a worker started with several threads must
not run two pipelines over the same objects at once.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.analysis.model import ArticleAnalysis
from rashomon.article import Article
from rashomon.settings import Settings

_lock = threading.Lock()
_pipelines_seen: set[int] = set()
_batches_done = 0


@dataclass(frozen=True)
class WorkerState:
    """What a worker process has done: for checking that models load once per worker."""

    pid: int
    batches: int
    pipelines_loaded: int


def analyze_batch(articles: Sequence[Article], settings: Settings) -> list[ArticleAnalysis]:
    """Analyse one batch of articles on this worker, in order."""
    global _batches_done
    from rashomon.analysis import analyze_articles, load_pipeline

    with _lock:
        _pipelines_seen.add(id(load_pipeline(settings)))
        analyses = analyze_articles(articles, settings=settings.replace(n_process=1))
        _batches_done += 1
    return analyses


def worker_state() -> WorkerState:
    """This process's counters (run on every worker with ``client.run``)."""
    return WorkerState(os.getpid(), _batches_done, len(_pipelines_seen))
