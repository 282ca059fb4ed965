"""The JSON the API returns (public models), built from the store's dataclasses.

Reports are not modelled here: ``/api/stories/{id}/report`` returns the report exactly as
``rashomon compare --format json`` writes it (schema ``rashomon.report/1``).
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from rashomon.store import StoredArticle, StoredQuote, StoredStory


class JobStatus(BaseModel):
    id: str
    state: Literal["queued", "loading", "analysing", "saving", "done", "failed"]
    inputs: int = Field(description="Files and URLs submitted")
    inputs_read: int = Field(description="Inputs read so far (refused ones count as read)")
    articles: int = Field(description="Articles read from the inputs so far")
    errors: list[str] = Field(description="One line per input that could not be used")
    warnings: list[str]
    message: str = Field(description="Why the job failed, when it did")
    story_id: int | None
    story_url: str | None
    elapsed_seconds: float


class StorySummary(BaseModel):
    id: int
    title: str | None
    window_start: str | None
    window_end: str | None
    article_ids: list[int]
    updated_at: datetime

    @classmethod
    def of(cls, story: StoredStory) -> StorySummary:
        return cls(
            id=story.id,
            title=story.title,
            window_start=story.window_start,
            window_end=story.window_end,
            article_ids=list(story.article_ids),
            updated_at=story.updated_at,
        )


class ArticleSummary(BaseModel):
    id: int
    source: str
    title: str | None
    outlet: str | None
    published: str | None
    place: str | None
    url: str | None
    language: str
    added_at: datetime

    @classmethod
    def of(cls, stored: StoredArticle) -> ArticleSummary:
        a = stored.article
        return cls(
            id=stored.id,
            source=a.source,
            title=a.title,
            outlet=a.outlet,
            published=a.published,
            place=a.place,
            url=a.url,
            language=a.language,
            added_at=stored.added_at,
        )


class ArticleDetail(ArticleSummary):
    text: str = Field(description="The exact text analysed; report offsets point into it")
    story_ids: list[int]


class QuoteHit(BaseModel):
    story_id: int | None
    report_id: int
    article_id: int | None
    quote: str = Field(description="The quote's id in the report (quotes[].id)")
    doc: str = Field(description="The document's id in the report (documents[].id)")
    kind: str
    text: str
    speaker: str | None
    outlet: str | None
    title: str | None
    published: str | None

    @classmethod
    def of(cls, q: StoredQuote) -> QuoteHit:
        # the same fields as the stored quote: the API shows it as it is stored
        return cls(**dataclasses.asdict(q))
