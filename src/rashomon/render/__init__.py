"""Render a :class:`StoryReport` for people and programs.

``render_report(report, fmt)`` returns the report as ``text`` (the terminal summary without colour),
``json`` (schema ``rashomon.report/1``), ``md`` (Markdown) or ``html`` (one self-contained
file that works offline). ``print_summary`` prints the coloured summary to a Rich console.
Formats import their libraries (Rich, Jinja2) only when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rashomon.errors import ConfigError

if TYPE_CHECKING:
    from rich.console import Console

    from rashomon.story.model import StoryReport

__all__ = ["FORMATS", "print_summary", "render_quotes", "render_report"]

#: The formats :func:`render_report` accepts.
FORMATS: tuple[str, ...] = ("text", "json", "md", "html")


def render_report(report: StoryReport, fmt: str) -> str:
    """Return ``report`` rendered as ``fmt`` (one of :data:`FORMATS`).

    Raises :class:`~rashomon.errors.ConfigError` for any other format.
    """
    if fmt == "text":
        from rashomon.render.terminal import render_text

        return render_text(report)
    if fmt == "json":
        from rashomon.render.json_report import render_json

        return render_json(report)
    if fmt == "md":
        from rashomon.render.markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from rashomon.render.html_report import render_html

        return render_html(report)
    raise ConfigError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")


def print_summary(report: StoryReport, console: Console) -> None:
    """Print a concise coloured summary of ``report`` (coverage, variants, disputes...)."""
    from rashomon.render.terminal import print_summary as _print_summary

    _print_summary(report, console)


def render_quotes(report: StoryReport) -> str:
    """Quotes and speakers document by document, as plain text (``rashomon quotes``)."""
    from rashomon.render.terminal import render_quotes as _render_quotes

    return _render_quotes(report)
