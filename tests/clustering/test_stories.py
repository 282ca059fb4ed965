"""Incremental clustering logic on hand-made features (no models needed)."""

from __future__ import annotations

import datetime as dt
import gc

import numpy as np
import pytest

from rashomon.article import Article
from rashomon.clustering import ArticleFeatures, StoryClusterer
from rashomon.clustering import stories as stories_module
from rashomon.settings import Settings

DAY = dt.date(2031, 5, 6).toordinal()


def features(
    *direction: float,
    entities: dict[str, float] | None = None,
    day: int | None = DAY,
    terms: dict[str, float] | None = None,
) -> ArticleFeatures:
    vector = np.array(direction, dtype=np.float32)
    return ArticleFeatures(
        vector=vector / np.linalg.norm(vector), entities=entities or {}, day=day, terms=terms or {}
    )


def plain(**changes: object) -> Settings:
    """Embedding similarity only, so each test controls the score exactly."""
    options: dict[str, object] = {"cluster_entity_weight": 0.0, "cluster_topic_term_weight": 0.0}
    return Settings(**{**options, **changes})  # type: ignore[arg-type]


def test_similar_articles_share_a_story_and_unlike_ones_do_not() -> None:
    clusterer = StoryClusterer(settings=plain())
    got = clusterer.add_features(
        [features(1, 0, 0), features(0, 1, 0), features(0.95, 0.1, 0), features(0, 0, 1)]
    )
    assert [a.story for a in got] == ["s1", "s2", "s1", "s3"]
    assert [s.members for s in clusterer.stories()] == [(0, 2), (1,), (3,)]


def test_story_ids_stay_stable_across_batches() -> None:
    clusterer = StoryClusterer(settings=plain())
    first = clusterer.add_features([features(1, 0, 0), features(0, 1, 0)])
    second = clusterer.add_features([features(0, 0, 1), features(0.1, 1, 0), features(1, 0.05, 0)])
    assert [a.story for a in first] == ["s1", "s2"]
    assert [a.story for a in second] == ["s3", "s2", "s1"]
    assert [s.members for s in clusterer.stories()] == [(0, 4), (1, 3), (2,)]


def test_centroid_moves_as_articles_join() -> None:
    # (1, 1) is 0.71 from (1, 0): below a 0.75 threshold until (0.8, 0.6) pulls the story over
    clusterer = StoryClusterer(settings=plain(cluster_threshold=0.75))
    got = clusterer.add_features([features(1, 0), features(0.8, 0.6), features(1, 1)])
    assert [a.story for a in got] == ["s1", "s1", "s1"]
    alone = StoryClusterer(settings=plain(cluster_threshold=0.75))
    assert [a.story for a in alone.add_features([features(1, 0), features(1, 1)])] == ["s1", "s2"]


def test_articles_outside_the_window_open_a_new_story() -> None:
    clusterer = StoryClusterer(settings=plain(cluster_window_days=7))
    got = clusterer.add_features(
        [features(1, 0, day=DAY), features(1, 0, day=DAY + 5), features(1, 0, day=DAY + 13)]
    )
    # the window counts from the story's latest article: day 13 is 8 days after day 5
    assert [a.story for a in got] == ["s1", "s1", "s2"]
    wide = StoryClusterer(settings=plain(cluster_window_days=30))
    got = wide.add_features([features(1, 0, day=DAY), features(1, 0, day=DAY + 13)])
    assert [a.story for a in got] == ["s1", "s1"]


def test_an_older_article_still_joins_within_the_window() -> None:
    clusterer = StoryClusterer(settings=plain(cluster_window_days=3))
    got = clusterer.add_features([features(1, 0, day=DAY + 2), features(1, 0, day=DAY)])
    assert [a.story for a in got] == ["s1", "s1"]
    assert clusterer.stories()[0].first_day == "2031-05-06"
    assert clusterer.stories()[0].last_day == "2031-05-08"


