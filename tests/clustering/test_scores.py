"""B-cubed and ARI on partitions small enough to score by hand."""

from __future__ import annotations

import pytest

from rashomon.clustering import adjusted_rand_index, bcubed, score_clusters


def test_bcubed_of_a_hand_scored_partition() -> None:
    # item 0: P 1/2 R 1; item 1: P 1/2 R 1/2; item 2: P 1 R 1/2
    precision, recall, f1 = bcubed(["a", "a", "b"], ["x", "y", "y"])
    assert precision == pytest.approx(2 / 3)
    assert recall == pytest.approx(2 / 3)
    assert f1 == pytest.approx(2 / 3)


def test_bcubed_one_big_cluster_has_full_recall_and_low_precision() -> None:
    precision, recall, _ = bcubed([0, 0, 0, 0], ["x", "x", "y", "z"])
    assert recall == 1.0
    assert precision == pytest.approx((2 / 4 + 2 / 4 + 1 / 4 + 1 / 4) / 4)


def test_singletons_have_full_precision_and_low_recall() -> None:
    precision, recall, _ = bcubed([1, 2, 3], ["x", "x", "x"])
    assert precision == 1.0
    assert recall == pytest.approx(1 / 3)


def test_scores_ignore_label_names() -> None:
    scores = score_clusters(["s9", "s9", "s2", "s2", "s5"], [1, 1, 7, 7, 3])
    assert (scores.precision, scores.recall, scores.f1, scores.ari) == (1.0, 1.0, 1.0, 1.0)
    assert scores.predicted_clusters == scores.gold_clusters == 3


def test_ari_of_a_hand_scored_partition() -> None:
    # pairs together in both: 2; expected 3 * 6 / 15 = 1.2; max (3 + 6) / 2 = 4.5
    ari = adjusted_rand_index([0, 0, 1, 1, 2, 2], [0, 0, 0, 1, 1, 1])
    assert ari == pytest.approx((2 - 1.2) / (4.5 - 1.2))


def test_ari_is_negative_when_worse_than_chance() -> None:
    assert adjusted_rand_index([0, 1, 0, 1], [0, 0, 1, 1]) < 0


def test_label_lists_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="2 predicted labels for 3 gold labels"):
        bcubed([1, 2], [1, 2, 3])
