"""Articles in the store: stored once by content, read back exactly, listed and searched."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rashomon.article import Article, Excluded, Span
from rashomon.errors import StoreError
from rashomon.store import content_hash, open_store


def test_adding_the_same_content_twice_keeps_one_row_and_returns_its_id(
    db: str, make_article: Callable[..., Article]
) -> None:
    with open_store(db) as store:
        first = store.add_article(make_article(1))
        again = store.add_article(make_article(1, source="copy-of-ferry-1.txt"))
        assert first.added and not again.added
        assert again.id == first.id
        assert store.count_articles() == 1
        # The row keeps the source it was first stored from.
        stored = store.get_article(first.id)
        assert stored is not None and stored.article.source == "ferry-1.txt"


def test_article_reads_back_exactly_as_stored(db: str) -> None:
    text = "Grève à Bergvik\n\nMenu Accueil\n\n« C'est juste », dit Ingrid Dahl. 😀 Ω"
    article = Article(
        source="/data/feeds/bergvik.xml#3",
        text=text,
        title="Grève à Bergvik",
        title_span=Span(0, 15),
        outlet="Bergvik Herald",
        published="--05-12",
        place="BERGVIK",
        url="https://herald.example/greve",
        language="fr",
        excluded=(Excluded(17, 29, "navigation"),),
        warnings=("language looks like 'fr'; analysis models are English",),
    )
    with open_store(db) as store:
        result = store.add_article(article)
        stored = store.get_article(result.id)
    assert stored is not None
    assert stored.article == article
    assert stored.content_hash == content_hash(article)
    assert stored.added_at.tzinfo is not None


def test_a_wire_story_carried_by_two_outlets_is_two_articles(
    db: str, make_article: Callable[..., Article]
) -> None:
    with open_store(db) as store:
        a = store.add_article(make_article(1, outlet="Bergvik Herald"))
        b = store.add_article(make_article(1, outlet="Coastal Times"))
        assert a.added and b.added and a.id != b.id


def test_a_batch_with_repeats_and_stored_articles_adds_only_new_ones(
    db: str, make_article: Callable[..., Article]
) -> None:
    with open_store(db) as store:
        old = store.add_article(make_article(1))
        results = store.add_articles(
            [make_article(1), make_article(2), make_article(2), make_article(3)]
        )
        assert [r.added for r in results] == [False, True, False, True]
        assert results[0].id == old.id
        assert results[1].id == results[2].id
        assert store.count_articles() == 3


def test_list_filters_by_outlet_and_date_and_pages(
    db: str, make_article: Callable[..., Article]
) -> None:
    with open_store(db) as store:
        store.add_articles(
            [
                make_article(1, outlet="NPA", published="2024-06-01"),
                make_article(2, outlet="Coastal Times", published="2024-06-02"),
                make_article(3, outlet="NPA", published="2024-06-03"),
            ]
        )
        assert [s.article.source for s in store.list_articles(outlet="NPA")] == [
            "ferry-1.txt",
            "ferry-3.txt",
        ]
        in_range = store.list_articles(since="2024-06-02", until="2024-06-03")
        assert [s.article.published for s in in_range] == ["2024-06-02", "2024-06-03"]
        assert [s.article.source for s in store.list_articles(limit=1, offset=1)] == ["ferry-2.txt"]


def test_iterating_pages_through_every_article_once(
    db: str, make_article: Callable[..., Article]
) -> None:
    with open_store(db) as store:
        store.add_articles([make_article(n) for n in range(1, 24)])
        seen = [s.article.source for s in store.iter_articles(batch_size=5)]
    assert seen == [f"ferry-{n}.txt" for n in range(1, 24)]


def test_search_is_case_insensitive_and_takes_wildcards_literally(
    db: str, make_article: Callable[..., Article]
) -> None:
    with open_store(db) as store:
        store.add_article(make_article(1))
        store.add_article(make_article(2, text="Fares rise 50% on the ferry, said Ole Brekke."))
        assert [s.article.source for s in store.search_articles("OLE BREKKE")] == [
            "ferry-2.txt",
            "ferry-1.txt",
        ]
        assert [s.article.source for s in store.search_articles("50%")] == ["ferry-2.txt"]
        assert store.search_articles("5_%") == []


def test_get_articles_keeps_the_order_asked_for(
    db: str, make_article: Callable[..., Article]
) -> None:
    with open_store(db) as store:
        ids = [r.id for r in store.add_articles([make_article(n) for n in (1, 2, 3)])]
        got = store.get_articles([ids[2], 999_999, ids[0]])
        assert [s.id for s in got] == [ids[2], ids[0]]
        assert store.get_article(999_999) is None
        assert store.find_article(make_article(2)) == ids[1]
        assert store.find_article(make_article(9)) is None


def test_a_read_only_store_reads_but_refuses_to_write(
    db: str, make_article: Callable[..., Article]
) -> None:
    with open_store(db) as store:
        store.add_article(make_article(1))
    with open_store(db, read_only=True) as reader:
        assert reader.count_articles() == 1
        with pytest.raises(StoreError, match="read-only"):
            reader.add_article(make_article(2))
    with open_store(db) as store:
        assert store.count_articles() == 1
