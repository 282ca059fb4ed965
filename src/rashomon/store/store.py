"""The store: articles, their analyses, stories and reports in SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Connection, Engine, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from rashomon.analysis.model import ArticleAnalysis
from rashomon.article import Article
from rashomon.errors import StoreError
from rashomon.settings import Settings, get_settings
from rashomon.store import schema
from rashomon.store.codec import (
    analysis_from_json,
    analysis_to_json,
    article_from_row,
    article_row,
    content_hash,
    features_from_row,
    features_to_row,
)
from rashomon.store.engine import (
    create_store_engine,
    database_url,
    display_url,
    translate_errors,
)
from rashomon.store.migrations import check_version, migrate
from rashomon.store.quotes import StoredQuote, fold, index_quotes, stored_quote
from rashomon.story.model import StoryReport

if TYPE_CHECKING:
    from rashomon.clustering.features import ArticleFeatures

#: Rows per ``IN (...)`` lookup: far below SQLite's and PostgreSQL's parameter limits.
_CHUNK = 500


class AddResult(NamedTuple):
    """Where an added article is stored, and whether this call stored it (False: already)."""

    id: int
    added: bool


@dataclass(frozen=True)
class StoredArticle:
    id: int
    content_hash: str
    article: Article
    added_at: datetime


@dataclass(frozen=True)
class StoredStory:
    id: int
    title: str | None
    window_start: str | None
    window_end: str | None
    article_ids: tuple[int, ...]
    updated_at: datetime


def open_store(
    db: str | Path | None = None, *, read_only: bool = False, settings: Settings | None = None
) -> Store:
    """Open (creating and migrating it when needed) the store at ``db``.

    ``db`` is a SQLite file path or a SQLAlchemy URL (``postgresql://user@host/name``);
    by default ``RASHOMON_DB``. ``read_only`` opens it for reading only (a web server next
    to a running ingest): nothing is created or migrated. Raises ``StoreError``.
    """
    if db is None:
        db = (settings or get_settings()).db
    url = database_url(db)
    where = display_url(url)
    engine = create_store_engine(url, read_only=read_only)
    try:
        with translate_errors(where):
            if read_only:
                with engine.connect() as conn:
                    check_version(conn, where)
            else:
                migrate(engine, where)
    except StoreError:
        engine.dispose()
        raise
    return Store(engine, where=where, read_only=read_only)


class Store:
    """Articles, analyses, stories and reports; open it with :func:`open_store`.

    Every method is one transaction; errors come out as ``StoreError``.
    """

    def __init__(self, engine: Engine, *, where: str, read_only: bool) -> None:
        self.engine = engine
        #: The store as shown to users (file path, or URL without the password).
        self.where = where
        self.read_only = read_only

    # -- life cycle ---------------------------------------------------------------------------
    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.where!r}{', read_only=True' if self.read_only else ''})"

    # -- articles -----------------------------------------------------------------------------
    def add_article(self, article: Article) -> AddResult:
        """Store ``article``; the same content stored before gives its id and ``added=False``."""
        return self.add_articles([article])[0]

    def add_articles(self, articles: Sequence[Article]) -> list[AddResult]:
        """Store many articles in one transaction (all or none), one result per article.

        Articles whose content hash is stored already, or repeated inside ``articles``, are
        not stored again.
        """
        if not articles:
            return []
        hashes = [content_hash(a) for a in articles]
        now = datetime.now(UTC)
        with self._write() as conn:
            ids = self._ids_of(conn, set(hashes))
            new: dict[str, dict[str, Any]] = {}
            for article, digest in zip(articles, hashes, strict=True):
                if digest not in ids and digest not in new:
                    new[digest] = {**article_row(article), "content_hash": digest, "added_at": now}
            if new:
                inserted = conn.execute(
                    self._insert_ignoring_duplicates(conn).returning(
                        schema.articles.c.id, schema.articles.c.content_hash
                    ),
                    list(new.values()),
                ).all()
                fresh = {row.content_hash: row.id for row in inserted}
                # Another writer may have stored some of them since the lookup above.
                ids.update(self._ids_of(conn, set(new) - set(fresh)))
            else:
                fresh = {}
            ids.update(fresh)
        results = []
        for digest in hashes:
            added = digest in fresh
            fresh.pop(digest, None)  # a repeat inside the same call is not "added" twice
            results.append(AddResult(ids[digest], added))
        return results

    def get_article(self, article_id: int) -> StoredArticle | None:
        with self._read() as conn:
            row = conn.execute(
                select(schema.articles).where(schema.articles.c.id == article_id)
            ).first()
        return _stored_article(row._mapping) if row else None

    def get_articles(self, article_ids: Iterable[int]) -> list[StoredArticle]:
        """The stored articles with these ids, in the order given (unknown ids left out)."""
        wanted = list(article_ids)
        found: dict[int, StoredArticle] = {}
        with self._read() as conn:
            for chunk in _chunks(sorted(set(wanted))):
                rows = conn.execute(select(schema.articles).where(schema.articles.c.id.in_(chunk)))
                for row in rows:
                    found[row.id] = _stored_article(row._mapping)
        return [found[i] for i in wanted if i in found]

    def find_article(self, article: Article) -> int | None:
        """The id under which this content is stored, if it is."""
        with self._read() as conn:
            return self._ids_of(conn, {content_hash(article)}).get(content_hash(article))

    def count_articles(self) -> int:
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.articles)).scalar_one())

    def list_articles(
        self,
        *,
        limit: int = 100,
        offset: int = 0,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[StoredArticle]:
        """Articles in the order they were stored; ``since``/``until`` bound ``published``."""
        table = schema.articles
        query = select(table).order_by(table.c.id).limit(limit).offset(offset)
        if outlet is not None:
            query = query.where(table.c.outlet == outlet)
        if since is not None:
            query = query.where(table.c.published >= since)
        if until is not None:
            query = query.where(table.c.published <= until)
        with self._read() as conn:
            return [_stored_article(row._mapping) for row in conn.execute(query)]

    def iter_articles(self, *, batch_size: int = 500, after_id: int = 0) -> Iterator[StoredArticle]:
        """Every article with an id above ``after_id``, in id order, ``batch_size`` rows in
        memory at a time (each batch is its own short read)."""
        table = schema.articles
        last = after_id
        while True:
            query = select(table).where(table.c.id > last).order_by(table.c.id).limit(batch_size)
            with self._read() as conn:
                batch = [_stored_article(row._mapping) for row in conn.execute(query)]
            yield from batch
            if len(batch) < batch_size:
                return
            last = batch[-1].id

    def search_articles(self, words: str, *, limit: int = 20) -> list[StoredArticle]:
        """Articles whose title or text holds ``words`` (case-insensitive), newest first."""
        table = schema.articles
        condition = or_(
            table.c.title.icontains(words, autoescape=True),
            table.c.text.icontains(words, autoescape=True),
        )
        query = select(table).where(condition).order_by(table.c.id.desc()).limit(limit)
        with self._read() as conn:
            return [_stored_article(row._mapping) for row in conn.execute(query)]

    # -- analyses -----------------------------------------------------------------------------
    def save_analysis(self, article_id: int, analysis: ArticleAnalysis, *, producer: str) -> None:
        """Store the analysis of a stored article (replacing an earlier one).

        ``producer`` names what made it (e.g. ``"en_core_web_sm 3.8.0"``).
        """
        row = {
            "article_id": article_id,
            "producer": producer,
            "data": analysis_to_json(analysis),
            "created_at": datetime.now(UTC),
        }
        table = schema.analyses
        with self._write() as conn:
            conn.execute(delete(table).where(table.c.article_id == article_id))
            conn.execute(table.insert().values(row))

    def load_analysis(self, article_id: int) -> tuple[ArticleAnalysis, str] | None:
        """The stored analysis of an article and its producer, if there is one."""
        table = schema.analyses
        query = (
            select(table.c.data, table.c.producer, schema.articles)
            .join(schema.articles, schema.articles.c.id == table.c.article_id)
            .where(table.c.article_id == article_id)
        )
        with self._read() as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        article = article_from_row(row._mapping)
        return analysis_from_json(row.data, article), row.producer

    def unanalysed_article_ids(self, *, limit: int = 1000) -> list[int]:
        """Ids of articles without an analysis, oldest first (what a batch run does next)."""
        query = (
            select(schema.articles.c.id)
            .outerjoin(schema.analyses)
            .where(schema.analyses.c.article_id.is_(None))
            .order_by(schema.articles.c.id)
            .limit(limit)
        )
        with self._read() as conn:
            return [int(i) for i in conn.execute(query).scalars()]

    def save_analyses(
        self, analyses: Sequence[tuple[int, ArticleAnalysis]], *, producer: str
    ) -> None:
        """Store the analyses of many stored articles in one transaction (replacing earlier
        ones); each item is ``(article_id, analysis)``."""
        if not analyses:
            return
        now = datetime.now(UTC)
        rows = [
            {
                "article_id": article_id,
                "producer": producer,
                "data": analysis_to_json(analysis),
                "created_at": now,
            }
            for article_id, analysis in analyses
        ]
        table = schema.analyses
        with self._write() as conn:
            for chunk in _chunks([r["article_id"] for r in rows]):
                conn.execute(delete(table).where(table.c.article_id.in_(chunk)))
            conn.execute(table.insert(), rows)

    def load_analyses(self, article_ids: Iterable[int]) -> list[ArticleAnalysis]:
        """The stored analyses of these articles, in the order given (articles without an
        analysis left out)."""
        wanted = list(article_ids)
        table = schema.analyses
        found: dict[int, ArticleAnalysis] = {}
        with self._read() as conn:
            for chunk in _chunks(sorted(set(wanted))):
                query = (
                    select(table.c.data, schema.articles)
                    .join(schema.articles, schema.articles.c.id == table.c.article_id)
                    .where(table.c.article_id.in_(chunk))
                )
                for row in conn.execute(query):
                    found[row.id] = analysis_from_json(row.data, article_from_row(row._mapping))
        return [found[i] for i in wanted if i in found]

    def analysed_ids(self, article_ids: Iterable[int]) -> set[int]:
        """Which of these articles have a stored analysis."""
        table = schema.analyses
        found: set[int] = set()
        with self._read() as conn:
            for chunk in _chunks(sorted(set(article_ids))):
                query = select(table.c.article_id).where(table.c.article_id.in_(chunk))
                found.update(int(i) for i in conn.execute(query).scalars())
        return found

    # -- clustering features ------------------------------------------------------------------
    def save_features(
        self, features: Sequence[tuple[int, ArticleFeatures]], *, producer: str
    ) -> None:
        """Store the clustering features of many stored articles in one transaction
        (replacing earlier ones); each item is ``(article_id, features)``."""
        if not features:
            return
        now = datetime.now(UTC)
        rows = []
        for article_id, item in features:
            vector, data = features_to_row(item)
            rows.append(
                {
                    "article_id": article_id,
                    "producer": producer,
                    "vector": vector,
                    "data": data,
                    "created_at": now,
                }
            )
        table = schema.features
        with self._write() as conn:
            for chunk in _chunks([r["article_id"] for r in rows]):
                conn.execute(delete(table).where(table.c.article_id.in_(chunk)))
            conn.execute(table.insert(), rows)

    def load_features(
        self, article_ids: Iterable[int], *, producer: str
    ) -> dict[int, ArticleFeatures]:
        """The stored features of these articles that ``producer`` computed, by article id."""
        table = schema.features
        found: dict[int, ArticleFeatures] = {}
        with self._read() as conn:
            for chunk in _chunks(sorted(set(article_ids))):
                query = select(table.c.article_id, table.c.vector, table.c.data).where(
                    table.c.article_id.in_(chunk), table.c.producer == producer
                )
                for row in conn.execute(query):
                    found[int(row.article_id)] = features_from_row(row.vector, row.data)
        return found

    # -- stories ------------------------------------------------------------------------------
    def save_story(
        self,
        article_ids: Iterable[int],
        *,
        title: str | None = None,
        window: tuple[str | None, str | None] = (None, None),
        story_id: int | None = None,
    ) -> int:
        """Store a story with these member articles; with ``story_id``, replace that story's
        title, window and members. Returns the story's id."""
        members = sorted(set(article_ids))
        now = datetime.now(UTC)
        values = {
            "title": title,
            "window_start": window[0],
            "window_end": window[1],
            "updated_at": now,
        }
        stories, links = schema.stories, schema.story_articles
        with self._write() as conn:
            if story_id is None:
                story_id = int(
                    conn.execute(
                        stories.insert().values(**values, created_at=now).returning(stories.c.id)
                    ).scalar_one()
                )
            else:
                changed = conn.execute(
                    update(stories).where(stories.c.id == story_id).values(**values)
                ).rowcount
                if not changed:
                    raise StoreError(f"{self.where}: no story {story_id}")
                conn.execute(delete(links).where(links.c.story_id == story_id))
            if members:
                conn.execute(
                    links.insert(), [{"story_id": story_id, "article_id": a} for a in members]
                )
        return story_id

    def get_story(self, story_id: int) -> StoredStory | None:
        with self._read() as conn:
            stories = self._stories(conn, schema.stories.c.id == story_id, limit=1, offset=0)
        return stories[0] if stories else None

    def get_stories(self, story_ids: Iterable[int]) -> list[StoredStory]:
        """The stored stories with these ids, the most recently updated first."""
        wanted = sorted(set(story_ids))
        found: list[StoredStory] = []
        with self._read() as conn:
            for chunk in _chunks(wanted):
                found += self._stories(
                    conn, schema.stories.c.id.in_(chunk), limit=len(chunk), offset=0
                )
        return sorted(found, key=lambda s: (s.updated_at, s.id), reverse=True)

    def list_stories(self, *, limit: int = 100, offset: int = 0) -> list[StoredStory]:
        """Stories, the most recently updated first."""
        with self._read() as conn:
            return self._stories(conn, None, limit=limit, offset=offset)

    def stories_of_article(self, article_id: int) -> list[int]:
        links = schema.story_articles
        query = select(links.c.story_id).where(links.c.article_id == article_id)
        with self._read() as conn:
            return sorted(int(i) for i in conn.execute(query).scalars())

    def stories_of_articles(self, article_ids: Iterable[int]) -> dict[int, list[int]]:
        """Story ids per article, for many articles at once (articles in no story left out)."""
        links = schema.story_articles
        found: dict[int, list[int]] = {}
        with self._read() as conn:
            for chunk in _chunks(sorted(set(article_ids))):
                query = (
                    select(links.c.article_id, links.c.story_id)
                    .where(links.c.article_id.in_(chunk))
                    .order_by(links.c.story_id)
                )
                for article_id, story_id in conn.execute(query):
                    found.setdefault(int(article_id), []).append(int(story_id))
        return found

    # -- reports ------------------------------------------------------------------------------
    def save_report(self, report: StoryReport, *, story_id: int | None = None) -> int:
        """Store a report (of a stored story, or of any articles); returns its id."""
        table = schema.reports
        row = {
            "story_id": story_id,
            "schema": report.schema,
            "data": report.to_dict(),
            "created_at": datetime.now(UTC),
        }
        with self._write() as conn:
            report_id = int(
                conn.execute(table.insert().values(row).returning(table.c.id)).scalar_one()
            )
            index_quotes(conn, report, report_id=report_id, story_id=story_id)
        return report_id

    def load_report(self, report_id: int) -> StoryReport | None:
        table = schema.reports
        with self._read() as conn:
            data = conn.execute(select(table.c.data).where(table.c.id == report_id)).scalar()
        return StoryReport.from_dict(data) if data is not None else None

    def latest_report(self, story_id: int) -> StoryReport | None:
        """The most recent report saved for a story."""
        table = schema.reports
        query = (
            select(table.c.data)
            .where(table.c.story_id == story_id)
            .order_by(table.c.id.desc())
            .limit(1)
        )
        with self._read() as conn:
            data = conn.execute(query).scalar()
        return StoryReport.from_dict(data) if data is not None else None

    # -- quotes -------------------------------------------------------------------------------
    def search_quotes(
        self,
        *,
        speaker: str | None = None,
        words: str | None = None,
        story_id: int | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[StoredQuote]:
        """Quotes of the stored reports (the latest report of each story) whose speaker's name
        or alias holds ``speaker`` and whose text holds ``words``; case and accents are
        ignored. The newest reports first, each in reading order."""
        table = schema.quotes
        query = select(table).order_by(table.c.report_id.desc(), table.c.id)
        if speaker and speaker.strip():
            query = query.where(
                table.c.search_speaker.contains(fold(speaker.strip()), autoescape=True)
            )
        if words and words.strip():
            query = query.where(table.c.search_text.contains(fold(words.strip()), autoescape=True))
        if story_id is not None:
            query = query.where(table.c.story_id == story_id)
        with self._read() as conn:
            rows = conn.execute(query.limit(limit).offset(offset))
            return [stored_quote(row) for row in rows]

    def latest_report_at(self, story_id: int) -> datetime | None:
        """When the most recent report of a story was saved (None: never)."""
        table = schema.reports
        query = select(func.max(table.c.created_at)).where(table.c.story_id == story_id)
        with self._read() as conn:
            moment = conn.execute(query).scalar()
        return _utc(moment) if moment is not None else None

    def count_reports(self) -> int:
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.reports)).scalar_one())

    # -- internals ----------------------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One read-write transaction; database errors come out as ``StoreError``."""
        if self.read_only:
            raise StoreError(f"{self.where}: the store is opened read-only")
        with translate_errors(self.where), self.engine.begin() as conn:
            yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with translate_errors(self.where), self.engine.begin() as conn:
            yield conn

    def _ids_of(self, conn: Connection, hashes: set[str]) -> dict[str, int]:
        table = schema.articles
        found: dict[str, int] = {}
        for chunk in _chunks(sorted(hashes)):
            query = select(table.c.content_hash, table.c.id).where(table.c.content_hash.in_(chunk))
            found.update({row.content_hash: row.id for row in conn.execute(query)})
        return found

    def _insert_ignoring_duplicates(self, conn: Connection) -> Any:
        insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
        return insert(schema.articles).on_conflict_do_nothing(index_elements=["content_hash"])

    def _stories(
        self, conn: Connection, condition: Any, *, limit: int, offset: int
    ) -> list[StoredStory]:
        stories, links = schema.stories, schema.story_articles
        query = select(stories).order_by(stories.c.updated_at.desc(), stories.c.id.desc())
        if condition is not None:
            query = query.where(condition)
        rows = conn.execute(query.limit(limit).offset(offset)).all()
        members: dict[int, list[int]] = {row.id: [] for row in rows}
        for chunk in _chunks(list(members)):
            pairs = conn.execute(
                select(links.c.story_id, links.c.article_id)
                .where(links.c.story_id.in_(chunk))
                .order_by(links.c.article_id)
            )
            for story_id, article_id in pairs:
                members[story_id].append(article_id)
        return [
            StoredStory(
                id=row.id,
                title=row.title,
                window_start=row.window_start,
                window_end=row.window_end,
                article_ids=tuple(members[row.id]),
                updated_at=_utc(row.updated_at),
            )
            for row in rows
        ]


def _stored_article(row: Any) -> StoredArticle:
    return StoredArticle(
        id=int(row["id"]),
        content_hash=row["content_hash"],
        article=article_from_row(row),
        added_at=_utc(row["added_at"]),
    )


def _utc(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes; every time the store stores is UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]
