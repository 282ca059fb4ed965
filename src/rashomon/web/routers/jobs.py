"""Jobs: a submitted story while it is read and analysed, and its status as JSON."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from rashomon.web.deps import JobsDep, SettingsDep
from rashomon.web.jobs import Job, JobRunner
from rashomon.web.models import JobStatus
from rashomon.web.pages import render
from rashomon.web.uploads import read_submission

router = APIRouter()


def _job(jobs: JobRunner, job_id: str) -> Job:
    job = jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id} (jobs are forgotten when the server restarts)")
    return job


@router.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
def job_page(request: Request, job_id: str, jobs: JobsDep) -> Response:
    """The progress page; it polls the status and moves on to the story when it is stored."""
    job = _job(jobs, job_id)
    if job.state == "done" and job.story_id is not None:
        return RedirectResponse(f"/stories/{job.story_id}", status_code=303)
    return render(request, "job.html.j2", {"job": job.status()})


@router.post("/api/jobs", status_code=202, response_model=JobStatus, tags=["jobs"])
async def submit_job(
    jobs: JobsDep,
    settings: SettingsDep,
    files: Annotated[
        list[UploadFile] | None, File(description="Reports of one event (any format ingest reads)")
    ] = None,
    urls: Annotated[str, Form(description="http(s) URLs of reports, one per line")] = "",
) -> Response:
    """Submit a story to analyse. Poll the job until its state is `done` (then `story_id`
    names the stored story) or `failed`. Refused inputs are listed in `errors`."""
    inputs, refused = await read_submission(files or [], urls, settings)
    if not inputs and not refused:
        raise HTTPException(422, "give at least one file (files) or URL (urls)")
    job = jobs.submit(inputs, refused)
    return JSONResponse(job.status(), status_code=202, headers={"Location": f"/api/jobs/{job.id}"})


@router.get("/api/jobs/{job_id}", response_model=JobStatus, tags=["jobs"])
def job_status(job_id: str, jobs: JobsDep) -> dict[str, object]:
    """How far a submitted story got: queued, loading, analysing, saving, done or failed."""
    return _job(jobs, job_id).status()
