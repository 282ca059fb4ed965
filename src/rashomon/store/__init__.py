"""The store: articles, analyses, stories and reports in a SQLite file or PostgreSQL.

::

    store = open_store("rashomon.db")            # or "postgresql://user@host/news"
    summary = ingest_sources(store, ["feeds/", "crawl.warc.gz"])
    result = store.add_article(article)          # AddResult(id, added); same content: no-op
    store.save_report(report, story_id=story)
    store.search_quotes(speaker="moreau", words="likely")   # StoredQuote rows

SQLite (the default, ``RASHOMON_DB``) runs in WAL mode: a reader opened with
``open_store(db, read_only=True)`` keeps reading while an ingest writes. The schema migrates
itself on open (``schema_version`` table). Database errors come out as ``StoreError``.
"""

from __future__ import annotations

from rashomon.store.codec import content_hash
from rashomon.store.ingest import IngestSummary, ingest_sources
from rashomon.store.quotes import StoredQuote
from rashomon.store.store import AddResult, Store, StoredArticle, StoredStory, open_store

__all__ = [
    "AddResult",
    "IngestSummary",
    "Store",
    "StoredArticle",
    "StoredQuote",
    "StoredStory",
    "content_hash",
    "ingest_sources",
    "open_store",
]
