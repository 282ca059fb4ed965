"""What the batch client keeps of the stories it stored: a real SQLite store, hand-made features
(no models, no Dask: the grouping runs on the client)."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import numpy as np

from rashomon.article import Article
from rashomon.clustering import ArticleFeatures
from rashomon.clustering import stories as stories_module
from rashomon.scale import BatchSummary
from rashomon.scale import pipeline as pipeline_module
from rashomon.settings import Settings
from rashomon.store import open_store

DAY = dt.date(2031, 5, 6).toordinal()


def test_stored_stories_are_held_as_ids_and_sizes_and_reported_largest_first(
    tmp_path: Path,
) -> None:
    # an event a day for 40 days, event n reported n % 3 + 1 times; a week's window keeps
    # eight stories open, the others are stored as the stream goes
    settings = Settings(cluster_entity_weight=0.0, cluster_window_days=7)
    with open_store(tmp_path / "news.db") as store:
        stories = pipeline_module._Stories(store, BatchSummary(), settings)
        sizes = {}
        for event in range(40):
            day = dt.date.fromordinal(DAY + event).isoformat()
            articles = [
                Article(source=f"{event}/{n}", text=f"Event {event}, report {n}.", published=day)
                for n in range(event % 3 + 1)
            ]
            ids = [r.id for r in store.add_articles(articles)]
            vector = np.zeros(40, dtype=np.float32)
            vector[event] = 1.0
            given = [ArticleFeatures(vector=vector, entities={}, day=DAY + event, terms={})]
            stories.add(ids, articles, given * len(articles))
            sizes[event] = len(articles)
            if event == 39:
                gc.collect()
                held = sum(type(o) is stories_module._Cluster for o in gc.get_objects())
                assert held == 8, "only the open stories are held whole"
        to_report = stories.finish()

        stored = {s.id: s for s in store.list_stories(limit=100)}
        assert len(stored) == 40
        assert list(to_report.sizes) == [len(stored[i].article_ids) for i in to_report.ids]
        assert sorted(to_report.sizes) == sorted(n for n in sizes.values() if n >= 2)
        order = list(to_report.largest_first())
        assert [len(stored[i].article_ids) for i in order] == sorted(to_report.sizes, reverse=True)
        threes = [i for i in order if len(stored[i].article_ids) == 3]
        assert threes == sorted(threes), "stories of one size in the order they were stored"
