"""Stories: the list, a story's page (its HTML report) and its report as JSON."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from rashomon.store import Store, StoredStory
from rashomon.web.deps import StoreDep
from rashomon.web.guard import REPORT_POLICY
from rashomon.web.models import StorySummary
from rashomon.web.pages import environment, render

router = APIRouter()
PAGE = 50
REPORT_SCHEMA = {
    "type": "object",
    "description": "A report in the schema rashomon.report/1 (see the README), exactly as "
    "`rashomon compare --format json` writes it.",
    "properties": {"schema": {"type": "string", "enum": ["rashomon.report/1"]}},
    "additionalProperties": True,
}


def story_or_404(store: Store, story_id: int) -> StoredStory:
    story = store.get_story(story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id}")
    return story


@router.get("/stories", response_class=HTMLResponse, include_in_schema=False)
def stories_page(
    request: Request, store: StoreDep, page: Annotated[int, Query(ge=1)] = 1
) -> HTMLResponse:
    stories = store.list_stories(limit=PAGE + 1, offset=(page - 1) * PAGE)
    return render(
        request,
        "stories.html.j2",
        {"stories": stories[:PAGE], "page": page, "more": len(stories) > PAGE},
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
def story_page(request: Request, story_id: int, store: StoreDep) -> HTMLResponse:
    """The story's HTML report (as ``--format html`` writes it) under a bar of app links."""
    from rashomon.render import render_report

    story = story_or_404(store, story_id)
    report = store.latest_report(story_id)
    if report is None:
        articles = store.get_articles(story.article_ids)
        return render(request, "story.html.j2", {"story": story, "articles": articles})
    bar = environment().get_template("_report_bar.html.j2").render(story=story)
    html = render_report(report, "html").replace("<body>", "<body>\n" + bar, 1)
    return HTMLResponse(html, headers={"Content-Security-Policy": REPORT_POLICY})


@router.get("/stories/{story_id}/report.html", include_in_schema=False)
def story_report_file(story_id: int, store: StoreDep) -> Response:
    """The HTML report alone, to download, mail or archive (works offline)."""
    from rashomon.render import render_report

    report = store.latest_report(story_or_404(store, story_id).id)
    if report is None:
        raise HTTPException(404, f"story {story_id} has no report yet")
    return HTMLResponse(
        render_report(report, "html"),
        headers={
            "Content-Security-Policy": REPORT_POLICY,
            "Content-Disposition": f'attachment; filename="rashomon-story-{story_id}.html"',
        },
    )


@router.get("/api/stories", response_model=list[StorySummary], tags=["stories"])
def list_stories(
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[StorySummary]:
    """Stored stories, the most recently updated first."""
    return [StorySummary.of(s) for s in store.list_stories(limit=limit, offset=offset)]


@router.get("/api/stories/{story_id}", response_model=StorySummary, tags=["stories"])
def get_story(story_id: int, store: StoreDep) -> StorySummary:
    return StorySummary.of(story_or_404(store, story_id))


@router.get(
    "/api/stories/{story_id}/report",
    tags=["stories"],
    response_class=Response,
    responses={
        200: {"content": {"application/json": {"schema": REPORT_SCHEMA}}},
        404: {"description": "No such story, or no report stored for it"},
    },
)
def get_report(story_id: int, store: StoreDep) -> Response:
    """The story's latest report, schema `rashomon.report/1`, byte for byte what
    `rashomon compare --format json` writes for the same articles."""
    from rashomon.render import render_report

    report = store.latest_report(story_or_404(store, story_id).id)
    if report is None:
        raise HTTPException(404, f"story {story_id} has no report yet")
    return Response(render_report(report, "json"), media_type="application/json")
