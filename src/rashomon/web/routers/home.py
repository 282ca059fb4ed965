"""The home page: submit a new story (upload files, paste URLs) and the latest stories."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from rashomon.web.deps import JobsDep, SettingsDep, StoreDep
from rashomon.web.pages import render
from rashomon.web.uploads import read_submission

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, settings: SettingsDep) -> HTMLResponse:
    return render(
        request,
        "home.html.j2",
        {"stories": store.list_stories(limit=8), "settings": settings, "error": ""},
    )


@router.post("/analyse")
async def analyse(
    request: Request, store: StoreDep, jobs: JobsDep, settings: SettingsDep
) -> Response:
    """The form's submission: a job page to follow, or the form again saying what is missing.

    The form is read by hand: a browser sends a file field left empty as a bare string."""
    from starlette.datastructures import UploadFile
    from starlette.exceptions import HTTPException

    most = settings.upload_max_files
    try:
        # Files past the limit are still named on the job page, up to twice the limit.
        async with request.form(max_files=most * 2 + 10) as form:
            files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
            urls = form.get("urls")
            inputs, refused = await read_submission(
                files, urls if isinstance(urls, str) else "", settings
            )
    except HTTPException:  # the form parser's "too many files"
        return _form_again(
            request,
            store,
            settings,
            f"Too many files: a story takes at most {most} files and URLs "
            "(RASHOMON_UPLOAD_MAX_FILES).",
        )
    if not inputs and not refused:
        return _form_again(
            request, store, settings, "Choose at least one file or paste at least one URL."
        )
    job = jobs.submit(inputs, refused)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


def _form_again(request: Request, store: StoreDep, settings: SettingsDep, error: str) -> Response:
    context = {"stories": store.list_stories(limit=8), "settings": settings, "error": error}
    return render(request, "home.html.j2", context, status=400)
