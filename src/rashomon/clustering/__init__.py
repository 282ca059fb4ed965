"""Stories from a stream of articles: near-duplicates, then incremental story clustering.

::

    groups = find_duplicates(articles)               # wire copies, MinHash LSH
    clusterer = StoryClusterer()                      # incremental, stable story ids
    for batch in batches:
        assignments = clusterer.add(batch)            # one Assignment (story id) per article
    stories = clusterer.stories()                     # each Story with its topic
    result = cluster_stories(articles)                # the one-shot form: stories + duplicates

``score_clusters()`` gives B-cubed P/R/F1 and ARI; ``evaluate_clustering()`` runs them on ECB+.
numpy, faiss, datasketch and the models load on first use.
"""

from __future__ import annotations

from rashomon.clustering.duplicates import DuplicateGroup, find_duplicates
from rashomon.clustering.ecbplus import (
    GoldDocument,
    SplitScores,
    evaluate_clustering,
    format_scores,
    read_ecbplus,
)
from rashomon.clustering.features import ArticleFeatures, article_features
from rashomon.clustering.output import render_stories, stories_to_dict
from rashomon.clustering.scores import ClusterScores, adjusted_rand_index, bcubed, score_clusters
from rashomon.clustering.stories import (
    Assignment,
    Story,
    StoryClusterer,
    StoryClustering,
    cluster_stories,
)

__all__ = [
    "ArticleFeatures",
    "Assignment",
    "ClusterScores",
    "DuplicateGroup",
    "GoldDocument",
    "SplitScores",
    "Story",
    "StoryClusterer",
    "StoryClustering",
    "adjusted_rand_index",
    "article_features",
    "bcubed",
    "cluster_stories",
    "evaluate_clustering",
    "find_duplicates",
    "format_scores",
    "read_ecbplus",
    "render_stories",
    "score_clusters",
    "stories_to_dict",
]
