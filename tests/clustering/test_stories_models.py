"""Story clustering end to end with the real MiniLM and spaCy models."""

from __future__ import annotations

import pytest

from rashomon.article import Article
from rashomon.clustering import StoryClusterer, cluster_stories
from rashomon.settings import Settings

pytestmark = pytest.mark.slow

ORDER = ["wire", "copy", "follow", "vote", "vote2", "final"]


def test_three_events_become_three_stories(articles: dict[str, Article]) -> None:
    result = cluster_stories([articles[k] for k in ORDER])
    assert sorted(s.members for s in result.stories) == [(0, 1, 2), (3, 4), (5,)]
    port = next(s for s in result.stories if 0 in s.members)
    assert (port.first_day, port.last_day) == ("2031-05-06", "2031-05-09")
    assert "port elsin" in port.entities
    assert [g.members for g in result.duplicates] == [(0, 1)]


def test_follow_up_after_the_window_is_a_new_story_of_the_same_topic(
    articles: dict[str, Article],
) -> None:
    result = cluster_stories([articles[k] for k in ORDER], settings=Settings(cluster_window_days=1))
    port = [s for s in result.stories if s.members[0] in (0, 2)]
    assert sorted(s.members for s in port) == [(0, 1), (2,)]
    assert port[0].topic == port[1].topic
    others = {s.topic for s in result.stories if s not in port}
    assert port[0].topic not in others


def test_wire_copy_joins_its_original_story_across_batches(
    articles: dict[str, Article],
) -> None:
    clusterer = StoryClusterer()
    first = clusterer.add([articles["wire"], articles["vote"]])
    second = clusterer.add([articles["final"], articles["copy"]])
    assert second[1].story == first[0].story
    assert second[1].duplicate_of == 0
    assert second[0].duplicate_of is None and second[0].story not in {a.story for a in first}


def test_order_of_the_input_does_not_change_the_grouping(articles: dict[str, Article]) -> None:
    shuffled = ["final", "vote2", "copy", "follow", "vote", "wire"]
    result = cluster_stories([articles[k] for k in shuffled])
    groups = sorted(tuple(sorted(shuffled[i] for i in s.members)) for s in result.stories)
    assert groups == [("copy", "follow", "wire"), ("final",), ("vote", "vote2")]


QUAKES = [
    Article(
        source="quake-north.txt",
        title="Strong earthquake shakes Dravik, dozens of houses collapse",
        text="Strong earthquake shakes Dravik, dozens of houses collapse\n"
        "A magnitude 6.1 earthquake struck the mountain town of Dravik before dawn on Monday, "
        "collapsing dozens of houses and injuring at least 40 people. Rescue teams searched "
        "the rubble for survivors as aftershocks rattled the valley. Mayor Petra Holm said the "
        "old town's stone houses had suffered most.",
        published="2031-03-02",
    ),
    Article(
        source="quake-south.txt",
        title="Quake hits Lisker coast; hospital damaged",
        text="Quake hits Lisker coast; hospital damaged\n"
        "An earthquake of magnitude 5.8 hit the coastal province of Lisker on Thursday, "
        "damaging the main hospital and cutting power to thousands of homes. Rescuers pulled "
        "two people from a collapsed warehouse. Governor Amos Reyl asked residents to stay "
        "outdoors because of aftershocks.",
        published="2031-09-18",
    ),
]


def test_ledes_name_the_kind_of_event_in_nouns_without_names_numbers_or_verbs() -> None:
    from rashomon.clustering.features import extract_terms

    [terms] = extract_terms([f"{QUAKES[0].title}. {QUAKES[0].text}"], settings=Settings())
    assert {"earthquake", "house", "rescue", "aftershock", "magnitude"} <= set(terms)
    assert not {"dravik", "petra", "holm", "monday", "6.1", "the", "at"} & set(terms)
    # verbs ("strike", "collapse", "injure") are shared by every kind of disaster
    assert not {"strike", "shake", "collapse", "injure", "search", "suffer"} & set(terms)


def test_two_earthquakes_are_two_stories_of_one_topic(articles: dict[str, Article]) -> None:
    batch = [*QUAKES, *(articles[k] for k in ORDER)]
    result = cluster_stories(batch)
    quakes = [next(s for s in result.stories if i in s.members) for i in (0, 1)]
    assert quakes[0].id != quakes[1].id
    assert quakes[0].topic == quakes[1].topic
    # the crane collapse also has a "collapse" and injured people, but is no earthquake
    others = {s.topic for s in result.stories if s not in quakes}
    assert quakes[0].topic not in others
