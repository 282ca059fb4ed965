"""The stories a store holds, as ``rashomon stories --db`` lists them: JSON-ready dicts (schema
``rashomon.stored-stories/1``) and plain text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rashomon.store.store import Store, StoredArticle, StoredStory

SCHEMA = "rashomon.stored-stories/1"


@dataclass(frozen=True)
class StoryListing:
    """One stored story with its articles, and whether a report of it is stored."""

    story: StoredStory
    articles: list[StoredArticle]
    reported: bool


def list_stored_stories(store: Store, *, limit: int = 50) -> list[StoryListing]:
    """The ``limit`` most recently updated stories of ``store``, with their articles."""
    return [
        StoryListing(
            story=story,
            articles=store.get_articles(story.article_ids),
            reported=store.latest_report_at(story.id) is not None,
        )
        for story in store.list_stories(limit=limit)
    ]


def listing_to_dict(listings: Sequence[StoryListing], *, where: str) -> dict[str, Any]:
    """Each story with its window, its articles' ids, sources, outlets, titles and dates."""
    return {
        "schema": SCHEMA,
        "store": where,
        "stories": [
            {
                "id": item.story.id,
                "title": item.story.title,
                "first_day": item.story.window_start,
                "last_day": item.story.window_end,
                "updated_at": item.story.updated_at.isoformat(),
                "report": item.reported,
                "articles": [
                    {
                        "id": stored.id,
                        "source": stored.article.source,
                        "title": stored.article.title,
                        "outlet": stored.article.outlet,
                        "published": stored.article.published,
                        "url": stored.article.url,
                    }
                    for stored in item.articles
                ],
            }
            for item in listings
        ],
    }


def render_listing(listings: Sequence[StoryListing], *, where: str) -> str:
    """A readable listing: a line per story, then a line per article."""
    lines = [f"{len(listings)} stories in {where}, the most recently updated first"]
    for item in listings:
        story = item.story
        first, last = story.window_start, story.window_end
        days = f" ({first}{f' to {last}' if last and last != first else ''})" if first else ""
        report = "report stored" if item.reported else "no report"
        count = len(story.article_ids)
        articles = f"{count} article{'' if count == 1 else 's'}"
        title = story.title or "(no title)"
        lines.append(f"\nstory {story.id}: {title}{days}; {articles}, {report}")
        for stored in item.articles:
            a = stored.article
            meta = ", ".join(x for x in (a.outlet, a.published) if x)
            lines.append(f"  {a.title or '(no title)'}{f' [{meta}]' if meta else ''}  {a.source}")
    if listings:
        lines.append("\nrashomon stories --db ... --story ID shows a story's report")
    return "\n".join(lines)
