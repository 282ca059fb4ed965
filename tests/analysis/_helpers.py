"""Helpers shared by the analysis tests."""

from __future__ import annotations

from rashomon.analysis.model import ArticleAnalysis, Quote


def quote(analysis: ArticleAnalysis, text: str) -> Quote:
    """The quote whose content is ``text`` (fails with the quotes found)."""
    for q in analysis.quotes:
        if q.text == text:
            return q
    found = "\n".join(f"  {q.kind}: {q.text!r}" for q in analysis.quotes)
    raise AssertionError(f"no quote {text!r}; found:\n{found}")


def speaker_name(analysis: ArticleAnalysis, q: Quote) -> str | None:
    actor = analysis.actor(q.speaker)
    return actor.name if actor is not None else None
