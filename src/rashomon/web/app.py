"""The FastAPI application: ``create_app()`` builds it, ``rashomon serve`` runs it.

Nothing happens at import: the store is opened and the worker started when the app starts
(its lifespan), and closed when it stops. Request handlers read through a read-only store;
the job worker is the one writer.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rashomon.settings import Settings, get_settings

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(*, settings: Settings | None = None, db: str | Path | None = None) -> FastAPI:
    """The web app over the store ``db`` (default ``RASHOMON_DB``), configured by ``settings``.

    The store is created and migrated when the app starts, if it needs to be.
    """
    from fastapi import FastAPI
    from fastapi.staticfiles import StaticFiles

    from rashomon import __version__
    from rashomon.store import open_store
    from rashomon.web.guard import install_guard
    from rashomon.web.jobs import JobRunner
    from rashomon.web.pages import install_error_pages
    from rashomon.web.routers import articles, home, jobs, login, quotes, stories

    settings = settings or get_settings()
    where = db if db is not None else settings.db

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        writer = open_store(where, settings=settings)
        reader = open_store(where, read_only=True, settings=settings)
        runner = JobRunner(writer, settings)
        runner.start()
        app.state.store, app.state.jobs = reader, runner
        try:
            yield
        finally:
            runner.stop()
            reader.close()
            writer.close()

    app = FastAPI(
        title="rashomon",
        version=__version__,
        summary="One event, many accounts: stories, their articles, reports and quotes.",
        description=(
            "The JSON API of `rashomon serve`. Reports follow the schema `rashomon.report/1`, "
            "exactly as `rashomon compare --format json` writes them. When the server has a "
            "token, send it as `Authorization: Bearer <token>`."
        ),
        # FastAPI's /docs and /redoc pages load their scripts from a CDN; this app loads
        # nothing from outside, so it serves the OpenAPI description only.
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.settings = settings
    for router in (
        home.router,
        jobs.router,
        stories.router,
        articles.router,
        quotes.router,
        login.router,
    ):
        app.include_router(router)
    app.mount("/static", StaticFiles(packages=[("rashomon.web", "static")]), name="static")
    install_error_pages(app)
    install_guard(app, settings)
    return app
