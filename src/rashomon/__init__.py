"""rashomon: reconstruct a news event from many reports of it.

The public surface is small and stable::

    import rashomon
    articles, problems = rashomon.load_sources(["a.txt", "b.html", "https://..."])
    report = rashomon.compare(articles)          # a StoryReport
    print(rashomon.render_report(report, "md"))

Heavy libraries (spaCy, torch) load on first use, not on import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleAnalysis",
    "InputError",
    "RashomonError",
    "Settings",
    "StoryReport",
    "__version__",
    "analyze_articles",
    "compare",
    "get_settings",
    "load_sources",
    "quotes_report",
    "render_report",
]

# name -> module that defines it; resolved on first attribute access (PEP 562) so that
# `import rashomon` stays cheap.
_LAZY = {
    "Article": "rashomon.article",
    "ArticleAnalysis": "rashomon.analysis.model",
    "InputError": "rashomon.errors",
    "RashomonError": "rashomon.errors",
    "Settings": "rashomon.settings",
    "get_settings": "rashomon.settings",
    "StoryReport": "rashomon.story.model",
    "analyze_articles": "rashomon.analysis",
    "compare": "rashomon.story",
    "quotes_report": "rashomon.story",
    "load_sources": "rashomon.ingest",
    "render_report": "rashomon.render",
}

if TYPE_CHECKING:
    from rashomon.analysis import analyze_articles
    from rashomon.analysis.model import ArticleAnalysis
    from rashomon.article import Article
    from rashomon.errors import InputError, RashomonError
    from rashomon.ingest import load_sources
    from rashomon.render import render_report
    from rashomon.settings import Settings, get_settings
    from rashomon.story import compare, quotes_report
    from rashomon.story.model import StoryReport


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'rashomon' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
