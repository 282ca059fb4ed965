"""Articles: those of a story, and one article's page (its exact text, as analysed)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from rashomon.store import Store, StoredArticle
from rashomon.web.deps import StoreDep
from rashomon.web.models import ArticleDetail, ArticleSummary
from rashomon.web.pages import render
from rashomon.web.routers.stories import story_or_404

router = APIRouter()


def article_or_404(store: Store, article_id: int) -> StoredArticle:
    stored = store.get_article(article_id)
    if stored is None:
        raise HTTPException(404, f"no article {article_id}")
    return stored


@router.get("/stories/{story_id}/articles", response_class=HTMLResponse, include_in_schema=False)
def story_articles_page(request: Request, story_id: int, store: StoreDep) -> HTMLResponse:
    story = story_or_404(store, story_id)
    articles = store.get_articles(story.article_ids)
    return render(request, "articles.html.j2", {"story": story, "articles": articles})


@router.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def article_page(request: Request, article_id: int, store: StoreDep) -> HTMLResponse:
    stored = article_or_404(store, article_id)
    stories = store.get_stories(store.stories_of_article(article_id))
    return render(request, "article.html.j2", {"stored": stored, "stories": stories})


@router.get(
    "/api/stories/{story_id}/articles", response_model=list[ArticleSummary], tags=["articles"]
)
def list_story_articles(story_id: int, store: StoreDep) -> list[ArticleSummary]:
    """The articles of a story, without their texts."""
    story = story_or_404(store, story_id)
    return [ArticleSummary.of(a) for a in store.get_articles(story.article_ids)]


@router.get("/api/articles/{article_id}", response_model=ArticleDetail, tags=["articles"])
def get_article(article_id: int, store: StoreDep) -> ArticleDetail:
    """One article with its exact text (the offsets of its reports point into it)."""
    stored = article_or_404(store, article_id)
    summary = ArticleSummary.of(stored)
    return ArticleDetail(
        **summary.model_dump(),
        text=stored.article.text,
        story_ids=store.stories_of_article(article_id),
    )
