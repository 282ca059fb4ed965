"""Statements across reports: split, embed, align into units, and diff their wording.

Pure functions over plain data; numpy, torch and sentence-transformers are imported inside
the functions that need them.
"""

from __future__ import annotations

from rashomon.alignment.align import align_statements
from rashomon.alignment.embedder import Embedder, MiniLMEmbedder, load_sentence_model
from rashomon.alignment.statements import Statement, split_statements, strip_dateline
from rashomon.alignment.variants import classify, find_variants, reference_index

__all__ = [
    "Embedder",
    "MiniLMEmbedder",
    "Statement",
    "align_statements",
    "classify",
    "find_variants",
    "load_sentence_model",
    "reference_index",
    "split_statements",
    "strip_dateline",
]
