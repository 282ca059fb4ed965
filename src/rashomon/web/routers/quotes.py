"""Quote search over the stored reports: by speaker (name or alias) and by words."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from rashomon.web.deps import StoreDep
from rashomon.web.models import QuoteHit
from rashomon.web.pages import render

router = APIRouter()
PAGE = 50
SpeakerQuery = Annotated[
    str, Query(description="Part of the speaker's name or alias; case and accents ignored")
]
WordsQuery = Annotated[str, Query(description="Words the quote contains, as typed")]


@router.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
def quotes_page(
    request: Request,
    store: StoreDep,
    speaker: SpeakerQuery = "",
    q: WordsQuery = "",
    story: int | None = None,
    page: Annotated[int, Query(ge=1)] = 1,
) -> HTMLResponse:
    hits = store.search_quotes(
        speaker=speaker, words=q, story_id=story, limit=PAGE + 1, offset=(page - 1) * PAGE
    )
    context = {
        "hits": hits[:PAGE],
        "more": len(hits) > PAGE,
        "speaker": speaker,
        "q": q,
        "story": store.get_story(story) if story is not None else None,
        "page": page,
    }
    return render(request, "quotes.html.j2", context)


@router.get("/api/quotes", response_model=list[QuoteHit], tags=["quotes"])
def search_quotes(
    store: StoreDep,
    speaker: SpeakerQuery = "",
    q: WordsQuery = "",
    story: Annotated[int | None, Query(description="Only this story's quotes")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[QuoteHit]:
    """Quotes of the latest report of each story, newest stories first."""
    hits = store.search_quotes(speaker=speaker, words=q, story_id=story, limit=limit, offset=offset)
    return [QuoteHit.of(h) for h in hits]
