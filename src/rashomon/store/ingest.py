"""Stream sources into the store: constant memory, batched commits, safe to re-run.

Articles are read one at a time and written ``ingest_batch_size`` per transaction. An
interruption (Ctrl-C, a kill, a crash) loses at most the uncommitted batch, and running the
same command again stores exactly what is missing: what is stored already is recognised by
its content hash and skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rashomon.article import Article
from rashomon.errors import InputError
from rashomon.settings import Settings, get_settings
from rashomon.store.store import Store


@dataclass
class IngestSummary:
    """Counts of one ingest run, updated as it goes."""

    #: Articles read from the sources.
    read: int = 0
    #: Articles this run stored.
    added: int = 0
    #: Articles found in the store already (same content hash), or twice in this run.
    already_stored: int = 0
    #: Items that could not be read (each reported on its own).
    errors: int = 0
    #: Stored articles that carry a warning (e.g. not in English).
    with_warnings: int = 0

    def line(self) -> str:
        """The one-line summary printed at the end of ``rashomon ingest``."""
        parts = [
            f"{self.added} added",
            f"{self.already_stored} already stored",
            f"{self.errors} error{'s' if self.errors != 1 else ''}",
        ]
        if self.with_warnings:
            parts.append(f"{self.with_warnings} with warnings")
        noun = "article" if self.read == 1 else "articles"
        return f"{self.read} {noun} read: " + ", ".join(parts)


def ingest_sources(
    store: Store,
    sources: Iterable[str],
    *,
    settings: Settings | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_progress: Callable[[IngestSummary], None] | None = None,
) -> IngestSummary:
    """Read every source and store its articles; returns what happened.

    ``on_error`` is called with each item that cannot be read (and the run goes on);
    ``on_progress`` after each item. ``StoreError`` (the store failed) stops the run with
    every batch before it committed.
    """
    from rashomon.ingest import read_source

    settings = settings or get_settings()
    batch_size = max(1, settings.ingest_batch_size)
    summary = IngestSummary()
    batch: list[Article] = []

    def flush() -> None:
        for article, result in zip(batch, store.add_articles(batch), strict=True):
            if result.added:
                summary.added += 1
                summary.with_warnings += bool(article.warnings)
            else:
                summary.already_stored += 1
        batch.clear()

    for source in sources:
        for item in read_source(source, settings=settings):
            if isinstance(item, Article):
                problem = unstorable(item)
                if problem is not None:
                    item = InputError(item.source, problem)
            if isinstance(item, InputError):
                summary.errors += 1
                if on_error is not None:
                    on_error(item)
            else:
                summary.read += 1
                batch.append(item)
                if len(batch) >= batch_size:
                    flush()
            if on_progress is not None:
                on_progress(summary)
    if batch:
        flush()
        if on_progress is not None:
            on_progress(summary)
    return summary


def unstorable(article: Article) -> str | None:
    """Why a database cannot hold ``article`` as it is, or None.

    PostgreSQL text cannot hold NUL characters, and no UTF-8 column holds lone surrogates
    (a JSON record can carry both); such an article is reported instead of failing its batch.
    """
    fields = (article.text, article.title, article.outlet, article.place, article.source)
    for value in (*fields, article.url):
        if not value:
            continue
        if "\x00" in value:
            return "text holds NUL characters, which the store cannot hold"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "text holds invalid Unicode (lone surrogates), which the store cannot hold"
    return None