def test_stories_closed_by_the_stream_take_no_new_articles() -> None:
    clusterer = StoryClusterer(settings=plain(cluster_window_days=7))
    clusterer.add_features([features(1, 0, day=DAY)])
    clusterer.add_features([features(0, 1, day=DAY + 30)])  # the stream moves on a month
    got = clusterer.add_features([features(1, 0, day=None)])
    assert got[0].story == "s3"


def test_closed_stories_are_handed_over_once_and_a_forgetting_clusterer_groups_the_same() -> None:
    stream = [
        [features(1, 0, day=DAY), features(0, 1, day=DAY + 1), features(1, 0.1, day=DAY + 2)],
        # s2 (last seen day 1) closes, s1 (day 2) does not: this one opens s3
        [features(0, 1, day=DAY + 9)],
        [features(1, 0, day=DAY + 30), features(0, 1, day=DAY + 31)],  # s1 and s3 close
    ]
    keeping = StoryClusterer(settings=plain(cluster_window_days=7))
    forgetting = StoryClusterer(settings=plain(cluster_window_days=7), forget_closed=True)
    for batch in stream:
        kept = [a.story for a in keeping.add_features(batch)]
        assert [a.story for a in forgetting.add_features(batch)] == kept
    assert keeping.take_closed() == ["s1", "s2", "s3"]
    assert keeping.take_closed() == []  # each closed story is handed over once
    closed_by_batch = []
    again = StoryClusterer(settings=plain(cluster_window_days=7), forget_closed=True)
    for batch in stream:
        again.add_features(batch)
        closed_by_batch.append(again.take_closed())
    assert closed_by_batch == [[], ["s2"], ["s1", "s3"]]
    with pytest.raises(ValueError, match="keeps closed stories"):
        again.stories()


def test_a_forgetting_clusterer_holds_nothing_of_its_closed_stories_or_their_articles() -> None:
    # a long stream: an event a day, four reports and a wire copy each; a week's window
    # keeps eight stories open whatever the length of the stream
    def alive(kind: type) -> int:
        gc.collect()
        return sum(type(o) is kind for o in gc.get_objects())

    def report(event: int, n: int) -> Article:
        words = " ".join(f"e{event}r{n}w{k}" for k in range(40))
        published = dt.date.fromordinal(DAY + event).isoformat()
        return Article(source=f"{event}/{n}", text=f"Event {event}\n{words}", published=published)

    clusterer = StoryClusterer(settings=plain(cluster_window_days=7), forget_closed=True)
    held = []
    for event in range(60):
        day = DAY + event
        articles = [report(event, n) for n in range(4)]
        copy = articles[0].text + " Share this."
        articles.append(Article(source="copy", text=copy, published=articles[0].published))
        direction = [0.0] * 60
        direction[event] = 1.0
        given = [features(*direction, day=day)] * 5
        got = clusterer.add(articles, features=given)
        assert {a.story for a in got} == {f"s{event + 1}"}
        assert got[4].duplicate_of is not None
        clusterer.take_closed()
        if event in (20, 59):
            held.append((alive(stories_module._Cluster), len(clusterer._story_of)))
    # eight open stories (days 52-59), their four originals each the only copy targets
    assert held == [(8, 32), (8, 32)]


def test_a_name_of_every_other_article_joins_them_from_the_first_batch_on() -> None:
    # the first batch's names are counted before its articles are placed: their weight must
    # be over the articles counted, not over the few placed so far (cosine 1 everywhere: a
    # score of 0.4 without a shared name, under the threshold)
    batch = [
        features(1, 0, entities={("ilse brandt", "teodor lask")[n % 2]: 2.0, f"x{n}": 1.0})
        for n in range(30)
    ]
    clusterer = StoryClusterer(settings=Settings(cluster_threshold=0.5))
    assert [a.story for a in clusterer.add_features(batch)] == ["s1", "s2"] * 15


