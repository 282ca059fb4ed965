"""Scores of a clustering against gold clusters: B-cubed precision/recall/F1 and ARI.

Both take two labellings of the same items (``predicted[i]`` and ``gold[i]`` are the cluster
labels of item ``i``); labels are any hashable values.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ClusterScores:
    """B-cubed precision, recall and F1 and the adjusted Rand index of one labelling."""

    precision: float
    recall: float
    f1: float
    ari: float
    items: int
    predicted_clusters: int
    gold_clusters: int


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed (Bagga & Baldwin 1998) precision, recall and F1, averaged over items.

    An item's precision is the share of its predicted cluster that shares its gold cluster;
    its recall the share of its gold cluster found in its predicted cluster.
    """
    _check(predicted, gold)
    if not predicted:
        return 0.0, 0.0, 0.0
    joint = Counter(zip(predicted, gold, strict=True))
    pred_size = Counter(predicted)
    gold_size = Counter(gold)
    # every item of a (predicted, gold) cell has the same precision and recall
    precision = sum(n * n / pred_size[p] for (p, _), n in joint.items()) / len(predicted)
    recall = sum(n * n / gold_size[g] for (_, g), n in joint.items()) / len(predicted)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def adjusted_rand_index(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """The adjusted Rand index (Hubert & Arabie 1985): 1 for identical partitions, ~0 by chance."""
    _check(predicted, gold)
    n = len(predicted)
    if n < 2:
        return 1.0

    def pairs(k: int) -> float:
        return k * (k - 1) / 2

    index = sum(pairs(k) for k in Counter(zip(predicted, gold, strict=True)).values())
    sum_pred = sum(pairs(k) for k in Counter(predicted).values())
    sum_gold = sum(pairs(k) for k in Counter(gold).values())
    expected = sum_pred * sum_gold / pairs(n)
    maximum = (sum_pred + sum_gold) / 2
    if maximum == expected:  # both partitions trivial (all singletons or one cluster)
        return 1.0 if sum_pred == sum_gold else 0.0
    return (index - expected) / (maximum - expected)


def score_clusters(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> ClusterScores:
    """B-cubed P/R/F1 and ARI of ``predicted`` against ``gold``."""
    precision, recall, f1 = bcubed(predicted, gold)
    return ClusterScores(
        precision=precision,
        recall=recall,
        f1=f1,
        ari=adjusted_rand_index(predicted, gold),
        items=len(predicted),
        predicted_clusters=len(set(predicted)),
        gold_clusters=len(set(gold)),
    )


def _check(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> None:
    if len(predicted) != len(gold):
        raise ValueError(f"{len(predicted)} predicted labels for {len(gold)} gold labels")
