"""Clustering features stored beside the articles, so a re-run need not compute them."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from rashomon.article import Article
from rashomon.clustering import ArticleFeatures
from rashomon.store import open_store


def _features(seed: int) -> ArticleFeatures:
    vector = np.random.default_rng(seed).standard_normal(384).astype(np.float32)
    return ArticleFeatures(
        vector=vector / np.linalg.norm(vector),
        entities={"ole brekke": 2.0, "brekke": 2.0, "bergvik": 1.0, "year:2024": 1.0},
        day=739040 + seed,
    )


def test_features_read_back_exactly_for_their_producer_only(
    db: str, make_article: Callable[..., Article]
) -> None:
    with open_store(db) as store:
        ids = [r.id for r in store.add_articles([make_article(n) for n in range(3)])]
        store.save_features([(ids[0], _features(0)), (ids[1], _features(1))], producer="p1")

        found = store.load_features(ids, producer="p1")
        assert set(found) == {ids[0], ids[1]}, "an article without stored features is left out"
        for n in (0, 1):
            want, got = _features(n), found[ids[n]]
            assert np.array_equal(got.vector, want.vector) and got.vector.dtype == np.float32
            assert (got.entities, got.day) == (want.entities, want.day)
        assert store.load_features(ids, producer="p2") == {}, "computed another way: redone"

        store.save_features([(ids[0], _features(7))], producer="p2")  # replaces, not adds
        assert set(store.load_features(ids, producer="p1")) == {ids[1]}
        assert store.load_features([ids[0]], producer="p2")[ids[0]].day == _features(7).day
