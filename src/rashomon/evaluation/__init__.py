"""Evaluation of quote and speaker extraction against gold datasets (PolNeAR).

``evaluate_polnear()`` runs rashomon's analysis (and textacy as a baseline) on a PolNeAR
split and returns a :class:`PolnearEvaluation`; ``format_polnear()`` renders it as a
plain-text table and ``sample_errors()`` lists examples of the errors for developers.
"""

from __future__ import annotations

from rashomon.evaluation.evaluate import (
    PolnearEvaluation,
    QuoteError,
    SystemScores,
    error_categories,
    evaluate_polnear,
    format_polnear,
    sample_errors,
)
from rashomon.evaluation.quote_scores import PRF, Ratio

__all__ = [
    "PRF",
    "PolnearEvaluation",
    "QuoteError",
    "Ratio",
    "SystemScores",
    "error_categories",
    "evaluate_polnear",
    "format_polnear",
    "sample_errors",
]
