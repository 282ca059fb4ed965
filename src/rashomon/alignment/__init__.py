"""Statements across reports: split, embed, align into units, and diff their wording.

Pure functions over plain data; numpy, onnxruntime, torch and sentence-transformers are
imported inside the functions that need them. ``make_embedder(settings)`` gives the
embedder the settings name (ONNX Runtime int8 by default, or torch). ``candidate_pairs()``
lists the pairs alignment scores, with their features, for fitting the pair model.
"""

from __future__ import annotations

from rashomon.alignment.align import CandidatePair, align_statements, candidate_pairs
from rashomon.alignment.embedder import (
    Embedder,
    MiniLMEmbedder,
    load_embedding_model,
    load_sentence_model,
    make_embedder,
)
from rashomon.alignment.features import PairModel
from rashomon.alignment.statements import Statement, split_statements, strip_dateline
from rashomon.alignment.variants import classify, find_variants, reference_index

__all__ = [
    "CandidatePair",
    "Embedder",
    "MiniLMEmbedder",
    "PairModel",
    "Statement",
    "align_statements",
    "candidate_pairs",
    "classify",
    "find_variants",
    "load_embedding_model",
    "load_sentence_model",
    "make_embedder",
    "reference_index",
    "split_statements",
    "strip_dateline",
]
