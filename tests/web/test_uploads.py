"""Submitting a story: upload limits and bad inputs, each named with its reason. Every input
here is refused or unreadable, so the job ends before any model is needed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

Client = Callable[..., TestClient]
Wait = Callable[..., dict[str, Any]]


def test_refused_inputs_are_each_named_with_the_reason(make_client: Client, wait_job: Wait) -> None:
    client = make_client(upload_max_files=1, upload_max_bytes=100)
    response = client.post(
        "/api/jobs",
        files=[
            ("files", ("folder/empty.txt", b"  \n")),
            ("files", ("big.txt", b"x" * 250)),
            ("files", ("extra.txt", b"A short report.")),
        ],
        data={"urls": "/etc/passwd\nhttps://example.org/second-url\n\n"},
    )
    assert response.status_code == 202
    assert response.headers["location"] == f"/api/jobs/{response.json()['id']}"
    status = wait_job(client, response.json()["id"])
    assert status["state"] == "failed"
    assert status["message"] == "no article could be read from the inputs"
    assert status["story_id"] is None
    assert status["inputs"] == status["inputs_read"] == 5
    assert sorted(status["errors"]) == sorted(
        [
            "big.txt: file is 250 bytes, over the 100 bytes limit (RASHOMON_UPLOAD_MAX_BYTES)",
            "extra.txt: not analysed: over the limit of 1 files and URLs per "
            "story (RASHOMON_UPLOAD_MAX_FILES)",
            "/etc/passwd: not an http(s) URL",
            "https://example.org/second-url: not analysed: over the limit of 1 files and URLs per "
            "story (RASHOMON_UPLOAD_MAX_FILES)",
            "empty.txt: empty file",  # the client's folder is not part of the name
        ]
    )
    assert client.get("/api/stories").json() == [], "nothing stored for a failed job"


def test_the_job_page_says_why_it_failed(make_client: Client, wait_job: Wait) -> None:
    client = make_client()
    submitted = client.post(
        "/analyse", files=[("files", ("blank.html", b"   "))], follow_redirects=False
    )
    assert submitted.status_code == 303
    job_url = submitted.headers["location"]
    assert job_url.startswith("/jobs/")
    wait_job(client, job_url.rsplit("/", 1)[1])
    page = client.get(job_url)
    assert page.status_code == 200
    assert "The analysis failed" in page.text
    assert "blank.html: empty file" in page.text
    assert 'data-state="failed"' in page.text
    assert client.get("/jobs/unknown").status_code == 404


def test_an_empty_submission_returns_the_form_with_what_is_missing(make_client: Client) -> None:
    client = make_client()
    # What a browser sends when no file is chosen: an empty part without a name.
    page = client.post("/analyse", files=[("files", ("", b""))], data={"urls": "  \n"})
    assert page.status_code == 400
    assert "Choose at least one file or paste at least one URL." in page.text
    assert 'id="new-story"' in page.text
    api = client.post("/api/jobs", data={"urls": ""})
    assert api.status_code == 422 and "at least one file" in api.json()["detail"]


def test_a_body_over_every_limit_is_refused_before_it_is_read(make_client: Client) -> None:
    client = make_client(upload_max_files=1, upload_max_bytes=1000)
    response = client.post("/api/jobs", files=[("files", ("huge.txt", b"x" * 1_100_000))])
    assert response.status_code == 413
    assert "RASHOMON_UPLOAD_MAX_BYTES" in response.json()["detail"]
    assert client.get("/api/stories").status_code == 200  # the app goes on


def test_far_too_many_files_in_the_form_is_one_clear_message(make_client: Client) -> None:
    client = make_client(upload_max_files=1)
    files = [("files", (f"r{n}.txt", b"A report.")) for n in range(20)]
    page = client.post("/analyse", files=files)
    assert page.status_code == 400
    assert "Too many files: a story takes at most 1 files and URLs" in page.text
    assert client.get("/api/stories").json() == []