def test_an_endless_stream_of_new_names_keeps_bounded_counts_and_the_same_stories() -> None:
    # every article brings a name never seen again (a real stream's vocabulary keeps growing);
    # two recurring names tell apart two events the embedding cannot (cosine 1: a score of
    # 0.4 without a shared name, under the threshold)
    def stream(count: int) -> list[ArticleFeatures]:
        return [
            features(1, 0, entities={("ilse brandt", "teodor lask")[n % 2]: 2.0, f"x{n}": 1.0})
            for n in range(count)
        ]

    def run(vocabulary: int) -> tuple[list[str], StoryClusterer]:
        clusterer = StoryClusterer(
            settings=Settings(cluster_vocabulary=vocabulary, cluster_threshold=0.5)
        )
        got = [
            a.story
            for n in range(0, 300, 30)
            for a in clusterer.add_features(stream(300)[n : n + 30])
        ]
        return got, clusterer

    unbounded, _ = run(vocabulary=10**6)
    bounded, clusterer = run(vocabulary=20)
    assert set(unbounded) == {"s1", "s2"}
    assert bounded == unbounded
    counts = clusterer._document_frequency
    assert len(counts) <= 20
    assert counts["ilse brandt"] == counts["teodor lask"] == 150


def test_shared_entities_join_what_the_embedding_alone_keeps_apart() -> None:
    names = {"ilse brandt": 2.0, "port elsin": 1.0}
    batch = [
        features(1, 0, entities=names),
        features(0.5, 0.87, entities=names),  # cosine 0.5
        features(0, 1, entities={"teodor lask": 1.0}),
    ]
    apart = StoryClusterer(settings=Settings(cluster_entity_weight=0.0, cluster_threshold=0.6))
    assert [a.story for a in apart.add_features(batch[:2])] == ["s1", "s2"]
    joined = StoryClusterer(settings=Settings(cluster_entity_weight=0.6, cluster_threshold=0.6))
    assert [a.story for a in joined.add_features(batch)] == ["s1", "s1", "s2"]


def test_topics_group_stories_of_one_kind_of_event() -> None:
    clusterer = StoryClusterer(settings=plain(cluster_threshold=0.9, cluster_topic_threshold=0.7))
    clusterer.add_features(
        [features(1, 0, 0), features(0.8, 0.6, 0), features(0, 0, 1), features(0.99, 0.1, 0)]
    )
    stories = clusterer.stories()
    assert [s.members for s in stories] == [(0, 3), (1,), (2,)]
    assert [s.topic for s in stories] == ["t1", "t1", "t2"]


def test_shared_lede_terms_put_two_events_of_one_kind_in_one_topic() -> None:
    # two quakes whose centroids are 0.45 apart, and a tax vote: the quakes' ledes share
    # "quake" and "magnitude", which lifts them to 0.5 * 0.45 + 0.5 * 0.73 = 0.59
    batch = [
        features(1, 0, 0, terms={"quake": 2.0, "magnitude": 1.0}),
        features(0.45, 0.893, 0, terms={"quake": 1.0, "magnitude": 1.0, "tremor": 1.0}),
        features(0, 0, 1, terms={"tax": 1.0, "vote": 1.0}),
    ]
    for weight, topics in ((0.0, ["t1", "t2", "t3"]), (0.5, ["t1", "t1", "t2"])):
        settings = plain(
            cluster_threshold=0.9,
            cluster_topic_threshold=0.55,
            cluster_topic_term_weight=weight,
        )
        clusterer = StoryClusterer(settings=settings)
        clusterer.add_features(batch)
        assert [s.topic for s in clusterer.stories()] == topics


def test_words_every_story_uses_weigh_less_than_the_kind_of_event() -> None:
    # "say" and "police" are in every lede, "rehab" in two: idf makes "rehab" count 1.5 times
    # as much, so the rehab stories score 0.27, the others 0.15 to 0.18
    say = {"say": 1.0, "police": 1.0}
    batch = [
        features(1, 0, 0, 0, terms={**say, "rehab": 1.0, "star": 1.0}),
        features(0, 1, 0, 0, terms={**say, "rehab": 1.0, "actress": 1.0}),
        features(0, 0, 1, 0, terms={**say, "bridge": 1.0}),
        features(0, 0, 0, 1, terms={**say, "harbour": 1.0}),
    ]
    settings = plain(
        cluster_threshold=0.9, cluster_topic_threshold=0.22, cluster_topic_term_weight=0.5
    )
    clusterer = StoryClusterer(settings=settings)
    clusterer.add_features(batch)
    assert [s.topic for s in clusterer.stories()] == ["t1", "t1", "t2", "t3"]


