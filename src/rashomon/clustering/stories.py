"""Incremental story clustering: articles join stories over a time window; stories form topics.

Feed batches of articles to :class:`StoryClusterer` and each gets a story id that never
changes afterwards. An article joins the most similar open story when its score,
``(1 - w) * cosine(embedding, story centroid) + w * entity overlap``, reaches
``settings.cluster_threshold``, and only when its date lies within ``cluster_window_days`` of
the story's dates; otherwise it opens a new story. A near-duplicate (wire copy) of an article
seen within the window (of the newest date so far) joins that article's story directly,
without being embedded. Topics (kinds of
event: two different prison escapes) group stories every two of which score at least
``cluster_topic_threshold`` on ``(1 - v) * cosine(centroids) + v * cosine(lede terms)``,
``v = cluster_topic_term_weight``: two escapes share few names and the embedding of their
ledes only partly, but both tell of an "escape" from a "prison"; topics are recomputed from the
current stories on demand.

Cost stays linear in the stream: candidates come from a nearest-neighbour search (faiss,
inner product) over the centroids of stories still open, and stories whose last article is
older than the window are closed. Undated articles have no date to close by: their order in the
stream stands in for time, and a story none of whose articles is dated closes once
``cluster_window_articles`` articles have arrived after its last one (an undated wire-copy
target leaves the index after as many).
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rashomon.clustering.duplicates import (
    candidate_index,
    find_duplicates,
    minhash_of_words,
    normalised_words,
)
from rashomon.clustering.features import ArticleFeatures, article_features, publication_day
from rashomon.settings import Settings, get_settings

if TYPE_CHECKING:
    import numpy

    from rashomon.alignment import Embedder
    from rashomon.article import Article
    from rashomon.clustering.duplicates import DuplicateGroup


_BLOCK = 1024  # story rows of the topic similarity computed at once


@dataclass(frozen=True)
class Story:
    """One story: articles (positions in the stream) about one event.

    ``first_day``/``last_day`` are ISO dates of its dated articles (``None`` if none is
    dated); ``entities`` are its most frequent entity names.
    """

    id: str
    topic: str
    members: tuple[int, ...]
    first_day: str | None
    last_day: str | None
    entities: tuple[str, ...]


@dataclass(frozen=True)
class Assignment:
    """Where one added article went; ``duplicate_of`` is the stream position it copies."""

    story: str
    duplicate_of: int | None = None


@dataclass(frozen=True)
class StoryClustering:
    """Stories of a set of articles, with the near-duplicate groups found among them."""

    stories: list[Story]
    duplicates: list[DuplicateGroup]


class _Cluster:
    """Running centroid, entity profile and dates of one story."""

    __slots__ = ("entities", "first_day", "last_day", "members", "size", "terms", "total")

    def __init__(self, dim: int) -> None:
        import numpy as np

        self.total = np.zeros(dim, dtype=np.float32)
        self.size = 0
        self.entities: Counter[str] = Counter()
        self.terms: Counter[str] = Counter()
        self.members: list[int] = []
        self.first_day: int | None = None
        self.last_day: int | None = None

    def add(self, position: int, features: ArticleFeatures) -> None:
        self.total += features.vector
        self.size += 1
        self.members.append(position)
        self.entities.update(_weights(features.entities))
        self.terms.update(_weights(features.terms))
        if features.day is not None:
            self.first_day = min(self.first_day or features.day, features.day)
            self.last_day = max(self.last_day or features.day, features.day)

    def centroid(self) -> numpy.ndarray:
        import numpy as np

        norm = float(np.linalg.norm(self.total))
        return self.total / norm if norm else self.total


class StoryClusterer:
    """Groups a stream of articles into stories (and stories into topics), batch by batch.

    ``add(articles)`` returns one :class:`Assignment` per article; ``stories()`` the stories
    so far; ``take_closed()`` the stories closed since it was last called (no article can
    join them any more). Positions count every article ever added, from 0.

    With ``forget_closed`` a story is dropped whole when it closes, so what an endless stream
    holds is its open stories, the copy targets of the window and the counts of the words
    and names seen (at most ``cluster_vocabulary`` of each), nothing per article or closed
    story; the caller keeps its own record of the stories (as ``rashomon batch`` does) and
    ``stories()`` is not available. A story of undated articles closes
    ``cluster_window_articles`` articles after its last one.
    """

    def __init__(
        self,
        *,
        settings: Settings | None = None,
        embedder: Embedder | None = None,
        forget_closed: bool = False,
    ) -> None:
        self.settings = settings or get_settings()
        self.embedder = embedder
        self.forget_closed = forget_closed
        self._closed: list[int] = []  # closed since the last take_closed()
        self._stories: dict[int, _Cluster] = {}  # by story number; closed ones go if forgotten
        self._opened = 0  # stories opened so far
        self._open: set[int] = set()
        self._seen = 0  # articles added so far: the next one's stream position
        # story of each copy target (the articles in the MinHash index): the only positions
        # whose story is asked for after they were assigned
        self._story_of: dict[int, int] = {}
        # articles per name and per lede term, over the articles counted (copies are not)
        self._document_frequency: Counter[str] = Counter()
        self._term_frequency: Counter[str] = Counter()
        self._counted = 0
        self._newest_day: int | None = None
        self._lsh: Any = None
        self._signatures: dict[str, Any] = {}
        # (day, key) of the dated signatures, oldest first: a story that keeps taking articles
        # stays open for months, and its old articles must not stay copy targets with it
        self._signature_days: list[tuple[int, str]] = []
        # (position, key) of the undated ones, in stream order: they expire by arrival
        self._undated_signatures: deque[tuple[int, str]] = deque()

    # -- public ---------------------------------------------------------------------------------

    def add(
        self,
        articles: Sequence[Article],
        *,
        features: Sequence[ArticleFeatures] | None = None,
    ) -> list[Assignment]:
        """Cluster a batch of articles (in the given order).

        Their features are computed here unless given (one per article, computed elsewhere,
        e.g. on Dask workers). A near-duplicate of an article seen earlier joins that
        article's story without being embedded (its given features are not used).
        """
        start = self._seen
        # a copy sees the stories its batch leaves open, as a fresh article of the batch does:
        # it never joins a story the batch's newest article closes, whatever the batch size
        days = [publication_day(a.published) for a in articles]
        self._close_old_stories(
            max((d for d in days if d is not None), default=None), start + len(articles) - 1
        )
        copies = self._find_copies(articles, days, start)
        fresh = [i for i in range(len(articles)) if i not in copies]
        if features is None:
            features = article_features(
                [articles[i] for i in fresh], settings=self.settings, embedder=self.embedder
            )
        else:
            if len(features) != len(articles):
                raise ValueError(f"{len(features)} features given for {len(articles)} articles")
            features = [features[i] for i in fresh]
        by_index = dict(zip(fresh, features, strict=True))
        result: list[Assignment] = []
        pending: list[tuple[int, ArticleFeatures]] = []
        for i in range(len(articles)):
            if i in by_index:
                pending.append((start + i, by_index[i]))
                continue
            # flush so the original's story exists before its copy joins it
            result.extend(self._assign_batch(pending))
            pending = []
            result.append(self._join_copy(start + i, copies[i]))
        result.extend(self._assign_batch(pending))
        self._keep_targets_only(start)
        return result

    def add_features(self, features: Sequence[ArticleFeatures]) -> list[Assignment]:
        """Cluster articles already turned into features (no duplicate detection)."""
        start = self._seen
        result = self._assign_batch([(start + i, f) for i, f in enumerate(features)])
        self._keep_targets_only(start)
        return result

    def stories(self) -> list[Story]:
        """Every story so far, in the order they were opened, each with its topic."""
        if self.forget_closed:
            raise ValueError("stories() needs a StoryClusterer that keeps closed stories")
        topics = self._topics()
        return [self._story(i, topics[i]) for i in range(self._opened)]

    def take_closed(self) -> list[str]:
        """Ids of the stories closed (their dates out of the window of the newest article)
        since the last call, in the order they were opened: they are final."""
        closed, self._closed = self._closed, []
        return [_story_id(index) for index in sorted(closed)]

    def _topics(self) -> list[int]:
        """Topic number per story: complete-link groups of stories by topic similarity.

        Every two stories of a topic score at least ``cluster_topic_threshold``. Computed from
        the stories' current centroids and terms, so a topic reflects all its articles, not
        the first one. Costs O(stories²) time and memory.
        """
        count = len(self._stories)
        if count < 2:
            return [0] * count
        from scipy.cluster.hierarchy import fcluster, linkage  # type: ignore[import-untyped]

        tree = linkage(self._topic_distances(), method="complete")
        labels = fcluster(tree, t=1.0 - self.settings.cluster_topic_threshold, criterion="distance")
        numbers: dict[int, int] = {}  # topics numbered in order of their first story
        return [numbers.setdefault(int(label), len(numbers)) for label in labels]

    def _topic_distances(self) -> numpy.ndarray:
        """1 - topic similarity of every pair of stories, condensed as scipy's linkage wants.

        Filled a block of rows at a time, so only the condensed matrix is held in full.
        """
        import numpy as np

        count = len(self._stories)
        centroids = np.stack([s.centroid() for s in self._stories.values()]).astype(np.float32)
        weight = self.settings.cluster_topic_term_weight
        terms = self._term_profiles() if weight else None
        distances = np.empty(count * (count - 1) // 2, dtype=np.float64)
        offset = 0
        for start in range(0, count, _BLOCK):
            stop = min(start + _BLOCK, count)
            similarity = centroids[start:stop] @ centroids[start:].T
            if terms is not None:
                shared = (terms[start:stop] @ terms[start:].T).toarray()
                similarity = (1.0 - weight) * similarity + weight * shared
            for row in range(stop - start):
                part = similarity[row, row + 1 :]
                distances[offset : offset + len(part)] = 1.0 - part
                offset += len(part)
        return np.clip(distances, 0.0, 2.0)

    def _term_profiles(self) -> Any:
        """Stories x lede terms (scipy CSR), idf-weighted and L2-normalised per story.

        Words most stories use ("say", "police") weigh little; the rarer words that name the
        kind of event ("quake", "rehab") weigh most.
        """
        import numpy as np
        from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

        counted = max(self._counted, 1)
        frequency = self._term_frequency
        columns: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        values: list[float] = []
        for index, cluster in enumerate(self._stories.values()):
            weights = {
                k: w * (math.log((counted + 1) / (frequency[k] + 1)) + 1.0)
                for k, w in cluster.terms.items()
            }
            norm = math.sqrt(sum(w * w for w in weights.values()))
            for k, w in weights.items():
                rows.append(index)
                cols.append(columns.setdefault(k, len(columns)))
                values.append(w / norm)
        return csr_matrix(
            (values, (rows, cols)), shape=(len(self._stories), len(columns)), dtype=np.float32
        )

    # -- assignment -----------------------------------------------------------------------------

    def _assign_batch(self, batch: list[tuple[int, ArticleFeatures]]) -> list[Assignment]:
        if not batch:
            return []
        for _, f in batch:
            self._document_frequency.update(f.entities.keys())
            self._term_frequency.update(f.terms.keys())
        self._counted += len(batch)
        limit = self.settings.cluster_vocabulary
        self._document_frequency = _bounded(self._document_frequency, limit)
        self._term_frequency = _bounded(self._term_frequency, limit)
        self._close_old_stories(
            max((f.day for _, f in batch if f.day is not None), default=None), batch[-1][0]
        )
        neighbours = self._neighbours(
            [f.vector for _, f in batch], sorted(self._open), self.settings.cluster_neighbours
        )
        opened_here: list[int] = []
        result = []
        for (position, f), candidates in zip(batch, neighbours, strict=True):
            # stories opened in this batch are not in the index: always candidates
            options = set(candidates) | set(opened_here)
            story = self._best(f, [s for s in options if self._in_window(s, f.day)])
            if story is None:
                story = self._open_story(f)
                opened_here.append(story)
            self._join(story, position, f)
            result.append(Assignment(story=_story_id(story)))
        return result

    def _best(self, f: ArticleFeatures, candidates: list[int]) -> int | None:
        best, best_score = None, self.settings.cluster_threshold
        for s in candidates:
            score = self._score(f, self._stories[s])
            if score >= best_score:
                best, best_score = s, score
        return best

    def _open_story(self, f: ArticleFeatures) -> int:
        story = self._opened
        self._opened += 1
        self._stories[story] = _Cluster(len(f.vector))
        self._open.add(story)
        return story

    def _join(self, story: int, position: int, f: ArticleFeatures) -> None:
        self._stories[story].add(position, f)
        self._seen += 1
        # kept while the batch is clustered, whether or not it stays a copy target: a copy
        # later in the batch may follow an original the batch's own dates took out of the
        # index meanwhile
        self._story_of[position] = story

    def _keep_targets_only(self, start: int) -> None:
        """Forget the story of the positions from ``start`` that are not copy targets."""
        for position in range(start, self._seen):
            if str(position) not in self._signatures:
                self._story_of.pop(position, None)

    # -- scores ---------------------------------------------------------------------------------

    def _score(self, f: ArticleFeatures, cluster: _Cluster) -> float:
        import numpy as np

        cosine = float(np.dot(f.vector, cluster.centroid()))
        weight = self.settings.cluster_entity_weight
        if weight == 0.0:
            return cosine
        return (1 - weight) * cosine + weight * self._entity_overlap(f.entities, cluster)

    def _entity_overlap(self, entities: dict[str, float], cluster: _Cluster) -> float:
        """Cosine of idf-weighted entity profiles: shared rare names count most."""
        if not entities or not cluster.entities:
            return 0.0
        counted = max(self._counted, 1)
        df = self._document_frequency

        def idf(key: str) -> float:
            return math.log((counted + 1) / (df[key] + 1)) + 1.0

        article = {k: w * idf(k) for k, w in _weights(entities).items()}
        dot = sum(w * cluster.entities.get(k, 0.0) * idf(k) for k, w in article.items())
        if dot == 0.0:
            return 0.0
        profile_norm = math.sqrt(sum((w * idf(k)) ** 2 for k, w in cluster.entities.items()))
        article_norm = math.sqrt(sum(w * w for w in article.values()))
        return dot / (article_norm * profile_norm)

    def _in_window(self, story: int, day: int | None) -> bool:
        cluster = self._stories[story]
        if day is None or cluster.first_day is None or cluster.last_day is None:
            return True
        window = self.settings.cluster_window_days
        return cluster.first_day - window <= day <= cluster.last_day + window

    # -- blocking -------------------------------------------------------------------------------

    def _neighbours(
        self,
        vectors: list[numpy.ndarray],
        clusters: Sequence[int],
        k: int,
    ) -> list[list[int]]:
        """The ``k`` clusters with the closest centroids to each vector (faiss, exact)."""
        ids = list(clusters)
        if not ids or not vectors:
            return [[] for _ in vectors]
        import faiss
        import numpy as np

        index = faiss.IndexFlatIP(len(vectors[0]))
        index.add(np.stack([self._stories[i].centroid() for i in ids]).astype(np.float32))
        _, found = index.search(np.stack(vectors).astype(np.float32), min(k, len(ids)))
        return [[ids[j] for j in row if j >= 0] for row in found]

    def _close_old_stories(self, newest: int | None, position: int) -> None:
        """Close the stories the stream has left: those dated before the window of the newest
        day (``newest``, of the batch coming in), and those without a date that took no
        article among the ``cluster_window_articles`` before ``position`` (the batch's last)."""
        if newest is not None:
            self._newest_day = max(self._newest_day or newest, newest)
        limit = (
            None
            if self._newest_day is None
            else self._newest_day - self.settings.cluster_window_days
        )
        last_undated = position - self.settings.cluster_window_articles
        days = self._signature_days
        while limit is not None and days and days[0][0] < limit:
            self._drop_target(heapq.heappop(days)[1])
        undated = self._undated_signatures
        while undated and undated[0][0] < last_undated:
            self._drop_target(undated.popleft()[1])

        def left_behind(cluster: _Cluster) -> bool:
            if cluster.last_day is None:
                return cluster.members[-1] < last_undated  # members are in stream order
            return limit is not None and cluster.last_day < limit

        for story in [s for s in self._open if left_behind(self._stories[s])]:
            self._open.discard(story)
            self._closed.append(story)
            if self._lsh is not None:  # a closed story's articles are no longer copy targets
                for member in self._stories[story].members:
                    self._drop_target(str(member))
            if self.forget_closed:
                del self._stories[story]

    def _drop_target(self, key: str) -> None:
        """Take an article out of the copy targets (if it still is one)."""
        if self._signatures.pop(key, None) is not None:
            self._lsh.remove(key)
            self._story_of.pop(int(key), None)

    # -- near-duplicates ------------------------------------------------------------------------

    def _find_copies(
        self, articles: Sequence[Article], days: Sequence[int | None], start: int
    ) -> dict[int, int]:
        """Batch index -> earlier stream position of the article it copies.

        Copy targets are the articles dated within the window of the newest date and the
        undated ones among the last ``cluster_window_articles``: a wire copy runs within days
        of its original, and an ongoing story's old articles would otherwise stay in the
        index for as long as the story takes more.
        """
        if self._lsh is None:
            self._lsh = candidate_index(self.settings.duplicate_threshold)
        copies: dict[int, int] = {}
        signatures = self._signatures
        for i, article in enumerate(articles):
            words = normalised_words(article.analysed_text())
            if not words:
                continue
            signature = minhash_of_words(words, shingle_size=self.settings.duplicate_shingle_size)
            matches = [
                int(key)
                for key in self._lsh.query(signature)
                if key in signatures
                and signature.jaccard(signatures[key]) >= self.settings.duplicate_threshold
            ]
            if matches:
                copies[i] = min(matches)
                continue
            key = str(start + i)
            signatures[key] = signature
            self._lsh.insert(key, signature)
            day = days[i]
            if day is not None:
                heapq.heappush(self._signature_days, (day, key))
            else:
                self._undated_signatures.append((start + i, key))
        return copies

    def _join_copy(self, position: int, original: int) -> Assignment:
        story = self._story_of[original]
        cluster = self._stories.get(story)  # gone if the batch's own dates closed it
        if cluster is not None:
            cluster.members.append(position)
        self._seen += 1
        return Assignment(story=_story_id(story), duplicate_of=original)

    # -- output ---------------------------------------------------------------------------------

    def _story(self, index: int, topic: int) -> Story:
        cluster = self._stories[index]
        names = [k for k, _ in cluster.entities.most_common() if not k.startswith("year:")]
        return Story(
            id=_story_id(index),
            topic=f"t{topic + 1}",
            members=tuple(cluster.members),
            first_day=_iso(cluster.first_day),
            last_day=_iso(cluster.last_day),
            entities=tuple(names[:5]),
        )


def cluster_stories(
    articles: Sequence[Article],
    *,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
) -> StoryClustering:
    """Stories of ``articles`` (members are indices into ``articles``) and duplicate groups.

    Articles are fed oldest first (undated ones last, in input order), as a stream would be.
    """
    settings = settings or get_settings()
    order = sorted(
        range(len(articles)),
        key=lambda i: (_sort_day(articles[i].published), i),
    )
    clusterer = StoryClusterer(settings=settings, embedder=embedder)
    clusterer.add([articles[i] for i in order])
    stories = [
        Story(
            id=s.id,
            topic=s.topic,
            members=tuple(sorted(order[p] for p in s.members)),
            first_day=s.first_day,
            last_day=s.last_day,
            entities=s.entities,
        )
        for s in clusterer.stories()
    ]
    return StoryClustering(stories=stories, duplicates=find_duplicates(articles, settings=settings))


def _story_id(index: int) -> str:
    return f"s{index + 1}"


def _bounded(counts: Counter[str], limit: int) -> Counter[str]:
    """``counts`` itself while it has at most ``limit`` keys; past that, its ``limit // 2``
    most frequent keys. Halving, not trimming to the limit, makes the cost of a prune (a
    pass over the counts) rare: one per ``limit // 2`` new keys."""
    if len(counts) <= limit:
        return counts
    return Counter(dict(counts.most_common(limit // 2)))


def _weights(entities: dict[str, float]) -> dict[str, float]:
    """Sub-linear mention weights: the fifth mention of a name adds less than the first."""
    return {k: 1.0 + math.log(n) if n >= 1 else n for k, n in entities.items()}


def _sort_day(published: str | None) -> int:
    from rashomon.clustering.features import publication_day

    day = publication_day(published)
    return day if day is not None else 10**9


def _iso(day: int | None) -> str | None:
    return None if day is None else dt.date.fromordinal(day).isoformat()
