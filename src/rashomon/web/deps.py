"""Dependencies of the request handlers, declared once: the store, the jobs, the settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from rashomon.settings import Settings
from rashomon.store import Store
from rashomon.web.jobs import JobRunner


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _jobs(request: Request) -> JobRunner:
    jobs: JobRunner = request.app.state.jobs
    return jobs


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


#: The store, read-only (the job worker is the one writer).
StoreDep = Annotated[Store, Depends(_store)]
JobsDep = Annotated[JobRunner, Depends(_jobs)]
SettingsDep = Annotated[Settings, Depends(_settings)]
