"""Wire copies are found through a new headline, a trailer and changed punctuation."""

from __future__ import annotations

import random
import unicodedata

from rashomon.article import Article
from rashomon.clustering import find_duplicates
from rashomon.clustering.duplicates import find_duplicate_texts, normalised_words, shingles
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


def test_copies_just_above_the_threshold_are_found_not_half_of_them() -> None:
    # 40 invented texts, each copied with one passage of 29 words rewritten: about 0.8 of
    # their 5-word shingles shared, above the 0.7 threshold
    rng = random.Random(7)
    texts, pairs = [], []
    for _ in range(40):
        words = [f"w{rng.randrange(100_000)}" for _ in range(300)]
        start = rng.randrange(0, 300 - 29)
        copy = words[:start] + [f"x{rng.randrange(100_000)}" for _ in range(29)]
        copy += words[start + 29 :]
        pairs.append((len(texts), len(texts) + 1))
        texts += [" ".join(words), " ".join(copy)]
    similar = [
        len(shingles(texts[a], 5) & shingles(texts[b], 5))
        / len(shingles(texts[a], 5) | shingles(texts[b], 5))
        for a, b in pairs
    ]
    assert min(similar) > 0.75

    groups = find_duplicate_texts(texts, threshold=0.7, shingle_size=5)

    found = {g.members for g in groups}
    assert len(found & set(pairs)) >= 38, "LSH offers nearly every pair above the threshold"
    assert all(len(g.members) == 2 for g in groups), "unrelated texts are never joined"


def test_accents_fold_alike_whether_composed_or_decomposed() -> None:
    composed = unicodedata.normalize("NFC", "Le résumé du café à Zürich")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert normalised_words(decomposed) == normalised_words(composed)
    assert normalised_words(composed) == ["le", "resume", "du", "cafe", "a", "zurich"]
