"""Searching the quotes of stored reports by speaker and words."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

from rashomon.article import Article
from rashomon.store import open_store, schema
from rashomon.store.engine import database_url
from rashomon.story.model import Actor, Document, QuoteRecord, StoryReport

LAKE = (
    "Lake ferry to run again\n"
    'VELDMOOR - "The ferry will certainly sail on Sunday," Hélène Brandt said. '
    '"Nobody asked the crews," said Piet Olsen.'
)
HILL = (
    "Ferry back on Sunday\n"
    'Mayor Hélène Brandt said the ferry "may sail" on Sunday. 100% of the crews agreed.'
)


def article(source: str, body: str, outlet: str) -> Article:
    return Article(source=source, text=body, title=body.splitlines()[0], outlet=outlet)


def quote(qid: str, doc: str, body: str, words: str, speaker: str, kind: str) -> QuoteRecord:
    start = body.index(words)
    return QuoteRecord(qid, doc, kind, words, start, start + len(words), speaker=speaker)


def report_of(lake: Article, hill: Article, *, extra: str = "") -> StoryReport:
    documents = [
        Document("d1", lake.source, lake.text, title=lake.title, outlet=lake.outlet),
        Document("d2", hill.source, hill.text, title=hill.title, outlet=hill.outlet),
    ]
    actors = [
        Actor("a1", "Hélène Brandt", aliases=["Brandt", "the mayor"], kind="person"),
        Actor("a2", "Piet Olsen", kind="person"),
    ]
    quotes = [
        quote("q1", "d1", LAKE, "The ferry will certainly sail on Sunday", "a1", "direct"),
        quote("q2", "d1", LAKE, "Nobody asked the crews", "a2", "direct"),
        quote("q3", "d2", HILL, "may sail", "a1", "partial"),
    ]
    if extra:
        quotes.append(quote("q4", "d2", HILL, extra, "a1", "indirect"))
    return StoryReport(documents=documents, actors=actors, quotes=quotes)


def test_quotes_are_found_by_speaker_alias_and_words_ignoring_case_and_accents(
    db: str,
) -> None:
    lake, hill = article("lake.txt", LAKE, "Lake Post"), article("hill.txt", HILL, "Hill News")
    with open_store(db) as store:
        ids = [r.id for r in store.add_articles([lake, hill])]
        story = store.save_story(ids, title="Ferry")
        report_id = store.save_report(report_of(lake, hill), story_id=story)

        by_alias = store.search_quotes(speaker="the MAYOR")
        assert [q.text for q in by_alias] == [
            "The ferry will certainly sail on Sunday",
            "may sail",
        ]
        assert {q.speaker for q in by_alias} == {"Hélène Brandt"}
        assert [q.article_id for q in by_alias] == ids  # linked to the stored articles
        assert {(q.report_id, q.story_id) for q in by_alias} == {(report_id, story)}

        assert [q.quote for q in store.search_quotes(speaker="helene", words="SUNDAY")] == ["q1"]
        assert [q.outlet for q in store.search_quotes(words="crews")] == ["Lake Post"]
        assert store.search_quotes(speaker="olsen", words="ferry") == []
        assert len(store.search_quotes()) == 3
        assert len(store.search_quotes(limit=2)) == 2


def test_like_wildcards_in_a_search_are_plain_characters(db: str) -> None:
    lake, hill = article("lake.txt", LAKE, "Lake Post"), article("hill.txt", HILL, "Hill News")
    with open_store(db) as store:
        store.save_report(report_of(lake, hill, extra="100% of the crews agreed"))
        assert [q.quote for q in store.search_quotes(words="100%")] == ["q4"]
        assert store.search_quotes(words="%") != store.search_quotes()
        assert store.search_quotes(words="n_body") == []


def test_only_the_latest_report_of_a_story_is_searched(db: str) -> None:
    lake, hill = article("lake.txt", LAKE, "Lake Post"), article("hill.txt", HILL, "Hill News")
    with open_store(db) as store:
        story = store.save_story([], title="Ferry")
        store.save_report(report_of(lake, hill), story_id=story)
        newer = store.save_report(
            report_of(lake, hill, extra="100% of the crews agreed"), story_id=story
        )
        found = store.search_quotes(story_id=story)
        assert {q.report_id for q in found} == {newer}
        assert len(found) == 4
        # Articles not in the store: the quotes are still found, without an article link.
        assert {q.article_id for q in found} == {None}


def test_reports_stored_before_the_quotes_table_become_searchable(tmp_path: Path) -> None:
    """A store at schema version 1 (before quote search) gets its reports indexed on open."""
    path = tmp_path / "old.db"
    lake, hill = article("lake.txt", LAKE, "Lake Post"), article("hill.txt", HILL, "Hill News")
    with open_store(path) as store:
        story = store.save_story([store.add_article(lake).id], title="Ferry")
        store.save_report(report_of(lake, hill), story_id=story)
    engine = create_engine(database_url(str(path)))
    with engine.begin() as conn:  # what a version-1 store looks like
        conn.execute(text("DROP TABLE quotes"))
        conn.execute(text("DELETE FROM schema_version WHERE version > 1"))
    engine.dispose()

    with open_store(path) as store:
        found = store.search_quotes(speaker="brandt")
        assert [q.text for q in found] == ["The ferry will certainly sail on Sunday", "may sail"]
        assert found[0].article_id is not None and found[1].article_id is None
    engine = create_engine(database_url(str(path)))
    with engine.begin() as conn:  # quote search came in as step 2, applied on that open
        versions = conn.execute(text("SELECT version FROM schema_version")).scalars().all()
    engine.dispose()
    assert 2 in versions and max(versions) == schema.SCHEMA_VERSION
