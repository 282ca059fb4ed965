"""Stories as JSON-ready dicts (schema ``rashomon.stories/1``) and as plain text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rashomon.article import Article
from rashomon.clustering.stories import StoryClustering

SCHEMA = "rashomon.stories/1"


def stories_to_dict(
    articles: Sequence[Article], clustering: StoryClustering, *, problems: Sequence[str] = ()
) -> dict[str, Any]:
    """Each story with its articles' sources, titles, outlets and dates, plus duplicate groups."""

    def describe(i: int) -> dict[str, Any]:
        a = articles[i]
        return {
            "source": a.source,
            "title": a.title,
            "outlet": a.outlet,
            "published": a.published,
            "url": a.url,
        }

    return {
        "schema": SCHEMA,
        "stories": [
            {
                "id": s.id,
                "topic": s.topic,
                "first_day": s.first_day,
                "last_day": s.last_day,
                "entities": list(s.entities),
                "articles": [describe(i) for i in s.members],
            }
            for s in clustering.stories
        ],
        "duplicates": [
            {"similarity": g.similarity, "articles": [articles[i].source for i in g.members]}
            for g in clustering.duplicates
        ],
        "problems": list(problems),
    }


def render_stories(articles: Sequence[Article], clustering: StoryClustering) -> str:
    """A readable listing: stories grouped by topic, one line per article, then copies."""
    lines = [f"{len(clustering.stories)} stories from {len(articles)} articles"]
    topic = None
    for s in sorted(clustering.stories, key=lambda s: (int(s.topic[1:]), int(s.id[1:]))):
        if s.topic != topic:
            topic = s.topic
            lines.append(f"\ntopic {topic}")
        days = s.first_day if s.first_day == s.last_day else f"{s.first_day} to {s.last_day}"
        about = f" — {', '.join(s.entities[:3])}" if s.entities else ""
        when = f" ({days})" if s.first_day else ""
        lines.append(f"  story {s.id}: {len(s.members)} articles{when}{about}")
        for i in s.members:
            a = articles[i]
            meta = ", ".join(x for x in (a.outlet, a.published) if x)
            lines.append(f"    {a.title or '(no title)'}{f' [{meta}]' if meta else ''}  {a.source}")
    if clustering.duplicates:
        lines.append("\ncopies of one text (near-duplicates)")
        for g in clustering.duplicates:
            sources = ", ".join(articles[i].source for i in g.members)
            lines.append(f"  {g.similarity:.2f}: {sources}")
    return "\n".join(lines)
