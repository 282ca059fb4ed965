"""Analyses submitted from the web, run one at a time by a background worker thread.

A :class:`Job` moves ``queued -> loading -> analysing -> saving -> done`` (or ``failed``);
its status is what the job page polls. The worker is the app's only writer to the store:
it stores the articles, the story and its report, so they show up in the browse pages.
Models are loaded by the first analysis and kept for the life of the process (the loaders
are cached), so later jobs start at once. Jobs live in memory: a restart forgets the queue,
never what was stored.
"""

from __future__ import annotations

import queue
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rashomon.article import Article
from rashomon.errors import InputError, RashomonError
from rashomon.settings import Settings

if TYPE_CHECKING:
    from rashomon.store import Store
    from rashomon.story.model import StoryReport

State = Literal["queued", "loading", "analysing", "saving", "done", "failed"]
#: Finished jobs kept in memory for their pages; older ones are forgotten.
KEPT_JOBS = 200


@dataclass(frozen=True)
class Upload:
    """One input of a submission: an uploaded file's bytes, or a URL (``data`` None)."""

    source: str
    data: bytes | None = None


@dataclass
class Job:
    """One submitted story and how far its analysis got."""

    id: str
    inputs: list[Upload]
    #: Inputs refused before the job started (too large, too many, not a URL...).
    refused: list[InputError] = field(default_factory=list)
    state: State = "queued"
    inputs_read: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    story_id: int | None = None
    message: str = ""
    submitted: float = field(default_factory=time.time)
    finished: float | None = None

    def status(self) -> dict[str, object]:
        """What ``/api/jobs/{id}`` returns."""
        return {
            "id": self.id,
            "state": self.state,
            "inputs": len(self.inputs) + len(self.refused),
            "inputs_read": self.inputs_read + len(self.refused),
            "articles": self.articles,
            "errors": list(self.errors),
            "warnings": list(self.warnings),
            "message": self.message,
            "story_id": self.story_id,
            "story_url": f"/stories/{self.story_id}" if self.story_id is not None else None,
            "elapsed_seconds": round((self.finished or time.time()) - self.submitted, 1),
        }


class JobRunner:
    """A queue of jobs and the one thread that runs them, in order of submission."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self._store = store
        self._settings = settings
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    # -- life cycle ---------------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="rashomon-jobs", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop after the running job (queued jobs are dropped)."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)
            self._thread = None

    # -- jobs ---------------------------------------------------------------------------------
    def submit(self, inputs: list[Upload], refused: list[InputError]) -> Job:
        job = Job(id=uuid.uuid4().hex, inputs=inputs, refused=refused)
        job.errors = [str(e) for e in refused]
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
        self._queue.put(job)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _forget_old(self) -> None:
        finished = [j for j in self._jobs.values() if j.finished is not None]
        for job in sorted(finished, key=lambda j: j.submitted)[: max(0, len(finished) - KEPT_JOBS)]:
            del self._jobs[job.id]

    def _work(self) -> None:
        while (job := self._queue.get()) is not None:
            try:
                self.run(job)
            except Exception as exc:  # a bug must fail its job, not kill the worker
                job.state, job.message = "failed", f"internal error: {type(exc).__name__}: {exc}"
                job.finished = time.time()
            finally:
                # A finished job stays listed for its page; its uploaded bytes need not.
                job.inputs = [Upload(u.source) for u in job.inputs]

    def run(self, job: Job) -> None:
        """Load, analyse and store one job (the worker calls this; so can a test)."""
        articles = self._load(job)
        if not articles:
            job.state = "failed"
            job.message = "no article could be read from the inputs"
            job.finished = time.time()
            return
        problems = list(job.errors)
        if len(articles) == 1:
            problems.append(
                f"{articles[0].source}: only one document given to compare: quotes reported, "
                "nothing to align"
            )
        job.state = "analysing"
        try:
            report = _compare(articles, self._settings)
            report.problems.extend(problems)
            job.state = "saving"
            job.story_id = _save(self._store, articles, report)
        except RashomonError as exc:
            job.state, job.message = "failed", str(exc)
        else:
            job.errors = problems
            job.state = "done"  # last: a poller seeing "done" sees everything else
        job.finished = time.time()

    def _load(self, job: Job) -> list[Article]:
        from rashomon.ingest import read_source
        from rashomon.ingest.sources import articles_from_bytes, kind_of

        job.state = "loading"
        articles: list[Article] = []
        for upload in job.inputs:
            if upload.data is None:
                items = read_source(upload.source, settings=self._settings)
            else:
                kind = kind_of(Path(upload.source)) or "sniff"
                items = articles_from_bytes(
                    upload.data, source=upload.source, kind=kind, settings=self._settings
                )
            for item in items:
                if isinstance(item, InputError):
                    job.errors.append(str(item))
                else:
                    articles.append(item)
                    job.warnings.extend(f"{item.source}: {w}" for w in item.warnings)
                    job.articles = len(articles)
            job.inputs_read += 1
        return articles


def _compare(articles: Sequence[Article], settings: Settings) -> StoryReport:
    from rashomon.story import compare

    return compare(articles, settings=settings)


def _save(store: Store, articles: Sequence[Article], report: StoryReport) -> int:
    """Store the articles, a story of them and its report; returns the story's id."""
    from rashomon.render.view import build_view

    ids = [r.id for r in store.add_articles(articles)]
    dates = sorted(a.published for a in articles if a.published and a.published[:1].isdigit())
    window = (dates[0], dates[-1]) if dates else (None, None)
    story_id = store.save_story(ids, title=build_view(report).title, window=window)
    store.save_report(report, story_id=story_id)
    return story_id
