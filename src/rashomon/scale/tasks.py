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
from typing import TYPE_CHECKING

from rashomon.analysis.model import ArticleAnalysis
from rashomon.article import Article
from rashomon.errors import ModelError
from rashomon.settings import Settings

if TYPE_CHECKING:
    from rashomon.clustering import ArticleFeatures
    from rashomon.story.model import StoryReport

_lock = threading.Lock()
_pipelines_seen: set[int] = set()
_sentence_models_seen: set[int] = set()
_batches_done = 0
_reports_done = 0


@dataclass(frozen=True)
class WorkerState:
    """What a worker process has done: for checking that models load once per worker."""

    pid: int
    batches: int
    pipelines_loaded: int
    reports: int = 0
    sentence_models_loaded: int = 0


@dataclass(frozen=True)
class PreparedArticle:
    """One article made ready on a worker: its analysis (when asked for) and its clustering
    features, or why they could not be computed."""

    analysis: ArticleAnalysis | None
    features: ArticleFeatures | None
    error: str | None = None


@dataclass(frozen=True)
class PreparedBatch:
    articles: list[PreparedArticle]
    #: What produced the analyses (pipeline and version), stored beside them.
    producer: str


def analyze_batch(articles: Sequence[Article], settings: Settings) -> list[ArticleAnalysis]:
    """Analyse one batch of articles on this worker, in order."""
    global _batches_done
    from rashomon.analysis import analyze_articles, load_pipeline

    with _lock:
        _pipelines_seen.add(id(load_pipeline(settings)))
        analyses = analyze_articles(articles, settings=settings.replace(n_process=1))
        _batches_done += 1
    return analyses


def _quiet_model_loading() -> None:
    # A worker's stderr is a log, not a terminal: no progress bars from model loading.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def _one_core(settings: Settings) -> Settings:
    # A worker is one thread of a cluster sized to the cores: spaCy and the embedder must not
    # each start threads of their own on every core.
    return settings.replace(n_process=1, embedding_threads=1)


def prepare_batch(
    articles: Sequence[Article], analyse: Sequence[bool], settings: Settings
) -> PreparedBatch:
    """Analyse the articles flagged in ``analyse`` and compute every article's clustering
    features, in order. An article that fails gets its error and the rest go on; a missing
    model (``ModelError``) fails the whole task, as it would every article."""
    global _batches_done
    from rashomon.alignment.embedder import load_embedding_model
    from rashomon.analysis import load_pipeline

    settings = _one_core(settings)
    _quiet_model_loading()
    with _lock:
        nlp = load_pipeline(settings)
        _pipelines_seen.add(id(nlp))
        _sentence_models_seen.add(id(load_embedding_model(settings)))
        try:
            prepared = _prepare(articles, analyse, settings)
        except ModelError:
            raise
        except Exception:  # one bad article must not lose the batch: redo them one by one
            prepared = []
            for article, wanted in zip(articles, analyse, strict=True):
                try:
                    prepared.extend(_prepare([article], [wanted], settings))
                except ModelError:
                    raise
                except Exception as exc:
                    prepared.append(PreparedArticle(None, None, _reason(exc)))
        _batches_done += 1
    meta = nlp.meta
    producer = f"rashomon.analysis; {meta.get('lang')}_{meta.get('name')} {meta.get('version')}"
    return PreparedBatch(prepared, producer)


def _prepare(
    articles: Sequence[Article], analyse: Sequence[bool], settings: Settings
) -> list[PreparedArticle]:
    from rashomon.alignment.embedder import make_embedder
    from rashomon.analysis import analyze_articles
    from rashomon.clustering import article_features

    wanted = [a for a, flag in zip(articles, analyse, strict=True) if flag]
    made = iter(analyze_articles(wanted, settings=settings))
    analyses = [next(made) if flag else None for flag in analyse]
    # an article analysed here lends its entities to clustering: no second NER pass
    features = article_features(
        articles, settings=settings, embedder=make_embedder(settings), analyses=analyses
    )
    return [PreparedArticle(a, f) for a, f in zip(analyses, features, strict=True)]


def report_story(analyses: Sequence[ArticleAnalysis], settings: Settings) -> StoryReport:
    """The story report of analysed articles (``compare`` without re-parsing them)."""
    global _reports_done
    from rashomon.alignment.embedder import load_embedding_model, make_embedder
    from rashomon.story import build_report

    settings = _one_core(settings)
    _quiet_model_loading()
    with _lock:
        _sentence_models_seen.add(id(load_embedding_model(settings)))
        report = build_report(analyses, settings=settings, embedder=make_embedder(settings))
        _reports_done += 1
    return report


def worker_state() -> WorkerState:
    """This process's counters (run on every worker with ``client.run``)."""
    return WorkerState(
        os.getpid(),
        _batches_done,
        len(_pipelines_seen),
        _reports_done,
        len(_sentence_models_seen),
    )


def worker_memory() -> int:
    """Resident memory of this process in bytes (for benchmarks, with ``client.run``)."""
    import psutil  # type: ignore[import-untyped]

    return int(psutil.Process().memory_info().rss)


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"analysis failed ({text[:200]})"
