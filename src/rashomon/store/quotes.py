"""The quotes of stored reports as rows, so they can be searched by speaker and words.

A report's quotes are copied into the ``quotes`` table when it is saved (the report itself
stays the whole truth, in ``reports``). Only the latest report of a story is searched:
saving a newer one replaces the rows of the older ones.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, select

from rashomon.article import Article
from rashomon.store import schema
from rashomon.store.codec import content_hash
from rashomon.story.model import StoryReport


@dataclass(frozen=True)
class StoredQuote:
    """A quote found by :meth:`Store.search_quotes`, with where it was said and reported."""

    report_id: int
    story_id: int | None
    #: The stored article it comes from (None when the article is not in the store).
    article_id: int | None
    #: Ids inside the report: the quote ("q3") and its document ("d1").
    quote: str
    doc: str
    kind: str
    text: str
    speaker: str | None
    outlet: str | None
    title: str | None
    published: str | None


def fold(text: str) -> str:
    """``text`` as searched: case-folded, accents dropped ("Hélène" and "helene" match)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def document_hashes(report: StoryReport) -> dict[str, str]:
    """Document id -> the content hash its article is stored under."""
    return {
        d.id: content_hash(Article(source=d.source, text=d.text, title=d.title, outlet=d.outlet))
        for d in report.documents
    }


def quote_rows(
    report: StoryReport,
    *,
    report_id: int,
    story_id: int | None,
    article_ids: Mapping[str, int],
) -> list[dict[str, Any]]:
    """The ``quotes`` rows of a report; ``article_ids`` maps document ids to stored articles."""
    docs = {d.id: d for d in report.documents}
    actors = {a.id: a for a in report.actors}
    rows = []
    for q in report.quotes:
        doc = docs.get(q.doc)
        actor = actors.get(q.speaker or "")
        names = [actor.name, *actor.aliases] if actor else []
        rows.append(
            {
                "report_id": report_id,
                "story_id": story_id,
                "article_id": article_ids.get(q.doc),
                "quote": q.id,
                "doc": q.doc,
                "kind": q.kind,
                "text": q.text,
                "speaker": actor.name if actor else None,
                "outlet": doc.outlet if doc else None,
                "title": doc.title if doc else None,
                "published": doc.published if doc else None,
                "search_text": fold(q.text),
                "search_speaker": fold("\n".join(names)),
            }
        )
    return rows


def index_quotes(
    conn: Connection, report: StoryReport, *, report_id: int, story_id: int | None
) -> None:
    """Write the ``quotes`` rows of a saved report; for a story, they replace the rows of its
    earlier reports (only the latest report of a story is searched)."""
    hashes = document_hashes(report)
    articles = schema.articles
    found = conn.execute(
        select(articles.c.content_hash, articles.c.id).where(
            articles.c.content_hash.in_(sorted(set(hashes.values())))
        )
    )
    by_hash = {row.content_hash: int(row.id) for row in found}
    article_ids = {doc: by_hash[h] for doc, h in hashes.items() if h in by_hash}
    if story_id is not None:
        conn.execute(delete(schema.quotes).where(schema.quotes.c.story_id == story_id))
    rows = quote_rows(report, report_id=report_id, story_id=story_id, article_ids=article_ids)
    if rows:
        conn.execute(schema.quotes.insert(), rows)


def stored_quote(row: Any) -> StoredQuote:
    return StoredQuote(
        report_id=int(row.report_id),
        story_id=None if row.story_id is None else int(row.story_id),
        article_id=None if row.article_id is None else int(row.article_id),
        quote=row.quote,
        doc=row.doc,
        kind=row.kind,
        text=row.text,
        speaker=row.speaker,
        outlet=row.outlet,
        title=row.title,
        published=row.published,
    )
