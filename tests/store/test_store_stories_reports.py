"""Stories, reports and analyses in the store: saved, replaced and read back whole."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rashomon.analysis.model import ArticleAnalysis, Entity, LocalActor, Mention, Quote
from rashomon.article import Article, Span
from rashomon.errors import StoreError
from rashomon.store import open_store
from rashomon.story.model import (
    Actor,
    Document,
    Member,
    QuoteRecord,
    SpeakerMention,
    StoryReport,
    Unit,
    Variant,
)


def _report() -> StoryReport:
    text = 'Ole Brekke said: "We will decide together."'
    return StoryReport(
        documents=[
            Document(
                id="d1",
                source="ferry-1.txt",
                title="Ferry crews vote",
                outlet="NPA",
                published="2024-06-03",
                place="BERGVIK",
                language="en",
                text=text,
            )
        ],
        actors=[Actor(id="a1", name="Ole Brekke", aliases=["Brekke"], kind="person")],
        quotes=[
            QuoteRecord(
                id="q1",
                doc="d1",
                kind="direct",
                text="We will decide together.",
                start=18,
                end=42,
                speaker="a1",
                speaker_mention=SpeakerMention(start=0, end=10, text="Ole Brekke"),
                cue="said",
            )
        ],
        units=[
            Unit(
                id="u1",
                speaker="a1",
                members=[
                    Member(doc="d1", text="We will decide together.", start=18, end=42, quote="q1")
                ],
                variants=[Variant(doc="d1", words=["will"], against="may", shift="modality")],
            )
        ],
        problems=["bad.txt: no such file"],
    )


def test_a_report_reads_back_equal_and_the_latest_one_wins(db: str) -> None:
    report = _report()
    with open_store(db) as store:
        story = store.save_story([])
        first = store.save_report(report, story_id=story)
        assert store.load_report(first) == report
        newer = _report()
        newer.problems = []
        store.save_report(newer, story_id=story)
        assert store.latest_report(story) == newer
        assert store.load_report(first + 1000) is None
        assert store.latest_report(story + 1000) is None


def test_a_story_keeps_its_members_and_can_be_replaced(
    db: str, make_article: Callable[..., Article]
) -> None:
    with open_store(db) as store:
        ids = [r.id for r in store.add_articles([make_article(n) for n in (1, 2, 3)])]
        story = store.save_story(
            [ids[1], ids[0]], title="Ferry strike", window=("2024-06-01", "2024-06-03")
        )
        other = store.save_story([ids[2]], title="Fares")
        saved = store.get_story(story)
        assert saved is not None
        assert saved.article_ids == (ids[0], ids[1])
        assert (saved.title, saved.window_start, saved.window_end) == (
            "Ferry strike",
            "2024-06-01",
            "2024-06-03",
        )
        store.save_story(ids, title="Ferry strike, day 2", story_id=story)
        updated = store.get_story(story)
        assert updated is not None and updated.article_ids == tuple(ids)
        assert updated.window_start is None
        # The most recently updated story comes first.
        assert [s.id for s in store.list_stories()] == [story, other]
        assert store.stories_of_article(ids[2]) == sorted([story, other])
        with pytest.raises(StoreError, match="no story"):
            store.save_story([], story_id=story + 1000)


def test_an_analysis_reads_back_equal_with_its_article(
    db: str, make_article: Callable[..., Article]
) -> None:
    article = make_article(1)
    speaker = Mention(start=130, end=140, text="Ole Brekke")
    analysis = ArticleAnalysis(
        article=article,
        sentences=(Span(0, 30), Span(32, 140)),
        paragraphs=(Span(0, 30), Span(32, 140)),
        entities=(Entity(130, 140, "Ole Brekke", "PERSON"), Entity(44, 51, "Bergvik", "GPE")),
        quotes=(
            Quote(
                kind="direct",
                start=100,
                end=124,
                text="We will decide together.",
                speaker="p1",
                speaker_mention=speaker,
                cue="said",
                cue_span=Span(125, 129),
            ),
            Quote(kind="indirect", start=40, end=90, text="crews voted"),
        ),
        actors=(
            LocalActor(
                id="p1",
                name="Ole Brekke",
                kind="person",
                aliases=["Brekke"],
                mentions=[speaker],
                roles=["union leader"],
            ),
        ),
    )
    with open_store(db) as store:
        article_id = store.add_article(article).id
        other_id = store.add_article(make_article(2)).id
        assert store.unanalysed_article_ids() == [article_id, other_id]
        store.save_analysis(article_id, analysis, producer="en_core_web_sm 3.8.0")
        assert store.unanalysed_article_ids() == [other_id]
        loaded = store.load_analysis(article_id)
        assert loaded == (analysis, "en_core_web_sm 3.8.0")
        # Saving again replaces the analysis.
        store.save_analysis(article_id, analysis, producer="en_core_web_sm 3.8.1")
        again = store.load_analysis(article_id)
        assert again is not None and again[1] == "en_core_web_sm 3.8.1"
        assert store.load_analysis(other_id) is None


def test_stories_are_fetched_by_id_newest_first(db: str) -> None:
    with open_store(db) as store:
        first = store.save_story([], title="first")
        second = store.save_story([], title="second")
        store.save_story([], title="third")
        assert [s.title for s in store.get_stories([first, second, 999])] == ["second", "first"]
        assert store.get_stories([]) == []
