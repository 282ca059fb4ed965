"""Wire copies are found through a new headline, a trailer and changed punctuation."""

from __future__ import annotations

from rashomon.article import Article
from rashomon.clustering import find_duplicates
from rashomon.clustering.duplicates import normalised_words, shingles
from rashomon.settings import Settings


def test_republished_wire_story_is_one_group(articles: dict[str, Article]) -> None:
    order = ["vote", "wire", "follow", "copy", "final"]
    groups = find_duplicates([articles[k] for k in order])
    assert [g.members for g in groups] == [(1, 3)]
    assert 0.7 <= groups[0].similarity <= 1.0


def test_same_event_in_other_words_is_not_a_copy(articles: dict[str, Article]) -> None:
    assert find_duplicates([articles["wire"], articles["follow"]]) == []
    assert find_duplicates([articles["vote"], articles["vote2"]]) == []


def test_threshold_setting_decides_what_counts_as_a_copy(articles: dict[str, Article]) -> None:
    wire = articles["wire"]
    half = Article(source="half.txt", text=wire.text[: len(wire.text) // 2])
    assert find_duplicates([wire, half]) == []
    loose = Settings(duplicate_threshold=0.3)
    assert [g.members for g in find_duplicates([wire, half], settings=loose)] == [(0, 1)]


def test_words_are_folded_for_case_accents_and_punctuation() -> None:
    assert normalised_words("Élysée, said: “NO”!") == ["elysee", "said", "no"]
    assert shingles("A b c", 5) == {"a b c"}
    assert shingles("", 5) == set()


def test_empty_articles_are_never_copies_of_each_other() -> None:
    empty = [Article(source=f"{i}.txt", text=" \n") for i in range(3)]
    assert find_duplicates(empty) == []
