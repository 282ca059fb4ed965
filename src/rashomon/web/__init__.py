"""The web app (``rashomon serve``): analyse a new story from uploads or URLs, read its report,
browse stored stories and articles, search quotes; the same JSON under ``/api``.

::

    from rashomon.web import create_app
    app = create_app(db="news.db")          # FastAPI; run it with uvicorn

FastAPI and uvicorn are imported by :func:`create_app`, not by importing this package.
"""

from __future__ import annotations

from rashomon.web.app import create_app

__all__ = ["create_app"]