def test_topics_do_not_depend_on_how_the_similarity_is_computed_in_blocks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = np.random.default_rng(7)
    words = ["quake", "rehab", "escape", "vote", "fire", "strike"]
    batch = [
        features(
            *rng.normal(size=8),
            terms={w: 1.0 for w in rng.choice(words, size=2, replace=False)},
        )
        for _ in range(40)
    ]
    settings = plain(cluster_threshold=0.95, cluster_topic_term_weight=0.5)
    whole = StoryClusterer(settings=settings)
    whole.add_features(batch)
    monkeypatch.setattr(stories_module, "_BLOCK", 3)
    blocked = StoryClusterer(settings=settings)
    blocked.add_features(batch)
    expected = [s.topic for s in whole.stories()]
    assert len(set(expected)) > 1 and len(set(expected)) < len(expected)
    assert [s.topic for s in blocked.stories()] == expected


def test_story_lists_its_most_frequent_names_without_years() -> None:
    clusterer = StoryClusterer(settings=plain())
    clusterer.add_features(
        [
            features(1, 0, entities={"brandt": 3.0, "year:2031": 1.0, "port elsin": 1.0}),
            features(1, 0, entities={"brandt": 1.0, "harbour": 1.0}),
        ]
    )
    assert clusterer.stories()[0].entities[0] == "brandt"
    assert "year:2031" not in clusterer.stories()[0].entities


def test_features_computed_elsewhere_are_used_and_copies_still_found(
    articles: dict[str, Article],
) -> None:
    # e.g. on Dask workers. The given features put the tax vote with the crane story, which
    # the articles' own text never would; the copy's features are not used (it follows its
    # original).
    batch = [articles["wire"], articles["copy"], articles["follow"], articles["vote"]]
    given = [features(1, 0, 0), features(0, 0, 1), features(0, 1, 0), features(0.95, 0.1, 0)]
    clusterer = StoryClusterer(settings=plain())
    got = clusterer.add(batch, features=given)
    assert [(a.story, a.duplicate_of) for a in got] == [
        ("s1", None),
        ("s1", 0),
        ("s2", None),
        ("s1", None),
    ]
    with pytest.raises(ValueError, match="3 features given for 4 articles"):
        StoryClusterer(settings=plain()).add(batch, features=given[:3])


def test_a_copy_never_joins_a_story_its_own_batch_closes() -> None:
    words = " ".join(f"w{n}" for n in range(60))
    original = Article(source="a", text=f"Dam opens\n{words}", published="2031-05-06")
    later = Article(source="f", text="Ferry strike\n" + "x " * 40, published="2031-06-05")
    copy = Article(source="c", text=f"Wire: Dam opens\n{words}", published="2031-06-05")
    given = {
        "a": features(1, 0, day=DAY),
        "f": features(0, 1, day=DAY + 30),
        "c": features(1, 0, day=DAY + 30),
    }

    def run(batches: list[list[Article]]) -> list[str]:
        clusterer = StoryClusterer(settings=plain(cluster_window_days=7), forget_closed=True)
        got = []
        for batch in batches:
            got += [
                a.story for a in clusterer.add(batch, features=[given[a.source] for a in batch])
            ]
        return got

    together = run([[original], [later, copy]])
    apart = run([[original], [later], [copy]])
    assert together == apart, "the batch size does not change the grouping"
    assert together[2] != together[0], "the original's story closed a month earlier"


