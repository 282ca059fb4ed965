"""The store's tables as the code queries them (the current schema version).

``migrations.py`` builds these tables step by step; a test checks that a freshly migrated
database has exactly these tables and columns, so the two cannot drift apart.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB

#: Version the code expects; ``migrations.MIGRATIONS`` ends at it.
SCHEMA_VERSION = 3

#: JSON in SQLite (text), JSONB in PostgreSQL (indexable, compact).
Json = JSON().with_variant(JSONB(), "postgresql")
#: Autoincrementing 64-bit ids in PostgreSQL; SQLite only autoincrements an INTEGER key.
Id = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", Text, nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Id, primary_key=True),
    # sha256 of outlet, title and text: the same report ingested twice is one row.
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("outlet", Text),
    Column("title", Text),
    # ISO date "YYYY-MM-DD" (or "--MM-DD" when a dateline gave no year), as in Article.
    Column("published", String(32)),
    Column("language", String(16), nullable=False),
    Column("url", Text),
    Column("place", Text),
    Column("text", Text, nullable=False),
    # title_span, excluded ranges and warnings: what rebuilds the exact Article.
    Column("meta", Json, nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
)
Index("ix_articles_published", articles.c.published)
Index("ix_articles_outlet", articles.c.outlet)

analyses = Table(
    "analyses",
    metadata,
    Column(
        "article_id",
        Id,
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    # What produced the analysis (e.g. the spaCy pipeline), so stale ones can be redone.
    Column("producer", Text, nullable=False),
    Column("data", Json, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

stories = Table(
    "stories",
    metadata,
    Column("id", Id, primary_key=True),
    Column("title", Text),
    # ISO dates or timestamps bounding the members' publication times.
    Column("window_start", String(32)),
    Column("window_end", String(32)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("story_id", Id, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", Id, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
)
Index("ix_story_articles_article", story_articles.c.article_id)

reports = Table(
    "reports",
    metadata,
    Column("id", Id, primary_key=True),
    Column("story_id", Id, ForeignKey("stories.id", ondelete="CASCADE")),
    # The report's own schema name ("rashomon.report/1"), so old reports stay readable.
    Column("schema", String(64), nullable=False),
    Column("data", Json, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
Index("ix_reports_story", reports.c.story_id)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Id, primary_key=True),
    Column("report_id", Id, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("story_id", Id, ForeignKey("stories.id", ondelete="CASCADE")),
    # The stored article the quote was found in (matched by content hash), if it is stored.
    Column("article_id", Id, ForeignKey("articles.id", ondelete="SET NULL")),
    # The quote's id and document in the report ("q3", "d1").
    Column("quote", String(32), nullable=False),
    Column("doc", String(32), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("speaker", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("published", String(32)),
    # Case- and accent-folded copies searched with LIKE, the same on SQLite and PostgreSQL
    # (SQLite's LIKE folds ASCII only, PostgreSQL's not at all); the speaker's with aliases.
    Column("search_text", Text, nullable=False),
    Column("search_speaker", Text, nullable=False),
)
Index("ix_quotes_report", quotes.c.report_id)
Index("ix_quotes_story", quotes.c.story_id)

features = Table(
    "features",
    metadata,
    Column(
        "article_id",
        Id,
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    # What computed them (embedder, entity pass, version): features of another are redone.
    Column("producer", Text, nullable=False),
    # The article's embedding, float32 little-endian; the other fields as JSON.
    Column("vector", LargeBinary, nullable=False),
    Column("data", Json, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
