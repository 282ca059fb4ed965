"""Compare analysed articles of one story: actors, quotes, aligned units, disputes, omissions.

``compare`` and ``quotes_report`` run the analysis stage first; ``build_report`` and
``build_quotes_report`` are their pure parts over :class:`ArticleAnalysis` objects;
``story_statements`` gives the statements ``build_report`` aligns.
Names resolve on first use so that importing :mod:`rashomon.story.model` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = [
    "build_framing",
    "build_quotes_report",
    "build_report",
    "compare",
    "find_disputes",
    "find_omissions",
    "merge_actors",
    "quotes_report",
    "story_statements",
]

_LAZY = {
    "build_quotes_report": "rashomon.story.build",
    "build_report": "rashomon.story.build",
    "compare": "rashomon.story.build",
    "quotes_report": "rashomon.story.build",
    "story_statements": "rashomon.story.build",
    "find_disputes": "rashomon.story.disputes",
    "find_omissions": "rashomon.story.omissions",
    "build_framing": "rashomon.story.framing",
    "merge_actors": "rashomon.story.actors",
}

if TYPE_CHECKING:
    from rashomon.story.actors import merge_actors
    from rashomon.story.build import (
        build_quotes_report,
        build_report,
        compare,
        quotes_report,
        story_statements,
    )
    from rashomon.story.disputes import find_disputes
    from rashomon.story.framing import build_framing
    from rashomon.story.omissions import find_omissions


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'rashomon.story' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