def test_a_copy_follows_an_original_of_its_batch_older_than_the_batch_window() -> None:
    # the batch's newest article is three days on: its window leaves the original out of
    # the copy targets once it is grouped, but its copy, in the same batch, still follows it
    words = " ".join(f"w{n}" for n in range(60))
    batch = [
        Article(source="a", text=f"Dam opens\n{words}", published="2031-05-06"),
        Article(source="c", text=f"Wire: Dam opens\n{words}", published="2031-05-06"),
        Article(source="f", text="Ferry strike\n" + "x " * 40, published="2031-05-09"),
    ]
    given = [features(1, 0, day=DAY), features(1, 0, day=DAY), features(0, 1, day=DAY + 3)]
    for forget in (False, True):
        clusterer = StoryClusterer(settings=plain(cluster_window_days=1), forget_closed=forget)
        got = clusterer.add(batch, features=given)
        assert [(a.story, a.duplicate_of) for a in got] == [("s1", None), ("s1", 0), ("s2", None)]


def test_copies_are_sought_among_the_articles_of_the_window_only() -> None:
    # an ongoing story stays open for weeks; its first article stops being a copy target
    # once the stream has moved a window past it, while the story still takes articles
    words = " ".join(f"w{n}" for n in range(60))
    stream = [
        ("first", f"Dam opens\n{words}", DAY),
        ("day 5", "Dam talks\n" + "a " * 40, DAY + 5),
        ("day 10", "Dam talks again\n" + "b " * 40, DAY + 10),
        ("copy day 10", f"Wire: Dam opens\n{words}", DAY + 10),
        ("copy day 11", f"Wire: Dam opens\n{words} more", DAY + 11),
    ]
    clusterer = StoryClusterer(settings=plain(cluster_window_days=7))
    got = [
        clusterer.add(
            [Article(source=source, text=text, published=dt.date.fromordinal(day).isoformat())],
            features=[features(1, 0, day=day)],
        )[0]
        for source, text, day in stream
    ]
    assert len({a.story for a in got}) == 1, "each article falls within the window of the last"
    assert got[3].duplicate_of is None, "the first article is ten days older than the copy"
    assert got[4].duplicate_of == 3, "a copy of the copy, a day later, is found"


def test_a_story_of_undated_articles_closes_once_the_stream_has_moved_on() -> None:
    # without dates, the articles that arrived since a story's last one stand in for time
    def run(window: int) -> tuple[list[str], list[str]]:
        clusterer = StoryClusterer(settings=plain(cluster_window_articles=window))
        got = [a.story for a in clusterer.add_features([features(1, 0, day=None)])]
        got += [a.story for a in clusterer.add_features([features(0, 1, day=None)] * 3)]
        got += [a.story for a in clusterer.add_features([features(1, 0.1, day=None)])]
        return got, clusterer.take_closed()

    stories, closed = run(window=3)
    assert stories == ["s1", "s2", "s2", "s2", "s3"], "s1 took none of the last three articles"
    assert closed == ["s1"], "s1 is handed over as final; s2 took the last three"
    stories, closed = run(window=4)
    assert stories == ["s1", "s2", "s2", "s2", "s1"]
    assert closed == []


def test_an_undated_article_stops_being_a_copy_target_after_the_window() -> None:
    words = " ".join(f"w{n}" for n in range(60))

    def copy_found(window: int) -> bool:
        clusterer = StoryClusterer(settings=plain(cluster_window_articles=window))
        stream = [("original", f"Dam opens\n{words}", features(1, 0, day=None))]
        stream += [
            (f"other {n}", f"Ferry {n}\n" + f"x{n} " * 40, features(0, 1, day=None))
            for n in range(3)
        ]
        stream += [("copy", f"Wire: Dam opens\n{words}", features(1, 0, day=None))]
        got = [clusterer.add([Article(source=s, text=t)], features=[f])[0] for s, t, f in stream]
        return got[-1].duplicate_of == 0

    assert copy_found(window=4)
    assert not copy_found(window=3), "three articles came between the original and its copy"
